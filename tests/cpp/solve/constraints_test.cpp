#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"
#include "support/small_problems.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using slmatch::testing::three_people;

namespace {

using testing::both_goals;
using testing::feasible_plans;
using testing::key_of;
using testing::value_of;

/// Random valid pins and forbids: each person pinned with chance 1/4 (to -1 or a household
/// with a place left), then about one forbid per two people, some on non-edges.
std::pair<std::vector<pair_constraint>, std::vector<pair_constraint>>
few_constraints(const capacitated_problem& problem, std::uint64_t seed) {
  return testing::random_constraints(problem, seed * 7919 + 17, 4, problem.people / 2 + 1);
}

std::string check_message(const capacitated_problem& problem,
                          const std::vector<pair_constraint>& pins,
                          const std::vector<pair_constraint>& forbids) {
  return testing::error_of<validation_error>([&] { check_constraints(problem, pins, forbids); });
}

std::string verify_message(const capacitated_problem& problem, objective goal,
                           const std::vector<pair_constraint>& pins,
                           const std::vector<pair_constraint>& forbids,
                           const constrained_plan& plan) {
  return testing::error_of([&] { verify_constrained(problem, goal, pins, forbids, plan); });
}

} // namespace

TEST_CASE("solve_constrained: pins and forbids change the plan and count in the objective") {
  const capacitated_problem problem = three_people();
  for (objective goal : both_goals) {
    // Person 2 pinned to household 1 pushes person 1 into household 0.
    const std::vector<pair_constraint> pins{{2, 1}};
    constrained_plan plan = solve_constrained(problem, goal, pins, {});
    CHECK(plan.household_of == std::vector<int>{0, 0, 1});
    CHECK(plan.matched == 3);
    CHECK(plan.total == 8 + 7 + 1);
    CHECK(plan.reduced_plan.household_of == std::vector<int>{0, 0});
    verify_constrained(problem, goal, pins, {}, plan);

    // Forbidding (0, 0) leaves person 0 unmatched; household 0 takes 1 and 2.
    const std::vector<pair_constraint> forbids{{0, 0}};
    plan = solve_constrained(problem, goal, {}, forbids);
    CHECK(plan.household_of == std::vector<int>{-1, 0, 0});
    CHECK(plan.total == 13);
    verify_constrained(problem, goal, {}, forbids, plan);

    // A pin to -1 keeps the person unmatched.
    const std::vector<pair_constraint> unmatched{{0, -1}};
    plan = solve_constrained(problem, goal, unmatched, {});
    CHECK(plan.household_of[0] == -1);
    CHECK(plan.total == 13);
    verify_constrained(problem, goal, unmatched, {}, plan);
  }
}

TEST_CASE("reduce_problem: pinned people removed, capacities lowered, forbidden edges dropped") {
  const capacitated_problem problem = three_people();
  const reduced_problem reduced = reduce_problem(problem, {{1, 1}}, {{2, 1}, {0, 1}});
  CHECK(reduced.problem.people == 2);
  CHECK(reduced.problem.capacity == std::vector<int>{2, 0});
  CHECK(reduced.original_person == std::vector<int>{0, 2});
  CHECK(reduced.reduced_person == std::vector<int>{0, -1, 1});
  CHECK(reduced.original_edge == std::vector<int>{0, 2}); // (2, 1) forbidden, (0, 1) no edge
  CHECK(reduced.pinned_matched == 1);
  CHECK(reduced.pinned_total == 5);
}

TEST_CASE("solve_constrained: equals brute force on random small problems with constraints") {
  constexpr std::uint64_t problems = 3000;
  int verified = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto [pins, forbids] = few_constraints(problem, seed);
    const std::vector<std::vector<int>> plans = feasible_plans(problem, pins, forbids);
    REQUIRE(!plans.empty()); // valid pins always leave a plan
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      std::pair<int, std::int64_t> best = key_of(goal, value_of(problem, plans.front()));
      for (const auto& plan : plans) best = std::max(best, key_of(goal, value_of(problem, plan)));
      const constrained_plan plan = solve_constrained(problem, goal, pins, forbids);
      REQUIRE(key_of(goal, value_of(problem, plan.household_of)) == best);
      REQUIRE(value_of(problem, plan.household_of) == std::make_pair(plan.matched, plan.total));
      bool obeys = false;
      for (const auto& candidate : plans) obeys = obeys || candidate == plan.household_of;
      REQUIRE(obeys);
      verify_constrained(problem, goal, pins, forbids, plan);
      ++verified;
    }
  }
  CHECK(verified == 2 * static_cast<int>(problems));
}

TEST_CASE("solve_constrained: the solver is a parameter and is called once") {
  const capacitated_problem problem = three_people();
  int calls = 0;
  auto counting = [&](const capacitated_problem& reduced, objective goal) {
    ++calls;
    return solve_reference(reduced, goal);
  };
  const constrained_plan plan =
      solve_constrained(problem, objective::max_total, {{2, 1}}, {}, counting);
  CHECK(calls == 1);
  CHECK(plan.household_of == std::vector<int>{0, 0, 1});
  // A plain function pointer works too.
  capacitated_plan (*as_pointer)(const capacitated_problem&, objective) = solve_reference;
  CHECK(solve_constrained(problem, objective::max_total, {{2, 1}}, {}, as_pointer).household_of ==
        plan.household_of);
}

TEST_CASE("solve_constrained: the same input gives the same plan and certificate") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const auto [pins, forbids] = few_constraints(problem, seed);
    const constrained_plan a =
        solve_constrained(problem, objective::max_matched_then_total, pins, forbids);
    const constrained_plan b =
        solve_constrained(problem, objective::max_matched_then_total, pins, forbids);
    CHECK(a.household_of == b.household_of);
    CHECK(a.reduced_plan.certificate.person_price == b.reduced_plan.certificate.person_price);
    CHECK(a.reduced_plan.certificate.household_price == b.reduced_plan.certificate.household_price);
  }
}

TEST_CASE("check_constraints: every error names the pin or forbid and the field") {
  const capacitated_problem problem = three_people();
  CHECK(check_message(problem, {{0, 0}, {1, -1}}, {{0, 1}, {2, 0}}) == "accepted");
  CHECK(check_message(problem, {{3, 0}}, {}) == "pin 0, field person: must be in [0, 3) (is 3)");
  CHECK(check_message(problem, {{0, 2}}, {}) ==
        "pin 0, field household: must be -1 (unmatched) or in [0, 2) (is 2)");
  CHECK(check_message(problem, {{0, -2}}, {}) ==
        "pin 0, field household: must be -1 (unmatched) or in [0, 2) (is -2)");
  CHECK(check_message(problem, {{0, 1}}, {}) ==
        "pin 0, field household: (person 0, household 1) is not an allowed pair");
  CHECK(check_message(problem, {{1, 0}, {1, -1}}, {}) ==
        "pin 1, field person: person 1 is already pinned by pin 0");
  CHECK(check_message(problem, {{2, 1}, {1, 1}}, {}) ==
        "pin 1, field household: household 1 has 1 places but this is pin 2 to it");
  CHECK(check_message(problem, {{1, 0}}, {{1, 0}}) ==
        "forbid 0, field household: forbids (person 1, household 0) which pin 0 requires");
  CHECK(check_message(problem, {}, {{-1, 0}}) ==
        "forbid 0, field person: must be in [0, 3) (is -1)");
  CHECK(check_message(problem, {}, {{0, -1}}) ==
        "forbid 0, field household: must be in [0, 2) (is -1)");
  // Every problem is listed, in pin then forbid order.
  CHECK(check_message(problem, {{5, 0}, {0, 1}}, {{0, 7}}) ==
        "pin 0, field person: must be in [0, 3) (is 5)\n"
        "pin 1, field household: (person 0, household 1) is not an allowed pair\n"
        "forbid 0, field household: must be in [0, 2) (is 7)");
  // Problems of the problem itself come first, from check_problem.
  capacitated_problem broken = problem;
  broken.capacity[1] = -1;
  CHECK(check_message(broken, {{9, 9}}, {}) == "household 1, field capacity: must be >= 0 (is -1)");
  CHECK_THROWS_AS(solve_constrained(problem, objective::max_total, {{0, 1}}, {}), validation_error);
}

TEST_CASE("verify_constrained: rejects plans that break a constraint or misreport") {
  const capacitated_problem problem = three_people();
  const objective goal = objective::max_matched_then_total;
  const std::vector<pair_constraint> pins{{2, 1}};
  const std::vector<pair_constraint> forbids{{0, 1}};
  const constrained_plan plan = solve_constrained(problem, goal, pins, forbids);
  CHECK(verify_message(problem, goal, pins, forbids, plan) == "accepted");

  // The plan is not optimal once the pin is dropped: the unpinned problem's own optimum differs.
  CHECK(verify_message(problem, goal, {}, forbids, plan) != "accepted");

  constrained_plan tampered = plan;
  tampered.household_of[2] = 0;
  CHECK(verify_message(problem, goal, pins, forbids, tampered) ==
        "pin 0 (person 2, household 1) not obeyed: person 2 is in household 0");

  tampered = plan;
  tampered.household_of[0] = 1;
  CHECK(verify_message(problem, goal, pins, {{0, 1}}, tampered) ==
        "forbid 0 (person 0, household 1) not obeyed");

  tampered = plan;
  tampered.household_of[1] = -1;
  CHECK(verify_message(problem, goal, pins, forbids, tampered) ==
        "person 1 is in household -1 but the reduced plan says 0");

  tampered = plan;
  tampered.total += 1;
  CHECK(verify_message(problem, goal, pins, forbids, tampered) ==
        "plan says total 17 but its edges sum to 16");

  tampered = plan;
  tampered.reduced_plan.certificate.person_price[0] += 1;
  CHECK(verify_message(problem, goal, pins, forbids, tampered) != "accepted");
}
