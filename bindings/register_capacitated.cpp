// slmatch._core's capacitated assignment: people to households with places, on edge arrays,
// solved with the GIL released and returned with its certificate; and the verifier that
// checks any plan against that certificate. The public wrappers live in slmatch/capacitated.py.

#include "register.hpp"

#include "slmatch/fair/household_conflicts.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/greedy.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/solve/k_best.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace {

using int_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

/// An index that must fit in an int; out-of-range values are reported, not wrapped. The
/// record is named only when something is wrong, so large inputs pay nothing for it.
template <class Record>
int narrowed(std::int64_t value, const Record& record, const char* field,
             std::vector<problem>& found) {
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    found.push_back({record(), field, "is out of range (" + std::to_string(value) + ")"});
    return 0;
  }
  return static_cast<int>(value);
}

/// "<kind> <index>", built lazily.
struct record_name {
  const char* kind;
  std::int64_t index;
  std::string operator()() const { return std::string(kind) + " " + std::to_string(index); }
};

/// The problem behind the edge arrays; shapes and ranges are checked here, the rest by
/// `check_problem` inside the solver and verifier.
capacitated_problem problem_of(const int_array& person, const int_array& household,
                               const int_array& weight, const int_array& capacity,
                               std::int64_t people) {
  for (const py::array* vector :
       {static_cast<const py::array*>(&person), static_cast<const py::array*>(&household),
        static_cast<const py::array*>(&weight), static_cast<const py::array*>(&capacity)})
    if (vector->ndim() != 1)
      throw validation_error({{"problem", "arrays",
                               "person, household, score and capacity "
                               "must be 1-D arrays"}});
  if (person.size() != household.size() || person.size() != weight.size())
    throw validation_error(
        {{"problem", "edges",
          "person, household and score must have the same length (are " +
              std::to_string(person.size()) + ", " + std::to_string(household.size()) + ", " +
              std::to_string(weight.size()) + ")"}});
  std::vector<problem> found;
  capacitated_problem built;
  built.people = narrowed(
      people, [] { return std::string("problem"); }, "people", found);
  built.capacity.resize(static_cast<std::size_t>(capacity.size()));
  for (py::ssize_t h = 0; h < capacity.size(); ++h)
    built.capacity[static_cast<std::size_t>(h)] =
        narrowed(capacity.data()[h], record_name{"household", h}, "capacity", found);
  built.edges.resize(static_cast<std::size_t>(person.size()));
  for (py::ssize_t i = 0; i < person.size(); ++i) {
    auto& e = built.edges[static_cast<std::size_t>(i)];
    const record_name record{"edge", i};
    e.person = narrowed(person.data()[i], record, "person", found);
    e.household = narrowed(household.data()[i], record, "household", found);
    e.weight = weight.data()[i];
  }
  if (!found.empty()) throw validation_error(std::move(found));
  return built;
}

/// Pairs from two index arrays of equal length.
std::vector<pair_constraint> pairs_of(const int_array& person, const int_array& household,
                                      const char* what) {
  if (person.ndim() != 1 || household.ndim() != 1 || person.size() != household.size())
    throw validation_error({{"options", what, "must be a list of (person, household) pairs"}});
  std::vector<problem> found;
  std::vector<pair_constraint> pairs;
  for (py::ssize_t i = 0; i < person.size(); ++i) {
    // "pins" -> "pin 3", "forbids" -> "forbid 3"
    const auto record = [&] {
      return std::string(what).substr(0, std::string(what).size() - 1) + " " + std::to_string(i);
    };
    pairs.push_back({narrowed(person.data()[i], record, "person", found),
                     narrowed(household.data()[i], record, "household", found)});
  }
  if (!found.empty()) throw validation_error(std::move(found));
  return pairs;
}

/// (household_of, matched, total, person_price, household_price, bonus). With pins or
/// forbids the prices certify the plan of the reduced problem (pinned people removed,
/// capacities lowered, forbidden pairs dropped); a pinned person's price is 0.
py::tuple assign(const int_array& person, const int_array& household, const int_array& weight,
                 const int_array& capacity, std::int64_t people, const std::string& goal_name,
                 const int_array& pin_person, const int_array& pin_household,
                 const int_array& forbid_person, const int_array& forbid_household, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  const auto pins = pairs_of(pin_person, pin_household, "pins");
  const auto forbids = pairs_of(forbid_person, forbid_household, "forbids");
  constrained_plan plan;
  std::vector<std::int64_t> person_price;
  {
    py::gil_scoped_release release;
    const reduced_problem reduced = reduce_problem(instance, pins, forbids);
    threaded_solver solver{std::max(threads, 1)};
    plan = detail::solve_reduced(reduced, goal, pins, static_cast<std::size_t>(instance.people),
                                 solver);
    person_price.assign(static_cast<std::size_t>(instance.people), 0);
    for (std::size_t r = 0; r < reduced.original_person.size(); ++r)
      person_price[static_cast<std::size_t>(reduced.original_person[r])] =
          plan.reduced_plan.certificate.person_price[r];
  }
  return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                        to_numpy<std::int64_t>(person_price),
                        to_numpy<std::int64_t>(plan.reduced_plan.certificate.household_price),
                        plan.reduced_plan.certificate.bonus);
}

void verify(const int_array& person, const int_array& household, const int_array& weight,
            const int_array& capacity, std::int64_t people, const std::string& goal_name,
            const int_array& pin_person, const int_array& pin_household,
            const int_array& forbid_person, const int_array& forbid_household,
            const int_array& household_of, const int_array& person_price,
            const int_array& household_price, std::int64_t bonus) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  const auto pins = pairs_of(pin_person, pin_household, "pins");
  const auto forbids = pairs_of(forbid_person, forbid_household, "forbids");
  std::vector<problem> found;
  constrained_plan plan;
  for (py::ssize_t p = 0; p < household_of.size(); ++p)
    plan.household_of.push_back(
        narrowed(household_of.data()[p], record_name{"person", p}, "household_of", found));
  if (!found.empty()) throw validation_error(std::move(found));
  py::gil_scoped_release release;
  const reduced_problem reduced = reduce_problem(instance, pins, forbids);
  if (plan.household_of.size() != static_cast<std::size_t>(instance.people) ||
      static_cast<std::size_t>(person_price.size()) != plan.household_of.size())
    throw error("plan has " + std::to_string(plan.household_of.size()) + " entries and " +
                std::to_string(person_price.size()) + " prices for " +
                std::to_string(instance.people) + " people");
  // The counts are recomputed from the assignment, so the verifier judges the plan itself.
  const detail::edges_by_person by_person(instance);
  for (std::size_t p = 0; p < plan.household_of.size(); ++p) {
    const int h = plan.household_of[p];
    if (h < 0) continue;
    ++plan.matched;
    const int e = by_person.find(instance, static_cast<int>(p), h);
    if (e >= 0) plan.total += instance.edges[static_cast<std::size_t>(e)].weight;
  }
  capacitated_plan& part = plan.reduced_plan;
  const detail::edges_by_person reduced_by_person(reduced.problem);
  for (std::size_t r = 0; r < reduced.original_person.size(); ++r) {
    const auto p = static_cast<std::size_t>(reduced.original_person[r]);
    const int h = plan.household_of[p];
    part.household_of.push_back(h);
    part.certificate.person_price.push_back(person_price.data()[p]);
    if (h < 0) continue;
    ++part.matched;
    const int e = reduced_by_person.find(reduced.problem, static_cast<int>(r), h);
    if (e >= 0) part.total += reduced.problem.edges[static_cast<std::size_t>(e)].weight;
  }
  part.certificate.household_price.assign(household_price.data(),
                                          household_price.data() + household_price.size());
  part.certificate.bonus = bonus;
  verify_constrained(instance, goal, pins, forbids, plan);
}

/// The K best distinct plans: a list of (household_of, matched, total), best first.
py::list k_best(const int_array& person, const int_array& household, const int_array& weight,
                const int_array& capacity, std::int64_t people, const std::string& goal_name,
                std::int64_t k, const int_array& pin_person, const int_array& pin_household,
                const int_array& forbid_person, const int_array& forbid_household, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  if (k < 0)
    throw validation_error({{"options", "k", "must be >= 0 (is " + std::to_string(k) + ")"}});
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  const auto pins = pairs_of(pin_person, pin_household, "pins");
  const auto forbids = pairs_of(forbid_person, forbid_household, "forbids");
  std::vector<ranked_plan> plans;
  {
    py::gil_scoped_release release;
    plans = k_best_plans(instance, goal, static_cast<std::size_t>(k), pins, forbids,
                         threaded_solver{std::max(threads, 1)});
  }
  py::list listed;
  for (const auto& ranked : plans)
    listed.append(py::make_tuple(to_numpy<std::int64_t>(ranked.plan.household_of),
                                 ranked.plan.matched, ranked.plan.total));
  return listed;
}

/// Re-solve keeping people where they were unless moving them pays:
/// (household_of, matched, total, kept, keepable, changes), `changes` a tuple of arrays
/// (person, kind, cause, previous_household, household).
py::tuple reassign(const int_array& person, const int_array& household, const int_array& weight,
                   const int_array& capacity, std::int64_t people, const std::string& goal_name,
                   const int_array& previous, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  std::vector<problem> found;
  std::vector<int> previous_household_of;
  for (py::ssize_t p = 0; p < previous.size(); ++p)
    previous_household_of.push_back(
        narrowed(previous.data()[p], record_name{"person", p}, "previous", found));
  if (!found.empty()) throw validation_error(std::move(found));
  incremental_plan plan;
  {
    py::gil_scoped_release release;
    plan = solve_incremental(instance, goal, previous_household_of,
                             threaded_solver{std::max(threads, 1)});
  }
  std::vector<std::int64_t> who, kind, cause, before, after;
  for (const auto& change : plan.changes) {
    who.push_back(change.person);
    kind.push_back(static_cast<std::int64_t>(change.kind));
    cause.push_back(static_cast<std::int64_t>(change.cause));
    before.push_back(change.previous_household);
    after.push_back(change.household);
  }
  return py::make_tuple(
      to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total, plan.kept, plan.keepable,
      py::make_tuple(to_numpy<std::int64_t>(who), to_numpy<std::int64_t>(kind),
                     to_numpy<std::int64_t>(cause), to_numpy<std::int64_t>(before),
                     to_numpy<std::int64_t>(after)));
}

/// A fair plan: (household_of, matched, total, lowest, plain_matched, plain_total,
/// thresholds). The plan's certificate is verified before it is returned.
py::tuple fair(const int_array& person, const int_array& household, const int_array& weight,
               const int_array& capacity, std::int64_t people, const std::string& goal_name,
               const std::string& rule_name, const int_array& waiting_days, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  const auto rule = parse_name<fairness_rule>(rule_name, "options", "rule");
  const std::vector<std::int64_t> waiting(waiting_days.data(),
                                          waiting_days.data() + waiting_days.size());
  fair_plan plan;
  {
    py::gil_scoped_release release;
    const threaded_solver solver{std::max(threads, 1)};
    switch (rule) {
    case fairness_rule::egalitarian:
      plan = solve_egalitarian(instance, goal, solver);
      break;
    case fairness_rule::leximin:
      plan = solve_leximin(instance, goal, solver);
      break;
    case fairness_rule::waiting_priority:
      plan = solve_waiting_priority(instance, goal, waiting, solver);
      break;
    }
    verify_plan(plan.solved_problem, plan.solved_goal, plan.solved_plan);
  }
  return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                        plan.lowest, plan.cost.plain_matched, plan.cost.plain_total,
                        to_numpy<std::int64_t>(plan.thresholds));
}

/// The best plan with no two conflicting people in one household: (household_of, matched,
/// total, unconstrained_matched, unconstrained_total). Its branch's certificate is verified.
py::tuple without_conflicts(const int_array& person, const int_array& household,
                            const int_array& weight, const int_array& capacity, std::int64_t people,
                            const std::string& goal_name, const int_array& first,
                            const int_array& second, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  const auto pairs = pairs_of(first, second, "conflicts");
  std::vector<person_conflict> conflicts;
  for (const auto& pair : pairs) conflicts.push_back({pair.person, pair.household});
  conflict_free_plan plan;
  {
    py::gil_scoped_release release;
    plan =
        solve_without_conflicts(instance, goal, conflicts, threaded_solver{std::max(threads, 1)});
    verify_constrained(instance, goal, plan.pins, plan.forbids, plan.constrained);
  }
  return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                        plan.unconstrained_matched, plan.unconstrained_total);
}

/// The greedy plan (best pairs first while both sides are free): household_of.
py::array_t<std::int64_t> greedy(const int_array& person, const int_array& household,
                                 const int_array& weight, const int_array& capacity,
                                 std::int64_t people) {
  const capacitated_problem instance = problem_of(person, household, weight, capacity, people);
  std::vector<int> plan;
  {
    py::gil_scoped_release release;
    check_problem(instance);
    plan = greedy_plan(instance);
  }
  return to_numpy<std::int64_t>(plan);
}

} // namespace

void register_capacitated(py::module_& m) {
  m.def("_assign_capacitated", &assign, py::arg("person"), py::arg("household"), py::arg("weight"),
        py::arg("capacity"), py::arg("people"), py::arg("objective"), py::arg("pin_person"),
        py::arg("pin_household"), py::arg("forbid_person"), py::arg("forbid_household"),
        py::arg("threads"),
        "Capacitated assignment on edge arrays: (household_of, matched, total, person_price, "
        "household_price, bonus).");
  m.def("_verify_capacitated", &verify, py::arg("person"), py::arg("household"), py::arg("weight"),
        py::arg("capacity"), py::arg("people"), py::arg("objective"), py::arg("pin_person"),
        py::arg("pin_household"), py::arg("forbid_person"), py::arg("forbid_household"),
        py::arg("household_of"), py::arg("person_price"), py::arg("household_price"),
        py::arg("bonus"),
        "Check a capacitated plan and its certificate; raise SlmatchError saying what fails.");
  m.def("_k_best_capacitated", &k_best, py::arg("person"), py::arg("household"), py::arg("weight"),
        py::arg("capacity"), py::arg("people"), py::arg("objective"), py::arg("k"),
        py::arg("pin_person"), py::arg("pin_household"), py::arg("forbid_person"),
        py::arg("forbid_household"), py::arg("threads"),
        "The K best distinct plans by Murty's method: [(household_of, matched, total)].");
  m.def("_reassign_capacitated", &reassign, py::arg("person"), py::arg("household"),
        py::arg("weight"), py::arg("capacity"), py::arg("people"), py::arg("objective"),
        py::arg("previous"), py::arg("threads"),
        "Re-solve moving people from their previous household only when it pays.");
  m.def("_fair_capacitated", &fair, py::arg("person"), py::arg("household"), py::arg("weight"),
        py::arg("capacity"), py::arg("people"), py::arg("objective"), py::arg("rule"),
        py::arg("waiting_days"), py::arg("threads"),
        "A plan optimal for a fairness rule, with its cost against the plain optimum.");
  m.def("_conflict_free_capacitated", &without_conflicts, py::arg("person"), py::arg("household"),
        py::arg("weight"), py::arg("capacity"), py::arg("people"), py::arg("objective"),
        py::arg("first"), py::arg("second"), py::arg("threads"),
        "The best plan placing no two conflicting people in one household.");
  m.def("_greedy_capacitated", &greedy, py::arg("person"), py::arg("household"), py::arg("weight"),
        py::arg("capacity"), py::arg("people"),
        "The greedy plan: pairs by weight descending, taken while both sides are free.");
}

} // namespace slmatch::bindings
