#include "slmatch/score/factors.hpp"
#include "slmatch/score/rules.hpp"

#include "support/factor_positions.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

const factor_outcome& outcome(const std::vector<factor_outcome>& all, factor f) {
  return all[index(f)];
}

/// The factor's outcome for a pair under `make_scheme()`.
factor_outcome score_of(factor f, const person& p, const household& h) {
  return score_factors(make_scheme(), p, h)[index(f)];
}

/// A person with data in every consented category.
person rich_person() {
  person p = make_person("P01");
  p.anchors = {anchor{anchor_kind::family, north_of(home_point(), 10.0)}};
  p.interests = {"Gardening", "music"};
  p.languages = {"Urdu", "English"};
  p.faith = "Islam";
  p.cultures = {"Pakistani"};
  p.diets = {diet::halal};
  p.way_of_life = lifestyle{0.2, 0.8, 0.9};
  p.pets = attitude::welcome;
  p.children = attitude::avoid;
  p.known_households = {"H01"};
  p.ethnicity = "Pakistani";
  return p;
}

/// A household that differs from `rich_person` on every factor.
household rich_household() {
  household h = make_household("H01");
  h.interests = {"gardening"};
  h.languages = {"english"};
  h.faiths = {"Christianity"};
  h.cultures = {"English"};
  h.pets = 1;
  h.children_ages = {5};
  h.residents.push_back(
      resident{"R01", 30, gender::male, {}, lifestyle{0.1, 0.1, 0.1}, {"Music"}, {}});
  return h;
}

/// For each category: what withholding it does, and a change to the withheld data.
struct withheld_category {
  data_category category;
  std::optional<factor> unused_factor; ///< factor reported as not used, if a whole one
  factor noted_in;                     ///< factor whose sentence mentions the missing consent
  std::function<void(person&)> mutate;
};

std::vector<withheld_category> withheld_categories() {
  return {
      {data_category::community, std::nullopt, factor::community,
       [](person& p) {
         p.anchors = {anchor{anchor_kind::work, north_of(home_point(), 300.0)}};
       }},
      {data_category::interests, factor::interests, factor::interests,
       [](person& p) {
         p.interests = {"music", "chess"};
       }},
      {data_category::languages, factor::language, factor::language,
       [](person& p) { p.languages = {"English"}; }},
      {data_category::faith_culture, factor::faith_culture, factor::faith_culture,
       [](person& p) {
         p.faith = "Christianity";
         p.cultures = {"English", "Irish"};
       }},
      {data_category::diet, factor::diet, factor::diet,
       [](person& p) {
         p.diets = {diet::vegan, diet::kosher};
       }},
      {data_category::lifestyle, factor::lifestyle, factor::household_mix,
       [](person& p) {
         p.way_of_life = lifestyle{1.0, 0.0, 0.0};
       }},
      {data_category::household_preferences, std::nullopt, factor::household_mix,
       [](person& p) {
         p.pets = attitude::avoid;
         p.children = attitude::welcome;
       }},
      {data_category::history, factor::continuity, factor::continuity,
       [](person& p) { p.known_households = {"H02"}; }},
  };
}

} // namespace

TEST_CASE("effective_weights: person overrides replace scheme defaults") {
  policy pol;
  person p = make_person("P01");
  p.weights = {{factor::diet, 4.0}, {factor::community, 0.0}};
  const auto w = effective_weights(pol, p);
  CHECK(w[index(factor::diet)] == 4.0);
  CHECK(w[index(factor::community)] == 0.0);
  CHECK(w[index(factor::interests)] == default_weights()[index(factor::interests)]);
}

TEST_CASE("score_factors: weight overrides change the total as computed by hand") {
  person p = make_person("P01");
  p.interests = {"Gardening", "music"};
  for (factor f : all_values<factor>()) p.weights[f] = 0.0;
  p.weights[factor::community] = 1.0;
  p.weights[factor::interests] = 3.0;
  household h = make_household("H01");
  h.location = north_of(home_point(), 20.0); // half the scheme's 40 km limit
  h.interests = {"gardening", "Music"};

  auto factors = score_factors(make_scheme(), p, h);
  REQUIRE(factors.size() == vocabulary_size<factor>);
  CHECK(outcome(factors, factor::community).raw == Approx(0.5));
  CHECK(outcome(factors, factor::interests).raw == 1.0);
  // 100 * (1 * 0.5 + 3 * 1) / (1 + 3)
  CHECK(total_score(factors) == Approx(87.5));
  CHECK(outcome(factors, factor::community).points == Approx(12.5));
  CHECK(outcome(factors, factor::interests).points == Approx(75.0));
  const auto& diet_outcome = outcome(factors, factor::diet);
  CHECK_FALSE(diet_outcome.used);
  CHECK(diet_outcome.sentence == "diet was not used because its weight is 0");

  p.weights[factor::interests] = 1.0; // 100 * (0.5 + 1) / 2
  factors = score_factors(make_scheme(), p, h);
  CHECK(total_score(factors) == Approx(75.0));
  CHECK(outcome(factors, factor::interests).points == Approx(50.0));

  for (factor f : all_values<factor>()) p.weights[f] = 0.0;
  factors = score_factors(make_scheme(), p, h);
  CHECK(total_score(factors) == 0.0);
  for (const auto& f : factors) CHECK_FALSE(f.used);
}

TEST_CASE("score_factors: points sum to the total, which follows the formula and stays in 0-100") {
  const scheme s = make_scheme();
  const person p = rich_person();
  for (int variant = 0; variant < 12; ++variant) {
    household h = rich_household();
    h.location = north_of(home_point(), 4.0 * variant);
    h.years_caring = variant;
    if (variant % 2) h.languages = {"urdu"};
    if (variant % 3 == 0) h.diets = {diet::halal};
    if (variant % 4 == 1) h.pets = 0;
    h.way_of_life = lifestyle{variant / 12.0, 1.0 - variant / 12.0, 0.5};
    const auto factors = score_factors(s, p, h);
    double points = 0.0, weighted = 0.0, weights = 0.0;
    for (const auto& f : factors) {
      INFO(to_string(f.id));
      CHECK(f.raw >= 0.0);
      CHECK(f.raw <= 1.0);
      if (f.used) {
        points += f.points;
        weighted += f.weight * f.raw;
        weights += f.weight;
      } else {
        CHECK(f.points == 0.0);
        CHECK(f.raw == 0.0);
      }
      CHECK_FALSE(f.sentence.empty());
    }
    const double total = total_score(factors);
    CHECK(points == total);
    CHECK(total == Approx(100.0 * weighted / weights));
    CHECK(total >= 0.0);
    CHECK(total <= 100.0);
  }
}

TEST_CASE("score_factors: withholding consent changes the score and is said") {
  const scheme s = make_scheme();
  const household h = rich_household();
  const double full_total = total_score(score_factors(s, rich_person(), h));
  for (const auto& c : withheld_categories()) {
    INFO(to_string(c.category));
    person p = rich_person();
    p.consent.erase(c.category);
    const auto factors = score_factors(s, p, h);
    CHECK(total_score(factors) != Approx(full_total));
    if (c.unused_factor) {
      const auto& f = outcome(factors, *c.unused_factor);
      CHECK_FALSE(f.used);
      CHECK(f.raw == 0.0);
      CHECK(f.points == 0.0);
      CHECK_THAT(f.sentence, Catch::Contains("not used because consent to use"));
    }
    CHECK_THAT(outcome(factors, c.noted_in).sentence,
               Catch::Contains("consent to use " + category_title(c.category) + " was not given"));
  }
}

TEST_CASE("score_factors: withheld data is never read — changing it changes nothing") {
  const scheme s = make_scheme();
  const household h = rich_household();
  for (const auto& c : withheld_categories()) {
    INFO(to_string(c.category));
    person p = rich_person();
    p.consent.erase(c.category);
    const auto factors = score_factors(s, p, h);
    const auto rules = check_rules(s, p, h);
    person changed = p;
    c.mutate(changed);
    REQUIRE(changed != p);
    CHECK(score_factors(s, changed, h) == factors);
    CHECK(check_rules(s, changed, h) == rules);

    // With consent the same change does show, so the comparison above can fail.
    person consenting = rich_person();
    person consenting_changed = consenting;
    c.mutate(consenting_changed);
    CHECK(score_factors(s, consenting_changed, h) != score_factors(s, consenting, h));
  }
}

TEST_CASE("score_factors: ethnicity is never scored") {
  const scheme s = make_scheme();
  person p = rich_person();
  const auto factors = score_factors(s, p, rich_household());
  p.ethnicity = "Irish";
  CHECK(score_factors(s, p, rich_household()) == factors);
}

TEST_CASE("community: closeness falls linearly to the limit and averages home and anchors") {
  person p = make_person("P01");
  household h = make_household("H01");
  h.location = north_of(home_point(), 20.0);
  p.anchors = {anchor{anchor_kind::day_service, h.location}};
  const auto f = score_of(factor::community, p, h);
  CHECK(f.used);
  CHECK(f.raw == Approx((0.5 + 1.0) / 2));
  CHECK(f.sentence == "the household is 20 km from their home and 0 km from their day service");

  p.travel_limit_km = 10.0; // beyond the limit: 0, not negative
  CHECK(score_of(factor::community, p, h).raw == Approx(0.5));

  p.consent.erase(data_category::community);
  const auto home_only = score_of(factor::community, p, h);
  CHECK(home_only.used);
  CHECK(home_only.raw == 0.0);
  CHECK_THAT(home_only.sentence,
             Catch::Contains("were not used because consent to use community was not given"));
}

TEST_CASE("interests: case-insensitive overlap, residents count a little") {
  person p = make_person("P01");
  p.interests = {"Gardening", "Music", "Chess", "Swimming", "gardening"};
  household h = make_household("H01");
  h.interests = {"GARDENING"};
  h.residents.push_back(resident{"R01", 30, gender::male, {}, std::nullopt, {"music"}, {}});
  const auto f = score_of(factor::interests, p, h);
  // (1 shared + 0.5 * 1 shared with a resident) / min(4 interests, 3)
  CHECK(f.raw == Approx(0.5));
  CHECK(f.sentence ==
        "they share an interest in gardening, and someone already living there also enjoys music");

  h.interests = {"chess", "swimming", "gardening"};
  CHECK(score_of(factor::interests, p, h).raw == 1.0);

  p.interests.clear();
  const auto none = score_of(factor::interests, p, h);
  CHECK_FALSE(none.used);
  CHECK(none.sentence == "shared interests were not used because the person lists no interests");
}

TEST_CASE("language: first language 1, another 0.7, none 0") {
  person p = make_person("P01");
  p.languages = {"Urdu", "English"};
  household h = make_household("H01");
  h.languages = {"urdu"};
  CHECK(score_of(factor::language, p, h).raw == 1.0);
  CHECK(score_of(factor::language, p, h).sentence ==
        "the household speaks Urdu, the person's first language");
  h.languages = {"English", "Polish"};
  CHECK(score_of(factor::language, p, h).raw == Approx(0.7));
  h.languages = {"Polish"};
  CHECK(score_of(factor::language, p, h).raw == 0.0);
  CHECK(score_of(factor::language, p, h).used);
}

TEST_CASE("faith_culture: faith match and culture overlap, without naming either") {
  person p = make_person("P01");
  p.faith = "Islam";
  p.cultures = {"Pakistani", "British"};
  household h = make_household("H01");
  h.faiths = {"islam"};
  h.cultures = {"british"};
  const auto f = score_of(factor::faith_culture, p, h);
  CHECK(f.raw == Approx(0.75));
  CHECK(f.sentence ==
        "the household shares the person's faith and shares 1 of their 2 cultural backgrounds");

  p.consent.erase(data_category::faith_culture);
  const auto withheld = score_of(factor::faith_culture, p, h);
  CHECK_FALSE(withheld.used);
  CHECK(withheld.sentence ==
        "faith and culture were not used because consent to use faith and culture was not given");
}

TEST_CASE("diet: fraction of the person's diets the household provides") {
  person p = make_person("P01");
  p.diets = {diet::halal, diet::gluten_free};
  household h = make_household("H01");
  h.diets = {diet::halal, diet::vegetarian};
  const auto f = score_of(factor::diet, p, h);
  CHECK(f.raw == 0.5);
  CHECK(f.sentence == "the household can provide halal food but not gluten-free");
}

TEST_CASE("lifestyle: one minus the mean difference on the three scales") {
  person p = make_person("P01");
  p.way_of_life = lifestyle{0.0, 0.2, 0.5};
  household h = make_household("H01");
  h.way_of_life = lifestyle{0.9, 0.5, 0.5};
  const auto f = score_of(factor::lifestyle, p, h);
  CHECK(f.raw == Approx(1.0 - (0.9 + 0.3 + 0.0) / 3));
  CHECK(f.sentence == "their lifestyles partly fit, differing most on a quiet or busy life");
}

TEST_CASE("household_mix: ages, feelings about pets and children, fit with residents") {
  person p = make_person("P01");       // 36 on 2026-11-01
  household h = make_household("H01"); // main carer aged 50
  const double age_fit = 1.0 - 14.0 / 40.0;
  CHECK(score_of(factor::household_mix, p, h).raw == Approx((age_fit + 1.0 + 1.0) / 3));

  p.pets = attitude::avoid;
  h.pets = 1;
  const auto with_pets = score_of(factor::household_mix, p, h);
  CHECK(with_pets.raw == Approx((age_fit + 0.0 + 1.0) / 3));
  CHECK_THAT(
      with_pets.sentence,
      Catch::Contains("the person would rather not live with pets and the household has some"));

  p.way_of_life = lifestyle{0.0, 0.0, 0.0};
  h.residents.push_back(resident{"R01", 36, gender::male, {}, lifestyle{0.3, 0.3, 0.3}, {}, {}});
  const double ages = (age_fit + 1.0) / 2; // carer 50, resident 36
  CHECK(score_of(factor::household_mix, p, h).raw == Approx((ages + 0.0 + 1.0 + 0.7) / 4));

  p.consent.erase(data_category::household_preferences);
  p.consent.erase(data_category::lifestyle);
  const auto core_only = score_of(factor::household_mix, p, h);
  CHECK(core_only.used);
  CHECK(core_only.raw == Approx(ages));
  CHECK_THAT(core_only.sentence,
             Catch::Contains("feelings about pets and children were not used because consent to "
                             "use household preferences was not given"));
  CHECK_THAT(core_only.sentence, Catch::Contains("consent to use lifestyle was not given"));
}

TEST_CASE("continuity: a known household scores 1, others 0, nobody known is not used") {
  person p = make_person("P01");
  const household h = make_household("H01");
  p.known_households = {"H01"};
  CHECK(score_of(factor::continuity, p, h).raw == 1.0);
  CHECK(score_of(factor::continuity, p, h).sentence == "the person already knows this household");
  p.known_households = {"H02"};
  CHECK(score_of(factor::continuity, p, h).raw == 0.0);
  CHECK(score_of(factor::continuity, p, h).used);
  p.known_households.clear();
  CHECK_FALSE(score_of(factor::continuity, p, h).used);
}

TEST_CASE("carer_preference: needs, age range and gender against the person's core data") {
  const person p = make_person("P01"); // learning disability, female, 36
  household h = make_household("H01");
  CHECK_FALSE(score_of(factor::carer_preference, p, h).used);
  h.preferences.needs = {need_category::learning_disability, need_category::autism};
  h.preferences.min_age = 40;
  h.preferences.gender_identity = gender::male;
  const auto f = score_of(factor::carer_preference, p, h);
  CHECK(f.raw == Approx((1.0 + 0.6 + 0.0) / 3));
  CHECK(f.sentence == "the person fits the carer's preferred needs, is 4 years outside the "
                      "carer's preferred age range and does not match the carer's preferred "
                      "gender");
}

TEST_CASE("experience: years saturate at 10 and experience covers the person's needs") {
  person p = make_person("P01");
  p.needs = {need_category::learning_disability, need_category::autism};
  household h = make_household("H01"); // 5 years
  CHECK(score_of(factor::experience, p, h).raw == Approx((0.5 + 0.0) / 2));
  h.experienced_with = {need_category::autism};
  h.years_caring = 25;
  const auto f = score_of(factor::experience, p, h);
  CHECK(f.raw == Approx((1.0 + 0.5) / 2));
  CHECK(f.sentence == "the carer has 25 years of caring experience and experience with autism "
                      "but not learning disability");
}

TEST_CASE("gender_preference: soft match with the main carer, unused without a preference") {
  person p = make_person("P01");
  const household h = make_household("H01"); // female main carer
  CHECK_FALSE(score_of(factor::gender_preference, p, h).used);
  p.preferred_carer_gender = gender::female;
  CHECK(score_of(factor::gender_preference, p, h).raw == 1.0);
  p.preferred_carer_gender = gender::male;
  const auto f = score_of(factor::gender_preference, p, h);
  CHECK(f.used);
  CHECK(f.raw == 0.0);
  CHECK(f.sentence == "the person would prefer a male main carer and the main carer is female");
}
