#pragma once
/// Brute force for tiny capacitated assignment problems, and a generator of such problems,
/// for tests only.
///
/// In: a `capacitated_problem` small enough to enumerate (each person unmatched or on one
/// of their edges: prod over people of (edges + 1) assignments). Out: the best number
/// matched and total for each objective, found by trying every assignment that respects
/// the capacities. It shares no code with the solvers it checks.
/// `random_tiny_problem(seed)` makes the seeded problems solvers are compared on.

#include "slmatch/solve/capacitated.hpp"

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace slmatch::testing {

/// The optimum of a problem under both objectives.
struct brute_force_optimum {
  int most_matched = 0;                   ///< max_matched_then_total: people matched
  std::int64_t total_at_most_matched = 0; ///< max_matched_then_total: best total among those
  std::int64_t best_total = 0;            ///< max_total: best total
};

/// Every assignment of people to households (or to no household) within capacities.
///
/// @param[in] problem  a tiny, well-formed problem
/// @return  the optimum for each objective
inline brute_force_optimum brute_force(const capacitated_problem& problem) {
  std::vector<std::vector<const capacitated_problem::edge*>> options(
      static_cast<std::size_t>(problem.people));
  for (const auto& e : problem.edges) options[static_cast<std::size_t>(e.person)].push_back(&e);
  std::vector<int> load(problem.capacity.size(), 0);
  brute_force_optimum best;

  // Depth-first over people; `matched` and `total` describe people before `person`.
  auto visit = [&](auto&& self, int person, int matched, std::int64_t total) -> void {
    if (person == problem.people) {
      if (matched > best.most_matched ||
          (matched == best.most_matched && total > best.total_at_most_matched)) {
        best.most_matched = matched;
        best.total_at_most_matched = total;
      }
      if (total > best.best_total) best.best_total = total;
      return;
    }
    self(self, person + 1, matched, total); // this person unmatched
    for (const auto* e : options[static_cast<std::size_t>(person)]) {
      int& used = load[static_cast<std::size_t>(e->household)];
      if (used == problem.capacity[static_cast<std::size_t>(e->household)]) continue;
      ++used;
      self(self, person + 1, matched + 1, total + e->weight);
      --used;
    }
  };
  visit(visit, 0, 0, 0);
  return best;
}

/// A random problem small enough for `brute_force`: 0–7 people, 1–4 households with
/// capacities 0–3, each pair an edge with a per-problem probability, edges in random
/// order. Weights follow one of four patterns: random 0–20, all equal (1–5), all zero, or
/// 0–2 (many ties).
///
/// @param[in] seed  the same seed gives the same problem on every platform
inline capacitated_problem random_tiny_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  capacitated_problem problem;
  problem.people = below(8);
  const int households = 1 + below(4);
  for (int h = 0; h < households; ++h) problem.capacity.push_back(below(4));
  const int density_percent = 15 + below(70);
  const int pattern = below(4);
  const std::int64_t equal_weight = 1 + below(5);
  for (int p = 0; p < problem.people; ++p)
    for (int h = 0; h < households; ++h) {
      if (below(100) >= density_percent) continue;
      std::int64_t weight = 0;
      if (pattern == 0) weight = below(21);
      if (pattern == 1) weight = equal_weight;
      if (pattern == 3) weight = below(3);
      problem.edges.push_back({p, h, weight});
    }
  for (std::size_t i = problem.edges.size(); i > 1; --i)
    std::swap(problem.edges[i - 1],
              problem.edges[static_cast<std::size_t>(below(static_cast<int>(i)))]);
  return problem;
}

} // namespace slmatch::testing
