#pragma once
/// Short breaks and day support over time: what a person asks for and when a household can
/// host.
///
/// A person's `calendar_request` holds dated stays, recurring stays (a documented subset of
/// the iCalendar RRULE of RFC 5545), an allowance of nights per month or year, and weekly
/// day-support slots. A household's `calendar_availability` holds its short-break beds and
/// day places, the nights and slots it offers, its dates away, the most nights a month it
/// will host and the bookings it already has. A scheme without either matches as before.

#include "slmatch/model/basics.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace slmatch {

/// Days of the week, Monday first (as `date::day_of_week` counts them).
enum class weekday : std::uint8_t {
  monday,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};

/// Parts of a day a day-support slot may take.
enum class part_of_day : std::uint8_t { morning, afternoon, evening };

/// Whether a person must, would like to, or need not see one carer for every stay.
enum class carer_continuity : std::uint8_t { required, preferred, any };

/// The period an allowance of nights is counted over.
enum class allowance_period : std::uint8_t { month, year };

/// How often a recurrence repeats.
enum class recurrence_frequency : std::uint8_t { weekly, monthly };

using namespace std::string_view_literals;
SLMATCH_VOCABULARY(weekday, "weekday", "monday"sv, "tuesday"sv, "wednesday"sv, "thursday"sv,
                   "friday"sv, "saturday"sv, "sunday"sv);
SLMATCH_VOCABULARY(part_of_day, "part of day", "morning"sv, "afternoon"sv, "evening"sv);
SLMATCH_VOCABULARY(carer_continuity, "carer continuity", "required"sv, "preferred"sv, "any"sv);
SLMATCH_VOCABULARY(allowance_period, "allowance period", "month"sv, "year"sv);
SLMATCH_VOCABULARY(recurrence_frequency, "recurrence frequency", "weekly"sv, "monthly"sv);

/// The weekday of a date.
inline weekday weekday_of(const date& d) { return static_cast<weekday>(d.day_of_week()); }

/// The month key of a date: year × 12 + month − 1.
inline long month_key(const date& d) { return static_cast<long>(d.year) * 12 + (d.month - 1); }

/// Most nights one stay may last, and most of anything counted in nights.
inline constexpr int max_stay_nights = 366;

/// A dated stay: `nights` nights from the evening of `start`.
struct stay {
  date start;
  int nights = 1;

  /// The morning the person goes home.
  date end() const { return start.plus_days(nights); }

  auto fields() const { return std::tie(start, nights); }
  friend bool operator==(const stay& a, const stay& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const stay& a, const stay& b) { return !(a == b); }
};

/// The subset of an iCalendar RRULE slmatch reads and writes:
/// `FREQ=WEEKLY;INTERVAL=n;BYDAY=MO,FR` (every n weeks on the given days) and
/// `FREQ=MONTHLY;INTERVAL=n;BYDAY=2SA` (the nth given weekday of every n months, -1 for the
/// last), each optionally ending with `COUNT=k` or `UNTIL=YYYYMMDD`. Weeks start on Monday.
struct recurrence {
  recurrence_frequency frequency = recurrence_frequency::weekly;
  int interval = 1;
  tag_set<weekday> days;
  int week_of_month = 0; ///< monthly only: 1–4, or -1 for the last
  std::optional<int> count;
  std::optional<date> until;

  auto fields() const { return std::tie(frequency, interval, days, week_of_month, count, until); }
  friend bool operator==(const recurrence& a, const recurrence& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const recurrence& a, const recurrence& b) { return !(a == b); }
};

/// Stays that repeat: the first on `first`, then as `rule` says, each `nights` long.
struct recurring_stays {
  date first;
  recurrence rule;
  int nights = 1;

  auto fields() const { return std::tie(first, rule, nights); }
  friend bool operator==(const recurring_stays& a, const recurring_stays& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const recurring_stays& a, const recurring_stays& b) { return !(a == b); }
};

/// A number of nights per month or year that the planner places: stays of `stay_nights`
/// starting on `start_days` (every day when empty), never on an unacceptable night, with
/// the preferred dates' stays favoured.
struct allowance {
  int nights = 0;
  allowance_period per = allowance_period::month;
  int stay_nights = 1;
  tag_set<weekday> start_days;
  std::vector<date> preferred;    ///< start dates the person would most like
  std::vector<date> unacceptable; ///< nights the person cannot stay away

  auto fields() const {
    return std::tie(nights, per, stay_nights, start_days, preferred, unacceptable);
  }
  friend bool operator==(const allowance& a, const allowance& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const allowance& a, const allowance& b) { return !(a == b); }
};

/// A weekly slot of day support.
struct day_slot {
  weekday day = weekday::monday;
  part_of_day part = part_of_day::morning;

  auto fields() const { return std::tie(day, part); }
  friend bool operator==(const day_slot& a, const day_slot& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const day_slot& a, const day_slot& b) { return !(a == b); }
  friend bool operator<(const day_slot& a, const day_slot& b) { return a.fields() < b.fields(); }
};

/// What a person asks for over time. Stays need a household offering short breaks, day
/// slots one offering day support; every other hard rule applies as for any match.
struct calendar_request {
  std::vector<stay> stays;
  std::vector<recurring_stays> recurring;
  std::optional<struct allowance> allowance;
  std::vector<day_slot> day_slots;
  std::optional<int> longest_stay; ///< nights
  int shortest_gap = 0;            ///< nights at home between two stays
  carer_continuity one_carer = carer_continuity::preferred;
  int priority = 1; ///< weight of each night or slot covered (1–100)

  auto fields() const {
    return std::tie(stays, recurring, allowance, day_slots, longest_stay, shortest_gap, one_carer,
                    priority);
  }
  friend bool operator==(const calendar_request& a, const calendar_request& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const calendar_request& a, const calendar_request& b) { return !(a == b); }
};

/// Days from `from` to `to`, both included.
struct date_range {
  date from;
  date to;

  bool contains(const date& d) const { return !(d < from) && !(to < d); }

  auto fields() const { return std::tie(from, to); }
  friend bool operator==(const date_range& a, const date_range& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const date_range& a, const date_range& b) { return !(a == b); }
};

/// A short break the household has already confirmed. When `person_id` names a person in
/// the scheme who asks for the same stay, the planner keeps it there unless moving it pays;
/// otherwise it only takes a bed.
struct booking {
  std::string person_id;
  date start;
  int nights = 1;

  auto fields() const { return std::tie(person_id, start, nights); }
  friend bool operator==(const booking& a, const booking& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const booking& a, const booking& b) { return !(a == b); }
};

/// When a household can host short breaks and day support.
struct calendar_availability {
  int short_break_beds = 0;            ///< beds for short breaks on a night it hosts
  tag_set<weekday> short_break_nights; ///< nights of the week it hosts (every night when empty)
  int day_places = 0;                  ///< people it supports at once in a day slot
  std::vector<day_slot> day_slots; ///< slots it offers (weekday mornings and afternoons when empty)
  std::vector<date_range> away;    ///< no short breaks or day support on these days
  std::optional<int> max_nights_per_month;
  std::vector<booking> bookings;

  auto fields() const {
    return std::tie(short_break_beds, short_break_nights, day_places, day_slots, away,
                    max_nights_per_month, bookings);
  }
  friend bool operator==(const calendar_availability& a, const calendar_availability& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const calendar_availability& a, const calendar_availability& b) {
    return !(a == b);
  }
};

/// True when the household offers day support in this slot (weekday mornings and
/// afternoons when it lists none).
inline bool offers_slot(const calendar_availability& a, const day_slot& slot) {
  if (a.day_slots.empty()) return slot.day <= weekday::friday && slot.part != part_of_day::evening;
  return std::find(a.day_slots.begin(), a.day_slots.end(), slot) != a.day_slots.end();
}

/// True when the household hosts short breaks on this weekday's night.
inline bool hosts_night(const calendar_availability& a, weekday day) {
  return a.short_break_nights.empty() || a.short_break_nights.contains(day);
}

/// The range of the household's dates away holding `d`, if any.
inline const date_range* away_on(const calendar_availability& a, const date& d) {
  for (const auto& range : a.away)
    if (range.contains(d)) return &range;
  return nullptr;
}

namespace detail {
inline constexpr std::string_view rrule_days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

inline std::optional<int> parse_whole(std::string_view text) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}
} // namespace detail

/// Read an RRULE in the subset `recurrence` describes.
///
/// @param[in]  text     e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
/// @param[out] problem  when reading fails, what is wrong in words
/// @return  the recurrence, or nothing when `text` is outside the subset
inline std::optional<recurrence> parse_rrule(std::string_view text, std::string& problem) {
  recurrence out;
  bool has_frequency = false;
  std::vector<std::string_view> by_day;
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    const std::string_view part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) {
      problem = "\"" + std::string(part) + "\" is not NAME=VALUE";
      return std::nullopt;
    }
    const std::string_view name = part.substr(0, equals), value = part.substr(equals + 1);
    if (name == "FREQ") {
      if (value == "WEEKLY")
        out.frequency = recurrence_frequency::weekly;
      else if (value == "MONTHLY")
        out.frequency = recurrence_frequency::monthly;
      else {
        problem = "FREQ must be WEEKLY or MONTHLY";
        return std::nullopt;
      }
      has_frequency = true;
    } else if (name == "INTERVAL") {
      const auto n = detail::parse_whole(value);
      if (!n || *n < 1 || *n > 52) {
        problem = "INTERVAL must be a whole number from 1 to 52";
        return std::nullopt;
      }
      out.interval = *n;
    } else if (name == "COUNT") {
      const auto n = detail::parse_whole(value);
      if (!n || *n < 1 || *n > 1000) {
        problem = "COUNT must be a whole number from 1 to 1000";
        return std::nullopt;
      }
      out.count = *n;
    } else if (name == "UNTIL") {
      const std::string iso = value.size() == 8 ? std::string(value.substr(0, 4)) + "-" +
                                                      std::string(value.substr(4, 2)) + "-" +
                                                      std::string(value.substr(6, 2))
                                                : std::string();
      const auto d = date::parse(iso);
      if (!d) {
        problem = "UNTIL must be a date written YYYYMMDD";
        return std::nullopt;
      }
      out.until = *d;
    } else if (name == "BYDAY") {
      std::string_view rest = value;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        by_day.push_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
    } else {
      problem = "\"" + std::string(name) +
                "\" is not supported (FREQ, INTERVAL, BYDAY, COUNT and UNTIL are)";
      return std::nullopt;
    }
  }
  if (!has_frequency) {
    problem = "FREQ is missing";
    return std::nullopt;
  }
  if (out.count && out.until) {
    problem = "COUNT and UNTIL cannot both be given";
    return std::nullopt;
  }
  if (by_day.empty()) {
    problem = "BYDAY is missing";
    return std::nullopt;
  }
  for (std::string_view entry : by_day) {
    if (entry.size() < 2) {
      problem = "BYDAY entry \"" + std::string(entry) + "\" is not a weekday";
      return std::nullopt;
    }
    const std::string_view day = entry.substr(entry.size() - 2);
    const std::string_view ordinal = entry.substr(0, entry.size() - 2);
    int found = -1;
    for (int d = 0; d < 7; ++d)
      if (detail::rrule_days[d] == day) found = d;
    if (found < 0) {
      problem = "BYDAY entry \"" + std::string(entry) + "\" is not a weekday (MO to SU)";
      return std::nullopt;
    }
    out.days.insert(static_cast<weekday>(found));
    if (out.frequency == recurrence_frequency::weekly) {
      if (!ordinal.empty()) {
        problem = "a weekly BYDAY takes weekdays without a number";
        return std::nullopt;
      }
      continue;
    }
    if (by_day.size() != 1) {
      problem = "a monthly BYDAY takes one weekday, such as 2SA or -1FR";
      return std::nullopt;
    }
    const bool last = ordinal == "-1";
    const auto n = last ? std::optional<int>(-1) : detail::parse_whole(ordinal);
    if (!n || (!last && (*n < 1 || *n > 4))) {
      problem = "a monthly BYDAY needs 1 to 4, or -1 for the last, before the weekday";
      return std::nullopt;
    }
    out.week_of_month = *n;
  }
  return out;
}

/// The RRULE text of a recurrence, as `parse_rrule` reads it back.
inline std::string to_rrule(const recurrence& r) {
  std::string text = r.frequency == recurrence_frequency::weekly ? "FREQ=WEEKLY" : "FREQ=MONTHLY";
  if (r.interval != 1) text += ";INTERVAL=" + std::to_string(r.interval);
  text += ";BYDAY=";
  bool first = true;
  for (int d = 0; d < 7; ++d) {
    if (!r.days.contains(static_cast<weekday>(d))) continue;
    if (!first) text += ",";
    first = false;
    if (r.frequency == recurrence_frequency::monthly) text += std::to_string(r.week_of_month);
    text += detail::rrule_days[d];
  }
  if (r.count) text += ";COUNT=" + std::to_string(*r.count);
  if (r.until) {
    std::string iso = r.until->to_string();
    text += ";UNTIL=" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  }
  return text;
}

/// True when `d` is a day the rule's pattern selects (ignoring its start, count and end).
inline bool matches_pattern(const recurrence& r, const date& first, const date& d) {
  if (r.interval < 1 || !r.days.contains(weekday_of(d))) return false;
  if (r.frequency == recurrence_frequency::weekly) {
    const long week = (d.days_since_epoch() - d.day_of_week()) / 7;
    const long first_week = (first.days_since_epoch() - first.day_of_week()) / 7;
    return (week - first_week) % r.interval == 0;
  }
  const int months = (d.year - first.year) * 12 + (d.month - first.month);
  if (months % r.interval != 0) return false;
  if (r.week_of_month > 0) return (d.day - 1) / 7 + 1 == r.week_of_month;
  return d.day + 7 > date::days_in_month(d.year, d.month);
}

/// The start dates of recurring stays from `from` to `last` (both included), in date order.
/// Work is proportional to the periods (weeks or months) the rule visits, not to days.
///
/// @param[in] stays  the pattern; its first date should match its rule (validation checks)
/// @param[in] from   the first start date wanted
/// @param[in] last   the last start date wanted
inline std::vector<date> occurrences(const recurring_stays& stays, const date& from,
                                     const date& last) {
  std::vector<date> out;
  const recurrence& rule = stays.rule;
  if (rule.interval < 1) return out; // not a rule `parse_rrule` gives or validation passes
  date end = last;
  if (rule.until && *rule.until < end) end = *rule.until;
  int counted = 0;
  const auto take = [&](const date& d) {
    if (d < stays.first || end < d) return true;
    if (rule.count && counted >= *rule.count) return false;
    ++counted;
    if (!(d < from)) out.push_back(d);
    return true;
  };
  // Without a count, periods before `from` need not be visited.
  const date start = !rule.count && stays.first < from ? from : stays.first;
  if (rule.frequency == recurrence_frequency::weekly) {
    const long first_monday = stays.first.days_since_epoch() - stays.first.day_of_week();
    long monday = start.days_since_epoch() - start.day_of_week();
    const long offset = ((monday - first_monday) / 7) % rule.interval;
    if (offset != 0) monday += 7L * (rule.interval - offset);
    for (; monday <= end.days_since_epoch(); monday += 7L * rule.interval)
      for (int d = 0; d < 7; ++d)
        if (rule.days.contains(static_cast<weekday>(d)) && !take(date::from_days(monday + d)))
          return out;
    return out;
  }
  long month = month_key(start);
  const long first_month = month_key(stays.first);
  const long offset = (month - first_month) % rule.interval;
  if (offset != 0) month += rule.interval - offset;
  for (; month <= month_key(end); month += rule.interval) {
    const int year = static_cast<int>(month / 12), number = static_cast<int>(month % 12) + 1;
    if (year > date::last_year) break;
    for (int day = 1; day <= date::days_in_month(year, number); ++day) {
      const date d{year, number, day};
      if (matches_pattern(rule, stays.first, d) && !take(d)) return out;
    }
  }
  return out;
}

} // namespace slmatch
