#pragma once
/// An inequality audit as a JSON document for programs.
///
/// Compiled in `slmatch::io` (src/io/audit_json.cpp). Keys come out in sorted order and
/// figures are rounded to 0.001, so the same audit always prints the same bytes. Figures withheld
/// for small groups, and means over nobody, are null.
///
/// Layout:
///   { "scheme", "as_of", "settings": {"area_cell_km", "small_group_size",
///     "small_groups_withheld"}, "notes": [plain sentences defining the figures],
///     "overall": <group>, "gini": {"matched", "all_people"},
///     "groupings": [{"grouping", "groups": [<group>...],
///                    "gaps": {"match_rate", "mean_score", "mean_wait_days"}}],
///     "living_together": [{"kind", "groups", "people", "small_group", "together", "apart",
///                          "not_matched"}] (only for schemes with groups) }
///   <group> = {"group", "people", "small_group", "matched", "match_rate", "mean_score",
///              "mean_wait_days", "median_wait_days"}
///   a gap = {"largest_group", "largest", "smallest_group", "smallest", "gap"} or null

#include "slmatch/audit/audit.hpp"

#include <nlohmann/json.hpp>

namespace slmatch {

/// The audit as JSON; see the file comment for the layout.
///
/// @param[in] s  the scheme audited
/// @param[in] audit  what `audit_plan` gave for it
/// @return  the document, the same bytes for the same audit
nlohmann::json audit_to_json(const scheme& s, const plan_audit& audit);

} // namespace slmatch
