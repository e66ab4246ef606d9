#pragma once
/// Fairness objectives for the capacitated assignment problem: plans that lift the
/// worst-off match, or serve the people who waited longest first, instead of only the
/// largest total.
///
/// In: a `capacitated_problem`, an `objective`, optionally each person's waiting time, and
/// a solver (callable `capacitated_plan(const capacitated_problem&, objective)`, default
/// `solve_reference`). Out: a `fair_plan`: the plan in the problem's own weights, the
/// "price of fairness" (matched count and total against the plain optimum of the same
/// objective), the thresholds used, and the problem that was finally solved with its
/// optimality certificate, which `verify_plan` checks.
///
/// Definitions (a "match" is a chosen (person, household) pair, its "weight" the pair's
/// score; M* is the largest number of people any plan matches):
///
/// - **Egalitarian** (`solve_egalitarian`). The floor t* is the highest lowest-weight among
///   plans matching M* people (0 when M* = 0). The plan is the best plan for the objective
///   among plans whose every match weighs at least t*. With `max_matched_then_total` this
///   is exactly: among plans matching the most people, the largest lowest weight, then the
///   largest total. With `max_total` it is the largest total among plans with no match below
///   t*. (Taking the lowest weight over *all* plans literally would propose only the single
///   best pairs, so the floor is the one that still lets as many people be matched.)
/// - **Leximin** (`solve_leximin`). With `max_matched_then_total`: the most people matched,
///   then the sorted (ascending) vector of matched weights is as large as possible
///   lexicographically: the lowest weight as high as possible, then the second lowest, and
///   so on. With `max_total` the vector has one entry per person, 0 for an unmatched person
///   (as `max_total` counts them), so leaving someone unmatched is as bad as a match of
///   weight 0. The total follows from the vector.
/// - **Waiting priority** (`solve_waiting_priority`). Lexicographic: (with
///   `max_matched_then_total`) the most people matched; then the largest sum of the waiting
///   days of the people matched; then the largest total score. So a person who waited
///   longer is never left out to make room for someone who waited less, unless that lets
///   more people in (or more waiting days in total, e.g. two people of 30 days before one
///   of 50).
///
/// How they are made exact. Egalitarian: the number of people matchable with only edges of
/// weight >= t falls as t grows; a binary search over the distinct weights (between the
/// lowest weight of the plain plan and the largest weight) finds t*, each step one
/// solve of the kept edges for `max_matched_then_total`, read for its count only; then one
/// solve on the kept edges for the goal. Leximin and waiting priority solve a sequence of
/// lexicographic stages. After a stage the LP certificate describes *every* optimal plan of that
/// stage (complementary slackness): exactly the plans that use only tight edges (reduced cost 0),
/// match every person with a positive price and fill every household with a positive price. The
/// next stage keeps only the tight edges and adds K (larger than anything the next stage's weights
/// can gain) for each such person or household an edge touches, so its optimum stays among the
/// previous optima and is the best of them for the next criterion. The weights stay small (no
/// weight of the form B^stage), so the stages never overflow for leximin; for waiting priority K is
/// about the sum of the people's best scores. The leximin stages are one per distinct weight of a
/// still-usable edge: pass a solver that is fast on 0/1 weights for large problems, or round the
/// weights first.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/reference_solver.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// The fairness rules: `solve_egalitarian`, `solve_leximin`, `solve_waiting_priority`.
enum class fairness_rule : std::uint8_t { egalitarian, leximin, waiting_priority };
SLMATCH_VOCABULARY(fairness_rule, "fairness rule", "egalitarian", "leximin", "waiting_priority");

/// What a fair plan costs against the plain optimum of the same objective.
struct price_of_fairness {
  int plain_matched = 0;        ///< people matched by the plain optimal plan
  std::int64_t plain_total = 0; ///< its total weight
  int matched_lost = 0;         ///< plain_matched - fair matched (0 for max_matched_then_total)
  std::int64_t total_lost = 0;  ///< plain_total - fair total (>= 0 when plain is better)
};

/// A plan optimal for a fairness objective, with what it costs and how it is proved.
struct fair_plan {
  std::vector<int> household_of; ///< per person: household or -1
  int matched = 0;               ///< people with a household
  std::int64_t total = 0;        ///< sum of the chosen edges' weights in the problem
  std::int64_t lowest = -1;      ///< the lowest chosen weight, -1 when nobody is matched
  price_of_fairness cost;        ///< against the plain optimum
  /// Egalitarian: {t*}. Leximin: the weight threshold of each stage solved, ascending
  /// (the stage maximised the number of matches weighing at least it). Waiting priority:
  /// empty.
  std::vector<std::int64_t> thresholds;
  /// The problem finally solved: the same people and households, a subset of the edges,
  /// possibly with transformed weights (egalitarian: edges >= t*, weights unchanged;
  /// leximin and waiting priority: the last stage's tight edges and stage weights).
  capacitated_problem solved_problem;
  objective solved_goal = objective::max_matched_then_total; ///< its objective
  std::vector<int> solved_edge; ///< per edge of solved_problem: the edge of the problem
  /// The plan of solved_problem with its certificate: `verify_plan(solved_problem,
  /// solved_goal, solved_plan)` passes, and its household_of equals `household_of`.
  capacitated_plan solved_plan;
};

namespace detail {

/// A problem derived from another: a subset of its edges, perhaps reweighted.
struct derived_problem {
  capacitated_problem problem;
  std::vector<int> original_edge; ///< per edge: the edge of the original problem
};

/// Which plans of a solved problem are optimal, read off its certificate (complementary
/// slackness): tight edges, people who must be matched, households that must be full.
struct optimal_face {
  std::vector<char> tight_edge;
  std::vector<char> must_match;
  std::vector<char> must_fill;
};

inline optimal_face face_of(const capacitated_problem& problem, const capacitated_plan& plan) {
  const plan_certificate& c = plan.certificate;
  optimal_face face;
  face.tight_edge.resize(problem.edges.size());
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    face.tight_edge[i] = c.person_price[static_cast<std::size_t>(e.person)] +
                             c.household_price[static_cast<std::size_t>(e.household)] ==
                         e.weight + c.bonus;
  }
  face.must_match.resize(c.person_price.size());
  for (std::size_t p = 0; p < c.person_price.size(); ++p)
    face.must_match[p] = c.person_price[p] > 0;
  face.must_fill.resize(c.household_price.size());
  for (std::size_t h = 0; h < c.household_price.size(); ++h)
    face.must_fill[h] = c.household_price[h] > 0;
  return face;
}

/// The plan, with counts, from a solved derived problem.
inline void adopt(const capacitated_problem& problem, const derived_problem& solved,
                  objective solved_goal, capacitated_plan solved_plan, fair_plan& out) {
  out.household_of = solved_plan.household_of;
  out.matched = 0;
  out.total = 0;
  out.lowest = -1;
  for (std::size_t i = 0; i < solved.problem.edges.size(); ++i) {
    const auto& e = solved.problem.edges[i];
    if (out.household_of[static_cast<std::size_t>(e.person)] != e.household) continue;
    const std::int64_t weight =
        problem.edges[static_cast<std::size_t>(solved.original_edge[i])].weight;
    ++out.matched;
    out.total += weight;
    out.lowest = out.lowest < 0 ? weight : std::min(out.lowest, weight);
  }
  out.solved_problem = solved.problem;
  out.solved_goal = solved_goal;
  out.solved_edge = solved.original_edge;
  out.solved_plan = std::move(solved_plan);
}

inline void set_cost(const capacitated_plan& plain, fair_plan& out) {
  out.cost.plain_matched = plain.matched;
  out.cost.plain_total = plain.total;
  out.cost.matched_lost = plain.matched - out.matched;
  out.cost.total_lost = plain.total - out.total;
}

/// The problem with only the edges `keep(edge)` accepts, each reweighted by `weigh(edge_id)`.
template <class Keep, class Weigh>
derived_problem derive(const capacitated_problem& problem, Keep keep, Weigh weigh) {
  derived_problem derived;
  derived.problem.people = problem.people;
  derived.problem.capacity = problem.capacity;
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    if (!keep(i)) continue;
    derived.problem.edges.push_back({e.person, e.household, weigh(i)});
    derived.original_edge.push_back(static_cast<int>(i));
  }
  return derived;
}

/// One lexicographic stage: among the optimal plans of `current` (described by `face`),
/// the best for the new per-edge weights `next_weight` (indexed like current's edges, >= 0).
/// Keeps the tight edges and adds K per must-match person and must-fill household an edge
/// touches, K = 1 + the sum over people of their largest next weight, then solves for
/// `max_total`.
template <class Solver>
std::pair<derived_problem, capacitated_plan>
next_stage(const derived_problem& current, const optimal_face& face,
           const std::vector<std::int64_t>& next_weight, Solver& solver) {
  const auto& edges = current.problem.edges;
  std::vector<std::int64_t> best(static_cast<std::size_t>(current.problem.people), 0);
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (face.tight_edge[i]) {
      auto& b = best[static_cast<std::size_t>(edges[i].person)];
      b = std::max(b, next_weight[i]);
    }
  std::int64_t k = 1;
  for (std::int64_t b : best)
    if (!checked_add(k, b, k)) throw error("lexicographic stage weights overflow");
  derived_problem next;
  next.problem.people = current.problem.people;
  next.problem.capacity = current.problem.capacity;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!face.tight_edge[i]) continue;
    const auto& e = edges[i];
    const std::int64_t musts = face.must_match[static_cast<std::size_t>(e.person)] +
                               face.must_fill[static_cast<std::size_t>(e.household)];
    std::int64_t weight = 0;
    if (!checked_multiply(k, musts, weight) || !checked_add(weight, next_weight[i], weight))
      throw error("lexicographic stage weights overflow");
    next.problem.edges.push_back({e.person, e.household, weight});
    next.original_edge.push_back(current.original_edge[i]);
  }
  capacitated_plan plan = solver(next.problem, objective::max_total);
  return {std::move(next), std::move(plan)};
}

/// Validate the edge indices in linear time, falling back to `check_problem` (which sorts)
/// for the detailed errors; the solver's own `check_problem` catches the remaining rules.
inline void check_indices(const capacitated_problem& problem) {
  bool fine = problem.people >= 0;
  const int households = static_cast<int>(problem.capacity.size());
  for (const auto& e : problem.edges)
    fine = fine && e.person >= 0 && e.person < problem.people && e.household >= 0 &&
           e.household < households;
  if (!fine) check_problem(problem);
}

inline derived_problem whole(const capacitated_problem& problem) {
  return derive(
      problem, [](std::size_t) { return true; },
      [&](std::size_t i) { return problem.edges[i].weight; });
}

} // namespace detail

/// The egalitarian plan: the highest floor t* on the weights that still lets the most
/// people be matched, then the best plan for `goal` above the floor (definition at the top
/// of this file).
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  `max_matched_then_total`: among plans matching the most people, the
///                  largest lowest weight, then the largest total; `max_total`: the largest
///                  total among plans with no match below t*
/// @param[in] solver  callable `capacitated_plan(const capacitated_problem&, objective)`
///                    returning an optimal plan with its certificate
/// @return  the plan; thresholds = {t*} (0 when nobody can be matched); solved_problem =
///          the edges of weight >= t* with their weights, solved_goal = goal
/// @throws slmatch::validation_error when the problem fails `check_problem` (edge indices
///         are checked here, the other rules by the solver: pass one that checks, as the
///         library's solvers do)
/// \note  1 + ceil(log2(distinct weights)) + 1 (+1 for `max_total`) solver calls: the plain
///        optimum, the binary search (one solve of the kept edges each), the final solve.
///        Deterministic when the solver is.
template <class Solver = reference_solver>
fair_plan solve_egalitarian(const capacitated_problem& problem,
                            objective goal = objective::max_matched_then_total,
                            Solver solver = {}) {
  detail::check_indices(problem); // the first solver call checks the rest
  const capacitated_plan plain = solver(problem, goal);
  fair_plan out;

  const int most = goal == objective::max_matched_then_total
                       ? plain.matched
                       : solver(problem, objective::max_matched_then_total).matched;
  std::int64_t floor = 0;
  if (most > 0) {
    // A weight known to be a feasible floor: the plain plan's lowest when it matches the
    // most people, else 0 (every edge kept).
    std::int64_t known = 0;
    if (goal == objective::max_matched_then_total) {
      known = -1;
      for (const auto& e : problem.edges)
        if (plain.household_of[static_cast<std::size_t>(e.person)] == e.household)
          known = known < 0 ? e.weight : std::min(known, e.weight);
    }
    // The usable edges from `known` up, heaviest first, so that the edges kept by a floor
    // are a prefix; and the candidate floors, their distinct weights ascending.
    std::vector<int> above;
    for (std::size_t i = 0; i < problem.edges.size(); ++i) {
      const auto& e = problem.edges[i];
      if (e.weight >= known && problem.capacity[static_cast<std::size_t>(e.household)] > 0)
        above.push_back(static_cast<int>(i));
    }
    auto weight_of = [&](int i) { return problem.edges[static_cast<std::size_t>(i)].weight; };
    std::stable_sort(above.begin(), above.end(),
                     [&](int a, int b) { return weight_of(a) > weight_of(b); });
    std::vector<std::int64_t> weights;
    for (auto it = above.rbegin(); it != above.rend(); ++it)
      if (weights.empty() || weights.back() != weight_of(*it)) weights.push_back(weight_of(*it));
    // The most people matchable with edges >= t: one solve for the count only (weighted
    // shortest-path solvers reach it faster with the weights than with equal ones).
    capacitated_problem kept{problem.people, problem.capacity, {}};
    auto matchable_at = [&](std::int64_t t) {
      kept.edges.clear();
      for (std::size_t k = 0; k < above.size() && weight_of(above[k]) >= t; ++k)
        kept.edges.push_back(problem.edges[static_cast<std::size_t>(above[k])]);
      return solver(kept, objective::max_matched_then_total).matched;
    };
    // Invariant: weights[low] is feasible (M* matchable with edges >= it); indices above
    // high are not.
    std::size_t low = 0;
    std::size_t high = weights.size() - 1;
    while (low < high) {
      const std::size_t middle = low + (high - low + 1) / 2;
      if (matchable_at(weights[middle]) == most)
        low = middle;
      else
        high = middle - 1;
    }
    floor = weights[low];
  }
  out.thresholds = {floor};
  const detail::derived_problem kept = detail::derive(
      problem, [&](std::size_t i) { return problem.edges[i].weight >= floor; },
      [&](std::size_t i) { return problem.edges[i].weight; });
  capacitated_plan plan = solver(kept.problem, goal);
  detail::adopt(problem, kept, goal, std::move(plan), out);
  detail::set_cost(plain, out);
  return out;
}

/// The leximin plan: the lowest matched weight as high as possible, then the second lowest,
/// and so on (definition at the top of this file).
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  `max_matched_then_total`: the most people matched first, then leximin on
///                  the matched weights; `max_total`: leximin on every person's weight, 0
///                  when unmatched
/// @param[in] solver  as for `solve_egalitarian`
/// @return  the plan; thresholds = the stages solved; solved_problem = the last stage's
///          problem (its weights are stage weights, not scores), solved_goal = max_total
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Exact. One solver call per stage, at most 1 + the number of distinct weights;
///        each stage's weights are at most 2 x people + 3, and each stage works on the
///        tight edges of the previous one only, so stages shrink. Worst case O(distinct
///        weights x solver time): slow on large problems with many distinct weights.
template <class Solver = reference_solver>
fair_plan solve_leximin(const capacitated_problem& problem,
                        objective goal = objective::max_matched_then_total, Solver solver = {}) {
  check_problem(problem);
  const capacitated_plan plain = solver(problem, goal);
  fair_plan out;
  detail::derived_problem current = detail::whole(problem);
  // The starting face holds every plan: all edges tight, nothing forced.
  detail::optimal_face face{std::vector<char>(problem.edges.size(), 1),
                            std::vector<char>(static_cast<std::size_t>(problem.people), 0),
                            std::vector<char>(problem.capacity.size(), 0)};
  capacitated_plan plan;
  bool solved = false;
  // The first stage counts matches of weight >= 0 (all of them, i.e. the people matched)
  // for max_matched_then_total, and of weight >= 1 for max_total.
  std::int64_t threshold = goal == objective::max_matched_then_total ? 0 : 1;
  for (bool first = true;; first = false) {
    // Skip thresholds no kept edge separates from the last one: their counts are fixed.
    std::int64_t next = -1;
    for (std::size_t i = 0; i < current.problem.edges.size(); ++i) {
      if (!face.tight_edge[i]) continue;
      const std::int64_t w =
          problem.edges[static_cast<std::size_t>(current.original_edge[i])].weight;
      if (w >= threshold && (next < 0 || w < next)) next = w;
    }
    if (next < 0) break;
    if (!first || goal == objective::max_total) threshold = next;
    std::vector<std::int64_t> counts(current.problem.edges.size());
    for (std::size_t i = 0; i < counts.size(); ++i)
      counts[i] =
          problem.edges[static_cast<std::size_t>(current.original_edge[i])].weight >= threshold;
    auto staged = detail::next_stage(current, face, counts, solver);
    current = std::move(staged.first);
    plan = std::move(staged.second);
    solved = true;
    out.thresholds.push_back(threshold);
    face = detail::face_of(current.problem, plan);
    ++threshold; // the next stage counts matches strictly above this one
  }
  if (!solved) plan = solver(current.problem, objective::max_total); // no edge to count
  detail::adopt(problem, current, objective::max_total, std::move(plan), out);
  detail::set_cost(plain, out);
  return out;
}

/// Check per-person waiting times against a problem.
///
/// @throws slmatch::validation_error from `check_problem`, or naming each bad entry, e.g.
///         "person 3, field waiting_days: must be >= 0 (is -2)"
inline void check_waiting_days(const capacitated_problem& problem,
                               const std::vector<std::int64_t>& waiting_days) {
  check_problem(problem);
  std::vector<slmatch::problem> found;
  if (waiting_days.size() != static_cast<std::size_t>(problem.people))
    found.push_back({"waiting_days", "",
                     "has " + std::to_string(waiting_days.size()) + " entries for " +
                         std::to_string(problem.people) + " people"});
  for (std::size_t p = 0; p < waiting_days.size(); ++p)
    if (waiting_days[p] < 0 || waiting_days[p] > max_edge_weight)
      found.push_back(
          {"person " + std::to_string(p), "waiting_days",
           (waiting_days[p] < 0 ? std::string("must be >= 0")
                                : "must be at most " + std::to_string(max_edge_weight)) +
               " (is " + std::to_string(waiting_days[p]) + ")"});
  if (!found.empty()) throw validation_error(std::move(found));
}

/// Waiting priority: the most people matched (for `max_matched_then_total`), then the
/// largest sum of the matched people's waiting days, then the largest total score.
///
/// @param[in] problem  people, capacities, weighted edges
/// @param[in] goal  with or without the most-people-matched first criterion
/// @param[in] waiting_days  per person, days on the waiting list, >= 0
/// @param[in] solver  as for `solve_egalitarian`
/// @return  the plan; solved_problem = the second stage (tight edges of the waiting stage,
///          weight = score + K per forced endpoint), solved_goal = max_total
/// @throws slmatch::validation_error as `check_waiting_days`, or when the second stage's
///         weights (about people x the largest score) are too large for `check_problem`
/// \note  Exact; three solver calls (plain optimum, waiting stage, score stage).
template <class Solver = reference_solver>
fair_plan solve_waiting_priority(const capacitated_problem& problem, objective goal,
                                 const std::vector<std::int64_t>& waiting_days,
                                 Solver solver = {}) {
  check_waiting_days(problem, waiting_days);
  const capacitated_plan plain = solver(problem, goal);
  fair_plan out;
  const detail::derived_problem waiting = detail::derive(
      problem, [](std::size_t) { return true; },
      [&](std::size_t i) {
        return waiting_days[static_cast<std::size_t>(problem.edges[i].person)];
      });
  const capacitated_plan waiting_plan = solver(waiting.problem, goal);
  std::vector<std::int64_t> scores(problem.edges.size());
  for (std::size_t i = 0; i < scores.size(); ++i) scores[i] = problem.edges[i].weight;
  auto staged =
      detail::next_stage(waiting, detail::face_of(waiting.problem, waiting_plan), scores, solver);
  detail::adopt(problem, staged.first, objective::max_total, std::move(staged.second), out);
  detail::set_cost(plain, out);
  return out;
}

} // namespace slmatch
