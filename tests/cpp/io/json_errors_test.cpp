#include "slmatch/io/json.hpp"

#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using nlohmann::json;
using slmatch::testing::check_problem;
using slmatch::testing::load_problems;
using slmatch::testing::only_load_problem;
using slmatch::testing::parse_problems;
using slmatch::testing::small_scheme_json;

namespace {} // namespace

TEST_CASE("scheme_from_json: the small test document is valid") {
  CHECK(load_problems(small_scheme_json()).empty());
}

TEST_CASE("parse_scheme: malformed JSON names line and column") {
  SECTION("a stray comma") {
    const auto problems = parse_problems("{\n  \"id\": \"S1\",\n  \"people\": [1, 2,, 3]\n}\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].record == "file");
    CHECK(problems[0].field.empty());
    CHECK(problems[0].message ==
          "malformed JSON at line 3, column 19: syntax error while parsing value - "
          "unexpected ','; expected '[', '{', or a literal");
  }
  SECTION("a bad literal does not repeat the text around it") {
    const auto problems = parse_problems("{\"name\": \"Private Name\", \"active\": yes}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.rfind("malformed JSON at line 1, column 36: ", 0) == 0);
    CHECK(problems[0].message.find("Private") == std::string::npos);
    CHECK(problems[0].message.find("last read") == std::string::npos);
  }
  SECTION("the text ends too early") {
    const auto problems = parse_problems("{\n  \"id\": \"S1\"");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.rfind("malformed JSON at line 2, column 13: ", 0) == 0);
  }
  SECTION("no text at all") {
    const auto problems = parse_problems("");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.rfind("malformed JSON at line 1, column 1: ", 0) == 0);
  }
}

TEST_CASE("scheme_from_json: duplicate ids") {
  auto doc = small_scheme_json();
  SECTION("people") {
    doc["people"][1]["id"] = "P1";
    check_problem(only_load_problem(doc), "person P1", "id",
                  "duplicate id (also used by person #1)");
  }
  SECTION("households") {
    doc["households"][1]["id"] = "H1";
    check_problem(only_load_problem(doc), "household H1", "id",
                  "duplicate id (also used by household #1)");
  }
  SECTION("a resident with a person's id") {
    doc["households"][1]["residents"][0]["id"] = "P2";
    check_problem(only_load_problem(doc), "household H2 resident P2", "id",
                  "duplicate id (also used by person #2)");
  }
}

TEST_CASE("scheme_from_json: unknown vocabulary names") {
  auto doc = small_scheme_json();
  SECTION("need category in a list") {
    doc["people"][0]["needs"] = {"autsm"};
    // The list is then empty, but only the unknown name is reported.
    check_problem(only_load_problem(doc), "person P1", "needs[0]",
                  "unknown need category \"autsm\"");
  }
  SECTION("support level") {
    doc["people"][1]["support_level"] = "hgh";
    check_problem(only_load_problem(doc), "person P2", "support_level",
                  "unknown support level \"hgh\"");
  }
  SECTION("arrangement offered") {
    doc["households"][0]["arrangements"] = {"long_term", "respite"};
    check_problem(only_load_problem(doc), "household H1", "arrangements[1]",
                  "unknown arrangement type \"respite\"");
  }
  SECTION("consent category") {
    doc["people"][0]["consent"] = {"health"};
    check_problem(only_load_problem(doc), "person P1", "consent[0]",
                  "unknown data category \"health\"");
  }
  SECTION("resident gender") {
    doc["households"][1]["residents"][0]["gender"] = "f";
    check_problem(only_load_problem(doc), "household H2 resident R1", "gender",
                  "unknown gender \"f\"");
  }
  SECTION("weight factor") {
    doc["people"][0]["weights"] = {{"kindness", 2}};
    check_problem(only_load_problem(doc), "person P1", "weights.kindness",
                  "unknown factor \"kindness\"");
  }
}

TEST_CASE("scheme_from_json: negative capacity") {
  auto doc = small_scheme_json();
  doc["households"][0]["places"] = -1;
  doc["households"][1]["free_bedrooms"] = -2;
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 2);
  check_problem(problems[0], "household H1", "places", "negative capacity");
  check_problem(problems[1], "household H2", "free_bedrooms", "negative capacity");
}

TEST_CASE("scheme_from_json: coordinates out of range") {
  auto doc = small_scheme_json();
  doc["people"][0]["location"]["lat"] = 95;
  doc["people"][1]["anchors"] = {{{"kind", "family"}, {"lat", 53.8}, {"lon", -181}}};
  doc["households"][1]["location"]["lon"] = 190.5;
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 3);
  check_problem(problems[0], "person P1", "location.lat", "must be between -90 and 90");
  check_problem(problems[1], "person P2", "anchors[0].lon", "must be between -180 and 180");
  check_problem(problems[2], "household H2", "location.lon", "must be between -180 and 180");
}

TEST_CASE("scheme_from_json: missing required fields") {
  auto doc = small_scheme_json();
  SECTION("a person's field") {
    doc["people"][0].erase("support_level");
    check_problem(only_load_problem(doc), "person P1", "support_level", "missing required field");
  }
  SECTION("a person's id: the record is named by position") {
    doc["people"][1].erase("id");
    check_problem(only_load_problem(doc), "person #2", "id", "missing required field");
  }
  SECTION("a household's adults") {
    doc["households"][1].erase("adults");
    check_problem(only_load_problem(doc), "household H2", "adults", "missing required field");
  }
  SECTION("inside a location") {
    doc["households"][0]["location"].erase("lat");
    check_problem(only_load_problem(doc), "household H1", "location.lat", "missing required field");
  }
  SECTION("the scheme's id and people") {
    doc.erase("id");
    doc.erase("people");
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "scheme", "id", "missing required field");
    check_problem(problems[1], "scheme", "people", "missing required field");
  }
  SECTION("the policy's date: no date is then reported as after it") {
    doc["policy"].erase("as_of");
    check_problem(only_load_problem(doc), "policy", "as_of", "missing required field");
  }
  SECTION("an empty need list is refused by validation") {
    doc["people"][0]["needs"] = json::array();
    check_problem(only_load_problem(doc), "person P1", "needs",
                  "must name at least one need category");
  }
}

TEST_CASE("scheme_from_json: wrong types") {
  auto doc = small_scheme_json();
  SECTION("text for a whole number") {
    doc["households"][0]["places"] = "two";
    check_problem(only_load_problem(doc), "household H1", "places",
                  "expected a whole number, got a string");
  }
  SECTION("a fraction for a whole number") {
    doc["households"][0]["places"] = 1.5;
    check_problem(only_load_problem(doc), "household H1", "places",
                  "expected a whole number, got a fraction");
  }
  SECTION("a whole number written as 2.0 is accepted") {
    doc["households"][0]["places"] = 2.0;
    CHECK(load_problems(doc).empty());
  }
  SECTION("text for a number") {
    doc["people"][0]["location"]["lat"] = "53.8";
    check_problem(only_load_problem(doc), "person P1", "location.lat",
                  "expected a number, got a string");
  }
  SECTION("a string for a list") {
    doc["people"][1]["needs"] = "autism";
    check_problem(only_load_problem(doc), "person P2", "needs", "expected an array, got a string");
  }
  SECTION("a string for a boolean") {
    doc["households"][1]["active"] = "yes";
    check_problem(only_load_problem(doc), "household H2", "active",
                  "expected a boolean, got a string");
  }
  SECTION("a number for an id") {
    doc["people"][0]["id"] = 7;
    check_problem(only_load_problem(doc), "person #1", "id", "expected a string, got a number");
  }
  SECTION("a boolean for a vocabulary name") {
    doc["people"][0]["gender"] = true;
    check_problem(only_load_problem(doc), "person P1", "gender",
                  "expected a gender name, got a boolean");
  }
  SECTION("a record that is not an object") {
    doc["people"][0] = "P1";
    check_problem(only_load_problem(doc), "person #1", "", "expected an object, got a string");
  }
  SECTION("an object for the people list") {
    doc["people"] = json::object();
    check_problem(only_load_problem(doc), "scheme", "people", "expected an array, got an object");
  }
  SECTION("a document that is not an object") {
    check_problem(only_load_problem(json::array()), "scheme", "",
                  "expected an object, got an array");
  }
  SECTION("a number too big for a whole number") {
    doc["households"][0]["adults"][0]["age"] = 1e12;
    check_problem(only_load_problem(doc), "household H1", "adults[0].age", "number out of range");
  }
}

TEST_CASE("scheme_from_json: unknown fields are named") {
  auto doc = small_scheme_json();
  doc["people"][0]["intrests"] = {"music"};
  doc["people"][1]["location"]["lng"] = -1.5;
  doc["policy"]["cap"] = 2;
  doc["households"][1]["residents"][0]["hobby"] = "chess";
  doc["extra"] = true;
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 5);
  check_problem(problems[0], "scheme", "extra", "unknown field \"extra\"");
  check_problem(problems[1], "policy", "cap", "unknown field \"cap\"");
  check_problem(problems[2], "person P1", "intrests", "unknown field \"intrests\"");
  check_problem(problems[3], "person P2", "location.lng", "unknown field \"lng\"");
  check_problem(problems[4], "household H2 resident R1", "hobby", "unknown field \"hobby\"");
}

TEST_CASE("scheme_from_json: unresolved references") {
  auto doc = small_scheme_json();
  doc["people"][0]["declined_households"] = {"H1", "H9"};
  doc["people"][0]["known_households"] = {"H3"};
  doc["people"][1]["conflicts_with"] = {"R2"};
  doc["households"][0]["declined_people"] = {"P7"};
  doc["households"][1]["residents"][0]["conflicts_with"] = {"P1", "P5"};
  doc["policy"]["excluded_pairs"] = {{{"person", "P1"}, {"household", "H4"}}};
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 6);
  check_problem(problems[0], "policy", "excluded_pairs[0].household",
                "no household with id \"H4\"");
  check_problem(problems[1], "person P1", "declined_households[1]", "no household with id \"H9\"");
  check_problem(problems[2], "person P1", "known_households[0]", "no household with id \"H3\"");
  check_problem(problems[3], "person P2", "conflicts_with[0]", "no resident with id \"R2\"");
  check_problem(problems[4], "household H1", "declined_people[0]", "no person with id \"P7\"");
  check_problem(problems[5], "household H2 resident R1", "conflicts_with[1]",
                "no person with id \"P5\"");
}

TEST_CASE("scheme_from_json: bad dates") {
  auto doc = small_scheme_json();
  SECTION("not a calendar date, without repeating the date") {
    doc["people"][0]["date_of_birth"] = "1990-02-30";
    doc["households"][1]["approval_expires"] = "31/12/2027";
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "person P1", "date_of_birth",
                  "not a valid date (expected YYYY-MM-DD)");
    check_problem(problems[1], "household H2", "approval_expires",
                  "not a valid date (expected YYYY-MM-DD)");
  }
  SECTION("after the scheme's as_of date") {
    doc["people"][0]["date_of_birth"] = "2026-12-01";
    doc["people"][1]["waiting_since"] = "2026-11-02";
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "person P1", "date_of_birth",
                  "is after the scheme's as_of date 2026-11-01");
    check_problem(problems[1], "person P2", "waiting_since",
                  "is after the scheme's as_of date 2026-11-01");
  }
  SECTION("a bad as_of date alone") {
    doc["policy"]["as_of"] = "2026-13-01";
    check_problem(only_load_problem(doc), "policy", "as_of",
                  "not a valid date (expected YYYY-MM-DD)");
  }
}

TEST_CASE("scheme_from_json: format name and version") {
  auto doc = small_scheme_json();
  doc["format"] = "other-format";
  doc["version"] = 2;
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 2);
  check_problem(problems[0], "scheme", "format", "must be \"slmatch-scheme\"");
  check_problem(problems[1], "scheme", "version",
                "unsupported version 2 (this library reads version 1)");
}

TEST_CASE("scheme_from_json: every problem in a file is reported, in input order") {
  auto doc = small_scheme_json();
  doc["households"][0]["places"] = -1;
  doc["people"][1]["location"]["lat"] = 200;
  doc["people"][0]["support_level"] = "hgh";
  doc["people"][0].erase("consent");
  doc["policy"]["household_cap"] = 5;
  doc["households"][1]["residents"][0]["age"] = "old";
  doc["name"] = 12;
  try {
    scheme_from_json(doc);
    FAIL("an invalid document loaded");
  } catch (const validation_error& e) {
    const auto& problems = e.problems();
    REQUIRE(problems.size() == 7);
    check_problem(problems[0], "scheme", "name", "expected a string, got a number");
    check_problem(problems[1], "policy", "household_cap", "must be between 1 and 3");
    check_problem(problems[2], "person P1", "support_level", "unknown support level \"hgh\"");
    check_problem(problems[3], "person P1", "consent", "missing required field");
    check_problem(problems[4], "person P2", "location.lat", "must be between -90 and 90");
    check_problem(problems[5], "household H1", "places", "negative capacity");
    check_problem(problems[6], "household H2 resident R1", "age",
                  "expected a whole number, got a string");
    CHECK(std::string(e.what()).find("person P1, field support_level: unknown support level "
                                     "\"hgh\"\nperson P1, field consent: missing required "
                                     "field\n") != std::string::npos);
  }
}
