#pragma once
// JSON text into a `json_document` by simdjson, which reads a national scheme's tens of
// megabytes many times faster than nlohmann's parser.
//
// simdjson refuses every text nlohmann refuses, so a refusal is handed to nlohmann, which
// words the problem as the scheme reader always has; it also refuses a few texts that
// nlohmann reads (a byte order mark, whole numbers beyond 64 bits, anything after a NUL
// byte), which nlohmann then reads. What simdjson accepts it reads as nlohmann would: the
// same strings, keys and whole numbers, and doubles rounded correctly like `strtod`.

#include "json_document.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace slmatch::detail {

/// The bytes simdjson may read past the end of a text (never using them); a text followed
/// by that many readable bytes is parsed where it is, any other is copied first.
inline constexpr std::size_t simdjson_padding = 64;

/// Parse JSON text with simdjson.
///
/// @param[in] text  the whole document
/// @param[in] depth  the deepest nesting of arrays and objects accepted
/// @param[in] padded  `simdjson_padding` readable bytes follow `text`
/// @return  the document, or nothing when simdjson refuses the text (for any reason,
///          memory included) or it nests deeper than `depth`: the caller then finds and
///          words the problem
std::optional<json_document> parse_with_simdjson(std::string_view text, std::size_t depth,
                                                 bool padded);

} // namespace slmatch::detail
