#include "slmatch/fair/grouped_objectives.hpp"

#include "support/brute_force.hpp"
#include "support/grouped_brute_force.hpp"
#include "support/grouped_enumeration.hpp"
#include "support/plan_enumeration.hpp"
#include "support/random_waiting.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace slmatch;

namespace {

using testing::both_goals;
using testing::match_weights;

/// Problems per brute-force test, each under one objective (alternately), to keep the
/// sanitized run short.
constexpr std::uint64_t problems = 2400;

objective goal_of(std::uint64_t seed) { return both_goals[seed % 2]; }

/// The brute force's assignment with this household_of; fails the test when there is none
/// (the plan breaks a group or a capacity).
const testing::grouped_assignment&
find_assignment(const std::vector<testing::grouped_assignment>& all,
                const std::vector<int>& household_of) {
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const auto& a) { return a.household_of == household_of; });
  REQUIRE(it != all.end());
  return *it;
}

/// The checks every fair plan passes: it is one of the plans, its counts and lowest weight
/// are right, it is proven, and its cost is against the plain optimum.
const testing::grouped_assignment&
check_fair_plan(const grouped_problem& problem, objective goal,
                const std::vector<testing::grouped_assignment>& all,
                const grouped_fair_plan& plan) {
  const auto& a = find_assignment(all, plan.household_of);
  REQUIRE(plan.matched == a.matched);
  REQUIRE(plan.total == a.total);
  const auto weights = match_weights(problem, plan.household_of);
  std::int64_t edges = 0;
  for (std::int64_t w : weights) edges += w;
  REQUIRE(plan.together_total == plan.total - edges);
  REQUIRE(plan.lowest == (weights.empty() ? -1 : weights.front()));
  REQUIRE(plan.group_household.size() == problem.groups.size());
  REQUIRE(plan.proven_optimal);
  // The plain optimum, by brute force (its matched count is fixed only for the first goal).
  std::pair<int, std::int64_t> plain{-1, -1};
  for (const auto& other : all)
    plain = std::max(plain, testing::grouped_key(goal, other.matched, other.total));
  if (goal == objective::max_matched_then_total) REQUIRE(plan.cost.plain_matched == plain.first);
  REQUIRE(plan.cost.plain_total == plain.second);
  REQUIRE(plan.cost.matched_lost == plan.cost.plain_matched - plan.matched);
  REQUIRE(plan.cost.total_lost == plan.cost.plain_total - plan.total);
  if (goal == objective::max_matched_then_total) REQUIRE(plan.cost.matched_lost == 0);
  return a;
}

/// The egalitarian floor and the best (matched or 0, total) above it, by brute force.
std::pair<std::int64_t, std::pair<int, std::int64_t>>
expected_egalitarian(const grouped_problem& problem, objective goal,
                     const std::vector<testing::grouped_assignment>& all) {
  int most = 0;
  for (const auto& a : all) most = std::max(most, a.matched);
  std::int64_t floor = 0;
  if (most > 0) {
    floor = -1;
    for (const auto& a : all)
      if (a.matched == most)
        floor = std::max(floor, match_weights(problem, a.household_of).front());
  }
  std::pair<int, std::int64_t> best{-1, -1};
  for (const auto& a : all) {
    const auto weights = match_weights(problem, a.household_of);
    if (!weights.empty() && weights.front() < floor) continue;
    best = std::max(best, testing::grouped_key(goal, a.matched, a.total));
  }
  return {floor, best};
}

/// The leximin key: (matched, match weights ascending, total) for max_matched_then_total;
/// (0, every person's weight ascending with 0 when unmatched, total) for max_total.
std::tuple<int, std::vector<std::int64_t>, std::int64_t>
leximin_key(const grouped_problem& problem, objective goal, const testing::grouped_assignment& a) {
  std::vector<std::int64_t> weights = match_weights(problem, a.household_of);
  if (goal == objective::max_total) {
    weights.resize(static_cast<std::size_t>(problem.pairs.people), 0);
    std::sort(weights.begin(), weights.end());
    return {0, weights, a.total};
  }
  return {a.matched, weights, a.total};
}

std::tuple<int, std::int64_t, std::int64_t> waiting_key(objective goal,
                                                        const std::vector<std::int64_t>& waiting,
                                                        const testing::grouped_assignment& a) {
  std::int64_t waited = 0;
  for (std::size_t p = 0; p < a.household_of.size(); ++p)
    if (a.household_of[p] >= 0) waited += waiting[p];
  return {goal == objective::max_total ? 0 : a.matched, waited, a.total};
}

/// Two people who must live together and two on their own, in households of 2 and 1
/// places (the couple's hosts: household 0 only).
grouped_problem couple_and_two() {
  grouped_problem problem;
  problem.pairs.people = 4;
  problem.pairs.capacity = {2, 1};
  problem.pairs.edges = {{0, 0, 10}, {1, 0, 2}, {2, 0, 6}, {2, 1, 5}, {3, 0, 7}, {3, 1, 1}};
  problem_group couple;
  couple.members = {0, 1};
  couple.hosts = {{0, 3}};
  problem.groups = {couple};
  return problem;
}

} // namespace

TEST_CASE("solve_grouped_egalitarian: equals brute force on thousands of tiny problems",
          "[groups]") {
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto all = testing::grouped_assignments(problem);
    const objective goal = goal_of(seed);
    INFO("seed " << seed << ", goal " << to_string(goal));
    const grouped_fair_plan plan = solve_grouped_egalitarian(problem, goal);
    const auto& a = check_fair_plan(problem, goal, all, plan);
    const auto [floor, best] = expected_egalitarian(problem, goal, all);
    REQUIRE(plan.thresholds == std::vector<std::int64_t>{floor});
    REQUIRE((plan.lowest < 0 || plan.lowest >= floor));
    REQUIRE(testing::grouped_key(goal, a.matched, a.total) == best);
  }
}

TEST_CASE("solve_grouped_leximin: equals brute force on thousands of tiny problems", "[groups]") {
  int programmes = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto all = testing::grouped_assignments(problem);
    const objective goal = goal_of(seed);
    INFO("seed " << seed << ", goal " << to_string(goal));
    const grouped_fair_plan plan = solve_grouped_leximin(problem, goal);
    const auto& a = check_fair_plan(problem, goal, all, plan);
    auto best = leximin_key(problem, goal, all.front());
    for (const auto& other : all) best = std::max(best, leximin_key(problem, goal, other));
    REQUIRE(leximin_key(problem, goal, a) == best);
    REQUIRE(std::is_sorted(plan.thresholds.begin(), plan.thresholds.end()));
    programmes += plan.programme_columns > 0;
  }
  CHECK(programmes > 100); // the programme, not only the relaxation, was exercised
}

TEST_CASE("solve_grouped_waiting_priority: equals brute force on thousands of tiny problems",
          "[groups]") {
  int programmes = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto all = testing::grouped_assignments(problem);
    const auto waiting = testing::random_waiting(problem.pairs.people, seed);
    const objective goal = goal_of(seed);
    INFO("seed " << seed << ", goal " << to_string(goal));
    const grouped_fair_plan plan = solve_grouped_waiting_priority(problem, goal, waiting);
    const auto& a = check_fair_plan(problem, goal, all, plan);
    auto best = waiting_key(goal, waiting, all.front());
    for (const auto& other : all) best = std::max(best, waiting_key(goal, waiting, other));
    REQUIRE(waiting_key(goal, waiting, a) == best);
    REQUIRE(plan.thresholds.empty());
    programmes += plan.programme_columns > 0;
  }
  CHECK(programmes > 100);
}

TEST_CASE("grouped fair objectives: without groups they are objectives.hpp's", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    grouped_problem problem;
    problem.pairs = testing::random_tiny_problem(seed);
    const auto waiting = testing::random_waiting(problem.pairs.people, seed);
    for (objective goal : both_goals) {
      const fair_plan egalitarian = solve_egalitarian(problem.pairs, goal);
      const grouped_fair_plan grouped_egalitarian = solve_grouped_egalitarian(problem, goal);
      REQUIRE(grouped_egalitarian.thresholds == egalitarian.thresholds);
      REQUIRE(testing::grouped_key(goal, grouped_egalitarian.matched, grouped_egalitarian.total) ==
              testing::grouped_key(goal, egalitarian.matched, egalitarian.total));
      const fair_plan leximin = solve_leximin(problem.pairs, goal);
      const grouped_fair_plan grouped_leximin = solve_grouped_leximin(problem, goal);
      const auto vector_of = [&](const std::vector<int>& household_of) {
        std::vector<std::int64_t> weights = match_weights(problem, household_of);
        if (goal == objective::max_total) {
          weights.resize(static_cast<std::size_t>(problem.pairs.people), 0);
          std::sort(weights.begin(), weights.end());
        }
        return weights;
      };
      REQUIRE(vector_of(grouped_leximin.household_of) == vector_of(leximin.household_of));
      REQUIRE(grouped_leximin.programme_columns == 0);
      const fair_plan waited = solve_waiting_priority(problem.pairs, goal, waiting);
      const grouped_fair_plan grouped_waited =
          solve_grouped_waiting_priority(problem, goal, waiting);
      REQUIRE(grouped_waited.total == waited.total);
      std::int64_t days = 0, grouped_days = 0;
      for (std::size_t p = 0; p < waiting.size(); ++p) {
        days += waited.household_of[p] >= 0 ? waiting[p] : 0;
        grouped_days += grouped_waited.household_of[p] >= 0 ? waiting[p] : 0;
      }
      REQUIRE(testing::grouped_key(goal, grouped_waited.matched, grouped_days) ==
              testing::grouped_key(goal, waited.matched, days));
    }
  }
}

TEST_CASE("solve_grouped_egalitarian: the couple's floor counts, its bonus does not", "[groups]") {
  // Three people are matched only with the couple in household 0 and person 2 or 3 in
  // household 1: lowest weights 2 (the couple's member 1) or 1. The floor is 2; the bonus
  // is no match and does not lower it.
  grouped_problem problem = couple_and_two();
  const grouped_fair_plan plan = solve_grouped_egalitarian(problem);
  CHECK(plan.matched == 3);
  CHECK(plan.household_of == std::vector<int>{0, 0, 1, -1});
  CHECK(plan.thresholds == std::vector<std::int64_t>{2});
  CHECK(plan.lowest == 2);
  CHECK(plan.total == 10 + 2 + 3 + 5);
  CHECK(plan.together_total == 3);
  // For the largest total above that floor, the same plan: 20 beats persons 2 and 3 (13).
  CHECK(solve_grouped_egalitarian(problem, objective::max_total).total == 20);
}

TEST_CASE("solve_grouped_leximin: a large bonus does not buy a low match", "[groups]") {
  // Three matched needs the couple in household 0: with person 2 in household 1 the match
  // weights are {2, 5, 10}, with person 3 {1, 2, 10}. The bonus is in neither vector.
  grouped_problem problem = couple_and_two();
  problem.groups[0].hosts = {{0, 1000}};
  const grouped_fair_plan plan = solve_grouped_leximin(problem);
  CHECK(plan.household_of == std::vector<int>{0, 0, 1, -1});
  CHECK(plan.together_total == 1000);
  // Without hosts the couple is out; persons 2 and 3 both in household 0 ({6, 7}) beat
  // {5, 7} and {1, 6}.
  problem.groups[0].hosts.clear();
  const grouped_fair_plan apart = solve_grouped_leximin(problem);
  CHECK(apart.household_of == std::vector<int>{-1, -1, 0, 0});
  CHECK(apart.lowest == 6);
}

TEST_CASE("solve_grouped_waiting_priority: the couple who waited longer gets the room",
          "[groups]") {
  grouped_problem problem = couple_and_two();
  problem.pairs.capacity = {2, 0};
  // Household 0 takes the couple (2 people) or persons 2 and 3: two matched either way.
  const grouped_fair_plan couple =
      solve_grouped_waiting_priority(problem, objective::max_matched_then_total, {50, 50, 10, 10});
  CHECK(couple.household_of == std::vector<int>{0, 0, -1, -1});
  const grouped_fair_plan singles =
      solve_grouped_waiting_priority(problem, objective::max_matched_then_total, {10, 10, 50, 50});
  CHECK(singles.household_of == std::vector<int>{-1, -1, 0, 0});
  // Equal waits: the larger total, the couple's 10 + 2 + 3 against 6 + 7.
  const grouped_fair_plan total =
      solve_grouped_waiting_priority(problem, objective::max_matched_then_total, {1, 1, 1, 1});
  CHECK(total.household_of == std::vector<int>{0, 0, -1, -1});
  CHECK(total.total == 15);
}

TEST_CASE("grouped fair objectives: errors name the record and field", "[groups]") {
  grouped_problem problem = couple_and_two();
  CHECK(testing::error_of<validation_error>([&] {
          solve_grouped_waiting_priority(problem, objective::max_total, {1, 2});
        }) == "waiting_days: has 2 entries for 4 people");
  CHECK(testing::error_of<validation_error>([&] {
          solve_grouped_waiting_priority(problem, objective::max_total, {1, 2, -3, 0});
        }) == "person 2, field waiting_days: must be >= 0 (is -3)");
  problem.groups[0].members = {0, 9};
  CHECK(testing::error_of<validation_error>([&] {
          solve_grouped_egalitarian(problem);
        }).find("group 0, field members: person 9 is not in [0, 4)") != std::string::npos);
  CHECK_THROWS_AS(solve_grouped_leximin(problem), validation_error);
}

TEST_CASE("grouped fair objectives: deterministic", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto waiting = testing::random_waiting(problem.pairs.people, seed);
    for (objective goal : both_goals) {
      CHECK(solve_grouped_egalitarian(problem, goal).household_of ==
            solve_grouped_egalitarian(problem, goal).household_of);
      CHECK(solve_grouped_leximin(problem, goal).household_of ==
            solve_grouped_leximin(problem, goal).household_of);
      CHECK(solve_grouped_waiting_priority(problem, goal, waiting).household_of ==
            solve_grouped_waiting_priority(problem, goal, waiting).household_of);
    }
  }
}
