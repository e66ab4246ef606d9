#pragma once
/// Refusal rules: pairs either side has said no to, and conflicts with people living there.
///
/// In: the person's declines and conflicts (core); the carer's declines, the residents'
/// conflicts and the scheme's excluded pairs. Out: the checks and `rule_info` of `declined`
/// and `resident_conflict`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_declined(const policy& pol, const person& p, const household& h,
                            std::string* reason) {
  std::vector<std::string> applying;
  if (contains_id(p.declined_households, h.id))
    applying.push_back("the person has said no to this household");
  if (contains_id(h.declined_people, p.id))
    applying.push_back("the carer has said no to this person");
  const bool excluded = std::any_of(
      pol.excluded_pairs.begin(), pol.excluded_pairs.end(),
      [&](const excluded_pair& x) { return x.person_id == p.id && x.household_id == h.id; });
  if (excluded) applying.push_back("the scheme has ruled out this pair");
  if (!applying.empty())
    return verdict(reason, false, [&] { return wording::join_with(applying, "; "); });
  return verdict(reason, true, [] {
    return "neither side has said no and the scheme has not ruled out this pair";
  });
}

inline bool passes_resident_conflict(const policy&, const person& p, const household& h,
                                     std::string* reason) {
  std::vector<std::string> applying;
  for (const resident& r : h.residents) {
    const bool person_side = contains_id(p.conflicts_with, r.id);
    const bool resident_side = contains_id(r.conflicts_with, p.id);
    if (person_side && resident_side)
      applying.push_back("the person and resident " + r.id + " must not live together");
    else if (person_side)
      applying.push_back("the person must not live with resident " + r.id +
                         ", who lives in this household");
    else if (resident_side)
      applying.push_back("resident " + r.id + " must not live with the person");
  }
  if (!applying.empty())
    return verdict(reason, false, [&] { return wording::join_with(applying, "; "); });
  return verdict(reason, true, [&] {
    return h.residents.empty() ? "nobody else lives in the household yet"
                               : "the person has no conflict with the people living there";
  });
}

} // namespace detail

/// The `declined` rule, as declared to the registry.
inline constexpr rule_info declined_rule{
    rule::declined,
    "Declined or ruled out",
    "A pair is ruled out when the person or the carer has said no to it, or when the scheme has "
    "ruled it out.",
    /* reads */ {},
    /* subject_terms */ {"said no", "ruled out"},
    detail::passes_declined,
};

/// The `resident_conflict` rule, as declared to the registry.
inline constexpr rule_info resident_conflict_rule{
    rule::resident_conflict,
    "Conflict with a resident",
    "The person cannot be placed with someone already living there whom they must not live with, "
    "or who must not live with them.",
    /* reads */ {},
    /* subject_terms */ {"resident", ""},
    detail::passes_resident_conflict,
};

} // namespace slmatch
