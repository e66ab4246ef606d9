#pragma once
/// JSON text written value by value, byte for byte as `nlohmann::json::dump(indent)` prints
/// the same document, so a large document can be streamed without building it in memory.
///
/// It matches dump's layout (`"key": value` and one member or element per line when
/// indented, no spaces when compact, `{}` and `[]` when empty), its numbers (shortest digits
/// that read back exactly, `100.0` for integral doubles, `null` for NaN and infinities) and
/// its strings (UTF-8 kept as it is; `"`, `\` and control characters escaped). nlohmann
/// sorts object keys, so callers write each object's members in sorted key order.
///
/// Text collects in a buffer that `flush_to` hands to a stream and empties, keeping its
/// capacity: a writer flushes after each record and holds one record at a time.
///
/// ```cpp
/// slmatch::json_text json(2);
/// json.begin_object();
/// json.key("people");
/// json.integer(3);
/// json.end_object();
/// json.flush_to(std::cout);   // {\n  "people": 3\n}
/// ```
///
/// Compiled in `slmatch::io` (src/io/json_text.cpp).

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace slmatch {

/// A JSON text under construction in nlohmann's `dump` format.
class json_text {
public:
  /// @param[in] indent  spaces per level, as `dump(indent)`; negative for the compact form
  explicit json_text(int indent = -1);

  /// Open an object; members follow as `key` then a value.
  void begin_object();
  /// Close the innermost object.
  void end_object();
  /// Open an array; its elements follow.
  void begin_array();
  /// Close the innermost array.
  void end_array();

  /// The key of the next object member; its value comes next. Keys must come in sorted
  /// (byte) order, as nlohmann keeps them.
  void key(std::string_view name);

  /// A string value, escaped as nlohmann escapes it.
  ///
  /// @throws slmatch::error when `text` is not valid UTF-8 (nlohmann refuses it too)
  void string(std::string_view text);
  /// A number; integral values print as `100.0`, NaN and infinities as `null`.
  void number(double value);
  /// An integer of any width and signedness.
  template <
      class Integer,
      std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  void integer(Integer value) {
    if constexpr (std::is_signed_v<Integer>)
      signed_integer(static_cast<std::int64_t>(value));
    else
      unsigned_integer(static_cast<std::uint64_t>(value));
  }
  /// `true` or `false`.
  void boolean(bool value);
  /// `null`.
  void null();
  /// A newline after a complete top-level value, as JSON Lines separates records.
  void end_line();

  /// The text written since the last `flush_to`.
  const std::string& text() const noexcept { return buffer_; }
  /// Bytes written since the last `flush_to`.
  std::size_t size() const noexcept { return buffer_.size(); }
  /// Write the text so far to `out` and empty the buffer, keeping its capacity.
  void flush_to(std::ostream& out);

private:
  void signed_integer(std::int64_t value);
  void unsigned_integer(std::uint64_t value);
  void before_value();
  void quoted(std::string_view text);
  void new_line(std::size_t depth);
  void close(char bracket);

  std::string buffer_;
  int indent_;
  std::vector<bool> empty_; ///< per open object or array: nothing written in it yet
  bool after_key_ = false;  ///< the next value is a member's value
};

} // namespace slmatch
