#pragma once
/// The places a placement should stay close to, and how far a household is from them.
///
/// In: a person (and the scheme's policy for the default travel limit), a household.
/// Out: the person's home — core data, always used — followed by their community anchors
/// (family, day service, work…) only when the person consented to `community`; each with
/// its distance from the household. The travel rule and the community factor both read
/// places through here, so anchors are never read without consent.

#include "slmatch/model/consent_state.hpp"
#include "slmatch/model/household.hpp"
#include "slmatch/model/person.hpp"
#include "slmatch/model/scheme.hpp"

#include <string>
#include <vector>

namespace slmatch {

/// One place a person's life is anchored to, seen from one household.
struct community_place {
  std::string label;  ///< for sentences: "their home", "their day service"
  double distance_km; ///< from the household
};

/// The distance limit that applies to a person: their own, else the scheme's default.
inline double travel_limit_km(const policy& pol, const person& p) {
  return p.travel_limit_km.value_or(pol.travel_limit_km);
}

/// True when the person's anchors may be read (consent to `community` for matching on the
/// scheme's `as_of` date).
inline bool may_use_anchors(const policy& pol, const person& p) {
  return consents_to(p, data_category::community, consent_purpose::matching, pol.as_of);
}

/// How a sentence names an anchor: "their family", "their day service".
inline std::string anchor_label(anchor_kind kind) {
  switch (kind) {
  case anchor_kind::family:
    return "their family";
  case anchor_kind::day_service:
    return "their day service";
  case anchor_kind::work:
    return "their work";
  case anchor_kind::friends:
    return "their friends";
  case anchor_kind::other:
    return "another place in their community";
  }
  return "a place in their community";
}

/// The person's home and, with consent to `community`, each anchor in the order given,
/// with its distance from household `h`.
///
/// @param[in] pol  the scheme's policy (its `as_of` date decides consent)
/// @param[in] p  the person; `p.anchors` is read only when `may_use_anchors(pol, p)`
/// @param[in] h  the household whose location distances are measured from
/// @return  at least one place (the home) first
inline std::vector<community_place> places_to_stay_near(const policy& pol, const person& p,
                                                        const household& h) {
  std::vector<community_place> places;
  places.push_back({"their home", distance_km(h.location, p.location)});
  if (may_use_anchors(pol, p)) {
    for (const anchor& a : p.anchors)
      places.push_back({anchor_label(a.kind), distance_km(h.location, a.where)});
  }
  return places;
}

} // namespace slmatch
