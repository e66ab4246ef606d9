#pragma once
/// Dense assignment by candidates: solve a sparse restriction, then prove it on the whole matrix.
///
/// In: a dense cost matrix, as for `solve_dense_assignment_jv` (dense_jv.hpp).
/// Out: the same `dense_assignment`: an optimal assignment and prices that certify it.
///
/// In a large matrix almost every pair is far too dear to be in an optimal assignment. The
/// candidate path keeps each row's k cheapest entries, each column's few cheapest and the
/// pairs (i, i) (so that a full matching exists), solves that sparse restriction with
/// `solve_sparse_assignment`, and then prices the whole matrix with the restriction's duals.
/// If no entry has a negative reduced cost c_ij - u_i - v_j (up to rounding), the duals are
/// feasible for the dense problem, so the restriction's assignment is optimal for it and its
/// prices are a dense certificate. (The sign conditions on the longer side hold already: a
/// column outside the restriction keeps price 0 and stays free.) Otherwise the entries that
/// price out negative join the restriction, which is solved again: column generation. When
/// the rounds run out, the restriction grows too large, or the matrix has forbidden pairs,
/// the whole-matrix solver answers instead. Either way the answer is optimal; among several
/// optimal assignments the two paths may pick different ones.

#include "slmatch/assignment/dense_jv.hpp"
#include "slmatch/assignment/result.hpp"
#include "slmatch/assignment/row_scans.hpp"
#include "slmatch/assignment/sparse.hpp"
#include "slmatch/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slmatch {

/// Settings of the candidate path.
struct dense_candidate_options {
  std::size_t candidates = 32; ///< cheapest entries kept per row at first (at least 1 is used)
  std::size_t column_candidates = 8; ///< cheapest entries kept per column at first
  std::size_t rounds = 8;            ///< sparse solves before the whole-matrix solver takes over
};

/// What the candidate path did, for tests and measurements.
struct dense_candidate_report {
  std::size_t rounds = 0;  ///< sparse restrictions solved
  std::size_t entries = 0; ///< entries of the last restriction solved
  bool certified = false;  ///< the restriction's answer was proven optimal (false: fallback)
};

/// `solve_dense_assignment` tries candidates first when the shorter side has at least this
/// many entries and is at least 3/4 of the longer one. Smaller matrices, and wide ones (where
/// most columns stay free and the whole-matrix solver settles most rows at once), are solved
/// as fast or faster without.
inline constexpr std::size_t dense_candidate_min_side = 1000;

namespace detail {

/// A candidate pair of a row: its column and cost.
using candidate_entry = std::pair<int, double>;

/// The first pass over the working matrix: for each row its `per_row` smallest (value,
/// column) pairs, for each column its `per_column` smallest (value, row) pairs, and the
/// largest |entry|. A sample of each row sets a bar that about twice `per_row` of its
/// entries are at or below; in one pass (four columns a step with SSE2) two compares tell
/// that most entries are above both that bar and their column's, and enter neither list.
class candidate_scan {
public:
  candidate_scan(std::size_t cols, std::size_t per_row, std::size_t per_column)
      : cols_(cols), per_row_(per_row), per_column_(per_column),
        column_value_(cols * per_column, inf), column_row_(cols * per_column, -1),
        column_worst_(cols, per_column > 0 ? inf : -inf), hits_(cols + 1) {}

  /// Scans row i; appends its candidates to `out` and sets `smallest` to the row's smallest
  /// entry. Returns false on a non-finite entry.
  ///
  /// Among equal values the row prefers the columns from i onwards, wrapping around: rows
  /// that tie everywhere (small integer costs) then spread over the columns instead of all
  /// listing the lowest ones, which would leave the restriction without a good matching.
  bool scan_row(const double* SLMATCH_RESTRICT row, int i, std::vector<candidate_entry>& out,
                double& smallest) {
    const std::size_t start = static_cast<std::size_t>(i) % cols_;
    best_.clear();
    // A bar about twice per_row entries are at or below; a short row is kept whole.
    const std::size_t size = sample_size();
    const double bar =
        size == 0 ? inf : sample_bar(row, std::max<std::size_t>(1, 2 * per_row_ * size / cols_));
    const double largest = scan(row, i, start, bar, smallest);
    if (!(largest < inf)) return false;
    largest_ = std::max(largest_, largest);
    if (best_.size() < per_row_) {
      // The sample misled (rarely): per_row sampled entries are at or below this bar.
      best_.clear();
      const double enough = sample_bar(row, per_row_);
      for (std::size_t j = 0; j < cols_; ++j)
        if (row[j] <= enough) best_.emplace_back(row[j], position(j, start));
    }
    if (best_.size() > per_row_) {
      const auto cut = best_.begin() + static_cast<std::ptrdiff_t>(per_row_);
      std::nth_element(best_.begin(), cut - 1, best_.end());
      best_.resize(per_row_);
    }
    for (const auto& [value, at] : best_)
      out.emplace_back(static_cast<int>((static_cast<std::size_t>(at) + start) % cols_), value);
    return true;
  }

  /// Appends each column's candidate rows to `chosen` (per row).
  void add_column_candidates(std::vector<std::vector<candidate_entry>>& chosen) const {
    for (std::size_t j = 0; j < cols_; ++j)
      for (std::size_t t = 0; t < per_column_; ++t) {
        const int i = column_row_[j * per_column_ + t];
        if (i >= 0)
          chosen[static_cast<std::size_t>(i)].emplace_back(static_cast<int>(j),
                                                           column_value_[j * per_column_ + t]);
      }
  }

  /// The largest |entry| scanned, at least 1.
  double largest() const { return largest_; }

private:
  static constexpr double inf = std::numeric_limits<double>::infinity();

  /// Column j's place in the row's preference: counted from the row's first column.
  int position(std::size_t j, std::size_t start) const {
    return static_cast<int>((j + cols_ - start) % cols_);
  }

  /// How many entries of a row its bar is sampled from: every (cols / size)-th, at least
  /// 4 · per_row and about one per cache line; 0 for rows short enough to keep whole.
  std::size_t sample_size() const {
    if (cols_ <= 4 * per_row_) return 0;
    return std::min(cols_, std::max(cols_ / 8, 4 * per_row_));
  }

  /// The rank-th smallest of the row's sampled entries (1 <= rank <= `sample_size()`).
  double sample_bar(const double* SLMATCH_RESTRICT row, std::size_t rank) {
    const std::size_t size = sample_size(), stride = cols_ / size;
    // The rank smallest so far, ascending: past the first few, samples rarely enter.
    sample_.assign(rank, inf);
    double* SLMATCH_RESTRICT smallest = sample_.data();
    for (std::size_t q = 0; q < size; ++q) {
      const double x = row[q * stride];
      if (!(x < smallest[rank - 1])) continue;
      std::size_t t = rank - 1;
      for (; t > 0 && smallest[t - 1] > x; --t) smallest[t] = smallest[t - 1];
      smallest[t] = x;
    }
    return smallest[rank - 1];
  }

  /// Offers every column of row i: to the row's buffer when at or below `bar`, to the
  /// column's list when below its worst. Returns the largest |entry|; sets `least` to the
  /// smallest entry.
  double scan(const double* SLMATCH_RESTRICT row, int i, std::size_t start, double bar,
              double& least) {
    const double* SLMATCH_RESTRICT column_bar = column_worst_.data();
    // The columns to offer are listed first, without a branch or a call, then offered: the
    // loop that reads the row then keeps its sums in registers and never mispredicts.
    int* SLMATCH_RESTRICT hit = hits_.data();
    std::size_t count = 0;
    double largest = 0, smallest = inf;
    std::size_t j = 0;
#if defined(__SSE2__)
    const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffff));
    const __m128d bar2 = _mm_set1_pd(bar);
    __m128d largest_low = _mm_setzero_pd(), largest_high = largest_low;
    __m128d smallest_low = _mm_set1_pd(inf), smallest_high = smallest_low;
    for (; j + 4 <= cols_; j += 4) {
      const __m128d low = _mm_loadu_pd(row + j), high = _mm_loadu_pd(row + j + 2);
      largest_low = _mm_max_pd(largest_low, _mm_and_pd(low, magnitude));
      largest_high = _mm_max_pd(largest_high, _mm_and_pd(high, magnitude));
      smallest_low = _mm_min_pd(smallest_low, low);
      smallest_high = _mm_min_pd(smallest_high, high);
      const int hits_low = _mm_movemask_pd(
          _mm_or_pd(_mm_cmplt_pd(low, _mm_loadu_pd(column_bar + j)), _mm_cmple_pd(low, bar2)));
      const int hits_high = _mm_movemask_pd(_mm_or_pd(
          _mm_cmplt_pd(high, _mm_loadu_pd(column_bar + j + 2)), _mm_cmple_pd(high, bar2)));
      const int hits = hits_low | (hits_high << 2);
      for (int k = 0; k < 4; ++k) {
        hit[count] = static_cast<int>(j) + k;
        count += static_cast<std::size_t>((hits >> k) & 1);
      }
    }
    alignas(16) double lanes[2];
    _mm_store_pd(lanes, _mm_max_pd(largest_low, largest_high));
    largest = std::max(lanes[0], lanes[1]);
    _mm_store_pd(lanes, _mm_min_pd(smallest_low, smallest_high));
    smallest = std::min(lanes[0], lanes[1]);
#endif
    for (; j < cols_; ++j) {
      largest = std::max(largest, std::abs(row[j]));
      smallest = std::min(smallest, row[j]);
      hit[count] = static_cast<int>(j);
      count += static_cast<std::size_t>(row[j] < column_bar[j] || row[j] <= bar);
    }
    for (std::size_t k = 0; k < count; ++k) {
      const auto column = static_cast<std::size_t>(hit[k]);
      offer(row[column], i, column, start, bar);
    }
    least = smallest;
    return largest;
  }

  void offer(double value, int i, std::size_t j, std::size_t start, double bar) {
    if (value <= bar) best_.emplace_back(value, position(j, start));
    // Strictly less: rows come in increasing order, so of equal values the earlier stays.
    if (per_column_ > 0 && value < column_worst_[j]) {
      double* values = column_value_.data() + j * per_column_;
      int* rows = column_row_.data() + j * per_column_;
      std::size_t t = per_column_ - 1;
      for (; t > 0 && values[t - 1] > value; --t) {
        values[t] = values[t - 1];
        rows[t] = rows[t - 1];
      }
      values[t] = value;
      rows[t] = i;
      column_worst_[j] = values[per_column_ - 1];
    }
  }

  std::size_t cols_, per_row_, per_column_;
  std::vector<std::pair<double, int>> best_; ///< the row's entries at or below its bar, as
                                             ///< (value, position from its first column)
  std::vector<double> sample_;               ///< the smallest sampled entries of the row
  std::vector<double> column_value_;         ///< per column, its best values so far, ascending
  std::vector<int> column_row_;              ///< and their rows (-1: none yet)
  std::vector<double> column_worst_;         ///< per column, the value a row must beat to enter
  std::vector<int> hits_;                    ///< the columns of a row to offer
  double largest_ = 1;
};

/// Column generation on the working matrix w (rows <= cols, minimising). Returns true with
/// `solution` filled when a restriction's answer is certified on all of w; false when w has a
/// non-finite entry, the rounds run out, or the restriction grows too large (past 4 times its
/// first size or a quarter of w).
inline bool solve_by_candidates(const double* w, std::size_t rows, std::size_t cols,
                                const dense_candidate_options& options, working_solution& solution,
                                dense_candidate_report& report) {
  const std::size_t per_row = std::min(cols, std::max<std::size_t>(1, options.candidates));
  // One pass: every entry finite, the largest |c| (for the rounding allowance), and each
  // row's and column's cheapest entries. The pairs (i, i) join them, so that the restriction
  // always has a full matching even where the cheap entries crowd into a few columns.
  candidate_scan scan(cols, per_row, std::min(rows, options.column_candidates));
  std::vector<std::vector<candidate_entry>> chosen(rows); // each row's candidates
  std::vector<double> row_min(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    chosen[i].reserve(2 * per_row);
    if (!scan.scan_row(w + i * cols, static_cast<int>(i), chosen[i], row_min[i])) return false;
    chosen[i].emplace_back(static_cast<int>(i), w[i * cols + i]);
  }
  scan.add_column_candidates(chosen);
  const double largest = scan.largest();

  // Reduced costs of the restriction's own entries are >= 0 but for rounding, which grows
  // with the size of the costs; outside entries below -allowance join the restriction. The
  // allowance is far below `default_dense_tolerance`, so the certificate verifies.
  const double allowance = pricing_allowance(largest, rows);
  // A row that prices out negative brings in at most this many of its most negative entries.
  const std::size_t added_per_row = 16 * per_row;
  // Candidates that needed more than 4 times as many entries were poor guesses (as when
  // every row's cheapest entries crowd into the same few columns): solve the whole matrix.
  std::size_t most_entries = rows * cols / 4;
  std::vector<std::size_t> last_row(cols, rows); // per column, the last row that listed it
  std::vector<std::int64_t> indptr(rows + 1, 0), indices;
  std::vector<double> data;
  std::vector<std::pair<double, int>> negative;
  for (std::size_t round = 1; round <= options.rounds; ++round) {
    indices.clear();
    data.clear();
    std::fill(last_row.begin(), last_row.end(), rows); // no row
    for (std::size_t i = 0; i < rows; ++i) {
      // Each column once (a row's and a column's lists may share a pair), in list order.
      std::vector<candidate_entry>& entries = chosen[i];
      std::size_t kept = 0;
      for (const candidate_entry& entry : entries) {
        std::size_t& seen = last_row[static_cast<std::size_t>(entry.first)];
        if (seen == i) continue;
        seen = i;
        entries[kept++] = entry;
        indices.push_back(entry.first);
        data.push_back(entry.second);
      }
      entries.resize(kept);
      indptr[i + 1] = static_cast<std::int64_t>(indices.size());
    }
    if (round == 1) most_entries = std::min(most_entries, 4 * indices.size());
    if (indices.size() > most_entries) return false;
    sparse_costs restriction;
    restriction.indptr = indptr.data();
    restriction.indices = indices.data();
    restriction.data = data.data();
    restriction.rows = rows;
    restriction.cols = cols;
    report.rounds = round;
    report.entries = indices.size();
    dense_assignment answer;
    try {
      answer = solve_sparse_assignment(restriction, false);
    } catch (const infeasible_error&) {
      return false; // not reached: the pairs (i, i) are a full matching
    }

    // When every row holds one of its cheapest entries, u_i = that entry and v = 0 prove
    // the assignment optimal, whatever prices the restriction came with (with many ties,
    // as in small integer costs, those are far from unique and often fail the check below).
    bool at_row_minima = true;
    for (std::size_t i = 0; i < rows && at_row_minima; ++i)
      at_row_minima = w[i * cols + static_cast<std::size_t>(answer.col_ind[i])] == row_min[i];
    if (at_row_minima) {
      solution.col_of.assign(answer.col_ind.begin(), answer.col_ind.end());
      solution.row_price = row_min;
      solution.col_price.assign(cols, 0.0);
      report.certified = true;
      return true;
    }

    // Price the whole matrix. A row whose smallest c_ij - v_j is below u_i brings in its
    // entries of negative reduced cost (the most negative, ties by column, if many).
    const double* u = answer.row_price.data();
    const double* v = answer.col_price.data();
    bool feasible = true;
    std::size_t added = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      const double* row = w + i * cols;
      const double floor = u[i] - allowance;
      if (smallest_reduced(row, v, cols) >= floor) continue;
      feasible = false;
      negative.clear();
      for (std::size_t j = 0; j < cols; ++j)
        if (row[j] - v[j] < floor) negative.emplace_back(row[j] - v[j], static_cast<int>(j));
      if (negative.size() > added_per_row) {
        const auto cut = negative.begin() + static_cast<std::ptrdiff_t>(added_per_row);
        std::nth_element(negative.begin(), cut - 1, negative.end());
        negative.resize(added_per_row);
      }
      for (const candidate_entry& entry : chosen[i])
        last_row[static_cast<std::size_t>(entry.first)] = i;
      for (const auto& [reduced, j] : negative) {
        if (last_row[static_cast<std::size_t>(j)] == i)
          continue; // in the restriction already: its rounding exceeds the allowance
        chosen[i].emplace_back(j, row[j]);
        ++added;
      }
    }
    if (!feasible && added == 0) return false; // nothing new to try
    if (!feasible) continue;
    solution.col_of.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) solution.col_of[i] = static_cast<int>(answer.col_ind[i]);
    solution.row_price = std::move(answer.row_price);
    solution.col_price = std::move(answer.col_price);
    report.certified = true;
    return true;
  }
  return false;
}

} // namespace detail

/// Solve the rectangular linear assignment problem on a dense matrix by candidates: each
/// row's cheapest entries are solved as a sparse problem, whose prices are then checked on
/// the whole matrix (see the top of this header). Matrices with a +inf entry (-inf when
/// maximising), candidates that fail the check `options.rounds` times and restrictions that
/// grow too large go to `solve_dense_assignment_jv`.
///
/// @param[in] cost  rows × cols costs; +inf marks a forbidden pair (-inf when maximising)
/// @param[in] maximize  take the largest total instead of the smallest
/// @param[in] options  candidates per row and rounds
/// @param[out] report  when not null, what the candidate path did
/// @return  as `solve_dense_assignment`
/// @throws  as `solve_dense_assignment`
/// \note  O(rows · cols) per round to select and to price, plus the sparse solves.
///        Deterministic; among optimal assignments it may pick another than the
///        whole-matrix solver.
inline dense_assignment
solve_dense_assignment_by_candidates(const dense_costs& cost, bool maximize = false,
                                     const dense_candidate_options& options = {},
                                     dense_candidate_report* report = nullptr) {
  dense_candidate_report ignored;
  dense_candidate_report& what = report != nullptr ? *report : ignored;
  what = {};
  if (!detail::check_dense_problem(cost, maximize)) return detail::empty_answer(cost, maximize);
  std::vector<double> storage;
  const double* matrix = detail::working_dense_matrix(cost, maximize, storage);
  const std::size_t rows = std::min(cost.rows, cost.cols), cols = std::max(cost.rows, cost.cols);
  detail::working_solution solution;
  if (!detail::solve_by_candidates(matrix, rows, cols, options, solution, what))
    solution = detail::solve_working_jv(matrix, rows, cols);
  return detail::input_answer(cost, maximize, std::move(solution));
}

} // namespace slmatch
