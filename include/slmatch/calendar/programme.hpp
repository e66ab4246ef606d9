#pragma once
/// The calendar as a mixed-integer programme: a 0/1 column per unit and household that may
/// take it, and per person with one carer a column per household they might see; rows for
/// beds, day places, nights per month, allowances and gaps (as paths through a person's
/// stays), one carer, and a carer's nights under an allowance; the two steps' objectives.
///
/// In: a scheme's units, the households each unit keeps a bonus for, and the options. Out:
/// the programme with each unit's columns, each person's allowance paths and carer columns.

#include "slmatch/calendar/objective.hpp"
#include "slmatch/solve/mip.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

namespace detail {

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
} // namespace detail

} // namespace slmatch
