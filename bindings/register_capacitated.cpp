// slmatch._core.capacitated: the Problem type (edge arrays, capacities, constraints and groups,
// checked once) and capacitated assignment on it, solved with the GIL released and returned with
// its certificate; the verifier; and plans with groups (the grouped solvers). The public wrappers
// live in slmatch/capacitated.py.

#include "register.hpp"

#include "slmatch/fair/grouped_objectives.hpp"
#include "slmatch/fair/household_conflicts.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/greedy.hpp"
#include "slmatch/solve/grouped_constraints.hpp"
#include "slmatch/solve/grouped_k_best.hpp"
#include "slmatch/solve/groups.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/solve/k_best.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
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

/// A capacitated problem with the constraints its solvers take, built and checked once; the
/// compiled side of `slmatch.capacitated.Problem`.
struct bound_problem {
  capacitated_problem instance;
  std::vector<pair_constraint> pins;
  std::vector<pair_constraint> forbids;
  std::vector<person_conflict> conflicts;
  std::optional<std::vector<std::int64_t>> waiting_days;
  double resolution = 1.0;           ///< the score one integer weight unit stands for
  std::vector<problem_group> groups; ///< people placed together (bonuses in weight units)

  /// The problem with its groups, for the grouped solvers.
  grouped_problem grouped() const { return {instance, groups}; }
};

/// The problem behind the edge arrays; shapes and ranges are checked here, the rest by
/// `check_problem`.
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

/// Pairs from an n x 2 index array (None or an empty array: no pairs).
std::vector<pair_constraint> pairs_of(const py::object& given, const char* what) {
  if (given.is_none()) return {};
  const auto table = py::cast<int_array>(given);
  if (table.size() == 0) return {};
  if (table.ndim() != 2 || table.shape(1) != 2)
    throw validation_error({{"options", what, "must be a list of (person, household) pairs"}});
  std::vector<problem> found;
  std::vector<pair_constraint> pairs;
  for (py::ssize_t i = 0; i < table.shape(0); ++i) {
    // "pins" -> "pin 3", "forbids" -> "forbid 3"
    const auto record = [&] {
      return std::string(what).substr(0, std::string(what).size() - 1) + " " + std::to_string(i);
    };
    pairs.push_back({narrowed(table.at(i, 0), record, "person", found),
                     narrowed(table.at(i, 1), record, "household", found)});
  }
  if (!found.empty()) throw validation_error(std::move(found));
  return pairs;
}

/// Groups from a list of (members, required, host households, host bonuses) tuples (None or an
/// empty list: no groups).
std::vector<problem_group> groups_of(const py::object& given) {
  std::vector<problem_group> groups;
  if (given.is_none()) return groups;
  std::vector<problem> found;
  const auto list = py::cast<py::list>(given);
  for (std::size_t g = 0; g < list.size(); ++g) {
    const record_name record{"group", static_cast<std::int64_t>(g)};
    const auto entry = py::cast<py::tuple>(list[g]);
    if (entry.size() != 4)
      throw validation_error(
          {{record(), "", "must be (members, required, host households, host bonuses)"}});
    problem_group group;
    const auto members = py::cast<int_array>(entry[0]);
    for (py::ssize_t i = 0; i < members.size(); ++i)
      group.members.push_back(narrowed(members.data()[i], record, "members", found));
    group.required = py::cast<bool>(entry[1]);
    const auto households = py::cast<int_array>(entry[2]);
    const auto bonuses = py::cast<int_array>(entry[3]);
    if (households.size() != bonuses.size())
      found.push_back({record(), "hosts", "households and bonuses must have the same length"});
    for (py::ssize_t i = 0; i < std::min(households.size(), bonuses.size()); ++i)
      group.hosts.push_back(
          {narrowed(households.data()[i], record, "hosts", found), bonuses.data()[i]});
    groups.push_back(std::move(group));
  }
  if (!found.empty()) throw validation_error(std::move(found));
  return groups;
}

/// Pairs as an n x 2 NumPy array.
template <class Pair>
py::array_t<std::int64_t> table_of(const std::vector<Pair>& pairs, int Pair::*first,
                                   int Pair::*second) {
  py::array_t<std::int64_t> table({static_cast<py::ssize_t>(pairs.size()), py::ssize_t{2}});
  auto cells = table.mutable_unchecked<2>();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    cells(static_cast<py::ssize_t>(i), 0) = pairs[i].*first;
    cells(static_cast<py::ssize_t>(i), 1) = pairs[i].*second;
  }
  return table;
}

/// Build and check a problem: the arrays' shapes and ranges, then the problem, its pins and
/// forbids and its conflicts, each raising slmatch.ValidationError naming the record and field.
bound_problem make_problem(const int_array& person, const int_array& household,
                           const int_array& weight, const int_array& capacity, std::int64_t people,
                           const py::object& pins, const py::object& forbids,
                           const py::object& conflicts, const py::object& waiting_days,
                           double resolution, const py::object& groups) {
  if (!std::isfinite(resolution) || resolution <= 0)
    throw validation_error(
        {{"options", "resolution", "must be > 0 (is " + std::to_string(resolution) + ")"}});
  bound_problem built;
  built.instance = problem_of(person, household, weight, capacity, people);
  built.pins = pairs_of(pins, "pins");
  built.forbids = pairs_of(forbids, "forbids");
  for (const auto& pair : pairs_of(conflicts, "conflicts"))
    built.conflicts.push_back({pair.person, pair.household});
  if (!waiting_days.is_none()) {
    const auto days = py::cast<int_array>(waiting_days);
    built.waiting_days.emplace(days.data(), days.data() + days.size());
  }
  built.resolution = resolution;
  built.groups = groups_of(groups);
  if (built.groups.empty())
    check_constraints(built.instance, built.pins, built.forbids);
  else
    check_grouped_constraints(built.grouped(), built.pins, built.forbids);
  if (!built.conflicts.empty()) check_conflicts(built.instance, built.conflicts);
  return built;
}

/// Refuse the constraints a solver does not take, rather than ignore them.
void refuse_unused(const bound_problem& given, bool takes_pairs, bool takes_conflicts,
                   const char* solver, bool takes_groups = false) {
  std::vector<problem> found;
  const std::string taken = std::string("are not taken by ") + solver;
  if (!takes_pairs && !given.pins.empty()) found.push_back({"problem", "pins", taken});
  if (!takes_pairs && !given.forbids.empty()) found.push_back({"problem", "forbids", taken});
  if (!takes_conflicts && !given.conflicts.empty())
    found.push_back({"problem", "conflicts", taken});
  if (!takes_groups && !given.groups.empty()) found.push_back({"problem", "groups", taken});
  if (!found.empty()) throw validation_error(std::move(found));
}

/// The grouped solvers' options: the flow's threads, the programmes' default time limit.
grouped_options grouped_solving(int threads) {
  grouped_options options;
  options.flow.threads = std::max(threads, 1);
  return options;
}

/// (household_of, matched, total, person_price, household_price, bonus). With pins or
/// forbids the prices certify the plan of the reduced problem (pinned people removed,
/// capacities lowered, forbidden pairs dropped); a pinned person's price is 0.
py::tuple assign(const bound_problem& given, const std::string& goal_name, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  refuse_unused(given, true, false, "assign_capacitated");
  const capacitated_problem& instance = given.instance;
  constrained_plan plan;
  std::vector<std::int64_t> person_price;
  {
    py::gil_scoped_release release;
    const reduced_problem reduced = reduce_problem(instance, given.pins, given.forbids);
    threaded_solver solver{std::max(threads, 1)};
    plan = detail::solve_reduced(reduced, goal, given.pins,
                                 static_cast<std::size_t>(instance.people), solver);
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

void verify(const bound_problem& given, const std::string& goal_name, const int_array& household_of,
            const int_array& person_price, const int_array& household_price, std::int64_t bonus) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  refuse_unused(given, true, false, "verify_capacitated");
  const capacitated_problem& instance = given.instance;
  std::vector<problem> found;
  constrained_plan plan;
  for (py::ssize_t p = 0; p < household_of.size(); ++p)
    plan.household_of.push_back(
        narrowed(household_of.data()[p], record_name{"person", p}, "household_of", found));
  if (!found.empty()) throw validation_error(std::move(found));
  py::gil_scoped_release release;
  const reduced_problem reduced = reduce_problem(instance, given.pins, given.forbids);
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
  verify_constrained(instance, goal, given.pins, given.forbids, plan);
}

/// The best plan respecting the groups, pins and forbids: (household_of, matched, total,
/// group_household, together_total, proven_optimal).
py::tuple assign_grouped(const bound_problem& given, const std::string& goal_name, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  refuse_unused(given, true, false, "assign_grouped", true);
  grouped_constrained_plan plan;
  {
    py::gil_scoped_release release;
    plan = solve_grouped_constrained(given.grouped(), goal, given.pins, given.forbids,
                                     grouped_solving(threads));
  }
  return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                        to_numpy<std::int64_t>(plan.group_household), plan.together_total,
                        plan.proven_optimal());
}

/// The K best distinct plans: a list of (household_of, matched, total), best first.
py::list k_best(const bound_problem& given, const std::string& goal_name, std::int64_t k,
                int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  if (k < 0)
    throw validation_error({{"options", "k", "must be >= 0 (is " + std::to_string(k) + ")"}});
  refuse_unused(given, true, false, "k_best_plans", true);
  py::list listed;
  const auto list = [&](const auto& plans) {
    for (const auto& ranked : plans)
      listed.append(py::make_tuple(to_numpy<std::int64_t>(ranked.plan.household_of),
                                   ranked.plan.matched, ranked.plan.total));
  };
  if (!given.groups.empty()) {
    std::vector<grouped_ranked_plan> plans;
    {
      py::gil_scoped_release release;
      plans = grouped_k_best_plans(given.grouped(), goal, static_cast<std::size_t>(k), given.pins,
                                   given.forbids, grouped_solving(threads));
    }
    list(plans);
    return listed;
  }
  std::vector<ranked_plan> plans;
  {
    py::gil_scoped_release release;
    plans = k_best_plans(given.instance, goal, static_cast<std::size_t>(k), given.pins,
                         given.forbids, threaded_solver{std::max(threads, 1)});
  }
  list(plans);
  return listed;
}

/// Re-solve keeping people where they were unless moving them pays:
/// (household_of, matched, total, kept, keepable, changes), `changes` a tuple of arrays
/// (person, kind, cause, previous_household, household).
py::tuple reassign(const bound_problem& given, const std::string& goal_name,
                   const int_array& previous, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  refuse_unused(given, false, false, "reassign_capacitated");
  std::vector<problem> found;
  std::vector<int> previous_household_of;
  for (py::ssize_t p = 0; p < previous.size(); ++p)
    previous_household_of.push_back(
        narrowed(previous.data()[p], record_name{"person", p}, "previous", found));
  if (!found.empty()) throw validation_error(std::move(found));
  incremental_plan plan;
  {
    py::gil_scoped_release release;
    plan = solve_incremental(given.instance, goal, previous_household_of,
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
py::tuple fair(const bound_problem& given, const std::string& goal_name,
               const std::string& rule_name, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  const auto rule = parse_name<fairness_rule>(rule_name, "options", "rule");
  if (rule == fairness_rule::waiting_priority && !given.waiting_days)
    throw validation_error({{"options", "waiting_days", "is needed for waiting_priority"}});
  refuse_unused(given, false, false, "assign_fair", true);
  const capacitated_problem& instance = given.instance;
  if (!given.groups.empty()) {
    grouped_fair_plan plan;
    {
      py::gil_scoped_release release;
      const grouped_problem grouped = given.grouped();
      const grouped_options options = grouped_solving(threads);
      switch (rule) {
      case fairness_rule::egalitarian:
        plan = solve_grouped_egalitarian(grouped, goal, options);
        break;
      case fairness_rule::leximin:
        plan = solve_grouped_leximin(grouped, goal, options);
        break;
      case fairness_rule::waiting_priority:
        plan = solve_grouped_waiting_priority(grouped, goal, *given.waiting_days, options);
        break;
      }
    }
    return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                          plan.lowest, plan.cost.plain_matched, plan.cost.plain_total,
                          to_numpy<std::int64_t>(plan.thresholds));
  }
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
      plan = solve_waiting_priority(instance, goal, *given.waiting_days, solver);
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
py::tuple without_conflicts(const bound_problem& given, const std::string& goal_name, int threads) {
  const auto goal = parse_name<objective>(goal_name, "options", "objective");
  refuse_unused(given, false, true, "assign_without_conflicts");
  const capacitated_problem& instance = given.instance;
  conflict_free_plan plan;
  {
    py::gil_scoped_release release;
    plan = solve_without_conflicts(instance, goal, given.conflicts,
                                   threaded_solver{std::max(threads, 1)});
    verify_constrained(instance, goal, plan.pins, plan.forbids, plan.constrained);
  }
  return py::make_tuple(to_numpy<std::int64_t>(plan.household_of), plan.matched, plan.total,
                        plan.unconstrained_matched, plan.unconstrained_total);
}

/// The greedy plan (best pairs first while both sides are free): household_of.
py::array_t<std::int64_t> greedy(const bound_problem& given) {
  refuse_unused(given, false, false, "the greedy solver");
  std::vector<int> plan;
  {
    py::gil_scoped_release release;
    plan = greedy_plan(given.instance);
  }
  return to_numpy<std::int64_t>(plan);
}

/// Groups as `groups_of` reads them.
py::list groups_state(const bound_problem& given) {
  py::list groups;
  for (const problem_group& group : given.groups) {
    std::vector<std::int64_t> households, bonuses;
    for (const auto& host : group.hosts) {
      households.push_back(host.household);
      bonuses.push_back(host.bonus);
    }
    groups.append(py::make_tuple(to_numpy<std::int64_t>(group.members), group.required,
                                 to_numpy<std::int64_t>(households),
                                 to_numpy<std::int64_t>(bonuses)));
  }
  return groups;
}

/// The arrays `make_problem` takes, so a problem pickles as its own constructor's arguments.
py::tuple state_of(const bound_problem& given) {
  std::vector<std::int64_t> person, household, weight;
  for (const auto& e : given.instance.edges) {
    person.push_back(e.person);
    household.push_back(e.household);
    weight.push_back(e.weight);
  }
  return py::make_tuple(
      to_numpy<std::int64_t>(person), to_numpy<std::int64_t>(household),
      to_numpy<std::int64_t>(weight), to_numpy<std::int64_t>(given.instance.capacity),
      given.instance.people,
      table_of(given.pins, &pair_constraint::person, &pair_constraint::household),
      table_of(given.forbids, &pair_constraint::person, &pair_constraint::household),
      table_of(given.conflicts, &person_conflict::first, &person_conflict::second),
      given.waiting_days ? py::object(to_numpy<std::int64_t>(*given.waiting_days)) : py::none(),
      given.resolution, groups_state(given));
}

bound_problem problem_from_state(const py::tuple& state) {
  if (state.size() != 11) throw std::runtime_error("invalid pickle state");
  return make_problem(state[0].cast<int_array>(), state[1].cast<int_array>(),
                      state[2].cast<int_array>(), state[3].cast<int_array>(),
                      state[4].cast<std::int64_t>(), state[5], state[6], state[7], state[8],
                      state[9].cast<double>(), state[10]);
}

} // namespace

void register_capacitated(py::module_& m) {
  py::class_<bound_problem>(m, "Problem",
                            "A capacitated problem (edges, capacities, people) with its pins, "
                            "forbids, conflicts, waiting days and groups, checked once when built.")
      .def(py::init(&make_problem), py::arg("person"), py::arg("household"), py::arg("weight"),
           py::arg("capacity"), py::arg("people"), py::kw_only(), py::arg("pins") = py::none(),
           py::arg("forbids") = py::none(), py::arg("conflicts") = py::none(),
           py::arg("waiting_days") = py::none(), py::arg("resolution") = 1.0,
           py::arg("groups") = py::none())
      .def_property_readonly("people", [](const bound_problem& p) { return p.instance.people; })
      .def_property_readonly("households",
                             [](const bound_problem& p) { return p.instance.capacity.size(); })
      .def_property_readonly("edges",
                             [](const bound_problem& p) { return p.instance.edges.size(); })
      .def_readonly("resolution", &bound_problem::resolution)
      .def_property_readonly(
          "capacity",
          [](const bound_problem& p) { return to_numpy<std::int64_t>(p.instance.capacity); })
      .def_property_readonly("pins",
                             [](const bound_problem& p) {
                               return table_of(p.pins, &pair_constraint::person,
                                               &pair_constraint::household);
                             })
      .def_property_readonly("forbids",
                             [](const bound_problem& p) {
                               return table_of(p.forbids, &pair_constraint::person,
                                               &pair_constraint::household);
                             })
      .def_property_readonly("conflicts",
                             [](const bound_problem& p) {
                               return table_of(p.conflicts, &person_conflict::first,
                                               &person_conflict::second);
                             })
      .def_property_readonly("waiting_days",
                             [](const bound_problem& p) -> py::object {
                               if (!p.waiting_days) return py::none();
                               return to_numpy<std::int64_t>(*p.waiting_days);
                             })
      .def_property_readonly("groups", &groups_state)
      .def("arrays", &state_of,
           "The constructor's arguments: (person, household, weight, capacity, people, pins, "
           "forbids, conflicts, waiting_days, resolution, groups).")
      .def(make_pickle<bound_problem, py::tuple>(&state_of, &problem_from_state));
  m.def("assign", &assign, py::arg("problem"), py::arg("objective"), py::arg("threads"),
        "Capacitated assignment: (household_of, matched, total, person_price, "
        "household_price, bonus).");
  m.def("verify", &verify, py::arg("problem"), py::arg("objective"), py::arg("household_of"),
        py::arg("person_price"), py::arg("household_price"), py::arg("bonus"),
        "Check a capacitated plan and its certificate; raise SlmatchError saying what fails.");
  m.def("assign_grouped", &assign_grouped, py::arg("problem"), py::arg("objective"),
        py::arg("threads"),
        "The best plan respecting the groups: (household_of, matched, total, group_household, "
        "together_total, proven_optimal).");
  m.def("k_best", &k_best, py::arg("problem"), py::arg("objective"), py::arg("k"),
        py::arg("threads"),
        "The K best distinct plans by Murty's method: [(household_of, matched, total)].");
  m.def("reassign", &reassign, py::arg("problem"), py::arg("objective"), py::arg("previous"),
        py::arg("threads"),
        "Re-solve moving people from their previous household only when it pays.");
  m.def("fair", &fair, py::arg("problem"), py::arg("objective"), py::arg("rule"),
        py::arg("threads"),
        "A plan optimal for a fairness rule, with its cost against the plain optimum.");
  m.def("without_conflicts", &without_conflicts, py::arg("problem"), py::arg("objective"),
        py::arg("threads"), "The best plan placing no two conflicting people in one household.");
  m.def("greedy", &greedy, py::arg("problem"),
        "The greedy plan: pairs by weight descending, taken while both sides are free.");
}

} // namespace slmatch::bindings
