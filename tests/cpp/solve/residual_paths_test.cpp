// What one place more or fewer at a household is worth, checked against brute force on the
// edited problem, and the paths' moves checked by applying them to the plan.

#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/residual_paths.hpp"

#include "support/brute_force.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

using namespace slmatch;

namespace {

// The best objective (weights plus `bonus` per person matched) of a tiny problem.
std::int64_t best_value(const capacitated_problem& problem, objective goal, std::int64_t bonus) {
  const auto best = testing::brute_force(problem);
  return goal == objective::max_total ? best.best_total
                                      : best.total_at_most_matched + best.most_matched * bonus;
}

// The plan after the moves, or nothing when a move has no edge or a household is over
// `capacity`.
std::optional<std::vector<int>> apply_moves(const capacitated_problem& problem,
                                            std::vector<int> household_of,
                                            const std::vector<path_move>& moves,
                                            const std::vector<int>& capacity) {
  std::set<int> moved;
  for (const auto& m : moves) {
    if (!moved.insert(m.person).second) return std::nullopt;
    household_of[static_cast<std::size_t>(m.person)] = m.to;
  }
  std::vector<int> load(capacity.size(), 0);
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h < 0) continue;
    bool edge = false;
    for (const auto& e : problem.edges)
      edge = edge || (e.person == static_cast<int>(p) && e.household == h);
    if (!edge || ++load[static_cast<std::size_t>(h)] > capacity[static_cast<std::size_t>(h)])
      return std::nullopt;
  }
  return household_of;
}

std::int64_t value_of(const capacitated_problem& problem, const std::vector<int>& household_of,
                      std::int64_t bonus) {
  std::int64_t value = 0;
  for (const auto& e : problem.edges)
    if (household_of[static_cast<std::size_t>(e.person)] == e.household) value += e.weight + bonus;
  return value;
}

} // namespace

TEST_CASE("residual_paths: a place more or fewer is worth what re-solving finds") {
  int releases = 0, fills = 0, without = 0, second = 0;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    for (objective goal : {objective::max_matched_then_total, objective::max_total}) {
      const capacitated_plan plan = solve_capacitated(problem, goal);
      const std::int64_t bonus = plan.certificate.bonus;
      const std::int64_t value = best_value(problem, goal, bonus);
      REQUIRE(value_of(problem, plan.household_of, bonus) == value);
      const residual_paths paths(problem, plan);
      for (std::size_t h = 0; h < problem.capacity.size(); ++h) {
        INFO("seed " << seed << ", household " << h);
        capacitated_problem fewer = problem;
        if (fewer.capacity[h] > 0) {
          --fewer.capacity[h];
          const auto cost = paths.release(h);
          REQUIRE(cost.has_value());
          CHECK(*cost == value - best_value(fewer, goal, bonus));
          const auto after =
              apply_moves(problem, plan.household_of, paths.release_moves(h), fewer.capacity);
          REQUIRE(after.has_value());
          CHECK(value_of(problem, *after, bonus) == value - *cost);
          ++releases;
        } else {
          CHECK_FALSE(paths.release(h).has_value());
        }

        capacitated_problem more = problem;
        ++more.capacity[h];
        const std::int64_t gain = best_value(more, goal, bonus) - value;
        const auto best = paths.fill(h, 0);
        CHECK((best ? std::max<std::int64_t>(0, best->gain) : 0) == gain);
        for (int rank = 0; rank < 2; ++rank) {
          const auto path = paths.fill(h, rank);
          if (!path) continue;
          if (rank == 1) {
            CHECK(path->start != best->start);
            CHECK(path->gain <= best->gain);
            ++second;
          }
          const auto after = apply_moves(problem, plan.household_of, path->moves, more.capacity);
          REQUIRE(after.has_value());
          CHECK(value_of(problem, *after, bonus) == value + path->gain);
          if (path->start != residual_paths::plan_start) {
            REQUIRE_FALSE(path->moves.empty());
            CHECK(path->moves.front().person == path->start);
            CHECK(plan.household_of[static_cast<std::size_t>(path->start)] < 0);
          }
          if (gain > 0) ++fills;
        }
        // Without one waiting person, the gain is what the problem without them finds.
        for (int a = 0; a < problem.people; ++a) {
          if (plan.household_of[static_cast<std::size_t>(a)] >= 0) continue;
          capacitated_problem less = more;
          less.edges.clear();
          for (const auto& e : more.edges)
            if (e.person != a) less.edges.push_back(e);
          CHECK(paths.fill_gain_without(h, a) == best_value(less, goal, bonus) - value);
          ++without;
        }
      }
    }
  }
  CHECK(releases > 3000);
  CHECK(fills > 1000);
  CHECK(without > 3000);
  CHECK(second > 1000);
}

TEST_CASE("residual_paths: refuses a plan that does not fit and a bad household") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1};
  problem.edges = {{0, 0, 5}, {1, 0, 3}};
  const capacitated_plan plan = solve_capacitated(problem, objective::max_matched_then_total);
  const residual_paths paths(problem, plan);
  CHECK(*paths.release(0) == 5 + plan.certificate.bonus);
  CHECK_THROWS_AS(paths.release(1), error);
  CHECK_THROWS_AS(paths.fill(0, 2), error);
  capacitated_plan short_plan = plan;
  short_plan.household_of.pop_back();
  CHECK_THROWS_AS(residual_paths(problem, short_plan), error);
}
