#pragma once
/// What a calendar plan is worth: the planner's options (time limit, the second step's knobs,
/// an earlier plan to keep) and the two steps' weights of giving a unit to a household.
///
/// In: a scheme's units (`expand_requests`) and the options. Out: per unit and option, step
/// 1's weight (priority × nights; slots count one) and step 2's (score × nights, plus bonuses
/// for keeping a confirmed or earlier booking and for a preferred allowance date), in
/// thousandths of a point; and which household each unit keeps a bonus for.

#include "slmatch/calendar/units.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
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
} // namespace detail

} // namespace slmatch
