#pragma once
/// Plain-English wording shared by rule reasons, factor sentences and explanations.
///
/// In: vocabulary values, lists of words, numbers. Out: text for people to read —
/// "learning disability" instead of "learning_disability", "a, b and c", "41.2 km".
/// Numbers are formatted without the C locale so every machine writes the same text.

#include "slmatch/model/basics.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace slmatch::wording {

/// A vocabulary value as words: underscores become spaces ("mental health"), and the
/// values people write otherwise read as they write them: "PEG feeding", "long-term",
/// "non-binary", "gluten-free", "dairy-free", "soft-textured" (food), "ground-floor bedroom".
template <class E> std::string name(E value) {
  if constexpr (std::is_same_v<E, gender>) {
    if (value == gender::non_binary) return "non-binary";
  } else if constexpr (std::is_same_v<E, specialist_skill>) {
    if (value == specialist_skill::peg_feeding) return "PEG feeding";
  } else if constexpr (std::is_same_v<E, arrangement_type>) {
    if (value == arrangement_type::long_term) return "long-term";
  } else if constexpr (std::is_same_v<E, diet>) {
    if (value == diet::gluten_free) return "gluten-free";
    if (value == diet::dairy_free) return "dairy-free";
    if (value == diet::soft_food) return "soft-textured";
  } else if constexpr (std::is_same_v<E, home_feature>) {
    if (value == home_feature::ground_floor_bedroom) return "ground-floor bedroom";
  }
  std::string text(to_string(value));
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

/// Items joined as a list: "a", "a and b", "a, b and c" (`last` replaces "and").
inline std::string join_list(const std::vector<std::string>& items, std::string_view last = "and") {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      text += i + 1 == items.size() ? " " + std::string(last) + " " : ", ";
    }
    text += items[i];
  }
  return text;
}

/// The values of a set as words, in enum order, joined as a list.
template <class E> std::string join_names(tag_set<E> set, std::string_view last = "and") {
  std::vector<std::string> items;
  for (E value : set.values()) items.push_back(name(value));
  return join_list(items, last);
}

/// Items joined with a separator and nothing else.
inline std::string join_with(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += separator;
    text += items[i];
  }
  return text;
}

/// `x` rounded to `decimals` places (0–3), trailing zeros and point dropped unless
/// `keep_zeros`: format_number(41.25, 1) == "41.3", format_number(25.0, 1) == "25".
inline std::string format_number(double x, int decimals = 1, bool keep_zeros = false) {
  if (!std::isfinite(x)) return x > 0 ? "infinity" : (x < 0 ? "-infinity" : "unknown");
  long long scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (!(std::fabs(x) * static_cast<double>(scale) < 9e15)) {
    // Beyond exact integers in a double: print the digits the double holds.
    const int size = std::snprintf(nullptr, 0, "%.*f", decimals, x);
    std::string wide(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(wide.data(), wide.size(), "%.*f", decimals, x);
    wide.resize(static_cast<std::size_t>(size));
    if (decimals > 0 && !keep_zeros) {
      while (wide.back() == '0') wide.pop_back();
      if (wide.back() == '.') wide.pop_back();
    }
    return wide;
  }
  const long long scaled = std::llround(x * static_cast<double>(scale));
  const long long magnitude = scaled < 0 ? -scaled : scaled;
  std::string text = (scaled < 0 ? "-" : "") + std::to_string(magnitude / scale);
  if (decimals > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
    if (!keep_zeros) {
      while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
    if (!fraction.empty()) text += "." + fraction;
  }
  return text;
}

/// A distance for sentences: "41.2 km".
inline std::string format_km(double km) { return format_number(km, 1) + " km"; }

/// "1 place", "2 places".
inline std::string count_of(long long n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

/// A word with "a" or "an" in front, by its first letter.
inline std::string with_article(std::string_view word) {
  const bool vowel =
      !word.empty() && std::string_view("aeiouAEIOU").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

/// The text with its first letter in upper case (ASCII).
inline std::string capitalise(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

/// The text with ASCII letters in lower case, for case-insensitive comparison.
inline std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

} // namespace slmatch::wording

namespace slmatch {

/// A date as people write it: "12 August 2027".
inline std::string readable_date(const date& d) {
  static constexpr const char* months[] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
  return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
}

} // namespace slmatch
