#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::both_goals;
using slmatch::testing::value_of;

namespace {

bool accepted(const capacitated_problem& problem, objective goal, const capacitated_plan& plan) {
  try {
    verify_plan(problem, goal, plan);
    return true;
  } catch (const error&) {
    return false;
  }
}

} // namespace

TEST_CASE("solve_reference: a person without a usable edge stays unmatched") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1, 0};
  problem.edges = {{0, 0, 5}, {1, 1, 9}}; // person 1 only fits a household with no place
  for (objective goal : both_goals) {
    const capacitated_plan plan = solve_reference(problem, goal);
    CHECK(plan.household_of == std::vector<int>{0, -1, -1});
    CHECK(plan.matched == 1);
    CHECK(plan.total == 5);
    CHECK(plan.certificate.person_price[1] == 0);
    CHECK(plan.certificate.person_price[2] == 0);
    verify_plan(problem, goal, plan);
  }
}

TEST_CASE("solve_reference: max_total may leave a person unmatched that the default matches") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 10}, {0, 1, 1}, {1, 0, 1}};

  const capacitated_plan by_total = solve_reference(problem, objective::max_total);
  CHECK(by_total.household_of == std::vector<int>{0, -1});
  CHECK(by_total.matched == 1);
  CHECK(by_total.total == 10);
  CHECK(by_total.certificate.bonus == 0);
  verify_plan(problem, objective::max_total, by_total);

  const capacitated_plan by_count = solve_reference(problem);
  CHECK(by_count.household_of == std::vector<int>{1, 0});
  CHECK(by_count.matched == 2);
  CHECK(by_count.total == 2);
  CHECK(by_count.certificate.bonus == 1 + 10 + 1);
  verify_plan(problem, objective::max_matched_then_total, by_count);

  // Each plan is optimal only for its own objective.
  capacitated_plan swapped = by_total;
  swapped.certificate = by_count.certificate;
  CHECK_FALSE(accepted(problem, objective::max_matched_then_total, swapped));
  swapped = by_count;
  swapped.certificate = by_total.certificate;
  CHECK_FALSE(accepted(problem, objective::max_total, swapped));
}

TEST_CASE("solve_reference: capacities above one and a displaced person") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2, 1};
  problem.edges = {{0, 0, 8}, {1, 0, 7}, {2, 0, 6}, {2, 1, 1}, {1, 1, 5}};
  for (objective goal : both_goals) {
    const capacitated_plan plan = solve_reference(problem, goal);
    CHECK(plan.household_of == std::vector<int>{0, 1, 0});
    CHECK(plan.matched == 3);
    CHECK(plan.total == 19);
    verify_plan(problem, goal, plan);
  }
}

TEST_CASE("solve_reference: zero weights still match as many as possible by default") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2};
  problem.edges = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
  const capacitated_plan plan = solve_reference(problem);
  CHECK(plan.household_of == std::vector<int>{0, 0, -1});
  CHECK(plan.total == 0);
  CHECK(plan.certificate.bonus == 1);
  verify_plan(problem, objective::max_matched_then_total, plan);
  const capacitated_plan by_total = solve_reference(problem, objective::max_total);
  CHECK(by_total.total == 0);
  verify_plan(problem, objective::max_total, by_total);
}

TEST_CASE("solve_reference: one edge gives the whole weight to the person") {
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {1};
  problem.edges = {{0, 0, 7}};
  const capacitated_plan by_total = solve_reference(problem, objective::max_total);
  CHECK(by_total.certificate.person_price == std::vector<std::int64_t>{7});
  CHECK(by_total.certificate.household_price == std::vector<std::int64_t>{0});
  const capacitated_plan by_count = solve_reference(problem);
  CHECK(by_count.certificate.bonus == 8);
  CHECK(by_count.certificate.person_price == std::vector<std::int64_t>{15});
  CHECK(by_count.certificate.household_price == std::vector<std::int64_t>{0});
}

TEST_CASE("solve_reference: empty problems") {
  capacitated_problem problem;
  capacitated_plan plan = solve_reference(problem);
  CHECK(plan.household_of.empty());
  CHECK(plan.matched == 0);
  verify_plan(problem, objective::max_matched_then_total, plan);
  problem.people = 2;
  problem.capacity = {3};
  plan = solve_reference(problem, objective::max_total);
  CHECK(plan.household_of == std::vector<int>{-1, -1});
  CHECK(plan.certificate.person_price == std::vector<std::int64_t>{0, 0});
  verify_plan(problem, objective::max_total, plan);
}

TEST_CASE("solve_reference: ties go to the lowest person and household index, every time") {
  capacitated_problem problem;
  problem.people = 5;
  problem.capacity = {1, 1, 1};
  for (int p = 4; p >= 0; --p)
    for (int h = 2; h >= 0; --h) problem.edges.push_back({p, h, 4});
  for (objective goal : both_goals) {
    const capacitated_plan first = solve_reference(problem, goal);
    const capacitated_plan second = solve_reference(problem, goal);
    CHECK(first.household_of == std::vector<int>{0, 1, 2, -1, -1});
    CHECK(second.household_of == first.household_of);
    CHECK(second.certificate.person_price == first.certificate.person_price);
    CHECK(second.certificate.household_price == first.certificate.household_price);
    verify_plan(problem, goal, first);
  }
}

TEST_CASE("solve_reference: rejects a malformed problem") {
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {1};
  problem.edges = {{0, 0, -3}};
  CHECK_THROWS_AS(solve_reference(problem), validation_error);
}

TEST_CASE("solve_reference: equals brute force on random small problems") {
  constexpr std::uint64_t problems = 3000;
  int verified = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const testing::brute_force_optimum best = testing::brute_force(problem);
    INFO("seed " << seed);

    const capacitated_plan by_count = solve_reference(problem);
    REQUIRE(value_of(problem, by_count.household_of) ==
            std::make_pair(best.most_matched, best.total_at_most_matched));
    REQUIRE(by_count.matched == best.most_matched);
    REQUIRE(by_count.total == best.total_at_most_matched);
    verify_plan(problem, objective::max_matched_then_total, by_count);

    const capacitated_plan by_total = solve_reference(problem, objective::max_total);
    REQUIRE(value_of(problem, by_total.household_of).second == best.best_total);
    REQUIRE(by_total.total == best.best_total);
    verify_plan(problem, objective::max_total, by_total);
    verified += 2;
  }
  CHECK(verified == 2 * static_cast<int>(problems));
}

TEST_CASE("verify_plan: every price moved by 1 is rejected unless the LP allows it") {
  // Moving a person's price, or the price of a household with places, breaks dual
  // feasibility or complementary slackness. A household with no places may take any price
  // that keeps its edges' reduced costs >= 0: it does not enter the dual objective.
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      const capacitated_plan plan = solve_reference(problem, goal);
      for (std::size_t p = 0; p < plan.certificate.person_price.size(); ++p)
        for (int change : {-1, 1}) {
          capacitated_plan tampered = plan;
          tampered.certificate.person_price[p] += change;
          CHECK_FALSE(accepted(problem, goal, tampered));
        }
      for (std::size_t h = 0; h < plan.certificate.household_price.size(); ++h)
        for (int change : {-1, 1}) {
          capacitated_plan tampered = plan;
          tampered.certificate.household_price[h] += change;
          bool harmless = problem.capacity[h] == 0 && tampered.certificate.household_price[h] >= 0;
          for (const auto& e : problem.edges)
            if (e.household == static_cast<int>(h) &&
                tampered.certificate.person_price[static_cast<std::size_t>(e.person)] +
                        tampered.certificate.household_price[h] <
                    e.weight + plan.certificate.bonus)
              harmless = false;
          CHECK(accepted(problem, goal, tampered) == harmless);
        }
    }
  }
}

TEST_CASE("verify_plan: a worse plan with the optimum's certificate is rejected") {
  // Unmatch each matched person in turn; the result stays acceptable only when it is still
  // optimal (under max_total: the person's edge weighed 0).
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const testing::brute_force_optimum best = testing::brute_force(problem);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      const capacitated_plan plan = solve_reference(problem, goal);
      for (std::size_t p = 0; p < plan.household_of.size(); ++p) {
        if (plan.household_of[p] < 0) continue;
        capacitated_plan worse = plan;
        worse.household_of[p] = -1;
        const auto [matched, total] = value_of(problem, worse.household_of);
        worse.matched = matched;
        worse.total = total;
        const bool still_optimal = goal == objective::max_total && total == best.best_total;
        CHECK(accepted(problem, goal, worse) == still_optimal);
      }
    }
  }
}

TEST_CASE("solve_reference: a whole-scheme-sized problem is solved and verified", "[.][slow]") {
  // 20,000 people, 8,000 households with 1-3 places, 100 edges per person; run in Release.
  std::mt19937_64 rng(2024);
  capacitated_problem problem;
  problem.people = 20000;
  for (int h = 0; h < 8000; ++h) problem.capacity.push_back(1 + static_cast<int>(rng() % 3));
  std::vector<int> households(8000);
  for (int p = 0; p < problem.people; ++p) {
    for (int h = 0; h < 8000; ++h) households[static_cast<std::size_t>(h)] = h;
    for (int k = 0; k < 100; ++k) {
      const auto pick =
          static_cast<std::size_t>(k) + rng() % (8000 - static_cast<std::uint64_t>(k));
      std::swap(households[static_cast<std::size_t>(k)], households[pick]);
      problem.edges.push_back(
          {p, households[static_cast<std::size_t>(k)], static_cast<std::int64_t>(rng() % 10001)});
    }
  }
  for (objective goal : both_goals) {
    const capacitated_plan plan = solve_reference(problem, goal);
    verify_plan(problem, goal, plan);
    CHECK(plan.matched > 0);
  }
}
