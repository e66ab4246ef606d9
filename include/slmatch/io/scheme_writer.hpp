#pragma once
/// Writing scheme files: every field in a fixed key order, so the same scheme always gives
/// the same bytes and load → save → load is the identity.
///
/// Compiled in `slmatch::io` (src/io/scheme_writer.cpp).

#include "slmatch/io/scheme_format.hpp"
#include "slmatch/model/scheme.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace slmatch {

/// Every field of a scheme as a JSON document (optional fields are left out when absent).
///
/// @param[in] s  the scheme
/// @return  the document `scheme_from_json` reads back into an equal scheme
nlohmann::json scheme_to_json(const scheme& s);

/// A scheme as JSON text, keys in the order of the file format (id first).
///
/// @param[in] s  the scheme
/// @param[in] indent  spaces per level; negative for one line
/// @return  the text, the same bytes for equal schemes
std::string dump_scheme(const scheme& s, int indent = 2);

/// Write a scheme file atomically: a temporary file beside `path`, then a rename, so a
/// failure never leaves a half-written file.
///
/// @param[in] s  the scheme
/// @param[in] path  the file to write (replaced when it exists)
/// @throws slmatch::error when the file cannot be written
void save_scheme(const scheme& s, const std::string& path);

} // namespace slmatch
