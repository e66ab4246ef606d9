#pragma once
/// Mixed-integer linear programmes, solved exactly by COIN-OR CBC (branch and cut).
///
/// In: columns with bounds, an integrality flag and an objective coefficient; sparse rows
/// with lower and upper bounds. Out: the best solution found, the proven bound on the
/// optimum and whether the two meet. Plans whose constraints are not a flow (calendars,
/// groups) are stated as a `mip_problem`; the flow solvers stay the fast path elsewhere.
/// Compiled in `src/solve/mip_cbc.cpp` (library `slmatch::mip`); this header needs no CBC.

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// The bound of a row with no lower or no upper limit.
inline double mip_infinity() { return std::numeric_limits<double>::infinity(); }

/// A maximisation over bounded columns subject to ranged rows.
struct mip_problem {
  struct column {
    double lower = 0;
    double upper = 1;
    double objective = 0; ///< coefficient in the objective, which is maximised
    bool integer = true;
  };
  struct term {
    int column;
    double coefficient;
  };
  struct row {
    std::vector<term> terms;
    double lower = -mip_infinity();
    double upper = mip_infinity();
  };
  std::vector<column> columns;
  std::vector<row> rows;

  /// Add a column and return its index.
  int add_column(double objective, double lower = 0, double upper = 1, bool integer = true) {
    columns.push_back({lower, upper, objective, integer});
    return static_cast<int>(columns.size()) - 1;
  }
  /// Add a row `lower <= sum(terms) <= upper`.
  void add_row(std::vector<term> terms, double lower, double upper) {
    rows.push_back({std::move(terms), lower, upper});
  }
};

/// How long and how far to search.
struct mip_options {
  double seconds = 10; ///< stop after this long and report the gap
};

/// How a search ended.
enum class mip_status {
  optimal,    ///< the solution is proven optimal
  time_limit, ///< stopped at the time limit with a solution; `bound` says how far it may be
  infeasible, ///< proven to have no solution
  no_solution ///< stopped at the time limit without any solution
};

/// The outcome of `solve_mip`.
struct mip_result {
  mip_status status = mip_status::no_solution;
  std::vector<double> values; ///< per column, when a solution was found
  double objective = 0;       ///< of the solution found
  double bound = 0;           ///< no solution is better than this (for a maximisation)
  double seconds = 0;

  /// The proven relative gap (bound − objective) / max(1, |objective|); 0 when optimal.
  double gap() const {
    if (status == mip_status::optimal) return 0;
    const double scale = objective < 0 ? -objective : objective;
    return (bound - objective) / (scale > 1 ? scale : 1);
  }
};

/// Solve a mixed-integer programme with CBC on one thread, so the same problem gives the
/// same solution (when it finishes within the time limit).
///
/// @param[in] problem  columns and rows; every bound finite for integer columns
/// @param[in] options  the time limit
/// @return  the best solution found with the proven bound
/// @throws slmatch::error when a row names a column that does not exist
mip_result solve_mip(const mip_problem& problem, const mip_options& options = {});

} // namespace slmatch
