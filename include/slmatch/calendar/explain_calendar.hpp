#pragma once
/// A calendar plan in plain English: for each stay or slot, who takes it or why no suitable
/// household could; for each person, how much is covered and by how many carers.
///
/// In: a scheme and its `calendar_plan`. Out: sentences naming households and dates, never
/// another person (a bed another person's stay took is "taken by another stay").

#include "slmatch/calendar/plan.hpp"
#include "slmatch/score/wording.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace slmatch {

/// A date as people write it: "12 August 2027".
inline std::string readable_date(const date& d) {
  static constexpr const char* months[] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
  return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
}

/// A range of dates as people write it: "12–19 August 2027", "30 July – 2 August 2027".
inline std::string readable_range(const date& from, const date& to) {
  if (from == to) return readable_date(from);
  if (from.year == to.year && from.month == to.month)
    return std::to_string(from.day) + "–" + readable_date(to);
  std::string start = readable_date(from);
  if (from.year == to.year) start = start.substr(0, start.rfind(' '));
  return start + " – " + readable_date(to);
}

/// What a unit is, in words: "the 2-night stay from 8 January 2027", "day support on
/// 12 January 2027 (morning)".
inline std::string describe_unit(const calendar_unit& u) {
  if (u.kind == unit_kind::day_slot)
    return "day support on " + readable_date(u.start) + " (" + std::string(to_string(u.part)) + ")";
  return "the " + std::to_string(u.nights) + "-night stay from " + readable_date(u.start);
}

namespace detail {

inline std::string weekday_names(const tag_set<weekday>& days) {
  std::vector<std::string> names;
  for (weekday d : all_values<weekday>())
    if (days.contains(d)) names.push_back(wording::capitalise(std::string(to_string(d))));
  return wording::join_list(names);
}

/// Why household h could not take unit k in this plan, or "" when it could have.
inline std::string why_not_household(const scheme& s, const calendar_plan& plan, std::size_t k,
                                     std::size_t h) {
  const calendar_units& cu = plan.units;
  const calendar_unit& u = cu.units[k];
  const household& home = s.households[h];
  const std::string& id = home.id;
  const bool stay = u.kind == unit_kind::stay;
  if (!home.calendar ||
      (stay ? home.calendar->short_break_beds == 0 : home.calendar->day_places == 0) ||
      !home.arrangements.contains(stay ? arrangement_type::short_break
                                       : arrangement_type::day_support))
    return id + (stay ? " does not host short breaks" : " does not offer day support");
  const calendar_availability& a = *home.calendar;
  const int first = cu.horizon.index(u.start);
  for (int n = 0; n < u.size(); ++n) {
    const date d = u.start.plus_days(n);
    if (const date_range* away = away_on(a, d))
      return id + " is away " + readable_range(away->from, away->to);
    if (stay && !hosts_night(a, weekday_of(d)))
      return id + " hosts short breaks on " + detail::weekday_names(a.short_break_nights) +
             " nights only";
    if (!stay && !offers_slot(a, {weekday_of(d), u.part}))
      return id + " does not offer day support on " +
             wording::capitalise(std::string(to_string(weekday_of(d)))) + " " +
             std::string(to_string(u.part)) + "s";
    const int left =
        stay ? cu.beds_left[h][static_cast<std::size_t>(first + n)]
             : cu.places_left[h][static_cast<std::size_t>(first)][static_cast<std::size_t>(u.part)];
    if (left == 0) {
      const int all = stay ? a.short_break_beds : a.day_places;
      return id + "'s " +
             (all == 1 ? std::string(stay ? "only short-break bed" : "only day place")
                       : std::string(stay ? "short-break beds" : "day places")) +
             (all == 1 ? " is" : " are") + " already booked on " + readable_date(d);
    }
  }
  // Available: what the plan gave its beds, places and nights to instead.
  if (stay && !cu.month_nights_left[h].empty()) {
    std::map<long, int> used;
    for (std::size_t j = 0; j < cu.units.size(); ++j)
      if (plan.household_of[j] == static_cast<int>(h) && cu.units[j].kind == unit_kind::stay)
        for (int n = 0; n < cu.units[j].nights; ++n)
          ++used[month_key(cu.units[j].start.plus_days(n))];
    for (int n = 0; n < u.nights; ++n) {
      const date d = u.start.plus_days(n);
      const auto limit = cu.month_nights_left[h].find(month_key(d));
      if (limit != cu.month_nights_left[h].end() && used[month_key(d)] >= limit->second) {
        std::string month = readable_date(d);
        month = month.substr(month.find(' ') + 1);
        return id + " has reached the most nights it hosts in " + month + " (" +
               std::to_string(*a.max_nights_per_month) + ")";
      }
    }
  }
  for (int n = 0; n < u.size(); ++n) {
    const int day = first + n;
    int taken = 0;
    for (std::size_t j = 0; j < cu.units.size(); ++j) {
      const calendar_unit& v = cu.units[j];
      if (plan.household_of[j] != static_cast<int>(h) || v.kind != u.kind) continue;
      const int from = cu.horizon.index(v.start);
      if (stay ? (day >= from && day < from + v.nights) : (day == from && v.part == u.part))
        ++taken;
    }
    const int left =
        stay ? cu.beds_left[h][static_cast<std::size_t>(day)]
             : cu.places_left[h][static_cast<std::size_t>(day)][static_cast<std::size_t>(u.part)];
    if (taken >= left)
      return id + (stay ? " has no bed free on " : " has no day place free on ") +
             readable_date(u.start.plus_days(n)) + ": the plan gives " +
             (left == 1 ? "it" : "them") + " to other people's " +
             (stay ? "stays" : "day support") + " that cover more";
  }
  return "";
}

} // namespace detail

/// The sentences for one unit: the household taking it, or why each suitable household
/// could not (households passing the person's rules, by id).
inline std::vector<std::string> explain_unit(const scheme& s, const calendar_plan& plan,
                                             std::size_t k) {
  const calendar_units& cu = plan.units;
  const calendar_unit& u = cu.units[k];
  const person& who = s.people[u.person];
  std::vector<std::string> out;
  if (plan.household_of[k] >= 0) {
    const std::string& id = s.households[static_cast<std::size_t>(plan.household_of[k])].id;
    out.push_back(id + (u.kind == unit_kind::stay ? " hosts " : " gives ") + describe_unit(u));
    if (u.booked_with == plan.household_of[k])
      out.push_back("It was already booked with " + id + " and stays there");
    else if (u.booked_with >= 0)
      out.push_back("It was booked with " +
                    s.households[static_cast<std::size_t>(u.booked_with)].id +
                    "; moving it covers more or suits " + who.id + " better");
    return out;
  }
  if (cu.suitable[u.person].empty()) {
    out.push_back("No household passes every rule for " + who.id);
    return out;
  }
  std::vector<std::size_t> homes = cu.suitable[u.person];
  std::sort(homes.begin(), homes.end(),
            [&](std::size_t a, std::size_t b) { return s.households[a].id < s.households[b].id; });
  // Households that offer nothing of this kind are named together, after the others.
  const std::string none =
      u.kind == unit_kind::stay ? " does not host short breaks" : " does not offer day support";
  std::vector<std::string> offering_none;
  for (std::size_t h : homes) {
    std::string why = detail::why_not_household(s, plan, k, h);
    if (why == s.households[h].id + none) {
      offering_none.push_back(s.households[h].id);
      continue;
    }
    if (why.empty())
      why = s.households[h].id + " could take it, but the plan covers more with " +
            s.households[h].id + "'s time elsewhere or by keeping " + who.id + "'s carer";
    out.push_back(why);
  }
  if (offering_none.size() == 1)
    out.push_back(offering_none.front() + none);
  else if (offering_none.size() > 1)
    out.push_back(wording::join_list(offering_none) + (u.kind == unit_kind::stay
                                                           ? " do not host short breaks"
                                                           : " do not offer day support"));
  return out;
}

/// What a person asked for and what the plan covers.
struct calendar_person_summary {
  std::size_t person = 0;
  int nights_requested = 0; ///< dated, recurring and the allowance in the horizon
  int nights_covered = 0;
  int slots_requested = 0;
  int slots_covered = 0;
  std::vector<std::size_t> carers; ///< household indices, by id
  std::vector<std::string> sentences;
};

/// One summary per person with a calendar request, in scheme order.
inline std::vector<calendar_person_summary> summarise_people(const scheme& s,
                                                             const calendar_plan& plan) {
  const calendar_units& cu = plan.units;
  std::vector<calendar_person_summary> out;
  std::map<std::size_t, std::size_t> row;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    if (!s.people[p].calendar) continue;
    row[p] = out.size();
    calendar_person_summary summary;
    summary.person = p;
    for (const auto& [period, nights] : cu.allowance_left[p]) summary.nights_requested += nights;
    out.push_back(summary);
  }
  std::map<std::size_t, std::set<std::string>> carer_ids;
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    calendar_person_summary& summary = out[row.at(u.person)];
    const bool covered = plan.household_of[k] >= 0;
    if (u.kind == unit_kind::day_slot) {
      ++summary.slots_requested;
      summary.slots_covered += covered ? 1 : 0;
    } else {
      if (u.source != unit_source::allowance) summary.nights_requested += u.nights;
      summary.nights_covered += covered ? u.nights : 0;
    }
    if (covered)
      carer_ids[u.person].insert(s.households[static_cast<std::size_t>(plan.household_of[k])].id);
  }
  for (auto& summary : out) {
    const std::string& id = s.people[summary.person].id;
    const auto& ids = carer_ids[summary.person];
    for (const std::string& carer : ids) summary.carers.push_back(household_index(s, carer));
    const std::vector<std::string> names(ids.begin(), ids.end());
    const std::string covered = wording::count_of(summary.nights_covered, "night", "nights") +
                                " of " + std::to_string(summary.nights_requested);
    if (summary.nights_requested > 0 || summary.slots_requested > 0)
      summary.sentences.push_back(
          id + " has " + covered + " and " +
          wording::count_of(summary.slots_covered, "day-support slot", "day-support slots") +
          " of " + std::to_string(summary.slots_requested) + " covered");
    if (names.size() == 1)
      summary.sentences.push_back(id + " keeps " + names.front() + " for every stay and slot");
    else if (names.size() > 1)
      summary.sentences.push_back(id + " sees " + std::to_string(names.size()) +
                                  " carers: " + wording::join_list(names));
    const carer_continuity wish = s.people[summary.person].calendar->one_carer;
    if (wish == carer_continuity::required)
      summary.sentences.push_back(id + " needs one carer for all stays, so only one is used");
  }
  for (const auto& o : cu.outside) {
    auto& summary = out[row.at(o.person)];
    summary.sentences.push_back("The " + std::to_string(o.nights) + "-night stay from " +
                                readable_date(o.start) +
                                " is not wholly inside the plan's weeks, so it is not planned");
  }
  return out;
}

} // namespace slmatch
