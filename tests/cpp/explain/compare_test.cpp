#include "slmatch/explain/compare.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// P01 weighs only community (1) and interests (3) and lists gardening and music.
///   H01: 20 km away, shares both interests:  100 * (1 * 0.5 + 3 * 1) / 4   = 87.5
///   H02: at home, shares music only:         100 * (1 * 1 + 3 * 0.5) / 4   = 62.5
///   H03: 20 km away, shares nothing:         100 * (1 * 0.5 + 3 * 0) / 4   = 12.5
///   H04: the same as H01 but another id:                                     87.5
///   H05: as H01 but has a dog, and P01 must not live with pets (infeasible)
scheme comparison_scheme() {
  person p = make_person("P01");
  p.interests = {"gardening", "music"};
  for (factor f : all_values<factor>()) p.weights[f] = 0.0;
  p.weights[factor::community] = 1.0;
  p.weights[factor::interests] = 3.0;
  p.must_not = {avoidance::pets};
  household h1 = make_household("H01");
  h1.location = north_of(home_point(), 20.0);
  h1.interests = {"Gardening", "music"};
  household h2 = make_household("H02");
  h2.interests = {"music", "chess"};
  household h3 = make_household("H03");
  h3.location = h1.location;
  h3.interests = {"football"};
  household h4 = h1;
  h4.id = "H04";
  household h5 = h1;
  h5.id = "H05";
  h5.pets = 1;
  h5.max_support = support_level::low;
  return make_scheme({p}, {h1, h2, h3, h4, h5});
}

double sum_of_differences(const pair_comparison& c) {
  double sum = 0.0;
  for (const auto& d : c.differences) sum += d.difference;
  return sum;
}

} // namespace

TEST_CASE("compare_pairs: a lower household, with the factors for and against it") {
  const scheme s = comparison_scheme();
  const pair_comparison c = compare_pairs(s, 0, 0, 1);
  CHECK(c.person_id == "P01");
  CHECK(c.chosen_household_id == "H01");
  CHECK(c.other_household_id == "H02");
  CHECK(c.other_feasible);
  CHECK(c.chosen_score == Approx(87.5));
  CHECK(c.other_score == Approx(62.5));
  CHECK(c.gap == Approx(25.0));
  CHECK(c.failed_rules.empty());

  REQUIRE(c.differences.size() == 2);
  CHECK(c.differences[0].id == factor::interests);
  CHECK(c.differences[0].chosen_points == Approx(75.0));
  CHECK(c.differences[0].other_points == Approx(37.5));
  CHECK(c.differences[0].difference == Approx(-37.5));
  CHECK(c.differences[0].other_sentence == "they share an interest in music");
  CHECK(c.differences[0].chosen_sentence == "they share interests in gardening and music");
  CHECK(c.differences[1].id == factor::community);
  CHECK(c.differences[1].difference == Approx(12.5));
  CHECK(sum_of_differences(c) == Approx(-c.gap));

  CHECK(c.summary == "Household H02 scores 25.0 points lower than H01 for P01, mostly on shared "
                     "interests (-37.5), though it scores higher on closeness to their community "
                     "(+12.5).");
  CHECK(c.reasons ==
        std::vector<std::string>{
            "Shared interests (-37.5): for H02, they share an interest in music; for H01, they "
            "share interests in gardening and music.",
            "Closeness to their community (+12.5): for H02, the household is 0 km from their "
            "home; for H01, the household is 20 km from their home."});
}

TEST_CASE("compare_pairs: a higher household reads the other way round") {
  const scheme s = comparison_scheme();
  const pair_comparison c = compare_pairs(s, 0, 1, 0);
  CHECK(c.gap == Approx(-25.0));
  REQUIRE(c.differences.size() == 2);
  CHECK(c.differences[0].difference == Approx(37.5));
  CHECK(c.differences[1].difference == Approx(-12.5));
  CHECK(c.summary == "Household H01 scores 25.0 points higher than H02 for P01, mostly on shared "
                     "interests (+37.5), though it scores lower on closeness to their community "
                     "(-12.5).");
}

TEST_CASE("compare_pairs: one factor making the whole gap is said to be all of it") {
  const scheme s = comparison_scheme();
  const pair_comparison c = compare_pairs(s, 0, 0, 2);
  CHECK(c.gap == Approx(75.0));
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].id == factor::interests);
  CHECK(c.differences[0].difference == -75.0);
  CHECK(
      c.summary ==
      "Household H03 scores 75.0 points lower than H01 for P01, all on shared interests (-75.0).");
  CHECK(c.reasons.size() == 1);
}

TEST_CASE("compare_pairs: equal households score the same and differ on nothing") {
  const scheme s = comparison_scheme();
  const pair_comparison c = compare_pairs(s, 0, 0, 3);
  CHECK(c.gap == 0.0);
  CHECK(c.differences.empty());
  CHECK(c.reasons.empty());
  CHECK(c.summary == "Household H04 scores the same as H01 for P01 (score 87.5).");
}

TEST_CASE("compare_pairs: an infeasible household gives its failed rules") {
  const scheme s = comparison_scheme();
  const pair_comparison c = compare_pairs(s, 0, 0, 4);
  CHECK_FALSE(c.other_feasible);
  REQUIRE(c.failed_rules.size() == 2);
  CHECK(c.failed_rules[0].id == rule::approval_support_level);
  CHECK(c.failed_rules[1].id == rule::no_pets);
  CHECK(c.reasons ==
        std::vector<std::string>{
            "The carer is not approved for a moderate support level (approved up to low).",
            "The household has 1 pet and the person must not live with pets."});
  CHECK(c.summary == "Household H05 cannot support P01: the carer is not approved for a moderate "
                     "support level (approved up to low); the household has 1 pet and the person "
                     "must not live with pets.");
  // The summary is the one explain_pair gives for the same pair.
  CHECK(c.summary == explain_pair(s, 0, 4).summary);
  // Scores are still compared: H05 would score as H01.
  CHECK(c.gap == 0.0);
}

TEST_CASE("compare_pairs: a factor used for one household only carries the whole gap") {
  // P01 weighs community and the carer's preferences equally. H01 states no preference
  // (the factor is not used: score 100 from community alone); H02 would prefer a man
  // (raw 0, weight 1 of 2: score 50). Both are at the person's home.
  person p = make_person("P01");
  for (factor f : all_values<factor>()) p.weights[f] = 0.0;
  p.weights[factor::community] = 1.0;
  p.weights[factor::carer_preference] = 1.0;
  household h1 = make_household("H01");
  household h2 = make_household("H02");
  h2.preferences.gender_identity = gender::male;
  const scheme s = make_scheme({p}, {h1, h2});

  const pair_comparison c = compare_pairs(s, 0, 0, 1);
  CHECK(c.chosen_score == Approx(100.0));
  CHECK(c.other_score == Approx(50.0));
  REQUIRE(c.differences.size() == 2);
  CHECK(c.differences[0].id == factor::carer_preference);
  CHECK(c.differences[0].difference == Approx(-50.0));
  CHECK(c.differences[0].other_points == 0.0);
  CHECK(c.differences[0].chosen_points == 0.0);
  CHECK(c.differences[1].id == factor::community); // points differ, share of the gap is 0
  CHECK(c.differences[1].chosen_points == Approx(100.0));
  CHECK(c.differences[1].other_points == Approx(50.0));
  CHECK(c.differences[1].difference == Approx(0.0).margin(1e-12));
  CHECK(sum_of_differences(c) == Approx(-c.gap));
  CHECK(c.summary == "Household H02 scores 50.0 points lower than H01 for P01, all on the "
                     "carer's preferences (-50.0).");
  CHECK(c.reasons == std::vector<std::string>{
                         "The carer's preferences (-50.0): for H02, the person does not match the "
                         "carer's preferred gender; for H01, the carer's preferences were not "
                         "used because the carer states no preferences that apply."});

  const pair_comparison back = compare_pairs(s, 0, 1, 0);
  REQUIRE_FALSE(back.differences.empty());
  CHECK(back.differences[0].id == factor::carer_preference);
  CHECK(back.differences[0].difference == Approx(50.0));
  CHECK(sum_of_differences(back) == Approx(-back.gap));
}

TEST_CASE("compare_pairs: the differences add up to the gap on a mixed scheme") {
  scheme s = comparison_scheme();
  person& p = s.people[0];
  p.weights.clear(); // every factor weighs something
  p.languages = {"Polish", "English"};
  p.way_of_life = lifestyle{0.1, 0.9, 0.5};
  p.known_households = {"H02"};
  s.households[1].languages = {"english"};
  s.households[1].preferences.min_age = 50;
  s.households[2].children_ages = {4};
  s.households[2].residents.push_back(
      resident{"R01", 70, gender::male, {}, lifestyle{0.9, 0.1, 0.5}, {"chess"}, {}});
  for (std::size_t chosen : {0u, 1u, 2u, 3u}) {
    for (std::size_t other = 0; other < s.households.size(); ++other) {
      if (other == chosen) continue;
      const pair_comparison c = compare_pairs(s, 0, chosen, other);
      CAPTURE(chosen, other);
      CHECK(sum_of_differences(c) == Approx(-c.gap).margin(1e-9));
      for (std::size_t k = 1; k < c.differences.size(); ++k)
        CHECK(std::abs(c.differences[k - 1].difference) >= std::abs(c.differences[k].difference));
    }
  }
}

TEST_CASE("compare_pairs: identical input gives identical output") {
  const scheme s = comparison_scheme();
  const scheme copy = s;
  const pair_comparison a = compare_pairs(s, 0, 0, 1);
  const pair_comparison b = compare_pairs(copy, 0, 0, 1);
  CHECK(a.summary == b.summary);
  CHECK(a.reasons == b.reasons);
  CHECK(a.differences == b.differences);
  CHECK(a.gap == b.gap);
}

TEST_CASE("compare_pairs: bad arguments throw") {
  const scheme s = comparison_scheme();
  CHECK_THROWS_WITH(compare_pairs(s, 1, 0, 1), "person index 1 is out of range (1 people)");
  CHECK_THROWS_WITH(compare_pairs(s, 0, 0, 9), "household index 9 is out of range (5 households)");
  CHECK_THROWS_WITH(compare_pairs(s, 0, 1, 1), "chosen and other household are both H02");
  CHECK_THROWS_WITH(compare_pairs(s, 0, 4, 0), "chosen household H05 cannot support person P01");
}

TEST_CASE("compare_pairs: a factor described alike for both households says so once") {
  // Both lifestyles are "a close fit" to P01's, with different raw scores.
  scheme s = comparison_scheme();
  s.people[0].weights[factor::lifestyle] = 2.0;
  s.people[0].way_of_life = lifestyle{0.5, 0.5, 0.5};
  s.households[0].way_of_life = lifestyle{0.5, 0.5, 0.45}; // fit 0.98333: a close fit
  s.households[1].way_of_life = lifestyle{0.5, 0.5, 0.3};  // fit 0.93333: a close fit
  const pair_comparison c = compare_pairs(s, 0, 0, 1);
  const factor_difference* lifestyle_difference = nullptr;
  for (const auto& d : c.differences)
    if (d.id == factor::lifestyle) lifestyle_difference = &d;
  REQUIRE(lifestyle_difference != nullptr);
  // 100 * 2 * (0.93333... - 0.98333...) / 6
  CHECK(lifestyle_difference->difference == Approx(-1.6666666667));
  const std::string said =
      "Lifestyle fit (-1.7): for both H02 and H01, their lifestyles are a close fit.";
  CHECK(std::find(c.reasons.begin(), c.reasons.end(), said) != c.reasons.end());
}
