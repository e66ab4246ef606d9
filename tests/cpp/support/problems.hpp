#pragma once
/// Checks of the problems validation reports: the only one, and its record, field and message.

#include "slmatch/error.hpp"
#include "slmatch/model/validate.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace slmatch::testing {

/// The only problem in `problems`; the test fails when there are none or several.
inline problem single_problem(const std::vector<problem>& problems) {
  INFO((problems.empty() ? std::string("no problems") : validation_error(problems).what()));
  REQUIRE(problems.size() == 1);
  return problems.front();
}

/// Check a problem's record, field and message.
inline void check_problem(const problem& p, const std::string& record, const std::string& field,
                          const std::string& message) {
  CHECK(p.record == record);
  CHECK(p.field == field);
  CHECK(p.message == message);
}

/// The only problem `check_scheme` finds in `s`; the test fails otherwise.
inline problem only_validation_problem(const scheme& s) { return single_problem(check_scheme(s)); }

/// The first problem of the validation error `fn` throws; the test fails when it throws none.
template <class Fn> problem thrown_problem(Fn&& fn) {
  try {
    fn();
  } catch (const validation_error& e) {
    REQUIRE(!e.problems().empty());
    return e.problems().front();
  }
  FAIL("expected a validation error");
  return {};
}

} // namespace slmatch::testing
