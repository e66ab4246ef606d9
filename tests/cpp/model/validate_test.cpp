#include "slmatch/model/validate.hpp"

#include "support/problems.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::check_problem;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;
using slmatch::testing::only_validation_problem;

namespace {

/// Two people, two households (the second with one resident), all valid.
scheme valid_scheme() {
  household with_resident = make_household("H2");
  resident r;
  r.id = "R1";
  r.age = 30;
  with_resident.residents.push_back(r);
  return make_scheme({make_person("P1"), make_person("P2")}, {make_household("H1"), with_resident});
}

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

} // namespace

TEST_CASE("check_scheme: a valid scheme has no problems") {
  CHECK(check_scheme(valid_scheme()).empty());
  CHECK_NOTHROW(validate(valid_scheme()));
}

TEST_CASE("check_scheme: empty and duplicate ids") {
  SECTION("duplicate person id names the first holder by position") {
    auto s = valid_scheme();
    s.people[1].id = "P1";
    check_problem(only_validation_problem(s), "person P1", "id",
                  "duplicate id (also used by person #1)");
  }
  SECTION("empty person id names the record by position") {
    auto s = valid_scheme();
    s.people[1].id = "";
    check_problem(only_validation_problem(s), "person #2", "id", "must not be empty");
  }
  SECTION("duplicate household id") {
    auto s = valid_scheme();
    s.households[0].id = "H2";
    // The first H2 is the household at position 1, so the second one is reported.
    check_problem(only_validation_problem(s), "household H2", "id",
                  "duplicate id (also used by household #1)");
  }
  SECTION("resident ids are unique across households") {
    auto s = valid_scheme();
    resident again;
    again.id = "R1";
    s.households[0].residents.push_back(again);
    const auto problems = check_scheme(s);
    REQUIRE(problems.size() == 1);
    check_problem(problems[0], "household H2 resident R1", "id",
                  "duplicate id (also used by household H1 resident R1)");
  }
  SECTION("resident ids differ from person ids") {
    auto s = valid_scheme();
    s.households[1].residents[0].id = "P2";
    check_problem(only_validation_problem(s), "household H2 resident P2", "id",
                  "duplicate id (also used by person #2)");
  }
  SECTION("empty resident id") {
    auto s = valid_scheme();
    s.households[1].residents[0].id = "";
    check_problem(only_validation_problem(s), "household H2 resident #1", "id",
                  "must not be empty");
  }
}

TEST_CASE("check_scheme: coordinates stay on the globe") {
  auto s = valid_scheme();
  s.people[0].location.lat = 90.5;
  s.households[0].location.lon = -180.01;
  s.people[1].anchors.push_back(anchor{anchor_kind::work, geo_point{-91, 200}});
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 4);
  check_problem(problems[0], "person P1", "location.lat", "must be between -90 and 90");
  check_problem(problems[1], "person P2", "anchors[0].lat", "must be between -90 and 90");
  check_problem(problems[2], "person P2", "anchors[0].lon", "must be between -180 and 180");
  check_problem(problems[3], "household H1", "location.lon", "must be between -180 and 180");

  auto edge = valid_scheme();
  edge.people[0].location = geo_point{-90, 180};
  CHECK(check_scheme(edge).empty());
  edge.people[0].location.lat = not_a_number;
  check_problem(only_validation_problem(edge), "person P1", "location.lat",
                "must be between -90 and 90");
}

TEST_CASE("check_scheme: capacity") {
  auto s = valid_scheme();
  SECTION("negative places and bedrooms") {
    s.households[0].places = -1;
    s.households[0].free_bedrooms = -2;
    const auto problems = check_scheme(s);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "household H1", "places", "negative capacity");
    check_problem(problems[1], "household H1", "free_bedrooms", "negative capacity");
  }
  SECTION("places from 1 to 3") {
    s.households[0].places = 4;
    check_problem(only_validation_problem(s), "household H1", "places", "must be between 1 and 3");
    s.households[0].places = 0;
    check_problem(only_validation_problem(s), "household H1", "places", "must be between 1 and 3");
  }
  SECTION("no more residents than places") {
    s.households[1].places = 1;
    CHECK(check_scheme(s).empty());
    resident second;
    second.id = "R2";
    s.households[1].residents.push_back(second);
    check_problem(only_validation_problem(s), "household H2", "residents",
                  "more residents (2) than places (1)");
  }
  SECTION("household cap from 1 to 3") {
    s.policy.household_cap = 0;
    check_problem(only_validation_problem(s), "policy", "household_cap", "must be between 1 and 3");
  }
}

TEST_CASE("check_scheme: travel limits and weights are finite") {
  auto s = valid_scheme();
  s.policy.travel_limit_km = 0;
  s.people[0].travel_limit_km = infinity;
  s.people[1].travel_limit_km = 12.5;
  s.policy.weights[static_cast<std::size_t>(factor::diet)] = -1;
  s.policy.weights[static_cast<std::size_t>(factor::lifestyle)] = not_a_number;
  s.people[1].weights[factor::interests] = -0.5;
  s.people[1].weights[factor::community] = 0; // zero means "does not matter to me"
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 5);
  check_problem(problems[0], "policy", "travel_limit_km", "must be a finite number above 0");
  check_problem(problems[1], "policy", "weights.diet", "must be a finite number >= 0");
  check_problem(problems[2], "policy", "weights.lifestyle", "must be a finite number >= 0");
  check_problem(problems[3], "person P1", "travel_limit_km", "must be a finite number above 0");
  check_problem(problems[4], "person P2", "weights.interests", "must be a finite number >= 0");
}

TEST_CASE("check_scheme: lifestyle scales, ages and counts") {
  auto s = valid_scheme();
  s.people[0].way_of_life = lifestyle{0.5, 1.5, 0.5};
  s.households[0].way_of_life.routine = -0.1;
  s.households[0].adults.push_back(household_adult{gender::male, 121, false, false});
  s.households[0].children_ages = {4, 18};
  s.households[0].pets = -1;
  s.households[0].years_caring = -3;
  s.households[0].preferences.min_age = 40;
  s.households[0].preferences.max_age = 30;
  s.households[1].residents[0].age = -1;
  s.households[1].residents[0].way_of_life = lifestyle{2, 0, 0};
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 9);
  check_problem(problems[0], "person P1", "lifestyle.setting", "must be between 0 and 1");
  check_problem(problems[1], "household H1", "adults[1].age", "must be between 0 and 120");
  check_problem(problems[2], "household H1", "children_ages[1]", "must be between 0 and 17");
  check_problem(problems[3], "household H1", "pets", "must be >= 0");
  check_problem(problems[4], "household H1", "lifestyle.routine", "must be between 0 and 1");
  check_problem(problems[5], "household H1", "years_caring", "must be >= 0");
  check_problem(problems[6], "household H1", "preferences.min_age", "must not be above max_age");
  check_problem(problems[7], "household H2 resident R1", "age", "must be between 0 and 120");
  check_problem(problems[8], "household H2 resident R1", "lifestyle.activity",
                "must be between 0 and 1");
  // A scale that is not a number is out of range too.
  s = valid_scheme();
  s.households[0].way_of_life.activity = not_a_number;
  check_problem(only_validation_problem(s), "household H1", "lifestyle.activity",
                "must be between 0 and 1");
}

TEST_CASE("check_scheme: a person names a need and a household has an adult") {
  auto s = valid_scheme();
  s.people[0].needs = {};
  s.households[1].adults.clear();
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 2);
  check_problem(problems[0], "person P1", "needs", "must name at least one need category");
  check_problem(problems[1], "household H2", "adults", "a household needs at least one adult");
}

TEST_CASE("check_scheme: references resolve") {
  auto s = valid_scheme();
  s.people[0].declined_households = {"H1", "H9"};
  s.people[0].known_households = {"H7"};
  s.people[1].conflicts_with = {"R1", "P1"}; // people conflict with residents only
  s.households[0].declined_people = {"P3"};
  s.households[1].residents[0].conflicts_with = {"P2", "H1"};
  s.policy.excluded_pairs = {excluded_pair{"P1", "H2"}, excluded_pair{"P8", "H8"}};
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 7);
  check_problem(problems[0], "policy", "excluded_pairs[1].person", "no person with id \"P8\"");
  check_problem(problems[1], "policy", "excluded_pairs[1].household",
                "no household with id \"H8\"");
  check_problem(problems[2], "person P1", "declined_households[1]", "no household with id \"H9\"");
  check_problem(problems[3], "person P1", "known_households[0]", "no household with id \"H7\"");
  check_problem(problems[4], "person P2", "conflicts_with[1]", "no resident with id \"P1\"");
  check_problem(problems[5], "household H1", "declined_people[0]", "no person with id \"P3\"");
  check_problem(problems[6], "household H2 resident R1", "conflicts_with[1]",
                "no person with id \"H1\"");
}

TEST_CASE("check_scheme: dates are not after as_of") {
  auto s = valid_scheme();
  s.people[0].date_of_birth = make_date("2026-11-02");
  s.people[1].waiting_since = make_date("2027-01-01");
  s.people[1].date_of_birth = make_date("2026-11-01"); // the same day is allowed
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 2);
  check_problem(problems[0], "person P1", "date_of_birth",
                "is after the scheme's as_of date 2026-11-01");
  check_problem(problems[1], "person P2", "waiting_since",
                "is after the scheme's as_of date 2026-11-01");
}

TEST_CASE("validate: throws one error listing every problem") {
  auto s = valid_scheme();
  s.people[0].location.lat = 100;
  s.households[0].places = -1;
  try {
    validate(s);
    FAIL("validate accepted an invalid scheme");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(std::string(e.what()) == "person P1, field location.lat: must be between -90 and 90\n"
                                   "household H1, field places: negative capacity");
  }
}

TEST_CASE("check_scheme: dates outside 1900-01-01 to 9999-12-31 are refused by record and field") {
  scheme s = valid_scheme();
  s.households[0].approval_expires = date{1899, 12, 31};
  check_problem(only_validation_problem(s), "household H1", "approval_expires",
                "must be a real date from 1900-01-01 to 9999-12-31");
  s = valid_scheme();
  s.people[1].waiting_since = date{0, 1, 1};
  check_problem(only_validation_problem(s), "person P2", "waiting_since",
                "must be a real date from 1900-01-01 to 9999-12-31");
  s = valid_scheme();
  s.people[0].date_of_birth = date{2001, 2, 29};
  check_problem(only_validation_problem(s), "person P1", "date_of_birth",
                "must be a real date from 1900-01-01 to 9999-12-31");
  s = valid_scheme();
  s.policy.as_of = date{10000, 1, 1};
  const auto problems = check_scheme(s);
  REQUIRE_FALSE(problems.empty());
  check_problem(problems.front(), "policy", "as_of",
                "must be a real date from 1900-01-01 to 9999-12-31");
}

TEST_CASE("check_scheme: weights above 1000000 are refused, so every score stays finite") {
  scheme s = valid_scheme();
  s.policy.weights[static_cast<std::size_t>(factor::diet)] = 1e300;
  check_problem(only_validation_problem(s), "policy", "weights.diet", "must be at most 1000000");
  s = valid_scheme();
  s.people[0].weights[factor::interests] = max_factor_weight * 2;
  check_problem(only_validation_problem(s), "person P1", "weights.interests",
                "must be at most 1000000");
  s = valid_scheme();
  for (auto& w : s.policy.weights) w = max_factor_weight;
  CHECK(check_scheme(s).empty());
}
