#pragma once
/// Candidates: every feasible person–household pair with its score, sparse, on N threads.
///
/// In: a scheme (or its `scheme_features`) and `candidate_options`. Out: `candidate_pairs`
/// in CSR form: for person `i`, entries `row_start[i]` to `row_start[i + 1]` hold the
/// feasible households in ascending index order, each with its 0–100 score and, when kept,
/// a dense row of `vocabulary_size<factor>` points (one per factor, in `factor` order,
/// 0 for factors not used) in `contributions`. Memory is proportional to feasible pairs.
///
/// Households are found either densely (every household tried; best for small schemes) or
/// through a `household_grid` around the person's home with cells the size of the median
/// travel limit (or `cell_km`), so only households within reach are tried. A household must be
/// within the limit of every place (home and consented anchors); the grid query around the home is
/// a superset, and the full travel rule filters it. Both paths give identical output.
///
/// Two passes over fixed chunks of consecutive people; threads take chunks in turn. The
/// first finds each person's feasible households; the output arrays are then allocated at
/// their final size and the second scores each pair straight into its place. Each chunk
/// writes only its own rows, so the output does not depend on the number of threads, and
/// peak memory is the output plus 4 bytes a pair for the first pass's household lists.
///
/// `to_score_table` hands the pairs to the solvers as the reference `score_table`.
/// Counting households ruled out per rule needs every household tested against every rule,
/// which the sparse path skips; `fill_rule_failures` does it for the people asked for
/// (after solving: the unmatched ones, whose explanations read it).

#include "slmatch/candidates/pair_scorer.hpp"
#include "slmatch/candidates/spatial_index.hpp"
#include "slmatch/error.hpp"
#include "slmatch/parallel.hpp"
#include "slmatch/score/score.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace slmatch {

/// How households are found for each person.
enum class candidate_search : std::uint8_t {
  automatic, ///< the grid from 256 households up, else dense
  dense,     ///< try every household
  grid,      ///< the spatial grid (people whose reach covers the grid are tried densely)
};

/// How to build candidates.
struct candidate_options {
  int threads = 1;                ///< >= 1; output does not depend on it
  bool keep_contributions = true; ///< keep every factor's points per pair
  candidate_search search = candidate_search::automatic;
  double cell_km = 0.0; ///< grid cell side; 0: the median of the people's travel limits
};

/// Feasible pairs in CSR form; see the file comment.
struct candidate_pairs {
  static constexpr std::size_t factor_count = vocabulary_size<factor>;

  std::size_t people = 0, households = 0;
  std::vector<std::int64_t> row_start; ///< people + 1 offsets into the pair arrays
  std::vector<std::int32_t> household; ///< per pair, ascending within a person's row
  std::vector<double> score;           ///< per pair, 0–100
  std::vector<double> contributions;   ///< pairs x factor_count points, or empty

  std::size_t size() const { return household.size(); }

  /// Points of factor `f` for pair `k`; requires kept contributions.
  double points(std::size_t k, factor f) const {
    return contributions[k * factor_count + static_cast<std::size_t>(f)];
  }
};

/// People per chunk handed to a thread.
inline constexpr std::size_t chunk_people = 64;

namespace detail {

/// One chunk's feasible households, row after row, before they are scored.
struct chunk_rows {
  std::vector<std::int32_t> row_length;
  std::vector<std::int32_t> household;
};

/// Feasible households of one person by trying every household, appended to `out`.
inline void person_dense(const scheme_features& f, const detail::person_view& v,
                         std::vector<std::int32_t>& out) {
  const std::uint64_t* household_bits = f.household_rule_bits.data();
  const blocked_household* blocked = v.blocked_begin;
  for (std::size_t h = 0; h < f.households; ++h) {
    if (v.rule_bits & household_bits[h]) continue;
    if (!detail::within_travel(f, v, h)) continue;
    while (blocked != v.blocked_end && blocked->household < static_cast<std::int32_t>(h)) ++blocked;
    if (blocked != v.blocked_end && blocked->household == static_cast<std::int32_t>(h)) continue;
    out.push_back(static_cast<std::int32_t>(h));
  }
}

/// Feasible households of one person from the grid cells around their home, appended to
/// `out` in ascending order.
inline void person_grid(const scheme_features& f, const household_grid& grid,
                        const detail::person_view& v, std::vector<std::int32_t>& out) {
  const double reach = v.limit + travel_band_km;
  if (grid.cells_to_visit(reach) > static_cast<double>(grid.occupied_cells())) {
    person_dense(f, v, out); // the reach covers the grid: looking up cells costs more
    return;
  }
  const std::size_t first = out.size();
  const std::uint64_t* household_bits = f.household_rule_bits.data();
  const auto home = static_cast<Eigen::Index>(v.first_place);
  grid.visit_near(f.place_x[home], f.place_y[home], f.place_z[home], reach, [&](std::int32_t h) {
    if ((v.rule_bits & household_bits[h]) == 0 &&
        detail::within_travel(f, v, static_cast<std::size_t>(h)))
      out.push_back(h);
  });
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  // Drop blocked households, keeping the order.
  const blocked_household* blocked = v.blocked_begin;
  std::size_t kept = first;
  for (std::size_t k = first; k < out.size(); ++k) {
    const std::int32_t h = out[k];
    while (blocked != v.blocked_end && blocked->household < h) ++blocked;
    if (blocked != v.blocked_end && blocked->household == h) continue;
    out[kept++] = h;
  }
  out.resize(kept);
}

} // namespace detail

/// Every feasible pair of an encoded scheme with its score (and per-factor points).
///
/// Two passes over fixed chunks of people: the first finds each person's feasible
/// households (4 bytes a pair), then the output arrays are allocated at their final size
/// and the second pass scores every pair straight into its place, so peak memory is the
/// output plus the household lists of the first pass.
///
/// @param[in] f        features from `encode_scheme`
/// @param[in] options  threads, whether to keep contributions, dense or grid search
/// @return  the pairs in CSR form, identical for any number of threads and either search
/// @throws slmatch::error when `options.threads < 1`
inline candidate_pairs score_candidates(const scheme_features& f,
                                        const candidate_options& options = {}) {
  using namespace detail;
  constexpr std::size_t n = candidate_pairs::factor_count;
  if (options.threads < 1) throw error("threads must be >= 1");
  const bool use_grid = options.search == candidate_search::grid ||
                        (options.search == candidate_search::automatic && f.households >= 256);
  household_grid grid;
  if (use_grid) {
    double cell = options.cell_km;
    if (!(cell > 0.0)) {
      // The most common travel limit is the scheme default: take the median limit.
      std::vector<double> limits(f.travel_limit.data(), f.travel_limit.data() + f.people);
      if (!limits.empty()) {
        std::nth_element(limits.begin(), limits.begin() + limits.size() / 2, limits.end());
        cell = limits[limits.size() / 2];
      } else {
        cell = 40.0;
      }
    }
    grid = household_grid(f, cell);
  }

  // Pass 1: feasible households per chunk.
  const std::size_t chunks = (f.people + chunk_people - 1) / chunk_people;
  std::vector<chunk_rows> rows(chunks);
  for_each_chunk(chunks, options.threads, [&](std::size_t c) {
    chunk_rows& out = rows[c];
    const std::size_t first = c * chunk_people;
    const std::size_t last = std::min(f.people, first + chunk_people);
    out.row_length.reserve(last - first);
    for (std::size_t p = first; p < last; ++p) {
      const auto v = detail::view_person(f, p);
      const std::size_t before = out.household.size();
      if (use_grid)
        person_grid(f, grid, v, out.household);
      else
        person_dense(f, v, out.household);
      out.row_length.push_back(static_cast<std::int32_t>(out.household.size() - before));
    }
  });

  // Offsets, then the output at its final size.
  candidate_pairs result;
  result.people = f.people;
  result.households = f.households;
  result.row_start.reserve(f.people + 1);
  result.row_start.push_back(0);
  std::vector<std::size_t> chunk_start(chunks + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c) {
    for (std::int32_t length : rows[c].row_length)
      result.row_start.push_back(result.row_start.back() + length);
    chunk_start[c + 1] = chunk_start[c] + rows[c].household.size();
  }
  const std::size_t total = chunk_start[chunks];
  result.household.resize(total);
  result.score.resize(total);
  if (options.keep_contributions) result.contributions.resize(total * n);

  // Pass 2: score each chunk's pairs in place.
  for_each_chunk(chunks, options.threads, [&](std::size_t c) {
    std::vector<std::int32_t> households = std::move(rows[c].household);
    rows[c] = chunk_rows{};
    std::copy(households.begin(), households.end(),
              result.household.begin() + static_cast<std::ptrdiff_t>(chunk_start[c]));
    const std::size_t first = c * chunk_people;
    const std::size_t last = std::min(f.people, first + chunk_people);
    detail::block_scratch scratch;
    for (std::size_t p = first; p < last; ++p) {
      const auto begin = static_cast<std::size_t>(result.row_start[p]);
      const auto count = static_cast<std::size_t>(result.row_start[p + 1]) - begin;
      double* points =
          options.keep_contributions ? result.contributions.data() + begin * n : nullptr;
      detail::score_row(f, detail::view_person(f, p), result.household.data() + begin, count,
                        result.score.data() + begin, points, scratch);
    }
  });
  return result;
}

/// Every feasible pair of a scheme with its score; encodes the scheme first.
///
/// @param[in] s        a validated scheme
/// @param[in] options  threads, whether to keep contributions, dense or grid search
/// @return  the pairs in CSR form; feasibility equals `is_feasible`, scores and points equal
///          `score_factors` within 1e-9
/// @throws slmatch::error when `options.threads < 1`
inline candidate_pairs score_candidates(const scheme& s, const candidate_options& options = {}) {
  return score_candidates(encode_scheme(s), options);
}

/// The pairs as the reference `score_table` the solvers and explanations read.
///
/// @param[in] pairs    candidates of a scheme
/// @param[in] threads  threads copying rows; the table is the same for any number
/// @return  pairs ordered by person then household with their scores; `failures_by_rule`
///          has one row per person, all zero: fill the rows needed with `fill_rule_failures`
inline score_table to_score_table(const candidate_pairs& pairs, int threads = 1) {
  score_table table;
  table.people = pairs.people;
  table.households = pairs.households;
  table.failures_by_rule.assign(pairs.people, {});
  table.pairs.resize(pairs.size());
  for_each_range(pairs.people, chunk_people, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t p = first; p < last; ++p)
      for (auto k = pairs.row_start[p]; k < pairs.row_start[p + 1]; ++k) {
        const auto i = static_cast<std::size_t>(k);
        table.pairs[i] = {p, static_cast<std::size_t>(pairs.household[i]), pairs.score[i]};
      }
  });
  return table;
}

/// For one person, how many households fail each hard rule (a household failing several
/// rules counts under each), as in `score_scheme`.
///
/// @param[in] f       encoded scheme
/// @param[in] person  index of the person
/// @return  one count per rule, indexed by `rule`
inline std::array<int, vocabulary_size<rule>> rule_failures(const scheme_features& f,
                                                            std::size_t person) {
  std::array<int, vocabulary_size<rule>> counts{};
  const auto v = detail::view_person(f, person);
  // One pass over the households per rule the person can fail: a tight loop the compiler
  // vectorises, where testing every rule per household would branch on each.
  for (std::size_t r = 0; r < counts.size(); ++r) {
    const std::uint64_t mask = v.rule_bits & rule_bits::by_rule[r];
    if (mask == 0) continue;
    int count = 0;
    for (std::size_t h = 0; h < f.households; ++h)
      count += (mask & f.household_rule_bits[h]) != 0 ? 1 : 0;
    counts[r] = count;
  }
  for (const blocked_household* blocked = v.blocked_begin; blocked != v.blocked_end; ++blocked) {
    if (blocked->reasons & static_cast<std::uint8_t>(block_reason::declined))
      ++counts[static_cast<std::size_t>(rule::declined)];
    if (blocked->reasons & static_cast<std::uint8_t>(block_reason::resident_conflict))
      ++counts[static_cast<std::size_t>(rule::resident_conflict)];
  }
  for (std::size_t h = 0; h < f.households; ++h)
    if (!detail::within_travel(f, v, h)) ++counts[static_cast<std::size_t>(rule::travel)];
  return counts;
}

/// How one household fails one person's hard rules, read from the encoded masks.
struct household_failure {
  std::uint64_t bits = 0;     ///< the `rule_bits` both sides set: one bit per missing need,
                              ///< skill, feature…; 0 when every mask rule passes
  bool blocked = false;       ///< a decline, an excluded pair or a resident conflict
  bool beyond_travel = false; ///< the travel rule fails
};

/// How one household fails one person's hard rules (one entry of `household_failures`), for
/// looking at a few pairs.
///
/// @throws slmatch::error when an index is out of range
inline household_failure pair_failure(const scheme_features& f, std::size_t person,
                                      std::size_t household) {
  if (person >= f.people || household >= f.households)
    throw error("pair (" + std::to_string(person) + ", " + std::to_string(household) +
                ") is out of range");
  const auto v = detail::view_person(f, person);
  household_failure out;
  out.bits = v.rule_bits & f.household_rule_bits[household];
  out.beyond_travel = !detail::within_travel(f, v, household);
  out.blocked = detail::find_blocked(v, static_cast<std::int32_t>(household)) != nullptr;
  return out;
}

/// How every household fails one person's hard rules, in household order; a household
/// passes every rule exactly when its entry is all zero.
///
/// @param[in] f       encoded scheme
/// @param[in] person  index of the person
/// @throws slmatch::error when the index is out of range
inline std::vector<household_failure> household_failures(const scheme_features& f,
                                                         std::size_t person) {
  if (person >= f.people)
    throw error("person index " + std::to_string(person) + " is out of range");
  const auto v = detail::view_person(f, person);
  std::vector<household_failure> out(f.households);
  for (std::size_t h = 0; h < f.households; ++h) {
    out[h].bits = v.rule_bits & f.household_rule_bits[h];
    out[h].beyond_travel = !detail::within_travel(f, v, h);
  }
  for (const blocked_household* blocked = v.blocked_begin; blocked != v.blocked_end; ++blocked)
    out[static_cast<std::size_t>(blocked->household)].blocked = true;
  return out;
}

/// Fill `table.failures_by_rule` for the people listed (others are left as they are).
///
/// @param[in]     f       encoded scheme the table was scored from
/// @param[in,out] table   from `to_score_table`
/// @param[in]     people  indices of the people whose rows are needed, e.g. the unmatched
/// @throws slmatch::error when the table does not match the features or an index is out of
///         range
inline void fill_rule_failures(const scheme_features& f, score_table& table,
                               const std::vector<std::size_t>& people) {
  if (table.people != f.people || table.households != f.households ||
      table.failures_by_rule.size() != f.people)
    throw error("score table does not match the features");
  for (std::size_t p : people) {
    if (p >= f.people) throw error("person index " + std::to_string(p) + " is out of range");
    table.failures_by_rule[p] = rule_failures(f, p);
  }
}

} // namespace slmatch
