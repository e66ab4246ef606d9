#include "slmatch/stable/groups.hpp"

#include "support/preference_ranks.hpp"
#include "support/random_preferences.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <random>
#include <tuple>
#include <vector>

using namespace slmatch;
using slmatch::testing::acceptable;
using slmatch::testing::random_preferences;
using slmatch::testing::rank_in;

namespace {

using groups_t = std::vector<std::vector<int>>;

// An independent reading of the definition in groups.hpp: straight from the lists, with no
// units, joint rankings or shared state.

/// Each person in a group of their own, then the groups: person p's unit holds the people
/// who must go where p goes.
std::vector<int> unit_members(const groups_t& groups, int p) {
  for (const auto& g : groups)
    if (std::find(g.begin(), g.end(), p) != g.end()) return g;
  return {p};
}

int group_index(const groups_t& groups, int p) {
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (std::find(groups[g].begin(), groups[g].end(), p) != groups[g].end())
      return static_cast<int>(g);
  return -1;
}

/// Whether the people of `members` and household h block `plan`, by the three conditions.
bool blocks_by_definition(const preferences& lists, const groups_t& groups,
                          const std::vector<int>& members, int h, const std::vector<int>& plan) {
  constexpr int worst = 1 << 20; // an unlisted placement, on either side
  for (int m : members)
    if (!acceptable(lists, m, h)) return false; // condition 1
  // A split group counts as unplaced, and its members' places in h as free.
  bool split = false;
  for (int m : members)
    split =
        split || plan[static_cast<std::size_t>(m)] != plan[static_cast<std::size_t>(members[0])];
  for (int m : members) { // condition 2
    const int own = plan[static_cast<std::size_t>(m)];
    if (own < 0 || split) continue;
    const int own_rank = acceptable(lists, m, own) ? rank_in(lists.person_ranks, m, own) : worst;
    if (rank_in(lists.person_ranks, m, h) >= own_rank) return false;
  }
  int lowest = -1; // the household's rank of the member it likes least
  for (int m : members) lowest = std::max(lowest, rank_in(lists.household_ranks, h, m));
  int residents = 0, removable = 0; // condition 3
  std::vector<int> counted;
  for (int q = 0; q < lists.people; ++q) {
    if (plan[static_cast<std::size_t>(q)] != h) continue;
    if (std::find(members.begin(), members.end(), q) != members.end()) continue; // stays
    ++residents;
    if (std::find(counted.begin(), counted.end(), q) != counted.end()) continue;
    // q leaves with everyone of their group who is in h, and only if h ranks all of them
    // below every member.
    std::vector<int> leaving;
    for (int r : unit_members(groups, q))
      if (plan[static_cast<std::size_t>(r)] == h) leaving.push_back(r);
    bool all_below = true;
    for (int r : leaving) {
      const int their = acceptable(lists, r, h) ? rank_in(lists.household_ranks, h, r) : worst;
      all_below = all_below && their > lowest;
      counted.push_back(r);
    }
    if (all_below) removable += static_cast<int>(leaving.size());
  }
  const int free = lists.capacity[static_cast<std::size_t>(h)] - residents;
  return free + removable >= static_cast<int>(members.size());
}

/// Households ordered as a group's joint ranking: by the sum of members' ranks, then the
/// worst rank, then index; only those acceptable to every member.
std::vector<int> joint_ranking(const preferences& lists, const std::vector<int>& members) {
  std::vector<std::tuple<int, int, int>> keyed;
  for (int h = 0; h < static_cast<int>(lists.capacity.size()); ++h) {
    bool all = true;
    int sum = 0, worst = 0;
    for (int m : members) {
      all = all && acceptable(lists, m, h);
      const int r = rank_in(lists.person_ranks, m, h);
      sum += r;
      worst = std::max(worst, r);
    }
    if (all) keyed.emplace_back(sum, worst, h);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<int> order;
  for (const auto& k : keyed) order.push_back(std::get<2>(k));
  return order;
}

/// Everything that blocks `plan`, in the documented order.
group_blocking blocking_by_definition(const preferences& lists, const groups_t& groups,
                                      const std::vector<int>& plan) {
  group_blocking found;
  for (int p = 0; p < lists.people; ++p) {
    if (group_index(groups, p) >= 0) continue;
    for (std::size_t k = lists.person_ranks.first[static_cast<std::size_t>(p)];
         k < lists.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k) {
      const int h = lists.person_ranks.entries[k];
      if (blocks_by_definition(lists, groups, {p}, h, plan)) found.people.push_back({p, h});
    }
  }
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (int h : joint_ranking(lists, groups[g]))
      if (blocks_by_definition(lists, groups, groups[g], h, plan))
        found.groups.push_back({static_cast<int>(g), h});
  return found;
}

bool whole(const groups_t& groups, const std::vector<int>& plan) {
  for (const auto& g : groups)
    for (int m : g)
      if (plan[static_cast<std::size_t>(m)] != plan[static_cast<std::size_t>(g.front())])
        return false;
  return true;
}

/// Every plan that keeps groups whole, places people on acceptable pairs only and keeps to
/// the places.
std::vector<std::vector<int>> all_group_plans(const preferences& lists, const groups_t& groups) {
  std::vector<std::vector<int>> units;
  for (int p = 0; p < lists.people; ++p) {
    auto members = unit_members(groups, p);
    if (members.front() == p || group_index(groups, p) < 0) units.push_back(members);
  }
  std::vector<std::vector<int>> plans;
  std::vector<int> plan(static_cast<std::size_t>(lists.people), -1);
  std::vector<int> used(lists.capacity.size(), 0);
  std::function<void(std::size_t)> visit = [&](std::size_t u) {
    if (u == units.size()) {
      plans.push_back(plan);
      return;
    }
    const auto& members = units[u];
    const int size = static_cast<int>(members.size());
    visit(u + 1); // unplaced
    for (int h = 0; h < static_cast<int>(lists.capacity.size()); ++h) {
      bool all = true;
      for (int m : members) all = all && acceptable(lists, m, h);
      if (!all ||
          used[static_cast<std::size_t>(h)] + size > lists.capacity[static_cast<std::size_t>(h)])
        continue;
      used[static_cast<std::size_t>(h)] += size;
      for (int m : members) plan[static_cast<std::size_t>(m)] = h;
      visit(u + 1);
      for (int m : members) plan[static_cast<std::size_t>(m)] = -1;
      used[static_cast<std::size_t>(h)] -= size;
    }
  };
  visit(0);
  return plans;
}

/// Random disjoint groups of two or three people (about two thirds of the people in one;
/// at least one group when there are two people or more).
groups_t random_groups(std::mt19937_64& rng, int people) {
  std::vector<int> order(static_cast<std::size_t>(people));
  for (int p = 0; p < people; ++p) order[static_cast<std::size_t>(p)] = p;
  std::shuffle(order.begin(), order.end(), rng);
  groups_t groups;
  std::size_t k = 0;
  while (k + 1 < order.size()) {
    if (rng() % 3 == 0 && !(groups.empty() && k + 2 >= order.size())) {
      ++k;
      continue;
    }
    const std::size_t size = (rng() % 3 == 0 && k + 2 < order.size()) ? 3 : 2;
    groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(k),
                        order.begin() + static_cast<std::ptrdiff_t>(k + size));
    k += size;
  }
  return groups;
}

/// Random lists with households of 0-3 places, so groups of two or three can fit.
preferences random_market(std::mt19937_64& rng, int people, int households, double listed) {
  auto lists = random_preferences(rng, people, households, listed);
  for (auto& places : lists.capacity) places = static_cast<int>(rng() % 4);
  return lists;
}

bool same(const group_blocking& a, const group_blocking& b) {
  return a.people == b.people && a.groups == b.groups;
}

} // namespace

TEST_CASE("blocking_pairs_with_groups: equals the definition on random plans") {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 4000; ++round) {
    const int people = 1 + round % 7, households = 1 + round % 4;
    const auto lists = random_market(rng, people, households, 0.7);
    const auto groups = random_groups(rng, people);
    const auto pairs = rank_pairs(lists);
    // A random plan within the places, sometimes keeping groups whole, sometimes not, with
    // placements neither side listed.
    std::vector<int> plan(static_cast<std::size_t>(people), -1);
    std::vector<int> used(static_cast<std::size_t>(households), 0);
    const bool keep_whole = round % 3 != 0;
    for (int p = 0; p < people; ++p) {
      if (plan[static_cast<std::size_t>(p)] >= 0) continue;
      const auto members = keep_whole ? unit_members(groups, p) : std::vector<int>{p};
      const int h = static_cast<int>(rng() % static_cast<unsigned>(households + 1)) - 1;
      const int size = static_cast<int>(members.size());
      if (h >= 0 &&
          used[static_cast<std::size_t>(h)] + size <= lists.capacity[static_cast<std::size_t>(h)]) {
        used[static_cast<std::size_t>(h)] += size;
        for (int m : members) plan[static_cast<std::size_t>(m)] = h;
      }
    }
    const auto found = blocking_pairs_with_groups(pairs, groups, plan);
    const auto expected = blocking_by_definition(lists, groups, plan);
    INFO("round " << round);
    REQUIRE(same(found, expected));
    REQUIRE(found.size() == expected.people.size() + expected.groups.size());
    if (keep_whole) REQUIRE(keeps_groups_whole(groups, plan));
  }
}

TEST_CASE("blocking_pairs_with_groups: without groups it is blocking_pairs") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 1000; ++round) {
    const int people = 1 + round % 6, households = 1 + round % 4;
    const auto lists = random_preferences(rng, people, households, 0.6);
    const auto pairs = rank_pairs(lists);
    std::vector<int> plan(static_cast<std::size_t>(people), -1);
    std::vector<int> used(static_cast<std::size_t>(households), 0);
    for (int p = 0; p < people; ++p) {
      const int h = static_cast<int>(rng() % static_cast<unsigned>(households + 1)) - 1;
      if (h >= 0 &&
          used[static_cast<std::size_t>(h)] < lists.capacity[static_cast<std::size_t>(h)]) {
        ++used[static_cast<std::size_t>(h)];
        plan[static_cast<std::size_t>(p)] = h;
      }
    }
    const auto found = blocking_pairs_with_groups(pairs, {}, plan);
    REQUIRE(found.groups.empty());
    REQUIRE(found.people == blocking_pairs(pairs, plan));
  }
}

TEST_CASE("stable_with_groups: without groups it is deferred acceptance") {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 2000; ++round) {
    const auto lists = random_preferences(rng, 1 + round % 8, 1 + round % 5, 0.8);
    const auto pairs = rank_pairs(lists);
    for (auto side : {proposing_side::people, proposing_side::households}) {
      group_stable_options options;
      options.side = side;
      const auto result = stable_with_groups(pairs, {}, options);
      REQUIRE(result.plan.household_of == deferred_acceptance(pairs, side).household_of);
      REQUIRE(result.stable);
      REQUIRE(result.blocking.empty());
      REQUIRE(result.rounds == 0);
      REQUIRE_FALSE(result.searched);
      REQUIRE(result.method == stable_method::deferred_acceptance);
    }
  }
}

TEST_CASE("stable_with_groups: a stable plan whenever one exists, and proof when none does") {
  std::mt19937_64 rng(2025);
  int without_stable = 0, found_by_proposals = 0, found_by_search = 0;
  for (int round = 0; round < 40000; ++round) {
    const int people = 2 + round % 6, households = 2 + round % 2;
    const auto lists = random_market(rng, people, households, round % 4 < 2 ? 1.0 : 0.75);
    const auto groups = random_groups(rng, people);
    const auto pairs = rank_pairs(lists);
    std::vector<std::vector<int>> stable_plans;
    for (const auto& plan : all_group_plans(lists, groups))
      if (blocking_by_definition(lists, groups, plan).empty()) stable_plans.push_back(plan);
    // Both sides proposing; every fourth round without repairs, so the search has work.
    for (auto side : {proposing_side::people, proposing_side::households}) {
      group_stable_options options;
      options.side = side;
      if (round % 4 == 3) options.max_rounds = 0;
      const auto result = stable_with_groups(pairs, groups, options);
      INFO("round " << round << ", " << to_string(side) << " proposing");
      const auto& plan = result.plan.household_of;
      // Whatever the outcome, the plan keeps groups whole, uses acceptable pairs within the
      // places, and its blocking pairs are reported as the definition finds them.
      REQUIRE(whole(groups, plan));
      const auto every_plan = all_group_plans(lists, groups);
      REQUIRE(std::find(every_plan.begin(), every_plan.end(), plan) != every_plan.end());
      REQUIRE(same(result.blocking, blocking_by_definition(lists, groups, plan)));
      REQUIRE(result.stable == result.blocking.empty());
      REQUIRE(result.plan.matched == static_cast<int>(std::count_if(plan.begin(), plan.end(),
                                                                    [](int h) { return h >= 0; })));
      if (!stable_plans.empty()) {
        REQUIRE(result.stable);
        REQUIRE_FALSE(result.proven_none);
        REQUIRE(std::find(stable_plans.begin(), stable_plans.end(), plan) != stable_plans.end());
        if (side == proposing_side::people)
          ++(result.method == stable_method::deferred_acceptance ? found_by_proposals
                                                                 : found_by_search);
      } else {
        REQUIRE_FALSE(result.stable);
        REQUIRE(result.proven_none);
        REQUIRE(result.searched);
        if (side == proposing_side::people) ++without_stable;
      }
    }
    // The same answer again: deterministic.
    const auto again = stable_with_groups(pairs, groups);
    REQUIRE(again.plan.household_of == stable_with_groups(pairs, groups).plan.household_of);
  }
  // The checks had teeth: some instances have no stable plan, and both steps found some.
  CHECK(without_stable > 10);
  CHECK(found_by_proposals > 10000);
  CHECK(found_by_search > 0);
}

TEST_CASE("stable_with_groups: proposals alone never claim a stable plan that is not") {
  std::mt19937_64 rng(77);
  for (int round = 0; round < 3000; ++round) {
    const int people = 2 + round % 7, households = 1 + round % 4;
    const auto lists = random_market(rng, people, households, 0.8);
    const auto groups = random_groups(rng, people);
    group_stable_options options;
    options.search_limit = 0;
    options.side = round % 2 ? proposing_side::people : proposing_side::households;
    const auto result = stable_with_groups(rank_pairs(lists), groups, options);
    REQUIRE_FALSE(result.searched);
    REQUIRE_FALSE(result.proven_none);
    REQUIRE(whole(groups, result.plan.household_of));
    REQUIRE(result.stable ==
            blocking_by_definition(lists, groups, result.plan.household_of).empty());
  }
}

TEST_CASE("stable_with_groups: a couple is kept together where plain deferred acceptance "
          "splits it") {
  // Ann (0) and Bea (1) are a couple. Ann likes the Oaks (household 1, one place) best, Bea
  // the Elms (household 0, two places); both households would take either of them.
  preferences lists;
  lists.people = 2;
  lists.capacity = {2, 1};
  lists.person_ranks.add_row({1, 0});
  lists.person_ranks.add_row({0, 1});
  lists.household_ranks.add_row({0, 1});
  lists.household_ranks.add_row({0, 1});
  const auto pairs = rank_pairs(lists);
  REQUIRE(deferred_acceptance(pairs).household_of == std::vector<int>{1, 0}); // apart
  const auto result = stable_with_groups(pairs, {{0, 1}});
  CHECK(result.plan.household_of == std::vector<int>{0, 0}); // together at the Elms
  CHECK(result.plan.matched == 2);
  CHECK(result.stable);
  CHECK(result.method == stable_method::deferred_acceptance);
  // Apart leaves the couple nowhere they may be, so the couple blocks with the Elms.
  const auto apart = blocking_pairs_with_groups(pairs, {{0, 1}}, {1, 0});
  CHECK(apart.people.empty());
  CHECK(apart.groups == std::vector<blocking_group>{{0, 0}});
}

TEST_CASE("stable_with_groups: a household does not split a couple to take someone") {
  // The Elms (two places) rank Cy (2) between the couple Ann (0) and Bea (1). Cy would go to
  // the Elms, but to take Cy they would have to part with Bea, and Bea leaves only with Ann,
  // whom they rank above Cy: so Cy does not block.
  preferences lists;
  lists.people = 3;
  lists.capacity = {2};
  lists.person_ranks.add_row({0});
  lists.person_ranks.add_row({0});
  lists.person_ranks.add_row({0});
  lists.household_ranks.add_row({0, 2, 1});
  const auto pairs = rank_pairs(lists);
  const groups_t couple{{0, 1}};
  const auto result = stable_with_groups(pairs, couple);
  CHECK(result.plan.household_of == std::vector<int>{0, 0, -1});
  CHECK(result.stable);
  // Without the couple the Elms would rather have Cy than Bea.
  CHECK(blocking_pairs(pairs, {0, 0, -1}) == std::vector<blocking_pair>{{2, 0}});
  CHECK(blocking_pairs_with_groups(pairs, couple, {0, 0, -1}).empty());
}

TEST_CASE("stable_with_groups: an instance with no stable plan") {
  // A couple {0, 1} who want household 0 (two places) first and cannot both fit in
  // household 1 (one place); person 2 prefers household 0, person 3 household 1. Household 0
  // ranks 3, then the couple, then 2; household 1 ranks 0, 1, 2, 3.
  //  - The couple in household 0: household 1 takes 2 over 3, and then household 0 would
  //    rather have 3 than the couple, who leave whole (3 ranks above both).
  //  - The couple unplaced: if 3 is in household 1, household 0 has room for the couple once
  //    it lets 2 go (or has it free), so the couple blocks; if 3 is in household 0 with 2 or
  //    alone, 3 and household 1 block (or 2 and household 0); if 3 is unplaced, 3 blocks
  //    with household 0 or 1.
  // Found by the brute force over random instances; the brute force here checks it.
  preferences lists;
  lists.people = 4;
  lists.capacity = {2, 1};
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({1, 0});
  lists.household_ranks.add_row({3, 1, 0, 2});
  lists.household_ranks.add_row({0, 1, 2, 3});
  const groups_t groups{{0, 1}};
  const auto plans = all_group_plans(lists, groups);
  REQUIRE(plans.size() > 10);
  for (const auto& plan : plans) REQUIRE_FALSE(blocking_by_definition(lists, groups, plan).empty());
  const auto pairs = rank_pairs(lists);
  const auto result = stable_with_groups(pairs, groups);
  CHECK_FALSE(result.stable);
  CHECK(result.proven_none);
  CHECK(result.searched);
  CHECK(result.method == stable_method::deferred_acceptance);
  CHECK(result.rounds == group_stable_options{}.max_rounds); // the repairs went round in circles
  CHECK(whole(groups, result.plan.household_of));
  CHECK_FALSE(result.blocking.empty());
  // Too big to search: the plan is still whole, but nothing is proven.
  group_stable_options options;
  options.search_limit = result.search_size - 1;
  const auto unsearched = stable_with_groups(pairs, groups, options);
  CHECK_FALSE(unsearched.searched);
  CHECK_FALSE(unsearched.proven_none);
  CHECK_FALSE(unsearched.stable);
}

TEST_CASE("stable_with_groups: refuses bad groups and options") {
  preferences lists;
  lists.people = 3;
  lists.capacity = {2};
  for (int p = 0; p < 3; ++p) lists.person_ranks.add_row({0});
  lists.household_ranks.add_row({0, 1, 2});
  const auto pairs = rank_pairs(lists);
  CHECK_THROWS_AS(stable_with_groups(pairs, {{}}), validation_error);
  CHECK_THROWS_AS(stable_with_groups(pairs, {{0, 3}}), validation_error);
  CHECK_THROWS_AS(stable_with_groups(pairs, {{0, 0}}), validation_error);
  CHECK_THROWS_AS(stable_with_groups(pairs, {{0, 1}, {1, 2}}), validation_error);
  group_stable_options options;
  options.max_rounds = -1;
  CHECK_THROWS_AS(stable_with_groups(pairs, {{0, 1}}, options), error);
  CHECK_THROWS_AS(blocking_pairs_with_groups(pairs, {{0, 1}}, {0, 0}), validation_error);
  CHECK_THROWS_AS(blocking_pairs_with_groups(pairs, {{0, 1}}, {0, 0, 0}), validation_error);
  try {
    stable_with_groups(pairs, {{0, 1}, {1, 2}});
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].record == "group 1");
    CHECK(e.problems()[0].field == "members");
    CHECK(e.problems()[0].message == "person 1 is also in group 0");
  }
}
