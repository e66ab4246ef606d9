#pragma once
/// The fast exact solver for the capacitated assignment problem (see capacitated.hpp).
///
/// In: a `capacitated_problem` and an `objective`. Out: an optimal `capacitated_plan` whose
/// certificate passes `verify_plan`; identical input gives an identical plan and prices,
/// whatever the number of threads.
///
/// How it works:
///
/// 1. Decomposition (components.hpp). The bipartite graph of usable edges splits into
///    connected components, independent sub-problems solved on `threads` threads and
///    merged. People outside every component stay unmatched at price 0; a household
///    outside every component gets the smallest price its (unusable) edges allow.
/// 2. Equal weights (maximum_cardinality.hpp). A component whose edges all carry the same
///    weight is finished by a maximum flow alone: for equal weights every maximum matching is
///    optimal for both objectives, and the minimum cover, priced at that weight, is its
///    certificate (König), so no shortest-path search runs at all. On the other components
///    the searches below already stop as soon as no better path exists, and a max-flow over
///    the whole graph would cost more than it saves.
/// 3. Successive shortest paths (shortest_paths.hpp) on every other component.
///
/// A problem with many edges per person (a national scheme has thousands) runs all of this
/// on each person's and household's best edges first and prices the plan against every
/// edge, adding the edges that could improve it, until none can (best_edges_first.hpp):
/// still exact, and the certificate covers every edge.
///
/// Complexity: O(people + households + edges) for the checks and the decomposition, plus
/// each component's max flow or shortest paths. Prices are exact int64 arithmetic;
/// `check_problem` bounds the weights so that nothing overflows.

#include "slmatch/parallel.hpp"
#include "slmatch/solve/best_edges_first.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/components.hpp"
#include "slmatch/solve/maximum_cardinality.hpp"
#include "slmatch/solve/shortest_paths.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace slmatch {

/// How `solve_capacitated` runs; no option changes the optimum, and `threads` does not
/// change the plan either.
struct capacitated_options {
  int threads = 1; ///< components solved at once; values below 1 count as 1
  /// Problems with more edges than this are solved on each vertex's best edges first
  /// (best_edges_first.hpp) when that keeps at most half of them.
  std::size_t best_edges_from = 200000;
  best_edges_options best_edges; ///< how many edges the first restricted problem keeps
};

namespace detail {

/// A component whose edges all have adjusted weight `weight`: a maximum matching is optimal
/// and the minimum cover priced at `weight` certifies it.
inline component_solution solve_equal_weights(const capacitated_problem& problem,
                                              std::int64_t weight) {
  const matchable_result matching = maximum_matchable_unchecked(problem);
  component_solution out;
  out.household_of = matching.household_of;
  out.person_price.resize(matching.person_in_cover.size());
  out.household_price.resize(matching.household_in_cover.size());
  for (std::size_t p = 0; p < out.person_price.size(); ++p)
    out.person_price[p] = matching.person_in_cover[p] ? weight : 0;
  for (std::size_t h = 0; h < out.household_price.size(); ++h)
    out.household_price[h] = matching.household_in_cover[h] ? weight : 0;
  return out;
}

/// Solve one component (every vertex has an edge, every household a place).
inline component_solution solve_component(const capacitated_problem& problem, std::int64_t bonus) {
  const std::int64_t first_weight = problem.edges.front().weight;
  const bool equal = std::all_of(problem.edges.begin(), problem.edges.end(),
                                 [&](const auto& e) { return e.weight == first_weight; });
  if (equal) return solve_equal_weights(problem, first_weight + bonus);
  std::int64_t places = 0;
  for (int c : problem.capacity) places += c;
  return shortest_path_solver(problem, bonus, problem.people <= places).solve();
}

/// The whole problem, split into components solved on `threads` threads, with `bonus`
/// added to every weight.
inline capacitated_plan solve_components(const capacitated_problem& problem, std::int64_t bonus,
                                         int threads) {
  bool whole = false;
  const std::vector<problem_component> parts = detail::split_components_unchecked(problem, &whole);
  if (whole) { // one component holding everything: solve it in place
    const detail::component_solution solution = detail::solve_component(problem, bonus);
    capacitated_plan plan;
    plan.household_of = solution.household_of;
    plan.certificate = {solution.person_price, solution.household_price, bonus};
    for (const auto& e : problem.edges)
      if (plan.household_of[static_cast<std::size_t>(e.person)] == e.household) {
        ++plan.matched;
        plan.total += e.weight;
      }
    return plan;
  }

  // Largest components first, so that threads finish together; order does not matter
  // for the result.
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return parts[a].problem.edges.size() > parts[b].problem.edges.size();
  });
  std::vector<detail::component_solution> solutions(parts.size());
  for_each_chunk(parts.size(), threads, [&](std::size_t i) {
    solutions[order[i]] = detail::solve_component(parts[order[i]].problem, bonus);
  });

  const std::size_t people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();
  capacitated_plan plan;
  plan.household_of.assign(people, -1);
  plan.certificate.bonus = bonus;
  plan.certificate.person_price.assign(people, 0);
  plan.certificate.household_price.assign(households, 0);
  for (std::size_t c = 0; c < parts.size(); ++c) {
    const auto& part = parts[c];
    const auto& solution = solutions[c];
    for (std::size_t p = 0; p < part.person.size(); ++p) {
      const auto person = static_cast<std::size_t>(part.person[p]);
      const int h = solution.household_of[p];
      if (h >= 0) plan.household_of[person] = part.household[static_cast<std::size_t>(h)];
      plan.certificate.person_price[person] = solution.person_price[p];
    }
    for (std::size_t h = 0; h < part.household.size(); ++h)
      plan.certificate.household_price[static_cast<std::size_t>(part.household[h])] =
          solution.household_price[h];
  }
  price_households_without_places(problem, plan.certificate);
  for (const auto& e : problem.edges)
    if (plan.household_of[static_cast<std::size_t>(e.person)] == e.household) {
      ++plan.matched;
      plan.total += e.weight;
    }
  return plan;
}

} // namespace detail

/// Optimal plan for a capacitated assignment problem (fast exact solver).
///
/// @param[in] problem  people, household capacities and weighted edges
/// @param[in] goal  most people matched then the largest total, or the largest total
/// @param[in] options  threads for independent components; when to solve on the best
///                     edges first
/// @return  an optimal plan with its certificate (bonus 0 for `max_total`,
///          `cardinality_bonus(problem)` otherwise); it passes `verify_plan`
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Deterministic: identical input and options give an identical plan and
///        certificate for any number of threads. Its plan may differ from
///        `solve_reference`'s, or with other `best_edges` settings, where several plans are
///        optimal; the optimum (matched, total) is the same.
inline capacitated_plan solve_capacitated(const capacitated_problem& problem,
                                          objective goal = objective::max_matched_then_total,
                                          const capacitated_options& options = {}) {
  const std::int64_t full_bonus = cardinality_bonus(problem);
  const std::int64_t bonus = goal == objective::max_total ? 0 : full_bonus;
  const std::size_t edges = problem.edges.size();
  if (edges <= options.best_edges_from ||
      2 * detail::best_edges_bound(problem, options.best_edges) >= edges)
    return detail::solve_components(problem, bonus, options.threads);

  std::vector<int> kept = detail::best_edges(problem, options.best_edges);
  for (int round = 0; round < options.best_edges.rounds; ++round) {
    capacitated_plan plan =
        detail::solve_components(detail::edge_subproblem(problem, kept), bonus, options.threads);
    detail::price_households_without_places(problem, plan.certificate);
    const std::vector<int> more =
        detail::priced_out_edges(problem, plan.certificate, options.best_edges.per_person);
    if (more.empty()) return plan;
    // The restricted prices are dual feasible on the kept edges, so none of these is kept.
    const auto middle = static_cast<std::ptrdiff_t>(kept.size());
    kept.insert(kept.end(), more.begin(), more.end());
    std::inplace_merge(kept.begin(), kept.begin() + middle, kept.end());
    if (2 * kept.size() >= edges) break; // as much work as the whole problem
  }
  return detail::solve_components(problem, bonus, options.threads);
}

/// The fast solver on a fixed number of threads as a callable, in the form the constraint,
/// re-solve, k-best and fairness layers take; on one thread it is their default solver.
struct threaded_solver {
  int threads = 1;
  capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    capacitated_options options;
    options.threads = threads;
    return solve_capacitated(problem, goal, options);
  }
};

} // namespace slmatch
