#pragma once
/// Square matrices whose optimal assignment is the diagonal or the anti-diagonal, proven
/// in one pass.
///
/// In: a square working matrix (minimising, +inf for forbidden pairs). Out: when it applies,
/// the pairing i -> i (or i -> n-1-i) with prices that certify it; otherwise nothing.
///
/// A Monge matrix (c_ij + c_kl <= c_il + c_kj whenever i < k and j < l) has the identity
/// among its optimal assignments; when its columns are reversed, the anti-diagonal. The
/// constant matrix is one, and so are the rank-one costs c_ij = a_i b_j with a and b
/// monotone, such as Machol and Wien's c_ij = i j, on which every shortest augmenting path
/// solver spends O(n^3): each new row displaces all the rows before it (that the diagonal is
/// optimal is Hoffman's, "On simple linear programming problems", 1963). The prices make the
/// staircase of pairs (i, p(i)) and (i, p(i+1)) tight, p the column order. They are dual
/// feasible for a Monge matrix: its reduced costs d are Monge too, so d_ij - d_(i+1)j grows
/// with j and is 0 at j = i + 1; down each column the reduced costs therefore fall towards
/// the staircase, where they are 0. They are checked on every entry all the same, so the
/// answer is proven whether or not the matrix is exactly Monge; one that is not fails the
/// check within its first row in almost every case. O(n^2) when it applies.

#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/row_scans.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace slmatch::detail {

/// Try the pairing i -> p(i) on the n × n working matrix w, where p is the identity or,
/// with `mirrored`, i -> n-1-i. Returns true with `solution` filled when the staircase
/// prices leave no reduced cost below -allowance; false (touching nothing else) otherwise.
inline bool solve_by_staircase(const double* w, std::size_t n, bool mirrored, double allowance,
                               working_solution& solution) {
  if (n == 0) return false;
  auto column = [&](std::size_t k) { return mirrored ? n - 1 - k : k; };
  auto at = [&](std::size_t i, std::size_t j) { return w[i * n + j]; };
  std::vector<double> u(n), v(n);
  u[0] = 0;
  v[column(0)] = at(0, column(0));
  if (!std::isfinite(v[column(0)])) return false;
  // Extend the staircase one step at a time, checking row 0 against each new column price
  // as it appears: most matrices that are not Monge fail within a few columns.
  for (std::size_t k = 1; k < n; ++k) {
    const std::size_t j = column(k);
    v[j] = at(k - 1, j) - u[k - 1];
    u[k] = at(k, j) - v[j];
    if (!std::isfinite(v[j]) || !std::isfinite(u[k])) return false;
    if (at(0, j) - u[0] - v[j] < -allowance) return false;
  }
  for (std::size_t i = 1; i < n; ++i)
    if (smallest_reduced(w + i * n, v.data(), n) < u[i] - allowance) return false;
  solution.col_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) solution.col_of[i] = static_cast<int>(column(i));
  solution.row_price = std::move(u);
  solution.col_price = std::move(v);
  return true;
}

/// The diagonal, else the anti-diagonal, of a square working matrix when the staircase
/// prices prove it optimal (see the top of this header).
inline bool solve_monge(const double* w, std::size_t n, double allowance,
                        working_solution& solution) {
  return solve_by_staircase(w, n, false, allowance, solution) ||
         solve_by_staircase(w, n, true, allowance, solution);
}

} // namespace slmatch::detail
