#include "slmatch/score/wording.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace slmatch;

namespace {

/// Every value of `E` as words: no underscores, and never an empty name.
template <class E> void check_names() {
  for (E value : all_values<E>()) {
    const std::string text = wording::name(value);
    CAPTURE(text);
    CHECK_FALSE(text.empty());
    CHECK(text.find('_') == std::string::npos);
  }
}

} // namespace

TEST_CASE("name: every vocabulary value reads without underscores") {
  check_names<need_category>();
  check_names<support_level>();
  check_names<arrangement_type>();
  check_names<specialist_skill>();
  check_names<home_feature>();
  check_names<avoidance>();
  check_names<gender>();
  check_names<risk_flag>();
  check_names<carer_exclusion>();
  check_names<diet>();
  check_names<anchor_kind>();
  check_names<data_category>();
  check_names<factor>();
  check_names<rule>();
}

TEST_CASE("name: values read as people write them") {
  CHECK(wording::name(specialist_skill::peg_feeding) == "PEG feeding");
  CHECK(wording::name(specialist_skill::positive_behaviour_support) ==
        "positive behaviour support");
  CHECK(wording::name(arrangement_type::long_term) == "long-term");
  CHECK(wording::name(arrangement_type::short_break) == "short break");
  CHECK(wording::name(gender::non_binary) == "non-binary");
  CHECK(wording::name(diet::gluten_free) == "gluten-free");
  CHECK(wording::name(diet::dairy_free) == "dairy-free");
  CHECK(wording::name(diet::soft_food) == "soft-textured");
  CHECK(wording::name(home_feature::ground_floor_bedroom) == "ground-floor bedroom");
  CHECK(wording::name(need_category::learning_disability) == "learning disability");
}

TEST_CASE("join_names: lists read with commas and a final and/or") {
  CHECK(wording::join_names(tag_set<diet>{diet::soft_food}) == "soft-textured");
  CHECK(wording::join_names(tag_set<diet>{diet::halal, diet::gluten_free}) ==
        "halal and gluten-free");
  CHECK(wording::join_names(tag_set<diet>{diet::vegan, diet::halal, diet::soft_food}, "or") ==
        "vegan, halal or soft-textured");
}

TEST_CASE("format_number: rounds half away from zero and drops zeros unless kept") {
  CHECK(wording::format_number(41.25, 1) == "41.3");
  CHECK(wording::format_number(25.0, 1) == "25");
  CHECK(wording::format_number(25.0, 1, true) == "25.0");
  CHECK(wording::format_number(-8.149, 1, true) == "-8.1");
  CHECK(wording::format_number(0.04, 1, true) == "0.0");
  CHECK(wording::count_of(1, "place", "places") == "1 place");
  CHECK(wording::count_of(2, "place", "places") == "2 places");
}

TEST_CASE("format_number: numbers beyond a long long print their digits, never wrap") {
  CHECK(wording::format_number(1e300, 1, true).size() == 303);
  CHECK(wording::format_number(1e300, 1).size() == 301);
  CHECK(wording::format_number(1e300, 1).rfind("1000000000", 0) == 0);
  CHECK(wording::format_number(-9.3e18, 0) == "-9300000000000000000");
  CHECK(wording::format_number(9223372036854775807.0, 1) == "9223372036854775808");
  CHECK(wording::format_number(2.5e16, 1, true) == "25000000000000000.0");
  CHECK(wording::format_number(1e15, 1) == "1000000000000000");
}
