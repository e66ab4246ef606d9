#pragma once
/// The rule registry: every hard rule's declaration, found by its id.
///
/// In: the `rule_info` each file in "slmatch/score/rules/" declares. Out: one table in
/// `rule` enum order and the queries `info(rule)` and `all_rule_infos()`. The table is
/// checked at compile time: one entry per enum value, each in its place.
///
/// Adding a rule: add its value to `rule` and its name to the vocabulary
/// ("slmatch/model/vocabulary.hpp"), write its check and `rule_info` in the family file it
/// belongs to (or a new one, included below), list it in `rule_registry`, and add its tests
/// under "tests/cpp/score/".

#include "slmatch/score/rule_info.hpp"
#include "slmatch/score/rules/approval.hpp"
#include "slmatch/score/rules/capacity.hpp"
#include "slmatch/score/rules/carer.hpp"
#include "slmatch/score/rules/home.hpp"
#include "slmatch/score/rules/refusals.hpp"
#include "slmatch/score/rules/safeguarding.hpp"
#include "slmatch/score/rules/travel.hpp"

#include <array>
#include <cstddef>

namespace slmatch {

/// Every hard rule's declaration, in `rule` enum order.
inline constexpr std::array<rule_info, vocabulary_size<rule>> rule_registry{
    carer_active_rule,      approval_needs_rule,   approval_support_level_rule,
    specialist_skills_rule, arrangement_type_rule, free_place_rule,
    free_bedroom_rule,      accessibility_rule,    no_pets_rule,
    no_smokers_rule,        no_children_rule,      carer_gender_rule,
    carer_exclusions_rule,  safeguarding_rule,     declined_rule,
    resident_conflict_rule, travel_rule,
};

namespace detail {
/// True when entry i of the registry declares rule i, has a check, a label, a description and
/// a subject.
constexpr bool rule_registry_is_consistent() {
  for (std::size_t i = 0; i < rule_registry.size(); ++i) {
    const rule_info& r = rule_registry[i];
    if (static_cast<std::size_t>(r.id) != i) return false;
    if (r.label.empty() || r.description.empty() || r.subject_terms[0].empty()) return false;
  }
  return true;
}
static_assert(rule_registry_is_consistent(),
              "rule_registry must list every rule once, in enum order, fully declared");
} // namespace detail

/// The declaration of one hard rule.
///
/// @param[in] r  the rule
/// @return  its label, description, the consent categories it reads, its subject terms and
///          its check
inline const rule_info& info(rule r) { return rule_registry[static_cast<std::size_t>(r)]; }

/// Every hard rule's declaration, in `rule` enum order.
inline const std::array<rule_info, vocabulary_size<rule>>& all_rule_infos() {
  return rule_registry;
}

} // namespace slmatch
