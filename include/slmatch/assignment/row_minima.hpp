#pragma once
/// Dense assignment at the row minima: when every row can have one of its cheapest entries.
///
/// In: a working matrix (rows <= cols, minimising, +inf for forbidden pairs). Out: when it
/// applies, an assignment in which each row holds an entry equal to its row's minimum, with
/// prices u_i = that minimum and v = 0, which prove it optimal exactly (no rounding: every
/// reduced cost c_ij - u_i is >= 0, the assigned ones are 0, and every free column has
/// price 0); otherwise nothing.
///
/// Matrices with many tied costs, such as small integers or a constant, have so many
/// entries at each row's minimum that such an assignment nearly always exists. Each row in
/// turn takes the first free column at its minimum, looking from column i onwards and
/// wrapping around (so a constant square matrix gives the identity, as scipy does). The
/// rows left over look for alternating paths through entries at their rows' minima
/// (breadth-first, one row scan a step). Where ties are rare the rows soon collide, and the
/// attempt stops after a few of them: O(rows · cols) when it applies, and far less than
/// one pass over the matrix when it does not. When the working matrix is the input itself,
/// the attempt rides along with the check of the entries, in the same pass.

#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/row_scans.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace slmatch::detail {

/// A matching of the working matrix w's rows to entries at their rows' minima: each row in
/// turn takes a free column (`offer_row`), then the rows left over look for alternating
/// paths to a free column, each by breadth-first search (`augment_all`).
class row_minima_matching {
public:
  row_minima_matching(const double* w, std::size_t rows, std::size_t cols)
      : w_(w), cols_(cols), row_min_(rows), col_of_(rows, -1), row_of_(cols, -1),
        reached_from_(cols, -1), seen_(cols, 0) {}

  /// Give row i (rows come in order) a free column at its minimum `smallest`, the first
  /// from column i onwards. Returns false once more than 8 + i / 64 of the first i rows
  /// have found none, or when the row has no allowed entry. The rows left free are kept
  /// for `augment_all`.
  ///
  /// With many ties the rows that find none are the last few, when few columns are left;
  /// with distinct costs two rows soon want the same column, and they keep colliding.
  bool offer_row(std::size_t i, double smallest) {
    if (!std::isfinite(smallest)) return false; // every pair forbidden: not for this path
    const double* row = w_ + i * cols_;
    row_min_[i] = smallest;
    std::size_t j = i; // rows <= cols
    bool found = false;
    for (std::size_t step = 0; step < cols_ && !found; ++step) {
      found = row[j] == smallest && row_of_[j] < 0;
      if (!found) j = j + 1 == cols_ ? 0 : j + 1;
    }
    if (found) {
      assign(static_cast<int>(i), static_cast<int>(j));
      return true;
    }
    unmatched_.push_back(static_cast<int>(i));
    return unmatched_.size() <= 8 + i / 64;
  }

  /// Find an augmenting path for each row left free, scanning at most `most_scans` rows in
  /// all; false when a row has none or the scans run out.
  bool augment_all(std::size_t most_scans) {
    std::vector<int> queue;
    for (int start : unmatched_) {
      ++stamp_;
      queue.assign(1, start);
      int end = -1; // the free column reached
      for (std::size_t head = 0; head < queue.size() && end < 0; ++head) {
        if (most_scans-- == 0) return false;
        const int i = queue[head];
        const double* row = w_ + static_cast<std::size_t>(i) * cols_;
        const double smallest = row_min_[static_cast<std::size_t>(i)];
        for (std::size_t j = 0; j < cols_; ++j) {
          if (row[j] != smallest || seen_[j] == stamp_) continue;
          seen_[j] = stamp_;
          reached_from_[j] = i;
          if (row_of_[j] < 0) {
            end = static_cast<int>(j);
            break;
          }
          queue.push_back(row_of_[j]);
        }
      }
      if (end < 0) return false; // no alternating path: the row minima do not suffice
      // Flip the path: each row on it takes the column it was reached through.
      for (int j = end;;) {
        const int i = reached_from_[static_cast<std::size_t>(j)];
        const int previous = col_of_[static_cast<std::size_t>(i)];
        assign(i, j);
        if (i == start) break;
        j = previous;
      }
    }
    unmatched_.clear();
    return true;
  }

  /// The assignment with prices u = row minima, v = 0.
  working_solution solution() const { return {col_of_, row_min_, std::vector<double>(cols_, 0)}; }

private:
  void assign(int i, int j) {
    col_of_[static_cast<std::size_t>(i)] = j;
    row_of_[static_cast<std::size_t>(j)] = i;
  }

  const double* w_;
  std::size_t cols_;
  std::vector<double> row_min_;
  std::vector<int> col_of_, row_of_;
  std::vector<int> unmatched_;    ///< rows the greedy pass left free
  std::vector<int> reached_from_; ///< per column, the row the search reached it from
  std::vector<unsigned> seen_;    ///< per column, the search that reached it last
  unsigned stamp_ = 0;
};

/// Assign every row of the rows × cols working matrix w (rows <= cols) to an entry at its
/// row's minimum, when that is possible cheaply (see the top of this header). Returns true
/// with `solution` filled; false, touching nothing, when too many rows collide in the
/// greedy pass or the alternating paths need more than one pass over the matrix.
inline bool solve_at_row_minima(const double* w, std::size_t rows, std::size_t cols,
                                working_solution& solution) {
  if (rows == 0 || rows > cols) return false;
  row_minima_matching matching(w, rows, cols);
  for (std::size_t i = 0; i < rows; ++i)
    if (!matching.offer_row(i, row_minimum(w + i * cols, cols))) return false;
  if (!matching.augment_all(rows)) return false;
  solution = matching.solution();
  return true;
}

/// Check the entries of a cost matrix that is its own working matrix (rows <= cols,
/// minimising) and try the row-minima path in the same pass: each row, once checked, is
/// offered at its minimum while it is still in cache. The whole matrix is checked even when
/// the path gives up early.
///
/// @param[in] cost  rows × cols costs, rows <= cols, +inf for forbidden pairs
/// @param[out] largest  the largest finite |entry|
/// @param[out] solution  filled when the function returns true
/// @return  whether every row got an entry at its row's minimum (then `solution` is optimal)
/// @throws  as `check_dense_costs(cost, false)`
inline bool check_and_solve_at_row_minima(const dense_costs& cost, double& largest,
                                          working_solution& solution) {
  const std::size_t rows = cost.rows, cols = cost.cols;
  const double refused = refused_infinity(false);
  row_minima_matching matching(cost.data, rows, cols);
  bool promising = rows <= cols;
  largest = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const entry_survey survey = survey_entries(cost.data + i * cols, cols, refused);
    if (survey.invalid) refuse_invalid_entry(cost, refused, i * cols);
    largest = std::max(largest, survey.largest);
    if (promising) promising = matching.offer_row(i, survey.smallest);
  }
  check_cost_magnitude(largest, rows, cols);
  if (!promising || !matching.augment_all(rows)) return false;
  solution = matching.solution();
  return true;
}

} // namespace slmatch::detail
