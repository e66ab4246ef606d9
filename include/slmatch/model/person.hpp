#pragma once
/// A person who needs support and is waiting to be matched with a carer household.
///
/// Fields marked "personal" (name, date of birth, notes, ethnicity) are never written to
/// logs. Fields under a `data_category` are read by each purpose only with consent for that
/// purpose ("slmatch/model/consent_state.hpp"); the rest is core assessment data, always
/// used for matching.

#include "slmatch/model/about_me.hpp"
#include "slmatch/model/basics.hpp"
#include "slmatch/model/calendar.hpp"
#include "slmatch/model/consent.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// A place in a person's community the placement should stay close to.
struct anchor {
  anchor_kind kind = anchor_kind::family;
  geo_point where;

  auto fields() const { return std::tie(kind, where); }
  friend bool operator==(const anchor& a, const anchor& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const anchor& a, const anchor& b) { return !(a == b); }
};

/// A person referred to the scheme.
struct person {
  std::string id;     ///< scheme reference, unique among people
  std::string name;   ///< personal
  date date_of_birth; ///< personal
  gender gender_identity = gender::female;
  std::string notes; ///< personal free text; never read by scoring

  // Core assessment data.
  tag_set<need_category> needs;
  support_level support = support_level::low;
  arrangement_type arrangement = arrangement_type::long_term;
  tag_set<home_feature> access_needs;
  tag_set<specialist_skill> specialist_needs;
  geo_point location;                           ///< where the person lives now
  std::optional<double> travel_limit_km;        ///< else the scheme's default
  tag_set<avoidance> must_not;                  ///< hard: no pets, no smokers, no children
  std::optional<gender> required_carer_gender;  ///< hard: gender of the main carer
  std::optional<gender> preferred_carer_gender; ///< soft form of the same wish
  bool smoker = false;
  tag_set<risk_flag> risk_flags;
  std::vector<std::string> declined_households; ///< household ids the person said no to
  std::vector<std::string> conflicts_with;      ///< resident ids the person must not live with
  date waiting_since;

  // Read only with consent, by category.
  std::vector<anchor> anchors;               ///< community
  std::vector<std::string> interests;        ///< interests
  std::vector<std::string> languages;        ///< languages
  std::optional<std::string> faith;          ///< faith_culture
  std::vector<std::string> cultures;         ///< faith_culture
  tag_set<diet> diets;                       ///< diet
  std::optional<lifestyle> way_of_life;      ///< lifestyle
  attitude pets = attitude::neutral;         ///< household_preferences
  attitude children = attitude::neutral;     ///< household_preferences
  std::vector<std::string> known_households; ///< history: carers already known
  std::optional<std::string> ethnicity;      ///< ethnicity: monitoring only, never scored
  about_me profile; ///< about_me (and history): their own words, who wrote each section

  /// Categories the person agreed may be used for matching (the list form; see consent.hpp).
  tag_set<data_category> consent;
  std::vector<consent_record> consents; ///< consent by category and purpose, with dates
  bool national_data_opt_out = false;   ///< leaves them out of analysis and planning
  std::map<factor, double> weights;     ///< "what matters to me": overrides of scheme weights

  /// Short breaks and day support over time (core); see "slmatch/model/calendar.hpp".
  std::optional<calendar_request> calendar;

  auto fields() const {
    return std::tie(id, name, date_of_birth, gender_identity, notes, needs, support, arrangement,
                    access_needs, specialist_needs, location, travel_limit_km, must_not,
                    required_carer_gender, preferred_carer_gender, smoker, risk_flags,
                    declined_households, conflicts_with, waiting_since, anchors, interests,
                    languages, faith, cultures, diets, way_of_life, pets, children,
                    known_households, ethnicity, profile, consent, consents, national_data_opt_out,
                    weights, calendar);
  }
  friend bool operator==(const person& a, const person& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const person& a, const person& b) { return !(a == b); }
};

} // namespace slmatch
