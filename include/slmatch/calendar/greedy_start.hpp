#pragma once
/// A first plan for the calendar programme, found greedily: a start that keeps every row,
/// so a search stopped by its time limit never does worse, and, led by a relaxation's
/// values, a rounding of that relaxation.
///
/// In: a scheme's units, the programme (`build_calendar_programme`) and optionally a guide
/// per column. Out: one value per column of the programme.

#include "slmatch/calendar/programme.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace slmatch {

namespace detail {

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

} // namespace slmatch
