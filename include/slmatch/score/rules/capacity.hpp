#pragma once
/// Capacity rules: is there room for the person?
///
/// In: the person's arrangement (core); the household's places, residents and bedrooms and
/// the scheme's cap. Out: the checks and `rule_info` of `free_place` and `free_bedroom`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_free_place(const policy& pol, const person&, const household& h,
                              std::string* reason) {
  const int free = effective_capacity(pol, h);
  if (free > 0)
    return verdict(reason, true, [&] {
      return "the household has " + wording::count_of(free, "free place", "free places");
    });
  return verdict(reason, false, [&] {
    const int living_there = static_cast<int>(h.residents.size());
    if (pol.household_cap < h.places)
      return "the household has no free place: " +
             wording::count_of(living_there, "person already lives", "people already live") +
             " there and the scheme's cap is " + std::to_string(pol.household_cap);
    return "the household has no free place: " +
           std::string(h.places == 1
                           ? "its 1 approved place is taken"
                           : "its " + std::to_string(h.places) + " approved places are taken");
  });
}

inline bool passes_free_bedroom(const policy&, const person& p, const household& h,
                                std::string* reason) {
  if (!is_live_in(p.arrangement))
    return verdict(reason, true,
                   [&] { return wording::name(p.arrangement) + " needs no free bedroom"; });
  if (h.free_bedrooms > 0)
    return verdict(reason, true, [&] {
      return "the household has " +
             wording::count_of(h.free_bedrooms, "free bedroom", "free bedrooms");
    });
  return verdict(reason, false, [&] {
    return "the household has no free bedroom for " +
           wording::with_article(wording::name(p.arrangement)) + " arrangement";
  });
}

} // namespace detail

/// The `free_place` rule, as declared to the registry.
inline constexpr rule_info free_place_rule{
    rule::free_place,
    "Free place",
    "The household must have a place free under its approval and the scheme's limit on people per "
    "household.",
    /* reads */ {},
    /* subject_terms */ {"free place", ""},
    detail::passes_free_place,
};

/// The `free_bedroom` rule, as declared to the registry.
inline constexpr rule_info free_bedroom_rule{
    rule::free_bedroom,
    "Free bedroom",
    "For any arrangement except day support the household must have a free bedroom.",
    /* reads */ {},
    /* subject_terms */ {"free bedroom", ""},
    detail::passes_free_bedroom,
};

} // namespace slmatch
