#pragma once
/// The reference solver for the capacitated assignment problem: a min-cost flow solved by
/// successive shortest paths with Boost.Graph's Dijkstra, returning an optimal plan with
/// its LP dual prices. Faster solvers are checked against it, so it favours plain,
/// provable steps over speed.
///
/// In: a `capacitated_problem` and an `objective`. Out: a `capacitated_plan` that passes
/// `verify_plan`.
///
/// The flow network (one vertex per person, one per household, and a sink):
///
///     person p    -> household h   for each edge e, cost -a_e          ("place")
///     household h -> person p      reverse of a chosen edge, cost +a_e  ("withdraw")
///     person p    -> sink          cost 0: p stays unmatched            ("unmatched")
///     household h -> sink          cost 0, while h has a spare place    ("spare place")
///
/// where a_e = weight + bonus (see capacitated.hpp). Each person sends exactly one unit to
/// the sink, through a household or straight through "unmatched"; so every plan is a flow
/// of value `people`, and the cheapest such flow is the plan with the largest adjusted
/// total. People join one at a time, in index order: the shortest path (in reduced costs)
/// from the new person to the sink is found by `boost::dijkstra_shortest_paths_no_color_map
/// _no_init` on the residual network, stopped as soon as the sink is settled, and one unit
/// is pushed along it. This is the successive-shortest-path method with the people as
/// sources added one at a time; after each step the flow is a min-cost flow for the people
/// added so far.
///
/// Node potentials q (with q(sink) = 0) keep every residual arc's reduced cost
/// c(u, v) + q(u) - q(v) non-negative. After a search that settled the sink at distance D,
/// each vertex settled at distance d lowers its potential by D - d; the others keep theirs.
/// Arcs that are always residual make the potentials the LP prices directly:
///
/// - "place" arcs stay in the residual network even when chosen (flow on them is bounded
///   by the person's one unit anyway), so q(p) - q(h) >= a_e on every edge, and the
///   "withdraw" arc of a chosen edge gives q(p) - q(h) <= a_e: equality when chosen;
/// - "unmatched" arcs are always residual, so q(p) >= 0, and the reverse arc of a used one
///   (sink -> p) gives q(p) <= 0 for an unmatched person;
/// - an arc sink -> h of cost 0 is treated as always present, so q(h) <= 0, and a spare
///   place gives q(h) >= 0.
///
/// Arcs out of the sink are never searched (a search stops there), so they are not stored.
/// Hence person_price[p] = q(p) and household_price[h] = -q(h) satisfy every condition
/// `verify_plan` checks. Potentials stay within [-A, A] for A = the largest adjusted
/// weight, and distances within 3A, which `check_problem` keeps far from overflow.
///
/// Why not `boost::successive_shortest_path_nonnegative_weights`: it restarts from the
/// empty flow and runs a full Dijkstra from a super source for every unit of flow (one full
/// search of the whole graph per person), and the potentials of vertices it cannot reach
/// become infinite. Why a residual network of our own: over a `compressed_sparse_row_graph`
/// holding every possible arc, filtered to the residual ones, a household has a possible
/// "withdraw" arc per edge (hundreds) of which at most `capacity` are residual, and scanning
/// them dominates the search; an `adjacency_list` with arcs added and removed is slower
/// still, since it keeps each arc's property behind a pointer. This `residual_network`
/// models Boost's IncidenceGraph concept: a person's arcs are fixed and stored contiguously,
/// a household's arcs are rebuilt from its residents whenever they change.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"

#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

namespace detail {

/// What an arc of the residual network stands for (see the diagram at the top of this file).
enum class flow_arc_kind : std::uint8_t { place, withdraw, unmatched, spare_place };

/// An arc of the residual network; Boost's algorithms see it as the edge descriptor. Its
/// kind follows from its ends (`residual_network::kind_of`); keeping arcs to 16 bytes
/// matters because reading them is most of the solver's time.
struct flow_arc {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  std::int64_t cost = 0;

  friend bool operator==(const flow_arc& a, const flow_arc& b) {
    return a.from == b.from && a.to == b.to;
  }
  friend bool operator!=(const flow_arc& a, const flow_arc& b) { return !(a == b); }
};

/// The residual network of the current flow, as a Boost.Graph IncidenceGraph. Vertices:
/// people 0..P-1, households P..P+H-1, the sink P+H. A person's arcs go in household
/// order with "unmatched" last; a household's "withdraw" arcs go in person order with
/// "spare place" last.
class residual_network {
public:
  using vertex_descriptor = std::uint32_t;
  using edge_descriptor = flow_arc;
  using out_edge_iterator = const flow_arc*;
  using directed_category = boost::directed_tag;
  using edge_parallel_category = boost::disallow_parallel_edge_tag;
  using traversal_category = boost::incidence_graph_tag;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }

  /// The network of the empty flow: every person's "place" and "unmatched" arcs, and
  /// "spare place" for every household with a place.
  residual_network(const capacitated_problem& problem, const edges_by_person& by_person,
                   std::int64_t bonus)
      : problem_(&problem), bonus_(bonus), people_(static_cast<std::size_t>(problem.people)),
        first_arc_(people_ + 1, 0), chosen_edge_(people_, -1), residents_(problem.capacity.size()),
        household_arcs_(problem.capacity.size()) {
    person_arcs_.reserve(problem.edges.size() + people_);
    for (std::size_t p = 0; p < people_; ++p) {
      for (std::size_t k = by_person.first[p]; k < by_person.first[p + 1]; ++k) {
        const int edge_id = by_person.edge_ids[k];
        const auto& edge = problem.edges[static_cast<std::size_t>(edge_id)];
        person_arcs_.push_back(
            {vertex(p), household_vertex(edge.household), -(edge.weight + bonus)});
      }
      person_arcs_.push_back({vertex(p), sink(), 0});
      first_arc_[p + 1] = person_arcs_.size();
    }
    for (std::size_t h = 0; h < residents_.size(); ++h) rebuild_arcs(static_cast<int>(h));
  }

  vertex_descriptor sink() const { return vertex(people_ + residents_.size()); }
  std::size_t vertex_count() const { return people_ + residents_.size() + 1; }
  vertex_descriptor household_vertex(int h) const {
    return vertex(people_ + static_cast<std::size_t>(h));
  }

  /// The residual arcs leaving v.
  std::pair<out_edge_iterator, out_edge_iterator> out_arcs(vertex_descriptor v) const {
    if (v < people_)
      return {person_arcs_.data() + first_arc_[v], person_arcs_.data() + first_arc_[v + 1]};
    if (v < sink()) {
      const auto& arcs = household_arcs_[v - people_];
      return {arcs.data(), arcs.data() + arcs.size()};
    }
    return {nullptr, nullptr};
  }

  /// What an arc stands for, from its ends.
  flow_arc_kind kind_of(const flow_arc& arc) const {
    if (arc.from < people_)
      return arc.to == sink() ? flow_arc_kind::unmatched : flow_arc_kind::place;
    return arc.to == sink() ? flow_arc_kind::spare_place : flow_arc_kind::withdraw;
  }

  /// The edge carrying person p's unit, or -1 when p is unmatched.
  int chosen_edge(std::size_t p) const { return chosen_edge_[p]; }
  /// True while household h has a spare place.
  bool has_spare_place(int h) const {
    const auto index = static_cast<std::size_t>(h);
    return static_cast<int>(residents_[index].size()) < problem_->capacity[index];
  }

  /// Move the person of an edge to the edge's household, leaving any household they were in.
  void place(int edge_id) {
    const auto& edge = problem_->edges[static_cast<std::size_t>(edge_id)];
    unmatch(edge.person);
    auto& residents = residents_[static_cast<std::size_t>(edge.household)];
    residents.insert(std::lower_bound(residents.begin(), residents.end(), edge.person),
                     edge.person);
    chosen_edge_[static_cast<std::size_t>(edge.person)] = edge_id;
    rebuild_arcs(edge.household);
  }

  /// Take a person out of their household, if any.
  void unmatch(int person) {
    const int edge_id = chosen_edge_[static_cast<std::size_t>(person)];
    if (edge_id < 0) return;
    const int h = problem_->edges[static_cast<std::size_t>(edge_id)].household;
    auto& residents = residents_[static_cast<std::size_t>(h)];
    residents.erase(std::lower_bound(residents.begin(), residents.end(), person));
    chosen_edge_[static_cast<std::size_t>(person)] = -1;
    rebuild_arcs(h);
  }

private:
  static vertex_descriptor vertex(std::size_t index) {
    return static_cast<vertex_descriptor>(index);
  }

  void rebuild_arcs(int h) {
    auto& arcs = household_arcs_[static_cast<std::size_t>(h)];
    arcs.clear();
    for (int person : residents_[static_cast<std::size_t>(h)]) {
      const int edge_id = chosen_edge_[static_cast<std::size_t>(person)];
      arcs.push_back({household_vertex(h), vertex(static_cast<std::size_t>(person)),
                      problem_->edges[static_cast<std::size_t>(edge_id)].weight + bonus_});
    }
    if (has_spare_place(h)) arcs.push_back({household_vertex(h), sink(), 0});
  }

  const capacitated_problem* problem_;
  std::int64_t bonus_;
  std::size_t people_;
  std::vector<flow_arc> person_arcs_;
  std::vector<std::size_t> first_arc_;      ///< person p's arcs start here
  std::vector<int> chosen_edge_;            ///< per person: edge carrying its unit, or -1
  std::vector<std::vector<int>> residents_; ///< per household: its people, ascending
  std::vector<std::vector<flow_arc>> household_arcs_;
};

// The IncidenceGraph functions Boost's algorithms call (found by argument-dependent lookup).
inline std::pair<residual_network::out_edge_iterator, residual_network::out_edge_iterator>
out_edges(residual_network::vertex_descriptor v, const residual_network& g) {
  return g.out_arcs(v);
}
inline std::size_t out_degree(residual_network::vertex_descriptor v, const residual_network& g) {
  const auto arcs = g.out_arcs(v);
  return static_cast<std::size_t>(arcs.second - arcs.first);
}
inline residual_network::vertex_descriptor source(const flow_arc& arc, const residual_network&) {
  return arc.from;
}
inline residual_network::vertex_descriptor target(const flow_arc& arc, const residual_network&) {
  return arc.to;
}

/// c(u, v) + q(u) - q(v) for an arc u -> v, given the potentials q.
struct reduced_cost {
  const std::vector<std::int64_t>* potential = nullptr;
  std::int64_t operator()(const flow_arc& arc) const {
    return arc.cost + (*potential)[arc.from] - (*potential)[arc.to];
  }
};

/// Thrown by the search visitor to stop Dijkstra once the sink is settled (Boost's way to
/// end a search early).
struct sink_settled {};

/// Records what one search touched and the arc that last improved each vertex.
struct path_search_visitor : boost::default_dijkstra_visitor {
  residual_network::vertex_descriptor sink = 0;
  std::vector<residual_network::vertex_descriptor>* discovered = nullptr;
  std::vector<residual_network::vertex_descriptor>* settled = nullptr;
  std::vector<flow_arc>* arc_into = nullptr;

  template <class Graph>
  void discover_vertex(residual_network::vertex_descriptor v, const Graph&) const {
    discovered->push_back(v);
  }
  template <class Graph>
  void examine_vertex(residual_network::vertex_descriptor v, const Graph&) const {
    settled->push_back(v);
    if (v == sink) throw sink_settled{};
  }
  template <class Graph> void edge_relaxed(const flow_arc& arc, const Graph&) const {
    (*arc_into)[arc.to] = arc;
  }
};

} // namespace detail

/// Optimal plan by min-cost flow on Boost.Graph (successive shortest paths with Boost's
/// Dijkstra, people added in index order; see the top of this file).
///
/// @param[in] problem  people, household capacities and weighted edges
/// @param[in] goal  most people matched then the largest total (default), or the largest
///                  total alone
/// @return  an optimal plan with its certificate (bonus 0 for `max_total`,
///          `cardinality_bonus(problem)` otherwise); it passes `verify_plan`
/// @throws slmatch::validation_error when the problem fails `check_problem`
/// \note  Deterministic: identical input gives an identical plan and certificate. Among
///        equally good plans the one found is fixed by the people's order and, within a
///        person, by household index. Time O(people x (E + V) log V) in the worst case;
///        searches stop at the sink, and a person whose best edge leads to a free place
///        is placed without a search.
inline capacitated_plan solve_reference(const capacitated_problem& problem,
                                        objective goal = objective::max_matched_then_total) {
  using vertex = detail::residual_network::vertex_descriptor;
  check_problem(problem);
  const std::size_t people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();
  const detail::edges_by_person by_person(problem);
  const std::int64_t bonus = goal == objective::max_total ? 0 : detail::bonus_or_overflow(problem);

  detail::residual_network network(problem, by_person, bonus);
  const vertex sink = network.sink();
  std::vector<std::int64_t> potential(network.vertex_count(), 0); // q, with q(sink) = 0

  const auto reduced_costs =
      boost::function_property_map<detail::reduced_cost, detail::flow_arc, std::int64_t>(
          detail::reduced_cost{&potential});
  const boost::typed_identity_property_map<vertex> index;
  constexpr std::int64_t unreached = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> distance(network.vertex_count(), unreached);
  std::vector<detail::flow_arc> arc_into(network.vertex_count());
  std::vector<vertex> discovered;
  std::vector<vertex> settled;
  detail::path_search_visitor visitor;
  visitor.sink = sink;
  visitor.discovered = &discovered;
  visitor.settled = &settled;
  visitor.arc_into = &arc_into;

  for (std::size_t p = 0; p < people; ++p) {
    const auto start = static_cast<vertex>(p);
    // Give the new person the smallest potential that keeps its arcs' reduced costs >= 0.
    std::int64_t best = 0;
    int tight_free_edge = -1;
    const std::size_t edge_count = by_person.first[p + 1] - by_person.first[p];
    const detail::flow_arc* arcs = network.out_arcs(start).first; // "place" arcs first
    for (std::size_t j = 0; j < edge_count; ++j) {
      const std::int64_t reach = -arcs[j].cost + potential[arcs[j].to];
      const int edge_id = by_person.edge_ids[by_person.first[p] + j];
      const bool free_place =
          network.has_spare_place(problem.edges[static_cast<std::size_t>(edge_id)].household);
      if (reach > best) {
        best = reach;
        tight_free_edge = free_place ? edge_id : -1;
      } else if (reach == best && free_place && tight_free_edge < 0) {
        tight_free_edge = edge_id;
      }
    }
    potential[start] = best;

    // A path of reduced cost 0 needs no search: the best edge leads to a free place (whose
    // potential is 0), or, with no edge worth more than 0, the person stays unmatched.
    if (tight_free_edge >= 0) {
      network.place(tight_free_edge);
      continue;
    }
    if (best == 0) continue;

    distance[start] = 0;
    bool reached = false;
    try {
      boost::dijkstra_shortest_paths_no_color_map_no_init(
          network, start, boost::dummy_property_map(),
          boost::make_iterator_property_map(distance.begin(), index), reduced_costs, index,
          std::less<std::int64_t>(), std::plus<std::int64_t>(), unreached, std::int64_t{0},
          visitor);
    } catch (const detail::sink_settled&) {
      reached = true;
    }
    if (!reached)
      throw error("reference solver: no path to the sink for person " + std::to_string(p));

    const std::int64_t sink_distance = distance[sink];
    for (vertex v : settled) potential[v] += distance[v] - sink_distance;
    // Push one unit along the path. A person on it arrives by "withdraw" and leaves by
    // "place" (its new household) or "unmatched"; the leaving arc decides where it ends up.
    for (vertex v = sink; v != start; v = arc_into[v].from) {
      const detail::flow_arc& arc = arc_into[v];
      const detail::flow_arc_kind kind = network.kind_of(arc);
      if (kind == detail::flow_arc_kind::place)
        network.place(
            by_person.find(problem, static_cast<int>(arc.from), static_cast<int>(arc.to - people)));
      if (kind == detail::flow_arc_kind::unmatched) network.unmatch(static_cast<int>(arc.from));
    }
    for (vertex v : discovered) distance[v] = unreached;
    discovered.clear();
    settled.clear();
  }

  capacitated_plan plan;
  plan.household_of.assign(people, -1);
  for (std::size_t p = 0; p < people; ++p) {
    const int edge_id = network.chosen_edge(p);
    if (edge_id < 0) continue;
    const auto& edge = problem.edges[static_cast<std::size_t>(edge_id)];
    plan.household_of[p] = edge.household;
    ++plan.matched;
    plan.total += edge.weight;
  }
  plan.certificate.bonus = bonus;
  plan.certificate.person_price.assign(potential.begin(),
                                       potential.begin() + static_cast<std::ptrdiff_t>(people));
  plan.certificate.household_price.resize(households);
  for (std::size_t h = 0; h < households; ++h)
    plan.certificate.household_price[h] = -potential[people + h];
  return plan;
}

/// `solve_reference` as a callable, in the form the constraint, re-solve, k-best and fairness
/// layers take: pass it to check another solver against the reference, or where the
/// reference's tie-breaking (people in index order) is wanted.
struct reference_solver {
  capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    return solve_reference(problem, goal);
  }
};

} // namespace slmatch
