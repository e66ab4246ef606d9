// Validation of groups of people to be placed together: each problem names the group's
// record ("group G01") and the field ("members[1]"), as every other record's problems do.

#include "slmatch/model/validate.hpp"

#include "support/problems.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::check_problem;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;
using slmatch::testing::only_validation_problem;

namespace {

/// Five people (P1–P5), one household, a required couple (G01: P1, P2, sharing a bedroom)
/// and preferred friends (G02: P3, P4); valid.
scheme grouped_scheme() {
  std::vector<person> people;
  for (const char* id : {"P1", "P2", "P3", "P4", "P5"}) people.push_back(make_person(id));
  scheme s = make_scheme(people, {make_household("H1")});
  s.groups = {
      {"G01", group_kind::couple, {"P1", "P2"}, togetherness::required, true},
      {"G02", group_kind::friends, {"P3", "P4"}, togetherness::preferred, false},
  };
  return s;
}

} // namespace

TEST_CASE("check_scheme: groups: a valid scheme with groups has no problems") {
  CHECK(check_scheme(grouped_scheme()).empty());
  CHECK_NOTHROW(validate(grouped_scheme()));
}

TEST_CASE("check_scheme: groups: empty and duplicate group ids") {
  SECTION("an empty id names the group by position") {
    auto s = grouped_scheme();
    s.groups[1].id.clear();
    check_problem(only_validation_problem(s), "group #2", "id", "must not be empty");
  }
  SECTION("a duplicate id names the first group holding it by position") {
    auto s = grouped_scheme();
    s.groups[1].id = "G01";
    check_problem(only_validation_problem(s), "group G01", "id",
                  "duplicate id (also used by group #1)");
  }
  SECTION("a group may share an id with a person: they are different records") {
    auto s = grouped_scheme();
    s.groups[0].id = "P5";
    CHECK(check_scheme(s).empty());
  }
}

TEST_CASE("check_scheme: groups: a group has at least two members") {
  SECTION("one member") {
    auto s = grouped_scheme();
    s.groups[0].members = {"P1"};
    check_problem(only_validation_problem(s), "group G01", "members",
                  "a group needs at least 2 members");
  }
  SECTION("no members") {
    auto s = grouped_scheme();
    s.groups[1].members.clear();
    check_problem(only_validation_problem(s), "group G02", "members",
                  "a group needs at least 2 members");
  }
}

TEST_CASE("check_scheme: groups: every member is a person of the scheme") {
  auto s = grouped_scheme();
  s.groups[0].members = {"P1", "P9"};
  check_problem(only_validation_problem(s), "group G01", "members[1]", "no person with id \"P9\"");

  SECTION("a household id is not a person id") {
    s.groups[0].members = {"H1", "P1"};
    check_problem(only_validation_problem(s), "group G01", "members[0]",
                  "no person with id \"H1\"");
  }
}

TEST_CASE("check_scheme: groups: a person is in a group once") {
  auto s = grouped_scheme();
  s.groups[0].members = {"P1", "P2", "P1"};
  check_problem(only_validation_problem(s), "group G01", "members[2]", "repeats members[0]");
}

TEST_CASE("check_scheme: groups: a person is in one group at most") {
  auto s = grouped_scheme();
  s.groups[1].members = {"P3", "P2"};
  check_problem(only_validation_problem(s), "group G02", "members[1]",
                "person \"P2\" is also in group G01; a person is in one group at most");

  SECTION("the later group is reported, whichever member it is") {
    s.groups.push_back({"G03", group_kind::siblings, {"P5", "P4"}, togetherness::required, false});
    s.groups[1].members = {"P3", "P4"};
    check_problem(only_validation_problem(s), "group G03", "members[1]",
                  "person \"P4\" is also in group G02; a person is in one group at most");
  }
}

TEST_CASE("check_scheme: groups: a required group fits in one household") {
  auto s = grouped_scheme();
  s.policy.household_cap = 2;
  s.groups[0].members = {"P1", "P2", "P5"};
  check_problem(only_validation_problem(s), "group G01", "members",
                "a group larger than the scheme's household cap (3 members, household_cap 2); "
                "a required group is placed whole");

  SECTION("a preferred group may be larger: it may be placed apart") {
    s.groups[0].together = togetherness::preferred;
    CHECK(check_scheme(s).empty());
  }
  SECTION("a cap out of range is the policy's problem alone") {
    s.policy.household_cap = 0;
    check_problem(only_validation_problem(s), "policy", "household_cap", "must be between 1 and 3");
  }
}

TEST_CASE("check_scheme: groups: the living-together weight is a weight") {
  auto s = grouped_scheme();
  s.policy.living_together_weight = 0;
  CHECK(check_scheme(s).empty());
  s.policy.living_together_weight = 1e6;
  CHECK(check_scheme(s).empty());
  for (double weight :
       {-1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    s.policy.living_together_weight = weight;
    check_problem(only_validation_problem(s), "policy", "living_together_weight",
                  "must be a finite number >= 0");
  }
  s.policy.living_together_weight = 2e6;
  check_problem(only_validation_problem(s), "policy", "living_together_weight",
                "must be at most 1000000");
}

TEST_CASE("check_scheme: groups: problems come after the households', in group order") {
  auto s = grouped_scheme();
  s.households[0].places = 0;
  s.groups[1].members = {"P3", "P8"};
  s.groups[0].members = {"P7", "P2"};
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 3);
  check_problem(problems[0], "household H1", "places", "must be between 1 and 3");
  check_problem(problems[1], "group G01", "members[0]", "no person with id \"P7\"");
  check_problem(problems[2], "group G02", "members[1]", "no person with id \"P8\"");
}
