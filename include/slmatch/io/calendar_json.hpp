#pragma once
/// A calendar plan as a JSON document for programs and as a table for people.
///
/// Compiled in `slmatch::io` (src/io/calendar_json.cpp). People and households are named by
/// id, dates as YYYY-MM-DD; keys come out in sorted order and the time taken is left out,
/// so the same plan always prints the same bytes.
///
/// Layout: {"horizon": {"from", "to", "weeks"}, "method": "mip" | "flow",
///   "proven_optimal", "gap", "covered", "value",
///   "units": [{"person", "kind": "stay" | "day_slot", "request": "stay" | "recurring" |
///              "allowance" | "day_slot", "request_index", "start", "nights" (stays),
///              "part" (slots), "preferred", "household" (id or null), "reasons": [...]}],
///   "people": [{"person", "nights_requested", "nights_covered", "slots_requested",
///               "slots_covered", "carers": [ids], "sentences": [...]}]}
/// Allowance stays the plan does not take are not listed: they were options, not requests.

#include "slmatch/calendar/explain_calendar.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace slmatch {

/// The plan as JSON; see the file comment for the layout.
nlohmann::json calendar_to_json(const scheme& s, const calendar_plan& plan);

/// The plan for reading: each person's summary, then their stays and slots with the
/// household or the first reason none could take it.
std::string calendar_to_table(const scheme& s, const calendar_plan& plan);

} // namespace slmatch
