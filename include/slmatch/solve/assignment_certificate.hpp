#pragma once
/// What the dense and sparse assignment solvers return: an assignment with the LP dual
/// prices that prove it optimal (see dense_assignment.hpp for the linear programme), and
/// the tolerance their verifiers allow for rounding. Kept apart so that the sparse solver
/// and the dense one can use each other without including each other.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

// The solvers' inner loops promise the compiler their arrays do not overlap.
#if defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#define SLMATCH_RESTRICT __restrict
#else
#define SLMATCH_RESTRICT
#endif

namespace slmatch {

/// An optimal assignment and the dual prices that prove it optimal.
///
/// Prices are in the units of the input matrix. When minimising, u_i + v_j <= c_ij on every
/// allowed pair; when maximising, u_i + v_j >= c_ij. Assigned pairs are tight. On the longer
/// side of a rectangular matrix (the columns when rows < cols, the rows when rows > cols) the
/// prices are <= 0 when minimising and >= 0 when maximising, and exactly 0 where that row or
/// column is left unassigned. Then `total` equals the sum of all prices.
struct dense_assignment {
  std::vector<std::int64_t> row_ind; ///< assigned rows, ascending
  std::vector<std::int64_t> col_ind; ///< col_ind[k] is the column assigned to row_ind[k]
  double total = 0;                  ///< sum of the costs of the assigned pairs
  std::vector<double> row_price;     ///< u: one price per row of the matrix
  std::vector<double> col_price;     ///< v: one price per column of the matrix
  bool maximize = false;             ///< whether the largest total was asked for
};

namespace detail {
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
} // namespace detail

} // namespace slmatch
