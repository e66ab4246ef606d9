#include "slmatch/solve/incremental.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace slmatch;

namespace {

using testing::both_goals;
using testing::error_of;

/// The objective's key of a plan ((matched, total) or (0, total)) and the people it keeps.
std::tuple<int, std::int64_t, int> rank_of(const capacitated_problem& problem, objective goal,
                                           const std::vector<int>& household_of,
                                           const std::vector<int>& previous) {
  const auto [matched, total] = testing::key_of(goal, testing::value_of(problem, household_of));
  int kept = 0;
  for (std::size_t p = 0; p < household_of.size(); ++p)
    kept += household_of[p] >= 0 && household_of[p] == previous[p];
  return {matched, total, kept};
}

/// Brute force: the plan's (objective, kept) must be the largest over all plans.
void check_lexicographic_optimum(const capacitated_problem& problem, objective goal,
                                 const std::vector<int>& previous, const incremental_plan& plan) {
  std::tuple<int, std::int64_t, int> best{-1, -1, -1};
  for (const auto& candidate : testing::feasible_plans(problem))
    best = std::max(best, rank_of(problem, goal, candidate, previous));
  REQUIRE(rank_of(problem, goal, plan.household_of, previous) == best);
  REQUIRE(plan.kept == std::get<2>(best));
  verify_incremental(problem, goal, previous, plan);
}

/// A problem with stable ids for its people and households.
struct named_problem {
  capacitated_problem problem;
  std::vector<std::string> person_ids;
  std::vector<std::string> household_ids;
};

/// Change a named problem the way a scheme changes between runs: a person may leave, a
/// household may leave, a newcomer may arrive, a capacity may change, a pair may be
/// declined, and a weight may change.
named_problem next_month(const named_problem& before, std::uint64_t seed) {
  std::mt19937_64 rng(seed * 31337 + 5);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const int people = before.problem.people;
  const int households = static_cast<int>(before.problem.capacity.size());
  const int leaving_person = people > 0 && below(2) == 0 ? below(people) : -1;
  const int leaving_household = households > 1 && below(3) == 0 ? below(households) : -1;
  named_problem after;
  std::vector<int> person_index(static_cast<std::size_t>(people), -1);
  std::vector<int> household_index(static_cast<std::size_t>(households), -1);
  for (int p = 0; p < people; ++p)
    if (p != leaving_person) {
      person_index[static_cast<std::size_t>(p)] = after.problem.people++;
      after.person_ids.push_back(before.person_ids[static_cast<std::size_t>(p)]);
    }
  for (int h = 0; h < households; ++h)
    if (h != leaving_household) {
      household_index[static_cast<std::size_t>(h)] = static_cast<int>(after.household_ids.size());
      after.household_ids.push_back(before.household_ids[static_cast<std::size_t>(h)]);
      after.problem.capacity.push_back(before.problem.capacity[static_cast<std::size_t>(h)]);
    }
  if (!after.problem.capacity.empty() && below(2) == 0)
    after.problem.capacity[static_cast<std::size_t>(
        below(static_cast<int>(after.problem.capacity.size())))] = below(4);
  for (const auto& e : before.problem.edges) {
    const int p = person_index[static_cast<std::size_t>(e.person)];
    const int h = household_index[static_cast<std::size_t>(e.household)];
    if (p < 0 || h < 0 || below(8) == 0) continue; // left, or the pair is now declined
    after.problem.edges.push_back({p, h, below(5) == 0 ? std::int64_t{below(21)} : e.weight});
  }
  if (below(2) == 0 && after.problem.people < 7) { // a newcomer
    const int p = after.problem.people++;
    after.person_ids.push_back("new" + std::to_string(seed));
    for (int h = 0; h < static_cast<int>(after.problem.capacity.size()); ++h)
      if (below(2) == 0) after.problem.edges.push_back({p, h, below(21)});
  }
  return after;
}

} // namespace

TEST_CASE("solve_incremental: people stay put when moving does not pay") {
  // Two equally good plans; the reference solver alone picks {0, 1}, but the people were
  // in {1, 0} before.
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 5}, {0, 1, 5}, {1, 0, 5}, {1, 1, 5}};
  REQUIRE(solve_reference(problem).household_of == std::vector<int>{0, 1});
  const std::vector<int> previous{1, 0};
  for (objective goal : both_goals) {
    const incremental_plan plan = solve_incremental(problem, goal, previous);
    CHECK(plan.household_of == std::vector<int>{1, 0});
    CHECK(plan.kept == 2);
    CHECK(plan.keepable == 2);
    CHECK(plan.total == 10);
    CHECK(plan.changes.empty());
    verify_incremental(problem, goal, previous, plan);
  }
}

TEST_CASE("solve_incremental: a person moves when it lets a newcomer in") {
  // Person 0 was in household 0; newcomer 1 fits only household 0. Moving 0 to household 1
  // matches both (and raises the total), so it pays.
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 5}, {0, 1, 4}, {1, 0, 6}};
  const std::vector<int> previous{0, -1};
  for (objective goal : both_goals) {
    const incremental_plan plan = solve_incremental(problem, goal, previous);
    CHECK(plan.household_of == std::vector<int>{1, 0});
    CHECK(plan.kept == 0);
    REQUIRE(plan.changes.size() == 2);
    CHECK(plan.changes[0].person == 0);
    CHECK(plan.changes[0].kind == change_kind::moved);
    CHECK(plan.changes[0].cause == change_cause::better_plan);
    CHECK(plan.changes[0].previous_household == 0);
    CHECK(plan.changes[0].household == 1);
    CHECK(plan.changes[1].person == 1);
    CHECK(plan.changes[1].kind == change_kind::newly_matched);
    CHECK(plan.changes[1].cause == change_cause::none);
    verify_incremental(problem, goal, previous, plan);
  }
}

TEST_CASE("solve_incremental: causes for a removed household and a pair no longer allowed") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2, 1};
  problem.edges = {{0, 1, 3}, {1, 0, 2}};
  // Person 0's household left; person 1's pair (1, 1) is declined now; person 2 had (2, 0)
  // but has no pair any more and ends unmatched.
  const std::vector<int> previous{previous_household_removed, 1, 0};
  const incremental_plan plan = solve_incremental(problem, objective::max_total, previous);
  CHECK(plan.household_of == std::vector<int>{1, 0, -1});
  REQUIRE(plan.changes.size() == 3);
  CHECK(plan.changes[0].kind == change_kind::moved);
  CHECK(plan.changes[0].cause == change_cause::household_removed);
  CHECK(plan.changes[1].kind == change_kind::moved);
  CHECK(plan.changes[1].cause == change_cause::pair_not_allowed);
  CHECK(plan.changes[2].kind == change_kind::unmatched);
  CHECK(plan.changes[2].cause == change_cause::pair_not_allowed);
  CHECK(plan.keepable == 0);
  verify_incremental(problem, objective::max_total, previous, plan);
}

TEST_CASE("solve_incremental: optimal, then most people kept, versus brute force") {
  constexpr std::uint64_t problems = 3000;
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    std::mt19937_64 rng(seed + 99);
    const int households = static_cast<int>(problem.capacity.size());
    std::vector<int> previous(static_cast<std::size_t>(problem.people));
    for (int& h : previous) {
      const int roll = static_cast<int>(rng() % 10);
      h = roll == 0  ? previous_household_removed
          : roll < 3 ? -1
                     : static_cast<int>(rng() % static_cast<std::uint64_t>(households));
    }
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      check_lexicographic_optimum(problem, goal, previous,
                                  solve_incremental(problem, goal, previous));
      ++compared;
    }
  }
  CHECK(compared == 2 * static_cast<int>(problems));
}

TEST_CASE("solve_incremental: a month of changes by stable id, versus brute force") {
  constexpr std::uint64_t problems = 2000;
  for (std::uint64_t seed = 1; seed <= problems; ++seed) {
    named_problem before;
    before.problem = testing::random_tiny_problem(seed + 7000);
    for (int p = 0; p < before.problem.people; ++p)
      before.person_ids.push_back("P" + std::to_string(p));
    for (std::size_t h = 0; h < before.problem.capacity.size(); ++h)
      before.household_ids.push_back("H" + std::to_string(h));
    const named_problem after = next_month(before, seed);
    INFO("seed " << seed);
    for (objective goal : both_goals) {
      const capacitated_plan last = solve_reference(before.problem, goal);
      std::vector<std::pair<std::string, std::string>> pairs;
      for (std::size_t p = 0; p < last.household_of.size(); ++p)
        if (last.household_of[p] >= 0)
          pairs.push_back({before.person_ids[p],
                           before.household_ids[static_cast<std::size_t>(last.household_of[p])]});

      // Nothing changed: nobody moves, when the solver that made last month's plan re-solves.
      const auto same = carry_previous_plan(before.person_ids, before.household_ids, pairs);
      REQUIRE(same == last.household_of);
      const incremental_plan unchanged =
          solve_incremental(before.problem, goal, same, reference_solver{});
      REQUIRE(unchanged.household_of == last.household_of);
      REQUIRE(unchanged.changes.empty());
      REQUIRE(unchanged.kept == last.matched);

      // A month later.
      const auto previous = carry_previous_plan(after.person_ids, after.household_ids, pairs);
      for (std::size_t p = 0; p < previous.size(); ++p) {
        const auto& id = after.person_ids[p];
        int expected = -1;
        for (const auto& [person, household] : pairs)
          if (person == id) {
            expected = previous_household_removed;
            for (std::size_t h = 0; h < after.household_ids.size(); ++h)
              if (after.household_ids[h] == household) expected = static_cast<int>(h);
          }
        REQUIRE(previous[p] == expected);
      }
      check_lexicographic_optimum(after.problem, goal, previous,
                                  solve_incremental(after.problem, goal, previous));
    }
  }
}

TEST_CASE("solve_incremental: the solver is a parameter; output is deterministic") {
  const capacitated_problem problem = testing::random_tiny_problem(11);
  std::vector<int> previous(static_cast<std::size_t>(problem.people), 0);
  int calls = 0;
  auto counting = [&](const capacitated_problem& continuity, objective goal) {
    ++calls;
    return solve_reference(continuity, goal);
  };
  const incremental_plan a = solve_incremental(problem, objective::max_total, previous, counting);
  const incremental_plan b =
      solve_incremental(problem, objective::max_total, previous, reference_solver{});
  CHECK(calls == 1);
  CHECK(a.household_of == b.household_of);
  CHECK(a.continuity_plan.certificate.person_price == b.continuity_plan.certificate.person_price);
}

TEST_CASE("make_continuity_problem: scaling that would overflow is refused clearly") {
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {1};
  problem.edges = {{0, 0, std::int64_t{1} << 47}};
  CHECK(error_of([&] { solve_incremental(problem, objective::max_total, {-1}); }) == "accepted");
  CHECK(error_of([&] { solve_incremental(problem, objective::max_total, {0}); }) ==
        "edges, field weight: too large to rank plans by people kept: weight x 2 + 1 overflows "
        "the solvers' 64-bit arithmetic; scale the weights down");

  // Each weight fits, but the solvers' bound on the scaled problem does not.
  problem.people = 4000;
  problem.capacity = {4000};
  problem.edges.clear();
  for (int p = 0; p < problem.people; ++p) problem.edges.push_back({p, 0, std::int64_t{1} << 30});
  check_problem(problem);
  const std::vector<int> previous(4000, 0);
  CHECK(error_of([&] { make_continuity_problem(problem, previous); }) ==
        "edges, field weight: too large to rank plans by people kept: weight x 4001 + 1 "
        "overflows the solvers' 64-bit arithmetic; scale the weights down");
}

TEST_CASE("solve_incremental: errors name the record and field") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 1}};
  CHECK(error_of([&] {
          solve_incremental(problem, objective::max_total, {0, -1});
        }) == "previous plan, field household_of: has 2 entries for 3 people");
  CHECK(error_of([&] {
          solve_incremental(problem, objective::max_total, {0, 5, -3});
        }) == "person 1, field previous_household: must be -2 (removed), -1 or in [0, 2) (is 5)\n"
              "person 2, field previous_household: must be -2 (removed), -1 or in [0, 2) (is -3)");
  CHECK(error_of([&] {
          carry_previous_plan<std::string>({"a", "b", "a"}, {"h", "h"}, {{"a", "h"}, {"a", "h"}});
        }) == "person 2, field id: repeats the id of person 0\n"
              "household 1, field id: repeats the id of household 0\n"
              "previous pair 1, field person: repeats the person of previous pair 0");
}

TEST_CASE("verify_incremental: rejects a plan that keeps fewer people or misreports") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 5}, {0, 1, 5}, {1, 0, 5}, {1, 1, 5}};
  const std::vector<int> previous{1, 0};
  const incremental_plan plan = solve_incremental(problem, objective::max_total, previous);
  CHECK(error_of([&] { verify_incremental(problem, objective::max_total, previous, plan); }) ==
        "accepted");

  // The other optimal plan, which moves both people, with the same certificate.
  incremental_plan moved = plan;
  moved.household_of = {0, 1};
  moved.continuity_plan.household_of = {0, 1};
  moved.continuity_plan.total = 2 * 10;
  CHECK(error_of([&] { verify_incremental(problem, objective::max_total, previous, moved); }) !=
        "accepted");

  incremental_plan tampered = plan;
  tampered.kept = 1;
  CHECK(error_of([&] { verify_incremental(problem, objective::max_total, previous, tampered); }) ==
        "plan says kept 1 but it is 2");
  tampered = plan;
  tampered.household_of = {0, 1};
  CHECK(error_of([&] { verify_incremental(problem, objective::max_total, previous, tampered); }) ==
        "plan and continuity plan assign people differently");
}
