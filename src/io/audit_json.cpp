// An inequality audit as JSON: figures rounded to 0.001, withheld figures as null.

#include "slmatch/io/audit_json.hpp"

#include <optional>
#include <string>
#include <utility>

namespace slmatch {

namespace {

using detail::audit_round;

nlohmann::json audit_figure(const std::optional<double>& value) {
  if (!value) return nullptr;
  return audit_round(*value);
}

nlohmann::json audit_group_to_json(const group_statistics& g) {
  nlohmann::json out;
  out["group"] = g.group;
  out["people"] = g.people;
  out["small_group"] = g.small_group;
  out["matched"] = g.matched ? nlohmann::json(*g.matched) : nlohmann::json(nullptr);
  out["match_rate"] = audit_figure(g.match_rate);
  out["mean_score"] = audit_figure(g.mean_score);
  out["mean_wait_days"] = audit_figure(g.mean_wait_days);
  out["median_wait_days"] = audit_figure(g.median_wait_days);
  return out;
}

nlohmann::json audit_gap_to_json(const std::optional<group_gap>& gap) {
  if (!gap) return nullptr;
  return {{"largest_group", gap->largest_group},
          {"largest", audit_round(gap->largest)},
          {"smallest_group", gap->smallest_group},
          {"smallest", audit_round(gap->smallest)},
          {"gap", audit_round(gap->gap)}};
}

} // namespace

nlohmann::json audit_to_json(const scheme& s, const plan_audit& audit) {
  nlohmann::json out;
  out["scheme"] = s.id;
  out["as_of"] = audit.as_of.to_string();
  out["settings"] = {{"area_cell_km", audit.options.area_cell_km},
                     {"small_group_size", audit.options.small_group_size},
                     {"small_groups_withheld", audit.options.suppress_small_groups}};
  out["notes"] = audit_notes(audit);
  out["overall"] = audit_group_to_json(audit.overall);
  out["gini"] = {{"matched", audit_figure(audit.gini_matched)},
                 {"all_people", audit_figure(audit.gini_all)}};
  auto groupings = nlohmann::json::array();
  for (const auto& grouping : audit.groupings) {
    nlohmann::json entry;
    entry["grouping"] = std::string(to_string(grouping.grouping));
    auto groups = nlohmann::json::array();
    for (const auto& g : grouping.groups) groups.push_back(audit_group_to_json(g));
    entry["groups"] = std::move(groups);
    entry["gaps"] = {{"match_rate", audit_gap_to_json(grouping.match_rate_gap)},
                     {"mean_score", audit_gap_to_json(grouping.mean_score_gap)},
                     {"mean_wait_days", audit_gap_to_json(grouping.mean_wait_gap)}};
    groupings.push_back(std::move(entry));
  }
  out["groupings"] = std::move(groupings);
  if (!audit.living_together.empty()) {
    auto rows = nlohmann::json::array();
    for (const auto& row : audit.living_together) {
      const auto count = [](const std::optional<int>& n) {
        return n ? nlohmann::json(*n) : nlohmann::json(nullptr);
      };
      rows.push_back({{"kind", row.kind},
                      {"groups", row.groups},
                      {"people", row.people},
                      {"small_group", row.small_group},
                      {"together", count(row.together)},
                      {"apart", count(row.apart)},
                      {"not_matched", count(row.not_matched)}});
    }
    out["living_together"] = std::move(rows);
  }
  return out;
}

} // namespace slmatch
