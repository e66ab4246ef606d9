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
///               "slots_covered", "carers": [ids], "sentences": [...]}],
///   "changes" (only when re-planned from an earlier plan): {
///     "units": [{"person", "kind", "start", "nights" (stays), "part" (slots),
///                "change": "moved" | "no_longer_covered" | "newly_covered",
///                "from_household" (id or null), "to_household" (id or null), "sentence"}],
///     "households": [{"household", "gains", "losses" (stays and slots), "sentences": [...]}]}}
/// Allowance stays the plan does not take are not listed: they were options, not requests.
///
/// The same document is read back as the earlier plan of a re-plan (`earlier_plan_from_json`):
/// its horizon and, of each unit, the person, kind, start, nights or part and household; the
/// other keys are not read.

#include "slmatch/calendar/explain_calendar.hpp"
#include "slmatch/calendar/replan.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace slmatch {

/// The plan as JSON; see the file comment for the layout.
nlohmann::json calendar_to_json(const scheme& s, const calendar_plan& plan);

/// The plan as JSON with what it changes from an earlier plan under "changes".
nlohmann::json calendar_to_json(const scheme& s, const calendar_plan& plan,
                                const calendar_changes& changes);

/// The plan for reading: each person's summary, then their stays and slots with the
/// household or the first reason none could take it.
std::string calendar_to_table(const scheme& s, const calendar_plan& plan);

/// The plan for reading, ending with a section "Changes from the earlier plan": a sentence
/// for each stay and slot that changed, then what each household gains and loses.
std::string calendar_to_table(const scheme& s, const calendar_plan& plan,
                              const calendar_changes& changes);

/// Read an earlier plan from the JSON document `calendar_to_json` wrote.
///
/// @param[in] text  the whole document
/// @return  its horizon and the household of each unit it covered (units without one are
///          checked, then left out); ids are kept as written, whether or not a scheme has them
/// @throws slmatch::validation_error (record "earlier plan") naming each field that is
///         missing or wrong, as "units[3].start", and malformed or too deeply nested JSON
earlier_plan earlier_plan_from_json(std::string_view text);

/// Read an earlier plan from a file holding the JSON document `calendar_to_json` wrote.
///
/// @param[in] path  the file
/// @throws slmatch::validation_error as `earlier_plan_from_json`, and when the file cannot
///         be read
earlier_plan load_earlier_plan(const std::string& path);

} // namespace slmatch
