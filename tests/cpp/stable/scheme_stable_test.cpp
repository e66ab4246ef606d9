// The stable plan of a scheme: unchanged without required groups; with them, each group's
// members keep only the households with room for all of them, and the plan keeps groups whole.

#include "slmatch/io/json.hpp"
#include "slmatch/stable/scheme_stable.hpp"

#include "support/random_scheme.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

person_group make_group(std::string id, std::vector<std::string> members,
                        togetherness together = togetherness::required) {
  person_group g;
  g.id = std::move(id);
  g.members = std::move(members);
  g.together = together;
  return g;
}

/// The households on person p's list.
std::vector<int> row_of(const preferences& lists, int p) {
  const auto& side = lists.person_ranks;
  return {side.entries.begin() +
              static_cast<std::ptrdiff_t>(side.first[static_cast<std::size_t>(p)]),
          side.entries.begin() +
              static_cast<std::ptrdiff_t>(side.first[static_cast<std::size_t>(p) + 1])};
}

} // namespace

TEST_CASE("stable_match: without required groups, deferred acceptance on the views") {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    scheme s = random_scheme(seed, 40, 15);
    for (auto side : {proposing_side::people, proposing_side::households}) {
      group_stable_options options;
      options.side = side;
      const auto plain = stable_match(s, {}, options);
      CHECK(plain.groups.empty());
      CHECK(plain.result.stable);
      CHECK(plain.result.plan.household_of ==
            deferred_acceptance(rank_pairs(build_views(s).lists), side).household_of);
      // Preferred groups change nothing: their members are individuals here.
      scheme with_preferred = s;
      with_preferred.groups = {
          make_group("G1", {s.people[0].id, s.people[1].id}, togetherness::preferred)};
      const auto preferred = stable_match(with_preferred, {}, options);
      CHECK(preferred.groups.empty());
      CHECK(preferred.result.plan.household_of == plain.result.plan.household_of);
    }
  }
}

TEST_CASE("lists_for_groups: a group keeps only households with room for all of it") {
  // Three households suit both of a couple on their own: H1 has one place, H2 one free
  // bedroom for two people who do not share, H3 room for both. H4 suits only Ann.
  auto h1 = make_household("H1");
  h1.places = 1;
  auto h2 = make_household("H2");
  auto h3 = make_household("H3");
  h3.free_bedrooms = 2;
  auto h4 = make_household("H4");
  h4.free_bedrooms = 2;
  h4.max_support = support_level::moderate; // Bea needs high support
  auto ann = make_person("P1");
  auto bea = make_person("P2");
  bea.support = support_level::high;
  auto cy = make_person("P3");
  scheme s = make_scheme({ann, bea, cy}, {h1, h2, h3, h4});
  s.groups = {make_group("G1", {"P1", "P2"})};
  const auto views = build_views(s);
  const auto groups = required_groups(s);
  REQUIRE(groups.size() == 1);
  CHECK(groups.members[0] == std::vector<int>{0, 1});
  const auto narrowed = lists_for_groups(s, views.lists, groups);
  CHECK(row_of(narrowed, 0) == std::vector<int>{2});
  CHECK(row_of(narrowed, 1) == std::vector<int>{2});
  CHECK(row_of(narrowed, 2) == row_of(views.lists, 2)); // Cy is on their own
  CHECK(narrowed.household_ranks.entries == views.lists.household_ranks.entries);

  // Sharing a bedroom, they fit in H2 as well.
  s.groups[0].share_bedroom = true;
  const auto sharing = lists_for_groups(s, views.lists, required_groups(s));
  auto row = row_of(sharing, 0);
  std::sort(row.begin(), row.end());
  CHECK(row == std::vector<int>{1, 2});

  // The plan keeps them together.
  s.groups[0].share_bedroom = false;
  const auto plan = stable_match(s);
  CHECK(plan.result.plan.household_of[0] == 2);
  CHECK(plan.result.plan.household_of[1] == 2);
  CHECK(plan.result.stable);
  CHECK(keeps_groups_whole(plan.groups.members, plan.result.plan.household_of));
}

TEST_CASE("stable_match: required groups are kept whole in random schemes") {
  int stable = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    scheme s = random_scheme(seed, 30, 12);
    for (auto& h : s.households) h.free_bedrooms = std::max(h.free_bedrooms, 2);
    for (std::size_t k = 0; k + 1 < 12; k += 3)
      s.groups.push_back(make_group("G" + std::to_string(k), {s.people[k].id, s.people[k + 1].id},
                                    k % 2 ? togetherness::preferred : togetherness::required));
    const auto plan = stable_match(s);
    REQUIRE(plan.groups.size() == 2);
    const auto& at = plan.result.plan.household_of;
    CHECK(keeps_groups_whole(plan.groups.members, at));
    // Every placement is a pair both views list, and a group's household has room for it.
    for (std::size_t p = 0; p < at.size(); ++p)
      if (at[p] >= 0) {
        const auto row = row_of(plan.views.lists, static_cast<int>(p));
        CHECK(std::find(row.begin(), row.end(), at[p]) != row.end());
      }
    for (std::size_t g = 0; g < plan.groups.size(); ++g) {
      const auto& members = plan.groups.members[g];
      const int h = at[static_cast<std::size_t>(members[0])];
      if (h < 0) continue;
      const std::vector<std::size_t> indices(members.begin(), members.end());
      CHECK_FALSE(no_room_for_group(s, s.groups[plan.groups.index[g]], indices,
                                    s.households[static_cast<std::size_t>(h)]));
    }
    CHECK(plan.result.stable == plan.result.blocking.empty());
    CHECK(plan.result.blocking.size() ==
          blocking_pairs_with_groups(rank_pairs(plan.lists), plan.groups.members, at).size());
    stable += plan.result.stable ? 1 : 0;
  }
  CHECK(stable > 0);
}

TEST_CASE("stable_match: the example's couple and siblings are kept whole") {
  const scheme s = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  for (auto side : {proposing_side::people, proposing_side::households}) {
    group_stable_options options;
    options.side = side;
    const auto plan = stable_match(s, {}, options);
    // G01 (a couple) and G02 (siblings) must live together; G03 (friends) would only like to.
    REQUIRE(plan.groups.size() == 2);
    CHECK(s.groups[plan.groups.index[0]].id == "G01");
    CHECK(s.groups[plan.groups.index[1]].id == "G02");
    CHECK(keeps_groups_whole(plan.groups.members, plan.result.plan.household_of));
    CHECK(plan.result.stable == plan.result.blocking.empty());
    CHECK(plan.result.blocking.size() == blocking_pairs_with_groups(rank_pairs(plan.lists),
                                                                    plan.groups.members,
                                                                    plan.result.plan.household_of)
                                             .size());
  }
}
