#include "slmatch/error.hpp"
#include "slmatch/solve/branch_and_price.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace slmatch;

namespace {

/// Columns offered from a fixed list: every improving column not present, as the contract
/// asks, and dropped for good when their reduced cost falls below the gap.
class listed_columns final : public column_source {
public:
  explicit listed_columns(std::vector<packing_column> all) : pool_(std::move(all)) {}

  double offer(const std::vector<double>& prices, const std::function<bool(std::int64_t)>& present,
               double tolerance, std::vector<packing_column>& offered) override {
    double unpriced = 0;
    for (const auto& c : pool_) {
      const double r = reduced(c, prices);
      if (r <= 0 || present(c.key)) continue;
      if (r > tolerance)
        offered.push_back(c);
      else
        unpriced += r;
    }
    return unpriced;
  }
  void drop(const std::vector<double>& prices, double gap) override {
    ++drops;
    pool_.erase(std::remove_if(pool_.begin(), pool_.end(),
                               [&](const packing_column& c) { return reduced(c, prices) < -gap; }),
                pool_.end());
  }
  int drops = 0;

private:
  static double reduced(const packing_column& c, const std::vector<double>& prices) {
    double r = c.objective;
    for (const auto& t : c.terms) r -= t.coefficient * prices[static_cast<std::size_t>(t.row)];
    return r;
  }
  std::vector<packing_column> pool_;
};

/// A random packing programme: rows with limits 1..3, columns with whole coefficients 1..3
/// on one to three rows and whole objectives, like places in households and groups.
packing_programme random_programme(std::uint64_t seed, std::vector<packing_column>& all) {
  std::mt19937_64 rng(seed);
  const auto between = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(rng);
  };
  packing_programme programme;
  const int rows = between(2, 6);
  for (int r = 0; r < rows; ++r) programme.row_upper.push_back(between(1, 3));
  all.clear();
  const int columns = between(4, 13);
  for (int c = 0; c < columns; ++c) {
    packing_column column;
    column.key = 100 + 7 * c;
    column.objective = between(1, 40);
    std::vector<int> used;
    for (int t = between(1, 3); t > 0; --t) {
      const int row = between(0, rows - 1);
      if (std::find(used.begin(), used.end(), row) != used.end()) continue;
      used.push_back(row);
      column.terms.push_back({row, static_cast<double>(between(1, 3))});
    }
    all.push_back(column);
  }
  return programme;
}

/// The best objective of any 0/1 choice of the columns within the rows' limits.
double brute_force(const packing_programme& programme, const std::vector<packing_column>& all) {
  double best = 0;
  for (std::uint32_t mask = 0; mask < (1u << all.size()); ++mask) {
    std::vector<double> load(programme.row_upper.size(), 0);
    double value = 0;
    for (std::size_t c = 0; c < all.size(); ++c)
      if (mask & (1u << c)) {
        value += all[c].objective;
        for (const auto& t : all[c].terms) load[static_cast<std::size_t>(t.row)] += t.coefficient;
      }
    bool fits = true;
    for (std::size_t r = 0; r < load.size(); ++r) fits = fits && load[r] <= programme.row_upper[r];
    if (fits) best = std::max(best, value);
  }
  return best;
}

/// The objective of the chosen keys, checked against the rows' limits.
double value_of(const packing_programme& programme, const std::vector<packing_column>& all,
                const std::vector<std::int64_t>& keys) {
  std::vector<double> load(programme.row_upper.size(), 0);
  double value = 0;
  for (std::int64_t key : keys) {
    const auto column = std::find_if(all.begin(), all.end(),
                                     [key](const packing_column& c) { return c.key == key; });
    REQUIRE(column != all.end());
    value += column->objective;
    for (const auto& t : column->terms) load[static_cast<std::size_t>(t.row)] += t.coefficient;
  }
  for (std::size_t r = 0; r < load.size(); ++r) REQUIRE(load[r] <= programme.row_upper[r]);
  return value;
}

} // namespace

TEST_CASE("branch_and_price equals brute force on small packing programmes", "[groups]") {
  int branched_or_cut = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    std::vector<packing_column> all;
    packing_programme programme = random_programme(seed, all);
    const double best = brute_force(programme, all);
    // Start from nothing (every column priced in), or from the first half of the columns.
    for (const bool half : {false, true}) {
      INFO("seed " << seed << (half ? ", half the columns to start" : ", no columns to start"));
      programme.columns.assign(all.begin(),
                               half ? all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2)
                                    : all.begin());
      listed_columns source(all);
      branch_price_options options;
      options.known = 0; // taking nothing is always allowed
      const branch_price_result found = branch_and_price(programme, source, options);
      REQUIRE(found.proven_optimal);
      REQUIRE(found.objective == Approx(best));
      REQUIRE(found.bound == Approx(best));
      REQUIRE(found.improved == (best > 0));
      if (found.improved) {
        REQUIRE(std::is_sorted(found.keys.begin(), found.keys.end()));
        REQUIRE(value_of(programme, all, found.keys) == Approx(best));
      }
      CHECK(source.drops >= 1);
      branched_or_cut += found.nodes > 1;
    }
  }
  CHECK(branched_or_cut > 50); // the branching itself was exercised, not only whole roots
}

TEST_CASE("branch_and_price: a known solution as good as any is kept", "[groups]") {
  std::vector<packing_column> all;
  packing_programme programme = random_programme(7, all);
  const double best = brute_force(programme, all);
  listed_columns source(all);
  branch_price_options options;
  options.known = best;
  const branch_price_result found = branch_and_price(programme, source, options);
  CHECK_FALSE(found.improved);
  CHECK(found.proven_optimal);
  CHECK(found.objective == best);
}

TEST_CASE("branch_and_price: the cover cut closes a couple split between two homes", "[groups]") {
  // Two households of two places (rows 2 and 3). A couple (people 0 and 1) takes both places
  // of one; persons 4 and 5 each want one household. Half the couple in each home, with
  // both persons placed, is the relaxation's optimum (16 + 6 + 6 = 28 over 16 + 6); the cuts
  // must bring the bound to the whole optimum, 22, with no branching.
  packing_programme programme;
  programme.row_upper = {1, 1, 2, 2, 1, 1};
  const auto column = [](std::int64_t key, double objective,
                         std::vector<packing_column::term> terms) {
    packing_column c;
    c.key = key;
    c.objective = objective;
    c.terms = std::move(terms);
    return c;
  };
  const std::vector<packing_column> all = {
      column(1, 16, {{0, 1}, {1, 1}, {2, 2}}),
      column(2, 16, {{0, 1}, {1, 1}, {3, 2}}),
      column(3, 6, {{4, 1}, {2, 1}}),
      column(4, 6, {{5, 1}, {3, 1}}),
  };
  programme.columns = all;
  listed_columns source(all);
  const branch_price_result found = branch_and_price(programme, source);
  CHECK(found.proven_optimal);
  CHECK(found.objective == 22);
  CHECK(found.nodes == 1);
  CHECK(value_of(programme, all, found.keys) == 22);
}

TEST_CASE("branch_and_price: out of time, the best found stands with a bound", "[groups]") {
  std::vector<packing_column> all;
  packing_programme programme = random_programme(3, all);
  programme.columns = all;
  listed_columns source(all);
  branch_price_options options;
  options.seconds = 0; // no time at all: nothing is searched
  options.known = 1;
  const branch_price_result found = branch_and_price(programme, source, options);
  CHECK_FALSE(found.proven_optimal);
  CHECK_FALSE(found.improved);
  CHECK(found.objective == 1);
  CHECK(found.bound >= brute_force(programme, all));
}

TEST_CASE("branch_and_price refuses columns that name no row or share a key", "[groups]") {
  packing_programme programme;
  programme.row_upper = {1};
  packing_column c;
  c.key = 1;
  c.objective = 1;
  c.terms = {{3, 1.0}};
  programme.columns = {c};
  listed_columns none({});
  CHECK_THROWS_WITH(branch_and_price(programme, none),
                    Catch::Contains("a column of the programme names row 3"));
  c.terms = {{0, 1.0}};
  programme.columns = {c, c};
  CHECK_THROWS_WITH(branch_and_price(programme, none),
                    Catch::Contains("two columns of the programme share a key"));
}
