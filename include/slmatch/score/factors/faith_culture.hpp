#pragma once
/// Faith and culture: whether the household shares the person's faith and cultural background.
///
/// In: the person's faith and cultures (consent: `faith_culture`, special category); the
/// household's. Out: raw = mean of faith shared (0 or 1) and the share of their cultures held.
/// Sentences say whether these are shared, never what they are.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_faith_culture(const policy&, const person& p, const household& h,
                                                 std::string* sentence);
} // namespace detail

/// The `faith_culture` factor, as declared to the registry.
inline constexpr factor_info faith_culture_factor{
    factor::faith_culture,
    "Faith and culture",
    "faith and culture",
    /* phrase_is_plural */ true,
    "Whether the household shares the person's faith and cultural background; used only when the "
    "person has agreed.",
    /* consent */ data_category::faith_culture,
    /* reads */ {data_category::faith_culture},
    default_weight(factor::faith_culture),
    detail::score_faith_culture,
};

namespace detail {

inline std::optional<double> score_faith_culture(const policy&, const person& p, const household& h,
                                                 std::string* sentence) {
  if (!p.faith && p.cultures.empty()) {
    if (sentence)
      *sentence = not_used_sentence(faith_culture_factor, "the person gave no faith or culture");
    return std::nullopt;
  }
  // Sentences say whether faith and culture are shared, never what they are.
  std::vector<double> values;
  std::vector<std::string> parts;
  if (p.faith) {
    const bool shared = has(normalised(h.faiths), wording::lower(*p.faith));
    values.push_back(shared ? 1.0 : 0.0);
    parts.push_back(shared ? "shares the person's faith" : "does not share the person's faith");
  }
  const auto cultures = normalised(p.cultures);
  if (!cultures.empty()) {
    const auto theirs = normalised(h.cultures);
    const auto shared = static_cast<int>(std::count_if(
        cultures.begin(), cultures.end(), [&](const auto& c) { return has(theirs, c); }));
    const int total = static_cast<int>(cultures.size());
    values.push_back(static_cast<double>(shared) / total);
    if (total == 1)
      parts.push_back(shared ? "shares their cultural background"
                             : "does not share their cultural background");
    else
      parts.push_back("shares " + std::to_string(shared) + " of their " + std::to_string(total) +
                      " cultural backgrounds");
  }
  if (sentence) *sentence = "the household " + wording::join_list(parts);
  return mean(values);
}

} // namespace detail

} // namespace slmatch
