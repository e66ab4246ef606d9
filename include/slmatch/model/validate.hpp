#pragma once
/// Domain validation of a whole scheme.
///
/// In: a `scheme` however it was built (JSON file, pandas via JSON, C++ code).
/// Out: every problem found, each naming its record ("person P01", "household H03",
/// "household H03 resident R1", "group G01", "policy") and the field as its path in the
/// scheme file ("location.lat", "weights.interests", "adults[0].age", "members[1]").
/// `validate` throws them all at once as a `validation_error`; `check_scheme` returns them.

#include "slmatch/error.hpp"
#include "slmatch/model/calendar.hpp"
#include "slmatch/model/consent_state.hpp"
#include "slmatch/model/scheme.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// The record name of a person in problems: "person P01", or "person #3" (1-based
/// position in the list) when the id is empty.
inline std::string person_record(const person& p, std::size_t index) {
  return p.id.empty() ? "person #" + std::to_string(index + 1) : "person " + p.id;
}

/// The record name of a household in problems: "household H03", or "household #3".
inline std::string household_record(const household& h, std::size_t index) {
  return h.id.empty() ? "household #" + std::to_string(index + 1) : "household " + h.id;
}

/// The record name of a resident in problems: "household H03 resident R1", or
/// "household H03 resident #2" when the resident's id is empty.
inline std::string resident_record(const household& h, std::size_t household_index,
                                   const resident& r, std::size_t resident_index) {
  return household_record(h, household_index) + " resident " +
         (r.id.empty() ? "#" + std::to_string(resident_index + 1) : r.id);
}

/// The record name of a group in problems: "group G01", or "group #2" when the id is empty.
inline std::string group_record(const person_group& g, std::size_t index) {
  return g.id.empty() ? "group #" + std::to_string(index + 1) : "group " + g.id;
}

namespace detail {

/// Collects problems for one record at a time.
class scheme_checker {
public:
  explicit scheme_checker(const scheme& s) : scheme_(s) {}

  std::vector<problem> run() {
    index_ids();
    check_policy();
    for (std::size_t i = 0; i < scheme_.people.size(); ++i) check_person(i);
    for (std::size_t i = 0; i < scheme_.households.size(); ++i) check_household(i);
    for (std::size_t i = 0; i < scheme_.groups.size(); ++i) check_group(i);
    return std::move(problems_);
  }

private:
  void report(const std::string& field, std::string message) {
    problems_.push_back(problem{record_, field, std::move(message)});
  }

  static std::string indexed(std::string_view field, std::size_t i) {
    return std::string(field) + "[" + std::to_string(i) + "]";
  }

  // Ids -------------------------------------------------------------------------------

  /// First owner of every id, so duplicates and references can be told apart.
  void index_ids() {
    for (std::size_t i = 0; i < scheme_.people.size(); ++i) {
      const auto& id = scheme_.people[i].id;
      if (!id.empty()) person_ids_.emplace(id, i);
    }
    for (std::size_t i = 0; i < scheme_.households.size(); ++i) {
      const auto& h = scheme_.households[i];
      if (!h.id.empty()) household_ids_.emplace(h.id, i);
      for (std::size_t j = 0; j < h.residents.size(); ++j) {
        const auto& id = h.residents[j].id;
        if (!id.empty()) resident_ids_.emplace(id, std::make_pair(i, j));
      }
    }
    for (std::size_t i = 0; i < scheme_.groups.size(); ++i) {
      const auto& id = scheme_.groups[i].id;
      if (!id.empty()) group_ids_.emplace(id, i);
    }
  }

  void check_id(const std::string& id, const std::map<std::string, std::size_t>& owners,
                std::size_t index, std::string_view kind) {
    if (id.empty()) {
      report("id", "must not be empty");
      return;
    }
    const std::size_t first = owners.at(id);
    if (first != index)
      report("id", "duplicate id (also used by " + std::string(kind) + " #" +
                       std::to_string(first + 1) + ")");
  }

  // Values ----------------------------------------------------------------------------

  void check_location(const std::string& field, const geo_point& where) {
    const std::string dot = field.empty() ? "" : field + ".";
    if (!(where.lat >= -90 && where.lat <= 90)) report(dot + "lat", "must be between -90 and 90");
    if (!(where.lon >= -180 && where.lon <= 180))
      report(dot + "lon", "must be between -180 and 180");
  }

  void check_lifestyle(const std::string& field, const lifestyle& l) {
    const auto scale = [&](const char* name, double value) {
      if (!(value >= 0 && value <= 1)) report(field + "." + name, "must be between 0 and 1");
    };
    scale("activity", l.activity);
    scale("setting", l.setting);
    scale("routine", l.routine);
  }

  void check_weight(const std::string& field, double value) {
    if (auto why = weight_problem(value)) report(field, *why);
  }

  void check_travel_limit(const std::string& field, double value) {
    if (!std::isfinite(value) || value <= 0) report(field, "must be a finite number above 0");
  }

  void check_range(const std::string& field, int value, int low, int high) {
    if (value < low || value > high)
      report(field, "must be between " + std::to_string(low) + " and " + std::to_string(high));
  }

  void check_date(const std::string& field, const date& d) {
    if (!d.valid()) report(field, "must be a real date from 1900-01-01 to 9999-12-31");
  }

  void check_not_after_as_of(const std::string& field, const date& d) {
    check_date(field, d);
    if (scheme_.policy.as_of < d)
      report(field, "is after the scheme's as_of date " + scheme_.policy.as_of.to_string());
  }

  void check_refs(std::string_view field, const std::vector<std::string>& ids,
                  const std::map<std::string, std::size_t>& known, std::string_view kind) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (known.count(ids[i]) == 0)
        report(indexed(field, i), "no " + std::string(kind) + " with id \"" + ids[i] + "\"");
  }

  // Calendars -------------------------------------------------------------------------

  /// Whole numbers from `low` to `high`, as check_range takes them, without a report.
  static bool in_range(int value, int low, int high) { return value >= low && value <= high; }

  /// "Friday": a weekday as sentences name it.
  static std::string day_name(weekday d) {
    std::string name(to_string(d));
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
  }

  /// "Fridays and Saturdays": the days of a set, in the plural.
  static std::string days_named(const tag_set<weekday>& days) {
    const auto values = days.values();
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) text += i + 1 == values.size() ? " and " : ", ";
      text += day_name(values[i]) + "s";
    }
    return text;
  }

  /// "second": which of its weekday in its month a day is (-1 for the last).
  static std::string ordinal(int week_of_month) {
    static constexpr std::string_view names[] = {"first", "second", "third", "fourth", "fifth"};
    if (week_of_month == -1) return "last";
    return std::string(names[week_of_month - 1]);
  }

  /// A month key as YYYY-MM.
  static std::string month_text(long key) {
    const long number = key % 12 + 1;
    return std::to_string(key / 12) + (number < 10 ? "-0" : "-") + std::to_string(number);
  }

  static std::string nights_text(long nights) {
    return std::to_string(nights) + (nights == 1 ? " night" : " nights");
  }

  /// One stay of a person's calendar, dated or made by a rule, as the checks that compare
  /// stays with each other see it.
  struct calendar_stay {
    date start;
    long first_night; ///< `start` in days since 1970-01-01
    int nights;
    std::size_t source; ///< stays[i] is source i; recurring[k] is source stays.size() + k
    long end() const { return first_night + nights; }
  };

  /// The first stays of a recurring rule (at most `limit`), from its first date on.
  static std::vector<date> first_occurrences(const recurring_stays& r, std::size_t limit) {
    const long periods = static_cast<long>(limit) * r.rule.interval;
    const long days =
        r.rule.frequency == recurrence_frequency::weekly ? 7 * periods : 31 * (periods + 1);
    auto dates = occurrences(r, r.first, r.first.plus_days(days));
    if (dates.size() > limit) dates.resize(limit);
    return dates;
  }

  /// Stays of each recurring rule the checks look at: its first ones, a bounded window.
  static constexpr std::size_t recurring_window = 60;

  /// A problem when `r` is outside the RRULE subset slmatch reads and writes.
  static std::optional<std::string> rule_problem(const recurrence& r) {
    std::string why;
    const auto back = parse_rrule(to_rrule(r), why);
    if (!back) return why;
    if (*back != r) return std::string("a weekly rule has no week of the month");
    return std::nullopt;
  }

  /// The problem of a first date its rule does not select.
  static std::string off_pattern(const recurrence& r, const date& first) {
    const std::string day = first.to_string() + " is ";
    if (r.frequency == recurrence_frequency::weekly)
      return day + "a " + day_name(weekday_of(first)) + "; the rule starts stays on " +
             days_named(r.days);
    const std::string wanted = "; the rule starts stays on the " + ordinal(r.week_of_month) + " " +
                               day_name(r.days.values().front()) + " of the month";
    if (!r.days.contains(weekday_of(first)))
      return day + "a " + day_name(weekday_of(first)) + wanted;
    return day + "the " + ordinal((first.day - 1) / 7 + 1) + " " + day_name(weekday_of(first)) +
           " of its month" + wanted;
  }

  void check_calendar(const calendar_request& c) {
    // Most nights a stay may last; 0 when there is no valid limit.
    const int longest =
        c.longest_stay && in_range(*c.longest_stay, 1, max_stay_nights) ? *c.longest_stay : 0;
    const int gap = in_range(c.shortest_gap, 0, max_stay_nights) ? c.shortest_gap : 0;
    const auto check_nights = [&](const std::string& field, int nights) {
      check_range(field, nights, 1, max_stay_nights);
      if (!in_range(nights, 1, max_stay_nights)) return false;
      if (longest > 0 && nights > longest)
        report(field, "longer than longest_stay (" + nights_text(longest) + ")");
      return true;
    };

    std::vector<calendar_stay> stays;
    for (std::size_t i = 0; i < c.stays.size(); ++i) {
      const stay& s = c.stays[i];
      const std::string field = indexed("calendar.stays", i);
      check_date(field + ".start", s.start);
      if (check_nights(field + ".nights", s.nights) && s.start.valid())
        stays.push_back({s.start, s.start.days_since_epoch(), s.nights, i});
    }
    for (std::size_t k = 0; k < c.recurring.size(); ++k) {
      const recurring_stays& r = c.recurring[k];
      const std::string field = indexed("calendar.recurring", k);
      check_date(field + ".first", r.first);
      const bool nights_valid = check_nights(field + ".nights", r.nights);
      if (const auto why = rule_problem(r.rule)) {
        report(field + ".rule", *why);
        continue;
      }
      if (!r.first.valid()) continue;
      if (!matches_pattern(r.rule, r.first, r.first)) {
        report(field + ".first", off_pattern(r.rule, r.first));
        continue;
      }
      if (r.rule.until && *r.rule.until < r.first) {
        report(field + ".rule", "UNTIL " + r.rule.until->to_string() + " is before first (" +
                                    r.first.to_string() + ")");
        continue;
      }
      if (!nights_valid) continue;
      const auto dates = first_occurrences(r, recurring_window);
      for (std::size_t i = 0; i + 1 < dates.size(); ++i) {
        const long apart = dates[i + 1].days_since_epoch() - dates[i].days_since_epoch();
        if (apart >= r.nights + gap) continue;
        const std::string between = dates[i].to_string() + " and " + dates[i + 1].to_string();
        if (apart < r.nights)
          report(field + ".nights", "stays of " + nights_text(r.nights) +
                                        " overlap: the rule starts them on " + between);
        else
          report(field + ".nights", "stays of " + nights_text(r.nights) + " leave only " +
                                        nights_text(apart - r.nights) + " at home between " +
                                        between + " (shortest_gap is " + std::to_string(gap) + ")");
        break;
      }
      for (const date& d : dates)
        stays.push_back({d, d.days_since_epoch(), r.nights, c.stays.size() + k});
    }
    if (c.allowance) check_allowance(*c.allowance, longest);
    check_day_slots(c.day_slots);
    if (c.longest_stay) check_range("calendar.longest_stay", *c.longest_stay, 1, max_stay_nights);
    check_range("calendar.shortest_gap", c.shortest_gap, 0, max_stay_nights);
    check_range("calendar.priority", c.priority, 1, 100);
    check_stays_apart(c, stays, gap);
    if (c.allowance) check_nights_allowed(*c.allowance, stays);
    if (c.stays.empty() && c.recurring.empty() && !c.allowance && c.day_slots.empty())
      report("calendar", "asks for nothing: no stays, recurring stays, allowance or day slots");
  }

  void check_allowance(const allowance& a, int longest) {
    const bool monthly = a.per == allowance_period::month;
    const int most = monthly ? 31 : max_stay_nights;
    check_range("calendar.allowance.nights", a.nights, 1, most);
    if (in_range(a.nights, 1, most)) {
      if (!in_range(a.stay_nights, 1, a.nights))
        report("calendar.allowance.stay_nights",
               "must be between 1 and the allowance's nights (" + std::to_string(a.nights) + ")");
    } else {
      check_range("calendar.allowance.stay_nights", a.stay_nights, 1, max_stay_nights);
    }
    if (longest > 0 && a.stay_nights > longest)
      report("calendar.allowance.stay_nights",
             "longer than longest_stay (" + nights_text(longest) + ")");
    std::map<date, std::size_t> unacceptable;
    for (std::size_t i = 0; i < a.unacceptable.size(); ++i) {
      check_date(indexed("calendar.allowance.unacceptable", i), a.unacceptable[i]);
      unacceptable.emplace(a.unacceptable[i], i);
    }
    for (std::size_t i = 0; i < a.preferred.size(); ++i) {
      const date& d = a.preferred[i];
      const std::string field = indexed("calendar.allowance.preferred", i);
      check_date(field, d);
      if (!d.valid()) continue;
      if (!a.start_days.empty() && !a.start_days.contains(weekday_of(d)))
        report(field, d.to_string() + " is a " + day_name(weekday_of(d)) + "; stays start on " +
                          days_named(a.start_days) + " (start_days)");
      const auto also = unacceptable.find(d);
      if (also != unacceptable.end())
        report(field, "is also unacceptable (" +
                          indexed("calendar.allowance.unacceptable", also->second) + ")");
    }
  }

  void check_day_slots(const std::vector<day_slot>& slots) {
    std::map<day_slot, std::size_t> first;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const auto [it, added] = first.emplace(slots[i], i);
      if (!added)
        report(indexed("calendar.day_slots", i),
               "repeats " + indexed("calendar.day_slots", it->second));
    }
  }

  /// Stays that overlap or leave fewer than `gap` nights at home between them, each stay or
  /// rule named once: at the later of the two in the file, naming the other.
  void check_stays_apart(const calendar_request& c, std::vector<calendar_stay> stays, int gap) {
    std::sort(stays.begin(), stays.end(), [](const calendar_stay& a, const calendar_stay& b) {
      return std::tie(a.first_night, a.source) < std::tie(b.first_night, b.source);
    });
    const auto name = [&](const calendar_stay& s) {
      return s.source < c.stays.size() ? indexed("calendar.stays", s.source)
                                       : indexed("calendar.recurring", s.source - c.stays.size());
    };
    const auto the_stay = [&](const calendar_stay& s) {
      return s.source < c.stays.size() ? std::string() : "the stay on " + s.start.to_string() + " ";
    };
    const auto other = [&](const calendar_stay& s) {
      return s.source < c.stays.size() ? name(s) : name(s) + "'s stay on " + s.start.to_string();
    };
    std::vector<bool> reported(c.stays.size() + c.recurring.size(), false);
    // The earlier stay that reaches farthest, and the farthest from any other source.
    std::optional<calendar_stay> farthest, farthest_other;
    for (const auto& s : stays) {
      const auto& before = farthest && farthest->source != s.source ? farthest : farthest_other;
      if (before) {
        const bool overlap = s.first_night < before->end();
        const long home = s.first_night - before->end();
        if (overlap || home < gap) {
          const bool later = s.source > before->source;
          const calendar_stay& at = later ? s : *before;
          const calendar_stay& with = later ? *before : s;
          if (!reported[at.source]) {
            reported[at.source] = true;
            const std::string field = name(at);
            if (overlap)
              report(field, the_stay(at) + "overlaps " + other(with));
            else
              report(field, the_stay(at) + "leaves only " + nights_text(home) +
                                " at home between it and " + other(with) + " (shortest_gap is " +
                                std::to_string(gap) + ")");
          }
        }
      }
      if (!farthest || s.end() > farthest->end()) {
        if (farthest && farthest->source != s.source) farthest_other = farthest;
        farthest = s;
      } else if (s.source != farthest->source &&
                 (!farthest_other || s.end() > farthest_other->end())) {
        farthest_other = s;
      }
    }
  }

  /// Dated and recurring stays (the rules' first ones) that take more nights in one
  /// calendar month or year than the allowance; the first such period is named.
  void check_nights_allowed(const allowance& a, const std::vector<calendar_stay>& stays) {
    const bool monthly = a.per == allowance_period::month;
    if (!in_range(a.nights, 1, monthly ? 31 : max_stay_nights)) return;
    std::map<long, long> taken; // year * 12 + month - 1, or year -> nights
    for (const auto& s : stays) {
      long night = s.first_night;
      long left = s.nights;
      while (left > 0) { // a period at a time: at most 13 for 366 nights
        const date d = date::from_days(night);
        const long period = monthly ? month_key(d) : d.year;
        const long to_end = monthly ? date::days_in_month(d.year, d.month) - d.day + 1
                                    : date{d.year, 12, 31}.days_since_epoch() - night + 1;
        const long here = std::min(left, to_end);
        taken[period] += here;
        night += here;
        left -= here;
      }
    }
    for (const auto& [period, nights] : taken) {
      if (nights <= a.nights) continue;
      const std::string when = monthly ? month_text(period) : std::to_string(period);
      report("calendar.allowance.nights", "more nights than the allowance: the stays take " +
                                              nights_text(nights) + " in " + when +
                                              ", the allowance is " + std::to_string(a.nights) +
                                              " a " + std::string(to_string(a.per)));
      return;
    }
  }

  void check_calendar(const calendar_availability& c) {
    check_range("calendar.short_break_beds", c.short_break_beds, 0, 20);
    check_range("calendar.day_places", c.day_places, 0, 20);
    check_day_slots(c.day_slots);
    // Valid ranges by their first day, each with the latest last day up to it.
    std::vector<std::pair<date_range, std::size_t>> away;
    for (std::size_t i = 0; i < c.away.size(); ++i) {
      const date_range& r = c.away[i];
      const std::string field = indexed("calendar.away", i);
      check_date(field + ".from", r.from);
      check_date(field + ".to", r.to);
      if (!r.from.valid() || !r.to.valid()) continue;
      if (r.to < r.from)
        report(field + ".from", "must not be after to");
      else
        away.emplace_back(r, i);
    }
    std::sort(away.begin(), away.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.from, a.second) < std::tie(b.first.from, b.second);
    });
    std::vector<std::size_t> reaching(away.size()); // index into away of the latest `to`
    for (std::size_t i = 0; i < away.size(); ++i)
      reaching[i] =
          i > 0 && !(away[reaching[i - 1]].first.to < away[i].first.to) ? reaching[i - 1] : i;
    if (c.max_nights_per_month)
      check_range("calendar.max_nights_per_month", *c.max_nights_per_month, 0, 31);

    std::vector<std::tuple<long, int, std::size_t>> changes; // day, +1 or -1, booking
    std::map<long, long> month_nights;                       // booked nights by month key
    for (std::size_t i = 0; i < c.bookings.size(); ++i) {
      const booking& b = c.bookings[i];
      const std::string field = indexed("calendar.bookings", i);
      check_date(field + ".start", b.start);
      check_range(field + ".nights", b.nights, 1, max_stay_nights);
      if (!b.start.valid() || !in_range(b.nights, 1, max_stay_nights)) continue;
      const date last = b.start.plus_days(b.nights - 1);
      // The away ranges starting by the last night; the one reaching farthest.
      const auto starting =
          std::upper_bound(away.begin(), away.end(), last,
                           [](const date& d, const auto& range) { return d < range.first.from; });
      if (starting != away.begin()) {
        const auto& [range, index] = away[reaching[starting - away.begin() - 1]];
        if (!(range.to < b.start)) {
          const date& when = b.start < range.from ? range.from : b.start;
          report(field, "on " + when.to_string() + " the household is away (" +
                            indexed("calendar.away", index) + ")");
        }
      }
      for (int n = 0; n < b.nights; ++n) {
        const date night = b.start.plus_days(n);
        if (hosts_night(c, weekday_of(night))) continue;
        report(field,
               "on " + night.to_string() + " (a " + std::string(to_string(weekday_of(night))) +
                   ") the household does not host short breaks (calendar.short_break_nights)");
        break;
      }
      for (int n = 0; n < b.nights; ++n) ++month_nights[month_key(b.start.plus_days(n))];
      changes.emplace_back(b.start.days_since_epoch(), 1, i);
      changes.emplace_back(b.start.days_since_epoch() + b.nights, -1, i);
    }
    if (c.max_nights_per_month && in_range(*c.max_nights_per_month, 0, 31))
      for (const auto& [month, nights] : month_nights)
        if (nights > *c.max_nights_per_month) {
          report("calendar.bookings", "in " + month_text(month) + " the bookings take " +
                                          nights_text(nights) +
                                          ", more than max_nights_per_month (" +
                                          std::to_string(*c.max_nights_per_month) + ")");
          break;
        }
    if (c.short_break_beds < 0) return;
    std::sort(changes.begin(), changes.end()); // a bed is free again before it is taken
    int booked = 0;
    for (const auto& [day, change, index] : changes) {
      booked += change;
      if (change > 0 && booked > c.short_break_beds) {
        report(indexed("calendar.bookings", index),
               "on " + c.bookings[index].start.to_string() + " the bookings need " +
                   std::to_string(booked) + (booked == 1 ? " bed" : " beds") +
                   ", more than short_break_beds (" + std::to_string(c.short_break_beds) + ")");
        return;
      }
    }
  }

  // Records ---------------------------------------------------------------------------

  void check_policy() {
    record_ = "policy";
    const auto& p = scheme_.policy;
    check_date("as_of", p.as_of);
    check_range("household_cap", p.household_cap, 1, 3);
    check_travel_limit("travel_limit_km", p.travel_limit_km);
    for (factor f : all_values<factor>())
      check_weight("weights." + std::string(to_string(f)), p.weights[static_cast<std::size_t>(f)]);
    check_weight("living_together_weight", p.living_together_weight);
    for (std::size_t i = 0; i < p.excluded_pairs.size(); ++i) {
      const auto& pair = p.excluded_pairs[i];
      const std::string field = indexed("excluded_pairs", i);
      if (person_ids_.count(pair.person_id) == 0)
        report(field + ".person", "no person with id \"" + pair.person_id + "\"");
      if (household_ids_.count(pair.household_id) == 0)
        report(field + ".household", "no household with id \"" + pair.household_id + "\"");
    }
  }

  void check_person(std::size_t index) {
    const person& p = scheme_.people[index];
    record_ = person_record(p, index);
    check_id(p.id, person_ids_, index, "person");
    check_not_after_as_of("date_of_birth", p.date_of_birth);
    if (p.needs.empty()) report("needs", "must name at least one need category");
    check_location("location", p.location);
    if (p.travel_limit_km) check_travel_limit("travel_limit_km", *p.travel_limit_km);
    check_refs("declined_households", p.declined_households, household_ids_, "household");
    for (std::size_t i = 0; i < p.conflicts_with.size(); ++i)
      if (resident_ids_.count(p.conflicts_with[i]) == 0)
        report(indexed("conflicts_with", i), "no resident with id \"" + p.conflicts_with[i] + "\"");
    check_not_after_as_of("waiting_since", p.waiting_since);
    for (std::size_t i = 0; i < p.anchors.size(); ++i)
      check_location(indexed("anchors", i), p.anchors[i].where);
    if (p.way_of_life) check_lifestyle("lifestyle", *p.way_of_life);
    check_refs("known_households", p.known_households, household_ids_, "household");
    for (const auto& [f, weight] : p.weights)
      check_weight("weights." + std::string(to_string(f)), weight);
    if (p.calendar) check_calendar(*p.calendar);
    check_consents(p);
    check_about_me(p.profile);
  }

  /// Each record's dates in order and its decision-maker named; no two records of one
  /// category and purpose in force on the same day; no record repeating the list form.
  void check_consents(const person& p) {
    for (std::size_t i = 0; i < p.consents.size(); ++i) {
      const consent_record& c = p.consents[i];
      const std::string field = indexed("consents", i);
      check_date(field + ".given_on", c.given_on);
      if (c.expires_on) {
        check_date(field + ".expires_on", *c.expires_on);
        if (!(c.given_on < *c.expires_on))
          report(field + ".expires_on", "must be after given_on " + c.given_on.to_string());
      }
      if (c.withdrawn_on) {
        check_date(field + ".withdrawn_on", *c.withdrawn_on);
        if (*c.withdrawn_on < c.given_on)
          report(field + ".withdrawn_on", "must not be before given_on " + c.given_on.to_string());
      }
      if (c.given_by != consent_giver::person && c.decided_by.empty())
        report(field + ".decided_by", c.given_by == consent_giver::best_interests
                                          ? "must name who made the best-interests decision"
                                          : "must name the advocate who gave consent");
      if (c.category == data_category::ethnicity &&
          (c.purpose == consent_purpose::matching ||
           c.purpose == consent_purpose::sharing_with_carers))
        report(field + ".purpose", "ethnicity is never used for " +
                                       std::string(to_string(c.purpose)) +
                                       "; only for equality_monitoring or analysis");
      if (listed_for(p, c.category, c.purpose))
        report(field, "consent to " + std::string(to_string(c.category)) + " for " +
                          std::string(to_string(c.purpose)) +
                          " is also in the consent list; record it once");
      for (std::size_t j = 0; j < i; ++j) {
        const consent_record& earlier = p.consents[j];
        if (earlier.category != c.category || earlier.purpose != c.purpose) continue;
        if (overlap(earlier, c))
          report(field, "is in force on the same days as consents[" + std::to_string(j) +
                            "] for the same category and purpose");
      }
    }
  }

  /// True when two consents hold on a common day.
  static bool overlap(const consent_record& a, const consent_record& b) {
    const auto a_end = a.ends_on(), b_end = b.ends_on();
    const bool a_before_b = a_end && !(b.given_on < *a_end);
    const bool b_before_a = b_end && !(a.given_on < *b_end);
    return !a_before_b && !b_before_a;
  }

  void check_about_me(const about_me& a) {
    for (std::size_t i = 0; i < a.people_i_know.size(); ++i)
      if (a.people_i_know[i].name.empty())
        report(indexed("about_me.people_i_know", i) + ".name", "must not be empty");
    for (const auto& [section, by] : a.written_by) {
      const std::string field = "about_me.written_by." + std::string(to_string(section));
      check_not_after_as_of(field + ".written_on", by.written_on);
      if (by.role != author_role::person && by.name.empty())
        report(field + ".name",
               "must name the " + std::string(to_string(by.role)) + " who wrote it");
    }
  }

  void check_household(std::size_t index) {
    const household& h = scheme_.households[index];
    record_ = household_record(h, index);
    check_id(h.id, household_ids_, index, "household");
    check_date("approval_expires", h.approval_expires);
    if (h.places < 0)
      report("places", "negative capacity");
    else
      check_range("places", h.places, 1, 3);
    if (h.free_bedrooms < 0) report("free_bedrooms", "negative capacity");
    if (h.places >= 0 && static_cast<int>(h.residents.size()) > h.places)
      report("residents", "more residents (" + std::to_string(h.residents.size()) +
                              ") than places (" + std::to_string(h.places) + ")");
    check_location("location", h.location);
    if (h.adults.empty()) report("adults", "a household needs at least one adult");
    for (std::size_t i = 0; i < h.adults.size(); ++i)
      check_range(indexed("adults", i) + ".age", h.adults[i].age, 0, 120);
    for (std::size_t i = 0; i < h.children_ages.size(); ++i)
      check_range(indexed("children_ages", i), h.children_ages[i], 0, 17);
    if (h.pets < 0) report("pets", "must be >= 0");
    check_lifestyle("lifestyle", h.way_of_life);
    if (h.years_caring < 0) report("years_caring", "must be >= 0");
    const auto& pref = h.preferences;
    if (pref.min_age) check_range("preferences.min_age", *pref.min_age, 0, 120);
    if (pref.max_age) check_range("preferences.max_age", *pref.max_age, 0, 120);
    if (pref.min_age && pref.max_age && *pref.min_age > *pref.max_age)
      report("preferences.min_age", "must not be above max_age");
    check_refs("declined_people", h.declined_people, person_ids_, "person");
    if (h.calendar) check_calendar(*h.calendar);
    for (std::size_t j = 0; j < h.residents.size(); ++j) check_resident(index, j);
  }

  void check_resident(std::size_t household_index, std::size_t index) {
    const household& h = scheme_.households[household_index];
    const resident& r = h.residents[index];
    record_ = resident_record(h, household_index, r, index);
    if (r.id.empty()) {
      report("id", "must not be empty");
    } else {
      const auto [first_household, first_resident] = resident_ids_.at(r.id);
      if (first_household != household_index || first_resident != index) {
        const household& other = scheme_.households[first_household];
        report("id", "duplicate id (also used by " +
                         resident_record(other, first_household, other.residents[first_resident],
                                         first_resident) +
                         ")");
      }
      if (person_ids_.count(r.id) != 0)
        report("id", "duplicate id (also used by person #" +
                         std::to_string(person_ids_.at(r.id) + 1) + ")");
    }
    check_range("age", r.age, 0, 120);
    if (r.way_of_life) check_lifestyle("lifestyle", *r.way_of_life);
    check_refs("conflicts_with", r.conflicts_with, person_ids_, "person");
    record_ = household_record(h, household_index);
  }

  /// Two or more people, each a person of the scheme, each in this group once and in no
  /// other group; a required group no larger than the household cap, since it goes whole
  /// into one household.
  void check_group(std::size_t index) {
    const person_group& g = scheme_.groups[index];
    record_ = group_record(g, index);
    check_id(g.id, group_ids_, index, "group");
    if (g.members.size() < 2) report("members", "a group needs at least 2 members");
    for (std::size_t j = 0; j < g.members.size(); ++j) {
      const std::string& member = g.members[j];
      const std::string field = indexed("members", j);
      if (person_ids_.count(member) == 0) {
        report(field, "no person with id \"" + member + "\"");
        continue;
      }
      std::size_t earlier = 0;
      while (earlier < j && g.members[earlier] != member) ++earlier;
      if (earlier < j) {
        report(field, "repeats " + indexed("members", earlier));
        continue;
      }
      const auto [first, added] = group_of_person_.emplace(member, index);
      if (!added)
        report(field, "person \"" + member + "\" is also in " +
                          group_record(scheme_.groups[first->second], first->second) +
                          "; a person is in one group at most");
    }
    const int cap = scheme_.policy.household_cap;
    if (g.together == togetherness::required && cap >= 1 && cap <= 3 &&
        g.members.size() > static_cast<std::size_t>(cap))
      report("members", "a group larger than the scheme's household cap (" +
                            std::to_string(g.members.size()) + " members, household_cap " +
                            std::to_string(cap) + "); a required group is placed whole");
  }

  const scheme& scheme_;
  std::string record_;
  std::vector<problem> problems_;
  std::map<std::string, std::size_t> person_ids_;    ///< id -> first person index
  std::map<std::string, std::size_t> household_ids_; ///< id -> first household index
  /// id -> (household index, resident index) of the first resident with it
  std::map<std::string, std::pair<std::size_t, std::size_t>> resident_ids_;
  std::map<std::string, std::size_t> group_ids_;       ///< id -> first group index
  std::map<std::string, std::size_t> group_of_person_; ///< person id -> first group holding it
};

} // namespace detail

/// Every domain problem in a scheme: ids, ranges, references and dates.
///
/// @param[in] s  the scheme, however it was built
/// @return  every problem, in input order (policy, then people, then households with
///          their residents, then groups); empty when the scheme is valid
inline std::vector<problem> check_scheme(const scheme& s) {
  return detail::scheme_checker(s).run();
}

/// Check a scheme and refuse it when anything is wrong.
///
/// @param[in] s  the scheme, however it was built
/// @throws slmatch::validation_error listing every problem `check_scheme` finds
inline void validate(const scheme& s) {
  auto problems = check_scheme(s);
  if (!problems.empty()) throw validation_error(std::move(problems));
}

} // namespace slmatch
