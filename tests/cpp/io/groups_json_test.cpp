// Groups of people to be placed together in the scheme file: the top-level "groups" array
// and policy.living_together_weight, read and written; files without them read and write
// as before.

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
using slmatch::testing::small_scheme_json;

namespace {

/// The small document with a third person and a required couple (P1, P2) sharing a bedroom.
json grouped_document() {
  json doc = small_scheme_json();
  json third = doc["people"][1];
  third["id"] = "P3";
  doc["people"].push_back(third);
  doc["groups"] = json::parse(R"([
    {"id": "G1", "kind": "couple", "members": ["P1", "P2"], "share_bedroom": true}
  ])");
  return doc;
}

} // namespace

TEST_CASE("scheme_from_json: groups are read, with their defaults") {
  const scheme s = scheme_from_json(grouped_document());
  REQUIRE(s.groups.size() == 1);
  const person_group& g = s.groups[0];
  CHECK(g.id == "G1");
  CHECK(g.kind == group_kind::couple);
  CHECK(g.members == std::vector<std::string>{"P1", "P2"});
  CHECK(g.together == togetherness::required); // left out: required
  CHECK(g.share_bedroom);
  CHECK(s.policy.living_together_weight == 2.0);

  json doc = grouped_document();
  doc["groups"][0]["together"] = "preferred";
  doc["groups"][0]["share_bedroom"] = nullptr;
  doc["policy"]["living_together_weight"] = 3.5;
  const scheme preferred = scheme_from_json(doc);
  CHECK(preferred.groups[0].together == togetherness::preferred);
  CHECK_FALSE(preferred.groups[0].share_bedroom);
  CHECK(preferred.policy.living_together_weight == 3.5);
}

TEST_CASE("scheme_to_json: groups and the living-together weight only when there are any") {
  const scheme plain = scheme_from_json(small_scheme_json());
  const json written = scheme_to_json(plain);
  CHECK_FALSE(written.contains("groups"));
  CHECK_FALSE(written["policy"].contains("living_together_weight"));

  scheme s = scheme_from_json(grouped_document());
  s.policy.living_together_weight = 0;
  const json doc = scheme_to_json(s);
  CHECK(doc["groups"] == json::parse(R"([{"id": "G1", "kind": "couple", "members": ["P1", "P2"],
                                           "together": "required", "share_bedroom": true}])"));
  CHECK(doc["policy"]["living_together_weight"] == 0.0);
  CHECK(scheme_from_json(doc) == s);

  // Keys in the file format's order: groups last, each group's fields as documented.
  const std::string text = dump_scheme(s, -1);
  CHECK(text.find("\"households\":") < text.find("\"groups\":"));
  CHECK(text.find(R"({"id":"G1","kind":"couple","members":["P1","P2"],"together":"required",)"
                  R"("share_bedroom":true})") != std::string::npos);
  CHECK(parse_scheme(text) == s);
  CHECK(dump_scheme(parse_scheme(text), -1) == text);
}

TEST_CASE("dump_scheme: a scheme without groups writes the bytes it always has") {
  // The bundled example without its groups: load, save and load again write no "groups" and
  // no "living_together_weight", as before groups existed.
  const std::string example = std::string(SLMATCH_SOURCE_DIR) + "/data/examples/riverside.json";
  scheme s = load_scheme(example);
  CHECK(s.groups.size() == 3);
  s.groups.clear();
  const std::string text = dump_scheme(s);
  CHECK(text.find("groups") == std::string::npos);
  CHECK(text.find("living_together_weight") == std::string::npos);
  CHECK(dump_scheme(parse_scheme(text)) == text);
}

TEST_CASE("scheme_from_json: group problems name the group and the field") {
  SECTION("an unknown key is refused like any other") {
    json doc = grouped_document();
    doc["groups"][0]["bedroom"] = true;
    check_problem(only_load_problem(doc), "group G1", "bedroom", "unknown field \"bedroom\"");
  }
  SECTION("an unknown key in the policy") {
    json doc = grouped_document();
    doc["policy"]["living_together"] = 2;
    check_problem(only_load_problem(doc), "policy", "living_together",
                  "unknown field \"living_together\"");
  }
  SECTION("an unknown kind") {
    json doc = grouped_document();
    doc["groups"][0]["kind"] = "cousins";
    check_problem(only_load_problem(doc), "group G1", "kind", "unknown group kind \"cousins\"");
  }
  SECTION("an unknown togetherness") {
    json doc = grouped_document();
    doc["groups"][0]["together"] = "always";
    check_problem(only_load_problem(doc), "group G1", "together",
                  "unknown togetherness \"always\"");
  }
  SECTION("a missing required field") {
    for (const char* key : {"id", "kind", "members"}) {
      INFO(key);
      json doc = grouped_document();
      doc["groups"][0].erase(key);
      const std::string record = std::string(key) == "id" ? "group #1" : "group G1";
      check_problem(only_load_problem(doc), record, key, "missing required field");
    }
  }
  SECTION("wrong types") {
    json doc = grouped_document();
    doc["groups"][0]["share_bedroom"] = "yes";
    check_problem(only_load_problem(doc), "group G1", "share_bedroom",
                  "expected a boolean, got a string");
    doc = grouped_document();
    doc["groups"][0]["members"][1] = 2;
    check_problem(only_load_problem(doc), "group G1", "members[1]",
                  "expected a string, got a number");
    doc = grouped_document();
    doc["groups"] = json::object();
    check_problem(only_load_problem(doc), "scheme", "groups", "expected an array, got an object");
    doc = grouped_document();
    doc["groups"][0] = "G1";
    check_problem(only_load_problem(doc), "group #1", "", "expected an object, got a string");
    doc = grouped_document();
    doc["policy"]["living_together_weight"] = "2";
    check_problem(only_load_problem(doc), "policy", "living_together_weight",
                  "expected a number, got a string");
  }
  SECTION("domain problems come from validation, by record and field") {
    json doc = grouped_document();
    doc["groups"][0]["members"] = {"P1", "P7"};
    check_problem(only_load_problem(doc), "group G1", "members[1]", "no person with id \"P7\"");
    doc = grouped_document();
    doc["policy"]["household_cap"] = 2;
    doc["groups"][0]["members"] = {"P1", "P2", "P3"};
    check_problem(only_load_problem(doc), "group G1", "members",
                  "a group larger than the scheme's household cap (3 members, household_cap 2); "
                  "a required group is placed whole");
    doc = grouped_document();
    doc["policy"]["living_together_weight"] = -1;
    check_problem(only_load_problem(doc), "policy", "living_together_weight",
                  "must be a finite number >= 0");
  }
  SECTION("a structural problem in members is not reported again as too few members") {
    json doc = grouped_document();
    doc["groups"][0]["members"] = "P1";
    check_problem(only_load_problem(doc), "group G1", "members", "expected an array, got a string");
  }
  SECTION("problems of groups come after those of households") {
    json doc = grouped_document();
    doc["groups"][0]["kind"] = 1;
    doc["households"][0]["places"] = 0;
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "household H1", "places", "must be between 1 and 3");
    check_problem(problems[1], "group G1", "kind", "expected a group kind name, got a number");
  }
}

TEST_CASE("scheme_from_json: groups and policy default when null") {
  json doc = grouped_document();
  doc["groups"] = nullptr;
  doc["policy"]["living_together_weight"] = nullptr;
  const scheme s = scheme_from_json(doc);
  CHECK(s.groups.empty());
  CHECK(s.policy.living_together_weight == 2.0);
}
