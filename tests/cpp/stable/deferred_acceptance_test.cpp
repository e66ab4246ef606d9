#include "slmatch/stable/deferred_acceptance.hpp"

#include "support/preference_ranks.hpp"
#include "support/random_preferences.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <set>
#include <vector>

using namespace slmatch;
using slmatch::testing::acceptable;
using slmatch::testing::random_preferences;
using slmatch::testing::rank_in;

namespace {

/// Blocking pairs straight from the definition, person by person in preference order.
std::vector<blocking_pair> blocking_by_definition(const preferences& lists,
                                                  const std::vector<int>& household_of) {
  const int households = static_cast<int>(lists.capacity.size());
  std::vector<blocking_pair> found;
  for (int p = 0; p < lists.people; ++p) {
    const int own = household_of[static_cast<std::size_t>(p)];
    for (std::size_t k = lists.person_ranks.first[static_cast<std::size_t>(p)];
         k < lists.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k) {
      const int h = lists.person_ranks.entries[k];
      if (h == own || !acceptable(lists, p, h)) continue;
      const bool person_wants =
          own < 0 || !acceptable(lists, p, own) ||
          rank_in(lists.person_ranks, p, h) < rank_in(lists.person_ranks, p, own);
      if (!person_wants) continue;
      int residents = 0;
      bool prefers_to_someone = false;
      for (int q = 0; q < lists.people; ++q)
        if (household_of[static_cast<std::size_t>(q)] == h) {
          ++residents;
          const int their = rank_in(lists.household_ranks, h, q);
          if (!acceptable(lists, q, h) || rank_in(lists.household_ranks, h, p) < their)
            prefers_to_someone = true;
        }
      if (residents < lists.capacity[static_cast<std::size_t>(h)] || prefers_to_someone)
        found.push_back({p, h});
    }
  }
  (void)households;
  return found;
}

/// Every stable plan of a small instance, by enumeration.
std::vector<std::vector<int>> all_stable_plans(const preferences& lists) {
  std::vector<std::vector<int>> options(static_cast<std::size_t>(lists.people), {-1});
  for (int p = 0; p < lists.people; ++p)
    for (int h = 0; h < static_cast<int>(lists.capacity.size()); ++h)
      if (acceptable(lists, p, h)) options[static_cast<std::size_t>(p)].push_back(h);
  std::vector<std::vector<int>> stable;
  std::vector<int> plan(static_cast<std::size_t>(lists.people), -1);
  std::vector<int> used(lists.capacity.size(), 0);
  std::function<void(int)> visit = [&](int p) {
    if (p == lists.people) {
      if (blocking_by_definition(lists, plan).empty()) stable.push_back(plan);
      return;
    }
    for (int h : options[static_cast<std::size_t>(p)]) {
      if (h >= 0 &&
          used[static_cast<std::size_t>(h)] == lists.capacity[static_cast<std::size_t>(h)])
        continue;
      if (h >= 0) ++used[static_cast<std::size_t>(h)];
      plan[static_cast<std::size_t>(p)] = h;
      visit(p + 1);
      if (h >= 0) --used[static_cast<std::size_t>(h)];
    }
  };
  visit(0);
  return stable;
}

/// How person p ranks being placed in h (-1 = unmatched is worst): smaller is better.
int person_value(const preferences& lists, int p, int h) {
  return h < 0 ? 1 << 20 : rank_in(lists.person_ranks, p, h);
}

} // namespace

TEST_CASE("deferred acceptance gives the person- and household-optimal stable plans") {
  std::mt19937_64 rng(2024);
  int instances_with_several_stable_plans = 0;
  for (int round = 0; round < 4000; ++round) {
    const auto lists = random_preferences(rng, 1 + round % 6, 1 + round % 4, round % 2 ? 1.0 : 0.8);
    const auto pairs = rank_pairs(lists);
    const auto stable = all_stable_plans(lists);
    REQUIRE(!stable.empty()); // a stable plan always exists
    if (stable.size() > 1) ++instances_with_several_stable_plans;
    const auto by_people = deferred_acceptance(pairs, proposing_side::people);
    const auto by_households = deferred_acceptance(pairs, proposing_side::households);
    for (const auto* plan : {&by_people, &by_households}) {
      REQUIRE(blocking_pairs(pairs, plan->household_of).empty());
      REQUIRE(std::find(stable.begin(), stable.end(), plan->household_of) != stable.end());
      REQUIRE(plan->matched ==
              static_cast<int>(std::count_if(plan->household_of.begin(), plan->household_of.end(),
                                             [](int h) { return h >= 0; })));
    }
    // Person-optimal: every person is as well off as in any stable plan; household-proposing
    // is person-pessimal: every person is as badly off as in any stable plan.
    for (const auto& other : stable)
      for (int p = 0; p < lists.people; ++p) {
        const auto q = static_cast<std::size_t>(p);
        REQUIRE(person_value(lists, p, by_people.household_of[q]) <=
                person_value(lists, p, other[q]));
        REQUIRE(person_value(lists, p, by_households.household_of[q]) >=
                person_value(lists, p, other[q]));
        // The same people are matched in every stable plan (rural hospitals theorem).
        REQUIRE((other[q] >= 0) == (by_people.household_of[q] >= 0));
      }
  }
  CHECK(instances_with_several_stable_plans > 80); // the optimality checks had teeth
}

TEST_CASE("the blocking-pair finder equals the definition on any plan") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const int people = 1 + round % 7, households = 1 + round % 5;
    const auto lists = random_preferences(rng, people, households, 0.6);
    const auto pairs = rank_pairs(lists);
    // A random feasible plan, including placements neither side listed.
    std::vector<int> plan(static_cast<std::size_t>(people), -1);
    std::vector<int> used(lists.capacity.size(), 0);
    for (int p = 0; p < people; ++p) {
      const int h = static_cast<int>(rng() % static_cast<unsigned>(households + 1)) - 1;
      if (h >= 0 &&
          used[static_cast<std::size_t>(h)] < lists.capacity[static_cast<std::size_t>(h)]) {
        ++used[static_cast<std::size_t>(h)];
        plan[static_cast<std::size_t>(p)] = h;
      }
    }
    REQUIRE(blocking_pairs(pairs, plan) == blocking_by_definition(lists, plan));
  }
}

TEST_CASE("only pairs both sides list are acceptable; ranks keep their original positions") {
  preferences lists;
  lists.people = 2;
  lists.capacity = {1, 1};
  lists.person_ranks.add_row({1, 0}); // person 0 prefers household 1
  lists.person_ranks.add_row({0});
  lists.household_ranks.add_row({1, 0});
  lists.household_ranks.add_row({}); // household 1 declines everyone
  const auto pairs = rank_pairs(lists);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs.household[0] == 0);
  CHECK(pairs.person_rank[0] == 1); // household 0 is still person 0's second choice
  CHECK(pairs.household_rank[0] == 1);
  const auto plan = deferred_acceptance(pairs);
  CHECK(plan.household_of == std::vector<int>{-1, 0}); // household 0 prefers person 1
  CHECK(blocking_pairs(pairs, {0, -1}) == std::vector<blocking_pair>{{1, 0}});
}

TEST_CASE("bad preferences and plans are named") {
  preferences lists;
  lists.people = 2;
  lists.capacity = {1, -1};
  lists.person_ranks.add_row({0, 0});
  lists.person_ranks.add_row({5});
  lists.household_ranks.add_row({1});
  lists.household_ranks.add_row({});
  try {
    rank_pairs(lists);
    FAIL("no error");
  } catch (const validation_error& e) {
    const auto& found = e.problems();
    REQUIRE(found.size() == 3);
    CHECK(found[0].record == "household 1");
    CHECK(found[0].field == "capacity");
    CHECK(found[1].record == "person 0");
    CHECK(found[1].message == "lists household 0 twice");
    CHECK(found[2].record == "person 1");
    CHECK(found[2].message == "household 5 is not in [0, 2)");
  }
  lists.capacity = {1, 1};
  lists.person_ranks = {};
  lists.person_ranks.add_row({0});
  lists.person_ranks.add_row({0});
  lists.household_ranks = {};
  lists.household_ranks.add_row({0, 1});
  lists.household_ranks.add_row({});
  const auto pairs = rank_pairs(lists);
  CHECK_THROWS_WITH(blocking_pairs(pairs, {0, 0}),
                    Catch::Contains("household 0") && Catch::Contains("plan places 2 people in 1"));
  CHECK_THROWS_WITH(blocking_pairs(pairs, {0}), Catch::Contains("one entry per person"));
  CHECK_THROWS_WITH(blocking_pairs(pairs, {3, -1}), Catch::Contains("person 0"));
}

TEST_CASE("rank_pairs: malformed row offsets are refused before any list is read") {
  // Found by fuzzing: offsets past the entries were read out of bounds.
  const auto problem_of = [](const preferences& lists) {
    try {
      rank_pairs(lists);
    } catch (const validation_error& e) {
      REQUIRE(e.problems().size() == 1);
      return e.problems().front();
    }
    FAIL("no error");
    return problem{};
  };
  preferences lists;
  lists.people = 2;
  lists.capacity = {1, 1};
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({1});
  lists.household_ranks.add_row({0});
  lists.household_ranks.add_row({1, 0});
  REQUIRE_NOTHROW(rank_pairs(lists));

  preferences past_end = lists;
  past_end.person_ranks.first[1] = 40;
  auto found = problem_of(past_end);
  CHECK(found.field == "person_ranks.first");
  CHECK(found.message == "decreases after row 1");
  past_end.person_ranks.first = {0, 2, 40};
  found = problem_of(past_end);
  CHECK(found.message == "must end at the number of entries (3), ends at 40");

  preferences not_from_zero = lists;
  not_from_zero.household_ranks.first[0] = 1;
  found = problem_of(not_from_zero);
  CHECK(found.record == "preferences");
  CHECK(found.field == "household_ranks.first");
  CHECK(found.message == "must start at 0");

  preferences no_offsets = lists;
  no_offsets.household_ranks.first.clear();
  CHECK(problem_of(no_offsets).message == "must start at 0");
}

TEST_CASE("large instances are stable and the same on every run") {
  std::mt19937_64 rng(99);
  preferences lists;
  lists.people = 3000;
  const int households = 1200;
  for (int h = 0; h < households; ++h) lists.capacity.push_back(1 + static_cast<int>(rng() % 3));
  std::vector<std::vector<int>> listed_by(static_cast<std::size_t>(households));
  for (int p = 0; p < lists.people; ++p) {
    std::vector<int> row;
    while (row.size() < 20) {
      const int h = static_cast<int>(rng() % households);
      if (std::find(row.begin(), row.end(), h) == row.end()) row.push_back(h);
    }
    for (int h : row) listed_by[static_cast<std::size_t>(h)].push_back(p);
    lists.person_ranks.add_row(row);
  }
  for (auto& row : listed_by) {
    std::shuffle(row.begin(), row.end(), rng);
    lists.household_ranks.add_row(row);
  }
  const auto pairs = rank_pairs(lists);
  REQUIRE(pairs.size() == 60000);
  for (auto side : {proposing_side::people, proposing_side::households}) {
    const auto plan = deferred_acceptance(pairs, side);
    CHECK(blocking_pairs(pairs, plan.household_of).empty());
    CHECK(deferred_acceptance(pairs, side).household_of == plan.household_of);
  }
  // The rural hospitals theorem at scale: both plans match the same people.
  const auto a = deferred_acceptance(pairs, proposing_side::people);
  const auto b = deferred_acceptance(pairs, proposing_side::households);
  CHECK(a.matched == b.matched);
}
