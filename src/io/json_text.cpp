#include "slmatch/io/json_text.hpp"

#include "slmatch/error.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ostream>

namespace slmatch {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

/// Bytes a string cannot copy as they are: control characters, `"` and `\\` are escaped,
/// and bytes from 0x80 start UTF-8 sequences that are checked.
constexpr std::array<bool, 256> needs_care = [] {
  std::array<bool, 256> care{};
  for (int byte = 0; byte < 256; ++byte)
    care[static_cast<std::size_t>(byte)] =
        byte < 0x20 || byte == '"' || byte == '\\' || byte >= 0x80;
  return care;
}();

/// Whether any of the eight bytes at `at` may need care; false means all eight copy as they
/// are. Word-wide tests (a byte is zero, or below 0x20, when subtracting borrows into its
/// high bit) let plain text go eight bytes at a time.
bool may_need_care(const char* at) {
  constexpr std::uint64_t ones = 0x0101010101010101, high_bits = 0x8080808080808080;
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  const auto has_zero_byte = [&](std::uint64_t v) { return (v - ones) & ~v & high_bits; };
  const std::uint64_t below_space = (word - ones * 0x20) & ~word & high_bits;
  return (below_space | has_zero_byte(word ^ (ones * '"')) | has_zero_byte(word ^ (ones * '\\')) |
          (word & high_bits)) != 0;
}

std::string hex_byte(unsigned char byte) {
  return std::string("0x") + hex_digits[byte >> 4] + static_cast<char>(hex_digits[byte & 0xf]);
}

/// Length of the UTF-8 sequence that starts at `text[at]` (a byte >= 0x80), checked as
/// nlohmann checks it: no overlong forms, no surrogates, nothing above U+10FFFF.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf; // range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    throw error("invalid UTF-8 byte at index " + std::to_string(at) + ": " + hex_byte(lead));
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (at + k >= text.size())
      throw error("incomplete UTF-8 string; last byte: " + hex_byte(byte(text.size() - 1)));
    const unsigned char next = byte(at + k);
    if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xbf))
      throw error("invalid UTF-8 byte at index " + std::to_string(at + k) + ": " + hex_byte(next));
  }
  return length;
}

} // namespace

json_text::json_text(int indent) : indent_(indent < 0 ? -1 : indent) {}

void json_text::new_line(std::size_t depth) {
  buffer_ += '\n';
  buffer_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void json_text::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) buffer_ += ',';
  empty_.back() = false;
  if (indent_ >= 0) new_line(empty_.size());
}

void json_text::key(std::string_view name) {
  before_value();
  quoted(name);
  buffer_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void json_text::begin_object() {
  before_value();
  buffer_ += '{';
  empty_.push_back(true);
}

void json_text::begin_array() {
  before_value();
  buffer_ += '[';
  empty_.push_back(true);
}

void json_text::close(char bracket) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty && indent_ >= 0) new_line(empty_.size());
  buffer_ += bracket;
}

void json_text::end_object() { close('}'); }

void json_text::end_array() { close(']'); }

void json_text::string(std::string_view text) {
  before_value();
  quoted(text);
}

void json_text::quoted(std::string_view text) {
  buffer_ += '"';
  std::size_t copied = 0; // bytes of `text` already in the buffer
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && !may_need_care(text.data() + i)) {
      i += 8;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (!needs_care[byte]) {
      ++i;
      continue;
    }
    if (byte >= 0x80) {
      i += utf8_length(text, i);
      continue;
    }
    buffer_.append(text.data() + copied, i - copied);
    buffer_ += '\\';
    switch (byte) {
    case '"':
      buffer_ += '"';
      break;
    case '\\':
      buffer_ += '\\';
      break;
    case '\b':
      buffer_ += 'b';
      break;
    case '\t':
      buffer_ += 't';
      break;
    case '\n':
      buffer_ += 'n';
      break;
    case '\f':
      buffer_ += 'f';
      break;
    case '\r':
      buffer_ += 'r';
      break;
    default:
      buffer_ += "u00";
      buffer_ += hex_digits[byte >> 4];
      buffer_ += hex_digits[byte & 0xf];
    }
    copied = ++i;
  }
  buffer_.append(text.data() + copied, text.size() - copied);
  buffer_ += '"';
}

void json_text::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    buffer_ += "null";
    return;
  }
  // nlohmann's own shortest round-trip digits and layout, so the bytes are dump's exactly.
  std::array<char, 64> digits{};
  const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value);
  buffer_.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
}

void json_text::signed_integer(std::int64_t value) {
  before_value();
  std::array<char, 24> digits{};
  const auto done = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  buffer_.append(digits.data(), static_cast<std::size_t>(done.ptr - digits.data()));
}

void json_text::unsigned_integer(std::uint64_t value) {
  before_value();
  std::array<char, 24> digits{};
  const auto done = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  buffer_.append(digits.data(), static_cast<std::size_t>(done.ptr - digits.data()));
}

void json_text::boolean(bool value) {
  before_value();
  buffer_ += value ? "true" : "false";
}

void json_text::null() {
  before_value();
  buffer_ += "null";
}

void json_text::end_line() { buffer_ += '\n'; }

void json_text::flush_to(std::ostream& out) {
  out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

} // namespace slmatch
