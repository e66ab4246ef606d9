// json_text writes what nlohmann::json::dump writes: the same layout, numbers and string
// escapes, compared byte for byte on edge cases and on random documents.

#include "slmatch/error.hpp"
#include "slmatch/io/json_text.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace slmatch;
using nlohmann::json;

namespace {

/// Write `value` through json_text, members in nlohmann's (sorted) order.
void write(json_text& out, const json& value) {
  switch (value.type()) {
  case json::value_t::object:
    out.begin_object();
    for (const auto& [key, member] : value.items()) {
      out.key(key);
      write(out, member);
    }
    out.end_object();
    break;
  case json::value_t::array:
    out.begin_array();
    for (const auto& element : value) write(out, element);
    out.end_array();
    break;
  case json::value_t::string:
    out.string(value.get_ref<const std::string&>());
    break;
  case json::value_t::boolean:
    out.boolean(value.get<bool>());
    break;
  case json::value_t::number_integer:
    out.integer(value.get<std::int64_t>());
    break;
  case json::value_t::number_unsigned:
    out.integer(value.get<std::uint64_t>());
    break;
  case json::value_t::number_float:
    out.number(value.get<double>());
    break;
  default:
    out.null();
  }
}

std::string written(const json& value, int indent) {
  json_text out(indent);
  write(out, value);
  std::ostringstream text;
  out.flush_to(text);
  return text.str();
}

std::string utf8(char32_t code) {
  std::string bytes;
  if (code < 0x80) {
    bytes += static_cast<char>(code);
  } else if (code < 0x800) {
    bytes += static_cast<char>(0xc0 | (code >> 6));
    bytes += static_cast<char>(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    bytes += static_cast<char>(0xe0 | (code >> 12));
    bytes += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    bytes += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    bytes += static_cast<char>(0xf0 | (code >> 18));
    bytes += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
    bytes += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    bytes += static_cast<char>(0x80 | (code & 0x3f));
  }
  return bytes;
}

/// Text mixing every kind of character nlohmann treats differently.
std::string random_text(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> length(0, 12), kind(0, 5);
  std::string text;
  for (int n = length(rng); n > 0; --n) {
    switch (kind(rng)) {
    case 0:
      text += static_cast<char>(std::uniform_int_distribution<int>(0, 0x1f)(rng));
      break;
    case 1:
      text += "\"\\/"[std::uniform_int_distribution<int>(0, 2)(rng)];
      break;
    case 2:
      text += utf8(std::uniform_int_distribution<char32_t>(0x80, 0x7ff)(rng));
      break;
    case 3: {
      char32_t code = std::uniform_int_distribution<char32_t>(0x800, 0xffff)(rng);
      if (code >= 0xd800 && code <= 0xdfff) code = 0x7f; // surrogates are not characters
      text += utf8(code);
      break;
    }
    case 4:
      text += utf8(std::uniform_int_distribution<char32_t>(0x10000, 0x10ffff)(rng));
      break;
    default:
      text += static_cast<char>(std::uniform_int_distribution<int>(0x20, 0x7f)(rng));
    }
  }
  return text;
}

double random_double(std::mt19937_64& rng) {
  const std::uint64_t bits = rng();
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

json random_value(std::mt19937_64& rng, int depth) {
  const int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 5 : 7)(rng);
  switch (kind) {
  case 0:
    return nullptr;
  case 1:
    return rng() % 2 == 0;
  case 2:
    return static_cast<std::int64_t>(rng());
  case 3:
    return rng();
  case 4:
    return random_double(rng);
  case 5:
    return random_text(rng);
  case 6: {
    json object = json::object();
    for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n)
      object[random_text(rng)] = random_value(rng, depth + 1);
    return object;
  }
  default: {
    json array = json::array();
    for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n)
      array.push_back(random_value(rng, depth + 1));
    return array;
  }
  }
}

} // namespace

TEST_CASE("json_text: numbers as nlohmann dumps them") {
  const double inf = std::numeric_limits<double>::infinity();
  for (double value : {0.0,
                       -0.0,
                       1.0,
                       -1.0,
                       100.0,
                       0.1,
                       0.5,
                       1.0 / 3.0,
                       78.523,
                       1e-4,
                       1e-5,
                       123456789012345.0,
                       1e15,
                       1e16,
                       1e17,
                       1.5e300,
                       -2.5e-300,
                       1e6,
                       9.3e18,
                       std::numeric_limits<double>::max(),
                       std::numeric_limits<double>::lowest(),
                       std::numeric_limits<double>::min(),
                       std::numeric_limits<double>::denorm_min(),
                       std::numeric_limits<double>::epsilon(),
                       inf,
                       -inf,
                       std::numeric_limits<double>::quiet_NaN()}) {
    CAPTURE(value);
    CHECK(written(json(value), -1) == json(value).dump());
  }
  std::mt19937_64 rng(17);
  for (int n = 0; n < 100000; ++n) {
    const double value = random_double(rng);
    CAPTURE(value);
    REQUIRE(written(json(value), -1) == json(value).dump());
    const double points =
        std::round(std::uniform_real_distribution<double>(-100, 100)(rng) * 1000) / 1000;
    REQUIRE(written(json(points), -1) == json(points).dump());
  }
}

TEST_CASE("json_text: integers of every width") {
  for (std::int64_t value :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
    CHECK(written(json(value), -1) == json(value).dump());
  CHECK(written(json(std::numeric_limits<std::uint64_t>::max()), -1) ==
        json(std::numeric_limits<std::uint64_t>::max()).dump());
  json_text out;
  out.begin_array();
  out.integer(std::size_t{7});
  out.integer(-3);
  out.integer(static_cast<unsigned char>(200));
  out.end_array();
  CHECK(out.text() == "[7,-3,200]");
}

TEST_CASE("json_text: strings escaped as nlohmann escapes them") {
  std::string every_byte_below_128;
  for (int c = 0; c < 128; ++c) every_byte_below_128 += static_cast<char>(c);
  for (const std::string& text :
       {std::string(), std::string("plain"), std::string("quote \" backslash \\ slash /"),
        std::string("\b\f\n\r\t\x01\x1f\x7f"), std::string("nul\0inside", 10), every_byte_below_128,
        std::string("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf")}) {
    CAPTURE(text);
    CHECK(written(json(text), -1) == json(text).dump());
  }
  std::mt19937_64 rng(5);
  for (int n = 0; n < 20000; ++n) {
    const std::string text = random_text(rng);
    REQUIRE(written(json(text), -1) == json(text).dump());
  }
}

TEST_CASE("json_text: invalid UTF-8 is refused, as nlohmann refuses it") {
  for (const std::string& text :
       {std::string("\x80"), std::string("a\xff"), std::string("\xc0\xaf"), std::string("\xc3"),
        std::string("\xe0\x80\xaf"), std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"),
        std::string("\xf5\x80\x80\x80"), std::string("\xe2\x9c"), std::string("\xe2\x28\xa1")}) {
    CAPTURE(text);
    CHECK_THROWS_AS(json(text).dump(), json::type_error);
    json_text out;
    CHECK_THROWS_AS(out.string(text), slmatch::error);
  }
}

TEST_CASE("json_text: random documents in every indentation") {
  std::mt19937_64 rng(11);
  for (int n = 0; n < 2000; ++n) {
    const json document = random_value(rng, 0);
    for (int indent : {-1, 0, 1, 2, 4}) {
      CAPTURE(document.dump(), indent);
      REQUIRE(written(document, indent) == document.dump(indent));
    }
  }
  for (const json& document : {json::object(), json::array(), json::parse(R"({"a":[],"b":{}})"),
                               json::parse(R"([[[]],{"x":[{}]}])")})
    for (int indent : {-1, 0, 2}) CHECK(written(document, indent) == document.dump(indent));
}

TEST_CASE("json_text: records one per line, flushed as they come") {
  json_text out;
  std::ostringstream lines;
  for (int record = 0; record < 3; ++record) {
    out.begin_object();
    out.key("n");
    out.integer(record);
    out.end_object();
    out.end_line();
    out.flush_to(lines);
    CHECK(out.size() == 0);
  }
  CHECK(lines.str() == "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
}
