#pragma once
/// Explanations for groups: what a plan did with people who want to live together, and
/// why, in plain English.
///
/// In: a scheme, its score table, a plan (household of each person) and one group. Out: one
/// sentence, e.g. "P07 and P08 (a couple) want to live together: H05 suits both and has
/// room for both, which adds 10 points for living together." or "P07 and P08 must live
/// together, so they are placed together or not at all: H12 suits P07 but not P08 (the
/// household lacks level access); H05 suits both but it has 1 free place for 2 people."
/// People and households are named by id only.

#include "slmatch/explain/explain.hpp"
#include "slmatch/score/group_fit.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace slmatch {

namespace detail {

/// "P07 and P08 (a couple)": the members by id and how they are related.
inline std::string group_names(const scheme& s, const person_group& group,
                               const std::vector<std::size_t>& members) {
  std::vector<std::string> ids;
  for (std::size_t p : members) ids.push_back(s.people[p].id);
  const char* kind = group.kind == group_kind::couple     ? " (a couple)"
                     : group.kind == group_kind::siblings ? " (siblings)"
                     : group.kind == group_kind::friends  ? " (friends)"
                                                          : "";
  return wording::join_list(ids) + kind;
}

/// Households listed by name in a group's sentence before the rest are counted.
inline constexpr std::size_t group_households_listed = 3;

} // namespace detail

/// One sentence on what a plan did with a group and why.
///
/// @param[in] s             the scheme
/// @param[in] table         its feasible pairs, ordered by person (`score_candidates`)
/// @param[in] household_of  per person: the household the plan proposes, or -1
/// @param[in] group         index into `s.groups`
/// @throws slmatch::error when an index is out of range or a member is not in the scheme
inline std::string explain_group(const scheme& s, const score_table& table,
                                 const std::vector<int>& household_of, std::size_t group) {
  check_index(group, s.groups.size(), "group", "groups");
  if (household_of.size() != s.people.size())
    throw error("plan has " + std::to_string(household_of.size()) + " entries for " +
                std::to_string(s.people.size()) + " people");
  const person_group& g = s.groups[group];
  const std::vector<std::size_t> members = group_members(s)[group];
  const std::string names = detail::group_names(s, g, members);
  const bool required = g.together == togetherness::required;
  const std::string points = wording::format_number(living_together_points(s.policy), 1);

  const int first_home = household_of[members.front()];
  bool together = first_home >= 0;
  for (std::size_t p : members) together = together && household_of[p] == first_home;
  if (together &&
      !no_room_for_group(s, g, members, s.households[static_cast<std::size_t>(first_home)])) {
    return names +
           " want to live together: " + s.households[static_cast<std::size_t>(first_home)].id +
           " suits them all and has room for them all, which adds " + points +
           " points for living together.";
  }

  // Households that suit at least one member, in household order, with what stops each.
  std::vector<std::vector<char>> suits(members.size());
  std::vector<char> any(s.households.size(), 0);
  for (std::size_t k = 0; k < members.size(); ++k) {
    suits[k].assign(s.households.size(), 0);
    const auto first =
        std::lower_bound(table.pairs.begin(), table.pairs.end(), members[k],
                         [](const scored_pair& pair, std::size_t i) { return pair.person < i; });
    for (auto it = first; it != table.pairs.end() && it->person == members[k]; ++it)
      suits[k][it->household] = any[it->household] = 1;
  }
  std::vector<std::string> reasons;
  std::size_t more = 0;
  bool some_host = false;
  for (std::size_t h = 0; h < s.households.size(); ++h) {
    if (!any[h]) continue;
    const household& home = s.households[h];
    std::vector<std::string> fit, unfit;
    std::string why_unfit;
    for (std::size_t k = 0; k < members.size(); ++k) {
      if (suits[k][h]) {
        fit.push_back(s.people[members[k]].id);
      } else {
        unfit.push_back(s.people[members[k]].id);
        if (why_unfit.empty()) {
          const pair_explanation e = explain_pair(s, members[k], h);
          if (!e.failed_rules.empty()) why_unfit = e.failed_rules.front().reason;
        }
      }
    }
    std::string reason;
    if (!unfit.empty()) {
      reason = home.id + " suits " + wording::join_list(fit) + " but not " +
               wording::join_list(unfit) + (why_unfit.empty() ? "" : " (" + why_unfit + ")");
    } else if (const auto room = no_room_for_group(s, g, members, home)) {
      reason = home.id + " suits them all but " + *room;
    } else {
      some_host = true;
      std::vector<std::string> there;
      for (std::size_t p = 0; p < household_of.size(); ++p)
        if (household_of[p] == static_cast<int>(h)) there.push_back(s.people[p].id);
      reason = home.id + " could take them all" +
               (there.empty() ? std::string()
                              : " but the plan gives its places to " + wording::join_list(there));
    }
    if (reasons.size() < detail::group_households_listed)
      reasons.push_back(reason);
    else
      ++more;
  }
  std::string text = names + (required ? " must live together, so they are placed together or "
                                         "not at all"
                                       : " would like to live together but are proposed apart");
  if (reasons.empty()) return text + ": no household suits any of them.";
  text += ": " + wording::join_with(reasons, "; ");
  if (more > 0)
    text += "; and " +
            wording::count_of(static_cast<long long>(more), "more household", "more households");
  if (some_host)
    text += ". Placing them together would leave more people without a household or suit "
            "people less well overall";
  return text + ".";
}

} // namespace slmatch
