#pragma once
// Random schemes that vary every field the rules and factors read: `random_scheme` plus
// faiths, cultures, several languages and interests in mixed case, carer preferences,
// required and preferred carer genders, declines, exclusions, resident conflicts on both
// sides, several anchors, feelings about pets and children, weights of 0, travel limits from
// under a kilometre to the whole country, and households without a main carer.

#include "slmatch/model/scheme.hpp"
#include "support/random_scheme.hpp"

#include <random>
#include <string>
#include <vector>

namespace slmatch::testing {

inline scheme varied_scheme(unsigned seed, int people, int households) {
  scheme s = random_scheme(seed, people, households);
  std::mt19937 rng(seed * 7919u + 17u);
  std::bernoulli_distribution coin(0.5), some(0.3), rare(0.1);
  auto pick = [&](const std::vector<std::string>& words) { return words[rng() % words.size()]; };
  const std::vector<std::string> faiths{"christian", "Muslim", "muslim", "sikh", "jewish"};
  const std::vector<std::string> cultures{"polish", "Irish", "irish", "pakistani", "welsh"};
  const std::vector<std::string> interests{"gardening", "Music", "music",   "football",
                                           "cooking",   "art",   "walking", "Chess"};
  const std::vector<std::string> languages{"english", "English", "urdu", "polish", "welsh"};
  const std::vector<double> limits{0.5, 2, 8, 30, 60, 500, 30000};
  const double spread = std::vector<double>{0.02, 0.25, 1.5}[rng() % 3];
  std::uniform_real_distribution<double> offset(-spread, spread);
  auto place = [&] { return geo_point{53.8 + offset(rng), -1.55 + offset(rng)}; };

  s.policy.travel_limit_km = limits[rng() % limits.size()];
  if (rare(rng)) s.policy.weights[rng() % vocabulary_size<factor>] = 0.0;
  for (auto& h : s.households) {
    h.location = place();
    if (some(rng)) h.faiths = {pick(faiths)};
    if (some(rng)) h.cultures = {pick(cultures), pick(cultures)};
    h.interests.push_back(pick(interests));
    if (coin(rng)) h.languages.push_back(pick(languages));
    if (rare(rng))
      h.adults.clear();
    else if (some(rng))
      h.adults.push_back({coin(rng) ? gender::non_binary : gender::male, 30 + int(rng() % 50),
                          coin(rng), rare(rng)});
    if (rare(rng) && !h.adults.empty()) h.adults.front().main_carer = false;
    if (some(rng)) h.preferences.needs.insert(static_cast<need_category>(rng() % 9));
    if (some(rng)) h.preferences.min_age = 20 + int(rng() % 30);
    if (some(rng)) h.preferences.max_age = 40 + int(rng() % 40);
    if (some(rng)) h.preferences.gender_identity = coin(rng) ? gender::female : gender::male;
    if (some(rng)) h.pets = 2;
    if (rare(rng)) h.children_ages = {3, 12};
    if (rare(rng)) h.will_not_support.insert(static_cast<carer_exclusion>(rng() % 4));
    if (h.places > 1 && some(rng)) {
      resident r;
      r.id = h.id + "-R" + std::to_string(h.residents.size());
      r.age = 18 + int(rng() % 70);
      if (coin(rng)) r.way_of_life = lifestyle{0.1, 0.9, 0.4};
      r.interests = {pick(interests), pick(interests)};
      if (rare(rng) && people > 0) r.conflicts_with = {"P" + std::to_string(rng() % people)};
      h.residents.push_back(r);
    }
    if (rare(rng) && people > 0) h.declined_people = {"P" + std::to_string(rng() % people)};
  }
  std::vector<std::string> resident_ids;
  for (const auto& h : s.households)
    for (const auto& r : h.residents) resident_ids.push_back(r.id);

  for (auto& p : s.people) {
    p.location = place();
    if (some(rng)) p.travel_limit_km = limits[rng() % limits.size()];
    if (some(rng)) p.faith = pick(faiths);
    if (some(rng)) p.cultures = {pick(cultures), pick(cultures)};
    if (coin(rng))
      p.interests = {pick(interests), pick(interests), pick(interests), pick(interests)};
    else if (rare(rng))
      p.interests.clear();
    if (coin(rng))
      p.languages = {pick(languages), pick(languages), pick(languages)};
    else if (rare(rng))
      p.languages.clear();
    if (rare(rng)) p.way_of_life.reset();
    if (rare(rng)) p.required_carer_gender = static_cast<gender>(rng() % 3);
    if (some(rng)) p.preferred_carer_gender = static_cast<gender>(rng() % 3);
    if (rare(rng)) p.gender_identity = gender::non_binary;
    if (rare(rng)) p.needs.insert(static_cast<need_category>(rng() % 9));
    p.pets = static_cast<attitude>(rng() % 3);
    p.children = static_cast<attitude>(rng() % 3);
    if (some(rng)) p.anchors.push_back({anchor_kind::day_service, place()});
    if (rare(rng)) p.anchors.push_back({anchor_kind::work, place()});
    if (rare(rng) && households > 0)
      p.declined_households = {"H" + std::to_string(rng() % households)};
    if (rare(rng) && !resident_ids.empty()) p.conflicts_with = {pick(resident_ids)};
    if (rare(rng) && households > 0) {
      p.known_households = {"H" + std::to_string(rng() % households),
                            "H" + std::to_string(rng() % households)};
    }
    if (rare(rng)) p.weights[static_cast<factor>(rng() % vocabulary_size<factor>)] = 0.0;
    if (rare(rng)) p.weights[factor::community] = 6.0;
    if (rare(rng)) p.ethnicity = "withheld";
  }
  if (people > 0 && households > 0 && coin(rng))
    s.policy.excluded_pairs.push_back(
        {"P" + std::to_string(rng() % people), "H" + std::to_string(rng() % households)});
  return s;
}

} // namespace slmatch::testing
