#include "slmatch/model/scheme.hpp"

#include <catch2/catch.hpp>

using namespace slmatch;

TEST_CASE("vocabulary: every name parses back to its value") {
  for (auto need : all_values<need_category>())
    CHECK(parse<need_category>(to_string(need)) == need);
  for (auto r : all_values<rule>()) CHECK(parse<rule>(to_string(r)) == r);
  for (auto f : all_values<factor>()) CHECK(parse<factor>(to_string(f)) == f);
  CHECK_FALSE(parse<diet>("paleo").has_value());
}

TEST_CASE("tag_set: includes, minus and values in enum order") {
  tag_set<diet> provided{diet::halal, diet::vegetarian};
  tag_set<diet> wanted{diet::halal, diet::gluten_free};
  CHECK_FALSE(provided.includes(wanted));
  CHECK(wanted.minus(provided) == tag_set<diet>{diet::gluten_free});
  CHECK(provided.values() == std::vector<diet>{diet::vegetarian, diet::halal});
  CHECK(join_names(provided) == "vegetarian, halal");
}

TEST_CASE("date: parses real dates only and counts years") {
  CHECK(date::parse("2024-02-29").has_value());
  CHECK_FALSE(date::parse("2023-02-29").has_value());
  CHECK_FALSE(date::parse("2023-13-01").has_value());
  CHECK_FALSE(date::parse("23-01-01").has_value());
  const date today = *date::parse("2026-11-22");
  CHECK(today.years_since(*date::parse("1990-11-23")) == 35);
  CHECK(today.years_since(*date::parse("1990-11-22")) == 36);
  CHECK(date::parse("1970-01-02")->days_since_epoch() == 1);
}

TEST_CASE("distance_km: known city distance") {
  const geo_point london{51.5074, -0.1278};
  const geo_point manchester{53.4808, -2.2426};
  CHECK(distance_km(london, manchester) == Approx(262.0).margin(3.0));
  CHECK(distance_km(london, london) == 0.0);
}
