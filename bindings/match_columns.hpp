#pragma once
// A match run's plan, shortlists, explanations and unmatched people as columns, for the
// Python layer to build its DataFrames without a JSON round trip. Numbers and indices are
// NumPy arrays (scores rounded to 0.001 of a point, as in the JSON report); sentences are
// lists of str; people and households are scheme indices, which the Python layer names by
// id. Rows come in the order of the JSON report, so the frames equal the CLI's output.

#include "register.hpp"

#include "slmatch/match.hpp"

namespace slmatch::bindings {

/// (person, household, score, summary): one row per person in scheme order; household -1 and
/// score NaN when unmatched.
py::tuple plan_columns(const match_result& result);

/// (person, rank, household, score): each person's shortlist, best first, rank from 1.
py::tuple shortlist_columns(const match_result& result);

/// (person, household, factor, used, raw, weight, points, sentence): every factor of every
/// proposed pair; factor is its index in the factor vocabulary.
py::tuple explanation_columns(const match_result& result);

/// (person, summary, blocking_rules, places_taken): one row per unmatched person, with dicts
/// {rule: households it ruled out} and {household id: [ids of the people placed there]}.
py::tuple unmatched_columns(const match_result& result);

} // namespace slmatch::bindings
