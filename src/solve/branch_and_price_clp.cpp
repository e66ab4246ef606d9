// Branch and price over CLP's simplex (see slmatch/solve/branch_and_price.hpp).

#include "slmatch/solve/branch_and_price.hpp"

#include "slmatch/error.hpp"

#include <ClpSimplex.hpp>
#include <CoinMessageHandler.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace slmatch {
namespace {

/// A node of the search: the columns fixed on the way to it, and its parent's bound.
struct search_node {
  std::vector<std::pair<int, int>> fixed; ///< (column, 0 or 1)
  double bound = std::numeric_limits<double>::infinity();
};

/// The relaxation of the columns present, with the keys that name them.
class master {
public:
  explicit master(const std::vector<double>& row_upper)
      : rows_(static_cast<int>(row_upper.size())), row_upper_(row_upper),
        row_terms_(row_upper.size()) {
    lp_.setLogLevel(0);
    if (lp_.messageHandler()) lp_.messageHandler()->setLogLevel(0);
    const std::vector<double> lower(row_upper.size(), -COIN_DBL_MAX);
    const CoinBigIndex start = 0;
    lp_.loadProblem(0, rows_, &start, nullptr, nullptr, nullptr, nullptr, nullptr, lower.data(),
                    row_upper.data());
    lp_.setOptimizationDirection(-1); // maximise
  }

  bool present(std::int64_t key) const { return column_of_.count(key) != 0; }
  int columns() const { return static_cast<int>(keys_.size()); }
  std::int64_t key(int column) const { return keys_[static_cast<std::size_t>(column)]; }
  double objective(int column) const { return objective_[static_cast<std::size_t>(column)]; }
  /// The sum of the column's coefficients: branching on large columns first settles most.
  double size(int column) const { return size_[static_cast<std::size_t>(column)]; }
  ClpSimplex& lp() { return lp_; }

  /// Add columns whose keys are new; returns how many were added.
  int add(std::vector<packing_column>& offered) {
    std::vector<CoinBigIndex> starts{0};
    std::vector<int> indices;
    std::vector<double> values, objectives;
    for (auto& c : offered) {
      if (!column_of_.emplace(c.key, columns()).second) continue;
      keys_.push_back(c.key);
      objective_.push_back(c.objective);
      double size = 0;
      for (const auto& t : c.terms) size += t.coefficient;
      size_.push_back(size);
      objectives.push_back(c.objective);
      for (const auto& t : c.terms) {
        if (t.row < 0 || t.row >= rows_)
          throw error("a column of the programme names row " + std::to_string(t.row) +
                      ", which does not exist");
        indices.push_back(t.row);
        values.push_back(t.coefficient);
        row_terms_[static_cast<std::size_t>(t.row)].push_back({keys_.size() - 1, t.coefficient});
      }
      starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    }
    const int added = static_cast<int>(objectives.size());
    if (added > 0) {
      const std::vector<double> lower(static_cast<std::size_t>(added), 0.0);
      const std::vector<double> upper(static_cast<std::size_t>(added), 1.0);
      lp_.addColumns(added, lower.data(), upper.data(), objectives.data(), starts.data(),
                     indices.data(), values.data());
    }
    return added;
  }

  /// Add every cover cut the solution `x` violates (see `cover_cuts`); returns how many.
  int add_cover_cuts(const double* x) {
    int added = 0;
    for (std::size_t r = 0; r < row_terms_.size(); ++r) {
      const double upper = row_upper_[r];
      if (upper != std::floor(upper)) continue;
      for (const auto& [large, size] : row_terms_[r]) {
        const double y = x[large];
        if (size < 2 || size != std::floor(size) || size > upper || y < 1e-6 || y > 1 - 1e-6)
          continue;
        std::vector<int> units;
        double violation = -(upper - size) * y;
        for (const auto& [column, coefficient] : row_terms_[r])
          if (coefficient == 1 && x[column] > 1 - y + 1e-9) {
            units.push_back(static_cast<int>(column));
            violation += x[column] + y - 1;
          }
        if (static_cast<double>(units.size()) <= upper - size || violation < 1e-6) continue;
        std::vector<int> columns = units;
        std::vector<double> values(units.size(), 1.0);
        columns.push_back(static_cast<int>(large));
        values.push_back(static_cast<double>(units.size()) - (upper - size));
        lp_.addRow(static_cast<int>(columns.size()), columns.data(), values.data(), -COIN_DBL_MAX,
                   static_cast<double>(units.size()));
        ++added;
      }
    }
    return added;
  }

private:
  int rows_;
  std::vector<double> row_upper_;
  struct entry {
    std::size_t column;
    double coefficient;
  };
  std::vector<std::vector<entry>> row_terms_; ///< the programme's own rows, not the cuts
  ClpSimplex lp_;
  std::unordered_map<std::int64_t, int> column_of_;
  std::vector<std::int64_t> keys_;
  std::vector<double> objective_;
  std::vector<double> size_;
};

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

branch_price_result branch_and_price(const packing_programme& programme, column_source& source,
                                     const branch_price_options& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto left = [&] { return options.seconds - since(started); };
  branch_price_result result;
  result.objective = options.known;
  master core(programme.row_upper);
  {
    std::vector<packing_column> first = programme.columns;
    std::vector<std::int64_t> keys;
    for (const auto& c : first) keys.push_back(c.key);
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end())
      throw error("two columns of the programme share a key");
    core.add(first);
  }
  ClpSimplex& lp = core.lp();
  const int rows = static_cast<int>(programme.row_upper.size());
  const auto present = [&core](std::int64_t key) { return core.present(key); };

  // Solve the relaxation of the node whose bounds are set, pricing until nothing improves:
  // 1 optimal, 0 infeasible, -1 stopped by the time limit.
  std::vector<double> prices(static_cast<std::size_t>(rows));
  std::vector<packing_column> offered;
  bool first_solve = true;
  double unpriced = 0;                // what columns below the pricing tolerance could still add
  constexpr int most_cut_rounds = 50; // per node: cuts past this rarely pay
  const auto relax = [&]() -> int {
    bool warm_primal = false;
    int cut_rounds = 0;
    for (;;) {
      const double seconds = left();
      if (seconds <= 0) return -1;
      lp.setMaximumWallSeconds(seconds);
      if (first_solve)
        lp.initialSolve();
      else if (warm_primal)
        lp.primal();
      else
        lp.dual();
      first_solve = false;
      if (lp.isProvenPrimalInfeasible()) return 0;
      if (lp.status() != 0) return -1;
      const double* dual = lp.dualRowSolution();
      double largest = 1;
      for (int c = 0; c < core.columns(); ++c)
        largest = std::max(largest, std::fabs(core.objective(c)));
      for (int r = 0; r < rows; ++r) prices[static_cast<std::size_t>(r)] = dual[r];
      offered.clear();
      unpriced = source.offer(prices, present, 1e-9 * largest, offered);
      if (core.add(offered) > 0) {
        warm_primal = true;
        continue;
      }
      if (cut_rounds >= most_cut_rounds || core.add_cover_cuts(lp.primalColumnSolution()) == 0)
        return 1;
      ++cut_rounds;
      warm_primal = false;
    }
  };

  std::vector<search_node> open{search_node{}};
  std::vector<int> branched; // columns whose bounds a node changed
  const auto reset_bounds = [&] {
    for (int c : branched) lp.setColumnBounds(c, 0.0, 1.0);
    branched.clear();
  };
  bool stopped = false;
  double root_bound = 0, dropped_at = 0;
  std::vector<double> root_prices;
  while (!open.empty()) {
    search_node node = std::move(open.back());
    open.pop_back();
    if (node.bound < result.objective + options.step / 2) continue;
    reset_bounds();
    for (const auto& [column, value] : node.fixed) {
      lp.setColumnBounds(column, value, value);
      branched.push_back(column);
    }
    const int status = relax();
    ++result.nodes;
    if (status == 0) continue;
    if (status < 0) {
      open.push_back(std::move(node));
      stopped = true;
      break;
    }
    const double bound = lp.objectiveValue() + unpriced;
    if (result.nodes == 1) {
      root_bound = bound;
      root_prices = prices;
      dropped_at = result.objective;
      source.drop(root_prices, root_bound - result.objective);
    }
    if (bound < result.objective + options.step / 2) continue;
    const double* x = lp.primalColumnSolution();
    int split = -1;
    for (int c = 0; c < core.columns(); ++c) {
      const double distance = std::fabs(x[c] - 0.5);
      if (distance >= 0.5 - 1e-6) continue;
      if (split < 0 || core.size(c) > core.size(split) ||
          (core.size(c) == core.size(split) && distance < std::fabs(x[split] - 0.5)))
        split = c;
    }
    if (split < 0) {
      double value = 0;
      std::vector<std::int64_t> keys;
      for (int c = 0; c < core.columns(); ++c)
        if (x[c] > 0.5) {
          value += core.objective(c);
          keys.push_back(core.key(c));
        }
      if (value >= result.objective + options.step / 2) {
        std::sort(keys.begin(), keys.end());
        result.improved = true;
        result.keys = std::move(keys);
        result.objective = value;
        if (value > dropped_at) {
          dropped_at = value;
          source.drop(root_prices, root_bound - value);
        }
      }
      continue;
    }
    search_node without = node, with = std::move(node);
    without.fixed.emplace_back(split, 0);
    with.fixed.emplace_back(split, 1);
    without.bound = with.bound = bound;
    open.push_back(std::move(without));
    open.push_back(std::move(with)); // taken first: a dive towards a whole solution
  }
  result.bound = result.objective;
  if (stopped)
    for (const auto& node : open) result.bound = std::max(result.bound, node.bound);
  result.proven_optimal = !stopped;
  result.columns = static_cast<std::size_t>(core.columns());
  result.seconds = since(started);
  return result;
}

} // namespace slmatch
