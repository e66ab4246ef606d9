#include "slmatch/assignment/monge.hpp"

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

/// A random square Monge matrix: sums of rank-one products a_i b_j with a ascending and b
/// descending, a convex function of i - j, and separable terms a_i + b_j. Integer entries
/// unless `fractional`.
matrix random_monge(std::mt19937_64& rng, std::size_t n, bool fractional) {
  matrix m{n, n, std::vector<double>(n * n, 0.0)};
  std::uniform_int_distribution<int> small(-5, 5);
  std::uniform_real_distribution<double> unit(-1, 1);
  auto draw = [&] { return fractional ? unit(rng) : static_cast<double>(small(rng)); };
  const int products = std::uniform_int_distribution<int>(1, 3)(rng);
  for (int p = 0; p < products; ++p) {
    std::vector<double> a(n), b(n);
    for (double& x : a) x = draw();
    for (double& x : b) x = draw();
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end(), [](double x, double y) { return x > y; });
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) m.values[i * n + j] += a[i] * b[j];
  }
  const double curvature = std::uniform_int_distribution<int>(0, 2)(rng);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double gap = static_cast<double>(i) - static_cast<double>(j);
      m.values[i * n + j] += curvature * gap * gap;
    }
  std::vector<double> row_shift(n), col_shift(n);
  for (double& x : row_shift) x = 3 * draw();
  for (double& x : col_shift) x = 3 * draw();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) m.values[i * n + j] += row_shift[i] + col_shift[j];
  return m;
}

/// The same matrix with its columns in reverse order.
matrix mirrored(const matrix& m) {
  matrix r = m;
  for (std::size_t i = 0; i < m.rows; ++i)
    for (std::size_t j = 0; j < m.cols; ++j)
      r.values[i * m.cols + j] = m.values[i * m.cols + (m.cols - 1 - j)];
  return r;
}

/// Run the staircase on a square matrix (minimising); when it succeeds, check the answer's
/// certificate and return it in `answer`.
bool staircase(const matrix& m, bool mirror, dense_assignment& answer) {
  detail::working_solution solution;
  const double allowance = detail::pricing_allowance(check_dense_costs(m.view()), m.rows);
  std::vector<std::size_t> rows(m.rows), cols(m.rows);
  for (std::size_t k = 0; k < m.rows; ++k) rows[k] = cols[k] = k;
  if (mirror) std::reverse(cols.begin(), cols.end());
  if (!detail::solve_by_staircase(m.values.data(), m.rows, rows, cols, allowance, solution))
    return false;
  answer = detail::input_answer(m.view(), false, solution);
  verify_dense_assignment(m.view(), answer);
  return true;
}

} // namespace

TEST_CASE("solve_by_staircase: Monge matrices have the diagonal, proven by its prices") {
  std::mt19937_64 rng(1963);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 7)(rng);
    const bool fractional = trial % 2 == 1;
    const matrix m = random_monge(rng, n, fractional);
    INFO("trial " << trial << ", n = " << n);
    dense_assignment answer;
    REQUIRE(staircase(m, false, answer));
    for (std::size_t i = 0; i < n; ++i) CHECK(answer.col_ind[i] == static_cast<std::int64_t>(i));
    const double best = brute_force_assignment(m.view(), false).total;
    if (fractional)
      CHECK(answer.total == Approx(best).margin(1e-9));
    else
      CHECK(answer.total == best);
    // Reversed columns: the anti-diagonal, and the identity no longer proven (unless ties).
    const matrix r = mirrored(m);
    dense_assignment mirror_answer;
    REQUIRE(staircase(r, true, mirror_answer));
    for (std::size_t i = 0; i < n; ++i)
      CHECK(mirror_answer.col_ind[i] == static_cast<std::int64_t>(n - 1 - i));
    CHECK(mirror_answer.total == answer.total);
  }
}

TEST_CASE("solve_by_staircase: other matrices are refused, and the solver still answers") {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> unit(0, 1);
  int refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 7)(rng);
    matrix m = random_monge(rng, n, false);
    // Lower one entry off the staircase far enough that the diagonal stops being optimal.
    const std::size_t i = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    std::size_t j = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    if (j == i || j == i + 1) j = (i + 2) % n;
    if (j == i || j == i + 1) continue; // n = 2 has no entry off the staircase in row 0
    m.values[i * n + j] -= 1e5;
    INFO("trial " << trial << ", n = " << n << ", lowered (" << i << ", " << j << ")");
    dense_assignment answer;
    CHECK_FALSE(staircase(m, false, answer));
    ++refused;
    const dense_assignment solved = solve_dense_assignment(m.view());
    verify_dense_assignment(m.view(), solved);
    CHECK(solved.total == brute_force_assignment(m.view(), false).total);
  }
  CHECK(refused > 200);

  // Random costs fail at once; a forbidden pair on the staircase is refused too.
  matrix random{50, 50, std::vector<double>(2500)};
  for (double& c : random.values) c = unit(rng);
  dense_assignment answer;
  CHECK_FALSE(staircase(random, false, answer));
  CHECK_FALSE(staircase(random, true, answer));
  const matrix forbidden_diagonal{2, 2, {inf, 1, 1, 1}};
  detail::working_solution untouched;
  const std::vector<std::size_t> order{0, 1};
  CHECK_FALSE(
      detail::solve_by_staircase(forbidden_diagonal.values.data(), 2, order, order, 0, untouched));
  CHECK(untouched.col_of.empty());
  // Sorted as a rank-one matrix's would be, the rows find the pairing that avoids it.
  REQUIRE(detail::solve_monge(forbidden_diagonal.values.data(), 2, 0, untouched));
  CHECK(untouched.col_of == std::vector<int>{1, 0});
  // Forbidden pairs off the staircase are no obstacle.
  const matrix forbidden_corner{3, 3, {1, 1, inf, 1, 1, 1, inf, 1, 1}};
  CHECK(staircase(forbidden_corner, false, answer));
  CHECK(answer.total == 3);
}

TEST_CASE("solve_monge: Machol–Wien costs, both ways, through the solver") {
  std::mt19937_64 rng(0);
  for (std::size_t n : {1, 2, 5, 64}) {
    const matrix m =
        slmatch::testing::structured_matrix(slmatch::testing::structure::machol_wien, n, n, rng);
    detail::working_solution solution;
    REQUIRE(detail::solve_monge(m.values.data(), n, 0, solution));
    // i j is inverse Monge: the anti-diagonal (for n = 1 the two coincide).
    for (std::size_t i = 0; i < n; ++i) CHECK(solution.col_of[i] == static_cast<int>(n - 1 - i));
    const dense_assignment low = solve_dense_assignment(m.view());
    verify_dense_assignment(m.view(), low);
    CHECK(low.col_ind == detail::input_answer(m.view(), false, solution).col_ind);
    // Maximising works on -c, which is Monge: the diagonal.
    const dense_assignment high = solve_dense_assignment(m.view(), true);
    verify_dense_assignment(m.view(), high);
    for (std::size_t i = 0; i < n; ++i) CHECK(high.col_ind[i] == static_cast<std::int64_t>(i));
    if (n <= 5) {
      CHECK(low.total == brute_force_assignment(m.view(), false).total);
      CHECK(high.total == brute_force_assignment(m.view(), true).total);
    }
  }
}

TEST_CASE("solve_monge: rank-one costs in any order of rows and columns") {
  std::mt19937_64 rng(1951);
  int proven = 0, trials = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 7)(rng);
    std::vector<double> a(n), b(n);
    for (double& x : a) x = std::uniform_int_distribution<int>(-5, 5)(rng);
    for (double& x : b) x = std::uniform_int_distribution<int>(-5, 5)(rng);
    matrix m{n, n, std::vector<double>(n * n)};
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) m.values[i * n + j] = a[i] * b[j];
    INFO("trial " << trial << ", n = " << n);
    ++trials;
    detail::working_solution solution;
    if (!detail::solve_monge(m.values.data(), n, 0, solution)) continue;
    ++proven;
    const dense_assignment answer = detail::input_answer(m.view(), false, solution);
    verify_dense_assignment(m.view(), answer);
    CHECK(answer.total == brute_force_assignment(m.view(), false).total);
  }
  // Refused only when the row the order is read from is all zeros (b_0 = b_{n-1} = 0).
  CHECK(proven > trials * 9 / 10);

  // Machol–Wien with its rows and columns shuffled, at a size where it matters.
  const std::size_t n = 300;
  std::vector<std::size_t> row_of(n), col_of(n);
  for (std::size_t k = 0; k < n; ++k) row_of[k] = col_of[k] = k;
  std::shuffle(row_of.begin(), row_of.end(), rng);
  std::shuffle(col_of.begin(), col_of.end(), rng);
  matrix shuffled{n, n, std::vector<double>(n * n)};
  double anti_diagonal = 0;
  for (std::size_t i = 0; i < n; ++i) {
    anti_diagonal += static_cast<double>(i * (n - 1 - i));
    for (std::size_t j = 0; j < n; ++j)
      shuffled.values[i * n + j] = static_cast<double>(row_of[i] * col_of[j]);
  }
  detail::working_solution solution;
  REQUIRE(detail::solve_monge(shuffled.values.data(), n, 0, solution));
  const dense_assignment answer = detail::input_answer(shuffled.view(), false, solution);
  verify_dense_assignment(shuffled.view(), answer);
  CHECK(answer.total == anti_diagonal);
  for (bool maximize : {false, true}) {
    const dense_assignment solved = solve_dense_assignment(shuffled.view(), maximize);
    verify_dense_assignment(shuffled.view(), solved);
    CHECK(solved.total == solve_dense_assignment_jv(shuffled.view(), maximize).total);
  }
}
