#pragma once
/// Mixed-integer linear programmes, solved exactly by COIN-OR CBC (branch and cut).
///
/// In: columns with bounds, an integrality flag and an objective coefficient; sparse rows
/// with lower and upper bounds. Out: the best solution found, the proven bound on the
/// optimum and whether the two meet. Plans whose constraints are not a flow (calendars,
/// groups) are stated as a `mip_problem`; the flow solvers stay the fast path elsewhere.
/// Compiled in `src/solve/mip_cbc.cpp` (library `slmatch::mip`); this header needs no CBC.

#include "slmatch/error.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
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
  /// A feasible solution (one value per column), kept when the search finds none better and
  /// proven optimal when the search's bound meets it; ignored unless `mip_feasible`.
  std::vector<double> start;
  /// Search without cutting planes or primal heuristics: for programmes whose relaxation is
  /// nearly integral already (assignments with a few side rows), where they cost more than
  /// they save. The answer is as exact either way.
  bool plain_search = false;
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
  double seconds = 0;         ///< solving, after any wait
  double waited = 0;          ///< seconds waiting for another thread's solve to finish

  /// The proven relative gap (bound − objective) / max(1, |objective|, |bound|); 0 when
  /// optimal, and at most 1 when both are non-negative (1 for a plan that took nothing, or
  /// when no bound is known).
  double gap() const {
    if (status == mip_status::optimal) return 0;
    if (!std::isfinite(bound)) return 1; // no bound known
    const double scale = std::max({1.0, std::fabs(objective), std::fabs(bound)});
    return (bound - objective) / scale;
  }
};

/// The objective of a programme at these values (one per column).
inline double mip_objective(const mip_problem& problem, const std::vector<double>& values) {
  double objective = 0;
  for (std::size_t c = 0; c < problem.columns.size() && c < values.size(); ++c)
    objective += problem.columns[c].objective * values[c];
  return objective;
}

/// Whether values satisfy every bound, integrality and row of a programme, each within
/// `tolerance` (rows relative to their largest term, at least 1).
///
/// @param[in] problem    columns and rows
/// @param[in] values     one per column; a wrong count is infeasible
/// @param[in] tolerance  how far a value or row may stray
bool mip_feasible(const mip_problem& problem, const std::vector<double>& values,
                  double tolerance = 1e-6);

/// Solve a mixed-integer programme with CBC on one thread, so the same problem gives the
/// same solution (when it finishes within the time limit). Safe to call from several
/// threads, but solves in one process take turns: CBC's driver keeps global state.
///
/// @param[in] problem  columns and rows; every bound finite for integer columns
/// @param[in] options  the time limit
/// @return  the best solution found with the proven bound; a solution is always feasible
///          (`mip_feasible`), as CBC's is checked
/// @throws slmatch::error when a row names a column that does not exist
mip_result solve_mip(const mip_problem& problem, const mip_options& options = {});

/// The outcome of `solve_lexicographic`.
struct lexicographic_result {
  std::vector<double> values;     ///< per column
  std::vector<double> objectives; ///< per objective, of the solution found
  bool proven_optimal = true;     ///< every level of every block proven optimal
  double gap = 0;                 ///< the largest proven relative gap of any level and block
  int blocks = 0;                 ///< independent blocks solved one by one
};

namespace detail {

/// Independent blocks: columns linked by sharing a row. Per column, its block number
/// (blocks numbered by their first column).
inline std::vector<int> mip_blocks(const mip_problem& problem) {
  std::vector<int> parent(problem.columns.size());
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](int c) {
    while (parent[static_cast<std::size_t>(c)] != c)
      c = parent[static_cast<std::size_t>(c)] =
          parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(c)])];
    return c;
  };
  for (const auto& row : problem.rows)
    for (std::size_t i = 1; i < row.terms.size(); ++i) {
      const int a = root(row.terms[0].column), b = root(row.terms[i].column);
      if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
    }
  std::vector<int> block(problem.columns.size());
  for (std::size_t c = 0; c < block.size(); ++c) block[c] = root(static_cast<int>(c));
  return block;
}

} // namespace detail

/// Turns a relaxation's values (one per column of the whole programme; zero outside the
/// block being solved) into a solution, or into an empty vector where it finds none.
using rounding_function = std::function<std::vector<double>(const std::vector<double>&)>;

/// Maximise several objectives in order: the first, then the second among the solutions
/// optimal for the first (within 0.5, for integer-valued objectives), and so on. The
/// programme is split into independent blocks first, each solved on its own (the optimum of
/// a sum of independent parts is the sum of their optima) within a share of the time left
/// in proportion to its columns, and each level starts from the solution of the level
/// before. A level whose linear relaxation has an integral optimum takes it without a
/// search; a level whose relaxation does not is first held at the relaxation's bound while
/// the next level is solved, since any solution then proves the bound is the optimum (and
/// where none is found, the level is searched after all).
///
/// @param[in] problem     columns and rows; the columns' own objective is ignored
/// @param[in] objectives  per level, one coefficient per column; integer-valued on every
///                        integer solution
/// @param[in] seconds     time limit for everything, less any wait for another thread's solve
/// @param[in] plain_search  search without cuts or heuristics (see `mip_options`)
/// @param[in] start       a solution (one value per column) to keep where a block's search
///                        finds none better; ignored in a block where it breaks a row
/// @param[in] rounding    where given, rounds the relaxation of the level after one held at
///                        its guess; a rounding that keeps every row and beats the start
///                        becomes the start
/// @throws slmatch::error when some block has no solution (infeasible, or none in time)
inline lexicographic_result solve_lexicographic(const mip_problem& problem,
                                                const std::vector<std::vector<double>>& objectives,
                                                double seconds, bool plain_search = false,
                                                const std::vector<double>& start = {},
                                                const rounding_function& rounding = {}) {
  const auto started = std::chrono::steady_clock::now();
  double waited = 0;
  lexicographic_result result;
  result.values.assign(problem.columns.size(), 0);
  result.objectives.assign(objectives.size(), 0);
  const std::vector<int> block = detail::mip_blocks(problem);
  std::vector<std::vector<int>> columns_of(problem.columns.size());
  for (std::size_t c = 0; c < block.size(); ++c)
    columns_of[static_cast<std::size_t>(block[c])].push_back(static_cast<int>(c));
  std::vector<std::vector<std::size_t>> rows_of(problem.columns.size());
  for (std::size_t r = 0; r < problem.rows.size(); ++r)
    if (!problem.rows[r].terms.empty())
      rows_of[static_cast<std::size_t>(
                  block[static_cast<std::size_t>(problem.rows[r].terms.front().column)])]
          .push_back(r);
  std::vector<int> local(problem.columns.size(), -1);
  // Time spent waiting for another thread's solve does not use up this one's limit.
  const auto spent = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() -
           waited;
  };
  // Each block may use the time left in proportion to its columns, so one hard block cannot
  // leave the blocks after it no time at all; what a block leaves unused goes to the rest.
  std::size_t columns_left = problem.columns.size();
  for (std::size_t b = 0; b < columns_of.size(); ++b) {
    const std::vector<int>& columns = columns_of[b];
    if (columns.empty()) continue;
    ++result.blocks;
    const double block_start = spent();
    const double budget = (seconds - block_start) * static_cast<double>(columns.size()) /
                          static_cast<double>(columns_left);
    columns_left -= columns.size();
    mip_problem part;
    for (int c : columns) {
      local[static_cast<std::size_t>(c)] = static_cast<int>(part.columns.size());
      part.columns.push_back(problem.columns[static_cast<std::size_t>(c)]);
    }
    for (std::size_t r : rows_of[b]) {
      mip_problem::row row = problem.rows[r];
      for (auto& t : row.terms) t.column = local[static_cast<std::size_t>(t.column)];
      part.rows.push_back(std::move(row));
    }
    mip_options options;
    options.plain_search = plain_search;
    if (start.size() == problem.columns.size())
      for (int c : columns) options.start.push_back(start[static_cast<std::size_t>(c)]);
    if (!mip_feasible(part, options.start)) options.start.clear();
    // Where doing nothing is allowed (as in every plan), it is the solution of last resort,
    // so a time limit never leaves a block without one.
    bool zero_feasible = true;
    for (const auto& c : part.columns)
      zero_feasible = zero_feasible && c.lower <= 0 && c.upper >= 0;
    for (const auto& row : part.rows)
      zero_feasible = zero_feasible && row.lower <= 0 && row.upper >= 0;
    const auto set_level = [&](std::size_t level) {
      for (std::size_t i = 0; i < columns.size(); ++i)
        part.columns[i].objective = objectives[level][static_cast<std::size_t>(columns[i])];
    };
    // With a solution to fall back on, a search starts only while time is left; without
    // one, it has half a second at least to find one.
    const auto seconds_left = [&] {
      const double left = budget - (spent() - block_start);
      return options.start.empty() ? std::max(0.5, left) : left;
    };
    // The longest relaxation so far: a search that a later level's relaxation follows keeps
    // this much time back for it, so that level still gets a bound.
    double relaxation_seconds = 0;
    // The relaxation first: where its optimum is integral it is the programme's, found
    // without a search. Otherwise `found` has no values and `relaxed` holds the bound.
    const auto relaxation_if_integral = [&](mip_result& relaxed) {
      mip_problem relaxation = part;
      for (auto& c : relaxation.columns) c.integer = false;
      mip_options linear;
      // A relaxation is quick to solve. Where a solution is waiting for its bound, it may take
      // as long as one and a half of the longest before it, past the limit if need be: a gap
      // the plan cannot state is worth less than that much time.
      linear.seconds = std::max(0.05, seconds_left());
      if (!options.start.empty())
        linear.seconds = std::max(linear.seconds, 1.5 * relaxation_seconds);
      relaxed = solve_mip(relaxation, linear);
      waited += relaxed.waited;
      relaxation_seconds = std::max(relaxation_seconds, relaxed.seconds);
      mip_result found;
      if (relaxed.values.empty() || !mip_feasible(part, relaxed.values, 1e-9)) return found;
      found.values = relaxed.values;
      for (std::size_t i = 0; i < columns.size(); ++i)
        if (part.columns[i].integer) found.values[i] = std::round(found.values[i]);
      if (!mip_feasible(part, found.values)) return mip_result{};
      found.objective = mip_objective(part, found.values);
      found.bound = found.objective;
      found.status = mip_status::optimal;
      return found;
    };
    // The search, whose bound is the relaxation's where that is lower. It leaves `keep`
    // seconds of the time left.
    const auto search = [&](const mip_result& relaxed, double keep) {
      options.seconds = seconds_left() - keep;
      mip_result found;
      if (options.seconds > 0.01) {
        found = solve_mip(part, options);
        waited += found.waited;
      } else if (mip_feasible(part, options.start)) {
        found.values = options.start;
        found.objective = mip_objective(part, found.values);
        found.status = mip_status::time_limit;
        found.bound = mip_infinity();
      }
      if (!found.values.empty() && found.status != mip_status::optimal && !relaxed.values.empty()) {
        const double slack = 1e-6 * std::max(1.0, std::fabs(relaxed.objective));
        found.bound = std::max(found.objective, std::min(found.bound, relaxed.objective + slack));
        // Objectives are whole on every solution: one within a unit of the bound is optimal.
        if (found.bound < std::round(found.objective) + 1) {
          found.status = mip_status::optimal;
          found.bound = found.objective;
        }
      }
      return found;
    };
    // Takes the rounding of a relaxation as the start where it keeps every row and is
    // better than the start on the objectives up to `last`, compared in order.
    const auto better_start = [&](const std::vector<double>& relaxed, std::size_t last) {
      std::vector<double> whole(problem.columns.size(), 0.0);
      for (std::size_t i = 0; i < columns.size(); ++i)
        whole[static_cast<std::size_t>(columns[i])] = relaxed[i];
      whole = rounding(whole);
      if (whole.size() != problem.columns.size()) return;
      std::vector<double> candidate(columns.size());
      for (std::size_t i = 0; i < columns.size(); ++i)
        candidate[i] = whole[static_cast<std::size_t>(columns[i])];
      if (!mip_feasible(part, candidate)) return;
      if (!options.start.empty()) {
        for (std::size_t level = 0; level <= last; ++level) {
          double gain = 0;
          for (std::size_t i = 0; i < columns.size(); ++i)
            gain += objectives[level][static_cast<std::size_t>(columns[i])] *
                    (candidate[i] - options.start[i]);
          if (gain < -0.5) return;
          if (gain > 0.5) break;
        }
      }
      options.start = std::move(candidate);
    };
    // The row that keeps the current level at `at_least` while the next is maximised.
    const auto keep_level = [&](double at_least) {
      std::vector<mip_problem::term> keep;
      for (std::size_t i = 0; i < columns.size(); ++i)
        if (part.columns[i].objective != 0)
          keep.push_back({static_cast<int>(i), part.columns[i].objective});
      part.add_row(std::move(keep), at_least, mip_infinity());
    };
    const auto accept = [&](const mip_result& found) {
      result.proven_optimal = result.proven_optimal && found.status == mip_status::optimal;
      result.gap = std::max(result.gap, found.gap());
      options.start = found.values;
      keep_level(std::round(found.objective) - 0.5);
    };
    for (std::size_t level = 0; level < objectives.size(); ++level) {
      set_level(level);
      mip_result relaxed;
      mip_result found = relaxation_if_integral(relaxed);
      if (found.values.empty() && level + 1 < objectives.size() && !relaxed.values.empty()) {
        // The relaxation's bound, rounded down, is often this level's optimum. Guess so and
        // maximise the next level with this one held there: any solution proves the guess
        // (none can do better), and this level's own search is saved.
        // The slack covers the simplex's tolerances: a guess too high only costs the search.
        const double guess =
            std::floor(relaxed.objective + 1e-6 * std::max(1.0, std::fabs(relaxed.objective)));
        keep_level(guess - 0.5);
        set_level(level + 1);
        mip_result next_relaxed;
        mip_result next = relaxation_if_integral(next_relaxed);
        if (next.values.empty()) {
          // A rounding of this relaxation may be a better solution to fall back on.
          if (rounding && !next_relaxed.values.empty()) {
            mip_problem::row held = std::move(part.rows.back());
            part.rows.pop_back(); // the rounding need not reach the guess
            better_start(next_relaxed.values, level + 1);
            part.rows.push_back(std::move(held));
          }
          // Time is kept back for this relaxation again, should the guess find nothing.
          next = search(next_relaxed, next_relaxed.seconds);
        }
        if (!next.values.empty()) {
          ++level;
          accept(next);
          continue;
        }
        part.rows.pop_back(); // no solution within the guess, or no time: search this level
        set_level(level);
      }
      if (found.values.empty())
        found = search(relaxed, level + 1 < objectives.size() ? 1.5 * relaxation_seconds : 0);
      if (found.values.empty() && options.start.empty() && zero_feasible &&
          found.status == mip_status::no_solution) {
        found.values.assign(part.columns.size(), 0.0);
        found.objective = 0;
        found.status = mip_status::time_limit;
        found.bound = std::max(found.bound, 0.0);
      }
      if (found.values.empty()) {
        if (options.start.empty())
          throw error(found.status == mip_status::infeasible
                          ? "the programme has no solution"
                          : "no solution was found within the time limit");
        result.proven_optimal = false; // this level is unsolved: keep the previous one's
        break;
      }
      accept(found);
    }
    for (std::size_t i = 0; i < columns.size(); ++i)
      result.values[static_cast<std::size_t>(columns[i])] = options.start[i];
  }
  for (std::size_t level = 0; level < objectives.size(); ++level)
    for (std::size_t c = 0; c < problem.columns.size(); ++c)
      result.objectives[level] += objectives[level][c] * result.values[c];
  return result;
}

} // namespace slmatch
