#pragma once
/// Cost matrices for the assignment solver tests: an owning dense matrix, the brute-force
/// optimum of a small one, the random costs the small random matrices are made of, and the
/// structured costs (rank one, small integers, constant).
/// For tests only; it shares no code with the solvers it checks.

#include "slmatch/assignment/dense.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

namespace slmatch::testing {

inline constexpr double inf = std::numeric_limits<double>::infinity();

/// A cost matrix that owns its entries.
struct matrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
  dense_costs view() const { return {values.data(), rows, cols}; }
};

/// The best total over every assignment of min(rows, cols) allowed pairs, found by trying
/// them all; `found` is false when none avoids the forbidden (infinite) pairs.
struct brute_force_result {
  bool found = false;
  double total = 0;
};

/// The optimum of a small matrix (at most about 8 on its longer side), +inf or -inf entries
/// being forbidden pairs; an empty side has the empty assignment, of total 0.
///
/// @param[in] m         the costs
/// @param[in] maximize  whether the best total is the largest rather than the smallest
inline brute_force_result brute_force_assignment(const dense_costs& m, bool maximize) {
  const bool tall = m.rows > m.cols;
  const std::size_t outer = tall ? m.cols : m.rows, inner = tall ? m.rows : m.cols;
  brute_force_result best;
  std::vector<char> used(inner, 0);
  // Depth-first over the shorter side; `sum` is the total of its first `r` pairs.
  auto extend = [&](auto&& self, std::size_t r, double sum) -> void {
    if (r == outer) {
      if (!best.found || (maximize ? sum > best.total : sum < best.total)) best = {true, sum};
      return;
    }
    for (std::size_t k = 0; k < inner; ++k) {
      if (used[k]) continue;
      const double c = tall ? m.at(k, r) : m.at(r, k);
      if (std::isinf(c)) continue;
      used[k] = 1;
      self(self, r + 1, sum + c);
      used[k] = 0;
    }
  };
  extend(extend, 0, 0);
  if (m.rows == 0 || m.cols == 0) best = {true, 0};
  return best;
}

/// A random cost of one of four kinds (by `kind % 4`): 0 small integers -5..5 (ties),
/// 1 integers 0..1000, 2 reals in [-100, 100), 3 all equal (7).
inline double random_cost(std::mt19937_64& rng, int kind) {
  switch (kind % 4) {
  case 0:
    return std::uniform_int_distribution<int>(-5, 5)(rng);
  case 1:
    return std::uniform_int_distribution<int>(0, 1000)(rng);
  case 2:
    return std::uniform_real_distribution<double>(0, 1)(rng) * 200 - 100;
  default:
    return 7;
  }
}

/// The structured costs on which shortest augmenting path solvers are slowest or tie most.
enum class structure {
  machol_wien,          ///< c_ij = i j (rank one; the anti-diagonal is optimal on a square matrix)
  machol_wien_from_one, ///< c_ij = (i + 1)(j + 1)
  digits,               ///< random integers 0..9 (many ties)
  constant,             ///< every entry 7
};

/// A rows × cols matrix of the given structure; `rng` is used for `digits` only.
inline matrix structured_matrix(structure kind, std::size_t rows, std::size_t cols,
                                std::mt19937_64& rng) {
  matrix m{rows, cols, std::vector<double>(rows * cols)};
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      double& c = m.values[i * cols + j];
      switch (kind) {
      case structure::machol_wien:
        c = static_cast<double>(i * j);
        break;
      case structure::machol_wien_from_one:
        c = static_cast<double>((i + 1) * (j + 1));
        break;
      case structure::digits:
        c = std::uniform_int_distribution<int>(0, 9)(rng);
        break;
      case structure::constant:
        c = 7;
        break;
      }
    }
  return m;
}

} // namespace slmatch::testing
