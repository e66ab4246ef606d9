#pragma once
/// What every rectangular assignment solver in this folder returns: an assignment with the LP
/// dual prices that prove it optimal. Dense and sparse answers are one type, so any answer
/// can be checked by either verifier and compared with any other.
///
/// The certificate, for minimisation with rows <= cols (the other cases are its mirror
/// images; see `dense_assignment`): the linear programme
///
///     minimise   sum_ij c_ij x_ij
///     subject to sum_j x_ij  = 1  for every row      (price u_i, free)
///                sum_i x_ij <= 1  for every column   (price v_j <= 0)
///                x_ij >= 0, and x_ij = 0 where c_ij = +inf
///
/// has the dual: maximise sum_i u_i + sum_j v_j subject to u_i + v_j <= c_ij on every allowed
/// pair and v_j <= 0. An assignment x and prices (u, v) are both optimal exactly when the
/// prices are dual feasible, every assigned pair is tight (u_i + v_j = c_ij) and every
/// unassigned column has v_j = 0; then the total equals sum u + sum v (zero duality gap).
/// `verify_dense_assignment` and `verify_sparse_assignment` check all of this for any answer,
/// whichever solver produced it.

#include <cstdint>
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

/// A sparse answer is the same type; its fields mean what they mean in `dense_assignment`,
/// with "allowed pair" read as "stored finite entry".
using sparse_assignment = dense_assignment;

} // namespace slmatch
