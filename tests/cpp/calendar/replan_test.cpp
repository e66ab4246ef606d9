// Re-planning after a change: bookings that still work keep their household unless moving
// them gains more than the keep bonus, and the changes name exactly the stays and slots that
// moved, were dropped or were added, for people and for households.

#include "slmatch/calendar/replan.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;

namespace {

household host(const char* id, std::vector<std::string> interests, int pets) {
  household h = make_household(id);
  h.interests = std::move(interests);
  h.pets = pets;
  h.calendar = calendar_availability{};
  h.calendar->short_break_beds = 1;
  return h;
}

person guest(const char* id, std::vector<std::string> interests, std::vector<stay> stays) {
  person p = make_person(id);
  p.interests = std::move(interests);
  p.calendar = calendar_request{};
  p.calendar->stays = std::move(stays);
  p.calendar->one_carer = carer_continuity::any;
  return p;
}

/// Household id of each unit, "" where none, as "P1 2027-01-08: H1".
std::vector<std::string> households_of(const scheme& s, const calendar_plan& plan) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < plan.units.units.size(); ++k) {
    const calendar_unit& u = plan.units.units[k];
    out.push_back(s.people[u.person].id + " " + u.start.to_string() + ": " +
                  (plan.household_of[k] < 0
                       ? std::string("none")
                       : s.households[static_cast<std::size_t>(plan.household_of[k])].id));
  }
  return out;
}

std::vector<std::string> sentences_of(const calendar_changes& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes.units) out.push_back(c.sentence);
  return out;
}

/// The unit of person `person_id` starting on `start`.
std::size_t unit_at(const scheme& s, const calendar_plan& plan, const std::string& person_id,
                    const char* start) {
  for (std::size_t k = 0; k < plan.units.units.size(); ++k)
    if (s.people[plan.units.units[k].person].id == person_id &&
        plan.units.units[k].start == make_date(start))
      return k;
  FAIL("no unit of " << person_id << " on " << start);
  return 0;
}

std::int64_t score_weight(const calendar_plan& plan, std::size_t k, std::size_t household) {
  for (const auto& o : plan.units.options[k])
    if (o.household == household) return o.score_weight;
  FAIL("household " << household << " cannot take unit " << k);
  return 0;
}

} // namespace

TEST_CASE("compare_plans: a bed lost and a rule failed move only the stays they touch") {
  // Two weekends from Monday 4 January 2027. P1 shares music with H1, P2 gardening with H2.
  const calendar_horizon fortnight{make_date("2027-01-04"), 2};
  scheme s = make_scheme();
  s.households = {host("H1", {"music"}, 1), host("H2", {"gardening"}, 1), host("H3", {}, 0),
                  host("H4", {}, 1)};
  s.people = {guest("P1", {"music", "cooking"},
                    {{make_date("2027-01-08"), 2}, {make_date("2027-01-15"), 2}}),
              guest("P2", {"gardening"}, {{make_date("2027-01-08"), 2}})};
  const calendar_plan first = plan_calendar(s, fortnight);
  REQUIRE(households_of(s, first) ==
          std::vector<std::string>{"P1 2027-01-08: H1", "P1 2027-01-15: H1", "P2 2027-01-08: H2"});
  const earlier_plan earlier = earlier_plan_of(s, first);
  REQUIRE(earlier.bookings.size() == 3);
  CHECK(compare_plans(s, first, earlier).units.empty());

  // H1 is away the second weekend, H4 takes up music and cooking (now slightly better for
  // P1 than H1), and P2 can no longer stay where there are pets: only H3 has none.
  s.households[0].calendar->away = {{make_date("2027-01-15"), make_date("2027-01-17")}};
  s.households[3].interests = {"music", "cooking"};
  s.people[1].must_not = {avoidance::pets};

  const calendar_plan fresh = plan_calendar(s, fortnight);
  const std::size_t first_weekend = unit_at(s, fresh, "P1", "2027-01-08");
  const std::int64_t gain =
      (score_weight(fresh, first_weekend, 3) - score_weight(fresh, first_weekend, 0)) * 2;
  REQUIRE(gain > 0); // two nights with H4 score more than with H1
  CHECK(fresh.household_of[first_weekend] == 3);
  const auto replan = [&](double keep_bonus) {
    calendar_options options;
    options.earlier = earlier.bookings;
    options.keep_bonus = keep_bonus;
    return plan_calendar(s, fortnight, options);
  };

  SECTION("a keep bonus above the gain keeps P1's first weekend with H1") {
    const calendar_plan again = replan(1.5 * static_cast<double>(gain) / 1000);
    CHECK(households_of(s, again) ==
          std::vector<std::string>{"P1 2027-01-08: H1", "P1 2027-01-15: H4", "P2 2027-01-08: H3"});
    const calendar_changes changes = compare_plans(s, again, earlier);
    CHECK(sentences_of(changes) ==
          std::vector<std::string>{
              "P1's stay from Friday 15 January 2027 (2 nights) moves from H1 to H4",
              "P2's stay from Friday 8 January 2027 (2 nights) moves from H2 to H3"});
    REQUIRE(changes.units.size() == 2);
    CHECK(changes.units[0].change == cover_change::moved);
    CHECK(changes.units[0].from_household == "H1");
    CHECK(changes.units[0].to_household == "H4");
    CHECK(changes.units[0].nights == 2);
    REQUIRE(changes.households.size() == 4);
    CHECK(changes.households[0].household_id == "H1");
    CHECK(changes.households[0].losses == std::vector<std::size_t>{0});
    CHECK(changes.households[0].gains.empty());
    CHECK(changes.households[0].sentences ==
          std::vector<std::string>{"H1 loses P1's stay from Friday 15 January 2027 (2 nights), "
                                   "which moves to H4"});
    CHECK(changes.households[3].household_id == "H4");
    CHECK(changes.households[3].gains == std::vector<std::size_t>{0});
    CHECK(changes.households[3].sentences ==
          std::vector<std::string>{"H4 gains P1's stay from Friday 15 January 2027 (2 nights), "
                                   "moved from H1"});
  }

  SECTION("a keep bonus below the gain lets P1's first weekend move to H4") {
    const calendar_plan again = replan(0.5 * static_cast<double>(gain) / 1000);
    CHECK(households_of(s, again) ==
          std::vector<std::string>{"P1 2027-01-08: H4", "P1 2027-01-15: H4", "P2 2027-01-08: H3"});
    CHECK(sentences_of(compare_plans(s, again, earlier)) ==
          std::vector<std::string>{
              "P1's stay from Friday 8 January 2027 (2 nights) moves from H1 to H4",
              "P1's stay from Friday 15 January 2027 (2 nights) moves from H1 to H4",
              "P2's stay from Friday 8 January 2027 (2 nights) moves from H2 to H3"});
  }
}

TEST_CASE("compare_plans: dropped, newly covered, unknown people, and only the weeks both plan") {
  scheme s = make_scheme();
  household beds = host("H1", {}, 1);
  household days = make_household("H2");
  days.pets = 1;
  days.calendar = calendar_availability{};
  days.calendar->day_places = 1;
  s.households = {beds, days};
  person first = guest("P1", {}, {{make_date("2027-01-08"), 2}});
  first.calendar->priority = 2;
  first.calendar->day_slots = {{weekday::tuesday, part_of_day::morning}};
  s.people = {first, guest("P2", {}, {{make_date("2027-01-08"), 2}, {make_date("2027-01-15"), 2}})};

  // One week: H1's only bed goes to P1, who counts double; P2's stay on the 15th is outside.
  const calendar_plan one_week = plan_calendar(s, {make_date("2027-01-04"), 1});
  REQUIRE(households_of(s, one_week) == std::vector<std::string>{"P1 2027-01-08: H1",
                                                                 "P1 2027-01-05: H2",
                                                                 "P2 2027-01-08: none"});
  earlier_plan earlier = earlier_plan_of(s, one_week);
  // Someone the scheme no longer has, and a booking before either plan's weeks.
  earlier.bookings.push_back(
      {"P99", unit_kind::stay, make_date("2027-01-06"), 1, part_of_day::morning, "H1"});
  earlier.bookings.push_back(
      {"P2", unit_kind::stay, make_date("2026-12-28"), 2, part_of_day::morning, "H1"});

  // P1 can no longer stay where there are pets; two weeks are planned this time.
  s.people[0].must_not = {avoidance::pets};
  calendar_options options;
  options.earlier = earlier.bookings;
  const calendar_plan again = plan_calendar(s, {make_date("2027-01-04"), 2}, options);
  const calendar_changes changes = compare_plans(s, again, earlier);
  CHECK(sentences_of(changes) ==
        std::vector<std::string>{
            "P1's Tuesday morning on 5 January 2027 is no longer covered (it was with H2)",
            "P1's stay from Friday 8 January 2027 (2 nights) is no longer covered (it was with H1)",
            "P2's stay from Friday 8 January 2027 (2 nights) is now covered by H1",
            "P99's stay from Wednesday 6 January 2027 (1 night) is no longer covered (it was "
            "with H1)"});
  REQUIRE(changes.units.size() == 4);
  CHECK(changes.units[0].kind == unit_kind::day_slot);
  CHECK(changes.units[0].part == part_of_day::morning);
  CHECK(changes.units[1].change == cover_change::no_longer_covered);
  CHECK(changes.units[2].change == cover_change::newly_covered);
  CHECK(changes.units[2].from_household.empty());
  REQUIRE(changes.households.size() == 2);
  CHECK(changes.households[0].sentences ==
        std::vector<std::string>{
            "H1 loses P1's stay from Friday 8 January 2027 (2 nights), no longer covered",
            "H1 gains P2's stay from Friday 8 January 2027 (2 nights), newly covered",
            "H1 loses P99's stay from Wednesday 6 January 2027 (1 night), no longer covered"});
  CHECK(changes.households[0].gains == std::vector<std::size_t>{2});
  CHECK(changes.households[0].losses == std::vector<std::size_t>{1, 3});
  CHECK(changes.households[1].sentences ==
        std::vector<std::string>{
            "H2 loses P1's Tuesday morning on 5 January 2027, no longer covered"});
}
