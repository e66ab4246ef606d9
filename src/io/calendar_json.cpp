// A calendar plan as JSON and as a table (see slmatch/io/calendar_json.hpp).

#include "slmatch/io/calendar_json.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace slmatch {

nlohmann::json calendar_to_json(const scheme& s, const calendar_plan& plan) {
  const calendar_units& cu = plan.units;
  nlohmann::json out;
  out["horizon"] = {{"from", cu.horizon.from.to_string()},
                    {"to", cu.horizon.last().to_string()},
                    {"weeks", cu.horizon.weeks}};
  out["method"] = std::string(to_string(plan.method));
  out["proven_optimal"] = plan.proven_optimal;
  out["gap"] = plan.gap;
  out["covered"] = plan.covered;
  out["value"] = plan.value;
  const std::vector<std::vector<std::string>> reasons = explain_units(s, plan);
  nlohmann::json units = nlohmann::json::array();
  for (std::size_t k = 0; k < cu.units.size(); ++k) {
    const calendar_unit& u = cu.units[k];
    if (u.source == unit_source::allowance && plan.household_of[k] < 0) continue;
    nlohmann::json unit;
    unit["person"] = s.people[u.person].id;
    unit["kind"] = std::string(to_string(u.kind));
    unit["request"] = std::string(to_string(u.source));
    unit["request_index"] = u.source_index;
    unit["start"] = u.start.to_string();
    if (u.kind == unit_kind::stay)
      unit["nights"] = u.nights;
    else
      unit["part"] = std::string(to_string(u.part));
    unit["preferred"] = u.preferred;
    unit["household"] =
        plan.household_of[k] < 0
            ? nlohmann::json(nullptr)
            : nlohmann::json(s.households[static_cast<std::size_t>(plan.household_of[k])].id);
    unit["reasons"] = reasons[k];
    units.push_back(std::move(unit));
  }
  out["units"] = std::move(units);
  nlohmann::json people = nlohmann::json::array();
  for (const auto& summary : summarise_people(s, plan)) {
    nlohmann::json carers = nlohmann::json::array();
    for (std::size_t h : summary.carers) carers.push_back(s.households[h].id);
    people.push_back({{"person", s.people[summary.person].id},
                      {"nights_requested", summary.nights_requested},
                      {"nights_covered", summary.nights_covered},
                      {"slots_requested", summary.slots_requested},
                      {"slots_covered", summary.slots_covered},
                      {"carers", std::move(carers)},
                      {"sentences", summary.sentences}});
  }
  out["people"] = std::move(people);
  return out;
}

std::string calendar_to_table(const scheme& s, const calendar_plan& plan) {
  const calendar_units& cu = plan.units;
  std::ostringstream out;
  out << "Short breaks and day support from " << readable_date(cu.horizon.from) << " to "
      << readable_date(cu.horizon.last()) << " (" << cu.horizon.weeks << " weeks): "
      << (plan.proven_optimal
              ? "proven optimal"
              : "stopped at the time limit, within " + wording::format_number(100 * plan.gap, 2) +
                    "% of the best possible")
      << ". A proposal for people to discuss; nothing is booked until everyone agrees.\n";
  const std::vector<std::vector<std::string>> reasons = explain_units(s, plan);
  std::vector<std::vector<std::size_t>> units_of(s.people.size());
  for (std::size_t k = 0; k < cu.units.size(); ++k) units_of[cu.units[k].person].push_back(k);
  for (const auto& summary : summarise_people(s, plan)) {
    out << "\n" << s.people[summary.person].id << "\n";
    for (const auto& sentence : summary.sentences) out << "  " << sentence << "\n";
    for (std::size_t k : units_of[summary.person]) {
      const calendar_unit& u = cu.units[k];
      if (u.source == unit_source::allowance && plan.household_of[k] < 0) continue;
      out << "  " << (plan.household_of[k] >= 0 ? "+ " : "- ")
          << wording::capitalise(describe_unit(u)) << ": "
          << (plan.household_of[k] >= 0
                  ? s.households[static_cast<std::size_t>(plan.household_of[k])].id
                  : "not covered")
          << "\n";
      if (plan.household_of[k] < 0)
        for (const auto& reason : reasons[k]) out << "      " << reason << "\n";
    }
  }
  return out.str();
}

} // namespace slmatch
