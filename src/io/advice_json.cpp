// The advice analyses as JSON and as tables.

#include "slmatch/io/advice_json.hpp"

#include <cmath>
#include <sstream>

namespace slmatch {

namespace {

double tenth(double value) { return std::round(value * 10.0) / 10.0; }

nlohmann::json household_or_null(const scheme& s, int h) {
  if (h < 0) return nullptr;
  return s.households.at(static_cast<std::size_t>(h)).id;
}

nlohmann::json people_ids(const scheme& s, const std::vector<std::size_t>& people) {
  nlohmann::json ids = nlohmann::json::array();
  for (std::size_t p : people) ids.push_back(s.people.at(p).id);
  return ids;
}

nlohmann::json household_ids(const scheme& s, const std::vector<std::size_t>& households) {
  nlohmann::json ids = nlohmann::json::array();
  for (std::size_t h : households) ids.push_back(s.households.at(h).id);
  return ids;
}

nlohmann::json moves_to_json(const scheme& s, const std::vector<plan_move>& moves) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : moves)
    out.push_back({{"person", s.people.at(m.person).id},
                   {"from", household_or_null(s, m.from)},
                   {"to", household_or_null(s, m.to)}});
  return out;
}

nlohmann::json edit_to_json(const scheme& s, const scheme_edit& e) {
  nlohmann::json out;
  out["kind"] = to_string(e.kind);
  out["description"] = describe_edit(s, e);
  if (e.kind == edit_kind::widen_travel_limit) {
    out["person"] = s.people.at(e.person).id;
    out["km"] = e.km;
  } else {
    out["household"] = s.households.at(e.household).id;
    const std::string value = edit_value_name(e);
    if (!value.empty()) out["value"] = value;
  }
  return out;
}

} // namespace

nlohmann::json help_to_json(const scheme& s, const help_for_person& help) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : help.options) {
    nlohmann::json edits = nlohmann::json::array();
    for (const auto& e : option.edits) edits.push_back(edit_to_json(s, e));
    options.push_back({{"summary", option.summary},
                       {"edits", std::move(edits)},
                       {"opens", s.households.at(option.opened).id},
                       {"household", s.households.at(option.household).id},
                       {"score", tenth(option.score)},
                       {"every_best_plan", option.every_best_plan},
                       {"moves", moves_to_json(s, option.moves)}});
  }
  return {{"person", s.people.at(help.person).id},
          {"summary", help.summary},
          {"candidates", help.candidates},
          {"checked", help.checked},
          {"solved", help.solved},
          {"options", std::move(options)}};
}

nlohmann::json first_choice_to_json(const scheme& s, const first_choice_cost& cost) {
  return {{"person", s.people.at(cost.person).id},
          {"summary", cost.summary},
          {"first_choice", s.households.at(cost.first_choice).id},
          {"first_choice_score", tenth(cost.first_choice_score)},
          {"household", household_or_null(s, cost.household)},
          {"score", tenth(cost.score)},
          {"taken_by", people_ids(s, cost.taken_by)},
          {"matched_change", cost.matched_change},
          {"total_score_change", tenth(cost.total_score_change)},
          {"moves", moves_to_json(s, cost.moves)}};
}

nlohmann::json recruitment_to_json(const scheme& s, const recruitment_summary& summary) {
  nlohmann::json needs = nlohmann::json::array();
  for (const auto& need : summary.needs) {
    scheme_edit e;
    e.kind = need.kind;
    e.value = need.value;
    needs.push_back({{"kind", to_string(need.kind)},
                     {"value", edit_value_name(e)},
                     {"summary", need.summary},
                     {"blocked", people_ids(s, need.blocked)},
                     {"households", household_ids(s, need.households)},
                     {"confirmed", need.confirmed},
                     {"newly_matched", people_ids(s, need.newly_matched)},
                     {"no_longer_matched", people_ids(s, need.no_longer_matched)}});
  }
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& area : summary.areas)
    areas.push_back({{"area", area.area}, {"people", area.people}, {"withheld", area.withheld}});
  return {{"needs", std::move(needs)}, {"areas", std::move(areas)}};
}

std::string help_to_table(const scheme& s, const std::vector<help_for_person>& help) {
  std::ostringstream out;
  for (const auto& person : help) {
    out << s.people.at(person.person).id << ": " << person.summary << "\n";
    for (std::size_t k = 1; k < person.options.size(); ++k)
      out << "  - " << person.options[k].summary << "\n";
  }
  if (help.empty()) out << "Everyone has a proposed household.\n";
  return out.str();
}

std::string recruitment_to_table(const scheme& s, const recruitment_summary& summary) {
  (void)s;
  std::ostringstream out;
  out << "Skills, approvals and adaptations that would open households to people waiting:\n";
  if (summary.needs.empty()) out << "  none: no one waiting is kept out by one of these alone\n";
  for (const auto& need : summary.needs) out << "  - " << need.summary << "\n";
  out << "Areas where people waiting have no suitable household at all:\n";
  if (summary.areas.empty()) out << "  none\n";
  for (const auto& area : summary.areas)
    out << "  - " << area.area << ": "
        << (area.withheld ? std::string("fewer than the small-group size (withheld)")
                          : wording::count_of(area.people, "person", "people"))
        << "\n";
  return out.str();
}

} // namespace slmatch
