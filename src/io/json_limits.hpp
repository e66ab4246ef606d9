#pragma once
// The bounds every scheme file is read within (`scheme_limits`): the size of the file,
// checked before the text is parsed, and the nesting of its arrays and objects, and
// malformed JSON reported as a problem with its line and column. The counts of records, list
// entries and string lengths are checked by the scheme reader as it reads each field.

#include "json_document.hpp"

#include "slmatch/error.hpp"

#include <cstddef>
#include <string_view>

namespace slmatch::detail {

/// The problem of a file of `bytes` bytes, more than `scheme_limits::file_bytes`.
problem too_large(std::size_t bytes);

/// Parse JSON text that must keep within `scheme_limits` (file size, nesting depth):
/// by simdjson; when simdjson refuses the text, one pass over it finds where it nests too
/// deep, and nlohmann decides what is malformed and says why, as they always have.
///
/// @param[in] text  the whole document
/// @param[in] padded  `simdjson_padding` readable bytes follow `text`, so simdjson need
///            not copy it
/// @return  the parsed document
/// @throws slmatch::validation_error with one problem (record "file"): too large, nested too
///         deep, or malformed JSON with its line and column (never quoting the text, which
///         may be personal data)
json_document parse_within_limits(std::string_view text, bool padded = false);

} // namespace slmatch::detail
