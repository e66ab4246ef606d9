#pragma once
/// Explanations: why a household suits a person or not, and why a person was not matched.
///
/// In: a scheme, a person and household (by index), and for unmatched people the scheme's
/// `score_table` and the plan (household of each person). Out: plain-English reasons and a
/// one-sentence summary. People and households are named by id only, never by name; the
/// sentences come from the rules and factors, so data without consent never appears and
/// factors left out for lack of consent say so.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// Why one household suits one person, or why it cannot.
struct pair_explanation {
  std::string person_id, household_id;
  bool feasible = false;
  double score = 0.0;
  std::vector<rule_outcome> failed_rules; ///< enum order
  std::vector<factor_outcome> factors;    ///< used ones by points descending (ties by enum order),
                                          ///< then unused ones in enum order
  std::vector<std::string> reasons;       ///< feasible: one sentence per factor in `factors` order;
                                          ///< infeasible: one per failed rule
  std::string
      summary; ///< one sentence, e.g. "Household H04 is a good match for P01 (score 78.5): ..."
};

/// Throws unless `index` < `count`: "<what> index 7 is out of range (5 <plural>)".
///
/// @throws slmatch::error naming the index and the count
inline void check_index(std::size_t index, std::size_t count, const char* what,
                        const char* plural) {
  if (index >= count)
    throw error(std::string(what) + " index " + std::to_string(index) + " is out of range (" +
                std::to_string(count) + " " + plural + ")");
}

/// "a strong match", "a good match", "a fair match", "a weak match" by score.
inline std::string match_quality(double score) {
  if (score >= 80.0) return "a strong match";
  if (score >= 60.0) return "a good match";
  if (score >= 40.0) return "a fair match";
  return "a weak match";
}

/// A clause as a sentence: capital first letter, full stop.
inline std::string as_sentence(const std::string& clause) {
  return wording::capitalise(clause) + ".";
}

/// Order factors for reading: used factors first, largest contribution first, then the
/// factors not used; ties in enum order.
inline void order_for_reading(std::vector<factor_outcome>& factors) {
  std::stable_sort(factors.begin(), factors.end(),
                   [](const factor_outcome& x, const factor_outcome& y) {
                     if (x.used != y.used) return x.used;
                     if (x.used && x.points != y.points) return x.points > y.points;
                     return x.id < y.id;
                   });
}

/// One sentence per factor, in order, appended to `reasons` ("… (+12.5 points)." for used
/// factors); returns the sentences of up to three factors that scored, for a summary.
inline std::vector<std::string> factor_reasons(const std::vector<factor_outcome>& factors,
                                               std::vector<std::string>& reasons) {
  std::vector<std::string> highlights;
  for (const auto& f : factors) {
    if (f.used) {
      reasons.push_back(wording::capitalise(f.sentence) + " (+" +
                        wording::format_number(f.points, 1, true) + " points).");
      if (f.points > 0.0 && highlights.size() < 3) highlights.push_back(f.sentence);
    } else {
      reasons.push_back(as_sentence(f.sentence));
    }
  }
  return highlights;
}

/// Explain one pair: every failed rule and every factor's contribution, in plain English.
///
/// @param[in] s          the scheme
/// @param[in] person     index into `s.people`
/// @param[in] household  index into `s.households`
/// @return  the explanation; for a feasible pair the reasons list the largest contributions
///          first and factors not used (for example for lack of consent) last
/// @throws slmatch::error when an index is out of range
inline pair_explanation explain_pair(const scheme& s, std::size_t person, std::size_t household) {
  check_index(person, s.people.size(), "person", "people");
  check_index(household, s.households.size(), "household", "households");
  const auto& p = s.people[person];
  const auto& h = s.households[household];
  pair_assessment a = assess(s, p, h);

  pair_explanation e;
  e.person_id = p.id;
  e.household_id = h.id;
  e.feasible = a.feasible;
  e.score = a.score;
  for (auto& r : a.rules)
    if (!r.passed) e.failed_rules.push_back(std::move(r));

  e.factors = std::move(a.factors);
  order_for_reading(e.factors);

  const std::string score_text = wording::format_number(e.score, 1, true);
  if (e.feasible) {
    const auto highlights = factor_reasons(e.factors, e.reasons);
    e.summary = "Household " + h.id + " is " + match_quality(e.score) + " for " + p.id +
                " (score " + score_text + ")" +
                (highlights.empty() ? std::string(": no factor scored in its favour")
                                    : ": " + wording::join_with(highlights, "; ")) +
                ".";
  } else {
    std::vector<std::string> clauses;
    for (const auto& r : e.failed_rules) {
      e.reasons.push_back(as_sentence(r.reason));
      clauses.push_back(r.reason);
    }
    e.summary = "Household " + h.id + " cannot support " + p.id + ": " +
                wording::join_with(clauses, "; ") + ".";
  }
  return e;
}

/// Why a person was not placed.
struct unmatched_explanation {
  std::string person_id;
  bool had_feasible_household = false; ///< false: no household passes every rule
  std::vector<std::pair<rule, int>>
      blocking_rules; ///< households each rule ruled out; count descending, then enum order; only
                      ///< counts > 0
  std::vector<std::pair<std::string, std::vector<std::string>>>
      places_taken; ///< feasible households (id) and the person ids placed there instead, household
                    ///< order
  std::string summary; ///< one sentence naming the main blocking rules or who took the places
};

namespace detail {

/// "n households <verb phrase>" for a rule that ruled out `n` households for person `p`,
/// e.g. "12 households lack a specialist skill they need (peg feeding)".
inline std::string blocking_phrase(const scheme& s, const person& p, rule id, int n) {
  const bool one = n == 1;
  auto verb = [one](const char* singular, const char* plural) {
    return std::string(one ? singular : plural);
  };
  auto detail_in_brackets = [](const std::string& text) {
    return text.empty() ? std::string() : " (" + text + ")";
  };
  std::string phrase;
  switch (id) {
  case rule::carer_active:
    phrase = verb("is not active or has an expired approval",
                  "are not active or have an expired approval");
    break;
  case rule::approval_needs: {
    tag_set<need_category> missing;
    for (const auto& h : s.households)
      missing = tag_set<need_category>::from_bits(missing.bits() |
                                                  p.needs.minus(h.approved_needs).bits());
    phrase = verb("is", "are") + " not approved for their needs" +
             detail_in_brackets(wording::join_names(missing));
    break;
  }
  case rule::approval_support_level:
    phrase = verb("is", "are") + " not approved for their support level (" +
             wording::name(p.support) + ")";
    break;
  case rule::specialist_skills: {
    tag_set<specialist_skill> missing;
    for (const auto& h : s.households)
      missing = tag_set<specialist_skill>::from_bits(missing.bits() |
                                                     p.specialist_needs.minus(h.skills).bits());
    phrase = verb("lacks", "lack") + " a specialist skill they need" +
             detail_in_brackets(wording::join_names(missing));
    break;
  }
  case rule::arrangement_type:
    phrase = verb("does", "do") + " not offer " + wording::name(p.arrangement) + " arrangements";
    break;
  case rule::free_place:
    phrase = verb("has", "have") + " no free place";
    break;
  case rule::free_bedroom:
    phrase = verb("has", "have") + " no free bedroom";
    break;
  case rule::accessibility: {
    tag_set<home_feature> missing;
    for (const auto& h : s.households)
      missing = tag_set<home_feature>::from_bits(missing.bits() |
                                                 p.access_needs.minus(h.features).bits());
    phrase = verb("lacks", "lack") + " access they need" +
             detail_in_brackets(wording::join_names(missing));
    break;
  }
  case rule::no_pets:
    phrase = verb("has", "have") + " pets and they must not live with pets";
    break;
  case rule::no_smokers:
    phrase = verb("has", "have") + " a smoker and they must not live with smokers";
    break;
  case rule::no_children:
    phrase = verb("has", "have") + " children and they must not live with children";
    break;
  case rule::carer_gender:
    phrase =
        verb("does", "do") + " not have " +
        (p.required_carer_gender ? wording::with_article(wording::name(*p.required_carer_gender))
                                 : std::string("the")) +
        " main carer they need";
    break;
  case rule::carer_exclusions:
    phrase = verb("has a carer", "have carers") + " who will not support them";
    break;
  case rule::safeguarding:
    phrase = verb("is", "are") + " ruled out by a safeguarding risk";
    break;
  case rule::declined:
    phrase = verb("was", "were") + " declined by either side or ruled out by the scheme";
    break;
  case rule::resident_conflict:
    phrase = verb("has", "have") + " a resident they must not live with";
    break;
  case rule::travel:
    phrase = verb("is", "are") + " beyond their travel limit of " +
             wording::format_km(travel_limit_km(s.policy, p));
    break;
  }
  return wording::count_of(n, "household", "households") + " " + phrase;
}

} // namespace detail

/// The people a plan places in each household, in person order (a CSR list), so that
/// explaining many unplaced people does not scan the whole plan for each.
struct plan_occupants {
  std::vector<std::size_t> first;  ///< households + 1 offsets into `people`
  std::vector<std::size_t> people; ///< household h's people: people[first[h]..first[h + 1])

  /// @param households           how many households the scheme has
  /// @param household_of_person  for each person, a household index or -1; indices out of
  ///                             range are left out (`explain_unmatched` reports them)
  plan_occupants(std::size_t households, const std::vector<int>& household_of_person)
      : first(households + 1, 0) {
    const auto placed = [&](int h) { return h >= 0 && static_cast<std::size_t>(h) < households; };
    for (int h : household_of_person)
      if (placed(h)) ++first[static_cast<std::size_t>(h) + 1];
    for (std::size_t h = 0; h < households; ++h) first[h + 1] += first[h];
    people.resize(first.back());
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t p = 0; p < household_of_person.size(); ++p)
      if (placed(household_of_person[p]))
        people[next[static_cast<std::size_t>(household_of_person[p])]++] = p;
  }

  /// How many people the plan places in household `h`.
  std::size_t count(std::size_t h) const { return first[h + 1] - first[h]; }
};

/// Explain why a person was not placed by a plan.
///
/// @param[in] s                   the scheme
/// @param[in] table               `score_scheme(s)`
/// @param[in] household_of_person for each person, the index of the household they are
///                                placed in, or -1
/// @param[in] occupants           the same plan by household: `plan_occupants(households,
///                                household_of_person)`
/// @param[in] person              index into `s.people` of an unplaced person
/// @return  either the rules that left no feasible household (with how many households each
///          ruled out) or the feasible households and who was placed in each instead
/// @throws slmatch::error when the sizes do not match the scheme, an index is out of range
///         or the person is placed
inline unmatched_explanation explain_unmatched(const scheme& s, const score_table& table,
                                               const std::vector<int>& household_of_person,
                                               const plan_occupants& occupants,
                                               std::size_t person) {
  const std::size_t people = s.people.size(), households = s.households.size();
  if (table.people != people || table.households != households ||
      table.failures_by_rule.size() != people)
    throw error("score table does not match the scheme (" + std::to_string(table.people) +
                " people, " + std::to_string(table.households) + " households)");
  if (household_of_person.size() != people)
    throw error("plan has " + std::to_string(household_of_person.size()) + " entries for " +
                std::to_string(people) + " people");
  check_index(person, people, "person", "people");
  const slmatch::person& p = s.people[person];
  if (household_of_person[person] >= 0) throw error("person " + p.id + " is placed, not unmatched");

  unmatched_explanation e;
  e.person_id = p.id;

  // Rules that ruled households out, most first.
  const auto& failures = table.failures_by_rule[person];
  for (rule id : all_values<rule>()) {
    const int count = failures[static_cast<std::size_t>(id)];
    if (count > 0) e.blocking_rules.emplace_back(id, count);
  }
  std::stable_sort(e.blocking_rules.begin(), e.blocking_rules.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });

  // Feasible households of this person: pairs are ordered by person, then household.
  const auto first =
      std::lower_bound(table.pairs.begin(), table.pairs.end(), person,
                       [](const scored_pair& pair, std::size_t i) { return pair.person < i; });
  std::vector<std::size_t> feasible;
  for (auto it = first; it != table.pairs.end() && it->person == person; ++it)
    feasible.push_back(it->household);
  e.had_feasible_household = !feasible.empty();

  if (!e.had_feasible_household) {
    std::vector<std::string> phrases;
    for (const auto& [id, count] : e.blocking_rules)
      phrases.push_back(detail::blocking_phrase(s, p, id, count));
    e.summary = "No household can support " + p.id + ": " +
                (phrases.empty() ? std::string("the scheme has no households")
                                 : wording::join_list(phrases)) +
                ".";
    return e;
  }

  // Who was placed in each feasible household instead.
  if (occupants.first.size() != households + 1)
    throw error("occupants list " + std::to_string(occupants.first.size()) + " offsets for " +
                std::to_string(households) + " households");
  for (std::size_t h : feasible) {
    std::vector<std::string> ids;
    for (std::size_t k = occupants.first[h]; k < occupants.first[h + 1]; ++k)
      ids.push_back(s.people[occupants.people[k]].id);
    e.places_taken.emplace_back(s.households[h].id, std::move(ids));
  }

  std::vector<std::string> taken, with_room;
  for (std::size_t k = 0; k < feasible.size(); ++k) {
    const auto& [household_id, ids] = e.places_taken[k];
    const int room =
        effective_capacity(s.policy, s.households[feasible[k]]) - static_cast<int>(ids.size());
    if (room > 0) with_room.push_back(household_id);
    if (!ids.empty()) taken.push_back(household_id + " (" + wording::join_with(ids, ", ") + ")");
  }
  if (with_room.empty()) {
    e.summary = feasible.size() == 1
                    ? "The only suitable household for " + p.id +
                          " was taken by people who matched it better or could go nowhere "
                          "else: " +
                          wording::join_with(taken, ", ") + "."
                    : (feasible.size() == 2 ? std::string("Both")
                                            : "All " + std::to_string(feasible.size())) +
                          " suitable households for " + p.id +
                          " were taken by people who matched them better or could go nowhere "
                          "else: " +
                          wording::join_with(taken, ", ") + ".";
  } else {
    e.summary = p.id + " was not placed although " + std::to_string(with_room.size()) + " of " +
                std::to_string(feasible.size()) + " suitable " +
                (feasible.size() == 1 ? "household" : "households") + " still " +
                (with_room.size() == 1 ? "has" : "have") +
                " room: " + wording::join_with(with_room, ", ") +
                (taken.empty() ? std::string()
                               : "; places were taken in " + wording::join_with(taken, ", ")) +
                ".";
  }
  return e;
}

/// Explain why a person was not placed by a plan (see the overload above); finds who each
/// household holds from the plan itself.
inline unmatched_explanation explain_unmatched(const scheme& s, const score_table& table,
                                               const std::vector<int>& household_of_person,
                                               std::size_t person) {
  return explain_unmatched(s, table, household_of_person,
                           plan_occupants(s.households.size(), household_of_person), person);
}

} // namespace slmatch
