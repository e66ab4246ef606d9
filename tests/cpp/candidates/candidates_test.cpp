#include "candidates/varied_scheme.hpp"
#include "slmatch/candidates/candidates.hpp"
#include "slmatch/score/score.hpp"
#include "support/factor_positions.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Every feasible pair, score, point and rule count of `pairs` equals the reference.
void require_equals_reference(const scheme& s, const candidate_pairs& pairs, bool check_points) {
  const score_table reference = score_scheme(s);
  REQUIRE(pairs.people == s.people.size());
  REQUIRE(pairs.households == s.households.size());
  REQUIRE(pairs.row_start.size() == s.people.size() + 1);
  REQUIRE(pairs.size() == reference.pairs.size());
  for (std::size_t k = 0; k < reference.pairs.size(); ++k) {
    const scored_pair& expected = reference.pairs[k];
    INFO("scheme " << s.id << " pair " << k << " person " << expected.person << " household "
                   << expected.household);
    REQUIRE(pairs.row_start[expected.person] <= static_cast<std::int64_t>(k));
    REQUIRE(static_cast<std::int64_t>(k) < pairs.row_start[expected.person + 1]);
    REQUIRE(pairs.household[k] == static_cast<std::int32_t>(expected.household));
    REQUIRE(std::abs(pairs.score[k] - expected.score) <= 1e-9);
    if (check_points) {
      const auto factors =
          score_factors(s, s.people[expected.person], s.households[expected.household]);
      for (std::size_t f = 0; f < factor_count; ++f)
        REQUIRE(std::abs(pairs.contributions[k * factor_count + f] - factors[f].points) <= 1e-9);
    }
  }
}

bool identical(const candidate_pairs& a, const candidate_pairs& b) {
  return a.people == b.people && a.households == b.households && a.row_start == b.row_start &&
         a.household == b.household && a.score == b.score && a.contributions == b.contributions;
}

} // namespace

TEST_CASE("score_candidates: equals the reference scoring on thousands of random schemes") {
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    const scheme s = varied_scheme(seed, 1 + seed % 9, 1 + seed % 11);
    candidate_options options;
    options.search = seed % 2 ? candidate_search::dense : candidate_search::grid;
    require_equals_reference(s, score_candidates(s, options), seed % 4 < 2);
  }
}

TEST_CASE("score_candidates: the grid loses no feasible pair") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const scheme s = varied_scheme(5000 + seed, 20, 40);
    const scheme_features f = encode_scheme(s);
    candidate_options dense;
    dense.search = candidate_search::dense;
    const candidate_pairs expected = score_candidates(f, dense);
    for (double cell : {0.0, 0.3, 3.0, 50.0}) {
      candidate_options grid;
      grid.search = candidate_search::grid;
      grid.cell_km = cell;
      INFO("seed " << seed << " cell " << cell);
      REQUIRE(identical(score_candidates(f, grid), expected));
    }
    require_equals_reference(s, expected, false);
  }
}

TEST_CASE("score_candidates: the same output on 1, 2 and 4 threads") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const scheme s = varied_scheme(9000 + seed, 150 + static_cast<int>(seed), 60);
    const scheme_features f = encode_scheme(s);
    for (auto search : {candidate_search::dense, candidate_search::grid}) {
      candidate_options one;
      one.search = search;
      const candidate_pairs expected = score_candidates(f, one);
      for (int threads : {2, 4}) {
        candidate_options many = one;
        many.threads = threads;
        REQUIRE(identical(score_candidates(f, many), expected));
      }
    }
  }
}

TEST_CASE("score_candidates: contributions can be left out") {
  const scheme s = varied_scheme(77, 30, 30);
  candidate_options options;
  const candidate_pairs kept = score_candidates(s, options);
  options.keep_contributions = false;
  const candidate_pairs bare = score_candidates(s, options);
  REQUIRE(bare.contributions.empty());
  REQUIRE(kept.contributions.size() == kept.size() * factor_count);
  REQUIRE(bare.score == kept.score);
  REQUIRE(bare.household == kept.household);
}

TEST_CASE("score_candidates: households exactly at the travel limit pass, just past it fail") {
  for (double limit : {0.5, 1.0, 7.25, 40.0, 333.0}) {
    person p = make_person("P1");
    p.travel_limit_km = limit;
    household at = make_household("H1"), past = make_household("H2"), near = make_household("H3");
    at.location = north_of(home_point(), limit);
    past.location = north_of(home_point(), limit * (1 + 1e-9) + 1e-9);
    near.location = north_of(home_point(), limit * 0.999);
    const scheme s = make_scheme({p}, {at, past, near});
    INFO("limit " << limit);
    for (auto search : {candidate_search::dense, candidate_search::grid}) {
      candidate_options options;
      options.search = search;
      const candidate_pairs pairs = score_candidates(s, options);
      require_equals_reference(s, pairs, true);
      REQUIRE(pairs.size() == static_cast<std::size_t>(is_feasible(s, p, at)) + 1);
    }
  }
}

TEST_CASE("score_candidates: rejects fewer than one thread") {
  candidate_options options;
  options.threads = 0;
  REQUIRE_THROWS_WITH(score_candidates(make_scheme(), options), "threads must be >= 1");
}

TEST_CASE("score_candidates: an empty scheme has no pairs") {
  const candidate_pairs pairs = score_candidates(make_scheme());
  REQUIRE(pairs.size() == 0);
  REQUIRE(pairs.row_start == std::vector<std::int64_t>{0});
}

TEST_CASE("to_score_table: on any threads, with every rule count filled, equals score_scheme") {
  for (unsigned seed = 1; seed <= 400; ++seed) {
    const scheme s = varied_scheme(20000 + seed, 1 + seed % 7, 1 + seed % 13);
    const scheme_features f = encode_scheme(s);
    score_table table = to_score_table(score_candidates(f), 1 + static_cast<int>(seed % 3));
    const score_table reference = score_scheme(s);
    std::vector<std::size_t> everyone;
    for (std::size_t p = 0; p < s.people.size(); ++p) everyone.push_back(p);
    fill_rule_failures(f, table, everyone);
    INFO("seed " << seed);
    REQUIRE(table.people == reference.people);
    REQUIRE(table.households == reference.households);
    REQUIRE(table.failures_by_rule == reference.failures_by_rule);
    REQUIRE(table.pairs.size() == reference.pairs.size());
    for (std::size_t k = 0; k < table.pairs.size(); ++k) {
      REQUIRE(table.pairs[k].person == reference.pairs[k].person);
      REQUIRE(table.pairs[k].household == reference.pairs[k].household);
      REQUIRE(std::abs(table.pairs[k].score - reference.pairs[k].score) <= 1e-9);
    }
  }
}

TEST_CASE("fill_rule_failures: fills only the people asked for") {
  const scheme s = varied_scheme(4242, 6, 12);
  const scheme_features f = encode_scheme(s);
  score_table table = to_score_table(score_candidates(f));
  fill_rule_failures(f, table, {2});
  const score_table reference = score_scheme(s);
  REQUIRE(table.failures_by_rule[2] == reference.failures_by_rule[2]);
  REQUIRE(table.failures_by_rule[0] == std::array<int, vocabulary_size<rule>>{});
  REQUIRE_THROWS_WITH(fill_rule_failures(f, table, {6}), "person index 6 is out of range");
}

TEST_CASE("score_candidates: withheld data changes nothing") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    scheme s = varied_scheme(30000 + seed, 12, 15);
    std::mt19937 rng(seed);
    for (auto& p : s.people) p.consent = random_tags<data_category>(rng, 0.5);
    const candidate_pairs before = score_candidates(s);
    for (auto& p : s.people) {
      auto withheld = [&](data_category c) { return !p.consent.contains(c); };
      if (withheld(data_category::community))
        p.anchors = {{anchor_kind::family, geo_point{10.0, 10.0}}};
      if (withheld(data_category::interests)) p.interests = {"gardening", "Music", "art"};
      if (withheld(data_category::languages)) p.languages = {"english", "urdu"};
      if (withheld(data_category::faith_culture)) {
        p.faith = "muslim";
        p.cultures = {"irish", "polish"};
      }
      if (withheld(data_category::diet)) p.diets = {diet::halal, diet::vegan};
      if (withheld(data_category::lifestyle)) p.way_of_life = lifestyle{0.0, 1.0, 0.0};
      if (withheld(data_category::household_preferences)) {
        p.pets = attitude::avoid;
        p.children = attitude::welcome;
      }
      if (withheld(data_category::history)) p.known_households = {"H0", "H1", "H2"};
      p.ethnicity = "changed";
    }
    INFO("seed " << seed);
    REQUIRE(identical(score_candidates(s), before));
  }
}
