#pragma once
/// Closeness to community: how near the household is to the places the person's life is
/// anchored to.
///
/// In: the person's home (core) and, with consent to `community`, their anchors; the travel
/// limit. Out: raw = mean over those places of max(0, 1 - distance / travel limit).

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_community(const policy& pol, const person& p, const household& h,
                                             std::string* sentence);
} // namespace detail

/// The `community` factor, as declared to the registry.
inline constexpr factor_info community_factor{
    factor::community,
    "Closeness to community",
    "closeness to their community",
    /* phrase_is_plural */ false,
    "How near the household is to the person's home and, with their consent, to the places in "
    "their community such as family, day service and work, measured against their travel limit.",
    /* consent */ std::nullopt,
    /* reads */ {data_category::community},
    default_weight(factor::community),
    detail::score_community,
};

/// 1 at the door, falling linearly to 0 at the travel limit.
inline double closeness(double distance, double limit) {
  if (limit <= 0.0) return distance <= 0.0 ? 1.0 : 0.0;
  return std::max(0.0, 1.0 - distance / limit);
}

namespace detail {

inline std::optional<double> score_community(const policy& pol, const person& p, const household& h,
                                             std::string* sentence) {
  const double limit = travel_limit_km(pol, p);
  const auto places = places_to_stay_near(pol, p, h); // anchors only with consent
  std::vector<double> values;
  for (const auto& place : places) values.push_back(closeness(place.distance_km, limit));
  if (sentence) {
    std::vector<std::string> parts;
    for (const auto& place : places)
      parts.push_back(wording::format_km(place.distance_km) + " from " + place.label);
    *sentence = "the household is " + wording::join_list(parts);
    if (!may_use_anchors(pol, p))
      *sentence += "; other community places were not used because " +
                   matching_consent_missing(p, data_category::community, pol.as_of);
  }
  return mean(values);
}

} // namespace detail

} // namespace slmatch
