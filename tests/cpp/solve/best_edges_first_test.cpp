#include "slmatch/solve/best_edges_first.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

using namespace slmatch;

namespace {

/// Options that restrict every problem, to as few as `keep` edges per vertex, so the
/// pricing rounds have work to do.
capacitated_options restricting(int keep, int rounds = 8) {
  capacitated_options options;
  options.best_edges_from = 0;
  options.best_edges.per_person = keep;
  options.best_edges.per_household = keep;
  options.best_edges.rounds = rounds;
  return options;
}

/// A dense random problem: every person can go to most households, with places short or
/// plentiful, some households without a place, some people without edges, and weights
/// random, tied, or equal.
capacitated_problem dense_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  capacitated_problem problem;
  problem.people = 5 + below(40);
  const int households = 3 + below(25);
  for (int h = 0; h < households; ++h) problem.capacity.push_back(below(6) == 0 ? 0 : below(4));
  const int pattern = below(4);
  for (int p = 0; p < problem.people; ++p) {
    if (below(10) == 0) continue; // nowhere to go
    for (int h = 0; h < households; ++h) {
      if (below(100) >= 80) continue;
      std::int64_t weight = below(100000);
      if (pattern == 1) weight = below(3);
      if (pattern == 2) weight = 7;
      problem.edges.push_back({p, h, weight});
    }
  }
  if (below(2) == 0) std::shuffle(problem.edges.begin(), problem.edges.end(), rng);
  return problem;
}

} // namespace

TEST_CASE("best edges first reaches the optimum of the whole problem, with its certificate") {
  constexpr objective goals[] = {objective::max_matched_then_total, objective::max_total};
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const capacitated_problem problem = dense_problem(seed);
    for (objective goal : goals) {
      const capacitated_plan reference = solve_reference(problem, goal);
      for (int keep : {0, 1, 2, 5}) {
        INFO("seed " << seed << ", keep " << keep << ", goal " << to_string(goal));
        const capacitated_plan plan = solve_capacitated(problem, goal, restricting(keep));
        REQUIRE_NOTHROW(verify_plan(problem, goal, plan));
        CHECK(plan.total == reference.total);
        if (goal == objective::max_matched_then_total) CHECK(plan.matched == reference.matched);
      }
    }
  }
}

TEST_CASE("best edges first falls back to the whole problem when the rounds run out") {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const capacitated_problem problem = dense_problem(seed);
    const capacitated_plan reference = solve_reference(problem, objective::max_matched_then_total);
    for (int rounds : {0, 1}) {
      const capacitated_plan plan =
          solve_capacitated(problem, objective::max_matched_then_total, restricting(1, rounds));
      REQUIRE_NOTHROW(verify_plan(problem, objective::max_matched_then_total, plan));
      CHECK(plan.total == reference.total);
      CHECK(plan.matched == reference.matched);
    }
  }
}

TEST_CASE("best edges first gives the same plan for any number of threads") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const capacitated_problem problem = dense_problem(seed);
    auto one = restricting(2);
    auto four = restricting(2);
    four.threads = 4;
    const auto a = solve_capacitated(problem, objective::max_matched_then_total, one);
    const auto b = solve_capacitated(problem, objective::max_matched_then_total, four);
    CHECK(a.household_of == b.household_of);
    CHECK(a.certificate.person_price == b.certificate.person_price);
    CHECK(a.certificate.household_price == b.certificate.household_price);
  }
}

TEST_CASE(
    "the first restricted problem keeps each side's heaviest edges, ties to the lower index") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1, 0};
  // person 0: weights 5, 9, 9 (the last into a household without a place)
  problem.edges = {{0, 0, 5}, {0, 1, 9}, {0, 2, 9}, {1, 0, 9}, {1, 1, 9}};
  best_edges_options options;
  options.per_person = 1;
  options.per_household = 0; // plus twice its places: 2 for households 0 and 1
  // person 0 keeps edge 1; person 1 keeps edge 3 (tie with edge 4, lower index);
  // household 0 keeps edges 3 and 0, household 1 edges 1 and 4; edge 2 never.
  CHECK(detail::best_edges(problem, options) == std::vector<int>{0, 1, 3, 4});
  options.per_household = -2;
  CHECK(detail::best_edges(problem, options) == std::vector<int>{0, 1, 3, 4});
}

TEST_CASE("edges priced out are each person's most negative ones") {
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {1, 1, 1};
  problem.edges = {{0, 0, 10}, {0, 1, 30}, {0, 2, 20}};
  plan_certificate prices;
  prices.bonus = 0;
  prices.person_price = {0};
  prices.household_price = {0, 0, 0};
  CHECK(detail::priced_out_edges(problem, prices, 2) == std::vector<int>{1, 2});
  prices.person_price = {25};
  CHECK(detail::priced_out_edges(problem, prices, 2) == std::vector<int>{1});
  prices.person_price = {30};
  CHECK(detail::priced_out_edges(problem, prices, 2).empty());
}
