#pragma once
/// Experiment runs: one scheme matched under one setting (weights, policy, objective), with the
/// figures analysts compare settings by and the time the engine took.
///
/// In: a validated scheme and `run_settings` (scheme default weights to use instead of the
/// scheme's own, a household cap and travel limit to use instead of the policy's, an objective).
/// Out: a `run_outcome`: the plan, each person's score, and the run's metrics: people matched,
/// total, mean and lowest score, blocking pairs against both sides' views, the largest gaps
/// between groups of people from the inequality audit, the Gini coefficient, and the
/// wall-clock seconds the run took in C++.
///
/// Objectives:
/// - `optimal`: the most people matched, then the largest total (what `match` proposes);
/// - `max_total`: the largest total score;
/// - `egalitarian`, `leximin`, `waiting_priority`: the fairness objectives of fair/objectives.hpp
///   on top of the most people matched;
/// - `stable`: person-proposing deferred acceptance over both sides' views (stable/);
/// - `greedy`: pairs taken best score first (ties: lower person, then lower household index)
///   while both sides are free, as a hand-made plan would be drawn up.
///
/// A person's own weights ("what matters to me") still override the setting's weights, as they
/// override the scheme's: a setting changes the scheme's defaults only.
///
/// When the scheme has groups, `optimal` and `max_total` are `plan_scheme`'s plans and `stable`
/// is `stable_match`'s, which keep groups whole; the fairness objectives choose among the plans
/// that keep them (fair/grouped_objectives.hpp); `greedy` is a baseline that ignores groups.
/// The metrics are the plan's own scores either way: the living-together points a plan earns
/// are not in its total.
/// `leximin` with groups may need a programme with a level per few distinct scores
/// (fair/grouped_objectives.hpp): slow on large schemes whose groups the flow relaxation
/// splits.

#include "slmatch/audit/audit.hpp"
#include "slmatch/error.hpp"
#include "slmatch/fair/grouped_objectives.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/match.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/greedy.hpp"
#include "slmatch/solve/groups.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/scheme_stable.hpp"
#include "slmatch/stable/views.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slmatch {

/// What an experiment run solves for.
enum class run_objective : std::uint8_t {
  optimal,
  max_total,
  egalitarian,
  leximin,
  waiting_priority,
  stable,
  greedy,
};
SLMATCH_VOCABULARY(run_objective, "run objective", "optimal", "max_total", "egalitarian", "leximin",
                   "waiting_priority", "stable", "greedy");

/// One setting of an experiment.
struct run_settings {
  std::optional<factor_weights> weights; ///< scheme default weights instead of the policy's
  std::optional<int> household_cap;      ///< 1–3, instead of the policy's
  std::optional<double> travel_limit_km; ///< above 0, instead of the policy's
  run_objective goal = run_objective::optimal;
  int threads = 1; ///< scoring and solving threads (>= 1); results do not depend on it
};

/// The figures of one run. Scores are on the 0–100 scale; NaN where undefined (nobody
/// matched, or fewer than two groups to compare).
struct run_outcome {
  std::vector<int> household_of; ///< per person: household index or -1
  std::vector<double> score;     ///< per person: the matched pair's score, 0 when unmatched
  int people = 0;
  int households = 0;
  std::size_t feasible_pairs = 0;
  int matched = 0;
  double total_score = 0.0;
  double mean_score = std::numeric_limits<double>::quiet_NaN();
  double lowest_score = std::numeric_limits<double>::quiet_NaN();
  std::size_t blocking_pairs = 0;
  double match_rate_gap = std::numeric_limits<double>::quiet_NaN(); ///< largest over groupings
  double mean_score_gap = std::numeric_limits<double>::quiet_NaN(); ///< largest over groupings
  double mean_wait_gap = std::numeric_limits<double>::quiet_NaN();  ///< days, largest
  double gini_all = std::numeric_limits<double>::quiet_NaN();       ///< unmatched counted as 0
  double seconds = 0.0; ///< wall-clock time of the whole run in C++
};

/// The scheme with the setting's policy overrides applied.
///
/// @param[in] s         the scheme
/// @param[in] settings  the household cap and travel limit to lay over its policy
/// @return  a copy of the scheme with those overrides
/// @throws slmatch::validation_error naming each bad setting (record "settings")
inline scheme with_settings(const scheme& s, const run_settings& settings) {
  std::vector<problem> found;
  if (settings.household_cap && (*settings.household_cap < 1 || *settings.household_cap > 3))
    found.push_back(
        {"settings", "household_cap",
         "must be between 1 and 3 (is " + std::to_string(*settings.household_cap) + ")"});
  if (settings.travel_limit_km &&
      !(std::isfinite(*settings.travel_limit_km) && *settings.travel_limit_km > 0))
    found.push_back({"settings", "travel_limit_km", "must be a finite number above 0"});
  if (settings.weights)
    for (factor f : all_values<factor>()) {
      if (auto why = weight_problem((*settings.weights)[static_cast<std::size_t>(f)]))
        found.push_back({"settings", "weights." + std::string(to_string(f)), *why});
    }
  if (settings.threads < 1) found.push_back({"settings", "threads", "must be >= 1"});
  if (!found.empty()) throw validation_error(std::move(found));
  scheme out = s;
  if (settings.weights) out.policy.weights = *settings.weights;
  if (settings.household_cap) out.policy.household_cap = *settings.household_cap;
  if (settings.travel_limit_km) out.policy.travel_limit_km = *settings.travel_limit_km;
  return out;
}

namespace detail {

/// The assignment problem of both sides' views: one edge per feasible pair, in person order
/// and ascending household within a person (as `make_problem` builds it).
inline capacitated_problem problem_of_views(const scheme_views& views) {
  capacitated_problem problem;
  problem.people = views.lists.people;
  problem.capacity = views.lists.capacity;
  const ranked_lists& ranks = views.lists.person_ranks;
  problem.edges.reserve(ranks.entries.size());
  for (std::size_t p = 0; p < ranks.size(); ++p) {
    const std::size_t first = problem.edges.size();
    for (std::size_t k = ranks.first[p]; k < ranks.first[p + 1]; ++k)
      problem.edges.push_back(
          {static_cast<int>(p), ranks.entries[k], score_to_weight(views.person_scores[k])});
    std::sort(problem.edges.begin() + static_cast<std::ptrdiff_t>(first), problem.edges.end(),
              [](const capacitated_problem::edge& a, const capacitated_problem::edge& b) {
                return a.household < b.household;
              });
  }
  return problem;
}

/// The views' problem with the scheme's groups (`make_grouped_problem`).
inline grouped_problem grouped_problem_of(const scheme& s, const capacitated_problem& problem) {
  score_table
      table; // the pairs alone, in person then household order, as make_grouped_problem reads them
  table.people = static_cast<std::size_t>(problem.people);
  table.households = problem.capacity.size();
  table.pairs.reserve(problem.edges.size());
  for (const auto& e : problem.edges)
    table.pairs.push_back(
        {static_cast<std::size_t>(e.person), static_cast<std::size_t>(e.household), 0.0});
  return make_grouped_problem(s, table, problem);
}

/// Each person's days on the waiting list at the scheme's as-of date (0 if not yet waiting).
inline std::vector<std::int64_t> waiting_days(const scheme& s) {
  std::vector<std::int64_t> days;
  days.reserve(s.people.size());
  const long today = s.policy.as_of.days_since_epoch();
  for (const auto& p : s.people)
    days.push_back(std::max<std::int64_t>(0, today - p.waiting_since.days_since_epoch()));
  return days;
}

/// The largest of one gap over the audit's groupings, NaN when no grouping has it.
template <class Gap> double largest_gap(const plan_audit& audit, Gap gap_of) {
  double largest = std::numeric_limits<double>::quiet_NaN();
  for (const auto& grouping : audit.groupings) {
    const std::optional<group_gap>& gap = gap_of(grouping);
    if (gap && !(gap->gap <= largest)) largest = gap->gap;
  }
  return largest;
}

} // namespace detail

/// Match a scheme under one experiment setting and measure the plan.
///
/// @param[in] s         a validated scheme
/// @param[in] settings  overrides and objective
/// @return  the plan and its metrics, with the run's time in C++
/// @throws slmatch::validation_error naming each bad setting (record "settings")
/// \note  Deterministic: the same scheme and settings give the same outcome (but the time).
inline run_outcome run_experiment(const scheme& s, const run_settings& settings) {
  const auto start = std::chrono::steady_clock::now();
  const scheme adjusted = with_settings(s, settings);
  view_options viewing;
  viewing.threads = settings.threads;
  const scheme_views views = build_views(adjusted, viewing);
  const capacitated_problem problem = detail::problem_of_views(views);
  const threaded_solver solver{settings.threads};
  const ranked_pairs ranked = rank_pairs(views.lists);

  run_outcome out;
  // The stable plan with groups counts what blocks it as groups do (stable/groups.hpp).
  std::optional<std::size_t> group_blocking;
  constexpr objective most = objective::max_matched_then_total;
  // With groups, the fairness objectives choose among the plans that keep them (the views'
  // problem with the scheme's groups).
  std::optional<grouped_problem> grouped;
  const bool fairness = settings.goal == run_objective::egalitarian ||
                        settings.goal == run_objective::leximin ||
                        settings.goal == run_objective::waiting_priority;
  if (!adjusted.groups.empty() && fairness) grouped = detail::grouped_problem_of(adjusted, problem);
  grouped_options solving;
  solving.flow.threads = settings.threads;
  solving.mip_seconds = match_options{}.group_seconds;
  switch (settings.goal) {
  // With groups, the plain objectives and the stable plan are the ones `match` and
  // `stable_match` give, which keep groups whole.
  case run_objective::optimal:
    out.household_of =
        adjusted.groups.empty()
            ? solver(problem, objective::max_matched_then_total).household_of
            : plan_scheme(adjusted, objective::max_matched_then_total, settings.threads)
                  .household_of;
    break;
  case run_objective::max_total:
    out.household_of =
        adjusted.groups.empty()
            ? solver(problem, objective::max_total).household_of
            : plan_scheme(adjusted, objective::max_total, settings.threads).household_of;
    break;
  case run_objective::egalitarian:
    out.household_of = grouped ? solve_grouped_egalitarian(*grouped, most, solving).household_of
                               : solve_egalitarian(problem, most, solver).household_of;
    break;
  case run_objective::leximin:
    out.household_of = grouped ? solve_grouped_leximin(*grouped, most, solving).household_of
                               : solve_leximin(problem, most, solver).household_of;
    break;
  case run_objective::waiting_priority: {
    const std::vector<std::int64_t> days = detail::waiting_days(adjusted);
    out.household_of =
        grouped ? solve_grouped_waiting_priority(*grouped, most, days, solving).household_of
                : solve_waiting_priority(problem, most, days, solver).household_of;
    break;
  }
  case run_objective::stable:
    if (adjusted.groups.empty()) {
      out.household_of = deferred_acceptance(ranked, proposing_side::people).household_of;
    } else {
      const scheme_stable_plan found = stable_match(adjusted, viewing);
      out.household_of = found.result.plan.household_of;
      group_blocking = found.result.blocking.people.size() + found.result.blocking.groups.size();
    }
    break;
  case run_objective::greedy:
    out.household_of = greedy_plan(problem);
    break;
  }

  out.people = problem.people;
  out.households = static_cast<int>(problem.capacity.size());
  out.feasible_pairs = problem.edges.size();
  out.score.assign(out.household_of.size(), 0.0);
  for (const auto& e : problem.edges)
    if (out.household_of[static_cast<std::size_t>(e.person)] == e.household)
      out.score[static_cast<std::size_t>(e.person)] =
          static_cast<double>(e.weight) / score_units_per_point;
  std::int64_t total = 0;
  std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
  for (std::size_t p = 0; p < out.household_of.size(); ++p) {
    if (out.household_of[p] < 0) continue;
    ++out.matched;
    const std::int64_t w = score_to_weight(out.score[p]);
    total += w;
    lowest = std::min(lowest, w);
  }
  out.total_score = static_cast<double>(total) / score_units_per_point;
  if (out.matched > 0) {
    out.mean_score = out.total_score / out.matched;
    out.lowest_score = static_cast<double>(lowest) / score_units_per_point;
  }
  out.blocking_pairs =
      group_blocking ? *group_blocking : blocking_pairs(ranked, out.household_of).size();

  const plan_audit audit = audit_plan(adjusted, out.household_of, out.score);
  out.match_rate_gap = detail::largest_gap(
      audit, [](const grouping_audit& g) -> const auto& { return g.match_rate_gap; });
  out.mean_score_gap = detail::largest_gap(
      audit, [](const grouping_audit& g) -> const auto& { return g.mean_score_gap; });
  out.mean_wait_gap = detail::largest_gap(
      audit, [](const grouping_audit& g) -> const auto& { return g.mean_wait_gap; });
  if (audit.gini_all) out.gini_all = *audit.gini_all;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

} // namespace slmatch
