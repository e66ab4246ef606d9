#include "slmatch/fair/household_conflicts.hpp"

#include "slmatch/solve/capacitated_solver.hpp"
#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;

namespace {

using testing::both_goals;
using testing::fast_solver;

/// The message of the validation error a call throws, or "accepted".
/// The best (matched or 0, total) over every plan of a tiny problem that places no
/// conflicting pair together, by enumeration.
std::pair<int, std::int64_t> best_without_conflicts(const capacitated_problem& problem,
                                                    objective goal,
                                                    const std::vector<person_conflict>& conflicts) {
  std::pair<int, std::int64_t> best{0, 0};
  testing::for_each_plan(problem, {}, {}, [&](const std::vector<int>& plan) {
    for (const auto& c : conflicts)
      if (plan[static_cast<std::size_t>(c.first)] >= 0 &&
          plan[static_cast<std::size_t>(c.first)] == plan[static_cast<std::size_t>(c.second)])
        return;
    best = std::max(best, testing::key_of(goal, testing::value_of(problem, plan)));
  });
  return best;
}

/// Random conflicts among the people of a problem: 0 to 2 x people pairs, some repeated.
std::vector<person_conflict> random_conflicts(const capacitated_problem& problem,
                                              std::uint64_t seed) {
  std::vector<person_conflict> conflicts;
  if (problem.people < 2) return conflicts;
  std::mt19937_64 rng(seed * 104729 + 3);
  const auto people = static_cast<std::uint64_t>(problem.people);
  const int count = static_cast<int>(rng() % (2 * people + 1));
  while (static_cast<int>(conflicts.size()) < count) {
    const int a = static_cast<int>(rng() % people);
    const int b = static_cast<int>(rng() % people);
    if (a != b) conflicts.push_back({a, b});
  }
  return conflicts;
}

void check_conflict_free(const capacitated_problem& problem, objective goal,
                         const std::vector<person_conflict>& conflicts,
                         const conflict_free_plan& plan) {
  for (const auto& c : conflicts) {
    const int h = plan.household_of[static_cast<std::size_t>(c.first)];
    REQUIRE((h < 0 || h != plan.household_of[static_cast<std::size_t>(c.second)]));
  }
  verify_constrained(problem, goal, plan.pins, plan.forbids, plan.constrained);
  REQUIRE(plan.constrained.household_of == plan.household_of);
  const capacitated_plan plain = solve_reference(problem, goal);
  REQUIRE(plan.unconstrained_matched == plain.matched);
  REQUIRE(plan.unconstrained_total == plain.total);
  REQUIRE(plan.matched_lost == plain.matched - plan.matched);
  REQUIRE(plan.total_lost == plain.total - plan.total);
  REQUIRE(plan.nodes >= 1);
}

} // namespace

TEST_CASE("solve_without_conflicts: separates two newcomers and reports the loss") {
  // Household 0 (2 places) is best for both 0 and 1, who conflict; household 1 is worse.
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2, 1};
  problem.edges = {{0, 0, 10}, {1, 0, 9}, {0, 1, 4}, {1, 1, 6}, {2, 1, 1}};
  for (objective goal : both_goals) {
    const conflict_free_plan plan = solve_without_conflicts(problem, goal, {{0, 1}});
    CHECK(plan.unconstrained_total == 20);
    CHECK(plan.household_of == std::vector<int>{0, 1, -1});
    CHECK(plan.total == 16);
    CHECK(plan.total_lost == 4);
    CHECK(plan.matched_lost == 1); // person 2 had only household 1
    check_conflict_free(problem, goal, {{0, 1}}, plan);
    // Without conflicts the optimum itself comes back after one relaxation.
    const conflict_free_plan free = solve_without_conflicts(problem, goal, {});
    CHECK(free.nodes == 1);
    CHECK(free.total_lost == 0);
  }
}

TEST_CASE("solve_without_conflicts: equals brute force on random tiny problems") {
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto conflicts = random_conflicts(problem, seed);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      const auto best = best_without_conflicts(problem, goal, conflicts);
      const conflict_free_plan plan = solve_without_conflicts(problem, goal, conflicts);
      REQUIRE(std::make_pair(goal == objective::max_total ? 0 : plan.matched, plan.total) == best);
      check_conflict_free(problem, goal, conflicts, plan);
      if (seed % 4 == 0) {
        const conflict_free_plan fast =
            solve_without_conflicts(problem, goal, conflicts, fast_solver{});
        REQUIRE(std::make_pair(goal == objective::max_total ? 0 : fast.matched, fast.total) ==
                best);
        verify_constrained(problem, goal, fast.pins, fast.forbids, fast.constrained);
      }
    }
  }
}

TEST_CASE("solve_without_conflicts: errors name the conflict and field") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2};
  problem.edges = {{0, 0, 1}, {1, 0, 2}};
  const objective goal = objective::max_matched_then_total;
  CHECK(testing::error_of<validation_error>([&] {
          solve_without_conflicts(problem, goal, {{0, 1}, {0, 3}});
        }) == "conflict 1, field second: must be in [0, 3) (is 3)");
  CHECK(testing::error_of<validation_error>([&] {
          solve_without_conflicts(problem, goal, {{-1, 1}});
        }) == "conflict 0, field first: must be in [0, 3) (is -1)");
  CHECK(testing::error_of<validation_error>([&] {
          solve_without_conflicts(problem, goal, {{0, 1}, {2, 2}});
        }) == "conflict 1, field second: the same person as first (person 2)");
  CHECK(testing::error_of<validation_error>([&] {
          check_conflicts(problem, {{1, 0}, {0, 1}});
        }) == "accepted");
  problem.capacity[0] = -1;
  CHECK(testing::error_of<validation_error>([&] { solve_without_conflicts(problem, goal, {}); }) ==
        "household 0, field capacity: must be >= 0 (is -1)");
}

TEST_CASE("solve_without_conflicts: deterministic") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed + 50000);
    const auto conflicts = random_conflicts(problem, seed);
    for (objective goal : both_goals) {
      const conflict_free_plan a = solve_without_conflicts(problem, goal, conflicts);
      const conflict_free_plan b = solve_without_conflicts(problem, goal, conflicts);
      REQUIRE(a.household_of == b.household_of);
      REQUIRE(a.nodes == b.nodes);
      REQUIRE(a.constrained.reduced_plan.certificate.person_price ==
              b.constrained.reduced_plan.certificate.person_price);
    }
  }
}
