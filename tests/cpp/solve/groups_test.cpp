#include "slmatch/solve/groups.hpp"

#include "support/brute_force.hpp"
#include "support/grouped_brute_force.hpp"
#include "support/plan_enumeration.hpp"
#include "support/small_problems.hpp"

#include <catch2/catch.hpp>

#include <random>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using slmatch::testing::both_goals;
using slmatch::testing::couple_and_one;

namespace {

/// The best (matched, total) of the brute force under `goal`, as a comparable pair.
std::pair<int, std::int64_t> best_of(const std::vector<testing::grouped_assignment>& all,
                                     objective goal) {
  std::pair<int, std::int64_t> best{0, 0};
  for (const auto& a : all) {
    const std::pair<int, std::int64_t> key = goal == objective::max_total
                                                 ? std::pair<int, std::int64_t>{0, a.total}
                                                 : std::pair<int, std::int64_t>{a.matched, a.total};
    best = std::max(best, key);
  }
  return best;
}

std::string problem_message(const grouped_problem& problem) {
  try {
    check_grouped_problem(problem);
  } catch (const validation_error& e) {
    return e.what();
  }
  return "";
}

std::string verify_message(const grouped_problem& problem, objective goal,
                           const grouped_plan& plan) {
  try {
    verify_grouped_plan(problem, goal, plan);
  } catch (const error& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("solve_grouped equals brute force on thousands of tiny problems with groups",
          "[groups]") {
  int relaxation_split = 0, branched = 0;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    const grouped_problem problem = testing::random_grouped_problem(seed);
    const auto all = testing::grouped_assignments(problem);
    for (objective goal : both_goals) {
      INFO("seed " << seed << ", goal " << to_string(goal));
      const grouped_plan plan = solve_grouped(problem, goal);
      REQUIRE(verify_message(problem, goal, plan).empty());
      REQUIRE(plan.proven_optimal);
      const auto best = best_of(all, goal);
      if (goal == objective::max_total) {
        REQUIRE(plan.total == best.second);
      } else {
        REQUIRE(plan.matched == best.first);
        REQUIRE(plan.total == best.second);
      }
      relaxation_split += plan.stats.nodes > 0;
      branched += plan.stats.nodes > 1;
    }
  }
  // The exact steps after the relaxation must have been exercised, not only the easy path.
  CHECK(relaxation_split > 200); // of 6,000 solves; equal shares keep most groups whole
  CHECK(branched > 20);
}

TEST_CASE("solve_grouped with large weights tells plans one unit apart, or claims no proof",
          "[groups]") {
  // Weights of 2^25 (a national scheme's range: about 10^10 for a trio with the bonus for
  // each match) and of 2^40, each with a few units of difference, so that the best plan
  // can beat the next by a single unit.
  for (const int shift : {25, 40}) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
      grouped_problem problem = testing::random_grouped_problem(seed);
      std::mt19937_64 rng(seed);
      const auto large = [&](std::int64_t w) {
        return w * (std::int64_t{1} << shift) + static_cast<std::int64_t>(rng() % 4);
      };
      for (auto& e : problem.pairs.edges) e.weight = large(e.weight);
      for (auto& g : problem.groups)
        for (auto& host : g.hosts) host.bonus = large(host.bonus);
      const auto all = testing::grouped_assignments(problem);
      for (objective goal : both_goals) {
        INFO("shift " << shift << ", seed " << seed << ", goal " << to_string(goal));
        const grouped_plan plan = solve_grouped(problem, goal);
        REQUIRE(verify_message(problem, goal, plan).empty());
        const auto best = best_of(all, goal);
        if (shift == 25) REQUIRE(plan.proven_optimal);
        if (!plan.proven_optimal) continue;
        CHECK(plan.total == best.second);
        if (goal != objective::max_total) CHECK(plan.matched == best.first);
      }
    }
  }
}

TEST_CASE("without groups solve_grouped has the flow solver's optimum", "[groups]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    grouped_problem problem;
    problem.pairs = testing::random_tiny_problem(seed);
    const testing::brute_force_optimum best = testing::brute_force(problem.pairs);
    const grouped_plan most = solve_grouped(problem, objective::max_matched_then_total);
    CHECK(most.matched == best.most_matched);
    CHECK(most.total == best.total_at_most_matched);
    CHECK(most.proven_optimal);
    CHECK(solve_grouped(problem, objective::max_total).total == best.best_total);
  }
}

TEST_CASE("a couple is placed together or not at all", "[groups]") {
  const grouped_problem problem = couple_and_one();
  // Apart, the couple would each take household 0 or 1; together only household 1 has room.
  const grouped_plan most = solve_grouped(problem, objective::max_matched_then_total);
  CHECK(most.household_of == std::vector<int>{1, 1, -1});
  CHECK(most.group_household == std::vector<int>{1});
  CHECK(most.total == 5 + 5 + 4);
  CHECK(most.together_total == 4);
  CHECK(most.proven_optimal);
  // For the largest total alone, the single person's 8 is worth less than the couple's 14.
  const grouped_plan total = solve_grouped(problem, objective::max_total);
  CHECK(total.total == 14);
}

TEST_CASE("a preferred group may be split but earns its bonus together", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.groups[0].required = false;
  problem.groups[0].hosts = {{1, 20}};
  // Together in household 1 (5 + 5 + 20) beats apart (9 + 5 + 8) on total, though it
  // leaves the single person out; matching the most people keeps the couple apart.
  const grouped_plan together = solve_grouped(problem, objective::max_total);
  CHECK(together.household_of == std::vector<int>{1, 1, -1});
  CHECK(together.together_total == 20);
  const grouped_plan most = solve_grouped(problem, objective::max_matched_then_total);
  CHECK(most.matched == 3);
  CHECK(most.total == 22);
  CHECK(most.together_total == 0);
  problem.groups[0].hosts = {{1, 1}};
  const grouped_plan apart = solve_grouped(problem, objective::max_total);
  CHECK(apart.matched == 3);
  CHECK(apart.group_household == std::vector<int>{-1});
}

TEST_CASE("check_grouped_problem names the group and field", "[groups]") {
  grouped_problem problem = couple_and_one();
  problem.groups[0].members = {0};
  CHECK(problem_message(problem).find("group 0, field members: must have two or more") !=
        std::string::npos);
  problem = couple_and_one();
  problem.groups.push_back(problem.groups[0]);
  CHECK(problem_message(problem).find("group 1, field members: person 0 is also in group 0") !=
        std::string::npos);
  problem = couple_and_one();
  problem.groups[0].members = {0, 0};
  CHECK(problem_message(problem).find("person 0 is listed twice") != std::string::npos);
  problem = couple_and_one();
  problem.groups[0].members = {0, 7};
  CHECK(problem_message(problem).find("person 7 is not in [0, 3)") != std::string::npos);
  problem = couple_and_one();
  problem.groups[0].hosts = {{1, 4}, {0, 4}};
  CHECK(problem_message(problem).find("group 0, field hosts[1]: hosts must be in increasing") !=
        std::string::npos);
  problem = couple_and_one();
  problem.groups[0].hosts = {{0, -1}};
  CHECK(problem_message(problem).find("bonus must be in") != std::string::npos);
}

TEST_CASE("verify_grouped_plan catches a split group and a wrong bound", "[groups]") {
  const grouped_problem problem = couple_and_one();
  grouped_plan plan = solve_grouped(problem, objective::max_matched_then_total);
  REQUIRE(verify_message(problem, objective::max_matched_then_total, plan).empty());
  grouped_plan split = plan;
  split.household_of = {0, 1, -1};
  CHECK(verify_message(problem, objective::max_matched_then_total, split)
            .find("group 0 is split: person 0 in household 0, person 1 in household 1") !=
        std::string::npos);
  grouped_plan beyond = plan;
  beyond.bound = plan.value() - 1;
  CHECK(
      verify_message(problem, objective::max_matched_then_total, beyond).find("above its bound") !=
      std::string::npos);
  grouped_plan wrong_total = plan;
  wrong_total.total += 1;
  CHECK(verify_message(problem, objective::max_matched_then_total, wrong_total)
            .find("edges and bonuses sum to") != std::string::npos);
}
