#pragma once
/// Lifestyle fit: how close the household's way of life is to the person's.
///
/// In: the person's way of life (consent: `lifestyle`); the household's. Out: raw =
/// `lifestyle_fit`, 1 - mean absolute difference over the three scales.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_lifestyle(const policy&, const person& p, const household& h,
                                             std::string* sentence);
} // namespace detail

/// The `lifestyle` factor, as declared to the registry.
inline constexpr factor_info lifestyle_factor{
    factor::lifestyle,
    "Lifestyle fit",
    "lifestyle fit",
    /* phrase_is_plural */ false,
    "How close the household's way of life is to the person's: quiet or busy, town or country, "
    "flexible or structured routines.",
    /* consent */ data_category::lifestyle,
    /* reads */ {data_category::lifestyle},
    default_weight(factor::lifestyle),
    detail::score_lifestyle,
};

namespace detail {

inline std::optional<double> score_lifestyle(const policy&, const person& p, const household& h,
                                             std::string* sentence) {
  if (!p.way_of_life) {
    if (sentence) *sentence = not_used_sentence(lifestyle_factor, "the person gave no lifestyle");
    return std::nullopt;
  }
  const lifestyle& mine = *p.way_of_life;
  const double fit = lifestyle_fit(mine, h.way_of_life);
  if (sentence) {
    *sentence = fit >= 0.8   ? "their lifestyles are a close fit"
                : fit >= 0.5 ? "their lifestyles partly fit"
                             : "their lifestyles are far apart";
    const std::array<double, 3> gaps{std::abs(mine.activity - h.way_of_life.activity),
                                     std::abs(mine.setting - h.way_of_life.setting),
                                     std::abs(mine.routine - h.way_of_life.routine)};
    const std::array<const char*, 3> scales{"a quiet or busy life", "town or country", "routines"};
    const auto widest =
        static_cast<std::size_t>(std::max_element(gaps.begin(), gaps.end()) - gaps.begin());
    if (gaps[widest] >= 0.25) *sentence += std::string(", differing most on ") + scales[widest];
  }
  return fit;
}

} // namespace detail

} // namespace slmatch
