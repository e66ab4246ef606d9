#pragma once
/// Results out: a match run as JSON for programs and as a plain-text table for people.
///
/// Both list every person, in scheme order, either with the household proposed and the
/// reasons, or with no household and the reason why not. Numbers are rounded to 0.001 so
/// the same run always prints the same bytes.

#include "slmatch/explain/compare.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace slmatch {

/// The run as a JSON document: a header with counts, then one proposal per person with
/// reasons, factor contributions and the shortlist.
nlohmann::json match_to_json(const scheme& s, const match_result& result);

/// The run as a readable table: one block per person with the proposal, the main reasons
/// and the shortlist.
std::string match_to_table(const scheme& s, const match_result& result);

/// One pair explained, as JSON: every failed rule and every factor's contribution.
nlohmann::json explanation_to_json(const pair_explanation& why);

/// Why not that one, as JSON: the score gap to the chosen household and the factors behind
/// it, or the other household's failed rules.
nlohmann::json comparison_to_json(const pair_comparison& comparison);

/// A score or contribution rounded to 0.001 of a point, as printed everywhere.
double round_points(double value);

} // namespace slmatch
