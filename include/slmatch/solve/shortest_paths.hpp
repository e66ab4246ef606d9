#pragma once
/// Successive shortest paths on flat arrays: the weighted core of the fast capacitated
/// solver (capacitated_solver.hpp), for one connected component.
///
/// The problem: a maximum-weight b-matching between "sources" (each with a number of units)
/// and "targets" (each with a number of places), every edge used at most once, with the LP
/// dual prices that prove it optimal. The sources are the scarcer side of the component
/// (people, or households' places when places are fewer), so every search has many free
/// targets and stays short.
///
/// The algorithm: a source's first unit takes the smallest price that keeps its edges dual
/// feasible and goes straight to a free partner when its best edge leads to one; other units
/// run Dijkstra with a binary heap over the reduced costs, holding only source-side vertices
/// (a full target passes its distance on to its partners over tight edges), resetting by
/// touched lists, stopping as soon as the sink is settled and updating prices only on
/// settled vertices. Once a source has a unit it does not use, its price is 0 for good and
/// its remaining units are skipped. Prices are exact int64 arithmetic; `check_problem` keeps
/// adjusted weights, prices and distances below 3 x (bonus + largest weight).
///
/// Complexity: O(units x (edges + vertices) log vertices) in the worst case, one Dijkstra
/// per unit; searches stop at the nearest free target, so most read a small part of the
/// component.

#include "slmatch/solve/capacitated.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <vector>

namespace slmatch::detail {

/// The part of a plan a component solver produces, in the component's local indices.
struct component_solution {
  std::vector<int> household_of;
  std::vector<std::int64_t> person_price;
  std::vector<std::int64_t> household_price;
};

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

} // namespace slmatch::detail
