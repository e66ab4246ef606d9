#pragma once
/// Augmenting row reduction, the Jonker–Volgenant preprocessing step shared by the dense and
/// the sparse assignment solvers; each supplies its own scan of a row.

#include <cstddef>
#include <limits>
#include <vector>

namespace slmatch::detail {

/// A row's two smallest reduced costs c_ij - v_j, offered entry by entry in the row's order
/// (ties keep the earlier entry first).
struct two_smallest {
  static constexpr double inf = std::numeric_limits<double>::infinity();
  double first = inf, second = inf;
  int first_col = -1, second_col = -1;
  std::size_t first_at = 0, second_at = 0; ///< the entry each came from, as the scan names it

  /// Consider column `col`, reached by entry `at` at reduced cost `h`.
  void offer(double h, int col, std::size_t at) {
    if (!(h < second)) return;
    if (h < first) {
      second = first;
      second_col = first_col;
      second_at = first_at;
      first = h;
      first_col = col;
      first_at = at;
    } else {
      second = h;
      second_col = col;
      second_at = at;
    }
  }
};

/// One pass of augmenting row reduction over `free_rows`: each row takes the column with its
/// smallest reduced cost, lowering that column's price to its second smallest so the row
/// it displaces looks elsewhere. Invariants kept: each assigned row holds a column of
/// smallest reduced cost in its row; prices only go down. Returns the rows left free.
///
/// @param[in] free_rows  the rows to assign, in order
/// @param[in,out] v  the column prices
/// @param[in,out] row_of, col_of  the current assignment (-1: none)
/// @param[in] smallest  `smallest(i)` gives row i's `two_smallest`; it throws when the row
///            has no allowed entry
/// @param[in] assign  `assign(i, j, at)` gives row i column j through entry `at`
template <class Smallest, class Assign>
std::vector<int> augmenting_row_reduction(std::vector<int> free_rows, std::vector<double>& v,
                                          std::vector<int>& row_of, std::vector<int>& col_of,
                                          Smallest&& smallest, Assign&& assign) {
  std::vector<int> still_free;
  std::size_t k = 0;
  // Re-processing a displaced row at once is what makes the pass effective; a budget keeps
  // near-tied matrices (where prices fall in tiny steps) from cycling for long.
  std::size_t budget = 8 * v.size();
  while (k < free_rows.size()) {
    const int i = free_rows[k++];
    const two_smallest best = smallest(i);
    int taken = best.first_col;
    std::size_t taken_at = best.first_at;
    int displaced = row_of[static_cast<std::size_t>(taken)];
    bool retry_displaced = false;
    if (best.first < best.second) {
      if (best.second < two_smallest::inf && budget > 0) {
        --budget;
        v[static_cast<std::size_t>(taken)] -= best.second - best.first;
        retry_displaced = true;
      }
    } else if (displaced >= 0) {
      // A tie: prefer the second column of equal reduced cost if it is free.
      taken = best.second_col;
      taken_at = best.second_at;
      displaced = row_of[static_cast<std::size_t>(taken)];
    }
    if (displaced >= 0) {
      col_of[static_cast<std::size_t>(displaced)] = -1;
      if (retry_displaced)
        free_rows[--k] = displaced;
      else
        still_free.push_back(displaced);
    }
    assign(i, taken, taken_at);
  }
  return still_free;
}

} // namespace slmatch::detail
