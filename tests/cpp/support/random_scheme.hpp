#pragma once
// Small random schemes for property tests: every field that a rule or factor reads varies,
// so random pairs are feasible or not for many different reasons.

#include "slmatch/model/scheme.hpp"

#include <random>
#include <string>

namespace slmatch::testing {

template <class E> tag_set<E> random_tags(std::mt19937& rng, double chance) {
  tag_set<E> tags;
  std::bernoulli_distribution pick(chance);
  for (E value : all_values<E>())
    if (pick(rng)) tags.insert(value);
  return tags;
}

inline geo_point random_place(std::mt19937& rng) {
  std::uniform_real_distribution<double> offset(-0.25, 0.25);
  return {53.8 + offset(rng), -1.55 + offset(rng)};
}

inline lifestyle random_lifestyle(std::mt19937& rng) {
  std::uniform_real_distribution<double> scale(0.0, 1.0);
  return {scale(rng), scale(rng), scale(rng)};
}

/// A valid scheme of `people` people and `households` households drawn from `seed`.
inline scheme random_scheme(unsigned seed, int people, int households) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution coin(0.5), rare(0.15);
  std::uniform_int_distribution<int> level(0, 3), age(18, 90), places(1, 3);
  const std::vector<std::string> interests{"gardening", "music", "football", "cooking", "art"};
  const std::vector<std::string> languages{"english", "urdu", "polish", "welsh"};

  scheme s;
  s.id = "random-" + std::to_string(seed);
  s.policy.as_of = date{2026, 11, 1};
  s.policy.household_cap = std::uniform_int_distribution<int>(2, 3)(rng);
  s.policy.travel_limit_km = 30;

  for (int h = 0; h < households; ++h) {
    household home;
    home.id = "H" + std::to_string(h);
    home.approved_needs = random_tags<need_category>(rng, 0.7);
    home.max_support = static_cast<support_level>(level(rng));
    home.skills = random_tags<specialist_skill>(rng, 0.6);
    home.arrangements = random_tags<arrangement_type>(rng, 0.7);
    home.active = !rare(rng);
    home.approval_expires = rare(rng) ? date{2026, 1, 1} : date{2027, 6, 1};
    home.places = places(rng);
    home.free_bedrooms = coin(rng) ? 1 : 0;
    home.features = random_tags<home_feature>(rng, 0.5);
    home.location = random_place(rng);
    home.adults.push_back({coin(rng) ? gender::female : gender::male, age(rng), true, rare(rng)});
    if (rare(rng)) home.children_ages.push_back(8);
    home.pets = rare(rng) ? 1 : 0;
    if (home.places > 1 && rare(rng)) {
      resident r;
      r.id = "R" + std::to_string(h);
      r.age = age(rng);
      r.way_of_life = random_lifestyle(rng);
      r.interests = {interests[static_cast<std::size_t>(h) % interests.size()]};
      home.residents.push_back(r);
    }
    home.interests = {interests[rng() % interests.size()], interests[rng() % interests.size()]};
    home.languages = {languages[rng() % languages.size()]};
    home.diets = random_tags<diet>(rng, 0.4);
    home.way_of_life = random_lifestyle(rng);
    home.years_caring = std::uniform_int_distribution<int>(0, 15)(rng);
    home.experienced_with = random_tags<need_category>(rng, 0.4);
    if (rare(rng)) home.will_not_support.insert(carer_exclusion::smokers);
    s.households.push_back(home);
  }

  for (int p = 0; p < people; ++p) {
    person someone;
    someone.id = "P" + std::to_string(p);
    someone.name = "Person " + std::to_string(p);
    someone.date_of_birth = date{1940 + age(rng) % 60, 3, 14};
    someone.gender_identity = coin(rng) ? gender::female : gender::male;
    someone.needs.insert(static_cast<need_category>(rng() % vocabulary_size<need_category>));
    someone.support = static_cast<support_level>(level(rng));
    someone.arrangement = static_cast<arrangement_type>(rng() % vocabulary_size<arrangement_type>);
    someone.access_needs = random_tags<home_feature>(rng, 0.1);
    someone.specialist_needs = random_tags<specialist_skill>(rng, 0.1);
    someone.location = random_place(rng);
    someone.must_not = random_tags<avoidance>(rng, 0.1);
    someone.smoker = rare(rng);
    someone.risk_flags = random_tags<risk_flag>(rng, 0.05);
    someone.waiting_since = date{2026, 1 + static_cast<int>(rng() % 9), 1};
    if (rare(rng)) someone.anchors.push_back({anchor_kind::family, random_place(rng)});
    someone.interests = {interests[rng() % interests.size()]};
    someone.languages = {languages[rng() % languages.size()]};
    someone.diets = random_tags<diet>(rng, 0.15);
    someone.way_of_life = random_lifestyle(rng);
    if (rare(rng)) someone.known_households.push_back("H" + std::to_string(rng() % households));
    someone.consent = random_tags<data_category>(rng, 0.8);
    if (rare(rng)) someone.weights[factor::interests] = 5.0;
    s.people.push_back(someone);
  }
  return s;
}

/// Replace every piece of a person's data in a category they did not consent to.
inline void scramble_withheld(person& p, std::mt19937& rng) {
  std::uniform_real_distribution<double> scale(0, 1);
  const auto without = [&](data_category c) { return !p.consent.contains(c); };
  if (without(data_category::community))
    p.anchors = {{anchor_kind::work, {53.8 + scale(rng) / 5, -1.5 - scale(rng) / 5}}};
  if (without(data_category::interests)) p.interests = {"music", "art", "football"};
  if (without(data_category::languages)) p.languages = {"welsh", "urdu"};
  if (without(data_category::faith_culture)) {
    p.faith = "faith a";
    p.cultures = {"culture " + std::to_string(rng() % 3)};
  }
  if (without(data_category::diet)) p.diets = random_tags<diet>(rng, 0.5);
  if (without(data_category::lifestyle)) p.way_of_life = random_lifestyle(rng);
  if (without(data_category::household_preferences)) {
    p.pets = static_cast<attitude>(rng() % 3);
    p.children = static_cast<attitude>(rng() % 3);
  }
  if (without(data_category::history)) p.known_households = {"H0", "H1", "H2"};
  p.ethnicity = "ethnicity " + std::to_string(rng() % 5);
}

} // namespace slmatch::testing
