#pragma once
/// Independent pieces of a capacitated problem, and solving pieces on several threads.
///
/// The problem: people and households joined by usable edges (an edge into a household
/// with no place can never be chosen) form a bipartite graph; people or households in
/// different connected components never compete, so each component can be solved alone and
/// the plans merged. The algorithm: `boost::connected_components` (depth-first search) over
/// `bipartite_view`, a Boost.Graph view of the problem on flat adjacency arrays, then one
/// pass that renumbers each component's people, households and edges. Complexity:
/// O(people + households + edges). `for_each_chunk` (parallel.hpp) then hands the
/// components to a fixed number of threads.

#include "slmatch/solve/capacitated.hpp"

#include <boost/graph/connected_components.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace slmatch {

/// A connected piece of a problem, as a problem of its own, with the maps back to the whole.
struct problem_component {
  capacitated_problem problem; ///< local indices; every person and household has an edge
  std::vector<int> person;     ///< local person -> person of the whole problem, ascending
  std::vector<int> household;  ///< local household -> household of the whole problem, ascending
  std::vector<int> edge;       ///< local edge -> edge of the whole problem, ascending
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
      if (usable_edge(problem, e)) {
        ++first_[static_cast<std::size_t>(e.person) + 1];
        ++first_[static_cast<std::size_t>(people_ + e.household) + 1];
      }
    for (std::size_t v = 1; v < first_.size(); ++v) first_[v] += first_[v - 1];
    neighbours_.resize(first_.back());
    std::vector<std::size_t> next(first_.begin(), first_.end() - 1);
    for (const auto& e : problem.edges)
      if (usable_edge(problem, e)) {
        neighbours_[next[static_cast<std::size_t>(e.person)]++] = people_ + e.household;
        neighbours_[next[static_cast<std::size_t>(people_ + e.household)]++] = e.person;
      }
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
    if (!usable_edge(problem, e)) continue;
    const auto p = static_cast<std::size_t>(e.person);
    problem_component& part =
        parts[static_cast<std::size_t>(number[static_cast<std::size_t>(label[p])])];
    part.edge.push_back(static_cast<int>(i));
    part.problem.edges.push_back(
        {local[p], local[people + static_cast<std::size_t>(e.household)], e.weight});
  }
  return parts;
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

} // namespace slmatch
