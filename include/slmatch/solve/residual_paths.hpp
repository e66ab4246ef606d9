#pragma once
/// What one place more or one place fewer at a household is worth to an optimal plan, for
/// every household at once, read from the plan's certificate.
///
/// In: a `capacitated_problem` and an optimal plan for it with its certificate (prices and
/// the objective's bonus). Out, for each household h:
/// - `release(h)`: the least the plan's objective (weights plus bonus) falls when h must
///   take one person fewer, and the moves that do it: an occupant of h moves to another
///   household, whose occupant moves on, until a household with a free place, or the last
///   one leaves the plan;
/// - `fill(h, rank)`: the most the objective rises when h may take one person more, and the
///   moves: a person waiting, or someone placed elsewhere, enters a household whose
///   occupant moves on, until someone enters h. Rank 0 is the best start, rank 1 the best
///   from a different start; a start is a waiting person, or `plan_start` when the plan's
///   own people move round.
///
/// Why these are exact: two optimal plans differ by paths and cycles of the residual graph,
/// and when one household's capacity changes by one place only one of them can use that
/// place; the others cannot improve an optimal plan. So the best single path is the whole
/// change, and the best path from a different start is the whole change once that start's
/// person is taken out of the scheme (a waiting person appears only at the start of a path).
///
/// How: the certificate's prices (u for people, v for households) make every residual arc's
/// reduced cost non-negative: a move of person q into household h costs u_q + v_h - w - bonus
/// and taking q out of their household costs 0. Dijkstra runs once backwards from the
/// households with a free place (`release`) and once forwards from every waiting person and
/// every placed person's possible moves (`fill`), keeping at each household its two best
/// labels with different starts: a start's best path to a household only passes households
/// where that start is among the two best. Ties go to the smaller distance, then the
/// smaller start, then the smaller household.
///
/// Complexity: O((E + H) log H) time and O(E) memory, with E the problem's edges.

#include "slmatch/error.hpp"
#include "slmatch/parallel.hpp"
#include "slmatch/solve/capacitated.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// One move in a path: `person` leaves their household in the plan (if any) for `to`
/// (a household index, or -1: they leave the plan).
struct path_move {
  int person = 0;
  int to = -1;
};

/// A way to fill one more place at a household: what it gains and how.
struct fill_path {
  std::int64_t gain = 0;        ///< rise of the objective (weights plus bonus); may be <= 0
  int start = 0;                ///< the waiting person it starts from, or `plan_start`
  std::vector<path_move> moves; ///< in order along the path; the last one enters the household
};

/// Paths through an optimal plan's residual graph (see the top of this file).
class residual_paths {
public:
  /// The start of a path made only of the plan's own people moving round.
  static constexpr int plan_start = -1;

  /// Both searches run at once when `threads` > 1; the paths are the same for any number.
  /// `problem` and `plan` must outlive the paths.
  ///
  /// @param[in] problem  a problem that passes `check_problem`
  /// @param[in] plan     an optimal plan for it with its certificate, as `verify_plan`
  ///                     accepts for the certificate's bonus
  /// @param[in] threads  threads for the two searches
  /// @throws slmatch::error when the plan or certificate does not fit the problem
  residual_paths(const capacitated_problem& problem, const capacitated_plan& plan, int threads = 1)
      : problem_(problem), plan_(plan) {
    const std::size_t people = static_cast<std::size_t>(problem.people);
    const std::size_t households = problem.capacity.size();
    const plan_certificate& c = plan.certificate;
    if (plan.household_of.size() != people || c.person_price.size() != people ||
        c.household_price.size() != households)
      throw error("plan and certificate do not fit the problem (" + std::to_string(people) +
                  " people, " + std::to_string(households) + " households)");
    index_edges();
    for_each_chunk(2, threads, [&](std::size_t search) {
      if (search == 0)
        find_releases();
      else
        find_fills();
    });
  }

  /// The least the objective falls when household `h` takes one person fewer, or nothing
  /// when it cannot (it has no place at all).
  std::optional<std::int64_t> release(std::size_t h) const {
    check_household(h);
    if (release_[h].cost == unreachable) return std::nullopt;
    return plan_.certificate.household_price[h] + release_[h].cost;
  }

  /// The moves that free one place at `h` at the cost `release(h)`, in order from `h`.
  std::vector<path_move> release_moves(std::size_t h) const {
    check_household(h);
    std::vector<path_move> moves;
    for (int at = static_cast<int>(h); at >= 0;) {
      const release_label& label = release_[static_cast<std::size_t>(at)];
      if (label.cost == unreachable || label.mover < 0) break;
      moves.push_back({label.mover, label.to});
      at = label.to;
    }
    return moves;
  }

  /// The best (`rank` 0) or second-best (`rank` 1, from a different start) way to fill one
  /// more place at `h`, or nothing when there is none.
  std::optional<fill_path> fill(std::size_t h, int rank) const {
    check_household(h);
    if (rank < 0 || rank > 1) throw error("fill rank must be 0 or 1");
    const fill_label& label = fills_[2 * h + static_cast<std::size_t>(rank)];
    if (label.distance == unreachable) return std::nullopt;
    fill_path path;
    path.gain = plan_.certificate.household_price[h] - label.distance;
    path.start = label.start;
    for (const fill_label* at = &label; at != nullptr;) {
      if (at->mover >= 0) path.moves.push_back({at->mover, at->household});
      at = at->previous < 0 ? nullptr : &fills_[static_cast<std::size_t>(at->previous)];
    }
    std::reverse(path.moves.begin(), path.moves.end());
    return path;
  }

  /// The best gain of one more place at `h` from any start but `person`, or 0 when no such
  /// path gains: the exact rise of the objective when `person` leaves the scheme and `h`
  /// gains a place (`person` must be waiting in the plan).
  std::int64_t fill_gain_without(std::size_t h, int person) const {
    check_household(h);
    for (int rank = 0; rank < 2; ++rank) {
      const fill_label& label = fills_[2 * h + static_cast<std::size_t>(rank)];
      if (label.distance == unreachable) break;
      if (label.start != person)
        return std::max<std::int64_t>(0, plan_.certificate.household_price[h] - label.distance);
    }
    return 0;
  }

  /// Edge weight plus the objective's bonus.
  std::int64_t adjusted(std::size_t edge) const {
    return problem_.edges[edge].weight + plan_.certificate.bonus;
  }

private:
  static constexpr std::int64_t unreachable = std::numeric_limits<std::int64_t>::max();

  struct release_label {
    std::int64_t cost = unreachable; ///< reduced distance to a free place or out of the plan
    int mover = -1;                  ///< the occupant who leaves, or -1 at a free place
    int to = -1;                     ///< where they go, or -1: out of the plan
  };

  struct fill_label {
    std::int64_t distance = unreachable; ///< reduced distance of the path entering here
    int start = 0;
    int mover = -1;     ///< the person who enters this household, or -1: one of its
                        ///< occupants leaves to start the plan's people moving round
    int household = -1; ///< this household
    int previous = -1;  ///< label (2 * household + slot) the mover left, or -1
  };

  void check_household(std::size_t h) const {
    if (h >= problem_.capacity.size())
      throw error("household index " + std::to_string(h) + " is out of range");
  }

  std::int64_t person_price(int p) const {
    return plan_.certificate.person_price[static_cast<std::size_t>(p)];
  }
  std::int64_t household_price(int h) const {
    return plan_.certificate.household_price[static_cast<std::size_t>(h)];
  }
  /// Reduced cost of moving the edge's person into the edge's household.
  std::int64_t reduced(std::size_t edge) const {
    const auto& e = problem_.edges[edge];
    return person_price(e.person) + household_price(e.household) - adjusted(edge);
  }

  /// Edges by person, placed people's other edges by household, occupants by household.
  void index_edges() {
    const std::size_t people = static_cast<std::size_t>(problem_.people);
    const std::size_t households = problem_.capacity.size();
    const auto& where = plan_.household_of;
    by_person_first_.assign(people + 1, 0);
    into_first_.assign(households + 1, 0);
    occupants_first_.assign(households + 1, 0);
    for (const auto& e : problem_.edges) {
      ++by_person_first_[static_cast<std::size_t>(e.person) + 1];
      if (where[static_cast<std::size_t>(e.person)] >= 0 &&
          where[static_cast<std::size_t>(e.person)] != e.household)
        ++into_first_[static_cast<std::size_t>(e.household) + 1];
    }
    for (std::size_t p = 0; p < people; ++p)
      if (where[p] >= 0) ++occupants_first_[static_cast<std::size_t>(where[p]) + 1];
    for (std::size_t p = 0; p < people; ++p) by_person_first_[p + 1] += by_person_first_[p];
    for (std::size_t h = 0; h < households; ++h) {
      into_first_[h + 1] += into_first_[h];
      occupants_first_[h + 1] += occupants_first_[h];
    }
    by_person_.resize(problem_.edges.size());
    into_.resize(into_first_[households]);
    occupants_.resize(occupants_first_[households]);
    std::vector<std::size_t> next_person(by_person_first_.begin(), by_person_first_.end() - 1);
    std::vector<std::size_t> next_into(into_first_.begin(), into_first_.end() - 1);
    for (std::size_t k = 0; k < problem_.edges.size(); ++k) {
      const auto& e = problem_.edges[k];
      by_person_[next_person[static_cast<std::size_t>(e.person)]++] = static_cast<std::uint32_t>(k);
      if (where[static_cast<std::size_t>(e.person)] >= 0 &&
          where[static_cast<std::size_t>(e.person)] != e.household)
        into_[next_into[static_cast<std::size_t>(e.household)]++] = static_cast<std::uint32_t>(k);
    }
    std::vector<std::size_t> next_occupant(occupants_first_.begin(), occupants_first_.end() - 1);
    for (std::size_t p = 0; p < people; ++p)
      if (where[p] >= 0) occupants_[next_occupant[static_cast<std::size_t>(where[p])]++] = int(p);
  }

  /// Backwards from the households with a free place, over placed people's moves.
  void find_releases() {
    const std::size_t households = problem_.capacity.size();
    release_.assign(households, release_label{});
    using item = std::pair<std::int64_t, int>;
    std::priority_queue<item, std::vector<item>, std::greater<>> queue;
    for (std::size_t h = 0; h < households; ++h) {
      release_label& label = release_[h];
      const std::size_t placed = occupants_first_[h + 1] - occupants_first_[h];
      if (placed < static_cast<std::size_t>(problem_.capacity[h])) {
        label.cost = 0;
      } else {
        for (std::size_t k = occupants_first_[h]; k < occupants_first_[h + 1]; ++k) {
          const int q = occupants_[k]; // q leaves the plan
          if (person_price(q) < label.cost || (person_price(q) == label.cost && q < label.mover))
            label = {person_price(q), q, -1};
        }
      }
      if (label.cost != unreachable) queue.emplace(label.cost, static_cast<int>(h));
    }
    std::vector<char> settled(households, 0);
    while (!queue.empty()) {
      const auto [cost, h] = queue.top();
      queue.pop();
      const auto at = static_cast<std::size_t>(h);
      if (settled[at] || cost != release_[at].cost) continue;
      settled[at] = 1;
      for (std::size_t k = into_first_[at]; k < into_first_[at + 1]; ++k) {
        const std::size_t edge = into_[k];
        const int q = problem_.edges[edge].person;
        const auto from = static_cast<std::size_t>(plan_.household_of[static_cast<std::size_t>(q)]);
        if (settled[from]) continue;
        const std::int64_t candidate = cost + reduced(edge);
        release_label& label = release_[from];
        if (std::tie(candidate, q) < std::tie(label.cost, label.mover)) {
          label = {candidate, q, h};
          queue.emplace(candidate, static_cast<int>(from));
        }
      }
    }
  }

  /// Forwards from every start, two labels with different starts per household.
  void find_fills() {
    const std::size_t households = problem_.capacity.size();
    fills_.assign(2 * households, fill_label{});
    std::vector<fill_label> tentative(2 * households);
    std::vector<int> settled(households, 0);
    const auto better = [](const fill_label& a, const fill_label& b) {
      return std::tie(a.distance, a.start, a.mover) < std::tie(b.distance, b.start, b.mover);
    };
    // Keep `label` among the household's two best tentative labels; true when it is kept.
    const auto offer = [&](const fill_label& label) {
      const auto h = static_cast<std::size_t>(label.household);
      for (int s = 0; s < settled[h]; ++s)
        if (fills_[2 * h + static_cast<std::size_t>(s)].start == label.start) return false;
      if (settled[h] == 2) return false;
      fill_label* slots = &tentative[2 * h];
      for (int s = 0; s < 2; ++s)
        if (slots[s].distance != unreachable && slots[s].start == label.start) {
          if (!better(label, slots[s])) return false;
          slots[s] = label;
          return true;
        }
      fill_label& worse = better(slots[0], slots[1]) ? slots[1] : slots[0];
      if (worse.distance != unreachable && !better(label, worse)) return false;
      worse = label;
      return true;
    };
    // A waiting person enters any of their households; a household's own place goes back
    // to the sink, so one of its occupants may move on (the plan's people moving round).
    for (std::size_t p = 0; p < static_cast<std::size_t>(problem_.people); ++p) {
      if (plan_.household_of[p] >= 0) continue;
      for (std::size_t k = by_person_first_[p]; k < by_person_first_[p + 1]; ++k) {
        const std::size_t edge = by_person_[k];
        fill_label label;
        label.distance = reduced(edge);
        label.start = static_cast<int>(p);
        label.mover = static_cast<int>(p);
        label.household = problem_.edges[edge].household;
        offer(label);
      }
    }
    for (std::size_t h = 0; h < households; ++h) {
      if (occupants_first_[h] == occupants_first_[h + 1]) continue;
      fill_label label;
      label.distance = household_price(static_cast<int>(h));
      label.start = plan_start;
      label.household = static_cast<int>(h);
      offer(label);
    }
    const auto later = [&](const fill_label& a, const fill_label& b) { return better(b, a); };
    std::priority_queue<fill_label, std::vector<fill_label>, decltype(later)> queue(later);
    for (const fill_label& label : tentative)
      if (label.distance != unreachable) queue.push(label);
    while (!queue.empty()) {
      const fill_label label = queue.top();
      queue.pop();
      const auto h = static_cast<std::size_t>(label.household);
      if (settled[h] == 2) continue;
      if (settled[h] == 1 && fills_[2 * h].start == label.start) continue;
      const int slot = settled[h]++;
      const std::size_t index = 2 * h + static_cast<std::size_t>(slot);
      fills_[index] = label;
      // Someone entered h, so one of its occupants may move on.
      for (std::size_t k = occupants_first_[h]; k < occupants_first_[h + 1]; ++k) {
        const int q = occupants_[k];
        if (q == label.mover) continue;
        const auto person = static_cast<std::size_t>(q);
        for (std::size_t j = by_person_first_[person]; j < by_person_first_[person + 1]; ++j) {
          const std::size_t edge = by_person_[j];
          const int to = problem_.edges[edge].household;
          if (to == label.household || settled[static_cast<std::size_t>(to)] == 2) continue;
          fill_label next;
          next.distance = label.distance + reduced(edge);
          next.start = label.start;
          next.mover = q;
          next.household = to;
          next.previous = static_cast<int>(index);
          if (offer(next)) queue.push(next);
        }
      }
    }
  }

  const capacitated_problem& problem_;
  const capacitated_plan& plan_;
  std::vector<std::size_t> by_person_first_, into_first_, occupants_first_;
  std::vector<std::uint32_t> by_person_, into_;
  std::vector<int> occupants_;
  std::vector<release_label> release_;
  std::vector<fill_label> fills_;
};

} // namespace slmatch
