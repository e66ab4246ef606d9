#pragma once
/// Every plan of a tiny capacitated problem, the values objectives compare plans by, and
/// small helpers the solver tests share, for tests only.
///
/// In: a `capacitated_problem` small enough to enumerate (each person unmatched or on one
/// of their edges: at most prod over people of (edges + 1) plans), optionally with pins and
/// forbids. Out: each plan that respects the capacities and the constraints, as one
/// household per person (-1 unmatched), and its (matched, total) value. Like
/// `brute_force.hpp`, it shares no code with the solvers it checks.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::testing {

/// Both objectives, for tests that check each.
inline constexpr objective both_goals[] = {objective::max_matched_then_total, objective::max_total};

/// Call `visit(household_of)` for every plan within capacities that obeys the pins and
/// forbids, by depth-first search over people.
///
/// @param[in] problem  a tiny, well-formed problem
/// @param[in] pins  (person, household) pairs the plan must use; household -1 keeps the
///                  person unmatched
/// @param[in] forbids  (person, household) pairs the plan must not use
/// @param[in] visit  called with a `const std::vector<int>&`, one household per person
/// \note  Order: person 0 varies slowest; for each person, unmatched first, then their
///        edges in the problem's order. Time O(plans × (people + pins + forbids)).
template <class Visit>
void for_each_plan(const capacitated_problem& problem, const std::vector<pair_constraint>& pins,
                   const std::vector<pair_constraint>& forbids, Visit&& visit) {
  const auto people = static_cast<std::size_t>(problem.people);
  std::vector<std::vector<int>> options(people);
  for (const auto& e : problem.edges)
    options[static_cast<std::size_t>(e.person)].push_back(e.household);
  std::vector<int> plan(people, -1);
  std::vector<int> load(problem.capacity.size(), 0);
  auto allowed = [&](int person, int household) {
    for (const auto& pin : pins)
      if (pin.person == person && pin.household != household) return false;
    for (const auto& forbid : forbids)
      if (forbid.person == person && forbid.household == household) return false;
    return true;
  };
  auto step = [&](auto&& self, std::size_t person) -> void {
    if (person == people) {
      visit(static_cast<const std::vector<int>&>(plan));
      return;
    }
    const int p = static_cast<int>(person);
    if (allowed(p, -1)) {
      plan[person] = -1;
      self(self, person + 1);
    }
    for (int h : options[person]) {
      int& used = load[static_cast<std::size_t>(h)];
      if (used == problem.capacity[static_cast<std::size_t>(h)] || !allowed(p, h)) continue;
      ++used;
      plan[person] = h;
      self(self, person + 1);
      --used;
    }
    plan[person] = -1;
  };
  step(step, 0);
}

/// Every plan within capacities that obeys the pins and forbids, in `for_each_plan`'s order.
///
/// @param[in] problem  a tiny, well-formed problem
/// @param[in] pins  pairs the plans must use (household -1: unmatched)
/// @param[in] forbids  pairs the plans must not use
/// @return  one household per person for each plan; never empty without constraints (the
///          plan matching nobody is always there)
inline std::vector<std::vector<int>>
feasible_plans(const capacitated_problem& problem, const std::vector<pair_constraint>& pins = {},
               const std::vector<pair_constraint>& forbids = {}) {
  std::vector<std::vector<int>> plans;
  for_each_plan(problem, pins, forbids,
                [&](const std::vector<int>& plan) { plans.push_back(plan); });
  return plans;
}

/// (people matched, total weight) of a plan.
using plan_value = std::pair<int, std::int64_t>;

/// The value of a plan, summed over the problem's edges it uses.
///
/// @param[in] problem  the problem the plan is for
/// @param[in] household_of  one household per person, -1 unmatched
inline plan_value value_of(const capacitated_problem& problem,
                           const std::vector<int>& household_of) {
  int matched = 0;
  std::int64_t total = 0;
  for (const auto& e : problem.edges)
    if (household_of[static_cast<std::size_t>(e.person)] == e.household) {
      ++matched;
      total += e.weight;
    }
  return {matched, total};
}

/// What an objective compares, larger is better: (matched, total) for
/// max_matched_then_total, (0, total) for max_total.
inline plan_value key_of(objective goal, plan_value value) {
  return goal == objective::max_total ? std::make_pair(0, value.second) : value;
}

/// Random valid pins and forbids for a problem, drawn from `seed`.
///
/// Each person is pinned with chance 1 / `pin_one_in`, to -1 or to one of their households
/// that earlier pins have not filled; then `forbid_draws` random (person, household) pairs,
/// some of them non-edges, are forbidden unless they are that person's pin.
///
/// @param[in] problem  a well-formed problem
/// @param[in] seed  the same seed gives the same constraints on every platform
/// @param[in] pin_one_in  > 0
/// @param[in] forbid_draws  how many forbids to draw (none when there are no people)
/// @return  (pins, forbids), accepted by `check_constraints`
inline std::pair<std::vector<pair_constraint>, std::vector<pair_constraint>>
random_constraints(const capacitated_problem& problem, std::uint64_t seed, std::size_t pin_one_in,
                   int forbid_draws) {
  std::mt19937_64 rng(seed);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::vector<pair_constraint> pins;
  std::vector<pair_constraint> forbids;
  std::vector<int> pinned_to(static_cast<std::size_t>(problem.people), -2);
  std::vector<int> pins_at(problem.capacity.size(), 0);
  for (int p = 0; p < problem.people; ++p) {
    if (below(pin_one_in) != 0) continue;
    std::vector<int> choices{-1};
    for (const auto& e : problem.edges)
      if (e.person == p && pins_at[static_cast<std::size_t>(e.household)] <
                               problem.capacity[static_cast<std::size_t>(e.household)])
        choices.push_back(e.household);
    const int h = choices[below(choices.size())];
    pins.push_back({p, h});
    pinned_to[static_cast<std::size_t>(p)] = h;
    if (h >= 0) ++pins_at[static_cast<std::size_t>(h)];
  }
  if (problem.people > 0)
    for (int i = 0; i < forbid_draws; ++i) {
      const int p = static_cast<int>(below(static_cast<std::size_t>(problem.people)));
      const int h = static_cast<int>(below(problem.capacity.size()));
      if (pinned_to[static_cast<std::size_t>(p)] != h) forbids.push_back({p, h});
    }
  return {pins, forbids};
}

/// The message of the `Error` that `run` throws, or "accepted" when it throws none.
/// Other exceptions pass through.
template <class Error = error> std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

/// `solve_capacitated` as a solver parameter, to check a second exact solver against the
/// default reference solver.
struct fast_solver {
  capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    return solve_capacitated(problem, goal);
  }
};

} // namespace slmatch::testing
