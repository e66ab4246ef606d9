#pragma once
/// Groups against households: whether a household can take a whole group at once, and what
/// living together earns.
///
/// In: a scheme, one of its groups and a household. Out: the members' indices, the free
/// bedrooms the group needs, and why a household that suits every member still has no room
/// for all of them at once. A household can take a group when every hard rule passes for
/// every member, it has a place for each of them under the scheme's cap, and a free bedroom
/// for each member who would live in (one for all when they share a bedroom).

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/rule_info.hpp"
#include "slmatch/score/wording.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace slmatch {

/// Score points a group earns for being placed together: the living-together factor,
/// `policy::living_together_weight` × `living_together_points_per_weight`.
inline double living_together_points(const policy& pol) {
  return pol.living_together_weight * living_together_points_per_weight;
}

/// The people of a scheme by id, for resolving group members.
inline std::unordered_map<std::string, std::size_t> people_by_id(const scheme& s) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(s.people.size());
  for (std::size_t p = 0; p < s.people.size(); ++p) index.emplace(s.people[p].id, p);
  return index;
}

/// Indices of each group's members in `s.people`, in the group's order.
///
/// @throws slmatch::error when a member is not a person of the scheme (validation names it)
inline std::vector<std::vector<std::size_t>> group_members(const scheme& s) {
  const auto index = people_by_id(s);
  std::vector<std::vector<std::size_t>> members(s.groups.size());
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    for (const std::string& id : s.groups[g].members) {
      const auto it = index.find(id);
      if (it == index.end())
        throw error("group " + s.groups[g].id + " lists " + id + ", who is not in the scheme");
      members[g].push_back(it->second);
    }
  return members;
}

/// The group of each person: per index in `s.people`, the group's index or -1.
inline std::vector<int> group_of_people(const scheme& s) {
  std::vector<int> group_of(s.people.size(), -1);
  const auto members = group_members(s);
  for (std::size_t g = 0; g < members.size(); ++g)
    for (std::size_t p : members[g]) group_of[p] = static_cast<int>(g);
  return group_of;
}

/// Free bedrooms a household needs to take a whole group: one per member who would live
/// in, or one for all of them when they share a bedroom (none for day support only).
inline int bedrooms_needed(const scheme& s, const person_group& group,
                           const std::vector<std::size_t>& members) {
  int live_in = 0;
  for (std::size_t p : members) live_in += is_live_in(s.people[p].arrangement) ? 1 : 0;
  return group.share_bedroom ? (live_in > 0 ? 1 : 0) : live_in;
}

/// Why a household that suits every member of a group has no room for all of them at once,
/// or nothing when it has: a clause such as "it has 1 free place for 2 people" or "it has
/// 1 free bedroom and they need 2".
inline std::optional<std::string> no_room_for_group(const scheme& s, const person_group& group,
                                                    const std::vector<std::size_t>& members,
                                                    const household& h) {
  const int size = static_cast<int>(members.size());
  const int places = effective_capacity(s.policy, h);
  if (places < size)
    return "it has " + wording::count_of(places, "free place", "free places") + " for " +
           std::to_string(size) + " people";
  const int bedrooms = bedrooms_needed(s, group, members);
  if (h.free_bedrooms < bedrooms)
    return "it has " + wording::count_of(h.free_bedrooms, "free bedroom", "free bedrooms") +
           " and they need " + std::to_string(bedrooms) +
           (group.share_bedroom ? "" : " (they do not share a bedroom)");
  return std::nullopt;
}

} // namespace slmatch
