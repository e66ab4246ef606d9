// Mixed-integer programmes solved by COIN-OR CBC (see slmatch/solve/mip.hpp).

#include "slmatch/solve/mip.hpp"

#include "slmatch/error.hpp"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

namespace slmatch {
namespace {

/// CBC's driver (CbcMain0/CbcMain1) reads its settings through global state, so two
/// programmes solved at once on two threads disturb each other: they take turns. Processes
/// (Dask workers) still solve side by side.
std::mutex solver_turn;

/// CBC and CLP print progress to standard output unless told otherwise; a library must not.
void silence(CoinMessageHandler* handler) {
  if (handler) handler->setLogLevel(0);
}

} // namespace

bool mip_feasible(const mip_problem& problem, const std::vector<double>& values, double tolerance) {
  if (values.size() != problem.columns.size()) return false;
  for (std::size_t c = 0; c < values.size(); ++c) {
    const auto& column = problem.columns[c];
    const double v = values[c];
    if (!std::isfinite(v) || v < column.lower - tolerance || v > column.upper + tolerance)
      return false;
    if (column.integer && std::fabs(v - std::round(v)) > tolerance) return false;
  }
  for (const auto& row : problem.rows) {
    double activity = 0, scale = 1;
    for (const auto& t : row.terms) {
      if (t.column < 0 || static_cast<std::size_t>(t.column) >= values.size()) return false;
      activity += t.coefficient * values[static_cast<std::size_t>(t.column)];
      scale =
          std::max(scale, std::fabs(t.coefficient * values[static_cast<std::size_t>(t.column)]));
    }
    if (activity < row.lower - tolerance * scale || activity > row.upper + tolerance * scale)
      return false;
  }
  return true;
}

mip_result solve_mip(const mip_problem& problem, const mip_options& options) {
  const auto started = std::chrono::steady_clock::now();
  const int columns = static_cast<int>(problem.columns.size());
  mip_result result;
  if (columns == 0) {
    for (const auto& row : problem.rows)
      if (row.lower > 0 || row.upper < 0) {
        result.status = mip_status::infeasible;
        return result;
      }
    result.status = mip_status::optimal;
    return result;
  }

  // Row ordered, built in one go: appending rows one at a time copies the matrix each time.
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> indices;
  std::vector<double> values, row_lower, row_upper;
  for (const auto& row : problem.rows) {
    for (const auto& t : row.terms) {
      if (t.column < 0 || t.column >= columns)
        throw error("a row of the programme names column " + std::to_string(t.column) +
                    ", which does not exist");
      indices.push_back(t.column);
      values.push_back(t.coefficient);
    }
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    row_lower.push_back(std::isinf(row.lower) ? -COIN_DBL_MAX : row.lower);
    row_upper.push_back(std::isinf(row.upper) ? COIN_DBL_MAX : row.upper);
  }
  const int rows = static_cast<int>(problem.rows.size());
  std::vector<int> lengths(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r)
    lengths[static_cast<std::size_t>(r)] = static_cast<int>(
        starts[static_cast<std::size_t>(r) + 1] - starts[static_cast<std::size_t>(r)]);
  const CoinPackedMatrix matrix(false, columns, rows, static_cast<CoinBigIndex>(indices.size()),
                                values.data(), indices.data(), starts.data(), lengths.data());
  std::vector<double> lower, upper, objective;
  for (const auto& c : problem.columns) {
    lower.push_back(c.lower);
    upper.push_back(c.upper);
    objective.push_back(-c.objective); // CBC minimises: maximise by minimising the negation
  }

  OsiClpSolverInterface solver;
  silence(solver.messageHandler());
  solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                     row_upper.data());
  for (int c = 0; c < columns; ++c)
    if (problem.columns[static_cast<std::size_t>(c)].integer) solver.setInteger(c);

  // Whether a search's solution is proven optimal: CBC's word is trusted only when its bound
  // also meets the solution (it can say "optimal" when its time ran out before the search
  // began). For an objective that is a whole number on every solution, a bound less than one
  // above it does.
  bool any_integer = false;
  for (const auto& c : problem.columns) any_integer = any_integer || c.integer;
  bool whole = true;
  for (const auto& c : problem.columns)
    whole = whole && (c.objective == 0 || (c.integer && std::floor(c.objective) == c.objective));

  struct search {
    std::vector<double> values; ///< empty when no solution was found
    double objective = 0;
    double bound = 0; ///< CBC's bound, for a maximisation; may be infinite
    bool proven_infeasible = false;
    bool proven_optimal = false; ///< CBC says so and the bound meets the solution
    bool finished = false;       ///< the search ended within its limit, so its bound holds
  };
  // The start solution is not handed to CBC: given one, its preprocessing crashed while
  // post-processing some calendar programmes, and its "nothing beats the start" stop once
  // kept a start below the optimum. CBC searches on its own and the better of its solution
  // and the start is kept, each proven by the search's bound.
  const auto slack = [whole](double objective) {
    return whole ? 1 - 1e-6 : 1e-9 * std::max(1.0, std::fabs(objective));
  };
  const auto run = [&](double seconds_left) {
    const auto waiting = std::chrono::steady_clock::now();
    const std::lock_guard<std::mutex> turn(solver_turn);
    result.waited +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - waiting).count();
    // CBC's own limit is checked between nodes; CLP's also stops a long root relaxation.
    solver.getModelPtr()->setMaximumWallSeconds(std::max(seconds_left, 0.01));
    const auto begun = std::chrono::steady_clock::now();
    search found;
    if (!any_integer) { // a linear programme: CBC's driver needs an integer column to branch on
      solver.setHintParam(OsiDoPresolveInInitial, true, OsiHintDo); // much faster here
      solver.initialSolve();
      const bool in_time =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count() <
          seconds_left;
      found.proven_infeasible = solver.isProvenPrimalInfeasible() && in_time;
      if (!solver.isProvenOptimal() || !in_time) return found;
      found.values.assign(solver.getColSolution(), solver.getColSolution() + columns);
      if (!mip_feasible(problem, found.values)) {
        found.values.clear();
        return found;
      }
      found.objective = mip_objective(problem, found.values);
      found.bound = found.objective;
      found.finished = found.proven_optimal = true;
      return found;
    }
    CbcModel model(solver);
    silence(model.messageHandler());
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    data.noPrinting_ = true;
    const std::string seconds = std::to_string(std::max(seconds_left, 0.0));
    std::vector<const char*> argv = {
        "slmatch",       "-log",      "0", "-slog",         "0", "-threads", "0", "-seconds",
        seconds.c_str(), "-ratioGap", "0", "-allowableGap", "0"};
    if (options.plain_search)
      for (const char* word : {"-cuts", "off", "-heuristics", "off"}) argv.push_back(word);
    argv.push_back("-solve");
    argv.push_back("-quit");
    CbcMain1(static_cast<int>(argv.size()), argv.data(), model, nullptr, data);

    // A search stopped by either limit proves nothing, whatever status it leaves.
    const bool out_of_time =
        model.isSecondsLimitReached() ||
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count() >=
            seconds_left;
    found.bound = -model.getBestPossibleObjValue();
    found.proven_infeasible = model.isProvenInfeasible() && !out_of_time;
    const double* best = model.bestSolution();
    if (found.proven_infeasible || !best) {
      found.proven_infeasible =
          found.proven_infeasible || (model.isProvenOptimal() && !out_of_time);
      return found;
    }
    found.values.assign(best, best + columns);
    for (int c = 0; c < columns; ++c)
      if (problem.columns[static_cast<std::size_t>(c)].integer)
        found.values[static_cast<std::size_t>(c)] =
            std::round(found.values[static_cast<std::size_t>(c)]);
    // Stopped by its limit, CBC can leave a "best solution" that breaks rows; such a
    // solution is no solution.
    if (!mip_feasible(problem, found.values)) {
      found.values.clear();
      found.proven_infeasible = false;
      return found;
    }
    found.objective = mip_objective(problem, found.values);
    found.finished = !out_of_time && model.isProvenOptimal() && model.status() == 0 &&
                     model.secondaryStatus() <= 1;
    found.proven_optimal = found.finished && std::isfinite(found.bound) &&
                           found.bound - found.objective < slack(found.objective);
    return found;
  };
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() -
           result.waited;
  };
  const double limit = options.seconds > 0 ? options.seconds : 0.0;
  search found = run(limit);
  if (mip_feasible(problem, options.start)) {
    const double start_objective = mip_objective(problem, options.start);
    if (found.values.empty() || start_objective > found.objective) {
      found.values = options.start;
      found.objective = start_objective;
      found.proven_infeasible = false;
      found.proven_optimal = found.finished && std::isfinite(found.bound) &&
                             found.bound - start_objective < slack(start_objective);
    }
  }
  result.seconds = elapsed();
  if (found.proven_infeasible && found.values.empty()) {
    result.status = mip_status::infeasible;
    return result;
  }
  if (found.values.empty()) {
    result.status = mip_status::no_solution;
    result.bound = std::isfinite(found.bound) && std::fabs(found.bound) < 1e50 ? found.bound : 0;
    return result;
  }
  result.values = std::move(found.values);
  result.objective = found.objective;
  result.status = found.proven_optimal ? mip_status::optimal : mip_status::time_limit;
  result.bound = found.proven_optimal ? result.objective
                                      : (std::isfinite(found.bound) && std::fabs(found.bound) < 1e50
                                             ? found.bound
                                             : mip_infinity());
  if (result.bound < result.objective) result.bound = result.objective;
  return result;
}

} // namespace slmatch
