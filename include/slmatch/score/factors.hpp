#pragma once
/// Soft factors: how well a household suits a person, factor by factor.
///
/// In: a scheme (policy: weights, travel limit, as_of date), one person, one household.
/// Out: one `factor_outcome` per soft factor in `factor` enum order: whether it was used,
/// its raw score in [0, 1], its weight, its points on the 0–100 scale and a plain-English
/// sentence. The points of the used factors add up to the pair's score:
///     score = 100 * sum(weight * raw over used) / sum(weight over used)   (0 if none used)
///
/// Consent (principle 4): the person's data under a `data_category` is read only when the
/// person consented to that category. For whole factors the check is made in
/// `detail::evaluate_factors` before the factor's scorer runs; the two factors that mix core
/// and consented data check inside, before touching the consented fields. The same table is
/// declared in the registry (`info(f).consent` and `info(f).reads`) and tested against it:
///
/// | factor            | person data read                         | consent needed          |
/// |-------------------|------------------------------------------|-------------------------|
/// | community         | home location (core); anchors            | anchors: community      |
/// | interests         | interests                                | interests               |
/// | language          | languages                                | languages               |
/// | faith_culture     | faith, cultures                          | faith_culture           |
/// | diet              | diets                                    | diet                    |
/// | lifestyle         | way of life                              | lifestyle               |
/// | household_mix     | age from date of birth (core);           | none for age;           |
/// |                   | feelings about pets and children;        | household_preferences;  |
/// |                   | way of life vs each resident's           | lifestyle               |
/// | continuity        | carers already known                     | history                 |
/// | carer_preference  | needs, age, gender (core)                | none                    |
/// | experience        | needs (core)                             | none                    |
/// | gender_preference | preferred carer gender (core)            | none                    |
///
/// A factor is not used (raw = points = 0) when consent is missing, when its weight is 0,
/// or when there is nothing to compare (the person lists no interests); its sentence says
/// which. Ethnicity is never read here. Everything is double precision and deterministic.
///
/// Each factor lives in its own file, "slmatch/score/factors/<name>.hpp", with its
/// declaration (`factor_info`: label, phrase, description, consent, default weight) and its
/// scorer; "slmatch/score/factor_registry.hpp" collects them. This header puts them
/// together into outcomes and scores.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/factor_info.hpp"
#include "slmatch/score/factor_registry.hpp"
#include "slmatch/score/wording.hpp"

#include <array>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace slmatch {

/// The consent category a whole factor needs, or nothing when it scores core data
/// (community and household_mix check their consented parts themselves).
inline std::optional<data_category> consent_needed(factor f) { return info(f).consent; }

/// How sentences name a factor: "shared interests", "closeness to their community".
inline std::string factor_title(factor f) { return std::string(info(f).phrase); }

/// The sentence for a factor left out of the score:
/// "shared interests were not used because consent to use interests was not given".
inline std::string not_used_sentence(factor f, const std::string& because) {
  return not_used_sentence(info(f), because);
}

namespace detail {

/// Every factor's scorer, in `factor` enum order, from the registry.
inline const std::array<factor_scorer, vocabulary_size<factor>>& factor_scorers() {
  static const std::array<factor_scorer, vocabulary_size<factor>> scorers = [] {
    std::array<factor_scorer, vocabulary_size<factor>> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = factor_registry[i].scorer;
    return out;
  }();
  return scorers;
}

} // namespace detail

/// The given factors for a pair with the given weights, in the order given; sentences are
/// written only when `with_sentences`. Consent is checked before a scorer runs, so withheld
/// data is never read; a factor whose weight is not above 0 is not used. Used factors'
/// points are 100 * weight * raw / (sum of used weights).
template <class Factors>
std::vector<factor_outcome>
evaluate_factor_list(const policy& pol, const person& p, const household& h, const Factors& factors,
                     const factor_weights& weights, bool with_sentences) {
  std::vector<factor_outcome> outcomes;
  outcomes.reserve(std::size(factors));
  double used_weight = 0.0;
  for (factor f : factors) {
    factor_outcome o;
    o.id = f;
    o.weight = weights[static_cast<std::size_t>(f)];
    std::string* sentence = with_sentences ? &o.sentence : nullptr;
    const auto category = consent_needed(f);
    if (category && !consents_to(p, *category, consent_purpose::matching, pol.as_of)) {
      // Consent is checked before the scorer runs: the withheld data is never touched.
      if (sentence)
        *sentence = not_used_sentence(f, matching_consent_missing(p, *category, pol.as_of));
    } else if (!(o.weight > 0.0)) {
      if (sentence)
        *sentence =
            not_used_sentence(f, o.weight == 0.0 ? "its weight is 0" : "its weight is not above 0");
    } else if (auto raw =
                   detail::factor_scorers()[static_cast<std::size_t>(f)](pol, p, h, sentence)) {
      o.used = true;
      o.raw = *raw;
      used_weight += o.weight;
    }
    outcomes.push_back(std::move(o));
  }
  if (used_weight > 0.0) {
    for (auto& o : outcomes)
      if (o.used) o.points = 100.0 * o.weight * o.raw / used_weight;
  }
  return outcomes;
}

namespace detail {

/// Every factor for a pair with the person's effective weights, in enum order.
/// Bulk scoring calls this without sentences; the numbers are identical either way.
inline std::vector<factor_outcome> evaluate_factors(const policy& pol, const person& p,
                                                    const household& h, bool with_sentences) {
  return evaluate_factor_list(pol, p, h, all_values<factor>(), effective_weights(pol, p),
                              with_sentences);
}

} // namespace detail

/// Every soft factor for a pair, in enum order, with its contribution and sentence.
///
/// @param[in] s  the scheme whose policy applies (weights, travel limit, as_of date)
/// @param[in] p  the person; data under a category they did not consent to is not read
/// @param[in] h  the household
/// @return  one outcome per factor; the points of used factors sum to `total_score`
inline std::vector<factor_outcome> score_factors(const scheme& s, const person& p,
                                                 const household& h) {
  return detail::evaluate_factors(s.policy, p, h, true);
}

/// A pair's score on the 0–100 scale: the points of the used factors, added in enum order.
///
/// @param[in] factors  outcomes from `score_factors`
/// @return  100 * sum(weight * raw) / sum(weight) over used factors, 0 when none is used
inline double total_score(const std::vector<factor_outcome>& factors) {
  double total = 0.0;
  for (const auto& f : factors)
    if (f.used) total += f.points;
  return total;
}

} // namespace slmatch
