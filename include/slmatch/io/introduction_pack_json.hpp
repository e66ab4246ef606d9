#pragma once
/// An introduction pack as a JSON document, for the case system that sends it to a carer.
///
/// Compiled in `slmatch::io` (src/io/introduction_pack_json.cpp). Keys come out in sorted
/// order, so the same pack always prints the same bytes. Schema:
/// data/schema/introduction-pack.schema.json.
///
/// Layout:
///   { "format": "slmatch-introduction-pack", "version": 1, "person", "household", "as_of",
///     "core": {"needs", "support_level", "arrangement", "access_needs", "specialist_needs",
///              "must_not", "required_carer_gender" (or null), "smoker", "risk_flags"},
///     "shared": {<category>: <its data>, only for categories shared},
///     "written_by": {<section>: {"role", "name"?, "written_on"}, shared sections only},
///     "not_shared": [{"category", "status", "since" (or null), "sentence"}] }
///   interests {"interests"}, languages {"languages"}, faith_culture {"faith" (or null),
///   "cultures"}, diet {"diets"}, lifestyle {"lifestyle" (or null)}, household_preferences
///   {"pets", "children"}, history {"knows_this_household", "people_i_know"}, about_me
///   {"what_matters_to_me", "how_best_to_support_me", "communication"}

#include "slmatch/stable/introduction_pack.hpp"

#include <nlohmann/json.hpp>

namespace slmatch {

/// The pack as JSON; see the file comment for the layout.
///
/// @param[in] pack  what `introduction_pack_for` gave
/// @return  the document, keys in sorted order
nlohmann::json introduction_pack_to_json(const introduction_pack& pack);

} // namespace slmatch
