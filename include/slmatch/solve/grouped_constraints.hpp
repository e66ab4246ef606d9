#pragma once
/// Pins and forbids on a problem with groups: "she must stay with this household", "never
/// propose this pair", for people some of whom are placed together.
///
/// In: a `grouped_problem` (groups.hpp), an `objective`, pins ((person, household) pairs
/// that must be in the plan, or (person, -1): the person stays unmatched) and forbids
/// (pairs that must not be). Out: the best plan that respects the groups and obeys them,
/// with the bound of the solve that proves it.
///
/// What a constraint means for a group. A required group is placed whole in one of its
/// hosts or not at all, so a pin on one member pins the whole group to the same household
/// (or leaves the whole group unmatched), and a forbid of (member, h) keeps the whole group
/// out of h. Pins that place members of one required group apart, a pin to a household
/// that is not a host with room for the whole group, or a pin whose group overfills a
/// household, are errors naming the pin, as `check_constraints` names them. A preferred
/// group's members are pinned one by one.
///
/// How the constraints are made exact: the plans obeying pins and forbids correspond one to
/// one with the plans of a *reduced grouped problem* (`reduce_grouped_problem`): pinned
/// people removed (with the members a required group's pin brings along), each pinned
/// household's capacity lowered by its pinned people, forbidden edges dropped, and the
/// groups reduced:
///
/// - a required group without pinned members stays as it is; a pinned one leaves with its
///   members, and the bonus of the host it is pinned to becomes a constant;
/// - a preferred group without pinned members stays as it is; with pinned members its bonus
///   can only be earned in the household they are pinned to, and only if all of them are
///   pinned there and it is one of the group's hosts (else the bonus is dropped and the
///   unpinned members are placed freely). Then the group becomes its unpinned members with
///   that household as its only host when two or more are left; with one left, the bonus
///   is added to that member's edge there; with none, it is a constant.
///
/// A plan's matched count and total are those of its reduced part plus constants, so the
/// objective orders constrained plans as it orders reduced plans, and `solve_grouped` on
/// the reduced problem, with its proven bound, gives the best constrained plan.
/// `verify_grouped_constrained` checks that chain.
///
/// Example:
///
///     const grouped_constrained_plan plan = solve_grouped_constrained(
///         problem, objective::max_matched_then_total, {{4, 2}}, {{0, 1}});
///     // person 4 (and, if required, their group) in household 2; person 0 not in 1

#include "slmatch/error.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/groups.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// The grouped problem whose plans are exactly the plans obeying some pins and forbids,
/// minus the pinned people (see the top of this file).
struct grouped_reduced_problem {
  grouped_problem problem;          ///< unpinned people, renumbered 0.. in original order
  std::vector<int> original_person; ///< per reduced person: its index in the original problem
  std::vector<int> original_edge;   ///< per reduced edge: its index in the original problem
  std::vector<int> reduced_person;  ///< per original person: reduced index, or -1 when pinned
  std::vector<int> original_group;  ///< per reduced group: its index in the original problem
  /// Every pin in force, by person: the given pins and the members a required group's pin
  /// brings along.
  std::vector<pair_constraint> pins;
  int pinned_matched = 0;           ///< people pinned to a household
  std::int64_t pinned_total = 0;    ///< their edge weights plus the constant bonuses
  std::int64_t pinned_together = 0; ///< the constant bonuses, part of `pinned_total`
};

/// The best plan obeying pins and forbids and respecting the groups, with its proof.
struct grouped_constrained_plan {
  std::vector<int> household_of;    ///< per person of the original problem: household or -1
  std::vector<int> group_household; ///< per original group: the household all share, or -1
  int matched = 0;                  ///< over the whole plan, pinned people included
  std::int64_t total = 0;           ///< edges and bonuses over the whole plan
  std::int64_t together_total = 0;  ///< the bonuses earned, part of `total`
  /// The plan of the reduced problem (`reduce_grouped_problem` with the same pins and
  /// forbids) with its proven bound; its people are the reduced problem's.
  grouped_plan reduced_plan;

  /// No plan obeying the constraints is better (the reduced solve was proven optimal).
  bool proven_optimal() const { return reduced_plan.proven_optimal; }
};

namespace detail {

/// The problems of the pins and forbids on a grouped problem, in pin then forbid order:
/// those `check_constraints` finds on the pairs, then (only when there are none) those the
/// groups add. Assumes `problem` passed `check_grouped_problem`.
inline std::vector<slmatch::problem>
grouped_constraint_problems(const grouped_problem& problem, const edges_by_person& by_person,
                            const group_layout& layout, const std::vector<pair_constraint>& pins,
                            const std::vector<pair_constraint>& forbids) {
  std::vector<slmatch::problem> found =
      constraint_problems(problem.pairs, by_person, pins, forbids);
  if (!found.empty()) return found;
  const auto str = [](auto value) { return std::to_string(value); };
  const auto members_of = [&](std::size_t g) {
    std::string text;
    for (int m : problem.groups[g].members) text += (text.empty() ? "" : ", ") + str(m);
    return "group " + str(g) + " (people " + text + ")";
  };
  // The first pin on a member of each required group decides where the group goes.
  std::vector<int> group_pin(problem.groups.size(), -1);
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const pair_constraint& pin = pins[i];
    const int g = layout.group_of[static_cast<std::size_t>(pin.person)];
    if (g < 0 || !problem.groups[static_cast<std::size_t>(g)].required) continue;
    const auto group = static_cast<std::size_t>(g);
    int& first = group_pin[group];
    const std::string record = "pin " + str(i);
    if (first < 0) {
      first = static_cast<int>(i);
      if (pin.household >= 0 && layout.bonus_at(group, pin.household) < 0)
        found.push_back({record, "household",
                         "household " + str(pin.household) + " is not a host with room for " +
                             members_of(group) + ", who must live together"});
      continue;
    }
    const pair_constraint& earlier = pins[static_cast<std::size_t>(first)];
    if (earlier.household != pin.household)
      found.push_back(
          {record, "household",
           "person " + str(pin.person) + " must live with person " + str(earlier.person) +
               " of group " + str(group) + ", whom pin " + str(first) +
               (earlier.household < 0 ? std::string(" leaves unmatched")
                                      : " puts in household " + str(earlier.household))});
  }
  if (!found.empty()) return found;
  // Places, counting the members a group's pin brings along.
  std::vector<int> load(problem.pairs.capacity.size(), 0);
  std::vector<char> counted(static_cast<std::size_t>(problem.pairs.people), 0);
  std::vector<char> reported(problem.pairs.capacity.size(), 0);
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const pair_constraint& pin = pins[i];
    if (pin.household < 0) continue;
    const auto h = static_cast<std::size_t>(pin.household);
    const int g = layout.group_of[static_cast<std::size_t>(pin.person)];
    std::vector<int> placed{pin.person};
    if (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required)
      placed = problem.groups[static_cast<std::size_t>(g)].members;
    for (int m : placed)
      if (!counted[static_cast<std::size_t>(m)]) {
        counted[static_cast<std::size_t>(m)] = 1;
        ++load[h];
      }
    if (load[h] > problem.pairs.capacity[h] && !reported[h]) {
      reported[h] = 1;
      found.push_back({"pin " + str(i), "household",
                       "household " + str(h) + " has " + str(problem.pairs.capacity[h]) +
                           " places but " + str(load[h]) +
                           " people are pinned to it with the members their groups bring"});
    }
  }
  // A forbid that keeps a member from where the group's pin puts it.
  for (std::size_t j = 0; j < forbids.size(); ++j) {
    const pair_constraint& forbid = forbids[j];
    const int g = layout.group_of[static_cast<std::size_t>(forbid.person)];
    if (g < 0) continue;
    const int first = group_pin[static_cast<std::size_t>(g)];
    if (first >= 0 && pins[static_cast<std::size_t>(first)].household == forbid.household)
      found.push_back({"forbid " + str(j), "household",
                       "forbids (person " + str(forbid.person) + ", household " +
                           str(forbid.household) + "), where pin " + str(first) + " puts person " +
                           str(forbid.person) + "'s group"});
  }
  return found;
}

/// `reduce_grouped_problem` without the checks; assumes the problem and constraints are
/// valid (`grouped_constraint_problems` found nothing).
inline grouped_reduced_problem
reduce_grouped_unchecked(const grouped_problem& problem, const edges_by_person& by_person,
                         const group_layout& layout, const std::vector<pair_constraint>& pins,
                         const std::vector<pair_constraint>& forbids) {
  const capacitated_problem& pairs = problem.pairs;
  const auto people = static_cast<std::size_t>(pairs.people);
  grouped_reduced_problem reduced;
  // Where each person is pinned (-2: not pinned), a required group's pin for all members.
  std::vector<int> pinned_to(people, -2);
  for (const pair_constraint& pin : pins) {
    pinned_to[static_cast<std::size_t>(pin.person)] = pin.household;
    const int g = layout.group_of[static_cast<std::size_t>(pin.person)];
    if (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required)
      for (int m : problem.groups[static_cast<std::size_t>(g)].members)
        pinned_to[static_cast<std::size_t>(m)] = pin.household;
  }
  reduced.problem.pairs.capacity = pairs.capacity;
  reduced.reduced_person.assign(people, -1);
  for (std::size_t p = 0; p < people; ++p) {
    const int h = pinned_to[p];
    if (h == -2) {
      reduced.reduced_person[p] = static_cast<int>(reduced.original_person.size());
      reduced.original_person.push_back(static_cast<int>(p));
      continue;
    }
    reduced.pins.push_back({static_cast<int>(p), h});
    if (h < 0) continue;
    --reduced.problem.pairs.capacity[static_cast<std::size_t>(h)];
    ++reduced.pinned_matched;
    reduced.pinned_total +=
        pairs.edges[static_cast<std::size_t>(by_person.find(pairs, static_cast<int>(p), h))].weight;
  }
  reduced.problem.pairs.people = static_cast<int>(reduced.original_person.size());

  // The groups; a preferred group's bonus left to one unpinned member goes on its edge.
  std::vector<int> fold_household(people, -1);
  std::vector<std::int64_t> fold_bonus(people, 0);
  const auto add_constant = [&](std::int64_t bonus) {
    reduced.pinned_total += bonus;
    reduced.pinned_together += bonus;
  };
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    std::vector<int> unpinned;
    int home = -2; // the pinned members' common household: -2 none pinned, -3 apart
    for (int m : group.members) {
      const int h = pinned_to[static_cast<std::size_t>(m)];
      if (h == -2)
        unpinned.push_back(reduced.reduced_person[static_cast<std::size_t>(m)]);
      else
        home = home == -2 || home == h ? h : -3;
    }
    if (home == -2) {
      problem_group kept = group;
      kept.members = unpinned;
      reduced.problem.groups.push_back(std::move(kept));
      reduced.original_group.push_back(static_cast<int>(g));
      continue;
    }
    const std::int64_t bonus = home >= 0 ? layout.bonus_at(g, home) : -1;
    if (bonus < 0) continue; // no bonus to earn; the unpinned members are placed freely
    if (unpinned.empty()) {
      add_constant(bonus); // a required group pinned whole, or a preferred one all pinned
    } else if (unpinned.size() == 1) {
      const auto p = static_cast<std::size_t>(
          reduced.original_person[static_cast<std::size_t>(unpinned.front())]);
      fold_household[p] = home;
      fold_bonus[p] = bonus;
    } else {
      problem_group rest;
      rest.members = std::move(unpinned);
      rest.required = false;
      rest.hosts = {{home, bonus}};
      reduced.problem.groups.push_back(std::move(rest));
      reduced.original_group.push_back(static_cast<int>(g));
    }
  }

  std::vector<char> forbidden(pairs.edges.size(), 0);
  for (const pair_constraint& forbid : forbids) {
    const int edge_id = by_person.find(pairs, forbid.person, forbid.household);
    if (edge_id >= 0) forbidden[static_cast<std::size_t>(edge_id)] = 1;
  }
  for (std::size_t i = 0; i < pairs.edges.size(); ++i) {
    const auto& e = pairs.edges[i];
    const int person = reduced.reduced_person[static_cast<std::size_t>(e.person)];
    if (person < 0 || forbidden[i]) continue;
    std::int64_t weight = e.weight;
    if (fold_household[static_cast<std::size_t>(e.person)] == e.household)
      weight += fold_bonus[static_cast<std::size_t>(e.person)];
    reduced.problem.pairs.edges.push_back({person, e.household, weight});
    reduced.original_edge.push_back(static_cast<int>(i));
  }
  return reduced;
}

/// The reduced problem, or nothing when the constraints admit no plan. For well-formed
/// constraints (indices in range, each person pinned once) the checks fail exactly when no
/// plan obeys them: a plan-less set breaks a rule, and any other keeps the plan that places
/// its pinned people and nobody else.
inline std::optional<grouped_reduced_problem>
reduce_if_feasible(const grouped_problem& problem, const edges_by_person& by_person,
                   const group_layout& layout, const std::vector<pair_constraint>& pins,
                   const std::vector<pair_constraint>& forbids) {
  if (!grouped_constraint_problems(problem, by_person, layout, pins, forbids).empty())
    return std::nullopt;
  return reduce_grouped_unchecked(problem, by_person, layout, pins, forbids);
}

/// Solve a reduced problem and lift its plan back to the original people and groups.
inline grouped_constrained_plan
solve_grouped_reduced(const grouped_problem& problem, const edges_by_person& by_person,
                      const group_layout& layout, const grouped_reduced_problem& reduced,
                      objective goal, const grouped_options& options) {
  grouped_constrained_plan plan;
  plan.reduced_plan = solve_grouped(reduced.problem, goal, options);
  const grouped_plan& part = plan.reduced_plan;
  plan.household_of.assign(static_cast<std::size_t>(problem.pairs.people), -1);
  for (const pair_constraint& pin : reduced.pins)
    plan.household_of[static_cast<std::size_t>(pin.person)] = pin.household;
  for (std::size_t r = 0; r < part.household_of.size(); ++r)
    plan.household_of[static_cast<std::size_t>(reduced.original_person[r])] = part.household_of[r];
  grouped_value value = evaluate_grouped(problem, layout, by_person, plan.household_of);
  if (!value.valid || value.matched != reduced.pinned_matched + part.matched ||
      value.total != reduced.pinned_total + part.total)
    throw error("internal: the reduced plan does not lift to a plan obeying the constraints");
  plan.matched = value.matched;
  plan.total = value.total;
  plan.together_total = value.together_total;
  plan.group_household = std::move(value.group_household);
  return plan;
}

} // namespace detail

/// Check pins and forbids against a grouped problem.
///
/// Rules: the problem passes `check_grouped_problem`; the pins and forbids pass
/// `check_constraints` on its pairs; and, for a required group: pins on its members agree
/// (one household, or all unmatched); a pin to a household is to one of the group's hosts
/// that every member can use and that has room for all of them; no household has more
/// pinned people than places, counting the members a group's pin brings along; no forbid
/// keeps a member from the household the group is pinned to.
///
/// @throws slmatch::validation_error from `check_grouped_problem`, or listing the
///         constraint problems, each naming the pin or forbid index and the field, e.g.
///         "pin 1, field household: person 5 must live with person 4 of group 0, whom pin 0
///         puts in household 2"
/// \note  Malformed constraints aside (an index out of range, a person pinned twice), an
///        error exactly when no plan respecting the groups obeys the constraints.
inline void check_grouped_constraints(const grouped_problem& problem,
                                      const std::vector<pair_constraint>& pins,
                                      const std::vector<pair_constraint>& forbids) {
  check_grouped_problem(problem);
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  auto found = detail::grouped_constraint_problems(problem, by_person, layout, pins, forbids);
  if (!found.empty()) throw validation_error(std::move(found));
}

/// The reduced grouped problem of some pins and forbids (see the top of this file). Its
/// plans, with the pinned people added, are exactly the plans obeying the constraints.
///
/// @throws slmatch::validation_error as `check_grouped_constraints`
/// \note  Time O(E log E) for the checks, O(people + E + group members) for the reduction.
inline grouped_reduced_problem reduce_grouped_problem(const grouped_problem& problem,
                                                      const std::vector<pair_constraint>& pins,
                                                      const std::vector<pair_constraint>& forbids) {
  check_grouped_problem(problem);
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  auto found = detail::grouped_constraint_problems(problem, by_person, layout, pins, forbids);
  if (!found.empty()) throw validation_error(std::move(found));
  return detail::reduce_grouped_unchecked(problem, by_person, layout, pins, forbids);
}

/// The best plan respecting the groups and obeying pins and forbids.
///
/// The objective is evaluated over the whole plan: pinned people count as matched, their
/// weights and the bonuses of groups they complete count in the total.
///
/// @param[in] problem  pairs and groups; passes `check_grouped_problem`
/// @param[in] goal     the objective
/// @param[in] pins     pairs that must be in the plan; household -1 keeps the person (and a
///                     required group's every member) unmatched
/// @param[in] forbids  pairs that must not be in the plan
/// @param[in] options  as for `solve_grouped`
/// @return  the plan over the original people, with the reduced plan and its bound
/// @throws slmatch::validation_error as `check_grouped_constraints`
/// \note  One `solve_grouped` call on the reduced problem; optimal when
///        `proven_optimal()`. Deterministic when it finishes in time.
inline grouped_constrained_plan solve_grouped_constrained(
    const grouped_problem& problem, objective goal, const std::vector<pair_constraint>& pins,
    const std::vector<pair_constraint>& forbids, const grouped_options& options = {}) {
  check_grouped_problem(problem);
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  auto found = detail::grouped_constraint_problems(problem, by_person, layout, pins, forbids);
  if (!found.empty()) throw validation_error(std::move(found));
  const grouped_reduced_problem reduced =
      detail::reduce_grouped_unchecked(problem, by_person, layout, pins, forbids);
  return detail::solve_grouped_reduced(problem, by_person, layout, reduced, goal, options);
}

/// Verify a constrained plan with groups: it obeys the pins (with the members a required
/// group's pin brings along) and forbids, respects every group and capacity, its counts
/// are right, and its reduced plan is its unpinned part and passes `verify_grouped_plan`
/// on the reduced problem. With `reduced_plan.proven_optimal`, together these prove the
/// plan the best one obeying the constraints.
///
/// @throws slmatch::validation_error as `check_grouped_constraints`
/// @throws slmatch::error naming the first violated condition, e.g.
///         "pin 1 (person 2, household 0) not obeyed: person 2 is in household 1"
inline void verify_grouped_constrained(const grouped_problem& problem, objective goal,
                                       const std::vector<pair_constraint>& pins,
                                       const std::vector<pair_constraint>& forbids,
                                       const grouped_constrained_plan& plan) {
  const grouped_reduced_problem reduced = reduce_grouped_problem(problem, pins, forbids);
  const auto fail = [](const std::string& message) { throw error(message); };
  const auto str = [](auto value) { return std::to_string(value); };
  const auto people = static_cast<std::size_t>(problem.pairs.people);
  if (plan.household_of.size() != people)
    fail("plan has " + str(plan.household_of.size()) + " entries for " + str(people) + " people");
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const int h = plan.household_of[static_cast<std::size_t>(pins[i].person)];
    if (h != pins[i].household)
      fail("pin " + str(i) + " (person " + str(pins[i].person) + ", household " +
           str(pins[i].household) + ") not obeyed: person " + str(pins[i].person) +
           " is in household " + str(h));
  }
  for (const pair_constraint& pin : reduced.pins)
    if (plan.household_of[static_cast<std::size_t>(pin.person)] != pin.household)
      fail("person " + str(pin.person) + " is in household " +
           str(plan.household_of[static_cast<std::size_t>(pin.person)]) +
           " but their group is pinned to " + str(pin.household));
  for (std::size_t i = 0; i < forbids.size(); ++i)
    if (plan.household_of[static_cast<std::size_t>(forbids[i].person)] == forbids[i].household)
      fail("forbid " + str(i) + " (person " + str(forbids[i].person) + ", household " +
           str(forbids[i].household) + ") not obeyed");
  const grouped_plan& part = plan.reduced_plan;
  if (part.household_of.size() != reduced.original_person.size())
    fail("reduced plan has " + str(part.household_of.size()) + " entries for " +
         str(reduced.original_person.size()) + " unpinned people");
  for (std::size_t r = 0; r < part.household_of.size(); ++r) {
    const auto p = static_cast<std::size_t>(reduced.original_person[r]);
    if (part.household_of[r] != plan.household_of[p])
      fail("person " + str(p) + " is in household " + str(plan.household_of[p]) +
           " but the reduced plan says " + str(part.household_of[r]));
  }
  verify_grouped_plan(reduced.problem, goal, part);
  // The whole plan: capacities, groups and counts (its bound is the reduced plan's, above).
  grouped_plan whole;
  whole.household_of = plan.household_of;
  whole.group_household = plan.group_household;
  whole.matched = plan.matched;
  whole.total = plan.total;
  whole.together_total = plan.together_total;
  whole.bonus = goal == objective::max_total ? 0 : 1;
  whole.bound = whole.value();
  whole.proven_optimal = true;
  verify_grouped_plan(problem, goal, whole);
  if (plan.matched != reduced.pinned_matched + part.matched)
    fail("plan says " + str(plan.matched) + " matched but the pins and the reduced plan make " +
         str(reduced.pinned_matched + part.matched));
  if (plan.total != reduced.pinned_total + part.total)
    fail("plan says total " + str(plan.total) + " but the pins and the reduced plan make " +
         str(reduced.pinned_total + part.total));
}

} // namespace slmatch
