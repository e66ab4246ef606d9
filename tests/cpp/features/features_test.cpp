#include "candidates/varied_scheme.hpp"
#include "slmatch/candidates/pair_scorer.hpp"
#include "slmatch/features/features.hpp"
#include "slmatch/score/score.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace slmatch;
using namespace slmatch::testing;

TEST_CASE("encode_scheme: each mask rule equals the reference rule") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const scheme s = varied_scheme(seed, 8, 10);
    const scheme_features f = encode_scheme(s);
    for (std::size_t i = 0; i < s.people.size(); ++i)
      for (std::size_t j = 0; j < s.households.size(); ++j) {
        for (rule r : all_values<rule>()) {
          const std::uint64_t bits = rule_bits::by_rule[static_cast<std::size_t>(r)];
          if (bits == 0) continue;
          INFO("seed " << seed << " person " << i << " household " << j << " rule "
                       << to_string(r));
          const bool passes = (f.person_rule_bits[i] & f.household_rule_bits[j] & bits) == 0;
          REQUIRE(passes == rule_passes(r, s, s.people[i], s.households[j]));
        }
        REQUIRE(pair_feasible(f, i, j) == is_feasible(s, s.people[i], s.households[j]));
      }
  }
}

TEST_CASE("score_pair: equals score_factors point by point, feasible or not") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const scheme s = varied_scheme(700 + seed, 6, 6);
    const scheme_features f = encode_scheme(s);
    for (std::size_t i = 0; i < s.people.size(); ++i)
      for (std::size_t j = 0; j < s.households.size(); ++j) {
        const auto expected = score_factors(s, s.people[i], s.households[j]);
        double points[vocabulary_size<factor>];
        const double score = score_pair(f, i, j, points);
        INFO("seed " << seed << " person " << i << " household " << j);
        REQUIRE(std::abs(score - total_score(expected)) <= 1e-9);
        for (std::size_t k = 0; k < expected.size(); ++k) {
          INFO("factor " << to_string(expected[k].id));
          REQUIRE(std::abs(points[k] - expected[k].points) <= 1e-9);
          REQUIRE(((f.person_factors[i] >> k) & 1u) <= 1u);
        }
      }
  }
}

TEST_CASE("encode_scheme: data without consent is not copied") {
  person p = make_person("P1");
  p.consent = {};
  p.anchors = {{anchor_kind::family, north_of(home_point(), 5)}};
  p.interests = {"music"};
  p.languages = {"welsh"};
  p.faith = "sikh";
  p.cultures = {"irish"};
  p.diets = {diet::halal};
  p.way_of_life = lifestyle{0.1, 0.2, 0.3};
  p.pets = attitude::avoid;
  p.known_households = {"H1"};
  household h = make_household("H1");
  h.interests = {"music"};
  h.languages = {"welsh"};
  const scheme_features f = encode_scheme(make_scheme({p}, {h}));

  REQUIRE(f.place_start[1] - f.place_start[0] == 1); // the home only
  REQUIRE(f.interest_count[0] == 0);
  REQUIRE(f.first_language[0] == -1);
  REQUIRE(f.has_faith[0] == 0);
  REQUIRE(f.culture_count[0] == 0);
  REQUIRE(f.person_diets[0] == 0);
  REQUIRE(f.has_lifestyle[0] == 0);
  REQUIRE(f.person_activity[0] == 0.0);
  REQUIRE(f.uses_household_preferences[0] == 0);
  REQUIRE(f.pets_feeling[0] == static_cast<std::uint8_t>(attitude::neutral));
  REQUIRE(f.known.empty());
  // No word a person withheld gets an id, so households' words are not even encoded.
  REQUIRE(count_ids(f.household_interests.row(0), f.household_interests.words_per_row()) == 0);
  const std::uint32_t consented_only =
      (1u << unsigned(factor::community)) | (1u << unsigned(factor::household_mix)) |
      (1u << unsigned(factor::carer_preference)) | (1u << unsigned(factor::experience));
  REQUIRE(f.person_factors[0] == consented_only);
}

TEST_CASE("encode_scheme: consented data is copied, words compared lowercased") {
  person p = make_person("P1");
  p.interests = {"Music", "music", "Art"};
  p.languages = {"Welsh", "english"};
  household h = make_household("H1");
  h.interests = {"MUSIC"};
  h.languages = {"WELSH"};
  const scheme s = make_scheme({p}, {h});
  const scheme_features f = encode_scheme(s);
  REQUIRE(f.interest_count[0] == 2);
  REQUIRE(f.household_languages.test(0, f.first_language[0]));
  double points[vocabulary_size<factor>];
  REQUIRE(std::abs(score_pair(f, 0, 0, points) - total_score(score_factors(s, p, h))) <= 1e-9);
}

TEST_CASE("encode_scheme: more distinct words than one 64-bit word holds") {
  person p = make_person("P1");
  for (int k = 0; k < 150; ++k) p.interests.push_back("interest " + std::to_string(k));
  household h = make_household("H1");
  h.interests = {"interest 149", "INTEREST 70", "interest 3"};
  person q = make_person("P2");
  q.interests = {"interest 149"};
  const scheme s = make_scheme({p, q}, {h});
  const scheme_features f = encode_scheme(s);
  REQUIRE(f.person_interests.words_per_row() == 3);
  REQUIRE(f.interest_count[0] == 150);
  for (std::size_t i = 0; i < 2; ++i) {
    double points[vocabulary_size<factor>];
    score_pair(f, i, 0, points);
    const auto expected = score_factors(s, s.people[i], h);
    REQUIRE(std::abs(points[1] - expected[1].points) <= 1e-9);
    REQUIRE(expected[1].raw == 1.0);
  }
}

TEST_CASE("encode_scheme: blocked households merge declines and conflicts") {
  person p = make_person("P1");
  p.declined_households = {"H2", "H2"};
  p.conflicts_with = {"R1"};
  household h1 = make_household("H1"), h2 = make_household("H2");
  h2.residents = {resident{"R1", 40, gender::male, {}, std::nullopt, {}, {"P1"}}};
  scheme s = make_scheme({p}, {h1, h2});
  s.policy.excluded_pairs = {{"P1", "H1"}};
  const scheme_features f = encode_scheme(s);
  REQUIRE(f.blocked.size() == 2);
  REQUIRE(f.blocked[0].household == 0);
  REQUIRE(f.blocked[0].reasons == static_cast<std::uint8_t>(block_reason::declined));
  REQUIRE(f.blocked[1].household == 1);
  REQUIRE(f.blocked[1].reasons == static_cast<std::uint8_t>(block_reason::both));
}

TEST_CASE("bit_rows: sets, tests and counts ids across words") {
  bit_rows rows(2, 130);
  REQUIRE(rows.words_per_row() == 3);
  rows.set(1, 0);
  rows.set(1, 129);
  rows.set(0, 129);
  REQUIRE(rows.test(1, 129));
  REQUIRE_FALSE(rows.test(0, 0));
  REQUIRE_FALSE(rows.test(0, -1));
  REQUIRE(count_ids(rows.row(1), 3) == 2);
  REQUIRE(count_common(rows.row(0), rows.row(1), 3) == 1);
  REQUIRE(count_common_except(rows.row(1), rows.row(1), rows.row(0), 3) == 1);
  word_ids ids;
  REQUIRE(ids.add("Music") == 0);
  REQUIRE(ids.add("music") == 0);
  REQUIRE(ids.find("MUSIC") == 0);
  REQUIRE(ids.find("art") == -1);
}

TEST_CASE("score_pair: equals score_factors for large households and unusual age ranges") {
  // Households of 1 to 9 members (past the ages kept in `household_terms`), residents with
  // and without lifestyles, and carers' age ranges that are open, closed or inverted.
  std::vector<household> households;
  for (int members = 1; members <= 9; ++members)
    for (int range = 0; range < 5; ++range) {
      household h = make_household("H" + std::to_string(members) + "_" + std::to_string(range));
      h.adults.clear();
      for (int m = 0; m < members; ++m) {
        if (m < 2) {
          h.adults.push_back(household_adult{gender::male, 20 + 7 * m * members, m == 0, false});
        } else {
          resident r;
          r.id = h.id + "_R" + std::to_string(m);
          r.age = 15 + 9 * m;
          if (m % 2) r.way_of_life = lifestyle{0.1 * m, 0.9, 0.05 * m};
          h.residents.push_back(r);
        }
      }
      if (range == 1) h.preferences.min_age = 30;
      if (range == 2) h.preferences.max_age = 30;
      if (range == 3) {
        h.preferences.min_age = 25;
        h.preferences.max_age = 32;
      }
      if (range == 4) { // inverted: the reference lets the maximum decide
        h.preferences.min_age = 60;
        h.preferences.max_age = 20;
      }
      h.preferences.gender_identity = range % 2 ? gender::female : gender::male;
      households.push_back(h);
    }
  std::vector<person> people;
  for (int k = 0; k < 6; ++k) {
    person p = make_person("P" + std::to_string(k));
    p.date_of_birth = make_date(k % 2 ? "1950-06-01" : "2004-02-29");
    if (k % 3 == 1) p.way_of_life = lifestyle{0.2, 0.4, 0.6};
    if (k == 5) p.needs = {};
    if (k == 4) p.consent = {};
    people.push_back(p);
  }
  const scheme s = make_scheme(people, households);
  const scheme_features f = encode_scheme(s);
  REQUIRE(f.terms.size() == households.size());
  for (std::size_t i = 0; i < s.people.size(); ++i)
    for (std::size_t j = 0; j < s.households.size(); ++j) {
      const auto expected = score_factors(s, s.people[i], s.households[j]);
      double points[vocabulary_size<factor>];
      const double score = score_pair(f, i, j, points);
      INFO("person " << i << " household " << j);
      REQUIRE(std::abs(score - total_score(expected)) <= 1e-9);
      for (std::size_t k = 0; k < expected.size(); ++k) {
        INFO("factor " << to_string(expected[k].id));
        REQUIRE(std::abs(points[k] - expected[k].points) <= 1e-9);
      }
    }
  // Households of more than `age_slots` members are read from `member_age` instead.
  REQUIRE(f.terms.back().members_in_record == 0);
  REQUIRE(f.terms.front().members_in_record == 1);
}
