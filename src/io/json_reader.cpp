// The field reader shared by the scheme loader and the proposal-rounds state.

#include "json_reader.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace slmatch::detail {

using json = nlohmann::json;

std::string in_quotes(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string kind_of(json_value value) {
  using kind = json_value::kind;
  switch (value.type()) {
  case kind::null:
    return "null";
  case kind::boolean:
    return "a boolean";
  case kind::number_integer:
  case kind::number_unsigned:
  case kind::number_float:
    return "a number";
  case kind::string:
    return "a string";
  case kind::array:
    return "an array";
  case kind::object:
    return "an object";
  default:
    return "an unsupported value";
  }
}

std::string indexed(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

void json_reader::fail(const std::string& record, const std::string& field, std::string message) {
  problems.push_back(problem{record, field, std::move(message)});
}

void json_reader::throw_if_failed() {
  if (!problems.empty()) throw validation_error(std::move(problems));
}

bool json_reader::type_error(json_value value, const std::string& record, const std::string& field,
                             const std::string& expected) {
  fail(record, field, "expected " + expected + ", got " + kind_of(value));
  return false;
}

bool json_reader::within_limit(json_value list, const std::string& record, const std::string& field,
                               std::size_t limit) {
  if (list.size() <= limit) return true;
  fail(record, field,
       "too many entries: " + std::to_string(list.size()) + " (at most " + std::to_string(limit) +
           ")");
  return false;
}

bool json_reader::read(json_value value, const std::string& record, const std::string& field,
                       std::string& out, std::size_t max_bytes) {
  if (!value.is_string()) return type_error(value, record, field, "a string");
  const std::string_view text = value.text();
  if (text.size() > max_bytes) { // the text itself is not repeated: it may be personal
    fail(record, field,
         "too long: " + std::to_string(text.size()) + " bytes (at most " +
             std::to_string(max_bytes) + ")");
    return false;
  }
  out = text;
  return true;
}

bool json_reader::read(json_value value, const std::string& record, const std::string& field,
                       bool& out) {
  if (!value.is_boolean()) return type_error(value, record, field, "a boolean");
  out = value.boolean();
  return true;
}

bool json_reader::read(json_value value, const std::string& record, const std::string& field,
                       int& out) {
  constexpr auto low = std::numeric_limits<int>::min();
  constexpr auto high = std::numeric_limits<int>::max();
  if (value.is_number_unsigned()) {
    const auto number = value.number_unsigned();
    if (number > static_cast<std::uint64_t>(high)) {
      fail(record, field, "number out of range");
      return false;
    }
    out = static_cast<int>(number);
    return true;
  }
  if (value.is_number_integer()) {
    const auto number = value.number_integer();
    if (number < low || number > high) {
      fail(record, field, "number out of range");
      return false;
    }
    out = static_cast<int>(number);
    return true;
  }
  if (value.is_number_float()) {
    const double number = value.number();
    if (number != std::floor(number)) {
      fail(record, field, "expected a whole number, got a fraction");
      return false;
    }
    if (number < low || number > high) {
      fail(record, field, "number out of range");
      return false;
    }
    out = static_cast<int>(number);
    return true;
  }
  return type_error(value, record, field, "a whole number");
}

bool json_reader::read(json_value value, const std::string& record, const std::string& field,
                       double& out) {
  if (!value.is_number()) return type_error(value, record, field, "a number");
  out = value.number();
  return true;
}

bool json_reader::read(json_value value, const std::string& record, const std::string& field,
                       date& out) {
  if (!value.is_string()) return type_error(value, record, field, "a date string");
  const auto parsed = date::parse(value.text());
  if (!parsed) {
    fail(record, field, "not a valid date (expected YYYY-MM-DD)");
    return false;
  }
  out = *parsed;
  return true;
}

const json* json_reader::required(const json& object, const char* key, const std::string& record,
                                  const std::string& path) {
  if (!object.is_object()) {
    fail(record, path.empty() ? key : path, "must be an object");
    return nullptr;
  }
  const auto it = object.find(key);
  if (it == object.end()) {
    fail(record, path + key, "is missing");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> json_reader::required_text(const json& object, const char* key,
                                                      const std::string& record,
                                                      const std::string& path) {
  const auto* value = required(object, key, record, path);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    fail(record, path + key, "must be a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<int> json_reader::required_integer(const json& object, const char* key,
                                                 const std::string& record, const std::string& path,
                                                 int lowest) {
  const auto* value = required(object, key, record, path);
  if (!value) return std::nullopt;
  if (!value->is_number_integer() || value->get<std::int64_t>() < lowest ||
      value->get<std::int64_t>() > 1000000000) {
    fail(record, path + key, "must be an integer >= " + std::to_string(lowest));
    return std::nullopt;
  }
  return value->get<int>();
}

const json* json_reader::required_array(const json& object, const char* key,
                                        const std::string& record, const std::string& path) {
  const auto* value = required(object, key, record, path);
  if (value && !value->is_array()) {
    fail(record, path + key, "must be an array");
    return nullptr;
  }
  return value;
}

} // namespace slmatch::detail
