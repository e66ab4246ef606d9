// Validation of short-break and day-support calendars: every problem names its record and the
// field's path inside "calendar".

#include "slmatch/model/validate.hpp"

#include "support/problems.hpp"
#include "support/scheme_builder.hpp"
#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::check_problem;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;
using slmatch::testing::only_validation_problem;

namespace {

/// The recurrence an RRULE text describes; the test fails when it does not parse.
recurrence recurrence_of(const std::string& text) {
  std::string why;
  const auto parsed = parse_rrule(text, why);
  INFO(why);
  REQUIRE(parsed);
  return *parsed;
}

stay stay_of(const char* start, int nights) { return stay{make_date(start), nights}; }

recurring_stays recurring_of(const char* first, const std::string& text, int nights) {
  return recurring_stays{make_date(first), recurrence_of(text), nights};
}

/// A scheme of one person asking for `request` and one household offering `offer`.
scheme with_calendars(calendar_request request, calendar_availability offer = {}) {
  person p = make_person("P1");
  p.arrangement = arrangement_type::short_break;
  p.calendar = std::move(request);
  household h = make_household("H1");
  h.calendar = std::move(offer);
  return make_scheme({p}, {h});
}

/// A request for one stay, which asks for something and is valid.
calendar_request one_stay() {
  calendar_request c;
  c.stays = {stay_of("2027-01-08", 2)};
  return c;
}

void check_person(const scheme& s, const std::string& field, const std::string& message) {
  check_problem(only_validation_problem(s), "person P1", field, message);
}

void check_household(const calendar_availability& offer, const std::string& field,
                     const std::string& message) {
  check_problem(only_validation_problem(with_calendars(one_stay(), offer)), "household H1", field,
                message);
}

} // namespace

TEST_CASE("check_scheme: valid calendars have no problems") {
  calendar_request request;
  request.stays = {stay_of("2027-01-08", 2), stay_of("2027-01-22", 3)};
  request.recurring = {recurring_of("2027-02-05", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4", 2),
                       recurring_of("2027-02-13", "FREQ=MONTHLY;BYDAY=2SA;COUNT=3", 1)};
  allowance a;
  a.nights = 20;
  a.per = allowance_period::year;
  a.stay_nights = 2;
  a.start_days = {weekday::friday};
  a.preferred = {make_date("2027-03-05")};
  a.unacceptable = {make_date("2027-03-06")};
  request.allowance = a;
  request.day_slots = {{weekday::tuesday, part_of_day::morning}};
  request.longest_stay = 3;
  request.shortest_gap = 3;
  request.one_carer = carer_continuity::required;
  request.priority = 100;
  calendar_availability offer;
  offer.short_break_beds = 2;
  offer.short_break_nights = {weekday::wednesday, weekday::friday, weekday::saturday};
  offer.day_places = 20;
  offer.day_slots = {{weekday::tuesday, part_of_day::morning}};
  offer.away = {{make_date("2027-08-12"), make_date("2027-08-12")}};
  offer.max_nights_per_month = 31;
  offer.bookings = {{"P1", make_date("2027-01-08"), 2},
                    {"X9", make_date("2027-01-09"), 1},
                    {"X9", make_date("2027-08-11"), 1},
                    {"X9", make_date("2027-08-13"), 1}};
  const auto problems = check_scheme(with_calendars(request, offer));
  INFO(validation_error(problems).what());
  CHECK(problems.empty());
}

TEST_CASE("check_scheme: a calendar request must ask for something") {
  check_person(with_calendars({}), "calendar",
               "asks for nothing: no stays, recurring stays, allowance or day slots");
  calendar_request slots_only;
  slots_only.day_slots = {{weekday::monday, part_of_day::evening}};
  CHECK(check_scheme(with_calendars(slots_only)).empty());
}

TEST_CASE("check_scheme: dated stays") {
  calendar_request c;
  SECTION("nights from 1 to 366") {
    c.stays = {stay_of("2027-01-08", 0)};
    check_person(with_calendars(c), "calendar.stays[0].nights", "must be between 1 and 366");
    c.stays = {stay_of("2027-01-08", 367)};
    check_person(with_calendars(c), "calendar.stays[0].nights", "must be between 1 and 366");
    c.stays = {stay_of("2027-01-08", 366)};
    CHECK(check_scheme(with_calendars(c)).empty());
  }
  SECTION("a real date") {
    c.stays = {stay{date{2027, 2, 30}, 1}};
    check_person(with_calendars(c), "calendar.stays[0].start",
                 "must be a real date from 1900-01-01 to 9999-12-31");
  }
  SECTION("overlapping stays: the later in the list names the earlier") {
    c.stays = {stay_of("2027-01-08", 3), stay_of("2027-01-10", 2)};
    check_person(with_calendars(c), "calendar.stays[1]", "overlaps calendar.stays[0]");
    c.stays = {stay_of("2027-01-10", 2), stay_of("2027-01-08", 3)};
    check_person(with_calendars(c), "calendar.stays[1]", "overlaps calendar.stays[0]");
    // Going home on the morning the next stay begins is no overlap.
    c.stays = {stay_of("2027-01-08", 2), stay_of("2027-01-10", 2)};
    CHECK(check_scheme(with_calendars(c)).empty());
  }
  SECTION("a stay inside a long one") {
    c.stays = {stay_of("2027-01-01", 30), stay_of("2027-01-05", 2), stay_of("2027-01-20", 2)};
    const auto problems = check_scheme(with_calendars(c));
    REQUIRE(problems.size() == 2);
    check_problem(problems[0], "person P1", "calendar.stays[1]", "overlaps calendar.stays[0]");
    check_problem(problems[1], "person P1", "calendar.stays[2]", "overlaps calendar.stays[0]");
  }
  SECTION("stays closer than shortest_gap") {
    c.shortest_gap = 3;
    c.stays = {stay_of("2027-01-08", 2), stay_of("2027-01-12", 1)};
    check_person(with_calendars(c), "calendar.stays[1]",
                 "leaves only 2 nights at home between it and calendar.stays[0] "
                 "(shortest_gap is 3)");
    c.stays[1].start = make_date("2027-01-13");
    CHECK(check_scheme(with_calendars(c)).empty());
  }
  SECTION("longer than longest_stay") {
    c.longest_stay = 7;
    c.stays = {stay_of("2027-01-08", 8)};
    check_person(with_calendars(c), "calendar.stays[0].nights",
                 "longer than longest_stay (7 nights)");
  }
}

TEST_CASE("check_scheme: recurring stays") {
  calendar_request c;
  SECTION("the first date is on the rule's pattern") {
    c.recurring = {recurring_of("2027-01-09", "FREQ=WEEKLY;BYDAY=FR", 2)};
    check_person(with_calendars(c), "calendar.recurring[0].first",
                 "2027-01-09 is a Saturday; the rule starts stays on Fridays");
    c.recurring = {recurring_of("2027-01-07", "FREQ=WEEKLY;BYDAY=FR,SA", 1)};
    check_person(with_calendars(c), "calendar.recurring[0].first",
                 "2027-01-07 is a Thursday; the rule starts stays on Fridays and Saturdays");
    c.recurring = {recurring_of("2027-01-16", "FREQ=MONTHLY;BYDAY=2SA", 2)};
    check_person(with_calendars(c), "calendar.recurring[0].first",
                 "2027-01-16 is the third Saturday of its month; the rule starts stays on the "
                 "second Saturday of the month");
    c.recurring = {recurring_of("2027-01-30", "FREQ=MONTHLY;BYDAY=-1FR", 2)};
    check_person(with_calendars(c), "calendar.recurring[0].first",
                 "2027-01-30 is a Saturday; the rule starts stays on the last Friday of the "
                 "month");
    c.recurring = {recurring_of("2027-01-29", "FREQ=MONTHLY;BYDAY=-1FR", 2)};
    CHECK(check_scheme(with_calendars(c)).empty());
  }
  SECTION("UNTIL is not before the first stay") {
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", 2)};
    check_person(with_calendars(c), "calendar.recurring[0].rule",
                 "UNTIL 2026-12-31 is before first (2027-01-08)");
  }
  SECTION("a rule built in code is one the file format can hold") {
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR", 2)};
    c.recurring[0].rule.interval = 0;
    check_person(with_calendars(c), "calendar.recurring[0].rule",
                 "INTERVAL must be a whole number from 1 to 52");
    c.recurring[0].rule.interval = 1;
    c.recurring[0].rule.week_of_month = 2;
    check_person(with_calendars(c), "calendar.recurring[0].rule",
                 "a weekly rule has no week of the month");
    c.recurring[0].rule.week_of_month = 0;
    c.recurring[0].rule.days = {};
    check_person(with_calendars(c), "calendar.recurring[0].rule", "BYDAY is missing");
  }
  SECTION("each stay and the gap fit before the next") {
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR", 8)};
    check_person(with_calendars(c), "calendar.recurring[0].nights",
                 "stays of 8 nights overlap: the rule starts them on 2027-01-08 and 2027-01-15");
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR", 5)};
    c.shortest_gap = 3;
    check_person(with_calendars(c), "calendar.recurring[0].nights",
                 "stays of 5 nights leave only 2 nights at home between 2027-01-08 and "
                 "2027-01-15 (shortest_gap is 3)");
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR,SU", 3)};
    c.shortest_gap = 0;
    check_person(with_calendars(c), "calendar.recurring[0].nights",
                 "stays of 3 nights overlap: the rule starts them on 2027-01-08 and 2027-01-10");
    c.recurring[0].nights = 2;
    CHECK(check_scheme(with_calendars(c)).empty());
  }
  SECTION("no overlap with dated stays") {
    c.stays = {stay_of("2027-01-16", 2)};
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;BYDAY=FR", 2)};
    check_person(with_calendars(c), "calendar.recurring[0]",
                 "the stay on 2027-01-15 overlaps calendar.stays[0]");
  }
  SECTION("no overlap with other recurring stays") {
    c.recurring = {recurring_of("2027-01-08", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", 2),
                   recurring_of("2027-01-09", "FREQ=MONTHLY;BYDAY=2SA", 1)};
    check_person(with_calendars(c), "calendar.recurring[1]",
                 "the stay on 2027-01-09 overlaps calendar.recurring[0]'s stay on 2027-01-08");
  }
  SECTION("closer than shortest_gap to a dated stay") {
    c.shortest_gap = 2;
    c.recurring = {recurring_of("2027-01-08", "FREQ=MONTHLY;BYDAY=2FR", 2)};
    c.stays = {stay_of("2027-02-15", 2)};
    check_person(with_calendars(c), "calendar.recurring[0]",
                 "the stay on 2027-02-12 leaves only 1 night at home between it and "
                 "calendar.stays[0] (shortest_gap is 2)");
  }
  SECTION("nights from 1 to 366, and not longer than longest_stay") {
    c.recurring = {recurring_of("2027-01-08", "FREQ=MONTHLY;BYDAY=2FR", 0)};
    check_person(with_calendars(c), "calendar.recurring[0].nights", "must be between 1 and 366");
    c.recurring[0].nights = 3;
    c.longest_stay = 2;
    check_person(with_calendars(c), "calendar.recurring[0].nights",
                 "longer than longest_stay (2 nights)");
  }
}

TEST_CASE("check_scheme: an allowance") {
  calendar_request c;
  allowance a;
  a.nights = 4;
  a.per = allowance_period::month;
  SECTION("nights per month and per year") {
    a.nights = 32;
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.nights", "must be between 1 and 31");
    a.per = allowance_period::year;
    c.allowance = a;
    CHECK(check_scheme(with_calendars(c)).empty());
    a.nights = 367;
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.nights", "must be between 1 and 366");
    a.nights = 0;
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.nights", "must be between 1 and 366");
  }
  SECTION("stays of at most the allowance and longest_stay") {
    a.stay_nights = 5;
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.stay_nights",
                 "must be between 1 and the allowance's nights (4)");
    a.stay_nights = 3;
    c.allowance = a;
    c.longest_stay = 2;
    check_person(with_calendars(c), "calendar.allowance.stay_nights",
                 "longer than longest_stay (2 nights)");
  }
  SECTION("preferred dates on start_days, and not unacceptable") {
    a.start_days = {weekday::friday};
    a.preferred = {make_date("2027-01-09")};
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.preferred[0]",
                 "2027-01-09 is a Saturday; stays start on Fridays (start_days)");
    a.start_days = {};
    a.unacceptable = {make_date("2027-01-01"), make_date("2027-01-09")};
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.preferred[0]",
                 "is also unacceptable (calendar.allowance.unacceptable[1])");
  }
  SECTION("real dates") {
    a.unacceptable = {date{2027, 13, 1}};
    c.allowance = a;
    check_person(with_calendars(c), "calendar.allowance.unacceptable[0]",
                 "must be a real date from 1900-01-01 to 9999-12-31");
  }
  SECTION("dated and recurring stays within one month") {
    c.allowance = a;
    c.stays = {stay_of("2027-01-08", 3), stay_of("2027-01-22", 2)};
    check_person(with_calendars(c), "calendar.allowance.nights",
                 "more nights than the allowance: the stays take 5 nights in 2027-01, the "
                 "allowance is 4 a month");
    // A stay's nights count in the month of each night.
    c.stays = {stay_of("2027-01-08", 2), stay_of("2027-01-30", 4)};
    CHECK(check_scheme(with_calendars(c)).empty());
    c.stays = {};
    c.recurring = {recurring_of("2027-01-01", "FREQ=WEEKLY;BYDAY=FR", 1)};
    check_person(with_calendars(c), "calendar.allowance.nights",
                 "more nights than the allowance: the stays take 5 nights in 2027-01, the "
                 "allowance is 4 a month");
  }
  SECTION("dated and recurring stays within one year") {
    a.nights = 20;
    a.per = allowance_period::year;
    c.allowance = a;
    c.stays = {stay_of("2026-12-25", 14)};
    c.recurring = {recurring_of("2027-02-12", "FREQ=MONTHLY;BYDAY=2FR;COUNT=7", 2)};
    check_person(with_calendars(c), "calendar.allowance.nights",
                 "more nights than the allowance: the stays take 21 nights in 2027, the "
                 "allowance is 20 a year");
  }
}

TEST_CASE("check_scheme: the rest of a calendar request") {
  calendar_request c = one_stay();
  SECTION("day slots once each") {
    c.day_slots = {{weekday::tuesday, part_of_day::morning},
                   {weekday::tuesday, part_of_day::afternoon},
                   {weekday::tuesday, part_of_day::morning}};
    check_person(with_calendars(c), "calendar.day_slots[2]", "repeats calendar.day_slots[0]");
  }
  SECTION("longest_stay from 1 to 366") {
    c.longest_stay = 0;
    check_person(with_calendars(c), "calendar.longest_stay", "must be between 1 and 366");
  }
  SECTION("shortest_gap from 0 to 366") {
    c.shortest_gap = -1;
    check_person(with_calendars(c), "calendar.shortest_gap", "must be between 0 and 366");
    c.shortest_gap = 367;
    check_person(with_calendars(c), "calendar.shortest_gap", "must be between 0 and 366");
  }
  SECTION("priority from 1 to 100") {
    c.priority = 0;
    check_person(with_calendars(c), "calendar.priority", "must be between 1 and 100");
    c.priority = 101;
    check_person(with_calendars(c), "calendar.priority", "must be between 1 and 100");
  }
}

TEST_CASE("check_scheme: household calendars") {
  calendar_availability offer;
  offer.short_break_beds = 1;
  SECTION("beds and day places from 0 to 20") {
    offer.short_break_beds = 21;
    check_household(offer, "calendar.short_break_beds", "must be between 0 and 20");
    offer.short_break_beds = 0;
    offer.day_places = -1;
    check_household(offer, "calendar.day_places", "must be between 0 and 20");
  }
  SECTION("most nights a month from 0 to 31") {
    offer.max_nights_per_month = 32;
    check_household(offer, "calendar.max_nights_per_month", "must be between 0 and 31");
  }
  SECTION("day slots once each") {
    offer.day_slots = {{weekday::friday, part_of_day::evening},
                       {weekday::friday, part_of_day::evening}};
    check_household(offer, "calendar.day_slots[1]", "repeats calendar.day_slots[0]");
  }
  SECTION("away from a day to a day not before it") {
    offer.away = {{make_date("2027-08-19"), make_date("2027-08-12")}};
    check_household(offer, "calendar.away[0].from", "must not be after to");
    offer.away = {{make_date("2027-08-12"), date{2027, 8, 32}}};
    check_household(offer, "calendar.away[0].to",
                    "must be a real date from 1900-01-01 to 9999-12-31");
  }
  SECTION("bookings of 1 to 366 nights") {
    offer.bookings = {{"P1", make_date("2027-01-08"), 0}};
    check_household(offer, "calendar.bookings[0].nights", "must be between 1 and 366");
  }
  SECTION("no night needs more beds than there are") {
    offer.bookings = {{"P1", make_date("2027-01-08"), 2},
                      {"X1", make_date("2027-01-10"), 2},
                      {"X2", make_date("2027-01-11"), 1}};
    check_household(offer, "calendar.bookings[2]",
                    "on 2027-01-11 the bookings need 2 beds, more than short_break_beds (1)");
    offer.short_break_beds = 0;
    offer.bookings = {{"X1", make_date("2027-01-10"), 2}};
    check_household(offer, "calendar.bookings[0]",
                    "on 2027-01-10 the bookings need 1 bed, more than short_break_beds (0)");
  }
  SECTION("bookings only on nights the household hosts") {
    offer.short_break_nights = {weekday::friday, weekday::saturday};
    offer.bookings = {{"X1", make_date("2027-01-08"), 1}, {"X2", make_date("2027-01-09"), 2}};
    check_household(offer, "calendar.bookings[1]",
                    "on 2027-01-10 (a sunday) the household does not host short breaks "
                    "(calendar.short_break_nights)");
  }
  SECTION("bookings within the most nights a month") {
    offer.max_nights_per_month = 3;
    offer.bookings = {{"X1", make_date("2027-01-29"), 2}, {"X2", make_date("2027-01-31"), 3}};
    CHECK(check_scheme(with_calendars(one_stay(), offer)).empty()); // 3 in January, 2 in Feb
    offer.bookings.push_back({"X3", make_date("2027-02-10"), 2});
    check_household(offer, "calendar.bookings",
                    "in 2027-02 the bookings take 4 nights, more than max_nights_per_month (3)");
  }
  SECTION("no booking while the household is away") {
    offer.away = {{make_date("2027-01-01"), make_date("2027-01-03")},
                  {make_date("2027-01-10"), make_date("2027-01-20")}};
    offer.bookings = {{"X1", make_date("2027-01-08"), 3}};
    check_household(offer, "calendar.bookings[0]",
                    "on 2027-01-10 the household is away (calendar.away[1])");
    offer.bookings = {{"X1", make_date("2027-01-08"), 2}, {"X2", make_date("2027-01-21"), 2}};
    CHECK(check_scheme(with_calendars(one_stay(), offer)).empty());
  }
}
