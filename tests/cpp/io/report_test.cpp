#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace slmatch;

namespace {

const scheme& example() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

} // namespace

TEST_CASE("match_to_json: every person once, matched or with the reason why not") {
  const auto result = match(example());
  const auto report = match_to_json(example(), result);
  REQUIRE(report["proposals"].size() == example().people.size());
  int matched = 0;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < example().people.size(); ++i) {
    const auto& entry = report["proposals"][i];
    CHECK(entry["person"] == example().people[i].id);
    seen.insert(entry["person"].get<std::string>());
    CHECK_FALSE(entry["summary"].get<std::string>().empty());
    if (entry["status"] == "matched") {
      ++matched;
      CHECK(entry["factors"].size() == vocabulary_size<factor>);
      double points = 0;
      for (const auto& f : entry["factors"]) points += f["points"].get<double>();
      CHECK(points == Approx(entry["score"].get<double>()).margin(0.01));
    } else {
      CHECK(entry["status"] == "unmatched");
      CHECK(entry["household"].is_null());
      CHECK((entry["blocking_rules"].size() + entry["places_taken"].size()) > 0);
    }
  }
  CHECK(seen.size() == example().people.size());
  CHECK(report["matched"] == matched);
  CHECK(report["matched"].get<int>() + report["unmatched"].get<int>() ==
        static_cast<int>(example().people.size()));
}

TEST_CASE("match_to_json: byte-identical for identical input") {
  const auto first = match_to_json(example(), match(example())).dump(2);
  const scheme copy = parse_scheme(dump_scheme(example()));
  const auto second = match_to_json(copy, match(copy)).dump(2);
  CHECK(first == second);
}

TEST_CASE("match_to_table: one block per person with a proposal or the reason") {
  const auto result = match(example());
  const std::string table = match_to_table(example(), result);
  for (const auto& item : result.proposals) {
    const auto& id = example().people[item.person].id;
    if (item.household >= 0)
      CHECK(table.find(id + "  ->  " +
                       example().households[static_cast<std::size_t>(item.household)].id) !=
            std::string::npos);
    else
      CHECK(table.find(id + "  ->  no household") != std::string::npos);
  }
  CHECK(table.find("not placements") != std::string::npos);
}

TEST_CASE("round_points: to 0.001 of a point") { CHECK(round_points(12.34567) == Approx(12.346)); }
