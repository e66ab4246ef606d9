#pragma once
/// A calendar plan in plain English: for each stay or slot, who takes it or why no suitable
/// household could; for each person, how much is covered and by how many carers.
///
/// In: a scheme and its `calendar_plan`. Out: sentences naming households and dates, never
/// another person (a bed another person's stay took is "taken by another stay").

#include "slmatch/calendar/plan.hpp"
#include "slmatch/score/wording.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace slmatch {

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

/// What a plan gives each household, counted once so every sentence reads it directly.
struct calendar_usage {
  std::vector<std::vector<int>> beds;                  ///< [household][day] stays hosted
  std::vector<std::vector<std::array<int, 3>>> places; ///< [household][day][part] slots given
  std::vector<std::map<long, int>> month_nights;       ///< [household][month key] nights hosted
};

inline calendar_usage usage_of(const scheme& s, const calendar_plan& plan) {
  const calendar_units& cu = plan.units;
  const auto days = static_cast<std::size_t>(cu.horizon.days());
  calendar_usage usage;
  usage.beds.assign(s.households.size(), std::vector<int>(days, 0));
  usage.places.assign(s.households.size(), std::vector<std::array<int, 3>>(days, {0, 0, 0}));
  usage.month_nights.resize(s.households.size());
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    if (plan.household_of[k] < 0) continue;
    const auto h = static_cast<std::size_t>(plan.household_of[k]);
    const calendar_unit& u = cu.units[k];
    const auto first = static_cast<std::size_t>(cu.horizon.index(u.start));
    if (u.kind == unit_kind::day_slot) {
      ++usage.places[h][first][static_cast<std::size_t>(u.part)];
      continue;
    }
    for (int n = 0; n < u.nights; ++n) {
      ++usage.beds[h][first + static_cast<std::size_t>(n)];
      ++usage.month_nights[h][month_key(u.start.plus_days(n))];
    }
  }
  return usage;
}

/// Why a household did not take a unit, in the order sentences name them.
enum class refusal : std::uint8_t {
  away,            ///< the household is away on one of its days
  not_offered,     ///< it does not host that night or offer that slot
  booked,          ///< its beds or places are booked already
  month_full,      ///< it has hosted its most nights that month
  given_to_others, ///< the plan gives its beds or places to other people's stays or slots
  could,           ///< it could have, but the plan is better without
  offers_none      ///< it hosts no short breaks (or offers no day support) at all
};

struct household_refusal {
  refusal why = refusal::could;
  std::string sentence;
};

/// Why household h did not take unit k in this plan.
inline household_refusal why_not_household(const scheme& s, const calendar_plan& plan,
                                           const calendar_usage& usage, std::size_t k,
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
    return {refusal::offers_none,
            id + (stay ? " does not host short breaks" : " does not offer day support")};
  const calendar_availability& a = *home.calendar;
  const int first = cu.horizon.index(u.start);
  for (int n = 0; n < u.size(); ++n) {
    const date d = u.start.plus_days(n);
    if (const date_range* away = away_on(a, d))
      return {refusal::away, id + " is away " + readable_range(away->from, away->to)};
    if (stay && !hosts_night(a, weekday_of(d)))
      return {refusal::not_offered, id + " hosts short breaks on " +
                                        detail::weekday_names(a.short_break_nights) +
                                        " nights only"};
    if (!stay && !offers_slot(a, {weekday_of(d), u.part}))
      return {refusal::not_offered, id + " does not offer day support on " +
                                        wording::capitalise(std::string(to_string(weekday_of(d)))) +
                                        " " + std::string(to_string(u.part)) + "s"};
    const int left =
        stay ? cu.beds_left[h][static_cast<std::size_t>(first + n)]
             : cu.places_left[h][static_cast<std::size_t>(first)][static_cast<std::size_t>(u.part)];
    if (left == 0) {
      const int all = stay ? a.short_break_beds : a.day_places;
      return {refusal::booked,
              id + "'s " +
                  (all == 1 ? std::string(stay ? "only short-break bed" : "only day place")
                            : std::string(stay ? "short-break beds" : "day places")) +
                  (all == 1 ? " is" : " are") + " already booked on " + readable_date(d)};
    }
  }
  // Available: what the plan gave its beds, places and nights to instead.
  if (stay)
    for (int n = 0; n < u.nights; ++n) {
      const date d = u.start.plus_days(n);
      const auto limit = cu.month_nights_left[h].find(month_key(d));
      const auto used = usage.month_nights[h].find(month_key(d));
      const int hosted = used == usage.month_nights[h].end() ? 0 : used->second;
      if (limit != cu.month_nights_left[h].end() && hosted >= limit->second) {
        std::string month = readable_date(d);
        month = month.substr(month.find(' ') + 1);
        return {refusal::month_full, id + " has reached the most nights it hosts in " + month +
                                         " (" + std::to_string(*a.max_nights_per_month) + ")"};
      }
    }
  for (int n = 0; n < u.size(); ++n) {
    const auto day = static_cast<std::size_t>(first + n);
    const auto part = static_cast<std::size_t>(u.part);
    const int taken = stay ? usage.beds[h][day] : usage.places[h][day][part];
    const int left = stay ? cu.beds_left[h][day] : cu.places_left[h][day][part];
    if (taken >= left)
      return {refusal::given_to_others,
              id + (stay ? " has no bed free on " : " has no day place free on ") +
                  readable_date(u.start.plus_days(n)) + ": the plan gives " +
                  (left == 1 ? "it" : "them") + " to other people's " +
                  (stay ? "stays" : "day support") + " that cover more"};
  }
  return {refusal::could, id + " could take it, but the plan covers more with " + id +
                              "'s time elsewhere or by keeping " + s.people[u.person].id +
                              "'s carer"};
}

/// The sentences for unit k, given the plan's usage.
inline std::vector<std::string> explain_unit(const scheme& s, const calendar_plan& plan,
                                             const calendar_usage& usage, std::size_t k) {
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
  std::vector<std::string> offering_none;
  for (std::size_t h : homes) {
    household_refusal why = why_not_household(s, plan, usage, k, h);
    if (why.why == refusal::offers_none)
      offering_none.push_back(s.households[h].id);
    else
      out.push_back(std::move(why.sentence));
  }
  const bool stay = u.kind == unit_kind::stay;
  if (offering_none.size() == 1)
    out.push_back(offering_none.front() +
                  (stay ? " does not host short breaks" : " does not offer day support"));
  else if (offering_none.size() > 1)
    out.push_back(wording::join_list(offering_none) +
                  (stay ? " do not host short breaks" : " do not offer day support"));
  return out;
}

/// How a refusal reads for several of a person's stays or slots at once.
inline std::string refusal_clause(const scheme& s, std::size_t h, unit_kind kind, refusal why) {
  const std::string& id = s.households[h].id;
  const bool stay = kind == unit_kind::stay;
  const calendar_availability& a = *s.households[h].calendar;
  const int all = stay ? a.short_break_beds : a.day_places;
  switch (why) {
  case refusal::away:
    return id + " is away";
  case refusal::not_offered:
    return stay ? id + " hosts short breaks on " + weekday_names(a.short_break_nights) +
                      " nights only"
                : id + " does not offer day support at those times";
  case refusal::booked:
    return id + "'s " +
           (all == 1 ? std::string(stay ? "only short-break bed is" : "only day place is")
                     : std::string(stay ? "short-break beds are" : "day places are")) +
           " already booked";
  case refusal::month_full:
    return id + " has reached the most nights it hosts in the month";
  case refusal::given_to_others:
    return id + "'s " + (stay ? "beds go to other people's stays" : "places go to other people") +
           " that cover more";
  case refusal::could:
  case refusal::offers_none:
    break;
  }
  return id + " is free, but the plan covers more with its time elsewhere";
}

} // namespace detail

/// The sentences for one unit: the household taking it, or why each suitable household
/// could not (households passing the person's rules, by id).
inline std::vector<std::string> explain_unit(const scheme& s, const calendar_plan& plan,
                                             std::size_t k) {
  return detail::explain_unit(s, plan, detail::usage_of(s, plan), k);
}

/// `explain_unit` for every unit of the plan at once, in unit order.
inline std::vector<std::vector<std::string>> explain_units(const scheme& s,
                                                           const calendar_plan& plan) {
  const detail::calendar_usage usage = detail::usage_of(s, plan);
  std::vector<std::vector<std::string>> out;
  out.reserve(plan.units.units.size());
  for (std::size_t k = 0; k < plan.units.units.size(); ++k)
    out.push_back(detail::explain_unit(s, plan, usage, k));
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

namespace detail {

/// Sentences for a person's stays or slots of one kind that no household took, grouped by
/// household and reason: "For 3 of the 4 stays P12 asked for, H07's only short-break bed is
/// already booked". Only for two or more such units; allowance stays not taken were options.
inline std::vector<std::string> refusals_together(const scheme& s, const calendar_plan& plan,
                                                  const calendar_usage& usage,
                                                  const std::vector<std::size_t>& units,
                                                  unit_kind kind) {
  const calendar_units& cu = plan.units;
  std::size_t asked = 0;
  std::vector<std::size_t> missed;
  for (std::size_t k : units) {
    const calendar_unit& u = cu.units[k];
    if (u.kind != kind || u.source == unit_source::allowance) continue;
    ++asked;
    if (plan.household_of[k] < 0) missed.push_back(k);
  }
  if (missed.size() < 2 || cu.suitable[cu.units[missed.front()].person].empty()) return {};
  const std::size_t p = cu.units[missed.front()].person;
  std::map<std::pair<std::string, refusal>, std::pair<std::size_t, int>> count; // → household, n
  for (std::size_t k : missed)
    for (std::size_t h : cu.suitable[p]) {
      const refusal why = why_not_household(s, plan, usage, k, h).why;
      if (why == refusal::offers_none) continue;
      auto& entry = count[{s.households[h].id, why}];
      entry.first = h;
      ++entry.second;
    }
  const bool stay = kind == unit_kind::stay;
  const std::string what = stay ? (asked == 1 ? "stay" : "stays")
                                : (asked == 1 ? "day-support slot" : "day-support slots");
  std::vector<std::string> out;
  for (const auto& [key, entry] : count) {
    const auto [h, n] = entry;
    const std::string share = static_cast<std::size_t>(n) == asked
                                  ? "all " + std::to_string(asked)
                                  : std::to_string(n) + " of the " + std::to_string(asked);
    out.push_back("For " + share + " " + what + " " + s.people[p].id + " asked for, " +
                  refusal_clause(s, h, kind, key.second));
  }
  return out;
}

} // namespace detail

/// One summary per person with a calendar request, in scheme order.
inline std::vector<calendar_person_summary> summarise_people(const scheme& s,
                                                             const calendar_plan& plan) {
  const calendar_units& cu = plan.units;
  const detail::calendar_usage usage = detail::usage_of(s, plan);
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
  std::vector<std::vector<std::size_t>> units_of(out.size());
  std::map<std::size_t, std::set<std::string>> carer_ids;
  std::vector<std::array<bool, 2>> kinds_kept(out.size(), {false, false}); // stays, slots
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    const std::size_t r = row.at(u.person);
    calendar_person_summary& summary = out[r];
    units_of[r].push_back(k);
    const bool covered = plan.household_of[k] >= 0;
    if (u.kind == unit_kind::day_slot) {
      ++summary.slots_requested;
      summary.slots_covered += covered ? 1 : 0;
    } else {
      if (u.source != unit_source::allowance) summary.nights_requested += u.nights;
      summary.nights_covered += covered ? u.nights : 0;
    }
    if (!covered) continue;
    carer_ids[u.person].insert(s.households[static_cast<std::size_t>(plan.household_of[k])].id);
    kinds_kept[r][u.kind == unit_kind::stay ? 0 : 1] = true;
  }
  for (std::size_t r = 0; r < out.size(); ++r) {
    calendar_person_summary& summary = out[r];
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
    const auto [stays, slots] = kinds_kept[r];
    if (names.size() == 1)
      summary.sentences.push_back(id + " keeps " + names.front() + " for every " +
                                  (stays && slots ? "stay and slot"
                                   : stays        ? "stay"
                                                  : "day-support slot"));
    else if (names.size() > 1)
      summary.sentences.push_back(id + " sees " + std::to_string(names.size()) +
                                  " carers: " + wording::join_list(names));
    const carer_continuity wish = s.people[summary.person].calendar->one_carer;
    if (wish == carer_continuity::required)
      summary.sentences.push_back(id + " needs one carer for all stays, so only one is used");
    for (unit_kind kind : {unit_kind::stay, unit_kind::day_slot})
      for (std::string& sentence : detail::refusals_together(s, plan, usage, units_of[r], kind))
        summary.sentences.push_back(std::move(sentence));
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
