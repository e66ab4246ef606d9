#pragma once
/// Why not my first choice: where a person's best-scoring household went to someone else,
/// who took it, and what giving it to them instead would cost the plan.
///
/// In: a scheme and its `match_result` (the objective it was solved for). Out: for each
/// person whose best-scoring feasible household (highest score, ties by household id, as
/// their shortlist ranks it) is not the one proposed: that household, the people the plan
/// places there, and the best plan with the person pinned to it (`solve_constrained`, proved
/// optimal by its certificate): the change in people matched and in total score, and who
/// else moves.
///
/// With groups (the result's `grouped` is set) the pinned plan respects them too
/// (`solve_grouped_constrained` on `make_grouped_problem`, the totals counting the
/// living-together points): a member of a group that must live together is pinned with the
/// whole group, and is not reported when their first choice cannot take the whole group
/// (no plan can give it to them); the change in total counts the living-together points.
///
/// Without groups, a person the plan leaves unmatched needs no solve: the pinned plan is the
/// plan with the person placed there and the cheapest chain of moves that frees a place
/// (`residual_paths::release`), which is exact: the scheme without the person has the plan as
/// an optimum, and taking one place from a household changes an optimum by one path.
///
/// Complexity: one constrained solve per person reported who needs one (placed people, and
/// everyone when the scheme has groups), at most `max_solves`; two searches over the plan's
/// edges for all the others together.

#include "slmatch/advice/plan_moves.hpp"
#include "slmatch/match.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/grouped_constraints.hpp"
#include "slmatch/solve/residual_paths.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace slmatch {

/// Which people to look at and how to solve.
struct first_choice_options {
  objective goal = objective::max_matched_then_total; ///< the objective the plan was solved for
  std::vector<std::size_t> people; ///< indices, looked at in this order; empty: everyone
  std::size_t max_people = static_cast<std::size_t>(-1); ///< stop after this many reported
  /// People whose cost needs a solve are left out once this many have been solved.
  std::size_t max_solves = static_cast<std::size_t>(-1);
  int threads = 1; ///< threads per solve; the result is the same for any number
  /// Time limit of each solve when the scheme has groups (see solve/groups.hpp).
  double group_seconds = match_options{}.group_seconds;
};

/// A person whose first choice went to someone else, and the price of changing that.
struct first_choice_cost {
  std::size_t person = 0;
  std::size_t first_choice = 0;      ///< household index
  double first_choice_score = 0.0;   ///< 0–100
  int household = -1;                ///< proposed household, or -1
  double score = 0.0;                ///< score of the proposal, 0 when unmatched
  std::vector<std::size_t> taken_by; ///< people the plan places in the first choice
  int matched_change = 0;            ///< people matched with the pin minus without (<= 0)
  /// Total score with the pin minus without (points), living-together points included when
  /// the scheme has groups (what the plan maximises).
  double total_score_change = 0.0;
  std::vector<plan_move> moves; ///< everyone else whose proposal changes with the pin
  bool with_group = false;      ///< the person's group, which must live together, moves too
  std::string summary;          ///< one sentence
};

namespace detail {

inline std::string first_choice_sentence(const scheme& s, const first_choice_cost& c) {
  const std::string& id = s.people[c.person].id;
  const std::string& first = s.households[c.first_choice].id;
  std::vector<std::string> takers;
  for (std::size_t q : c.taken_by) takers.push_back(s.people[q].id);
  std::string text = first + " scored highest for " + id + " (" +
                     wording::format_number(c.first_choice_score, 1, true) + ") but the plan " +
                     (takers.empty() ? "proposes no one for it"
                                     : "proposes it for " + wording::join_list(takers)) +
                     ". Giving " + first + " to " + id +
                     (c.with_group ? " and the people they must live with" : "") +
                     " instead would ";
  if (c.matched_change < 0)
    text += "leave " + wording::count_of(-c.matched_change, "more person", "more people") +
            " without a household and ";
  else
    text += "keep as many people matched and ";
  const double drop = -c.total_score_change;
  text += drop > 0.0 ? "lower the plan's total score by " + wording::format_number(drop, 1, true) +
                           " points"
                     : "leave the plan's total score unchanged";
  text += c.moves.empty()
              ? std::string(".")
              : "; " +
                    (c.moves.size() == 1 ? std::string("1 other person's proposal would change")
                                         : std::to_string(c.moves.size()) +
                                               " other people's proposals would change") +
                    ": " + describe_moves(s, c.moves) + ".";
  return text;
}

} // namespace detail

/// The cost of giving people their first choice (see the top of this file).
///
/// @param[in] s        the scheme `result` was matched from
/// @param[in] result   `match(s, ...)` with objective `options.goal`
/// @param[in] options  objective, people to look at, threads
/// @param[in] given    `residual_paths(result.problem, result.plan)` when the caller keeps
///                     them for other analyses; built when first needed if null
/// @return  one entry per person looked at whose first choice was proposed for someone
///          else, in the order looked at (each person once), at most `max_people`
/// @throws slmatch::error when the result does not fit the scheme or a person index is out
///         of range
/// \note  Deterministic: the same scheme, result and options give the same answer.
inline std::vector<first_choice_cost> first_choice_costs(const scheme& s,
                                                         const match_result& result,
                                                         const first_choice_options& options = {},
                                                         const residual_paths* given = nullptr) {
  const std::size_t people = s.people.size();
  if (result.plan.household_of.size() != people || result.scores.people != people)
    throw error("match result does not fit the scheme (" + std::to_string(people) + " people)");
  std::vector<std::size_t> asked = options.people;
  if (asked.empty())
    for (std::size_t p = 0; p < people; ++p) asked.push_back(p);
  std::vector<char> seen(people, 0);
  std::vector<std::size_t> order;
  for (std::size_t p : asked) {
    check_index(p, people, "person", "people");
    if (!seen[p]) order.push_back(p);
    seen[p] = 1;
  }

  // Each person's best pair: highest weight, then lowest household id (shortlist order).
  std::vector<long> best(people, -1);
  for (std::size_t k = 0; k < result.scores.pairs.size(); ++k) {
    const auto& pair = result.scores.pairs[k];
    const long current = best[pair.person];
    if (current < 0) {
      best[pair.person] = static_cast<long>(k);
      continue;
    }
    const auto& held = result.scores.pairs[static_cast<std::size_t>(current)];
    const auto a = score_to_weight(pair.score), b = score_to_weight(held.score);
    if (a > b || (a == b && s.households[pair.household].id < s.households[held.household].id))
      best[pair.person] = static_cast<long>(k);
  }
  const plan_occupants occupants(s.households.size(), result.plan.household_of);
  // With groups: the grouped problem, and which household can take each required group.
  std::optional<grouped_problem> grouped;
  std::optional<detail::edges_by_person> grouped_by_person;
  std::optional<detail::group_layout> layout;
  grouped_options solving;
  solving.flow.threads = options.threads;
  solving.mip_seconds = options.group_seconds;
  if (result.grouped) {
    grouped = make_grouped_problem(s, result.scores, result.problem);
    grouped_by_person.emplace(grouped->pairs);
    layout.emplace(*grouped, *grouped_by_person);
  }

  // Without groups, the plan's residual paths and each pair's weight, built when first needed.
  std::optional<residual_paths> residual;
  const auto paths = [&] {
    if (given != nullptr) return given;
    if (!residual) residual.emplace(result.problem, result.plan, options.threads);
    return static_cast<const residual_paths*>(&*residual);
  };
  const std::vector<std::size_t> rows = detail::person_rows(result.scores);
  const auto weight_of = [&](std::size_t person, int household) {
    for (std::size_t k = rows[person]; k < rows[person + 1]; ++k)
      if (result.scores.pairs[k].household == static_cast<std::size_t>(household))
        return score_to_weight(result.scores.pairs[k].score);
    throw error("plan places a person in a household without a pair");
  };

  std::vector<first_choice_cost> costs;
  std::size_t solves = 0;
  for (std::size_t p : order) {
    if (costs.size() >= options.max_people) break;
    if (best[p] < 0) continue;
    const auto& pair = result.scores.pairs[static_cast<std::size_t>(best[p])];
    const int proposed = result.plan.household_of[p];
    if (proposed == static_cast<int>(pair.household)) continue;
    const int group = layout ? layout->group_of[p] : -1;
    const bool with_group = group >= 0 && grouped->groups[static_cast<std::size_t>(group)].required;
    if (with_group &&
        layout->bonus_at(static_cast<std::size_t>(group), static_cast<int>(pair.household)) < 0)
      continue; // the first choice cannot take the whole group
    first_choice_cost c;
    c.with_group = with_group;
    c.person = p;
    c.first_choice = pair.household;
    c.first_choice_score = pair.score;
    c.household = proposed;
    if (proposed >= 0) c.score = result.proposals.at(p).score;
    for (std::size_t k = occupants.first[pair.household]; k < occupants.first[pair.household + 1];
         ++k)
      c.taken_by.push_back(occupants.people[k]);
    std::vector<int> pinned_household_of;
    int pinned_matched = 0;
    std::int64_t pinned_total = 0;
    const std::optional<std::int64_t> release =
        !grouped && proposed < 0 ? paths()->release(pair.household) : std::nullopt;
    if (release) {
      pinned_matched = result.plan.matched + 1;
      pinned_total = result.plan.total + score_to_weight(pair.score);
      for (const path_move& m : paths()->release_moves(pair.household)) {
        const auto q = static_cast<std::size_t>(m.person);
        const int from = result.plan.household_of[q];
        pinned_total -= weight_of(q, from);
        if (m.to < 0)
          --pinned_matched;
        else
          pinned_total += weight_of(q, m.to);
        c.moves.push_back({q, from, m.to});
      }
      std::sort(c.moves.begin(), c.moves.end(),
                [](const plan_move& a, const plan_move& b) { return a.person < b.person; });
    } else {
      if (solves >= options.max_solves) continue;
      ++solves;
      const std::vector<pair_constraint> pin{
          {static_cast<int>(p), static_cast<int>(pair.household)}};
      if (grouped) {
        grouped_constrained_plan pinned =
            solve_grouped_constrained(*grouped, options.goal, pin, {}, solving);
        pinned_household_of = std::move(pinned.household_of);
        pinned_matched = pinned.matched;
        pinned_total = pinned.total;
      } else {
        constrained_plan pinned = solve_constrained(result.problem, options.goal, pin, {},
                                                    threaded_solver{options.threads});
        pinned_household_of = std::move(pinned.household_of);
        pinned_matched = pinned.matched;
        pinned_total = pinned.total;
      }
    }
    c.matched_change = pinned_matched - result.plan.matched;
    // With groups the plan was chosen on its pairs' scores and living-together points.
    const std::int64_t plan_total = result.grouped ? result.grouped->total : result.plan.total;
    c.total_score_change = static_cast<double>(pinned_total - plan_total) / score_units_per_point;
    if (!release) c.moves = plan_moves(result.plan.household_of, pinned_household_of, p);
    c.summary = detail::first_choice_sentence(s, c);
    costs.push_back(std::move(c));
  }
  return costs;
}

} // namespace slmatch
