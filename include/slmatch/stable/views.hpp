#pragma once
/// Both sides' views of a scheme: each person's ranking of the households they could go to
/// and each household's ranking of the people it could support, ready for stable matching.
///
/// In: a validated scheme and `view_options`. Out: `scheme_views`, the two sides' ranked
/// lists over the FEASIBLE pairs only (every hard rule passed, so a decline by either side,
/// an exclusion by the scheme or a safeguarding risk already removes the pair) as
/// `preferences` (see preferences.hpp), with each listing's score.
///
/// The person's view is the engine's own score of the pair, with the person's weights
/// ("what matters to me") over the scheme's: the score `match` solves with.
///
/// The household's view is the carer's side of the same pair, on the same 0–100 scale and
/// by the same formula, over the factors that describe what the household would
/// experience of the person:
///
/// | factor           | what it says from the household's side             | weight |
/// |------------------|----------------------------------------------------|--------|
/// | carer_preference | the needs they like supporting, age range, gender   | 3.0    |
/// | lifestyle        | how close the person's way of life is to theirs     | 2.5    |
/// | interests        | interests the household would share with the person | 2.0    |
/// | household_mix    | how the person would fit with everyone living there | 2.0    |
/// | language         | whether they would share a language                 | 1.5    |
/// | continuity       | whether the carer already knows the person          | 1.0    |
///
///     household score = 100 * sum(weight * raw over used) / sum(weight over used)
///
/// where each factor's raw score is the registry's scorer (score/factors/), so the two sides
/// can be read and explained with the same sentences, and a factor is used under exactly
/// the rules of the person's side: never when the person withheld consent to the data it
/// reads (checked before the scorer runs, so withheld data is never read), never at weight
/// 0, never when there is nothing to compare. The weights are the scheme's for the
/// household side (`view_options::household_weights`), not the person's. The other factors
/// (community, faith and culture, diet, experience, gender preference) describe what the
/// person needs or wishes for, so they are left out of the household's view: in particular
/// a household never ranks people by faith, culture or diet, which are the person's to
/// seek, not the carer's to select by.
///
/// Equivalently, the household's score of a pair is `total_score(score_factors(...))` for
/// a scheme whose weights are the household weights and a person without weight overrides;
/// the tests check exactly that.
///
/// Lists are ordered best first by score rounded to 0.001 of a point (the precision the
/// solvers use, see `score_to_weight`), ties by household id on a person's list and by
/// person id on a household's list, so equal inputs give equal lists.

#include "slmatch/candidates/candidates.hpp"
#include "slmatch/error.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/features/features.hpp"
#include "slmatch/log.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/parallel.hpp"
#include "slmatch/score/factors.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/score/wording.hpp"
#include "slmatch/stable/preferences.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace slmatch {

/// The factors a household's view is made of, in `factor` enum order.
inline constexpr std::array<factor, 6> household_view_factors{
    factor::interests,     factor::language,   factor::lifestyle,
    factor::household_mix, factor::continuity, factor::carer_preference,
};

/// True when `f` is one of `household_view_factors`.
inline bool in_household_view(factor f) {
  return std::find(household_view_factors.begin(), household_view_factors.end(), f) !=
         household_view_factors.end();
}

/// The household side's default weights: the carer's own preferences weigh most; factors
/// outside the household's view are 0.
inline factor_weights default_household_view_weights() {
  factor_weights weights{};
  weights[static_cast<std::size_t>(factor::carer_preference)] = 3.0;
  weights[static_cast<std::size_t>(factor::lifestyle)] = 2.5;
  weights[static_cast<std::size_t>(factor::interests)] = 2.0;
  weights[static_cast<std::size_t>(factor::household_mix)] = 2.0;
  weights[static_cast<std::size_t>(factor::language)] = 1.5;
  weights[static_cast<std::size_t>(factor::continuity)] = 1.0;
  return weights;
}

/// How to build the views.
struct view_options {
  /// Weights of the household's view, indexed by `factor`: finite, >= 0, and 0 for every
  /// factor outside `household_view_factors`.
  factor_weights household_weights = default_household_view_weights();
  int threads = 1; ///< scoring threads (>= 1); the views are the same for any number
};

/// Both sides' ranked lists over the feasible pairs, with the score behind each listing.
struct scheme_views {
  /// People and households in scheme order; capacity is each household's free places under
  /// the scheme's cap (`effective_capacity`). Every feasible pair is listed by both sides.
  preferences lists;
  std::vector<double> person_scores;    ///< per entry of `lists.person_ranks.entries`
  std::vector<double> household_scores; ///< per entry of `lists.household_ranks.entries`
};

/// Check household-view weights.
///
/// @param[in] weights  the weights to check
/// @throws slmatch::validation_error naming each bad weight as field
///         "household_weights.<factor>" of record "options": not finite, negative, or above 0
///         for a factor outside the household's view
inline void check_household_weights(const factor_weights& weights) {
  std::vector<problem> found;
  for (factor f : all_values<factor>()) {
    const double w = weights[static_cast<std::size_t>(f)];
    const std::string field = "household_weights." + std::string(to_string(f));
    if (!std::isfinite(w) || w < 0.0)
      found.push_back({"options", field, "must be finite and >= 0"});
    else if (w > max_factor_weight)
      found.push_back({"options", field, "must be at most 1000000"});
    else if (w != 0.0 && !in_household_view(f))
      found.push_back(
          {"options", field,
           "must be 0: " + std::string(to_string(f)) + " is not part of the household's view"});
  }
  if (!found.empty()) throw validation_error(std::move(found));
}

namespace detail {

/// The household's view of one pair, factor by factor, in enum order: the engine's own
/// evaluation (same consent gate, weight rule and formula) over the household's factors
/// with the household weights. Weights are assumed checked.
inline std::vector<factor_outcome> household_outcomes(const policy& pol, const person& p,
                                                      const household& h,
                                                      const factor_weights& weights,
                                                      bool with_sentences) {
  return evaluate_factor_list(pol, p, h, household_view_factors, weights, with_sentences);
}

/// Sum of the used factors' points, in enum order (as `total_score`).
inline double household_total(const policy& pol, const person& p, const household& h,
                              const factor_weights& weights) {
  return total_score(household_outcomes(pol, p, h, weights, false));
}

} // namespace detail

/// The household's score of one pair on the 0–100 scale (see the file comment).
///
/// @param[in] s  the scheme (its `as_of` date gives ages)
/// @param[in] person  index into `s.people`
/// @param[in] household  index into `s.households`
/// @param[in] options  the household weights
/// @return  the score; 0 when no factor of the view is used. Feasibility is not checked.
/// @throws slmatch::error when an index is out of range; slmatch::validation_error for bad
///         weights
inline double household_view_score(const scheme& s, std::size_t person, std::size_t household,
                                   const view_options& options = {}) {
  check_index(person, s.people.size(), "person", "people");
  check_index(household, s.households.size(), "household", "households");
  check_household_weights(options.household_weights);
  return detail::household_total(s.policy, s.people[person], s.households[household],
                                 options.household_weights);
}

/// Why a household's view ranks a person where it does.
struct household_view_explanation {
  std::string person_id, household_id;
  double score = 0.0;
  /// The view's factors: used ones by points descending (ties by enum order), then unused
  /// ones in enum order, each with its sentence (a factor left out for lack of consent says
  /// so, and nothing more).
  std::vector<factor_outcome> factors;
  std::vector<std::string> reasons; ///< one sentence per factor, in `factors` order
  std::string summary; ///< e.g. "In household H04's view, P01 is a good match (score 71.0): ..."
};

/// Explain the household's score of one pair factor by factor, in plain English.
///
/// @param[in] s  the scheme
/// @param[in] person  index into `s.people`
/// @param[in] household  index into `s.households`
/// @param[in] options  the household weights
/// @return  the explanation; its `score` equals `household_view_score`
/// @throws slmatch::error when an index is out of range; slmatch::validation_error for bad
///         weights
inline household_view_explanation explain_household_view(const scheme& s, std::size_t person,
                                                         std::size_t household,
                                                         const view_options& options = {}) {
  check_index(person, s.people.size(), "person", "people");
  check_index(household, s.households.size(), "household", "households");
  check_household_weights(options.household_weights);
  const auto& p = s.people[person];
  const auto& h = s.households[household];
  household_view_explanation e;
  e.person_id = p.id;
  e.household_id = h.id;
  e.factors = detail::household_outcomes(s.policy, p, h, options.household_weights, true);
  e.score = total_score(e.factors);
  order_for_reading(e.factors);
  const auto highlights = factor_reasons(e.factors, e.reasons);
  e.summary = "In household " + h.id + "'s view, " + p.id + " is " + match_quality(e.score) +
              " (score " + wording::format_number(e.score, 1, true) + ")" +
              (highlights.empty() ? std::string(": no factor scored in their favour")
                                  : ": " + wording::join_with(highlights, "; ")) +
              ".";
  return e;
}

/// Both sides' views of a scheme over its feasible pairs.
///
/// Feasible pairs and the person-side scores come from the engine's candidate search
/// (`score_candidates`, the scores `match` uses); the household-side scores are computed
/// for those pairs only, on `options.threads` threads.
///
/// @param[in] s  a validated scheme
/// @param[in] options  household weights and threads
/// @return  the ranked lists (best first, ties by id) with their scores; feed
///          `rank_pairs(views.lists)` to `deferred_acceptance`
/// @throws slmatch::validation_error for bad household weights; slmatch::error when
///         `options.threads < 1`
/// \note  Time: the candidate search, plus one household-view evaluation and two sorts per
///        feasible pair. Deterministic for any number of threads.
inline scheme_views build_views(const scheme& s, const view_options& options = {}) {
  if (options.threads < 1) throw error("threads must be >= 1");
  check_household_weights(options.household_weights);
  candidate_options search;
  search.threads = options.threads;
  search.keep_contributions = false;
  const candidate_pairs pairs = score_candidates(encode_scheme(s), search);

  // Household-side scores of every feasible pair, chunks of people on the threads.
  std::vector<double> household_score(pairs.size());
  const std::size_t chunk = chunk_people;
  const std::size_t chunks = (s.people.size() + chunk - 1) / chunk;
  for_each_chunk(chunks, options.threads, [&](std::size_t c) {
    const std::size_t last = std::min(s.people.size(), (c + 1) * chunk);
    for (std::size_t p = c * chunk; p < last; ++p)
      for (auto k = pairs.row_start[p]; k < pairs.row_start[p + 1]; ++k) {
        const auto i = static_cast<std::size_t>(k);
        household_score[i] = detail::household_total(
            s.policy, s.people[p], s.households[static_cast<std::size_t>(pairs.household[i])],
            options.household_weights);
      }
  });

  scheme_views views;
  views.lists.people = static_cast<int>(s.people.size());
  for (const auto& h : s.households)
    views.lists.capacity.push_back(effective_capacity(s.policy, h));

  // Orders by id, so ties compare by an integer instead of a string.
  auto id_order = [](const auto& records) {
    std::vector<std::size_t> by_id(records.size());
    std::iota(by_id.begin(), by_id.end(), std::size_t{0});
    std::sort(by_id.begin(), by_id.end(),
              [&](std::size_t a, std::size_t b) { return records[a].id < records[b].id; });
    std::vector<std::size_t> position(records.size());
    for (std::size_t k = 0; k < by_id.size(); ++k) position[by_id[k]] = k;
    return position;
  };
  const std::vector<std::size_t> household_position = id_order(s.households);
  const std::vector<std::size_t> person_position = id_order(s.people);

  // People's lists: each row sorted by score descending, ties by household id.
  std::vector<std::size_t> row;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    row.clear();
    for (auto k = pairs.row_start[p]; k < pairs.row_start[p + 1]; ++k)
      row.push_back(static_cast<std::size_t>(k));
    std::sort(row.begin(), row.end(), [&](std::size_t a, std::size_t b) {
      const auto wa = score_to_weight(pairs.score[a]), wb = score_to_weight(pairs.score[b]);
      if (wa != wb) return wa > wb;
      return household_position[static_cast<std::size_t>(pairs.household[a])] <
             household_position[static_cast<std::size_t>(pairs.household[b])];
    });
    std::vector<int> households;
    households.reserve(row.size());
    for (std::size_t k : row) {
      households.push_back(pairs.household[k]);
      views.person_scores.push_back(pairs.score[k]);
    }
    views.lists.person_ranks.add_row(households);
  }

  // Households' lists: pairs bucketed by household (counting sort), then each bucket
  // sorted by the household's score descending, ties by person id.
  std::vector<std::size_t> person_of(pairs.size());
  for (std::size_t p = 0; p < s.people.size(); ++p)
    for (auto k = pairs.row_start[p]; k < pairs.row_start[p + 1]; ++k)
      person_of[static_cast<std::size_t>(k)] = p;
  std::vector<std::size_t> bucket_first(s.households.size() + 1, 0);
  for (std::size_t k = 0; k < pairs.size(); ++k)
    ++bucket_first[static_cast<std::size_t>(pairs.household[k]) + 1];
  for (std::size_t h = 0; h < s.households.size(); ++h) bucket_first[h + 1] += bucket_first[h];
  std::vector<std::size_t> bucket(pairs.size());
  {
    std::vector<std::size_t> next(bucket_first.begin(), bucket_first.end() - 1);
    for (std::size_t k = 0; k < pairs.size(); ++k)
      bucket[next[static_cast<std::size_t>(pairs.household[k])]++] = k;
  }
  for (std::size_t h = 0; h < s.households.size(); ++h) {
    const auto begin = bucket.begin() + static_cast<std::ptrdiff_t>(bucket_first[h]);
    const auto end = bucket.begin() + static_cast<std::ptrdiff_t>(bucket_first[h + 1]);
    std::sort(begin, end, [&](std::size_t a, std::size_t b) {
      const auto wa = score_to_weight(household_score[a]), wb = score_to_weight(household_score[b]);
      if (wa != wb) return wa > wb;
      return person_position[person_of[a]] < person_position[person_of[b]];
    });
    std::vector<int> people;
    people.reserve(static_cast<std::size_t>(end - begin));
    for (auto it = begin; it != end; ++it) {
      people.push_back(static_cast<int>(person_of[*it]));
      views.household_scores.push_back(household_score[*it]);
    }
    views.lists.household_ranks.add_row(people);
  }
  logger().debug("views: {} acceptable pairs for {} people x {} households",
                 views.person_scores.size(), s.people.size(), s.households.size());
  return views;
}

} // namespace slmatch
