#include "slmatch/io/audit_json.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/score/weight.hpp"

#include "support/random_scheme.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace slmatch;
using testing::make_date;
using testing::make_household;
using testing::make_person;
using testing::make_scheme;

namespace {

const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

/// Every figure shown, however small the group.
audit_options show_all() {
  audit_options options;
  options.suppress_small_groups = false;
  return options;
}

const grouping_audit& grouping_of(const plan_audit& audit, audit_grouping grouping) {
  for (const auto& g : audit.groupings)
    if (g.grouping == grouping) return g;
  throw std::logic_error("grouping missing");
}

const group_statistics& group_of(const plan_audit& audit, audit_grouping grouping,
                                 const std::string& label) {
  for (const auto& g : grouping_of(audit, grouping).groups)
    if (g.group == label) return g;
  throw std::logic_error("group missing: " + label);
}

std::vector<std::string> labels(const grouping_audit& grouping) {
  std::vector<std::string> out;
  for (const auto& g : grouping.groups) out.push_back(g.group);
  return out;
}

/// The Gini coefficient straight from its definition, O(n^2).
double gini_by_definition(const std::vector<double>& x) {
  double differences = 0.0, total = 0.0;
  for (double a : x) {
    total += a;
    for (double b : x) differences += std::fabs(a - b);
  }
  const double n = static_cast<double>(x.size());
  return differences / (2.0 * n * n * (total / n));
}

/// Six people, as-of 2026-11-01, with a plan set by hand:
///   P1 learning_disability, born 2000-06-01 (26), waiting since 2026-10-01 (31 days), matched 80
///   P2 learning_disability + autism, born 1990-01-01 (36), since 2026-09-01 (61), matched 60
///   P3 autism, born 1950-03-03 (76), since 2026-01-01 (304), unmatched
///   P4 mental_health, born 2001-11-01 (25), since 2025-11-01 (365), matched 90
///   P5 mental_health + learning_disability, born 2008-11-02 (17), since 2026-10-31 (1), unmatched
///   P6 mental_health, born 1961-11-01 (65), since 2026-08-01 (92), matched 40
scheme hand_scheme() {
  std::vector<person> people;
  const char* births[] = {"2000-06-01", "1990-01-01", "1950-03-03",
                          "2001-11-01", "2008-11-02", "1961-11-01"};
  const char* waits[] = {"2026-10-01", "2026-09-01", "2026-01-01",
                         "2025-11-01", "2026-10-31", "2026-08-01"};
  const tag_set<need_category> needs[] = {
      {need_category::learning_disability},
      {need_category::learning_disability, need_category::autism},
      {need_category::autism},
      {need_category::mental_health},
      {need_category::mental_health, need_category::learning_disability},
      {need_category::mental_health}};
  for (int i = 0; i < 6; ++i) {
    person p = make_person("P" + std::to_string(i + 1));
    p.date_of_birth = make_date(births[i]);
    p.waiting_since = make_date(waits[i]);
    p.needs = needs[i];
    people.push_back(p);
  }
  return make_scheme(people, {make_household("H1"), make_household("H2")});
}

const std::vector<int> hand_plan{0, 1, -1, 0, -1, 1};
const std::vector<double> hand_scores{80, 60, 0, 90, 0, 40};

} // namespace

TEST_CASE("audit_plan: counts, rates, scores and waits match a hand count") {
  const scheme s = hand_scheme();
  const plan_audit audit = audit_plan(s, hand_plan, hand_scores, show_all());
  CHECK(audit.as_of == make_date("2026-11-01"));

  const auto& all = audit.overall;
  CHECK(all.group == "all people");
  CHECK(all.people == 6);
  CHECK(*all.matched == 4);
  CHECK(*all.match_rate == Approx(4.0 / 6.0));
  CHECK(*all.mean_score == Approx((80 + 60 + 90 + 40) / 4.0));
  CHECK(*all.mean_wait_days == Approx((31 + 61 + 304 + 365 + 1 + 92) / 6.0));
  CHECK(*all.median_wait_days == Approx((61 + 92) / 2.0));
  CHECK(all.small_group == false);

  // Needs, in vocabulary order; P2 and P5 count in two groups each.
  const auto& needs = grouping_of(audit, audit_grouping::need);
  CHECK(labels(needs) ==
        std::vector<std::string>{"learning_disability", "autism", "mental_health"});
  const auto& learning = group_of(audit, audit_grouping::need, "learning_disability");
  CHECK(learning.people == 3); // P1 P2 P5
  CHECK(*learning.matched == 2);
  CHECK(*learning.match_rate == Approx(2.0 / 3.0));
  CHECK(*learning.mean_score == Approx(70.0));
  CHECK(*learning.mean_wait_days == Approx((31 + 61 + 1) / 3.0));
  CHECK(*learning.median_wait_days == Approx(31.0));
  CHECK(learning.small_group);    // fewer than 5
  CHECK_FALSE(learning.withheld); // shown because suppression is off
  const auto& autism = group_of(audit, audit_grouping::need, "autism");
  CHECK(autism.people == 2); // P2 P3
  CHECK(*autism.matched == 1);
  CHECK(*autism.mean_score == Approx(60.0));
  CHECK(*autism.median_wait_days == Approx((61 + 304) / 2.0));
  const auto& mental = group_of(audit, audit_grouping::need, "mental_health");
  CHECK(mental.people == 3); // P4 P5 P6
  CHECK(*mental.matched == 2);
  CHECK(*mental.mean_score == Approx(65.0));
  CHECK(*mental.mean_wait_days == Approx((365 + 1 + 92) / 3.0));

  // Age bands at the as-of date: P5 turns 18 the day after, P6 turned 65 on the day.
  const auto& ages = grouping_of(audit, audit_grouping::age_band);
  CHECK(labels(ages) == std::vector<std::string>{"under 18", "25-34", "35-49", "65+"});
  CHECK(group_of(audit, audit_grouping::age_band, "under 18").people == 1);
  CHECK(group_of(audit, audit_grouping::age_band, "25-34").people == 2); // P1 26, P4 25
  CHECK(*group_of(audit, audit_grouping::age_band, "25-34").mean_score == Approx(85.0));
  CHECK(group_of(audit, audit_grouping::age_band, "35-49").people == 1);
  const auto& older = group_of(audit, audit_grouping::age_band, "65+");
  CHECK(older.people == 2); // P3 76, P6 65
  CHECK(*older.matched == 1);
  CHECK(*older.match_rate == Approx(0.5));

  // Everyone lives at the same place: one area.
  const auto& areas = grouping_of(audit, audit_grouping::area);
  REQUIRE(areas.groups.size() == 1);
  CHECK(areas.groups[0].people == 6);
  CHECK_FALSE(areas.match_rate_gap);

  // Nobody gave an ethnicity.
  CHECK(labels(grouping_of(audit, audit_grouping::ethnicity)) ==
        std::vector<std::string>{"not given"});

  // Gaps name the groups: match rate 2/3 (learning, first on the tie) vs 1/2 (autism).
  const auto& rate_gap = *needs.match_rate_gap;
  CHECK(rate_gap.largest_group == "learning_disability");
  CHECK(rate_gap.smallest_group == "autism");
  CHECK(rate_gap.gap == Approx(2.0 / 3.0 - 0.5));
  const auto& score_gap = *needs.mean_score_gap;
  CHECK(score_gap.largest_group == "learning_disability");
  CHECK(score_gap.smallest_group == "autism");
  CHECK(score_gap.gap == Approx(10.0));
  const auto& wait_gap = *needs.mean_wait_gap;
  CHECK(wait_gap.largest_group == "autism");
  CHECK(wait_gap.largest == Approx((61 + 304) / 2.0));
  CHECK(wait_gap.smallest_group == "learning_disability");

  // Gini: matched scores 80 60 90 40; everyone adds two zeros.
  CHECK(*audit.gini_matched == Approx(gini_by_definition({80, 60, 90, 40})));
  CHECK(*audit.gini_all == Approx(gini_by_definition({80, 60, 0, 90, 0, 40})));
}

TEST_CASE("audit_plan: small groups are flagged, their figures withheld and left out of gaps") {
  const scheme s = hand_scheme();
  const plan_audit audit = audit_plan(s, hand_plan, hand_scores); // default: groups of < 5
  for (const auto& grouping : audit.groupings) {
    for (const auto& g : grouping.groups) {
      INFO(g.group);
      CHECK(g.small_group == (g.people < 5));
      CHECK(g.withheld == g.small_group);
      if (g.withheld) {
        CHECK_FALSE(g.matched);
        CHECK_FALSE(g.match_rate);
        CHECK_FALSE(g.mean_score);
        CHECK_FALSE(g.mean_wait_days);
        CHECK_FALSE(g.median_wait_days);
      }
    }
    // Every need group has fewer than 5 people: nothing to compare.
    if (grouping.grouping == audit_grouping::need) {
      CHECK_FALSE(grouping.match_rate_gap);
      CHECK_FALSE(grouping.mean_score_gap);
    }
  }
  // The whole scheme is 6 people: shown.
  CHECK(*audit.overall.matched == 4);
  CHECK(audit.gini_matched);

  // With a threshold of 3, the three-person need groups are compared and autism (2) is not.
  audit_options three;
  three.small_group_size = 3;
  const plan_audit with_three = audit_plan(s, hand_plan, hand_scores, three);
  const auto& needs = grouping_of(with_three, audit_grouping::need);
  CHECK(needs.groups[1].withheld);
  const auto& gap = *needs.match_rate_gap;
  CHECK(gap.gap == Approx(0.0));
  CHECK(gap.largest_group == "learning_disability");
  CHECK(gap.smallest_group == "learning_disability");
  CHECK(needs.mean_score_gap->largest_group == "learning_disability");
  CHECK(needs.mean_score_gap->smallest_group == "mental_health");

  // A scheme smaller than the threshold shows no figures at all, not even the Gini.
  audit_options seven;
  seven.small_group_size = 7;
  const plan_audit tiny = audit_plan(s, hand_plan, hand_scores, seven);
  CHECK(tiny.overall.withheld);
  CHECK_FALSE(tiny.gini_matched);
  CHECK_FALSE(tiny.gini_all);
  const std::string dumped = audit_to_json(s, tiny).dump();
  CHECK(dumped.find("\"matched\":4") == std::string::npos);
}

TEST_CASE("audit_plan: ethnicity is read only with consent") {
  scheme s = hand_scheme();
  for (std::size_t p = 0; p < s.people.size(); ++p) s.people[p].ethnicity = "Group A";
  s.people[1].ethnicity = "Group B";
  // Only P1, P2 and P4 consent; the others' ethnicity must never show.
  for (std::size_t p : {2u, 4u, 5u}) s.people[p].consent.erase(data_category::ethnicity);
  s.people[3].ethnicity.reset(); // consents but gave none

  const plan_audit audit = audit_plan(s, hand_plan, hand_scores, show_all());
  const auto& ethnicity = grouping_of(audit, audit_grouping::ethnicity);
  CHECK(labels(ethnicity) == std::vector<std::string>{"Group A", "Group B", "not given"});
  CHECK(ethnicity.groups[0].people == 1);
  CHECK(ethnicity.groups[1].people == 1);
  CHECK(ethnicity.groups[2].people == 4);
  // "not given" is not an ethnicity: the gap compares A (P1, 80) with B (P2, 60) only.
  CHECK(ethnicity.mean_score_gap->largest_group == "Group A");
  CHECK(ethnicity.mean_score_gap->smallest_group == "Group B");
  CHECK(ethnicity.mean_wait_gap->largest_group == "Group B");

  // Changing what non-consenting people wrote changes nothing, byte for byte.
  const std::string before = audit_to_json(s, audit).dump(2) + audit_to_table(s, audit);
  std::mt19937 rng(5);
  for (int round = 0; round < 50; ++round) {
    scheme changed = s;
    for (std::size_t p : {2u, 4u, 5u}) {
      if (rng() % 3 == 0)
        changed.people[p].ethnicity.reset();
      else
        changed.people[p].ethnicity = "Changed " + std::to_string(rng() % 4);
    }
    const plan_audit again = audit_plan(changed, hand_plan, hand_scores, show_all());
    CHECK(audit_to_json(changed, again).dump(2) + audit_to_table(changed, again) == before);
  }
  // And withdrawing consent moves the person to "not given".
  scheme withdrawn = s;
  withdrawn.people[1].consent.erase(data_category::ethnicity);
  CHECK(labels(grouping_of(audit_plan(withdrawn, hand_plan, hand_scores),
                           audit_grouping::ethnicity)) ==
        std::vector<std::string>{"Group A", "not given"});
}

TEST_CASE("gini_coefficient: equals the O(n^2) definition") {
  CHECK_FALSE(gini_coefficient({}));
  CHECK_FALSE(gini_coefficient({0.0, 0.0, 0.0}));
  CHECK(*gini_coefficient({42.0}) == 0.0);
  CHECK(*gini_coefficient({7.0, 7.0, 7.0, 7.0}) == Approx(0.0).margin(1e-15));
  CHECK(*gini_coefficient({0.0, 0.0, 0.0, 100.0}) == Approx(0.75)); // (n - 1) / n
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> size(1, 40);
  std::uniform_real_distribution<double> value(0.0, 100.0);
  std::bernoulli_distribution zero(0.3);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<double> x(static_cast<std::size_t>(size(rng)));
    for (double& v : x) v = zero(rng) ? 0.0 : value(rng);
    const auto fast = gini_coefficient(x);
    double total = 0.0;
    for (double v : x) total += v;
    if (total == 0.0) {
      CHECK_FALSE(fast);
      continue;
    }
    REQUIRE(fast);
    CHECK(*fast == Approx(gini_by_definition(x)).margin(1e-12));
    CHECK(*fast >= 0.0);
    CHECK(*fast <= 1.0);
  }
}

TEST_CASE("audit_plan: age bands change on the birthday") {
  CHECK(age_band(17) == "under 18");
  CHECK(age_band(18) == "18-24");
  CHECK(age_band(24) == "18-24");
  CHECK(age_band(25) == "25-34");
  CHECK(age_band(34) == "25-34");
  CHECK(age_band(35) == "35-49");
  CHECK(age_band(49) == "35-49");
  CHECK(age_band(50) == "50-64");
  CHECK(age_band(64) == "50-64");
  CHECK(age_band(65) == "65+");
  const scheme s = hand_scheme();
  // A day later P5 (born 2008-11-02) is 18.
  audit_options later = show_all();
  later.as_of = make_date("2026-11-02");
  const plan_audit audit = audit_plan(s, hand_plan, hand_scores, later);
  CHECK(labels(grouping_of(audit, audit_grouping::age_band)) ==
        std::vector<std::string>{"18-24", "25-34", "35-49", "65+"});
  CHECK(*audit.overall.mean_wait_days == Approx((32 + 62 + 305 + 366 + 2 + 93) / 6.0));
}

TEST_CASE("audit_plan: areas are fixed grid squares, listed north to south then west to east") {
  const geo_point home = testing::home_point();
  std::vector<person> people;
  const geo_point places[] = {home, testing::north_of(home, 25.0), {home.lat, home.lon - 0.5},
                              home, {home.lat, home.lon + 0.5},    {-33.9, 18.4}};
  for (int i = 0; i < 6; ++i) {
    person p = make_person("P" + std::to_string(i + 1));
    p.location = places[i];
    people.push_back(p);
  }
  const scheme s = make_scheme(people, {make_household("H1")});
  const std::vector<int> plan(6, -1);
  const std::vector<double> scores(6, 0.0);
  const plan_audit audit = audit_plan(s, plan, scores, show_all());
  const auto& areas = grouping_of(audit, audit_grouping::area);
  REQUIRE(areas.groups.size() == 5);
  // 25 km north comes first.
  CHECK(areas.groups[0].people == 1);
  CHECK(areas.groups[0].group == area_label(area_of(places[1], 10.0), 10.0));
  // Then the home row from west to east: west, home (two people), east.
  CHECK(areas.groups[1].group == area_label(area_of(places[2], 10.0), 10.0));
  CHECK(areas.groups[2].people == 2);
  CHECK(areas.groups[2].group == area_label(area_of(home, 10.0), 10.0));
  CHECK(areas.groups[3].group == area_label(area_of(places[4], 10.0), 10.0));
  CHECK(areas.groups[3].group.back() == 'W'); // -1.05 degrees
  // The southern hemisphere comes last and says so.
  CHECK(areas.groups[4].group.find('S') != std::string::npos);
  CHECK(areas.groups[4].group.back() == 'E');

  // Each label is the centre of a square of the stated size holding the point.
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> lat(-80.0, 80.0), lon(-180.0, 180.0), km(1.0, 50.0);
  for (int trial = 0; trial < 2000; ++trial) {
    const geo_point where{lat(rng), lon(rng)};
    const double cell_km = km(rng);
    const area_cell cell = area_of(where, cell_km);
    const double row_degrees = cell_km / (6371.0088 * 3.14159265358979323846 / 180.0);
    const double south = static_cast<double>(cell.row) * row_degrees;
    INFO(where.lat << " " << where.lon << " " << cell_km);
    CHECK(where.lat >= south - 1e-9);
    CHECK(where.lat < south + row_degrees + 1e-9);
    // The square's centre lies within half a square (plus its own width) of the point.
    const double centre_lat = south + row_degrees / 2;
    const geo_point centre_same_lon{centre_lat, where.lon};
    CHECK(distance_km(where, centre_same_lon) <= cell_km / 2 + 1e-6);
    // Neighbouring squares have different labels.
    CHECK(area_label(cell, cell_km) != area_label({cell.row + 1, cell.column}, cell_km));
    CHECK(area_label(cell, cell_km) != area_label({cell.row, cell.column + 1}, cell_km));
  }
}

TEST_CASE("audit_plan: bad plans and dates name the record and field") {
  const scheme s = hand_scheme();
  auto problems_of = [&](const std::vector<int>& plan, const std::vector<double>& scores,
                         audit_options options = {}) {
    try {
      audit_plan(s, plan, scores, options);
    } catch (const validation_error& invalid) {
      return invalid.problems();
    }
    return std::vector<problem>{};
  };
  auto short_plan = problems_of({0, 1}, hand_scores);
  REQUIRE(short_plan.size() == 1);
  CHECK(short_plan[0].record == "plan");
  CHECK(short_plan[0].field == "household_of");
  CHECK(problems_of(hand_plan, {1.0}).at(0).field == "score");

  std::vector<int> bad_plan = hand_plan;
  bad_plan[2] = 2; // only H1 and H2 exist
  bad_plan[4] = -3;
  auto out_of_range = problems_of(bad_plan, hand_scores);
  REQUIRE(out_of_range.size() == 2);
  CHECK(out_of_range[0].record == "person P3");
  CHECK(out_of_range[0].field == "household");
  CHECK(out_of_range[1].record == "person P5");

  std::vector<double> bad_scores = hand_scores;
  bad_scores[0] = std::nan("");
  bad_scores[1] = 100.5;
  bad_scores[2] = std::nan(""); // unmatched: ignored
  auto scores = problems_of(hand_plan, bad_scores);
  REQUIRE(scores.size() == 2);
  CHECK(scores[0].record == "person P1");
  CHECK(scores[0].field == "score");
  CHECK(scores[1].record == "person P2");

  audit_options early;
  early.as_of = make_date("2026-09-15"); // before P1 (2026-10-01) and P5 (2026-10-31) waited
  auto dates = problems_of(hand_plan, hand_scores, early);
  REQUIRE(dates.size() == 2);
  CHECK(dates[0].record == "person P1");
  CHECK(dates[0].field == "waiting_since");
  CHECK(dates[1].record == "person P5");
  early.as_of = make_date("2008-01-01");
  auto births = problems_of(hand_plan, hand_scores, early);
  CHECK(std::count_if(births.begin(), births.end(),
                      [](const problem& p) { return p.field == "date_of_birth"; }) == 1);

  audit_options bad;
  bad.small_group_size = -1;
  CHECK_THROWS_AS(audit_plan(s, hand_plan, hand_scores, bad), error);
  bad = {};
  bad.area_cell_km = 0.0;
  CHECK_THROWS_AS(audit_plan(s, hand_plan, hand_scores, bad), error);
  bad.area_cell_km = std::nan("");
  CHECK_THROWS_AS(audit_plan(s, hand_plan, hand_scores, bad), error);
}

TEST_CASE("audit_plan: groups add up on random schemes and plans") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    scheme s = testing::random_scheme(seed, 20, 6);
    std::mt19937 rng(seed);
    const std::vector<std::string> ethnicities{"A", "B", "C"};
    for (auto& p : s.people)
      if (rng() % 2) p.ethnicity = ethnicities[rng() % 3];
    std::vector<int> plan(s.people.size());
    std::vector<double> scores(s.people.size());
    for (std::size_t p = 0; p < plan.size(); ++p) {
      plan[p] = static_cast<int>(rng() % 8) - 1;
      if (plan[p] > 5) plan[p] = -1;
      scores[p] = plan[p] >= 0 ? static_cast<double>(rng() % 100001) / 1000.0 : 0.0;
    }
    audit_options options = show_all();
    options.area_cell_km = 5.0 + static_cast<double>(seed % 20);
    const plan_audit audit = audit_plan(s, plan, scores, options);
    INFO("seed " << seed);
    int matched = 0;
    double score_sum = 0.0, wait_sum = 0.0;
    for (std::size_t p = 0; p < plan.size(); ++p) {
      if (plan[p] >= 0) {
        ++matched;
        score_sum += scores[p];
      }
      wait_sum += static_cast<double>(audit.as_of.days_since_epoch() -
                                      s.people[p].waiting_since.days_since_epoch());
    }
    CHECK(*audit.overall.matched == matched);
    if (matched) CHECK(*audit.overall.mean_score == Approx(score_sum / matched));
    CHECK(*audit.overall.mean_wait_days == Approx(wait_sum / 20.0));
    for (const auto& grouping : audit.groupings) {
      int people = 0, grouped_matched = 0, need_entries = 0;
      double grouped_scores = 0.0, grouped_waits = 0.0;
      for (const auto& g : grouping.groups) {
        CHECK(g.people > 0);
        CHECK(*g.matched <= g.people);
        people += g.people;
        grouped_matched += *g.matched;
        if (*g.matched) grouped_scores += *g.mean_score * *g.matched;
        grouped_waits += *g.mean_wait_days * g.people;
      }
      if (grouping.grouping == audit_grouping::need) {
        for (const auto& p : s.people) need_entries += p.needs.size();
        CHECK(people == need_entries);
      } else {
        // Every other grouping is a partition of the people.
        CHECK(people == 20);
        CHECK(grouped_matched == matched);
        CHECK(grouped_scores == Approx(score_sum));
        CHECK(grouped_waits == Approx(wait_sum));
      }
      // The gap's ends are the extremes of the groups it may compare.
      if (grouping.match_rate_gap) {
        for (const auto& g : grouping.groups) {
          if (grouping.grouping == audit_grouping::ethnicity && g.group == "not given") continue;
          CHECK(*g.match_rate <= grouping.match_rate_gap->largest);
          CHECK(*g.match_rate >= grouping.match_rate_gap->smallest);
        }
      }
    }
    // Ethnicity only with consent.
    for (const auto& g : grouping_of(audit, audit_grouping::ethnicity).groups) {
      int expected = 0;
      for (const auto& p : s.people)
        if (audit_ethnicity(p, s.policy.as_of) == g.group) ++expected;
      CHECK(g.people == expected);
    }
  }
}

TEST_CASE("audit_plan: a match run's audit agrees with its plan and is the same every run") {
  const scheme& s = riverside();
  const auto result = match(s);
  const plan_audit audit = audit_plan(s, result);
  CHECK(*audit.overall.matched == result.plan.matched);
  CHECK(audit.overall.people == static_cast<int>(s.people.size()));
  // Scores as the reports print them: the mean matches the report's total.
  CHECK(*audit.overall.mean_score * result.plan.matched ==
        Approx(static_cast<double>(result.plan.total) / score_units_per_point));

  const std::string json = audit_to_json(s, audit).dump(2);
  const std::string table = audit_to_table(s, audit);
  for (int run = 0; run < 3; ++run) {
    const auto again = audit_plan(s, match(s));
    CHECK(audit_to_json(s, again).dump(2) == json);
    CHECK(audit_to_table(s, again) == table);
  }
  // The consenting people's ethnicities are groups, each too small to show figures.
  const auto& ethnicity = grouping_of(audit, audit_grouping::ethnicity);
  CHECK(ethnicity.groups.size() == 3);
  CHECK(ethnicity.groups.back().group == "not given");
  CHECK(ethnicity.groups[0].withheld);

  // Nothing personal in the output: no ids, names, birth dates or free text.
  for (const auto& p : s.people) {
    CHECK(json.find("\"" + p.id + "\"") == std::string::npos);
    CHECK(table.find(p.id + " ") == std::string::npos);
    if (!p.name.empty()) CHECK(json.find(p.name) == std::string::npos);
    CHECK(json.find(p.date_of_birth.to_string()) == std::string::npos);
  }
  for (const auto& h : s.households) CHECK(json.find("\"" + h.id + "\"") == std::string::npos);
}

TEST_CASE("audit_to_json: layout, rounding and withheld figures") {
  const scheme s = hand_scheme();
  const plan_audit audit = audit_plan(s, hand_plan, hand_scores, show_all());
  const nlohmann::json out = audit_to_json(s, audit);
  CHECK(out["scheme"] == "S1");
  CHECK(out["as_of"] == "2026-11-01");
  CHECK(out["settings"]["area_cell_km"] == 10.0);
  CHECK(out["settings"]["small_groups_withheld"] == false);
  CHECK(out["overall"]["match_rate"] == 0.667);
  CHECK(out["overall"]["matched"] == 4);
  CHECK(out["gini"]["matched"].is_number());
  REQUIRE(out["groupings"].size() == 4);
  CHECK(out["groupings"][0]["grouping"] == "need");
  CHECK(out["groupings"][1]["grouping"] == "age_band");
  CHECK(out["groupings"][2]["grouping"] == "area");
  CHECK(out["groupings"][3]["grouping"] == "ethnicity");
  CHECK(out["groupings"][0]["gaps"]["match_rate"]["largest_group"] == "learning_disability");
  CHECK(out["groupings"][2]["gaps"]["match_rate"].is_null());
  CHECK(out["groupings"][0]["groups"][0]["mean_wait_days"] == 31.0);
  CHECK(!out["notes"].empty());

  const nlohmann::json withheld = audit_to_json(s, audit_plan(s, hand_plan, hand_scores));
  const auto& autism = withheld["groupings"][0]["groups"][1];
  CHECK(autism["group"] == "autism");
  CHECK(autism["people"] == 2);
  CHECK(autism["small_group"] == true);
  CHECK(autism["matched"].is_null());
  CHECK(autism["mean_score"].is_null());
}

TEST_CASE("audit_plan: groups who live together are counted once and by member") {
  scheme s = hand_scheme();
  const auto group = [](std::string id, group_kind kind, std::vector<std::string> members) {
    person_group g;
    g.id = std::move(id);
    g.kind = kind;
    g.members = std::move(members);
    g.together = kind == group_kind::friends ? togetherness::preferred : togetherness::required;
    return g;
  };
  s.groups = {group("G1", group_kind::couple, {"P1", "P4"}),
              group("G2", group_kind::siblings, {"P3", "P5"}),
              group("G3", group_kind::friends, {"P2", "P6"})};
  // P1 and P4 in H1 together; P3 and P5 unmatched; P2 in H2 and P6 in H1, apart.
  const std::vector<int> plan{0, 1, -1, 0, -1, 0};

  const plan_audit audit = audit_plan(s, plan, hand_scores, show_all());
  REQUIRE(audit.living_together.size() == 4);
  const auto& all = audit.living_together[0];
  CHECK(all.kind == "all groups");
  CHECK(all.groups == 3);
  CHECK(all.people == 6);
  CHECK(*all.together == 1);
  CHECK(*all.apart == 1);
  CHECK(*all.not_matched == 1);
  CHECK(audit.living_together[1].kind == "couples");
  CHECK(*audit.living_together[1].together == 1);
  CHECK(audit.living_together[2].kind == "siblings");
  CHECK(*audit.living_together[2].not_matched == 1);
  CHECK(audit.living_together[3].kind == "friends");
  CHECK(*audit.living_together[3].apart == 1);

  // By member: everyone is in a group here, so there is nobody on their own.
  const auto& members = grouping_of(audit, audit_grouping::living_together);
  CHECK(labels(members) == std::vector<std::string>{"couples", "siblings", "friends"});
  CHECK(*group_of(audit, audit_grouping::living_together, "couples").matched == 2);
  CHECK(*group_of(audit, audit_grouping::living_together, "siblings").matched == 0);
  CHECK(*group_of(audit, audit_grouping::living_together, "friends").mean_score == 50.0);

  // Withheld as small groups are: each kind has 2 members, all groups together 6.
  const plan_audit withheld = audit_plan(s, plan, hand_scores);
  CHECK(withheld.living_together[0].together == 1);
  for (std::size_t k = 1; k < withheld.living_together.size(); ++k) {
    CHECK(withheld.living_together[k].withheld);
    CHECK_FALSE(withheld.living_together[k].together);
  }
  const nlohmann::json out = audit_to_json(s, withheld);
  REQUIRE(out["groupings"].size() == 5);
  CHECK(out["groupings"][4]["grouping"] == "living_together");
  CHECK(out["living_together"][0] == nlohmann::json{{"kind", "all groups"},
                                                    {"groups", 3},
                                                    {"people", 6},
                                                    {"small_group", false},
                                                    {"together", 1},
                                                    {"apart", 1},
                                                    {"not_matched", 1}});
  CHECK(out["living_together"][1]["together"].is_null());
  const std::string table = audit_to_table(s, withheld);
  CHECK(table.find("Living together") != std::string::npos);
  CHECK(table.find("  all groups                     3       6         1      1            1\n") !=
        std::string::npos);
  CHECK(table.find("  couples *                      1       2         -      -            -\n") !=
        std::string::npos);

  // A scheme with one couple: the others are on their own; without groups nothing is added.
  s.groups.resize(1);
  CHECK(labels(grouping_of(audit_plan(s, plan, hand_scores, show_all()),
                           audit_grouping::living_together)) ==
        std::vector<std::string>{"on their own", "couples"});
  s.groups.clear();
  const plan_audit plain = audit_plan(s, plan, hand_scores);
  CHECK(plain.groupings.size() == 4);
  CHECK(plain.living_together.empty());
  CHECK_FALSE(audit_to_json(s, plain).contains("living_together"));
}

TEST_CASE("audit_plan: the example's groups, counted once") {
  const scheme& s = riverside();
  const plan_audit audit = audit_plan(s, match(s));
  REQUIRE_FALSE(audit.living_together.empty());
  const auto& all = audit.living_together[0];
  CHECK(all.groups == 3);
  CHECK(all.people == 6);
  // The couple and the siblings live together; the friends are proposed apart.
  CHECK(*all.together == 2);
  CHECK(*all.apart == 1);
  CHECK(*all.not_matched == 0);
}
