#pragma once
/// Small changes to a scheme that a scheme could make: one more place, a carer trained in a
/// skill, an approval, an adaptation to a home, a wider travel limit.
///
/// In: a scheme, a person and a household (by index). Out: `pair_edits`, the edits that
/// would make that household pass every hard rule for that person, or nothing when a rule
/// fails that no such edit can change (a safeguarding risk, a refusal, a pet the person must
/// not live with…); `apply_edit` applies one to a copy of the scheme, and `describe_edit`
/// says it in plain English. The advice analyses (what_would_help.hpp, recruitment.hpp)
/// re-solve the edited scheme to see what each change really does.

#include "slmatch/candidates/candidates.hpp"
#include "slmatch/error.hpp"
#include "slmatch/features/features.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/community.hpp"
#include "slmatch/score/rule_info.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/wording.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// Most places a household may be approved for (the scheme format's limit).
inline constexpr int most_places = 3;

/// The kinds of change the advice analyses consider.
enum class edit_kind : std::uint8_t {
  add_place,             ///< the household is approved for one more place
  add_bedroom,           ///< the household has one more free bedroom
  train_skill,           ///< the household's carer is trained in a specialist skill
  approve_need,          ///< the household is approved for a need category
  approve_support_level, ///< the household is approved up to a higher support level
  add_home_feature,      ///< the home is adapted (level access, an adapted bathroom…)
  widen_travel_limit,    ///< the person's travel limit is widened
};
SLMATCH_VOCABULARY(edit_kind, "edit kind", "add_place", "add_bedroom", "train_skill",
                   "approve_need", "approve_support_level", "add_home_feature",
                   "widen_travel_limit");

/// One change to a scheme. `value` is the skill, need, support level or home feature (its
/// index in that vocabulary) for the kinds that name one; `km` the new travel limit.
struct scheme_edit {
  edit_kind kind = edit_kind::add_place;
  std::size_t household = 0; ///< index of the household changed (all kinds but the last)
  std::size_t person = 0;    ///< index of the person changed (`widen_travel_limit`)
  std::uint8_t value = 0;
  double km = 0.0;

  auto fields() const { return std::tie(kind, household, person, value, km); }
  friend bool operator==(const scheme_edit& a, const scheme_edit& b) {
    return a.fields() == b.fields();
  }
  friend bool operator<(const scheme_edit& a, const scheme_edit& b) {
    return a.fields() < b.fields();
  }
};

/// Apply one edit to the person and household it concerns (the edit's indices are not
/// read): `widen_travel_limit` changes the person, every other kind the household.
inline void apply_edit(person& p, household& h, const scheme_edit& e) {
  switch (e.kind) {
  case edit_kind::add_place:
    ++h.places;
    break;
  case edit_kind::add_bedroom:
    ++h.free_bedrooms;
    break;
  case edit_kind::train_skill:
    h.skills.insert(static_cast<specialist_skill>(e.value));
    break;
  case edit_kind::approve_need:
    h.approved_needs.insert(static_cast<need_category>(e.value));
    break;
  case edit_kind::approve_support_level:
    h.max_support = std::max(h.max_support, static_cast<support_level>(e.value));
    break;
  case edit_kind::add_home_feature:
    h.features.insert(static_cast<home_feature>(e.value));
    break;
  case edit_kind::widen_travel_limit:
    p.travel_limit_km = e.km;
    break;
  }
}

/// Apply one edit to a scheme in place.
///
/// @throws slmatch::error when the index it names is out of range
inline void apply_edit(scheme& s, const scheme_edit& e) {
  const bool on_person = e.kind == edit_kind::widen_travel_limit;
  if (on_person ? e.person >= s.people.size() : e.household >= s.households.size())
    throw error(std::string("edit names a ") + (on_person ? "person" : "household") +
                " out of range");
  person unused_person;
  household unused_household;
  apply_edit(on_person ? s.people[e.person] : unused_person,
             on_person ? unused_household : s.households[e.household], e);
}

/// The scheme with every edit applied, in order.
inline scheme with_edits(scheme s, const std::vector<scheme_edit>& edits) {
  for (const auto& e : edits) apply_edit(s, e);
  return s;
}

/// The edit in plain English, naming the household or person by id: "H04's carer is
/// trained in peg feeding", "P11's travel limit is widened to 23 km (from 15 km)".
inline std::string describe_edit(const scheme& s, const scheme_edit& e) {
  if (e.kind == edit_kind::widen_travel_limit) {
    const person& p = s.people.at(e.person);
    return p.id + "'s travel limit is widened to " + wording::format_km(e.km) + " (from " +
           wording::format_km(travel_limit_km(s.policy, p)) + ")";
  }
  const household& h = s.households.at(e.household);
  switch (e.kind) {
  case edit_kind::add_place:
    return h.id + " is approved for one more place (" + std::to_string(h.places + 1) +
           " instead of " + std::to_string(h.places) + ")";
  case edit_kind::add_bedroom:
    return h.id + " has one more free bedroom";
  case edit_kind::train_skill:
    return h.id + "'s carer is trained in " + wording::name(static_cast<specialist_skill>(e.value));
  case edit_kind::approve_need:
    return h.id + " is approved to support " + wording::name(static_cast<need_category>(e.value));
  case edit_kind::approve_support_level:
    return h.id + " is approved up to " + wording::name(static_cast<support_level>(e.value)) +
           " support";
  case edit_kind::add_home_feature:
    return h.id + "'s home gains " + wording::name(static_cast<home_feature>(e.value));
  case edit_kind::widen_travel_limit:
    break;
  }
  return h.id;
}

/// The vocabulary name of an edit's value ("peg_feeding", "high"), or "" for kinds that
/// name none.
inline std::string edit_value_name(const scheme_edit& e) {
  switch (e.kind) {
  case edit_kind::train_skill:
    return std::string(to_string(static_cast<specialist_skill>(e.value)));
  case edit_kind::approve_need:
    return std::string(to_string(static_cast<need_category>(e.value)));
  case edit_kind::approve_support_level:
    return std::string(to_string(static_cast<support_level>(e.value)));
  case edit_kind::add_home_feature:
    return std::string(to_string(static_cast<home_feature>(e.value)));
  default:
    return {};
  }
}

/// The rule mask bits some edit can clear: a need, skill or feature, the support level, a
/// place, a bedroom.
inline constexpr std::uint64_t editable_rule_bits =
    rule_bits::span(rule_bits::need_not_approved, 9) |
    rule_bits::span(rule_bits::skill_missing, 8) | rule_bits::span(rule_bits::feature_missing, 4) |
    rule_bits::span(rule_bits::support_below, 3) | rule_bits::span(rule_bits::no_free_place, 1) |
    rule_bits::span(rule_bits::no_free_bedroom, 1);

/// How many edits `pair_edits` gives for a pair, from the encoded masks alone (no sentence
/// is built), or -1 when it gives none: a rule fails that no edit changes.
///
/// @param[in] s        the scheme
/// @param[in] failure  the pair's entry of `household_failures`
/// @param[in] h        the household
inline int edit_count(const scheme& s, const household_failure& failure, const household& h) {
  using namespace rule_bits;
  constexpr std::uint64_t one_edit_each =
      span(need_not_approved, 9) | span(skill_missing, 8) | span(feature_missing, 4);
  if (failure.blocked || (failure.bits & ~editable_rule_bits) != 0) return -1;
  if ((failure.bits & span(no_free_place, 1)) != 0 &&
      h.places >= std::min(most_places, s.policy.household_cap))
    return -1;
  return __builtin_popcountll(failure.bits & one_edit_each) +
         ((failure.bits & span(support_below, 3)) != 0 ? 1 : 0) +
         ((failure.bits & span(no_free_place, 1)) != 0 ? 1 : 0) +
         ((failure.bits & span(no_free_bedroom, 1)) != 0 ? 1 : 0) + (failure.beyond_travel ? 1 : 0);
}

/// The edits that would make household `h` pass every hard rule for person `p`: one per
/// missing skill, need, home feature; the support level; a place or a bedroom; the travel
/// limit widened to the next whole kilometre beyond the farthest place. Empty when the pair
/// already passes; nothing when a failed rule cannot be changed this way, or when the
/// household is already at the most places the scheme allows.
///
/// @param[in] s          the scheme
/// @param[in] person     index into `s.people`
/// @param[in] household  index into `s.households`
inline std::optional<std::vector<scheme_edit>> pair_edits(const scheme& s, std::size_t person,
                                                          std::size_t household) {
  const slmatch::person& p = s.people.at(person);
  const slmatch::household& h = s.households.at(household);
  std::vector<scheme_edit> edits;
  const auto edit = [&](edit_kind kind, std::uint8_t value = 0) {
    scheme_edit e;
    e.kind = kind;
    e.household = household;
    e.person = person;
    e.value = value;
    edits.push_back(e);
  };
  for (const rule_outcome& outcome : assess(s, p, h).rules) {
    if (outcome.passed) continue;
    switch (outcome.id) {
    case rule::free_place:
      if (h.places >= std::min(most_places, s.policy.household_cap)) return std::nullopt;
      edit(edit_kind::add_place);
      break;
    case rule::free_bedroom:
      edit(edit_kind::add_bedroom);
      break;
    case rule::specialist_skills:
      for (auto skill : p.specialist_needs.minus(h.skills).values())
        edit(edit_kind::train_skill, static_cast<std::uint8_t>(skill));
      break;
    case rule::approval_needs:
      for (auto need : p.needs.minus(h.approved_needs).values())
        edit(edit_kind::approve_need, static_cast<std::uint8_t>(need));
      break;
    case rule::approval_support_level:
      edit(edit_kind::approve_support_level, static_cast<std::uint8_t>(p.support));
      break;
    case rule::accessibility:
      for (auto feature : p.access_needs.minus(h.features).values())
        edit(edit_kind::add_home_feature, static_cast<std::uint8_t>(feature));
      break;
    case rule::travel: {
      double farthest = 0.0;
      for (const auto& place : places_to_stay_near(s.policy, p, h))
        farthest = std::max(farthest, place.distance_km);
      scheme_edit e;
      e.kind = edit_kind::widen_travel_limit;
      e.person = person;
      e.km = std::ceil(farthest + 0.01); // clear of rounding in the fast distance test
      edits.push_back(e);
      break;
    }
    default:
      return std::nullopt;
    }
  }
  return edits;
}

} // namespace slmatch
