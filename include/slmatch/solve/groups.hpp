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
/// 4. Unless L meets U, the exact programme is solved by branch and price (branch_and_price.hpp,
///    CLP's simplex): a column per allowed pair of a person in no required group, and one
///    per group and host placing every member there with the group's bonus; a row per
///    person and per household. It starts from both plans above and the columns the
///    relaxation's prices rank best, prices in the rest from all pairs, and cuts off the
///    relaxation's typical fraction (a group half in each of two hosts, with individuals
///    filling the other halves) with cover cuts. Its relaxation bounds every plan, so the
///    plan is proven optimal when the search ends within the time limit; otherwise it is
///    the best found, never worse than L, with the search's bound. The simplex tells
///    plans one weight unit apart only while every column is worth at most 10^12 units
///    (a national scheme's are about 10^10); beyond that the programme is not solved and
///    the repaired plan stands, with the relaxation's bound U and no claim of optimality.

#include "slmatch/error.hpp"
#include "slmatch/log.hpp"
#include "slmatch/solve/branch_and_price.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
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
  double mip_seconds = 60;  ///< time limit for the exact programme's search
};

/// What solving took, for benchmarks.
struct grouped_stats {
  int nodes = 0;                     ///< relaxations the branch and price solved (0 if not needed)
  std::size_t programme_columns = 0; ///< columns it priced in
  double relaxation_seconds = 0;     ///< the flow relaxation
  double repair_seconds = 0;         ///< the plan respecting groups built from it
  double programme_seconds = 0;      ///< the branch and price
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

/// The exact programme with groups, for `branch_and_price`: a column per allowed pair of a
/// person in no required group, worth the edge's weight plus the bonus for a match; a
/// column per group and host, placing every member there and worth their weights, their
/// bonuses and the group's living-together bonus (a preferred group's members also keep
/// their own columns, so the group column is how its bonus is earned); a row per person
/// (at most one column) and per household (its places). Objectives are scaled so the
/// largest is about a million, which keeps the simplex's arithmetic exact enough to tell
/// plans one weight unit apart.
class group_programme final : public column_source {
public:
  const grouped_problem& problem;
  const group_layout& layout;
  std::int64_t bonus;                       ///< per person matched
  std::vector<char> in_required;            ///< per person
  std::vector<std::size_t> group_first;     ///< per group: its first host column's offset
  std::vector<std::int64_t> group_value;    ///< per host column: its value in weight units
  std::int64_t edge_keys;                   ///< group columns' keys start here
  double scale = 1;                         ///< programme objective per weight unit
  std::vector<int> live_edges;              ///< usable pair columns not dropped
  std::vector<std::vector<int>> live_hosts; ///< per group: usable host columns not dropped
  /// Every column's value is at most `most_precise`, so the simplex tells plans one unit
  /// apart (tested up to about 10^13); beyond it the programme is not solved.
  bool precise = true;
  static constexpr double most_precise = 1e12;

  group_programme(const grouped_problem& grouped, const group_layout& groups,
                  const edges_by_person& by_person, std::int64_t per_match)
      : problem(grouped), layout(groups), bonus(per_match),
        in_required(static_cast<std::size_t>(grouped.pairs.people), 0),
        edge_keys(static_cast<std::int64_t>(grouped.pairs.edges.size())) {
    const capacitated_problem& pairs = problem.pairs;
    // The largest column's value, estimated first in floating point so that an exact sum
    // is only formed when it fits.
    double estimate = 0;
    std::int64_t largest_weight = 0;
    for (const auto& e : pairs.edges) largest_weight = std::max(largest_weight, e.weight);
    for (const auto& group : problem.groups) {
      std::int64_t largest_bonus = 0;
      for (const auto& host : group.hosts) largest_bonus = std::max(largest_bonus, host.bonus);
      estimate = std::max(
          estimate, static_cast<double>(group.members.size()) *
                            (static_cast<double>(bonus) + static_cast<double>(largest_weight)) +
                        static_cast<double>(largest_bonus));
    }
    estimate = std::max(estimate, static_cast<double>(bonus) + static_cast<double>(largest_weight));
    precise = estimate <= most_precise;
    if (!precise) return;
    std::int64_t largest = 1;
    for (const auto& e : pairs.edges) largest = std::max(largest, e.weight + bonus);
    for (std::size_t g = 0; g < problem.groups.size(); ++g) {
      const problem_group& group = problem.groups[g];
      if (group.required)
        for (int m : group.members) in_required[static_cast<std::size_t>(m)] = 1;
      group_first.push_back(group_value.size());
      for (const auto& host : layout.hosts[g]) {
        std::int64_t value = host.bonus;
        for (int m : group.members)
          value += bonus +
                   pairs.edges[static_cast<std::size_t>(by_person.find(pairs, m, host.household))]
                       .weight;
        group_value.push_back(value);
        largest = std::max(largest, value);
      }
    }
    group_first.push_back(group_value.size());
    scale = std::min(1.0, 1e6 / static_cast<double>(largest));
    for (std::size_t i = 0; i < pairs.edges.size(); ++i)
      if (usable_edge(i)) live_edges.push_back(static_cast<int>(i));
    live_hosts.resize(problem.groups.size());
    for (std::size_t g = 0; g < problem.groups.size(); ++g)
      for (std::size_t k = 0; k < layout.hosts[g].size(); ++k)
        if (usable_host(g, k)) live_hosts[g].push_back(static_cast<int>(k));
  }

  double edge_reduced(const capacitated_problem::edge& e, const std::vector<double>& price) const {
    return static_cast<double>(e.weight + bonus) * scale -
           price[static_cast<std::size_t>(e.person)] -
           price[static_cast<std::size_t>(people() + e.household)];
  }
  double host_reduced(std::size_t g, std::size_t k, const std::vector<double>& price) const {
    double reduced = static_cast<double>(group_value[group_first[g] + k]) * scale;
    for (int m : problem.groups[g].members) reduced -= price[static_cast<std::size_t>(m)];
    return reduced - static_cast<double>(problem.groups[g].members.size()) *
                         price[static_cast<std::size_t>(people() + layout.hosts[g][k].household)];
  }

  int people() const { return problem.pairs.people; }
  bool usable_edge(std::size_t i) const {
    const auto& e = problem.pairs.edges[i];
    return !in_required[static_cast<std::size_t>(e.person)] &&
           problem.pairs.capacity[static_cast<std::size_t>(e.household)] > 0;
  }
  /// A group column is offered when it places a required group or earns a bonus.
  bool usable_host(std::size_t g, std::size_t k) const {
    return problem.groups[g].required || layout.hosts[g][k].bonus > 0;
  }

  packing_column edge_column(std::size_t i) const {
    const auto& e = problem.pairs.edges[i];
    packing_column c;
    c.key = static_cast<std::int64_t>(i);
    c.objective = static_cast<double>(e.weight + bonus) * scale;
    c.terms = {{e.person, 1.0}, {people() + e.household, 1.0}};
    return c;
  }
  packing_column group_column(std::size_t g, std::size_t k) const {
    const std::size_t at = group_first[g] + k;
    packing_column c;
    c.key = edge_keys + static_cast<std::int64_t>(at);
    c.objective = static_cast<double>(group_value[at]) * scale;
    for (int m : problem.groups[g].members) c.terms.push_back({m, 1.0});
    c.terms.push_back({people() + layout.hosts[g][k].household,
                       static_cast<double>(problem.groups[g].members.size())});
    return c;
  }

  /// The host column of group g at household h, or -1.
  int host_index(std::size_t g, int h) const {
    const auto& list = layout.hosts[g];
    auto it = std::lower_bound(list.begin(), list.end(), h,
                               [](const problem_group::host& a, int b) { return a.household < b; });
    return it != list.end() && it->household == h ? static_cast<int>(it - list.begin()) : -1;
  }

  /// The columns to start from: both plans found so far, and for each person and group the
  /// few columns the relaxation's prices rank best.
  packing_programme core(const capacitated_plan& relaxation, const std::vector<int>& repaired,
                         const edges_by_person& by_person) const {
    const capacitated_problem& pairs = problem.pairs;
    constexpr std::size_t per_person = 3;
    packing_programme out;
    for (int p = 0; p < people(); ++p) out.row_upper.push_back(1);
    for (int cap : pairs.capacity) out.row_upper.push_back(cap);
    std::vector<char> taken(pairs.edges.size() + group_value.size(), 0);
    const auto take_edge = [&](int i) {
      if (i < 0 || taken[static_cast<std::size_t>(i)] || !usable_edge(static_cast<std::size_t>(i)))
        return;
      taken[static_cast<std::size_t>(i)] = 1;
      out.columns.push_back(edge_column(static_cast<std::size_t>(i)));
    };
    const auto take_host = [&](std::size_t g, int k) {
      if (k < 0 || !usable_host(g, static_cast<std::size_t>(k))) return;
      const std::size_t at = pairs.edges.size() + group_first[g] + static_cast<std::size_t>(k);
      if (taken[at]) return;
      taken[at] = 1;
      out.columns.push_back(group_column(g, static_cast<std::size_t>(k)));
    };
    const auto& prices = relaxation.certificate;
    std::vector<std::pair<std::int64_t, int>> ranked;
    for (int p = 0; p < people(); ++p) {
      for (const std::vector<int>* plan : {&relaxation.household_of, &repaired}) {
        const int h = (*plan)[static_cast<std::size_t>(p)];
        if (h >= 0) take_edge(by_person.find(pairs, p, h));
      }
      ranked.clear();
      for (std::size_t k = by_person.first[static_cast<std::size_t>(p)];
           k < by_person.first[static_cast<std::size_t>(p) + 1]; ++k) {
        const int i = by_person.edge_ids[k];
        const auto& e = pairs.edges[static_cast<std::size_t>(i)];
        ranked.push_back({e.weight + bonus - prices.person_price[static_cast<std::size_t>(p)] -
                              prices.household_price[static_cast<std::size_t>(e.household)],
                          i});
      }
      const std::size_t keep = std::min(per_person, ranked.size());
      std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                        ranked.end(), [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                        });
      for (std::size_t r = 0; r < keep; ++r) take_edge(ranked[r].second);
    }
    for (std::size_t g = 0; g < problem.groups.size(); ++g) {
      const int first = problem.groups[g].members.front();
      for (const std::vector<int>* plan : {&relaxation.household_of, &repaired}) {
        const int h = (*plan)[static_cast<std::size_t>(first)];
        if (h >= 0) take_host(g, host_index(g, h));
      }
      ranked.clear();
      for (std::size_t k = 0; k < layout.hosts[g].size(); ++k) {
        std::int64_t reduced = group_value[group_first[g] + k];
        for (int m : problem.groups[g].members)
          reduced -= prices.person_price[static_cast<std::size_t>(m)];
        reduced -= static_cast<std::int64_t>(problem.groups[g].members.size()) *
                   prices.household_price[static_cast<std::size_t>(layout.hosts[g][k].household)];
        ranked.push_back({reduced, static_cast<int>(k)});
      }
      const std::size_t keep = std::min(per_person, ranked.size());
      std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                        ranked.end(), [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                        });
      for (std::size_t r = 0; r < keep; ++r) take_host(g, ranked[r].second);
    }
    return out;
  }

  /// Offers each person's and each group's best improving column not yet present. A person
  /// (or group) takes at most one of their columns, so below the tolerance the most the
  /// columns left out could add is, per person and per group, their largest reduced cost.
  double offer(const std::vector<double>& price, const std::function<bool(std::int64_t)>& present,
               double tolerance, std::vector<packing_column>& offered) override {
    const capacitated_problem& pairs = problem.pairs;
    std::vector<double> best(static_cast<std::size_t>(people()), 0.0);
    std::vector<int> best_edge(static_cast<std::size_t>(people()), -1);
    for (int i : live_edges) {
      const auto& e = pairs.edges[static_cast<std::size_t>(i)];
      const auto p = static_cast<std::size_t>(e.person);
      const double reduced = edge_reduced(e, price);
      if (reduced > best[p] && !present(i)) {
        best[p] = reduced;
        best_edge[p] = i;
      }
    }
    double unpriced = 0;
    for (std::size_t p = 0; p < best.size(); ++p) {
      if (best[p] > tolerance)
        offered.push_back(edge_column(static_cast<std::size_t>(best_edge[p])));
      else
        unpriced += best[p];
    }
    for (std::size_t g = 0; g < problem.groups.size(); ++g) {
      double most = 0;
      int chosen = -1;
      for (int k : live_hosts[g]) {
        const double reduced = host_reduced(g, static_cast<std::size_t>(k), price);
        if (reduced > most && !present(edge_keys + static_cast<std::int64_t>(group_first[g]) + k)) {
          most = reduced;
          chosen = k;
        }
      }
      if (most > tolerance)
        offered.push_back(group_column(g, static_cast<std::size_t>(chosen)));
      else
        unpriced += most;
    }
    return unpriced;
  }

  void drop(const std::vector<double>& price, double gap) override {
    const capacitated_problem& pairs = problem.pairs;
    live_edges.erase(std::remove_if(live_edges.begin(), live_edges.end(),
                                    [&](int i) {
                                      return edge_reduced(pairs.edges[static_cast<std::size_t>(i)],
                                                          price) < -gap;
                                    }),
                     live_edges.end());
    for (std::size_t g = 0; g < problem.groups.size(); ++g)
      live_hosts[g].erase(std::remove_if(live_hosts[g].begin(), live_hosts[g].end(),
                                         [&](int k) {
                                           return host_reduced(g, static_cast<std::size_t>(k),
                                                               price) < -gap;
                                         }),
                          live_hosts[g].end());
  }

  /// The plan of a solution given by its columns' keys.
  std::vector<int> plan_of(const std::vector<std::int64_t>& keys) const {
    std::vector<int> household_of(static_cast<std::size_t>(people()), -1);
    for (std::int64_t key : keys) {
      if (key < edge_keys) {
        const auto& e = problem.pairs.edges[static_cast<std::size_t>(key)];
        household_of[static_cast<std::size_t>(e.person)] = e.household;
        continue;
      }
      const auto at = static_cast<std::size_t>(key - edge_keys);
      const auto g = static_cast<std::size_t>(
          std::upper_bound(group_first.begin(), group_first.end(), at) - group_first.begin() - 1);
      for (int m : problem.groups[g].members)
        household_of[static_cast<std::size_t>(m)] = layout.hosts[g][at - group_first[g]].household;
    }
    return household_of;
  }

  /// A programme bound in weight units, rounded up.
  std::int64_t units(double bound) const {
    const double value = std::ceil(bound / scale);
    return std::isfinite(value) && value < 9e18 ? static_cast<std::int64_t>(value)
                                                : std::numeric_limits<std::int64_t>::max();
  }
};

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

  // 1. The relaxation: the usable base edges, a required group's members sharing its weight.
  capacitated_problem relaxed;
  relaxed.people = pairs.people;
  relaxed.capacity = pairs.capacity;
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

  // 4. Branch and price over the exact programme (see the top of this file).
  detail::group_programme exact(problem, layout, by_person, out.bonus);
  if (!exact.precise) return finish(std::move(incumbent), incumbent_value);
  branch_price_options search;
  search.seconds = std::max(1.0, options.mip_seconds);
  search.known = static_cast<double>(lower) * exact.scale;
  search.step = exact.scale;
  const branch_price_result solved =
      branch_and_price(exact.core(relaxation, incumbent, by_person), exact, search);
  out.stats.nodes = solved.nodes;
  out.stats.programme_columns = solved.columns;
  out.stats.programme_seconds = detail::seconds_since(clock);
  if (solved.improved) {
    std::vector<int> household_of = exact.plan_of(solved.keys);
    const detail::grouped_value found =
        detail::evaluate_grouped(problem, layout, by_person, household_of);
    if (found.valid && value_of(found) > lower) {
      out.bound = std::max(value_of(found), solved.proven_optimal
                                                ? value_of(found)
                                                : std::min(upper, exact.units(solved.bound)));
      return finish(std::move(household_of), found);
    }
    // The relaxation's word was wrong (a whole solution outside the rows' limits, within
    // the simplex's tolerance): the repaired plan stands, not proven optimal.
    logger().warn("groups: the programme's plan is no better than the repaired plan");
    return finish(std::move(incumbent), incumbent_value);
  }
  out.bound =
      solved.proven_optimal ? lower : std::max(lower, std::min(upper, exact.units(solved.bound)));
  return finish(std::move(incumbent), incumbent_value);
}

} // namespace slmatch
