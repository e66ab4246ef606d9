#pragma once
/// The rectangular linear assignment problem on a dense cost matrix: the entry point.
///
/// In: a rows × cols matrix of costs (row-major doubles); +inf marks a forbidden pair.
/// Out: min(rows, cols) pairs with the smallest (or largest) total and the LP dual prices
/// that certify it (result.hpp), under `scipy.optimize.linear_sum_assignment`'s contract.
///
/// Two structured cases are recognised first, each in about one pass over the matrix when it
/// applies (far less when not) and proven by its own prices: square matrices whose diagonal or
/// anti-diagonal is optimal (Monge matrices such as the constant and c_ij = i j; monge.hpp), and
/// matrices in which every row can take one of its cheapest entries (many tied costs;
/// row_minima.hpp). Otherwise two exact solvers share the work: Jonker–Volgenant on the whole
/// matrix (dense_jv.hpp, O(rows² · cols) in the worst case), and for large, nearly square matrices
/// a sparse restriction to each row's cheapest entries proved on the whole matrix
/// (dense_by_candidates.hpp, O(rows · cols) per round plus the sparse solves).
///
/// Usage:
///
///     const slmatch::dense_costs cost{data, rows, cols};
///     const slmatch::dense_assignment answer = slmatch::solve_dense_assignment(cost);
///     slmatch::verify_dense_assignment(cost, answer); // throws if not optimal

#include "slmatch/assignment/certificate.hpp"
#include "slmatch/assignment/dense_by_candidates.hpp"
#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/monge.hpp"
#include "slmatch/assignment/result.hpp"
#include "slmatch/assignment/row_minima.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace slmatch {

namespace detail {

/// Solve the working matrix (rows <= cols, minimising) whose largest finite |entry| is
/// `largest`: the structured cases, then candidates or the whole-matrix solver.
inline working_solution solve_working_dense(const double* matrix, std::size_t rows,
                                            std::size_t cols, double largest) {
  working_solution solution;
  if (rows == cols && solve_monge(matrix, rows, pricing_allowance(largest, rows), solution))
    return solution;
  if (solve_at_row_minima(matrix, rows, cols, solution)) return solution;
  if (rows >= dense_candidate_min_side && 4 * rows >= 3 * cols) {
    dense_candidate_report report;
    if (solve_by_candidates(matrix, rows, cols, {}, solution, report)) return solution;
  }
  return solve_working_jv(matrix, rows, cols);
}

} // namespace detail

/// Solve the rectangular linear assignment problem on a dense cost matrix.
///
/// Square matrices whose diagonal or anti-diagonal is optimal, and matrices in which every
/// row can take one of its cheapest entries, are recognised and proven first. Otherwise
/// large, nearly square matrices (see `dense_candidate_min_side`) go by candidates
/// (`solve_dense_assignment_by_candidates`), others straight to `solve_dense_assignment_jv`;
/// every path gives an optimal assignment and its certificate.
///
/// @param[in] cost  rows × cols costs; +inf marks a forbidden pair (-inf when maximising)
/// @param[in] maximize  take the largest total instead of the smallest
/// @return  one column per row (rows ≤ cols) or one row per column (rows > cols),
///          with the dual prices that certify optimality
/// @throws slmatch::validation_error when an entry is NaN, or -inf (+inf when maximising)
/// @throws slmatch::infeasible_error when no complete assignment exists
/// @throws slmatch::error when a dimension exceeds 2^31 - 1
/// \note  Every step is deterministic, so equal inputs give equal outputs; a constant
///        square matrix gives the identity.
inline dense_assignment solve_dense_assignment(const dense_costs& cost, bool maximize = false) {
  double largest = 0;
  if (!detail::check_dense_problem(cost, maximize, &largest))
    return detail::empty_answer(cost, maximize);
  std::vector<double> storage;
  const double* matrix = detail::working_dense_matrix(cost, maximize, storage);
  const std::size_t rows = std::min(cost.rows, cost.cols), cols = std::max(cost.rows, cost.cols);
  return detail::input_answer(cost, maximize,
                              detail::solve_working_dense(matrix, rows, cols, largest));
}

} // namespace slmatch
