#pragma once
/// The rectangular linear assignment problem on a dense cost matrix: the entry point.
///
/// In: a rows × cols matrix of costs (row-major doubles); +inf marks a forbidden pair.
/// Out: min(rows, cols) pairs with the smallest (or largest) total and the LP dual prices
/// that certify it (result.hpp), under `scipy.optimize.linear_sum_assignment`'s contract.
///
/// Two exact solvers share the work: Jonker–Volgenant on the whole matrix (dense_jv.hpp,
/// O(rows² · cols) in the worst case), and for large, nearly square matrices a sparse
/// restriction to each row's cheapest entries proved on the whole matrix
/// (dense_by_candidates.hpp, O(rows · cols) per round plus the sparse solves).
///
/// Usage:
///
///     const slmatch::dense_costs cost{data, rows, cols};
///     const slmatch::dense_assignment answer = slmatch::solve_dense_assignment(cost);
///     slmatch::verify_dense_assignment(cost, answer); // throws if not optimal

#include "slmatch/assignment/dense_by_candidates.hpp"
#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/result.hpp"

#include <algorithm>
#include <cstddef>

namespace slmatch {

/// Solve the rectangular linear assignment problem on a dense cost matrix.
///
/// Large, nearly square matrices (see `dense_candidate_min_side`) go by candidates
/// (`solve_dense_assignment_by_candidates`), others straight to `solve_dense_assignment_jv`;
/// both give an optimal assignment and its certificate.
///
/// @param[in] cost  rows × cols costs; +inf marks a forbidden pair (-inf when maximising)
/// @param[in] maximize  take the largest total instead of the smallest
/// @return  one column per row (rows ≤ cols) or one row per column (rows > cols),
///          with the dual prices that certify optimality
/// @throws slmatch::validation_error when an entry is NaN, or -inf (+inf when maximising)
/// @throws slmatch::infeasible_error when no complete assignment exists
/// @throws slmatch::error when a dimension exceeds 2^31 - 1
/// \note  Every step is deterministic, so equal inputs give equal outputs.
inline dense_assignment solve_dense_assignment(const dense_costs& cost, bool maximize = false) {
  const std::size_t shorter = std::min(cost.rows, cost.cols);
  const std::size_t longer = std::max(cost.rows, cost.cols);
  if (shorter >= dense_candidate_min_side && 4 * shorter >= 3 * longer)
    return solve_dense_assignment_by_candidates(cost, maximize);
  return solve_dense_assignment_jv(cost, maximize);
}

} // namespace slmatch
