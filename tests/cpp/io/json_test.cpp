#include "slmatch/io/json.hpp"
#include "slmatch/model/validate.hpp"

#include "support/scheme_json.hpp"
#include "support/scratch_directory.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::scratch_directory;
namespace fs = std::filesystem;

namespace {

const std::string example_path = std::string(SLMATCH_SOURCE_DIR) + "/data/examples/riverside.json";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const person& person_by_id(const scheme& s, const std::string& id) {
  for (const auto& p : s.people)
    if (p.id == id) return p;
  FAIL("no person " << id);
  throw;
}

const household& household_by_id(const scheme& s, const std::string& id) {
  for (const auto& h : s.households)
    if (h.id == id) return h;
  FAIL("no household " << id);
  throw;
}

} // namespace

TEST_CASE("load_scheme: the bundled example loads and validates") {
  const scheme s = load_scheme(example_path);
  CHECK(s.id == "riverside");
  CHECK(s.name == "Riverside Shared Lives");
  CHECK(s.people.size() >= 42);
  CHECK(s.households.size() >= 32);
  CHECK(s.policy.as_of == *date::parse("2026-11-01"));
  CHECK(s.policy.household_cap == 2);
  CHECK(check_scheme(s).empty());

  // Partial policy weights keep the defaults for the factors left out.
  const auto w = [&](factor f) { return s.policy.weights[static_cast<std::size_t>(f)]; };
  CHECK(w(factor::community) == 3.5);
  CHECK(w(factor::interests) == default_weights()[static_cast<std::size_t>(factor::interests)]);
  REQUIRE(s.policy.excluded_pairs.size() == 1);
  CHECK(s.policy.excluded_pairs[0] == excluded_pair{"P17", "H02"});

  // The cases the example's README points at.
  CHECK(person_by_id(s, "P12").known_households == std::vector<std::string>{"H07"});
  CHECK(person_by_id(s, "P35").consent.empty());
  CHECK_FALSE(person_by_id(s, "P33").consent.contains(data_category::interests));
  CHECK(person_by_id(s, "P34").faith == std::optional<std::string>("Muslim"));
  CHECK_FALSE(person_by_id(s, "P34").consent.contains(data_category::faith_culture));
  CHECK(person_by_id(s, "P36").weights.at(factor::community) == 5.0);
  CHECK(person_by_id(s, "P14").specialist_needs.contains(specialist_skill::peg_feeding));
  const auto& h05 = household_by_id(s, "H05");
  REQUIRE(h05.residents.size() == 1);
  CHECK(h05.residents[0].conflicts_with == std::vector<std::string>{"P21"});
  CHECK_FALSE(household_by_id(s, "H10").active);

  // Every arrangement type is asked for by someone.
  tag_set<arrangement_type> wanted;
  for (const auto& p : s.people) wanted.insert(p.arrangement);
  CHECK(wanted.size() == static_cast<int>(vocabulary_size<arrangement_type>));
}

TEST_CASE("save_scheme: load, save, load gives an equal scheme") {
  const scheme original = load_scheme(example_path);
  scratch_directory dir("json");
  const auto path = (dir.path / "riverside.json").string();
  save_scheme(original, path);
  const scheme again = load_scheme(path);
  CHECK(again == original);
  // The file holds exactly the dump, with a final newline.
  CHECK(read_text(path) == dump_scheme(original) + "\n");
}

TEST_CASE("dump_scheme: the same scheme gives the same bytes") {
  const scheme s = load_scheme(example_path);
  const std::string first = dump_scheme(s);
  CHECK(dump_scheme(s) == first);
  const scheme reread = parse_scheme(first);
  CHECK(reread == s);
  CHECK(dump_scheme(reread) == first);
  // One line when asked, and the same scheme again.
  const std::string one_line = dump_scheme(s, -1);
  CHECK(one_line.find('\n') == std::string::npos);
  CHECK(parse_scheme(one_line) == s);
  // Keys follow the file format's order: format and version first, id before name.
  CHECK(first.rfind("{\n  \"format\": \"slmatch-scheme\",\n  \"version\": 1,\n  \"id\":", 0) == 0);
}

TEST_CASE("scheme_to_json: every field, optional ones only when present") {
  scheme s = parse_scheme(testing::small_scheme_json().dump());
  s.people[1].travel_limit_km = 12.5;
  s.people[1].faith = "Quaker";
  s.people[1].weights[factor::community] = 4;
  s.people[1].consent = {data_category::history, data_category::community};
  s.households[0].preferences.min_age = 30;
  const nlohmann::json doc = scheme_to_json(s);

  const auto& p1 = doc["people"][0];
  CHECK(p1.size() == 27); // 33 person fields less the 6 optional ones absent here
  CHECK_FALSE(p1.contains("travel_limit_km"));
  CHECK_FALSE(p1.contains("faith"));
  CHECK_FALSE(p1.contains("lifestyle"));
  CHECK_FALSE(p1.contains("ethnicity"));
  CHECK(p1["weights"] == nlohmann::json::object());
  CHECK(p1["support_level"] == "moderate");
  CHECK(p1["gender"] == "female");

  const auto& p2 = doc["people"][1];
  CHECK(p2["travel_limit_km"] == 12.5);
  CHECK(p2["faith"] == "Quaker");
  CHECK(p2["weights"] == nlohmann::json{{"community", 4.0}});
  // Tag sets are written in enum order, whatever order they were given in.
  CHECK(p2["consent"] == nlohmann::json{"community", "history"});

  const auto& h1 = doc["households"][0];
  CHECK(h1["max_support_level"] == "high");
  CHECK(h1["lifestyle"] == nlohmann::json{{"activity", 0.5}, {"setting", 0.5}, {"routine", 0.5}});
  CHECK(h1["preferences"] == nlohmann::json{{"needs", nlohmann::json::array()}, {"min_age", 30}});
  CHECK(doc["households"][1]["residents"][0]["id"] == "R1");
  CHECK(doc["policy"]["weights"].size() == vocabulary_size<factor>);
  CHECK(scheme_from_json(doc) == s);
}

TEST_CASE("scheme_from_json: optional fields may be null or left out") {
  auto doc = testing::small_scheme_json();
  doc["name"] = nullptr;
  doc["people"][0]["travel_limit_km"] = nullptr;
  doc["people"][0]["interests"] = nullptr;
  doc["people"][0]["lifestyle"] = nullptr;
  doc.erase("format");
  doc.erase("version");
  const scheme s = scheme_from_json(doc);
  CHECK(s.name.empty());
  CHECK_FALSE(s.people[0].travel_limit_km.has_value());
  CHECK(s.people[0].interests.empty());
  CHECK_FALSE(s.people[0].way_of_life.has_value());
  CHECK(s.policy.household_cap == 3);
  CHECK(s.policy.travel_limit_km == 40);
  CHECK(s.policy.weights == default_weights());
  CHECK(s.households[1].residents[0] == resident{"R1", 33, gender::male, {}, {}, {}, {}});
}

TEST_CASE("save_scheme: a failed save leaves nothing behind") {
  const scheme s = parse_scheme(testing::small_scheme_json().dump());
  scratch_directory dir("json");
  SECTION("a missing directory throws and creates nothing") {
    const fs::path missing = dir.path / "missing";
    CHECK_THROWS_AS(save_scheme(s, (missing / "scheme.json").string()), slmatch::error);
    CHECK_FALSE(fs::exists(missing));
    CHECK(dir.names().empty());
  }
  SECTION("a directory in the way throws and keeps the directory") {
    fs::create_directory(dir.path / "taken");
    CHECK_THROWS_AS(save_scheme(s, (dir.path / "taken").string()), slmatch::error);
    CHECK(fs::is_directory(dir.path / "taken"));
    CHECK(dir.names() == std::vector<std::string>{"taken"});
  }
  SECTION("replacing a file leaves only the new file") {
    const auto path = (dir.path / "scheme.json").string();
    { std::ofstream(path) << "old contents"; }
    save_scheme(s, path);
    CHECK(dir.names() == std::vector<std::string>{"scheme.json"});
    CHECK(load_scheme(path) == s);
  }
}

TEST_CASE("load_scheme: an unreadable file is a problem of the file") {
  scratch_directory dir("json");
  const auto path = (dir.path / "nowhere.json").string();
  try {
    load_scheme(path);
    FAIL("load_scheme read a file that does not exist");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].record == "file");
    CHECK(e.problems()[0].message == "cannot open \"" + path + "\"");
  }
}
