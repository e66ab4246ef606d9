#pragma once
/// Names of enums, written once.
///
/// Every enum whose values are read or written as text (scheme files, JSON, the command
/// line, Python) gets one `vocabulary<E>` entry, written right after the enum with
/// `SLMATCH_VOCABULARY`:
///
/// ```cpp
/// enum class reply : std::uint8_t { pending, accept, decline };
/// SLMATCH_VOCABULARY(reply, "reply", "pending", "accept", "decline");
/// ```
///
/// The names are in enum order (the enum's values must be 0, 1, 2, ...); the title names
/// the vocabulary in messages and is the key of `slmatch._core.vocabularies` in Python.
/// `to_string(value)` gives a value's name and `parse<E>(name)` the value back, or nothing
/// for an unknown name. `parse_name<E>(name, record, field)` throws a `validation_error`
/// naming the field and listing the allowed names; `unknown_name<E>(...)` gives that
/// problem for code that collects every problem before throwing.

#include "slmatch/error.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch {

/// Names of each vocabulary, in enum order. Specialised per enum with `SLMATCH_VOCABULARY`.
template <class E> struct vocabulary;

namespace detail {
/// The names of a vocabulary as an array of string views.
template <class... Names>
constexpr std::array<std::string_view, sizeof...(Names)> vocabulary_names(const Names&... names) {
  return {std::string_view(names)...};
}
} // namespace detail

/// Defines `vocabulary<E>` (at namespace `slmatch` scope): the title and the name of each
/// value of enum `E`, in enum order.
#define SLMATCH_VOCABULARY(E, TITLE, ...)                                                          \
  template <> struct vocabulary<E> {                                                               \
    static constexpr std::string_view title = TITLE;                                               \
    static constexpr auto names = ::slmatch::detail::vocabulary_names(__VA_ARGS__);                \
  }

/// Number of values in vocabulary `E`.
template <class E> constexpr std::size_t vocabulary_size = vocabulary<E>::names.size();

/// The name of a vocabulary value, e.g. `to_string(diet::halal) == "halal"`.
template <class E> constexpr std::string_view to_string(E value) {
  return vocabulary<E>::names[static_cast<std::size_t>(value)];
}

/// The value named `name`, or nothing when the name is not in the vocabulary.
template <class E> constexpr std::optional<E> parse(std::string_view name) {
  const auto& names = vocabulary<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

/// Every value of vocabulary `E`, in enum order.
template <class E> std::vector<E> all_values() {
  std::vector<E> values;
  for (std::size_t i = 0; i < vocabulary_size<E>; ++i) values.push_back(static_cast<E>(i));
  return values;
}

/// The names joined with `separator`, and `last` before the final one:
/// `listed_names(names, ", ", " or ")` is "a, b or c".
template <class Names>
std::string listed_names(const Names& names, std::string_view separator = ", ",
                         std::string_view last = ", ") {
  std::string text;
  std::size_t i = 0;
  for (const auto& name : names) {
    if (i > 0) text += i + 1 == std::size(names) ? last : separator;
    text += std::string_view(name);
    ++i;
  }
  return text;
}

/// The problem of a name that is not one of `allowed`:
/// "<record>, field <field>: must be one of a, b, c (is \"x\")".
template <class Names>
problem unknown_name_in(const Names& allowed, std::string record, std::string field,
                        std::string_view name) {
  return {std::move(record), std::move(field),
          "must be one of " + listed_names(allowed) + " (is \"" + std::string(name) + "\")"};
}

/// The problem of a name that is not in vocabulary `E`.
template <class E>
problem unknown_name(std::string record, std::string field, std::string_view name) {
  return unknown_name_in(vocabulary<E>::names, std::move(record), std::move(field), name);
}

/// The value of vocabulary `E` named `name`.
/// @throws slmatch::validation_error naming `record` and `field` and the allowed names
template <class E> E parse_name(std::string_view name, std::string record, std::string field) {
  if (const auto value = parse<E>(name)) return *value;
  throw validation_error({unknown_name<E>(std::move(record), std::move(field), name)});
}

} // namespace slmatch
