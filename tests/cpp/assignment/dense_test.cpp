#include "slmatch/assignment/dense.hpp"

#include "support/assignment_matrices.hpp"
#include "support/orlib.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::brute_force_assignment;
using slmatch::testing::brute_force_result;
using slmatch::testing::inf;
using slmatch::testing::matrix;
using slmatch::testing::random_cost;

namespace {

/// Solve and check the certificate: every solver test goes through here.
dense_assignment solve_verified(const matrix& m, bool maximize = false) {
  dense_assignment answer = solve_dense_assignment(m.view(), maximize);
  verify_dense_assignment(m.view(), answer);
  return answer;
}

/// A random small matrix: sizes 0..6 each way, integer or float costs, some forbidden pairs.
matrix random_matrix(std::mt19937_64& rng, int kind) {
  matrix m;
  m.rows = std::uniform_int_distribution<std::size_t>(0, 6)(rng);
  m.cols = std::uniform_int_distribution<std::size_t>(0, 6)(rng);
  m.values.resize(m.rows * m.cols);
  std::uniform_real_distribution<double> unit(0, 1);
  const double forbidden_share = kind % 3 == 0 ? 0.0 : kind % 3 == 1 ? 0.2 : 0.6;
  for (double& c : m.values) {
    c = random_cost(rng, kind);
    if (unit(rng) < forbidden_share) c = inf;
  }
  return m;
}

std::string message_of(const matrix& m, const dense_assignment& answer) {
  try {
    verify_dense_assignment(m.view(), answer);
  } catch (const error& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("solve_dense_assignment: a small square matrix") {
  const matrix m{3, 3, {4, 1, 3, 2, 0, 5, 3, 2, 2}};
  const dense_assignment a = solve_verified(m);
  CHECK(a.row_ind == std::vector<std::int64_t>{0, 1, 2});
  CHECK(a.col_ind == std::vector<std::int64_t>{1, 0, 2});
  CHECK(a.total == 5);
  const dense_assignment b = solve_verified(m, true);
  CHECK(b.col_ind == std::vector<std::int64_t>{0, 2, 1});
  CHECK(b.total == 11);
}

TEST_CASE("solve_dense_assignment: wide and tall matrices") {
  const matrix wide{2, 4, {5, 9, 1, 3, 8, 7, 2, 6}};
  const dense_assignment a = solve_verified(wide);
  CHECK(a.row_ind == std::vector<std::int64_t>{0, 1});
  CHECK(a.col_ind == std::vector<std::int64_t>{3, 2});
  CHECK(a.total == 5);
  // Unassigned columns carry a zero price; assigned ones a price <= 0.
  CHECK(a.col_price[0] == 0);
  CHECK(a.col_price[1] == 0);

  const matrix tall{4, 2, {5, 8, 9, 7, 1, 2, 3, 6}};
  const dense_assignment b = solve_verified(tall);
  CHECK(b.row_ind == std::vector<std::int64_t>{2, 3});
  CHECK(b.col_ind == std::vector<std::int64_t>{1, 0});
  CHECK(b.total == 5);
  CHECK(b.row_price[0] == 0);
  CHECK(b.row_price[1] == 0);
}

TEST_CASE("solve_dense_assignment: empty matrices") {
  for (std::size_t side : {0, 3}) {
    const matrix m{side, 0, {}};
    const dense_assignment a = solve_verified(m);
    CHECK(a.row_ind.empty());
    CHECK(a.row_price.size() == side);
    const matrix t{0, side, {}};
    CHECK(solve_verified(t).col_ind.empty());
  }
}

TEST_CASE("solve_dense_assignment: forbidden pairs and infeasible matrices") {
  const matrix detour{2, 2, {inf, 1, 1, 100}};
  CHECK(solve_verified(detour).total == 2);
  const matrix blocked_column{2, 2, {inf, 1, inf, 2}};
  CHECK_THROWS_AS(solve_dense_assignment(blocked_column.view()), infeasible_error);
  CHECK_THROWS_WITH(solve_dense_assignment(blocked_column.view()), "cost matrix is infeasible");
  const matrix blocked_row{2, 3, {inf, inf, inf, 1, 2, 3}};
  CHECK_THROWS_AS(solve_dense_assignment(blocked_row.view()), infeasible_error);
  // Hall's condition fails: rows 0 and 1 may only use column 0.
  const matrix hall{3, 3, {1, inf, inf, 2, inf, inf, 3, 4, 5}};
  CHECK_THROWS_AS(solve_dense_assignment(hall.view()), infeasible_error);
  const matrix tall_hall{3, 2, {1, inf, 2, inf, 3, inf}};
  CHECK_THROWS_AS(solve_dense_assignment(tall_hall.view()), infeasible_error);
  // When maximising, -inf is the forbidden value.
  const matrix max_detour{2, 2, {-inf, 1, 1, 100}};
  CHECK(solve_verified(max_detour, true).total == 2);
}

TEST_CASE("solve_dense_assignment: finite entries whose sum overflows are refused") {
  // Found by fuzzing: a total of -inf passed the certificate check, whose comparisons were
  // false for NaN.
  const double huge = -std::numeric_limits<double>::max();
  const std::vector<double> matrix{huge, 1, 2, huge};
  const dense_costs cost{matrix.data(), 2, 2};
  for (const bool by_candidates : {false, true}) {
    INFO("by candidates " << by_candidates);
    try {
      by_candidates ? solve_dense_assignment_by_candidates(cost) : solve_dense_assignment_jv(cost);
      FAIL("accepted");
    } catch (const validation_error& e) {
      CHECK(e.problems().at(0).message == "finite entries too large: a sum of 2 of them overflows");
    }
  }
  // Large entries whose sums stay finite are still solved.
  const std::vector<double> large{-1e300, 1, 2, -1e300};
  const auto answer = solve_dense_assignment({large.data(), 2, 2});
  CHECK(answer.total == -2e300);
  verify_dense_assignment({large.data(), 2, 2}, answer);
  // A stated total of -inf never verifies.
  auto broken = answer;
  broken.total = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(verify_dense_assignment({large.data(), 2, 2}, broken), error);
}

TEST_CASE("solve_dense_assignment: invalid entries") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const matrix& m : {matrix{2, 2, {1, nan, 3, 4}}, matrix{2, 2, {1, 2, -inf, 4}}}) {
    CHECK_THROWS_AS(solve_dense_assignment(m.view()), validation_error);
    CHECK_THROWS_WITH(solve_dense_assignment(m.view()),
                      Catch::Contains("matrix contains invalid numeric entries"));
  }
  const matrix positive_infinity{2, 2, {1, 2, inf, 4}};
  CHECK_THROWS_AS(solve_dense_assignment(positive_infinity.view(), true), validation_error);
  try {
    check_dense_costs(matrix{2, 3, {1, 2, 3, 4, nan, 6}}.view());
    FAIL("no error");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].record == "cost matrix");
    CHECK(e.problems()[0].field == "[1, 1]");
  }
}

TEST_CASE("solve_dense_assignment: equals brute force on random small matrices") {
  std::mt19937_64 rng(20240604);
  std::map<std::string, int> seen;
  for (int trial = 0; trial < 6000; ++trial) {
    const matrix m = random_matrix(rng, trial % 12);
    for (bool maximize : {false, true}) {
      matrix signed_m = m;
      if (maximize)
        for (double& c : signed_m.values) c = std::isinf(c) ? -inf : c;
      const brute_force_result best = brute_force_assignment(signed_m.view(), maximize);
      INFO("trial " << trial << " maximize " << maximize << " " << m.rows << "x" << m.cols);
      if (!best.found) {
        CHECK_THROWS_AS(solve_dense_assignment(signed_m.view(), maximize), infeasible_error);
        ++seen["infeasible"];
        continue;
      }
      const dense_assignment a = solve_verified(signed_m, maximize);
      CHECK(a.total == Approx(best.total).margin(1e-9));
      ++seen[m.rows < m.cols ? "wide" : m.rows > m.cols ? "tall" : "square"];
    }
  }
  // The generator reaches every kind of matrix.
  CHECK(seen["infeasible"] > 100);
  CHECK(seen["wide"] > 1000);
  CHECK(seen["tall"] > 1000);
  CHECK(seen["square"] > 200);
}

TEST_CASE("solve_dense_assignment: larger random matrices are certified") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    matrix m;
    m.rows = std::uniform_int_distribution<std::size_t>(1, 80)(rng);
    m.cols = trial % 3 == 0 ? m.rows : std::uniform_int_distribution<std::size_t>(1, 80)(rng);
    m.values.resize(m.rows * m.cols);
    for (double& c : m.values)
      c = trial % 2 ? std::uniform_int_distribution<int>(0, 9)(rng)
                    : std::uniform_real_distribution<double>(0, 1)(rng);
    INFO("trial " << trial);
    solve_verified(m);
    solve_verified(m, true);
  }
}

TEST_CASE("solve_dense_assignment: identical input, identical output") {
  matrix all_equal{5, 5, std::vector<double>(25, 3.0)};
  const dense_assignment a = solve_verified(all_equal);
  const dense_assignment b = solve_verified(all_equal);
  CHECK(a.col_ind == b.col_ind);
  CHECK(a.row_price == b.row_price);
  CHECK(a.col_price == b.col_price);
  CHECK(a.total == 15);
  // Of two equal choices the lowest column wins.
  const matrix tie{1, 3, {2, 2, 2}};
  CHECK(solve_verified(tie).col_ind == std::vector<std::int64_t>{0});
}

TEST_CASE("verify_dense_assignment: rejects tampered answers") {
  const matrix m{3, 4, {4, 1, 3, 9, 2, 0, 5, 9, 3, 2, 2, 9}};
  const dense_assignment good = solve_verified(m);
  REQUIRE(message_of(m, good).empty());

  dense_assignment bad = good;
  bad.row_price[0] += 1;
  CHECK_THAT(message_of(m, bad), Catch::Contains("exceed its cost"));
  bad = good;
  bad.row_price[0] -= 1;
  CHECK_THAT(message_of(m, bad), Catch::Contains("is not tight"));
  bad = good;
  bad.col_ind[0] = bad.col_ind[1];
  CHECK_THAT(message_of(m, bad), Catch::Contains("assigned twice"));
  bad = good;
  bad.total += 1;
  CHECK_THAT(message_of(m, bad), Catch::Contains("stated total"));
  bad = good;
  bad.col_price[3] = 1;  // the unassigned column
  bad.row_price[0] -= 0; // keep pairs feasible
  CHECK_FALSE(message_of(m, bad).empty());
  bad = good;
  bad.col_price[3] = -1; // feasible but not complementary
  CHECK_THAT(message_of(m, bad), Catch::Contains("unassigned column 3"));
  bad = good;
  std::swap(bad.row_ind[0], bad.row_ind[1]);
  CHECK_THAT(message_of(m, bad), Catch::Contains("ascending"));
  bad = good;
  bad.row_ind.pop_back();
  CHECK_THAT(message_of(m, bad), Catch::Contains("expected 3 pairs"));
  bad = good;
  bad.col_price[0] = inf;
  CHECK_THAT(message_of(m, bad), Catch::Contains("not finite"));
  bad = good;
  bad.maximize = true;
  CHECK_FALSE(message_of(m, bad).empty());

  // A suboptimal assignment cannot be certified, whatever its prices.
  dense_assignment worse = good;
  worse.col_ind = {0, 1, 2};
  worse.total = 4 + 0 + 2;
  CHECK_FALSE(message_of(m, worse).empty());

  const matrix forbidden{2, 2, {inf, 1, 1, 100}};
  dense_assignment through_forbidden = solve_verified(forbidden);
  through_forbidden.col_ind = {0, 1};
  CHECK_THAT(message_of(forbidden, through_forbidden), Catch::Contains("forbidden"));
}

TEST_CASE("solve_dense_assignment: OR-Library dense instances reach the known optimum") {
  const std::string& folder = slmatch::testing::orlib_folder;
  const std::map<std::string, double> optimum = slmatch::testing::orlib_optima();
  if (optimum.empty()) {
    WARN("OR-Library instances not found at " << folder << ": skipping this test");
    return;
  }
  int solved = 0;
  for (int n = 100; n <= 800; n += 100) {
    const std::string instance = "assign" + std::to_string(n);
    matrix m;
    if (!slmatch::testing::read_orlib_dense(folder + "/" + instance + ".txt", m)) {
      WARN("OR-Library instance " << instance << " not found: skipping it");
      continue;
    }
    REQUIRE(optimum.count(instance) == 1);
    INFO(instance);
    CHECK(solve_verified(m).total == optimum.at(instance));
    ++solved;
  }
  CHECK(solved == 8);
}

TEST_CASE("solve_dense_assignment: a constant square matrix gives the identity, as scipy") {
  for (std::size_t n : {1, 2, 3, 8, 50}) {
    const std::vector<double> ones(n * n, 1.0);
    const dense_assignment answer = solve_dense_assignment({ones.data(), n, n});
    for (std::size_t i = 0; i < n; ++i) CHECK(answer.col_ind[i] == static_cast<std::int64_t>(i));
  }
}

TEST_CASE("solve_dense_assignment: structured costs equal brute force") {
  using slmatch::testing::structure;
  std::mt19937_64 rng(15);
  const structure kinds[] = {structure::machol_wien, structure::machol_wien_from_one,
                             structure::digits, structure::constant};
  int solved = 0;
  for (const structure kind : kinds) {
    for (std::size_t rows = 1; rows <= 7; ++rows) {
      for (std::size_t cols = 1; cols <= 7; ++cols) {
        const matrix m = slmatch::testing::structured_matrix(kind, rows, cols, rng);
        for (bool maximize : {false, true}) {
          INFO("kind " << static_cast<int>(kind) << ", " << rows << " x " << cols << ", maximize "
                       << maximize);
          const dense_assignment a = solve_verified(m, maximize);
          CHECK(a.total == brute_force_assignment(m.view(), maximize).total);
          ++solved;
        }
      }
    }
  }
  CHECK(solved == 4 * 7 * 7 * 2);
}

TEST_CASE("solve_dense_assignment: structured costs at sizes where candidates would be tried") {
  using slmatch::testing::structure;
  std::mt19937_64 rng(4);
  for (std::size_t n : {300, 1200}) {
    INFO("n = " << n);
    // Machol–Wien: the anti-diagonal, sum of i (n - 1 - i); maximising, the diagonal.
    const matrix rank_one = slmatch::testing::structured_matrix(structure::machol_wien, n, n, rng);
    const dense_assignment low = solve_verified(rank_one);
    double anti_diagonal = 0, diagonal = 0;
    for (std::size_t i = 0; i < n; ++i) {
      anti_diagonal += static_cast<double>(i * (n - 1 - i));
      diagonal += static_cast<double>(i * i);
    }
    CHECK(low.total == anti_diagonal);
    CHECK(solve_verified(rank_one, true).total == diagonal);

    // Digits: as many zeros as rows, so the optimum is 0 (9 · n when maximising).
    const matrix digits = slmatch::testing::structured_matrix(structure::digits, n, n, rng);
    CHECK(solve_verified(digits).total == 0);
    CHECK(solve_verified(digits, true).total == 9.0 * static_cast<double>(n));
    const matrix wide_digits =
        slmatch::testing::structured_matrix(structure::digits, n, n + n / 3, rng);
    CHECK(solve_verified(wide_digits).total == 0);
    const matrix tall_digits =
        slmatch::testing::structured_matrix(structure::digits, n + n / 3, n, rng);
    CHECK(solve_verified(tall_digits, true).total == 9.0 * static_cast<double>(n));

    // Constant: the identity, as scipy gives.
    const matrix flat = slmatch::testing::structured_matrix(structure::constant, n, n, rng);
    const dense_assignment same = solve_verified(flat);
    CHECK(same.total == 7.0 * static_cast<double>(n));
    for (std::size_t i = 0; i < n; ++i) CHECK(same.col_ind[i] == static_cast<std::int64_t>(i));
  }
}

TEST_CASE("check_dense_costs: names the first invalid entry and returns the largest") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Odd and even sizes, invalid entries early, late and last: every part of the scan.
  for (std::size_t rows : {1, 3, 4}) {
    for (std::size_t cols : {1, 5, 6}) {
      matrix m{rows, cols, std::vector<double>(rows * cols)};
      for (std::size_t k = 0; k < m.values.size(); ++k)
        m.values[k] = static_cast<double>(k % 7) - 3;
      m.values[0] = inf; // forbidden, not counted
      INFO(rows << " x " << cols);
      const double largest = m.values.size() >= 7 ? 3 : m.values.size() >= 2 ? 2 : 0;
      CHECK(check_dense_costs(m.view()) == largest);
      for (std::size_t k = 1; k < m.values.size(); ++k) {
        for (const double bad : {nan, -inf}) {
          matrix broken = m;
          broken.values[k] = bad;
          if (k + 1 < broken.values.size()) broken.values.back() = nan;
          try {
            check_dense_costs(broken.view());
            FAIL("no error");
          } catch (const validation_error& e) {
            CHECK(e.problems()[0].field ==
                  "[" + std::to_string(k / cols) + ", " + std::to_string(k % cols) + "]");
          }
        }
      }
      // When maximising, +inf is refused and -inf allowed.
      CHECK_THROWS_AS(check_dense_costs(m.view(), true), validation_error);
      m.values[0] = -inf;
      CHECK(check_dense_costs(m.view(), true) == largest);
    }
  }
}

TEST_CASE("solve_dense_assignment: every entry is checked, whichever path answers") {
  // The row-minima path rides along with the check of the entries; it gives up within the
  // first rows of a random matrix and on the digits never, and the check must go on to the
  // last row either way.
  std::mt19937_64 rng(12);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const int kind : {0, 1}) {
    for (const auto& [rows, cols] : {std::pair<std::size_t, std::size_t>{300, 300}, {200, 300}}) {
      matrix m{rows, cols, std::vector<double>(rows * cols)};
      for (double& c : m.values)
        c = kind == 0 ? std::uniform_real_distribution<double>(0, 1)(rng)
                      : std::uniform_int_distribution<int>(0, 9)(rng);
      INFO("kind " << kind << ", " << rows << " x " << cols);
      for (const double bad : {nan, -inf}) {
        matrix broken = m;
        broken.values[(rows - 1) * cols + 7] = bad;
        broken.values.back() = nan;
        try {
          solve_dense_assignment(broken.view());
          FAIL("no error");
        } catch (const validation_error& e) {
          CHECK(e.problems()[0].field == "[" + std::to_string(rows - 1) + ", 7]");
        }
      }
      matrix huge = m;
      huge.values.back() = std::numeric_limits<double>::max();
      CHECK_THROWS_AS(solve_dense_assignment(huge.view()), validation_error);
      solve_verified(m);
    }
  }
}
