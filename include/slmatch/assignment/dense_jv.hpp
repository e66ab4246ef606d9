#pragma once
/// Dense rectangular linear assignment on the whole matrix (Jonker–Volgenant), with dual
/// prices that prove the answer optimal. Most callers want `solve_dense_assignment`
/// (dense.hpp), which picks between this solver and the candidate path.
///
/// In: a rows × cols matrix of costs (row-major doubles); +inf marks a forbidden pair.
/// Out: min(rows, cols) pairs (row, column), each row and column used at most once, with the
/// smallest (or, with `maximize`, the largest) total cost, and the LP dual prices that certify
/// it. The contract is `scipy.optimize.linear_sum_assignment`'s: rows come out sorted, NaN or
/// -inf entries (+inf when maximising) are invalid, and a matrix in which no complete
/// assignment avoids the forbidden pairs is infeasible.
///
/// The solver is of the Jonker–Volgenant family: column reduction with reduction transfer
/// (square matrices), two passes of augmenting row reduction, then shortest augmenting paths
/// (Dijkstra on reduced costs) from each row left free: O(rows² · cols) in the worst case.
/// Wide matrices are solved as they are; tall ones (rows > cols) on their transpose. Large
/// matrices without forbidden pairs are first tried on a few cheap candidates per row
/// (dense_by_candidates.hpp), with the same certificate.
///
/// The certificate is described in result.hpp; `verify_dense_assignment` checks it for any
/// answer, whichever solver produced it.

#include "slmatch/assignment/certificate.hpp"
#include "slmatch/assignment/result.hpp"
#include "slmatch/assignment/row_reduction.hpp"
#include "slmatch/assignment/row_scans.hpp"
#include "slmatch/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slmatch {

/// A dense cost matrix that the caller owns: `rows * cols` doubles, row-major.
struct dense_costs {
  const double* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;

  /// The cost of pairing `row` with `col`.
  double at(std::size_t row, std::size_t col) const { return data[row * cols + col]; }
};

namespace detail {

/// What one pass over some entries found.
struct entry_survey {
  double largest = 0;                                        ///< largest finite |entry|, or 0
  double smallest = std::numeric_limits<double>::infinity(); ///< smallest entry
  bool invalid = false; ///< some entry is NaN or the refused infinity
};

/// Survey `count` entries, of which `refused` (an infinity) and NaN are invalid. One pass,
/// four entries a step with SSE2.
inline entry_survey survey_entries(const double* SLMATCH_RESTRICT data, std::size_t count,
                                   double refused) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  entry_survey survey;
  std::size_t k = 0;
#if defined(__SSE2__)
  const __m128d magnitude_mask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffff));
  const __m128d infinity = _mm_set1_pd(inf), refused2 = _mm_set1_pd(refused);
  // Two of each running value, so that consecutive steps do not wait on each other.
  __m128d largest_low = _mm_setzero_pd(), largest_high = largest_low;
  __m128d smallest_low = infinity, smallest_high = infinity;
  __m128d bad_low = _mm_setzero_pd(), bad_high = bad_low;
  for (; k + 4 <= count; k += 4) {
    const __m128d low = _mm_loadu_pd(data + k), high = _mm_loadu_pd(data + k + 2);
    const __m128d low_size = _mm_and_pd(low, magnitude_mask);
    const __m128d high_size = _mm_and_pd(high, magnitude_mask);
    // NaN compares unordered with itself; the refused infinity compares equal.
    bad_low = _mm_or_pd(bad_low, _mm_or_pd(_mm_cmpunord_pd(low, low), _mm_cmpeq_pd(low, refused2)));
    bad_high =
        _mm_or_pd(bad_high, _mm_or_pd(_mm_cmpunord_pd(high, high), _mm_cmpeq_pd(high, refused2)));
    largest_low = _mm_max_pd(largest_low, _mm_and_pd(low_size, _mm_cmplt_pd(low_size, infinity)));
    largest_high =
        _mm_max_pd(largest_high, _mm_and_pd(high_size, _mm_cmplt_pd(high_size, infinity)));
    smallest_low = _mm_min_pd(smallest_low, low);
    smallest_high = _mm_min_pd(smallest_high, high);
  }
  alignas(16) double lanes[2];
  _mm_store_pd(lanes, _mm_max_pd(largest_low, largest_high));
  survey.largest = std::max(lanes[0], lanes[1]);
  _mm_store_pd(lanes, _mm_min_pd(smallest_low, smallest_high));
  survey.smallest = std::min(lanes[0], lanes[1]);
  survey.invalid = _mm_movemask_pd(_mm_or_pd(bad_low, bad_high)) != 0;
#endif
  for (; k < count; ++k) {
    const double c = data[k];
    if (std::isnan(c) || c == refused) survey.invalid = true;
    if (std::abs(c) < inf) survey.largest = std::max(survey.largest, std::abs(c));
    survey.smallest = std::min(survey.smallest, c);
  }
  return survey;
}

/// The infinity a cost matrix may not hold: -inf when minimising, +inf when maximising.
inline double refused_infinity(bool maximize) {
  return maximize ? std::numeric_limits<double>::infinity()
                  : -std::numeric_limits<double>::infinity();
}

/// Refuse the first entry at or after entry `from` (row-major) that is NaN or `refused`.
/// @throws slmatch::validation_error naming it ("matrix contains invalid numeric entries")
inline void refuse_invalid_entry(const dense_costs& cost, double refused, std::size_t from) {
  for (std::size_t k = from; k < cost.rows * cost.cols; ++k) {
    const double c = cost.data[k];
    if (std::isnan(c) || c == refused)
      throw validation_error(
          {{"cost matrix",
            "[" + std::to_string(k / cost.cols) + ", " + std::to_string(k % cost.cols) + "]",
            "matrix contains invalid numeric entries"}});
  }
}

/// Check the sides of a matrix about to be solved; false when it is empty.
/// @throws slmatch::error when a side exceeds 2^31 - 1
inline bool check_dense_sides(const dense_costs& cost) {
  if (cost.rows == 0 || cost.cols == 0) return false;
  constexpr std::size_t max_side = static_cast<std::size_t>(std::numeric_limits<int>::max());
  if (cost.rows > max_side || cost.cols > max_side)
    throw error("cost matrix has more than 2^31 - 1 rows or columns");
  return true;
}

} // namespace detail

/// Check that every entry of a cost matrix is usable.
///
/// @param[in] cost  rows × cols costs
/// @param[in] maximize  whether the largest total will be asked for
/// @return  the largest finite |entry| (0 when there is none)
/// @throws slmatch::validation_error naming the first entry that is NaN, -inf when
///         minimising, or +inf when maximising ("matrix contains invalid numeric entries"),
///         or when finite entries are so large that a sum of min(rows, cols) of them
///         overflows
inline double check_dense_costs(const dense_costs& cost, bool maximize = false) {
  const double refused = detail::refused_infinity(maximize);
  const detail::entry_survey survey =
      detail::survey_entries(cost.data, cost.rows * cost.cols, refused);
  if (survey.invalid) detail::refuse_invalid_entry(cost, refused, 0);
  detail::check_cost_magnitude(survey.largest, cost.rows, cost.cols);
  return survey.largest;
}

namespace detail {

/// Jonker–Volgenant on a rows × cols matrix with rows <= cols, minimising. Row-major costs
/// with +inf for forbidden pairs and no NaN or -inf (checked by the caller).
class jv_solver {
public:
  jv_solver(const double* cost, int rows, int cols)
      : cost_(cost), rows_(rows), cols_(cols), col_of_(static_cast<std::size_t>(rows), -1),
        row_of_(static_cast<std::size_t>(cols), -1), v_(static_cast<std::size_t>(cols), 0.0) {}

  /// Solve; afterwards `col_of`, `row_of` and the prices describe an optimal assignment.
  /// @throws slmatch::infeasible_error when no assignment of every row avoids +inf
  void solve() {
    if (rows_ == 0) return;
    std::vector<int> free_rows;
    if (rows_ == cols_) {
      free_rows = column_reduction();
    } else {
      // Prices must stay <= 0 and be 0 on free columns: start from v = 0 and let augmenting
      // row reduction (which only lowers prices of columns it assigns) do the first pass.
      free_rows.resize(static_cast<std::size_t>(rows_));
      for (int i = 0; i < rows_; ++i) free_rows[static_cast<std::size_t>(i)] = i;
    }
    for (int pass = 0; pass < 2 && !free_rows.empty(); ++pass) {
      free_rows = augmenting_row_reduction(free_rows);
    }
    if (!free_rows.empty()) {
      distance_.resize(static_cast<std::size_t>(cols_));
      pred_.resize(static_cast<std::size_t>(cols_));
      for (int row : free_rows) augment(row);
    }
  }

  const std::vector<int>& col_of() const { return col_of_; }
  const std::vector<double>& col_price() const { return v_; }

  /// u_i = c_{i, col_of[i]} - v_{col_of[i]}: the price that makes each row's pair tight.
  std::vector<double> row_price() const {
    std::vector<double> u(static_cast<std::size_t>(rows_));
    for (int i = 0; i < rows_; ++i) {
      const int j = col_of_[static_cast<std::size_t>(i)];
      u[static_cast<std::size_t>(i)] = row(i)[j] - v_[static_cast<std::size_t>(j)];
    }
    return u;
  }

private:
  static constexpr double inf = std::numeric_limits<double>::infinity();

  const double* row(int i) const {
    return cost_ + static_cast<std::size_t>(i) * static_cast<std::size_t>(cols_);
  }
  [[noreturn]] static void infeasible() { throw infeasible_error("cost matrix is infeasible"); }

  void assign(int i, int j) {
    col_of_[static_cast<std::size_t>(i)] = j;
    row_of_[static_cast<std::size_t>(j)] = i;
  }

  /// Square only. v_j = min_i c_ij; each column goes to its cheapest row, the lowest index
  /// among the cheapest rows that have no column yet (so a constant matrix gives the
  /// identity, as scipy does); rows that got exactly one column then transfer their slack to
  /// its price. Returns the rows left free.
  std::vector<int> column_reduction() {
    const std::size_t n = static_cast<std::size_t>(cols_);
    std::vector<int> cheapest_row(n, 0);
    std::vector<char> tied(n, 0); // more than one row has the column's smallest cost
    for (std::size_t j = 0; j < n; ++j) v_[j] = inf;
    for (int i = 0; i < rows_; ++i) {
      const double* c = row(i);
      for (std::size_t j = 0; j < n; ++j) {
        if (c[j] < v_[j]) {
          v_[j] = c[j];
          cheapest_row[j] = i;
          tied[j] = 0;
        } else if (c[j] == v_[j]) {
          tied[j] = 1;
        }
      }
    }
    std::vector<int> columns_won(static_cast<std::size_t>(rows_), 0);
    for (std::size_t j = 0; j < n; ++j) {
      if (v_[j] == inf) infeasible(); // a column nobody may take
      int i = cheapest_row[j];
      if (columns_won[static_cast<std::size_t>(i)] > 0 && tied[j]) {
        // Another cheapest row without a column takes it, the lowest index first.
        for (int other = i + 1; other < rows_; ++other) {
          if (columns_won[static_cast<std::size_t>(other)] == 0 && row(other)[j] == v_[j]) {
            i = other;
            break;
          }
        }
      }
      if (columns_won[static_cast<std::size_t>(i)]++ == 0) assign(i, static_cast<int>(j));
    }
    std::vector<int> free_rows;
    for (int i = 0; i < rows_; ++i) {
      const int won = columns_won[static_cast<std::size_t>(i)];
      if (won == 0) {
        free_rows.push_back(i);
      } else if (won == 1) {
        // Reduction transfer: lower v of the row's column by its smallest other reduced cost.
        const int own = col_of_[static_cast<std::size_t>(i)];
        const double* c = row(i);
        double smallest = inf;
        for (std::size_t j = 0; j < n; ++j) {
          if (static_cast<int>(j) == own) continue;
          smallest = std::min(smallest, c[j] - v_[j]);
        }
        if (smallest < inf) v_[static_cast<std::size_t>(own)] -= smallest;
      }
    }
    return free_rows;
  }

  /// One pass of augmenting row reduction (row_reduction.hpp) over `free_rows`, scanning
  /// each row whole. Returns the rows left free.
  std::vector<int> augmenting_row_reduction(const std::vector<int>& free_rows) {
    const std::size_t n = static_cast<std::size_t>(cols_);
    return detail::augmenting_row_reduction(
        free_rows, v_, row_of_, col_of_,
        [&](int i) {
          const detail::two_smallest best = smallest_two_reduced(row(i), v_.data(), n);
          if (best.first_col < 0) infeasible(); // every pair of this row is forbidden
          return best;
        },
        [&](int i, int j, std::size_t) { assign(i, j); });
  }

  /// Shortest augmenting path from `start` on reduced costs c_ij - u_i - v_j (Dijkstra:
  /// each step settles the nearest column, the lowest index on ties), then the price update
  /// that keeps every reduced cost >= 0 and every assigned pair tight.
  ///
  /// While the search runs, a settled column's price is parked in `settled_` and replaced by
  /// -inf, and its distance by +inf, so the relaxation loop needs no test for settled
  /// columns: it is one branch-free pass over contiguous arrays that compilers vectorise.
  void augment(int start) {
    const std::size_t n = static_cast<std::size_t>(cols_);
    double* d = distance_.data();
    std::int64_t* pred = pred_.data();
    double* v = v_.data();
    const int* row_of = row_of_.data();

    double nearest = inf;
    {
      const double* c = row(start);
      for (std::size_t j = 0; j < n; ++j) {
        d[j] = c[j] - v[j];
        pred[j] = start;
        nearest = std::min(nearest, d[j]);
      }
    }
    settled_.clear();
    double mu = 0;       // the distance of the column being settled
    std::size_t end = 0; // the free column the path ends at
    for (;;) {
      mu = nearest;
      if (mu == inf) {
        for (const settled_column& s : settled_) v[s.col] = s.price;
        infeasible(); // no free column can be reached
      }
      const std::size_t j1 = column_at(d, n, mu);
      if (row_of[j1] < 0) {
        end = j1;
        break;
      }
      const int i = row_of[j1];
      const double* c = row(i);
      const double offset = c[j1] - v[j1] - mu;
      settled_.push_back({j1, v[j1], mu});
      v[j1] = -inf;
      d[j1] = inf;
      nearest = relax(c, v, offset, i, d, pred, n);
    }
    for (const settled_column& s : settled_) v[s.col] = s.price + s.distance - mu;
    std::size_t j = end;
    for (;;) {
      const int i = static_cast<int>(pred[j]);
      row_of_[j] = i;
      const int next = col_of_[static_cast<std::size_t>(i)];
      col_of_[static_cast<std::size_t>(i)] = static_cast<int>(j);
      if (i == start) break;
      j = static_cast<std::size_t>(next);
    }
  }

  /// d_j = min(d_j, c_j - v_j - offset), remembering `via` as the predecessor of improved
  /// columns; returns the smallest d_j. Branch-free, two columns at a time with SSE2.
  static double relax(const double* SLMATCH_RESTRICT c, const double* SLMATCH_RESTRICT v,
                      double offset, std::int64_t via, double* SLMATCH_RESTRICT d,
                      std::int64_t* SLMATCH_RESTRICT pred, std::size_t n) {
    std::size_t j = 0;
    double smallest = inf;
#if defined(__SSE2__)
    const __m128d offsets = _mm_set1_pd(offset);
    const __m128i vias = _mm_set1_epi64x(via);
    __m128d smallest2 = _mm_set1_pd(inf);
    for (; j + 2 <= n; j += 2) {
      const __m128d h = _mm_sub_pd(_mm_sub_pd(_mm_loadu_pd(c + j), _mm_loadu_pd(v + j)), offsets);
      const __m128d dj = _mm_loadu_pd(d + j);
      const __m128d shorter = _mm_cmplt_pd(h, dj);
      const __m128d updated = _mm_or_pd(_mm_and_pd(shorter, h), _mm_andnot_pd(shorter, dj));
      _mm_storeu_pd(d + j, updated);
      const __m128i mask = _mm_castpd_si128(shorter);
      __m128i* p = reinterpret_cast<__m128i*>(pred + j);
      _mm_storeu_si128(
          p, _mm_or_si128(_mm_and_si128(mask, vias), _mm_andnot_si128(mask, _mm_loadu_si128(p))));
      smallest2 = _mm_min_pd(updated, smallest2);
    }
    alignas(16) double lanes[2];
    _mm_store_pd(lanes, smallest2);
    smallest = std::min(lanes[0], lanes[1]);
#endif
    for (; j < n; ++j) {
      const double h = c[j] - v[j] - offset;
      if (h < d[j]) {
        d[j] = h;
        pred[j] = via;
      }
      smallest = std::min(smallest, d[j]);
    }
    return smallest;
  }

  /// The lowest column whose distance is `nearest` (which is the smallest distance).
  static std::size_t column_at(const double* SLMATCH_RESTRICT d, std::size_t n, double nearest) {
    std::size_t j = 0;
#if defined(__SSE2__)
    // Four columns a step: this scan runs once per settled column, as often as `relax`.
    const __m128d target = _mm_set1_pd(nearest);
    for (; j + 4 <= n; j += 4) {
      const int low = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(d + j), target));
      const int high = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(d + j + 2), target));
      const int hits = low | (high << 2);
      if (hits != 0) return j + (hits & 1 ? 0 : hits & 2 ? 1 : hits & 4 ? 2 : 3);
    }
#endif
    while (j + 1 < n && d[j] != nearest) ++j;
    return j;
  }

  struct settled_column {
    std::size_t col;
    double price;    ///< v before the search
    double distance; ///< its distance when settled
  };
  const double* cost_;
  int rows_, cols_;
  std::vector<int> col_of_, row_of_;
  std::vector<double> v_;
  std::vector<double> distance_;
  std::vector<std::int64_t> pred_;
  std::vector<settled_column> settled_;
};

/// Check the sides and entries of a matrix about to be solved; false when it is empty.
/// @throws slmatch::error when a side exceeds 2^31 - 1
/// @throws slmatch::validation_error as `check_dense_costs`
inline bool check_dense_problem(const dense_costs& cost, bool maximize) {
  if (!check_dense_sides(cost)) return false;
  check_dense_costs(cost, maximize);
  return true;
}

/// The matrix the solvers work on: rows <= cols, minimising. It is the input itself when that
/// is wide and minimised; otherwise a transposed and/or negated copy kept in `storage`.
inline const double* working_dense_matrix(const dense_costs& cost, bool maximize,
                                          std::vector<double>& storage) {
  const bool transpose = cost.rows > cost.cols;
  if (!transpose && !maximize) return cost.data;
  const std::size_t cols = transpose ? cost.rows : cost.cols;
  const double sign = maximize ? -1.0 : 1.0;
  storage.resize(cost.rows * cost.cols);
  if (transpose) {
    constexpr std::size_t block = 32;
    for (std::size_t r0 = 0; r0 < cost.rows; r0 += block)
      for (std::size_t c0 = 0; c0 < cost.cols; c0 += block)
        for (std::size_t r = r0; r < std::min(r0 + block, cost.rows); ++r)
          for (std::size_t c = c0; c < std::min(c0 + block, cost.cols); ++c)
            storage[c * cols + r] = sign * cost.data[r * cost.cols + c];
  } else {
    for (std::size_t k = 0; k < storage.size(); ++k) storage[k] = -cost.data[k];
  }
  return storage.data();
}

/// A solution of the working matrix: the column of each working row and the prices.
struct working_solution {
  std::vector<int> col_of;
  std::vector<double> row_price, col_price;
};

/// Jonker–Volgenant on the whole working matrix (rows <= cols, minimising).
/// @throws slmatch::infeasible_error when no assignment avoids the +inf entries
inline working_solution solve_working_jv(const double* matrix, std::size_t rows, std::size_t cols) {
  jv_solver solver(matrix, static_cast<int>(rows), static_cast<int>(cols));
  solver.solve();
  return {solver.col_of(), solver.row_price(), solver.col_price()};
}

/// The answer, in the input's orientation and sign, to a solution of its working matrix.
inline dense_assignment input_answer(const dense_costs& cost, bool maximize,
                                     working_solution solution) {
  dense_assignment result;
  result.maximize = maximize;
  const bool transpose = cost.rows > cost.cols;
  const std::size_t rows = transpose ? cost.cols : cost.rows;
  const double sign = maximize ? -1.0 : 1.0;
  const std::vector<int>& col_of = solution.col_of;
  std::vector<double> u = std::move(solution.row_price);
  std::vector<double> v = std::move(solution.col_price);
  for (double& price : u) price *= sign;
  for (double& price : v) price *= sign;
  if (!transpose) {
    result.row_ind.resize(rows);
    result.col_ind.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      result.row_ind[i] = static_cast<std::int64_t>(i);
      result.col_ind[i] = col_of[i];
    }
    result.row_price = std::move(u);
    result.col_price = std::move(v);
  } else {
    // Working rows are input columns; list the pairs by input row.
    std::vector<std::int64_t> col_of_input_row(cost.rows, -1);
    for (std::size_t j = 0; j < rows; ++j)
      col_of_input_row[static_cast<std::size_t>(col_of[j])] = static_cast<std::int64_t>(j);
    result.row_ind.reserve(rows);
    result.col_ind.reserve(rows);
    for (std::size_t i = 0; i < cost.rows; ++i) {
      if (col_of_input_row[i] < 0) continue;
      result.row_ind.push_back(static_cast<std::int64_t>(i));
      result.col_ind.push_back(col_of_input_row[i]);
    }
    result.row_price = std::move(v);
    result.col_price = std::move(u);
  }
  for (std::size_t k = 0; k < result.row_ind.size(); ++k)
    result.total += cost.at(static_cast<std::size_t>(result.row_ind[k]),
                            static_cast<std::size_t>(result.col_ind[k]));
  return result;
}

/// The answer for an empty matrix: no pairs, all prices 0.
inline dense_assignment empty_answer(const dense_costs& cost, bool maximize) {
  dense_assignment result;
  result.maximize = maximize;
  result.row_price.assign(cost.rows, 0.0);
  result.col_price.assign(cost.cols, 0.0);
  return result;
}

} // namespace detail

/// Solve the rectangular linear assignment problem on the whole dense matrix with
/// Jonker–Volgenant (no candidate restriction). `solve_dense_assignment` calls this for small
/// matrices and for those with forbidden pairs; it is public so the two paths can be compared.
///
/// @param[in] cost  rows × cols costs; +inf marks a forbidden pair (-inf when maximising)
/// @param[in] maximize  take the largest total instead of the smallest
/// @return  as `solve_dense_assignment`
/// @throws  as `solve_dense_assignment`
/// \note  O(rows² · cols) in the worst case; every tie is broken the same way each time
///        (a constant square matrix gives the identity).
inline dense_assignment solve_dense_assignment_jv(const dense_costs& cost, bool maximize = false) {
  if (!detail::check_dense_problem(cost, maximize)) return detail::empty_answer(cost, maximize);
  std::vector<double> storage;
  const double* matrix = detail::working_dense_matrix(cost, maximize, storage);
  const std::size_t rows = std::min(cost.rows, cost.cols), cols = std::max(cost.rows, cost.cols);
  return detail::input_answer(cost, maximize, detail::solve_working_jv(matrix, rows, cols));
}

/// The tolerance `verify_dense_assignment` uses by default: 1e-9 times the largest finite
/// |cost| (at least 1) times the number of pairs assigned (at least 1). Integer costs of
/// moderate size are solved exactly; floating-point costs carry rounding in the prices.
inline double default_dense_tolerance(const dense_costs& cost) {
  return detail::assignment_tolerance(cost.data, cost.rows * cost.cols, cost.rows, cost.cols);
}

/// Check an assignment and its certificate against the cost matrix: a valid assignment of
/// min(rows, cols) allowed pairs, the stated total, dual feasibility, tight assigned pairs,
/// the sign conditions on the longer side and a zero duality gap (see `dense_assignment`).
///
/// @param[in] cost  the matrix the assignment was solved on
/// @param[in] answer  the assignment and prices to check
/// @param[in] tolerance  allowed slack in each comparison; negative means
///            `default_dense_tolerance(cost)`
/// @throws slmatch::error saying what fails first, naming the row or column
inline void verify_dense_assignment(const dense_costs& cost, const dense_assignment& answer,
                                    double tolerance = -1) {
  if (tolerance < 0) tolerance = default_dense_tolerance(cost);
  const double sign = answer.maximize ? -1.0 : 1.0;
  detail::verify_assignment(
      answer, cost.rows, cost.cols, tolerance, "dense assignment",
      [&](std::size_t r, std::size_t c) { return sign * cost.at(r, c); },
      [&](std::size_t r, auto&& visit) {
        for (std::size_t c = 0; c < cost.cols; ++c) {
          const double value = sign * cost.at(r, c);
          if (std::isfinite(value)) visit(c, value); // forbidden: no constraint
        }
      });
}

} // namespace slmatch
