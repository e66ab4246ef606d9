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

#include "slmatch/calendar/units.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/mip.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// A unit's household in an earlier plan, to keep unless moving it pays.
struct earlier_booking {
  std::string person_id;
  unit_kind kind = unit_kind::stay;
  date start;
  int nights = 1;
  part_of_day part = part_of_day::morning;
  std::string household_id;
};

/// Policy knobs of the second step, in score points (0–100 per night).
struct calendar_options {
  double seconds = 10;                  ///< time limit for both steps together
  double new_carer_cost = 20;           ///< per carer a person sees, where they prefer one
  double keep_bonus = 10;               ///< per unit kept with its confirmed or earlier household
  double preferred_date_bonus = 10;     ///< per allowance stay on a date the person prefers
  bool allow_flow = true;               ///< use the flow solvers where the structure allows
  std::vector<earlier_booking> earlier; ///< an earlier plan to change as little as pays
};

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

/// Thousandths of a point, the solvers' unit, for a knob in points.
inline std::int64_t knob_units(double points) { return score_to_weight(points < 0 ? 0 : points); }

/// What makes a stay or slot the same in two plans: person id, first day, kind, and nights
/// (stays) or part of the day (slots).
using unit_key = std::tuple<std::string, long, int, int>;

inline unit_key key_of(const std::string& person_id, unit_kind kind, const date& start, int nights,
                       part_of_day part) {
  return {person_id, start.days_since_epoch(), static_cast<int>(kind),
          kind == unit_kind::stay ? nights : static_cast<int>(part)};
}

inline unit_key key_of(const earlier_booking& b) {
  return key_of(b.person_id, b.kind, b.start, b.nights, b.part);
}

/// The household each unit keeps a bonus for: its confirmed booking, or its household in
/// the earlier plan. Earlier bookings pair with the units of the same key in order, each
/// unit once. O((units + bookings) log units).
inline std::vector<int> kept_household(const scheme& s, const calendar_units& cu,
                                       const calendar_options& options) {
  std::vector<int> kept(cu.units.size(), -1);
  for (std::size_t k = 0; k < cu.units.size(); ++k) kept[k] = cu.units[k].booked_with;
  if (options.earlier.empty()) return kept;
  std::map<std::string, int> household_by_id;
  for (std::size_t h = 0; h < s.households.size(); ++h)
    household_by_id[s.households[h].id] = static_cast<int>(h);
  std::map<unit_key, std::vector<std::size_t>> units_by_key; // each list in reverse unit order
  for (std::size_t k = cu.units.size(); k-- > 0;) {
    const calendar_unit& u = cu.units[k];
    units_by_key[key_of(s.people[u.person].id, u.kind, u.start, u.nights, u.part)].push_back(k);
  }
  for (const earlier_booking& e : options.earlier) {
    const auto units = units_by_key.find(key_of(e));
    if (units == units_by_key.end() || units->second.empty()) continue;
    const std::size_t k = units->second.back();
    units->second.pop_back();
    const auto h = household_by_id.find(e.household_id);
    if (h != household_by_id.end()) kept[k] = h->second;
  }
  return kept;
}

/// Step 2's weight of giving unit k to option j.
inline std::int64_t step_two_weight(const calendar_units& cu, const std::vector<int>& kept,
                                    const calendar_options& options, std::size_t k,
                                    const unit_option& o) {
  const calendar_unit& u = cu.units[k];
  std::int64_t w = o.score_weight * u.size();
  if (kept[k] == static_cast<int>(o.household)) w += knob_units(options.keep_bonus);
  if (u.preferred) w += knob_units(options.preferred_date_bonus);
  return w;
}

inline std::int64_t step_one_weight(const scheme& s, const calendar_unit& u) {
  return static_cast<std::int64_t>(s.people[u.person].calendar->priority) * u.size();
}

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

/// A person's allowance paths, as `add_allowance_paths` states them: per node (stay in date
/// order, nights used in its period), the skip arc and the take arc (column -1 where the
/// stay does not fit), each with the node it leads to (stay index = stays.size() at the end).
struct allowance_paths {
  using node = std::pair<std::size_t, int>;
  struct arc {
    int column = -1;
    node to;
  };
  std::vector<std::size_t> stays;           ///< unit indices in date order
  std::map<node, std::pair<arc, arc>> arcs; ///< per node: skip, take
};

/// A person's allowance and shortest gap as paths through their stays in date order. A path
/// takes or skips each stay, counting the nights used so far in the current period, and after
/// a stay goes on to the first stay its gap allows. Every path is a choice of stays within the
/// allowance and gaps and every such choice is a path, so for the person alone the
/// relaxation is exact (a network flow): rows of nights per period and of stays per day
/// leave fractional choices that branch and bound must close. A take arc's flow equals the
/// stay's columns summed. Arcs are 0/1 columns, as the flow's vertices are anyway.
inline void add_allowance_paths(mip_problem& mip, const scheme& s, const calendar_units& cu,
                                std::size_t p, std::vector<std::size_t> stays,
                                const std::vector<std::vector<int>>& column,
                                allowance_paths& paths) {
  const calendar_request& r = *s.people[p].calendar;
  const allowance_period per = r.allowance->per;
  const std::map<long, int>& left = cu.allowance_left[p];
  std::stable_sort(stays.begin(), stays.end(), [&](std::size_t a, std::size_t b) {
    return cu.units[a].start < cu.units[b].start;
  });
  const std::size_t n = stays.size();
  paths.stays = stays;
  std::vector<long> period(n);
  std::vector<std::vector<std::pair<long, int>>> parts(n); // per stay: nights by period
  std::vector<std::size_t> after(n, n);                    // the first stay its gap allows
  for (std::size_t i = 0; i < n; ++i) {
    const calendar_unit& u = cu.units[stays[i]];
    period[i] = period_key(per, u.start);
    for (int night = 0; night < u.nights; ++night) {
      const long key = period_key(per, u.start.plus_days(night));
      if (parts[i].empty() || parts[i].back().first != key) parts[i].push_back({key, 0});
      ++parts[i].back().second;
    }
    const date free = u.start.plus_days(u.nights + r.shortest_gap);
    after[i] = i + 1;
    while (after[i] < n && cu.units[stays[after[i]]].start < free) ++after[i];
  }
  // Nodes (stay, nights used in its period), found from the first; rows of flow in − out.
  std::map<std::pair<std::size_t, int>, std::size_t> node;
  std::vector<std::vector<mip_problem::term>> balance;
  std::vector<std::pair<std::size_t, int>> queue{{0, 0}};
  std::vector<std::vector<mip_problem::term>> take(n);
  const auto reach = [&](std::size_t to, long from_period, int used,
                         int arc) -> allowance_paths::node {
    if (to >= n) return {n, 0}; // the end of the path
    const std::pair<std::size_t, int> key{to, period[to] == from_period ? used : 0};
    auto found = node.find(key);
    if (found == node.end()) {
      found = node.emplace(key, balance.size()).first;
      balance.emplace_back();
      queue.push_back(key);
    }
    balance[found->second].push_back({arc, 1});
    return key;
  };
  if (n == 0) return;
  node[{0, 0}] = 0;
  balance.emplace_back();
  for (std::size_t next = 0; next < queue.size(); ++next) {
    const auto [i, used] = queue[next];
    const std::size_t here = node.at(queue[next]);
    const int skip = mip.add_column(0);
    balance[here].push_back({skip, -1});
    auto& [skip_arc, take_arc] = paths.arcs[queue[next]];
    skip_arc = {skip, reach(i + 1, period[i], used, skip)};
    bool fits = used + parts[i].front().second <= left.at(parts[i].front().first);
    for (std::size_t m = 1; m < parts[i].size(); ++m)
      fits = fits && parts[i][m].second <= left.at(parts[i][m].first);
    if (!fits) continue;
    const int taken = mip.add_column(0);
    balance[here].push_back({taken, -1});
    take[i].push_back({taken, 1});
    const int used_last =
        parts[i].size() == 1 ? used + parts[i].front().second : parts[i].back().second;
    take_arc = {taken, reach(after[i], parts[i].back().first, used_last, taken)};
  }
  mip.add_row(std::move(balance[0]), -1, 0); // one path, or none
  for (std::size_t v = 1; v < balance.size(); ++v) mip.add_row(std::move(balance[v]), 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (int c : column[stays[i]]) take[i].push_back({c, -1});
    mip.add_row(std::move(take[i]), 0, 0);
  }
}

/// The most nights a person's allowance paths take with household h alone: the longest path
/// that takes only stays h may host. Arcs lead to later stays, so nodes in reverse order come
/// after everything they lead to.
inline int most_allowance_nights(const calendar_units& cu, const allowance_paths& paths,
                                 std::size_t h) {
  const std::size_t n = paths.stays.size();
  std::map<allowance_paths::node, int> most{{{n, 0}, 0}};
  for (auto at = paths.arcs.rbegin(); at != paths.arcs.rend(); ++at) {
    const auto& [skip, take] = at->second;
    int best = most.at(skip.to);
    const std::size_t k = paths.stays[at->first.first];
    const auto& options = cu.options[k];
    if (take.column >= 0 && std::any_of(options.begin(), options.end(),
                                        [h](const unit_option& o) { return o.household == h; }))
      best = std::max(best, cu.units[k].nights + most.at(take.to));
    most[at->first] = best;
  }
  return n == 0 ? 0 : most.at({0, 0});
}

/// The calendar as a mixed-integer programme: a 0/1 column per unit and household that may
/// take it, rows for beds, places, nights per month, allowances and one carer, and the two
/// steps' objectives.
struct calendar_programme {
  mip_problem mip;
  std::vector<std::vector<int>> column;                    ///< [unit][option]
  std::map<std::pair<std::size_t, std::size_t>, int> sees; ///< (person, household): 1 when seen
  std::vector<std::vector<double>> steps;                  ///< per step, per column
  std::map<std::size_t, allowance_paths> paths;            ///< per person with an allowance
};

inline calendar_programme build_calendar_programme(const scheme& s, const calendar_units& cu,
                                                   const std::vector<int>& kept,
                                                   const calendar_options& options) {
  calendar_programme programme;
  mip_problem& mip = programme.mip;
  std::vector<std::vector<int>>& column = programme.column;
  column.resize(cu.units.size());
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    std::vector<mip_problem::term> one;
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      column[k].push_back(mip.add_column(0));
      one.push_back({column[k].back(), 1});
    }
    if (one.size() > 1) mip.add_row(std::move(one), 0, 1);
  }
  // Beds per night, places per slot, nights per month.
  std::map<std::pair<std::size_t, int>, std::vector<mip_problem::term>> beds, months_used;
  std::map<std::tuple<std::size_t, int, int>, std::vector<mip_problem::term>> places;
  std::map<std::pair<std::size_t, long>, std::vector<mip_problem::term>> months;
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    const int first = cu.horizon.index(u.start);
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      const std::size_t h = cu.options[k][j].household;
      const int c = column[k][j];
      if (u.kind == unit_kind::day_slot) {
        places[{h, first, static_cast<int>(u.part)}].push_back({c, 1});
        continue;
      }
      std::map<long, int> nights_in_month;
      for (int n = 0; n < u.nights; ++n) {
        beds[{h, first + n}].push_back({c, 1});
        ++nights_in_month[month_key(u.start.plus_days(n))];
      }
      for (const auto& [month, nights] : nights_in_month)
        if (cu.month_nights_left[h].count(month))
          months[{h, month}].push_back({c, static_cast<double>(nights)});
    }
  }
  for (auto& [key, terms] : beds) {
    const int left = cu.beds_left[key.first][static_cast<std::size_t>(key.second)];
    if (static_cast<int>(terms.size()) > left) mip.add_row(std::move(terms), 0, left);
  }
  for (auto& [key, terms] : places) {
    const auto& [h, day, part] = key;
    const int left =
        cu.places_left[h][static_cast<std::size_t>(day)][static_cast<std::size_t>(part)];
    if (static_cast<int>(terms.size()) > left) mip.add_row(std::move(terms), 0, left);
  }
  for (auto& [key, terms] : months)
    mip.add_row(std::move(terms), 0, cu.month_nights_left[key.first].at(key.second));

  // Each person's allowance, and no two of their stays closer than their shortest gap.
  std::map<std::size_t, std::vector<std::size_t>> stays_of;
  for (std::size_t k = 0; k < cu.units.size(); ++k)
    if (cu.units[k].kind == unit_kind::stay && !column[k].empty())
      stays_of[cu.units[k].person].push_back(k);
  for (const auto& [p, stays] : stays_of)
    if (s.people[p].calendar->allowance)
      add_allowance_paths(mip, s, cu, p, stays, column, programme.paths[p]);

  // One carer for all, required or preferred: y[p][h] is 1 when p sees h at all.
  std::map<std::pair<std::size_t, std::size_t>, int>& sees = programme.sees;
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const std::size_t p = cu.units[k].person;
    if (s.people[p].calendar->one_carer == carer_continuity::any) continue;
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      const auto key = std::make_pair(p, cu.options[k][j].household);
      auto found = sees.find(key);
      if (found == sees.end()) found = sees.emplace(key, mip.add_column(0)).first;
      mip.add_row({{column[k][j], 1}, {found->second, -1}}, -mip_infinity(), 0);
    }
  }
  // Where an allowance caps a person's nights, a carer they see hosts at most the most nights
  // the allowance lets that carer host: nights with h <= most(h) * y[p][h]. Without this the
  // relaxation spreads a person thinly over carers, each seen (and paid for) in part.
  for (const auto& [p, paths] : programme.paths) {
    if (s.people[p].calendar->one_carer == carer_continuity::any) continue;
    std::map<std::size_t, std::vector<mip_problem::term>> nights_with;
    for (std::size_t k : paths.stays)
      for (std::size_t j = 0; j < cu.options[k].size(); ++j)
        nights_with[cu.options[k][j].household].push_back(
            {column[k][j], static_cast<double>(cu.units[k].nights)});
    for (auto& [h, terms] : nights_with) {
      const int most = most_allowance_nights(cu, paths, h);
      double all = 0;
      for (const auto& t : terms) all += t.coefficient;
      if (most >= all) continue;
      terms.push_back({sees.at({p, h}), -static_cast<double>(most)});
      mip.add_row(std::move(terms), -mip_infinity(), 0);
    }
  }
  std::map<std::size_t, std::vector<mip_problem::term>> carers_of;
  for (const auto& [key, c] : sees)
    if (s.people[key.first].calendar->one_carer == carer_continuity::required)
      carers_of[key.first].push_back({c, 1});
  for (auto& [p, terms] : carers_of)
    if (terms.size() > 1) mip.add_row(std::move(terms), 0, 1);

  // Step 1 covers as much as possible; step 2 finds the best plan among those.
  std::vector<std::vector<double>>& steps = programme.steps;
  steps.assign(2, std::vector<double>(mip.columns.size(), 0.0));
  for (std::size_t k = 0; k < cu.units.size(); ++k)
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      const auto c = static_cast<std::size_t>(column[k][j]);
      steps[0][c] = static_cast<double>(step_one_weight(s, cu.units[k]));
      steps[1][c] = static_cast<double>(step_two_weight(cu, kept, options, k, cu.options[k][j]));
    }
  for (const auto& [key, c] : sees)
    steps[1][static_cast<std::size_t>(c)] =
        -static_cast<double>(knob_units(options.new_carer_cost));
  return programme;
}

/// A first plan, found greedily, as a start for the programme: units in order of their step
/// 1 weight, then their best step 2 weight, each to its best household that still has the
/// beds or places, the nights in the month, the allowance and gap left, and, where the
/// person requires one carer, is the carer they already have (where they prefer one, a
/// carer they already have gains the cost of a new one). It keeps every row of the
/// programme, so a search stopped by its time limit never does worse than it. Given a
/// `guide` (per column, as a relaxation's values), units go in order of their guide's total
/// and each to the household it favours most (ties as above): a rounding of the relaxation.
inline std::vector<double> greedy_start(const scheme& s, const calendar_units& cu,
                                        const std::vector<int>& kept,
                                        const calendar_options& options,
                                        const calendar_programme& programme,
                                        const std::vector<double>& guide = {}) {
  const auto guided = [&](std::size_t k, std::size_t j) {
    return guide.empty() ? 0.0 : guide[static_cast<std::size_t>(programme.column[k][j])];
  };
  std::vector<std::size_t> order(cu.units.size());
  std::vector<std::int64_t> best(cu.units.size(), 0);
  std::vector<double> share(cu.units.size(), 0.0);
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    order[k] = k;
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      best[k] = std::max(best[k], step_two_weight(cu, kept, options, k, cu.options[k][j]));
      share[k] += guided(k, j);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (share[a] != share[b]) return share[a] > share[b];
    const std::int64_t wa = step_one_weight(s, cu.units[a]), wb = step_one_weight(s, cu.units[b]);
    return wa != wb ? wa > wb : best[a] > best[b];
  });
  std::vector<std::vector<int>> beds = cu.beds_left;
  std::vector<std::vector<std::array<int, 3>>> places = cu.places_left;
  std::vector<std::map<long, int>> months = cu.month_nights_left;
  std::vector<int> choice(cu.units.size(), -1);        // option per unit
  std::map<std::size_t, std::set<std::size_t>> carers; // per person with continuity
  std::map<std::size_t, std::vector<char>> taken;      // per person with an allowance
  std::vector<double> values(programme.mip.columns.size(), 0.0);
  // Walks a person's allowance paths taking exactly the chosen stays; false where no path
  // does. With `mark`, sets the arcs' columns.
  const auto walk = [&](const allowance_paths& paths, const std::vector<char>& chosen, bool mark) {
    allowance_paths::node at{0, 0};
    while (at.first < paths.stays.size()) {
      const auto& [skip, take] = paths.arcs.at(at);
      const allowance_paths::arc& arc = chosen[at.first] ? take : skip;
      if (arc.column < 0) return false;
      for (std::size_t i = at.first + 1; i < std::min(arc.to.first, paths.stays.size()); ++i)
        if (chosen[i]) return false; // within the gap after a stay taken
      if (mark) values[static_cast<std::size_t>(arc.column)] = 1;
      at = arc.to;
    }
    return true;
  };
  std::map<std::size_t, std::size_t> position; // unit -> its place in its person's paths
  for (const auto& [p, paths] : programme.paths)
    for (std::size_t i = 0; i < paths.stays.size(); ++i) position[paths.stays[i]] = i;
  for (std::size_t k : order) {
    const calendar_unit& u = cu.units[k];
    const calendar_request& r = *s.people[u.person].calendar;
    const int first = cu.horizon.index(u.start);
    int pick = -1;
    std::int64_t pick_weight = 0;
    double pick_guide = 0;
    for (std::size_t j = 0; j < cu.options[k].size(); ++j) {
      const std::size_t h = cu.options[k][j].household;
      const auto& seen = carers[u.person];
      if (r.one_carer == carer_continuity::required && !seen.empty() && !seen.count(h)) continue;
      bool room = true;
      if (u.kind == unit_kind::day_slot) {
        room = places[h][static_cast<std::size_t>(first)][static_cast<std::size_t>(u.part)] > 0;
      } else {
        std::map<long, int> nights_in_month;
        for (int n = 0; n < u.nights; ++n) {
          room = room && beds[h][static_cast<std::size_t>(first + n)] > 0;
          ++nights_in_month[month_key(u.start.plus_days(n))];
        }
        for (const auto& [month, nights] : nights_in_month) {
          const auto left = months[h].find(month);
          room = room && (left == months[h].end() || left->second >= nights);
        }
      }
      if (!room) continue;
      std::int64_t w = step_two_weight(cu, kept, options, k, cu.options[k][j]);
      if (r.one_carer == carer_continuity::preferred && seen.count(h))
        w += knob_units(options.new_carer_cost);
      if (pick < 0 || guided(k, j) > pick_guide ||
          (guided(k, j) == pick_guide && w > pick_weight)) {
        pick = static_cast<int>(j);
        pick_weight = w;
        pick_guide = guided(k, j);
      }
    }
    if (pick < 0) continue;
    const auto paths = programme.paths.find(u.person);
    if (u.kind == unit_kind::stay && paths != programme.paths.end()) {
      std::vector<char>& chosen = taken[u.person];
      chosen.resize(paths->second.stays.size(), 0);
      chosen[position.at(k)] = 1;
      if (!walk(paths->second, chosen, false)) {
        chosen[position.at(k)] = 0;
        continue;
      }
    }
    choice[k] = pick;
    const std::size_t h = cu.options[k][static_cast<std::size_t>(pick)].household;
    if (r.one_carer != carer_continuity::any) carers[u.person].insert(h);
    if (u.kind == unit_kind::day_slot) {
      --places[h][static_cast<std::size_t>(first)][static_cast<std::size_t>(u.part)];
    } else {
      for (int n = 0; n < u.nights; ++n) {
        --beds[h][static_cast<std::size_t>(first + n)];
        const auto left = months[h].find(month_key(u.start.plus_days(n)));
        if (left != months[h].end()) --left->second;
      }
    }
  }
  for (std::size_t k = 0; k < cu.units.size(); ++k)
    if (choice[k] >= 0)
      values[static_cast<std::size_t>(programme.column[k][static_cast<std::size_t>(choice[k])])] =
          1;
  for (const auto& [key, c] : programme.sees)
    if (carers[key.first].count(key.second)) values[static_cast<std::size_t>(c)] = 1;
  for (const auto& [p, paths] : programme.paths) {
    std::vector<char>& chosen = taken[p];
    chosen.resize(paths.stays.size(), 0);
    walk(paths, chosen, true);
  }
  return values;
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
