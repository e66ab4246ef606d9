#include "candidates/varied_scheme.hpp"
#include "slmatch/candidates/pair_scorer.hpp"
#include "slmatch/score/score.hpp"
#include "support/factor_positions.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Every pair of `s` scored by `score_households` equals `score_factors`, point by point.
void require_matches_reference(const scheme& s) {
  const scheme_features f = encode_scheme(s);
  std::vector<std::int32_t> everyone(s.households.size());
  for (std::size_t h = 0; h < everyone.size(); ++h) everyone[h] = static_cast<std::int32_t>(h);
  std::vector<double> scores(everyone.size()), points(everyone.size() * factor_count);
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    score_households(f, p, everyone.data(), everyone.size(), scores.data(), points.data());
    for (std::size_t h = 0; h < everyone.size(); ++h) {
      const auto expected = score_factors(s, s.people[p], s.households[h]);
      INFO("person " << p << " household " << h);
      REQUIRE(std::abs(scores[h] - total_score(expected)) <= 1e-9);
      for (std::size_t k = 0; k < factor_count; ++k) {
        INFO("factor " << to_string(expected[k].id));
        REQUIRE(std::abs(points[h * factor_count + k] - expected[k].points) <= 1e-9);
      }
    }
  }
}

/// `count` households of `f` drawn at random, with repeats.
std::vector<std::int32_t> random_households(const scheme_features& f, std::size_t count,
                                            std::mt19937& rng) {
  std::vector<std::int32_t> out(count);
  for (auto& h : out) h = static_cast<std::int32_t>(rng() % f.households);
  return out;
}

} // namespace

TEST_CASE("score_households: equals score_pair bit for bit, in any order and across blocks") {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    const scheme s = varied_scheme(40000 + seed, 4, 1 + static_cast<int>(seed % 30));
    const scheme_features f = encode_scheme(s);
    std::mt19937 rng(seed);
    for (std::size_t p = 0; p < f.people; ++p) {
      // Past one block of `detail::block_pairs`, with repeats, in no order.
      const auto households = random_households(f, 1 + rng() % 150, rng);
      std::vector<double> scores(households.size()), points(households.size() * factor_count);
      score_households(f, p, households.data(), households.size(), scores.data(), points.data());
      for (std::size_t k = 0; k < households.size(); ++k) {
        double alone[factor_count];
        const double score = score_pair(f, p, static_cast<std::size_t>(households[k]), alone);
        INFO("seed " << seed << " person " << p << " pair " << k);
        REQUIRE(scores[k] == score);
        for (std::size_t j = 0; j < factor_count; ++j)
          REQUIRE(points[k * factor_count + j] == alone[j]);
      }
    }
  }
}

TEST_CASE("score_households: the portable and the AVX2 copies give identical bits") {
  if (!avx2_kernel_available()) {
    WARN("this processor has no AVX2: only the portable copy runs here");
    return;
  }
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const scheme s = varied_scheme(50000 + seed, 5, 1 + static_cast<int>(seed % 90));
    const scheme_features f = encode_scheme(s);
    std::mt19937 rng(seed);
    detail::block_scratch scratch;
    for (std::size_t p = 0; p < f.people; ++p) {
      const auto households = random_households(f, 1 + rng() % 200, rng);
      const std::size_t n = households.size();
      std::vector<double> fast(n), portable(n), fast_points(n * factor_count),
          portable_points(n * factor_count);
      const auto v = detail::view_person(f, p);
      detail::score_row(f, v, households.data(), n, fast.data(), fast_points.data(), scratch);
      detail::score_row(f, v, households.data(), n, portable.data(), portable_points.data(),
                        scratch, true);
      INFO("seed " << seed << " person " << p);
      REQUIRE(fast == portable);
      REQUIRE(fast_points == portable_points);
    }
  }
}

TEST_CASE("score_households: equals the reference with more than 64 words of each kind") {
  // Over 64 distinct interests, languages, faiths and cultures: bit rows of two words, read
  // from the rows instead of the household record.
  std::vector<person> people;
  std::vector<household> households;
  auto word = [](const char* kind, int k) { return std::string(kind) + std::to_string(k); };
  for (int k = 0; k < 6; ++k) {
    person p = make_person("P" + std::to_string(k));
    for (int w = 0; w < 100; w += 7 + k) p.interests.push_back(word("interest", w));
    p.languages = {word("language", 90 - k), word("language", 3 * k), word("language", 70)};
    p.faith = word("faith", 60 + 3 * k);
    for (int w = k; w < 100; w += 9) p.cultures.push_back(word("culture", w));
    people.push_back(p);
  }
  for (int k = 0; k < 12; ++k) {
    household h = make_household("H" + std::to_string(k));
    for (int w = k; w < 100; w += 5) h.interests.push_back(word("interest", w));
    h.languages = {word("language", 90 - k % 6), word("language", 70 + k)};
    h.faiths = {word("faith", 60 + 3 * (k % 6))};
    for (int w = 2 * k; w < 100; w += 11) h.cultures.push_back(word("culture", w));
    if (k % 3 == 0) {
      resident r;
      r.id = h.id + "_R";
      r.age = 30 + k;
      r.interests = {word("interest", 64 + k), word("interest", 98)};
      h.residents.push_back(r);
    }
    households.push_back(h);
  }
  // Fillers so that every kind has more than 64 words.
  person filler = make_person("P_words");
  for (int w = 0; w < 100; ++w) {
    filler.interests.push_back(word("interest", w));
    filler.languages.push_back(word("language", w));
    filler.cultures.push_back(word("culture", w));
  }
  people.push_back(filler);
  for (int w = 0; w < 100; ++w) {
    person p = make_person("P_faith" + std::to_string(w));
    p.faith = word("faith", w);
    people.push_back(p);
  }
  const scheme s = make_scheme(people, households);
  const scheme_features f = encode_scheme(s);
  REQUIRE(f.household_interests.words_per_row() == 2);
  REQUIRE(f.household_faiths.words_per_row() == 2);
  require_matches_reference(s);
}

TEST_CASE("score_households: equals the reference for unusual ages and far places") {
  // People older than ages compared a byte at a time, members past the ages kept in the
  // record, and places past the range of the arcsine series within a long travel limit.
  std::vector<person> people;
  for (int born : {1790, 1810, 1811, 2008, 1960}) { // ages 236, 216, 215, 18, 66
    person p = make_person("P" + std::to_string(born));
    p.date_of_birth = date{born, 3, 1};
    p.travel_limit_km = 6000;
    p.anchors = {{anchor_kind::family, north_of(home_point(), 300)},
                 {anchor_kind::work, north_of(home_point(), 2500)}};
    p.way_of_life = lifestyle{0.2, 0.7, 0.4};
    people.push_back(p);
  }
  std::vector<household> households;
  const std::vector<std::vector<int>> ages{{40}, {210, 236}, {254, 255, 300}, {18, 90, 17}};
  for (std::size_t k = 0; k < ages.size(); ++k)
    for (double km : {0.0, 120.0, 900.0, 7000.0}) {
      household h = make_household("H" + std::to_string(k) + "_" + std::to_string(int(km)));
      h.location = north_of(home_point(), km);
      h.adults.clear();
      for (std::size_t m = 0; m < ages[k].size(); ++m) {
        if (m == 0) {
          h.adults.push_back(household_adult{gender::male, ages[k][m], true, false});
        } else {
          resident r;
          r.id = h.id + "_R" + std::to_string(m);
          r.age = ages[k][m];
          if (m % 2) r.way_of_life = lifestyle{0.9, 0.1, 0.5};
          h.residents.push_back(r);
        }
      }
      households.push_back(h);
    }
  require_matches_reference(make_scheme(people, households));
}
