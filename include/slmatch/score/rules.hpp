#pragma once
/// Hard rules: can this household support this person at all?
///
/// In: a scheme (its policy), one person, one household. Out: one `rule_outcome` per hard
/// rule in `rule` enum order, passed or failed, each with a plain-English reason naming the
/// real cause ("the home has no wheelchair access"). Any failure makes the pair infeasible.
///
/// Each rule is one small function `bool passes_<rule>(policy, person, household, reason*)`
/// that writes its reason only when asked, so bulk scoring can skip the text. The tests
/// compare tag sets (`includes`, `minus`), which a faster encoding can turn into bit masks.
/// Rules read only core assessment data, except that the travel rule checks the person's
/// community anchors only with consent to `community`.
///
/// Each rule's check and declaration (`rule_info`: label, description, what it reads) live
/// in a family file in "slmatch/score/rules/"; "slmatch/score/rule_registry.hpp" collects
/// them. This header runs them.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/rule_info.hpp"
#include "slmatch/score/rule_registry.hpp"

#include <array>
#include <string>
#include <vector>

namespace slmatch {

namespace detail {

/// Every rule's test, in `rule` enum order, from the registry.
inline const std::array<rule_check, vocabulary_size<rule>>& rule_checks() {
  static const std::array<rule_check, vocabulary_size<rule>> checks = [] {
    std::array<rule_check, vocabulary_size<rule>> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = rule_registry[i].check;
    return out;
  }();
  return checks;
}

} // namespace detail

/// Whether one hard rule passes for a pair, without building its reason.
///
/// @param[in] id  the rule
/// @param[in] s   the scheme whose policy applies
/// @param[in] p   the person
/// @param[in] h   the household
/// @return  true when the rule does not rule the pair out
inline bool rule_passes(rule id, const scheme& s, const person& p, const household& h) {
  return detail::rule_checks()[static_cast<std::size_t>(id)](s.policy, p, h, nullptr);
}

/// Whether a pair passes every hard rule (stops at the first failure; no text built).
///
/// @param[in] s  the scheme whose policy applies
/// @param[in] p  the person
/// @param[in] h  the household
/// @return  true when the household may be proposed for the person
inline bool is_feasible(const scheme& s, const person& p, const household& h) {
  for (auto check : detail::rule_checks())
    if (!check(s.policy, p, h, nullptr)) return false;
  return true;
}

/// Every hard rule for a pair, in enum order, each with its reason.
///
/// @param[in] s  the scheme whose policy applies (as_of date, cap, travel limit, exclusions)
/// @param[in] p  the person
/// @param[in] h  the household
/// @return  one outcome per rule; the reason is filled whether it passed
///          ("the carer is approved for learning disability and autism") or failed
///          ("the carer is not approved for autism")
inline std::vector<rule_outcome> check_rules(const scheme& s, const person& p, const household& h) {
  std::vector<rule_outcome> outcomes;
  outcomes.reserve(vocabulary_size<rule>);
  for (rule id : all_values<rule>()) {
    rule_outcome outcome;
    outcome.id = id;
    outcome.passed =
        detail::rule_checks()[static_cast<std::size_t>(id)](s.policy, p, h, &outcome.reason);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

} // namespace slmatch
