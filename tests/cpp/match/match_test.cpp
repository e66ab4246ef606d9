#include "slmatch/match.hpp"
#include "slmatch/score/weight.hpp"

#include "support/brute_force.hpp"
#include "support/random_scheme.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace slmatch;

TEST_CASE("match: the optimal plan equals brute force on small random schemes") {
  int with_competition = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    const scheme s = testing::random_scheme(seed, 6, 4);
    const auto result = match(s);
    INFO("seed " << seed);
    // The pairs scored on the fast path are the reference's, to 1e-9.
    const auto reference = score_scheme(s);
    REQUIRE(result.scores.pairs.size() == reference.pairs.size());
    for (std::size_t k = 0; k < reference.pairs.size(); ++k) {
      CHECK(result.scores.pairs[k].household == reference.pairs[k].household);
      CHECK(result.scores.pairs[k].score == Approx(reference.pairs[k].score).margin(1e-9));
    }
    const auto expected = testing::brute_force(result.problem);
    CHECK(result.plan.matched == expected.most_matched);
    CHECK(result.plan.total == expected.total_at_most_matched);

    match_options best_total;
    best_total.goal = objective::max_total;
    CHECK(match(s, best_total).plan.total == expected.best_total);
    if (expected.most_matched < static_cast<int>(s.people.size()) && expected.most_matched > 0)
      ++with_competition;
  }
  // The generator must produce schemes where not everyone fits, or the test proves little.
  CHECK(with_competition > 50);
}

TEST_CASE("match: every person gets a proposal or a reason") {
  const scheme s = testing::random_scheme(7, 12, 5);
  const auto result = match(s);
  REQUIRE(result.proposals.size() == s.people.size());
  std::map<int, int> placed;
  for (const auto& item : result.proposals) {
    if (item.household >= 0) {
      REQUIRE(item.why.has_value());
      CHECK_FALSE(item.why_not.has_value());
      CHECK(item.why->feasible);
      CHECK(item.why->person_id == s.people[item.person].id);
      CHECK(item.why->score == Approx(item.score));
      ++placed[item.household];
    } else {
      REQUIRE(item.why_not.has_value());
      CHECK_FALSE(item.why_not->summary.empty());
    }
  }
  for (const auto& [household, count] : placed)
    CHECK(count <= effective_capacity(s.policy, s.households[static_cast<std::size_t>(household)]));
}

TEST_CASE("make_shortlists: best first, ties by household id, at most k") {
  const scheme s = testing::random_scheme(11, 8, 6);
  const auto table = score_scheme(s);
  const auto lists = make_shortlists(s, table, 2);
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    const auto& list = lists[p];
    CHECK(list.size() <= 2);
    for (std::size_t i = 1; i < list.size(); ++i) {
      const bool ordered =
          score_to_weight(list[i - 1].score) > score_to_weight(list[i].score) ||
          (score_to_weight(list[i - 1].score) == score_to_weight(list[i].score) &&
           s.households[list[i - 1].household].id < s.households[list[i].household].id);
      CHECK(ordered);
    }
    int feasible = 0;
    for (const auto& pair : table.pairs) feasible += pair.person == p;
    CHECK(static_cast<int>(list.size()) == std::min(feasible, 2));
  }
}

TEST_CASE("match: unmatched people get the reference's rule failure counts") {
  const scheme s = testing::random_scheme(3, 14, 4);
  const auto result = match(s);
  const auto reference = score_scheme(s);
  int unmatched = 0;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    if (result.plan.household_of[p] >= 0) continue;
    ++unmatched;
    CHECK(result.scores.failures_by_rule[p] == reference.failures_by_rule[p]);
  }
  CHECK(unmatched > 0);
}

TEST_CASE("match: any number of threads gives the same result") {
  const scheme s = testing::random_scheme(9, 40, 12);
  match_options four;
  four.threads = 4;
  CHECK(match(s).plan.household_of == match(s, four).plan.household_of);
  match_options none;
  none.threads = 0;
  CHECK_THROWS_WITH(match(s, none), "threads must be >= 1");
}

TEST_CASE("match: identical input gives an identical plan") {
  const scheme s = testing::random_scheme(5, 15, 6);
  const auto first = match(s);
  const auto second = match(s);
  CHECK(first.plan.household_of == second.plan.household_of);
  CHECK(first.plan.certificate.person_price == second.plan.certificate.person_price);
  CHECK_THROWS_AS(match(s, match_options{-1, objective::max_total, 1}), error);
}

TEST_CASE("make_shortlists and make_problem: the same for any number of threads") {
  const scheme s = testing::random_scheme(23, 700, 40);
  const auto table = score_scheme(s);
  REQUIRE(table.pairs.size() > 1000);
  const auto one = make_shortlists(s, table, 4, 1);
  const auto problem = make_problem(s, table, 1);
  for (int threads : {2, 3, 8}) {
    const auto lists = make_shortlists(s, table, 4, threads);
    REQUIRE(lists.size() == one.size());
    for (std::size_t p = 0; p < lists.size(); ++p) {
      REQUIRE(lists[p].size() == one[p].size());
      for (std::size_t i = 0; i < lists[p].size(); ++i)
        CHECK(lists[p][i].household == one[p][i].household);
    }
    const auto again = make_problem(s, table, threads);
    REQUIRE(again.edges.size() == problem.edges.size());
    for (std::size_t k = 0; k < again.edges.size(); ++k) {
      CHECK(again.edges[k].person == problem.edges[k].person);
      CHECK(again.edges[k].household == problem.edges[k].household);
      CHECK(again.edges[k].weight == problem.edges[k].weight);
    }
  }
  for (const auto& list : make_shortlists(s, table, 0, 2)) CHECK(list.empty());
}

TEST_CASE("make_shortlists: a table not ordered by person is refused") {
  const scheme s = testing::random_scheme(23, 200, 40);
  auto table = score_scheme(s);
  REQUIRE(table.pairs.size() > 2);
  std::swap(table.pairs.front(), table.pairs.back());
  REQUIRE(table.pairs.front().person != table.pairs.back().person);
  CHECK_THROWS_WITH(make_shortlists(s, table, 2), "score table is not ordered by person");
}
