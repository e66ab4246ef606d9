#pragma once
/// Scheme files: JSON in, a validated `scheme` out, and back.
///
/// In: a scheme file (format "slmatch-scheme", version 1; see docs/scheme-format.md and
/// data/schema/scheme.schema.json). Out: a `scheme` that passed `check_scheme`, or one
/// `validation_error` listing every problem in the file, each with its record ("person
/// P07") and field ("support_level"). Writing gives every field in a fixed key order, so
/// the same scheme always gives the same bytes and load → save → load is the identity.
///
/// Compiled in `slmatch::io` (src/io/json.cpp).

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace slmatch {

/// The value of the top-level "format" key of every scheme file.
inline constexpr std::string_view scheme_format_name = "slmatch-scheme";
/// The version of the scheme file format this library reads and writes.
inline constexpr int scheme_format_version = 1;

/// Bounds on what a scheme file may hold. Anything beyond them is refused with a problem
/// naming the record and field, before the engine uses any of it; the bounds are far above
/// any real scheme (the largest have a few thousand people) and keep a hostile file from
/// exhausting memory or time.
struct scheme_limits {
  static constexpr std::size_t file_bytes = std::size_t{512} << 20; ///< the whole file: 512 MiB
  static constexpr std::size_t depth = 16;                 ///< nesting of arrays and objects
  static constexpr std::size_t people = 1'000'000;         ///< people in one scheme
  static constexpr std::size_t households = 1'000'000;     ///< households in one scheme
  static constexpr std::size_t excluded_pairs = 1'000'000; ///< policy.excluded_pairs
  static constexpr std::size_t list = 1'000;     ///< any list inside a record (needs, residents…)
  static constexpr std::size_t string = 256;     ///< ids, vocabulary names, interests, languages…
  static constexpr std::size_t text = 10'000;    ///< free text: names and notes
  static constexpr std::size_t problems = 1'000; ///< problems listed; then how many more
};

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
