#include "slmatch/assignment/dense.hpp"

#include "support/assignment_matrices.hpp"
#include "support/orlib.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::brute_force_assignment;
using slmatch::testing::inf;
using slmatch::testing::matrix;

namespace {

/// A random matrix of the given shape: 0 uniform, 1 distances between random points in the
/// unit square, 2 integers 0..3 (many ties), 3 integers -1000..1000, 4 large floats.
matrix random_matrix(std::mt19937_64& rng, std::size_t rows, std::size_t cols, int kind) {
  matrix m{rows, cols, std::vector<double>(rows * cols)};
  std::uniform_real_distribution<double> unit(0, 1);
  if (kind == 1) {
    std::vector<double> left(2 * rows), right(2 * cols);
    for (double& x : left) x = unit(rng);
    for (double& x : right) x = unit(rng);
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        m.values[i * cols + j] =
            std::hypot(left[2 * i] - right[2 * j], left[2 * i + 1] - right[2 * j + 1]);
    return m;
  }
  for (double& c : m.values) {
    switch (kind) {
    case 0:
      c = unit(rng);
      break;
    case 2:
      c = std::uniform_int_distribution<int>(0, 3)(rng);
      break;
    case 3:
      c = std::uniform_int_distribution<int>(-1000, 1000)(rng);
      break;
    default:
      c = 1e6 * unit(rng) - 3e5;
      break;
    }
  }
  return m;
}

/// Solve by candidates and by the whole-matrix solver; the totals must agree and the
/// candidate answer's certificate must verify.
dense_candidate_report check_against_jv(const matrix& m, bool maximize,
                                        const dense_candidate_options& options) {
  dense_candidate_report report;
  const dense_assignment fast =
      solve_dense_assignment_by_candidates(m.view(), maximize, options, &report);
  const dense_assignment plain = solve_dense_assignment_jv(m.view(), maximize);
  verify_dense_assignment(m.view(), fast);
  CHECK(fast.maximize == maximize);
  CHECK(std::abs(fast.total - plain.total) <= default_dense_tolerance(m.view()));
  CHECK(std::is_sorted(fast.row_ind.begin(), fast.row_ind.end()));
  return report;
}

} // namespace

TEST_CASE("solve_dense_assignment_by_candidates: equals the whole-matrix solver at random") {
  std::mt19937_64 rng(2024);
  const std::size_t candidates[] = {1, 2, 3, 8, 32};
  const std::size_t column_candidates[] = {0, 1, 4};
  const std::size_t rounds[] = {1, 2, 8};
  int certified = 0, fell_back = 0, brute_forced = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t rows = std::uniform_int_distribution<std::size_t>(1, 30)(rng);
    const std::size_t cols =
        trial % 3 == 0 ? rows : std::uniform_int_distribution<std::size_t>(1, 30)(rng);
    const int kind = trial % 5;
    const bool maximize = (trial / 5) % 2 == 1;
    const matrix m = random_matrix(rng, rows, cols, kind);
    dense_candidate_options options;
    options.candidates = candidates[std::uniform_int_distribution<int>(0, 4)(rng)];
    options.column_candidates = column_candidates[std::uniform_int_distribution<int>(0, 2)(rng)];
    options.rounds = rounds[std::uniform_int_distribution<int>(0, 2)(rng)];
    INFO("trial " << trial << ": " << rows << " x " << cols << ", kind " << kind << ", maximize "
                  << maximize << ", candidates " << options.candidates << ", column candidates "
                  << options.column_candidates << ", rounds " << options.rounds);
    const dense_candidate_report report = check_against_jv(m, maximize, options);
    CHECK(report.rounds <= options.rounds);
    (report.certified ? certified : fell_back) += 1;
    if (std::max(rows, cols) <= 6) {
      const dense_assignment fast =
          solve_dense_assignment_by_candidates(m.view(), maximize, options);
      CHECK(std::abs(fast.total - brute_force_assignment(m.view(), maximize).total) <=
            default_dense_tolerance(m.view()));
      ++brute_forced;
    }
  }
  // Both ways through are exercised: proven restrictions and the fallback.
  CHECK(certified > 200);
  CHECK(fell_back > 200);
  CHECK(brute_forced > 50);
}

TEST_CASE("solve_dense_assignment_by_candidates: larger matrices are proven on candidates") {
  std::mt19937_64 rng(99);
  const std::pair<std::size_t, std::size_t> shapes[] = {{300, 300}, {200, 260}, {260, 200}};
  for (const auto& [rows, cols] : shapes) {
    for (int kind = 0; kind < 5; ++kind) {
      for (int maximize = 0; maximize < 2; ++maximize) {
        const matrix m = random_matrix(rng, rows, cols, kind);
        INFO(rows << " x " << cols << ", kind " << kind << ", maximize " << maximize);
        const dense_candidate_report report = check_against_jv(m, maximize == 1, {});
        CHECK(report.rounds >= 1);
        CHECK(report.entries < rows * cols / 4);
        // The largest distances all lie in a few far corners, too crowded for the candidates,
        // so those go to the fallback; the others must be proven.
        if (kind != 1 || maximize == 0) CHECK(report.certified);
      }
    }
  }
  // All ties: every row at its minimum is proof enough, whatever the restriction's prices.
  const matrix constant{400, 400, std::vector<double>(400 * 400, 7.0)};
  dense_candidate_report all_ties;
  const dense_assignment flat =
      solve_dense_assignment_by_candidates(constant.view(), false, {}, &all_ties);
  verify_dense_assignment(constant.view(), flat);
  CHECK(all_ties.certified);
  CHECK(all_ties.rounds == 1);
  CHECK(flat.total == 2800);

  // Tiny candidate lists and one round force the whole-matrix solver.
  const matrix m = random_matrix(rng, 300, 300, 1);
  dense_candidate_options starved;
  starved.candidates = 1;
  starved.column_candidates = 0;
  starved.rounds = 1;
  const dense_candidate_report report = check_against_jv(m, false, starved);
  CHECK_FALSE(report.certified);
}

TEST_CASE("solve_dense_assignment_by_candidates: forbidden pairs, invalid entries, empty") {
  dense_candidate_report report;
  // A +inf entry sends the matrix to the whole-matrix solver, which handles it.
  const matrix forbidden{3, 3, {inf, 1, 2, 1, inf, 2, 5, 5, 1}};
  const dense_assignment a =
      solve_dense_assignment_by_candidates(forbidden.view(), false, {}, &report);
  verify_dense_assignment(forbidden.view(), a);
  CHECK(a.total == 3);
  CHECK_FALSE(report.certified);
  CHECK(report.rounds == 0);
  const matrix forbidden_when_maximising{2, 2, {-inf, 1, 2, 3}};
  CHECK(solve_dense_assignment_by_candidates(forbidden_when_maximising.view(), true).total == 3);

  const matrix blocked_column{2, 2, {inf, 1, inf, 2}};
  CHECK_THROWS_WITH(solve_dense_assignment_by_candidates(blocked_column.view()),
                    "cost matrix is infeasible");
  CHECK_THROWS_AS(solve_dense_assignment_by_candidates(blocked_column.view()), infeasible_error);
  const matrix not_a_number{1, 2, {1, std::nan("")}};
  CHECK_THROWS_AS(solve_dense_assignment_by_candidates(not_a_number.view()), validation_error);
  CHECK_THROWS_WITH(solve_dense_assignment_by_candidates(not_a_number.view()),
                    Catch::Contains("invalid numeric entries"));
  const matrix minus_infinity{1, 1, {-inf}};
  CHECK_THROWS_AS(solve_dense_assignment_by_candidates(minus_infinity.view()), validation_error);
  const matrix plus_infinity{1, 1, {inf}};
  CHECK_THROWS_AS(solve_dense_assignment_by_candidates(plus_infinity.view(), true),
                  validation_error);

  const matrix empty{0, 4, {}};
  const dense_assignment none = solve_dense_assignment_by_candidates(empty.view());
  CHECK(none.row_ind.empty());
  CHECK(none.col_price == std::vector<double>(4, 0.0));
  CHECK(none.total == 0);
}

TEST_CASE("solve_dense_assignment_by_candidates: identical input, identical output") {
  std::mt19937_64 rng(5);
  for (int kind = 0; kind < 5; ++kind) {
    const matrix m = random_matrix(rng, 150, 170, kind);
    const dense_assignment a = solve_dense_assignment_by_candidates(m.view());
    const matrix copy = m;
    const dense_assignment b = solve_dense_assignment_by_candidates(copy.view());
    CHECK(a.row_ind == b.row_ind);
    CHECK(a.col_ind == b.col_ind);
    CHECK(a.row_price == b.row_price);
    CHECK(a.col_price == b.col_price);
  }
}

TEST_CASE("solve_dense_assignment: large matrices go by candidates, with the same optimum") {
  std::mt19937_64 rng(17);
  const matrix square = random_matrix(rng, 1000, 1000, 1);
  const dense_assignment by_default = solve_dense_assignment(square.view());
  verify_dense_assignment(square.view(), by_default);
  dense_candidate_report report;
  const dense_assignment fast =
      solve_dense_assignment_by_candidates(square.view(), false, {}, &report);
  CHECK(report.certified);
  CHECK(by_default.col_ind == fast.col_ind); // the dispatcher took the candidate path
  CHECK(std::abs(by_default.total - solve_dense_assignment_jv(square.view()).total) <=
        default_dense_tolerance(square.view()));

  const matrix tall = random_matrix(rng, 1100, 1000, 3);
  const dense_assignment maximum = solve_dense_assignment(tall.view(), true);
  verify_dense_assignment(tall.view(), maximum);
  CHECK(maximum.total == solve_dense_assignment_jv(tall.view(), true).total);
}

TEST_CASE("solve_dense_assignment_by_candidates: OR-Library dense instances reach the optimum") {
  const std::string& folder = slmatch::testing::orlib_folder;
  const std::map<std::string, double> optimum = slmatch::testing::orlib_optima();
  if (optimum.empty()) {
    WARN("OR-Library instances not found at " << folder << ": skipping this test");
    return;
  }
  dense_candidate_options few;
  few.candidates = 4; // integer costs 1..100: many rounds or the fallback
  for (int n = 100; n <= 800; n += 100) {
    const std::string instance = "assign" + std::to_string(n);
    matrix m;
    if (!slmatch::testing::read_orlib_dense(folder + "/" + instance + ".txt", m)) continue;
    REQUIRE(optimum.count(instance) == 1);
    INFO(instance);
    for (const dense_candidate_options& options : {dense_candidate_options{}, few}) {
      const dense_assignment answer =
          solve_dense_assignment_by_candidates(m.view(), false, options);
      verify_dense_assignment(m.view(), answer);
      CHECK(answer.total == optimum.at(instance));
    }
  }
}

TEST_CASE("candidate_scan: each row's and each column's cheapest entries, whatever the sample") {
  std::mt19937_64 rng(31);
  const std::size_t shapes[][2] = {{40, 1000}, {30, 301}, {20, 130}, {25, 40}};
  for (const auto& shape : shapes) {
    const std::size_t rows = shape[0], cols = shape[1];
    for (const std::size_t per_row : {1, 4, 32}) {
      // Where a long row's bar is sampled from: every stride-th column.
      const std::size_t stride = cols / std::max(cols / 8, 4 * per_row);
      for (int pattern = 0; pattern < 4; ++pattern) {
        // 0 uniform; 1 digits (ties); 2 cheap entries only at the first sixteen sampled
        // columns, so the sample puts the bar too low; 3 a few cheap entries, the rest tied.
        matrix m{rows, cols, std::vector<double>(rows * cols)};
        for (std::size_t i = 0; i < rows; ++i)
          for (std::size_t j = 0; j < cols; ++j) {
            double& c = m.values[i * cols + j];
            const double unit = std::uniform_real_distribution<double>(0, 1)(rng);
            const bool sampled = stride > 0 && j % stride == 0 && j < 16 * stride;
            c = pattern == 0   ? unit
                : pattern == 1 ? std::floor(10 * unit)
                : pattern == 2 ? (sampled ? unit : 1 + unit)
                               : (unit < 0.01 ? unit : 5.0);
          }
        const std::size_t per_column = 3;
        INFO(rows << " x " << cols << ", pattern " << pattern << ", per_row " << per_row);
        detail::candidate_scan scan(cols, per_row, per_column);
        std::vector<std::vector<detail::candidate_entry>> chosen(rows);
        for (std::size_t i = 0; i < rows; ++i) {
          const double* row = m.values.data() + i * cols;
          double smallest = 0;
          REQUIRE(scan.scan_row(row, static_cast<int>(i), chosen[i], smallest));
          CHECK(smallest == *std::min_element(row, row + cols));
          // The per_row smallest by (value, position counted from column i, wrapping).
          std::vector<std::pair<double, std::size_t>> ranked;
          for (std::size_t j = 0; j < cols; ++j)
            ranked.emplace_back(row[j], (j + cols - i % cols) % cols);
          std::sort(ranked.begin(), ranked.end());
          std::vector<int> expected, got;
          for (std::size_t t = 0; t < per_row; ++t)
            expected.push_back(static_cast<int>((ranked[t].second + i) % cols));
          for (const auto& [j, cost] : chosen[i]) {
            got.push_back(j);
            CHECK(cost == row[j]);
          }
          std::sort(expected.begin(), expected.end());
          std::sort(got.begin(), got.end());
          CHECK(got == expected);
          chosen[i].clear();
        }
        // Each column's per_column smallest by (value, row).
        scan.add_column_candidates(chosen);
        for (std::size_t j = 0; j < cols; ++j) {
          std::vector<std::pair<double, std::size_t>> ranked;
          for (std::size_t i = 0; i < rows; ++i) ranked.emplace_back(m.values[i * cols + j], i);
          std::sort(ranked.begin(), ranked.end());
          for (std::size_t t = 0; t < per_column; ++t) {
            const auto& listed = chosen[ranked[t].second];
            CHECK(std::count(listed.begin(), listed.end(),
                             detail::candidate_entry{static_cast<int>(j), ranked[t].first}) == 1);
          }
        }
        CHECK(scan.largest() == std::max(1.0, *std::max_element(m.values.begin(), m.values.end())));
      }
    }
  }
}
