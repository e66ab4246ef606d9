#pragma once
/// What every soft factor is built from: the outcome type, the declaration each factor
/// gives the registry (`factor_info`), the tunable constants and the small helpers the
/// scorers share.
///
/// In: nothing but the model. Out: types and helpers; each factor's own file in
/// "slmatch/score/factors/" declares one `factor_info` and its scorer with these, and
/// "slmatch/score/factor_registry.hpp" collects them.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/community.hpp"
#include "slmatch/score/consent_wording.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace slmatch {

/// One soft factor's part in a pair's score.
struct factor_outcome {
  factor id = factor::community;
  bool used = false;    ///< false: left out of the score (no consent, weight 0, no information)
  double raw = 0.0;     ///< in [0, 1]
  double weight = 0.0;  ///< the effective weight, also when not used
  double points = 0.0;  ///< contribution to the 0–100 score
  std::string sentence; ///< lowercase clause, e.g. "they share interests in gardening and music"

  auto fields() const { return std::tie(id, used, raw, weight, points, sentence); }
  friend bool operator==(const factor_outcome& a, const factor_outcome& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const factor_outcome& a, const factor_outcome& b) { return !(a == b); }
};

/// Tunable constants of the factor formulas, named so they can be found and discussed.
namespace factor_constants {
/// Shared interests that earn full marks (fewer when the person lists fewer).
inline constexpr int interests_for_full_marks = 3;
/// Credit for an interest shared only with someone already living there (1 = the carer's).
inline constexpr double resident_interest_credit = 0.5;
/// Score when the household speaks one of the person's languages other than the first.
inline constexpr double other_language_score = 0.7;
/// Years of caring after which experience earns full marks.
inline constexpr double experience_years_for_full_marks = 10.0;
/// Age gap at which age fit reaches 0 in the household mix.
inline constexpr double age_gap_for_no_fit = 40.0;
/// Years outside a carer's preferred age range at which that preference reaches 0.
inline constexpr double years_outside_age_range_for_no_fit = 10.0;
} // namespace factor_constants

/// Scheme default weights with the person's own overrides ("what matters to me") applied.
///
/// @param[in] pol  the scheme's policy
/// @param[in] p    the person whose `weights` override the defaults
/// @return  one weight per factor, indexed by `factor`
inline factor_weights effective_weights(const policy& pol, const person& p) {
  factor_weights weights = pol.weights;
  for (const auto& [f, weight] : p.weights) weights[static_cast<std::size_t>(f)] = weight;
  return weights;
}

/// The sentence part saying consent to `c` was not given.
inline std::string no_consent_text(data_category c) { return consent_missing_text({}, c); }

/// Closeness of two lifestyles: 1 - mean absolute difference over the three scales.
inline double lifestyle_fit(const lifestyle& a, const lifestyle& b) {
  return 1.0 - (std::abs(a.activity - b.activity) + std::abs(a.setting - b.setting) +
                std::abs(a.routine - b.routine)) /
                   3.0;
}

namespace detail {

/// A factor's scorer: its raw score, or nothing when there is no information to score.
/// When `sentence` is not null it receives the factor's sentence either way.
using factor_scorer = std::optional<double> (*)(const policy&, const person&, const household&,
                                                std::string* sentence);

/// Words lowercased and without repeats, in first-seen order.
inline std::vector<std::string> normalised(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::string key = wording::lower(w);
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
  }
  return out;
}

inline bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

inline double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

} // namespace detail

/// One soft factor, declared once: what it is called, what it reads, how much it weighs by
/// default and the function that scores it. Each factor's file in "slmatch/score/factors/"
/// defines one; `info(factor)` finds it.
struct factor_info {
  factor id = factor::community;
  std::string_view label;        ///< short title for headings: "Closeness to community"
  std::string_view phrase;       ///< how sentences name it: "closeness to their community"
  bool phrase_is_plural = false; ///< "shared interests were not used", "diet was not used"
  std::string_view description;  ///< one plain-English sentence saying what it scores
  /// The consent category the whole factor needs; when absent the factor scores core data
  /// (and checks any consented parts itself, see `reads`).
  std::optional<data_category> consent;
  tag_set<data_category> reads;           ///< every consent category whose data it may read
  double default_weight = 0.0;            ///< the scheme default, before per-person overrides
  detail::factor_scorer scorer = nullptr; ///< raw score in [0, 1] and its sentence
};

/// The sentence for a factor left out of the score, from its declaration:
/// "shared interests were not used because consent to use interests was not given".
inline std::string not_used_sentence(const factor_info& f, const std::string& because) {
  return std::string(f.phrase) + (f.phrase_is_plural ? " were" : " was") + " not used because " +
         because;
}

} // namespace slmatch
