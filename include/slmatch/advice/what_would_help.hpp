#pragma once
/// What would help: for a person the plan leaves without a household, the smallest changes
/// to the scheme that would give them one, each checked by re-solving.
///
/// In: a scheme, the plan `match` proposed for it (household per person) and the objective
/// it used; a person the plan leaves unmatched. Out: up to `max_options` changes (a
/// household with one more place, a carer trained in a skill, an approval for a need or a
/// support level, an adaptation to the home, a wider travel limit), smallest first, each
/// with the household the re-solved plan then proposes and who else it moves.
///
/// How: every household yields the edits that would make it pass every hard rule for the
/// person (`pair_edits`; households that fail a rule no edit changes are skipped), or, when
/// it already passes but is full, one more place. Candidates are ordered by the number of
/// edits, then by the score the person would have there (highest first), then by household
/// id, with repeated edit sets dropped. Each candidate, in that order, is applied to a copy
/// of the scheme and the whole plan is solved again with `plan_scheme`, the same pipeline
/// `match` runs, so a change is reported only when matching the edited scheme really
/// proposes a household for the person. Checks stop after `max_checks` re-solves.
///
/// Complexity: one full scoring and solve per check; `max_checks` bounds the work per person.

#include "slmatch/advice/plan_moves.hpp"
#include "slmatch/advice/scheme_edit.hpp"
#include "slmatch/match.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// How much to look for.
struct help_options {
  objective goal = objective::max_matched_then_total; ///< the objective the plan was solved for
  int max_options = 3;                                ///< changes reported per person (>= 0)
  int max_checks = 12; ///< candidate changes re-solved per person (>= 0)
  int threads = 1;     ///< threads per re-solve; the result is the same for any number
};

/// One change that gives the person a household.
struct help_option {
  std::vector<scheme_edit> edits; ///< applied together
  std::size_t opened = 0;         ///< the household the edits were derived from
  std::size_t household = 0;      ///< where the re-solved plan places the person
  double score = 0.0;             ///< the person's score there, in the edited scheme
  std::vector<plan_move> moves;   ///< everyone else whose proposal changes
  std::string summary;            ///< one sentence
};

/// What would help one person.
struct help_for_person {
  std::size_t person = 0;
  std::vector<help_option> options; ///< smallest first
  int candidates = 0;               ///< households some change of these kinds could open
  int checked = 0;                  ///< changes re-solved
  std::string summary;              ///< one sentence
};

namespace detail {

/// A change to try: its edits (sorted), the household it opens and the person's score there.
struct help_candidate {
  std::vector<scheme_edit> edits;
  std::size_t household = 0;
  double score = 0.0;
};

/// The candidates in checking order, enough of them to fill `wanted` checks: households
/// are taken a whole level of edit count at a time (counted from the masks), so no smaller
/// change is ever left out for a larger one. `openable` receives how many households some
/// change could open.
inline std::vector<help_candidate> help_candidates(const scheme& s, const scheme_features& f,
                                                   const std::vector<int>& household_of,
                                                   std::size_t person, std::size_t wanted,
                                                   int& openable) {
  std::vector<int> placed(s.households.size(), 0);
  for (int h : household_of)
    if (h >= 0 && static_cast<std::size_t>(h) < placed.size())
      ++placed[static_cast<std::size_t>(h)];
  const auto failures = household_failures(f, person);
  std::vector<std::pair<int, std::size_t>> levels; // (edit count, household)
  for (std::size_t h = 0; h < s.households.size(); ++h) {
    const household& home = s.households[h];
    int count = edit_count(s, failures[h], home);
    if (count == 0) { // suitable already: only one more place could help, if it is full
      const bool full = placed[h] >= effective_capacity(s.policy, home);
      count = full && home.places < std::min(most_places, s.policy.household_cap) ? 1 : -1;
    }
    if (count > 0) levels.emplace_back(count, h);
  }
  openable = static_cast<int>(levels.size());
  std::sort(levels.begin(), levels.end());

  std::vector<help_candidate> found;
  const auto distinct_count = [&] {
    std::vector<std::vector<scheme_edit>> sets;
    for (const auto& c : found) sets.push_back(c.edits);
    std::sort(sets.begin(), sets.end());
    return static_cast<std::size_t>(std::unique(sets.begin(), sets.end()) - sets.begin());
  };
  for (std::size_t k = 0; k < levels.size();) {
    if (wanted == 0 || distinct_count() >= wanted) break;
    const int level = levels[k].first;
    for (; k < levels.size() && levels[k].first == level; ++k) {
      const std::size_t h = levels[k].second;
      auto edits = pair_edits(s, person, h);
      if (!edits) continue;
      if (edits->empty()) {
        scheme_edit place;
        place.household = h;
        edits->push_back(place);
      }
      std::sort(edits->begin(), edits->end());
      slmatch::person who = s.people[person];
      household where = s.households[h];
      for (const auto& e : *edits) apply_edit(who, where, e);
      const pair_assessment after = assess(s, who, where);
      if (!after.feasible) continue; // the edits do not open it after all
      found.push_back({std::move(*edits), h, after.score});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [&](const help_candidate& a, const help_candidate& b) {
                     if (a.edits.size() != b.edits.size()) return a.edits.size() < b.edits.size();
                     if (a.score != b.score) return a.score > b.score;
                     return s.households[a.household].id < s.households[b.household].id;
                   });
  std::vector<help_candidate> distinct;
  for (auto& c : found)
    if (std::none_of(distinct.begin(), distinct.end(),
                     [&](const help_candidate& d) { return d.edits == c.edits; }))
      distinct.push_back(std::move(c));
  return distinct;
}

inline std::string describe_edits(const scheme& s, const std::vector<scheme_edit>& edits) {
  std::vector<std::string> parts;
  for (const auto& e : edits) parts.push_back(describe_edit(s, e));
  return wording::join_list(parts);
}

} // namespace detail

/// The smallest changes that would give an unmatched person a household (see the top of
/// this file).
///
/// @param[in] s             a validated scheme
/// @param[in] household_of  the plan `match(s)` proposed with `options.goal`: household
///                          index per person, or -1
/// @param[in] person        index into `s.people` of a person the plan leaves unmatched
/// @param[in] options       objective, how many changes to report and to check
/// @return  the changes found, each confirmed by re-solving, smallest first
/// @throws slmatch::error when the plan does not fit the scheme, the person is out of range
///         or matched, or an option is negative
/// \note  Deterministic: the same scheme, plan and options give the same answer.
inline help_for_person what_would_help(const scheme& s, const scheme_features& features,
                                       const std::vector<int>& household_of, std::size_t person,
                                       const help_options& options = {}) {
  if (options.max_options < 0 || options.max_checks < 0)
    throw error("max options and max checks must be >= 0");
  if (household_of.size() != s.people.size())
    throw error("plan has " + std::to_string(household_of.size()) + " entries for " +
                std::to_string(s.people.size()) + " people");
  check_index(person, s.people.size(), "person", "people");
  const std::string& id = s.people[person].id;
  if (household_of[person] >= 0) throw error("person " + id + " is placed, not unmatched");

  help_for_person help;
  help.person = person;
  const auto candidates =
      detail::help_candidates(s, features, household_of, person,
                              static_cast<std::size_t>(options.max_checks), help.candidates);
  for (const auto& candidate : candidates) {
    if (help.checked >= options.max_checks) break;
    ++help.checked;
    const scheme edited = with_edits(s, candidate.edits);
    const capacitated_plan plan = plan_scheme(edited, options.goal, options.threads);
    const int placed = plan.household_of[person];
    if (placed < 0) continue;
    help_option option;
    option.edits = candidate.edits;
    option.opened = candidate.household;
    option.household = static_cast<std::size_t>(placed);
    option.score = assess(edited, edited.people[person], edited.households[option.household]).score;
    option.moves = plan_moves(household_of, plan.household_of, person);
    option.summary = "If " + detail::describe_edits(s, candidate.edits) +
                     ", the plan would propose " + edited.households[option.household].id +
                     " for " + id + moves_clause(s, option.moves) + ".";
    help.options.push_back(std::move(option));
  }
  // Fewest edits first; then changes that leave no one else without a household; then the
  // fewest other people moved; then the best score; then by household id.
  const auto losers = [](const help_option& o) {
    return std::count_if(o.moves.begin(), o.moves.end(),
                         [](const plan_move& m) { return m.to < 0; });
  };
  std::stable_sort(help.options.begin(), help.options.end(),
                   [&](const help_option& a, const help_option& b) {
                     return std::make_tuple(a.edits.size(), losers(a), a.moves.size(), -a.score,
                                            s.households[a.household].id) <
                            std::make_tuple(b.edits.size(), losers(b), b.moves.size(), -b.score,
                                            s.households[b.household].id);
                   });
  if (help.options.size() > static_cast<std::size_t>(options.max_options))
    help.options.resize(static_cast<std::size_t>(options.max_options));

  if (!help.options.empty()) {
    help.summary = help.options.front().summary;
  } else if (help.candidates == 0) {
    help.summary = "No change to a household's places, bedrooms, skills, approvals or home, or "
                   "to " +
                   id + "'s travel limit, would make any household suitable for " + id +
                   ": every household fails a rule such changes cannot alter.";
  } else {
    help.summary = "None of the " + wording::count_of(help.checked, "change", "changes") +
                   " checked would give " + id +
                   " a household: each time the plan gives the place to someone else.";
  }
  return help;
}

/// What would help one person (see above), encoding the scheme first.
inline help_for_person what_would_help(const scheme& s, const std::vector<int>& household_of,
                                       std::size_t person, const help_options& options = {}) {
  return what_would_help(s, encode_scheme(s), household_of, person, options);
}

/// What would help the people listed (every person the plan leaves unmatched when the list
/// is empty), in the order given.
///
/// @throws slmatch::error as the single-person overload
inline std::vector<help_for_person> what_would_help(const scheme& s,
                                                    const std::vector<int>& household_of,
                                                    std::vector<std::size_t> people = {},
                                                    const help_options& options = {}) {
  if (household_of.size() != s.people.size())
    throw error("plan has " + std::to_string(household_of.size()) + " entries for " +
                std::to_string(s.people.size()) + " people");
  if (people.empty())
    for (std::size_t p = 0; p < s.people.size(); ++p)
      if (household_of[p] < 0) people.push_back(p);
  const scheme_features features = encode_scheme(s);
  std::vector<help_for_person> all;
  for (std::size_t p : people)
    all.push_back(what_would_help(s, features, household_of, p, options));
  return all;
}

} // namespace slmatch
