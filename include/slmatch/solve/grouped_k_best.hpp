#pragma once
/// The K best plans of a problem with groups, by Murty's partition method over the grouped
/// constrained solver.
///
/// In: a `grouped_problem` (groups.hpp), an `objective`, K, optionally pins and forbids
/// every plan must obey. Out: the K best distinct plans that respect the groups (distinct
/// as person -> household maps, -1 included), best first, each the best plan of the
/// subproblem it came from, with that subproblem's pins and forbids and the bound of its
/// solve; fewer than K when fewer plans exist.
///
/// The method is k_best.hpp's, with grouped_constraints.hpp's subproblems. A subproblem is
/// the set of plans respecting the groups and obeying some pins and forbids; its best plan
/// is one `solve_grouped` call on its reduced problem. Each time the best plan s of a
/// subproblem N is listed, N minus {s} is split into disjoint subproblems over N's *free*
/// people q_1 < q_2 < ... (not pinned, and not in a required group with a pinned member):
/// child i pins q_1..q_{i-1} to their decisions in s and excludes s's decision for q_i:
///
/// - s puts q_i in household h: the child forbids (q_i, h) (for a required group: keeps the
///   whole group out of h);
/// - s leaves q_i unmatched: the child is one child per household h of q_i, pinning q_i to
///   h (for a required group: the whole group).
///
/// Pinning q_j in a required group fixes its whole group, since every plan of N keeps the
/// group in one household or leaves it out; so the group's other members are not free in
/// later children and get no child of their own (theirs would be empty). A plan of N other
/// than s falls in exactly one child: the one of the first free person where it differs
/// from s. So every plan is listed at most once and none is missed. Children whose
/// constraints no plan obeys (a pin to a household that is not a host with room for the
/// group, a household full of pins, a forbid against the group's pin) are recognised by
/// `check_grouped_constraints`'s rules, which fail exactly for those, and dropped.
///
/// Lazy solving: a child enters the priority queue unsolved, keyed by its parent's value
/// (no child is better than its parent); when it reaches the top it is solved and put
/// back with its exact value. A solved subproblem at the top is the next plan. Ties come
/// out in the order the subproblems were made (the root, then each listed plan's children
/// by person, then household), so the output is deterministic.
///
/// Exactness rests on each subproblem's solve being optimal: a listed plan's
/// `plan.proven_optimal()` says so for its own subproblem. Every subproblem is solved to
/// proven optimality unless its search runs out of `options.mip_seconds` (groups.hpp).
///
/// Cost: each listed plan makes up to (free people + households per unmatched person)
/// children, each solved by one `solve_grouped` call, almost always the flow relaxation
/// alone. Meant for shortlists of plans on small and medium problems.
///
/// Example:
///
///     for (const grouped_ranked_plan& r : grouped_k_best_plans(problem, goal, 5))
///       show(r.plan.household_of, r.plan.matched, r.plan.total);

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/grouped_constraints.hpp"
#include "slmatch/solve/groups.hpp"
#include "slmatch/solve/k_best.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

namespace slmatch {

/// One of the K best plans with groups, with the subproblem it is the best plan of.
struct grouped_ranked_plan {
  /// The plan and the reduced solve proving it the best plan respecting the groups and
  /// obeying `pins` and `forbids`: `verify_grouped_constrained(problem, goal, pins,
  /// forbids, plan)` passes.
  grouped_constrained_plan plan;
  std::vector<pair_constraint> pins;    ///< the subproblem's pins (household -1: unmatched)
  std::vector<pair_constraint> forbids; ///< the subproblem's forbids
};

/// The K best distinct plans respecting the groups and obeying some pins and forbids, best
/// first (Murty's method, see the top of this file).
///
/// @param[in] problem  pairs and groups; passes `check_grouped_problem`
/// @param[in] goal     the objective that ranks the plans: (matched, total) compared
///                     lexicographically for `max_matched_then_total`, total alone for
///                     `max_total`, totals including the bonuses earned
/// @param[in] k        how many plans to return at most
/// @param[in] pins     pairs every plan must contain (household -1: the person stays
///                     unmatched); a required group's member takes the whole group
/// @param[in] forbids  pairs no plan may contain
/// @param[in] options  as for `solve_grouped`, for every subproblem
/// @return  min(K, number of plans) plans in order of value, each verifiable with
///          `verify_grouped_constrained(problem, goal, r.pins, r.forbids, r.plan)`
/// @throws slmatch::validation_error as `check_grouped_constraints`
/// \note  Deterministic when every solve finishes in time.
inline std::vector<grouped_ranked_plan>
grouped_k_best_plans(const grouped_problem& problem, objective goal, std::size_t k,
                     const std::vector<pair_constraint>& pins = {},
                     const std::vector<pair_constraint>& forbids = {},
                     const grouped_options& options = {}) {
  check_grouped_problem(problem);
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  {
    auto found = detail::grouped_constraint_problems(problem, by_person, layout, pins, forbids);
    if (!found.empty()) throw validation_error(std::move(found));
  }
  const auto people = static_cast<std::size_t>(problem.pairs.people);
  std::vector<grouped_ranked_plan> listed;
  if (k == 0) return listed;

  struct node {
    int parent = -1;        // index of the listed plan it was split from; -1 for the root
    int person = 0;         // the person whose decision in the parent plan it changes
    int household = 0;      // the household forbidden (or pinned, when `pin`)
    bool pin = false;       // true: pin (person, household); false: forbid it
    int matched = 0;        // key: exact when solved, else the parent's value
    std::int64_t total = 0; // key, as `matched`
    std::size_t sequence = 0;
    bool solved = false;
    grouped_ranked_plan best; // when solved
  };
  std::vector<node> nodes;
  auto worse = [&](int a, int b) { // priority_queue keeps the "largest" on top
    const node& x = nodes[static_cast<std::size_t>(a)];
    const node& y = nodes[static_cast<std::size_t>(b)];
    if (detail::better_value(goal, x.matched, x.total, y.matched, y.total)) return false;
    if (detail::better_value(goal, y.matched, y.total, x.matched, x.total)) return true;
    return x.sequence > y.sequence;
  };
  std::priority_queue<int, std::vector<int>, decltype(worse)> queue(worse);
  std::size_t sequence = 0;

  // Who is fixed by a subproblem's pins: the pinned people and their required groups.
  auto fixed_by = [&](const std::vector<pair_constraint>& constraint_pins) {
    std::vector<char> fixed(people, 0);
    for (const pair_constraint& pin : constraint_pins) {
      fixed[static_cast<std::size_t>(pin.person)] = 1;
      const int g = layout.group_of[static_cast<std::size_t>(pin.person)];
      if (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required)
        for (int m : problem.groups[static_cast<std::size_t>(g)].members)
          fixed[static_cast<std::size_t>(m)] = 1;
    }
    return fixed;
  };

  // Solve a node; false when its constraints admit no plan.
  auto solve_node = [&](node& n) {
    grouped_ranked_plan& best = n.best;
    if (n.parent < 0) {
      best.pins = pins;
      best.forbids = forbids;
    } else {
      const grouped_ranked_plan& from = listed[static_cast<std::size_t>(n.parent)];
      best.pins = from.pins;
      best.forbids = from.forbids;
      std::vector<char> fixed = fixed_by(from.pins);
      for (int q = 0; q < n.person; ++q) {
        if (fixed[static_cast<std::size_t>(q)]) continue;
        best.pins.push_back({q, from.plan.household_of[static_cast<std::size_t>(q)]});
        const int g = layout.group_of[static_cast<std::size_t>(q)];
        if (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required)
          for (int m : problem.groups[static_cast<std::size_t>(g)].members)
            fixed[static_cast<std::size_t>(m)] = 1;
      }
      if (n.pin)
        best.pins.push_back({n.person, n.household});
      else
        best.forbids.push_back({n.person, n.household});
    }
    const std::optional<grouped_reduced_problem> reduced =
        detail::reduce_if_feasible(problem, by_person, layout, best.pins, best.forbids);
    if (!reduced) return false;
    best.plan = detail::solve_grouped_reduced(problem, by_person, layout, *reduced, goal, options);
    n.matched = best.plan.matched;
    n.total = best.plan.total;
    n.solved = true;
    return true;
  };

  // Split the subproblem of listed plan `index` minus that plan (see the top of this file).
  auto split = [&](int index) {
    const grouped_ranked_plan& from = listed[static_cast<std::size_t>(index)];
    const std::vector<int> decision = from.plan.household_of;
    std::vector<char> fixed = fixed_by(from.pins);
    const int matched = from.plan.matched;
    const std::int64_t total = from.plan.total;
    auto add = [&](int person, int household, bool pin) {
      node n;
      n.parent = index;
      n.person = person;
      n.household = household;
      n.pin = pin;
      n.matched = matched;
      n.total = total;
      n.sequence = sequence++;
      nodes.push_back(std::move(n));
      queue.push(static_cast<int>(nodes.size() - 1));
    };
    for (std::size_t q = 0; q < people; ++q) {
      if (fixed[q]) continue;
      const int person = static_cast<int>(q);
      if (decision[q] >= 0) {
        add(person, decision[q], false);
      } else {
        for (std::size_t j = by_person.first[q]; j < by_person.first[q + 1]; ++j)
          add(person,
              problem.pairs.edges[static_cast<std::size_t>(by_person.edge_ids[j])].household, true);
      }
      // Later children pin this person (and so its required group) to its decision.
      fixed[q] = 1;
      const int g = layout.group_of[q];
      if (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required)
        for (int m : problem.groups[static_cast<std::size_t>(g)].members)
          fixed[static_cast<std::size_t>(m)] = 1;
    }
  };

  nodes.emplace_back();
  nodes.back().sequence = sequence++;
  solve_node(nodes.back()); // the caller's constraints were checked: the root has a plan
  queue.push(0);
  while (!queue.empty() && listed.size() < k) {
    const int top = queue.top();
    queue.pop();
    node& n = nodes[static_cast<std::size_t>(top)];
    if (!n.solved) {
      if (solve_node(n)) queue.push(top);
      continue;
    }
    listed.push_back(std::move(n.best));
    n.best = grouped_ranked_plan{};
    if (listed.size() < k) split(static_cast<int>(listed.size() - 1));
  }
  return listed;
}

} // namespace slmatch
