#include "slmatch/explain/explain.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// P01 weighs only community (1) and interests (3); H01 is 20 km away and shares both
/// interests, so the score is 100 * (1 * 0.5 + 3 * 1) / 4 = 87.5.
scheme hand_scored_scheme() {
  person p = make_person("P01");
  p.interests = {"gardening", "music"};
  for (factor f : all_values<factor>()) p.weights[f] = 0.0;
  p.weights[factor::community] = 1.0;
  p.weights[factor::interests] = 3.0;
  household h = make_household("H01");
  h.location = north_of(home_point(), 20.0);
  h.interests = {"Gardening", "music"};
  return make_scheme({p}, {h});
}

} // namespace

TEST_CASE("explain_pair: feasible pair lists contributions largest first, unused last") {
  const scheme s = hand_scored_scheme();
  const pair_explanation e = explain_pair(s, 0, 0);
  CHECK(e.person_id == "P01");
  CHECK(e.household_id == "H01");
  CHECK(e.feasible);
  CHECK(e.score == Approx(87.5));
  CHECK(e.failed_rules.empty());

  REQUIRE(e.factors.size() == vocabulary_size<factor>);
  CHECK(e.factors[0].id == factor::interests);
  CHECK(e.factors[1].id == factor::community);
  // Then every unused factor in enum order.
  std::vector<factor> rest;
  for (std::size_t k = 2; k < e.factors.size(); ++k) {
    CHECK_FALSE(e.factors[k].used);
    rest.push_back(e.factors[k].id);
  }
  CHECK(rest == std::vector<factor>{factor::language, factor::faith_culture, factor::diet,
                                    factor::lifestyle, factor::household_mix, factor::continuity,
                                    factor::carer_preference, factor::experience,
                                    factor::gender_preference});

  REQUIRE(e.reasons.size() == e.factors.size());
  CHECK(e.reasons[0] == "They share interests in gardening and music (+75.0 points).");
  CHECK(e.reasons[1] == "The household is 20 km from their home (+12.5 points).");
  CHECK(e.reasons[2] == "Language was not used because its weight is 0.");
  CHECK(e.summary == "Household H01 is a strong match for P01 (score 87.5): they share "
                     "interests in gardening and music; the household is 20 km from their home.");
}

TEST_CASE("explain_pair: equal points keep enum order") {
  scheme s = hand_scored_scheme();
  s.people[0].weights[factor::interests] = 1.0;
  s.households[0].location = home_point(); // community raw 1, interests raw 1: 50 points each
  const pair_explanation e = explain_pair(s, 0, 0);
  CHECK(e.factors[0].id == factor::community);
  CHECK(e.factors[1].id == factor::interests);
  CHECK(e.factors[0].points == e.factors[1].points);
}

TEST_CASE("explain_pair: missing consent is said last and withheld data leaves no trace") {
  scheme s = hand_scored_scheme();
  person& p = s.people[0];
  p.weights.clear(); // scheme defaults: every factor weighs something
  p.consent.erase(data_category::interests);
  const pair_explanation e = explain_pair(s, 0, 0);
  const std::string said =
      "Shared interests were not used because consent to use interests was not given.";
  const auto at = std::find(e.reasons.begin(), e.reasons.end(), said);
  REQUIRE(at != e.reasons.end());
  // Every reason after it is also about an unused factor.
  const auto position = static_cast<std::size_t>(at - e.reasons.begin());
  for (std::size_t k = 0; k < e.factors.size(); ++k) CHECK(e.factors[k].used == (k < position));
  for (const auto& reason : e.reasons) CHECK(reason.find("gardening") == std::string::npos);

  p.interests = {"chess"};
  const pair_explanation changed = explain_pair(s, 0, 0);
  CHECK(changed.reasons == e.reasons);
  CHECK(changed.factors == e.factors);
  CHECK(changed.summary == e.summary);
  CHECK(changed.score == e.score);
}

TEST_CASE("explain_pair: infeasible pair gives one sentence per failed rule") {
  scheme s = hand_scored_scheme();
  s.people[0].must_not = {avoidance::pets};
  s.people[0].access_needs = {home_feature::wheelchair_access};
  s.households[0].pets = 1;
  s.households[0].features.erase(home_feature::wheelchair_access);
  const pair_explanation e = explain_pair(s, 0, 0);
  CHECK_FALSE(e.feasible);
  REQUIRE(e.failed_rules.size() == 2);
  CHECK(e.failed_rules[0].id == rule::accessibility);
  CHECK(e.failed_rules[1].id == rule::no_pets);
  CHECK(e.reasons == std::vector<std::string>{
                         "The home has no wheelchair access.",
                         "The household has 1 pet and the person must not live with pets."});
  CHECK(e.summary == "Household H01 cannot support P01: the home has no wheelchair access; the "
                     "household has 1 pet and the person must not live with pets.");
}

TEST_CASE("explain_pair: indices out of range throw") {
  const scheme s = hand_scored_scheme();
  CHECK_THROWS_AS(explain_pair(s, 1, 0), slmatch::error);
  CHECK_THROWS_WITH(explain_pair(s, 0, 3), "household index 3 is out of range (1 households)");
}

TEST_CASE("explain_unmatched: no feasible household, blocking rules by count") {
  person p = make_person("P01");
  p.support = support_level::very_high;
  p.specialist_needs = {specialist_skill::peg_feeding};
  household h1 = make_household("H01");
  h1.max_support = support_level::high;
  household h2 = make_household("H02");
  h2.max_support = support_level::high;
  h2.skills.erase(specialist_skill::peg_feeding);
  household h3 = make_household("H03");
  h3.skills.erase(specialist_skill::peg_feeding);
  household h4 = make_household("H04");
  h4.skills.erase(specialist_skill::peg_feeding);
  h4.pets = 2;
  p.must_not = {avoidance::pets};
  const scheme s = make_scheme({p}, {h1, h2, h3, h4});
  const score_table table = score_scheme(s);

  const unmatched_explanation e = explain_unmatched(s, table, {-1}, 0);
  CHECK(e.person_id == "P01");
  CHECK_FALSE(e.had_feasible_household);
  CHECK(e.places_taken.empty());
  CHECK(e.blocking_rules == std::vector<std::pair<rule, int>>{{rule::specialist_skills, 3},
                                                              {rule::approval_support_level, 2},
                                                              {rule::no_pets, 1}});
  CHECK(e.summary ==
        "No household can support P01: 3 households lack a specialist skill they need (PEG "
        "feeding), 2 households are not approved for their support level (very high) and 1 "
        "household has pets and they must not live with pets.");
}

TEST_CASE("explain_unmatched: suitable places taken by others, named by id") {
  person p1 = make_person("P01");
  person p2 = make_person("P02");
  person p3 = make_person("P03");
  p3.must_not = {avoidance::children};
  household h1 = make_household("H01");
  h1.places = 1;
  household h2 = make_household("H02");
  h2.places = 1;
  household h3 = make_household("H03");
  h3.children_ages = {3};
  const scheme s = make_scheme({p1, p2, p3}, {h1, h2, h3});
  const score_table table = score_scheme(s);

  const unmatched_explanation e = explain_unmatched(s, table, {1, 0, -1}, 2);
  CHECK(e.person_id == "P03");
  CHECK(e.had_feasible_household);
  CHECK(e.blocking_rules == std::vector<std::pair<rule, int>>{{rule::no_children, 1}});
  using taken = std::vector<std::pair<std::string, std::vector<std::string>>>;
  CHECK(e.places_taken == taken{{"H01", {"P02"}}, {"H02", {"P01"}}});
  CHECK(e.summary == "Both suitable households for P03 were taken by people who matched them "
                     "better or could go nowhere else: H01 (P02), H02 (P01).");

  // Only P01 placed, in H03: H01 and H02 still have room.
  const unmatched_explanation room = explain_unmatched(s, table, {2, -1, -1}, 2);
  CHECK(room.places_taken == taken{{"H01", {}}, {"H02", {}}});
  CHECK(room.summary ==
        "P03 was not placed although 2 of 2 suitable households still have room: H01, H02.");

  const unmatched_explanation one = explain_unmatched(s, table, {0, -1, -1}, 1);
  CHECK(one.places_taken == taken{{"H01", {"P01"}}, {"H02", {}}, {"H03", {}}});
  CHECK(one.summary == "P02 was not placed although 2 of 3 suitable households still have "
                       "room: H02, H03; places were taken in H01 (P01).");
}

TEST_CASE("explain_unmatched: the only suitable household") {
  person p1 = make_person("P01");
  person p2 = make_person("P02");
  household h1 = make_household("H01");
  h1.places = 1;
  const scheme s = make_scheme({p1, p2}, {h1});
  const unmatched_explanation e = explain_unmatched(s, score_scheme(s), {0, -1}, 1);
  CHECK(e.summary == "The only suitable household for P02 was taken by people who matched it "
                     "better or could go nowhere else: H01 (P01).");
}

TEST_CASE("explain_unmatched: bad arguments throw") {
  const scheme s = make_scheme({make_person("P01")}, {make_household("H01")});
  const score_table table = score_scheme(s);
  CHECK_THROWS_WITH(explain_unmatched(s, table, {0}, 0), "person P01 is placed, not unmatched");
  CHECK_THROWS_AS(explain_unmatched(s, table, {}, 0), slmatch::error);
  CHECK_THROWS_AS(explain_unmatched(s, table, {-1}, 1), slmatch::error);
  const scheme bigger = make_scheme({make_person("P01"), make_person("P02")}, {});
  CHECK_THROWS_AS(explain_unmatched(bigger, table, {-1, -1}, 0), slmatch::error);
}

TEST_CASE("explain_unmatched: a scheme with no households") {
  const scheme s = make_scheme({make_person("P01")}, {});
  const unmatched_explanation e = explain_unmatched(s, score_scheme(s), {-1}, 0);
  CHECK_FALSE(e.had_feasible_household);
  CHECK(e.blocking_rules.empty());
  CHECK(e.summary == "No household can support P01: the scheme has no households.");
}

TEST_CASE("explain_unmatched: the plan by household gives the same explanation") {
  scheme s = make_scheme();
  for (int i = 0; i < 4; ++i) s.people.push_back(make_person("P0" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) {
    auto h = make_household("H0" + std::to_string(i));
    h.places = 1;
    s.households.push_back(h);
  }
  const score_table table = score_scheme(s);
  const std::vector<int> plan = {2, -1, 0, -1};
  const plan_occupants occupants(s.households.size(), plan);
  CHECK(occupants.first == std::vector<std::size_t>{0, 1, 1, 2});
  CHECK(occupants.people == std::vector<std::size_t>{2, 0});
  for (std::size_t person : {1u, 3u}) {
    const auto alone = explain_unmatched(s, table, plan, person);
    const auto shared = explain_unmatched(s, table, plan, occupants, person);
    CHECK(alone.summary == shared.summary);
    CHECK(alone.places_taken == shared.places_taken);
    CHECK(alone.blocking_rules == shared.blocking_rules);
  }
  CHECK_THROWS(explain_unmatched(s, table, plan, plan_occupants(2, plan), 1));
}
