#include "slmatch/solve/k_best.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;

namespace {

using testing::both_goals;
using testing::feasible_plans;
using testing::key_of;
using testing::value_of;

/// The brute-force ranking of a problem's plans: their keys, best first.
std::vector<std::pair<int, std::int64_t>> ranked_keys(const capacitated_problem& problem,
                                                      objective goal,
                                                      const std::vector<std::vector<int>>& plans) {
  std::vector<std::pair<int, std::int64_t>> keys;
  for (const auto& plan : plans) keys.push_back(key_of(goal, value_of(problem, plan)));
  std::sort(keys.begin(), keys.end(), std::greater<>());
  return keys;
}

/// Compare a k-best list with the brute-force plans: same keys as the top of the ranking,
/// distinct plans, each one of the enumerated plans, each certificate verified.
void check_against_brute_force(const capacitated_problem& problem, objective goal, std::size_t k,
                               const std::vector<pair_constraint>& pins,
                               const std::vector<pair_constraint>& forbids,
                               const std::vector<std::vector<int>>& plans,
                               const std::vector<ranked_plan>& listed) {
  const auto keys = ranked_keys(problem, goal, plans);
  REQUIRE(listed.size() == std::min(k, plans.size()));
  const std::set<std::vector<int>> feasible(plans.begin(), plans.end());
  std::set<std::vector<int>> seen;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    INFO("plan " << i);
    const constrained_plan& plan = listed[i].plan;
    REQUIRE(key_of(goal, value_of(problem, plan.household_of)) == keys[i]);
    REQUIRE(value_of(problem, plan.household_of) == std::make_pair(plan.matched, plan.total));
    REQUIRE(feasible.count(plan.household_of) == 1);
    REQUIRE(seen.insert(plan.household_of).second);
    // The subproblem includes the caller's constraints.
    for (const auto& pin : pins)
      REQUIRE(std::any_of(listed[i].pins.begin(), listed[i].pins.end(), [&](const auto& own) {
        return own.person == pin.person && own.household == pin.household;
      }));
    REQUIRE(listed[i].forbids.size() >= forbids.size());
    verify_constrained(problem, goal, listed[i].pins, listed[i].forbids, plan);
  }
}

/// Random valid pins (chance 1/6 per person) and forbids (about one per three people).
std::pair<std::vector<pair_constraint>, std::vector<pair_constraint>>
constraints_for_k_best(const capacitated_problem& problem, std::uint64_t seed) {
  return testing::random_constraints(problem, seed * 104729 + 3, 6, problem.people / 3);
}

std::vector<std::vector<int>> assignments(const std::vector<ranked_plan>& listed) {
  std::vector<std::vector<int>> result;
  for (const auto& r : listed) result.push_back(r.plan.household_of);
  return result;
}

} // namespace

TEST_CASE("k_best_plans: a small problem listed in full, in order") {
  // Two people, one household with one place: (0 in h0), (1 in h0), nobody.
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1};
  problem.edges = {{0, 0, 5}, {1, 0, 3}};
  const auto listed = k_best_plans(problem, objective::max_total, 10);
  REQUIRE(listed.size() == 3);
  CHECK(assignments(listed) == std::vector<std::vector<int>>{{0, -1}, {-1, 0}, {-1, -1}});
  CHECK(listed[0].plan.total == 5);
  CHECK(listed[1].plan.total == 3);
  CHECK(listed[2].plan.total == 0);
  CHECK(listed[2].plan.matched == 0);
  // The second plan is the best one that forbids the first plan's pair.
  CHECK(listed[1].pins.empty());
  REQUIRE(listed[1].forbids.size() == 1);
  CHECK(listed[1].forbids[0].person == 0);
  CHECK(listed[1].forbids[0].household == 0);
  for (const auto& r : listed)
    verify_constrained(problem, objective::max_total, r.pins, r.forbids, r.plan);
}

TEST_CASE("k_best_plans: a person left unmatched is matched exactly by pinned children") {
  // Person 1's only household is full in the best plan; the next plans must match person 1.
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 9}, {1, 0, 1}, {1, 1, 0}};
  const auto listed = k_best_plans(problem, objective::max_matched_then_total, 10);
  // All plans: {0,1} (2, 9), {-1,0} (1, 1), {-1,1} (1, 0), {0,-1} (1, 9), {-1,-1} (0, 0).
  REQUIRE(listed.size() == 5);
  CHECK(assignments(listed) ==
        std::vector<std::vector<int>>{{0, 1}, {0, -1}, {-1, 0}, {-1, 1}, {-1, -1}});
  for (const auto& r : listed)
    verify_constrained(problem, objective::max_matched_then_total, r.pins, r.forbids, r.plan);
}

TEST_CASE("k_best_plans: equals the brute-force ranking on random small problems") {
  constexpr std::uint64_t problems = 4000;
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto plans = feasible_plans(problem);
    std::mt19937_64 rng(seed);
    // Mostly short lists; sometimes every plan, when there are few.
    const std::size_t k = plans.size() <= 60 && seed % 4 == 0 ? plans.size() + 3 : 1 + rng() % 12;
    INFO("seed " << seed << ", k " << k);
    for (objective goal : both_goals) {
      const auto listed = k_best_plans(problem, goal, k);
      check_against_brute_force(problem, goal, k, {}, {}, plans, listed);
      ++compared;
    }
  }
  CHECK(compared == 2 * static_cast<int>(problems));
}

TEST_CASE("k_best_plans: with pins and forbids, equals the brute-force ranking of their plans") {
  constexpr std::uint64_t problems = 3000;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed + 50000);
    const auto [pins, forbids] = constraints_for_k_best(problem, seed);
    const auto plans = feasible_plans(problem, pins, forbids);
    const std::size_t k = 1 + seed % 9;
    INFO("seed " << seed << ", k " << k);
    for (objective goal : both_goals)
      check_against_brute_force(problem, goal, k, pins, forbids, plans,
                                k_best_plans(problem, goal, k, pins, forbids));
  }
}

TEST_CASE("k_best_plans: the same input gives the same list") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    for (objective goal : both_goals) {
      const auto first = k_best_plans(problem, goal, 8);
      const auto second = k_best_plans(problem, goal, 8);
      REQUIRE(assignments(first) == assignments(second));
      // A longer list starts with the shorter one.
      const auto longer = k_best_plans(problem, goal, 12);
      const auto prefix = assignments(longer);
      REQUIRE(std::vector<std::vector<int>>(
                  prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(first.size())) ==
              assignments(first));
    }
  }
}

TEST_CASE("k_best_plans: ties come out in the order their subproblems were made") {
  // Three people, one place each in two households, all weights equal: the six plans that
  // match two people tie, so their order follows the solver's tie-breaking; with the
  // reference solver, the root's plan {0, 1, -1} comes first; its children are made in
  // person order: A = forbid (0, 0), B = pin 0 to 0 and forbid (1, 1) (pinning 0 and 1
  // leaves no place for person 2, so no third child). A gives {1, 0, -1} and makes
  // C = forbid (0, 0), (0, 1) and D = pin 0 to 1, forbid (1, 0). Then B, C, D, in that order,
  // give {0, -1, 1}, {-1, 0, 1}, {1, -1, 0}; C's child (also forbid (1, 0)) gives {-1, 1, 0}.
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1, 1};
  for (int p = 0; p < 3; ++p)
    for (int h = 0; h < 2; ++h) problem.edges.push_back({p, h, 1});
  const auto listed = k_best_plans(problem, objective::max_total, 6, reference_solver{});
  CHECK(assignments(listed) ==
        std::vector<std::vector<int>>{
            {0, 1, -1}, {1, 0, -1}, {0, -1, 1}, {-1, 0, 1}, {1, -1, 0}, {-1, 1, 0}});
}

TEST_CASE("k_best_plans: the solver is a parameter; subproblems are solved lazily") {
  const capacitated_problem problem = testing::random_tiny_problem(7);
  int calls = 0;
  auto counting = [&](const capacitated_problem& reduced, objective goal) {
    ++calls;
    return solve_reference(reduced, goal);
  };
  const auto one = k_best_plans(problem, objective::max_total, 1, counting);
  CHECK(one.size() == 1);
  CHECK(calls == 1); // the root alone; its children are never made
  calls = 0;
  const auto listed = k_best_plans(problem, objective::max_total, 5, counting);
  CHECK(assignments(listed) ==
        assignments(k_best_plans(problem, objective::max_total, 5, reference_solver{})));
  CHECK(calls >= 5);
}

TEST_CASE("k_best_plans: a solver with unusable prices costs time, not correctness") {
  // Zeroed prices are not dual feasible, so no bound is taken from them.
  auto no_prices = [](const capacitated_problem& reduced, objective goal) {
    capacitated_plan plan = solve_reference(reduced, goal);
    for (auto& price : plan.certificate.person_price) price = 0;
    return plan;
  };
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    for (objective goal : both_goals)
      REQUIRE(assignments(k_best_plans(problem, goal, 10, no_prices)) ==
              assignments(k_best_plans(problem, goal, 10, reference_solver{})));
  }
}

TEST_CASE("k_best_plans: no plans asked, the empty problem, and errors") {
  capacitated_problem problem;
  CHECK(k_best_plans(problem, objective::max_total, 0).empty());
  const auto only = k_best_plans(problem, objective::max_total, 3);
  REQUIRE(only.size() == 1); // the empty plan
  CHECK(only[0].plan.household_of.empty());

  problem.people = 1;
  problem.capacity = {1};
  problem.edges = {{0, 0, 4}};
  CHECK(k_best_plans(problem, objective::max_matched_then_total, 0).empty());
  try {
    k_best_plans(problem, objective::max_total, 2, {{0, 0}}, {{0, 0}});
    FAIL("expected a validation error");
  } catch (const validation_error& e) {
    CHECK(std::string(e.what()) ==
          "forbid 0, field household: forbids (person 0, household 0) which pin 0 requires");
  }
  problem.edges[0].weight = -1;
  CHECK_THROWS_AS(k_best_plans(problem, objective::max_total, 2), validation_error);
}
