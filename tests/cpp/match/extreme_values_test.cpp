// Schemes that validate with values at the edges of their ranges go through the whole
// pipeline: each case here once crashed `slmatch match` or was refused deep inside it.

#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/validate.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace slmatch;

namespace {

const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

/// Matches `s`, checks every proposal reads as finite numbers and sentences, and returns the
/// number of people matched.
int matched_with_readable_reasons(const scheme& s) {
  REQUIRE(check_scheme(s).empty());
  const match_result result = match(s);
  (void)match_to_json(s, result).dump();
  (void)match_to_table(s, result);
  int matched = 0;
  for (const auto& p : result.proposals) {
    CHECK(std::isfinite(p.score));
    if (p.household < 0) continue;
    ++matched;
    REQUIRE(p.why);
    CHECK_FALSE(p.why->summary.empty());
    for (const auto& reason : p.why->reasons)
      CHECK(reason.find("-9223372036854775808") == std::string::npos);
  }
  return matched;
}

} // namespace

TEST_CASE("match: travel limits far beyond the Earth's size are handled all the way through") {
  const int usual = matched_with_readable_reasons(riverside());
  for (double limit : {20038.0, 9.3e18, 1e300, 1.7976931348623157e308}) {
    CAPTURE(limit);
    scheme s = riverside();
    s.policy.travel_limit_km = limit;
    CHECK(matched_with_readable_reasons(s) >= usual);
    s.people[0].travel_limit_km = limit;
    CHECK(matched_with_readable_reasons(s) >= usual);
  }
}

TEST_CASE("match: the largest weights validation accepts give finite scores") {
  scheme s = riverside();
  for (auto& w : s.policy.weights) w = max_factor_weight;
  s.people[0].weights[factor::community] = max_factor_weight;
  CHECK(matched_with_readable_reasons(s) == matched_with_readable_reasons(riverside()));
}

TEST_CASE("match: homes at the poles and on the antimeridian") {
  scheme s = riverside();
  s.people[0].location = {90.0, 0.0};
  s.people[1].location = {-90.0, 180.0};
  s.households[0].location = {0.0, -180.0};
  s.households[1].location = {0.0, 180.0};
  s.policy.travel_limit_km = 20038.0;
  CHECK(matched_with_readable_reasons(s) > 0);
}
