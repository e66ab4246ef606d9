#pragma once
/// The K best plans of a capacitated assignment problem, by Murty's partition method.
///
/// In: a `capacitated_problem`, an `objective`, K, optionally pins and forbids every plan
/// must obey. Out: the K best distinct plans (distinct as person -> household maps, -1
/// included), best first, each with its value and a certificate proving it the best plan
/// of the subproblem it came from; fewer than K when fewer plans exist.
///
/// The method. A subproblem is the set of plans obeying some pins and forbids
/// (constraints.hpp); its best plan is found exactly by one solver call on its reduced
/// problem. Start with the whole problem. Each time the best plan s of a subproblem N is
/// listed, N minus {s} is split into disjoint subproblems, one per decision of s, taken
/// over N's unpinned people q_1 < q_2 < ... in index order: child i pins q_1..q_{i-1} to
/// their decisions in s (a household, or -1: unmatched) and excludes s's decision for q_i:
///
/// - s puts q_i in household h: the child forbids (q_i, h);
/// - s leaves q_i unmatched: the child must match q_i. That is made exact without changing
///   any weight: "q_i matched" is the disjoint union over q_i's allowed households h of
///   "q_i pinned to h", so this child becomes one child per such h (households the node
///   forbids for q_i, or already full of pins, are skipped).
///
/// Every plan of N other than s falls in exactly one child (the first person where it
/// differs from s), so every plan is listed at most once and none is missed; every child
/// holds at least one plan (its pins fit, everyone else unmatched). A big bonus for "must
/// be matched" would also be exact but would multiply the weights and overflow for
/// realistic scheme sizes; pins never change a weight.
///
/// Lazy solving: a child enters the priority queue unsolved, keyed by an upper bound on
/// its value; when it reaches the top it is solved and put back with its exact value. A
/// solved subproblem at the top is the next plan, since every other subproblem's value is
/// at most its key. Only subproblems whose bound reaches the K-th value are ever solved.
///
/// Bounds. The listed plan's certificate gives prices u (people), v (households) on its
/// reduced problem with slack(e) = u_p + v_h - adjusted weight(e) >= 0. For any plan x of
/// that reduced problem, adjusted value(x) = D - sum of u over x's unmatched people - sum
/// of v over spare places - sum of slack over x's edges, D being the prices' dual
/// objective. A child that takes decision d away from person q therefore loses at least
/// min(u_q, slack of q's other edges); a child that pins q to h loses at least slack(q, h).
/// D minus that loss bounds the child's adjusted value, hence its (matched, total), since
/// adjusted value = matched * bonus + total with total < bonus. The bound never exceeds the
/// parent's value. Bounds change which subproblems get solved, never the output.
///
/// Order and ties. Plans come out by value: (matched, total) compared lexicographically for
/// `max_matched_then_total`, total alone for `max_total`, largest first. Between equal
/// keys the subproblem created first comes first: the root, then the children of each
/// listed plan in creation order (by the person whose decision they change, ascending, and
/// for a person s left unmatched, by household ascending). With a deterministic solver the
/// output is therefore deterministic; which plan of a tied group appears first depends on
/// the solver's own tie-breaking.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <queue>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// One of the K best plans, with the subproblem it is the best plan of.
struct ranked_plan {
  /// The plan (household_of, matched, total) and the certificate proving it the best plan
  /// obeying `pins` and `forbids`: `verify_constrained(problem, goal, pins, forbids, plan)`.
  constrained_plan plan;
  std::vector<pair_constraint> pins;    ///< the subproblem's pins (household -1: unmatched)
  std::vector<pair_constraint> forbids; ///< the subproblem's forbids
};

namespace detail {

/// A subproblem waiting in the queue: how to rebuild its constraints from the listed plan
/// it was split from, its key, and, once solved, its best plan.
struct murty_node {
  int parent = -1;        ///< index of the listed plan it was split from; -1 for the root
  int person = 0;         ///< the person whose decision in the parent plan it changes
  int household = 0;      ///< the household forbidden (or pinned, when `pin`)
  bool pin = false;       ///< true: pin (person, household); false: forbid it
  int matched = 0;        ///< key: exact when solved, else the parent's value (upper bound)
  std::int64_t total = 0; ///< key, as `matched`
  std::size_t sequence = 0;
  bool solved = false;
  ranked_plan best; ///< when solved
};

/// True when value a is better than value b for the goal.
inline bool better_value(objective goal, int matched_a, std::int64_t total_a, int matched_b,
                         std::int64_t total_b) {
  if (goal == objective::max_matched_then_total && matched_a != matched_b)
    return matched_a > matched_b;
  return total_a > total_b;
}

/// Upper bounds on the children of a listed plan, from the plan's LP prices (see "Bounds"
/// at the top of this file). Falls back to "no bound" when the prices are not dual
/// feasible or their sums overflow, so a wrong certificate can only cost time.
class child_bound {
public:
  child_bound(const capacitated_problem& problem, const edges_by_person& by_person,
              const ranked_plan& listed)
      : reduced_(reduce_unchecked(problem, by_person, listed.pins, listed.forbids)),
        reduced_by_person_(reduced_.problem) {
    const plan_certificate& prices = listed.plan.reduced_plan.certificate;
    person_price_ = prices.person_price;
    bonus_ = prices.bonus;
    valid_ = person_price_.size() == reduced_.original_person.size() &&
             prices.household_price.size() == problem.capacity.size() && bonus_ >= 0;
    for (std::size_t p = 0; p < person_price_.size() && valid_; ++p)
      valid_ = person_price_[p] >= 0 && checked_add(dual_, person_price_[p], dual_);
    for (std::size_t h = 0; h < prices.household_price.size() && valid_; ++h) {
      std::int64_t term = 0;
      valid_ = prices.household_price[h] >= 0 &&
               checked_multiply(reduced_.problem.capacity[h], prices.household_price[h], term) &&
               checked_add(dual_, term, dual_);
    }
    slack_.resize(reduced_.problem.edges.size());
    for (std::size_t i = 0; i < slack_.size() && valid_; ++i) {
      const auto& e = reduced_.problem.edges[i];
      std::int64_t sum = 0;
      std::int64_t adjusted = 0;
      valid_ = checked_add(person_price_[static_cast<std::size_t>(e.person)],
                           prices.household_price[static_cast<std::size_t>(e.household)], sum) &&
               checked_add(e.weight, bonus_, adjusted) && sum >= adjusted;
      if (valid_) slack_[i] = sum - adjusted;
    }
  }

  /// The least a plan loses against the prices when `person` does not take `household`:
  /// it is unmatched (losing its price) or takes another edge (losing that edge's slack).
  std::int64_t loss_if_forbidden(int person, int household) const {
    const int r = reduced_.reduced_person[static_cast<std::size_t>(person)];
    std::int64_t loss = person_price_[static_cast<std::size_t>(r)];
    const auto& by = reduced_by_person_;
    for (std::size_t k = by.first[static_cast<std::size_t>(r)];
         k < by.first[static_cast<std::size_t>(r) + 1]; ++k) {
      const auto edge_id = static_cast<std::size_t>(by.edge_ids[k]);
      if (reduced_.problem.edges[edge_id].household != household)
        loss = std::min(loss, slack_[edge_id]);
    }
    return loss;
  }

  /// What a plan loses against the prices when `person` takes `household`.
  std::int64_t loss_if_pinned(int person, int household) const {
    const int r = reduced_.reduced_person[static_cast<std::size_t>(person)];
    const int edge_id = reduced_by_person_.find(reduced_.problem, r, household);
    return slack_[static_cast<std::size_t>(edge_id)];
  }

  /// The (matched, total) bound of a child losing at least `loss`, no better than the
  /// listed plan's own value.
  std::pair<int, std::int64_t> bound(objective goal, std::int64_t loss, int matched,
                                     std::int64_t total) const {
    const std::int64_t adjusted = dual_ - loss; // no child plan's adjusted value exceeds it
    if (!valid_ || adjusted < 0) return {matched, total};
    // Adjusted value = matched * bonus + total with total < bonus (capacitated.hpp).
    int bound_matched = matched;
    std::int64_t bound_total = adjusted;
    if (goal == objective::max_matched_then_total) {
      if (bonus_ == 0) return {matched, total};
      bound_matched = static_cast<int>(adjusted / bonus_) + reduced_.pinned_matched;
      bound_total = adjusted % bonus_;
    }
    if (!checked_add(bound_total, reduced_.pinned_total, bound_total)) return {matched, total};
    if (better_value(goal, bound_matched, bound_total, matched, total)) return {matched, total};
    return {bound_matched, bound_total};
  }

private:
  reduced_problem reduced_;
  edges_by_person reduced_by_person_;
  std::vector<std::int64_t> person_price_;
  std::vector<std::int64_t> slack_; ///< per reduced edge: prices minus adjusted weight
  std::int64_t bonus_ = 0;
  std::int64_t dual_ = 0; ///< the prices' dual objective
  bool valid_ = false;
};

} // namespace detail

/// The K best distinct plans obeying some pins and forbids, best first (Murty's method, see
/// the top of this file).
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  the objective that ranks the plans
/// @param[in] k  how many plans to return at most
/// @param[in] pins  pairs every plan must contain (household -1: the person stays unmatched)
/// @param[in] forbids  pairs no plan may contain
/// @param[in] solver  callable `plan(const capacitated_problem&, objective)`
/// @return  min(K, number of plans) plans in order of value, each verifiable with
///          `verify_constrained(problem, goal, r.pins, r.forbids, r.plan)`
/// @throws slmatch::validation_error as `check_constraints`
/// \note  Each listed plan makes up to (people + edges) subproblems; one is solved (one
///        solver call on its reduced problem) only when its price bound reaches the top of
///        the queue. Memory holds the listed plans and the solved subproblems. Meant for shortlists
///        of plans on small and medium problems.
template <class Solver = threaded_solver>
std::vector<ranked_plan> k_best_plans(const capacitated_problem& problem, objective goal,
                                      std::size_t k, const std::vector<pair_constraint>& pins,
                                      const std::vector<pair_constraint>& forbids,
                                      Solver solver = {}) {
  check_problem(problem);
  const detail::edges_by_person by_person(problem);
  {
    auto found = detail::constraint_problems(problem, by_person, pins, forbids);
    if (!found.empty()) throw validation_error(std::move(found));
  }
  const std::size_t people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();
  std::vector<ranked_plan> listed;
  if (k == 0) return listed;

  std::vector<detail::murty_node> nodes;
  auto worse = [&](int a, int b) { // priority_queue keeps the "largest" on top
    const detail::murty_node& x = nodes[static_cast<std::size_t>(a)];
    const detail::murty_node& y = nodes[static_cast<std::size_t>(b)];
    if (detail::better_value(goal, x.matched, x.total, y.matched, y.total)) return false;
    if (detail::better_value(goal, y.matched, y.total, x.matched, x.total)) return true;
    return x.sequence > y.sequence;
  };
  std::priority_queue<int, std::vector<int>, decltype(worse)> queue(worse);
  std::size_t sequence = 0;

  auto solve_node = [&](detail::murty_node& node) {
    ranked_plan& best = node.best;
    if (node.parent < 0) {
      best.pins = pins;
      best.forbids = forbids;
    } else {
      const ranked_plan& from = listed[static_cast<std::size_t>(node.parent)];
      best.pins = from.pins;
      best.forbids = from.forbids;
      std::vector<char> pinned(people, 0);
      for (const pair_constraint& pin : from.pins) pinned[static_cast<std::size_t>(pin.person)] = 1;
      for (int q = 0; q < node.person; ++q)
        if (!pinned[static_cast<std::size_t>(q)])
          best.pins.push_back({q, from.plan.household_of[static_cast<std::size_t>(q)]});
      if (node.pin)
        best.pins.push_back({node.person, node.household});
      else
        best.forbids.push_back({node.person, node.household});
    }
    const reduced_problem reduced =
        detail::reduce_unchecked(problem, by_person, best.pins, best.forbids);
    best.plan = detail::solve_reduced(reduced, goal, best.pins, people, solver);
    node.matched = best.plan.matched;
    node.total = best.plan.total;
    node.solved = true;
  };

  // Split the subproblem of listed plan `index` minus that plan (see the top of this file).
  auto split = [&](int index) {
    const ranked_plan& from = listed[static_cast<std::size_t>(index)];
    const std::vector<int>& decision = from.plan.household_of;
    std::vector<char> pinned(people, 0);
    std::vector<int> pins_at(households, 0);
    for (const pair_constraint& pin : from.pins) {
      pinned[static_cast<std::size_t>(pin.person)] = 1;
      if (pin.household >= 0) ++pins_at[static_cast<std::size_t>(pin.household)];
    }
    std::vector<std::vector<int>> forbidden(people);
    for (const pair_constraint& forbid : from.forbids)
      forbidden[static_cast<std::size_t>(forbid.person)].push_back(forbid.household);
    const detail::child_bound prices(problem, by_person, from);
    auto add = [&](int person, int household, bool pin) {
      detail::murty_node node;
      node.parent = index;
      node.person = person;
      node.household = household;
      node.pin = pin;
      const std::int64_t loss = pin ? prices.loss_if_pinned(person, household)
                                    : prices.loss_if_forbidden(person, household);
      std::tie(node.matched, node.total) =
          prices.bound(goal, loss, from.plan.matched, from.plan.total);
      node.sequence = sequence++;
      nodes.push_back(std::move(node));
      queue.push(static_cast<int>(nodes.size() - 1));
    };
    for (std::size_t q = 0; q < people; ++q) {
      if (pinned[q]) continue;
      const int person = static_cast<int>(q);
      if (decision[q] >= 0) {
        add(person, decision[q], false);
      } else {
        for (std::size_t j = by_person.first[q]; j < by_person.first[q + 1]; ++j) {
          const int h = problem.edges[static_cast<std::size_t>(by_person.edge_ids[j])].household;
          const auto& blocked = forbidden[q];
          if (std::find(blocked.begin(), blocked.end(), h) != blocked.end()) continue;
          if (pins_at[static_cast<std::size_t>(h)] >= problem.capacity[static_cast<std::size_t>(h)])
            continue;
          add(person, h, true);
        }
      }
      // Later children pin this person to its decision in the listed plan.
      if (decision[q] >= 0) ++pins_at[static_cast<std::size_t>(decision[q])];
    }
  };

  nodes.emplace_back();
  nodes.back().sequence = sequence++;
  solve_node(nodes.back());
  queue.push(0);
  while (!queue.empty() && listed.size() < k) {
    const int top = queue.top();
    queue.pop();
    detail::murty_node& node = nodes[static_cast<std::size_t>(top)];
    if (!node.solved) {
      solve_node(node);
      queue.push(top);
      continue;
    }
    listed.push_back(std::move(node.best));
    node.best = ranked_plan{};
    if (listed.size() < k) split(static_cast<int>(listed.size() - 1));
  }
  return listed;
}

/// The K best distinct plans, best first; `k_best_plans` without pins or forbids.
template <class Solver = threaded_solver>
std::vector<ranked_plan> k_best_plans(const capacitated_problem& problem, objective goal,
                                      std::size_t k, Solver solver = {}) {
  return k_best_plans(problem, goal, k, {}, {}, std::move(solver));
}

} // namespace slmatch
