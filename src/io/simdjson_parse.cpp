// JSON text into a json_document by simdjson's DOM parser.

#include "simdjson_parse.hpp"

#include <simdjson.h>

namespace slmatch::detail {
namespace {

/// `element` and everything inside it, depth first, into `document`; false as soon as
/// arrays and objects nest deeper than `depth` levels (counting `element`'s own). Each value
/// is taken as the type simdjson found it to be, so no `get_…` here can fail.
bool add_element(json_document& document, simdjson::dom::element element, std::size_t depth) {
  using type = simdjson::dom::element_type;
  switch (element.type()) {
  case type::ARRAY: {
    if (depth == 0) return false;
    const simdjson::dom::array array = element.get_array().value_unsafe();
    document.start_array();
    for (const simdjson::dom::element item : array)
      if (!add_element(document, item, depth - 1)) return false;
    document.end_array();
    break;
  }
  case type::OBJECT: {
    if (depth == 0) return false;
    const simdjson::dom::object object = element.get_object().value_unsafe();
    document.start_object();
    for (const simdjson::dom::key_value_pair member : object) {
      document.add_key(member.key);
      if (!add_element(document, member.value, depth - 1)) return false;
    }
    document.end_object();
    break;
  }
  case type::INT64:
    document.add_integer(element.get_int64().value_unsafe());
    break;
  case type::UINT64:
    document.add_unsigned(element.get_uint64().value_unsafe());
    break;
  case type::DOUBLE:
    document.add_float(element.get_double().value_unsafe());
    break;
  case type::STRING:
    document.add_string(element.get_string().value_unsafe());
    break;
  case type::BOOL:
    document.add_boolean(element.get_bool().value_unsafe());
    break;
  case type::NULL_VALUE:
    document.add_null();
    break;
  }
  return true;
}

} // namespace

static_assert(simdjson_padding == simdjson::SIMDJSON_PADDING);

std::optional<json_document> parse_with_simdjson(std::string_view text, std::size_t depth,
                                                 bool padded) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS)
    return std::nullopt;
  json_document document;
  // About one value for every 25 bytes of a scheme file; strings and keys are shorter
  // than the text.
  document.reserve(text.size() / 25, text.size());
  if (!add_element(document, root, depth)) return std::nullopt;
  return document;
}

} // namespace slmatch::detail
