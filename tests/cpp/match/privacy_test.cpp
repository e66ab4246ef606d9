// People own their information: data a person did not consent to, and personal fields no
// factor reads (names, notes), never change a score, a plan or an explanation; and the logs
// of a full run at the most detailed level hold no names, dates of birth or free text.

#include "slmatch/audit/audit.hpp"
#include "slmatch/explain/compare.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/log.hpp"
#include "slmatch/match.hpp"
#include "slmatch/record/run_record.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/views.hpp"

#include "candidates/varied_scheme.hpp"
#include "support/random_scheme.hpp"

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Everything a full run shows about a scheme: the match report, every household's view
/// with its explanations, and each person's comparison of their two best households.
std::string everything_shown(const scheme& s) {
  const match_result result = match(s);
  std::string shown = match_to_json(s, result).dump();
  const scheme_views views = build_views(s);
  for (const double score : views.person_scores) shown += " " + std::to_string(score);
  for (const double score : views.household_scores) shown += " " + std::to_string(score);
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    const auto& list = result.shortlists[p];
    for (const auto& pair : list) {
      const auto view = explain_household_view(s, p, pair.household);
      shown += view.summary;
      for (const auto& reason : view.reasons) shown += reason;
    }
    if (list.size() >= 2) {
      const auto comparison = compare_pairs(s, p, list[0].household, list[1].household);
      shown += comparison.summary;
      for (const auto& reason : comparison.reasons) shown += reason;
    }
  }
  return shown;
}

/// Collects the "slmatch" logger's output at trace level while alive.
class captured_log {
public:
  captured_log() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(text_)) {
    logger().sinks().push_back(sink_);
    level_ = logger().level();
    logger().set_level(spdlog::level::trace);
  }
  ~captured_log() {
    auto& sinks = logger().sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    logger().set_level(level_);
  }
  captured_log(const captured_log&) = delete;
  captured_log& operator=(const captured_log&) = delete;
  std::string text() {
    logger().flush();
    return text_.str();
  }

private:
  std::ostringstream text_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  spdlog::level::level_enum level_ = spdlog::level::warn;
};

} // namespace

TEST_CASE("match: data without consent never changes a score, plan or explanation") {
  std::mt19937 rng(2026);
  int consented_changes = 0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    const scheme original = varied_scheme(seed, 9, 7);
    const std::string before = everything_shown(original);
    for (int round = 0; round < 3; ++round) {
      scheme scrambled = original;
      for (auto& p : scrambled.people) {
        scramble_withheld(p, rng);
        p.name = "someone " + std::to_string(rng());
        p.notes = "a note " + std::to_string(rng());
      }
      for (auto& h : scrambled.households) h.name = "carer " + std::to_string(rng());
      REQUIRE(everything_shown(scrambled) == before);
    }
    // The same mutation with consent given does change what is shown: the check can fail.
    scheme consented = original;
    for (auto& p : consented.people) {
      p.consent = {};
      scramble_withheld(p, rng); // every category
      for (const data_category c : all_values<data_category>()) p.consent.insert(c);
    }
    if (everything_shown(consented) != before) ++consented_changes;
  }
  CHECK(consented_changes > 30);
}

TEST_CASE("match: trace logs of a full run hold no names, dates of birth or free text") {
  scheme s = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  std::vector<std::string> personal;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    s.people[p].name = "Forename" + std::to_string(p) + " Surname";
    s.people[p].notes = "Confidential note number " + std::to_string(p);
    personal.push_back(s.people[p].name);
    personal.push_back(s.people[p].notes);
    personal.push_back(s.people[p].date_of_birth.to_string());
    if (s.people[p].faith) personal.push_back(*s.people[p].faith);
    if (s.people[p].ethnicity) personal.push_back(*s.people[p].ethnicity);
  }
  for (auto& h : s.households) {
    h.name = "Carer " + h.id + " Family";
    personal.push_back(h.name);
  }
  std::string logged;
  {
    captured_log log;
    const scheme loaded = parse_scheme(dump_scheme(s));
    const match_result result = match(loaded);
    (void)audit_plan(loaded, result);
    const scheme_views views = build_views(loaded);
    const ranked_pairs pairs = rank_pairs(views.lists);
    (void)deferred_acceptance(pairs, proposing_side::people);
    (void)deferred_acceptance(pairs, proposing_side::households);
    (void)explain_pair(loaded, 0, 0);
    (void)compare_pairs(loaded, 0, 0, 1);
    (void)explain_household_view(loaded, 0, 0);
    (void)make_run_record(loaded, match_options{}, result);
    logged = log.text();
  }
  REQUIRE(logged.find("feasible pairs") != std::string::npos); // it did log
  REQUIRE(logged.find("audit:") != std::string::npos);
  REQUIRE(logged.find("views:") != std::string::npos);
  for (const auto& value : personal) {
    INFO(value);
    CHECK(logged.find(value) == std::string::npos);
  }
}
