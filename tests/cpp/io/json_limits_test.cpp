// The loader's bounds (`scheme_limits`): each refusal names the record and field, and
// nothing beyond a bound is used.

#include "slmatch/io/json.hpp"

#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace slmatch;
using nlohmann::json;
using slmatch::testing::check_problem;
using slmatch::testing::load_problems;
using slmatch::testing::parse_problems;
using slmatch::testing::single_problem;
using slmatch::testing::small_scheme_json;

TEST_CASE("parse_scheme: nesting deeper than the limit is refused before parsing") {
  const std::string deep = std::string(17, '[') + std::string(17, ']');
  check_problem(single_problem(parse_problems(deep)), "file", "",
                "nested deeper than 16 levels at line 1, column 17");
  // Brackets inside strings do not count; 16 levels are within the limit (and then fail
  // for what they are, not for their depth).
  json document = small_scheme_json();
  document["name"] = std::string(40, '[');
  CHECK(parse_problems(document.dump()).empty());
  const auto at_limit = parse_problems(std::string(16, '[') + std::string(16, ']'));
  CHECK(single_problem(at_limit).message == "expected an object, got an array");
}

TEST_CASE("load_scheme: a file larger than the limit is refused unread") {
  const std::string path = "json_limits_test_large.json";
  {
    std::ofstream out(path, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(scheme_limits::file_bytes)); // sparse: no data written
    out.put('}');
  }
  try {
    load_scheme(path);
    FAIL("a file over the limit loaded");
  } catch (const validation_error& refused) {
    check_problem(single_problem(refused.problems()), "file", "",
                  "too large: 536870913 bytes (at most 536870912)");
  }
  std::remove(path.c_str());
}

TEST_CASE("scheme_from_json: too many people or households") {
  json document = small_scheme_json();
  document["people"] = json::array();
  for (std::size_t i = 0; i <= scheme_limits::people; ++i) document["people"].push_back(0);
  check_problem(single_problem(load_problems(document)), "scheme", "people",
                "too many entries: 1000001 (at most 1000000)");
  document = small_scheme_json();
  document["households"] = json::array();
  for (std::size_t i = 0; i <= scheme_limits::households; ++i) document["households"].push_back(0);
  check_problem(single_problem(load_problems(document)), "scheme", "households",
                "too many entries: 1000001 (at most 1000000)");
}

TEST_CASE("scheme_from_json: lists inside a record are bounded") {
  SECTION("a vocabulary list") {
    json document = small_scheme_json();
    document["people"][0]["needs"] = json::array();
    for (int i = 0; i < 1001; ++i) document["people"][0]["needs"].push_back("autism");
    check_problem(single_problem(load_problems(document)), "person P1", "needs",
                  "too many entries: 1001 (at most 1000)");
  }
  SECTION("a list of words") {
    json document = small_scheme_json();
    document["people"][0]["interests"] = json::array();
    for (int i = 0; i < 1001; ++i) document["people"][0]["interests"].push_back("music");
    check_problem(single_problem(load_problems(document)), "person P1", "interests",
                  "too many entries: 1001 (at most 1000)");
  }
  SECTION("residents") {
    json document = small_scheme_json();
    auto& residents = document["households"][1]["residents"];
    for (int i = 0; i < 1000; ++i) residents.push_back(residents[0]);
    check_problem(single_problem(load_problems(document)), "household H2", "residents",
                  "too many entries: 1001 (at most 1000)");
  }
  SECTION("excluded pairs may be many more") {
    json document = small_scheme_json();
    document["policy"]["excluded_pairs"] = json::array();
    for (int i = 0; i < 1500; ++i)
      document["policy"]["excluded_pairs"].push_back({{"person", "P1"}, {"household", "H1"}});
    CHECK(load_problems(document).empty());
  }
}

TEST_CASE("scheme_from_json: strings are bounded, free text less tightly") {
  SECTION("an id") {
    json document = small_scheme_json();
    document["households"][0]["id"] = std::string(257, 'h');
    const auto problems = load_problems(document);
    REQUIRE(!problems.empty());
    // Too long to name the record by: it is named by its position.
    check_problem(problems.front(), "household #1", "id", "too long: 257 bytes (at most 256)");
  }
  SECTION("a word in a list") {
    json document = small_scheme_json();
    document["people"][0]["interests"] = {std::string(300, 'x')};
    check_problem(single_problem(load_problems(document)), "person P1", "interests[0]",
                  "too long: 300 bytes (at most 256)");
  }
  SECTION("notes") {
    json document = small_scheme_json();
    document["people"][1]["notes"] = std::string(scheme_limits::text, 'n');
    CHECK(load_problems(document).empty());
    document["people"][1]["notes"] = std::string(scheme_limits::text + 1, 'n');
    check_problem(single_problem(load_problems(document)), "person P2", "notes",
                  "too long: 10001 bytes (at most 10000)");
  }
}

TEST_CASE("parse_scheme: numbers that mean nothing are refused") {
  json document = small_scheme_json();
  SECTION("a number too large for a double, with where it is") {
    document["people"][0]["location"]["lat"] = 12.375;
    std::string text = document.dump(1);
    const auto at = text.find("12.375");
    text.replace(at, 6, "1e999");
    const auto line =
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
    const problem p = single_problem(parse_problems(text));
    CHECK(p.record == "file");
    CHECK(p.message.rfind("malformed JSON at line " + std::to_string(line) + ", column ", 0) == 0);
    CHECK(p.message.find(": number out of range") != std::string::npos);
    CHECK(p.message.find("1e999") == std::string::npos);
  }
  SECTION("a negative travel limit") {
    document["people"][0]["travel_limit_km"] = -5;
    check_problem(single_problem(load_problems(document)), "person P1", "travel_limit_km",
                  "must be a finite number above 0");
  }
  SECTION("a negative weight") {
    document["policy"]["weights"] = {{"interests", -1}};
    check_problem(single_problem(load_problems(document)), "policy", "weights.interests",
                  "must be a finite number >= 0");
  }
  SECTION("negative places") {
    document["households"][0]["places"] = -1;
    check_problem(single_problem(load_problems(document)), "household H1", "places",
                  "negative capacity");
  }
}

TEST_CASE("scheme_from_json: at most 1000 problems are listed, then how many more") {
  json document = small_scheme_json();
  for (int i = 0; i < 1500; ++i) document["unknown_" + std::to_string(i)] = 0;
  const auto problems = load_problems(document);
  REQUIRE(problems.size() == scheme_limits::problems + 1);
  check_problem(problems.back(), "file", "", "500 more problems not listed");
}
