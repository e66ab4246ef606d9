#pragma once
/// The stable plan of a scheme, with its required groups kept whole.
///
/// In: a validated scheme, view options (views.hpp) and how to look for the plan. Out:
/// `scheme_stable_plan`: both sides' views, the required groups, the lists the plan was found
/// on, and the plan with how stable it is.
///
/// Without required groups (no groups, or preferred ones only, whose members stable matching
/// treats as individuals) the plan is `deferred_acceptance` on the views, stable, as it has
/// always been. With required groups, each member keeps on their list only the households
/// that could take the whole group: households every member's view lists (so every hard rule
/// passes for each of them) and that have room for all of them at once (`no_room_for_group`:
/// places under the scheme's cap, and bedrooms). The households' lists stay as they are, as
/// a pair counts only when both sides list it. `stable_with_groups` (groups.hpp) then finds
/// the plan, which keeps every group whole and says whether it is stable, what blocks it, and
/// whether no stable plan exists.
///
/// Time: `build_views`, plus one pass over the groups' members' lists, plus
/// `stable_with_groups` when there are required groups.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/group_fit.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/groups.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/stable/views.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace slmatch {

/// A scheme's required groups, as stable matching takes them.
struct scheme_groups {
  std::vector<std::size_t> index;        ///< per required group: its index in `s.groups`
  std::vector<std::vector<int>> members; ///< per required group: its members in `s.people`

  /// Number of required groups.
  std::size_t size() const { return index.size(); }
  /// True when the scheme has no required group.
  bool empty() const { return index.empty(); }
};

/// The required groups of a scheme, in scheme order; preferred groups are left out.
///
/// @param[in] s  a validated scheme
/// @return  the groups' indices and members
/// @throws slmatch::error when a group lists someone who is not in the scheme
inline scheme_groups required_groups(const scheme& s) {
  scheme_groups groups;
  if (s.groups.empty()) return groups;
  const auto members = group_members(s);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (s.groups[g].together != togetherness::required) continue;
    groups.index.push_back(g);
    groups.members.emplace_back(members[g].begin(), members[g].end());
  }
  return groups;
}

/// Narrow each required group's members' lists to the households that could take the whole
/// group (see the file comment).
///
/// @param[in] s  the scheme the lists are of
/// @param[in] lists  both sides' lists over the scheme's people and households, e.g.
///                   `build_views(s).lists`
/// @param[in] groups  the scheme's required groups
/// @return  the lists, with each member's list keeping its order
inline preferences lists_for_groups(const scheme& s, const preferences& lists,
                                    const scheme_groups& groups) {
  if (groups.empty()) return lists;
  const std::size_t households = lists.capacity.size();
  // Per member of a required group, the households left on their list (empty for others).
  std::vector<std::vector<char>> keep(static_cast<std::size_t>(lists.people));
  std::vector<int> listed(households, 0);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& members = groups.members[g];
    std::fill(listed.begin(), listed.end(), 0);
    for (int p : members)
      for (auto k = lists.person_ranks.first[static_cast<std::size_t>(p)];
           k < lists.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k)
        ++listed[static_cast<std::size_t>(lists.person_ranks.entries[k])];
    std::vector<char> fits(households, 0);
    const std::vector<std::size_t> member_indices(members.begin(), members.end());
    for (std::size_t h = 0; h < households; ++h)
      fits[h] = listed[h] == static_cast<int>(members.size()) &&
                !no_room_for_group(s, s.groups[groups.index[g]], member_indices, s.households[h]);
    for (int p : members) keep[static_cast<std::size_t>(p)] = fits;
  }
  preferences narrowed;
  narrowed.people = lists.people;
  narrowed.capacity = lists.capacity;
  narrowed.household_ranks = lists.household_ranks;
  std::vector<int> row;
  for (std::size_t p = 0; p < static_cast<std::size_t>(lists.people); ++p) {
    row.clear();
    for (auto k = lists.person_ranks.first[p]; k < lists.person_ranks.first[p + 1]; ++k) {
      const int h = lists.person_ranks.entries[k];
      if (keep[p].empty() || keep[p][static_cast<std::size_t>(h)]) row.push_back(h);
    }
    narrowed.person_ranks.add_row(row);
  }
  return narrowed;
}

/// A scheme's stable plan and everything it was found from.
struct scheme_stable_plan {
  scheme_views views;   ///< both sides' views, as `build_views` gives them
  scheme_groups groups; ///< the required groups (empty: none)
  preferences lists;    ///< the lists solved: `views.lists`, the groups' members narrowed
  /// The plan and how stable it is; without required groups the deferred acceptance plan,
  /// stable, found in one pass.
  group_stable_result result;
};

/// The stable plan of a scheme's two views, keeping its required groups whole.
///
/// @param[in] s  a validated scheme
/// @param[in] options  household weights and threads for the views
/// @param[in] stable  who proposes, and the bounds of `stable_with_groups`
/// @return  the views, the groups, the lists and the plan; `result.plan` equals
///          `deferred_acceptance(rank_pairs(views.lists), stable.side)` when the scheme has
///          no required group
/// @throws slmatch::validation_error for bad household weights; slmatch::error when
///         `options.threads < 1`, `stable.max_rounds < 0` or a group lists someone who is not
///         in the scheme
inline scheme_stable_plan stable_match(const scheme& s, const view_options& options = {},
                                       const group_stable_options& stable = {}) {
  if (stable.max_rounds < 0) throw error("max_rounds must be >= 0");
  scheme_stable_plan out;
  out.groups = required_groups(s);
  out.views = build_views(s, options);
  if (out.groups.empty()) {
    out.lists = out.views.lists;
    out.result.plan = deferred_acceptance(rank_pairs(out.lists), stable.side);
    out.result.stable = true;
    return out;
  }
  out.lists = lists_for_groups(s, out.views.lists, out.groups);
  out.result = stable_with_groups(rank_pairs(out.lists), out.groups.members, stable);
  return out;
}

} // namespace slmatch
