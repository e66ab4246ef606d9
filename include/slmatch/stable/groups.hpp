#pragma once
/// Stable plans when some people must live together: the people of a required group (a
/// couple, siblings, friends) are placed whole in one household or not at all. This is the
/// hospitals/residents problem with couples in the variant where a couple must go to the
/// same hospital (McDermid & Manlove 2010, "Keeping partners together: algorithmic results
/// for the hospitals/residents problem with couples"; Biró, Manlove & McBride 2014, "The
/// hospitals/residents problem with couples: complexity and integer programming models"),
/// with groups of any size.
///
/// In: `ranked_pairs` (see preferences.hpp) and the required groups, each a list of person
/// indices. Only required groups belong here: the members of a preferred group may be
/// placed apart, so stable matching treats them as individuals (at the scheme level,
/// `required_groups` in scheme_stable.hpp passes the required ones only). Out: a plan that
/// keeps every group whole, whether it is stable, the blocking pairs of any plan and, on
/// small instances, a proof that no stable plan exists.
///
/// Units. Each group is a unit, and so is each person in no group. A unit and a household
/// are acceptable to each other when every member lists the household and the household
/// lists every member. A group's JOINT RANKING orders the households acceptable to it by
/// the sum of the members' ranks of them (0 = first choice), ties by the worst member's
/// rank, then by household index; for one person it is their own list. Plans found here
/// place units on acceptable pairs only.
///
/// Stability with groups. A group g and a household h BLOCK a plan when
///   1. h lists every member of g and every member lists h;
///   2. every member prefers h to where the group is: the member is unplaced or ranks h
///      above their household (so no member is in h already);
///   3. h could take all of them at once: its free places, plus the places of the people
///      it would remove, number at least |g|, where h may remove anyone it ranks below
///      every member of g, and removes another group only whole: a group whose members in
///      h are all ranked below every member of g.
/// A person in no group and a household block a plan under the same three conditions with
/// g = {the person}: the blocking pair of deferred_acceptance.hpp, except that a household
/// cannot make room by splitting a group (it removes a group only when it ranks all of its
/// members below the person). A person who belongs to a group blocks only as part of it. A
/// plan is STABLE when nothing blocks it. With no groups this is the usual definition, and
/// `blocking_pairs_with_groups` gives what `blocking_pairs` gives. As there, a person placed
/// on a pair that is not listed by both sides prefers every household they list, and that
/// household ranks them below everyone it lists. A plan that splits a group (or places only
/// some of it) gives the group nowhere it may be: for condition 2 the group counts as
/// unplaced, and in condition 3 the places its members hold in h count as free. A stable
/// plan may not exist.
///
/// Algorithm (`stable_with_groups`):
///   (a) deferred acceptance with units. People proposing: each unit proposes down its joint
///       ranking; a household accepts a unit of k people when it has k free places, or can
///       make them by removing units it ranks wholly below every member of the proposer
///       (least preferred first, by their best member; just enough); removed units leave
///       whole and propose on down their own rankings. Households proposing: each household
///       offers its free places down its list of units, ordered by its rank of each unit's
///       lowest-ranked member, passing over a unit it has no room for; a unit keeps the best
///       offer by its joint ranking. Without groups either pass is `deferred_acceptance` and
///       the plan is stable. With groups it may not be, so then, while the plan has a
///       blocking pair and fewer than `max_rounds` repairs have been made, the first
///       blocking pair (by the unit's first person, then by its joint ranking) is satisfied:
///       the unit moves there, the household removes people as in condition 3, and the
///       proposals resume. This can cycle, hence the bound.
///   (b) when (a) ends with blocking pairs and the instance is small, a search over every
///       plan that keeps groups whole (each unit unplaced or on an acceptable pair, within
///       the places) finds a stable plan, or proves there is none. Small: the number of such
///       assignments, the product over units of (1 + acceptable households), is at most
///       `search_limit` (default 1,000,000, e.g. 9 people with three choices each: 4^9 =
///       262,144). The search tries units in the order of their first person, each
///       household in the unit's joint ranking and then unplaced, and drops a partial plan
///       as soon as a household that no further unit lists is blocked.
///
/// Complexity: building the units and the joint rankings is linear in the acceptable pairs
/// of the groups' members (plus a sort of each group's joint ranking); one pass of (a) and
/// one blocking check are linear in the acceptable unit–household pairs times (the group
/// size + the units in the household); the repairs multiply that by at most `max_rounds`;
/// the search visits at most `search_limit` plans. Everything is deterministic: ties go to
/// the lowest index.

#include "slmatch/error.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// A group and a household that would both rather be together than keep what a plan gives
/// them (see the file comment).
struct blocking_group {
  int group;     ///< index into the groups given
  int household; ///< index of the household
  friend bool operator==(const blocking_group& a, const blocking_group& b) {
    return a.group == b.group && a.household == b.household;
  }
};

/// Everything that blocks a plan when groups must stay whole.
struct group_blocking {
  /// People in no group, each with a household they block with: by person, then by the
  /// person's preference.
  std::vector<blocking_pair> people;
  /// Groups with a household they block with: by group, then by the group's joint ranking.
  std::vector<blocking_group> groups;

  /// True when nothing blocks the plan.
  bool empty() const { return people.empty() && groups.empty(); }
  /// Number of blocking pairs, a group with a household counting once.
  std::size_t size() const { return people.size() + groups.size(); }
};

/// Which step of `stable_with_groups` gave its plan.
enum class stable_method : std::uint8_t {
  deferred_acceptance, ///< deferred acceptance with units, and repairs (step a)
  exhaustive_search,   ///< the search over every plan that keeps groups whole (step b)
};
SLMATCH_VOCABULARY(stable_method, "stable method", "deferred_acceptance", "exhaustive_search");

/// How `stable_with_groups` looks for a stable plan.
struct group_stable_options {
  proposing_side side = proposing_side::people; ///< who proposes in deferred acceptance
  int max_rounds = 1000; ///< blocking pairs satisfied after the first pass, >= 0
  /// Search exhaustively when the plans to try (the product over units of 1 + acceptable
  /// households) number at most this; 0 never searches.
  std::uint64_t search_limit = 1000000;
};

/// A plan that keeps groups whole, and how stable it is.
struct group_stable_result {
  stable_plan plan;         ///< per person the household, or -1; groups are never split
  bool stable = false;      ///< nothing blocks `plan`
  bool proven_none = false; ///< the search ran and no plan that keeps groups whole is stable
  group_blocking blocking;  ///< what blocks `plan` (empty when stable)
  stable_method method = stable_method::deferred_acceptance; ///< which step gave `plan`
  int rounds = 0;                ///< blocking pairs satisfied by step (a) after its first pass
  bool searched = false;         ///< step (b) ran
  std::uint64_t search_size = 0; ///< the plans step (b) would try, saturating (0: not counted)
};

namespace detail {

/// A household on a unit's joint ranking.
struct unit_choice {
  int household = 0;
  int rank_sum = 0;   ///< sum of the members' ranks of the household
  int worst_rank = 0; ///< the worst of those ranks
  int lowest = 0;     ///< the household's rank of the member it ranks lowest
  int highest = 0;    ///< the household's rank of the member it ranks highest
};

/// Groups and single people as units, each with its joint ranking.
struct unit_market {
  int people = 0;
  int households = 0;
  std::vector<int> capacity;
  std::vector<std::size_t> member_first{0}; ///< units + 1 offsets into `members`
  std::vector<int> members;                 ///< person indices, each group in its order
  std::vector<int> group;                   ///< per unit: its group's index, or -1
  std::vector<int> unit_of;                 ///< per person
  std::vector<std::size_t> choice_first{0}; ///< units + 1 offsets into `choices`
  std::vector<unit_choice> choices;         ///< each unit's joint ranking, best first
  /// Per choice, one rank per member (member order): rank_first[c] .. + size of the unit.
  std::vector<std::size_t> rank_first;
  std::vector<int> member_rank;

  std::size_t units() const { return group.size(); }
  int size(std::size_t u) const { return static_cast<int>(member_first[u + 1] - member_first[u]); }
  /// The member's rank of the choice's household.
  int rank_of(std::size_t choice, std::size_t member) const {
    return member_rank[rank_first[choice] + member];
  }
};

/// Check the groups: each non-empty, members in range, nobody twice.
inline std::vector<int> check_groups(const std::vector<std::vector<int>>& groups, int people) {
  std::vector<problem> found;
  std::vector<int> group_of(static_cast<std::size_t>(std::max(people, 0)), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string record = "group " + std::to_string(g);
    if (groups[g].empty()) found.push_back({record, "members", "must not be empty"});
    for (int p : groups[g]) {
      if (p < 0 || p >= people) {
        found.push_back(
            {record, "members",
             "person " + std::to_string(p) + " is not in [0, " + std::to_string(people) + ")"});
        continue;
      }
      int& owner = group_of[static_cast<std::size_t>(p)];
      if (owner == static_cast<int>(g))
        found.push_back({record, "members", "lists person " + std::to_string(p) + " twice"});
      else if (owner >= 0)
        found.push_back(
            {record, "members",
             "person " + std::to_string(p) + " is also in group " + std::to_string(owner)});
      else
        owner = static_cast<int>(g);
    }
  }
  if (!found.empty()) throw validation_error(std::move(found));
  return group_of;
}

/// The units of a market: groups and single people, in the order of their first person,
/// each with its joint ranking. Groups are assumed checked.
inline unit_market make_units(const ranked_pairs& pairs, const std::vector<int>& group_of,
                              const std::vector<std::vector<int>>& groups) {
  unit_market m;
  m.people = pairs.people;
  m.households = pairs.households;
  m.capacity = pairs.capacity;
  m.unit_of.assign(static_cast<std::size_t>(pairs.people), -1);
  for (int p = 0; p < pairs.people; ++p) {
    const int g = group_of[static_cast<std::size_t>(p)];
    if (m.unit_of[static_cast<std::size_t>(p)] >= 0) continue;
    const auto unit = static_cast<int>(m.group.size());
    if (g < 0) {
      m.members.push_back(p);
    } else {
      for (int q : groups[static_cast<std::size_t>(g)]) {
        m.members.push_back(q);
        m.unit_of[static_cast<std::size_t>(q)] = unit;
      }
    }
    m.unit_of[static_cast<std::size_t>(p)] = unit;
    m.member_first.push_back(m.members.size());
    m.group.push_back(g);
  }

  // Joint rankings: the first member's pairs, narrowed member by member through a scratch
  // array of pair entries by household.
  std::vector<std::size_t> entry_at(static_cast<std::size_t>(pairs.households), pairs.size());
  struct candidate {
    unit_choice choice;
    std::vector<int> ranks;
  };
  std::vector<candidate> candidates;
  for (std::size_t u = 0; u < m.units(); ++u) {
    candidates.clear();
    const auto first = static_cast<std::size_t>(m.members[m.member_first[u]]);
    for (std::size_t e = pairs.person_first[first]; e < pairs.person_first[first + 1]; ++e)
      candidates.push_back({{pairs.household[e], pairs.person_rank[e], pairs.person_rank[e],
                             pairs.household_rank[e], pairs.household_rank[e]},
                            {pairs.person_rank[e]}});
    for (std::size_t k = m.member_first[u] + 1; k < m.member_first[u + 1]; ++k) {
      const auto q = static_cast<std::size_t>(m.members[k]);
      for (std::size_t e = pairs.person_first[q]; e < pairs.person_first[q + 1]; ++e)
        entry_at[static_cast<std::size_t>(pairs.household[e])] = e;
      std::size_t kept = 0;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        auto& c = candidates[i];
        const std::size_t e = entry_at[static_cast<std::size_t>(c.choice.household)];
        if (e == pairs.size()) continue;
        c.choice.rank_sum += pairs.person_rank[e];
        c.choice.worst_rank = std::max(c.choice.worst_rank, pairs.person_rank[e]);
        c.choice.lowest = std::max(c.choice.lowest, pairs.household_rank[e]);
        c.choice.highest = std::min(c.choice.highest, pairs.household_rank[e]);
        c.ranks.push_back(pairs.person_rank[e]);
        if (kept != i) candidates[kept] = std::move(c);
        ++kept;
      }
      candidates.resize(kept);
      for (std::size_t e = pairs.person_first[q]; e < pairs.person_first[q + 1]; ++e)
        entry_at[static_cast<std::size_t>(pairs.household[e])] = pairs.size();
    }
    if (m.size(u) > 1)
      std::sort(candidates.begin(), candidates.end(), [](const candidate& a, const candidate& b) {
        return std::make_tuple(a.choice.rank_sum, a.choice.worst_rank, a.choice.household) <
               std::make_tuple(b.choice.rank_sum, b.choice.worst_rank, b.choice.household);
      });
    for (const auto& c : candidates) {
      m.choices.push_back(c.choice);
      m.rank_first.push_back(m.member_rank.size());
      m.member_rank.insert(m.member_rank.end(), c.ranks.begin(), c.ranks.end());
    }
    m.choice_first.push_back(m.choices.size());
  }
  return m;
}

/// Units placed in households: the state of deferred acceptance and of the search.
struct unit_plan {
  static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<int> where;                  ///< per unit: household or -1
  std::vector<std::size_t> choice;         ///< per unit: its choice for `where`, or `none`
  std::vector<int> used;                   ///< per household: places taken
  std::vector<std::vector<int>> residents; ///< per household: units there

  explicit unit_plan(const unit_market& m)
      : where(m.units(), -1), choice(m.units(), none),
        used(static_cast<std::size_t>(m.households), 0),
        residents(static_cast<std::size_t>(m.households)) {}

  void place(const unit_market& m, std::size_t u, std::size_t c) {
    const auto h = static_cast<std::size_t>(m.choices[c].household);
    where[u] = m.choices[c].household;
    choice[u] = c;
    used[h] += m.size(u);
    residents[h].push_back(static_cast<int>(u));
  }
  void remove(const unit_market& m, std::size_t u) {
    const auto h = static_cast<std::size_t>(where[u]);
    auto& here = residents[h];
    here.erase(std::find(here.begin(), here.end(), static_cast<int>(u)));
    used[h] -= m.size(u);
    where[u] = -1;
    choice[u] = none;
  }

  /// Units the choice's household would remove to take unit u: the fewest of those it
  /// ranks wholly below every member of u, least preferred first. False when even all of
  /// them make too little room.
  bool make_room(const unit_market& m, std::size_t u, std::size_t c,
                 std::vector<int>& removed) const {
    removed.clear();
    const auto h = static_cast<std::size_t>(m.choices[c].household);
    int missing = m.size(u) - (m.capacity[h] - used[h]);
    if (missing <= 0) return true;
    for (int v : residents[h])
      if (m.choices[choice[static_cast<std::size_t>(v)]].highest > m.choices[c].lowest)
        removed.push_back(v);
    std::sort(removed.begin(), removed.end(), [&](int a, int b) {
      return m.choices[choice[static_cast<std::size_t>(a)]].highest >
             m.choices[choice[static_cast<std::size_t>(b)]].highest;
    });
    std::size_t taken = 0;
    while (missing > 0 && taken < removed.size())
      missing -= m.size(static_cast<std::size_t>(removed[taken++]));
    removed.resize(taken);
    return missing <= 0;
  }

  /// True when unit u and its choice c block this plan (see the file comment).
  bool blocks(const unit_market& m, std::size_t u, std::size_t c) const {
    if (where[u] >= 0) {
      if (where[u] == m.choices[c].household) return false;
      for (std::size_t k = 0; k < static_cast<std::size_t>(m.size(u)); ++k)
        if (m.rank_of(c, k) >= m.rank_of(choice[u], k)) return false;
    }
    const auto h = static_cast<std::size_t>(m.choices[c].household);
    int room = m.capacity[h] - used[h];
    for (int v : residents[h])
      if (m.choices[choice[static_cast<std::size_t>(v)]].highest > m.choices[c].lowest)
        room += m.size(static_cast<std::size_t>(v));
    return room >= m.size(u);
  }

  /// The first blocking pair, by unit then by the unit's joint ranking, or nothing.
  std::pair<std::size_t, std::size_t> first_blocking(const unit_market& m) const {
    for (std::size_t u = 0; u < m.units(); ++u)
      for (std::size_t c = m.choice_first[u]; c < m.choice_first[u + 1]; ++c) {
        if (choice[u] == c) break; // the rest are worse for the unit as a whole
        if (blocks(m, u, c)) return {u, c};
      }
    return {none, none};
  }

  stable_plan to_plan(const unit_market& m) const {
    stable_plan plan;
    plan.household_of.assign(static_cast<std::size_t>(m.people), -1);
    for (std::size_t u = 0; u < m.units(); ++u) {
      if (where[u] < 0) continue;
      for (std::size_t k = m.member_first[u]; k < m.member_first[u + 1]; ++k) {
        plan.household_of[static_cast<std::size_t>(m.members[k])] = where[u];
        ++plan.matched;
      }
    }
    return plan;
  }
};

/// Step (a): deferred acceptance with units, then repairs; see the file comment.
inline unit_plan units_propose(const unit_market& m, const group_stable_options& options,
                               int& rounds) {
  unit_plan state(m);
  const std::size_t units = m.units();
  const auto households = static_cast<std::size_t>(m.households);
  std::vector<int> removed;

  // People proposing: each unit's next choice, and a stack of units to propose.
  std::vector<std::size_t> next(m.choice_first.begin(), m.choice_first.end() - 1);
  std::vector<int> proposing;
  // Households proposing: each household's units by its rank of their lowest-ranked member.
  std::vector<std::size_t> offer_first(households + 1, 0);
  std::vector<std::size_t> offers; // choice ids
  std::vector<std::size_t> next_offer;
  std::vector<int> offering;
  std::vector<char> queued(households, 0);
  const bool by_people = options.side == proposing_side::people;
  if (by_people) {
    for (std::size_t u = units; u-- > 0;) proposing.push_back(static_cast<int>(u));
  } else {
    for (const auto& c : m.choices) ++offer_first[static_cast<std::size_t>(c.household) + 1];
    for (std::size_t h = 0; h < households; ++h) offer_first[h + 1] += offer_first[h];
    offers.resize(m.choices.size());
    std::vector<std::size_t> fill(offer_first.begin(), offer_first.end() - 1);
    for (std::size_t c = 0; c < m.choices.size(); ++c)
      offers[fill[static_cast<std::size_t>(m.choices[c].household)]++] = c;
    for (std::size_t h = 0; h < households; ++h)
      std::sort(
          offers.begin() + static_cast<std::ptrdiff_t>(offer_first[h]),
          offers.begin() + static_cast<std::ptrdiff_t>(offer_first[h + 1]),
          [&](std::size_t a, std::size_t b) { return m.choices[a].lowest < m.choices[b].lowest; });
    next_offer.assign(offer_first.begin(), offer_first.end() - 1);
    for (std::size_t h = households; h-- > 0;) offering.push_back(static_cast<int>(h));
    std::fill(queued.begin(), queued.end(), 1);
  }
  std::vector<std::size_t> unit_of_choice(m.choices.size());
  for (std::size_t u = 0; u < units; ++u)
    for (std::size_t c = m.choice_first[u]; c < m.choice_first[u + 1]; ++c) unit_of_choice[c] = u;
  auto queue_household = [&](int h) {
    if (!queued[static_cast<std::size_t>(h)]) {
      queued[static_cast<std::size_t>(h)] = 1;
      offering.push_back(h);
    }
  };

  auto drain = [&] {
    if (by_people) {
      while (!proposing.empty()) {
        const auto u = static_cast<std::size_t>(proposing.back());
        proposing.pop_back();
        while (next[u] < m.choice_first[u + 1]) {
          const std::size_t c = next[u]++;
          if (!state.make_room(m, u, c, removed)) continue;
          for (int v : removed) {
            state.remove(m, static_cast<std::size_t>(v));
            proposing.push_back(v);
          }
          state.place(m, u, c);
          break;
        }
      }
      return;
    }
    while (!offering.empty()) {
      const auto h = static_cast<std::size_t>(offering.back());
      offering.pop_back();
      queued[h] = 0;
      while (state.used[h] < m.capacity[h] && next_offer[h] < offer_first[h + 1]) {
        const std::size_t c = offers[next_offer[h]++];
        const std::size_t u = unit_of_choice[c];
        if (m.size(u) > m.capacity[h] - state.used[h]) continue;
        if (state.where[u] >= 0 && state.choice[u] <= c) continue; // it holds a better offer
        if (state.where[u] >= 0) {
          const int left = state.where[u];
          state.remove(m, u);
          queue_household(left);
        }
        state.place(m, u, c);
      }
    }
  };

  rounds = 0;
  for (;;) {
    drain();
    const auto [u, c] = state.first_blocking(m);
    if (u == unit_plan::none || rounds >= options.max_rounds) break;
    ++rounds;
    if (state.where[u] >= 0) {
      const int left = state.where[u];
      state.remove(m, u);
      if (!by_people) queue_household(left);
    }
    state.make_room(m, u, c, removed); // succeeds: the pair blocks
    for (int v : removed) {
      state.remove(m, static_cast<std::size_t>(v));
      if (by_people) proposing.push_back(v);
    }
    state.place(m, u, c);
    if (by_people) next[u] = c + 1;
  }
  return state;
}

/// Plans the search would try: the product over units of (1 + choices), saturating.
inline std::uint64_t search_size(const unit_market& m) {
  std::uint64_t product = 1;
  const std::uint64_t cap = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t u = 0; u < m.units(); ++u) {
    const std::uint64_t options = 1 + (m.choice_first[u + 1] - m.choice_first[u]);
    product = product > cap / options ? cap : product * options;
  }
  return product;
}

/// Step (b): the first stable plan in search order, or false when there is none.
inline bool search_stable(const unit_market& m, unit_plan& state) {
  // Units with choices, in order; and per household, the units that list it and the position
  // (in that order) after which no other unit can join it.
  std::vector<std::size_t> order;
  for (std::size_t u = 0; u < m.units(); ++u)
    if (m.choice_first[u + 1] > m.choice_first[u]) order.push_back(u);
  const auto households = static_cast<std::size_t>(m.households);
  std::vector<std::vector<std::size_t>> listed_by(households); // choice ids
  std::vector<std::vector<std::size_t>> final_after(order.size());
  {
    std::vector<std::size_t> last(households, unit_plan::none);
    for (std::size_t i = 0; i < order.size(); ++i)
      for (std::size_t c = m.choice_first[order[i]]; c < m.choice_first[order[i] + 1]; ++c) {
        const auto h = static_cast<std::size_t>(m.choices[c].household);
        listed_by[h].push_back(c);
        last[h] = i;
      }
    for (std::size_t h = 0; h < households; ++h)
      if (last[h] != unit_plan::none) final_after[last[h]].push_back(h);
  }
  std::vector<std::size_t> unit_of_choice(m.choices.size());
  for (std::size_t u = 0; u < m.units(); ++u)
    for (std::size_t c = m.choice_first[u]; c < m.choice_first[u + 1]; ++c) unit_of_choice[c] = u;
  auto settled_without_blocking = [&](std::size_t i) {
    for (std::size_t h : final_after[i])
      for (std::size_t c : listed_by[h])
        if (state.blocks(m, unit_of_choice[c], c)) return false;
    return true;
  };
  std::function<bool(std::size_t)> visit = [&](std::size_t i) {
    if (i == order.size()) return true;
    const std::size_t u = order[i];
    for (std::size_t c = m.choice_first[u]; c <= m.choice_first[u + 1]; ++c) {
      const bool placed = c < m.choice_first[u + 1];
      if (placed) {
        const auto h = static_cast<std::size_t>(m.choices[c].household);
        if (state.used[h] + m.size(u) > m.capacity[h]) continue;
        state.place(m, u, c);
      }
      if (settled_without_blocking(i) && visit(i + 1)) return true;
      if (placed) state.remove(m, u);
    }
    return false;
  };
  return visit(0);
}

/// Blocking pairs of any plan, from the per-person plan (see the file comment).
inline group_blocking blocking_of(const ranked_pairs& pairs, const unit_market& m,
                                  const std::vector<int>& household_of) {
  const int unlisted = std::numeric_limits<int>::max();
  const auto people = static_cast<std::size_t>(pairs.people);
  const auto households = static_cast<std::size_t>(pairs.households);
  // Each person's rank of their household and the household's rank of them; an unlisted
  // placement ranks after every listed pair on both sides.
  std::vector<int> own_rank(people, unlisted), held_rank(people, unlisted);
  std::vector<int> count(households, 0);
  for (std::size_t p = 0; p < people; ++p) {
    const int h = household_of[p];
    if (h < 0) continue;
    ++count[static_cast<std::size_t>(h)];
    for (std::size_t e = pairs.person_first[p]; e < pairs.person_first[p + 1]; ++e)
      if (pairs.household[e] == h) {
        own_rank[p] = pairs.person_rank[e];
        held_rank[p] = pairs.household_rank[e];
        break;
      }
  }
  // Per household, the units with someone there: how many and the best rank among them.
  struct resident_unit {
    int unit, size, highest;
  };
  std::vector<std::vector<resident_unit>> residents(households);
  for (std::size_t p = 0; p < people; ++p) {
    const int h = household_of[p];
    if (h < 0) continue;
    auto& here = residents[static_cast<std::size_t>(h)];
    const int u = m.unit_of[p];
    auto it =
        std::find_if(here.begin(), here.end(), [&](const resident_unit& r) { return r.unit == u; });
    if (it == here.end())
      here.push_back({u, 1, held_rank[p]});
    else {
      ++it->size;
      it->highest = std::min(it->highest, held_rank[p]);
    }
  }
  auto blocks = [&](std::size_t u, std::size_t c) {
    const auto first = static_cast<std::size_t>(m.members[m.member_first[u]]);
    bool split = false;
    for (std::size_t k = m.member_first[u]; k < m.member_first[u + 1]; ++k)
      split = split || household_of[static_cast<std::size_t>(m.members[k])] != household_of[first];
    if (!split)
      for (std::size_t k = m.member_first[u]; k < m.member_first[u + 1]; ++k) {
        const auto p = static_cast<std::size_t>(m.members[k]);
        if (household_of[p] >= 0 && m.rank_of(c, k - m.member_first[u]) >= own_rank[p])
          return false;
      }
    const auto h = static_cast<std::size_t>(m.choices[c].household);
    int room = pairs.capacity[h] - count[h];
    for (const auto& r : residents[h])
      if (r.unit == static_cast<int>(u) || r.highest > m.choices[c].lowest) room += r.size;
    return room >= m.size(u);
  };
  group_blocking found;
  for (std::size_t u = 0; u < m.units(); ++u)
    for (std::size_t c = m.choice_first[u]; c < m.choice_first[u + 1]; ++c) {
      if (!blocks(u, c)) continue;
      if (m.group[u] < 0)
        found.people.push_back({m.members[m.member_first[u]], m.choices[c].household});
      else
        found.groups.push_back({m.group[u], m.choices[c].household});
    }
  std::stable_sort(
      found.groups.begin(), found.groups.end(),
      [](const blocking_group& a, const blocking_group& b) { return a.group < b.group; });
  return found;
}

/// Check a plan's shape as `blocking_pairs` does.
inline void check_plan(const ranked_pairs& pairs, const std::vector<int>& household_of) {
  if (household_of.size() != static_cast<std::size_t>(pairs.people))
    throw validation_error({{"plan", "household_of",
                             "must have one entry per person (" + std::to_string(pairs.people) +
                                 "), has " + std::to_string(household_of.size())}});
  std::vector<problem> found;
  std::vector<int> count(static_cast<std::size_t>(pairs.households), 0);
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h < -1 || h >= pairs.households)
      found.push_back({"person " + std::to_string(p), "household_of",
                       "must be -1 or in [0, " + std::to_string(pairs.households) + ") (is " +
                           std::to_string(h) + ")"});
    else if (h >= 0)
      ++count[static_cast<std::size_t>(h)];
  }
  for (std::size_t h = 0; h < count.size(); ++h)
    if (count[h] > pairs.capacity[h])
      found.push_back({"household " + std::to_string(h), "capacity",
                       "plan places " + std::to_string(count[h]) + " people in " +
                           std::to_string(pairs.capacity[h]) + " places"});
  if (!found.empty()) throw validation_error(std::move(found));
}

} // namespace detail

/// True when a plan places every group whole: all of its members in one household, or
/// none of them anywhere.
///
/// @param[in] groups  each group's members, as person indices
/// @param[in] household_of  per person: household index or -1
/// @return  false when some group is split or only partly placed
/// @throws slmatch::error when a member is not a person of the plan
inline bool keeps_groups_whole(const std::vector<std::vector<int>>& groups,
                               const std::vector<int>& household_of) {
  for (const auto& members : groups)
    for (int p : members) {
      if (p < 0 || static_cast<std::size_t>(p) >= household_of.size())
        throw error("group member " + std::to_string(p) + " is not a person of the plan");
      if (household_of[static_cast<std::size_t>(p)] !=
          household_of[static_cast<std::size_t>(members.front())])
        return false;
    }
  return true;
}

/// Every blocking pair of a plan when groups must stay whole: each person in no group with
/// a household, and each group with a household (see the file comment for the definition).
///
/// Works on any plan, so optimal and fair plans can show how stable they are. A plan that
/// splits a group leaves the group unplaced as far as stability goes (see the file
/// comment); none of the plans this header returns splits one.
///
/// @param[in] pairs  the acceptable pairs, from `rank_pairs`
/// @param[in] groups  the required groups, each a list of person indices (two or more to
///                    matter; a group of one is a person on their own)
/// @param[in] household_of  per person: household index or -1
/// @return  the blocking people and groups; with no groups, `people` equals
///          `blocking_pairs(pairs, household_of)`
/// @throws slmatch::validation_error when a group is empty, names a person out of range or
///         twice, or shares a person with another group (record "group <index>", field
///         "members"); or, as `blocking_pairs`, when the plan has the wrong length, names a
///         household out of range or overfills one
inline group_blocking blocking_pairs_with_groups(const ranked_pairs& pairs,
                                                 const std::vector<std::vector<int>>& groups,
                                                 const std::vector<int>& household_of) {
  const auto group_of = detail::check_groups(groups, pairs.people);
  detail::check_plan(pairs, household_of);
  return detail::blocking_of(pairs, detail::make_units(pairs, group_of, groups), household_of);
}

/// A plan that keeps every required group whole, stable when step (a) or step (b) of the
/// file comment finds one.
///
/// With no groups this is `deferred_acceptance(pairs, options.side)`, always stable.
///
/// @param[in] pairs  the acceptable pairs, from `rank_pairs`
/// @param[in] groups  the required groups, each a list of person indices
/// @param[in] options  who proposes, the bound on repairs and the size limit of the search
/// @return  the plan and what blocks it: `stable` when nothing does; `proven_none` when the
///          search ran and found no stable plan (then `plan` is step (a)'s, with its
///          blocking pairs); `method` says which step gave the plan
/// @throws slmatch::validation_error for bad groups (see `blocking_pairs_with_groups`);
///         slmatch::error when `options.max_rounds < 0`
/// \note  Deterministic: equal inputs give equal plans, ties going to the lowest index.
inline group_stable_result stable_with_groups(const ranked_pairs& pairs,
                                              const std::vector<std::vector<int>>& groups,
                                              const group_stable_options& options = {}) {
  if (options.max_rounds < 0) throw error("max_rounds must be >= 0");
  const auto group_of = detail::check_groups(groups, pairs.people);
  const detail::unit_market m = detail::make_units(pairs, group_of, groups);
  group_stable_result result;
  detail::unit_plan state = detail::units_propose(m, options, result.rounds);
  result.plan = state.to_plan(m);
  result.blocking = detail::blocking_of(pairs, m, result.plan.household_of);
  result.stable = result.blocking.empty();
  if (result.stable) return result;
  result.search_size = detail::search_size(m);
  if (result.search_size > options.search_limit) return result;
  result.searched = true;
  detail::unit_plan searched(m);
  if (detail::search_stable(m, searched)) {
    result.plan = searched.to_plan(m);
    result.blocking = {};
    result.stable = true;
    result.method = stable_method::exhaustive_search;
  } else {
    result.proven_none = true;
  }
  return result;
}

} // namespace slmatch
