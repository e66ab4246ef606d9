#pragma once
/// Stable plans by deferred acceptance (the hospitals/residents problem), and the
/// blocking pairs of any plan.
///
/// A plan is stable when no blocking pair exists: no person and household who both list
/// each other, where the person has no household or prefers this one to their own, and the
/// household has a spare place or prefers the person to one of the people it has.
///
/// In: `ranked_pairs` (see preferences.hpp). Out: the person-optimal stable plan (every
/// person as well off as in any stable plan) or the household-optimal one, each unique;
/// and, for any plan, its blocking pairs. All run in time linear in the number of
/// acceptable pairs (times log of the largest capacity for the person-proposing variant).

#include "slmatch/error.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// Which side proposes, and so which side the stable plan is best for.
enum class proposing_side {
  people,     ///< person-optimal (and household-pessimal) stable plan
  households, ///< household-optimal (and person-pessimal) stable plan
};
SLMATCH_VOCABULARY(proposing_side, "proposing side", "people", "households");

/// A plan from a stable-matching algorithm: the household of each person (-1 when none).
struct stable_plan {
  std::vector<int> household_of;
  int matched = 0;
};

namespace detail {

/// Person-proposing deferred acceptance. Each household holds its best proposers so far
/// in a max-heap of their ranks (the worst on top), stored in one flat array with
/// `capacity[h]` slots per household.
inline stable_plan people_propose(const ranked_pairs& pairs) {
  const auto households = static_cast<std::size_t>(pairs.households);
  std::vector<std::size_t> slots_first(households + 1, 0);
  for (std::size_t h = 0; h < households; ++h)
    slots_first[h + 1] = slots_first[h] + static_cast<std::size_t>(pairs.capacity[h]);
  std::vector<std::size_t> held(slots_first.back());
  std::vector<std::size_t> held_count(households, 0);
  auto worse = [&](std::size_t a, std::size_t b) {
    return pairs.household_rank[a] < pairs.household_rank[b];
  };

  std::vector<std::size_t> next(pairs.person_first.begin(), pairs.person_first.end() - 1);
  std::vector<int> waiting; // people without a held proposal and with choices left
  waiting.reserve(static_cast<std::size_t>(pairs.people));
  for (int p = pairs.people - 1; p >= 0; --p) waiting.push_back(p);
  while (!waiting.empty()) {
    const auto p = static_cast<std::size_t>(waiting.back());
    waiting.pop_back();
    while (next[p] < pairs.person_first[p + 1]) {
      const std::size_t e = next[p]++;
      const auto h = static_cast<std::size_t>(pairs.household[e]);
      auto* heap = held.data() + slots_first[h];
      const std::size_t places = slots_first[h + 1] - slots_first[h];
      if (held_count[h] < places) {
        heap[held_count[h]++] = e;
        std::push_heap(heap, heap + held_count[h], worse);
        break;
      }
      if (places == 0 || pairs.household_rank[e] > pairs.household_rank[heap[0]]) continue;
      std::pop_heap(heap, heap + places, worse);
      const std::size_t rejected = heap[places - 1];
      heap[places - 1] = e;
      std::push_heap(heap, heap + places, worse);
      waiting.push_back(pairs.person[rejected]);
      break;
    }
  }
  stable_plan plan;
  plan.household_of.assign(static_cast<std::size_t>(pairs.people), -1);
  for (std::size_t h = 0; h < households; ++h)
    for (std::size_t k = 0; k < held_count[h]; ++k) {
      plan.household_of[static_cast<std::size_t>(pairs.person[held[slots_first[h] + k]])] =
          static_cast<int>(h);
      ++plan.matched;
    }
  return plan;
}

/// Household-proposing deferred acceptance: each household offers its free places to the
/// people it prefers, in order; each person keeps the best offer so far.
inline stable_plan households_propose(const ranked_pairs& pairs) {
  const auto households = static_cast<std::size_t>(pairs.households);
  std::vector<std::size_t> next(pairs.household_first.begin(), pairs.household_first.end() - 1);
  std::vector<int> free_places(pairs.capacity.begin(), pairs.capacity.end());
  std::vector<std::size_t> held(static_cast<std::size_t>(pairs.people), pairs.size());
  std::vector<int> offering;
  offering.reserve(households);
  for (std::size_t h = households; h-- > 0;) offering.push_back(static_cast<int>(h));
  std::vector<char> queued(households, 1);
  while (!offering.empty()) {
    const auto h = static_cast<std::size_t>(offering.back());
    offering.pop_back();
    queued[h] = 0;
    while (free_places[h] > 0 && next[h] < pairs.household_first[h + 1]) {
      const std::size_t e = pairs.by_household[next[h]++];
      const auto p = static_cast<std::size_t>(pairs.person[e]);
      if (held[p] == pairs.size()) {
        held[p] = e;
        --free_places[h];
      } else if (pairs.person_rank[e] < pairs.person_rank[held[p]]) {
        const auto left = static_cast<std::size_t>(pairs.household[held[p]]);
        held[p] = e;
        --free_places[h];
        ++free_places[left];
        if (!queued[left]) {
          queued[left] = 1;
          offering.push_back(static_cast<int>(left));
        }
      }
    }
  }
  stable_plan plan;
  plan.household_of.assign(static_cast<std::size_t>(pairs.people), -1);
  for (std::size_t p = 0; p < static_cast<std::size_t>(pairs.people); ++p)
    if (held[p] != pairs.size()) {
      plan.household_of[p] = pairs.household[held[p]];
      ++plan.matched;
    }
  return plan;
}

} // namespace detail

/// The stable plan that is best for the proposing side, by deferred acceptance.
///
/// Strict preferences make this plan unique, so the order in which proposals are made
/// does not change it. Each person is placed only in a household that lists them and
/// that they list; no household gets more people than its places.
///
/// @param[in] pairs  the acceptable pairs, from `rank_pairs`
/// @param[in] side  who proposes: people (person-optimal) or households
/// @return  the plan; `household_of[p]` is -1 for a person left without a household
inline stable_plan deferred_acceptance(const ranked_pairs& pairs,
                                       proposing_side side = proposing_side::people) {
  return side == proposing_side::people ? detail::people_propose(pairs)
                                        : detail::households_propose(pairs);
}

/// A person and household who would both rather be together than keep what a plan gives
/// them.
struct blocking_pair {
  int person;
  int household;
  friend bool operator==(const blocking_pair& a, const blocking_pair& b) {
    return a.person == b.person && a.household == b.household;
  }
};

/// Every blocking pair of a plan, by person and then by the person's preference.
///
/// Works on any plan, so optimal and fair plans can show how stable they are. A person
/// placed in a household they did not list (or that did not list them) counts as
/// preferring every household they list; such a placement counts, for the household, as
/// worse than everyone it lists.
///
/// @param[in] pairs  the acceptable pairs, from `rank_pairs`
/// @param[in] household_of  per person: household index or -1
/// @return  the blocking pairs
/// @throws slmatch::validation_error when the plan has the wrong length, names a household
///         out of range, or puts more people in a household than it has places, naming the
///         person or household
inline std::vector<blocking_pair> blocking_pairs(const ranked_pairs& pairs,
                                                 const std::vector<int>& household_of) {
  std::vector<problem> found;
  if (household_of.size() != static_cast<std::size_t>(pairs.people))
    throw validation_error({{"plan", "household_of",
                             "must have one entry per person (" + std::to_string(pairs.people) +
                                 "), has " + std::to_string(household_of.size())}});
  const auto households = static_cast<std::size_t>(pairs.households);
  std::vector<int> count(households, 0);
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h < -1 || h >= pairs.households)
      found.push_back({"person " + std::to_string(p), "household_of",
                       "must be -1 or in [0, " + std::to_string(pairs.households) + ") (is " +
                           std::to_string(h) + ")"});
    else if (h >= 0)
      ++count[static_cast<std::size_t>(h)];
  }
  for (std::size_t h = 0; h < households; ++h)
    if (count[h] > pairs.capacity[h])
      found.push_back({"household " + std::to_string(h), "capacity",
                       "plan places " + std::to_string(count[h]) + " people in " +
                           std::to_string(pairs.capacity[h]) + " places"});
  if (!found.empty()) throw validation_error(std::move(found));

  // Each person's rank of their own household, and each household's worst rank held;
  // an unlisted placement ranks after every listed pair.
  const int unlisted = std::numeric_limits<int>::max();
  std::vector<int> own_rank(static_cast<std::size_t>(pairs.people), unlisted);
  std::vector<int> worst_held(households, -1);
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h < 0) continue;
    int household_rank = unlisted;
    for (std::size_t e = pairs.person_first[p]; e < pairs.person_first[p + 1]; ++e)
      if (pairs.household[e] == h) {
        own_rank[p] = pairs.person_rank[e];
        household_rank = pairs.household_rank[e];
        break;
      }
    auto& worst = worst_held[static_cast<std::size_t>(h)];
    worst = std::max(worst, household_rank);
  }
  std::vector<blocking_pair> blocking;
  for (std::size_t p = 0; p < household_of.size(); ++p)
    for (std::size_t e = pairs.person_first[p]; e < pairs.person_first[p + 1]; ++e) {
      const auto h = static_cast<std::size_t>(pairs.household[e]);
      if (pairs.household[e] == household_of[p]) break; // the rest are worse than their own
      const bool person_wants = household_of[p] < 0 || pairs.person_rank[e] < own_rank[p];
      if (!person_wants) break;
      const bool household_wants =
          count[h] < pairs.capacity[h] || pairs.household_rank[e] < worst_held[h];
      if (household_wants) blocking.push_back({static_cast<int>(p), pairs.household[e]});
    }
  return blocking;
}

} // namespace slmatch
