#pragma once
/// Continuity: whether the person already knows this carer.
///
/// In: the carers the person already knows (consent: `history`). Out: raw = 1 if this
/// household is one of them, else 0.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_continuity(const policy&, const person& p, const household& h,
                                              std::string* sentence);
} // namespace detail

/// The `continuity` factor, as declared to the registry.
inline constexpr factor_info continuity_factor{
    factor::continuity,
    "Continuity",
    "continuity",
    /* phrase_is_plural */ false,
    "Whether the person already knows this carer, for example from short breaks.",
    /* consent */ data_category::history,
    /* reads */ {data_category::history},
    default_weight(factor::continuity),
    detail::score_continuity,
};

namespace detail {

inline std::optional<double> score_continuity(const policy&, const person& p, const household& h,
                                              std::string* sentence) {
  if (p.known_households.empty()) {
    if (sentence)
      *sentence = not_used_sentence(continuity_factor, "the person does not know any carers yet");
    return std::nullopt;
  }
  const bool known = has(p.known_households, h.id);
  if (sentence)
    *sentence = known ? "the person already knows this household"
                      : "the person knows other carers but not this household";
  return known ? 1.0 : 0.0;
}

} // namespace detail

} // namespace slmatch
