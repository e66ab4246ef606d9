#pragma once
/// Diet: whether the household can provide the diets the person follows.
///
/// In: the person's diets (consent: `diet`); the household's. Out: raw = share provided.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_diet(const policy&, const person& p, const household& h,
                                        std::string* sentence);
} // namespace detail

/// The `diet` factor, as declared to the registry.
inline constexpr factor_info diet_factor{
    factor::diet,
    "Diet",
    "diet",
    /* phrase_is_plural */ false,
    "How many of the diets the person follows the household can provide.",
    /* consent */ data_category::diet,
    /* reads */ {data_category::diet},
    default_weight(factor::diet),
    detail::score_diet,
};

namespace detail {

inline std::optional<double> score_diet(const policy&, const person& p, const household& h,
                                        std::string* sentence) {
  if (p.diets.empty()) {
    if (sentence)
      *sentence = not_used_sentence(diet_factor, "the person follows no particular diet");
    return std::nullopt;
  }
  const auto provided = p.diets.intersect(h.diets);
  const auto missing = p.diets.minus(h.diets);
  if (sentence) {
    if (missing.empty())
      *sentence = "the household can provide " + wording::join_names(provided) + " food";
    else if (provided.empty())
      *sentence = "the household cannot provide " + wording::join_names(missing, "or") + " food";
    else
      *sentence = "the household can provide " + wording::join_names(provided) + " food but not " +
                  wording::join_names(missing, "or");
  }
  return static_cast<double>(provided.size()) / p.diets.size();
}

} // namespace detail

} // namespace slmatch
