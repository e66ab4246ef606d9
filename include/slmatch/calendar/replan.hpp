#pragma once
/// Re-planning: what a new calendar plan changes from an earlier one, and who it affects.
///
/// In: a scheme, its new plan and the earlier plan it replaces (its weeks and the household
/// of each stay and slot it covered: `earlier_plan_of` for a plan in memory, or
/// `earlier_plan_from_json` in `slmatch::io` for the document a previous run wrote). Out:
/// each stay and slot whose household changed, by person id then date, in three kinds —
/// moved to another household, no longer covered, newly covered — with a sentence each, and
/// for each household the stays and slots it gains and loses.
///
/// Only stays and slots wholly inside both plans' weeks are compared, so moving the horizon
/// on a week neither drops the week that has passed nor adds the week that is new. People
/// and households the scheme no longer has are no error: their stays are "no longer
/// covered" or "moved", as the new plan has them. A stay is the same stay when person, first
/// night and nights agree; a slot when person, date and part of the day agree.
///
/// To keep what still works, give the earlier bookings to the planner
/// (`calendar_options::earlier`): it keeps each one unless moving it gains more than
/// `keep_bonus`. O((units + bookings) log units).
///
/// ```cpp
/// calendar_options options;
/// options.earlier = earlier.bookings;
/// const calendar_plan plan = plan_calendar(changed_scheme, horizon, options);
/// for (const auto& change : compare_plans(changed_scheme, plan, earlier).units)
///   std::cout << change.sentence << "\n";
/// ```

#include "slmatch/calendar/explain_calendar.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// An earlier plan as re-planning reads it: its weeks and each unit it gave a household.
struct earlier_plan {
  calendar_horizon horizon;
  std::vector<earlier_booking> bookings;
};

/// The plan's covered stays and slots as an earlier plan for the next re-plan.
inline earlier_plan earlier_plan_of(const scheme& s, const calendar_plan& plan) {
  earlier_plan out{plan.units.horizon, {}};
  for (std::size_t k = 0; k < plan.units.units.size(); ++k) {
    if (plan.household_of[k] < 0) continue;
    const calendar_unit& u = plan.units.units[k];
    out.bookings.push_back({s.people[u.person].id, u.kind, u.start, u.nights, u.part,
                            s.households[static_cast<std::size_t>(plan.household_of[k])].id});
  }
  return out;
}

/// How a stay or slot changed from the earlier plan.
enum class cover_change : std::uint8_t { moved, no_longer_covered, newly_covered };
SLMATCH_VOCABULARY(cover_change, "cover change", "moved"sv, "no_longer_covered"sv,
                   "newly_covered"sv);

/// A stay or slot whose household changed.
struct unit_change {
  std::string person_id;
  unit_kind kind = unit_kind::stay;
  date start;
  int nights = 1;                          ///< stays only
  part_of_day part = part_of_day::morning; ///< day slots only
  cover_change change = cover_change::moved;
  std::string from_household; ///< in the earlier plan; empty when it was not covered
  std::string to_household;   ///< in the new plan; empty when it is not covered
  std::string sentence;       ///< "P12's stay from Friday 8 January 2027 (2 nights) moves…"
};

/// What one household gains and loses.
struct household_change {
  std::string household_id;
  std::vector<std::size_t> gains;  ///< indices into `calendar_changes::units`
  std::vector<std::size_t> losses; ///< indices into `calendar_changes::units`
  std::vector<std::string> sentences;
};

/// Everything a new plan changes from an earlier one.
struct calendar_changes {
  std::vector<unit_change> units;           ///< by person id, then date, kind, nights, part
  std::vector<household_change> households; ///< by household id
};

/// A stay or slot as a change names it: "P12's stay from Friday 8 January 2027 (2 nights)",
/// "P03's Tuesday morning on 12 January 2027".
inline std::string describe_changed_unit(const unit_change& c) {
  const std::string day = wording::capitalise(std::string(to_string(weekday_of(c.start))));
  if (c.kind == unit_kind::day_slot)
    return c.person_id + "'s " + day + " " + std::string(to_string(c.part)) + " on " +
           readable_date(c.start);
  return c.person_id + "'s stay from " + day + " " + readable_date(c.start) + " (" +
         wording::count_of(c.nights, "night", "nights") + ")";
}

namespace detail {

/// True when every night of a stay, or a slot's day, lies inside the horizon.
inline bool wholly_inside(const calendar_horizon& horizon, unit_kind kind, const date& start,
                          int nights) {
  const int first = horizon.index(start);
  return first >= 0 && first + (kind == unit_kind::stay ? nights : 1) <= horizon.days();
}

inline std::string change_sentence(const unit_change& c) {
  const std::string unit = describe_changed_unit(c);
  switch (c.change) {
  case cover_change::moved:
    return unit + " moves from " + c.from_household + " to " + c.to_household;
  case cover_change::no_longer_covered:
    return unit + " is no longer covered (it was with " + c.from_household + ")";
  case cover_change::newly_covered:
    break;
  }
  return unit + " is now covered by " + c.to_household;
}

} // namespace detail

/// Compare a new plan with the earlier plan it replaces.
///
/// @param[in] s        the scheme the new plan was made for
/// @param[in] plan     the new plan
/// @param[in] earlier  the earlier plan's weeks and bookings
/// @return  the stays and slots whose household changed, and each household's gains and
///          losses; empty when nothing changed
/// \note  Bookings pair with the new plan's units of the same stay or slot in order, each
///        unit once, as the planner pairs them to keep them.
inline calendar_changes compare_plans(const scheme& s, const calendar_plan& plan,
                                      const earlier_plan& earlier) {
  const calendar_units& cu = plan.units;
  // The earlier household of each unit inside both horizons, in the earlier plan's order.
  std::map<detail::unit_key, std::vector<const earlier_booking*>> before;
  for (const earlier_booking& b : earlier.bookings)
    if (detail::wholly_inside(earlier.horizon, b.kind, b.start, b.nights) &&
        detail::wholly_inside(cu.horizon, b.kind, b.start, b.nights))
      before[detail::key_of(b)].push_back(&b);

  calendar_changes out;
  const auto record = [&](std::string person_id, unit_kind kind, const date& start, int nights,
                          part_of_day part, std::string from, std::string to) {
    if (from == to) return;
    unit_change c{std::move(person_id), kind,          start, nights, part, cover_change::moved,
                  std::move(from),      std::move(to), ""};
    if (c.from_household.empty())
      c.change = cover_change::newly_covered;
    else if (c.to_household.empty())
      c.change = cover_change::no_longer_covered;
    c.sentence = detail::change_sentence(c);
    out.units.push_back(std::move(c));
  };
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    if (!detail::wholly_inside(earlier.horizon, u.kind, u.start, u.nights)) continue;
    const std::string& person_id = s.people[u.person].id;
    std::string from;
    const auto found = before.find(detail::key_of(person_id, u.kind, u.start, u.nights, u.part));
    if (found != before.end() && !found->second.empty()) {
      from = found->second.front()->household_id;
      found->second.erase(found->second.begin());
    }
    const std::string to = plan.household_of[k] < 0
                               ? std::string()
                               : s.households[static_cast<std::size_t>(plan.household_of[k])].id;
    record(person_id, u.kind, u.start, u.nights, u.part, std::move(from), to);
  }
  // Bookings the new plan has no unit for: the person, or that part of the request, is gone.
  for (const auto& [key, bookings] : before)
    for (const earlier_booking* b : bookings)
      record(b->person_id, b->kind, b->start, b->nights, b->part, b->household_id, "");

  std::stable_sort(
      out.units.begin(), out.units.end(), [](const unit_change& a, const unit_change& b) {
        return std::make_tuple(a.person_id, a.start.days_since_epoch(), a.kind, a.nights, a.part) <
               std::make_tuple(b.person_id, b.start.days_since_epoch(), b.kind, b.nights, b.part);
      });

  std::map<std::string, household_change> by_household;
  for (std::size_t i = 0; i < out.units.size(); ++i) {
    const unit_change& c = out.units[i];
    const std::string unit = describe_changed_unit(c);
    const auto note = [&](const std::string& id, bool gain, std::string sentence) {
      household_change& h = by_household[id];
      (gain ? h.gains : h.losses).push_back(i);
      h.sentences.push_back(std::move(sentence));
    };
    if (!c.from_household.empty())
      note(c.from_household, false,
           c.from_household + " loses " + unit +
               (c.to_household.empty() ? ", no longer covered"
                                       : ", which moves to " + c.to_household));
    if (!c.to_household.empty())
      note(c.to_household, true,
           c.to_household + " gains " + unit +
               (c.from_household.empty() ? ", newly covered" : ", moved from " + c.from_household));
  }
  for (auto& [id, h] : by_household) {
    h.household_id = id;
    out.households.push_back(std::move(h));
  }
  return out;
}

} // namespace slmatch
