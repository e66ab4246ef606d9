// Properties every capacitated plan has, on generated problems: each person in at most one
// household, over an edge, within the household's places; pins and forbids obeyed; the
// stated counts right; and the certificate verifies. For the fast solver, the reference
// solver, and both under constraints.

#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Feasibility and the stated counts of a plan, whatever the solver.
void check_feasible(const capacitated_problem& problem, const std::vector<int>& household_of,
                    int matched, std::int64_t total) {
  REQUIRE(household_of.size() == static_cast<std::size_t>(problem.people));
  std::vector<int> load(problem.capacity.size(), 0);
  int counted = 0;
  std::int64_t summed = 0;
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h == -1) continue;
    REQUIRE(h >= 0);
    REQUIRE(static_cast<std::size_t>(h) < problem.capacity.size());
    const auto edge = std::find_if(problem.edges.begin(), problem.edges.end(), [&](const auto& e) {
      return e.person == static_cast<int>(p) && e.household == h;
    });
    REQUIRE(edge != problem.edges.end()); // only allowed pairs
    ++load[static_cast<std::size_t>(h)];
    ++counted;
    summed += edge->weight;
  }
  for (std::size_t h = 0; h < load.size(); ++h) REQUIRE(load[h] <= problem.capacity[h]);
  REQUIRE(counted == matched);
  REQUIRE(summed == total);
}

} // namespace

TEST_CASE("solve_capacitated: every generated plan is feasible and certified") {
  const auto seed = GENERATE(range(std::uint64_t{1}, std::uint64_t{301}));
  const objective goal = GENERATE(objective::max_matched_then_total, objective::max_total);
  INFO("seed " << seed);
  const capacitated_problem problem = random_tiny_problem(seed);
  const capacitated_plan fast = solve_capacitated(problem, goal);
  const capacitated_plan reference = solve_reference(problem, goal);
  check_feasible(problem, fast.household_of, fast.matched, fast.total);
  check_feasible(problem, reference.household_of, reference.matched, reference.total);
  REQUIRE_NOTHROW(verify_plan(problem, goal, fast));
  REQUIRE_NOTHROW(verify_plan(problem, goal, reference));
  REQUIRE(fast.total == reference.total);
}

TEST_CASE("solve_constrained: every generated plan obeys its pins and forbids and verifies") {
  const auto seed = GENERATE(range(std::uint64_t{1}, std::uint64_t{301}));
  const objective goal = GENERATE(objective::max_matched_then_total, objective::max_total);
  INFO("seed " << seed);
  const capacitated_problem problem = random_tiny_problem(seed);
  const auto [pins, forbids] = random_constraints(problem, seed * 31 + 7, 3, 3);
  const constrained_plan plan = solve_constrained(problem, goal, pins, forbids, fast_solver{});
  check_feasible(problem, plan.household_of, plan.matched, plan.total);
  for (const auto& pin : pins)
    REQUIRE(plan.household_of[static_cast<std::size_t>(pin.person)] == pin.household);
  for (const auto& forbid : forbids)
    REQUIRE(plan.household_of[static_cast<std::size_t>(forbid.person)] != forbid.household);
  REQUIRE_NOTHROW(verify_constrained(problem, goal, pins, forbids, plan));
}
