#pragma once
/// The advice analyses as JSON documents for programs and as tables for people.
///
/// Compiled in `slmatch::io` (src/io/advice_json.cpp). People and households are named by
/// id; scores are rounded to 0.1 as everywhere else; keys come out in sorted order, so the
/// same analysis always prints the same bytes.
///
/// Layouts:
///   what would help: {"person", "summary", "candidates", "checked", "solved",
///     "options": [{"summary", "edits": [<edit>...], "opens", "household", "score",
///                  "every_best_plan", "moves": [<move>...]}]}
///   <edit> = {"kind", "description", "household" | "person", "value"?, "km"?}
///   <move> = {"person", "from", "to"} (household ids, null for none)
///   first choice: {"person", "summary", "first_choice", "first_choice_score", "household",
///     "score", "taken_by": [ids], "matched_change", "total_score_change", "moves": [...]}
///   recruitment: {"needs": [{"kind", "value", "summary", "blocked": [ids],
///     "households": [ids], "confirmed", "newly_matched": [ids],
///     "no_longer_matched": [ids]}], "areas": [{"area", "people", "withheld"}]}

#include "slmatch/advice/first_choice.hpp"
#include "slmatch/advice/recruitment.hpp"
#include "slmatch/advice/what_would_help.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace slmatch {

/// What would help one person, as JSON; see the file comment for the layout.
nlohmann::json help_to_json(const scheme& s, const help_for_person& help);

/// One person's first-choice cost, as JSON; see the file comment for the layout.
nlohmann::json first_choice_to_json(const scheme& s, const first_choice_cost& cost);

/// The recruitment summary, as JSON; see the file comment for the layout.
nlohmann::json recruitment_to_json(const scheme& s, const recruitment_summary& summary);

/// What would help each person, for reading: the person, then each change and its effect.
std::string help_to_table(const scheme& s, const std::vector<help_for_person>& help);

/// The recruitment summary for reading: each need's sentence, then the areas.
std::string recruitment_to_table(const scheme& s, const recruitment_summary& summary);

} // namespace slmatch
