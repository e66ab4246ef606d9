#pragma once
/// The carer's experience: years of caring and experience with the person's needs.
///
/// In: the person's needs (core); the carer's years caring and needs they have experience
/// with. Out: raw = mean of min(1, years / 10) and the share of needs covered.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_experience(const policy&, const person& p, const household& h,
                                              std::string* sentence);
} // namespace detail

/// The `experience` factor, as declared to the registry.
inline constexpr factor_info experience_factor{
    factor::experience,
    "Carer's experience",
    "the carer's experience",
    /* phrase_is_plural */ false,
    "The carer's years of caring and whether they have experience with each of the person's needs.",
    /* consent */ std::nullopt,
    /* reads */ {},
    default_weight(factor::experience),
    detail::score_experience,
};

namespace detail {

inline std::optional<double> score_experience(const policy&, const person& p, const household& h,
                                              std::string* sentence) {
  const int years = std::max(0, h.years_caring);
  const double depth = std::min(1.0, years / factor_constants::experience_years_for_full_marks);
  std::string text =
      "the carer has " + wording::count_of(years, "year", "years") + " of caring experience";
  if (p.needs.empty()) {
    if (sentence) *sentence = text;
    return depth;
  }
  const auto covered = p.needs.intersect(h.experienced_with);
  const auto uncovered = p.needs.minus(h.experienced_with);
  if (sentence) {
    if (uncovered.empty())
      text += " and experience with " + wording::join_names(covered);
    else if (covered.empty())
      text += " and no experience with " + wording::join_names(uncovered, "or");
    else
      text += " and experience with " + wording::join_names(covered) + " but not " +
              wording::join_names(uncovered, "or");
    *sentence = text;
  }
  const double coverage = static_cast<double>(covered.size()) / p.needs.size();
  return (depth + coverage) / 2.0;
}

} // namespace detail

} // namespace slmatch
