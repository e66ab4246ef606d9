#pragma once
/// Synthetic short breaks and day support: a generated scheme whose people all ask for
/// short breaks or day support over a horizon, and whose households say when they host.
///
/// In: the usual `synthetic_options` (people are the requests, households the carers), the
/// first day and the number of weeks. Out: a valid scheme; the same options always give the
/// same scheme. The mix follows how schemes describe these arrangements: three in five
/// requests are short breaks (every other weekend, a monthly weekend, dated stays or an
/// allowance of nights a month), two in five day support (one to three weekly slots); a
/// fifth of people require one carer for all; a third of households host at weekends only,
/// a fifth are away for a week and a third cap their nights a month.

#include "slmatch/model/calendar.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace slmatch {

/// A generated scheme of short-break and day-support requests over `weeks` from `from`.
///
/// @param[in] options  sizes, seed and area, as for `generate_scheme`
/// @param[in] from     the first day of the horizon the requests fall in
/// @param[in] weeks    the horizon's length, 1 to 104
/// @throws slmatch::error as `generate_scheme` does, or for weeks out of range
inline scheme generate_calendar_scheme(const synthetic_options& options, const date& from,
                                       int weeks) {
  if (weeks < 1 || weeks > 104) throw error("weeks must be between 1 and 104");
  scheme s = generate_scheme(options);
  // Its own stream, so the people and households are those `generate_scheme` gives.
  detail::random_source rng(options.seed, 100);
  const int days = 7 * weeks;
  const auto day = [&](int i) { return from.plus_days(i); };
  // The first day of the horizon with this weekday.
  const auto first_on = [&](weekday w) {
    int i = 0;
    while (weekday_of(day(i)) != w) ++i;
    return day(i);
  };

  for (household& h : s.households) {
    h.arrangements.insert(arrangement_type::short_break);
    h.arrangements.insert(arrangement_type::day_support);
    calendar_availability a;
    a.short_break_beds = rng.chance(750) ? 1 : 2;
    if (rng.chance(333)) a.short_break_nights = {weekday::friday, weekday::saturday};
    a.day_places = rng.between(1, 3);
    if (rng.chance(200)) {
      const date away = day(rng.between(0, std::max(0, days - 7)));
      a.away.push_back({away, away.plus_days(6)});
    }
    if (rng.chance(333)) a.max_nights_per_month = rng.between(6, 10);
    h.calendar = a;
  }

  for (person& p : s.people) {
    calendar_request r;
    const int kind = rng.between(0, 99);
    if (kind < 60) {
      p.arrangement = arrangement_type::short_break;
      const int shape = rng.between(0, 3);
      if (shape == 0) {
        std::string problem;
        r.recurring.push_back({first_on(rng.chance(500) ? weekday::friday : weekday::saturday),
                               *parse_rrule(rng.chance(500) ? "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
                                                            : "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
                                            problem),
                               1});
        r.recurring.back().rule.days = {weekday_of(r.recurring.back().first)};
        r.recurring.back().nights = weekday_of(r.recurring.back().first) == weekday::friday ? 2 : 1;
      } else if (shape == 1) {
        recurrence monthly;
        monthly.frequency = recurrence_frequency::monthly;
        monthly.days = {weekday::friday};
        monthly.week_of_month = rng.between(1, 4);
        // The first such Friday in the horizon.
        date first = day(0);
        while (!matches_pattern(monthly, first, first)) first = first.plus_days(1);
        r.recurring.push_back({first, monthly, 2});
      } else if (shape == 2) {
        int at = rng.between(0, 13);
        for (int i = 0, stays = rng.between(2, 4); i < stays && at < days - 7; ++i) {
          const int nights = rng.between(2, 7);
          r.stays.push_back({day(at), nights});
          at += nights + rng.between(7, 21);
        }
      } else {
        allowance a;
        a.nights = 4;
        a.stay_nights = 2;
        a.start_days = {rng.chance(500) ? weekday::friday : weekday::saturday};
        const date preferred = first_on(weekday::friday).plus_days(7 * rng.between(0, weeks - 1));
        if (a.start_days.contains(weekday::friday)) a.preferred.push_back(preferred);
        r.allowance = a;
        r.shortest_gap = 5;
      }
      if (r.stays.empty() && r.recurring.empty() && !r.allowance) {
        allowance four_a_month;
        four_a_month.nights = 4;
        r.allowance = four_a_month;
      }
    } else {
      p.arrangement = arrangement_type::day_support;
      for (int i = 0, slots = rng.between(1, 3); i < slots; ++i) {
        const day_slot slot{static_cast<weekday>(rng.between(0, 4)),
                            rng.chance(500) ? part_of_day::morning : part_of_day::afternoon};
        if (std::find(r.day_slots.begin(), r.day_slots.end(), slot) == r.day_slots.end())
          r.day_slots.push_back(slot);
      }
    }
    const int continuity = rng.between(0, 99);
    r.one_carer = continuity < 20   ? carer_continuity::required
                  : continuity < 80 ? carer_continuity::preferred
                                    : carer_continuity::any;
    p.calendar = r;
  }
  return s;
}

} // namespace slmatch
