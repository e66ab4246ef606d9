#include "slmatch/solve/grouped_k_best.hpp"

#include "support/brute_force.hpp"
#include "support/grouped_brute_force.hpp"
#include "support/grouped_enumeration.hpp"
#include "support/plan_enumeration.hpp"
#include "support/small_problems.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using slmatch::testing::couple_and_one;

namespace {

using testing::both_goals;
using testing::grouped_key;

std::vector<std::vector<int>> assignments(const std::vector<grouped_ranked_plan>& listed) {
  std::vector<std::vector<int>> result;
  for (const auto& r : listed) result.push_back(r.plan.household_of);
  return result;
}

/// Compare a K-best list with the brute force: the same keys as the top of its ranking,
/// distinct plans, each one of the enumerated plans with its counts, each verified as the
/// best plan of its subproblem, which includes the caller's constraints.
void check_against_brute_force(const grouped_problem& problem, objective goal, std::size_t k,
                               const std::vector<pair_constraint>& pins,
                               const std::vector<pair_constraint>& forbids,
                               const std::vector<testing::grouped_assignment>& plans,
                               const std::vector<grouped_ranked_plan>& listed) {
  std::vector<std::pair<int, std::int64_t>> keys;
  std::set<std::vector<int>> feasible;
  for (const auto& a : plans) {
    keys.push_back(grouped_key(goal, a.matched, a.total));
    feasible.insert(a.household_of);
  }
  std::sort(keys.begin(), keys.end(), std::greater<>());
  REQUIRE(listed.size() == std::min(k, plans.size()));
  std::set<std::vector<int>> seen;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    INFO("plan " << i);
    const grouped_constrained_plan& plan = listed[i].plan;
    REQUIRE(grouped_key(goal, plan.matched, plan.total) == keys[i]);
    REQUIRE(feasible.count(plan.household_of) == 1);
    REQUIRE(seen.insert(plan.household_of).second);
    for (const auto& pin : pins)
      REQUIRE(std::any_of(listed[i].pins.begin(), listed[i].pins.end(), [&](const auto& own) {
        return own.person == pin.person && own.household == pin.household;
      }));
    REQUIRE(listed[i].forbids.size() >= forbids.size());
    verify_grouped_constrained(problem, goal, listed[i].pins, listed[i].forbids, plan);
    REQUIRE(plan.proven_optimal());
  }
}

} // namespace

TEST_CASE("grouped_k_best_plans: a small problem listed in full, in order", "[groups]") {
  // The couple fits household 1 only: plans {1, 1, -1} (14), {-1, -1, 1} (8), nobody (0);
  // keeping the couple whole rules out every plan that splits it.
  const grouped_problem problem = couple_and_one();
  const auto listed = grouped_k_best_plans(problem, objective::max_total, 10);
  CHECK(assignments(listed) ==
        std::vector<std::vector<int>>{{1, 1, -1}, {-1, -1, 1}, {-1, -1, -1}});
  CHECK(listed[0].plan.total == 14);
  CHECK(listed[0].plan.together_total == 4);
  CHECK(listed[1].plan.total == 8);
  for (const auto& r : listed)
    verify_grouped_constrained(problem, objective::max_total, r.pins, r.forbids, r.plan);
  // The second plan is the best one keeping person 0, and so the couple, out of household 1.
  REQUIRE(listed[1].forbids.size() == 1);
  CHECK(listed[1].forbids[0].person == 0);
  CHECK(listed[1].forbids[0].household == 1);
}

TEST_CASE("grouped_k_best_plans: equals the brute-force ranking on thousands of tiny problems",
          "[groups]") {
  // Each problem under one objective, alternately, to keep the sanitized run short.
  constexpr std::uint64_t problems = 2400;
  int longer = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto plans = testing::grouped_assignments(problem);
    const std::size_t k = 1 + seed % 6;
    const objective goal = both_goals[(seed / 6) % 2];
    INFO("seed " << seed << ", k " << k << ", goal " << to_string(goal));
    check_against_brute_force(problem, goal, k, {}, {}, plans,
                              grouped_k_best_plans(problem, goal, k));
    longer += plans.size() >= k;
  }
  CHECK(longer > 1200); // most lists are cut at K, not at the number of plans
}

TEST_CASE("grouped_k_best_plans: with pins and forbids, equals the brute-force ranking of their "
          "plans",
          "[groups]") {
  constexpr std::uint64_t problems = 1500;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed + 70000);
    const auto all = testing::grouped_assignments(problem);
    const auto [pins, forbids] =
        testing::constraints_from_a_plan(problem, all, seed, problem.pairs.people / 3);
    const auto plans = testing::obeying(all, pins, forbids);
    const std::size_t k = 1 + seed % 6;
    INFO("seed " << seed << ", k " << k);
    for (objective goal : both_goals)
      check_against_brute_force(problem, goal, k, pins, forbids, plans,
                                grouped_k_best_plans(problem, goal, k, pins, forbids));
  }
}

TEST_CASE("grouped_k_best_plans: the same input gives the same list", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    for (objective goal : both_goals) {
      const auto first = grouped_k_best_plans(problem, goal, 4);
      REQUIRE(assignments(first) == assignments(grouped_k_best_plans(problem, goal, 4)));
      // A longer list starts with the shorter one.
      const auto prefix = assignments(grouped_k_best_plans(problem, goal, 6));
      REQUIRE(std::vector<std::vector<int>>(
                  prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(first.size())) ==
              assignments(first));
    }
  }
}

TEST_CASE("grouped_k_best_plans: without groups it ranks as k_best_plans", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    grouped_problem problem;
    problem.pairs = testing::random_tiny_problem(seed);
    for (objective goal : both_goals) {
      const auto flat = k_best_plans(problem.pairs, goal, 5);
      const auto grouped = grouped_k_best_plans(problem, goal, 5);
      REQUIRE(flat.size() == grouped.size());
      for (std::size_t i = 0; i < flat.size(); ++i) {
        REQUIRE(flat[i].plan.matched == grouped[i].plan.matched);
        REQUIRE(flat[i].plan.total == grouped[i].plan.total);
      }
    }
  }
}

TEST_CASE("grouped_k_best_plans: no plans asked, the empty problem, and errors", "[groups]") {
  grouped_problem problem;
  CHECK(grouped_k_best_plans(problem, objective::max_total, 0).empty());
  const auto only = grouped_k_best_plans(problem, objective::max_total, 3);
  REQUIRE(only.size() == 1); // the empty plan
  CHECK(only[0].plan.household_of.empty());
  problem = couple_and_one();
  CHECK(grouped_k_best_plans(problem, objective::max_matched_then_total, 0).empty());
  CHECK(testing::error_of<validation_error>([&] {
          grouped_k_best_plans(problem, objective::max_total, 2, {{0, 0}}, {});
        }) == "pin 0, field household: household 0 is not a host with room for group 0 "
              "(people 0, 1), who must live together");
  problem.groups[0].members = {0, 0};
  CHECK_THROWS_AS(grouped_k_best_plans(problem, objective::max_total, 2), validation_error);
}
