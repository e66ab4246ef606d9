#pragma once
/// Gender preference: whether the main carer has the gender the person would prefer.
///
/// In: the person's preferred carer gender (core); the main carer. Out: raw = 1 on a match,
/// else 0 (the hard form is the `carer_gender` rule).

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_gender_preference(const policy&, const person& p,
                                                     const household& h, std::string* sentence);
} // namespace detail

/// The `gender_preference` factor, as declared to the registry.
inline constexpr factor_info gender_preference_factor{
    factor::gender_preference,
    "Gender preference",
    "gender preference",
    /* phrase_is_plural */ false,
    "Whether the main carer's gender is the one the person would prefer.",
    /* consent */ std::nullopt,
    /* reads */ {},
    default_weight(factor::gender_preference),
    detail::score_gender_preference,
};

namespace detail {

inline std::optional<double> score_gender_preference(const policy&, const person& p,
                                                     const household& h, std::string* sentence) {
  if (!p.preferred_carer_gender) {
    if (sentence)
      *sentence =
          not_used_sentence(gender_preference_factor, "the person has no preferred carer gender");
    return std::nullopt;
  }
  const gender wanted = *p.preferred_carer_gender;
  const household_adult* carer = h.main_carer();
  if (!carer) {
    if (sentence) *sentence = "the household lists no main carer";
    return 0.0;
  }
  const bool match = carer->gender_identity == wanted;
  if (sentence)
    *sentence = match ? "the main carer is " + wording::name(wanted) + ", as the person prefers"
                      : "the person would prefer " + wording::with_article(wording::name(wanted)) +
                            " main carer and the main carer is " +
                            wording::name(carer->gender_identity);
  return match ? 1.0 : 0.0;
}

} // namespace detail

} // namespace slmatch
