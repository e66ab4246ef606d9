#pragma once
/// Minimal valid records for tests, built in code.
///
/// `make_person` and `make_household` return records that pass every hard rule with each
/// other under `make_scheme()`'s policy (as_of 2026-11-01), so a test changes one field to
/// trigger one rule. Defaults: the person (born 1990-01-01, female, learning disability,
/// moderate support, long-term) consents to every data category but lists no optional data;
/// the household (one female main carer aged 50, approved for every need, skill and
/// arrangement up to very high support, every home feature, two places, one free bedroom,
/// 5 years caring, no children, pets, smokers or residents) lives at the person's location.

#include "slmatch/model/scheme.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch::testing {

/// A date from "YYYY-MM-DD"; throws on a bad date so typos fail the test loudly.
inline date make_date(std::string_view text) {
  auto d = date::parse(text);
  if (!d) throw std::invalid_argument("bad test date " + std::string(text));
  return *d;
}

/// Where test people and households live by default (Leeds city centre).
inline geo_point home_point() { return {53.8008, -1.5491}; }

/// A point `km` kilometres due north of `from` (exact for the haversine distance).
inline geo_point north_of(geo_point from, double km) {
  constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;
  return {from.lat + km / km_per_degree, from.lon};
}

/// A person who passes every rule with `make_household`.
inline person make_person(std::string id) {
  person p;
  p.id = std::move(id);
  p.name = "Test Person";
  p.date_of_birth = make_date("1990-01-01");
  p.gender_identity = gender::female;
  p.needs = {need_category::learning_disability};
  p.support = support_level::moderate;
  p.arrangement = arrangement_type::long_term;
  p.location = home_point();
  p.waiting_since = make_date("2026-01-01");
  for (auto c : all_values<data_category>()) p.consent.insert(c);
  return p;
}

/// A household that passes every rule with `make_person`.
inline household make_household(std::string id) {
  household h;
  h.id = std::move(id);
  h.name = "Test Household";
  for (auto n : all_values<need_category>()) h.approved_needs.insert(n);
  h.max_support = support_level::very_high;
  for (auto s : all_values<specialist_skill>()) h.skills.insert(s);
  for (auto a : all_values<arrangement_type>()) h.arrangements.insert(a);
  h.active = true;
  h.approval_expires = make_date("2028-01-01");
  h.places = 2;
  h.free_bedrooms = 1;
  for (auto f : all_values<home_feature>()) h.features.insert(f);
  h.location = home_point();
  h.adults = {household_adult{gender::female, 50, true, false}};
  h.years_caring = 5;
  return h;
}

/// A scheme with policy as_of 2026-11-01, default cap, travel limit and weights.
inline scheme make_scheme(std::vector<person> people = {}, std::vector<household> households = {}) {
  scheme s;
  s.id = "S1";
  s.name = "Test Scheme";
  s.policy.as_of = make_date("2026-11-01");
  s.people = std::move(people);
  s.households = std::move(households);
  return s;
}

/// A consent record for category `c` and `purpose`, given on the date `given_on`.
inline consent_record record_of(data_category c, consent_purpose purpose, const char* given_on) {
  consent_record r;
  r.category = c;
  r.purpose = purpose;
  r.given_on = make_date(given_on);
  return r;
}

} // namespace slmatch::testing
