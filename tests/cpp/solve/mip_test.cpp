#include "slmatch/solve/mip.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <thread>
#include <vector>

using namespace slmatch;

namespace {

/// A 0/1 knapsack's optimum by trying every subset.
double knapsack_by_brute_force(const std::vector<double>& value, const std::vector<double>& weight,
                               double capacity) {
  double best = 0;
  const std::size_t n = value.size();
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    double v = 0, w = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (mask & (1u << i)) {
        v += value[i];
        w += weight[i];
      }
    if (w <= capacity && v > best) best = v;
  }
  return best;
}

} // namespace

TEST_CASE("solve_mip: knapsacks equal brute force, with a bound equal to the optimum") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(1, 30);
  for (int round = 0; round < 100; ++round) {
    const int n = 2 + round % 10;
    std::vector<double> value, weight;
    mip_problem problem;
    std::vector<mip_problem::term> row;
    for (int i = 0; i < n; ++i) {
      value.push_back(pick(rng));
      weight.push_back(pick(rng));
      row.push_back({problem.add_column(value.back()), weight.back()});
    }
    const double capacity = pick(rng) * n / 3.0;
    problem.add_row(row, -mip_infinity(), capacity);
    const mip_result found = solve_mip(problem);
    REQUIRE(found.status == mip_status::optimal);
    CHECK(found.objective == knapsack_by_brute_force(value, weight, capacity));
    CHECK(found.bound == found.objective);
    CHECK(found.gap() == 0);
    double used = 0;
    for (int i = 0; i < n; ++i) {
      CHECK((found.values[static_cast<std::size_t>(i)] == 0 ||
             found.values[static_cast<std::size_t>(i)] == 1));
      used += weight[static_cast<std::size_t>(i)] * found.values[static_cast<std::size_t>(i)];
    }
    CHECK(used <= capacity);
  }
}

TEST_CASE("solve_mip: an infeasible programme says so, and a bad column is an error") {
  mip_problem problem;
  const int x = problem.add_column(1);
  const int y = problem.add_column(1);
  problem.add_row({{x, 1}, {y, 1}}, 3, mip_infinity()); // two 0/1 columns cannot reach 3
  CHECK(solve_mip(problem).status == mip_status::infeasible);
  CHECK_THROWS_WITH(solve_lexicographic(problem, {{1, 1}}, 5), "the programme has no solution");
  problem.add_row({{5, 1}}, 0, 1);
  CHECK_THROWS_WITH(solve_mip(problem), "a row of the programme names column 5, which does not "
                                        "exist");
}

TEST_CASE("solve_mip: a programme with no integer column is a linear programme") {
  // The fractional knapsack: the best ratios first, the last item in part.
  mip_problem problem;
  const int a = problem.add_column(6, 0, 1, false);
  const int b = problem.add_column(10, 0, 1, false);
  const int c = problem.add_column(12, 0, 1, false);
  problem.add_row({{a, 1}, {b, 2}, {c, 3}}, -mip_infinity(), 5);
  const mip_result found = solve_mip(problem);
  REQUIRE(found.status == mip_status::optimal);
  CHECK(found.objective == Approx(24));
  CHECK(found.bound == Approx(24));
  CHECK(found.values[static_cast<std::size_t>(c)] == Approx(2.0 / 3.0));
  problem.add_row({{a, 1}}, 2, mip_infinity());
  CHECK(solve_mip(problem).status == mip_status::infeasible);
}

TEST_CASE("mip_feasible checks bounds, integrality and rows") {
  mip_problem problem;
  const int x = problem.add_column(1);
  const int y = problem.add_column(1, 0, 4, false);
  problem.add_row({{x, 2}, {y, 1}}, 1, 3);
  CHECK(mip_feasible(problem, {1, 1}));
  CHECK(mip_feasible(problem, {0, 2.5}));
  CHECK_FALSE(mip_feasible(problem, {0.5, 1})); // x is whole
  CHECK_FALSE(mip_feasible(problem, {1, 1.5})); // the row's upper limit
  CHECK_FALSE(mip_feasible(problem, {0, 0.5})); // its lower limit
  CHECK_FALSE(mip_feasible(problem, {0, 5}));   // y's bound
  CHECK_FALSE(mip_feasible(problem, {1}));      // a value missing
  CHECK(mip_feasible(problem, {1, 1 + 1e-9}));  // within the tolerance
  // A start that breaks a row is not kept, even where the search finds nothing better.
  mip_options options;
  options.start = {1, 4};
  const mip_result found = solve_mip(problem, options);
  REQUIRE(found.status == mip_status::optimal);
  CHECK(found.objective == Approx(3));
  CHECK(mip_feasible(problem, found.values));
}

TEST_CASE("solve_lexicographic equals brute force on small programmes of two and three levels") {
  // Knapsack rows make most relaxations fractional with a bound above the optimum (the guess
  // at a level's optimum fails and the level is searched), and some integral (taken as
  // they are); cover rows make the level below depend on the one above.
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> weight(1, 9), value(-3, 9), columns(3, 11);
  int fractional = 0;
  for (int round = 0; round < 150; ++round) {
    const int n = columns(rng);
    mip_problem problem;
    for (int i = 0; i < n; ++i) problem.add_column(0);
    std::vector<std::vector<double>> rows;
    for (int r = 0; r < 2; ++r) {
      std::vector<mip_problem::term> terms;
      std::vector<double> row(static_cast<std::size_t>(n), 0);
      for (int i = 0; i < n; ++i)
        if (rng() % 3 != 0) {
          row[static_cast<std::size_t>(i)] = weight(rng);
          terms.push_back({i, row[static_cast<std::size_t>(i)]});
        }
      const double limit = weight(rng) * n / 4.0;
      problem.add_row(terms, -mip_infinity(), limit);
      row.push_back(limit);
      rows.push_back(row);
    }
    const std::size_t levels = 2 + static_cast<std::size_t>(round % 2);
    std::vector<std::vector<double>> objectives(levels);
    for (auto& objective : objectives)
      for (int i = 0; i < n; ++i) objective.push_back(round % 3 == 0 ? 1 : value(rng));
    // The lexicographic optimum over every subset.
    std::vector<double> best;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
      bool fits = true;
      for (const auto& row : rows) {
        double used = 0;
        for (int i = 0; i < n; ++i)
          if (mask & (1u << i)) used += row[static_cast<std::size_t>(i)];
        fits = fits && used <= row.back();
      }
      if (!fits) continue;
      std::vector<double> got;
      for (const auto& objective : objectives) {
        double v = 0;
        for (int i = 0; i < n; ++i)
          if (mask & (1u << i)) v += objective[static_cast<std::size_t>(i)];
        got.push_back(v);
      }
      if (best.empty() || got > best) best = got;
    }
    mip_problem relaxation = problem;
    for (auto& c : relaxation.columns) {
      c.integer = false;
      c.objective = objectives[0][static_cast<std::size_t>(&c - relaxation.columns.data())];
    }
    const mip_result relaxed = solve_mip(relaxation);
    fractional += relaxed.objective > best[0] + 1e-6 ? 1 : 0;
    const lexicographic_result result = solve_lexicographic(problem, objectives, 10);
    INFO("round " << round);
    CHECK(result.proven_optimal);
    CHECK(result.objectives == best);
    CHECK(mip_feasible(problem, result.values));
  }
  CHECK(fractional > 30); // the failed guess is exercised
}

TEST_CASE("solve_lexicographic: the second objective only breaks ties of the first") {
  // Three items, at most two: the first objective counts items, the second prefers c, then a.
  mip_problem problem;
  const int a = problem.add_column(0), b = problem.add_column(0), c = problem.add_column(0);
  problem.add_row({{a, 1}, {b, 1}, {c, 1}}, 0, 2);
  problem.add_row({{a, 1}, {c, 1}}, 0, 1); // a and c exclude each other
  const lexicographic_result result = solve_lexicographic(problem, {{1, 1, 1}, {2, 0, 5}}, 5);
  CHECK(result.values == std::vector<double>{0, 1, 1});
  CHECK(result.objectives == std::vector<double>{2, 5});
  CHECK(result.proven_optimal);
  CHECK(result.blocks == 1);

  // Two independent copies are solved as two blocks with the sum of their optima.
  mip_problem twice = problem;
  for (const auto& column : problem.columns) twice.columns.push_back(column);
  for (auto row : problem.rows) {
    for (auto& t : row.terms) t.column += 3;
    twice.rows.push_back(row);
  }
  const lexicographic_result both =
      solve_lexicographic(twice, {{1, 1, 1, 1, 1, 1}, {2, 0, 5, 2, 0, 5}}, 5);
  CHECK(both.blocks == 2);
  CHECK(both.objectives == std::vector<double>{4, 10});
}

TEST_CASE("solve_lexicographic: a rounding of the relaxation that keeps every row and beats the "
          "start becomes the start") {
  // Three items of weight 3 in a knapsack of 4: the first objective counts items (relaxation
  // 4/3, so the guess path runs), the second prefers c, then a. No time to search, so the
  // plan is whichever start survives.
  mip_problem problem;
  const int a = problem.add_column(0), b = problem.add_column(0), c = problem.add_column(0);
  problem.add_row({{a, 3}, {b, 3}, {c, 3}}, 0, 4);
  const std::vector<std::vector<double>> levels{{1, 1, 1}, {2, 0, 5}};
  const std::vector<double> start{0, 1, 0};
  std::vector<double> seen; // what the rounding was given
  const auto rounding_to = [&seen](std::vector<double> answer) {
    return [&seen, answer](const std::vector<double>& relaxed) {
      seen = relaxed;
      return answer;
    };
  };
  const lexicographic_result rounded =
      solve_lexicographic(problem, levels, 0, false, start, rounding_to({0, 0, 1}));
  CHECK(rounded.values == std::vector<double>{0, 0, 1});
  CHECK(rounded.objectives == std::vector<double>{1, 5});
  // The relaxation of the second level with the first held at 1: c whole, and a third of a.
  REQUIRE(seen.size() == 3);
  CHECK(seen[2] == Approx(1));
  CHECK(seen[0] == Approx(1.0 / 3));
  // A rounding that breaks the knapsack, or is worse than the start, is not taken.
  CHECK(solve_lexicographic(problem, levels, 0, false, start, rounding_to({1, 1, 0})).values ==
        start);
  CHECK(solve_lexicographic(problem, levels, 0, false, {1, 0, 0}, rounding_to({0, 1, 0})).values ==
        std::vector<double>{1, 0, 0});
  CHECK(solve_lexicographic(problem, levels, 0, false, start, rounding_to({})).values == start);
  // With time, the search finds the optimum whatever the rounding says.
  const lexicographic_result searched =
      solve_lexicographic(problem, levels, 5, false, start, rounding_to({0, 1, 0}));
  CHECK(searched.values == std::vector<double>{0, 0, 1});
  CHECK(searched.proven_optimal);
}

TEST_CASE("mip_result: the gap is relative to the larger of the solution and the bound") {
  mip_result stopped;
  stopped.status = mip_status::time_limit;
  stopped.objective = 90;
  stopped.bound = 100;
  CHECK(stopped.gap() == Approx(0.1));
  stopped.objective = 0; // a plan that took nothing: the whole bound is open
  CHECK(stopped.gap() == Approx(1.0));
  stopped.bound = 0.5;
  CHECK(stopped.gap() == Approx(0.5));
  stopped.bound = mip_infinity();
  CHECK(stopped.gap() == 1);
  stopped.status = mip_status::optimal;
  CHECK(stopped.gap() == 0);
}

TEST_CASE("solve_mip: programmes solved on two threads at once give what they give alone") {
  // Many small knapsacks, so the two threads are often inside CBC at the same moment.
  std::vector<mip_problem> problems;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> pick(10, 99);
  for (int k = 0; k < 300; ++k) {
    mip_problem problem;
    std::vector<mip_problem::term> row, second;
    for (int i = 0; i < 8; ++i) {
      const int c = problem.add_column(pick(rng));
      row.push_back({c, static_cast<double>(pick(rng))});
      second.push_back({c, static_cast<double>(pick(rng))});
    }
    problem.add_row(row, -mip_infinity(), 200);
    problem.add_row(second, -mip_infinity(), 250);
    problems.push_back(std::move(problem));
  }
  std::vector<double> alone;
  for (const auto& problem : problems) alone.push_back(solve_mip(problem).objective);
  std::vector<double> together(problems.size());
  std::vector<int> optimal(problems.size(), 0);
  const auto solve_every_other = [&](std::size_t first) {
    for (std::size_t k = first; k < problems.size(); k += 2) {
      const mip_result found = solve_mip(problems[k]);
      together[k] = found.objective;
      optimal[k] = found.status == mip_status::optimal ? 1 : 0;
    }
  };
  std::thread other(solve_every_other, 1);
  solve_every_other(0);
  other.join();
  CHECK(together == alone);
  CHECK(optimal == std::vector<int>(problems.size(), 1));
}

TEST_CASE("solve_mip: a start solution below the optimum is not taken for the optimum") {
  // Five people with two places each in households 0 and 1, and a couple worth 8 who need
  // both places of household 1; at least four matched. The start (total 11) is one below
  // the optimum (12: the couple, and two people worth 2 in household 0). CBC has ended its
  // search from such a start saying nothing beats it, with its bound still at 12.
  const double weight[5][2] = {{2, 1}, {1, 2}, {1, 2}, {2, 0}, {2, 1}};
  mip_problem problem;
  std::vector<mip_problem::term> first, second, matched;
  for (const auto& w : weight) {
    const int a = problem.add_column(w[0]), b = problem.add_column(w[1]);
    first.push_back({a, 1});
    second.push_back({b, 1});
    matched.push_back({a, 1});
    matched.push_back({b, 1});
    problem.add_row({{a, 1}, {b, 1}}, -mip_infinity(), 1);
  }
  const int couple = problem.add_column(8);
  second.push_back({couple, 2});
  matched.push_back({couple, 2});
  problem.add_row(first, -mip_infinity(), 2);
  problem.add_row(second, -mip_infinity(), 2);
  problem.add_row(matched, 3.5, mip_infinity());
  mip_options options;
  options.start = {0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1};
  const mip_result found = solve_mip(problem, options);
  CHECK(found.status == mip_status::optimal);
  CHECK(found.objective == 12);
  CHECK(found.bound == 12);
}

TEST_CASE("solve_lexicographic: a start CBC says nothing beats, with its bound at the start's "
          "value, is searched again") {
  // A part of a plan with groups: person 0 (one household), person 1 (three), a couple at
  // household 18 or 62 and another couple at 62, where 62 has 3 places. Most matched is 6;
  // the best total then is 425010 (person 1 and the second couple share 62). From the first
  // level's solution (total 419071) CBC has stopped at once, saying nothing beats it and
  // setting its bound to that value.
  mip_problem problem;
  for (int c = 0; c < 7; ++c) problem.add_column(0);
  const auto row = [&](std::vector<mip_problem::term> terms, double upper) {
    problem.add_row(std::move(terms), -mip_infinity(), upper);
  };
  row({{4, 1}, {5, 1}}, 1);         // the first couple: one household
  row({{6, 1}}, 1);                 // the second couple
  row({{1, 1}, {2, 1}, {3, 1}}, 1); // person 1
  row({{0, 1}, {2, 1}}, 1);         // household 17
  row({{4, 2}}, 3);                 // household 18
  row({{3, 1}}, 2);                 // household 46
  row({{1, 1}, {5, 2}, {6, 2}}, 3); // household 62
  const std::vector<std::vector<double>> levels = {
      {1, 1, 1, 1, 2, 2, 2}, {63996, 66052, 64489, 60113, 149613, 161672, 145349}};
  for (bool plain_search : {true, false}) {
    const lexicographic_result found = solve_lexicographic(problem, levels, 10, plain_search);
    CHECK(found.proven_optimal);
    CHECK(found.objectives == std::vector<double>{6, 425010});
  }
}
