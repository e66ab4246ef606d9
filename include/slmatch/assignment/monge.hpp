#pragma once
/// Square matrices whose optimal assignment is the diagonal or the anti-diagonal, perhaps
/// once their rows and columns are sorted, proven in one pass.
///
/// In: a square working matrix (minimising, +inf for forbidden pairs). Out: when it applies,
/// the pairing i -> i (or i -> n-1-i, or the same after sorting the rows and the columns)
/// with prices that certify it; otherwise nothing.
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
///
/// A rank-one matrix whose rows and columns come in any order is Monge once they are sorted
/// by a's and b's order, which one column and one row of it show; when neither the diagonal
/// nor the anti-diagonal holds, that order is tried too (O(n log n) to find).

#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/row_scans.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace slmatch::detail {

/// Try pairing row `row_order[k]` with column `col_order[k]`, for every k, on the n × n
/// working matrix w. Returns true with `solution` filled when the staircase prices (which
/// make the pairs (row_order[k], col_order[k]) and (row_order[k], col_order[k + 1]) tight)
/// leave no reduced cost below -allowance; false, touching nothing else, otherwise.
inline bool solve_by_staircase(const double* w, std::size_t n,
                               const std::vector<std::size_t>& row_order,
                               const std::vector<std::size_t>& col_order, double allowance,
                               working_solution& solution) {
  if (n == 0) return false;
  auto at = [&](std::size_t i, std::size_t j) { return w[i * n + j]; };
  std::vector<double> u(n), v(n);
  const std::size_t first = row_order[0];
  u[first] = 0;
  v[col_order[0]] = at(first, col_order[0]);
  if (!std::isfinite(v[col_order[0]])) return false;
  // Extend the staircase one step at a time, checking the first row against each new column
  // price as it appears: most matrices that are not Monge fail within a few columns.
  for (std::size_t k = 1; k < n; ++k) {
    const std::size_t i = row_order[k], previous = row_order[k - 1], j = col_order[k];
    v[j] = at(previous, j) - u[previous];
    u[i] = at(i, j) - v[j];
    if (!std::isfinite(v[j]) || !std::isfinite(u[i])) return false;
    if (at(first, j) - u[first] - v[j] < -allowance) return false;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (i != first && smallest_reduced(w + i * n, v.data(), n) < u[i] - allowance) return false;
  solution.col_of.resize(n);
  for (std::size_t k = 0; k < n; ++k)
    solution.col_of[row_order[k]] = static_cast<int>(col_order[k]);
  solution.row_price = std::move(u);
  solution.col_price = std::move(v);
  return true;
}

/// Rows and columns in the order that makes a rank-one matrix c_ij = a_i b_j Monge or
/// inverse Monge, whatever order they came in: rows by their entries in one column,
/// columns by their entries in one row (ties by index). The row is the one with the
/// largest entry at either end (for a rank-one matrix, a row with a_i != 0 unless every
/// such entry is 0), the column the one of that row's largest entry.
inline void rank_one_orders(const double* w, std::size_t n, std::vector<std::size_t>& row_order,
                            std::vector<std::size_t>& col_order) {
  auto at = [&](std::size_t i, std::size_t j) { return w[i * n + j]; };
  std::size_t key_row = 0, key_col = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (std::abs(at(i, 0)) + std::abs(at(i, n - 1)) >
        std::abs(at(key_row, 0)) + std::abs(at(key_row, n - 1)))
      key_row = i;
  for (std::size_t j = 0; j < n; ++j)
    if (std::abs(at(key_row, j)) > std::abs(at(key_row, key_col))) key_col = j;
  std::vector<double> row_key(n), col_key(n);
  for (std::size_t k = 0; k < n; ++k) {
    row_key[k] = at(k, key_col);
    col_key[k] = at(key_row, k);
  }
  row_order.resize(n);
  col_order.resize(n);
  for (std::size_t k = 0; k < n; ++k) row_order[k] = col_order[k] = k;
  std::stable_sort(row_order.begin(), row_order.end(),
                   [&](std::size_t a, std::size_t b) { return row_key[a] < row_key[b]; });
  std::stable_sort(col_order.begin(), col_order.end(),
                   [&](std::size_t a, std::size_t b) { return col_key[a] < col_key[b]; });
}

/// The diagonal, else the anti-diagonal, of a square working matrix when the staircase
/// prices prove it optimal; else the same for its rows and columns sorted as a rank-one
/// matrix's would be (see `rank_one_orders`), which finds c_ij = a_i b_j in any order.
inline bool solve_monge(const double* w, std::size_t n, double allowance,
                        working_solution& solution) {
  if (n == 0) return false;
  std::vector<std::size_t> rows(n), cols(n);
  for (std::size_t k = 0; k < n; ++k) rows[k] = cols[k] = k;
  auto both_ways = [&] {
    if (solve_by_staircase(w, n, rows, cols, allowance, solution)) return true;
    std::reverse(cols.begin(), cols.end());
    return solve_by_staircase(w, n, rows, cols, allowance, solution);
  };
  if (both_ways()) return true;
  rank_one_orders(w, n, rows, cols);
  bool natural = true;
  for (std::size_t k = 0; k < n && natural; ++k) natural = rows[k] == k && cols[k] == k;
  return !natural && both_ways();
}

} // namespace slmatch::detail
