#include "slmatch/assignment/row_minima.hpp"

#include "slmatch/assignment/dense.hpp"

#include "support/assignment_matrices.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

using namespace slmatch;
using slmatch::testing::brute_force_assignment;
using slmatch::testing::inf;
using slmatch::testing::matrix;

namespace {

/// Run the row-minima path on a wide or square matrix (minimising); when it succeeds, check
/// that its prices are the row minima and zeros and that its certificate verifies.
bool at_row_minima(const matrix& m, detail::working_solution& solution) {
  if (!detail::solve_at_row_minima(m.values.data(), m.rows, m.cols, solution)) return false;
  for (std::size_t i = 0; i < m.rows; ++i) {
    double smallest = inf;
    for (std::size_t j = 0; j < m.cols; ++j) smallest = std::min(smallest, m.view().at(i, j));
    CHECK(solution.row_price[i] == smallest);
  }
  CHECK(solution.col_price == std::vector<double>(m.cols, 0.0));
  verify_dense_assignment(m.view(), detail::input_answer(m.view(), false, solution));
  return true;
}

} // namespace

TEST_CASE("solve_at_row_minima: small integer costs equal brute force") {
  std::mt19937_64 rng(10);
  int proven = 0, refused = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t rows = std::uniform_int_distribution<std::size_t>(1, 7)(rng);
    const std::size_t cols = std::uniform_int_distribution<std::size_t>(rows, 7)(rng);
    const int top = trial % 3 == 0 ? 1 : trial % 3 == 1 ? 3 : 9;
    matrix m{rows, cols, std::vector<double>(rows * cols)};
    for (double& c : m.values) c = std::uniform_int_distribution<int>(0, top)(rng);
    INFO("trial " << trial << ", " << rows << " x " << cols);
    detail::working_solution solution;
    if (at_row_minima(m, solution)) {
      const dense_assignment answer = detail::input_answer(m.view(), false, solution);
      CHECK(answer.total == brute_force_assignment(m.view(), false).total);
      ++proven;
    } else {
      ++refused;
    }
  }
  // Both outcomes occur: ties usually suffice, but not always.
  CHECK(proven > 1000);
  CHECK(refused > 100);
}

TEST_CASE("solve_at_row_minima: rows left over find alternating paths") {
  // Row 1's only cheapest column is row 0's first choice; row 0 moves to its other zero.
  const matrix m{3, 3, {0, 0, 5, 0, 5, 5, 5, 5, 0}};
  detail::working_solution solution;
  REQUIRE(at_row_minima(m, solution));
  CHECK(solution.col_of == std::vector<int>{1, 0, 2});
  CHECK(solution.row_price == std::vector<double>{0, 0, 0});

  // A longer path: each row's zeros are its own column and the next; the last row's only
  // zero is column 0, taken by row 0, so every row moves one column right.
  const std::size_t n = 6;
  matrix chain{n, n + 1, std::vector<double>(n * (n + 1), 4.0)};
  for (std::size_t i = 0; i + 1 < n; ++i) {
    chain.values[i * (n + 1) + i] = 1;
    chain.values[i * (n + 1) + i + 1] = 1;
  }
  chain.values[(n - 1) * (n + 1)] = 2; // row n - 1: its minimum only in column 0
  REQUIRE(at_row_minima(chain, solution));
  for (std::size_t i = 0; i + 1 < n; ++i) CHECK(solution.col_of[i] == static_cast<int>(i + 1));
  CHECK(solution.col_of[n - 1] == 0);
}

TEST_CASE("solve_at_row_minima: refused when the minima do not suffice, or rarely tie") {
  detail::working_solution untouched;
  // Both rows have their minimum only in column 0.
  const matrix crowded{2, 2, {0, 1, 0, 1}};
  CHECK_FALSE(at_row_minima(crowded, untouched));
  CHECK(untouched.col_of.empty());
  const dense_assignment answer = solve_dense_assignment(crowded.view());
  verify_dense_assignment(crowded.view(), answer);
  CHECK(answer.total == 1);

  // Distinct random costs collide too often: the greedy pass gives up.
  std::mt19937_64 rng(3);
  matrix random{400, 400, std::vector<double>(400 * 400)};
  for (double& c : random.values) c = std::uniform_real_distribution<double>(0, 1)(rng);
  CHECK_FALSE(at_row_minima(random, untouched));

  // A row with no allowed pair is left to the solver, which reports it.
  const matrix blocked_row{2, 3, {inf, inf, inf, 1, 2, 3}};
  CHECK_FALSE(at_row_minima(blocked_row, untouched));
  CHECK_THROWS_AS(solve_dense_assignment(blocked_row.view()), infeasible_error);
  // Forbidden pairs elsewhere are never taken.
  const matrix forbidden{2, 3, {inf, 2, 2, inf, 2, inf}};
  REQUIRE(at_row_minima(forbidden, untouched));
  CHECK(untouched.col_of == std::vector<int>{2, 1});
}

TEST_CASE("solve_at_row_minima: a constant matrix gives the identity, wide ones too") {
  for (std::size_t cols : {5, 9}) {
    const matrix flat{5, cols, std::vector<double>(5 * cols, 2.5)};
    detail::working_solution solution;
    REQUIRE(at_row_minima(flat, solution));
    CHECK(solution.col_of == std::vector<int>{0, 1, 2, 3, 4});
  }
  // Tall: the dispatcher solves the transpose, each column taking the row of its index.
  const matrix tall{6, 4, std::vector<double>(24, 1.0)};
  const dense_assignment answer = solve_dense_assignment(tall.view());
  verify_dense_assignment(tall.view(), answer);
  CHECK(answer.row_ind == std::vector<std::int64_t>{0, 1, 2, 3});
  CHECK(answer.col_ind == std::vector<std::int64_t>{0, 1, 2, 3});
}
