#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <set>
#include <sstream>

using namespace slmatch;

namespace {

const scheme& example() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

/// The report built as a `nlohmann::json` value, member by member: the definition the
/// streaming writers replaced, kept as the reference they must equal byte for byte.
nlohmann::json reference_report(const scheme& s, const match_result& result) {
  const auto shortlist = [&](const std::vector<scored_pair>& list) {
    auto out = nlohmann::json::array();
    for (const auto& pair : list)
      out.push_back(
          {{"household", s.households[pair.household].id}, {"score", round_points(pair.score)}});
    return out;
  };
  nlohmann::json out;
  out["scheme"] = s.id;
  out["as_of"] = s.policy.as_of.to_string();
  out["people"] = s.people.size();
  out["households"] = s.households.size();
  out["feasible_pairs"] = result.scores.pairs.size();
  out["matched"] = result.plan.matched;
  out["unmatched"] = static_cast<int>(s.people.size()) - result.plan.matched;
  out["total_score"] = round_points(static_cast<double>(result.plan.total) / score_units_per_point);
  auto proposals = nlohmann::json::array();
  for (const auto& item : result.proposals) {
    nlohmann::json entry;
    entry["person"] = s.people[item.person].id;
    if (item.why) {
      entry["status"] = "matched";
      entry["household"] = s.households[static_cast<std::size_t>(item.household)].id;
      entry["score"] = round_points(item.score);
      entry["summary"] = item.why->summary;
      entry["reasons"] = item.why->reasons;
      entry["factors"] = explanation_to_json(*item.why)["factors"];
    } else {
      const auto& why_not = *item.why_not;
      entry["status"] = "unmatched";
      entry["household"] = nullptr;
      entry["score"] = nullptr;
      entry["summary"] = why_not.summary;
      auto blocking = nlohmann::json::array();
      for (const auto& [rule_id, count] : why_not.blocking_rules)
        blocking.push_back({{"rule", std::string(to_string(rule_id))}, {"households", count}});
      entry["blocking_rules"] = blocking;
      auto taken = nlohmann::json::array();
      for (const auto& [household_id, people] : why_not.places_taken)
        taken.push_back({{"household", household_id}, {"taken_by", people}});
      entry["places_taken"] = taken;
    }
    entry["shortlist"] = shortlist(result.shortlists[item.person]);
    proposals.push_back(std::move(entry));
  }
  out["proposals"] = proposals;
  return out;
}

std::string json_text_of(const scheme& s, const match_result& result, int indent) {
  std::ostringstream text;
  write_match_json(text, s, result, indent);
  return text.str();
}

std::string jsonl_text_of(const scheme& s, const match_result& result) {
  std::ostringstream text;
  write_match_jsonl(text, s, result);
  return text.str();
}

/// Characters JSON must escape, and UTF-8 of every length, to put into ids and words.
const std::vector<std::string>& awkward_texts() {
  static const std::vector<std::string> texts{
      "\"quoted\"",
      "back\\slash/",
      "tab\tnew\nline\rfeed\fbell\b",
      std::string("ctl\x01\x1f\x7f nul\0!", 12),
      "caf\xc3\xa9 na\xc3\xafve",
      "\xe2\x9c\x93 \xe4\xb8\xad\xe6\x96\x87",
      "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
  };
  return texts;
}

/// A generated scheme whose ids, interests and languages need escaping or are not ASCII,
/// with weights at the edges of what validation accepts.
scheme awkward_scheme(const synthetic_options& options) {
  scheme s = generate_scheme(options);
  const auto& texts = awkward_texts();
  s.id = texts[options.seed % texts.size()] + s.id;
  std::map<std::string, std::string> person_ids, household_ids;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    auto& id = s.people[i].id;
    id = person_ids[id] = texts[i % texts.size()] + id;
  }
  for (std::size_t i = 0; i < s.households.size(); ++i) {
    auto& id = s.households[i].id;
    id = household_ids[id] = texts[(i + 3) % texts.size()] + id;
  }
  const auto rename = [](std::vector<std::string>& ids,
                         const std::map<std::string, std::string>& to) {
    for (auto& id : ids) id = to.at(id);
  };
  const auto decorate = [&](std::vector<std::string>& words) {
    for (auto& word : words) word += texts[word.size() % texts.size()];
  };
  for (auto& p : s.people) {
    rename(p.declined_households, household_ids);
    rename(p.known_households, household_ids);
    decorate(p.interests);
    decorate(p.languages);
  }
  for (auto& h : s.households) {
    rename(h.declined_people, person_ids);
    for (auto& r : h.residents) {
      rename(r.conflicts_with, person_ids);
      decorate(r.interests);
    }
    decorate(h.interests);
    decorate(h.languages);
  }
  for (auto& pair : s.policy.excluded_pairs) {
    pair.person_id = person_ids.at(pair.person_id);
    pair.household_id = household_ids.at(pair.household_id);
  }
  const double edges[] = {max_factor_weight,
                          1e-300,
                          std::numeric_limits<double>::denorm_min(),
                          0.1,
                          1.0 / 3.0,
                          123456.789,
                          0.0,
                          7.0};
  for (std::size_t f = 0; f < s.policy.weights.size(); ++f)
    s.policy.weights[f] = edges[(f + options.seed) % std::size(edges)];
  if (!s.people.empty()) s.people[0].weights[factor::interests] = 2.5e-7;
  return s;
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

TEST_CASE("write_match_json: the bytes of the report built as a JSON value, on the example") {
  for (int top : {0, 3, 50}) {
    match_options options;
    options.shortlist_size = top;
    const auto result = match(example(), options);
    const auto reference = reference_report(example(), result);
    CHECK(json_text_of(example(), result, 2) == reference.dump(2));
    CHECK(json_text_of(example(), result, -1) == reference.dump());
    CHECK(json_text_of(example(), result, 4) == reference.dump(4));
    CHECK(json_text_of(example(), result, 0) == reference.dump(0));
    CHECK(match_to_json(example(), result) == reference);
  }
}

TEST_CASE("write_match_json: the same bytes on generated schemes with awkward text and numbers") {
  for (const auto& [people, households, seed] :
       {std::tuple{0, 0, 1}, std::tuple{1, 0, 2}, std::tuple{0, 3, 3}, std::tuple{40, 25, 4},
        std::tuple{200, 120, 5}, std::tuple{300, 60, 6}}) {
    synthetic_options options;
    options.people = people;
    options.households = households;
    options.seed = static_cast<std::uint64_t>(seed);
    for (bool awkward : {false, true}) {
      CAPTURE(people, households, seed, awkward);
      const scheme s = awkward ? awkward_scheme(options) : generate_scheme(options);
      REQUIRE(check_scheme(s).empty());
      const auto result = match(s);
      const auto reference = reference_report(s, result);
      CHECK(json_text_of(s, result, 2) == reference.dump(2));
      CHECK(json_text_of(s, result, -1) == reference.dump());
    }
  }
}

TEST_CASE("write_match_json: a string that is not UTF-8 is refused, as the JSON value refuses it") {
  scheme s = example();
  s.id = "riverside\xff";
  const auto result = match(s);
  CHECK_THROWS_AS(reference_report(s, result).dump(), nlohmann::json::type_error);
  std::ostringstream text;
  CHECK_THROWS_AS(write_match_json(text, s, result), slmatch::error);
}

TEST_CASE("write_match_jsonl: a header line, then each proposal of the document on its own line") {
  synthetic_options options;
  options.people = 120;
  options.households = 70;
  options.seed = 9;
  for (const scheme& s : {example(), awkward_scheme(options)}) {
    const auto result = match(s);
    const auto document = nlohmann::json::parse(json_text_of(s, result, 2));
    std::istringstream lines(jsonl_text_of(s, result));
    std::string line;
    REQUIRE(std::getline(lines, line));
    const auto header = nlohmann::json::parse(line);
    CHECK(line == header.dump());
    CHECK(header["format"] == match_lines_format_name);
    auto expected_header = document;
    expected_header.erase("proposals");
    expected_header["format"] = match_lines_format_name;
    CHECK(header == expected_header);
    std::size_t count = 0;
    while (std::getline(lines, line)) {
      REQUIRE(count < document["proposals"].size());
      const auto& proposal = document["proposals"][count++];
      CHECK(line == proposal.dump());
      CHECK(nlohmann::json::parse(line) == proposal);
    }
    CHECK(count == s.people.size());
    CHECK(jsonl_text_of(s, result).back() == '\n');
  }
}
