// Both sides' views: equal to a direct recomputation from the reference scorer, consent
// respected on the household's side, ties by id, explanations that add up.

#include "slmatch/io/json.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/views.hpp"

#include "support/example_scheme.hpp"
#include "support/random_scheme.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// A random scheme whose carers state preferences and whose people hold every kind of
/// consented data, so every factor of both views is exercised.
scheme varied_scheme(unsigned seed, int people, int households) {
  scheme s = random_scheme(seed, people, households);
  std::mt19937 rng(seed * 7919u + 1);
  std::bernoulli_distribution coin(0.5);
  std::uniform_int_distribution<int> age(18, 70);
  for (auto& h : s.households) {
    if (coin(rng)) h.preferences.needs = random_tags<need_category>(rng, 0.4);
    if (coin(rng)) h.preferences.min_age = age(rng);
    if (coin(rng)) h.preferences.max_age = age(rng) + 20;
    if (coin(rng)) h.preferences.gender_identity = coin(rng) ? gender::female : gender::male;
    if (coin(rng)) h.faiths = {"faith a"};
  }
  for (auto& p : s.people) {
    p.pets = static_cast<attitude>(rng() % 3);
    p.children = static_cast<attitude>(rng() % 3);
    if (coin(rng)) p.faith = "faith a";
    if (coin(rng)) p.known_households = {s.households[rng() % s.households.size()].id};
  }
  return s;
}

/// The household's score recomputed by the reference scorer: the scheme's own formula
/// with the household weights and no per-person overrides.
double reference_household_score(const scheme& s, std::size_t p, std::size_t h,
                                 const factor_weights& weights) {
  policy pol = s.policy;
  pol.weights = weights;
  person someone = s.people[p];
  someone.weights.clear();
  return total_score(detail::evaluate_factors(pol, someone, s.households[h], false));
}

struct scored_listing {
  int other;
  double score;
};

/// Lists sorted best first by score at 0.001-point precision, ties by the other side's id.
template <class Records>
std::vector<int> ranked(std::vector<scored_listing> row, const Records& others) {
  std::sort(row.begin(), row.end(), [&](const scored_listing& a, const scored_listing& b) {
    const auto wa = std::llround(a.score * 1000.0), wb = std::llround(b.score * 1000.0);
    if (wa != wb) return wa > wb;
    return others[static_cast<std::size_t>(a.other)].id <
           others[static_cast<std::size_t>(b.other)].id;
  });
  std::vector<int> out;
  for (const auto& x : row) out.push_back(x.other);
  return out;
}

std::vector<int> row_of(const ranked_lists& lists, std::size_t r) {
  return {lists.entries.begin() + static_cast<std::ptrdiff_t>(lists.first[r]),
          lists.entries.begin() + static_cast<std::ptrdiff_t>(lists.first[r + 1])};
}

/// Check views against the reference scorer, list by list and score by score.
void check_against_reference(const scheme& s, const view_options& options = {}) {
  const scheme_views views = build_views(s, options);
  const score_table table = score_scheme(s); // the reference: every rule, every factor
  REQUIRE(views.lists.people == static_cast<int>(s.people.size()));
  REQUIRE(views.lists.capacity.size() == s.households.size());
  for (std::size_t h = 0; h < s.households.size(); ++h)
    CHECK(views.lists.capacity[h] == effective_capacity(s.policy, s.households[h]));

  std::vector<std::vector<scored_listing>> person_rows(s.people.size()),
      household_rows(s.households.size());
  for (const auto& pair : table.pairs) {
    person_rows[pair.person].push_back({static_cast<int>(pair.household), pair.score});
    household_rows[pair.household].push_back(
        {static_cast<int>(pair.person),
         reference_household_score(s, pair.person, pair.household, options.household_weights)});
  }
  std::size_t entry = 0;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    const auto expected = ranked(person_rows[p], s.households);
    REQUIRE(row_of(views.lists.person_ranks, p) == expected);
    for (int h : expected) {
      const auto it = std::find_if(person_rows[p].begin(), person_rows[p].end(),
                                   [&](const scored_listing& x) { return x.other == h; });
      REQUIRE(views.person_scores[entry++] == Approx(it->score).margin(1e-9));
    }
  }
  REQUIRE(entry == views.person_scores.size());
  entry = 0;
  for (std::size_t h = 0; h < s.households.size(); ++h) {
    const auto expected = ranked(household_rows[h], s.people);
    REQUIRE(row_of(views.lists.household_ranks, h) == expected);
    for (int p : expected) {
      const auto it = std::find_if(household_rows[h].begin(), household_rows[h].end(),
                                   [&](const scored_listing& x) { return x.other == p; });
      const double score = views.household_scores[entry++];
      REQUIRE(score == Approx(it->score).margin(1e-9));
      REQUIRE(score >= 0.0);
      REQUIRE(score <= 100.0 + 1e-9);
    }
  }
  REQUIRE(entry == views.household_scores.size());
}

} // namespace

TEST_CASE("build_views: equals the reference scorer on the example scheme") {
  check_against_reference(riverside());
  const scheme_views views = build_views(riverside());
  CHECK(views.person_scores.size() == views.household_scores.size());
  CHECK(!views.person_scores.empty());
}

TEST_CASE("build_views: equals the reference scorer on random schemes") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    INFO("seed " << seed);
    check_against_reference(
        varied_scheme(seed, 1 + static_cast<int>(seed % 13), 1 + static_cast<int>(seed % 11)));
  }
}

TEST_CASE("build_views: custom household weights match the reference scorer") {
  view_options options;
  options.household_weights = factor_weights{};
  options.household_weights[static_cast<std::size_t>(factor::interests)] = 4.0;
  options.household_weights[static_cast<std::size_t>(factor::carer_preference)] = 0.5;
  for (unsigned seed = 300; seed < 340; ++seed) {
    INFO("seed " << seed);
    check_against_reference(varied_scheme(seed, 9, 7), options);
  }
  options.household_weights = factor_weights{}; // no factor used: every score 0, ties by id
  const scheme s = varied_scheme(5, 10, 6);
  check_against_reference(s, options);
  for (double score : build_views(s, options).household_scores) CHECK(score == 0.0);
}

TEST_CASE("build_views: every listing is a feasible pair listed by both sides") {
  for (unsigned seed = 1; seed <= 50; ++seed) {
    const scheme s = varied_scheme(seed, 12, 8);
    const scheme_views views = build_views(s);
    const ranked_pairs pairs = rank_pairs(views.lists);
    CHECK(pairs.size() == views.lists.person_ranks.entries.size());
    CHECK(pairs.size() == views.lists.household_ranks.entries.size());
    for (std::size_t k = 0; k < pairs.size(); ++k)
      CHECK(is_feasible(s, s.people[static_cast<std::size_t>(pairs.person[k])],
                        s.households[static_cast<std::size_t>(pairs.household[k])]));
  }
}

TEST_CASE("build_views: declines by either side remove the pair from both views") {
  scheme s = make_scheme({make_person("P1"), make_person("P2")},
                         {make_household("H1"), make_household("H2")});
  s.people[0].declined_households = {"H2"};
  s.households[0].declined_people = {"P2"};
  const scheme_views views = build_views(s);
  CHECK(row_of(views.lists.person_ranks, 0) == std::vector<int>{0});
  CHECK(row_of(views.lists.person_ranks, 1) == std::vector<int>{1});
  CHECK(row_of(views.lists.household_ranks, 0) == std::vector<int>{0});
  CHECK(row_of(views.lists.household_ranks, 1) == std::vector<int>{1});
}

TEST_CASE("build_views: withheld data never changes either side's view") {
  std::mt19937 rng(42);
  int consented_changes = 0;
  for (unsigned seed = 1; seed <= 120; ++seed) {
    INFO("seed " << seed);
    const scheme original = varied_scheme(seed, 10, 8);
    scheme scrambled = original;
    for (auto& p : scrambled.people) scramble_withheld(p, rng);
    const scheme_views before = build_views(original), after = build_views(scrambled);
    REQUIRE(after.lists.household_ranks.first == before.lists.household_ranks.first);
    REQUIRE(after.lists.household_ranks.entries == before.lists.household_ranks.entries);
    REQUIRE(after.household_scores == before.household_scores);
    REQUIRE(after.lists.person_ranks.entries == before.lists.person_ranks.entries);
    REQUIRE(after.person_scores == before.person_scores);

    // The same change to consented data does move the household's view: the check can fail.
    scheme changed = original;
    for (auto& p : changed.people) {
      p.interests = {"music", "art", "football"};
      p.way_of_life = random_lifestyle(rng);
    }
    if (build_views(changed).household_scores != before.household_scores) ++consented_changes;
  }
  CHECK(consented_changes > 100);
}

TEST_CASE("build_views: ties are broken by household id and by person id") {
  // Identical households and people, listed in scheme order against id order.
  scheme s = make_scheme({make_person("P9"), make_person("P1"), make_person("P5")},
                         {make_household("H3"), make_household("H1"), make_household("H2")});
  const scheme_views views = build_views(s);
  for (std::size_t p = 0; p < 3; ++p)
    CHECK(row_of(views.lists.person_ranks, p) == std::vector<int>{1, 2, 0});
  for (std::size_t h = 0; h < 3; ++h)
    CHECK(row_of(views.lists.household_ranks, h) == std::vector<int>{1, 2, 0});
}

TEST_CASE("build_views: the carer's preferences order the household's list") {
  person young = make_person("P1"), old = make_person("P2");
  young.date_of_birth = make_date("2000-01-01");
  old.date_of_birth = make_date("1950-01-01");
  household h = make_household("H1");
  h.preferences.min_age = 60;
  scheme s = make_scheme({young, old}, {h});
  CHECK(row_of(build_views(s).lists.household_ranks, 0) == std::vector<int>{1, 0});
  s.households[0].preferences = {};
  s.households[0].preferences.max_age = 30;
  CHECK(row_of(build_views(s).lists.household_ranks, 0) == std::vector<int>{0, 1});
}

TEST_CASE("build_views: the same for any number of threads") {
  const scheme s = varied_scheme(11, 150, 60);
  view_options one, three;
  three.threads = 3;
  const scheme_views a = build_views(s, one), b = build_views(s, three);
  CHECK(a.lists.person_ranks.entries == b.lists.person_ranks.entries);
  CHECK(a.lists.household_ranks.entries == b.lists.household_ranks.entries);
  CHECK(a.person_scores == b.person_scores);
  CHECK(a.household_scores == b.household_scores);
  one.threads = 0;
  CHECK_THROWS_AS(build_views(s, one), error);
}

TEST_CASE("check_household_weights: errors name the option and the factor") {
  view_options options;
  options.household_weights[static_cast<std::size_t>(factor::faith_culture)] = 1.0;
  options.household_weights[static_cast<std::size_t>(factor::interests)] = -1.0;
  try {
    build_views(riverside(), options);
    FAIL("expected a validation error");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].record == "options");
    CHECK(e.problems()[0].field == "household_weights.interests");
    CHECK(e.problems()[1].field == "household_weights.faith_culture");
    CHECK(e.problems()[1].message.find("not part of the household's view") != std::string::npos);
  }
  for (factor f : all_values<factor>())
    CHECK(in_household_view(f) ==
          (default_household_view_weights()[static_cast<std::size_t>(f)] > 0.0));
}

TEST_CASE("explain_household_view: explains the household's score factor by factor") {
  const scheme& s = riverside();
  const scheme_views views = build_views(s);
  std::size_t entry = 0;
  for (std::size_t h = 0; h < s.households.size(); ++h)
    for (auto k = views.lists.household_ranks.first[h];
         k < views.lists.household_ranks.first[h + 1]; ++k, ++entry) {
      const auto p = static_cast<std::size_t>(views.lists.household_ranks.entries[k]);
      const household_view_explanation e = explain_household_view(s, p, h);
      CHECK(e.score == Approx(views.household_scores[entry]).margin(1e-9));
      CHECK(e.score == Approx(household_view_score(s, p, h)).margin(1e-12));
      REQUIRE(e.factors.size() == household_view_factors.size());
      REQUIRE(e.reasons.size() == e.factors.size());
      double points = 0.0;
      for (const auto& f : e.factors) {
        CHECK(in_household_view(f.id));
        CHECK(!f.sentence.empty());
        points += f.points;
      }
      CHECK(points == Approx(e.score).margin(1e-9));
      CHECK(e.summary.find("In household " + s.households[h].id + "'s view, " + s.people[p].id) ==
            0);
      // Nothing personal: ids only.
      CHECK(e.summary.find(s.people[p].name) == std::string::npos);
    }
  CHECK_THROWS_AS(explain_household_view(s, s.people.size(), 0), error);
}

TEST_CASE("explain_household_view: a factor without consent says so and is not used") {
  person p = make_person("P1");
  p.interests = {"gardening"};
  p.consent.erase(data_category::interests);
  household h = make_household("H1");
  h.interests = {"gardening"};
  const scheme s = make_scheme({p}, {h});
  const auto e = explain_household_view(s, 0, 0);
  const auto it = std::find_if(e.factors.begin(), e.factors.end(),
                               [](const factor_outcome& f) { return f.id == factor::interests; });
  REQUIRE(it != e.factors.end());
  CHECK_FALSE(it->used);
  CHECK(it->sentence ==
        "shared interests were not used because consent to use interests was not given");
  for (const auto& reason : e.reasons) CHECK(reason.find("gardening") == std::string::npos);
}

TEST_CASE("build_views: the stable plan of the views has no blocking pairs") {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    const scheme s = varied_scheme(seed, 14, 6);
    const ranked_pairs pairs = rank_pairs(build_views(s).lists);
    for (auto side : {proposing_side::people, proposing_side::households})
      CHECK(blocking_pairs(pairs, deferred_acceptance(pairs, side).household_of).empty());
  }
}
