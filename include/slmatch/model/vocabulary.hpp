#pragma once
/// Controlled vocabularies of the Shared Lives domain.
///
/// Each vocabulary is an enum whose values have one stable string name, used in scheme
/// files, JSON output and the Python API (the mechanism is "slmatch/vocabulary.hpp").
/// `parse<E>(name)` turns a name back into a value; an unknown name gives an empty
/// optional so the loader can say which record and field held it. `tag_set<E>` is a
/// fixed-width bit set of one vocabulary's values.

#include "slmatch/vocabulary.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace slmatch {

/// Need categories a person is referred with and a carer is approved for.
enum class need_category : std::uint8_t {
  learning_disability,
  autism,
  mental_health,
  dementia,
  older_age,
  physical_disability,
  sensory_impairment,
  acquired_brain_injury,
  young_person_leaving_care,
};

/// How much support a person needs; ordered, so a carer approved up to `high` can
/// support `low`, `moderate` and `high`.
enum class support_level : std::uint8_t { low, moderate, high, very_high };

/// Kinds of Shared Lives arrangement.
enum class arrangement_type : std::uint8_t {
  long_term,
  short_break,
  day_support,
  emergency,
  intermediate,
};

/// Specialist skills a person may need and a carer may be trained in.
enum class specialist_skill : std::uint8_t {
  epilepsy,
  peg_feeding,
  hoisting,
  autism_support,
  diabetes,
  dementia_care,
  positive_behaviour_support,
  mental_health_crisis,
};

/// Accessibility features of a home.
enum class home_feature : std::uint8_t {
  wheelchair_access,
  level_access,
  ground_floor_bedroom,
  adapted_bathroom,
};

/// Things a person must not live with (allergy, fear, safety, wishes).
enum class avoidance : std::uint8_t { pets, smokers, children };

/// Gender, as a person or household member describes it.
enum class gender : std::uint8_t { female, male, non_binary };

/// Safeguarding risk flags on a person, tested against the household.
enum class risk_flag : std::uint8_t {
  risk_to_children,
  risk_to_animals,
  risk_to_older_people,
  risk_to_other_residents,
};

/// Who a carer will not support.
enum class carer_exclusion : std::uint8_t { smokers, risk_flags, men, women };

/// Diets a person follows and a household can provide.
enum class diet : std::uint8_t {
  vegetarian,
  vegan,
  halal,
  kosher,
  gluten_free,
  dairy_free,
  diabetic,
  soft_food,
};

/// Where a person's community is: the places a placement must stay close to.
enum class anchor_kind : std::uint8_t { family, day_service, work, friends, other };

/// A person's feeling about something in a household (soft, unlike `avoidance`).
enum class attitude : std::uint8_t { avoid, neutral, welcome };

/// Kinds of personal data a person can consent to, each for some purposes
/// ("slmatch/model/consent.hpp").
///
/// Core assessment data (needs, support level, arrangement, accessibility, specialist
/// needs, home location, travel limit, must-nots, risk flags, declines) is always used:
/// a placement cannot be safe without it. Everything here is read only with consent;
/// the special categories (`faith_culture`, `ethnicity`) are opt-in in every scheme.
enum class data_category : std::uint8_t {
  community,             ///< anchors: family, day service, work
  interests,             ///< hobbies and interests
  languages,             ///< languages spoken
  faith_culture,         ///< faith and cultural background (special category)
  diet,                  ///< diets followed (may reveal health or faith)
  lifestyle,             ///< quiet/busy, town/country, routines
  household_preferences, ///< feelings about pets, children, household size
  history,               ///< carers already known (continuity), people they know
  ethnicity,             ///< used only for equality monitoring, never scored
  about_me,              ///< their own words: what matters, how to support them, communication
};

/// Soft factors: each scored 0–1 and weighted.
enum class factor : std::uint8_t {
  community,
  interests,
  language,
  faith_culture,
  diet,
  lifestyle,
  household_mix,
  continuity,
  carer_preference,
  experience,
  gender_preference,
};

/// Hard rules: any failure makes a person–household pair infeasible.
enum class rule : std::uint8_t {
  carer_active,
  approval_needs,
  approval_support_level,
  specialist_skills,
  arrangement_type,
  free_place,
  free_bedroom,
  accessibility,
  no_pets,
  no_smokers,
  no_children,
  carer_gender,
  carer_exclusions,
  safeguarding,
  declined,
  resident_conflict,
  travel,
};

using namespace std::string_view_literals;

SLMATCH_VOCABULARY(need_category, "need category", "learning_disability"sv, "autism"sv,
                   "mental_health"sv, "dementia"sv, "older_age"sv, "physical_disability"sv,
                   "sensory_impairment"sv, "acquired_brain_injury"sv,
                   "young_person_leaving_care"sv);
SLMATCH_VOCABULARY(support_level, "support level", "low"sv, "moderate"sv, "high"sv, "very_high"sv);
SLMATCH_VOCABULARY(arrangement_type, "arrangement type", "long_term"sv, "short_break"sv,
                   "day_support"sv, "emergency"sv, "intermediate"sv);
SLMATCH_VOCABULARY(specialist_skill, "specialist skill", "epilepsy"sv, "peg_feeding"sv,
                   "hoisting"sv, "autism_support"sv, "diabetes"sv, "dementia_care"sv,
                   "positive_behaviour_support"sv, "mental_health_crisis"sv);
SLMATCH_VOCABULARY(home_feature, "home feature", "wheelchair_access"sv, "level_access"sv,
                   "ground_floor_bedroom"sv, "adapted_bathroom"sv);
SLMATCH_VOCABULARY(avoidance, "avoidance", "pets"sv, "smokers"sv, "children"sv);
SLMATCH_VOCABULARY(gender, "gender", "female"sv, "male"sv, "non_binary"sv);
SLMATCH_VOCABULARY(risk_flag, "risk flag", "risk_to_children"sv, "risk_to_animals"sv,
                   "risk_to_older_people"sv, "risk_to_other_residents"sv);
SLMATCH_VOCABULARY(carer_exclusion, "carer exclusion", "smokers"sv, "risk_flags"sv, "men"sv,
                   "women"sv);
SLMATCH_VOCABULARY(diet, "diet", "vegetarian"sv, "vegan"sv, "halal"sv, "kosher"sv, "gluten_free"sv,
                   "dairy_free"sv, "diabetic"sv, "soft_food"sv);
SLMATCH_VOCABULARY(anchor_kind, "anchor kind", "family"sv, "day_service"sv, "work"sv, "friends"sv,
                   "other"sv);
SLMATCH_VOCABULARY(attitude, "attitude", "avoid"sv, "neutral"sv, "welcome"sv);
SLMATCH_VOCABULARY(data_category, "data category", "community"sv, "interests"sv, "languages"sv,
                   "faith_culture"sv, "diet"sv, "lifestyle"sv, "household_preferences"sv,
                   "history"sv, "ethnicity"sv, "about_me"sv);
SLMATCH_VOCABULARY(factor, "factor", "community"sv, "interests"sv, "language"sv, "faith_culture"sv,
                   "diet"sv, "lifestyle"sv, "household_mix"sv, "continuity"sv, "carer_preference"sv,
                   "experience"sv, "gender_preference"sv);
SLMATCH_VOCABULARY(rule, "rule", "carer_active"sv, "approval_needs"sv, "approval_support_level"sv,
                   "specialist_skills"sv, "arrangement_type"sv, "free_place"sv, "free_bedroom"sv,
                   "accessibility"sv, "no_pets"sv, "no_smokers"sv, "no_children"sv,
                   "carer_gender"sv, "carer_exclusions"sv, "safeguarding"sv, "declined"sv,
                   "resident_conflict"sv, "travel"sv);

/// A set of values of one vocabulary, stored as bits so rule tests are mask operations.
template <class E> class tag_set {
  static_assert(vocabulary_size<E> <= 32, "tag_set holds at most 32 values");

public:
  constexpr tag_set() = default;
  constexpr tag_set(std::initializer_list<E> values) {
    for (E v : values) insert(v);
  }

  constexpr void insert(E value) { bits_ |= bit(value); }
  constexpr void erase(E value) { bits_ &= ~bit(value); }
  constexpr bool contains(E value) const { return (bits_ & bit(value)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint32_t bits() const { return bits_; }
  int size() const { return __builtin_popcount(bits_); }

  /// True when every value of `other` is in this set.
  constexpr bool includes(tag_set other) const { return (other.bits_ & ~bits_) == 0; }
  /// The values of this set missing from `other`.
  constexpr tag_set minus(tag_set other) const { return from_bits(bits_ & ~other.bits_); }
  /// The values in both sets.
  constexpr tag_set intersect(tag_set other) const { return from_bits(bits_ & other.bits_); }

  /// The values in enum order.
  std::vector<E> values() const {
    std::vector<E> out;
    for (std::size_t i = 0; i < vocabulary_size<E>; ++i)
      if (bits_ & (1u << i)) out.push_back(static_cast<E>(i));
    return out;
  }

  friend constexpr bool operator==(tag_set a, tag_set b) { return a.bits_ == b.bits_; }
  friend constexpr bool operator!=(tag_set a, tag_set b) { return a.bits_ != b.bits_; }

  static constexpr tag_set from_bits(std::uint32_t bits) {
    tag_set s;
    s.bits_ = bits;
    return s;
  }

private:
  static constexpr std::uint32_t bit(E value) { return 1u << static_cast<unsigned>(value); }
  std::uint32_t bits_ = 0;
};

/// Names of the values in a set, joined with ", " (for sentences).
template <class E> std::string join_names(tag_set<E> set) {
  std::string text;
  for (E v : set.values()) {
    if (!text.empty()) text += ", ";
    text += std::string(to_string(v));
  }
  return text;
}

} // namespace slmatch
