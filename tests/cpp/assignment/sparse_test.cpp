#include "slmatch/assignment/dense.hpp"
#include "slmatch/assignment/sparse.hpp"

#include "support/assignment_matrices.hpp"
#include "support/orlib.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::brute_force_assignment;
using slmatch::testing::brute_force_result;
using slmatch::testing::inf;
using slmatch::testing::random_cost;

namespace {

/// A CSR matrix that owns its arrays.
struct csr {
  std::size_t rows = 0, cols = 0;
  std::vector<std::int64_t> indptr{0}, indices;
  std::vector<double> data;
  sparse_costs view() const { return {indptr.data(), indices.data(), data.data(), rows, cols}; }
};

/// A CSR matrix from dense rows, storing every entry that is not `missing`.
csr from_dense(std::size_t rows, std::size_t cols, const std::vector<double>& values,
               double missing = inf) {
  csr m;
  m.rows = rows;
  m.cols = cols;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const double value = values[r * cols + c];
      if (value == missing) continue;
      m.indices.push_back(static_cast<std::int64_t>(c));
      m.data.push_back(value);
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
  }
  return m;
}

/// Solve and check the certificate: every solver test goes through here.
sparse_assignment solve_verified(const csr& m, bool maximize = false) {
  sparse_assignment answer = solve_sparse_assignment(m.view(), maximize);
  verify_sparse_assignment(m.view(), answer);
  return answer;
}

/// A random small sparse instance: its dense form (+inf where no entry is allowed) and a CSR
/// form that stores the allowed entries in shuffled order, sometimes with an extra stored
/// +inf (-inf when maximising) entry or a dearer parallel copy of an entry.
struct instance {
  std::size_t rows = 0, cols = 0;
  std::vector<double> dense;
  csr sparse;
};

instance random_instance(std::mt19937_64& rng, int kind, bool maximize) {
  instance x;
  x.rows = std::uniform_int_distribution<std::size_t>(0, 6)(rng);
  x.cols = std::uniform_int_distribution<std::size_t>(0, 6)(rng);
  std::uniform_real_distribution<double> unit(0, 1);
  const double density = kind % 3 == 0 ? 0.9 : kind % 3 == 1 ? 0.5 : 0.25;
  const double forbidden = maximize ? -inf : inf;
  x.dense.assign(x.rows * x.cols, forbidden);
  x.sparse.rows = x.rows;
  x.sparse.cols = x.cols;
  for (std::size_t r = 0; r < x.rows; ++r) {
    std::vector<std::pair<std::int64_t, double>> entries;
    for (std::size_t c = 0; c < x.cols; ++c) {
      if (unit(rng) >= density) {
        if (unit(rng) < 0.1) entries.emplace_back(static_cast<std::int64_t>(c), forbidden);
        continue;
      }
      const double value = random_cost(rng, kind);
      x.dense[r * x.cols + c] = value;
      entries.emplace_back(static_cast<std::int64_t>(c), value);
      if (unit(rng) < 0.05) // a parallel entry that is never the better one
        entries.emplace_back(static_cast<std::int64_t>(c), maximize ? value - 3 : value + 3);
    }
    std::shuffle(entries.begin(), entries.end(), rng);
    for (const auto& [c, value] : entries) {
      x.sparse.indices.push_back(c);
      x.sparse.data.push_back(value);
    }
    x.sparse.indptr.push_back(static_cast<std::int64_t>(x.sparse.indices.size()));
  }
  return x;
}

std::string message_of(const csr& m, const sparse_assignment& answer) {
  try {
    verify_sparse_assignment(m.view(), answer);
  } catch (const error& e) {
    return e.what();
  }
  return "";
}

/// Reads an OR-Library sparse file: n, then "i j c" triples (1-based).
bool read_orlib_sparse(const std::string& path, csr& m) {
  std::ifstream in(path);
  if (!in) return false;
  std::size_t n = 0;
  in >> n;
  std::vector<std::vector<std::pair<std::int64_t, double>>> rows(n);
  std::size_t i = 0, j = 0;
  double c = 0;
  while (in >> i >> j >> c) {
    if (i < 1 || i > n || j < 1 || j > n) return false;
    rows[i - 1].emplace_back(static_cast<std::int64_t>(j - 1), c);
  }
  m = csr{};
  m.rows = m.cols = n;
  for (const auto& row : rows) {
    for (const auto& [col, value] : row) {
      m.indices.push_back(col);
      m.data.push_back(value);
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
  }
  return n > 0;
}

} // namespace

TEST_CASE("solve_sparse_assignment: a small square matrix") {
  // Missing entries (inf) are forbidden pairs.
  const csr m = from_dense(3, 3, {4, 1, inf, 2, inf, 5, 3, 2, 2});
  const sparse_assignment a = solve_verified(m);
  CHECK(a.row_ind == std::vector<std::int64_t>{0, 1, 2});
  CHECK(a.col_ind == std::vector<std::int64_t>{1, 0, 2});
  CHECK(a.total == 5);
  const sparse_assignment b = solve_verified(m, true);
  CHECK(b.col_ind == std::vector<std::int64_t>{0, 2, 1});
  CHECK(b.total == 11);
}

TEST_CASE("solve_sparse_assignment: wide and tall matrices") {
  const csr wide = from_dense(2, 4, {5, 9, 1, 3, 8, 7, 2, 6});
  const sparse_assignment a = solve_verified(wide);
  CHECK(a.row_ind == std::vector<std::int64_t>{0, 1});
  CHECK(a.col_ind == std::vector<std::int64_t>{3, 2});
  CHECK(a.total == 5);
  CHECK(a.col_price[0] == 0); // unassigned columns carry a zero price
  CHECK(a.col_price[1] == 0);

  const csr tall = from_dense(4, 2, {5, 8, 9, 7, 1, 2, 3, inf});
  const sparse_assignment b = solve_verified(tall);
  CHECK(b.row_ind == std::vector<std::int64_t>{2, 3});
  CHECK(b.col_ind == std::vector<std::int64_t>{1, 0});
  CHECK(b.total == 5);
  CHECK(b.row_price[0] == 0); // unassigned rows of a tall matrix too
  CHECK(b.row_price[1] == 0);
}

TEST_CASE("solve_sparse_assignment: empty sides and infeasible matrices") {
  const csr no_rows = from_dense(0, 3, {});
  CHECK(solve_verified(no_rows).row_ind.empty());
  const csr no_cols = from_dense(3, 0, {});
  const sparse_assignment none = solve_verified(no_cols);
  CHECK(none.col_ind.empty());
  CHECK(none.row_price.size() == 3);

  const csr column_unreachable = from_dense(2, 2, {1, inf, 2, inf});
  CHECK_THROWS_MATCHES(solve_sparse_assignment(column_unreachable.view()), infeasible_error,
                       Catch::Message("no full matching exists"));
  const csr tall_infeasible = from_dense(3, 2, {1, inf, 2, inf, 3, inf});
  CHECK_THROWS_AS(solve_sparse_assignment(tall_infeasible.view()), infeasible_error);
  const csr wide_infeasible = from_dense(2, 3, {1, inf, inf, 2, inf, inf});
  CHECK_THROWS_AS(solve_sparse_assignment(wide_infeasible.view()), infeasible_error);
}

TEST_CASE("solve_sparse_assignment: finite entries whose sum overflows are refused") {
  const std::vector<std::int64_t> indptr{0, 2, 4}, indices{0, 1, 0, 1};
  const std::vector<double> data{-std::numeric_limits<double>::max(), 1, 2, -1e308};
  const sparse_costs cost{indptr.data(), indices.data(), data.data(), 2, 2};
  CHECK_THROWS_WITH(solve_sparse_assignment(cost),
                    "cost matrix: finite entries too large: a sum of 2 of them overflows");
}

TEST_CASE("solve_sparse_assignment: invalid entries and malformed arrays") {
  const csr with_nan = from_dense(1, 1, {std::nan("")}, 0);
  CHECK_THROWS_AS(solve_sparse_assignment(with_nan.view()), validation_error);
  const csr with_minus_inf = from_dense(1, 2, {-inf, 1}, 0);
  CHECK_THROWS_AS(solve_sparse_assignment(with_minus_inf.view()), validation_error);
  CHECK(solve_verified(with_minus_inf, true).col_ind == std::vector<std::int64_t>{1});
  const csr with_plus_inf = from_dense(1, 2, {inf, 1}, 0);
  CHECK(solve_verified(with_plus_inf).col_ind == std::vector<std::int64_t>{1});
  CHECK_THROWS_AS(solve_sparse_assignment(with_plus_inf.view(), true), validation_error);

  csr bad_column = from_dense(1, 2, {1, 2});
  bad_column.indices[1] = 2;
  CHECK_THROWS_WITH(solve_sparse_assignment(bad_column.view()), Catch::Contains("outside"));
  csr bad_indptr = from_dense(2, 2, {1, 2, 3, 4});
  bad_indptr.indptr[1] = 5;
  CHECK_THROWS_WITH(solve_sparse_assignment(bad_indptr.view()), Catch::Contains("decreases"));
}

TEST_CASE("solve_sparse_assignment: parallel entries count at their best cost") {
  csr m;
  m.rows = m.cols = 2;
  m.indptr = {0, 3, 4};
  m.indices = {0, 0, 1, 0};
  m.data = {5, 1, 4, 3};
  const sparse_assignment a = solve_verified(m);
  CHECK(a.col_ind == std::vector<std::int64_t>{1, 0});
  CHECK(a.total == 7);
}

TEST_CASE("solve_sparse_assignment: equal totals to brute force on random small instances") {
  std::mt19937_64 rng(20261122);
  int feasible = 0, infeasible = 0;
  for (int trial = 0; trial < 6000; ++trial) {
    const bool maximize = trial % 2 == 1;
    const instance x = random_instance(rng, trial / 2 % 12, maximize);
    const brute_force_result best =
        brute_force_assignment({x.dense.data(), x.rows, x.cols}, maximize);
    INFO("trial " << trial << ": " << x.rows << " x " << x.cols);
    if (!best.found) {
      CHECK_THROWS_AS(solve_sparse_assignment(x.sparse.view(), maximize), infeasible_error);
      ++infeasible;
      continue;
    }
    const sparse_assignment answer = solve_verified(x.sparse, maximize);
    CHECK(answer.total == Approx(best.total).margin(1e-9));
    // The dense solver on the same matrix agrees on the total.
    const dense_assignment dense =
        solve_dense_assignment({x.dense.data(), x.rows, x.cols}, maximize);
    CHECK(answer.total == Approx(dense.total).margin(1e-9));
    ++feasible;
  }
  CHECK(feasible > 2000);
  CHECK(infeasible > 500);
}

TEST_CASE("solve_sparse_assignment: deterministic") {
  std::mt19937_64 rng(7);
  std::vector<double> dense(60 * 70);
  for (double& c : dense)
    c = std::uniform_int_distribution<int>(0, 9)(rng) < 3
            ? inf
            : std::uniform_int_distribution<int>(0, 2)(rng);
  const csr m = from_dense(60, 70, dense);
  const sparse_assignment first = solve_verified(m);
  for (int again = 0; again < 3; ++again)
    CHECK(solve_sparse_assignment(m.view()).col_ind == first.col_ind);
}

TEST_CASE("verify_sparse_assignment: rejects tampered certificates") {
  const csr m = from_dense(3, 3, {4, 1, 3, 2, 0, 5, 3, 2, 2});
  const sparse_assignment good = solve_verified(m);
  CHECK(message_of(m, good).empty());
  sparse_assignment raised = good;
  raised.row_price[0] += 1;
  CHECK_THAT(message_of(m, raised), Catch::Contains("exceed its cost"));
  sparse_assignment lowered = good;
  lowered.row_price[0] -= 1;
  CHECK_THAT(message_of(m, lowered), Catch::Contains("not tight"));
  sparse_assignment twice = good;
  twice.col_ind = {1, 1, 2};
  CHECK_THAT(message_of(m, twice), Catch::Contains("assigned twice"));
  sparse_assignment wrong_total = good;
  wrong_total.total += 1;
  CHECK_THAT(message_of(m, wrong_total), Catch::Contains("stated total"));

  const csr holes = from_dense(2, 2, {inf, 1, 1, 100});
  sparse_assignment through_forbidden = solve_verified(holes);
  through_forbidden.col_ind = {0, 1};
  CHECK_THAT(message_of(holes, through_forbidden), Catch::Contains("forbidden"));

  const csr wide = from_dense(1, 3, {5, 1, 2});
  sparse_assignment priced_free_column = solve_verified(wide);
  priced_free_column.col_price[0] = -1;
  CHECK_THAT(message_of(wide, priced_free_column), Catch::Contains("nonzero price"));
}

TEST_CASE("solve_sparse_assignment: OR-Library sparse instances reach the known optimum") {
  const std::string& folder = slmatch::testing::orlib_folder;
  const std::map<std::string, double> optimum = slmatch::testing::orlib_optima();
  if (optimum.empty()) {
    WARN("OR-Library instances not found at " << folder << ": skipping this test");
    return;
  }
  int solved = 0;
  for (const char* instance_name : {"assignp800", "assignp1500", "assignp3000", "assignp5000"}) {
    const std::string instance = instance_name;
    csr m;
    if (!read_orlib_sparse(folder + "/" + instance + ".txt", m)) {
      WARN("OR-Library instance " << instance << " not found: skipping it");
      continue;
    }
    REQUIRE(optimum.count(instance) == 1);
    INFO(instance);
    CHECK(solve_verified(m).total == optimum.at(instance));
    ++solved;
  }
  CHECK(solved == 4);
}

TEST_CASE("solve_sparse_assignment: agrees with the dense solver on larger random instances") {
  // Sizes where preprocessing leaves real work for the shortest paths; integer costs from a
  // small range make many ties, real costs make none; wide, tall and square shapes.
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> unit(0, 1);
  int feasible = 0, infeasible = 0;
  for (int trial = 0; trial < 240; ++trial) {
    const bool maximize = trial % 2 == 1;
    const std::size_t rows = std::uniform_int_distribution<std::size_t>(10, 90)(rng);
    const std::size_t cols = trial % 3 == 0 ? rows
                             : trial % 3 == 1
                                 ? rows + std::uniform_int_distribution<std::size_t>(1, 30)(rng)
                                 : std::uniform_int_distribution<std::size_t>(5, rows)(rng);
    const double density = trial % 4 == 0 ? 0.05 : trial % 4 == 1 ? 0.15 : trial % 4 == 2 ? 0.4 : 1;
    const bool ties = trial % 5 < 3;
    const double forbidden = maximize ? -inf : inf;
    std::vector<double> dense(rows * cols, forbidden);
    for (double& c : dense)
      if (unit(rng) < density)
        c = ties ? std::uniform_int_distribution<int>(1, 8)(rng) : unit(rng) * 100 - 20;
    const csr m = from_dense(rows, cols, dense, forbidden);
    INFO("trial " << trial << ": " << rows << " x " << cols << ", density " << density);
    bool dense_feasible = true;
    dense_assignment expected;
    try {
      expected = solve_dense_assignment({dense.data(), rows, cols}, maximize);
    } catch (const infeasible_error&) {
      dense_feasible = false;
    }
    if (!dense_feasible) {
      CHECK_THROWS_AS(solve_sparse_assignment(m.view(), maximize), infeasible_error);
      ++infeasible;
      continue;
    }
    const sparse_assignment answer = solve_verified(m, maximize);
    CHECK(answer.total == Approx(expected.total).margin(1e-9 * rows * 100));
    ++feasible;
  }
  CHECK(feasible > 120);
  CHECK(infeasible > 20);
}

TEST_CASE("monotone_queue: pops the smallest key first, whatever its sign") {
  std::mt19937_64 rng(11);
  detail::monotone_queue queue;
  for (int round = 0; round < 50; ++round) {
    queue.clear();
    // Dijkstra's pattern: a first batch of any keys, then keys never below the last popped.
    std::priority_queue<double, std::vector<double>, std::greater<>> expected;
    double last = -inf;
    int pushed = 0;
    auto push = [&](double key) {
      queue.push(key, 0);
      expected.push(key);
      ++pushed;
    };
    for (int k = 0; k < 20; ++k) push(std::uniform_int_distribution<int>(-50, 50)(rng) * 0.5);
    push(-0.0);
    push(0.0);
    push(-inf);
    while (!expected.empty()) {
      REQUIRE_FALSE(queue.empty());
      const double key = queue.top().key;
      CHECK(key == expected.top());
      CHECK(key >= last);
      last = key;
      queue.pop();
      expected.pop();
      const int more = std::uniform_int_distribution<int>(0, 2)(rng);
      for (int k = 0; k < more && pushed < 400; ++k) {
        const double step = std::uniform_int_distribution<int>(0, 3)(rng) == 0
                                ? 0.0
                                : std::uniform_real_distribution<double>(0, 1e3)(rng);
        push(std::isinf(last) ? -1e6 : last + step);
      }
    }
    CHECK(queue.empty());
  }
}

TEST_CASE("solve_sparse_assignment: long rows with parallel entries and ties") {
  // Rows far longer than the part a search sorts, with repeated columns at different costs:
  // the pair's cost is its cheapest entry, as the dense solver sees it.
  std::mt19937_64 rng(29);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t rows = 20 + rng() % 30, cols = rows + rng() % 10;
    std::vector<double> dense(rows * cols, inf);
    csr m;
    m.rows = rows;
    m.cols = cols;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t entries = 40 + rng() % 100;
      for (std::size_t e = 0; e < entries; ++e) {
        const std::size_t c = rng() % cols;
        const double cost = trial % 2 == 0 ? static_cast<double>(1 + rng() % 4)
                                           : static_cast<double>(rng() % 1000) / 7.0;
        m.indices.push_back(static_cast<std::int64_t>(c));
        m.data.push_back(cost);
        dense[r * cols + c] = std::min(dense[r * cols + c], cost);
      }
      m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
    }
    INFO("trial " << trial << ": " << rows << " x " << cols);
    const dense_assignment expected = solve_dense_assignment({dense.data(), rows, cols});
    const sparse_assignment answer = solve_verified(m);
    CHECK(answer.total == Approx(expected.total).margin(1e-9 * static_cast<double>(rows) * 200));
    CHECK(solve_sparse_assignment(m.view()).col_ind == answer.col_ind);
  }
}

TEST_CASE("solve_sparse_assignment: costs stored as float only when exactly floats") {
  const auto fits = [](std::vector<double> data) {
    const std::vector<std::int64_t> indptr{0, static_cast<std::int64_t>(data.size())};
    std::vector<std::int64_t> indices(data.size());
    for (std::size_t k = 0; k < data.size(); ++k) indices[k] = static_cast<std::int64_t>(k);
    return detail::costs_fit_float({indptr.data(), indices.data(), data.data(), 1, data.size()});
  };
  CHECK(fits({1, -7, 0.5, 16777216, inf, -inf}));
  CHECK_FALSE(fits({16777217})); // 2^24 + 1 needs 25 bits
  CHECK_FALSE(fits({0.1}));      // not a binary fraction of 24 bits
  CHECK_FALSE(fits({1e39}));     // beyond the largest float
  CHECK_FALSE(fits({3, 1e-50})); // below the smallest float
}

TEST_CASE("solve_sparse_assignment: float and double storage give the same answer, bit for bit") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const bool maximize = trial % 2 == 1;
    const std::size_t rows = std::uniform_int_distribution<std::size_t>(5, 60)(rng);
    const std::size_t cols = rows + std::uniform_int_distribution<std::size_t>(0, 10)(rng);
    std::vector<double> dense(rows * cols, inf);
    for (double& c : dense)
      if (std::uniform_int_distribution<int>(0, 9)(rng) < 3)
        c = std::uniform_int_distribution<int>(-50, 50)(rng) * 0.25;
    csr m = from_dense(rows, cols, dense);
    if (maximize)
      for (double& c : m.data) c = -c;
    INFO("trial " << trial);
    REQUIRE(detail::costs_fit_float(m.view()));
    sparse_assignment as_float, as_double;
    as_float.maximize = as_double.maximize = maximize;
    try {
      detail::solve_sparse_working<float>(m.view(), maximize, false, as_float);
    } catch (const infeasible_error&) {
      CHECK_THROWS_AS(detail::solve_sparse_working<double>(m.view(), maximize, false, as_double),
                      infeasible_error);
      continue;
    }
    detail::solve_sparse_working<double>(m.view(), maximize, false, as_double);
    CHECK(as_float.col_ind == as_double.col_ind);
    CHECK(as_float.row_price == as_double.row_price);
    CHECK(as_float.col_price == as_double.col_price);
    CHECK(as_float.total == as_double.total);
    verify_sparse_assignment(m.view(), as_float);
  }
}
