#pragma once
/// Pins and forbids on the capacitated assignment problem: "she must stay with this
/// household", "never propose this pair".
///
/// In: a `capacitated_problem`, an `objective`, pins ((person, household) pairs that must be
/// in the plan, or (person, -1): the person must stay unmatched) and forbids (pairs that
/// must not be). Out: the best plan obeying them, with a certificate that proves it.
///
/// How the constraints are made exact: the plans obeying pins and forbids correspond one to
/// one with the plans of a *reduced problem* (`reduce_problem`): pinned people removed,
/// each pinned household's capacity lowered by its pins, forbidden edges dropped. A plan's
/// matched count and total are those of its reduced part plus the constants of the pins, so
/// the objective (matched then total, or total) orders constrained plans exactly as it
/// orders reduced plans. The best reduced plan, proved optimal by its own `verify_plan`
/// certificate, therefore gives the best constrained plan; `verify_constrained` checks that
/// chain. No weight is changed, so no new overflow can arise.
///
/// Every function takes the solver as a callable `plan(const capacitated_problem&,
/// objective) -> capacitated_plan` (default `threaded_solver`, the fast solver on one
/// thread), so any solver plugs in without changing the callers; the plan is trusted because
/// its certificate verifies.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// A (person, household) pair named by a pin or a forbid. In a pin, household -1 means
/// "the person stays unmatched".
struct pair_constraint {
  int person = 0;
  int household = 0;
};

/// The problem whose plans are exactly the plans obeying some pins and forbids, minus the
/// pinned people (see the top of this file).
struct reduced_problem {
  capacitated_problem problem;      ///< unpinned people, renumbered 0.. in original order
  std::vector<int> original_person; ///< per reduced person: its index in the original problem
  std::vector<int> original_edge;   ///< per reduced edge: its index in the original problem
  std::vector<int> reduced_person;  ///< per original person: reduced index, or -1 when pinned
  int pinned_matched = 0;           ///< people pinned to a household
  std::int64_t pinned_total = 0;    ///< sum of the pinned edges' weights
};

/// The best plan obeying pins and forbids, with the certificate that proves it.
struct constrained_plan {
  std::vector<int> household_of; ///< per person of the original problem: household or -1
  int matched = 0;               ///< over the whole plan, pinned people included
  std::int64_t total = 0;        ///< over the whole plan, pinned weights included
  /// The plan of the reduced problem (`reduce_problem` with the same pins and forbids) with
  /// its optimality certificate; its people are the reduced problem's.
  capacitated_plan reduced_plan;
};

namespace detail {

/// The problems of the pins and forbids (not of the problem itself), in pin then forbid
/// order. Assumes `problem` passed `check_problem`.
inline std::vector<slmatch::problem>
constraint_problems(const capacitated_problem& problem, const edges_by_person& by_person,
                    const std::vector<pair_constraint>& pins,
                    const std::vector<pair_constraint>& forbids) {
  std::vector<slmatch::problem> found;
  auto str = [](auto value) { return std::to_string(value); };
  const int people = problem.people;
  const int households = static_cast<int>(problem.capacity.size());
  std::vector<int> pin_of(static_cast<std::size_t>(people), -1); // first pin of each person
  std::vector<int> pins_at(static_cast<std::size_t>(households), 0);
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const pair_constraint& pin = pins[i];
    const std::string record = "pin " + str(i);
    const bool person_ok = pin.person >= 0 && pin.person < people;
    const bool household_ok = pin.household >= -1 && pin.household < households;
    if (!person_ok)
      found.push_back(
          {record, "person", "must be in [0, " + str(people) + ") (is " + str(pin.person) + ")"});
    if (!household_ok)
      found.push_back({record, "household",
                       "must be -1 (unmatched) or in [0, " + str(households) + ") (is " +
                           str(pin.household) + ")"});
    if (!person_ok || !household_ok) continue;
    int& first = pin_of[static_cast<std::size_t>(pin.person)];
    if (first >= 0) {
      found.push_back({record, "person",
                       "person " + str(pin.person) + " is already pinned by pin " + str(first)});
      continue;
    }
    first = static_cast<int>(i);
    if (pin.household < 0) continue;
    if (by_person.find(problem, pin.person, pin.household) < 0) {
      found.push_back({record, "household",
                       "(person " + str(pin.person) + ", household " + str(pin.household) +
                           ") is not an allowed pair"});
      continue;
    }
    const int pinned = ++pins_at[static_cast<std::size_t>(pin.household)];
    const int capacity = problem.capacity[static_cast<std::size_t>(pin.household)];
    if (pinned > capacity)
      found.push_back({record, "household",
                       "household " + str(pin.household) + " has " + str(capacity) +
                           " places but this is pin " + str(pinned) + " to it"});
  }
  for (std::size_t i = 0; i < forbids.size(); ++i) {
    const pair_constraint& forbid = forbids[i];
    const std::string record = "forbid " + str(i);
    const bool person_ok = forbid.person >= 0 && forbid.person < people;
    const bool household_ok = forbid.household >= 0 && forbid.household < households;
    if (!person_ok)
      found.push_back({record, "person",
                       "must be in [0, " + str(people) + ") (is " + str(forbid.person) + ")"});
    if (!household_ok)
      found.push_back(
          {record, "household",
           "must be in [0, " + str(households) + ") (is " + str(forbid.household) + ")"});
    if (!person_ok || !household_ok) continue;
    const int pin = pin_of[static_cast<std::size_t>(forbid.person)];
    if (pin >= 0 && pins[static_cast<std::size_t>(pin)].household == forbid.household)
      found.push_back({record, "household",
                       "forbids (person " + str(forbid.person) + ", household " +
                           str(forbid.household) + ") which pin " + str(pin) + " requires"});
  }
  return found;
}

/// `reduce_problem` without the checks; assumes the problem and constraints are valid.
inline reduced_problem reduce_unchecked(const capacitated_problem& problem,
                                        const edges_by_person& by_person,
                                        const std::vector<pair_constraint>& pins,
                                        const std::vector<pair_constraint>& forbids) {
  reduced_problem reduced;
  const std::size_t people = static_cast<std::size_t>(problem.people);
  std::vector<char> pinned(people, 0);
  reduced.problem.capacity = problem.capacity;
  for (const pair_constraint& pin : pins) {
    pinned[static_cast<std::size_t>(pin.person)] = 1;
    if (pin.household < 0) continue;
    --reduced.problem.capacity[static_cast<std::size_t>(pin.household)];
    ++reduced.pinned_matched;
    const int edge_id = by_person.find(problem, pin.person, pin.household);
    reduced.pinned_total += problem.edges[static_cast<std::size_t>(edge_id)].weight;
  }
  std::vector<char> forbidden(problem.edges.size(), 0);
  for (const pair_constraint& forbid : forbids) {
    const int edge_id = by_person.find(problem, forbid.person, forbid.household);
    if (edge_id >= 0) forbidden[static_cast<std::size_t>(edge_id)] = 1;
  }
  reduced.reduced_person.assign(people, -1);
  for (std::size_t p = 0; p < people; ++p) {
    if (pinned[p]) continue;
    reduced.reduced_person[p] = static_cast<int>(reduced.original_person.size());
    reduced.original_person.push_back(static_cast<int>(p));
  }
  reduced.problem.people = static_cast<int>(reduced.original_person.size());
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    const int person = reduced.reduced_person[static_cast<std::size_t>(e.person)];
    if (person < 0 || forbidden[i]) continue;
    reduced.problem.edges.push_back({person, e.household, e.weight});
    reduced.original_edge.push_back(static_cast<int>(i));
  }
  return reduced;
}

/// Solve the reduced problem and lift its plan back to the original people.
template <class Solver>
constrained_plan solve_reduced(const reduced_problem& reduced, objective goal,
                               const std::vector<pair_constraint>& pins, std::size_t people,
                               Solver& solver) {
  constrained_plan plan;
  plan.reduced_plan = solver(reduced.problem, goal);
  const capacitated_plan& part = plan.reduced_plan;
  if (part.household_of.size() != reduced.original_person.size())
    throw error("solver returned " + std::to_string(part.household_of.size()) +
                " entries for a reduced problem of " +
                std::to_string(reduced.original_person.size()) + " people");
  plan.household_of.assign(people, -1);
  for (const pair_constraint& pin : pins)
    plan.household_of[static_cast<std::size_t>(pin.person)] = pin.household;
  for (std::size_t r = 0; r < part.household_of.size(); ++r)
    plan.household_of[static_cast<std::size_t>(reduced.original_person[r])] = part.household_of[r];
  plan.matched = reduced.pinned_matched + part.matched;
  plan.total = reduced.pinned_total + part.total;
  return plan;
}

} // namespace detail

/// Check pins and forbids against a problem.
///
/// Rules: the problem passes `check_problem`; every pin's person is in [0, people) and its
/// household is -1 or in [0, households); a pinned pair is an allowed pair (an edge); at
/// most one pin per person; no household has more pins than places; every forbid's person
/// and household are in range; no forbid names a pinned pair. A forbid of a pair that is
/// not an edge is allowed and has no effect, as are repeated forbids.
///
/// @throws slmatch::validation_error from `check_problem`, or listing every constraint
///         problem, each naming the pin or forbid index and the field, e.g.
///         "pin 2, field person: person 4 is already pinned by pin 0"
inline void check_constraints(const capacitated_problem& problem,
                              const std::vector<pair_constraint>& pins,
                              const std::vector<pair_constraint>& forbids) {
  check_problem(problem);
  auto found =
      detail::constraint_problems(problem, detail::edges_by_person(problem), pins, forbids);
  if (!found.empty()) throw validation_error(std::move(found));
}

/// The reduced problem of some pins and forbids: pinned people removed (the others keep
/// their order), each household's capacity lowered by its pins, forbidden edges dropped.
/// Its plans, with the pins added, are exactly the plans obeying the constraints.
///
/// @throws slmatch::validation_error as `check_constraints`
/// \note  Time O(E log E) for the checks, O(people + E) for the reduction.
inline reduced_problem reduce_problem(const capacitated_problem& problem,
                                      const std::vector<pair_constraint>& pins,
                                      const std::vector<pair_constraint>& forbids) {
  check_problem(problem);
  const detail::edges_by_person by_person(problem);
  auto found = detail::constraint_problems(problem, by_person, pins, forbids);
  if (!found.empty()) throw validation_error(std::move(found));
  return detail::reduce_unchecked(problem, by_person, pins, forbids);
}

/// The best plan obeying pins and forbids.
///
/// The objective is evaluated over the whole plan: pinned people count as matched and
/// their weights count in the total. Solved exactly through the reduced problem (see the
/// top of this file), with one call of `solver`.
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  the objective
/// @param[in] pins  pairs that must be in the plan; household -1 keeps the person unmatched
/// @param[in] forbids  pairs that must not be in the plan
/// @param[in] solver  callable `plan(const capacitated_problem&, objective)` returning an
///                    optimal `capacitated_plan` with its certificate
/// @return  the plan, its whole-plan matched count and total, and the reduced plan whose
///          certificate `verify_constrained` checks
/// @throws slmatch::validation_error as `check_constraints`
/// \note  Deterministic when the solver is; ties are broken by the solver on the reduced
///        problem (for the reference solver: by person, then household index).
template <class Solver = threaded_solver>
constrained_plan solve_constrained(const capacitated_problem& problem, objective goal,
                                   const std::vector<pair_constraint>& pins,
                                   const std::vector<pair_constraint>& forbids,
                                   Solver solver = {}) {
  const reduced_problem reduced = reduce_problem(problem, pins, forbids);
  return detail::solve_reduced(reduced, goal, pins, static_cast<std::size_t>(problem.people),
                               solver);
}

/// Verify a constrained plan: it obeys the pins and forbids, its counts are right, and its
/// reduced plan is the plan's unpinned part and is proved optimal for the reduced problem
/// by `verify_plan`. Together these prove the plan the best one obeying the constraints.
///
/// @throws slmatch::validation_error as `check_constraints`
/// @throws slmatch::error naming the first violated condition, e.g.
///         "pin 1 (person 2, household 0) not obeyed: person 2 is in household 1"
inline void verify_constrained(const capacitated_problem& problem, objective goal,
                               const std::vector<pair_constraint>& pins,
                               const std::vector<pair_constraint>& forbids,
                               const constrained_plan& plan) {
  const reduced_problem reduced = reduce_problem(problem, pins, forbids);
  auto fail = [](const std::string& message) { throw error(message); };
  auto str = [](auto value) { return std::to_string(value); };
  const std::size_t people = static_cast<std::size_t>(problem.people);
  if (plan.household_of.size() != people)
    fail("plan has " + str(plan.household_of.size()) + " entries for " + str(people) + " people");
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const int h = plan.household_of[static_cast<std::size_t>(pins[i].person)];
    if (h != pins[i].household)
      fail("pin " + str(i) + " (person " + str(pins[i].person) + ", household " +
           str(pins[i].household) + ") not obeyed: person " + str(pins[i].person) +
           " is in household " + str(h));
  }
  for (std::size_t i = 0; i < forbids.size(); ++i)
    if (plan.household_of[static_cast<std::size_t>(forbids[i].person)] == forbids[i].household)
      fail("forbid " + str(i) + " (person " + str(forbids[i].person) + ", household " +
           str(forbids[i].household) + ") not obeyed");
  const capacitated_plan& part = plan.reduced_plan;
  if (part.household_of.size() != reduced.original_person.size())
    fail("reduced plan has " + str(part.household_of.size()) + " entries for " +
         str(reduced.original_person.size()) + " unpinned people");
  for (std::size_t r = 0; r < part.household_of.size(); ++r) {
    const std::size_t p = static_cast<std::size_t>(reduced.original_person[r]);
    if (part.household_of[r] != plan.household_of[p])
      fail("person " + str(p) + " is in household " + str(plan.household_of[p]) +
           " but the reduced plan says " + str(part.household_of[r]));
  }
  // Feasible and optimal in the reduced problem; with the pins (checked above to be edges
  // within capacity) the whole plan is feasible, and its counts follow.
  verify_plan(reduced.problem, goal, part);
  if (plan.matched != reduced.pinned_matched + part.matched)
    fail("plan says " + str(plan.matched) + " matched but assigns " +
         str(reduced.pinned_matched + part.matched));
  if (plan.total != reduced.pinned_total + part.total)
    fail("plan says total " + str(plan.total) + " but its edges sum to " +
         str(reduced.pinned_total + part.total));
}

} // namespace slmatch
