#pragma once
/// Domain validation of a whole scheme.
///
/// In: a `scheme` however it was built (JSON file, pandas via JSON, C++ code).
/// Out: every problem found, each naming its record ("person P01", "household H03",
/// "household H03 resident R1", "policy") and the field as its path in the scheme file
/// ("location.lat", "weights.interests", "adults[0].age"). `validate` throws them all at
/// once as a `validation_error`; `check_scheme` returns them.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch {

/// The record name of a person in problems: "person P01", or "person #3" (1-based
/// position in the list) when the id is empty.
inline std::string person_record(const person& p, std::size_t index) {
  return p.id.empty() ? "person #" + std::to_string(index + 1) : "person " + p.id;
}

/// The record name of a household in problems: "household H03", or "household #3".
inline std::string household_record(const household& h, std::size_t index) {
  return h.id.empty() ? "household #" + std::to_string(index + 1) : "household " + h.id;
}

/// The record name of a resident in problems: "household H03 resident R1", or
/// "household H03 resident #2" when the resident's id is empty.
inline std::string resident_record(const household& h, std::size_t household_index,
                                   const resident& r, std::size_t resident_index) {
  return household_record(h, household_index) + " resident " +
         (r.id.empty() ? "#" + std::to_string(resident_index + 1) : r.id);
}

namespace detail {

/// Collects problems for one record at a time.
class scheme_checker {
public:
  explicit scheme_checker(const scheme& s) : scheme_(s) {}

  std::vector<problem> run() {
    index_ids();
    check_policy();
    for (std::size_t i = 0; i < scheme_.people.size(); ++i) check_person(i);
    for (std::size_t i = 0; i < scheme_.households.size(); ++i) check_household(i);
    return std::move(problems_);
  }

private:
  void report(const std::string& field, std::string message) {
    problems_.push_back(problem{record_, field, std::move(message)});
  }

  static std::string indexed(std::string_view field, std::size_t i) {
    return std::string(field) + "[" + std::to_string(i) + "]";
  }

  // Ids -------------------------------------------------------------------------------

  /// First owner of every id, so duplicates and references can be told apart.
  void index_ids() {
    for (std::size_t i = 0; i < scheme_.people.size(); ++i) {
      const auto& id = scheme_.people[i].id;
      if (!id.empty()) person_ids_.emplace(id, i);
    }
    for (std::size_t i = 0; i < scheme_.households.size(); ++i) {
      const auto& h = scheme_.households[i];
      if (!h.id.empty()) household_ids_.emplace(h.id, i);
      for (std::size_t j = 0; j < h.residents.size(); ++j) {
        const auto& id = h.residents[j].id;
        if (!id.empty()) resident_ids_.emplace(id, std::make_pair(i, j));
      }
    }
  }

  void check_id(const std::string& id, const std::map<std::string, std::size_t>& owners,
                std::size_t index, std::string_view kind) {
    if (id.empty()) {
      report("id", "must not be empty");
      return;
    }
    const std::size_t first = owners.at(id);
    if (first != index)
      report("id", "duplicate id (also used by " + std::string(kind) + " #" +
                       std::to_string(first + 1) + ")");
  }

  // Values ----------------------------------------------------------------------------

  void check_location(const std::string& field, const geo_point& where) {
    const std::string dot = field.empty() ? "" : field + ".";
    if (!(where.lat >= -90 && where.lat <= 90)) report(dot + "lat", "must be between -90 and 90");
    if (!(where.lon >= -180 && where.lon <= 180))
      report(dot + "lon", "must be between -180 and 180");
  }

  void check_lifestyle(const std::string& field, const lifestyle& l) {
    const auto scale = [&](const char* name, double value) {
      if (!(value >= 0 && value <= 1)) report(field + "." + name, "must be between 0 and 1");
    };
    scale("activity", l.activity);
    scale("setting", l.setting);
    scale("routine", l.routine);
  }

  void check_weight(const std::string& field, double value) {
    if (auto why = weight_problem(value)) report(field, *why);
  }

  void check_travel_limit(const std::string& field, double value) {
    if (!std::isfinite(value) || value <= 0) report(field, "must be a finite number above 0");
  }

  void check_range(const std::string& field, int value, int low, int high) {
    if (value < low || value > high)
      report(field, "must be between " + std::to_string(low) + " and " + std::to_string(high));
  }

  void check_date(const std::string& field, const date& d) {
    if (!d.valid()) report(field, "must be a real date from 1900-01-01 to 9999-12-31");
  }

  void check_not_after_as_of(const std::string& field, const date& d) {
    check_date(field, d);
    if (scheme_.policy.as_of < d)
      report(field, "is after the scheme's as_of date " + scheme_.policy.as_of.to_string());
  }

  void check_refs(std::string_view field, const std::vector<std::string>& ids,
                  const std::map<std::string, std::size_t>& known, std::string_view kind) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (known.count(ids[i]) == 0)
        report(indexed(field, i), "no " + std::string(kind) + " with id \"" + ids[i] + "\"");
  }

  // Records ---------------------------------------------------------------------------

  void check_policy() {
    record_ = "policy";
    const auto& p = scheme_.policy;
    check_date("as_of", p.as_of);
    check_range("household_cap", p.household_cap, 1, 3);
    check_travel_limit("travel_limit_km", p.travel_limit_km);
    for (factor f : all_values<factor>())
      check_weight("weights." + std::string(to_string(f)), p.weights[static_cast<std::size_t>(f)]);
    for (std::size_t i = 0; i < p.excluded_pairs.size(); ++i) {
      const auto& pair = p.excluded_pairs[i];
      const std::string field = indexed("excluded_pairs", i);
      if (person_ids_.count(pair.person_id) == 0)
        report(field + ".person", "no person with id \"" + pair.person_id + "\"");
      if (household_ids_.count(pair.household_id) == 0)
        report(field + ".household", "no household with id \"" + pair.household_id + "\"");
    }
  }

  void check_person(std::size_t index) {
    const person& p = scheme_.people[index];
    record_ = person_record(p, index);
    check_id(p.id, person_ids_, index, "person");
    check_not_after_as_of("date_of_birth", p.date_of_birth);
    if (p.needs.empty()) report("needs", "must name at least one need category");
    check_location("location", p.location);
    if (p.travel_limit_km) check_travel_limit("travel_limit_km", *p.travel_limit_km);
    check_refs("declined_households", p.declined_households, household_ids_, "household");
    for (std::size_t i = 0; i < p.conflicts_with.size(); ++i)
      if (resident_ids_.count(p.conflicts_with[i]) == 0)
        report(indexed("conflicts_with", i), "no resident with id \"" + p.conflicts_with[i] + "\"");
    check_not_after_as_of("waiting_since", p.waiting_since);
    for (std::size_t i = 0; i < p.anchors.size(); ++i)
      check_location(indexed("anchors", i), p.anchors[i].where);
    if (p.way_of_life) check_lifestyle("lifestyle", *p.way_of_life);
    check_refs("known_households", p.known_households, household_ids_, "household");
    for (const auto& [f, weight] : p.weights)
      check_weight("weights." + std::string(to_string(f)), weight);
  }

  void check_household(std::size_t index) {
    const household& h = scheme_.households[index];
    record_ = household_record(h, index);
    check_id(h.id, household_ids_, index, "household");
    check_date("approval_expires", h.approval_expires);
    if (h.places < 0)
      report("places", "negative capacity");
    else
      check_range("places", h.places, 1, 3);
    if (h.free_bedrooms < 0) report("free_bedrooms", "negative capacity");
    if (h.places >= 0 && static_cast<int>(h.residents.size()) > h.places)
      report("residents", "more residents (" + std::to_string(h.residents.size()) +
                              ") than places (" + std::to_string(h.places) + ")");
    check_location("location", h.location);
    if (h.adults.empty()) report("adults", "a household needs at least one adult");
    for (std::size_t i = 0; i < h.adults.size(); ++i)
      check_range(indexed("adults", i) + ".age", h.adults[i].age, 0, 120);
    for (std::size_t i = 0; i < h.children_ages.size(); ++i)
      check_range(indexed("children_ages", i), h.children_ages[i], 0, 17);
    if (h.pets < 0) report("pets", "must be >= 0");
    check_lifestyle("lifestyle", h.way_of_life);
    if (h.years_caring < 0) report("years_caring", "must be >= 0");
    const auto& pref = h.preferences;
    if (pref.min_age) check_range("preferences.min_age", *pref.min_age, 0, 120);
    if (pref.max_age) check_range("preferences.max_age", *pref.max_age, 0, 120);
    if (pref.min_age && pref.max_age && *pref.min_age > *pref.max_age)
      report("preferences.min_age", "must not be above max_age");
    check_refs("declined_people", h.declined_people, person_ids_, "person");
    for (std::size_t j = 0; j < h.residents.size(); ++j) check_resident(index, j);
  }

  void check_resident(std::size_t household_index, std::size_t index) {
    const household& h = scheme_.households[household_index];
    const resident& r = h.residents[index];
    record_ = resident_record(h, household_index, r, index);
    if (r.id.empty()) {
      report("id", "must not be empty");
    } else {
      const auto [first_household, first_resident] = resident_ids_.at(r.id);
      if (first_household != household_index || first_resident != index) {
        const household& other = scheme_.households[first_household];
        report("id", "duplicate id (also used by " +
                         resident_record(other, first_household, other.residents[first_resident],
                                         first_resident) +
                         ")");
      }
      if (person_ids_.count(r.id) != 0)
        report("id", "duplicate id (also used by person #" +
                         std::to_string(person_ids_.at(r.id) + 1) + ")");
    }
    check_range("age", r.age, 0, 120);
    if (r.way_of_life) check_lifestyle("lifestyle", *r.way_of_life);
    check_refs("conflicts_with", r.conflicts_with, person_ids_, "person");
    record_ = household_record(h, household_index);
  }

  const scheme& scheme_;
  std::string record_;
  std::vector<problem> problems_;
  std::map<std::string, std::size_t> person_ids_;    ///< id -> first person index
  std::map<std::string, std::size_t> household_ids_; ///< id -> first household index
  /// id -> (household index, resident index) of the first resident with it
  std::map<std::string, std::pair<std::size_t, std::size_t>> resident_ids_;
};

} // namespace detail

/// Every domain problem in a scheme: ids, ranges, references and dates.
///
/// @param[in] s  the scheme, however it was built
/// @return  every problem, in input order (policy, then people, then households with
///          their residents); empty when the scheme is valid
inline std::vector<problem> check_scheme(const scheme& s) {
  return detail::scheme_checker(s).run();
}

/// Check a scheme and refuse it when anything is wrong.
///
/// @param[in] s  the scheme, however it was built
/// @throws slmatch::validation_error listing every problem `check_scheme` finds
inline void validate(const scheme& s) {
  auto problems = check_scheme(s);
  if (!problems.empty()) throw validation_error(std::move(problems));
}

} // namespace slmatch
