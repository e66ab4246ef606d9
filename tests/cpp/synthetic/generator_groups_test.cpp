// Synthetic schemes with groups of people to be placed together (`group_share`).

#include "slmatch/synthetic/generator.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/model/validate.hpp"
#include "support/scheme_fingerprint.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

using namespace slmatch;
using slmatch::testing::fingerprint;

namespace {

synthetic_options grouped(int people, int households, double group_share, std::uint64_t seed = 1) {
  synthetic_options options;
  options.people = people;
  options.households = households;
  options.seed = seed;
  options.group_share = group_share;
  return options;
}

std::size_t people_in_groups(const scheme& s) {
  std::size_t count = 0;
  for (const auto& g : s.groups) count += g.members.size();
  return count;
}

} // namespace

TEST_CASE("generate_scheme: a group share of 0 gives the scheme without groups") {
  const scheme s = generate_scheme(grouped(40, 30, 0.0, 12345));
  CHECK(s.groups.empty());
  CHECK(s.policy.living_together_weight == 2.0);
  // The golden value of "output is fixed across platforms and standard libraries".
  CHECK(fingerprint(s) == 0x9590098c8dc216efULL);
}

TEST_CASE("generate_scheme: groups are deterministic and fixed across platforms") {
  const auto options = grouped(60, 40, 0.3, 12345);
  const scheme first = generate_scheme(options);
  CHECK(first == generate_scheme(options));
  CHECK(first.groups != generate_scheme(grouped(60, 40, 0.3, 54321)).groups);
  REQUIRE_FALSE(first.groups.empty());
  CHECK(first.groups.front().id == "G000001");
  // Golden value: a change here changes every grouped benchmark's data.
  CHECK(fingerprint(first) == 0x3ad1608672296ab5ULL);
}

TEST_CASE("generate_scheme: groups take their own random stream, so the rest of the scheme is "
          "that of the scheme without groups") {
  const scheme plain = generate_scheme(grouped(200, 120, 0.0, 7));
  const scheme with = generate_scheme(grouped(200, 120, 0.5, 7));
  CHECK(with.households == plain.households);
  CHECK(with.policy == plain.policy);
  std::set<std::string> grouped_people;
  for (const auto& g : with.groups)
    for (std::size_t k = 1; k < g.members.size(); ++k) grouped_people.insert(g.members[k]);
  REQUIRE(with.people.size() == plain.people.size());
  for (std::size_t i = 0; i < plain.people.size(); ++i) {
    INFO(plain.people[i].id);
    // Only the members made to live with a group's first member change.
    if (grouped_people.count(plain.people[i].id) == 0) CHECK(with.people[i] == plain.people[i]);
    CHECK(with.people[i].id == plain.people[i].id);
    CHECK(with.people[i].name == plain.people[i].name);
  }
}

TEST_CASE("generate_scheme: grouped schemes validate for every size, seed and cap") {
  for (int people : {0, 1, 2, 3, 7, 60, 301}) {
    for (double share : {0.05, 0.3, 1.0}) {
      for (int cap : {1, 2, 3}) {
        for (std::uint64_t seed : {1ULL, 99ULL, 0xffffffffffffffffULL}) {
          auto options = grouped(people, 40, share, seed);
          options.household_cap = cap;
          const scheme s = generate_scheme(options);
          INFO(people << " people, share " << share << ", cap " << cap << ", seed " << seed);
          const auto problems = check_scheme(s);
          INFO((problems.empty() ? std::string() : problems.front().describe()));
          CHECK(problems.empty());
          for (const auto& g : s.groups) {
            CHECK(g.members.size() >= 2);
            CHECK(g.members.size() <= 3);
            if (g.together == togetherness::required)
              CHECK(g.members.size() <= static_cast<std::size_t>(cap));
          }
          CHECK(parse_scheme(dump_scheme(s)) == s);
        }
      }
    }
  }
}

TEST_CASE("generate_scheme: about group_share of people are in groups, mostly couples and "
          "siblings, a fifth preferred, some sharing a bedroom") {
  const scheme s = generate_scheme(grouped(5000, 2000, 0.3, 3));
  const auto in_groups = static_cast<double>(people_in_groups(s));
  CHECK(in_groups / 5000.0 == Approx(0.3).margin(0.002));
  std::size_t couples_and_siblings = 0, preferred = 0, sharing = 0, threes = 0;
  for (const auto& g : s.groups) {
    couples_and_siblings +=
        g.kind == group_kind::couple || g.kind == group_kind::siblings ? 1U : 0U;
    preferred += g.together == togetherness::preferred ? 1U : 0U;
    sharing += g.share_bedroom ? 1U : 0U;
    threes += g.members.size() == 3 ? 1U : 0U;
    if (g.kind == group_kind::couple) CHECK(g.members.size() == 2);
  }
  const auto groups = static_cast<double>(s.groups.size());
  CHECK(couples_and_siblings / groups > 0.7);
  CHECK(preferred / groups == Approx(0.2).margin(0.05));
  CHECK(sharing / groups > 0.15);
  CHECK(sharing / groups < 0.5);
  CHECK(threes > 0);
}

TEST_CASE("generate_scheme: a group's members live together and one household can often take "
          "them all") {
  const scheme s = generate_scheme(grouped(1000, 400, 0.4, 11));
  REQUIRE_FALSE(s.groups.empty());
  for (const auto& g : s.groups) {
    INFO(g.id);
    const person& first = s.people[person_index(s, g.members[0])];
    for (std::size_t k = 1; k < g.members.size(); ++k) {
      const person& member = s.people[person_index(s, g.members[k])];
      CHECK(first.id < member.id); // members in scheme order
      CHECK(member.location == first.location);
      CHECK(member.arrangement == first.arrangement);
      CHECK(first.needs.includes(member.needs));
      CHECK(member.support <= first.support);
      CHECK(first.specialist_needs.includes(member.specialist_needs));
      CHECK(first.access_needs.includes(member.access_needs));
      CHECK(first.must_not.includes(member.must_not));
      const long apart =
          member.date_of_birth.days_since_epoch() - first.date_of_birth.days_since_epoch();
      CHECK(apart <= 1460);
    }
  }
}

TEST_CASE("generate_scheme: with a household cap of 1 every group is preferred") {
  auto options = grouped(300, 200, 0.5, 4);
  options.household_cap = 1;
  const scheme s = generate_scheme(options);
  REQUIRE_FALSE(s.groups.empty());
  for (const auto& g : s.groups) CHECK(g.together == togetherness::preferred);
  CHECK_NOTHROW(validate(s));
}

TEST_CASE("generate_scheme: a group share outside 0 to 1 is refused") {
  for (double share : {-0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    CHECK_THROWS_WITH(generate_scheme(grouped(10, 10, share)),
                      "group_share must be between 0 and 1");
  }
}
