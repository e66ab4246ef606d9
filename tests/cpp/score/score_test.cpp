#include "slmatch/score/score.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Three people and four households with known feasibility:
///   P01: H01 H02 H03       (H04 is 50 km away)
///   P02: H01 H03           (no pets: H02 has a dog; H04 too far)
///   P03: H01 H02           (very high support: H03 only up to high; H04 lacks wheelchair
///                           access and is too far)
scheme small_scheme() {
  person p1 = make_person("P01");
  p1.interests = {"music"};
  person p2 = make_person("P02");
  p2.must_not = {avoidance::pets};
  p2.languages = {"Polish"};
  person p3 = make_person("P03");
  p3.support = support_level::very_high;
  p3.access_needs = {home_feature::wheelchair_access};
  p3.preferred_carer_gender = gender::male;

  household h1 = make_household("H01");
  household h2 = make_household("H02");
  h2.pets = 1;
  h2.interests = {"Music"};
  household h3 = make_household("H03");
  h3.max_support = support_level::high;
  h3.location = north_of(home_point(), 12.0);
  household h4 = make_household("H04");
  h4.features.erase(home_feature::wheelchair_access);
  h4.location = north_of(home_point(), 50.0);
  return make_scheme({p1, p2, p3}, {h1, h2, h3, h4});
}

std::size_t index(rule r) { return static_cast<std::size_t>(r); }

} // namespace

TEST_CASE("assess: feasible only when every rule passes; score is the factor total") {
  const scheme s = small_scheme();
  const auto ok = assess(s, s.people[0], s.households[0]);
  CHECK(ok.feasible);
  CHECK(ok.rules == check_rules(s, s.people[0], s.households[0]));
  CHECK(ok.factors == score_factors(s, s.people[0], s.households[0]));
  CHECK(ok.score == total_score(ok.factors));

  const auto blocked = assess(s, s.people[1], s.households[1]);
  CHECK_FALSE(blocked.feasible);
  CHECK_FALSE(blocked.rules[index(rule::no_pets)].passed);
  CHECK(blocked.score == total_score(blocked.factors));
}

TEST_CASE("score_scheme: feasible pairs in order, each equal to assess") {
  const scheme s = small_scheme();
  const score_table table = score_scheme(s);
  CHECK(table.people == 3);
  CHECK(table.households == 4);
  const std::vector<std::pair<std::size_t, std::size_t>> expected{{0, 0}, {0, 1}, {0, 2}, {1, 0},
                                                                  {1, 2}, {2, 0}, {2, 1}};
  REQUIRE(table.pairs.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& pair = table.pairs[k];
    CHECK(pair.person == expected[k].first);
    CHECK(pair.household == expected[k].second);
    const auto a = assess(s, s.people[pair.person], s.households[pair.household]);
    CHECK(a.feasible);
    CHECK(pair.score == a.score);
  }
  // Every pair not listed is infeasible.
  for (std::size_t i = 0; i < s.people.size(); ++i)
    for (std::size_t j = 0; j < s.households.size(); ++j) {
      const bool listed =
          std::find(expected.begin(), expected.end(), std::make_pair(i, j)) != expected.end();
      CHECK(assess(s, s.people[i], s.households[j]).feasible == listed);
    }
}

TEST_CASE("score_scheme: failures_by_rule counts households each rule rules out") {
  const scheme s = small_scheme();
  const score_table table = score_scheme(s);
  REQUIRE(table.failures_by_rule.size() == 3);

  std::array<int, vocabulary_size<rule>> p1{}, p2{}, p3{};
  p1[index(rule::travel)] = 1;
  p2[index(rule::no_pets)] = 1;
  p2[index(rule::travel)] = 1;
  p3[index(rule::approval_support_level)] = 1;
  p3[index(rule::accessibility)] = 1;
  p3[index(rule::travel)] = 1;
  CHECK(table.failures_by_rule[0] == p1);
  CHECK(table.failures_by_rule[1] == p2);
  CHECK(table.failures_by_rule[2] == p3);
}

TEST_CASE("score_scheme: an empty scheme gives an empty table") {
  const score_table table = score_scheme(make_scheme({make_person("P01")}, {}));
  CHECK(table.people == 1);
  CHECK(table.households == 0);
  CHECK(table.pairs.empty());
  REQUIRE(table.failures_by_rule.size() == 1);
  for (int count : table.failures_by_rule[0]) CHECK(count == 0);
}
