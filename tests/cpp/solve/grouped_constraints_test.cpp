#include "slmatch/solve/grouped_constraints.hpp"

#include "support/brute_force.hpp"
#include "support/grouped_brute_force.hpp"
#include "support/grouped_enumeration.hpp"
#include "support/plan_enumeration.hpp"
#include "support/small_problems.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using slmatch::testing::couple_and_one;

namespace {

using testing::both_goals;
using testing::grouped_key;

/// Solve under the constraints and compare with the brute force's best obeying them; when
/// the constraints are refused, no assignment may obey them.
void check_against_brute_force(const grouped_problem& problem,
                               const std::vector<testing::grouped_assignment>& all,
                               const std::vector<pair_constraint>& pins,
                               const std::vector<pair_constraint>& forbids, int& solved,
                               int& refused) {
  const auto allowed = testing::obeying(all, pins, forbids);
  const std::string checked = testing::error_of<validation_error>(
      [&] { check_grouped_constraints(problem, pins, forbids); });
  if (checked != "accepted") {
    INFO(checked);
    REQUIRE(allowed.empty());
    ++refused;
    return;
  }
  REQUIRE(!allowed.empty());
  for (objective goal : both_goals) {
    INFO("goal " << to_string(goal));
    const grouped_constrained_plan plan = solve_grouped_constrained(problem, goal, pins, forbids);
    verify_grouped_constrained(problem, goal, pins, forbids, plan);
    REQUIRE(plan.proven_optimal());
    std::pair<int, std::int64_t> best{-1, -1};
    for (const auto& a : allowed) best = std::max(best, grouped_key(goal, a.matched, a.total));
    REQUIRE(grouped_key(goal, plan.matched, plan.total) == best);
    ++solved;
  }
}

} // namespace

TEST_CASE("solve_grouped_constrained: equals brute force on thousands of tiny problems",
          "[groups]") {
  int solved = 0, refused = 0;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto all = testing::grouped_assignments(problem);
    INFO("seed " << seed);
    {
      // Pins and forbids some plan obeys.
      const auto [pins, forbids] =
          testing::constraints_from_a_plan(problem, all, seed * 7919 + 1, problem.pairs.people / 2);
      INFO("constraints from a plan");
      int never = 0;
      check_against_brute_force(problem, all, pins, forbids, solved, never);
      REQUIRE(never == 0);
    }
    {
      // Pins drawn person by person, often splitting a required group or overfilling a
      // household once the groups are counted.
      const auto [pins, forbids] = testing::random_constraints(problem.pairs, seed * 104729 + 3, 3,
                                                               problem.pairs.people / 2);
      INFO("random constraints");
      check_against_brute_force(problem, all, pins, forbids, solved, refused);
    }
  }
  CHECK(solved > 9000);
  CHECK(refused > 300); // the errors were exercised too
}

TEST_CASE("solve_grouped_constrained: without groups it is solve_constrained", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    grouped_problem problem;
    problem.pairs = testing::random_tiny_problem(seed);
    const auto [pins, forbids] = testing::random_constraints(problem.pairs, seed, 4, 2);
    for (objective goal : both_goals) {
      const constrained_plan flat = solve_constrained(problem.pairs, goal, pins, forbids);
      const grouped_constrained_plan grouped =
          solve_grouped_constrained(problem, goal, pins, forbids);
      REQUIRE(grouped.matched == flat.matched);
      REQUIRE(grouped.total == flat.total);
    }
  }
}

TEST_CASE("solve_grouped_constrained: pins and forbids with a required group", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.pairs.capacity = {2, 2};
  // Pinning person 1 to household 0 takes person 0 along; person 2 goes to household 1.
  const grouped_constrained_plan plan =
      solve_grouped_constrained(problem, objective::max_matched_then_total, {{1, 0}}, {});
  CHECK(plan.household_of == std::vector<int>{0, 0, 1});
  CHECK(plan.group_household == std::vector<int>{0});
  CHECK(plan.total == 9 + 9 + 4 + 8);
  CHECK(plan.together_total == 4);
  const grouped_reduced_problem reduced = reduce_grouped_problem(problem, {{1, 0}}, {});
  CHECK(reduced.problem.pairs.people == 1);
  CHECK(reduced.problem.groups.empty());
  CHECK(reduced.pinned_matched == 2);
  CHECK(reduced.pinned_total == 9 + 9 + 4);
  CHECK(reduced.pinned_together == 4);
  CHECK(reduced.problem.pairs.capacity == std::vector<int>{0, 2});
  // Unmatched: the whole couple stays out.
  const grouped_constrained_plan out =
      solve_grouped_constrained(problem, objective::max_matched_then_total, {{0, -1}}, {});
  CHECK(out.household_of == std::vector<int>{-1, -1, 1});
  // Forbidding one member a household keeps the whole couple out of it.
  const grouped_constrained_plan elsewhere =
      solve_grouped_constrained(problem, objective::max_total, {}, {{1, 0}});
  CHECK(elsewhere.household_of[0] == elsewhere.household_of[1]);
  CHECK(elsewhere.household_of[0] != 0);
}

TEST_CASE("solve_grouped_constrained: a preferred group's bonus with pinned members", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.groups[0].required = false;
  problem.groups[0].hosts = {{1, 20}};
  // With person 0 pinned to household 1, the bonus goes on person 1's edge there.
  const grouped_reduced_problem reduced = reduce_grouped_problem(problem, {{0, 1}}, {});
  CHECK(reduced.problem.groups.empty());
  CHECK(reduced.pinned_total == 5);
  REQUIRE(reduced.problem.pairs.edges.size() == 3);
  CHECK(reduced.problem.pairs.edges[1].household == 1);
  CHECK(reduced.problem.pairs.edges[1].weight == 5 + 20);
  const grouped_constrained_plan together =
      solve_grouped_constrained(problem, objective::max_total, {{0, 1}}, {});
  CHECK(together.household_of == std::vector<int>{1, 1, -1});
  CHECK(together.together_total == 20);
  CHECK(together.total == 30);
  // Pinned apart, the bonus is gone and the other two are placed on their own merits.
  const grouped_constrained_plan apart =
      solve_grouped_constrained(problem, objective::max_total, {{0, 0}}, {});
  CHECK(apart.household_of == std::vector<int>{0, 1, 1});
  CHECK(apart.together_total == 0);
  const grouped_reduced_problem dropped = reduce_grouped_problem(problem, {{0, 0}}, {});
  CHECK(dropped.problem.groups.empty());
  // Both pinned there: a constant.
  const grouped_reduced_problem both = reduce_grouped_problem(problem, {{0, 1}, {1, 1}}, {});
  CHECK(both.pinned_together == 20);
  CHECK(both.pinned_total == 30);
}

TEST_CASE("check_grouped_constraints: errors name the pin or forbid", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.pairs.capacity = {2, 2};
  const auto message = [&](std::vector<pair_constraint> pins,
                           std::vector<pair_constraint> forbids) {
    return testing::error_of<validation_error>(
        [&] { check_grouped_constraints(problem, pins, forbids); });
  };
  CHECK(message({{0, 0}, {1, 1}}, {}) ==
        "pin 1, field household: person 1 must live with person 0 of group 0, whom pin 0 puts "
        "in household 0");
  CHECK(message({{0, -1}, {1, 1}}, {}) ==
        "pin 1, field household: person 1 must live with person 0 of group 0, whom pin 0 "
        "leaves unmatched");
  CHECK(message({{0, 0}, {2, 1}}, {}) == "accepted");
  problem.pairs.capacity = {1, 2};
  CHECK(message({{0, 0}}, {}) ==
        "pin 0, field household: household 0 is not a host with room for group 0 (people 0, 1), "
        "who must live together");
  CHECK(message({{0, 1}, {2, 1}}, {}) ==
        "pin 1, field household: household 1 has 2 places but 3 people are pinned to it with the "
        "members their groups bring");
  CHECK(message({{0, 1}}, {{1, 1}}) ==
        "forbid 0, field household: forbids (person 1, household 1), where pin 0 puts person 1's "
        "group");
  // The pairs' own rules come first, with check_constraints' wording.
  CHECK(message({{2, 0}}, {}) ==
        "pin 0, field household: (person 2, household 0) is not an allowed pair");
  CHECK(message({{0, 1}, {0, 1}}, {}) ==
        "pin 1, field person: person 0 is already pinned by pin 0");
  CHECK_THROWS_AS(solve_grouped_constrained(problem, objective::max_total, {{0, 0}}, {}),
                  validation_error);
  problem.groups[0].members = {0};
  CHECK(message({}, {}).find("group 0, field members") != std::string::npos);
}

TEST_CASE("verify_grouped_constrained: catches a broken pin or forbid", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.pairs.capacity = {2, 2};
  const std::vector<pair_constraint> pins{{2, 1}};
  const std::vector<pair_constraint> forbids{{0, 1}};
  const grouped_constrained_plan plan =
      solve_grouped_constrained(problem, objective::max_matched_then_total, pins, forbids);
  verify_grouped_constrained(problem, objective::max_matched_then_total, pins, forbids, plan);
  const auto failure = [&](const grouped_constrained_plan& changed) {
    return testing::error_of([&] {
      verify_grouped_constrained(problem, objective::max_matched_then_total, pins, forbids,
                                 changed);
    });
  };
  grouped_constrained_plan moved = plan;
  moved.household_of[2] = -1;
  CHECK(failure(moved) == "pin 0 (person 2, household 1) not obeyed: person 2 is in household -1");
  grouped_constrained_plan wrong = plan;
  wrong.total += 1;
  CHECK(failure(wrong).find("total") != std::string::npos);
  grouped_constrained_plan forbidden = plan;
  forbidden.household_of = {1, 1, 1};
  CHECK(failure(forbidden) == "forbid 0 (person 0, household 1) not obeyed");
}
