#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include "support/brute_force.hpp"
#include "support/plan_enumeration.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::both_goals;

namespace {

/// A random problem with several components, people without edges, households with no
/// place, and one of several weight patterns (random, all equal, all zero, tied, sparse 0).
capacitated_problem random_medium_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  capacitated_problem problem;
  problem.people = below(40);
  const int households = 1 + below(20);
  for (int h = 0; h < households; ++h) problem.capacity.push_back(below(5) == 0 ? 0 : below(4));
  const int groups = 1 + below(4); // people and households in different groups never meet
  const int density = 5 + below(50);
  const int pattern = below(5);
  const std::int64_t equal_weight = below(4);
  for (int p = 0; p < problem.people; ++p)
    for (int h = 0; h < households; ++h) {
      if (p % groups != h % groups || below(100) >= density) continue;
      std::int64_t weight = below(1000);
      if (pattern == 1) weight = equal_weight;
      if (pattern == 2) weight = 0;
      if (pattern == 3) weight = below(3);
      if (pattern == 4 && below(2) == 0) weight = 0;
      problem.edges.push_back({p, h, weight});
    }
  std::shuffle(problem.edges.begin(), problem.edges.end(), rng);
  return problem;
}

/// Problems where households' places are fewer than people, and the other way round, so
/// both sides get to be the sources.
capacitated_problem random_sided_problem(std::uint64_t seed, bool many_places) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  capacitated_problem problem;
  problem.people = many_places ? 5 + below(10) : 20 + below(30);
  const int households = many_places ? 10 + below(10) : 3 + below(8);
  for (int h = 0; h < households; ++h) problem.capacity.push_back(1 + below(3));
  for (int p = 0; p < problem.people; ++p)
    for (int h = 0; h < households; ++h)
      if (below(100) < 40) problem.edges.push_back({p, h, below(50)});
  return problem;
}

void check_matches_reference(const capacitated_problem& problem, const std::string& label) {
  for (objective goal : both_goals) {
    INFO(label << (goal == objective::max_total ? " max_total" : " max_matched_then_total"));
    const capacitated_plan fast = solve_capacitated(problem, goal);
    const capacitated_plan reference = solve_reference(problem, goal);
    REQUIRE_NOTHROW(verify_plan(problem, goal, fast));
    REQUIRE(fast.total == reference.total);
    // max_total does not fix the number matched where weight-0 edges may be taken or not.
    if (goal == objective::max_matched_then_total) REQUIRE(fast.matched == reference.matched);
    REQUIRE(fast.certificate.bonus == reference.certificate.bonus);
  }
}

capacitated_options on_threads(int threads) {
  capacitated_options options;
  options.threads = threads;
  return options;
}

bool same_plan(const capacitated_plan& a, const capacitated_plan& b) {
  return a.household_of == b.household_of && a.matched == b.matched && a.total == b.total &&
         a.certificate.person_price == b.certificate.person_price &&
         a.certificate.household_price == b.certificate.household_price &&
         a.certificate.bonus == b.certificate.bonus;
}

} // namespace

TEST_CASE("solve_capacitated: equals brute force on tiny random problems") {
  for (std::uint64_t seed = 0; seed < 4000; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    const testing::brute_force_optimum best = testing::brute_force(problem);
    INFO("seed " << seed);
    const capacitated_plan by_count = solve_capacitated(problem);
    REQUIRE_NOTHROW(verify_plan(problem, objective::max_matched_then_total, by_count));
    REQUIRE(by_count.matched == best.most_matched);
    REQUIRE(by_count.total == best.total_at_most_matched);
    const capacitated_plan by_total = solve_capacitated(problem, objective::max_total);
    REQUIRE_NOTHROW(verify_plan(problem, objective::max_total, by_total));
    REQUIRE(by_total.total == best.best_total);
  }
}

TEST_CASE("solve_capacitated: equals the reference solver on medium random problems") {
  for (std::uint64_t seed = 0; seed < 1500; ++seed)
    check_matches_reference(random_medium_problem(seed), "medium seed " + std::to_string(seed));
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    check_matches_reference(random_sided_problem(seed, true),
                            "many places seed " + std::to_string(seed));
    check_matches_reference(random_sided_problem(seed, false),
                            "few places seed " + std::to_string(seed));
  }
}

TEST_CASE("solve_capacitated: edge cases") {
  SECTION("empty problems") {
    for (objective goal : both_goals) {
      capacitated_problem problem;
      capacitated_plan plan = solve_capacitated(problem, goal);
      CHECK(plan.household_of.empty());
      verify_plan(problem, goal, plan);
      problem.people = 3;
      problem.capacity = {2, 0};
      plan = solve_capacitated(problem, goal);
      CHECK(plan.household_of == std::vector<int>{-1, -1, -1});
      CHECK(plan.matched == 0);
      verify_plan(problem, goal, plan);
    }
  }
  SECTION("a household with no place is priced but never chosen") {
    capacitated_problem problem;
    problem.people = 2;
    problem.capacity = {0, 1};
    problem.edges = {{0, 0, 50}, {1, 0, 40}, {1, 1, 3}};
    for (objective goal : both_goals) {
      const capacitated_plan plan = solve_capacitated(problem, goal);
      CHECK(plan.household_of == std::vector<int>{-1, 1});
      CHECK(plan.total == 3);
      verify_plan(problem, goal, plan);
    }
  }
  SECTION("max_total leaves a person out that max_matched_then_total places") {
    capacitated_problem problem;
    problem.people = 2;
    problem.capacity = {1, 1};
    problem.edges = {{0, 0, 10}, {0, 1, 1}, {1, 0, 1}};
    const capacitated_plan by_total = solve_capacitated(problem, objective::max_total);
    CHECK(by_total.household_of == std::vector<int>{0, -1});
    CHECK(by_total.total == 10);
    const capacitated_plan by_count = solve_capacitated(problem);
    CHECK(by_count.household_of == std::vector<int>{1, 0});
    CHECK(by_count.total == 2);
    verify_plan(problem, objective::max_total, by_total);
    verify_plan(problem, objective::max_matched_then_total, by_count);
  }
  SECTION("one household with a large capacity takes everyone worth taking") {
    capacitated_problem problem;
    problem.people = 5;
    problem.capacity = {1000};
    for (int p = 0; p < 5; ++p) problem.edges.push_back({p, 0, p});
    for (objective goal : both_goals) {
      const capacitated_plan plan = solve_capacitated(problem, goal);
      CHECK(plan.total == 10);
      CHECK(plan.certificate.household_price[0] == 0); // spare places
      verify_plan(problem, goal, plan);
    }
  }
  SECTION("the largest weights the checks allow") {
    capacitated_problem problem;
    problem.people = 3;
    problem.capacity = {1, 2};
    problem.edges = {
        {0, 0, max_edge_weight}, {1, 0, max_edge_weight - 1}, {1, 1, 7}, {2, 1, max_edge_weight}};
    check_matches_reference(problem, "large weights");
  }
}

TEST_CASE("solve_capacitated: deterministic and independent of the thread count") {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const capacitated_problem problem = random_medium_problem(seed);
    for (objective goal : both_goals) {
      INFO("seed " << seed);
      const capacitated_plan one = solve_capacitated(problem, goal, on_threads(1));
      CHECK(same_plan(one, solve_capacitated(problem, goal, on_threads(1))));
      CHECK(same_plan(one, solve_capacitated(problem, goal, on_threads(2))));
      CHECK(same_plan(one, solve_capacitated(problem, goal, on_threads(5))));
      CHECK(same_plan(one, solve_capacitated(problem, goal, on_threads(0))));
    }
  }
}

TEST_CASE("split_components: independent pieces that put the problem back together") {
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    const capacitated_problem problem = random_medium_problem(seed);
    INFO("seed " << seed);
    const std::vector<problem_component> parts = split_components(problem);
    std::vector<int> person_part(static_cast<std::size_t>(problem.people), -1);
    std::vector<int> household_part(problem.capacity.size(), -1);
    std::vector<int> edge_part(problem.edges.size(), -1);
    for (std::size_t c = 0; c < parts.size(); ++c) {
      const problem_component& part = parts[c];
      REQUIRE_NOTHROW(check_problem(part.problem));
      REQUIRE(part.problem.people == static_cast<int>(part.person.size()));
      REQUIRE(part.problem.capacity.size() == part.household.size());
      REQUIRE(part.problem.edges.size() == part.edge.size());
      REQUIRE(!part.edge.empty());
      CHECK(std::is_sorted(part.person.begin(), part.person.end()));
      CHECK(std::is_sorted(part.household.begin(), part.household.end()));
      CHECK(std::is_sorted(part.edge.begin(), part.edge.end()));
      for (int p : part.person) {
        CHECK(person_part[static_cast<std::size_t>(p)] == -1);
        person_part[static_cast<std::size_t>(p)] = static_cast<int>(c);
      }
      for (std::size_t h = 0; h < part.household.size(); ++h) {
        const auto household = static_cast<std::size_t>(part.household[h]);
        CHECK(household_part[household] == -1);
        household_part[household] = static_cast<int>(c);
        CHECK(part.problem.capacity[h] == problem.capacity[household]);
      }
      for (std::size_t i = 0; i < part.edge.size(); ++i) {
        const auto& local = part.problem.edges[i];
        const auto& whole = problem.edges[static_cast<std::size_t>(part.edge[i])];
        edge_part[static_cast<std::size_t>(part.edge[i])] = static_cast<int>(c);
        CHECK(part.person[static_cast<std::size_t>(local.person)] == whole.person);
        CHECK(part.household[static_cast<std::size_t>(local.household)] == whole.household);
        CHECK(local.weight == whole.weight);
      }
    }
    // Every usable edge is in the component of both its ends; nothing else is anywhere.
    for (std::size_t i = 0; i < problem.edges.size(); ++i) {
      const auto& e = problem.edges[i];
      const bool usable = problem.capacity[static_cast<std::size_t>(e.household)] > 0;
      CHECK((edge_part[i] >= 0) == usable);
      if (usable) {
        CHECK(person_part[static_cast<std::size_t>(e.person)] == edge_part[i]);
        CHECK(household_part[static_cast<std::size_t>(e.household)] == edge_part[i]);
      }
    }
    // Solving the parts alone gives the whole problem's optimum.
    std::int64_t total = 0;
    int matched = 0;
    for (const auto& part : parts) {
      const capacitated_plan plan = solve_capacitated(part.problem, objective::max_total);
      total += plan.total;
      matched += plan.matched;
    }
    CHECK(total == solve_reference(problem, objective::max_total).total);
  }
}

TEST_CASE("split_components: components are ordered by their lowest vertex") {
  capacitated_problem problem;
  problem.people = 4;
  problem.capacity = {1, 1, 1};
  problem.edges = {{3, 0, 1}, {1, 2, 1}, {0, 1, 1}, {2, 1, 1}};
  const std::vector<problem_component> parts = split_components(problem);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].person == std::vector<int>{0, 2});
  CHECK(parts[0].household == std::vector<int>{1});
  CHECK(parts[0].edge == std::vector<int>{2, 3});
  CHECK(parts[1].person == std::vector<int>{1});
  CHECK(parts[2].person == std::vector<int>{3});
  CHECK(parts[2].household == std::vector<int>{0});
}

TEST_CASE("maximum_matchable: the cardinality optimum, with a cover proving it") {
  for (std::uint64_t seed = 0; seed < 3000; ++seed) {
    const capacitated_problem problem = testing::random_tiny_problem(seed);
    INFO("seed " << seed);
    const matchable_result result = maximum_matchable(problem);
    CHECK(result.matched == testing::brute_force(problem).most_matched);
    // The assignment is feasible and reaches the maximum.
    std::vector<int> load(problem.capacity.size(), 0);
    int assigned = 0;
    for (int p = 0; p < problem.people; ++p) {
      const int h = result.household_of[static_cast<std::size_t>(p)];
      if (h < 0) continue;
      ++assigned;
      ++load[static_cast<std::size_t>(h)];
      bool has_edge = false;
      for (const auto& e : problem.edges) has_edge |= e.person == p && e.household == h;
      CHECK(has_edge);
    }
    CHECK(assigned == result.matched);
    for (std::size_t h = 0; h < load.size(); ++h) CHECK(load[h] <= problem.capacity[h]);
    // The cover covers every usable edge and weighs exactly the maximum.
    int cover = 0;
    for (char in : result.person_in_cover) cover += in;
    for (std::size_t h = 0; h < problem.capacity.size(); ++h)
      if (result.household_in_cover[h]) cover += problem.capacity[h];
    CHECK(cover == result.matched);
    for (const auto& e : problem.edges)
      if (problem.capacity[static_cast<std::size_t>(e.household)] > 0)
        CHECK((result.person_in_cover[static_cast<std::size_t>(e.person)] ||
               result.household_in_cover[static_cast<std::size_t>(e.household)]));
  }
}

TEST_CASE("solve_capacitated: bad input throws validation_error naming the edge or field") {
  auto message_of = [](const capacitated_problem& problem) {
    try {
      solve_capacitated(problem);
    } catch (const validation_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 1}, {1, 1, 2}};
  REQUIRE_NOTHROW(solve_capacitated(problem));

  capacitated_problem bad = problem;
  bad.edges[1].weight = -5;
  CHECK(message_of(bad) == "edge 1, field weight: must be >= 0 (is -5)");
  bad = problem;
  bad.edges[0].household = 2;
  CHECK(message_of(bad) == "edge 0, field household: must be in [0, 2) (is 2)");
  bad = problem;
  bad.edges[1].person = -1;
  CHECK(message_of(bad) == "edge 1, field person: must be in [0, 2) (is -1)");
  bad = problem;
  bad.capacity[1] = -3;
  CHECK(message_of(bad) == "household 1, field capacity: must be >= 0 (is -3)");
  bad = problem;
  bad.edges.push_back({0, 0, 4});
  CHECK(message_of(bad).find("edge 2, field household: duplicates edge 0") == 0);
  bad = problem;
  bad.edges[0].weight = max_edge_weight + 1;
  CHECK(message_of(bad).find("edge 0, field weight: must be at most") == 0);
  bad = problem;
  bad.people = -1;
  bad.edges.clear();
  CHECK(message_of(bad) == "problem, field people: must be >= 0 (is -1)");
  bad = problem;
  bad.people = 40000;
  bad.edges.clear();
  for (int p = 0; p < bad.people; ++p) bad.edges.push_back({p, 0, max_edge_weight});
  CHECK(message_of(bad).find("edges, field weight: too large") == 0);
  CHECK_THROWS_AS(split_components(bad), validation_error);
  CHECK_THROWS_AS(maximum_matchable(bad), validation_error);
}
