#pragma once
/// Both sides' ranked preferences over the pairs they would accept, the input of stable
/// matching.
///
/// In: for every person, the households they would accept, best first; for every household,
/// the people it would accept, best first, and its free places. A pair is acceptable only
/// when both sides list it (an arrangement is mutual: a decline from either side removes
/// it). Out: `ranked_pairs`, the acceptable pairs in flat arrays with each side's rank of
/// the other, which every stable-matching algorithm and the blocking-pair finder read.

#include "slmatch/error.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace slmatch {

/// Ranked lists in compressed form: row r's entries are `entries[first[r] .. first[r + 1])`,
/// most preferred first.
struct ranked_lists {
  std::vector<std::size_t> first{0};
  std::vector<int> entries;

  /// Number of rows (people or households).
  std::size_t size() const { return first.size() - 1; }
  /// Append a row holding `row`, best first.
  void add_row(const std::vector<int>& row) {
    entries.insert(entries.end(), row.begin(), row.end());
    first.push_back(entries.size());
  }
};

/// Both sides' preferences and the households' places.
struct preferences {
  int people = 0;
  std::vector<int> capacity;    ///< places per household, >= 0; its size is the households
  ranked_lists person_ranks;    ///< per person: household indices, best first
  ranked_lists household_ranks; ///< per household: person indices, best first
};

/// The acceptable pairs with both ranks, grouped by person in the person's order.
///
/// Entry k is person `person[k]`'s `k - person_first[person[k]]`-th choice, household
/// `household[k]`, which ranks that person at `household_rank[k]` (0 = its first choice).
/// `by_household` lists the entries of each household in the household's order.
struct ranked_pairs {
  int people = 0;
  int households = 0;
  std::vector<int> capacity;
  std::vector<std::size_t> person_first;    ///< people + 1 offsets into the entries
  std::vector<int> person;                  ///< per entry
  std::vector<int> household;               ///< per entry
  std::vector<int> person_rank;             ///< per entry: the person's rank of the household
  std::vector<int> household_rank;          ///< per entry: the household's rank of the person
  std::vector<std::size_t> household_first; ///< households + 1 offsets into `by_household`
  std::vector<std::size_t> by_household;    ///< entry ids, each household's best first

  /// Number of acceptable pairs.
  std::size_t size() const { return person.size(); }
};

/// Check preferences and join the two sides into `ranked_pairs`, in time linear in the
/// total length of the lists.
///
/// A pair listed by one side only is not acceptable and is left out. The ranks kept are
/// the positions in the original lists, so leaving a pair out does not change how the
/// others compare.
///
/// @param[in] lists  both sides' preferences
/// @return  the acceptable pairs
/// @throws slmatch::validation_error listing every problem, each naming the person or
///         household and the field: row offsets that do not start at 0, decrease or do
///         not end at the number of entries, a negative capacity, an index out of range, a
///         household or person listed twice, or lists that do not match `people` and
///         `capacity` in number
inline ranked_pairs rank_pairs(const preferences& lists) {
  std::vector<problem> found;
  // Row offsets first: every other check reads the lists through them.
  auto check_offsets = [&](const ranked_lists& side, const std::string& name) {
    const auto& first = side.first;
    if (first.empty() || first.front() != 0) {
      found.push_back({"preferences", name + ".first", "must start at 0"});
      return;
    }
    for (std::size_t r = 0; r + 1 < first.size(); ++r)
      if (first[r + 1] < first[r]) {
        found.push_back(
            {"preferences", name + ".first", "decreases after row " + std::to_string(r)});
        return;
      }
    if (first.back() != side.entries.size())
      found.push_back({"preferences", name + ".first",
                       "must end at the number of entries (" + std::to_string(side.entries.size()) +
                           "), ends at " + std::to_string(first.back())});
  };
  check_offsets(lists.person_ranks, "person_ranks");
  check_offsets(lists.household_ranks, "household_ranks");
  if (!found.empty()) throw validation_error(std::move(found));
  const int people = lists.people;
  const int households = static_cast<int>(lists.capacity.size());
  if (people < 0) found.push_back({"preferences", "people", "must be >= 0"});
  if (lists.person_ranks.size() != static_cast<std::size_t>(std::max(people, 0)))
    found.push_back({"preferences", "person_ranks",
                     "must have one list per person (" + std::to_string(people) + "), has " +
                         std::to_string(lists.person_ranks.size())});
  if (lists.household_ranks.size() != lists.capacity.size())
    found.push_back({"preferences", "household_ranks",
                     "must have one list per household (" + std::to_string(households) + "), has " +
                         std::to_string(lists.household_ranks.size())});
  if (!found.empty()) throw validation_error(std::move(found));
  for (int h = 0; h < households; ++h)
    if (lists.capacity[static_cast<std::size_t>(h)] < 0)
      found.push_back({"household " + std::to_string(h), "capacity",
                       "must be >= 0 (is " +
                           std::to_string(lists.capacity[static_cast<std::size_t>(h)]) + ")"});

  // Each side's lists checked for range and repeats with one scratch array.
  auto check_side = [&](const ranked_lists& side, const char* owner, const char* other_name,
                        int other_count) {
    std::vector<char> seen(static_cast<std::size_t>(other_count), 0);
    for (std::size_t r = 0; r + 1 < side.first.size(); ++r) {
      for (std::size_t k = side.first[r]; k < side.first[r + 1]; ++k) {
        const int other = side.entries[k];
        const std::string record = std::string(owner) + " " + std::to_string(r);
        if (other < 0 || other >= other_count)
          found.push_back({record, "preferences",
                           std::string(other_name) + " " + std::to_string(other) +
                               " is not in [0, " + std::to_string(other_count) + ")"});
        else if (seen[static_cast<std::size_t>(other)])
          found.push_back(
              {record, "preferences",
               "lists " + std::string(other_name) + " " + std::to_string(other) + " twice"});
        else
          seen[static_cast<std::size_t>(other)] = 1;
      }
      for (std::size_t k = side.first[r]; k < side.first[r + 1]; ++k) {
        const int other = side.entries[k];
        if (other >= 0 && other < other_count) seen[static_cast<std::size_t>(other)] = 0;
      }
    }
  };
  check_side(lists.person_ranks, "person", "household", households);
  check_side(lists.household_ranks, "household", "person", people);
  if (!found.empty()) throw validation_error(std::move(found));

  ranked_pairs pairs;
  pairs.people = people;
  pairs.households = households;
  pairs.capacity = lists.capacity;

  // Bucket every household-side listing by person (counting sort), so each person can
  // look up in O(1), through a scratch array over households, the rank each household
  // gives them.
  std::vector<std::size_t> listed_first(static_cast<std::size_t>(people) + 1, 0);
  for (int p : lists.household_ranks.entries) ++listed_first[static_cast<std::size_t>(p) + 1];
  for (std::size_t p = 0; p < static_cast<std::size_t>(people); ++p)
    listed_first[p + 1] += listed_first[p];
  std::vector<int> listed_by(lists.household_ranks.entries.size());
  std::vector<int> listed_rank(lists.household_ranks.entries.size());
  {
    std::vector<std::size_t> next(listed_first.begin(), listed_first.end() - 1);
    for (std::size_t h = 0; h < lists.household_ranks.size(); ++h)
      for (std::size_t k = lists.household_ranks.first[h]; k < lists.household_ranks.first[h + 1];
           ++k) {
        const std::size_t slot = next[static_cast<std::size_t>(lists.household_ranks.entries[k])]++;
        listed_by[slot] = static_cast<int>(h);
        listed_rank[slot] = static_cast<int>(k - lists.household_ranks.first[h]);
      }
  }
  std::vector<int> rank_given(static_cast<std::size_t>(households), -1);
  pairs.person_first.assign(static_cast<std::size_t>(people) + 1, 0);
  for (std::size_t p = 0; p < static_cast<std::size_t>(people); ++p) {
    for (std::size_t k = listed_first[p]; k < listed_first[p + 1]; ++k)
      rank_given[static_cast<std::size_t>(listed_by[k])] = listed_rank[k];
    for (std::size_t k = lists.person_ranks.first[p]; k < lists.person_ranks.first[p + 1]; ++k) {
      const int h = lists.person_ranks.entries[k];
      const int their_rank = rank_given[static_cast<std::size_t>(h)];
      if (their_rank < 0) continue; // the household does not accept this person
      pairs.person.push_back(static_cast<int>(p));
      pairs.household.push_back(h);
      pairs.person_rank.push_back(static_cast<int>(k - lists.person_ranks.first[p]));
      pairs.household_rank.push_back(their_rank);
    }
    for (std::size_t k = listed_first[p]; k < listed_first[p + 1]; ++k)
      rank_given[static_cast<std::size_t>(listed_by[k])] = -1;
    pairs.person_first[p + 1] = pairs.person.size();
  }

  // Each household's entries in its own order: counting sort by household, then by rank
  // (ranks within a household are distinct, so placing by rank needs no comparison sort).
  pairs.household_first.assign(static_cast<std::size_t>(households) + 1, 0);
  for (int h : pairs.household) ++pairs.household_first[static_cast<std::size_t>(h) + 1];
  for (std::size_t h = 0; h < static_cast<std::size_t>(households); ++h)
    pairs.household_first[h + 1] += pairs.household_first[h];
  pairs.by_household.resize(pairs.size());
  {
    std::vector<std::size_t> next(pairs.household_first.begin(), pairs.household_first.end() - 1);
    // Visit entries in the order of (household, household_rank) via the household lists.
    std::vector<std::size_t> entry_of_listing(lists.household_ranks.entries.size(),
                                              static_cast<std::size_t>(-1));
    for (std::size_t e = 0; e < pairs.size(); ++e)
      entry_of_listing[lists.household_ranks.first[static_cast<std::size_t>(pairs.household[e])] +
                       static_cast<std::size_t>(pairs.household_rank[e])] = e;
    for (std::size_t k = 0; k < entry_of_listing.size(); ++k)
      if (entry_of_listing[k] != static_cast<std::size_t>(-1)) {
        const std::size_t e = entry_of_listing[k];
        pairs.by_household[next[static_cast<std::size_t>(pairs.household[e])]++] = e;
      }
  }
  return pairs;
}

} // namespace slmatch
