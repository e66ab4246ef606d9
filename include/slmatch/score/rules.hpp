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

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/community.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// Whether one hard rule passed for a pair, and why.
struct rule_outcome {
  rule id = rule::carer_active;
  bool passed = true;
  std::string reason; ///< lowercase clause, e.g. "the carer is not approved for autism"

  auto fields() const { return std::tie(id, passed, reason); }
  friend bool operator==(const rule_outcome& a, const rule_outcome& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const rule_outcome& a, const rule_outcome& b) { return !(a == b); }
};

/// Places a household can still offer under the scheme's cap.
///
/// @return  max(0, min(places, policy.household_cap) - people already living there)
inline int effective_capacity(const policy& pol, const household& h) {
  const int approved = std::min(h.places, pol.household_cap);
  return std::max(0, approved - static_cast<int>(h.residents.size()));
}

/// True for arrangements where the person sleeps in the carer's home and so needs a
/// bedroom: everything except day support.
inline bool is_live_in(arrangement_type a) { return a != arrangement_type::day_support; }

/// Age at which the safeguarding rule counts someone as an older person.
inline constexpr int older_person_age = 65;

namespace rule_detail {

/// Returns `passed`; when `reason` is not null, stores `text()` there.
template <class Text> bool verdict(std::string* reason, bool passed, Text&& text) {
  if (reason) *reason = text();
  return passed;
}

inline bool contains_id(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

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

inline bool passes_accessibility(const policy&, const person& p, const household& h,
                                 std::string* reason) {
  const auto missing = p.access_needs.minus(h.features);
  if (!missing.empty())
    return verdict(reason, false, [&] {
      std::vector<std::string> lacking;
      for (home_feature f : missing.values()) lacking.push_back("no " + wording::name(f));
      return "the home has " + wording::join_list(lacking);
    });
  if (p.access_needs.empty())
    return verdict(reason, true, [] { return "the person needs no accessibility features"; });
  return verdict(reason, true, [&] {
    return "the home has the access the person needs: " + wording::join_names(p.access_needs);
  });
}

inline bool passes_no_pets(const policy&, const person& p, const household& h,
                           std::string* reason) {
  if (!p.must_not.contains(avoidance::pets))
    return verdict(reason, true, [] { return "the person can live with pets"; });
  if (h.pets > 0)
    return verdict(reason, false, [&] {
      return "the household has " + wording::count_of(h.pets, "pet", "pets") +
             " and the person must not live with pets";
    });
  return verdict(reason, true, [] { return "the household has no pets, as the person needs"; });
}

inline bool passes_no_smokers(const policy&, const person& p, const household& h,
                              std::string* reason) {
  if (!p.must_not.contains(avoidance::smokers))
    return verdict(reason, true, [] { return "the person can live with smokers"; });
  if (h.has_smoker())
    return verdict(reason, false, [] {
      return "someone in the household smokes and the person must not live with smokers";
    });
  return verdict(reason, true,
                 [] { return "nobody in the household smokes, as the person needs"; });
}

inline bool passes_no_children(const policy&, const person& p, const household& h,
                               std::string* reason) {
  if (!p.must_not.contains(avoidance::children))
    return verdict(reason, true, [] { return "the person can live with children"; });
  if (!h.children_ages.empty())
    return verdict(reason, false, [] {
      return "the household has children and the person must not live with children";
    });
  return verdict(reason, true, [] { return "the household has no children, as the person needs"; });
}

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

/// True when any adult or person already living in the household is an older person.
inline bool has_older_person(const household& h) {
  for (const auto& a : h.adults)
    if (a.age >= older_person_age) return true;
  for (const auto& r : h.residents)
    if (r.age >= older_person_age) return true;
  return false;
}

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

inline bool passes_travel(const policy& pol, const person& p, const household& h,
                          std::string* reason) {
  const double limit = travel_limit_km(pol, p);
  const auto places = places_to_stay_near(p, h);
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
    if (!may_use_anchors(p))
      text += "; community places were not checked because consent to use community was "
              "not given";
    return text;
  });
}

/// One hard rule's test: whether the pair passes, writing the reason when asked.
using rule_check = bool (*)(const policy&, const person&, const household&, std::string*);

/// Every rule's test, in `rule` enum order.
inline const std::array<rule_check, vocabulary_size<rule>>& rule_checks() {
  static const std::array<rule_check, vocabulary_size<rule>> checks{
      passes_carer_active,      passes_approval_needs,   passes_approval_support_level,
      passes_specialist_skills, passes_arrangement_type, passes_free_place,
      passes_free_bedroom,      passes_accessibility,    passes_no_pets,
      passes_no_smokers,        passes_no_children,      passes_carer_gender,
      passes_carer_exclusions,  passes_safeguarding,     passes_declined,
      passes_resident_conflict, passes_travel,
  };
  return checks;
}

} // namespace rule_detail

/// Whether one hard rule passes for a pair, without building its reason.
///
/// @param[in] id  the rule
/// @param[in] s   the scheme whose policy applies
/// @param[in] p   the person
/// @param[in] h   the household
/// @return  true when the rule does not rule the pair out
inline bool rule_passes(rule id, const scheme& s, const person& p, const household& h) {
  return rule_detail::rule_checks()[static_cast<std::size_t>(id)](s.policy, p, h, nullptr);
}

/// Whether a pair passes every hard rule (stops at the first failure; no text built).
///
/// @param[in] s  the scheme whose policy applies
/// @param[in] p  the person
/// @param[in] h  the household
/// @return  true when the household may be proposed for the person
inline bool is_feasible(const scheme& s, const person& p, const household& h) {
  for (auto check : rule_detail::rule_checks())
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
        rule_detail::rule_checks()[static_cast<std::size_t>(id)](s.policy, p, h, &outcome.reason);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

} // namespace slmatch
