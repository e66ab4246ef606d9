// Scheme text is read as nlohmann::json reads it, whichever parser reads it first
// (simdjson, then nlohmann for what simdjson refuses): keys given twice, escapes, numbers
// past 64 bits, a byte order mark, malformed strings, and nesting inside well-formed text.

#include "slmatch/io/json.hpp"

#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace slmatch;
using nlohmann::json;
using slmatch::testing::check_problem;
using slmatch::testing::load_problems;
using slmatch::testing::only_parse_problem;
using slmatch::testing::parse_problems;
using slmatch::testing::single_problem;
using slmatch::testing::small_scheme_json;

namespace {

/// The small test scheme as compact text with its first `from` replaced by `to`.
std::string small_text_with(const std::string& from, const std::string& to) {
  std::string text = small_scheme_json().dump();
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("parse_scheme: of a key given twice, the last value counts") {
  SECTION("in a record") {
    CHECK(parse_problems(small_text_with(R"("support_level":"moderate")",
                                         R"("support_level":"hgh","support_level":"moderate")"))
              .empty());
    check_problem(
        only_parse_problem(small_text_with(R"("support_level":"moderate")",
                                           R"("support_level":"moderate","support_level":"hgh")")),
        "person P1", "support_level", "unknown support level \"hgh\"");
  }
  SECTION("in weights, which are read in key order") {
    const auto problems = parse_problems(small_text_with(
        R"("as_of":"2026-11-01")",
        R"("as_of":"2026-11-01","weights":{"diet":1,"diet":-2,"kindness":1,"care":2})"));
    REQUIRE(problems.size() == 3);
    check_problem(problems[0], "policy", "weights.care", "unknown factor \"care\"");
    check_problem(problems[1], "policy", "weights.kindness", "unknown factor \"kindness\"");
    check_problem(problems[2], "policy", "weights.diet", "must be a finite number >= 0");
  }
  SECTION("an unknown key is named once, unknown keys in key order") {
    const auto problems =
        parse_problems(small_text_with(R"("id":"S1")", R"("zeta":1,"alpha":2,"zeta":3,"id":"S1")"));
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "scheme", "alpha", "unknown field \"alpha\"");
    check_problem(problems[1], "scheme", "zeta", "unknown field \"zeta\"");
  }
}

TEST_CASE("parse_scheme: escaped keys and strings read as their characters") {
  const scheme s = parse_scheme(small_text_with(
      R"("id":"S1")", R"("id":"S1","n\u0061me":"Caf\u00e9 \ud83d\ude00 \"\/\\\t")"));
  CHECK(s.name == "Caf\xc3\xa9 \xf0\x9f\x98\x80 \"/\\\t");
}

TEST_CASE("parse_scheme: optional fields may be null in the text") {
  const scheme s = parse_scheme(small_text_with(
      R"("consent":["interests"])", R"("travel_limit_km":null,"lifestyle":null,"interests":null,)"
                                    R"("consent":["interests"])"));
  CHECK_FALSE(s.people[0].travel_limit_km.has_value());
  CHECK_FALSE(s.people[0].way_of_life.has_value());
  CHECK(s.people[0].interests.empty());
}

TEST_CASE("parse_scheme: whole numbers beyond 64 bits and other number edges") {
  const auto places = [](const std::string& number) {
    return parse_problems(small_text_with(R"("places":2)", "\"places\":" + number));
  };
  for (const std::string number : {"123456789012345678901234567890", "18446744073709551615",
                                   "-9223372036854775809", "2147483648"}) {
    INFO(number);
    check_problem(single_problem(places(number)), "household H1", "places", "number out of range");
  }
  CHECK(places("2.0").empty());
  CHECK(places("2e0").empty());
  CHECK(places("0.2e1").empty());
  check_problem(single_problem(places("-0")), "household H1", "places", "must be between 1 and 3");
  check_problem(single_problem(places("1e400")), "file", "",
                "malformed JSON at line 1, column " +
                    std::to_string(small_scheme_json().dump().find(R"("places":2)") + 14) +
                    ": number out of range");
}

TEST_CASE("parse_scheme: a byte order mark, and a NUL byte ending the text") {
  const std::string text = small_scheme_json().dump();
  CHECK(parse_problems("\xef\xbb\xbf" + text).empty());
  CHECK(parse_problems(text + std::string(1, '\0') + "{not JSON").empty());
}

TEST_CASE("parse_scheme: malformed strings are worded as before") {
  check_problem(only_parse_problem(R"({"id": "\udc00"})"), "file", "",
                "malformed JSON at line 1, column 14: syntax error while parsing value - "
                "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
  check_problem(only_parse_problem(R"({"id": "\ud800x"})"), "file", "",
                "malformed JSON at line 1, column 15: syntax error while parsing value - "
                "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
  check_problem(only_parse_problem("{\"id\": \"S\x01\"}"), "file", "",
                "malformed JSON at line 1, column 10: syntax error while parsing value - "
                "invalid string: control character U+0001 (SOH) must be escaped to \\u0001");
  check_problem(only_parse_problem("{\"id\": \"S\xff\"}"), "file", "",
                "malformed JSON at line 1, column 10: syntax error while parsing value - "
                "invalid string: ill-formed UTF-8 byte");
}

TEST_CASE("parse_scheme: well-formed text nested too deep is refused where it goes too deep") {
  const std::string prefix = R"("id":"S1","extra":)";
  const std::string at_limit =
      small_text_with(R"("id":"S1")", prefix + std::string(15, '[') + std::string(15, ']'));
  check_problem(only_parse_problem(at_limit), "scheme", "extra", "unknown field \"extra\"");
  const std::string too_deep =
      small_text_with(R"("id":"S1")", prefix + std::string(16, '[') + std::string(16, ']'));
  const auto column = too_deep.find(std::string(16, '[')) + 16;
  check_problem(only_parse_problem(too_deep), "file", "",
                "nested deeper than 16 levels at line 1, column " + std::to_string(column));
}

TEST_CASE("load_scheme: a file reads as its text does") {
  const std::string path = "scheme_text_test.json";
  const auto write = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  };
  const auto load = [&] {
    try {
      load_scheme(path);
    } catch (const validation_error& e) {
      return e.problems();
    }
    return std::vector<problem>{};
  };
  const std::string text = small_scheme_json().dump(2);
  write(text);
  CHECK(load().empty());
  for (const std::string& broken :
       {text.substr(0, text.size() - 1), text + "]", "\xef\xbb\xbf" + text + "\n",
        small_text_with(R"("places":2)", R"("places":2,"places":"two")")}) {
    write(broken);
    const auto from_file = load();
    const auto from_text = parse_problems(broken);
    REQUIRE(from_file.size() == from_text.size());
    for (std::size_t i = 0; i < from_file.size(); ++i)
      check_problem(from_file[i], from_text[i].record, from_text[i].field, from_text[i].message);
  }
  std::remove(path.c_str());
}

TEST_CASE("scheme_from_json: a document built in code may nest without bound") {
  json deep = json::array();
  for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
  json document = small_scheme_json();
  document["extra"] = std::move(deep);
  check_problem(single_problem(load_problems(document)), "scheme", "extra",
                "unknown field \"extra\"");
}
