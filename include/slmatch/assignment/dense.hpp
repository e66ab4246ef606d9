#pragma once
/// The rectangular linear assignment problem on a dense cost matrix: the entry point.
///
/// In: a rows × cols matrix of costs (row-major doubles); +inf marks a forbidden pair.
/// Out: min(rows, cols) pairs with the smallest (or largest) total and the LP dual prices
/// that certify it (result.hpp), under `scipy.optimize.linear_sum_assignment`'s contract.
///
/// Two structured cases are recognised first, each in about one pass over the matrix when it
/// applies (far less when not) and proven by its own prices: matrices in which every row can
/// take one of its cheapest entries (many tied costs, a constant; row_minima.hpp), and square
/// matrices whose diagonal or anti-diagonal is optimal (Monge matrices such as c_ij = i j;
/// monge.hpp). Otherwise two exact solvers share the work: Jonker–Volgenant on the whole
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
/// `largest`: the structured cases (the row minima unless already tried), then candidates
/// or the whole-matrix solver.
inline working_solution solve_working_dense(const double* matrix, std::size_t rows,
                                            std::size_t cols, double largest,
                                            bool row_minima_tried) {
  working_solution solution;
  if (!row_minima_tried && solve_at_row_minima(matrix, rows, cols, solution)) return solution;
  if (rows == cols && solve_monge(matrix, rows, pricing_allowance(largest, rows), solution))
    return solution;
  if (rows >= dense_candidate_min_side && 4 * rows >= 3 * cols) {
    dense_candidate_report report;
    if (solve_by_candidates(matrix, rows, cols, {}, solution, report)) return solution;
  }
  return solve_working_jv(matrix, rows, cols);
}

} // namespace detail

/// Solve the rectangular linear assignment problem on a dense cost matrix.
///
/// Matrices in which every row can take one of its cheapest entries, and square matrices
/// whose diagonal or anti-diagonal is optimal, are recognised and proven first. Otherwise
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
  if (!detail::check_dense_sides(cost)) return detail::empty_answer(cost, maximize);
  const std::size_t rows = std::min(cost.rows, cost.cols), cols = std::max(cost.rows, cost.cols);
  double largest = 0;
  if (!maximize && cost.rows <= cost.cols) {
    // The input is the working matrix: one pass checks it and tries the row minima.
    detail::working_solution solution;
    if (detail::check_and_solve_at_row_minima(cost, largest, solution))
      return detail::input_answer(cost, false, std::move(solution));
    return detail::input_answer(cost, false,
                                detail::solve_working_dense(cost.data, rows, cols, largest, true));
  }
  largest = check_dense_costs(cost, maximize);
  std::vector<double> storage;
  const double* matrix = detail::working_dense_matrix(cost, maximize, storage);
  return detail::input_answer(cost, maximize,
                              detail::solve_working_dense(matrix, rows, cols, largest, false));
}

} // namespace slmatch
