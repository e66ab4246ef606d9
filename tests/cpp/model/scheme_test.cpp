#include "slmatch/model/scheme.hpp"

#include <catch2/catch.hpp>

using namespace slmatch;

TEST_CASE("person_index: finds by id and names a missing id") {
  scheme s;
  s.people.resize(2);
  s.people[0].id = "P1";
  s.people[1].id = "P2";
  s.households.resize(1);
  s.households[0].id = "H1";
  CHECK(person_index(s, "P2") == 1);
  CHECK(household_index(s, "H1") == 0);
  CHECK_THROWS_WITH(person_index(s, "P9"), "no person with id \"P9\"");
  CHECK_THROWS_WITH(household_index(s, "P1"), "no household with id \"P1\"");
}
