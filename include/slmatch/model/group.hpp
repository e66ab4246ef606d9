#pragma once
/// People placed together: a couple, siblings or friends who must, or would like to, live in
/// one carer household.
///
/// A required group is placed whole in one household or not at all; a preferred group's
/// members may be placed apart, and being placed together earns the living-together factor
/// (`policy::living_together_weight`). Membership is core assessment data: who a person
/// lives with decides where they can go.

#include "slmatch/model/vocabulary.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace slmatch {

/// How the people in a group are related.
enum class group_kind : std::uint8_t {
  couple,
  siblings,
  friends,
  other,
};

/// Whether a group must be placed together or would like to be.
enum class togetherness : std::uint8_t {
  required,  ///< all of them in one household, or none of them placed
  preferred, ///< placed apart if need be; together earns the living-together factor
};

using namespace std::string_view_literals;

SLMATCH_VOCABULARY(group_kind, "group kind", "couple"sv, "siblings"sv, "friends"sv, "other"sv);
SLMATCH_VOCABULARY(togetherness, "togetherness", "required"sv, "preferred"sv);

/// People who want to live in the same carer household.
struct person_group {
  std::string id; ///< scheme reference, unique among groups
  group_kind kind = group_kind::couple;
  std::vector<std::string> members; ///< person ids, two or more
  togetherness together = togetherness::required;
  /// They share one bedroom, so a live-in placement needs one free bedroom for all of them
  /// rather than one each.
  bool share_bedroom = false;

  auto fields() const { return std::tie(id, kind, members, together, share_bedroom); }
  friend bool operator==(const person_group& a, const person_group& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const person_group& a, const person_group& b) { return !(a == b); }
};

} // namespace slmatch
