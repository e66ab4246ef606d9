#pragma once
/// The calendar plan: which household takes each stay and day slot over a horizon.
///
/// In: a scheme's calendar requests broken into units (`expand_requests`). Out: one household
/// or none per unit, within every household's beds and day places per night and slot, its
/// nights per month, each person's allowance and gaps between stays, and one carer for all
/// where a person requires it. Lexicographic and exact:
///   1. cover as many requested nights and slots as possible, each weighted by the person's
///      priority;
///   2. among those plans, the largest total of score × nights (slots count one), plus a
///      bonus for keeping a confirmed or earlier booking and for a preferred allowance date,
///      less a cost for each carer a person sees (where they prefer one carer).
/// Each step is a mixed-integer programme solved by CBC (`solve_mip`) within a time limit
/// that reports the proven gap. Where the structure allows — one-night stays and slots, no
/// allowance, monthly limit or carer continuity — every night and slot is its own
/// capacitated assignment, solved by the fast flow solver; tests show the two agree.

#include "slmatch/calendar/greedy_start.hpp"
#include "slmatch/calendar/objective.hpp"
#include "slmatch/calendar/programme.hpp"
#include "slmatch/calendar/units.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/mip.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// How a plan was found.
enum class calendar_method : std::uint8_t { mip, flow };
SLMATCH_VOCABULARY(calendar_method, "calendar method", "mip"sv, "flow"sv);

/// A plan over the horizon.
struct calendar_plan {
  calendar_units units;
  std::vector<int> household_of; ///< per unit: household index or -1
  calendar_method method = calendar_method::mip;
  bool proven_optimal = true;
  double gap = 0;           ///< proven relative gap of the step that stopped early
  std::int64_t covered = 0; ///< step 1: priority-weighted nights and slots covered
  std::int64_t value = 0;   ///< step 2: the objective, in thousandths of a point
  double seconds = 0;
};

namespace detail {

/// True when every night and slot can be planned on its own.
inline bool flow_applies(const scheme& s, const calendar_units& cu) {
  for (const auto& u : cu.units) {
    const calendar_request& r = *s.people[u.person].calendar;
    if (u.size() != 1 || r.allowance || r.one_carer != carer_continuity::any) return false;
  }
  for (const auto& months : cu.month_nights_left)
    if (!months.empty()) return false;
  return true;
}

inline calendar_plan plan_by_night(const scheme& s, calendar_plan plan,
                                   const std::vector<int>& kept, const calendar_options& options) {
  const calendar_units& cu = plan.units;
  plan.method = calendar_method::flow;
  // Units by night (stays) or by night and part (slots): each group is independent.
  std::map<std::pair<int, int>, std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    const int part = u.kind == unit_kind::stay ? -1 : static_cast<int>(u.part);
    groups[{cu.horizon.index(u.start), part}].push_back(k);
  }
  for (const auto& [key, members] : groups) {
    const auto [day, part] = key;
    capacitated_problem problem;
    problem.people = static_cast<int>(members.size());
    for (std::size_t h = 0; h < s.households.size(); ++h)
      problem.capacity.push_back(
          part < 0
              ? cu.beds_left[h][static_cast<std::size_t>(day)]
              : cu.places_left[h][static_cast<std::size_t>(day)][static_cast<std::size_t>(part)]);
    // One covered unit of priority outweighs any difference in step 2's total.
    std::int64_t cover = 1;
    for (std::size_t k : members) {
      std::int64_t best = 0;
      for (const auto& o : cu.options[k])
        best = std::max(best, step_two_weight(cu, kept, options, k, o));
      cover += best;
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
      const std::size_t k = members[i];
      for (const auto& o : cu.options[k])
        problem.edges.push_back(
            {static_cast<int>(i), static_cast<int>(o.household),
             step_one_weight(s, cu.units[k]) * cover + step_two_weight(cu, kept, options, k, o)});
    }
    const capacitated_plan night = solve_capacitated(problem, objective::max_total);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const std::size_t k = members[i];
      plan.household_of[k] = night.household_of[i];
      if (night.household_of[i] < 0) continue;
      plan.covered += step_one_weight(s, cu.units[k]);
      for (const auto& o : cu.options[k])
        if (static_cast<int>(o.household) == night.household_of[i])
          plan.value += step_two_weight(cu, kept, options, k, o);
    }
  }
  return plan;
}

} // namespace detail

/// Plan a scheme's short breaks and day support over a horizon.
///
/// @param[in] s        a validated scheme; people without a calendar request are left out
/// @param[in] horizon  the weeks to plan
/// @param[in] options  time limit, step 2's knobs and an earlier plan to keep
/// @return  the plan; `proven_optimal` false (with `gap`) when the time limit stopped it
/// @throws slmatch::error when the horizon is out of range or no plan was found in time
/// \note  Deterministic when it finishes within the time limit.
inline calendar_plan plan_calendar(const scheme& s, const calendar_horizon& horizon,
                                   const calendar_options& options = {}) {
  const auto started = std::chrono::steady_clock::now();
  calendar_plan plan;
  plan.units = expand_requests(s, horizon);
  const calendar_units& cu = plan.units;
  plan.household_of.assign(cu.units.size(), -1);
  const std::vector<int> kept = detail::kept_household(s, cu, options);
  const auto finish = [&](calendar_plan& done) {
    done.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  if (options.allow_flow && detail::flow_applies(s, cu)) {
    plan = detail::plan_by_night(s, std::move(plan), kept, options);
    finish(plan);
    return plan;
  }

  const detail::calendar_programme programme =
      detail::build_calendar_programme(s, cu, kept, options);
  const auto& column = programme.column;
  const lexicographic_result solved =
      solve_lexicographic(programme.mip, programme.steps, options.seconds, false,
                          detail::greedy_start(s, cu, kept, options, programme),
                          [&](const std::vector<double>& relaxed) {
                            return detail::greedy_start(s, cu, kept, options, programme, relaxed);
                          });
  plan.proven_optimal = solved.proven_optimal;
  plan.gap = solved.gap;
  for (std::size_t k = 0; k < cu.units.size(); ++k)
    for (std::size_t j = 0; j < cu.options[k].size(); ++j)
      if (solved.values[static_cast<std::size_t>(column[k][j])] > 0.5) {
        plan.household_of[k] = static_cast<int>(cu.options[k][j].household);
        plan.covered += detail::step_one_weight(s, cu.units[k]);
        plan.value += detail::step_two_weight(cu, kept, options, k, cu.options[k][j]);
      }
  std::map<std::size_t, std::set<int>> carers;
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const std::size_t p = cu.units[k].person;
    if (plan.household_of[k] >= 0 && s.people[p].calendar->one_carer != carer_continuity::any)
      carers[p].insert(plan.household_of[k]);
  }
  for (const auto& [p, used] : carers)
    plan.value -=
        detail::knob_units(options.new_carer_cost) * static_cast<std::int64_t>(used.size());
  finish(plan);
  return plan;
}

} // namespace slmatch
