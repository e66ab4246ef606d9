// A calendar plan as JSON and as a table, and an earlier plan read back from its JSON (see
// slmatch/io/calendar_json.hpp).

#include "slmatch/io/calendar_json.hpp"

#include "json_limits.hpp"
#include "json_reader.hpp"

#include "slmatch/io/scheme_format.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {
namespace {

/// The record every problem of an earlier plan names.
const std::string earlier_record = "earlier plan";

nlohmann::json changes_to_json(const calendar_changes& changes) {
  const auto id_or_null = [](const std::string& id) {
    return id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id);
  };
  nlohmann::json units = nlohmann::json::array();
  for (const unit_change& c : changes.units) {
    nlohmann::json unit = {{"person", c.person_id},
                           {"kind", std::string(to_string(c.kind))},
                           {"start", c.start.to_string()},
                           {"change", std::string(to_string(c.change))},
                           {"from_household", id_or_null(c.from_household)},
                           {"to_household", id_or_null(c.to_household)},
                           {"sentence", c.sentence}};
    if (c.kind == unit_kind::stay)
      unit["nights"] = c.nights;
    else
      unit["part"] = std::string(to_string(c.part));
    units.push_back(std::move(unit));
  }
  nlohmann::json households = nlohmann::json::array();
  for (const household_change& h : changes.households)
    households.push_back({{"household", h.household_id},
                          {"gains", h.gains.size()},
                          {"losses", h.losses.size()},
                          {"sentences", h.sentences}});
  return {{"units", std::move(units)}, {"households", std::move(households)}};
}

/// The member `key` of an object, or nothing with "is missing".
std::optional<detail::json_value> member(detail::json_reader& read, detail::json_value object,
                                         std::string_view key, const std::string& field) {
  auto value = object.find(key);
  if (!value) read.fail(earlier_record, field, "is missing");
  return value;
}

/// One unit of an earlier plan: its booking, or nothing when it has no household or a field
/// is wrong (with a problem).
std::optional<earlier_booking> read_unit(detail::json_reader& read, detail::json_value unit,
                                         const std::string& at) {
  if (!unit.is_object()) {
    read.type_error(unit, earlier_record, at, "an object");
    return std::nullopt;
  }
  earlier_booking b;
  bool ok = true;
  // Reads one field; false (with a problem) when it is missing or wrong.
  const auto field = [&](std::string_view key, auto& out, auto... limit) {
    const std::string path = at + "." + std::string(key);
    const auto value = member(read, unit, key, path);
    const bool read_it = value && read.read(*value, earlier_record, path, out, limit...);
    ok = ok && read_it;
    return read_it;
  };
  field("person", b.person_id, scheme_limits::string);
  field("start", b.start);
  // The kind says whether "nights" or "part" is wanted.
  if (field("kind", b.kind)) {
    if (b.kind == unit_kind::day_slot) {
      field("part", b.part);
    } else if (field("nights", b.nights) && (b.nights < 1 || b.nights > max_stay_nights)) {
      read.fail(earlier_record, at + ".nights", "must be 1 to " + std::to_string(max_stay_nights));
      ok = false;
    }
  }
  const auto household = member(read, unit, "household", at + ".household");
  if (!household || household->is_null()) return std::nullopt;
  ok = read.read(*household, earlier_record, at + ".household", b.household_id,
                 scheme_limits::string) &&
       ok;
  if (!ok) return std::nullopt;
  return b;
}

} // namespace

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

nlohmann::json calendar_to_json(const scheme& s, const calendar_plan& plan,
                                const calendar_changes& changes) {
  nlohmann::json out = calendar_to_json(s, plan);
  out["changes"] = changes_to_json(changes);
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

std::string calendar_to_table(const scheme& s, const calendar_plan& plan,
                              const calendar_changes& changes) {
  std::ostringstream out;
  out << calendar_to_table(s, plan) << "\nChanges from the earlier plan\n";
  if (changes.units.empty()) out << "  Every stay and slot keeps its household.\n";
  for (const unit_change& c : changes.units) out << "  " << c.sentence << "\n";
  for (const household_change& h : changes.households)
    for (const std::string& sentence : h.sentences) out << "  " << sentence << "\n";
  return out.str();
}

earlier_plan earlier_plan_from_json(std::string_view text) {
  const detail::json_document document = [&] {
    try {
      return detail::parse_within_limits(text);
    } catch (const validation_error& malformed) {
      std::vector<problem> problems = malformed.problems();
      for (problem& p : problems) p.record = earlier_record;
      throw validation_error(std::move(problems));
    }
  }();
  detail::json_reader read;
  earlier_plan out;
  const detail::json_value root = document.root();
  if (!root.is_object()) {
    read.type_error(root, earlier_record, "", "an object (a calendar plan)");
    read.throw_if_failed();
  }
  if (const auto horizon = member(read, root, "horizon", "horizon")) {
    if (!horizon->is_object()) {
      read.type_error(*horizon, earlier_record, "horizon", "an object");
    } else {
      if (const auto from = member(read, *horizon, "from", "horizon.from"))
        read.read(*from, earlier_record, "horizon.from", out.horizon.from);
      const auto weeks = member(read, *horizon, "weeks", "horizon.weeks");
      if (weeks && read.read(*weeks, earlier_record, "horizon.weeks", out.horizon.weeks) &&
          (out.horizon.weeks < 1 || out.horizon.weeks > calendar_horizon::max_weeks))
        read.fail(earlier_record, "horizon.weeks",
                  "must be 1 to " + std::to_string(calendar_horizon::max_weeks));
    }
  }
  if (const auto units = member(read, root, "units", "units")) {
    if (!units->is_array()) read.type_error(*units, earlier_record, "units", "an array");
    for (std::size_t i = 0;
         units->is_array() && i < units->size() && read.problems.size() < scheme_limits::problems;
         ++i)
      if (auto booking = read_unit(read, (*units)[i], detail::indexed("units", i)))
        out.bookings.push_back(std::move(*booking));
  }
  read.throw_if_failed();
  return out;
}

earlier_plan load_earlier_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw validation_error({{earlier_record, "", "cannot open " + detail::in_quotes(path)}});
  std::error_code unknown_size;
  const auto bytes = std::filesystem::file_size(path, unknown_size);
  if (!unknown_size && bytes > scheme_limits::file_bytes)
    throw validation_error({{earlier_record, "", detail::too_large(bytes).message}});
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw validation_error({{earlier_record, "", "cannot read " + detail::in_quotes(path)}});
  return earlier_plan_from_json(text.str());
}

} // namespace slmatch
