#pragma once
/// The fast exact solver for the capacitated assignment problem (see capacitated.hpp).
///
/// In: a `capacitated_problem` and an `objective`. Out: an optimal `capacitated_plan` whose
/// certificate passes `verify_plan`; identical input gives an identical plan and prices,
/// whatever the number of threads.
///
/// How it works:
///
/// 1. Decomposition (`split_components`). `boost::connected_components` runs over the
///    bipartite graph of people and households joined by usable edges (edges into a
///    household with no place can never be chosen and are left out). Each component is an
///    independent sub-problem; they are solved on `threads` threads and merged. People
///    outside every component stay unmatched at price 0; a household outside every
///    component gets the smallest price its (unusable) edges allow.
/// 2. Maximum cardinality (`maximum_matchable`). `boost::push_relabel_max_flow` on the
///    capacitated network source -> person (1) -> household -> sink (capacity) gives the
///    largest number of people that can be matched and, from the minimum cut, a vertex
///    cover of that size. Push-relabel works on the capacities directly, where
///    `edmonds_maximum_cardinality_matching` would need one vertex per place. A component
///    whose edges all carry the same weight is finished by it alone: for equal weights every
///    maximum matching is optimal for both objectives, and the cover, priced at that weight,
///    is its certificate (König), so no shortest-path search runs at all. On the other
///    components the searches below already stop as soon as no better path exists, and a
///    max-flow over the whole graph would cost more than it saves.
/// 3. Successive shortest paths on flat arrays. The sources are the scarcer side of each
///    component (people, or households' places when places are fewer), so every search
///    has many free targets and stays short. A source's first unit takes the smallest
///    price that keeps its edges dual feasible and goes straight to a free partner when
///    its best edge leads to one; other units run Dijkstra with a binary heap over the
///    reduced costs, holding only source-side vertices (a full target passes its distance
///    on to its partners over tight edges), resetting by touched lists, stopping as soon as
///    the sink is settled and updating prices only on settled vertices. Once a source has
///    a unit it does not use, its price is 0 for good and its remaining units are skipped.
///
/// Prices are exact int64 arithmetic; `check_problem` bounds the weights so that nothing
/// overflows (adjusted weights, prices and distances stay below 3 x (bonus + largest weight)).

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>
#include <thread>
#include <utility>
#include <vector>

namespace slmatch {

/// How `solve_capacitated` runs; no option changes the plan it returns.
struct capacitated_options {
  int threads = 1; ///< components solved at once; values below 1 count as 1
};

/// A connected piece of a problem, as a problem of its own, with the maps back to the whole.
struct problem_component {
  capacitated_problem problem; ///< local indices; every person and household has an edge
  std::vector<int> person;     ///< local person -> person of the whole problem, ascending
  std::vector<int> household;  ///< local household -> household of the whole problem, ascending
  std::vector<int> edge;       ///< local edge -> edge of the whole problem, ascending
};

/// A maximum-cardinality assignment, ignoring weights, with the cover that proves it.
struct matchable_result {
  int matched = 0;               ///< the largest number of people that can be matched
  std::vector<int> household_of; ///< per person: household or -1, one assignment reaching it
  /// A minimum vertex cover weighted by capacity: every usable edge (household capacity >= 1)
  /// has its person or its household in it, and covered people + the capacities of covered
  /// households = `matched`.
  std::vector<char> person_in_cover;
  std::vector<char> household_in_cover;
};

namespace detail {

/// The bipartite graph of a problem seen as an undirected Boost.Graph (VertexListGraph and
/// IncidenceGraph) over flat adjacency arrays: people are vertices 0..P-1, households
/// P..P+H-1. Only usable edges (household capacity >= 1) are present.
class bipartite_view {
public:
  using vertex_descriptor = int;
  using edge_descriptor = std::pair<int, int>;
  using directed_category = boost::undirected_tag;
  using edge_parallel_category = boost::disallow_parallel_edge_tag;
  struct traversal_category : boost::incidence_graph_tag, boost::vertex_list_graph_tag {};
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using degree_size_type = std::size_t;
  using vertex_iterator = boost::counting_iterator<int>;

  /// Iterates over a vertex's neighbours, yielding (vertex, neighbour) pairs.
  class out_edge_iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = edge_descriptor;
    using difference_type = std::ptrdiff_t;
    using pointer = const edge_descriptor*;
    using reference = edge_descriptor;
    out_edge_iterator() = default;
    out_edge_iterator(int from, const int* at) : from_(from), at_(at) {}
    edge_descriptor operator*() const { return {from_, *at_}; }
    out_edge_iterator& operator++() {
      ++at_;
      return *this;
    }
    out_edge_iterator operator++(int) {
      out_edge_iterator old = *this;
      ++at_;
      return old;
    }
    bool operator==(const out_edge_iterator& other) const { return at_ == other.at_; }
    bool operator!=(const out_edge_iterator& other) const { return at_ != other.at_; }

  private:
    int from_ = 0;
    const int* at_ = nullptr;
  };

  static vertex_descriptor null_vertex() { return -1; }

  explicit bipartite_view(const capacitated_problem& problem)
      : people_(problem.people),
        first_(static_cast<std::size_t>(problem.people) + problem.capacity.size() + 1, 0) {
    for (const auto& e : problem.edges)
      if (usable(problem, e)) {
        ++first_[static_cast<std::size_t>(e.person) + 1];
        ++first_[static_cast<std::size_t>(people_ + e.household) + 1];
      }
    for (std::size_t v = 1; v < first_.size(); ++v) first_[v] += first_[v - 1];
    neighbours_.resize(first_.back());
    std::vector<std::size_t> next(first_.begin(), first_.end() - 1);
    for (const auto& e : problem.edges)
      if (usable(problem, e)) {
        neighbours_[next[static_cast<std::size_t>(e.person)]++] = people_ + e.household;
        neighbours_[next[static_cast<std::size_t>(people_ + e.household)]++] = e.person;
      }
  }

  static bool usable(const capacitated_problem& problem, const capacitated_problem::edge& e) {
    return problem.capacity[static_cast<std::size_t>(e.household)] > 0;
  }
  std::size_t vertex_count() const { return first_.size() - 1; }
  std::size_t degree(int v) const {
    return first_[static_cast<std::size_t>(v) + 1] - first_[static_cast<std::size_t>(v)];
  }
  std::pair<out_edge_iterator, out_edge_iterator> neighbours(int v) const {
    const int* base = neighbours_.data();
    return {out_edge_iterator(v, base + first_[static_cast<std::size_t>(v)]),
            out_edge_iterator(v, base + first_[static_cast<std::size_t>(v) + 1])};
  }

private:
  int people_;
  std::vector<std::size_t> first_;
  std::vector<int> neighbours_;
};

// The graph functions Boost's algorithms call (found by argument-dependent lookup).
inline std::pair<bipartite_view::vertex_iterator, bipartite_view::vertex_iterator>
vertices(const bipartite_view& g) {
  return {bipartite_view::vertex_iterator(0),
          bipartite_view::vertex_iterator(static_cast<int>(g.vertex_count()))};
}
inline std::size_t num_vertices(const bipartite_view& g) { return g.vertex_count(); }
inline std::pair<bipartite_view::out_edge_iterator, bipartite_view::out_edge_iterator>
out_edges(int v, const bipartite_view& g) {
  return g.neighbours(v);
}
inline std::size_t out_degree(int v, const bipartite_view& g) { return g.degree(v); }
inline int source(const bipartite_view::edge_descriptor& e, const bipartite_view&) {
  return e.first;
}
inline int target(const bipartite_view::edge_descriptor& e, const bipartite_view&) {
  return e.second;
}

/// 1 + the sum over people of their largest weight (the `cardinality_bonus`), in one pass
/// over the edges; the problem must pass `check_problem`.
inline std::int64_t bonus_of(const capacitated_problem& problem) {
  std::vector<std::int64_t> best(static_cast<std::size_t>(problem.people), 0);
  for (const auto& e : problem.edges)
    best[static_cast<std::size_t>(e.person)] =
        std::max(best[static_cast<std::size_t>(e.person)], e.weight);
  return std::accumulate(best.begin(), best.end(), std::int64_t{1});
}

/// True when `check_problem` would accept the problem, by the same rules in linear time
/// (duplicates found with a per-household stamp instead of sorting). Callers fall back to
/// `check_problem` when it says no, for the detailed errors.
inline bool well_formed(const capacitated_problem& problem) {
  constexpr std::size_t size_limit = std::size_t{1} << 30;
  if (problem.people < 0 || static_cast<std::size_t>(problem.people) >= size_limit ||
      problem.capacity.size() >= size_limit || problem.edges.size() >= size_limit)
    return false;
  for (int c : problem.capacity)
    if (c < 0) return false;
  const auto people = static_cast<std::size_t>(problem.people);
  const int households = static_cast<int>(problem.capacity.size());
  std::vector<std::size_t> first(people + 1, 0);
  std::vector<std::int64_t> best(people, 0);
  std::int64_t largest = 0;
  for (const auto& e : problem.edges) {
    if (e.person < 0 || e.person >= problem.people || e.household < 0 ||
        e.household >= households || e.weight < 0 || e.weight > max_edge_weight)
      return false;
    ++first[static_cast<std::size_t>(e.person) + 1];
    best[static_cast<std::size_t>(e.person)] =
        std::max(best[static_cast<std::size_t>(e.person)], e.weight);
    largest = std::max(largest, e.weight);
  }
  for (std::size_t p = 0; p < people; ++p) first[p + 1] += first[p];
  std::vector<int> household_of_slot(problem.edges.size());
  for (const auto& e : problem.edges)
    household_of_slot[first[static_cast<std::size_t>(e.person)]++] = e.household;
  std::vector<int> seen_by(problem.capacity.size(), -1);
  std::size_t begin = 0;
  for (std::size_t p = 0; p < people; ++p) { // first[p] is now where person p's slots end
    for (std::size_t k = begin; k < first[p]; ++k) {
      int& seen = seen_by[static_cast<std::size_t>(household_of_slot[k])];
      if (seen == static_cast<int>(p)) return false;
      seen = static_cast<int>(p);
    }
    begin = first[p];
  }
  std::int64_t bonus = 1;
  for (std::int64_t b : best)
    if (!checked_add(bonus, b, bonus)) return false;
  std::int64_t adjusted_max = 0;
  std::int64_t bound = 0;
  return checked_add(bonus, largest, adjusted_max) &&
         checked_multiply(std::int64_t{problem.people} + 4, adjusted_max, bound);
}

/// The part of a plan a component solver produces, in the component's local indices.
struct component_solution {
  std::vector<int> household_of;
  std::vector<std::int64_t> person_price;
  std::vector<std::int64_t> household_price;
};

/// Maximum flow source -> person -> household -> sink with Boost's push-relabel; see
/// `maximum_matchable`. Assumes a well-formed problem.
inline matchable_result maximum_matchable_unchecked(const capacitated_problem& problem) {
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using network = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor>>>>;
  const std::size_t people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();
  const std::size_t source_vertex = people + households;
  const std::size_t sink_vertex = source_vertex + 1;
  network g(sink_vertex + 1);
  auto capacity = get(boost::edge_capacity, g);
  auto reverse = get(boost::edge_reverse, g);
  auto residual = get(boost::edge_residual_capacity, g);
  auto add_arc = [&](std::size_t from, std::size_t to, std::int64_t cap) {
    const auto forward = add_edge(from, to, g).first;
    const auto backward = add_edge(to, from, g).first;
    capacity[forward] = cap;
    capacity[backward] = 0;
    reverse[forward] = backward;
    reverse[backward] = forward;
    return forward;
  };
  for (std::size_t p = 0; p < people; ++p) add_arc(source_vertex, p, 1);
  std::vector<traits::edge_descriptor> edge_arc(problem.edges.size());
  std::vector<char> has_arc(problem.edges.size(), 0);
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    if (!bipartite_view::usable(problem, e)) continue;
    edge_arc[i] = add_arc(static_cast<std::size_t>(e.person),
                          people + static_cast<std::size_t>(e.household), 1);
    has_arc[i] = 1;
  }
  for (std::size_t h = 0; h < households; ++h)
    if (problem.capacity[h] > 0) add_arc(people + h, sink_vertex, problem.capacity[h]);

  matchable_result result;
  result.matched = static_cast<int>(boost::push_relabel_max_flow(g, source_vertex, sink_vertex));
  result.household_of.assign(people, -1);
  for (std::size_t i = 0; i < problem.edges.size(); ++i)
    if (has_arc[i] && residual[edge_arc[i]] == 0)
      result.household_of[static_cast<std::size_t>(problem.edges[i].person)] =
          problem.edges[i].household;

  // The minimum cut: what the source still reaches in the residual network. People it
  // does not reach and households it reaches form the cover.
  std::vector<char> reached(sink_vertex + 1, 0);
  std::vector<std::size_t> stack{source_vertex};
  reached[source_vertex] = 1;
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    for (auto [it, end] = out_edges(v, g); it != end; ++it)
      if (residual[*it] > 0 && !reached[target(*it, g)]) {
        reached[target(*it, g)] = 1;
        stack.push_back(target(*it, g));
      }
  }
  result.person_in_cover.assign(people, 0);
  result.household_in_cover.assign(households, 0);
  for (std::size_t p = 0; p < people; ++p) result.person_in_cover[p] = !reached[p];
  for (std::size_t h = 0; h < households; ++h)
    result.household_in_cover[h] = problem.capacity[h] > 0 && reached[people + h];
  return result;
}

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

/// Successive shortest paths for one component, from its scarcer side. "Left" vertices
/// are the sources (each with a number of units to place), "right" vertices the targets
/// (each with a number of places); an edge is used at most once. Prices are the LP duals:
/// left_price[u] + right_price[v] >= adjusted weight on every edge, equal on used edges.
class shortest_path_solver {
public:
  /// @param people_are_sources  true: left = people (1 unit each), right = households
  shortest_path_solver(const capacitated_problem& problem, std::int64_t bonus,
                       bool people_are_sources)
      : problem_(problem), people_left_(people_are_sources) {
    const std::size_t people = static_cast<std::size_t>(problem.people);
    const std::size_t households = problem.capacity.size();
    left_count_ = people_left_ ? people : households;
    right_count_ = people_left_ ? households : people;
    // Arcs grouped by source and, within a source, in target order then edge order (so
    // ties go to the lowest index): two stable counting sorts, by target then by source.
    std::vector<std::size_t> first_by_right(right_count_ + 1, 0);
    first_arc_.assign(left_count_ + 1, 0);
    for (const auto& e : problem.edges) {
      ++first_arc_[left_of(e) + 1];
      ++first_by_right[right_of(e) + 1];
    }
    for (std::size_t u = 0; u < left_count_; ++u) first_arc_[u + 1] += first_arc_[u];
    for (std::size_t v = 0; v < right_count_; ++v) first_by_right[v + 1] += first_by_right[v];
    std::vector<int> by_right(problem.edges.size());
    {
      std::vector<std::size_t> next(first_by_right.begin(), first_by_right.end() - 1);
      for (std::size_t i = 0; i < problem.edges.size(); ++i)
        by_right[next[right_of(problem.edges[i])]++] = static_cast<int>(i);
    }
    arcs_.resize(problem.edges.size());
    arc_left_.resize(problem.edges.size());
    arc_edge_.resize(problem.edges.size());
    std::vector<std::size_t> next(first_arc_.begin(), first_arc_.end() - 1);
    for (int i : by_right) {
      const auto& e = problem.edges[static_cast<std::size_t>(i)];
      const std::size_t k = next[left_of(e)]++;
      arcs_[k] = {e.weight + bonus, static_cast<int>(right_of(e)), 0};
      arc_left_[k] = static_cast<int>(left_of(e));
      arc_edge_[k] = i;
    }
    left_units_.resize(left_count_);
    for (std::size_t u = 0; u < left_count_; ++u)
      left_units_[u] = people_left_ ? 1 : problem.capacity[u];
    right_places_.resize(right_count_);
    first_slot_.assign(right_count_ + 1, 0);
    for (std::size_t v = 0; v < right_count_; ++v) {
      right_places_[v] = people_left_ ? problem.capacity[v] : 1;
      // A target never holds more partners than it has edges.
      const std::size_t degree = first_by_right[v + 1] - first_by_right[v];
      first_slot_[v + 1] =
          first_slot_[v] + std::min(degree, static_cast<std::size_t>(right_places_[v]));
    }
    slots_.assign(first_slot_.back(), -1);
    right_load_.assign(right_count_, 0);
    left_price_.assign(left_count_, 0);
    right_price_.assign(right_count_, 0);
    left_distance_.assign(left_count_, 0);
    right_distance_.assign(right_count_, 0);
    left_stamp_.assign(left_count_, 0);
    left_settled_.assign(left_count_, 0);
    right_stamp_.assign(right_count_, 0);
    reached_by_.assign(left_count_, -1);
    right_reached_by_.assign(right_count_, -1);
    unused_unit_.assign(left_count_, 0);
  }

  /// Place every unit of every source, round by round (first units of all sources in
  /// index order, then second units, ...).
  component_solution solve() {
    std::vector<int> active(left_count_);
    std::iota(active.begin(), active.end(), 0);
    for (int round = 0; !active.empty(); ++round) {
      std::size_t kept = 0;
      for (int u : active) {
        if (round == 0)
          place_first_unit(u);
        else
          search(u);
        const auto index = static_cast<std::size_t>(u);
        if (!unused_unit_[index] && round + 1 < left_units_[index]) active[kept++] = u;
      }
      active.resize(kept);
    }
    return result();
  }

private:
  struct arc {
    std::int64_t weight; ///< adjusted weight: weight + bonus
    int right;
    int used;
  };
  struct heap_entry {
    std::int64_t distance;
    int left;
    bool operator>(const heap_entry& other) const {
      return distance != other.distance ? distance > other.distance : left > other.left;
    }
  };
  static constexpr std::int64_t unreached = std::numeric_limits<std::int64_t>::max();

  std::size_t left_of(const capacitated_problem::edge& e) const {
    return static_cast<std::size_t>(people_left_ ? e.person : e.household);
  }
  std::size_t right_of(const capacitated_problem::edge& e) const {
    return static_cast<std::size_t>(people_left_ ? e.household : e.person);
  }
  bool right_free(std::size_t v) const { return right_load_[v] < right_places_[v]; }

  void add_to_right(std::size_t v, int k) {
    slots_[first_slot_[v] + static_cast<std::size_t>(right_load_[v])] = k;
    ++right_load_[v];
  }
  /// Replace the used arc `old_k` at target v by `new_k` (or remove it when new_k < 0).
  void replace_at_right(std::size_t v, int old_k, int new_k) {
    const std::size_t begin = first_slot_[v];
    const std::size_t end = begin + static_cast<std::size_t>(right_load_[v]);
    std::size_t at = begin;
    while (slots_[at] != old_k) ++at;
    if (new_k >= 0) {
      slots_[at] = new_k;
    } else {
      slots_[at] = slots_[end - 1];
      --right_load_[v];
    }
  }

  /// The first unit of source u: smallest feasible price, placed without a search when a
  /// best arc leads to a free target.
  void place_first_unit(int u) {
    const auto index = static_cast<std::size_t>(u);
    std::int64_t best = 0;
    std::size_t tight_free = 0;
    bool found_free = false;
    for (std::size_t k = first_arc_[index]; k < first_arc_[index + 1]; ++k) {
      const auto v = static_cast<std::size_t>(arcs_[k].right);
      const std::int64_t reach = arcs_[k].weight - right_price_[v];
      if (reach > best) {
        best = reach;
        found_free = right_free(v);
        tight_free = k;
      } else if (reach == best && !found_free && right_free(v)) {
        found_free = true;
        tight_free = k;
      }
    }
    left_price_[index] = best;
    if (found_free) {
      arcs_[tight_free].used = 1;
      add_to_right(static_cast<std::size_t>(arcs_[tight_free].right), static_cast<int>(tight_free));
      return;
    }
    if (best == 0) { // nothing is worth more than leaving the unit unused
      unused_unit_[index] = 1;
      return;
    }
    search(u);
  }

  /// Dijkstra from source u over reduced costs, then one unit along the shortest path.
  void search(int start) {
    ++stamp_;
    touched_left_.clear();
    touched_right_.clear();
    heap_.clear();
    auto reach_left = [&](int u, std::int64_t distance, int via) {
      const auto index = static_cast<std::size_t>(u);
      if (left_stamp_[index] == stamp_ &&
          (left_settled_[index] || distance >= left_distance_[index]))
        return;
      if (left_stamp_[index] != stamp_) {
        left_stamp_[index] = stamp_;
        left_settled_[index] = 0;
        touched_left_.push_back(u);
      }
      left_distance_[index] = distance;
      reached_by_[index] = via;
      heap_.push_back({distance, u});
      std::push_heap(heap_.begin(), heap_.end(), std::greater<heap_entry>());
    };
    reach_left(start, 0, -1);
    std::int64_t sink_distance = unreached;
    int end_left = -1;  // the path ends with this source leaving a unit unused
    int end_right = -1; // or at this free target
    while (!heap_.empty()) {
      const heap_entry top = heap_.front();
      if (top.distance >= sink_distance) break;
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<heap_entry>());
      heap_.pop_back();
      const auto u = static_cast<std::size_t>(top.left);
      if (left_settled_[u] || top.distance > left_distance_[u]) continue;
      left_settled_[u] = 1;
      const std::int64_t d = top.distance;
      if (d + left_price_[u] < sink_distance) {
        sink_distance = d + left_price_[u];
        end_left = top.left;
        end_right = -1;
      }
      const std::int64_t base = d + left_price_[u];
      for (std::size_t k = first_arc_[u]; k < first_arc_[u + 1]; ++k) {
        // Used arcs too: the LP bounds an edge only through its person, so a chosen edge
        // must stay tight from both ends (it matters when a source has several units).
        const arc& a = arcs_[k];
        const auto v = static_cast<std::size_t>(a.right);
        const std::int64_t nd = base + right_price_[v] - a.weight;
        if (nd >= sink_distance) continue; // cannot come before the sink any more
        if (right_stamp_[v] == stamp_) {
          if (nd >= right_distance_[v]) continue;
        } else {
          right_stamp_[v] = stamp_;
          touched_right_.push_back(a.right);
        }
        right_distance_[v] = nd;
        right_reached_by_[v] = static_cast<int>(k);
        if (right_free(v)) {
          if (nd < sink_distance) {
            sink_distance = nd;
            end_right = a.right;
            end_left = -1;
          }
        } else {
          // Full target: its used arcs are tight, so its partners get the same distance.
          const std::size_t begin = first_slot_[v];
          const std::size_t end = begin + static_cast<std::size_t>(right_load_[v]);
          for (std::size_t s = begin; s < end; ++s)
            reach_left(arc_left_[static_cast<std::size_t>(slots_[s])], nd, slots_[s]);
        }
      }
    }

    // Prices: only vertices closer than the sink change (their reduced costs stay >= 0).
    for (int u : touched_left_) {
      const auto index = static_cast<std::size_t>(u);
      if (left_settled_[index] && left_distance_[index] < sink_distance)
        left_price_[index] -= sink_distance - left_distance_[index];
    }
    for (int v : touched_right_) {
      const auto index = static_cast<std::size_t>(v);
      if (right_distance_[index] < sink_distance)
        right_price_[index] += sink_distance - right_distance_[index];
    }

    // One unit along the path, walked back from its end.
    std::size_t u;
    if (end_right >= 0) {
      const auto v = static_cast<std::size_t>(end_right);
      const int k = right_reached_by_[v];
      arcs_[static_cast<std::size_t>(k)].used = 1;
      add_to_right(v, k);
      u = static_cast<std::size_t>(arc_left_[static_cast<std::size_t>(k)]);
    } else {
      u = static_cast<std::size_t>(end_left);
      unused_unit_[u] = 1;
    }
    while (static_cast<int>(u) != start) {
      // u arrived over its used arc `k_old` at target v and leaves it for v's predecessor.
      const int k_old = reached_by_[u];
      arcs_[static_cast<std::size_t>(k_old)].used = 0;
      const auto v = static_cast<std::size_t>(arcs_[static_cast<std::size_t>(k_old)].right);
      const int k_new = right_reached_by_[v];
      arcs_[static_cast<std::size_t>(k_new)].used = 1;
      replace_at_right(v, k_old, k_new);
      u = static_cast<std::size_t>(arc_left_[static_cast<std::size_t>(k_new)]);
    }
  }

  component_solution result() const {
    component_solution out;
    const std::size_t people = static_cast<std::size_t>(problem_.people);
    out.household_of.assign(people, -1);
    for (std::size_t k = 0; k < arcs_.size(); ++k)
      if (arcs_[k].used) {
        const auto& e = problem_.edges[static_cast<std::size_t>(arc_edge_[k])];
        out.household_of[static_cast<std::size_t>(e.person)] = e.household;
      }
    out.person_price = people_left_ ? left_price_ : right_price_;
    out.household_price = people_left_ ? right_price_ : left_price_;
    return out;
  }

  const capacitated_problem& problem_;
  bool people_left_;
  std::size_t left_count_ = 0;
  std::size_t right_count_ = 0;
  std::vector<std::size_t> first_arc_; ///< source u's arcs are first_arc_[u] .. [u + 1] - 1
  std::vector<arc> arcs_;
  std::vector<int> arc_left_; ///< per arc: its source
  std::vector<int> arc_edge_; ///< per arc: its edge in the problem
  std::vector<int> left_units_;
  std::vector<int> right_places_;
  std::vector<std::size_t> first_slot_; ///< target v's used arcs: slots_[first_slot_[v]..]
  std::vector<int> slots_;
  std::vector<int> right_load_;
  std::vector<std::int64_t> left_price_;
  std::vector<std::int64_t> right_price_;
  std::vector<char> unused_unit_; ///< per source: some unit of it is left unused
  // Search state, valid where the stamp equals the current search's.
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> left_stamp_;
  std::vector<std::uint32_t> right_stamp_;
  std::vector<char> left_settled_;
  std::vector<std::int64_t> left_distance_;
  std::vector<std::int64_t> right_distance_;
  std::vector<int> reached_by_;       ///< per source: the used arc it was reached over
  std::vector<int> right_reached_by_; ///< per target: the arc that last improved it
  std::vector<int> touched_left_;
  std::vector<int> touched_right_;
  std::vector<heap_entry> heap_;
};

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

/// See `split_components`. When `whole` is given and the problem is a single component
/// with every person, household and edge in it, sets *whole and returns nothing (the
/// problem is its own component; copying it would be wasted time).
inline std::vector<problem_component> split_components_unchecked(const capacitated_problem& problem,
                                                                 bool* whole = nullptr) {
  const bipartite_view graph(problem);
  std::vector<int> label(graph.vertex_count(), 0);
  std::vector<boost::default_color_type> colour(graph.vertex_count());
  const int count =
      boost::connected_components(graph, label.data(),
                                  boost::color_map(boost::make_iterator_property_map(
                                      colour.begin(), boost::typed_identity_property_map<int>())));
  if (whole) {
    *whole =
        count == 1 && graph.vertex_count() > 0 &&
        std::all_of(problem.capacity.begin(), problem.capacity.end(), [](int c) { return c > 0; });
    for (std::size_t v = 0; *whole && v < graph.vertex_count(); ++v)
      *whole = graph.degree(static_cast<int>(v)) > 0;
    if (*whole) return {};
  }
  // Number the components with edges by their lowest vertex (Boost numbers them so already).
  std::vector<int> number(static_cast<std::size_t>(count), -1);
  std::vector<problem_component> parts;
  for (std::size_t v = 0; v < graph.vertex_count(); ++v) {
    if (graph.degree(static_cast<int>(v)) == 0) continue;
    int& n = number[static_cast<std::size_t>(label[v])];
    if (n < 0) {
      n = static_cast<int>(parts.size());
      parts.emplace_back();
    }
  }
  const std::size_t people = static_cast<std::size_t>(problem.people);
  std::vector<int> local(graph.vertex_count(), -1);
  for (std::size_t v = 0; v < graph.vertex_count(); ++v) {
    if (graph.degree(static_cast<int>(v)) == 0) continue;
    problem_component& part =
        parts[static_cast<std::size_t>(number[static_cast<std::size_t>(label[v])])];
    if (v < people) {
      local[v] = static_cast<int>(part.person.size());
      part.person.push_back(static_cast<int>(v));
    } else {
      local[v] = static_cast<int>(part.household.size());
      part.household.push_back(static_cast<int>(v - people));
      part.problem.capacity.push_back(problem.capacity[v - people]);
    }
  }
  for (auto& part : parts) part.problem.people = static_cast<int>(part.person.size());
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    if (!bipartite_view::usable(problem, e)) continue;
    const auto p = static_cast<std::size_t>(e.person);
    problem_component& part =
        parts[static_cast<std::size_t>(number[static_cast<std::size_t>(label[p])])];
    part.edge.push_back(static_cast<int>(i));
    part.problem.edges.push_back(
        {local[p], local[people + static_cast<std::size_t>(e.household)], e.weight});
  }
  return parts;
}

/// Run job(i) for i in [0, count) on up to `threads` threads, largest jobs first is the
/// caller's business; the first exception is rethrown.
template <class Job> void run_parallel(std::size_t count, int threads, Job job) {
  const std::size_t workers =
      std::min<std::size_t>(count, static_cast<std::size_t>(std::max(threads, 1)));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        job(i);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

} // namespace detail

/// Split a problem into the connected components of its bipartite graph.
///
/// Vertices are people and households, joined by the usable edges (edges into a
/// household with capacity 0 are left out: they can never be chosen). Components without
/// an edge (people or households with no usable edge) are not returned.
///
/// @param[in] problem  the problem to split
/// @return  one sub-problem per component, ordered by their lowest person index (people
///          before households); within a component people, households and edges keep the
///          problem's order
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Time O(people + households + edges), by `boost::connected_components`.
inline std::vector<problem_component> split_components(const capacitated_problem& problem) {
  check_problem(problem);
  return detail::split_components_unchecked(problem);
}

/// The largest number of people that can be matched, ignoring weights.
///
/// Runs `boost::push_relabel_max_flow` on source -> person (capacity 1) -> household ->
/// sink (the household's capacity), and reads a minimum vertex cover off the minimum cut.
///
/// @param[in] problem  the problem
/// @return  the maximum, one assignment reaching it and a cover proving it
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Deterministic. Time O(V^3) in the worst case for push-relabel; fast in practice.
inline matchable_result maximum_matchable(const capacitated_problem& problem) {
  check_problem(problem);
  return detail::maximum_matchable_unchecked(problem);
}

/// Optimal plan for a capacitated assignment problem (fast exact solver).
///
/// @param[in] problem  people, household capacities and weighted edges
/// @param[in] goal  most people matched then the largest total, or the largest total
/// @param[in] options  number of threads for independent components
/// @return  an optimal plan with its certificate (bonus 0 for `max_total`,
///          `cardinality_bonus(problem)` otherwise); it passes `verify_plan`
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Deterministic: identical input gives an identical plan and certificate for any
///        number of threads. Its plan may differ from `solve_reference`'s where several plans
///        are optimal; the optimum (matched, total) is the same.
inline capacitated_plan solve_capacitated(const capacitated_problem& problem,
                                          objective goal = objective::max_matched_then_total,
                                          const capacitated_options& options = {}) {
  if (!detail::well_formed(problem)) check_problem(problem); // throws the detailed errors
  const std::int64_t bonus = goal == objective::max_total ? 0 : detail::bonus_of(problem);
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
  detail::run_parallel(parts.size(), options.threads, [&](std::size_t i) {
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
  // Households without a place: the smallest price their edges allow (capacity 0 makes
  // it free in the dual objective).
  for (const auto& e : problem.edges) {
    const auto h = static_cast<std::size_t>(e.household);
    if (problem.capacity[h] > 0) continue;
    std::int64_t& price = plan.certificate.household_price[h];
    price = std::max(price, e.weight + bonus -
                                plan.certificate.person_price[static_cast<std::size_t>(e.person)]);
  }
  for (const auto& e : problem.edges)
    if (plan.household_of[static_cast<std::size_t>(e.person)] == e.household) {
      ++plan.matched;
      plan.total += e.weight;
    }
  return plan;
}

/// The fast solver on a fixed number of threads as a callable, in the form the constraint,
/// re-solve, k-best and fairness layers take.
struct threaded_solver {
  int threads = 1;
  capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    capacitated_options options;
    options.threads = threads;
    return solve_capacitated(problem, goal, options);
  }
};

} // namespace slmatch
