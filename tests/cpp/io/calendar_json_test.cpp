// The "calendar" fields of people and households in scheme files: read into the model,
// written back in a fixed order, and every problem named by record and field. The calendar
// plan's document: read back as the earlier plan of a re-plan, with every problem naming
// the unit and field, and its "changes" written only after a re-plan.

#include "slmatch/io/calendar_json.hpp"
#include "slmatch/io/json.hpp"

#include "support/scheme_builder.hpp"
#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using namespace slmatch;
using nlohmann::json;
using slmatch::testing::check_problem;
using slmatch::testing::load_problems;
using slmatch::testing::only_load_problem;
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
    check_problem(only_load_problem(doc), "person P1", "calendar.recurring[0].rule", message);
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
  check_problem(only_load_problem(doc), "person P1", "calendar.recurring[0].rule",
                "expected a string, got a number");
}

TEST_CASE("scheme_from_json: calendar fields of the wrong type, unknown or missing") {
  auto doc = with_calendars();
  auto& request = doc["people"][0]["calendar"];
  auto& offer = doc["households"][0]["calendar"];
  SECTION("a calendar that is not an object") {
    request = json::array();
    check_problem(only_load_problem(doc), "person P1", "calendar",
                  "expected an object, got an array");
  }
  SECTION("stays that are not a list") {
    request["stays"] = {{"start", "2027-01-08"}, {"nights", 2}};
    check_problem(only_load_problem(doc), "person P1", "calendar.stays",
                  "expected an array, got an object");
  }
  SECTION("nights as text") {
    request["stays"][0]["nights"] = "2";
    check_problem(only_load_problem(doc), "person P1", "calendar.stays[0].nights",
                  "expected a whole number, got a string");
  }
  SECTION("a date that is not one") {
    offer["away"][0]["to"] = "2027-02-30";
    check_problem(only_load_problem(doc), "household H1", "calendar.away[0].to",
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
    check_problem(only_load_problem(doc), "person P1", "calendar.stays[0].nights",
                  "missing required field");
  }
  SECTION("lists beyond the limit") {
    request["stays"] = json::array();
    for (int i = 0; i < 1001; ++i) request["stays"].push_back({{"start", "2027-01-08"}});
    check_problem(only_load_problem(doc), "person P1", "calendar.stays",
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

namespace {

/// One bed (H1) and one day place (H2) for P1's weekend and Tuesday mornings, and P2's
/// weekend, which no bed is left for.
scheme planned_scheme() {
  using testing::make_date;
  scheme s = testing::make_scheme();
  household beds = testing::make_household("H1");
  beds.calendar = calendar_availability{};
  beds.calendar->short_break_beds = 1;
  household days = testing::make_household("H2");
  days.calendar = calendar_availability{};
  days.calendar->day_places = 1;
  s.households = {beds, days};
  person first = testing::make_person("P1");
  first.calendar = calendar_request{};
  first.calendar->stays = {{make_date("2027-01-08"), 2}};
  first.calendar->day_slots = {{weekday::tuesday, part_of_day::morning}};
  first.calendar->priority = 2;
  person second = testing::make_person("P2");
  second.calendar = calendar_request{};
  second.calendar->stays = {{make_date("2027-01-08"), 2}};
  s.people = {first, second};
  return s;
}

auto fields(const earlier_booking& b) {
  return std::make_tuple(b.person_id, b.kind, b.start, b.nights, b.part, b.household_id);
}

/// A plan document with one stay, for the error cases to spoil.
json earlier_document() {
  return json::parse(R"({
    "horizon": {"from": "2027-01-04", "to": "2027-01-17", "weeks": 2},
    "units": [
      {"person": "P1", "kind": "stay", "start": "2027-01-08", "nights": 2, "household": "H1"},
      {"person": "P2", "kind": "day_slot", "start": "2027-01-05", "part": "morning",
       "household": null}
    ]
  })");
}

std::string text_error(const std::string& text) {
  try {
    earlier_plan_from_json(text);
  } catch (const validation_error& e) {
    return e.what();
  }
  return "no error";
}

std::string earlier_error(const json& document) { return text_error(document.dump()); }

} // namespace

TEST_CASE("earlier_plan_from_json: reads back the bookings of the plan calendar_to_json wrote") {
  const scheme s = planned_scheme();
  const calendar_plan plan = plan_calendar(s, {testing::make_date("2027-01-04"), 2});
  const earlier_plan expected = earlier_plan_of(s, plan);
  REQUIRE(expected.bookings.size() == 3); // P1's stay and two Tuesdays; P2 is not covered
  const earlier_plan read = earlier_plan_from_json(calendar_to_json(s, plan).dump(2));
  CHECK(read.horizon.from == expected.horizon.from);
  CHECK(read.horizon.weeks == 2);
  REQUIRE(read.bookings.size() == expected.bookings.size());
  for (std::size_t i = 0; i < read.bookings.size(); ++i)
    CHECK(fields(read.bookings[i]) == fields(expected.bookings[i]));

  // Ids the scheme does not have are read as they are: re-planning reports them.
  json unknown = earlier_document();
  unknown["units"][0]["person"] = "P99";
  unknown["units"][0]["household"] = "H99";
  const earlier_plan kept = earlier_plan_from_json(unknown.dump());
  REQUIRE(kept.bookings.size() == 1);
  CHECK(fields(kept.bookings[0]) == std::make_tuple(std::string("P99"), unit_kind::stay,
                                                    testing::make_date("2027-01-08"), 2,
                                                    part_of_day::morning, std::string("H99")));
}

TEST_CASE("calendar_to_json: \"changes\" only after a re-plan, as the layout says") {
  const scheme s = planned_scheme();
  const calendar_horizon horizon{testing::make_date("2027-01-04"), 2};
  const calendar_plan plan = plan_calendar(s, horizon);
  const json plain = calendar_to_json(s, plan);
  CHECK_FALSE(plain.contains("changes"));
  CHECK(calendar_to_table(s, plan).find("Changes from the earlier plan") == std::string::npos);

  earlier_plan earlier = earlier_plan_of(s, plan);
  const json unchanged = calendar_to_json(s, plan, compare_plans(s, plan, earlier));
  CHECK(unchanged["changes"] == json::parse(R"({"units": [], "households": []})"));
  json without = unchanged;
  without.erase("changes");
  CHECK(without == plain);
  CHECK(calendar_to_table(s, plan, compare_plans(s, plan, earlier)) ==
        calendar_to_table(s, plan) +
            "\nChanges from the earlier plan\n  Every stay and slot keeps its household.\n");

  // Had the earlier plan given P1's stay to H9 and P2's to H1, P1 moves and P2 is dropped.
  earlier.bookings[0].household_id = "H9";
  earlier.bookings.push_back(
      {"P2", unit_kind::stay, testing::make_date("2027-01-08"), 2, part_of_day::morning, "H1"});
  const calendar_changes changes = compare_plans(s, plan, earlier);
  const json expected = json::parse(R"json({
    "units": [
      {"person": "P1", "kind": "stay", "start": "2027-01-08", "nights": 2, "change": "moved",
       "from_household": "H9", "to_household": "H1",
       "sentence": "P1's stay from Friday 8 January 2027 (2 nights) moves from H9 to H1"},
      {"person": "P2", "kind": "stay", "start": "2027-01-08", "nights": 2,
       "change": "no_longer_covered", "from_household": "H1", "to_household": null,
       "sentence": "P2's stay from Friday 8 January 2027 (2 nights) is no longer covered (it was with H1)"}
    ],
    "households": [
      {"household": "H1", "gains": 1, "losses": 1, "sentences": [
        "H1 gains P1's stay from Friday 8 January 2027 (2 nights), moved from H9",
        "H1 loses P2's stay from Friday 8 January 2027 (2 nights), no longer covered"]},
      {"household": "H9", "gains": 0, "losses": 1, "sentences": [
        "H9 loses P1's stay from Friday 8 January 2027 (2 nights), which moves to H1"]}
    ]
  })json");
  CHECK(calendar_to_json(s, plan, changes)["changes"] == expected);
  const std::string table = calendar_to_table(s, plan, changes);
  CHECK(table.substr(calendar_to_table(s, plan).size()) ==
        "\nChanges from the earlier plan\n"
        "  P1's stay from Friday 8 January 2027 (2 nights) moves from H9 to H1\n"
        "  P2's stay from Friday 8 January 2027 (2 nights) is no longer covered (it was with "
        "H1)\n"
        "  H1 gains P1's stay from Friday 8 January 2027 (2 nights), moved from H9\n"
        "  H1 loses P2's stay from Friday 8 January 2027 (2 nights), no longer covered\n"
        "  H9 loses P1's stay from Friday 8 January 2027 (2 nights), which moves to H1\n");
}

TEST_CASE("earlier_plan_from_json: each problem names the unit and field") {
  const std::string at = "earlier plan, field ";
  CHECK(earlier_error(earlier_document()) == "no error");
  CHECK(text_error("[]") == "earlier plan: expected an object (a calendar plan), got an array");
  CHECK(text_error("{\"units\": [").rfind("earlier plan: malformed JSON at line 1", 0) == 0);
  CHECK(text_error(std::string(40, '[') + std::string(40, ']'))
            .rfind("earlier plan: nested deeper than 16 levels", 0) == 0);

  json doc = earlier_document();
  doc.erase("horizon");
  doc["units"] = json::object();
  CHECK(earlier_error(doc) ==
        at + "horizon: is missing\n" + at + "units: expected an array, got an object");

  doc = earlier_document();
  doc["horizon"]["weeks"] = 0;
  doc["horizon"]["from"] = "2027-02-30";
  CHECK(earlier_error(doc) == at + "horizon.from: not a valid date (expected YYYY-MM-DD)\n" + at +
                                  "horizon.weeks: must be 1 to 104");

  doc = earlier_document();
  doc["units"][0].erase("nights");
  doc["units"][0]["household"] = 7;
  doc["units"][1]["start"] = "2027-02-30";
  doc["units"][1]["part"] = "night";
  CHECK(earlier_error(doc) == at + "units[0].nights: is missing\n" + at +
                                  "units[0].household: expected a string, got a number\n" + at +
                                  "units[1].start: not a valid date (expected YYYY-MM-DD)\n" + at +
                                  "units[1].part: unknown part of day \"night\"");

  doc = earlier_document();
  doc["units"][0]["kind"] = "weekend";
  doc["units"][0]["nights"] = 0;
  doc["units"][1].erase("person");
  doc["units"].push_back(3);
  CHECK(earlier_error(doc) == at + "units[0].kind: unknown calendar unit \"weekend\"\n" + at +
                                  "units[1].person: is missing\n" + at +
                                  "units[2]: expected an object, got a number");

  doc = earlier_document();
  doc["units"][0]["nights"] = 400;
  doc["units"][1].erase("household");
  CHECK(earlier_error(doc) ==
        at + "units[0].nights: must be 1 to 366\n" + at + "units[1].household: is missing");

  CHECK_THROWS_WITH(load_earlier_plan("/nonexistent/plan.json"),
                    "earlier plan: cannot open \"/nonexistent/plan.json\"");
}
