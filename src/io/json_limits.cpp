// Size and nesting bounds of a JSON document, and malformed JSON as a problem with its
// line and column.

#include "json_limits.hpp"

#include "simdjson_parse.hpp"

#include "slmatch/io/scheme_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace slmatch::detail {
namespace {

using json = nlohmann::json;

/// Line and column (both from 1) of the byte at `offset` (from 0) in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, offset - line_start + 1};
}

/// What nlohmann's parser found wrong, without its position (we compute our own) and
/// without the text it last read (which may be personal data).
std::string parse_reason(const std::string& what) {
  std::string reason = what;
  const auto column = reason.find("column ");
  if (column != std::string::npos) {
    const auto colon = reason.find(": ", column);
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  const auto last_read = reason.find("; last read");
  if (last_read != std::string::npos) reason.resize(last_read);
  return reason;
}

/// The first place where arrays and objects nest deeper than `scheme_limits::depth`, as a
/// problem; found by one pass over the text before nlohmann parses it.
std::optional<problem> nesting_problem(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > scheme_limits::depth) {
        const auto [line, column] = line_and_column(text, i);
        return problem{"file", "",
                       "nested deeper than " + std::to_string(scheme_limits::depth) +
                           " levels at line " + std::to_string(line) + ", column " +
                           std::to_string(column)};
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

/// Finds where a parse fails, for errors whose exception does not say (numbers too large
/// for a double); it keeps nothing else.
class failure_position final : public nlohmann::json_sax<json> {
public:
  std::size_t byte = 0;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const json::exception&) override {
    byte = position;
    return false;
  }
};

/// The problem of malformed JSON: where (line and column of the byte at `byte`, from 1)
/// and why.
problem malformed(std::string_view text, std::size_t byte, const std::string& reason) {
  const auto [line, column] = line_and_column(text, byte == 0 ? 0 : byte - 1);
  return problem{"file", "",
                 "malformed JSON at line " + std::to_string(line) + ", column " +
                     std::to_string(column) + ": " + reason};
}

} // namespace

/// The problem of a file too large to read.
problem too_large(std::size_t bytes) {
  return problem{"file", "",
                 "too large: " + std::to_string(bytes) + " bytes (at most " +
                     std::to_string(scheme_limits::file_bytes) + ")"};
}

json_document parse_within_limits(std::string_view text, bool padded) {
  if (text.size() > scheme_limits::file_bytes) throw validation_error({too_large(text.size())});
  // simdjson accepts only well-formed text within the nesting limit, so the problems are
  // found, as they always were, only in the text it refuses: nesting first, then nlohmann.
  if (auto document = parse_with_simdjson(text, scheme_limits::depth, padded))
    return std::move(*document);
  if (auto deep = nesting_problem(text)) throw validation_error({std::move(*deep)});
  try {
    return json_document::from(json::parse(text.begin(), text.end()));
  } catch (const json::parse_error& e) {
    // `byte` counts from 1 and points at the last character read.
    throw validation_error({malformed(text, e.byte, parse_reason(e.what()))});
  } catch (const json::exception&) {
    // A number too large for a double; its message quotes the input, so it is not kept.
    failure_position where;
    json::sax_parse(text.begin(), text.end(), &where);
    throw validation_error({malformed(text, where.byte, "number out of range")});
  }
}

} // namespace slmatch::detail
