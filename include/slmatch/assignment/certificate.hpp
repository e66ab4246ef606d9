#pragma once
/// The checks behind the assignment solvers' certificates: the size of costs they accept, the
/// tolerance their verifiers allow for rounding, and the verification both `verify_dense_
/// assignment` and `verify_sparse_assignment` run (see result.hpp for the linear programme).
///
/// In: an answer and a matrix seen through two callables. Out: nothing, or an error naming
/// the first condition that fails. O(rows + cols + allowed entries).

#include "slmatch/assignment/result.hpp"
#include "slmatch/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace slmatch::detail {

/// Refuse finite costs so large that the sum of `min(rows, cols)` of them, or of their
/// prices, could overflow to infinity: the total would then mean nothing.
/// @throws slmatch::validation_error naming the matrix
inline void check_cost_magnitude(double largest, std::size_t rows, std::size_t cols) {
  const double pairs = static_cast<double>(std::max<std::size_t>(1, std::min(rows, cols)));
  if (largest * pairs * 4 > std::numeric_limits<double>::max())
    throw validation_error({{"cost matrix", "",
                             "finite entries too large: a sum of " +
                                 std::to_string(std::min(rows, cols)) + " of them overflows"}});
}

/// 1e-9 times the largest finite |cost| among `count` values (at least 1) times the number
/// of pairs an assignment of a rows × cols matrix makes (at least 1).
inline double assignment_tolerance(const double* costs, std::size_t count, std::size_t rows,
                                   std::size_t cols) {
  double scale = 1;
  for (std::size_t k = 0; k < count; ++k) {
    const double c = std::abs(costs[k]);
    if (c < std::numeric_limits<double>::infinity()) scale = std::max(scale, c);
  }
  const double pairs = static_cast<double>(std::max<std::size_t>(1, std::min(rows, cols)));
  return 1e-9 * scale * pairs;
}

/// The slack a solver grants rounding when it checks its own prices against a matrix whose
/// largest finite |entry| is `largest`, over `rows` pairs: reduced costs down to minus this
/// count as non-negative. It is far below `assignment_tolerance`, so a certificate that
/// passes it also verifies.
inline double pricing_allowance(double largest, std::size_t rows) {
  return 1e-13 * std::max(largest, 1.0) * static_cast<double>(std::max<std::size_t>(rows, 16));
}

/// The checks `verify_dense_assignment` and `verify_sparse_assignment` share, for a matrix
/// seen through two callables: `pair_cost(r, c)`, the cost of pair (r, c) times `sign`
/// (+inf when it is not allowed), and `for_each_entry(r, visit)`, which calls
/// `visit(c, cost times sign)` for every allowed entry of row r. `sign` is -1 when
/// maximising, so every comparison reads as minimising.
/// @throws slmatch::error "<what>: ..." saying what fails first
template <class PairCost, class ForEachEntry>
void verify_assignment(const dense_assignment& answer, std::size_t rows, std::size_t cols,
                       double tolerance, const char* what, PairCost pair_cost,
                       ForEachEntry for_each_entry) {
  auto fail = [what](const std::string& message) {
    throw error(std::string(what) + ": " + message);
  };
  auto str = [](auto value) { return std::to_string(value); };
  const std::size_t pairs = std::min(rows, cols);
  const double sign = answer.maximize ? -1.0 : 1.0;

  if (answer.row_ind.size() != pairs || answer.col_ind.size() != pairs)
    fail("expected " + str(pairs) + " pairs, got " + str(answer.row_ind.size()) + " rows and " +
         str(answer.col_ind.size()) + " columns");
  if (answer.row_price.size() != rows || answer.col_price.size() != cols)
    fail("expected " + str(rows) + " row prices and " + str(cols) + " column prices");
  for (double price : answer.row_price)
    if (!std::isfinite(price)) fail("a row price is not finite");
  for (double price : answer.col_price)
    if (!std::isfinite(price)) fail("a column price is not finite");

  std::vector<std::int64_t> col_of(rows, -1), row_of(cols, -1);
  double total = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    const std::int64_t r = answer.row_ind[k], c = answer.col_ind[k];
    if (r < 0 || static_cast<std::size_t>(r) >= rows || c < 0 ||
        static_cast<std::size_t>(c) >= cols)
      fail("pair " + str(k) + " is outside the matrix");
    if (k > 0 && r <= answer.row_ind[k - 1])
      fail("rows are not strictly ascending at pair " + str(k));
    if (row_of[static_cast<std::size_t>(c)] >= 0) fail("column " + str(c) + " is assigned twice");
    const double value = pair_cost(static_cast<std::size_t>(r), static_cast<std::size_t>(c));
    if (!std::isfinite(value)) fail("row " + str(r) + " is assigned to forbidden column " + str(c));
    col_of[static_cast<std::size_t>(r)] = c;
    row_of[static_cast<std::size_t>(c)] = r;
    total += sign * value;
  }
  if (!(std::abs(total - answer.total) <= tolerance)) // also when a total is not finite
    fail("stated total " + str(answer.total) + " differs from the pairs' total " + str(total));

  for (std::size_t r = 0; r < rows; ++r) {
    const double u = sign * answer.row_price[r];
    for_each_entry(r, [&](std::size_t c, double value) {
      if (value - u - sign * answer.col_price[c] < -tolerance)
        fail("prices of row " + str(r) + " and column " + str(c) + " exceed its cost");
    });
    if (col_of[r] >= 0) {
      const auto c = static_cast<std::size_t>(col_of[r]);
      if (pair_cost(r, c) - u - sign * answer.col_price[c] > tolerance)
        fail("assigned pair (" + str(r) + ", " + str(c) + ") is not tight");
    }
  }
  // The longer side's prices: <= 0 (minimising) and 0 where unassigned.
  auto check_side = [&](const std::vector<double>& prices, const std::vector<std::int64_t>& mate,
                        const char* side) {
    for (std::size_t k = 0; k < prices.size(); ++k) {
      const double price = sign * prices[k];
      if (price > tolerance)
        fail(std::string(side) + " " + str(k) + " has a price of the wrong sign");
      if (mate[k] < 0 && price < -tolerance)
        fail(std::string("unassigned ") + side + " " + str(k) + " has a nonzero price");
    }
  };
  if (rows < cols) check_side(answer.col_price, row_of, "column");
  if (rows > cols) check_side(answer.row_price, col_of, "row");

  double dual = 0;
  for (double price : answer.row_price) dual += price;
  for (double price : answer.col_price) dual += price;
  if (!(std::abs(dual - total) <= tolerance))
    fail("duality gap: prices sum to " + str(dual) + ", total is " + str(total));
}

} // namespace slmatch::detail
