#pragma once
/// Approval rules: is the carer active, approved for this person and offering what they need?
///
/// In: the person's needs, support level, specialist needs and arrangement (core); the
/// carer's approval. Out: the checks and `rule_info` of `carer_active`, `approval_needs`,
/// `approval_support_level`, `specialist_skills` and `arrangement_type`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_carer_active(const policy& pol, const person&, const household& h,
                                std::string* reason) {
  if (!h.active)
    return verdict(reason, false, [] { return "the carer is not active with the scheme"; });
  if (h.approval_expires < pol.as_of)
    return verdict(reason, false, [&] {
      return "the carer's approval expired on " + h.approval_expires.to_string();
    });
  return verdict(reason, true, [&] {
    return "the carer is active and approved until " + h.approval_expires.to_string();
  });
}

inline bool passes_approval_needs(const policy&, const person& p, const household& h,
                                  std::string* reason) {
  const auto missing = p.needs.minus(h.approved_needs);
  if (!missing.empty())
    return verdict(reason, false,
                   [&] { return "the carer is not approved for " + wording::join_names(missing); });
  if (p.needs.empty())
    return verdict(reason, true, [] { return "the person has no need categories to approve"; });
  return verdict(reason, true,
                 [&] { return "the carer is approved for " + wording::join_names(p.needs); });
}

inline bool passes_approval_support_level(const policy&, const person& p, const household& h,
                                          std::string* reason) {
  if (h.max_support < p.support)
    return verdict(reason, false, [&] {
      return "the carer is not approved for " + wording::with_article(wording::name(p.support)) +
             " support level (approved up to " + wording::name(h.max_support) + ")";
    });
  return verdict(reason, true, [&] {
    return "the carer is approved for " + wording::with_article(wording::name(p.support)) +
           " support level (approved up to " + wording::name(h.max_support) + ")";
  });
}

inline bool passes_specialist_skills(const policy&, const person& p, const household& h,
                                     std::string* reason) {
  const auto missing = p.specialist_needs.minus(h.skills);
  if (!missing.empty())
    return verdict(reason, false, [&] {
      return std::string(missing.size() == 1 ? "the carer lacks a specialist skill"
                                             : "the carer lacks specialist skills") +
             " the person needs: " + wording::join_names(missing);
    });
  if (p.specialist_needs.empty())
    return verdict(reason, true, [] { return "the person needs no specialist skills"; });
  return verdict(reason, true, [&] {
    return "the carer has the specialist skills the person needs: " +
           wording::join_names(p.specialist_needs);
  });
}

inline bool passes_arrangement_type(const policy&, const person& p, const household& h,
                                    std::string* reason) {
  const bool offered = h.arrangements.contains(p.arrangement);
  return verdict(reason, offered, [&] {
    return std::string(offered ? "the household offers " : "the household does not offer ") +
           wording::name(p.arrangement) + " arrangements";
  });
}

} // namespace detail

/// The `carer_active` rule, as declared to the registry.
inline constexpr rule_info carer_active_rule{
    rule::carer_active,
    "Carer active and approved",
    "The carer must be active with the scheme and their approval must not have expired.",
    /* reads */ {},
    /* subject_terms */ {"not active", "approval expired"},
    detail::passes_carer_active,
};

/// The `approval_needs` rule, as declared to the registry.
inline constexpr rule_info approval_needs_rule{
    rule::approval_needs,
    "Approved for the person's needs",
    "The carer must be approved for each of the person's need categories.",
    /* reads */ {},
    /* subject_terms */ {"approved for", ""},
    detail::passes_approval_needs,
};

/// The `approval_support_level` rule, as declared to the registry.
inline constexpr rule_info approval_support_level_rule{
    rule::approval_support_level,
    "Approved for the support level",
    "The carer must be approved up to at least the level of support the person needs.",
    /* reads */ {},
    /* subject_terms */ {"support level", ""},
    detail::passes_approval_support_level,
};

/// The `specialist_skills` rule, as declared to the registry.
inline constexpr rule_info specialist_skills_rule{
    rule::specialist_skills,
    "Specialist skills",
    "The carer must have every specialist skill the person needs, such as epilepsy care or PEG "
    "feeding.",
    /* reads */ {},
    /* subject_terms */ {"specialist skill", ""},
    detail::passes_specialist_skills,
};

/// The `arrangement_type` rule, as declared to the registry.
inline constexpr rule_info arrangement_type_rule{
    rule::arrangement_type,
    "Arrangement offered",
    "The household must offer the kind of arrangement the person needs: long-term, short break, "
    "day support, emergency or intermediate.",
    /* reads */ {},
    /* subject_terms */ {"arrangements", ""},
    detail::passes_arrangement_type,
};

} // namespace slmatch
