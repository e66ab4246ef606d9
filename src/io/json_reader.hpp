#pragma once
// The field reader of every JSON document slmatch reads (scheme files and the proposal-rounds
// state): it finds fields, checks their types and collects each problem as (record, field,
// message) instead of stopping at the first, so one error lists everything wrong.
//
// Two wordings, kept as each format has always reported them: scheme files say what was
// expected and what was found ("expected a string, got a number", `read`), read from a
// `json_document`; the proposal-rounds state says what a field must be ("must be a
// string", `required_text`…), read from an nlohmann::json.

#include "json_document.hpp"

#include "slmatch/error.hpp"
#include "slmatch/model/basics.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace slmatch::detail {

/// Text in double quotes with JSON escapes, for naming keys, paths and vocabulary names.
std::string in_quotes(std::string_view text);

/// "a string", "an object", "null": what a JSON value is, for type errors.
std::string kind_of(json_value value);

/// "field[i]": the path of an element of a list.
std::string indexed(const std::string& field, std::size_t i);

/// Reads typed fields of a JSON document, collecting a problem for each one that is missing
/// or of the wrong type.
class json_reader {
public:
  /// Every problem found so far, in the order found.
  std::vector<problem> problems;

  /// Record a problem.
  void fail(const std::string& record, const std::string& field, std::string message);

  /// Throw the problems found so far as one error; nothing when there are none.
  /// @throws slmatch::validation_error listing them
  void throw_if_failed();

  // Values of scheme files ("expected …, got …") -------------------------------------

  /// Record "expected `expected`, got <kind of value>"; always false.
  bool type_error(json_value value, const std::string& record, const std::string& field,
                  const std::string& expected);

  /// False (with a problem) when `list` holds more than `limit` entries.
  bool within_limit(json_value list, const std::string& record, const std::string& field,
                    std::size_t limit);

  /// A string of at most `max_bytes` bytes (the text itself is never repeated in a problem:
  /// it may be personal).
  bool read(json_value value, const std::string& record, const std::string& field, std::string& out,
            std::size_t max_bytes);
  /// true or false.
  bool read(json_value value, const std::string& record, const std::string& field, bool& out);
  /// A whole number within `int` (a float with no fraction is accepted).
  bool read(json_value value, const std::string& record, const std::string& field, int& out);
  /// Any number.
  bool read(json_value value, const std::string& record, const std::string& field, double& out);
  /// A "YYYY-MM-DD" date (not repeated in a problem: dates of birth are personal).
  bool read(json_value value, const std::string& record, const std::string& field, date& out);

  /// A vocabulary name of enum `E`.
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
  bool read(json_value value, const std::string& record, const std::string& field, E& out) {
    if (!value.is_string())
      return type_error(value, record, field, "a " + std::string(vocabulary<E>::title) + " name");
    const std::string_view name = value.text();
    const auto parsed = parse<E>(name);
    if (!parsed) {
      fail(record, field, "unknown " + std::string(vocabulary<E>::title) + " " + in_quotes(name));
      return false;
    }
    out = *parsed;
    return true;
  }

  // Required fields of the proposal-rounds state ("is missing", "must be …") ----------

  /// The field `key` of `object`, or null with "is missing" (or "must be an object" when
  /// `object` is not one). `path` is the field's prefix ("people[2]."), empty at the top.
  const nlohmann::json* required(const nlohmann::json& object, const char* key,
                                 const std::string& record, const std::string& path = "");
  /// A required string field.
  std::optional<std::string> required_text(const nlohmann::json& object, const char* key,
                                           const std::string& record, const std::string& path = "");
  /// A required integer field, from `lowest` to 1'000'000'000.
  std::optional<int> required_integer(const nlohmann::json& object, const char* key,
                                      const std::string& record, const std::string& path = "",
                                      int lowest = 0);
  /// A required array field.
  const nlohmann::json* required_array(const nlohmann::json& object, const char* key,
                                       const std::string& record, const std::string& path = "");
};

} // namespace slmatch::detail
