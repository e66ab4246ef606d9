#pragma once
/// Requests over a horizon, broken into the units a calendar plan assigns: each stay (one
/// or more nights, always with one household) and each day-support slot on a date.
///
/// In: a validated scheme and a horizon. Out: every unit with the households that could take
/// it (they pass every hard rule for the person except the live-in ones, free place and free
/// bedroom, whose part availability plays; they offer the arrangement; they are available
/// every night or that slot), each with its score, and what every household has left per
/// night, slot and month once the bookings that are no one's request are taken out.
/// O(people with requests × households) assessments plus O(units × households × nights).

#include "slmatch/model/calendar.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/weight.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slmatch {

/// The weeks a calendar plan covers, from `from` (its first night and first day).
struct calendar_horizon {
  date from;
  int weeks = 13;

  /// Most weeks a plan may cover.
  static constexpr int max_weeks = 104;

  int days() const { return 7 * weeks; }
  date last() const { return from.plus_days(days() - 1); }
  /// Position of a date in the horizon, or -1 outside it.
  int index(const date& d) const {
    const long i = d.days_since_epoch() - from.days_since_epoch();
    return i >= 0 && i < days() ? static_cast<int>(i) : -1;
  }
};

/// The horizon of `weeks` from the date written in `from`, or from `as_of` when `from` is
/// empty.
///
/// @param[in] option  how the caller names `from`, for the error
/// @throws slmatch::error when `from` is not a date
inline calendar_horizon horizon_from(std::string_view from, const date& as_of, int weeks,
                                     std::string_view option) {
  calendar_horizon horizon{as_of, weeks};
  if (from.empty()) return horizon;
  const auto day = date::parse(from);
  if (!day)
    throw error(std::string(option) + ": \"" + std::string(from) + "\" is not a date (YYYY-MM-DD)");
  horizon.from = *day;
  return horizon;
}

/// The two kinds of unit a plan assigns.
enum class unit_kind : std::uint8_t { stay, day_slot };
/// Which part of a request a unit comes from.
enum class unit_source : std::uint8_t { stay, recurring, allowance, day_slot };
SLMATCH_VOCABULARY(unit_kind, "calendar unit", "stay"sv, "day_slot"sv);
SLMATCH_VOCABULARY(unit_source, "request part", "stay"sv, "recurring"sv, "allowance"sv,
                   "day_slot"sv);

/// A stay or a day slot one person asks for.
struct calendar_unit {
  std::size_t person = 0;
  unit_kind kind = unit_kind::stay;
  unit_source source = unit_source::stay;
  std::size_t source_index = 0;            ///< position in the request's list it comes from
  date start;                              ///< first night, or the slot's date
  int nights = 1;                          ///< stays only
  part_of_day part = part_of_day::morning; ///< day slots only
  bool preferred = false;                  ///< an allowance stay on a date the person prefers
  /// Household index of a booking already confirmed for this stay, or -1.
  int booked_with = -1;

  /// Nights for a stay, 1 for a slot: what the plan counts as covered.
  int size() const { return kind == unit_kind::stay ? nights : 1; }
};

/// A household that could take a unit, with the pair's score in the solvers' units.
struct unit_option {
  std::size_t household = 0;
  std::int64_t score_weight = 0;
};

/// A part of a request left out of the plan because it does not fit in the horizon.
struct outside_horizon {
  std::size_t person = 0;
  unit_source source = unit_source::stay;
  std::size_t source_index = 0;
  date start;
  int nights = 1;
};

/// Everything a calendar plan chooses from.
struct calendar_units {
  calendar_horizon horizon;
  std::vector<calendar_unit> units;
  std::vector<std::vector<unit_option>> options; ///< per unit, by household index
  /// Per person: households passing every hard rule that applies (availability aside).
  std::vector<std::vector<std::size_t>> suitable;
  std::vector<std::vector<int>> beds_left;                  ///< [household][day]
  std::vector<std::vector<std::array<int, 3>>> places_left; ///< [household][day][part]
  /// [household]: nights left per month (year × 12 + month − 1), for households with a limit.
  std::vector<std::map<long, int>> month_nights_left;
  /// Per person with an allowance: the most nights per period (key as `period_key`) in the
  /// horizon, pro rata where the period is partly outside it.
  std::vector<std::map<long, int>> allowance_left;
  std::vector<outside_horizon> outside;
};

/// The key of the allowance period holding a date: its month key, or its year.
inline long period_key(allowance_period per, const date& d) {
  return per == allowance_period::month ? month_key(d) : static_cast<long>(d.year);
}

/// True when every hard rule that applies to a calendar request passes: all but the
/// live-in rules (free place, free bedroom) and the arrangement type, which each unit checks
/// against the kind it is.
inline bool suits_calendar(const pair_assessment& a) {
  for (const auto& r : a.rules)
    if (!r.passed && r.id != rule::free_place && r.id != rule::free_bedroom &&
        r.id != rule::arrangement_type)
      return false;
  return true;
}

namespace detail {

inline void add_stay_unit(calendar_units& out, std::size_t person, unit_source source,
                          std::size_t index, const date& start, int nights, bool preferred) {
  const int first = out.horizon.index(start);
  const int last = out.horizon.index(start.plus_days(nights - 1));
  if (first < 0 || last < 0) {
    if (source != unit_source::allowance)
      out.outside.push_back({person, source, index, start, nights});
    return;
  }
  calendar_unit u;
  u.person = person;
  u.kind = unit_kind::stay;
  u.source = source;
  u.source_index = index;
  u.start = start;
  u.nights = nights;
  u.preferred = preferred;
  out.units.push_back(u);
}

/// Nights of a period in the horizon, and in all.
inline std::pair<int, int> period_days(const calendar_horizon& horizon, allowance_period per,
                                       long key) {
  int inside = 0;
  for (int i = 0; i < horizon.days(); ++i)
    if (period_key(per, horizon.from.plus_days(i)) == key) ++inside;
  int all = 0;
  if (per == allowance_period::year) {
    const int year = static_cast<int>(key);
    all = date{year, 12, 31}.days_since_epoch() - date{year, 1, 1}.days_since_epoch() + 1;
  } else {
    all = date::days_in_month(static_cast<int>(key / 12), static_cast<int>(key % 12) + 1);
  }
  return {inside, all};
}

} // namespace detail

/// Break every calendar request into units and find who could take each.
///
/// @param[in] s        a validated scheme
/// @param[in] horizon  the weeks to plan; `weeks` from 1 to `calendar_horizon::max_weeks`
/// @return  units in person order (stays by date, then slots by date), options by household
/// @throws slmatch::error when the horizon is out of range
inline calendar_units expand_requests(const scheme& s, const calendar_horizon& horizon) {
  if (horizon.weeks < 1 || horizon.weeks > calendar_horizon::max_weeks)
    throw error("the horizon must be 1 to " + std::to_string(calendar_horizon::max_weeks) +
                " weeks");
  if (!horizon.from.valid() || !horizon.from.plus_days(horizon.days()).valid())
    throw error("the horizon must lie between 1900 and 9999");
  calendar_units out;
  out.horizon = horizon;
  const std::size_t households = s.households.size();
  const int days = horizon.days();
  out.suitable.resize(s.people.size());
  out.allowance_left.resize(s.people.size());
  out.beds_left.assign(households, std::vector<int>(static_cast<std::size_t>(days), 0));
  out.places_left.assign(households,
                         std::vector<std::array<int, 3>>(static_cast<std::size_t>(days)));
  out.month_nights_left.resize(households);

  for (std::size_t p = 0; p < s.people.size(); ++p) {
    const person& person = s.people[p];
    if (!person.calendar) continue;
    const calendar_request& r = *person.calendar;
    const std::size_t first_unit = out.units.size();
    for (std::size_t i = 0; i < r.stays.size(); ++i)
      detail::add_stay_unit(out, p, unit_source::stay, i, r.stays[i].start, r.stays[i].nights,
                            false);
    for (std::size_t i = 0; i < r.recurring.size(); ++i)
      for (const date& d : occurrences(r.recurring[i], horizon.from, horizon.last()))
        detail::add_stay_unit(out, p, unit_source::recurring, i, d, r.recurring[i].nights, false);
    if (r.allowance) {
      const allowance& a = *r.allowance;
      for (int i = 0; i < days; ++i) {
        const date start = horizon.from.plus_days(i);
        if (!a.start_days.empty() && !a.start_days.contains(weekday_of(start))) continue;
        bool acceptable = true;
        for (int n = 0; n < a.stay_nights && acceptable; ++n)
          acceptable = std::find(a.unacceptable.begin(), a.unacceptable.end(),
                                 start.plus_days(n)) == a.unacceptable.end();
        if (!acceptable) continue;
        const bool preferred =
            std::find(a.preferred.begin(), a.preferred.end(), start) != a.preferred.end();
        detail::add_stay_unit(out, p, unit_source::allowance, 0, start, a.stay_nights, preferred);
      }
      for (int i = 0; i < days; ++i) {
        const long key = period_key(a.per, horizon.from.plus_days(i));
        if (out.allowance_left[p].count(key)) continue;
        const auto [inside, all] = detail::period_days(horizon, a.per, key);
        // Pro rata, rounded up: a month half inside the horizon allows half its nights.
        out.allowance_left[p][key] = static_cast<int>(
            (static_cast<long>(a.nights) * inside + all - 1) / static_cast<long>(all));
      }
    }
    std::vector<day_slot> slots = r.day_slots;
    for (int i = 0; i < days; ++i) {
      const date d = horizon.from.plus_days(i);
      for (std::size_t k = 0; k < slots.size(); ++k) {
        if (slots[k].day != weekday_of(d)) continue;
        calendar_unit u;
        u.person = p;
        u.kind = unit_kind::day_slot;
        u.source = unit_source::day_slot;
        u.source_index = k;
        u.start = d;
        u.part = slots[k].part;
        out.units.push_back(u);
      }
    }
    std::stable_sort(out.units.begin() + static_cast<std::ptrdiff_t>(first_unit), out.units.end(),
                     [](const calendar_unit& a, const calendar_unit& b) {
                       if (a.kind != b.kind) return a.kind < b.kind;
                       if (a.start != b.start) return a.start < b.start;
                       return a.part < b.part;
                     });
  }

  // What each household has, less the bookings that are no one's request here.
  for (std::size_t h = 0; h < households; ++h) {
    if (!s.households[h].calendar) continue;
    const calendar_availability& a = *s.households[h].calendar;
    for (int i = 0; i < days; ++i) {
      const date d = horizon.from.plus_days(i);
      const bool away = away_on(a, d) != nullptr;
      out.beds_left[h][static_cast<std::size_t>(i)] =
          away || !hosts_night(a, weekday_of(d)) ? 0 : a.short_break_beds;
      for (int part = 0; part < 3; ++part)
        out.places_left[h][static_cast<std::size_t>(i)][static_cast<std::size_t>(part)] =
            away || !offers_slot(a, {weekday_of(d), static_cast<part_of_day>(part)}) ? 0
                                                                                     : a.day_places;
      if (a.max_nights_per_month) out.month_nights_left[h][month_key(d)] = *a.max_nights_per_month;
    }
    for (const booking& b : a.bookings) {
      bool theirs = false;
      for (auto& u : out.units)
        if (u.kind == unit_kind::stay && u.start == b.start && u.nights == b.nights &&
            s.people[u.person].id == b.person_id && u.source != unit_source::allowance &&
            u.booked_with < 0) {
          u.booked_with = static_cast<int>(h);
          theirs = true;
          break;
        }
      if (theirs) continue;
      for (int n = 0; n < b.nights; ++n) {
        const date night = b.start.plus_days(n);
        const int i = horizon.index(night);
        if (i < 0) continue;
        int& beds = out.beds_left[h][static_cast<std::size_t>(i)];
        beds = std::max(0, beds - 1);
        const auto month = out.month_nights_left[h].find(month_key(night));
        if (month != out.month_nights_left[h].end()) month->second = std::max(0, month->second - 1);
      }
    }
  }

  // Who could take each unit.
  std::vector<std::vector<std::int64_t>> score(s.people.size());
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    if (!s.people[p].calendar) continue;
    score[p].assign(households, -1);
    for (std::size_t h = 0; h < households; ++h) {
      const pair_assessment a = assess(s, s.people[p], s.households[h]);
      if (!suits_calendar(a)) continue;
      out.suitable[p].push_back(h);
      score[p][h] = score_to_weight(a.score);
    }
  }
  out.options.resize(out.units.size());
  for (std::size_t k = 0; k < out.units.size(); ++k) {
    const calendar_unit& u = out.units[k];
    for (std::size_t h : out.suitable[u.person]) {
      const household& home = s.households[h];
      if (!home.calendar) continue;
      const int first = horizon.index(u.start);
      bool available = true;
      if (u.kind == unit_kind::stay) {
        available = home.arrangements.contains(arrangement_type::short_break);
        for (int n = 0; n < u.nights && available; ++n)
          available = out.beds_left[h][static_cast<std::size_t>(first + n)] > 0;
      } else {
        available =
            home.arrangements.contains(arrangement_type::day_support) &&
            out.places_left[h][static_cast<std::size_t>(first)][static_cast<std::size_t>(u.part)] >
                0;
      }
      if (available) out.options[k].push_back({h, score[u.person][h]});
    }
  }
  return out;
}

} // namespace slmatch
