#pragma once
/// The travel rule: is the household within the person's travel limit?
///
/// In: the person's home (core) and, with consent to `community`, their anchors; the
/// travel limit. Out: the check and `rule_info` of `travel`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_travel(const policy& pol, const person& p, const household& h,
                          std::string* reason) {
  const double limit = travel_limit_km(pol, p);
  const auto places = places_to_stay_near(pol, p, h);
  std::size_t farthest = 0;
  for (std::size_t i = 1; i < places.size(); ++i)
    if (places[i].distance_km > places[farthest].distance_km) farthest = i;
  const community_place& far = places[farthest];
  if (far.distance_km > limit)
    return verdict(reason, false, [&] {
      return "the person's travel limit is " + wording::format_km(limit) +
             " but the household is " + wording::format_km(far.distance_km) + " from " + far.label;
    });
  return verdict(reason, true, [&] {
    std::string text = "the household is within the person's " + wording::format_km(limit) +
                       " travel limit (farthest: " + wording::format_km(far.distance_km) +
                       " from " + far.label + ")";
    if (!may_use_anchors(pol, p))
      text += "; community places were not checked because " +
              matching_consent_missing(p, data_category::community, pol.as_of);
    return text;
  });
}

} // namespace detail

/// The `travel` rule, as declared to the registry.
inline constexpr rule_info travel_rule{
    rule::travel,
    "Travel limit",
    "The household must be within the person's travel limit of their home and, with their consent, "
    "of the places in their community.",
    /* reads */ {data_category::community},
    /* subject_terms */ {"travel limit", ""},
    detail::passes_travel,
};

} // namespace slmatch
