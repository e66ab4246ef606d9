#pragma once
/// Maximum cardinality for the capacitated problem: the largest number of people that can be
/// matched, ignoring weights, with a vertex cover that proves no assignment matches more.
///
/// The problem: a maximum flow in the network source -> person (capacity 1) -> household
/// (capacity 1 per usable edge) -> sink (the household's capacity). The algorithm:
/// `boost::push_relabel_max_flow`, which works on the capacities directly (no vertex per
/// place), then a search of the residual network from the source: its minimum cut is a
/// minimum vertex cover weighted by capacity (König). Complexity: O(V^3) in the worst case
/// for push-relabel, V = people + households + 2; far less in practice.

#include "slmatch/solve/capacitated.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace slmatch {

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
    if (!usable_edge(problem, e)) continue;
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

} // namespace detail

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

} // namespace slmatch
