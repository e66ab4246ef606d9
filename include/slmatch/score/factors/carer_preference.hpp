#pragma once
/// The carer's preferences: how well the person fits what the carer would like.
///
/// In: the person's needs, age and gender (core); the carer's preferred needs, age range
/// and gender. Out: raw = mean over the preferences the carer states.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_carer_preference(const policy& pol, const person& p,
                                                    const household& h, std::string* sentence);
} // namespace detail

/// The `carer_preference` factor, as declared to the registry.
inline constexpr factor_info carer_preference_factor{
    factor::carer_preference,
    "Carer's preferences",
    "the carer's preferences",
    /* phrase_is_plural */ true,
    "How well the person fits the carer's own preferences on needs, age and gender.",
    /* consent */ std::nullopt,
    /* reads */ {},
    default_weight(factor::carer_preference),
    detail::score_carer_preference,
};

namespace detail {

inline std::optional<double> score_carer_preference(const policy& pol, const person& p,
                                                    const household& h, std::string* sentence) {
  const carer_preferences& wish = h.preferences;
  std::vector<double> values;
  std::vector<std::string> parts;
  if (!wish.needs.empty() && !p.needs.empty()) {
    const double fit = static_cast<double>(p.needs.intersect(wish.needs).size()) / p.needs.size();
    values.push_back(fit);
    parts.push_back(fit >= 1.0  ? "fits the carer's preferred needs"
                    : fit > 0.0 ? "partly fits the carer's preferred needs"
                                : "does not fit the carer's preferred needs");
  }
  if (wish.min_age || wish.max_age) {
    const int age = pol.as_of.years_since(p.date_of_birth);
    int outside = 0;
    if (wish.min_age && age < *wish.min_age) outside = *wish.min_age - age;
    if (wish.max_age && age > *wish.max_age) outside = age - *wish.max_age;
    values.push_back(
        std::max(0.0, 1.0 - outside / factor_constants::years_outside_age_range_for_no_fit));
    parts.push_back(outside == 0 ? "is within the carer's preferred age range"
                                 : "is " + wording::count_of(outside, "year", "years") +
                                       " outside the carer's preferred age range");
  }
  if (wish.gender_identity) {
    const bool match = p.gender_identity == *wish.gender_identity;
    values.push_back(match ? 1.0 : 0.0);
    parts.push_back(match ? "matches the carer's preferred gender"
                          : "does not match the carer's preferred gender");
  }
  if (values.empty()) {
    if (sentence)
      *sentence =
          not_used_sentence(carer_preference_factor, "the carer states no preferences that apply");
    return std::nullopt;
  }
  if (sentence) *sentence = "the person " + wording::join_list(parts);
  return mean(values);
}

} // namespace detail

} // namespace slmatch
