#include "slmatch/fair/objectives.hpp"

#include "slmatch/solve/capacitated_solver.hpp"
#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"
#include "support/random_waiting.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace slmatch;

namespace {

using testing::both_goals;
using testing::fast_solver;

/// The message of the validation error a call throws, or "accepted".
/// The chosen weights of a plan, ascending.
std::vector<std::int64_t> matched_weights(const capacitated_problem& problem,
                                          const std::vector<int>& household_of) {
  std::vector<std::int64_t> weights;
  for (const auto& e : problem.edges)
    if (household_of[static_cast<std::size_t>(e.person)] == e.household)
      weights.push_back(e.weight);
  std::sort(weights.begin(), weights.end());
  return weights;
}

std::int64_t sum(const std::vector<std::int64_t>& values) {
  std::int64_t total = 0;
  for (std::int64_t v : values) total += v;
  return total;
}

/// Egalitarian key: (matched or 0, lowest weight, total); for max_total the plan must stay
/// above the floor (checked separately).
struct egalitarian_expectation {
  std::int64_t floor = 0;
  std::tuple<int, std::int64_t> best{-1, -1}; // (matched or 0, total) above the floor
};

egalitarian_expectation expected_egalitarian(const capacitated_problem& problem, objective goal,
                                             const std::vector<std::vector<int>>& plans) {
  int most = 0;
  for (const auto& plan : plans)
    most = std::max(most, static_cast<int>(matched_weights(problem, plan).size()));
  egalitarian_expectation expected;
  if (most > 0) {
    expected.floor = -1;
    for (const auto& plan : plans) {
      const auto weights = matched_weights(problem, plan);
      if (static_cast<int>(weights.size()) == most)
        expected.floor = std::max(expected.floor, weights.front());
    }
  }
  for (const auto& plan : plans) {
    const auto weights = matched_weights(problem, plan);
    if (!weights.empty() && weights.front() < expected.floor) continue;
    const int matched = goal == objective::max_total ? 0 : static_cast<int>(weights.size());
    expected.best = std::max(expected.best, std::make_tuple(matched, sum(weights)));
  }
  return expected;
}

/// The leximin vector: matched weights (max_matched_then_total, compared after the count) or
/// every person's weight with 0 when unmatched (max_total), ascending.
std::pair<int, std::vector<std::int64_t>> leximin_key(const capacitated_problem& problem,
                                                      objective goal,
                                                      const std::vector<int>& household_of) {
  std::vector<std::int64_t> weights = matched_weights(problem, household_of);
  if (goal == objective::max_matched_then_total) return {static_cast<int>(weights.size()), weights};
  weights.resize(static_cast<std::size_t>(problem.people), 0);
  std::sort(weights.begin(), weights.end());
  return {0, weights};
}

std::tuple<int, std::int64_t, std::int64_t> waiting_key(const capacitated_problem& problem,
                                                        objective goal,
                                                        const std::vector<std::int64_t>& waiting,
                                                        const std::vector<int>& household_of) {
  int matched = 0;
  std::int64_t waited = 0;
  std::int64_t total = 0;
  for (const auto& e : problem.edges)
    if (household_of[static_cast<std::size_t>(e.person)] == e.household) {
      ++matched;
      waited += waiting[static_cast<std::size_t>(e.person)];
      total += e.weight;
    }
  return {goal == objective::max_total ? 0 : matched, waited, total};
}

/// The common checks on any fair plan: counts agree, the certificate verifies for the
/// solved problem, the solved plan is the plan, and the cost is against the plain optimum.
void check_fair_plan(const capacitated_problem& problem, objective goal, const fair_plan& plan) {
  const auto weights = matched_weights(problem, plan.household_of);
  REQUIRE(plan.matched == static_cast<int>(weights.size()));
  REQUIRE(plan.total == sum(weights));
  REQUIRE(plan.lowest == (weights.empty() ? -1 : weights.front()));
  verify_plan(plan.solved_problem, plan.solved_goal, plan.solved_plan);
  REQUIRE(plan.solved_plan.household_of == plan.household_of);
  REQUIRE(plan.solved_edge.size() == plan.solved_problem.edges.size());
  for (std::size_t i = 0; i < plan.solved_edge.size(); ++i) {
    const auto& original = problem.edges[static_cast<std::size_t>(plan.solved_edge[i])];
    REQUIRE(original.person == plan.solved_problem.edges[i].person);
    REQUIRE(original.household == plan.solved_problem.edges[i].household);
  }
  const capacitated_plan plain = solve_reference(problem, goal);
  REQUIRE(plan.cost.plain_matched == plain.matched);
  REQUIRE(plan.cost.plain_total == plain.total);
  REQUIRE(plan.cost.matched_lost == plain.matched - plan.matched);
  REQUIRE(plan.cost.total_lost == plain.total - plan.total);
  if (goal == objective::max_matched_then_total) REQUIRE(plan.cost.matched_lost == 0);
  if (goal == objective::max_total) REQUIRE(plan.cost.total_lost >= 0);
}

} // namespace

TEST_CASE("solve_egalitarian: lifts the lowest weight and reports the price of fairness") {
  // Matching all three: {0->0 (10), 1->1 (10), 2->0 (1)}, lowest 1, or {0->0 (10),
  // 1->0 (5), 2->1 (6)}, lowest 5; both total 21.
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2, 1};
  problem.edges = {{0, 0, 10}, {1, 1, 10}, {2, 0, 1}, {1, 0, 5}, {2, 1, 6}};
  const fair_plan plan = solve_egalitarian(problem);
  CHECK(plan.household_of == std::vector<int>{0, 0, 1});
  CHECK(plan.thresholds == std::vector<std::int64_t>{5});
  CHECK(plan.lowest == 5);
  CHECK(plan.matched == 3);
  CHECK(plan.total == 21);
  CHECK(plan.cost.plain_total == 21);
  CHECK(plan.cost.total_lost == 0);
  check_fair_plan(problem, objective::max_matched_then_total, plan);

  problem.edges[2].weight = 2; // now the plain optimum (22) keeps the weight-2 match
  const fair_plan lifted = solve_egalitarian(problem);
  CHECK(lifted.household_of == std::vector<int>{0, 0, 1});
  CHECK(lifted.cost.plain_total == 22);
  CHECK(lifted.cost.total_lost == 1);
}

TEST_CASE("solve_egalitarian: equals brute force on random tiny problems") {
  for (std::uint64_t seed = 1; seed <= 2500; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto plans = testing::feasible_plans(problem);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      const fair_plan plan = solve_egalitarian(problem, goal);
      const auto expected = expected_egalitarian(problem, goal, plans);
      REQUIRE(plan.thresholds == std::vector<std::int64_t>{expected.floor});
      REQUIRE(plan.lowest >= (plan.matched > 0 ? expected.floor : -1));
      const int matched = goal == objective::max_total ? 0 : plan.matched;
      REQUIRE(std::make_tuple(matched, plan.total) == expected.best);
      check_fair_plan(problem, goal, plan);
      if (seed % 5 == 0) { // another exact solver gives the same values
        const fair_plan fast = solve_egalitarian(problem, goal, fast_solver{});
        REQUIRE(fast.thresholds == plan.thresholds);
        REQUIRE(std::make_tuple(goal == objective::max_total ? 0 : fast.matched, fast.total) ==
                expected.best);
        verify_plan(fast.solved_problem, fast.solved_goal, fast.solved_plan);
      }
    }
  }
}

TEST_CASE("solve_leximin: equals brute force on random tiny problems") {
  for (std::uint64_t seed = 1; seed <= 2500; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto plans = testing::feasible_plans(problem);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      auto best = leximin_key(problem, goal, plans.front());
      for (const auto& candidate : plans)
        best = std::max(best, leximin_key(problem, goal, candidate));
      const fair_plan plan = solve_leximin(problem, goal);
      REQUIRE(leximin_key(problem, goal, plan.household_of) == best);
      REQUIRE(std::is_sorted(plan.thresholds.begin(), plan.thresholds.end()));
      check_fair_plan(problem, goal, plan);
      REQUIRE(plan.solved_goal == objective::max_total);
      if (seed % 5 == 0) {
        const fair_plan fast = solve_leximin(problem, goal, fast_solver{});
        REQUIRE(leximin_key(problem, goal, fast.household_of) == best);
        verify_plan(fast.solved_problem, fast.solved_goal, fast.solved_plan);
      }
    }
  }
}

TEST_CASE("solve_leximin: improves the second lowest weight when the lowest is fixed") {
  // Person 2 can only get 1. Then {0->0 (9), 1->1 (3)}: weights (1, 3, 9), total 13, or
  // {0->1 (5), 1->0 (5)}: (1, 5, 5), total 11; leximin takes the second.
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1, 1, 1};
  problem.edges = {{0, 0, 9}, {1, 1, 3}, {0, 1, 5}, {1, 0, 5}, {2, 2, 1}};
  const fair_plan plan = solve_leximin(problem);
  CHECK(plan.household_of == std::vector<int>{1, 0, 2});
  CHECK(plan.total == 11);
  CHECK(plan.cost.plain_total == 13);
  CHECK(plan.cost.total_lost == 2);
  const fair_plan egalitarian = solve_egalitarian(problem);
  CHECK(egalitarian.lowest == 1); // the floor alone cannot see the second lowest
  CHECK(egalitarian.total == 13);
}

TEST_CASE("solve_waiting_priority: equals brute force on random tiny problems") {
  for (std::uint64_t seed = 1; seed <= 2500; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto waiting = testing::random_waiting(problem.people, seed);
    const auto plans = testing::feasible_plans(problem);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      auto best = waiting_key(problem, goal, waiting, plans.front());
      for (const auto& candidate : plans)
        best = std::max(best, waiting_key(problem, goal, waiting, candidate));
      const fair_plan plan = solve_waiting_priority(problem, goal, waiting);
      REQUIRE(waiting_key(problem, goal, waiting, plan.household_of) == best);
      REQUIRE(plan.thresholds.empty());
      check_fair_plan(problem, goal, plan);
      if (seed % 5 == 0) {
        const fair_plan fast = solve_waiting_priority(problem, goal, waiting, fast_solver{});
        REQUIRE(waiting_key(problem, goal, waiting, fast.household_of) == best);
        verify_plan(fast.solved_problem, fast.solved_goal, fast.solved_plan);
      }
    }
  }
}

TEST_CASE("solve_waiting_priority: the person who waited longer gets the place") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1};
  problem.edges = {{0, 0, 90}, {1, 0, 10}};
  const fair_plan plan =
      solve_waiting_priority(problem, objective::max_matched_then_total, {20, 300});
  CHECK(plan.household_of == std::vector<int>{-1, 0});
  CHECK(plan.total == 10);
  CHECK(plan.cost.total_lost == 80);
  const fair_plan equal = solve_waiting_priority(problem, objective::max_total, {5, 5});
  CHECK(equal.household_of == std::vector<int>{0, -1}); // equal waits: the score decides
}

TEST_CASE("fair objectives: errors name the record and field") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1};
  problem.edges = {{0, 0, 1}};
  CHECK(testing::error_of<validation_error>([&] {
          solve_waiting_priority(problem, objective::max_total, {0, -2, 5});
        }) == "person 1, field waiting_days: must be >= 0 (is -2)");
  CHECK(testing::error_of<validation_error>([&] {
          solve_waiting_priority(problem, objective::max_total, {0, 1});
        }) == "waiting_days: has 2 entries for 3 people");
  problem.edges.push_back({4, 0, 1});
  CHECK(testing::error_of<validation_error>([&] { solve_egalitarian(problem); }) ==
        "edge 1, field person: must be in [0, 3) (is 4)");
  CHECK(testing::error_of<validation_error>([&] { solve_leximin(problem); }) ==
        "edge 1, field person: must be in [0, 3) (is 4)");
}

TEST_CASE("fair objectives: deterministic") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed + 90000);
    const auto waiting = testing::random_waiting(problem.people, seed);
    for (objective goal : both_goals) {
      const fair_plan a = solve_leximin(problem, goal, fast_solver{});
      const fair_plan b = solve_leximin(problem, goal, fast_solver{});
      REQUIRE(a.household_of == b.household_of);
      REQUIRE(a.thresholds == b.thresholds);
      REQUIRE(a.solved_plan.certificate.person_price == b.solved_plan.certificate.person_price);
      REQUIRE(solve_egalitarian(problem, goal).household_of ==
              solve_egalitarian(problem, goal).household_of);
      REQUIRE(solve_waiting_priority(problem, goal, waiting).household_of ==
              solve_waiting_priority(problem, goal, waiting).household_of);
    }
  }
}
