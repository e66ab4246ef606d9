#include "slmatch/synthetic/generator.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/validate.hpp"
#include "support/scheme_fingerprint.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::fingerprint;

namespace {

synthetic_options sized(int people, int households, std::uint64_t seed = 1) {
  synthetic_options options;
  options.people = people;
  options.households = households;
  options.seed = seed;
  return options;
}

double share(int count, std::size_t total) {
  return static_cast<double>(count) / static_cast<double>(total);
}

} // namespace

TEST_CASE("generate_scheme: the same options give the same scheme") {
  const auto options = sized(300, 200, 7);
  const scheme first = generate_scheme(options);
  const scheme second = generate_scheme(options);
  CHECK(first == second);
  CHECK(fingerprint(first) == fingerprint(second));
}

TEST_CASE("generate_scheme: a different seed gives a different scheme") {
  const scheme one = generate_scheme(sized(100, 80, 1));
  const scheme two = generate_scheme(sized(100, 80, 2));
  CHECK(one != two);
  CHECK(one.people != two.people);
  CHECK(one.households != two.households);
  CHECK(one.id == "synthetic-1");
  CHECK(two.id == "synthetic-2");
}

TEST_CASE("generate_scheme: output is fixed across platforms and standard libraries") {
  // Golden values: a change here changes every benchmark's data, so make it on purpose.
  const scheme s = generate_scheme(sized(40, 30, 12345));
  CHECK(s.people[0].id == "P000001");
  CHECK(s.households[29].id == "H000030");
  CHECK(fingerprint(s) == 0x9590098c8dc216efULL);
}

TEST_CASE("generate_scheme: the scheme validates for every size, including empty") {
  const std::vector<std::array<int, 2>> sizes{{0, 0},   {0, 1},     {1, 0},   {1, 1},
                                              {2, 3},   {5, 0},     {0, 5},   {17, 4},
                                              {60, 90}, {250, 200}, {400, 3}, {3, 400}};
  for (const auto& size : sizes) {
    for (std::uint64_t seed : {1ULL, 2ULL, 99ULL, 0xffffffffffffffffULL}) {
      const scheme s = generate_scheme(sized(size[0], size[1], seed));
      INFO(size[0] << " people, " << size[1] << " households, seed " << seed);
      CHECK(s.people.size() == static_cast<std::size_t>(size[0]));
      CHECK(s.households.size() == static_cast<std::size_t>(size[1]));
      const auto problems = check_scheme(s);
      INFO((problems.empty() ? std::string() : problems.front().describe()));
      CHECK(problems.empty());
    }
  }
}

TEST_CASE("generate_scheme: unusual options still give valid schemes") {
  SECTION("everyone at one point") {
    auto options = sized(80, 60);
    options.radius_km = 0;
    options.clusters = 1;
    const scheme s = generate_scheme(options);
    CHECK_NOTHROW(validate(s));
    for (const auto& h : s.households) CHECK(h.location == options.centre);
  }
  SECTION("a wide area far north, across the date line") {
    auto options = sized(200, 150, 3);
    options.centre = {79.5, 179.9};
    options.radius_km = 1000;
    options.clusters = 40;
    const scheme s = generate_scheme(options);
    CHECK_NOTHROW(validate(s));
  }
  SECTION("the scheme's policy comes from the options") {
    auto options = sized(30, 30);
    options.household_cap = 1;
    options.travel_limit_km = 12.5;
    options.as_of = date{2030, 2, 28};
    const scheme s = generate_scheme(options);
    CHECK_NOTHROW(validate(s));
    CHECK(s.policy.household_cap == 1);
    CHECK(s.policy.travel_limit_km == 12.5);
    CHECK(s.policy.as_of == date{2030, 2, 28});
    CHECK(s.policy.weights == default_weights());
  }
}

TEST_CASE("generate_scheme: options out of range are refused") {
  const auto refused = [](synthetic_options options, const std::string& message) {
    CHECK_THROWS_WITH(generate_scheme(options), message);
  };
  auto options = sized(1, 1);
  options.people = -1;
  refused(options, "people must be >= 0");
  options = sized(1, -3);
  refused(options, "households must be >= 0");
  options = sized(1, 1);
  options.radius_km = -1;
  refused(options, "radius_km must be between 0 and 1000");
  options = sized(1, 1);
  options.clusters = 0;
  refused(options, "clusters must be between 1 and 10000");
  options = sized(1, 1);
  options.centre.lat = 85;
  refused(options, "centre.lat must be between -80 and 80");
  options = sized(1, 1);
  options.household_cap = 4;
  refused(options, "household_cap must be between 1 and 3");
  options = sized(1, 1);
  options.travel_limit_km = 0;
  refused(options, "travel_limit_km must be a finite number above 0");
  options = sized(1, 1);
  options.as_of = date{2026, 2, 30};
  refused(options, "as_of must be a real date between 2000 and 9000");
}

TEST_CASE("generate_scheme: ids are zero padded and sort in scheme order") {
  const scheme s = generate_scheme(sized(120, 110));
  CHECK(s.people.front().id == "P000001");
  CHECK(s.people.back().id == "P000120");
  CHECK(s.households.back().id == "H000110");
  CHECK(std::is_sorted(s.people.begin(), s.people.end(),
                       [](const person& a, const person& b) { return a.id < b.id; }));
  for (const auto& h : s.households)
    for (const auto& r : h.residents) CHECK(r.id.rfind("R", 0) == 0);
  for (const auto& p : s.people) CHECK(!p.name.empty());
}

TEST_CASE("generate_scheme: the arrangement and need mixes follow BRIEF.md") {
  const scheme s = generate_scheme(sized(20000, 2000, 5));
  const std::size_t n = s.people.size();

  std::array<int, vocabulary_size<arrangement_type>> arrangements{};
  std::array<int, vocabulary_size<need_category>> needs{};
  std::array<int, vocabulary_size<support_level>> levels{};
  for (const auto& p : s.people) {
    ++arrangements[static_cast<std::size_t>(p.arrangement)];
    for (need_category need : p.needs.values()) ++needs[static_cast<std::size_t>(need)];
    ++levels[static_cast<std::size_t>(p.support)];
  }
  for (arrangement_type a : all_values<arrangement_type>()) {
    INFO(to_string(a));
    CHECK(share(arrangements[static_cast<std::size_t>(a)], n) ==
          Approx(synthetic_mix::arrangement_share(a)).margin(0.015));
  }
  // BRIEF.md: about 58% long-term, 27% short breaks, 17% day support, normalised.
  CHECK(synthetic_mix::arrangement_share(arrangement_type::long_term) == Approx(58.0 / 107));
  for (need_category need : all_values<need_category>()) {
    INFO(to_string(need));
    CHECK(share(needs[static_cast<std::size_t>(need)], n) ==
          Approx(synthetic_mix::need_share(need)).margin(0.015));
    CHECK(needs[static_cast<std::size_t>(need)] > 0);
  }
  const auto count = [&](need_category need) { return needs[static_cast<std::size_t>(need)]; };
  CHECK(count(need_category::learning_disability) > count(need_category::mental_health));
  CHECK(count(need_category::mental_health) > count(need_category::autism));
  CHECK(count(need_category::autism) > count(need_category::physical_disability));
  // Support levels skew low and moderate; some people have two needs.
  CHECK(share(levels[0] + levels[1], n) > 0.7);
  CHECK(levels[3] > 0);
  const auto two_needs = std::count_if(s.people.begin(), s.people.end(),
                                       [](const person& p) { return p.needs.size() == 2; });
  CHECK(share(static_cast<int>(two_needs), n) == Approx(0.3).margin(0.02));
}

TEST_CASE("generate_scheme: households have 1 to 3 places, mostly 1 or 2, some lived in") {
  const scheme s = generate_scheme(sized(10, 4000, 8));
  std::array<int, 4> places{};
  int lived_in = 0, full = 0, with_pets = 0, with_children = 0, with_smoker = 0, inactive = 0;
  for (const auto& h : s.households) {
    REQUIRE(h.places >= 1);
    REQUIRE(h.places <= 3);
    ++places[static_cast<std::size_t>(h.places)];
    CHECK(static_cast<int>(h.residents.size()) <= h.places);
    CHECK(h.free_bedrooms <= h.places - static_cast<int>(h.residents.size()));
    CHECK(!h.adults.empty());
    CHECK(!h.approved_needs.empty());
    CHECK(!h.arrangements.empty());
    CHECK(h.approved_needs.includes(h.experienced_with));
    for (const auto& r : h.residents) CHECK(h.approved_needs.includes(r.needs));
    lived_in += h.residents.empty() ? 0 : 1;
    full += static_cast<int>(h.residents.size()) == h.places ? 1 : 0;
    with_pets += h.pets > 0 ? 1 : 0;
    with_children += h.children_ages.empty() ? 0 : 1;
    with_smoker += h.has_smoker() ? 1 : 0;
    inactive += h.active ? 0 : 1;
  }
  const std::size_t n = s.households.size();
  CHECK(places[1] > places[2]);
  CHECK(places[2] > places[3]);
  CHECK(places[3] > 0);
  CHECK(share(places[1] + places[2], n) > 0.8);
  CHECK(share(lived_in, n) == Approx(0.28).margin(0.03));
  CHECK(full > 0);
  CHECK(full < lived_in);
  CHECK(share(with_pets, n) == Approx(0.45).margin(0.03));
  CHECK(share(with_children, n) > 0.08);
  CHECK(share(with_children, n) < 0.25);
  CHECK(share(with_smoker, n) > 0.05);
  CHECK(share(with_smoker, n) < 0.3);
  CHECK(inactive > 0);
}

TEST_CASE("generate_scheme: people's profiles, consent and wishes are realistic") {
  const scheme s = generate_scheme(sized(5000, 1000, 11));
  const std::size_t n = s.people.size();
  int no_english = 0, two_languages = 0, known = 0, declined = 0, own_weights = 0;
  int with_anchors = 0, with_faith = 0, specialist = 0, access = 0, must_not = 0;
  std::array<int, vocabulary_size<data_category>> consent{};
  for (const auto& p : s.people) {
    const auto english = std::find(p.languages.begin(), p.languages.end(), "English");
    no_english += english == p.languages.end() ? 1 : 0;
    two_languages += p.languages.size() >= 2 ? 1 : 0;
    known += p.known_households.empty() ? 0 : 1;
    declined += p.declined_households.empty() ? 0 : 1;
    own_weights += p.weights.empty() ? 0 : 1;
    with_anchors += p.anchors.empty() ? 0 : 1;
    with_faith += p.faith ? 1 : 0;
    specialist += p.specialist_needs.empty() ? 0 : 1;
    access += p.access_needs.empty() ? 0 : 1;
    must_not += p.must_not.empty() ? 0 : 1;
    for (data_category c : p.consent.values()) ++consent[static_cast<std::size_t>(c)];
    CHECK(!p.languages.empty());
    CHECK(p.interests.size() <= 4);
    CHECK(!(p.waiting_since < date{2024, 11, 1}));
    CHECK(p.date_of_birth < s.policy.as_of);
    if (p.needs.contains(need_category::young_person_leaving_care)) {
      CHECK(s.policy.as_of.years_since(p.date_of_birth) >= 16);
      CHECK(s.policy.as_of.years_since(p.date_of_birth) <= 25);
    }
  }
  CHECK(no_english > 0);
  CHECK(share(no_english, n) < 0.05);
  CHECK(share(two_languages, n) > 0.03);
  CHECK(known > 0);
  CHECK(declined > 0);
  CHECK(share(own_weights, n) == Approx(0.1).margin(0.02));
  CHECK(share(with_anchors, n) > 0.95);
  CHECK(with_faith > 0);
  CHECK(share(specialist, n) > 0.05);
  CHECK(share(access, n) > 0.03);
  CHECK(share(must_not, n) > 0.1);
  const auto consented = [&](data_category c) {
    return share(consent[static_cast<std::size_t>(c)], n);
  };
  for (data_category c : {data_category::community, data_category::interests,
                          data_category::languages, data_category::lifestyle}) {
    CHECK(consented(c) > 0.85);
    CHECK(consented(c) < 1.0);
  }
  CHECK(consented(data_category::faith_culture) < 0.4);
  CHECK(consented(data_category::ethnicity) < 0.4);
  CHECK(consented(data_category::faith_culture) > 0.1);
  CHECK(!s.policy.excluded_pairs.empty());
}

TEST_CASE("generate_scheme: homes gather in towns within the area") {
  auto options = sized(3000, 3000, 4);
  const scheme s = generate_scheme(options);
  const double spread = synthetic_spread_km(options.radius_km);
  CHECK(spread == 3.75);
  // Planar offsets measured as great-circle distances: allow 0.5% for the projection.
  const double reach = (options.radius_km + 3 * spread) * 1.005;
  std::vector<geo_point> homes;
  for (const auto& p : s.people) {
    CHECK(distance_km(options.centre, p.location) <= reach);
    for (const auto& a : p.anchors) CHECK(distance_km(p.location, a.where) <= 7.5 * 1.005);
    homes.push_back(p.location);
  }
  for (const auto& h : s.households) {
    CHECK(distance_km(options.centre, h.location) <= reach);
    homes.push_back(h.location);
  }
  // Clustered: neighbours in the list are within 3 km far more often than in a uniform
  // disc of the same radius, where the chance is about (3 / 30)^2 = 1%.
  int close = 0;
  for (std::size_t i = 0; i + 1 < homes.size(); ++i)
    close += distance_km(homes[i], homes[i + 1]) <= 3 ? 1 : 0;
  CHECK(share(close, homes.size() - 1) > 0.025);
}

TEST_CASE("generate_scheme: matching a generated scheme has work to do") {
  const scheme s = generate_scheme(sized(200, 150, 21));
  const match_result result = match(s);
  const auto people = static_cast<int>(s.people.size());
  CHECK(result.plan.matched > people / 4);
  CHECK(result.plan.matched < people);
  CHECK(result.scores.pairs.size() > s.people.size());
  CHECK(result.scores.pairs.size() < s.people.size() * s.households.size() / 2);
}

TEST_CASE("generate_scheme: a national-size scheme validates", "[.slow]") {
  const scheme s = generate_scheme(sized(15000, 10000, 1));
  CHECK_NOTHROW(validate(s));
}
