#pragma once
/// Language: whether the household speaks the person's languages.
///
/// In: the person's languages, first one first (consent: `languages`); the household's.
/// Out: raw = 1 for the first language, 0.7 for another of theirs, else 0.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_language(const policy&, const person& p, const household& h,
                                            std::string* sentence);
} // namespace detail

/// The `language` factor, as declared to the registry.
inline constexpr factor_info language_factor{
    factor::language,
    "Language",
    "language",
    /* phrase_is_plural */ false,
    "Whether the household speaks the person's first language, or failing that another language "
    "they speak.",
    /* consent */ data_category::languages,
    /* reads */ {data_category::languages},
    default_weight(factor::language),
    detail::score_language,
};

namespace detail {

inline std::optional<double> score_language(const policy&, const person& p, const household& h,
                                            std::string* sentence) {
  if (p.languages.empty()) {
    if (sentence) *sentence = not_used_sentence(language_factor, "the person lists no languages");
    return std::nullopt;
  }
  const auto spoken = normalised(h.languages);
  if (has(spoken, wording::lower(p.languages.front()))) {
    if (sentence)
      *sentence = "the household speaks " + p.languages.front() + ", the person's first language";
    return 1.0;
  }
  for (std::size_t i = 1; i < p.languages.size(); ++i) {
    if (has(spoken, wording::lower(p.languages[i]))) {
      if (sentence)
        *sentence = "the household speaks " + p.languages[i] +
                    ", one of the person's languages but not their first";
      return factor_constants::other_language_score;
    }
  }
  if (sentence) *sentence = "the household speaks none of the person's languages";
  return 0.0;
}

} // namespace detail

} // namespace slmatch
