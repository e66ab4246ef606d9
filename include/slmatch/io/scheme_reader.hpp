#pragma once
/// Reading scheme files: JSON in, a validated `scheme` out.
///
/// In: a scheme file (format "slmatch-scheme", version 1; see "slmatch/io/scheme_format.hpp").
/// Out: a `scheme` that passed `check_scheme`, or one `validation_error` listing every
/// problem in the file, each with its record ("person P07") and field ("support_level").
/// Files beyond `scheme_limits` are refused before any field is read (size, nesting) or
/// while the fields are read (counts, lengths).
///
/// Compiled in `slmatch::io` (src/io/scheme_reader.cpp, with the field reader in
/// src/io/json_reader.cpp, the parsed text in src/io/json_document.cpp, parsed by simdjson
/// in src/io/simdjson_parse.cpp, and the size, nesting and malformed-JSON checks in
/// src/io/json_limits.cpp).

#include "slmatch/error.hpp"
#include "slmatch/io/scheme_format.hpp"
#include "slmatch/model/scheme.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace slmatch {

/// Read and validate a scheme file.
///
/// @param[in] path  the file to read
/// @return  the scheme, validated by `check_scheme`
/// @throws slmatch::validation_error listing every problem: an unreadable file, malformed
///         JSON (with line and column), wrong types, missing required fields, unknown
///         fields, unknown vocabulary names, anything beyond `scheme_limits` and everything
///         `check_scheme` finds; nothing is returned unless the whole file is valid
scheme load_scheme(const std::string& path);

/// Read and validate a scheme from JSON text.
///
/// @param[in] json_text  the whole scheme document
/// @return  the scheme, validated by `check_scheme`
/// @throws slmatch::validation_error as `load_scheme`
scheme parse_scheme(std::string_view json_text);

/// Read and validate a scheme from an already parsed JSON document.
///
/// @param[in] document  the whole scheme document
/// @return  the scheme, validated by `check_scheme`
/// @throws slmatch::validation_error as `load_scheme`
scheme scheme_from_json(const nlohmann::json& document);

} // namespace slmatch
