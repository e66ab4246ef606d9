#pragma once
/// Conflicts between newcomers: pairs of people who must never be placed in the same
/// household ("these two do not get on"). Conflicts with residents already living in a
/// household are scoring rules (the pair is infeasible), so only newcomer pairs are here.
///
/// In: a `capacitated_problem`, an `objective`, a list of conflicting person pairs and a
/// solver (callable `capacitated_plan(const capacitated_problem&, objective)`, default
/// `solve_reference`). Out: the best plan that places no conflicting pair together, what
/// it costs against the unconstrained optimum, and the pins and forbids under which it is
/// proved optimal by a certificate (`verify_constrained`).
///
/// Algorithm: depth-first branch and bound. A node is a set of pins and forbids
/// (constraints.hpp); its relaxation is the best plan obeying them, ignoring conflicts,
/// whose value bounds every conflict-free plan below the node. A node whose bound is not
/// better than the best conflict-free plan found so far is pruned; a node whose plan has
/// no conflict is a new best. Otherwise take its first conflict (lowest index) whose two
/// people a and b share a household h, and split the plans into two disjoint sets:
///   1. a is not in h (forbid (a, h));
///   2. a is in h and b is not (pin (a, h), forbid (b, h)).
/// Every conflict-free plan of the node lies in one of them. Each branch forbids a pair
/// the node's plan uses, so the depth is at most the number of edges of people named in
/// conflicts, and the tree has at most 2^depth nodes: exponential in the worst case
/// (NP-hard in general), fast when conflicts rarely meet in the same household.
/// Ties are broken by exploring branch 1 first and keeping the first plan found.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// Two people who must not be placed in the same household.
struct person_conflict {
  int first = 0;
  int second = 0;
};

/// The best plan without conflicts, its cost and its proof.
struct conflict_free_plan {
  std::vector<int> household_of; ///< per person: household or -1
  int matched = 0;
  std::int64_t total = 0;
  int unconstrained_matched = 0;        ///< the optimum ignoring conflicts
  std::int64_t unconstrained_total = 0; ///< its total
  int matched_lost = 0;                 ///< unconstrained_matched - matched
  std::int64_t total_lost = 0;          ///< unconstrained_total - total
  /// The branch whose plan was kept: the plan is the best one obeying these pins and
  /// forbids, proved by `verify_constrained(problem, goal, pins, forbids, constrained)`.
  std::vector<pair_constraint> pins;
  std::vector<pair_constraint> forbids;
  constrained_plan constrained;
  std::size_t nodes = 0; ///< relaxations solved by the branch and bound
};

/// Check conflicts against a problem.
///
/// Rules: the problem passes `check_problem`; both people of every conflict are in
/// [0, people) and differ. Repeated conflicts are allowed.
///
/// @throws slmatch::validation_error from `check_problem`, or listing every bad conflict,
///         e.g. "conflict 2, field second: must be in [0, 5) (is 7)" or
///         "conflict 0, field second: the same person as first (person 3)"
inline void check_conflicts(const capacitated_problem& problem,
                            const std::vector<person_conflict>& conflicts) {
  check_problem(problem);
  std::vector<slmatch::problem> found;
  auto str = [](auto value) { return std::to_string(value); };
  const std::string range = "must be in [0, " + str(problem.people) + ")";
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    const person_conflict& c = conflicts[i];
    const std::string record = "conflict " + str(i);
    const bool first_ok = c.first >= 0 && c.first < problem.people;
    const bool second_ok = c.second >= 0 && c.second < problem.people;
    if (!first_ok) found.push_back({record, "first", range + " (is " + str(c.first) + ")"});
    if (!second_ok) found.push_back({record, "second", range + " (is " + str(c.second) + ")"});
    if (first_ok && second_ok && c.first == c.second)
      found.push_back({record, "second", "the same person as first (person " + str(c.first) + ")"});
  }
  if (!found.empty()) throw validation_error(std::move(found));
}

/// The best plan that places no conflicting pair in the same household (branch and bound,
/// see the top of this file).
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  the objective, as for the solvers
/// @param[in] conflicts  pairs of people who must not share a household
/// @param[in] solver  callable `capacitated_plan(const capacitated_problem&, objective)`
///                    returning an optimal plan with its certificate
/// @return  the plan (the empty plan is always conflict-free, so one exists), the loss
///          against the unconstrained optimum, and the pins, forbids and constrained plan
///          that certify it within its branch
/// @throws slmatch::validation_error as `check_conflicts`
/// \note  Exact. Worst case 2^depth solver calls (depth as at the top of this file); one
///        call when the unconstrained optimum has no conflict. Deterministic when the
///        solver is.
template <class Solver = reference_solver>
conflict_free_plan solve_without_conflicts(const capacitated_problem& problem, objective goal,
                                           const std::vector<person_conflict>& conflicts,
                                           Solver solver = {}) {
  check_conflicts(problem, conflicts);
  struct node {
    std::vector<pair_constraint> pins;
    std::vector<pair_constraint> forbids;
  };
  auto key = [&](int matched, std::int64_t total) {
    return std::make_pair(goal == objective::max_total ? 0 : matched, total);
  };
  conflict_free_plan best;
  bool found = false;
  std::vector<node> stack(1);
  while (!stack.empty()) {
    node current = std::move(stack.back());
    stack.pop_back();
    constrained_plan plan = solve_constrained(problem, goal, current.pins, current.forbids, solver);
    ++best.nodes;
    if (best.nodes == 1) {
      best.unconstrained_matched = plan.matched;
      best.unconstrained_total = plan.total;
    }
    if (found && key(plan.matched, plan.total) <= key(best.matched, best.total)) continue;
    const person_conflict* clash = nullptr;
    for (const person_conflict& c : conflicts) {
      const int h = plan.household_of[static_cast<std::size_t>(c.first)];
      if (h >= 0 && h == plan.household_of[static_cast<std::size_t>(c.second)]) {
        clash = &c;
        break;
      }
    }
    if (clash == nullptr) {
      found = true;
      best.household_of = plan.household_of;
      best.matched = plan.matched;
      best.total = plan.total;
      best.pins = std::move(current.pins);
      best.forbids = std::move(current.forbids);
      best.constrained = std::move(plan);
      continue;
    }
    const int h = plan.household_of[static_cast<std::size_t>(clash->first)];
    auto pinned = [&](int person) {
      for (const pair_constraint& pin : current.pins)
        if (pin.person == person) return true;
      return false;
    };
    const bool first_pinned = pinned(clash->first);
    // Branch 2 (pushed first, explored second): first stays in h, second leaves it.
    if (!pinned(clash->second)) {
      node keep = current;
      if (!first_pinned) keep.pins.push_back({clash->first, h});
      keep.forbids.push_back({clash->second, h});
      stack.push_back(std::move(keep));
    }
    // Branch 1: first leaves h.
    if (!first_pinned) {
      node leave = std::move(current);
      leave.forbids.push_back({clash->first, h});
      stack.push_back(std::move(leave));
    }
  }
  best.matched_lost = best.unconstrained_matched - best.matched;
  best.total_lost = best.unconstrained_total - best.total;
  return best;
}

} // namespace slmatch
