#pragma once
/// Plans in which some people are placed together: a couple, siblings or friends go to one
/// household, all of them or none.
///
/// In: a `capacitated_problem` and its groups. A required group's members are placed in
/// one of the group's hosts (households with room for all of them that suit each), all in
/// the same one, or not at all. A preferred group's members are placed freely, and earn the
/// host's bonus when all of them are in it. Out: the best plan under `objective` (people
/// matched, then the total of the chosen edges and bonuses), with a proven upper bound that
/// equals its value when it is optimal.
///
/// All or none in one household is not a flow constraint, and the problem is NP-hard in
/// general. It is solved exactly, and the flow solver stays the fast path:
///
/// 1. Relaxation. Members become individuals: a required group's members may go only to
///    its hosts, and share the group's weight there (its members' weights plus its bonus)
///    equally, so that they rank its hosts alike and the relaxation splits fewer groups; a
///    preferred group's bonus at a host is added to its first member's edge there. Every
///    plan with groups is a plan of this relaxation with the same or a
///    larger value, so the flow solver's optimum, proved by its LP prices u (people) and
///    v (households), bounds every plan from above: value(x) <= U + sum over chosen edges
///    of rc(e), where U is the relaxation's optimum and rc(e) = a(e) - u(p) - v(h) <= 0 is
///    the edge's reduced cost for its adjusted weight a(e).
/// 2. If the relaxation's plan keeps every group together (or leaves it out) and earns
///    every bonus it was credited with, it is optimal.
/// 3. Otherwise a plan that respects the groups is built from it: split required groups
///    are placed whole in their best host with room, or left out, and everyone else is
///    re-planned by the flow solver around them. Its value L is a lower bound.
/// 4. Reduced-cost fixing: a plan at least as good as L uses only edges with
///    rc(e) >= -(U - L). The kept edges split into independent parts; a part where the
///    relaxation's plan already respects its groups keeps that plan (it is optimal there);
///    each other part is solved as a mixed-integer programme by CBC (solve/mip.hpp), most
///    people matched first, then the largest total.
///
/// The plan is optimal when every programme was proven optimal within the time limit;
/// otherwise it is the best found, never worse than L, and the bound says how far from
/// optimal it may be.

#include "slmatch/error.hpp"
#include "slmatch/log.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/mip.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// People of a `capacitated_problem` who are to be placed together.
struct problem_group {
  /// A household that could take the whole group at once, and the weight the group earns
  /// for being together there.
  struct host {
    int household = 0;
    std::int64_t bonus = 0;
  };
  std::vector<int> members; ///< person indices; two or more, each in no other group
  bool required = true;     ///< all in one host or none placed; else placed freely
  std::vector<host> hosts;  ///< ordered by household, each at most once
};

/// A capacitated problem with groups.
struct grouped_problem {
  capacitated_problem pairs; ///< people, household capacities and the allowed pairs
  std::vector<problem_group> groups;
};

/// How `solve_grouped` runs.
struct grouped_options {
  capacitated_options flow; ///< for the relaxation and the re-plans
  double mip_seconds = 60;  ///< time limit for the mixed-integer programmes together
};

/// What solving took, for benchmarks.
struct grouped_stats {
  std::size_t kept_edges = 0;    ///< edges left after reduced-cost fixing (0 if not needed)
  std::size_t mip_people = 0;    ///< people in parts solved as programmes
  std::size_t mip_columns = 0;   ///< columns of those programmes
  int mip_blocks = 0;            ///< independent programmes solved
  double relaxation_seconds = 0; ///< the flow relaxation
  double repair_seconds = 0;     ///< the plan respecting groups built from it
  double mip_seconds = 0;        ///< the programmes
};

/// A plan that respects every group, with its proven bound.
struct grouped_plan {
  std::vector<int> household_of;    ///< per person: household index or -1
  std::vector<int> group_household; ///< per group: the household all members share, or -1
  int matched = 0;                  ///< people with a household
  std::int64_t total = 0;           ///< chosen edge weights plus the bonuses earned
  std::int64_t together_total = 0;  ///< the bonuses earned, part of `total`
  /// Weight of one person matched in `value()`: 0 for `max_total`, else more than any
  /// total can reach, so that matching one more person outweighs any total.
  std::int64_t bonus = 0;
  std::int64_t bound = 0;      ///< no plan's `value()` is larger (proven)
  bool proven_optimal = false; ///< `value() == bound`
  grouped_stats stats;

  /// What the plan maximises: bonus * matched + total.
  std::int64_t value() const { return bonus * matched + total; }
};

namespace detail {

/// Which group each person is in, and each group's usable hosts.
struct group_layout {
  std::vector<int> group_of;                           ///< per person: group index or -1
  std::vector<std::vector<problem_group::host>> hosts; ///< per group: hosts every member can use

  group_layout(const grouped_problem& problem, const edges_by_person& by_person) {
    group_of.assign(static_cast<std::size_t>(problem.pairs.people), -1);
    hosts.resize(problem.groups.size());
    for (std::size_t g = 0; g < problem.groups.size(); ++g) {
      const problem_group& group = problem.groups[g];
      for (int m : group.members) group_of[static_cast<std::size_t>(m)] = static_cast<int>(g);
      for (const auto& host : group.hosts) {
        bool usable = problem.pairs.capacity[static_cast<std::size_t>(host.household)] >=
                      static_cast<int>(group.members.size());
        for (int m : group.members)
          usable = usable && by_person.find(problem.pairs, m, host.household) >= 0;
        if (usable) hosts[g].push_back(host);
      }
    }
  }

  /// The bonus of group g at household h, or -1 when h is not one of its usable hosts.
  std::int64_t bonus_at(std::size_t g, int h) const {
    const auto& list = hosts[g];
    auto it = std::lower_bound(list.begin(), list.end(), h,
                               [](const problem_group::host& a, int b) { return a.household < b; });
    return it != list.end() && it->household == h ? it->bonus : -1;
  }
};

/// A plan's counts under the group rules, or `valid == false` when it breaks one.
struct grouped_value {
  bool valid = true;
  int matched = 0;
  std::int64_t total = 0;
  std::int64_t together_total = 0;
  std::vector<int> group_household;
};

/// Evaluate an assignment that uses only edges of `problem.pairs` and fits the capacities.
inline grouped_value evaluate_grouped(const grouped_problem& problem, const group_layout& layout,
                                      const edges_by_person& by_person,
                                      const std::vector<int>& household_of) {
  grouped_value out;
  for (std::size_t p = 0; p < household_of.size(); ++p) {
    const int h = household_of[p];
    if (h < 0) continue;
    const int e = by_person.find(problem.pairs, static_cast<int>(p), h);
    if (e < 0) {
      out.valid = false;
      continue;
    }
    ++out.matched;
    out.total += problem.pairs.edges[static_cast<std::size_t>(e)].weight;
  }
  out.group_household.assign(problem.groups.size(), -1);
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    const int h = household_of[static_cast<std::size_t>(group.members.front())];
    bool same = true;
    for (int m : group.members) same = same && household_of[static_cast<std::size_t>(m)] == h;
    const std::int64_t bonus = h >= 0 && same ? layout.bonus_at(g, h) : -1;
    if (bonus >= 0) {
      out.group_household[g] = h;
      out.total += bonus;
      out.together_total += bonus;
    }
    if (group.required && !(same && (h < 0 || bonus >= 0))) out.valid = false;
  }
  return out;
}

/// Union-find over people (0..people-1) and households (people..).
struct plan_parts {
  std::vector<int> parent;
  explicit plan_parts(std::size_t size) : parent(size) {
    std::iota(parent.begin(), parent.end(), 0);
  }
  int root(int x) {
    while (parent[static_cast<std::size_t>(x)] != x)
      x = parent[static_cast<std::size_t>(x)] =
          parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    return x;
  }
  void join(int a, int b) {
    a = root(a);
    b = root(b);
    if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
  }
};

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace detail

/// Check a grouped problem: the pairs pass `check_problem`; every group has two or more
/// members, each a person in range, in no other group and not repeated; hosts are ordered
/// household indices in range, each once, with bonus in [0, max_edge_weight]; and an edge's
/// weight plus its group's largest bonus fits `max_edge_weight` (the relaxation adds them).
///
/// @throws slmatch::validation_error naming the group and field, e.g.
///         "group 2, field members: person 5 is also in group 0"
inline void check_grouped_problem(const grouped_problem& problem) {
  check_problem(problem.pairs);
  std::vector<slmatch::problem> found;
  const auto str = [](auto value) { return std::to_string(value); };
  const int people = problem.pairs.people;
  const int households = static_cast<int>(problem.pairs.capacity.size());
  std::vector<int> group_of(static_cast<std::size_t>(people), -1);
  std::int64_t largest_weight = 0;
  for (const auto& e : problem.pairs.edges) largest_weight = std::max(largest_weight, e.weight);
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    const std::string record = "group " + str(g);
    if (group.members.size() < 2)
      found.push_back({record, "members",
                       "must have two or more members (has " + str(group.members.size()) + ")"});
    for (int m : group.members) {
      if (m < 0 || m >= people) {
        found.push_back(
            {record, "members", "person " + str(m) + " is not in [0, " + str(people) + ")"});
        continue;
      }
      int& in = group_of[static_cast<std::size_t>(m)];
      if (in == static_cast<int>(g))
        found.push_back({record, "members", "person " + str(m) + " is listed twice"});
      else if (in >= 0)
        found.push_back({record, "members", "person " + str(m) + " is also in group " + str(in)});
      else
        in = static_cast<int>(g);
    }
    for (std::size_t i = 0; i < group.hosts.size(); ++i) {
      const auto& host = group.hosts[i];
      const std::string field = "hosts[" + str(i) + "]";
      if (host.household < 0 || host.household >= households)
        found.push_back(
            {record, field,
             "household " + str(host.household) + " is not in [0, " + str(households) + ")"});
      else if (i > 0 && host.household <= group.hosts[i - 1].household)
        found.push_back({record, field, "hosts must be in increasing household order"});
      if (host.bonus < 0 || host.bonus > max_edge_weight - largest_weight)
        found.push_back({record, field,
                         "bonus must be in [0, " + str(max_edge_weight - largest_weight) +
                             "] (is " + str(host.bonus) + ")"});
    }
  }
  if (!found.empty()) throw validation_error(std::move(found));
}

/// Check that a plan respects every group and fits the problem, and that its counts, its
/// `group_household` and its bonus are right and its value is within its bound.
///
/// @throws slmatch::error naming the first violated condition, e.g.
///         "group 1 is split: person 4 in household 2, person 5 in household 3"
inline void verify_grouped_plan(const grouped_problem& problem, objective goal,
                                const grouped_plan& plan) {
  check_grouped_problem(problem);
  const auto fail = [](const std::string& message) { throw error(message); };
  const auto str = [](auto value) { return std::to_string(value); };
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  const auto people = static_cast<std::size_t>(problem.pairs.people);
  if (plan.household_of.size() != people)
    fail("plan has " + str(plan.household_of.size()) + " entries for " + str(people) + " people");
  std::vector<int> load(problem.pairs.capacity.size(), 0);
  for (std::size_t p = 0; p < people; ++p) {
    const int h = plan.household_of[p];
    if (h == -1) continue;
    if (h < 0 || static_cast<std::size_t>(h) >= load.size())
      fail("person " + str(p) + " assigned to household " + str(h) + " which does not exist");
    if (by_person.find(problem.pairs, static_cast<int>(p), h) < 0)
      fail("person " + str(p) + " assigned to household " + str(h) + " without an edge");
    ++load[static_cast<std::size_t>(h)];
  }
  for (std::size_t h = 0; h < load.size(); ++h)
    if (load[h] > problem.pairs.capacity[h])
      fail("household " + str(h) + " over capacity: " + str(load[h]) + " > " +
           str(problem.pairs.capacity[h]));
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    if (!group.required) continue;
    const int first = group.members.front();
    const int h = plan.household_of[static_cast<std::size_t>(first)];
    for (int m : group.members)
      if (plan.household_of[static_cast<std::size_t>(m)] != h)
        fail("group " + str(g) + " is split: person " + str(first) + " in household " + str(h) +
             ", person " + str(m) + " in household " +
             str(plan.household_of[static_cast<std::size_t>(m)]));
    if (h >= 0 && layout.bonus_at(g, h) < 0)
      fail("group " + str(g) + " is in household " + str(h) + ", which is not one of its hosts");
  }
  const detail::grouped_value value =
      detail::evaluate_grouped(problem, layout, by_person, plan.household_of);
  if (plan.matched != value.matched)
    fail("plan says " + str(plan.matched) + " matched but assigns " + str(value.matched));
  if (plan.total != value.total)
    fail("plan says total " + str(plan.total) + " but its edges and bonuses sum to " +
         str(value.total));
  if (plan.together_total != value.together_total)
    fail("plan says " + str(plan.together_total) + " earned together but it is " +
         str(value.together_total));
  if (plan.group_household != value.group_household)
    fail("plan's group households disagree with its assignment");
  if (goal == objective::max_total ? plan.bonus != 0 : plan.bonus <= 0)
    fail("plan's bonus " + str(plan.bonus) + " does not suit the objective");
  if (plan.value() > plan.bound)
    fail("plan's value " + str(plan.value()) + " is above its bound " + str(plan.bound));
  if (plan.proven_optimal != (plan.value() == plan.bound))
    fail("plan says it is " + std::string(plan.proven_optimal ? "" : "not ") +
         "proven optimal but its value is " + str(plan.value()) + " and its bound " +
         str(plan.bound));
}

/// The best plan that respects every group (see the top of this file).
///
/// @param[in] problem  pairs and groups; passes `check_grouped_problem`
/// @param[in] goal     most people matched then the largest total, or the largest total
/// @param[in] options  flow solver options and the programmes' time limit
/// @return  a plan passing `verify_grouped_plan`; `proven_optimal` unless a programme ran
///          out of time
/// @throws slmatch::validation_error when the problem is not well formed
/// \note  Deterministic for a given problem, goal and options when it finishes in time.
inline grouped_plan solve_grouped(const grouped_problem& problem,
                                  objective goal = objective::max_matched_then_total,
                                  const grouped_options& options = {}) {
  check_grouped_problem(problem);
  const capacitated_problem& pairs = problem.pairs;
  const auto people = static_cast<std::size_t>(pairs.people);
  const std::size_t households = pairs.capacity.size();
  const detail::edges_by_person by_person(pairs);
  const detail::group_layout layout(problem, by_person);
  grouped_plan out;
  auto clock = std::chrono::steady_clock::now();

  // 1. The relaxation: its edges are the usable base edges (relaxed_of maps them back).
  capacitated_problem relaxed;
  relaxed.people = pairs.people;
  relaxed.capacity = pairs.capacity;
  std::vector<std::size_t> base_of;
  relaxed.edges.reserve(pairs.edges.size());
  for (std::size_t i = 0; i < pairs.edges.size(); ++i) {
    auto e = pairs.edges[i];
    const int g = layout.group_of[static_cast<std::size_t>(e.person)];
    if (g >= 0) {
      const auto group = static_cast<std::size_t>(g);
      const std::int64_t bonus = layout.bonus_at(group, e.household);
      const problem_group& unit = problem.groups[group];
      if (unit.required && bonus < 0) continue;
      if (unit.required) {
        // Equal shares of the group's weight here, the units left over one each to the
        // first members (so no share exceeds the largest weight a member may have).
        std::int64_t whole = bonus;
        std::size_t index = 0;
        for (std::size_t m = 0; m < unit.members.size(); ++m) {
          const int member = unit.members[m];
          if (member == e.person) index = m;
          whole += pairs.edges[static_cast<std::size_t>(by_person.find(pairs, member, e.household))]
                       .weight;
        }
        const auto size = static_cast<std::int64_t>(unit.members.size());
        e.weight = whole / size + (static_cast<std::int64_t>(index) < whole % size ? 1 : 0);
      } else if (bonus > 0 && unit.members.front() == e.person) {
        e.weight += bonus;
      }
    }
    relaxed.edges.push_back(e);
    base_of.push_back(i);
  }
  const capacitated_plan relaxation = solve_capacitated(relaxed, goal, options.flow);
  out.bonus = relaxation.certificate.bonus;
  const std::int64_t upper = out.bonus * relaxation.matched + relaxation.total;
  out.bound = upper;
  out.stats.relaxation_seconds = detail::seconds_since(clock);
  clock = std::chrono::steady_clock::now();

  const auto finish = [&](std::vector<int> household_of, const detail::grouped_value& value) {
    out.household_of = std::move(household_of);
    out.matched = value.matched;
    out.total = value.total;
    out.together_total = value.together_total;
    out.group_household = value.group_household;
    out.proven_optimal = out.value() == out.bound;
    return out;
  };
  const auto value_of = [&](const detail::grouped_value& v) {
    return out.bonus * v.matched + v.total;
  };

  // 2. Does the relaxation's plan respect the groups and earn what it was credited?
  const detail::grouped_value relaxed_value =
      detail::evaluate_grouped(problem, layout, by_person, relaxation.household_of);
  std::vector<char> group_broken(problem.groups.size(), 0);
  bool all_kept = relaxed_value.valid;
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    const int first_home = relaxation.household_of[static_cast<std::size_t>(group.members.front())];
    const bool credited = first_home >= 0 && layout.bonus_at(g, first_home) > 0;
    const bool earned = relaxed_value.group_household[g] >= 0;
    bool split = false;
    if (group.required)
      for (int m : group.members)
        split = split || relaxation.household_of[static_cast<std::size_t>(m)] != first_home;
    group_broken[g] = split || (credited && !earned);
    all_kept = all_kept && !group_broken[g];
  }
  if (all_kept) return finish(relaxation.household_of, relaxed_value);

  // 3. A plan respecting the groups: required groups kept whole, split ones placed whole in
  //    their best host with room (one with places to spare first), the rest re-planned.
  std::vector<int> incumbent(people, -1);
  std::vector<int> group_load(households, 0);
  std::vector<int> relaxed_load(households, 0);
  for (std::size_t p = 0; p < people; ++p) {
    const int g = layout.group_of[p];
    const int h = relaxation.household_of[p];
    if (h >= 0 && !(g >= 0 && group_broken[static_cast<std::size_t>(g)] &&
                    problem.groups[static_cast<std::size_t>(g)].required))
      ++relaxed_load[static_cast<std::size_t>(h)];
  }
  const auto members_weight = [&](std::size_t g, int h) {
    std::int64_t sum = layout.bonus_at(g, h);
    for (int m : problem.groups[g].members)
      sum += pairs.edges[static_cast<std::size_t>(by_person.find(pairs, m, h))].weight;
    return sum;
  };
  // Groups the relaxation kept whole first, so the split ones only take the room left.
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    const int home = relaxation.household_of[static_cast<std::size_t>(group.members.front())];
    if (!group.required || group_broken[g] || home < 0) continue;
    group_load[static_cast<std::size_t>(home)] += static_cast<int>(group.members.size());
    for (int m : group.members) incumbent[static_cast<std::size_t>(m)] = home;
  }
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    if (!group.required || !group_broken[g]) continue;
    const int size = static_cast<int>(group.members.size());
    int best = -1, best_spare = -1;
    std::int64_t best_weight = -1;
    for (const auto& host : layout.hosts[g]) {
      const auto h = static_cast<std::size_t>(host.household);
      if (group_load[h] + size > pairs.capacity[h]) continue;
      const int spare = relaxed_load[h] + size <= pairs.capacity[h] ? 1 : 0;
      const std::int64_t weight = members_weight(g, host.household);
      if (spare > best_spare || (spare == best_spare && weight > best_weight)) {
        best = host.household;
        best_spare = spare;
        best_weight = weight;
      }
    }
    if (best < 0) continue;
    relaxed_load[static_cast<std::size_t>(best)] += size;
    group_load[static_cast<std::size_t>(best)] += size;
    for (int m : group.members) incumbent[static_cast<std::size_t>(m)] = best;
  }
  {
    capacitated_problem rest;
    rest.people = pairs.people;
    rest.capacity = pairs.capacity;
    for (std::size_t h = 0; h < households; ++h) rest.capacity[h] -= group_load[h];
    for (const auto& e : pairs.edges) {
      const int g = layout.group_of[static_cast<std::size_t>(e.person)];
      if (g < 0 || !problem.groups[static_cast<std::size_t>(g)].required) rest.edges.push_back(e);
    }
    const capacitated_plan rest_plan = solve_capacitated(rest, goal, options.flow);
    for (std::size_t p = 0; p < people; ++p)
      if (rest_plan.household_of[p] >= 0) incumbent[p] = rest_plan.household_of[p];
  }
  const detail::grouped_value incumbent_value =
      detail::evaluate_grouped(problem, layout, by_person, incumbent);
  if (!incumbent_value.valid) throw error("internal: the repaired plan breaks a group");
  const std::int64_t lower = value_of(incumbent_value);
  if (lower > upper) throw error("internal: a plan with groups beats its relaxation");
  out.stats.repair_seconds = detail::seconds_since(clock);
  clock = std::chrono::steady_clock::now();
  if (lower == upper) return finish(std::move(incumbent), incumbent_value);

  // 4. Reduced-cost fixing, then the parts the relaxation got wrong as programmes.
  const std::int64_t gap = upper - lower;
  const plan_certificate& prices = relaxation.certificate;
  std::vector<char> kept(relaxed.edges.size(), 0);
  detail::plan_parts parts(people + households);
  for (std::size_t i = 0; i < relaxed.edges.size(); ++i) {
    const auto& e = relaxed.edges[i];
    if (pairs.capacity[static_cast<std::size_t>(e.household)] <= 0) continue;
    const std::int64_t reduced = e.weight + out.bonus -
                                 prices.person_price[static_cast<std::size_t>(e.person)] -
                                 prices.household_price[static_cast<std::size_t>(e.household)];
    if (reduced < -gap) continue;
    kept[i] = 1;
    ++out.stats.kept_edges;
    parts.join(e.person, pairs.people + e.household);
  }
  for (const problem_group& group : problem.groups)
    for (int m : group.members) parts.join(group.members.front(), m);
  std::vector<char> part_broken(people + households, 0);
  for (std::size_t g = 0; g < problem.groups.size(); ++g)
    if (group_broken[g])
      part_broken[static_cast<std::size_t>(parts.root(problem.groups[g].members.front()))] = 1;
  const auto in_programme = [&](int person) {
    return part_broken[static_cast<std::size_t>(parts.root(person))] != 0;
  };

  mip_problem programme;
  std::vector<std::vector<double>> levels(goal == objective::max_total ? 1 : 2);
  struct column_use {
    int person; // or -1 for a group's column
    int group;  // or -1
    int household;
  };
  std::vector<column_use> uses;
  const auto add_column = [&](column_use use, double matched, double total) {
    const int c = programme.add_column(0);
    uses.push_back(use);
    if (levels.size() == 2) levels[0].push_back(matched);
    levels.back().push_back(total);
    return c;
  };
  std::vector<std::vector<mip_problem::term>> person_row(people), household_row(households);
  std::vector<std::vector<int>> person_columns(people);
  for (std::size_t i = 0; i < relaxed.edges.size(); ++i) {
    if (!kept[i]) continue;
    const auto& e = relaxed.edges[i];
    const int g = layout.group_of[static_cast<std::size_t>(e.person)];
    if (!in_programme(e.person) || (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required))
      continue;
    const int c = add_column({e.person, -1, e.household}, 1,
                             static_cast<double>(pairs.edges[base_of[i]].weight));
    person_row[static_cast<std::size_t>(e.person)].push_back({c, 1.0});
    household_row[static_cast<std::size_t>(e.household)].push_back({c, 1.0});
  }
  // The kept edge of person p at household h, as its programme column, or -1.
  std::vector<std::vector<std::pair<int, int>>> column_at(people);
  for (std::size_t c = 0; c < uses.size(); ++c)
    column_at[static_cast<std::size_t>(uses[c].person)].push_back(
        {uses[c].household, static_cast<int>(c)});
  const auto kept_at = [&](int person, int h) -> bool {
    const int e = by_person.find(pairs, person, h);
    if (e < 0) return false;
    const auto& relaxed_ids = base_of; // relaxed edge i keeps base edge base_of[i]
    auto it = std::lower_bound(relaxed_ids.begin(), relaxed_ids.end(), static_cast<std::size_t>(e));
    return it != relaxed_ids.end() && *it == static_cast<std::size_t>(e) &&
           kept[static_cast<std::size_t>(it - relaxed_ids.begin())];
  };
  const auto column_of = [&](int person, int h) {
    for (const auto& [household, c] : column_at[static_cast<std::size_t>(person)])
      if (household == h) return c;
    return -1;
  };
  for (std::size_t g = 0; g < problem.groups.size(); ++g) {
    const problem_group& group = problem.groups[g];
    if (!in_programme(group.members.front())) continue;
    std::vector<mip_problem::term> choose;
    for (const auto& host : layout.hosts[g]) {
      bool all = true;
      for (int m : group.members) all = all && kept_at(m, host.household);
      if (!all) continue;
      const auto h = static_cast<std::size_t>(host.household);
      if (group.required) {
        std::int64_t members = 0;
        for (int m : group.members)
          members += pairs.edges[static_cast<std::size_t>(by_person.find(pairs, m, host.household))]
                         .weight;
        const int c = add_column({-1, static_cast<int>(g), host.household},
                                 static_cast<double>(group.members.size()),
                                 static_cast<double>(members + host.bonus));
        choose.push_back({c, 1.0});
        household_row[h].push_back({c, static_cast<double>(group.members.size())});
      } else if (host.bonus > 0) {
        const int c = add_column({-1, static_cast<int>(g), host.household}, 0,
                                 static_cast<double>(host.bonus));
        for (int m : group.members) {
          const int x = column_of(m, host.household);
          programme.add_row({{c, 1.0}, {x, -1.0}}, -mip_infinity(), 0);
        }
      }
    }
    if (group.required && !choose.empty()) programme.add_row(std::move(choose), -mip_infinity(), 1);
  }
  for (std::size_t p = 0; p < people; ++p)
    if (person_row[p].size() > 1) programme.add_row(std::move(person_row[p]), -mip_infinity(), 1);
  for (std::size_t h = 0; h < households; ++h)
    if (!household_row[h].empty())
      programme.add_row(std::move(household_row[h]), -mip_infinity(), pairs.capacity[h]);
  for (std::size_t p = 0; p < people; ++p)
    out.stats.mip_people += in_programme(static_cast<int>(p));
  out.stats.mip_columns = programme.columns.size();

  std::vector<int> household_of = relaxation.household_of;
  for (std::size_t p = 0; p < people; ++p)
    if (in_programme(static_cast<int>(p))) household_of[p] = -1;
  bool proven = true;
  if (!programme.columns.empty()) {
    const lexicographic_result solved =
        solve_lexicographic(programme, levels, std::max(1.0, options.mip_seconds),
                            /* plain_search: an assignment with a few rows */ true);
    out.stats.mip_blocks = solved.blocks;
    proven = solved.proven_optimal;
    for (std::size_t c = 0; c < uses.size(); ++c) {
      if (solved.values[c] < 0.5) continue;
      const column_use& use = uses[c];
      if (use.person >= 0)
        household_of[static_cast<std::size_t>(use.person)] = use.household;
      else if (problem.groups[static_cast<std::size_t>(use.group)].required)
        for (int m : problem.groups[static_cast<std::size_t>(use.group)].members)
          household_of[static_cast<std::size_t>(m)] = use.household;
    }
  }
  out.stats.mip_seconds = detail::seconds_since(clock);
  const detail::grouped_value found =
      detail::evaluate_grouped(problem, layout, by_person, household_of);
  if (!found.valid || value_of(found) < lower) {
    // A programme reported as solved should never do worse than the repaired plan; if the
    // solver's word was wrong, the repaired plan stands, not proven optimal.
    if (proven) logger().warn("groups: a programme's plan is worse than the repaired plan");
    return finish(std::move(incumbent), incumbent_value);
  }
  if (proven) out.bound = value_of(found);
  return finish(std::move(household_of), found);
}

} // namespace slmatch
