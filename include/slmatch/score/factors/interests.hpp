#pragma once
/// Shared interests: how many of the person's interests the household shares.
///
/// In: the person's interests (consent: `interests`), the carer's and the residents'.
/// Out: raw = min(1, (shared with the carer + 0.5 x shared only with residents) /
/// min(interests listed, 3)).

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_interests(const policy&, const person& p, const household& h,
                                             std::string* sentence);
} // namespace detail

/// The `interests` factor, as declared to the registry.
inline constexpr factor_info interests_factor{
    factor::interests,
    "Shared interests",
    "shared interests",
    /* phrase_is_plural */ true,
    "How many of the person's interests the carer shares, with half credit for an interest shared "
    "only with someone already living there.",
    /* consent */ data_category::interests,
    /* reads */ {data_category::interests},
    default_weight(factor::interests),
    detail::score_interests,
};

namespace detail {

inline std::optional<double> score_interests(const policy&, const person& p, const household& h,
                                             std::string* sentence) {
  const auto wanted = normalised(p.interests);
  if (wanted.empty()) {
    if (sentence) *sentence = not_used_sentence(interests_factor, "the person lists no interests");
    return std::nullopt;
  }
  const auto carers = normalised(h.interests);
  std::vector<std::string> residents_interests;
  for (const auto& r : h.residents)
    for (auto& w : normalised(r.interests))
      if (!has(residents_interests, w)) residents_interests.push_back(w);

  std::vector<std::string> shared, shared_with_residents;
  for (const auto& w : wanted) {
    if (has(carers, w))
      shared.push_back(w);
    else if (has(residents_interests, w))
      shared_with_residents.push_back(w);
  }
  const double full_marks = std::min<double>(static_cast<double>(wanted.size()),
                                             factor_constants::interests_for_full_marks);
  const double credit =
      static_cast<double>(shared.size()) + factor_constants::resident_interest_credit *
                                               static_cast<double>(shared_with_residents.size());
  if (sentence) {
    std::vector<std::string> parts;
    if (!shared.empty())
      parts.push_back(std::string(shared.size() == 1 ? "they share an interest in "
                                                     : "they share interests in ") +
                      wording::join_list(shared));
    if (!shared_with_residents.empty())
      parts.push_back("someone already living there also enjoys " +
                      wording::join_list(shared_with_residents));
    *sentence = parts.empty() ? "the household shares none of the person's interests"
                              : wording::join_with(parts, ", and ");
  }
  return std::min(1.0, credit / full_marks);
}

} // namespace detail

} // namespace slmatch
