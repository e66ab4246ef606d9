#pragma once
// A parsed JSON document as the scheme reader reads it: a read-only tree with the meaning
// nlohmann::json gives a document (numbers whole or floating as its parser tells them
// apart, whole ones unsigned when ≥ 0; an object holds each key once, in key order, with
// the last value the text gave it), held in four flat arrays instead of one allocation per
// value, so that building, reading and freeing a national scheme costs a fraction of an
// nlohmann::json.
//
// It is built in document order, the way a SAX parser reports values (`start_object`,
// `add_key`, `add_string`…, `end_object`): by simdjson from text (simdjson_parse.hpp), or from
// an nlohmann::json (`json_document::from`).

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slmatch::detail {

class json_document;

/// One value of a `json_document`; a small handle, valid while the document lives.
class json_value {
public:
  /// What the value is; `other` stands for nlohmann's binary and discarded values.
  enum class kind : unsigned char {
    null,
    boolean,
    number_unsigned,
    number_integer,
    number_float,
    string,
    array,
    object,
    other
  };

  kind type() const;
  bool is_null() const { return type() == kind::null; }
  bool is_boolean() const { return type() == kind::boolean; }
  bool is_number_unsigned() const { return type() == kind::number_unsigned; }
  bool is_number_integer() const { return type() == kind::number_integer; }
  bool is_number_float() const { return type() == kind::number_float; }
  bool is_number() const {
    return type() == kind::number_unsigned || type() == kind::number_integer ||
           type() == kind::number_float;
  }
  bool is_string() const { return type() == kind::string; }
  bool is_array() const { return type() == kind::array; }
  bool is_object() const { return type() == kind::object; }

  /// The value of a boolean.
  bool boolean() const;
  /// The value of a whole number ≥ 0.
  std::uint64_t number_unsigned() const;
  /// The value of a negative whole number.
  std::int64_t number_integer() const;
  /// Any number as a double (a whole number converted, as nlohmann's `get<double>`).
  double number() const;
  /// The text of a string, unescaped.
  std::string_view text() const;

  /// The elements of an array or the members of an object; 0 for anything else.
  std::size_t size() const;
  /// Element `i` of an array (i < size()).
  json_value operator[](std::size_t i) const;
  /// Key of member `i` of an object (i < size()), members in key order.
  std::string_view key(std::size_t i) const;
  /// Value of member `i` of an object (i < size()).
  json_value value(std::size_t i) const;
  /// The value under `key` in an object; nothing when there is none (or this is no object).
  std::optional<json_value> find(std::string_view key) const;

private:
  friend class json_document;
  json_value(const json_document& document, std::size_t node) : document_(&document), node_(node) {}
  const auto& node_of() const;

  const json_document* document_;
  std::size_t node_;
};

/// A JSON document held as flat arrays: one node per value in document order, the
/// elements of every array, the members of every object, and the text of every string and
/// key.
class json_document {
public:
  /// An empty document (no root): fill it with the `add_…`, `start_…` and `end_…` calls.
  json_document() = default;

  /// The same document as `document`, value for value.
  ///
  /// @param[in] document  any nlohmann::json (binary and discarded values become `other`)
  /// @return  the document
  static json_document from(const nlohmann::json& document);

  /// The outermost value, once one has been added.
  json_value root() const { return json_value(*this, 0); }

  /// Room for `values` values and `text_bytes` bytes of strings and keys (a hint).
  void reserve(std::size_t values, std::size_t text_bytes);

  // Building, in document order: each value is the root, the next element of the open
  // array, or the value of the key added last in the open object.

  void add_null();
  void add_boolean(bool value);
  /// A whole number: unsigned when ≥ 0, signed when negative, whichever way it came.
  void add_integer(std::int64_t value);
  void add_unsigned(std::uint64_t value);
  void add_float(double value);
  void add_string(std::string_view text);
  /// A binary or discarded nlohmann value, which no reader accepts.
  void add_other();
  void start_array();
  void end_array();
  void start_object();
  /// The key of the object's next member.
  void add_key(std::string_view key);
  /// Close the open object: its members are put in key order, and of members with the
  /// same key only the last is kept (as nlohmann::json keeps them).
  void end_object();

private:
  friend class json_value;

  /// Counts and node numbers are 32 bits, which keeps a node to 16 bytes: a document read
  /// from text within `scheme_limits::file_bytes` needs far fewer, and `add` and `keep`
  /// throw `slmatch::error` past them.
  using count = std::uint32_t;

  struct node {
    json_value::kind type = json_value::kind::null;
    /// A string's bytes, an array's elements or an object's members.
    count size = 0;
    union {
      bool boolean;
      std::uint64_t number_unsigned;
      std::int64_t number_integer;
      double number_float;
      /// Where a string's text starts in `text_`, or an array's elements in `elements_`,
      /// or an object's members in `members_`.
      std::uint64_t first;
    } value{};
  };

  struct member {
    std::uint64_t key_first = 0;
    count key_size = 0;
    count node = 0;
  };

  /// An array or object being built, its children (so far) in `pending_` from `first`.
  struct open_container {
    std::size_t node = 0;
    std::size_t first = 0;
  };

  /// A new node of `type`, in its place in the open container.
  node& add(json_value::kind type);
  /// Copy `text` to `text_`; where it starts.
  std::uint64_t keep(std::string_view text);
  std::string_view text_of(std::uint64_t first, std::size_t size) const {
    return {text_.data() + first, size};
  }
  std::string_view key_of(const member& m) const { return text_of(m.key_first, m.key_size); }

  std::vector<node> nodes_;
  std::vector<count> elements_;
  std::vector<member> members_;
  std::string text_;

  std::vector<open_container> open_;
  /// The children of the open containers, innermost last (an array's without keys).
  std::vector<member> pending_;
  member pending_key_;
};

// The accessors are read for every value of a document: inline, after the node layout.

inline const auto& json_value::node_of() const { return document_->nodes_[node_]; }
inline json_value::kind json_value::type() const { return node_of().type; }
inline bool json_value::boolean() const { return node_of().value.boolean; }
inline std::uint64_t json_value::number_unsigned() const { return node_of().value.number_unsigned; }
inline std::int64_t json_value::number_integer() const { return node_of().value.number_integer; }
inline double json_value::number() const {
  const auto& n = node_of();
  switch (n.type) {
  case kind::number_unsigned:
    return static_cast<double>(n.value.number_unsigned);
  case kind::number_integer:
    return static_cast<double>(n.value.number_integer);
  default:
    return n.value.number_float;
  }
}
inline std::string_view json_value::text() const {
  const auto& n = node_of();
  return document_->text_of(n.value.first, n.size);
}
inline std::size_t json_value::size() const {
  const auto& n = node_of();
  return n.type == kind::array || n.type == kind::object ? n.size : 0;
}
inline json_value json_value::operator[](std::size_t i) const {
  return {*document_, document_->elements_[node_of().value.first + i]};
}
inline std::string_view json_value::key(std::size_t i) const {
  return document_->key_of(document_->members_[node_of().value.first + i]);
}
inline json_value json_value::value(std::size_t i) const {
  return {*document_, document_->members_[node_of().value.first + i].node};
}

} // namespace slmatch::detail
