#pragma once
/// Re-solving after people or households come and go, moving people only when it pays.
///
/// In: the new `capacitated_problem`, an `objective`, and where each of its people was in
/// the previous plan (`carry_previous_plan` translates a previous plan given by stable
/// ids). Out: a plan that is optimal for the new problem and, among all optimal plans,
/// keeps the largest number of people in their previous household; who changed and why;
/// and a certificate proving both.
///
/// How the order is made exact: every weight is multiplied by a scale K and each previous
/// pair that is still allowed gets +1 (the *continuity problem*). A plan's continuity total
/// is K * total + kept, with 0 <= kept < K when K = 1 + the number of people whose previous
/// pair is still an edge. So a larger total always wins, and between equal totals the plan
/// keeping more people wins: the continuity problem's optimum (same objective, which for
/// `max_matched_then_total` still counts matches first) is lexicographically optimal for
/// (objective, kept). Its `verify_plan` certificate proves it. Multiplying the weights can
/// overflow; that is checked and reported as a validation error before solving.

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/vocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// In a previous plan given by index: the person had a household that is no longer in the
/// problem.
inline constexpr int previous_household_removed = -2;

/// How a person's situation changed between the previous plan and the new one.
enum class change_kind : std::uint8_t {
  moved,         ///< was in one household, now in another
  newly_matched, ///< was unmatched or is new, now has a household
  unmatched,     ///< had a household, now has none
};
SLMATCH_VOCABULARY(change_kind, "change kind", "moved", "newly_matched", "unmatched");

/// Why a person left their previous household.
enum class change_cause : std::uint8_t {
  none,              ///< newly matched: nothing was left
  household_removed, ///< the previous household is no longer in the problem
  pair_not_allowed,  ///< the previous pair is no longer an edge (a rule or a declined pair)
  better_plan,       ///< the pair was still allowed, but no optimal plan keeps this person
                     ///< together with everyone the plan keeps
};
SLMATCH_VOCABULARY(change_cause, "change cause", "none", "household_removed", "pair_not_allowed",
                   "better_plan");

/// One person whose household changed.
struct person_change {
  int person = 0;
  change_kind kind = change_kind::moved;
  change_cause cause = change_cause::none;
  int previous_household = -1; ///< index, -1 or `previous_household_removed`
  int household = -1;          ///< in the new plan, or -1
};

/// The continuity problem: weights scaled so that plans rank by (objective, people kept).
struct continuity_problem {
  capacitated_problem problem; ///< weight * scale, +1 on each still-allowed previous pair
  std::int64_t scale = 1;      ///< 1 + keepable
  int keepable = 0;            ///< people whose previous pair is still an edge
};

/// A re-solved plan.
struct incremental_plan {
  std::vector<int> household_of; ///< per person: household or -1
  int matched = 0;
  std::int64_t total = 0;             ///< in the new problem's weights
  int kept = 0;                       ///< people in their previous household
  int keepable = 0;                   ///< people whose previous pair is still allowed
  std::vector<person_change> changes; ///< everyone not kept and not unmatched both times,
                                      ///< in person order
  /// The plan of `make_continuity_problem(problem, previous)` with its certificate; its
  /// total is scale * total + kept.
  capacitated_plan continuity_plan;
};

/// The previous household of each person of a new problem, from a previous plan given by
/// stable ids.
///
/// @param[in] person_ids  the new problem's people, by index
/// @param[in] household_ids  the new problem's households, by index
/// @param[in] previous_pairs  (person id, household id) of the previous plan; people who
///            have left the problem are ignored
/// @return  per new person: the household's new index; -1 when the person is new or was
///          unmatched; `previous_household_removed` when the household has left
/// @throws slmatch::validation_error for a repeated id or a person with two previous
///         pairs, e.g. "previous pair 4, field person: repeats the person of previous pair 1"
/// \note  `Id` needs `operator<`. Time O((P + H + pairs) log).
template <class Id>
std::vector<int> carry_previous_plan(const std::vector<Id>& person_ids,
                                     const std::vector<Id>& household_ids,
                                     const std::vector<std::pair<Id, Id>>& previous_pairs) {
  std::vector<slmatch::problem> found;
  auto index_ids = [&](const std::vector<Id>& ids, const std::string& name) {
    std::map<Id, int> index;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto [at, added] = index.emplace(ids[i], static_cast<int>(i));
      if (!added)
        found.push_back({name + " " + std::to_string(i), "id",
                         "repeats the id of " + name + " " + std::to_string(at->second)});
    }
    return index;
  };
  const std::map<Id, int> person_index = index_ids(person_ids, "person");
  const std::map<Id, int> household_index = index_ids(household_ids, "household");
  std::map<Id, int> pair_of_person;
  for (std::size_t i = 0; i < previous_pairs.size(); ++i) {
    auto [at, added] = pair_of_person.emplace(previous_pairs[i].first, static_cast<int>(i));
    if (!added)
      found.push_back({"previous pair " + std::to_string(i), "person",
                       "repeats the person of previous pair " + std::to_string(at->second)});
  }
  if (!found.empty()) throw validation_error(std::move(found));
  std::vector<int> previous(person_ids.size(), -1);
  for (const auto& [person, household] : previous_pairs) {
    const auto p = person_index.find(person);
    if (p == person_index.end()) continue; // left the problem
    const auto h = household_index.find(household);
    previous[static_cast<std::size_t>(p->second)] =
        h == household_index.end() ? previous_household_removed : h->second;
  }
  return previous;
}

/// Build the continuity problem (see the top of this file).
///
/// @param[in] problem  the new problem
/// @param[in] previous_household_of  per person: previous household index, -1, or
///            `previous_household_removed`
/// @throws slmatch::validation_error from `check_problem`; for a wrong-sized previous plan
///         or an entry out of range ("person 3, field previous_household: ..."); and when
///         scaling the weights would overflow ("edges, field weight: too large to rank
///         plans by people kept ...")
inline continuity_problem make_continuity_problem(const capacitated_problem& problem,
                                                  const std::vector<int>& previous_household_of) {
  check_problem(problem);
  const std::size_t people = static_cast<std::size_t>(problem.people);
  const int households = static_cast<int>(problem.capacity.size());
  if (previous_household_of.size() != people)
    throw validation_error({{"previous plan", "household_of",
                             "has " + std::to_string(previous_household_of.size()) +
                                 " entries for " + std::to_string(people) + " people"}});
  std::vector<slmatch::problem> found;
  for (std::size_t p = 0; p < people; ++p) {
    const int h = previous_household_of[p];
    if (h < previous_household_removed || h >= households)
      found.push_back({"person " + std::to_string(p), "previous_household",
                       "must be -2 (removed), -1 or in [0, " + std::to_string(households) +
                           ") (is " + std::to_string(h) + ")"});
  }
  if (!found.empty()) throw validation_error(std::move(found));

  continuity_problem result;
  for (const auto& e : problem.edges)
    if (previous_household_of[static_cast<std::size_t>(e.person)] == e.household) ++result.keepable;
  result.scale = std::int64_t{result.keepable} + 1;
  const std::int64_t largest_scaled_weight = (max_edge_weight - 1) / result.scale;
  const std::string overflow = "too large to rank plans by people kept: weight x " +
                               std::to_string(result.scale) +
                               " + 1 overflows the solvers' 64-bit arithmetic; scale the "
                               "weights down";
  result.problem.people = problem.people;
  result.problem.capacity = problem.capacity;
  result.problem.edges.reserve(problem.edges.size());
  for (const auto& e : problem.edges) {
    if (e.weight > largest_scaled_weight) throw validation_error({{"edges", "weight", overflow}});
    const bool previous = previous_household_of[static_cast<std::size_t>(e.person)] == e.household;
    result.problem.edges.push_back({e.person, e.household, e.weight * result.scale + previous});
  }
  try {
    check_problem(result.problem);
  } catch (const validation_error&) {
    throw validation_error({{"edges", "weight", overflow}});
  }
  return result;
}

namespace detail {

/// Counts and changes of a plan against the previous one.
inline void describe_changes(const capacitated_problem& problem,
                             const std::vector<int>& previous_household_of,
                             incremental_plan& plan) {
  const edges_by_person by_person(problem);
  plan.matched = 0;
  plan.total = 0;
  plan.kept = 0;
  plan.keepable = 0;
  plan.changes.clear();
  for (std::size_t p = 0; p < plan.household_of.size(); ++p) {
    const int now = plan.household_of[p];
    const int before = previous_household_of[p];
    const int person = static_cast<int>(p);
    const bool allowed = before >= 0 && by_person.find(problem, person, before) >= 0;
    plan.keepable += allowed;
    if (now >= 0) {
      ++plan.matched;
      plan.total +=
          problem.edges[static_cast<std::size_t>(by_person.find(problem, person, now))].weight;
    }
    if (now == before && now >= 0) ++plan.kept;
    if (now == before || (now < 0 && before < 0)) continue;
    person_change change;
    change.person = person;
    change.previous_household = before;
    change.household = now;
    if (before < 0 && before != previous_household_removed) {
      change.kind = change_kind::newly_matched;
    } else {
      change.kind = now >= 0 ? change_kind::moved : change_kind::unmatched;
      change.cause = before == previous_household_removed ? change_cause::household_removed
                     : allowed                            ? change_cause::better_plan
                                                          : change_cause::pair_not_allowed;
    }
    plan.changes.push_back(change);
  }
}

} // namespace detail

/// An optimal plan for the new problem that keeps the most people in their previous
/// household among all optimal plans (lexicographic: objective first, then people kept).
///
/// @param[in] problem  the new problem
/// @param[in] goal  the objective
/// @param[in] previous_household_of  per person: previous household index, -1 (new or
///            unmatched) or `previous_household_removed`; see `carry_previous_plan`
/// @param[in] solver  callable `plan(const capacitated_problem&, objective)`
/// @return  the plan, its counts, every change with its cause, and the continuity plan
///          whose certificate `verify_incremental` checks
/// @throws slmatch::validation_error as `make_continuity_problem`
/// \note  One solver call on a problem with the same edges. Deterministic when the solver
///        is. A previous plan may exceed a household's new capacity; the plan keeps the
///        best subset.
template <class Solver = threaded_solver>
incremental_plan solve_incremental(const capacitated_problem& problem, objective goal,
                                   const std::vector<int>& previous_household_of,
                                   Solver solver = {}) {
  const continuity_problem continuity = make_continuity_problem(problem, previous_household_of);
  incremental_plan plan;
  plan.continuity_plan = solver(continuity.problem, goal);
  if (plan.continuity_plan.household_of.size() != static_cast<std::size_t>(problem.people))
    throw error("solver returned " + std::to_string(plan.continuity_plan.household_of.size()) +
                " entries for " + std::to_string(problem.people) + " people");
  plan.household_of = plan.continuity_plan.household_of;
  detail::describe_changes(problem, previous_household_of, plan);
  return plan;
}

/// Verify a re-solved plan: its continuity plan is its plan and is proved optimal for the
/// continuity problem by `verify_plan` (so the plan is optimal and keeps the most people
/// among optimal plans), and its counts and changes are right.
///
/// @throws slmatch::validation_error as `make_continuity_problem`
/// @throws slmatch::error naming the first violated condition
inline void verify_incremental(const capacitated_problem& problem, objective goal,
                               const std::vector<int>& previous_household_of,
                               const incremental_plan& plan) {
  const continuity_problem continuity = make_continuity_problem(problem, previous_household_of);
  if (plan.household_of != plan.continuity_plan.household_of)
    throw error("plan and continuity plan assign people differently");
  verify_plan(continuity.problem, goal, plan.continuity_plan);
  incremental_plan expected;
  expected.household_of = plan.household_of;
  detail::describe_changes(problem, previous_household_of, expected);
  auto fail = [](const std::string& what, std::int64_t says, std::int64_t is) {
    throw error("plan says " + what + " " + std::to_string(says) + " but it is " +
                std::to_string(is));
  };
  if (plan.matched != expected.matched) fail("matched", plan.matched, expected.matched);
  if (plan.total != expected.total) fail("total", plan.total, expected.total);
  if (plan.kept != expected.kept) fail("kept", plan.kept, expected.kept);
  if (plan.keepable != expected.keepable) fail("keepable", plan.keepable, expected.keepable);
  if (plan.changes.size() != expected.changes.size())
    fail("changes", static_cast<std::int64_t>(plan.changes.size()),
         static_cast<std::int64_t>(expected.changes.size()));
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const person_change& a = plan.changes[i];
    const person_change& b = expected.changes[i];
    if (a.person != b.person || a.kind != b.kind || a.cause != b.cause ||
        a.previous_household != b.previous_household || a.household != b.household)
      throw error("change " + std::to_string(i) + " (person " + std::to_string(a.person) +
                  ") does not describe the plan");
  }
}

} // namespace slmatch
