#pragma once
/// Branch and price: exact 0/1 packing programmes with too many columns to state whole.
///
/// In: rows `sum of terms <= upper` with non-negative coefficients; a starting core of 0/1
/// columns, each with a key and an objective to maximise; a source that, given the rows'
/// prices, offers the columns not yet present whose reduced cost (objective less the priced
/// rows) is positive; the value of a solution already known. Out: the best solution, when
/// it beats the known one, with a proven bound on the optimum.
///
/// How: the linear relaxation of the columns present is solved by CLP (COIN-OR's simplex)
/// and the source is asked for columns until it has none to offer, so that the relaxation's
/// optimum bounds every column, present or not. Cover cuts tighten each relaxation: where a
/// row holds a column with a whole coefficient s >= 2 and a row limit c, and a set T of
/// unit columns, `sum over T + (|T| - (c - s)) * column <= |T|` (at most c - s of T fit
/// beside it). A node whose bound cannot beat the best solution by one objective step is
/// pruned; an integral one is a new best; otherwise a fractional column is fixed to 1, then
/// to 0, depth first (the one with the largest coefficients, then nearest one half).
/// Branching only changes bounds, and cuts give columns not yet present a zero
/// coefficient, so the source of columns never needs to know the branch or the cuts. After
/// the root, columns whose reduced cost there exceeds the gap between its bound and the
/// best solution are dropped from the source for good.
///
/// Compiled in `src/solve/branch_and_price_clp.cpp` (library `slmatch::mip`); this header
/// needs no COIN-OR headers.

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace slmatch {

/// A 0/1 column of a packing programme.
struct packing_column {
  struct term {
    int row;
    double coefficient; ///< >= 0
  };
  std::int64_t key = 0; ///< names the column; two columns never share a key
  double objective = 0; ///< maximised
  std::vector<term> terms;
};

/// Rows and the columns to start from.
struct packing_programme {
  std::vector<double> row_upper;       ///< per row: the sum of its terms is at most this (>= 0)
  std::vector<packing_column> columns; ///< the starting core
};

/// Where columns come from.
class column_source {
public:
  virtual ~column_source() = default;
  /// Offer every column not `present` whose objective less the sum of coefficient * price
  /// over its terms exceeds `tolerance` (some of them may be left for a later call, but
  /// never all). Offering none says that no such column exists; then return at least how
  /// much the columns not present could still add to the relaxation at these prices (the
  /// sum of their positive reduced costs, or less where rows limit how many fit), which
  /// the node's bound includes so that the tolerance never makes it too low.
  virtual double offer(const std::vector<double>& row_prices,
                       const std::function<bool(std::int64_t)>& present, double tolerance,
                       std::vector<packing_column>& offered) = 0;
  /// Never offer again a column whose reduced cost at these prices is below `-gap`: no
  /// solution better than the best known can use it.
  virtual void drop(const std::vector<double>& row_prices, double gap) = 0;
};

/// How to search.
struct branch_price_options {
  double seconds = 60; ///< stop after this long; the bound then says how far off the best is
  /// The value of a solution already known: only solutions better by at least `step` are
  /// sought.
  double known = -std::numeric_limits<double>::infinity();
  /// The smallest difference between the objectives of two 0/1 solutions (1 when the
  /// objectives are whole numbers): a node whose bound is less than half a step above the
  /// best known cannot hold a better solution.
  double step = 1;
};

/// The outcome of `branch_and_price`.
struct branch_price_result {
  bool improved = false;          ///< a solution better than `known` was found
  std::vector<std::int64_t> keys; ///< the chosen columns' keys, in key order, when improved
  double objective = 0;           ///< of the best solution: found, else `known`
  double bound = 0;               ///< no solution is better (within the LP's tolerance)
  bool proven_optimal = false;    ///< the search finished: `objective` is the optimum
  int nodes = 0;                  ///< relaxations solved
  std::size_t columns = 0;        ///< columns present at the end
  double seconds = 0;             ///< the whole search
};

/// Branch and price (see the top of this file), on one thread, so that the same programme
/// always gives the same solution when it finishes in time.
///
/// @param[in] programme  rows and starting columns; every coefficient >= 0
/// @param[in] source     offers improving columns and drops useless ones (see
///                       `column_source`)
/// @param[in] options    time limit, the known solution's value and the objective step
/// @return  the best solution found, or `improved == false` when none beats `known`
/// @throws slmatch::error when a term names a row that does not exist, or two columns
///         share a key
branch_price_result branch_and_price(const packing_programme& programme, column_source& source,
                                     const branch_price_options& options = {});

} // namespace slmatch
