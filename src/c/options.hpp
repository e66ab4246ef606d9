#pragma once
// Options given to the C interface as JSON objects, read into the engine's option structs.
// Every problem is named by record "options" and the key; unknown keys are refused.

#include "slmatch/audit/audit.hpp"
#include "slmatch/match.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/views.hpp"

#include <optional>

namespace slmatch::c_abi {

/// What `slmatch_match` was asked: the engine's options and this run's policy overrides.
struct match_request {
  match_options options;
  std::optional<double> travel_limit_km;
  std::optional<int> household_cap;
};

/// What `slmatch_stable_json` and `slmatch_rounds_start` were asked.
struct stable_request {
  view_options views;
  proposing_side side = proposing_side::people;
};

/// @param[in] text  NULL, "" or a JSON object (see `slmatch_match`)
/// @throws failure SLMATCH_INVALID_ARGUMENT listing every bad option
match_request match_request_from(const char* text);

/// @param[in] text  NULL, "" or a JSON object (see `slmatch_result_audit_json`)
/// @throws failure SLMATCH_INVALID_ARGUMENT listing every bad option
audit_options audit_options_from(const char* text);

/// @param[in] text  NULL, "" or a JSON object (see `slmatch_stable_json`)
/// @throws failure SLMATCH_INVALID_ARGUMENT listing every bad option
stable_request stable_request_from(const char* text);

} // namespace slmatch::c_abi
