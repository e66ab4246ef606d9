#pragma once
/// The fairness objectives of objectives.hpp for problems with groups: egalitarian, leximin
/// and waiting priority over the plans that respect the groups.
///
/// In: a `grouped_problem` (solve/groups.hpp), an `objective`, optionally each person's
/// waiting days, and `grouped_options`. Out: a `grouped_fair_plan`: the plan, its counts in
/// the problem's own weights and bonuses, the price of fairness against `solve_grouped`'s
/// plain optimum of the same objective, the thresholds used, and whether it is proven.
///
/// Definitions: objectives.hpp's, word for word, with "plan" meaning a plan that respects
/// the groups (a required group whole in one of its hosts or not placed). A "match" is a
/// chosen (person, household) pair and its "weight" the pair's weight; a group's bonus for
/// living together is *not* a match and has no weight of its own: it never counts as a
/// match, never lowers or raises a lowest weight or a leximin vector, and only adds to the
/// total, wherever the total is compared.
///
/// - **Egalitarian** (`solve_grouped_egalitarian`): the floor t* is the highest lowest
///   weight among plans matching the most people M* (0 when M* = 0); the plan is the best
///   plan for the objective (matched then total, or total, bonuses included) among plans
///   with no match below t*.
/// - **Leximin** (`solve_grouped_leximin`): with `max_matched_then_total`, the most people
///   matched, then the ascending vector of match weights as large as possible
///   lexicographically; with `max_total`, that vector has one entry per person, 0 when
///   unmatched. Equivalently (and so it is solved): for each distinct match weight t in
///   ascending order, the most matches weighing at least t (t = 0 first for
///   `max_matched_then_total`: the people matched). The vector no longer fixes the total,
///   since bonuses are not in it: among leximin-optimal plans, the largest total.
/// - **Waiting priority** (`solve_grouped_waiting_priority`): lexicographic, (with
///   `max_matched_then_total`) the most people matched, then the largest sum of the matched
///   people's waiting days, then the largest total, bonuses included.
///
/// How they are made exact. Egalitarian: the most people matchable with only edges of
/// weight >= t falls as t grows, so a binary search over the distinct weights with
/// `solve_grouped` as the oracle (matched count only) finds t*, then `solve_grouped` on the
/// edges >= t* for the objective; a required group can then use only the hosts where every
/// member keeps an edge. Leximin and waiting priority are lexicographic:
///
/// 1. The flow relaxation of groups.hpp (a required group's members only at its usable
///    hosts, each host's bonus credited to the group's first member's edge there) holds
///    every plan, with the same matches and a total at least as large. Its lexicographic
///    optimum is found by objectives.hpp's stages (each stage keeps the optimal face of the
///    one before, from the LP prices), the last stage maximising the total with the
///    credited bonuses. When that plan keeps every group whole and earns every bonus it was
///    credited, no plan is better, and it is the answer.
/// 2. Otherwise (or when the stage weights would be too large for the flow solver) the
///    problem is solved as a mixed-integer programme by CBC
///    (`solve_lexicographic`): a column per edge of a person outside required groups, per
///    usable host of a required group (taking all its members), and per usable host of a
///    preferred group with a bonus (earned only with every member's edge there). Leximin
///    levels are merged where exact: counts c_1..c_k of consecutive thresholds, each at most
///    n (the people who can be matched), become one level sum_j c_j (n+1)^(k-j) while
///    (n+1)^k <= 2^20.
///
/// Cost. Egalitarian: 2 + ceil(log2(distinct weights)) `solve_grouped` calls (one more for
/// `max_total`). Waiting priority: three flow solves, or a programme of three levels.
/// Leximin: one flow stage per distinct weight; when the groups need the programme, one
/// CBC level per merged group of thresholds, so its cost grows with the number of distinct
/// weights (about one level per distinct weight on large problems): round the weights
/// first for large problems with groups.
///
/// Example:
///
///     const grouped_fair_plan plan =
///         solve_grouped_waiting_priority(problem, objective::max_matched_then_total, days);

#include "slmatch/error.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/groups.hpp"
#include "slmatch/solve/mip.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace slmatch {

/// A plan respecting the groups, optimal for a fairness objective, with what it costs.
struct grouped_fair_plan {
  std::vector<int> household_of;    ///< per person: household or -1
  std::vector<int> group_household; ///< per group: the household all members share, or -1
  int matched = 0;                  ///< people with a household
  std::int64_t total = 0;           ///< the chosen edges' weights plus the bonuses earned
  std::int64_t together_total = 0;  ///< the bonuses earned, part of `total`
  std::int64_t lowest = -1;         ///< the lowest match weight, -1 when nobody is matched
  price_of_fairness cost;           ///< against `solve_grouped`'s plain optimum
  /// Egalitarian: {t*}. Leximin: the thresholds whose counts were maximised, ascending (0
  /// first for `max_matched_then_total`). Waiting priority: empty.
  std::vector<std::int64_t> thresholds;
  /// The plan is proven optimal for the objective: every solve it rests on was (only a
  /// programme that ran out of `options.mip_seconds` leaves it false).
  bool proven_optimal = false;
  /// Columns of the mixed-integer programme solved (leximin and waiting priority), 0 when
  /// the flow relaxation's plan kept the groups.
  std::size_t programme_columns = 0;
};

namespace detail {

/// The flow relaxation of a grouped problem (groups.hpp, step 1): the usable edges, a
/// required group's members only at the group's usable hosts, with the bonus of each host
/// credited to the group's first member's edge there.
struct grouped_relaxation {
  capacitated_problem problem;        ///< the edges with their own weights
  std::vector<std::int64_t> credited; ///< per edge: the bonus credited to it (usually 0)
};

inline grouped_relaxation relax_groups(const grouped_problem& problem, const group_layout& layout) {
  grouped_relaxation relaxed;
  relaxed.problem.people = problem.pairs.people;
  relaxed.problem.capacity = problem.pairs.capacity;
  for (const auto& e : problem.pairs.edges) {
    if (problem.pairs.capacity[static_cast<std::size_t>(e.household)] <= 0) continue;
    const int g = layout.group_of[static_cast<std::size_t>(e.person)];
    std::int64_t credit = 0;
    if (g >= 0) {
      const auto group = static_cast<std::size_t>(g);
      const std::int64_t bonus = layout.bonus_at(group, e.household);
      if (problem.groups[group].required && bonus < 0) continue;
      if (bonus > 0 && problem.groups[group].members.front() == e.person) credit = bonus;
    }
    relaxed.problem.edges.push_back(e);
    relaxed.credited.push_back(credit);
  }
  return relaxed;
}

/// A plan's counts under the group rules when it keeps every group whole and earns every
/// bonus the relaxation credited to it; `valid == false` otherwise.
inline grouped_value kept_groups(const grouped_problem& problem, const group_layout& layout,
                                 const edges_by_person& by_person,
                                 const std::vector<int>& household_of) {
  grouped_value value = evaluate_grouped(problem, layout, by_person, household_of);
  for (std::size_t g = 0; g < problem.groups.size() && value.valid; ++g) {
    const int h = household_of[static_cast<std::size_t>(problem.groups[g].members.front())];
    if (h >= 0 && layout.bonus_at(g, h) > 0 && value.group_household[g] != h) value.valid = false;
  }
  return value;
}

/// Every plan of a grouped problem as the solutions of a programme (see the top of this
/// file), each column with what it contributes to the levels.
struct grouped_programme {
  mip_problem programme;
  struct column {
    int household = 0;
    std::vector<int> people;           ///< the people it places (none for a bonus column)
    std::vector<std::int64_t> weights; ///< their match weights
    std::int64_t bonus = 0;            ///< the bonus it earns
  };
  std::vector<column> columns;

  grouped_programme(const grouped_problem& problem, const group_layout& layout,
                    const edges_by_person& by_person) {
    const capacitated_problem& pairs = problem.pairs;
    const auto people = static_cast<std::size_t>(pairs.people);
    std::vector<std::vector<mip_problem::term>> person_row(people),
        household_row(pairs.capacity.size());
    std::vector<int> edge_column(pairs.edges.size(), -1);
    const auto add = [&](column c) {
      programme.add_column(0);
      columns.push_back(std::move(c));
      return static_cast<int>(columns.size()) - 1;
    };
    for (std::size_t i = 0; i < pairs.edges.size(); ++i) {
      const auto& e = pairs.edges[i];
      const int g = layout.group_of[static_cast<std::size_t>(e.person)];
      if (pairs.capacity[static_cast<std::size_t>(e.household)] <= 0 ||
          (g >= 0 && problem.groups[static_cast<std::size_t>(g)].required))
        continue;
      const int c = add({e.household, {e.person}, {e.weight}, 0});
      edge_column[i] = c;
      person_row[static_cast<std::size_t>(e.person)].push_back({c, 1.0});
      household_row[static_cast<std::size_t>(e.household)].push_back({c, 1.0});
    }
    for (std::size_t g = 0; g < problem.groups.size(); ++g) {
      const problem_group& group = problem.groups[g];
      std::vector<mip_problem::term> choose;
      for (const auto& host : layout.hosts[g]) {
        if (group.required) {
          column placed{host.household, group.members, {}, host.bonus};
          for (int m : group.members)
            placed.weights.push_back(
                pairs.edges[static_cast<std::size_t>(by_person.find(pairs, m, host.household))]
                    .weight);
          const int c = add(std::move(placed));
          choose.push_back({c, 1.0});
          household_row[static_cast<std::size_t>(host.household)].push_back(
              {c, static_cast<double>(group.members.size())});
        } else if (host.bonus > 0) {
          const int c = add({host.household, {}, {}, host.bonus});
          for (int m : group.members)
            programme.add_row(
                {{c, 1.0},
                 {edge_column[static_cast<std::size_t>(by_person.find(pairs, m, host.household))],
                  -1.0}},
                -mip_infinity(), 0);
        }
      }
      if (choose.size() > 1) programme.add_row(std::move(choose), -mip_infinity(), 1);
    }
    for (auto& row : person_row)
      if (row.size() > 1) programme.add_row(std::move(row), -mip_infinity(), 1);
    for (std::size_t h = 0; h < household_row.size(); ++h)
      if (!household_row[h].empty())
        programme.add_row(std::move(household_row[h]), -mip_infinity(), pairs.capacity[h]);
  }

  /// One level: `value(column)` per column.
  template <class Value> std::vector<double> level(Value value) const {
    std::vector<double> out;
    out.reserve(columns.size());
    for (const column& c : columns) out.push_back(static_cast<double>(value(c)));
    return out;
  }

  /// The assignment of a solution.
  std::vector<int> household_of(int people, const std::vector<double>& values) const {
    std::vector<int> out(static_cast<std::size_t>(people), -1);
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (values[c] > 0.5)
        for (int p : columns[c].people) out[static_cast<std::size_t>(p)] = columns[c].household;
    return out;
  }
};

/// The total of a column: its match weights and its bonus.
inline std::int64_t column_total(const grouped_programme::column& c) {
  std::int64_t sum = c.bonus;
  for (std::int64_t w : c.weights) sum += w;
  return sum;
}

/// Fill a fair plan from an assignment that respects the groups.
inline void adopt_grouped(const grouped_problem& problem, const grouped_value& value,
                          std::vector<int> household_of, grouped_fair_plan& out) {
  out.household_of = std::move(household_of);
  out.group_household = value.group_household;
  out.matched = value.matched;
  out.total = value.total;
  out.together_total = value.together_total;
  out.lowest = -1;
  for (const auto& e : problem.pairs.edges)
    if (out.household_of[static_cast<std::size_t>(e.person)] == e.household)
      out.lowest = out.lowest < 0 ? e.weight : std::min(out.lowest, e.weight);
}

inline void set_grouped_cost(const grouped_plan& plain, grouped_fair_plan& out) {
  out.cost.plain_matched = plain.matched;
  out.cost.plain_total = plain.total;
  out.cost.matched_lost = plain.matched - out.matched;
  out.cost.total_lost = plain.total - out.total;
}

/// The flow solver as objectives.hpp's stages call it.
struct flow_stage_solver {
  capacitated_options options;
  capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    return solve_capacitated(problem, goal, options);
  }
};

/// Solve a lexicographic objective: the relaxation's plan when it keeps the groups (step 1
/// at the top of this file), else the programme's (step 2). `relaxed_plan(relaxation)`
/// returns the relaxation's lexicographic optimum; `levels(programme)` the programme's
/// levels.
template <class RelaxedPlan, class Levels>
void solve_lexicographic_grouped(const grouped_problem& problem, const grouped_options& options,
                                 RelaxedPlan relaxed_plan, Levels levels, grouped_fair_plan& out) {
  const edges_by_person by_person(problem.pairs);
  const group_layout layout(problem, by_person);
  const grouped_relaxation relaxed = relax_groups(problem, layout);
  std::vector<int> household_of;
  grouped_value value;
  try {
    household_of = relaxed_plan(relaxed);
    value = kept_groups(problem, layout, by_person, household_of);
  } catch (const error&) {
    value.valid = false; // stage weights too large for the flow solver: the programme decides
  }
  out.proven_optimal = true;
  if (!value.valid) {
    const grouped_programme programme(problem, layout, by_person);
    const lexicographic_result solved = solve_lexicographic(programme.programme, levels(programme),
                                                            std::max(1.0, options.mip_seconds));
    out.proven_optimal = solved.proven_optimal;
    out.programme_columns = programme.columns.size();
    household_of = programme.household_of(problem.pairs.people, solved.values);
    value = evaluate_grouped(problem, layout, by_person, household_of);
    if (!value.valid) throw error("internal: the programme's plan breaks a group");
  }
  adopt_grouped(problem, value, std::move(household_of), out);
}

/// The relaxation's edges as a derived problem (objectives.hpp) with their own weights.
inline derived_problem relaxation_whole(const grouped_relaxation& relaxed) {
  return derive(
      relaxed.problem, [](std::size_t) { return true; },
      [&](std::size_t i) { return relaxed.problem.edges[i].weight; });
}

/// The last stage: among the optimal plans of `current`, the largest total with the
/// credited bonuses.
inline capacitated_plan total_stage(const grouped_relaxation& relaxed,
                                    const derived_problem& current, const optimal_face& face,
                                    const flow_stage_solver& solver) {
  std::vector<std::int64_t> total(current.problem.edges.size());
  for (std::size_t i = 0; i < total.size(); ++i) {
    const auto r = static_cast<std::size_t>(current.original_edge[i]);
    total[i] = relaxed.problem.edges[r].weight + relaxed.credited[r];
  }
  return next_stage(current, face, total, solver).second;
}

} // namespace detail

/// The egalitarian plan with groups: the highest floor t* on the match weights that still
/// lets the most people be matched, then the best plan for `goal` above it (definition at
/// the top of this file).
///
/// @param[in] problem  pairs and groups; passes `check_grouped_problem`
/// @param[in] goal     `max_matched_then_total`: among plans matching the most people, the
///                     largest lowest weight, then the largest total; `max_total`: the
///                     largest total among plans with no match below t*
/// @param[in] options  as for `solve_grouped`, for every solve
/// @return  the plan; thresholds = {t*}
/// @throws slmatch::validation_error when the problem is not well formed
/// \note  Deterministic when every solve finishes in time.
inline grouped_fair_plan
solve_grouped_egalitarian(const grouped_problem& problem,
                          objective goal = objective::max_matched_then_total,
                          const grouped_options& options = {}) {
  check_grouped_problem(problem);
  const grouped_plan plain = solve_grouped(problem, goal, options);
  grouped_fair_plan out;
  bool proven = true;
  int most = plain.matched;
  if (goal != objective::max_matched_then_total) {
    const grouped_plan counted = solve_grouped(problem, objective::max_matched_then_total, options);
    most = counted.matched;
    proven = counted.proven_optimal;
  } else {
    proven = plain.proven_optimal;
  }
  const capacitated_problem& pairs = problem.pairs;
  // The problem with only the edges of weight >= t, its groups unchanged.
  const auto above = [&](std::int64_t t) {
    grouped_problem kept{{pairs.people, pairs.capacity, {}}, problem.groups};
    for (const auto& e : pairs.edges)
      if (e.weight >= t) kept.pairs.edges.push_back(e);
    return kept;
  };
  std::int64_t floor = 0;
  if (most > 0) {
    // A floor known to be feasible: the plain plan's lowest weight when it matches the most
    // people, else 0; the candidate floors are the distinct usable weights from it up.
    std::int64_t known = 0;
    if (goal == objective::max_matched_then_total) {
      known = -1;
      for (const auto& e : pairs.edges)
        if (plain.household_of[static_cast<std::size_t>(e.person)] == e.household)
          known = known < 0 ? e.weight : std::min(known, e.weight);
    }
    std::vector<std::int64_t> weights;
    for (const auto& e : pairs.edges)
      if (e.weight >= known && pairs.capacity[static_cast<std::size_t>(e.household)] > 0)
        weights.push_back(e.weight);
    std::sort(weights.begin(), weights.end());
    weights.erase(std::unique(weights.begin(), weights.end()), weights.end());
    // Invariant: weights[low] is feasible (M* matchable with edges >= it); above high is not.
    std::size_t low = 0;
    std::size_t high = weights.size() - 1;
    while (low < high) {
      const std::size_t middle = low + (high - low + 1) / 2;
      const grouped_plan counted =
          solve_grouped(above(weights[middle]), objective::max_matched_then_total, options);
      proven = proven && counted.proven_optimal;
      if (counted.matched == most)
        low = middle;
      else
        high = middle - 1;
    }
    floor = weights[low];
  }
  out.thresholds = {floor};
  const grouped_problem kept = above(floor);
  const grouped_plan found = solve_grouped(kept, goal, options);
  const detail::edges_by_person by_person(problem.pairs);
  const detail::group_layout layout(problem, by_person);
  const detail::grouped_value value =
      detail::evaluate_grouped(problem, layout, by_person, found.household_of);
  if (!value.valid) throw error("internal: the egalitarian plan breaks a group");
  detail::adopt_grouped(problem, value, found.household_of, out);
  out.proven_optimal = proven && found.proven_optimal;
  detail::set_grouped_cost(plain, out);
  return out;
}

/// The leximin plan with groups: the lowest match weight as high as possible, then the
/// second lowest, and so on, then the largest total (definition at the top of this file).
///
/// @param[in] problem  pairs and groups; passes `check_grouped_problem`
/// @param[in] goal     `max_matched_then_total`: the most people matched first, then leximin
///                     on the match weights; `max_total`: leximin on every person's weight,
///                     0 when unmatched
/// @param[in] options  flow options for the stages, and the programme's time limit
/// @return  the plan; thresholds = every threshold whose count is maximised, ascending
/// @throws slmatch::validation_error when the problem is not well formed
/// \note  Exact; its cost grows with the number of distinct weights (top of this file).
inline grouped_fair_plan solve_grouped_leximin(const grouped_problem& problem,
                                               objective goal = objective::max_matched_then_total,
                                               const grouped_options& options = {}) {
  check_grouped_problem(problem);
  const grouped_plan plain = solve_grouped(problem, goal, options);
  grouped_fair_plan out;
  const detail::flow_stage_solver solver{options.flow};
  const auto relaxed_plan = [&](const detail::grouped_relaxation& relaxed) {
    // objectives.hpp's leximin stages on the relaxation's own weights, then its total.
    const capacitated_problem& edges = relaxed.problem;
    detail::derived_problem current = detail::relaxation_whole(relaxed);
    detail::optimal_face face{std::vector<char>(edges.edges.size(), 1),
                              std::vector<char>(static_cast<std::size_t>(edges.people), 0),
                              std::vector<char>(edges.capacity.size(), 0)};
    std::int64_t threshold = goal == objective::max_matched_then_total ? 0 : 1;
    for (bool first = true;; first = false) {
      std::int64_t next = -1;
      for (std::size_t i = 0; i < current.problem.edges.size(); ++i) {
        if (!face.tight_edge[i]) continue;
        const std::int64_t w =
            edges.edges[static_cast<std::size_t>(current.original_edge[i])].weight;
        if (w >= threshold && (next < 0 || w < next)) next = w;
      }
      if (next < 0) break;
      if (!first || goal == objective::max_total) threshold = next;
      std::vector<std::int64_t> counts(current.problem.edges.size());
      for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] =
            edges.edges[static_cast<std::size_t>(current.original_edge[i])].weight >= threshold;
      auto staged = detail::next_stage(current, face, counts, solver);
      current = std::move(staged.first);
      face = detail::face_of(current.problem, staged.second);
      ++threshold;
    }
    return detail::total_stage(relaxed, current, face, solver).household_of;
  };
  // The thresholds: every distinct usable weight (from 1 for max_total), 0 first for
  // max_matched_then_total in place of the lowest.
  std::vector<std::int64_t> weights;
  {
    const detail::edges_by_person by_person(problem.pairs);
    const detail::group_layout layout(problem, by_person);
    for (const auto& e : detail::relax_groups(problem, layout).problem.edges)
      if (goal == objective::max_matched_then_total || e.weight >= 1) weights.push_back(e.weight);
    std::sort(weights.begin(), weights.end());
    weights.erase(std::unique(weights.begin(), weights.end()), weights.end());
    if (goal == objective::max_matched_then_total) {
      if (weights.empty()) weights.push_back(0);
      weights.front() = 0;
    }
  }
  out.thresholds = weights;
  const auto levels = [&](const detail::grouped_programme& programme) {
    int reach = 0; // people who can be matched: no count exceeds it
    {
      std::vector<char> seen(static_cast<std::size_t>(problem.pairs.people), 0);
      for (const auto& c : programme.columns)
        for (int p : c.people) seen[static_cast<std::size_t>(p)] = 1;
      for (char s : seen) reach += s;
    }
    const double base = reach + 1.0;
    std::vector<std::vector<double>> out_levels;
    for (std::size_t first = 0; first < weights.size();) {
      // Merge thresholds first..last-1 while base^(merged) <= 2^20.
      std::size_t last = first + 1;
      double scale = base;
      while (last < weights.size() && scale * base <= double(1 << 20)) {
        scale *= base;
        ++last;
      }
      out_levels.push_back(programme.level([&](const detail::grouped_programme::column& c) {
        double value = 0;
        for (std::size_t j = first; j < last; ++j) {
          double count = 0;
          for (std::int64_t w : c.weights) count += w >= weights[j] ? 1 : 0;
          value = value * base + count;
        }
        return value;
      }));
      first = last;
    }
    out_levels.push_back(programme.level(detail::column_total));
    return out_levels;
  };
  detail::solve_lexicographic_grouped(problem, options, relaxed_plan, levels, out);
  detail::set_grouped_cost(plain, out);
  return out;
}

/// Waiting priority with groups: the most people matched (for `max_matched_then_total`),
/// then the largest sum of the matched people's waiting days, then the largest total,
/// bonuses included.
///
/// @param[in] problem       pairs and groups; passes `check_grouped_problem`
/// @param[in] goal          with or without the most-people-matched first criterion
/// @param[in] waiting_days  per person, days on the waiting list, >= 0
/// @param[in] options       flow options for the stages, and the programme's time limit
/// @return  the plan; thresholds empty
/// @throws slmatch::validation_error as `check_grouped_problem` and `check_waiting_days`
/// \note  Exact: three flow solves, or a programme of up to three levels.
inline grouped_fair_plan
solve_grouped_waiting_priority(const grouped_problem& problem, objective goal,
                               const std::vector<std::int64_t>& waiting_days,
                               const grouped_options& options = {}) {
  check_grouped_problem(problem);
  check_waiting_days(problem.pairs, waiting_days);
  const grouped_plan plain = solve_grouped(problem, goal, options);
  grouped_fair_plan out;
  const detail::flow_stage_solver solver{options.flow};
  const auto relaxed_plan = [&](const detail::grouped_relaxation& relaxed) {
    const detail::derived_problem waiting = detail::derive(
        relaxed.problem, [](std::size_t) { return true; },
        [&](std::size_t i) {
          return waiting_days[static_cast<std::size_t>(relaxed.problem.edges[i].person)];
        });
    const capacitated_plan waiting_plan = solver(waiting.problem, goal);
    return detail::total_stage(relaxed, waiting, detail::face_of(waiting.problem, waiting_plan),
                               solver)
        .household_of;
  };
  const auto levels = [&](const detail::grouped_programme& programme) {
    std::vector<std::vector<double>> out_levels;
    if (goal == objective::max_matched_then_total)
      out_levels.push_back(programme.level(
          [](const detail::grouped_programme::column& c) { return c.people.size(); }));
    out_levels.push_back(programme.level([&](const detail::grouped_programme::column& c) {
      std::int64_t days = 0;
      for (int p : c.people) days += waiting_days[static_cast<std::size_t>(p)];
      return days;
    }));
    out_levels.push_back(programme.level(detail::column_total));
    return out_levels;
  };
  detail::solve_lexicographic_grouped(problem, options, relaxed_plan, levels, out);
  detail::set_grouped_cost(plain, out);
  return out;
}

} // namespace slmatch
