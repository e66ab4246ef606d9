#pragma once
/// An approved Shared Lives carer household: the carer, their family, their home and the
/// people already living there.

#include "slmatch/model/basics.hpp"
#include "slmatch/model/calendar.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// An adult in the household. The first adult with `main_carer` set is the main carer.
struct household_adult {
  gender gender_identity = gender::female;
  int age = 40;
  bool main_carer = false;
  bool smoker = false;

  auto fields() const { return std::tie(gender_identity, age, main_carer, smoker); }
  friend bool operator==(const household_adult& a, const household_adult& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const household_adult& a, const household_adult& b) { return !(a == b); }
};

/// Someone already supported by the household, with the profile that decides whether
/// a newcomer will get on with them.
struct resident {
  std::string id; ///< unique within the scheme
  int age = 40;
  gender gender_identity = gender::female;
  tag_set<need_category> needs;
  std::optional<lifestyle> way_of_life;
  std::vector<std::string> interests;
  std::vector<std::string> conflicts_with; ///< person ids this resident must not live with

  auto fields() const {
    return std::tie(id, age, gender_identity, needs, way_of_life, interests, conflicts_with);
  }
  friend bool operator==(const resident& a, const resident& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const resident& a, const resident& b) { return !(a == b); }
};

/// What the carer would like (soft) in the people they support.
struct carer_preferences {
  tag_set<need_category> needs; ///< needs they most like supporting
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::optional<gender> gender_identity;

  auto fields() const { return std::tie(needs, min_age, max_age, gender_identity); }
  friend bool operator==(const carer_preferences& a, const carer_preferences& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const carer_preferences& a, const carer_preferences& b) {
    return !(a == b);
  }
};

/// An approved carer household.
struct household {
  std::string id;   ///< scheme reference, unique among households
  std::string name; ///< personal (the carer's name)

  // Approval.
  tag_set<need_category> approved_needs;
  support_level max_support = support_level::low;
  tag_set<specialist_skill> skills;
  tag_set<arrangement_type> arrangements;
  bool active = true;
  date approval_expires;

  // Home and capacity.
  int places = 1;        ///< approved places (1–3), including people already living there
  int free_bedrooms = 0; ///< bedrooms free for a live-in arrangement
  tag_set<home_feature> features;
  geo_point location;

  // The household.
  std::vector<household_adult> adults;
  std::vector<int> children_ages;
  int pets = 0;
  std::vector<resident> residents;

  // Who they are.
  std::vector<std::string> interests;
  std::vector<std::string> languages;
  std::vector<std::string> faiths;
  std::vector<std::string> cultures;
  tag_set<diet> diets;
  lifestyle way_of_life;
  int years_caring = 0;
  tag_set<need_category> experienced_with;

  // The carer's own wishes.
  tag_set<carer_exclusion> will_not_support;
  carer_preferences preferences;
  std::vector<std::string> declined_people; ///< person ids the carer said no to

  /// When it hosts short breaks and day support; see "slmatch/model/calendar.hpp".
  std::optional<calendar_availability> calendar;

  /// Places still free, before the scheme's household cap is applied.
  int free_places() const { return places - static_cast<int>(residents.size()); }

  /// True when any adult in the household smokes.
  bool has_smoker() const {
    for (const auto& a : adults)
      if (a.smoker) return true;
    return false;
  }

  /// The main carer: the first adult marked so, else the first adult.
  const household_adult* main_carer() const {
    for (const auto& a : adults)
      if (a.main_carer) return &a;
    return adults.empty() ? nullptr : &adults.front();
  }

  auto fields() const {
    return std::tie(id, name, approved_needs, max_support, skills, arrangements, active,
                    approval_expires, places, free_bedrooms, features, location, adults,
                    children_ages, pets, residents, interests, languages, faiths, cultures, diets,
                    way_of_life, years_caring, experienced_with, will_not_support, preferences,
                    declined_people, calendar);
  }
  friend bool operator==(const household& a, const household& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const household& a, const household& b) { return !(a == b); }
};

} // namespace slmatch
