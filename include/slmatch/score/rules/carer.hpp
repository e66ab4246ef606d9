#pragma once
/// Carer rules: the main carer's gender the person needs, and who the carer will not support.
///
/// In: the person's required carer gender, gender, smoking and risk flags (core); the
/// household's adults and exclusions. Out: the checks and `rule_info` of `carer_gender` and
/// `carer_exclusions`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_carer_gender(const policy&, const person& p, const household& h,
                                std::string* reason) {
  if (!p.required_carer_gender)
    return verdict(reason, true,
                   [] { return "the person has no requirement on the main carer's gender"; });
  const gender required = *p.required_carer_gender;
  const household_adult* carer = h.main_carer();
  if (!carer)
    return verdict(reason, false, [&] {
      return "the household lists no main carer and the person needs " +
             wording::with_article(wording::name(required)) + " main carer";
    });
  if (carer->gender_identity != required)
    return verdict(reason, false, [&] {
      return "the person needs " + wording::with_article(wording::name(required)) +
             " main carer and the main carer is " + wording::name(carer->gender_identity);
    });
  return verdict(reason, true, [&] {
    return "the main carer is " + wording::name(required) + ", as the person needs";
  });
}

inline bool passes_carer_exclusions(const policy&, const person& p, const household& h,
                                    std::string* reason) {
  const auto& excluded = h.will_not_support;
  std::vector<std::string> applying;
  if (excluded.contains(carer_exclusion::smokers) && p.smoker)
    applying.push_back("the carer will not support people who smoke");
  if (excluded.contains(carer_exclusion::risk_flags) && !p.risk_flags.empty())
    applying.push_back("the carer will not support people with safeguarding risk flags");
  if (excluded.contains(carer_exclusion::men) && p.gender_identity == gender::male)
    applying.push_back("the carer will not support men");
  if (excluded.contains(carer_exclusion::women) && p.gender_identity == gender::female)
    applying.push_back("the carer will not support women");
  if (!applying.empty())
    return verdict(reason, false, [&] { return wording::join_with(applying, "; "); });
  return verdict(reason, true, [&] {
    return excluded.empty() ? "the carer has no exclusions"
                            : "the carer's exclusions do not apply to the person";
  });
}

} // namespace detail

/// The `carer_gender` rule, as declared to the registry.
inline constexpr rule_info carer_gender_rule{
    rule::carer_gender,
    "Main carer's gender",
    "When the person needs a main carer of a particular gender, the household's main carer must be "
    "of that gender.",
    /* reads */ {},
    /* subject_terms */ {"main carer", ""},
    detail::passes_carer_gender,
};

/// The `carer_exclusions` rule, as declared to the registry.
inline constexpr rule_info carer_exclusions_rule{
    rule::carer_exclusions,
    "Carer's exclusions",
    "The carer is not asked to support someone they have said they will not support.",
    /* reads */ {},
    /* subject_terms */ {"will not support", ""},
    detail::passes_carer_exclusions,
};

} // namespace slmatch
