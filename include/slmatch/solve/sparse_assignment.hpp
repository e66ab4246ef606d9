#pragma once
/// Sparse rectangular assignment (minimum weight full bipartite matching), with dual prices.
///
/// In: a rows × cols matrix in CSR form (indptr, indices, data); each stored entry is an
/// allowed pair with that cost, a missing entry is a forbidden pair, and a stored +inf (-inf
/// when maximising) is forbidden too. Parallel entries for one pair are allowed: the cheaper
/// one (dearer when maximising) is the pair's cost.
/// Out: min(rows, cols) pairs, each row and column used at most once, with the smallest (or,
/// with `maximize`, the largest) total cost, and the LP dual prices that certify it, in the
/// same form as `dense_assignment` (see dense_assignment.hpp for the linear programme).
///
/// The solver runs one shortest augmenting path per row of the shorter side: Dijkstra with a
/// binary heap over the reduced costs c_ij - u_i - v_j of the stored entries only, so the
/// work per path is proportional to the entries it scans, not to rows × cols. Tall matrices
/// (rows > cols) are solved on their transpose. Column prices start at 0 and only fall, which
/// keeps them <= 0 and 0 on columns left free, as the certificate requires.

#include "slmatch/error.hpp"
#include "slmatch/solve/dense_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// A sparse cost matrix in CSR form that the caller owns.
///
/// Row r's entries are `indices[k]` (columns) and `data[k]` (costs) for k in
/// [indptr[r], indptr[r + 1]); `indptr` has rows + 1 entries.
struct sparse_costs {
  const std::int64_t* indptr = nullptr;
  const std::int64_t* indices = nullptr;
  const double* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;

  /// The number of stored entries.
  std::size_t entries() const { return rows == 0 ? 0 : static_cast<std::size_t>(indptr[rows]); }
};

/// An optimal sparse assignment and its certificate; the fields mean what they mean in
/// `dense_assignment`, with "allowed pair" read as "stored finite entry".
using sparse_assignment = dense_assignment;

/// Check that a CSR matrix is well formed and its entries usable.
///
/// @param[in] cost  the CSR matrix
/// @param[in] maximize  whether the largest total will be asked for
/// @throws slmatch::error when indptr does not start at 0, decreases, or a column index is
///         outside the matrix
/// @throws slmatch::validation_error naming the first entry that is NaN, or -inf when
///         minimising (+inf when maximising): "matrix contains invalid numeric entries"
inline void check_sparse_costs(const sparse_costs& cost, bool maximize = false) {
  if (cost.rows == 0) return;
  if (cost.indptr[0] != 0) throw error("sparse matrix: indptr must start at 0");
  for (std::size_t r = 0; r < cost.rows; ++r)
    if (cost.indptr[r + 1] < cost.indptr[r])
      throw error("sparse matrix: indptr decreases at row " + std::to_string(r));
  const double invalid_infinity =
      maximize ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  for (std::size_t r = 0; r < cost.rows; ++r) {
    for (auto k = static_cast<std::size_t>(cost.indptr[r]);
         k < static_cast<std::size_t>(cost.indptr[r + 1]); ++k) {
      const std::int64_t c = cost.indices[k];
      if (c < 0 || static_cast<std::size_t>(c) >= cost.cols)
        throw error("sparse matrix: column index " + std::to_string(c) + " of row " +
                    std::to_string(r) + " is outside the matrix");
      if (std::isnan(cost.data[k]) || cost.data[k] == invalid_infinity)
        throw validation_error(
            {{"cost matrix", "[" + std::to_string(r) + ", " + std::to_string(c) + "]",
              "matrix contains invalid numeric entries"}});
    }
  }
}

namespace detail {

/// A CSR matrix that owns its arrays; rows <= cols, minimising, forbidden entries dropped.
struct owned_csr {
  std::size_t rows = 0, cols = 0;
  std::vector<std::int64_t> indptr, indices;
  std::vector<double> data;
};

/// The working matrix: transposed when tall, negated when maximising, with +inf entries
/// (after the sign change) left out. A counting sort keeps the order of entries stable.
inline owned_csr working_matrix(const sparse_costs& cost, bool transpose, double sign) {
  owned_csr m;
  m.rows = transpose ? cost.cols : cost.rows;
  m.cols = transpose ? cost.rows : cost.cols;
  m.indptr.assign(m.rows + 1, 0);
  auto allowed = [&](std::size_t k) { return std::isfinite(cost.data[k]); };
  for (std::size_t r = 0; r < cost.rows; ++r)
    for (auto k = static_cast<std::size_t>(cost.indptr[r]);
         k < static_cast<std::size_t>(cost.indptr[r + 1]); ++k)
      if (allowed(k)) ++m.indptr[(transpose ? static_cast<std::size_t>(cost.indices[k]) : r) + 1];
  for (std::size_t r = 0; r < m.rows; ++r) m.indptr[r + 1] += m.indptr[r];
  m.indices.resize(static_cast<std::size_t>(m.indptr[m.rows]));
  m.data.resize(m.indices.size());
  std::vector<std::int64_t> next(m.indptr.begin(), m.indptr.end() - 1);
  for (std::size_t r = 0; r < cost.rows; ++r) {
    for (auto k = static_cast<std::size_t>(cost.indptr[r]);
         k < static_cast<std::size_t>(cost.indptr[r + 1]); ++k) {
      if (!allowed(k)) continue;
      const auto c = static_cast<std::size_t>(cost.indices[k]);
      const std::size_t row = transpose ? c : r;
      const auto slot = static_cast<std::size_t>(next[row]++);
      m.indices[slot] = static_cast<std::int64_t>(transpose ? r : c);
      m.data[slot] = sign * cost.data[k];
    }
  }
  return m;
}

/// Shortest augmenting paths on a sparse matrix with rows <= cols, minimising, every stored
/// entry finite.
class sparse_sap_solver {
public:
  explicit sparse_sap_solver(const owned_csr& m)
      : m_(m), col_of_(m.rows, -1), row_of_(m.cols, -1), matched_cost_(m.rows, 0.0),
        v_(m.cols, 0.0), distance_(m.cols, inf), pred_(m.cols, -1), pred_cost_(m.cols, 0.0),
        seen_(m.cols, 0), settled_(m.cols, 0) {}

  /// Assign every row. @throws slmatch::infeasible_error when some row cannot be assigned
  void solve() {
    for (std::size_t r = 0; r < m_.rows; ++r) augment(r);
  }

  const std::vector<std::int64_t>& col_of() const { return col_of_; }
  const std::vector<double>& col_price() const { return v_; }
  /// The cost of each row's assigned entry.
  const std::vector<double>& matched_cost() const { return matched_cost_; }

  /// u_i = c_{i, col_of[i]} - v_{col_of[i]}: the price that makes each row's pair tight.
  std::vector<double> row_price() const {
    std::vector<double> u(m_.rows);
    for (std::size_t i = 0; i < m_.rows; ++i)
      u[i] = matched_cost_[i] - v_[static_cast<std::size_t>(col_of_[i])];
    return u;
  }

private:
  static constexpr double inf = std::numeric_limits<double>::infinity();
  using heap_entry = std::pair<double, std::size_t>; // (distance, column): lowest index on ties

  /// Dijkstra from `start` over reduced costs, then the price update and the augmentation.
  void augment(std::size_t start) {
    ++epoch_;
    std::priority_queue<heap_entry, std::vector<heap_entry>, std::greater<>> heap;
    settled_cols_.clear();
    auto reach = [&](std::size_t j, double distance, std::size_t via, double edge_cost) {
      if (settled_[j] == epoch_) return;
      if (seen_[j] == epoch_ && distance >= distance_[j]) return;
      seen_[j] = epoch_;
      distance_[j] = distance;
      pred_[j] = static_cast<std::int64_t>(via);
      pred_cost_[j] = edge_cost;
      heap.emplace(distance, j);
    };
    for (auto k = static_cast<std::size_t>(m_.indptr[start]);
         k < static_cast<std::size_t>(m_.indptr[start + 1]); ++k) {
      const auto j = static_cast<std::size_t>(m_.indices[k]);
      reach(j, m_.data[k] - v_[j], start, m_.data[k]);
    }
    double mu = 0;
    std::size_t end = 0;
    for (;;) {
      if (heap.empty()) throw infeasible_error("no full matching exists");
      const auto [distance, j] = heap.top();
      heap.pop();
      if (settled_[j] == epoch_ || distance != distance_[j]) continue; // stale
      mu = distance;
      if (row_of_[j] < 0) {
        end = j;
        break;
      }
      settled_[j] = epoch_;
      settled_cols_.push_back(j);
      const auto i = static_cast<std::size_t>(row_of_[j]);
      const double offset = matched_cost_[i] - v_[j] - mu; // u_i - mu: i's pair is tight
      for (auto k = static_cast<std::size_t>(m_.indptr[i]);
           k < static_cast<std::size_t>(m_.indptr[i + 1]); ++k) {
        const auto col = static_cast<std::size_t>(m_.indices[k]);
        reach(col, m_.data[k] - v_[col] - offset, i, m_.data[k]);
      }
    }
    for (std::size_t j : settled_cols_) v_[j] += distance_[j] - mu;
    std::size_t j = end;
    for (;;) {
      const auto i = static_cast<std::size_t>(pred_[j]);
      row_of_[j] = static_cast<std::int64_t>(i);
      const std::int64_t next = col_of_[i];
      col_of_[i] = static_cast<std::int64_t>(j);
      matched_cost_[i] = pred_cost_[j];
      if (i == start) break;
      j = static_cast<std::size_t>(next);
    }
  }

  const owned_csr& m_;
  std::vector<std::int64_t> col_of_, row_of_;
  std::vector<double> matched_cost_; ///< the cost of each row's assigned entry
  std::vector<double> v_;
  std::vector<double> distance_;
  std::vector<std::int64_t> pred_;
  std::vector<double> pred_cost_; ///< the cost of the entry (pred_[j], j) that reached j
  std::vector<std::uint64_t> seen_, settled_;
  std::vector<std::size_t> settled_cols_;
  std::uint64_t epoch_ = 0;
};

} // namespace detail

/// Solve the rectangular linear assignment problem on a sparse cost matrix: a minimum
/// (or maximum) weight matching that covers the shorter side.
///
/// @param[in] cost  the CSR matrix; missing entries and stored +inf (-inf when maximising)
///            are forbidden pairs
/// @param[in] maximize  take the largest total instead of the smallest
/// @return  one column per row (rows ≤ cols) or one row per column (rows > cols), rows
///          ascending, with the dual prices that certify optimality
/// @throws slmatch::error when the CSR arrays are malformed
/// @throws slmatch::validation_error when an entry is NaN, or -inf (+inf when maximising)
/// @throws slmatch::infeasible_error ("no full matching exists") when no matching covers the
///         shorter side
/// \note  Ties are broken by the lowest column index, so equal inputs give equal outputs.
inline sparse_assignment solve_sparse_assignment(const sparse_costs& cost, bool maximize = false) {
  sparse_assignment result;
  result.maximize = maximize;
  result.row_price.assign(cost.rows, 0.0);
  result.col_price.assign(cost.cols, 0.0);
  check_sparse_costs(cost, maximize);
  if (cost.rows == 0 || cost.cols == 0) return result;

  const bool transpose = cost.rows > cost.cols;
  const double sign = maximize ? -1.0 : 1.0;
  const detail::owned_csr working = detail::working_matrix(cost, transpose, sign);
  detail::sparse_sap_solver solver(working);
  solver.solve();

  const std::vector<std::int64_t>& col_of = solver.col_of();
  std::vector<double> u = solver.row_price();
  std::vector<double> v = solver.col_price();
  for (double& price : u) price *= sign;
  for (double& price : v) price *= sign;
  std::vector<double> pair_cost = solver.matched_cost();
  for (double& value : pair_cost) value *= sign;
  if (!transpose) {
    result.row_ind.resize(working.rows);
    result.col_ind.resize(working.rows);
    for (std::size_t i = 0; i < working.rows; ++i) {
      result.row_ind[i] = static_cast<std::int64_t>(i);
      result.col_ind[i] = col_of[i];
      result.total += pair_cost[i];
    }
    result.row_price = std::move(u);
    result.col_price = std::move(v);
  } else {
    std::vector<std::int64_t> col_of_input_row(cost.rows, -1);
    std::vector<double> cost_of_input_row(cost.rows, 0.0);
    for (std::size_t j = 0; j < working.rows; ++j) {
      const auto r = static_cast<std::size_t>(col_of[j]);
      col_of_input_row[r] = static_cast<std::int64_t>(j);
      cost_of_input_row[r] = pair_cost[j];
    }
    for (std::size_t r = 0; r < cost.rows; ++r) {
      if (col_of_input_row[r] < 0) continue;
      result.row_ind.push_back(static_cast<std::int64_t>(r));
      result.col_ind.push_back(col_of_input_row[r]);
      result.total += cost_of_input_row[r];
    }
    result.row_price = std::move(v);
    result.col_price = std::move(u);
  }
  return result;
}

/// The tolerance `verify_sparse_assignment` uses by default: 1e-9 times the largest finite
/// |cost| (at least 1) times the number of pairs assigned (at least 1).
inline double default_sparse_tolerance(const sparse_costs& cost) {
  return detail::assignment_tolerance(cost.data, cost.entries(), cost.rows, cost.cols);
}

/// Check a sparse assignment and its certificate: min(rows, cols) pairs on stored finite
/// entries, rows ascending, no column twice, the stated total, reduced costs >= 0 on every
/// entry (<= 0 when maximising) and 0 on assigned pairs, the sign conditions on the longer
/// side and a zero duality gap.
///
/// @param[in] cost  the CSR matrix the assignment was solved on (well formed)
/// @param[in] answer  the assignment and prices to check
/// @param[in] tolerance  allowed slack in each comparison; negative means
///            `default_sparse_tolerance(cost)`
/// @throws slmatch::error saying what fails first, naming the row or column
inline void verify_sparse_assignment(const sparse_costs& cost, const sparse_assignment& answer,
                                     double tolerance = -1) {
  auto fail = [](const std::string& message) { throw error("sparse assignment: " + message); };
  auto str = [](auto value) { return std::to_string(value); };
  if (tolerance < 0) tolerance = default_sparse_tolerance(cost);
  const std::size_t rows = cost.rows, cols = cost.cols;
  const std::size_t pairs = std::min(rows, cols);
  const double sign = answer.maximize ? -1.0 : 1.0; // compare sign * values as if minimising
  const double inf = std::numeric_limits<double>::infinity();

  if (answer.row_ind.size() != pairs || answer.col_ind.size() != pairs)
    fail("expected " + str(pairs) + " pairs, got " + str(answer.row_ind.size()) + " rows and " +
         str(answer.col_ind.size()) + " columns");
  if (answer.row_price.size() != rows || answer.col_price.size() != cols)
    fail("expected " + str(rows) + " row prices and " + str(cols) + " column prices");
  for (double price : answer.row_price)
    if (!std::isfinite(price)) fail("a row price is not finite");
  for (double price : answer.col_price)
    if (!std::isfinite(price)) fail("a column price is not finite");

  std::vector<std::int64_t> col_of(rows, -1), row_of(cols, -1);
  double total = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    const std::int64_t r = answer.row_ind[k], c = answer.col_ind[k];
    if (r < 0 || static_cast<std::size_t>(r) >= rows || c < 0 ||
        static_cast<std::size_t>(c) >= cols)
      fail("pair " + str(k) + " is outside the matrix");
    if (k > 0 && r <= answer.row_ind[k - 1])
      fail("rows are not strictly ascending at pair " + str(k));
    if (row_of[static_cast<std::size_t>(c)] >= 0) fail("column " + str(c) + " is assigned twice");
    double best = inf; // sign * the pair's cost: the best of its stored entries
    for (auto e = static_cast<std::size_t>(cost.indptr[r]);
         e < static_cast<std::size_t>(cost.indptr[r + 1]); ++e)
      if (cost.indices[e] == c) best = std::min(best, sign * cost.data[e]);
    if (!std::isfinite(best)) fail("row " + str(r) + " is assigned to forbidden column " + str(c));
    col_of[static_cast<std::size_t>(r)] = c;
    row_of[static_cast<std::size_t>(c)] = r;
    total += sign * best;
  }
  if (std::abs(total - answer.total) > tolerance)
    fail("stated total " + str(answer.total) + " differs from the pairs' total " + str(total));

  for (std::size_t r = 0; r < rows; ++r) {
    const double u = sign * answer.row_price[r];
    for (auto e = static_cast<std::size_t>(cost.indptr[r]);
         e < static_cast<std::size_t>(cost.indptr[r + 1]); ++e) {
      const double value = sign * cost.data[e];
      if (!std::isfinite(value)) continue; // forbidden: no constraint
      const auto c = static_cast<std::size_t>(cost.indices[e]);
      const double slack = value - u - sign * answer.col_price[c];
      if (slack < -tolerance)
        fail("prices of row " + str(r) + " and column " + str(c) + " exceed its cost");
    }
    if (col_of[r] >= 0) {
      const auto c = static_cast<std::size_t>(col_of[r]);
      double best = inf;
      for (auto e = static_cast<std::size_t>(cost.indptr[r]);
           e < static_cast<std::size_t>(cost.indptr[r + 1]); ++e)
        if (cost.indices[e] == col_of[r]) best = std::min(best, sign * cost.data[e]);
      if (best - u - sign * answer.col_price[c] > tolerance)
        fail("assigned pair (" + str(r) + ", " + str(c) + ") is not tight");
    }
  }
  auto check_side = [&](const std::vector<double>& prices, const std::vector<std::int64_t>& mate,
                        const char* side) {
    for (std::size_t k = 0; k < prices.size(); ++k) {
      const double price = sign * prices[k];
      if (price > tolerance)
        fail(std::string(side) + " " + str(k) + " has a price of the wrong sign");
      if (mate[k] < 0 && price < -tolerance)
        fail(std::string("unassigned ") + side + " " + str(k) + " has a nonzero price");
    }
  };
  if (rows < cols) check_side(answer.col_price, row_of, "column");
  if (rows > cols) check_side(answer.row_price, col_of, "row");

  double dual = 0;
  for (double price : answer.row_price) dual += price;
  for (double price : answer.col_price) dual += price;
  if (std::abs(dual - total) > tolerance)
    fail("duality gap: prices sum to " + str(dual) + ", total is " + str(total));
}

} // namespace slmatch
