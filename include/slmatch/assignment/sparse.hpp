#pragma once
/// Sparse rectangular assignment (minimum weight full bipartite matching), with dual prices.
///
/// In: a rows × cols matrix in CSR form (indptr, indices, data); each stored entry is an
/// allowed pair with that cost, a missing entry is a forbidden pair, and a stored +inf (-inf
/// when maximising) is forbidden too. Parallel entries for one pair are allowed: the cheaper
/// one (dearer when maximising) is the pair's cost.
/// Out: min(rows, cols) pairs, each row and column used at most once, with the smallest (or,
/// with `maximize`, the largest) total cost, and the LP dual prices that certify it, in the
/// same form as `dense_assignment` (see result.hpp for the linear programme).
///
/// The solver is Jonker–Volgenant's on the stored entries only (as LAPJVsp): column reduction
/// with reduction transfer (square matrices), two passes of augmenting row reduction, then one
/// shortest augmenting path per row left free, found by Dijkstra over the reduced costs
/// c_ij - u_i - v_j with a monotone radix queue. The work per path is proportional to the
/// entries it scans, not to rows × cols; long rows are ordered by reduced cost once they
/// are read again, so a search reads only the entries that could come before the nearest
/// free column. Tall matrices (rows > cols) are solved on their
/// transpose. On wide matrices column prices start at 0 and only fall, which keeps them <= 0
/// and 0 on columns left free, as the certificate requires.

#include "slmatch/assignment/certificate.hpp"
#include "slmatch/assignment/result.hpp"
#include "slmatch/assignment/row_reduction.hpp"
#include "slmatch/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
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

/// Check that a CSR matrix is well formed and its entries usable.
///
/// @param[in] cost  the CSR matrix
/// @param[in] maximize  whether the largest total will be asked for
/// @throws slmatch::error when indptr does not start at 0, decreases, or a column index is
///         outside the matrix
/// @throws slmatch::validation_error naming the first entry that is NaN, or -inf when
///         minimising (+inf when maximising): "matrix contains invalid numeric entries",
///         or finite entries so large that a sum of min(rows, cols) of them overflows
inline void check_sparse_costs(const sparse_costs& cost, bool maximize = false) {
  if (cost.rows == 0) return;
  if (cost.indptr[0] != 0) throw error("sparse matrix: indptr must start at 0");
  for (std::size_t r = 0; r < cost.rows; ++r)
    if (cost.indptr[r + 1] < cost.indptr[r])
      throw error("sparse matrix: indptr decreases at row " + std::to_string(r));
  const double invalid_infinity =
      maximize ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  double largest = 0;
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
      if (std::isfinite(cost.data[k])) largest = std::max(largest, std::abs(cost.data[k]));
    }
  }
  detail::check_cost_magnitude(largest, cost.rows, cost.cols);
}

namespace detail {

/// A CSR matrix that owns its arrays; rows <= cols, minimising, forbidden entries dropped.
/// Column indices are 32-bit and costs are `Cost`: float when every cost is exactly a
/// float (integer costs up to 2^24, as most schemes and benchmarks have), else double.
/// Row scans are bound by memory traffic, which this cuts by a third to a half; the values
/// are the same, so the answer is too.
template <class Cost> struct owned_csr {
  std::size_t rows = 0, cols = 0;
  std::vector<std::int64_t> indptr;
  std::vector<int> indices;
  std::vector<Cost> data;
};

/// Whether every finite entry is exactly a float (and so may be stored as one).
inline bool costs_fit_float(const sparse_costs& cost) {
  for (std::size_t k = 0; k < cost.entries(); ++k) {
    const double x = cost.data[k];
    if (!std::isfinite(x)) continue;
    if (std::abs(x) > static_cast<double>(std::numeric_limits<float>::max()) ||
        static_cast<double>(static_cast<float>(x)) != x)
      return false;
  }
  return true;
}

/// The working matrix: transposed when tall, negated when maximising, with +inf entries
/// (after the sign change) left out. A counting sort keeps the order of entries stable.
template <class Cost>
owned_csr<Cost> working_matrix(const sparse_costs& cost, bool transpose, double sign) {
  owned_csr<Cost> m;
  m.rows = transpose ? cost.cols : cost.rows;
  m.cols = transpose ? cost.rows : cost.cols;
  m.indptr.assign(m.rows + 1, 0);
  auto allowed = [&](std::size_t k) { return std::isfinite(cost.data[k]); };
  if (!transpose) {
    std::size_t kept = 0;
    const std::size_t entries = cost.entries();
    m.indices.resize(entries);
    m.data.resize(entries);
    for (std::size_t r = 0; r < cost.rows; ++r) {
      for (auto k = static_cast<std::size_t>(cost.indptr[r]);
           k < static_cast<std::size_t>(cost.indptr[r + 1]); ++k) {
        if (!allowed(k)) continue;
        m.indices[kept] = static_cast<int>(cost.indices[k]);
        m.data[kept++] = static_cast<Cost>(sign * cost.data[k]);
      }
      m.indptr[r + 1] = static_cast<std::int64_t>(kept);
    }
    m.indices.resize(kept);
    m.data.resize(kept);
    return m;
  }
  for (std::size_t k = 0; k < cost.entries(); ++k)
    if (allowed(k)) ++m.indptr[static_cast<std::size_t>(cost.indices[k]) + 1];
  for (std::size_t r = 0; r < m.rows; ++r) m.indptr[r + 1] += m.indptr[r];
  m.indices.resize(static_cast<std::size_t>(m.indptr[m.rows]));
  m.data.resize(m.indices.size());
  std::vector<std::int64_t> next(m.indptr.begin(), m.indptr.end() - 1);
  for (std::size_t r = 0; r < cost.rows; ++r) {
    for (auto k = static_cast<std::size_t>(cost.indptr[r]);
         k < static_cast<std::size_t>(cost.indptr[r + 1]); ++k) {
      if (!allowed(k)) continue;
      const auto slot = static_cast<std::size_t>(next[static_cast<std::size_t>(cost.indices[k])]++);
      m.indices[slot] = static_cast<int>(r);
      m.data[slot] = static_cast<Cost>(sign * cost.data[k]);
    }
  }
  return m;
}

/// A monotone priority queue of columns keyed by distance (a radix heap): the keys popped
/// never decrease, and every key pushed is at least the last key popped, as in Dijkstra.
/// Keys equal to the last popped one wait in one list, so the many ties of integer costs
/// cost O(1) each; any other key waits in the bucket named by the highest bit in which its
/// order-preserving 64-bit code differs from the last popped key's. Pushing is O(1); an
/// entry moves to a lower bucket at most 64 times before it is popped. Entries are never
/// removed early: the caller skips stale ones.
class monotone_queue {
public:
  struct entry {
    // Built in place: a brace-initialised temporary costs a store-forwarding stall here.
    entry(double key_, int col_) : key(key_), col(col_) {}
    double key;
    int col;
  };

  /// Empty the queue and forget the last key.
  void clear() {
    equal_.clear();
    for (std::uint64_t mask = nonempty_; mask != 0; mask &= mask - 1)
      buckets_[lowest_bit(mask)].clear();
    nonempty_ = 0;
    last_ = 0;
  }
  bool empty() const { return equal_.empty() && nonempty_ == 0; }

  /// Add `col` with `key` >= the last key popped (callers clamp rounding noise).
  void push(double key, int col) {
    const std::uint64_t differ = code_of(key) ^ last_;
    if (differ == 0) {
      equal_.emplace_back(key, col);
      return;
    }
    const int b = highest_bit(differ);
    buckets_[b].emplace_back(key, col);
    nonempty_ |= std::uint64_t{1} << b;
  }

  /// An entry of the smallest key; the queue must not be empty.
  const entry& top() {
    if (equal_.empty()) spill();
    return equal_.back();
  }
  /// Remove `top()`.
  void pop() { equal_.pop_back(); }
  /// The entry `top()` gives next if its key equals the last popped one; else null (the
  /// next is not known until the buckets are spilled).
  const entry* next_of_equal_key() const { return equal_.empty() ? nullptr : &equal_.back(); }

private:
  /// Order-preserving code: a < b exactly when code_of(a) < code_of(b); -0.0 counts as +0.0.
  static std::uint64_t code_of(double key) {
    key += 0.0; // -0.0 becomes +0.0
    std::uint64_t bits = 0;
    std::memcpy(&bits, &key, sizeof bits);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
  }
  static int lowest_bit(std::uint64_t mask) {
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(mask);
#else
    int b = 0;
    while ((mask & 1) == 0) mask >>= 1, ++b;
    return b;
#endif
  }
  static int highest_bit(std::uint64_t mask) {
#if defined(__GNUC__) || defined(__clang__)
    return 63 - __builtin_clzll(mask);
#else
    int b = 63;
    while ((mask >> b) == 0) --b;
    return b;
#endif
  }

  /// No key equals the last one: make the smallest key the last one and redistribute the
  /// lowest bucket holding entries (all of them agree with that key above its bit).
  void spill() {
    const int b = lowest_bit(nonempty_);
    std::vector<entry>& from = buckets_[b];
    std::uint64_t smallest = code_of(from.front().key);
    for (const entry& e : from) smallest = std::min(smallest, code_of(e.key));
    last_ = smallest;
    nonempty_ &= ~(std::uint64_t{1} << b);
    for (const entry& e : from) push(e.key, e.col); // each lands below bucket b
    from.clear();
  }

  std::vector<entry> equal_; ///< keys equal to the last popped key
  std::vector<entry> buckets_[64];
  std::uint64_t nonempty_ = 0; ///< bit b is set when buckets_[b] holds entries
  std::uint64_t last_ = 0;     ///< the code of the last popped key
};

/// Jonker–Volgenant on a sparse matrix with rows <= cols, minimising, every stored entry
/// finite: column reduction with reduction transfer (square matrices only), two passes of
/// augmenting row reduction, then one shortest augmenting path per row left free.
///
/// The preprocessing assigns most rows in time proportional to the entries; the paths then
/// run Dijkstra over the stored entries of the rows they reach, with a monotone queue of the
/// assigned columns reached and the nearest free column kept aside: the search stops as
/// soon as no assigned column is nearer than it. Per-column state is reset lazily (only the
/// columns a search touched), so a short path costs only what it scans. Each step is
/// deterministic, so equal inputs give equal outputs.
template <class Cost> class sparse_jv_solver {
public:
  explicit sparse_jv_solver(owned_csr<Cost>& m)
      : m_(m), rows_(static_cast<int>(m.rows)), cols_(static_cast<int>(m.cols)),
        col_of_(m.rows, -1), row_of_(m.cols, -1), matched_cost_(m.rows, 0.0), v_(m.cols, 0.0) {}

  /// Assign every row. @throws slmatch::infeasible_error when some row cannot be assigned
  void solve() {
    if (rows_ == 0) return;
    std::vector<int> free_rows;
    if (rows_ == cols_) {
      free_rows = column_reduction();
    } else {
      // Prices must stay <= 0 and be 0 on free columns: start from v = 0; every later step
      // only lowers the prices of columns that are, and stay, assigned.
      free_rows.resize(static_cast<std::size_t>(rows_));
      for (int i = 0; i < rows_; ++i) free_rows[static_cast<std::size_t>(i)] = i;
    }
    for (int pass = 0; pass < 2 && !free_rows.empty(); ++pass)
      free_rows = augmenting_row_reduction(free_rows);
    if (free_rows.empty()) return;
    distance_.assign(m_.cols, inf);
    pred_entry_.assign(m_.cols, 0);
    touched_.assign(m_.cols + 1, 0); // + 1: the slot written when a column is reached again
    std::size_t longest_row = 0;
    for (std::size_t i = 0; i < m_.rows; ++i)
      longest_row =
          std::max(longest_row, static_cast<std::size_t>(m_.indptr[i + 1] - m_.indptr[i]));
    if (longest_row > shortest_ordered_row)
      floor_.assign(m_.indices.size(), 0.0); // read only in ordered rows
    shorter_.assign(longest_row, 0);
    row_reads_.assign(m_.rows, 0);
    for (int row : free_rows) augment(row);
  }

  const std::vector<int>& col_of() const { return col_of_; }
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

  [[noreturn]] static void infeasible() { throw infeasible_error("no full matching exists"); }
  /// Ask for the cache line at `address` ahead of its use (a hint; no effect elsewhere).
  static void prefetch(const void* address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
  }
  std::size_t begin(int i) const { return static_cast<std::size_t>(m_.indptr[i]); }
  std::size_t end(int i) const { return static_cast<std::size_t>(m_.indptr[i + 1]); }

  void assign(int i, int j, double cost) {
    col_of_[static_cast<std::size_t>(i)] = j;
    row_of_[static_cast<std::size_t>(j)] = i;
    matched_cost_[static_cast<std::size_t>(i)] = cost;
  }

  /// Square only. v_j = the cheapest entry of column j; each column goes to the row of that
  /// entry (the lowest row on ties) unless the row already has one; rows that got exactly
  /// one column then transfer their slack to its price. Returns the rows left free.
  std::vector<int> column_reduction() {
    const std::size_t n = m_.cols;
    std::vector<int> cheapest_row(n, -1);
    std::fill(v_.begin(), v_.end(), inf);
    for (int i = 0; i < rows_; ++i) {
      for (std::size_t k = begin(i); k < end(i); ++k) {
        const auto j = static_cast<std::size_t>(m_.indices[k]);
        if (m_.data[k] < v_[j]) {
          v_[j] = m_.data[k];
          cheapest_row[j] = i;
        }
      }
    }
    std::vector<int> columns_won(m_.rows, 0);
    for (std::size_t j = 0; j < n; ++j) {
      if (cheapest_row[j] < 0) infeasible(); // a column with no entry
      const int i = cheapest_row[j];
      if (columns_won[static_cast<std::size_t>(i)]++ == 0) assign(i, static_cast<int>(j), v_[j]);
    }
    std::vector<int> free_rows;
    for (int i = 0; i < rows_; ++i) {
      const int won = columns_won[static_cast<std::size_t>(i)];
      if (won == 0) {
        free_rows.push_back(i);
      } else if (won == 1) {
        // Reduction transfer: lower v of the row's column by its smallest other reduced cost.
        const int own = col_of_[static_cast<std::size_t>(i)];
        double smallest = inf;
        for (std::size_t k = begin(i); k < end(i); ++k) {
          const int j = m_.indices[k];
          if (j != own) smallest = std::min(smallest, m_.data[k] - v_[static_cast<std::size_t>(j)]);
        }
        if (smallest < inf) v_[static_cast<std::size_t>(own)] -= smallest;
      }
    }
    return free_rows;
  }

  /// One pass of augmenting row reduction (row_reduction.hpp) over `free_rows`, scanning
  /// each row's stored entries. Returns the rows left free.
  std::vector<int> augmenting_row_reduction(const std::vector<int>& free_rows) {
    return detail::augmenting_row_reduction(
        free_rows, v_, row_of_, col_of_,
        [&](int i) {
          detail::two_smallest best;
          for (std::size_t e = begin(i); e < end(i); ++e) {
            const int j = m_.indices[e];
            best.offer(m_.data[e] - v_[static_cast<std::size_t>(j)], j, e);
          }
          if (best.first_col < 0) infeasible(); // a row with no entry
          return best;
        },
        [&](int i, int j, std::size_t e) { assign(i, j, m_.data[e]); });
  }

  /// Column j is reached at `distance` < its current one through entry `entry`.
  void improve(int j, double distance, std::size_t entry) {
    const auto col = static_cast<std::size_t>(j);
    // Remember the column the first time it is reached (no branch: it is unpredictable).
    touched_[touched_count_] = j;
    touched_count_ += distance_[col] == inf ? 1 : 0;
    distance_[col] = distance;
    pred_entry_[col] = entry;
    if (row_of_[col] >= 0) {
      if (distance < free_distance_) queue_.push(distance, j); // else it is never settled
    } else if (distance < free_distance_ || (distance == free_distance_ && j < free_col_)) {
      free_distance_ = distance;
      free_col_ = j;
    }
  }

  /// The row whose entries include entry k.
  int row_of_entry(std::size_t k) const {
    const auto after =
        std::upper_bound(m_.indptr.begin(), m_.indptr.end(), static_cast<std::int64_t>(k));
    return static_cast<int>(after - m_.indptr.begin()) - 1;
  }

  /// Put row i's entries in order of a lower bound on their reduced cost, kept in `floor_`,
  /// so that a search can stop reading the row at the first entry that could not reach a
  /// column before the nearest free one. Done once per row of more than
  /// `shortest_ordered_row` entries, when a search settles its column for the second time;
  /// prices only fall, so c_ij - v_j then stays a lower bound for good. Until then (and
  /// in short rows) a search reads every entry.
  ///
  /// Late searches read only a few entries of each row, so only the `ordered_entries`
  /// smallest (by reduced cost, then position in the row) are sorted, with their own
  /// reduced costs as floors; the rest keep their column order behind them, each with the
  /// smallest of their reduced costs as its floor. Floors never decrease along the row.
  void order_row(int i) {
    const std::size_t first = begin(i), last = end(i);
    ranked_.clear();
    for (std::size_t k = first; k < last; ++k)
      ranked_.push_back(
          {m_.data[k] - v_[static_cast<std::size_t>(m_.indices[k])], static_cast<int>(k - first)});
    const auto before = [](const ranked_entry& a, const ranked_entry& b) {
      return a.reduced != b.reduced ? a.reduced < b.reduced : a.position < b.position;
    };
    std::size_t sorted = ranked_.size();
    double tail_floor = 0.0;
    if (ranked_.size() > ordered_entries) {
      sorted = ordered_entries;
      by_rank_ = ranked_;
      std::nth_element(by_rank_.begin(), by_rank_.begin() + static_cast<std::ptrdiff_t>(sorted),
                       by_rank_.end(), before);
      const ranked_entry pivot = by_rank_[sorted]; // the first entry of the tail
      tail_floor = pivot.reduced;
      // The head in rank order, then the tail in the row's own order: both fixed by the
      // input alone, whichever way nth_element arranged the rest.
      by_rank_.resize(sorted);
      std::sort(by_rank_.begin(), by_rank_.end(), before);
      for (const ranked_entry& e : ranked_)
        if (!before(e, pivot)) by_rank_.push_back(e);
    } else {
      by_rank_ = ranked_;
      std::sort(by_rank_.begin(), by_rank_.end(), before);
    }
    row_indices_.resize(by_rank_.size());
    row_data_.resize(by_rank_.size());
    for (std::size_t t = 0; t < by_rank_.size(); ++t) {
      const std::size_t k = first + static_cast<std::size_t>(by_rank_[t].position);
      row_indices_[t] = m_.indices[k];
      row_data_[t] = m_.data[k];
      floor_[first + t] = t < sorted ? by_rank_[t].reduced : tail_floor;
    }
    std::copy(row_indices_.begin(), row_indices_.end(),
              m_.indices.begin() + static_cast<std::ptrdiff_t>(first));
    std::copy(row_data_.begin(), row_data_.end(),
              m_.data.begin() + static_cast<std::ptrdiff_t>(first));
    row_reads_[static_cast<std::size_t>(i)] = 2;
  }

  /// Dijkstra from `start` over reduced costs, then the price update and the augmentation.
  ///
  /// The nearest column reached is settled until no assigned column is nearer than the
  /// nearest free one. A settled column's distance is parked in `settled_` and replaced by
  /// -inf, so `distance < d_j` fails for settled columns and holds for unreached ones
  /// (+inf). A settled column's row is read in `floor_` order up to the first entry whose
  /// distance would exceed the nearest free column's: the search ends before any such
  /// entry could matter.
  void augment(int start) {
    queue_.clear();
    touched_count_ = 0;
    settled_.clear();
    free_col_ = -1;
    free_distance_ = inf;
    double* SLMATCH_RESTRICT d = distance_.data();
    const double* SLMATCH_RESTRICT v = v_.data();
    const int* SLMATCH_RESTRICT indices = m_.indices.data();
    const Cost* SLMATCH_RESTRICT data = m_.data.data();
    for (std::size_t k = begin(start); k < end(start); ++k) {
      const int j = indices[k];
      const double h = data[k] - v[j];
      if (h < d[j]) improve(j, h, k);
    }
    for (;;) {
      // The nearest assigned column not yet settled; stale entries are skipped.
      while (!queue_.empty() && queue_.top().key != d[queue_.top().col]) queue_.pop();
      if (queue_.empty() || queue_.top().key >= free_distance_) break;
      const auto [mu, j] = queue_.top();
      queue_.pop();
      // The next column is most often the next in the queue: start fetching its row,
      // which is seldom in cache, while this one is read.
      if (const monotone_queue::entry* next = queue_.next_of_equal_key()) {
        const std::size_t row_start = begin(row_of_[static_cast<std::size_t>(next->col)]);
        prefetch(indices + row_start);
        prefetch(data + row_start);
      }
      const auto col = static_cast<std::size_t>(j);
      settled_.emplace_back(j, mu);
      d[col] = -inf;
      const int i = row_of_[col];
      const double offset = matched_cost_[static_cast<std::size_t>(i)] - v[col] - mu; // u_i - mu
      // A long row read a second time is ordered: most rows read once are never read
      // again, and a short row is read faster in full than it is ordered.
      std::uint8_t& reads = row_reads_[static_cast<std::size_t>(i)];
      if (reads == 1 && end(i) - begin(i) > shortest_ordered_row) order_row(i);
      reads = std::max<std::uint8_t>(reads, 1);
      // Read the row up to its first entry that could not come before the nearest free
      // column, in two passes: the first, without branches, lists the entries that shorten
      // a distance (most do not, and which ones is unpredictable); the second applies
      // them, checking again for parallel entries of one column.
      const std::size_t first = begin(i);
      std::size_t last = end(i);
      if (reads == 2) { // ordered: stop at the first floor past the nearest free column
        const double* SLMATCH_RESTRICT floor = floor_.data();
        const std::size_t row_end = last;
        for (last = first; last < row_end && !(floor[last] - offset > free_distance_); ++last) {
        }
      }
      // An entry past the nearest free column is of no use: the search ends before any
      // column reached through it could be settled, and it cannot win the tie for the
      // free column either (free columns need a distance <= free_distance_).
      std::size_t* SLMATCH_RESTRICT shorter = shorter_.data();
      std::size_t count = 0;
      const double bound = free_distance_;
      for (std::size_t k = first; k < last; ++k) {
        const int next = indices[k];
        // Reduced costs are >= 0, so the distance is >= mu but for rounding: clamp it, as
        // the queue needs keys that never fall below the last one popped.
        const double h = std::max(data[k] - v[next] - offset, mu);
        shorter[count] = k;
        count += (h < d[next]) & (h <= bound) ? 1 : 0;
      }
      for (std::size_t c = 0; c < count; ++c) {
        const std::size_t k = shorter[c];
        const int next = indices[k];
        const double h = std::max(data[k] - v[next] - offset, mu);
        if (h < d[next] && h <= free_distance_) improve(next, h, k);
      }
    }
    for (const settled_column& s : settled_) d[static_cast<std::size_t>(s.col)] = s.distance;
    for (std::size_t t = 0; t < touched_count_; ++t) d[static_cast<std::size_t>(touched_[t])] = inf;
    if (free_col_ < 0) infeasible();
    const double mu = free_distance_;
    for (const settled_column& s : settled_) v_[static_cast<std::size_t>(s.col)] += s.distance - mu;
    int j = free_col_;
    for (;;) {
      const std::size_t entry = pred_entry_[static_cast<std::size_t>(j)];
      const int i = row_of_entry(entry);
      const int next = col_of_[static_cast<std::size_t>(i)];
      assign(i, j, m_.data[entry]);
      if (i == start) break;
      j = next;
    }
  }

  struct settled_column {
    settled_column(int col_, double distance_) : col(col_), distance(distance_) {}
    int col;
    double distance; ///< its distance when settled
  };
  /// Entries of a row sorted by `order_row`; the rest of the row only gets a common floor.
  static constexpr std::size_t ordered_entries = 16;
  /// Rows this long or shorter are never ordered.
  static constexpr std::size_t shortest_ordered_row = 4 * ordered_entries;
  struct ranked_entry {
    double reduced; ///< c_ij - v_j when the row was ordered
    int position;   ///< within the row, before ordering
  };

  owned_csr<Cost>& m_; ///< the working matrix, whose rows `order_row` reorders
  int rows_, cols_;
  std::vector<int> col_of_, row_of_;
  std::vector<double> matched_cost_; ///< the cost of each row's assigned entry
  std::vector<double> v_;
  // The search's state, per column; only the columns in touched_ differ from the rest state.
  std::vector<double> distance_;        ///< +inf: not reached; -inf: settled
  std::vector<std::size_t> pred_entry_; ///< the entry (of row pred, column j) that reached j
  std::vector<int> touched_;            ///< the first touched_count_ are the columns reached
  std::size_t touched_count_ = 0;
  std::vector<std::size_t> shorter_;    ///< a row's entries that shorten a distance
  std::vector<double> floor_;           ///< per entry of an ordered row, see `order_row`
  std::vector<std::uint8_t> row_reads_; ///< per row: 0 not read yet, 1 read once, 2 ordered
  std::vector<ranked_entry> ranked_, by_rank_;
  std::vector<int> row_indices_;
  std::vector<Cost> row_data_;
  std::vector<settled_column> settled_;
  monotone_queue queue_; ///< the assigned columns reached, by distance
  int free_col_ = -1;
  double free_distance_ = inf;
};

/// The body of `solve_sparse_assignment` with costs stored as `Cost`.
template <class Cost>
void solve_sparse_working(const sparse_costs& cost, bool maximize, bool transpose,
                          sparse_assignment& result) {
  const double sign = maximize ? -1.0 : 1.0;
  owned_csr<Cost> working = working_matrix<Cost>(cost, transpose, sign);
  sparse_jv_solver<Cost> solver(working);
  solver.solve();

  const std::vector<int>& col_of = solver.col_of();
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
}

} // namespace detail

/// Solve the rectangular linear assignment problem on a sparse cost matrix: a minimum
/// (or maximum) weight matching that covers the shorter side.
///
/// @param[in] cost  the CSR matrix; missing entries and stored +inf (-inf when maximising)
///            are forbidden pairs
/// @param[in] maximize  take the largest total instead of the smallest
/// @return  one column per row (rows ≤ cols) or one row per column (rows > cols), rows
///          ascending, with the dual prices that certify optimality
/// @throws slmatch::error when the CSR arrays are malformed or a side exceeds 2^31 - 1
/// @throws slmatch::validation_error when an entry is NaN, or -inf (+inf when maximising)
/// @throws slmatch::infeasible_error ("no full matching exists") when no matching covers the
///         shorter side
/// \note  Every step is deterministic (ties go a fixed way), so equal inputs give equal outputs.
inline sparse_assignment solve_sparse_assignment(const sparse_costs& cost, bool maximize = false) {
  sparse_assignment result;
  result.maximize = maximize;
  result.row_price.assign(cost.rows, 0.0);
  result.col_price.assign(cost.cols, 0.0);
  check_sparse_costs(cost, maximize);
  if (cost.rows == 0 || cost.cols == 0) return result;
  constexpr std::size_t max_side = static_cast<std::size_t>(std::numeric_limits<int>::max());
  if (cost.rows > max_side || cost.cols > max_side)
    throw error("sparse matrix has more than 2^31 - 1 rows or columns");

  const bool transpose = cost.rows > cost.cols;
  if (detail::costs_fit_float(cost))
    detail::solve_sparse_working<float>(cost, maximize, transpose, result);
  else
    detail::solve_sparse_working<double>(cost, maximize, transpose, result);
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
  if (tolerance < 0) tolerance = default_sparse_tolerance(cost);
  const double sign = answer.maximize ? -1.0 : 1.0;
  auto entries = [&](std::size_t r) {
    return std::make_pair(static_cast<std::size_t>(cost.indptr[r]),
                          static_cast<std::size_t>(cost.indptr[r + 1]));
  };
  detail::verify_assignment(
      answer, cost.rows, cost.cols, tolerance, "sparse assignment",
      [&](std::size_t r, std::size_t c) { // the best of the pair's stored entries
        double best = std::numeric_limits<double>::infinity();
        for (auto [e, end] = entries(r); e < end; ++e)
          if (static_cast<std::size_t>(cost.indices[e]) == c)
            best = std::min(best, sign * cost.data[e]);
        return best;
      },
      [&](std::size_t r, auto&& visit) {
        for (auto [e, end] = entries(r); e < end; ++e) {
          const double value = sign * cost.data[e];
          if (std::isfinite(value)) visit(static_cast<std::size_t>(cost.indices[e]), value);
        }
      });
}

} // namespace slmatch
