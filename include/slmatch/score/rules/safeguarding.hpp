#pragma once
/// The safeguarding rule: a person's risk flags against the people and animals at risk.
///
/// In: the person's risk flags (core); the household's children, pets, adults and residents.
/// Out: the check and `rule_info` of `safeguarding`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

/// True when any adult or person already living in the household is an older person.
inline bool has_older_person(const household& h) {
  for (const auto& a : h.adults)
    if (a.age >= older_person_age) return true;
  for (const auto& r : h.residents)
    if (r.age >= older_person_age) return true;
  return false;
}

namespace detail {

inline bool passes_safeguarding(const policy&, const person& p, const household& h,
                                std::string* reason) {
  const auto& risks = p.risk_flags;
  std::vector<std::string> applying;
  if (risks.contains(risk_flag::risk_to_children) && !h.children_ages.empty())
    applying.push_back("the person poses a risk to children and the household has children");
  if (risks.contains(risk_flag::risk_to_animals) && h.pets > 0)
    applying.push_back("the person poses a risk to animals and the household has pets");
  if (risks.contains(risk_flag::risk_to_older_people) && has_older_person(h))
    applying.push_back("the person poses a risk to older people and someone in the household "
                       "is " +
                       std::to_string(older_person_age) + " or over");
  if (risks.contains(risk_flag::risk_to_other_residents) && !h.residents.empty())
    applying.push_back("the person poses a risk to other residents and the household already "
                       "supports someone");
  if (!applying.empty())
    return verdict(reason, false, [&] { return wording::join_with(applying, "; "); });
  return verdict(reason, true, [&] {
    return risks.empty() ? "the person has no safeguarding risk flags"
                         : "none of the person's safeguarding risks applies to this household";
  });
}

} // namespace detail

/// The `safeguarding` rule, as declared to the registry.
inline constexpr rule_info safeguarding_rule{
    rule::safeguarding,
    "Safeguarding",
    "A person's safeguarding risk flags rule out households with the people or animals at risk: "
    "children, animals, older people or other residents.",
    /* reads */ {},
    /* subject_terms */ {"risk", ""},
    detail::passes_safeguarding,
};

} // namespace slmatch
