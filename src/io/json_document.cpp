// The flat JSON tree the scheme reader reads: building it, and finding an object's key.

#include "json_document.hpp"

#include "slmatch/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <limits>

namespace slmatch::detail {

std::optional<json_value> json_value::find(std::string_view key) const {
  if (!is_object()) return std::nullopt;
  const auto& n = node_of();
  const auto first = document_->members_.begin() + static_cast<std::ptrdiff_t>(n.value.first);
  const auto last = first + static_cast<std::ptrdiff_t>(n.size);
  const auto it = std::lower_bound(first, last, key, [&](const auto& m, std::string_view k) {
    return document_->key_of(m) < k;
  });
  if (it == last || document_->key_of(*it) != key) return std::nullopt;
  return json_value(*document_, it->node);
}

json_document json_document::from(const nlohmann::json& document) {
  // Depth first with a stack of open containers, not recursion: a document built in code
  // has no bound on its nesting.
  struct open_value {
    nlohmann::json::const_iterator next;
    nlohmann::json::const_iterator end;
    bool object;
  };
  using type = nlohmann::json::value_t;
  json_document copy;
  std::vector<open_value> open;
  const nlohmann::json* value = &document;
  while (value != nullptr) {
    switch (value->type()) {
    case type::null:
      copy.add_null();
      break;
    case type::boolean:
      copy.add_boolean(value->get<bool>());
      break;
    case type::number_integer:
      copy.add_integer(value->get<std::int64_t>());
      break;
    case type::number_unsigned:
      copy.add_unsigned(value->get<std::uint64_t>());
      break;
    case type::number_float:
      copy.add_float(value->get<double>());
      break;
    case type::string:
      copy.add_string(value->get_ref<const std::string&>());
      break;
    case type::array:
      copy.start_array();
      open.push_back({value->cbegin(), value->cend(), false});
      break;
    case type::object:
      copy.start_object();
      open.push_back({value->cbegin(), value->cend(), true});
      break;
    default: // binary, discarded
      copy.add_other();
      break;
    }
    value = nullptr;
    while (value == nullptr && !open.empty()) {
      open_value& top = open.back();
      if (top.next == top.end) {
        if (top.object)
          copy.end_object();
        else
          copy.end_array();
        open.pop_back();
      } else {
        if (top.object) copy.add_key(top.next.key());
        value = &*top.next;
        ++top.next;
      }
    }
  }
  return copy;
}

void json_document::reserve(std::size_t values, std::size_t text_bytes) {
  nodes_.reserve(values);
  elements_.reserve(values);
  members_.reserve(values);
  text_.reserve(text_bytes);
}

std::uint64_t json_document::keep(std::string_view text) {
  if (text.size() > std::numeric_limits<count>::max())
    throw error("a JSON string or key is too long to read");
  const std::uint64_t first = text_.size();
  text_.append(text);
  return first;
}

json_document::node& json_document::add(json_value::kind type) {
  if (nodes_.size() == std::numeric_limits<count>::max())
    throw error("a JSON document has too many values to read");
  const auto index = static_cast<count>(nodes_.size());
  if (!open_.empty())
    pending_.push_back(member{pending_key_.key_first, pending_key_.key_size, index});
  node& added = nodes_.emplace_back();
  added.type = type;
  return added;
}

void json_document::add_null() { add(json_value::kind::null); }

void json_document::add_boolean(bool value) {
  add(json_value::kind::boolean).value.boolean = value;
}

void json_document::add_integer(std::int64_t value) {
  if (value >= 0)
    add_unsigned(static_cast<std::uint64_t>(value));
  else
    add(json_value::kind::number_integer).value.number_integer = value;
}

void json_document::add_unsigned(std::uint64_t value) {
  add(json_value::kind::number_unsigned).value.number_unsigned = value;
}

void json_document::add_float(double value) {
  add(json_value::kind::number_float).value.number_float = value;
}

void json_document::add_string(std::string_view text) {
  const std::uint64_t first = keep(text);
  node& added = add(json_value::kind::string);
  added.value.first = first;
  added.size = static_cast<count>(text.size());
}

void json_document::add_other() { add(json_value::kind::other); }

void json_document::start_array() {
  add(json_value::kind::array);
  open_.push_back(open_container{nodes_.size() - 1, pending_.size()});
}

void json_document::end_array() {
  const open_container array = open_.back();
  open_.pop_back();
  const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(array.first);
  node& n = nodes_[array.node];
  n.value.first = elements_.size();
  n.size = static_cast<count>(pending_.end() - first);
  for (auto it = first; it != pending_.end(); ++it) elements_.push_back(it->node);
  pending_.erase(first, pending_.end());
}

void json_document::start_object() {
  add(json_value::kind::object);
  open_.push_back(open_container{nodes_.size() - 1, pending_.size()});
}

void json_document::add_key(std::string_view key) {
  pending_key_.key_first = keep(key);
  pending_key_.key_size = static_cast<count>(key.size());
}

void json_document::end_object() {
  const open_container object = open_.back();
  open_.pop_back();
  const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(object.first);
  // Equal keys keep their text order: nodes are numbered in document order.
  std::sort(first, pending_.end(), [&](const member& a, const member& b) {
    const int order = key_of(a).compare(key_of(b));
    return order < 0 || (order == 0 && a.node < b.node);
  });
  const std::size_t begin = members_.size();
  for (auto it = first; it != pending_.end(); ++it) {
    // Of equal keys, now side by side in text order, the last one stays.
    const auto next = std::next(it);
    if (next == pending_.end() || key_of(*next) != key_of(*it)) members_.push_back(*it);
  }
  node& n = nodes_[object.node];
  n.value.first = begin;
  n.size = static_cast<count>(members_.size() - begin);
  pending_.erase(first, pending_.end());
}

} // namespace slmatch::detail
