#include "slmatch/record/run_record.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/io/run_record_json.hpp"
#include "slmatch/version.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace slmatch;

namespace {

const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

std::string record_of(const scheme& s, const match_options& options = {}) {
  return dump_run_record(make_run_record(s, options, match(s, options)));
}

} // namespace

TEST_CASE("sha256_hex: the standard's test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("make_run_record: identical input gives a byte-identical record") {
  const std::string first = record_of(riverside());
  CHECK(record_of(riverside()) == first);
  // The same scheme written differently (indent, key order) hashes the same: the hash is
  // over its canonical form.
  const nlohmann::json document = nlohmann::json::parse(dump_scheme(riverside()));
  CHECK(record_of(parse_scheme(document.dump(7))) == first);
  // Any number of threads gives the same result hash.
  match_options threaded;
  threaded.threads = 2;
  const auto a = nlohmann::json::parse(first);
  const auto b = nlohmann::json::parse(record_of(riverside(), threaded));
  CHECK(b["result_sha256"] == a["result_sha256"]);
  CHECK(b["input_sha256"] == a["input_sha256"]);
  CHECK(b["configuration"]["threads"] == 2);
}

TEST_CASE("make_run_record: fields, version and configuration") {
  match_options options;
  options.shortlist_size = 5;
  options.goal = objective::max_total;
  const auto record = nlohmann::json::parse(record_of(riverside(), options));
  CHECK(record["format"] == "slmatch-run-record");
  CHECK(record["version"] == 1);
  CHECK(record["library_version"] == std::string(library_version));
  CHECK(record["hash"] == "sha256");
  CHECK(record["scheme"] == riverside().id);
  CHECK(record["input_sha256"] == sha256_hex(dump_scheme(riverside(), -1)));
  CHECK(record["configuration"]["objective"] == "max_total");
  CHECK(record["configuration"]["shortlist_size"] == 5);
  CHECK(record["people"].size() == riverside().people.size());
  CHECK(record["people"][0]["person"] == riverside().people[0].id);
  CHECK(record["result_sha256"].get<std::string>().size() == 64);
}

TEST_CASE("make_run_record: the result hash is the SHA-256 of the compact report") {
  const auto result = match(riverside());
  const auto record = make_run_record(riverside(), match_options{}, result);
  CHECK(record.result_sha256 == sha256_hex(match_to_json(riverside(), result).dump()));
}

TEST_CASE("make_run_record: no personal field value appears in it") {
  scheme s = riverside();
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    s.people[p].name = "Private Person " + std::to_string(p);
    s.people[p].notes = "private free text " + std::to_string(p);
  }
  const std::string record = record_of(s);
  for (const auto& p : s.people) {
    INFO(p.id);
    std::vector<std::string> values{p.name, p.notes, p.date_of_birth.to_string(),
                                    p.waiting_since.to_string()};
    for (const auto& v : p.interests) values.push_back("\"" + v + "\"");
    for (const auto& v : p.languages) values.push_back("\"" + v + "\"");
    for (const auto& v : p.cultures) values.push_back("\"" + v + "\"");
    if (p.faith) values.push_back("\"" + *p.faith + "\"");
    if (p.ethnicity) values.push_back("\"" + *p.ethnicity + "\"");
    for (const auto& value : values) CHECK(record.find(value) == std::string::npos);
  }
  for (const auto& h : s.households)
    if (!h.name.empty()) CHECK(record.find(h.name) == std::string::npos);
}

TEST_CASE("make_run_record: changing the input changes its hash") {
  const auto before = nlohmann::json::parse(record_of(riverside()));
  scheme s = riverside();
  s.people[0].notes += " (updated)"; // not read by scoring: the result stays the same
  const auto notes_changed = nlohmann::json::parse(record_of(s));
  CHECK(notes_changed["input_sha256"] != before["input_sha256"]);
  CHECK(notes_changed["result_sha256"] == before["result_sha256"]);
  s.households[0].active = false; // changes who can be matched there
  const auto changed = nlohmann::json::parse(record_of(s));
  CHECK(changed["input_sha256"] != before["input_sha256"]);
  CHECK(changed["result_sha256"] != before["result_sha256"]);
}

TEST_CASE("data_categories_used: core data, then consented categories a weighed factor reads") {
  scheme s = riverside();
  person& p = s.people[0];
  p.consent = {};
  CHECK(data_categories_used(s, 0) == std::vector<std::string>{"assessment"});
  p.consent = {data_category::interests, data_category::ethnicity};
  p.weights[factor::interests] = 2;
  // Ethnicity is never scored, so it is never listed as used.
  CHECK(data_categories_used(s, 0) == std::vector<std::string>{"assessment", "interests"});
  p.weights[factor::interests] = 0; // consented but weighed 0: not read
  CHECK(data_categories_used(s, 0) == std::vector<std::string>{"assessment"});
  CHECK_THROWS_AS(data_categories_used(s, s.people.size()), error);
}
