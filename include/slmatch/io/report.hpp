#pragma once
/// Results out: a match run as JSON for programs and as a plain-text table for people.
///
/// Both list every person, in scheme order, either with the household proposed and the
/// reasons, or with no household and the reason why not. Numbers are rounded to 0.001 so
/// the same run always prints the same bytes.
///
/// The writers stream: they write one proposal at a time to a `std::ostream` and never hold
/// the whole report, so a national run's report costs the memory of one proposal. JSON Lines
/// (`write_match_jsonl`) lets a reader take one proposal at a time as well.

#include "slmatch/explain/compare.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace slmatch {

/// The value of the "format" member on the first line of a JSON Lines report.
inline constexpr std::string_view match_lines_format_name = "slmatch-match-lines";

/// Write the run as one JSON document: a header with counts, then one proposal per person
/// with reasons, factor contributions and the shortlist.
///
/// @param[out] out     where the text goes, one proposal at a time
/// @param[in]  s       the scheme matched
/// @param[in]  result  the run
/// @param[in]  indent  spaces per level; negative for one line. The bytes are those of
///                     `match_to_json(s, result).dump(indent)`, with no newline at the end
/// @throws slmatch::error when a string in the scheme is not valid UTF-8
/// \note  Stops early when `out` fails; check the stream afterwards.
void write_match_json(std::ostream& out, const scheme& s, const match_result& result,
                      int indent = 2);

/// Write the run as JSON Lines: a header line with `"format": "slmatch-match-lines"` and the
/// counts of `write_match_json`'s header, then one line per proposal, in scheme order, each
/// the proposal exactly as `write_match_json` writes it in one line.
///
/// @param[out] out     where the lines go, each ending in a newline
/// @param[in]  s       the scheme matched
/// @param[in]  result  the run
/// @throws slmatch::error when a string in the scheme is not valid UTF-8
/// \note  Stops early when `out` fails; check the stream afterwards.
void write_match_jsonl(std::ostream& out, const scheme& s, const match_result& result);

/// Write one person's proposal in one line: the bytes of that person's line of
/// `write_match_jsonl`, without the newline.
///
/// @param[out] out     where the text goes
/// @param[in]  s       the scheme matched
/// @param[in]  result  the run
/// @param[in]  person  index of the person in `s.people`
/// @throws slmatch::error when `person` is not a person of the run, or a string in the
///         scheme is not valid UTF-8
void write_proposal_json(std::ostream& out, const scheme& s, const match_result& result,
                         std::size_t person);

/// Write the run as a readable table: one block per person with the proposal, the main
/// reasons and the shortlist.
///
/// \note  Stops early when `out` fails; check the stream afterwards.
void write_match_table(std::ostream& out, const scheme& s, const match_result& result);

/// The document `write_match_json` writes, as a JSON value. It holds the whole report in
/// memory: for small runs and tests; stream large runs with `write_match_json`.
nlohmann::json match_to_json(const scheme& s, const match_result& result);

/// The table `write_match_table` writes, as one string.
std::string match_to_table(const scheme& s, const match_result& result);

/// One pair explained, as JSON: every failed rule and every factor's contribution.
nlohmann::json explanation_to_json(const pair_explanation& why);

/// Why not that one, as JSON: the score gap to the chosen household and the factors behind
/// it, or the other household's failed rules.
nlohmann::json comparison_to_json(const pair_comparison& comparison);

/// A score or contribution rounded to 0.001 of a point, as printed everywhere.
double round_points(double value);

} // namespace slmatch
