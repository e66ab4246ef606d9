#pragma once
/// A small valid scheme document for tests of the file format, and helpers to collect the
/// problems the loader reports.
///
/// `small_scheme_json()` holds two people (P1, P2) and two households (H1; H2 with one
/// resident R1), every required field and nothing else. A test edits one value with
/// nlohmann::json and checks the exact problem the loader reports.

#include "slmatch/io/json.hpp"
#include "support/problems.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace slmatch::testing {

/// A valid scheme document with only the required fields.
inline nlohmann::json small_scheme_json() {
  return nlohmann::json::parse(R"({
    "format": "slmatch-scheme",
    "version": 1,
    "id": "S1",
    "policy": {"as_of": "2026-11-01"},
    "people": [
      {"id": "P1", "date_of_birth": "1990-01-01", "gender": "female",
       "needs": ["learning_disability"], "support_level": "moderate",
       "arrangement": "long_term", "location": {"lat": 53.8, "lon": -1.55},
       "consent": ["interests"], "waiting_since": "2026-01-01"},
      {"id": "P2", "date_of_birth": "1985-06-15", "gender": "male",
       "needs": ["autism"], "support_level": "low",
       "arrangement": "short_break", "location": {"lat": 53.81, "lon": -1.56},
       "consent": [], "waiting_since": "2025-03-01"}
    ],
    "households": [
      {"id": "H1", "approved_needs": ["learning_disability", "autism"],
       "max_support_level": "high", "arrangements": ["long_term", "short_break"],
       "places": 2, "free_bedrooms": 1, "location": {"lat": 53.79, "lon": -1.54},
       "adults": [{"gender": "female", "age": 50}], "active": true,
       "approval_expires": "2027-12-31"},
      {"id": "H2", "approved_needs": ["autism"],
       "max_support_level": "moderate", "arrangements": ["short_break"],
       "places": 2, "free_bedrooms": 1, "location": {"lat": 53.82, "lon": -1.5},
       "adults": [{"gender": "male", "age": 61}], "active": true,
       "approval_expires": "2027-06-30",
       "residents": [{"id": "R1", "age": 33, "gender": "male"}]}
    ]
  })");
}

/// Every problem the loader reports for `document`; empty when it loads.
inline std::vector<problem> load_problems(const nlohmann::json& document) {
  try {
    scheme_from_json(document);
  } catch (const validation_error& e) {
    return e.problems();
  }
  return {};
}

/// Every problem the loader reports for JSON text; empty when it loads.
inline std::vector<problem> parse_problems(const std::string& text) {
  try {
    parse_scheme(text);
  } catch (const validation_error& e) {
    return e.problems();
  }
  return {};
}

/// The only problem the loader reports for `document`; the test fails otherwise.
inline problem only_load_problem(const nlohmann::json& document) {
  return single_problem(load_problems(document));
}

/// The only problem the loader reports for JSON text; the test fails otherwise.
inline problem only_parse_problem(const std::string& text) {
  return single_problem(parse_problems(text));
}

} // namespace slmatch::testing
