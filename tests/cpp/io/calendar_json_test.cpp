// The "calendar" fields of people and households in scheme files: read into the model,
// written back in a fixed order, and every problem named by record and field.

#include "slmatch/io/json.hpp"

#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using nlohmann::json;
using slmatch::testing::check_problem;
using slmatch::testing::load_problems;
using slmatch::testing::small_scheme_json;

namespace {

date day(const char* text) { return *date::parse(text); }

/// A person's calendar with every field, as the file format's documentation shows it.
json request_json() {
  return json::parse(R"({
    "stays": [{"start": "2027-01-22", "nights": 2}],
    "recurring": [{"first": "2027-01-08", "rule": "FREQ=WEEKLY;INTERVAL=4;BYDAY=FR", "nights": 2}],
    "allowance": {"nights": 6, "per": "month", "stay_nights": 2, "start_days": ["friday"],
                  "preferred": ["2027-01-15"], "unacceptable": ["2027-02-12"]},
    "day_slots": [{"day": "tuesday", "part": "morning"}],
    "longest_stay": 7,
    "shortest_gap": 3,
    "one_carer": "required",
    "priority": 2
  })");
}

/// A household's calendar with every field.
json availability_json() {
  return json::parse(R"({
    "short_break_beds": 1,
    "short_break_nights": ["saturday", "friday"],
    "day_places": 2,
    "day_slots": [{"day": "monday", "part": "afternoon"}],
    "away": [{"from": "2027-08-12", "to": "2027-08-19"}],
    "max_nights_per_month": 8,
    "bookings": [{"person": "P2", "start": "2027-01-08", "nights": 2}]
  })");
}

json with_calendars() {
  json doc = small_scheme_json();
  doc["people"][0]["calendar"] = request_json();
  doc["households"][0]["calendar"] = availability_json();
  return doc;
}

problem only_problem(const json& document) {
  return testing::single_problem(load_problems(document));
}

} // namespace

TEST_CASE("scheme_from_json: calendars are read into the model") {
  const scheme s = scheme_from_json(with_calendars());
  REQUIRE(s.people[0].calendar);
  const calendar_request& c = *s.people[0].calendar;
  CHECK(c.stays == std::vector<stay>{{day("2027-01-22"), 2}});
  REQUIRE(c.recurring.size() == 1);
  CHECK(c.recurring[0].first == day("2027-01-08"));
  CHECK(c.recurring[0].rule.interval == 4);
  CHECK(c.recurring[0].rule.days == tag_set<weekday>{weekday::friday});
  CHECK(c.recurring[0].nights == 2);
  REQUIRE(c.allowance);
  CHECK(c.allowance->nights == 6);
  CHECK(c.allowance->per == allowance_period::month);
  CHECK(c.allowance->stay_nights == 2);
  CHECK(c.allowance->preferred == std::vector<date>{day("2027-01-15")});
  CHECK(c.allowance->unacceptable == std::vector<date>{day("2027-02-12")});
  CHECK(c.day_slots == std::vector<day_slot>{{weekday::tuesday, part_of_day::morning}});
  CHECK(c.longest_stay == 7);
  CHECK(c.shortest_gap == 3);
  CHECK(c.one_carer == carer_continuity::required);
  CHECK(c.priority == 2);
  CHECK_FALSE(s.people[1].calendar);

  REQUIRE(s.households[0].calendar);
  const calendar_availability& a = *s.households[0].calendar;
  CHECK(a.short_break_beds == 1);
  CHECK(a.short_break_nights == tag_set<weekday>{weekday::friday, weekday::saturday});
  CHECK(a.day_places == 2);
  CHECK(a.away == std::vector<date_range>{{day("2027-08-12"), day("2027-08-19")}});
  CHECK(a.max_nights_per_month == 8);
  CHECK(a.bookings == std::vector<booking>{{"P2", day("2027-01-08"), 2}});
  CHECK_FALSE(s.households[1].calendar);
}

TEST_CASE("scheme_from_json: a calendar's optional fields take their defaults") {
  json doc = small_scheme_json();
  doc["people"][0]["calendar"] = {{"allowance", {{"nights", 14}, {"per", "year"}}}};
  doc["households"][0]["calendar"] = json::object();
  const scheme s = scheme_from_json(doc);
  const calendar_request& c = *s.people[0].calendar;
  CHECK(c.stays.empty());
  CHECK_FALSE(c.longest_stay);
  CHECK(c.shortest_gap == 0);
  CHECK(c.one_carer == carer_continuity::preferred);
  CHECK(c.priority == 1);
  CHECK(c.allowance->stay_nights == 1);
  CHECK(c.allowance->start_days.empty());
  CHECK(*s.households[0].calendar == calendar_availability{});
  doc["people"][0]["calendar"] = nullptr;
  CHECK_FALSE(scheme_from_json(doc).people[0].calendar);
}

TEST_CASE("scheme_to_json: calendars are written in the format's key order and read back") {
  const scheme s = scheme_from_json(with_calendars());
  const std::string text = dump_scheme(s);
  CHECK(parse_scheme(text) == s);
  CHECK(dump_scheme(parse_scheme(text)) == text);
  const json doc = json::parse(text);
  json expected = request_json();
  CHECK(doc["people"][0]["calendar"] == expected);
  expected = availability_json();
  expected["short_break_nights"] = {"friday", "saturday"}; // in weekday order
  CHECK(doc["households"][0]["calendar"] == expected);
  // Keys in the order the format lists them.
  const auto at = [&](const char* key) { return text.find(std::string("\"") + key + "\""); };
  CHECK(at("stays") < at("recurring"));
  CHECK(at("recurring") < at("allowance"));
  CHECK(at("allowance") < at("longest_stay"));
  CHECK(at("one_carer") < at("priority"));
  CHECK(at("short_break_beds") < at("short_break_nights"));
  CHECK(at("max_nights_per_month") < at("bookings"));

  // Optional values absent are left out; a rule is written back in its own words.
  scheme plain = s;
  plain.people[0].calendar->allowance.reset();
  plain.people[0].calendar->longest_stay.reset();
  plain.households[0].calendar->max_nights_per_month.reset();
  const json written = scheme_to_json(plain);
  CHECK_FALSE(written["people"][0]["calendar"].contains("allowance"));
  CHECK_FALSE(written["people"][0]["calendar"].contains("longest_stay"));
  CHECK_FALSE(written["households"][0]["calendar"].contains("max_nights_per_month"));
  CHECK(written["people"][0]["calendar"]["recurring"][0]["rule"] ==
        "FREQ=WEEKLY;INTERVAL=4;BYDAY=FR");
  CHECK(scheme_from_json(written) == plain);
}

TEST_CASE("scheme_to_json: a scheme without calendars has no calendar keys") {
  const scheme s = scheme_from_json(small_scheme_json());
  CHECK(dump_scheme(s).find("calendar") == std::string::npos);
}

TEST_CASE("scheme_from_json: rules outside the RRULE subset say why") {
  auto doc = with_calendars();
  auto& rule = doc["people"][0]["calendar"]["recurring"][0]["rule"];
  const auto check = [&](const std::string& text, const std::string& message) {
    rule = text;
    check_problem(only_problem(doc), "person P1", "calendar.recurring[0].rule", message);
  };
  check("FREQ=DAILY;BYDAY=FR", "FREQ must be WEEKLY or MONTHLY");
  check("FREQ=WEEKLY", "BYDAY is missing");
  check("FREQ=WEEKLY;BYDAY=FR;BYMONTH=1",
        "\"BYMONTH\" is not supported (FREQ, INTERVAL, BYDAY, COUNT and UNTIL are)");
  check("FREQ=MONTHLY;BYDAY=5FR", "a monthly BYDAY needs 1 to 4, or -1 for the last, before the "
                                  "weekday");
  check("FREQ=WEEKLY;BYDAY=FR;COUNT=2;UNTIL=20270101", "COUNT and UNTIL cannot both be given");
  check("FREQ=WEEKLY;BYDAY=FR\n", "a rule is written in letters, digits and = ; , - only");
  rule = 7;
  check_problem(only_problem(doc), "person P1", "calendar.recurring[0].rule",
                "expected a string, got a number");
}

TEST_CASE("scheme_from_json: calendar fields of the wrong type, unknown or missing") {
  auto doc = with_calendars();
  auto& request = doc["people"][0]["calendar"];
  auto& offer = doc["households"][0]["calendar"];
  SECTION("a calendar that is not an object") {
    request = json::array();
    check_problem(only_problem(doc), "person P1", "calendar", "expected an object, got an array");
  }
  SECTION("stays that are not a list") {
    request["stays"] = {{"start", "2027-01-08"}, {"nights", 2}};
    check_problem(only_problem(doc), "person P1", "calendar.stays",
                  "expected an array, got an object");
  }
  SECTION("nights as text") {
    request["stays"][0]["nights"] = "2";
    check_problem(only_problem(doc), "person P1", "calendar.stays[0].nights",
                  "expected a whole number, got a string");
  }
  SECTION("a date that is not one") {
    offer["away"][0]["to"] = "2027-02-30";
    check_problem(only_problem(doc), "household H1", "calendar.away[0].to",
                  "not a valid date (expected YYYY-MM-DD)");
  }
  SECTION("unknown keys") {
    request["stay"] = json::array();
    offer["bookings"][0]["household"] = "H1";
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "person P1", "calendar.stay", "unknown field \"stay\"");
    check_problem(problems[1], "household H1", "calendar.bookings[0].household",
                  "unknown field \"household\"");
  }
  SECTION("unknown vocabulary names") {
    request["allowance"]["start_days"] = {"fri"};
    request["day_slots"][0]["part"] = "night";
    request["one_carer"] = "always";
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 3);
    check_problem(problems[0], "person P1", "calendar.allowance.start_days[0]",
                  "unknown weekday \"fri\"");
    check_problem(problems[1], "person P1", "calendar.day_slots[0].part",
                  "unknown part of day \"night\"");
    check_problem(problems[2], "person P1", "calendar.one_carer",
                  "unknown carer continuity \"always\"");
  }
  SECTION("missing required fields of nested objects") {
    request["allowance"].erase("per");
    offer["bookings"][0].erase("person");
    offer["away"][0].erase("from");
    const auto problems = load_problems(doc);
    REQUIRE(problems.size() == 3);
    check_problem(problems[0], "person P1", "calendar.allowance.per", "missing required field");
    check_problem(problems[1], "household H1", "calendar.away[0].from", "missing required field");
    check_problem(problems[2], "household H1", "calendar.bookings[0].person",
                  "missing required field");
  }
  SECTION("a calendar with a structural problem is not checked further") {
    // Without its stays the request would ask for nothing; only the stays are reported.
    request = {{"stays", {{{"start", "2027-01-08"}}}}};
    check_problem(only_problem(doc), "person P1", "calendar.stays[0].nights",
                  "missing required field");
  }
  SECTION("lists beyond the limit") {
    request["stays"] = json::array();
    for (int i = 0; i < 1001; ++i) request["stays"].push_back({{"start", "2027-01-08"}});
    check_problem(only_problem(doc), "person P1", "calendar.stays",
                  "too many entries: 1001 (at most 1000)");
  }
}

TEST_CASE("scheme_from_json: domain problems of calendars name record and field") {
  auto doc = with_calendars();
  doc["people"][0]["calendar"]["recurring"][0]["first"] = "2027-01-09";
  doc["households"][0]["calendar"]["bookings"].push_back(
      {{"person", "X1"}, {"start", "2027-01-09"}, {"nights", 1}});
  const auto problems = load_problems(doc);
  REQUIRE(problems.size() == 2);
  check_problem(problems[0], "person P1", "calendar.recurring[0].first",
                "2027-01-09 is a Saturday; the rule starts stays on Fridays");
  check_problem(problems[1], "household H1", "calendar.bookings[1]",
                "on 2027-01-09 the bookings need 2 beds, more than short_break_beds (1)");
}
