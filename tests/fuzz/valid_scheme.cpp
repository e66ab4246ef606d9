// Valid schemes with extreme values through every stage. A small generated scheme has a few
// of its numbers set to values at or beyond their edges (the largest and smallest doubles,
// infinities, NaN, 2^63, the poles and the antimeridian, the limits of places, ages and
// dates), and people and households may be given calendars of short breaks and day support
// (stays, recurring rules, allowances, day slots, beds, days away and bookings), most often
// valid and now and then at or beyond the edges of nights, counts, rules and dates, and
// consent records, opt-outs and accounts in their own words with dates anywhere, and groups
// of people to be placed together (the generator's, or made from the bytes: mostly valid, now
// and then too small, too large for the cap, or naming a stranger or a person twice). A scheme
// that validation refuses must say why; one it accepts must save and load back and go through
// matching (every objective), the written reports, the audit, the advice (what would help,
// first-choice costs, recruitment), the calendar plan, explanations and comparisons,
// both sides' views, stable matching, proposal rounds, each purpose's view, introduction
// packs and experiments without a crash and without refusing it: a scheme that validates is
// one the engine must handle.

#include "fuzz_bytes.hpp"

#include "slmatch/audit/audit.hpp"
#include "slmatch/experiment/run.hpp"
#include "slmatch/explain/compare.hpp"
#include "slmatch/io/advice_json.hpp"
#include "slmatch/io/audit_json.hpp"
#include "slmatch/io/calendar_ics.hpp"
#include "slmatch/io/calendar_json.hpp"
#include "slmatch/io/introduction_pack_json.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/purpose_view.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/introduction_pack.hpp"
#include "slmatch/stable/proposal_rounds.hpp"
#include "slmatch/stable/views.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using slmatch::fuzzing::fuzz_bytes;
using slmatch::fuzzing::unless_refused;

/// What `run()` returns; a library error means a stage refused a scheme that validated,
/// which the fuzzer reports as a crash.
template <class Run> auto must_succeed(Run run) -> decltype(run()) {
  try {
    return run();
  } catch (const slmatch::error& refused) {
    std::fprintf(stderr, "a valid scheme was refused: %s\n", refused.what());
    std::abort();
  }
}

/// A double at or beyond the edge of what some field takes, or any bit pattern.
double extreme_double(fuzz_bytes& in) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  static constexpr std::array<double, 26> edges{0.0,
                                                -0.0,
                                                5e-324,
                                                1e-300,
                                                1e-9,
                                                0.5,
                                                1.0,
                                                -1.0,
                                                89.9999999,
                                                90.0,
                                                -90.0,
                                                180.0,
                                                -180.0,
                                                179.999,
                                                20015.0,
                                                20038.0,
                                                1e6,
                                                2147483648.0,
                                                9.0e15,
                                                9.3e18,
                                                1e300,
                                                -1e300,
                                                1.7976931348623157e308,
                                                inf,
                                                -inf,
                                                std::numeric_limits<double>::quiet_NaN()};
  const std::uint8_t pick = in.byte();
  if (pick < 224) return edges[pick % edges.size()];
  return in.raw_double();
}

/// A whole number at or beyond the edge of what some field takes.
int extreme_int(fuzz_bytes& in) {
  static constexpr std::array<int, 13> edges{0,  1,   2,   3,       4,       -1,     17,
                                             18, 120, 121, 1000000, INT_MAX, INT_MIN};
  return edges[in.byte() % edges.size()];
}

slmatch::date extreme_date(fuzz_bytes& in) {
  static constexpr std::array<int, 6> years{0, 1, 1900, 2026, 9998, 9999};
  return {years[in.byte() % years.size()], 1 + in.byte() % 12, 1 + in.byte() % 28};
}

template <class Records> auto& pick(Records& records, fuzz_bytes& in) {
  return records[in.byte() % records.size()];
}

// Calendars --------------------------------------------------------------------------

/// A number of nights, beds or a priority: mostly small, now and then at an edge.
int calendar_number(fuzz_bytes& in, int usual) {
  static constexpr std::array<int, 12> edges{0,  1,   7,   20,  21,      31,
                                             32, 100, 101, 366, INT_MAX, INT_MIN};
  const std::uint8_t pick = in.byte();
  if (pick < 224) return usual + pick % 4;
  return edges[pick % edges.size()];
}

/// A day near `as_of` (the weeks a planner looks at), or an edge of the calendar.
slmatch::date calendar_day(fuzz_bytes& in, const slmatch::date& as_of) {
  if (in.byte() % 16 == 0 || !as_of.valid()) return extreme_date(in);
  return as_of.plus_days(in.byte() - 32);
}

slmatch::weekday any_weekday(fuzz_bytes& in) {
  return static_cast<slmatch::weekday>(in.byte() % 7);
}

slmatch::tag_set<slmatch::weekday> some_weekdays(fuzz_bytes& in) {
  slmatch::tag_set<slmatch::weekday> days;
  const std::uint8_t bits = in.byte();
  for (int d = 0; d < 7; ++d)
    if (bits & (1 << d)) days.insert(static_cast<slmatch::weekday>(d));
  return days;
}

std::vector<slmatch::day_slot> some_day_slots(fuzz_bytes& in) {
  std::vector<slmatch::day_slot> slots(in.byte() % 4);
  for (auto& slot : slots)
    slot = {any_weekday(in), static_cast<slmatch::part_of_day>(in.byte() % 3)};
  return slots;
}

/// Recurring stays from a day near `from`: a rule of the RRULE subset with nights that fit
/// between its stays, moved to the first day the rule selects; now and then a field of the
/// rule, the nights or the first day beyond what a valid request holds.
slmatch::recurring_stays some_recurring(fuzz_bytes& in, const slmatch::date& from) {
  struct usual_rule {
    std::string_view text;
    int nights;
  };
  static constexpr std::array<usual_rule, 8> rules{{
      {"FREQ=WEEKLY;BYDAY=FR", 2},
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,SA", 1},
      {"FREQ=WEEKLY;INTERVAL=52;BYDAY=MO,TU,WE,TH,FR,SA,SU;COUNT=1000", 1},
      {"FREQ=WEEKLY;BYDAY=SU;UNTIL=99991231", 6},
      {"FREQ=MONTHLY;BYDAY=2SA", 7},
      {"FREQ=MONTHLY;INTERVAL=52;BYDAY=-1SU;UNTIL=20271231", 27},
      {"FREQ=MONTHLY;BYDAY=4MO;COUNT=1", 366},
      {"FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE;UNTIL=19000101", 2}, // UNTIL before any first
  }};
  const usual_rule& usual = rules[in.byte() % rules.size()];
  std::string why;
  slmatch::recurring_stays r{calendar_day(in, from), *slmatch::parse_rrule(usual.text, why),
                             usual.nights};
  switch (in.byte() % 16) {
  case 0:
    r.rule.interval = extreme_int(in);
    break;
  case 1:
    r.rule.count = extreme_int(in);
    break;
  case 2:
    r.rule.week_of_month = extreme_int(in);
    break;
  case 3:
    r.rule.days = some_weekdays(in);
    break;
  case 4:
    r.rule.until = extreme_date(in);
    break;
  case 5:
    r.nights = calendar_number(in, 1);
    break;
  }
  const bool has_pattern = r.rule.interval >= 1 && !r.rule.days.empty();
  if (in.byte() % 8 != 0 && r.first.valid() && has_pattern)
    for (int step = 0; step < 62 && !slmatch::matches_pattern(r.rule, r.first, r.first); ++step)
      r.first = r.first.plus_days(1);
  return r;
}

slmatch::calendar_request some_request(fuzz_bytes& in, const slmatch::date& as_of) {
  slmatch::calendar_request c;
  // Mostly one kind of request, whose parts then leave room for each other; now and then
  // every kind at once.
  const int shape = in.byte() % 5;
  if (shape == 0 || shape == 4) {
    // Stays a week or more apart.
    slmatch::date next = calendar_day(in, as_of);
    for (int i = 1 + in.byte() % 4; i > 0; --i) {
      c.stays.push_back({next, calendar_number(in, 1)});
      if (next.valid()) next = next.plus_days(7 + in.byte() % 28);
    }
  }
  if (shape == 1 || shape == 4)
    for (int i = 1 + in.byte() % 2; i > 0; --i) c.recurring.push_back(some_recurring(in, as_of));
  if (shape == 2 || shape == 4) {
    slmatch::allowance a;
    a.per = in.byte() % 2 == 0 ? slmatch::allowance_period::month : slmatch::allowance_period::year;
    a.nights = calendar_number(in, a.per == slmatch::allowance_period::month ? 28 : 300);
    a.stay_nights = calendar_number(in, 1);
    a.start_days = some_weekdays(in);
    for (int i = in.byte() % 3; i > 0; --i) {
      slmatch::date d = calendar_day(in, as_of);
      if (in.byte() % 8 != 0 && d.valid() && !a.start_days.empty())
        while (!a.start_days.contains(slmatch::weekday_of(d))) d = d.plus_days(1);
      a.preferred.push_back(d);
    }
    for (int i = in.byte() % 3; i > 0; --i) a.unacceptable.push_back(calendar_day(in, as_of));
    c.allowance = a;
  }
  if (shape == 3 || shape == 4 || in.byte() % 4 == 0) c.day_slots = some_day_slots(in);
  if (in.byte() % 2 == 0) c.longest_stay = calendar_number(in, 4);
  if (in.byte() % 2 == 0) c.shortest_gap = calendar_number(in, 0);
  c.one_carer = static_cast<slmatch::carer_continuity>(in.byte() % 3);
  c.priority = calendar_number(in, 1);
  return c;
}

slmatch::calendar_availability some_availability(fuzz_bytes& in, const slmatch::scheme& s) {
  slmatch::calendar_availability a;
  a.short_break_beds = calendar_number(in, 1);
  a.short_break_nights = some_weekdays(in);
  a.day_places = calendar_number(in, 0);
  a.day_slots = some_day_slots(in);
  for (int i = in.byte() % 3; i > 0; --i) {
    const slmatch::date from = calendar_day(in, s.policy.as_of);
    a.away.push_back({from, from.valid() ? from.plus_days(in.byte() % 16) : from});
  }
  if (in.byte() % 2 == 0) a.max_nights_per_month = calendar_number(in, 4);
  for (int i = in.byte() % 3; i > 0; --i) {
    // A person of the scheme, or someone from outside it.
    const std::string who = in.byte() % 2 == 0 ? pick(s.people, in).id : "X" + std::to_string(i);
    a.bookings.push_back({who, calendar_day(in, s.policy.as_of), calendar_number(in, 1)});
  }
  return a;
}

// Consent and a person's own account ----------------------------------------------------

/// A consent of any category, purpose and giver, dated near `as_of` or at an edge; it may
/// end before it starts, name nobody for an advocate, or repeat another (validation says).
slmatch::consent_record some_consent(fuzz_bytes& in, const slmatch::date& as_of) {
  slmatch::consent_record r;
  r.category = static_cast<slmatch::data_category>(
      in.byte() % slmatch::vocabulary_size<slmatch::data_category>);
  r.purpose = static_cast<slmatch::consent_purpose>(
      in.byte() % slmatch::vocabulary_size<slmatch::consent_purpose>);
  r.given_by = static_cast<slmatch::consent_giver>(
      in.byte() % slmatch::vocabulary_size<slmatch::consent_giver>);
  if (in.byte() % 4 != 0) r.decided_by = "D";
  r.given_on = calendar_day(in, as_of);
  if (in.byte() % 2 == 0) r.expires_on = calendar_day(in, as_of);
  if (in.byte() % 2 == 0) r.withdrawn_on = calendar_day(in, as_of);
  return r;
}

/// An account in the person's own words: lines (some empty), people they know, and who
/// wrote each section, on days near `as_of` or at an edge.
slmatch::about_me some_account(fuzz_bytes& in, const slmatch::date& as_of) {
  slmatch::about_me a;
  for (int i = in.byte() % 3; i > 0; --i) a.what_matters_to_me.push_back(std::string(i - 1, 'w'));
  for (int i = in.byte() % 3; i > 0; --i) a.how_best_to_support_me.emplace_back("s");
  for (int i = in.byte() % 2; i > 0; --i) a.communication.emplace_back("");
  for (int i = in.byte() % 3; i > 0; --i)
    a.people_i_know.push_back({in.byte() % 8 == 0 ? "" : "K", "friend", in.byte() % 2 == 0});
  for (int i = in.byte() % 4; i > 0; --i) {
    const auto section = static_cast<slmatch::profile_section>(
        in.byte() % slmatch::vocabulary_size<slmatch::profile_section>);
    const auto role = static_cast<slmatch::author_role>(
        in.byte() % slmatch::vocabulary_size<slmatch::author_role>);
    a.written_by[section] = {role, in.byte() % 4 == 0 ? "" : "A", calendar_day(in, as_of)};
  }
  return a;
}

// Groups of people to be placed together -----------------------------------------------

/// A group of `size` people from `free` (people in no group yet, taken out of it), most often
/// valid; now and then with a stranger, a person twice or a person from another group.
slmatch::person_group some_group(fuzz_bytes& in, const slmatch::scheme& s,
                                 std::vector<std::size_t>& free, std::size_t size,
                                 std::size_t number) {
  slmatch::person_group g;
  g.id = in.byte() % 32 == 0 ? "" : "G" + std::to_string(number);
  g.kind =
      static_cast<slmatch::group_kind>(in.byte() % slmatch::vocabulary_size<slmatch::group_kind>);
  g.together =
      in.byte() % 5 == 0 ? slmatch::togetherness::preferred : slmatch::togetherness::required;
  g.share_bedroom = in.byte() % 3 == 0;
  for (std::size_t k = 0; k < size; ++k) {
    const std::uint8_t how = in.byte();
    if (how % 32 == 0) {
      g.members.emplace_back("X" + std::to_string(k)); // not a person of the scheme
    } else if (how % 32 == 1 && !g.members.empty()) {
      g.members.push_back(g.members.front()); // the same person twice
    } else if (how % 32 == 2 || free.empty()) {
      g.members.push_back(pick(s.people, in).id); // perhaps in another group already
    } else {
      const std::size_t at = in.byte() % free.size();
      g.members.push_back(s.people[free[at]].id);
      free.erase(free.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  return g;
}

/// Groups for the scheme, from the bytes left after the mutations (none once they run out,
/// so the seeds of schemes without groups still make them): the generator's own groups for
/// the same people, or groups of two or three made here, mostly within the household cap;
/// now and then a living-together weight at an edge.
void add_groups(slmatch::scheme& s, fuzz_bytes& in, slmatch::synthetic_options options) {
  const std::uint8_t how = in.byte();
  if (how % 4 == 0) return;
  if (how % 4 == 1) {
    options.group_share = (1 + in.byte() % 4) / 4.0;
    s.groups = slmatch::generate_scheme(options).groups;
  } else {
    std::vector<std::size_t> free(s.people.size());
    for (std::size_t i = 0; i < free.size(); ++i) free[i] = i;
    const int cap = s.policy.household_cap;
    for (int count = 1 + in.byte() % 3; count > 0 && free.size() >= 2; --count) {
      std::size_t size = 2 + in.byte() % 2;
      if (cap >= 2 && size > static_cast<std::size_t>(cap) && in.byte() % 8 != 0) size = 2;
      if (in.byte() % 32 == 0) size = in.byte() % 5; // 0 to 4 members
      s.groups.push_back(some_group(in, s, free, size, s.groups.size() + 1));
      if (cap < 2 && in.byte() % 8 != 0)
        s.groups.back().together = slmatch::togetherness::preferred;
    }
  }
  if (how % 4 == 3) s.policy.living_together_weight = extreme_double(in);
}

void mutate(slmatch::scheme& s, fuzz_bytes& in) {
  auto& pol = s.policy;
  auto& p = pick(s.people, in);
  auto& h = pick(s.households, in);
  const auto any_factor =
      static_cast<std::size_t>(in.byte() % slmatch::vocabulary_size<slmatch::factor>);
  switch (in.byte() % 30) {
  case 0:
    pol.travel_limit_km = extreme_double(in);
    break;
  case 1:
    pol.household_cap = extreme_int(in);
    break;
  case 2:
    pol.weights[any_factor] = extreme_double(in);
    break;
  case 3:
    pol.as_of = extreme_date(in);
    break;
  case 4:
    p.travel_limit_km = extreme_double(in);
    break;
  case 5:
    p.location.lat = extreme_double(in);
    break;
  case 6:
    p.location.lon = extreme_double(in);
    break;
  case 7:
    p.weights[static_cast<slmatch::factor>(any_factor)] = extreme_double(in);
    break;
  case 8:
    p.date_of_birth = extreme_date(in);
    break;
  case 9:
    p.waiting_since = extreme_date(in);
    break;
  case 10:
    if (!p.anchors.empty()) pick(p.anchors, in).where = {extreme_double(in), extreme_double(in)};
    break;
  case 11:
    if (p.way_of_life) p.way_of_life->activity = extreme_double(in);
    break;
  case 12:
    h.location.lat = extreme_double(in);
    break;
  case 13:
    h.location.lon = extreme_double(in);
    break;
  case 14:
    h.places = extreme_int(in);
    break;
  case 15:
    h.free_bedrooms = extreme_int(in);
    break;
  case 16:
    if (!h.adults.empty()) pick(h.adults, in).age = extreme_int(in);
    break;
  case 17:
    if (!h.residents.empty()) pick(h.residents, in).age = extreme_int(in);
    break;
  case 18:
    h.children_ages.push_back(extreme_int(in));
    break;
  case 19:
    h.pets = extreme_int(in);
    break;
  case 20:
    h.years_caring = extreme_int(in);
    break;
  case 21:
    h.approval_expires = extreme_date(in);
    break;
  case 22:
    h.preferences.min_age = extreme_int(in);
    break;
  case 23:
    h.way_of_life.routine = extreme_double(in);
    break;
  case 24:
    p.calendar = some_request(in, pol.as_of);
    break;
  case 25:
    h.calendar = some_availability(in, s);
    break;
  case 26: // many stays, each a week after the last
    p.calendar.emplace();
    for (int i = 0; i < 200; ++i)
      p.calendar->stays.push_back({pol.as_of.valid() ? pol.as_of.plus_days(7L * i) : pol.as_of, 2});
    break;
  case 27:
    p.consents.push_back(some_consent(in, pol.as_of));
    break;
  case 28:
    p.national_data_opt_out = !p.national_data_opt_out;
    break;
  case 29:
    p.profile = some_account(in, pol.as_of);
    break;
  }
}

void every_stage(const slmatch::scheme& s, fuzz_bytes& in) {
  for (auto goal : slmatch::all_values<slmatch::objective>()) {
    slmatch::match_options options;
    options.shortlist_size = 1 + in.byte() % 3;
    options.goal = goal;
    const auto result = must_succeed([&] { return slmatch::match(s, options); });
    (void)slmatch::match_to_json(s, result).dump();
    (void)slmatch::match_to_table(s, result);
    const auto audit = slmatch::audit_plan(s, result);
    (void)slmatch::audit_to_json(s, audit).dump();
    (void)slmatch::audit_to_table(s, audit);
    // The advice checks edited copies of the scheme: each edit must keep it matchable.
    slmatch::help_options help;
    help.goal = goal;
    help.max_checks = 2;
    const auto helped = must_succeed(
        [&] { return slmatch::what_would_help(s, result, std::vector<std::size_t>{}, help); });
    (void)slmatch::help_to_table(s, helped);
    for (const auto& person : helped) (void)slmatch::help_to_json(s, person).dump();
    slmatch::first_choice_options first;
    first.goal = goal;
    first.max_people = 2;
    for (const auto& cost :
         must_succeed([&] { return slmatch::first_choice_costs(s, result, first); }))
      (void)slmatch::first_choice_to_json(s, cost).dump();
    slmatch::recruitment_options recruiting;
    recruiting.goal = goal;
    recruiting.max_confirmed = 1;
    const auto summary =
        must_succeed([&] { return slmatch::recruitment(s, result.plan.household_of, recruiting); });
    (void)slmatch::recruitment_to_json(s, summary).dump();
  }
  {
    // The calendar plan over a few weeks from as_of (or from a day the fuzz picks), with its
    // sentences, JSON and iCalendar files; a short time limit keeps each run bounded. Its JSON
    // reads back as an earlier plan with the same bookings, and the plan made again from it
    // writes what changes.
    slmatch::calendar_options calendar;
    calendar.seconds = 0.5;
    calendar.allow_flow = in.byte() % 2 == 0;
    slmatch::calendar_horizon horizon{s.policy.as_of, 1 + in.byte() % 6};
    if (in.byte() % 4 == 0) horizon.from = s.policy.as_of.plus_days(-static_cast<long>(in.byte()));
    if (horizon.from.valid() && horizon.from.plus_days(horizon.days()).valid()) {
      const auto plan = must_succeed([&] { return slmatch::plan_calendar(s, horizon, calendar); });
      const std::string document = slmatch::calendar_to_json(s, plan).dump();
      (void)slmatch::calendar_to_table(s, plan);
      (void)slmatch::calendar_to_ics(s, plan);
      const auto earlier = must_succeed([&] { return slmatch::earlier_plan_from_json(document); });
      const auto bookings = slmatch::earlier_plan_of(s, plan).bookings;
      if (earlier.bookings.size() != bookings.size()) std::abort();
      for (std::size_t i = 0; i < bookings.size(); ++i)
        if (slmatch::detail::key_of(earlier.bookings[i]) != slmatch::detail::key_of(bookings[i]) ||
            earlier.bookings[i].household_id != bookings[i].household_id)
          std::abort();
      calendar.earlier = earlier.bookings;
      const auto again = must_succeed([&] { return slmatch::plan_calendar(s, horizon, calendar); });
      const auto changes = slmatch::compare_plans(s, again, earlier);
      (void)slmatch::calendar_to_json(s, again, changes).dump();
      (void)slmatch::calendar_to_table(s, again, changes);
    }
  }
  const std::size_t person = in.byte() % s.people.size();
  const std::size_t first = in.byte() % s.households.size();
  const std::size_t second = in.byte() % s.households.size();
  const auto why = must_succeed([&] { return slmatch::explain_pair(s, person, first); });
  if (why.feasible && first != second) // why not the other one, beside a household that suits
    (void)must_succeed([&] { return slmatch::compare_pairs(s, person, first, second); });
  (void)must_succeed([&] { return slmatch::explain_household_view(s, person, first); });

  const auto views = must_succeed([&] { return slmatch::build_views(s); });
  const auto pairs = slmatch::rank_pairs(views.lists);
  for (auto side : slmatch::all_values<slmatch::proposing_side>()) {
    const auto stable = slmatch::deferred_acceptance(pairs, side);
    if (!slmatch::blocking_pairs(pairs, stable.household_of).empty()) std::abort();
  }
  {
    auto rounds = must_succeed([&] { return slmatch::start_rounds(s); });
    for (int round = 0; round < 3 && !rounds.finished(); ++round) {
      for (const auto& intro : std::vector(rounds.introductions())) {
        const bool accept = in.byte() % 2 == 0;
        (void)unless_refused([&] {
          rounds.answer(intro.person, intro.household, slmatch::answer_side::both, accept);
          return 0;
        });
      }
      (void)unless_refused([&] {
        rounds.next_round();
        return 0;
      });
    }
  }
  // Each purpose's view is a valid scheme the engine matches; a carer's introduction pack
  // for a pair, and its JSON.
  for (auto purpose : slmatch::all_values<slmatch::consent_purpose>()) {
    const auto view = must_succeed([&] { return slmatch::view_for(s, purpose); });
    if (!slmatch::check_scheme(view).empty()) std::abort();
    if (!view.people.empty()) (void)must_succeed([&] { return slmatch::match(view); });
  }
  const auto pack = must_succeed([&] {
    return slmatch::introduction_pack_for(s, s.people[person].id, s.households[first].id);
  });
  (void)slmatch::introduction_pack_to_json(pack).dump();

  for (auto goal : slmatch::all_values<slmatch::run_objective>()) {
    slmatch::run_settings settings;
    settings.goal = goal;
    if (in.byte() % 4 == 0) {
      // An extreme setting may be refused, with its reason.
      settings.travel_limit_km = extreme_double(in);
      (void)unless_refused([&] { return slmatch::run_experiment(s, settings); });
    } else {
      (void)must_succeed([&] { return slmatch::run_experiment(s, settings); });
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_bytes in(data, size);
  slmatch::synthetic_options options;
  options.people = 2 + in.byte() % 9;
  options.households = 1 + in.byte() % 7;
  options.seed = in.byte();
  slmatch::scheme s = slmatch::generate_scheme(options);
  const int mutations = 1 + in.byte() % 6;
  for (int m = 0; m < mutations; ++m) mutate(s, in);
  add_groups(s, in, options);
  const auto problems = slmatch::check_scheme(s);
  if (!problems.empty()) {
    for (const auto& problem : problems)
      if (problem.record.empty() || problem.message.empty()) std::abort(); // say where and why
    return 0;
  }
  // What validation accepts must also survive a save and load.
  if (slmatch::parse_scheme(slmatch::dump_scheme(s)) != s) std::abort();
  every_stage(s, in);
  return 0;
}
