#include "slmatch/match.hpp"
#include "slmatch/model/validate.hpp"

#include "support/grouped_brute_force.hpp"
#include "support/random_scheme.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using testing::make_household;
using testing::make_person;
using testing::make_scheme;

namespace {

/// P07 and P08, a couple who must live together and do not share a bedroom; P08 needs level
/// access. H05 has two places but one free bedroom; H06 has room for both; H12 lacks level
/// access.
scheme couple_scheme() {
  person p07 = make_person("P07");
  person p08 = make_person("P08");
  p08.access_needs = {home_feature::level_access};
  household h05 = make_household("H05");
  household h06 = make_household("H06");
  h06.free_bedrooms = 2;
  household h12 = make_household("H12");
  h12.free_bedrooms = 2;
  h12.features = {home_feature::wheelchair_access};
  scheme s = make_scheme({p07, p08}, {h05, h06, h12});
  person_group couple;
  couple.id = "G1";
  couple.kind = group_kind::couple;
  couple.members = {"P07", "P08"};
  s.groups = {couple};
  return s;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("match: a couple is proposed to one household that has room for both") {
  const scheme s = couple_scheme();
  const match_result result = match(s);
  REQUIRE(result.grouped);
  CHECK(result.grouped->proven_optimal);
  CHECK(result.plan.household_of == std::vector<int>{1, 1});
  REQUIRE(result.proposals[0].why);
  const std::string& first = result.proposals[0].why->reasons.front();
  CHECK(first == "P07 and P08 (a couple) want to live together: H06 suits them all and has room "
                 "for them all, which adds 10 points for living together.");
  CHECK(result.proposals[1].why->reasons.front() == first);
  // The plan's total includes the living-together factor's 10 points (in thousandths).
  CHECK(result.grouped->together_total == 10000);
}

TEST_CASE("match: a couple with no household for both is not placed, and each reason is named") {
  scheme s = couple_scheme();
  s.households.erase(s.households.begin() + 1); // H06
  const match_result result = match(s);
  CHECK(result.plan.household_of == std::vector<int>{-1, -1});
  REQUIRE(result.proposals[0].why_not);
  const std::string& summary = result.proposals[0].why_not->summary;
  CHECK(contains(summary, "P07 and P08 (a couple) must live together, so they are placed "
                          "together or not at all: H05 suits them all but it has 1 free bedroom "
                          "and they need 2 (they do not share a bedroom); H12 suits P07 but not "
                          "P08 ("));
  CHECK(contains(summary, "level access"));

  // Sharing a bedroom, they fit H05.
  s.groups[0].share_bedroom = true;
  const match_result shared = match(s);
  CHECK(shared.plan.household_of == std::vector<int>{0, 0});
}

TEST_CASE("match: friends who would like to live together earn the factor only together") {
  scheme s = couple_scheme();
  s.groups[0].kind = group_kind::friends;
  s.groups[0].together = togetherness::preferred;
  s.groups[0].share_bedroom = false;
  const match_result result = match(s);
  CHECK(result.plan.household_of == std::vector<int>{1, 1});
  CHECK(result.grouped->together_total == 10000);

  // With no household for both, they are placed apart and told why.
  s.households.erase(s.households.begin() + 1);
  s.households[0].places = 1;
  s.households[1].places = 1;
  s.households[1].features.insert(home_feature::level_access);
  const match_result apart = match(s);
  CHECK(apart.plan.matched == 2);
  CHECK(apart.grouped->together_total == 0);
  REQUIRE(apart.proposals[0].why);
  CHECK(contains(apart.proposals[0].why->summary,
                 "P07 and P08 (friends) would like to live together but are proposed apart: "
                 "H05 suits them all but it has 1 free place for 2 people"));
}

TEST_CASE("match: a scheme without groups is solved by the flow solver with its certificate") {
  scheme s = couple_scheme();
  s.groups.clear();
  const match_result result = match(s);
  CHECK_FALSE(result.grouped);
  CHECK_NOTHROW(verify_plan(result.problem, objective::max_matched_then_total, result.plan));
}

TEST_CASE("match: plans with groups equal brute force on small random schemes") {
  int placed_together = 0, left_out = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    scheme s = testing::random_scheme(seed, 6, 4);
    std::mt19937 rng(seed);
    for (auto& h : s.households) {
      h.free_bedrooms = static_cast<int>(rng() % 4);
      h.places = std::max(h.places, 2 + static_cast<int>(rng() % 2));
    }
    person_group group;
    group.id = "G1";
    group.members = {s.people[0].id, s.people[1].id};
    if (rng() % 2) group.members.push_back(s.people[2].id);
    if (static_cast<int>(group.members.size()) > s.policy.household_cap) group.members.pop_back();
    // Members alike enough that some households suit them all, half the time.
    if (rng() % 2)
      for (std::size_t m = 1; m < group.members.size(); ++m) {
        person alike = s.people[0];
        alike.id = s.people[m].id;
        s.people[m] = alike;
      }
    group.together = rng() % 3 ? togetherness::required : togetherness::preferred;
    group.share_bedroom = rng() % 2;
    s.groups = {group};
    REQUIRE_NOTHROW(validate(s));
    INFO("seed " << seed);
    for (objective goal : {objective::max_matched_then_total, objective::max_total}) {
      match_options options;
      options.goal = goal;
      const match_result result = match(s, options);
      REQUIRE(result.grouped);
      const grouped_problem problem = make_grouped_problem(s, result.scores, result.problem);
      CHECK_NOTHROW(verify_grouped_plan(problem, goal, *result.grouped));
      CHECK(result.grouped->proven_optimal);
      std::pair<int, std::int64_t> best{0, 0};
      for (const auto& a : testing::grouped_assignments(problem))
        best = std::max(best, goal == objective::max_total
                                  ? std::pair<int, std::int64_t>{0, a.total}
                                  : std::pair<int, std::int64_t>{a.matched, a.total});
      if (goal == objective::max_matched_then_total) CHECK(result.plan.matched == best.first);
      CHECK(result.grouped->total == best.second);
      CHECK(result.plan.total == result.grouped->total - result.grouped->together_total);
      placed_together += result.grouped->group_household[0] >= 0;
      left_out += result.plan.household_of[0] < 0;
      // Every person has a proposal or a reason, and group members hear about their group.
      for (std::size_t p = 0; p < group.members.size(); ++p) {
        const proposal& item = result.proposals[p];
        const std::string text = item.why ? item.why->summary : item.why_not->summary;
        CHECK(contains(text, "live together"));
      }
    }
  }
  CHECK(placed_together > 25);
  CHECK(left_out > 50);
}

TEST_CASE("match: a couple's shortlists hold only households that can take them both") {
  scheme s = couple_scheme();
  const match_result result = match(s);
  REQUIRE(result.shortlists[0].size() == 1);
  CHECK(result.shortlists[0][0].household == 1); // H06
  REQUIRE(result.shortlists[1].size() == 1);
  CHECK(result.shortlists[1][0].household == 1);
  CHECK(result.shortlists[1][0].person == 1);

  // Friends who would only like to live together keep their own lists.
  s.groups[0].together = togetherness::preferred;
  const match_result preferred = match(s);
  CHECK(preferred.shortlists[0].size() == 3);
  CHECK(preferred.shortlists[1].size() == 2); // H12 lacks the level access P08 needs
}

TEST_CASE("match: shortlists of groups equal a direct ranking on small random schemes") {
  int checked = 0;
  for (unsigned seed = 1; seed <= 200; ++seed) {
    scheme s = testing::random_scheme(seed, 6, 5);
    std::mt19937 rng(seed);
    for (auto& h : s.households) {
      h.free_bedrooms = static_cast<int>(rng() % 3);
      h.places = std::max(h.places, 1 + static_cast<int>(rng() % 3));
    }
    person_group group;
    group.id = "G1";
    group.members = {s.people[1].id, s.people[3].id};
    if (rng() % 4) { // alike enough that some households suit both, mostly
      person alike = s.people[1];
      alike.id = s.people[3].id;
      s.people[3] = alike;
    }
    group.share_bedroom = rng() % 2;
    s.groups = {group};
    REQUIRE_NOTHROW(validate(s));
    INFO("seed " << seed);
    match_options options;
    options.shortlist_size = 1 + static_cast<int>(seed % 3);
    const match_result result = match(s, options);

    // Every household, ranked by hand: suits both, has room for both, by the pair of scores
    // plus the living-together points, ties by id.
    std::vector<std::pair<std::int64_t, std::string>> ranked;
    std::vector<std::size_t> index;
    for (std::size_t h = 0; h < s.households.size(); ++h) {
      std::int64_t weight = score_to_weight(living_together_points(s.policy));
      int suited = 0;
      for (const auto& pair : result.scores.pairs)
        if (pair.household == h && (pair.person == 1 || pair.person == 3)) {
          ++suited;
          weight += score_to_weight(pair.score);
        }
      if (suited == 2 && !no_room_for_group(s, s.groups[0], {1, 3}, s.households[h]))
        ranked.push_back({-weight, s.households[h].id});
    }
    std::sort(ranked.begin(), ranked.end());
    ranked.resize(std::min(ranked.size(), static_cast<std::size_t>(options.shortlist_size)));
    for (std::size_t member : {std::size_t{1}, std::size_t{3}}) {
      const auto& list = result.shortlists[member];
      REQUIRE(list.size() == ranked.size());
      for (std::size_t r = 0; r < list.size(); ++r) {
        CHECK(list[r].person == member);
        CHECK(s.households[list[r].household].id == ranked[r].second);
      }
    }
    checked += ranked.empty() ? 0 : 1;
  }
  CHECK(checked > 25); // in the others no household suits both and has room
}
