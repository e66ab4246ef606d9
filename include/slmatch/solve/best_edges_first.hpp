#pragma once
/// Solving on each person's and household's best edges first, then pricing out the rest.
///
/// A national scheme has thousands of feasible households per person, but an optimal plan
/// uses only a few of them, nearly always near the top of each side's list. The fast
/// solver (capacitated_solver.hpp) therefore first solves the problem restricted to every
/// person's `per_person` heaviest edges and every household's `per_household` heaviest
/// (plus twice its places), then checks the restricted plan's prices against every edge of
/// the whole problem. An edge whose reduced cost is negative could improve the plan: each
/// person with such edges brings its `per_person` most negative ones into the restricted
/// problem, which is solved again, until no edge is left with a negative reduced cost.
///
/// Why that is exact: the restricted plan is feasible for the whole problem, and its prices
/// satisfy complementary slackness on the edges it uses; once every edge of the whole
/// problem has a non-negative reduced cost they are dual feasible too, so the plan is
/// optimal for the whole problem (LP duality, see capacitated.hpp). The bonus of
/// `max_matched_then_total` is always the whole problem's. Households without a place keep
/// out of the restricted problem's prices; `price_households_without_places` gives them the
/// smallest price every one of their edges allows.
///
/// Complexity: O(edges) per pass for choosing and for pricing (a bounded heap per vertex,
/// no sort of the whole edge list), plus the restricted solves, which read a small part of
/// the edges.

#include "slmatch/solve/capacitated.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace slmatch {

/// How many edges per vertex the first restricted problem keeps.
struct best_edges_options {
  int per_person = 12;    ///< each person's heaviest edges
  int per_household = 12; ///< each household's heaviest edges, plus twice its places
  int rounds = 8;         ///< restricted solves before the whole problem is solved instead
};

namespace detail {

/// An edge by its weight (or by how much it would gain) and its index.
struct ranked_edge {
  std::int64_t value; ///< larger is better
  int edge;           ///< ties go to the lower index
};
inline bool ranks_above(const ranked_edge& a, const ranked_edge& b) {
  return a.value != b.value ? a.value > b.value : a.edge < b.edge;
}

/// For each vertex, the best few edges offered to it (by `ranks_above`, a strict order, so
/// what is kept does not depend on the order of offers): one bounded heap per vertex, all
/// in one flat pool.
class best_per_vertex {
public:
  /// @param sizes  how many edges each vertex keeps
  explicit best_per_vertex(const std::vector<std::size_t>& sizes)
      : first_(sizes.size() + 1, 0), kept_(sizes.size(), 0) {
    for (std::size_t v = 0; v < sizes.size(); ++v) first_[v + 1] = first_[v] + sizes[v];
    pool_.resize(first_.back());
  }

  void offer(std::size_t v, const ranked_edge& item) {
    ranked_edge* heap = pool_.data() + first_[v];
    const std::size_t room = first_[v + 1] - first_[v];
    std::size_t& kept = kept_[v];
    // The heap's front is the worst edge kept: `ranks_above` as the heap's "less than".
    if (kept < room) {
      heap[kept++] = item;
      std::push_heap(heap, heap + kept, ranks_above);
    } else if (room > 0 && ranks_above(item, heap[0])) {
      std::pop_heap(heap, heap + kept, ranks_above);
      heap[kept - 1] = item;
      std::push_heap(heap, heap + kept, ranks_above);
    }
  }

  /// Calls f(edge index) for every edge kept, vertex by vertex.
  template <class F> void for_each_kept(F f) const {
    for (std::size_t v = 0; v < kept_.size(); ++v)
      for (std::size_t k = 0; k < kept_[v]; ++k) f(pool_[first_[v] + k].edge);
  }

private:
  std::vector<std::size_t> first_;
  std::vector<std::size_t> kept_;
  std::vector<ranked_edge> pool_;
};

/// Edges the first restricted problem would keep, at most.
inline std::size_t best_edges_bound(const capacitated_problem& problem,
                                    const best_edges_options& options) {
  std::size_t bound =
      static_cast<std::size_t>(problem.people) *
          static_cast<std::size_t>(std::max(options.per_person, 0)) +
      problem.capacity.size() * static_cast<std::size_t>(std::max(options.per_household, 0));
  for (int c : problem.capacity) bound += 2 * static_cast<std::size_t>(std::max(c, 0));
  return bound;
}

/// The edges of the first restricted problem, ascending: each person's `per_person` and
/// each household's `per_household` + 2 x places heaviest usable edges (edges into a
/// household without a place can never be chosen and are left out).
inline std::vector<int> best_edges(const capacitated_problem& problem,
                                   const best_edges_options& options) {
  const auto people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();
  const auto per_person = static_cast<std::size_t>(std::max(options.per_person, 0));
  const auto per_household = static_cast<std::size_t>(std::max(options.per_household, 0));
  std::vector<std::size_t> sizes(people, per_person);
  for (std::size_t h = 0; h < households; ++h)
    sizes.push_back(per_household + 2 * static_cast<std::size_t>(std::max(problem.capacity[h], 0)));
  best_per_vertex best(sizes); // people first, then households
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    if (problem.capacity[static_cast<std::size_t>(e.household)] <= 0) continue;
    const ranked_edge item{e.weight, static_cast<int>(i)};
    best.offer(static_cast<std::size_t>(e.person), item);
    best.offer(people + static_cast<std::size_t>(e.household), item);
  }
  std::vector<int> chosen;
  best.for_each_kept([&](int edge) { chosen.push_back(edge); });
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

/// The problem on the given edges only (ascending indices), in the whole problem's edge
/// order, so ties break as they would on the whole problem. People and households keep
/// their indices.
inline capacitated_problem edge_subproblem(const capacitated_problem& problem,
                                           const std::vector<int>& edges) {
  capacitated_problem part;
  part.people = problem.people;
  part.capacity = problem.capacity;
  part.edges.reserve(edges.size());
  for (int i : edges) part.edges.push_back(problem.edges[static_cast<std::size_t>(i)]);
  return part;
}

/// Gives every household without a place the smallest price all its edges allow (its
/// price costs nothing in the dual objective, having no places).
inline void price_households_without_places(const capacitated_problem& problem,
                                            plan_certificate& certificate) {
  if (std::all_of(problem.capacity.begin(), problem.capacity.end(), [](int c) { return c > 0; }))
    return;
  for (std::size_t h = 0; h < problem.capacity.size(); ++h)
    if (problem.capacity[h] <= 0) certificate.household_price[h] = 0;
  for (const auto& e : problem.edges) {
    const auto h = static_cast<std::size_t>(e.household);
    if (problem.capacity[h] > 0) continue;
    std::int64_t& price = certificate.household_price[h];
    price = std::max(price, e.weight + certificate.bonus -
                                certificate.person_price[static_cast<std::size_t>(e.person)]);
  }
}

/// For each person with edges of negative reduced cost under `certificate` (into
/// households with places), its `per_person` most negative ones, ascending. Prices and
/// weights are bounded by `check_problem`, so nothing overflows.
inline std::vector<int> priced_out_edges(const capacitated_problem& problem,
                                         const plan_certificate& certificate, int per_person) {
  const auto people = static_cast<std::size_t>(problem.people);
  std::vector<std::size_t> sizes(people, static_cast<std::size_t>(std::max(per_person, 1)));
  best_per_vertex most_negative(sizes);
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    const auto h = static_cast<std::size_t>(e.household);
    if (problem.capacity[h] <= 0) continue;
    const auto p = static_cast<std::size_t>(e.person);
    const std::int64_t reduced = certificate.person_price[p] + certificate.household_price[h] -
                                 (e.weight + certificate.bonus);
    if (reduced < 0) most_negative.offer(p, {-reduced, static_cast<int>(i)});
  }
  std::vector<int> edges;
  most_negative.for_each_kept([&](int edge) { edges.push_back(edge); });
  std::sort(edges.begin(), edges.end());
  return edges;
}

} // namespace detail
} // namespace slmatch
