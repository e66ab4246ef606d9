// Proposal rounds with groups: a group is introduced together to one household and answers
// together; each round's plan keeps groups whole and is the group-aware plan of the market
// left; a group declined at a household never goes back; the state survives JSON.

#include "slmatch/io/proposal_rounds_json.hpp"
#include "slmatch/stable/proposal_rounds.hpp"

#include "support/problems.hpp"
#include "support/random_preferences.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using slmatch::testing::random_preferences;
using slmatch::testing::thrown_problem;

namespace {

using groups_t = std::vector<std::vector<int>>;

/// The market left after the accepted plan and the declines (a group's decline removes the
/// household from every member's list), built from scratch, with the groups still waiting.
std::pair<preferences, groups_t> market_left(const preferences& lists, const groups_t& groups,
                                             const std::vector<int>& household_of,
                                             const std::set<std::pair<int, int>>& declined) {
  preferences rest;
  rest.people = lists.people;
  rest.capacity = lists.capacity;
  for (int h : household_of)
    if (h >= 0) --rest.capacity[static_cast<std::size_t>(h)];
  for (int p = 0; p < lists.people; ++p) {
    std::vector<int> row;
    for (auto k = lists.person_ranks.first[static_cast<std::size_t>(p)];
         k < lists.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k) {
      const int h = lists.person_ranks.entries[k];
      if (household_of[static_cast<std::size_t>(p)] < 0 && !declined.count({p, h}))
        row.push_back(h);
    }
    rest.person_ranks.add_row(row);
  }
  for (std::size_t h = 0; h < lists.capacity.size(); ++h) {
    std::vector<int> row;
    for (auto k = lists.household_ranks.first[h]; k < lists.household_ranks.first[h + 1]; ++k) {
      const int p = lists.household_ranks.entries[k];
      if (household_of[static_cast<std::size_t>(p)] < 0 && !declined.count({p, int(h)}))
        row.push_back(p);
    }
    rest.household_ranks.add_row(row);
  }
  groups_t waiting;
  for (const auto& g : groups)
    if (household_of[static_cast<std::size_t>(g.front())] < 0) waiting.push_back(g);
  return {rest, waiting};
}

/// Disjoint random groups of two or three people.
groups_t sparse_random_groups(std::mt19937_64& rng, int people) {
  std::vector<int> order(static_cast<std::size_t>(people));
  for (int p = 0; p < people; ++p) order[static_cast<std::size_t>(p)] = p;
  std::shuffle(order.begin(), order.end(), rng);
  groups_t groups;
  std::size_t k = 0;
  while (k + 1 < order.size()) {
    if (rng() % 2 == 0) {
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

preferences random_market(std::mt19937_64& rng, int people, int households) {
  auto lists = random_preferences(rng, people, households, 0.8);
  for (auto& places : lists.capacity) places = static_cast<int>(rng() % 4);
  return lists;
}

/// Answer every introduction of the round at random: a group's members one by one and the
/// household, in a random order, each accepting or (sometimes) declining; or everyone at once.
void answer_members_randomly(proposal_rounds& rounds, std::mt19937_64& rng, double accept_chance) {
  std::uniform_real_distribution<double> coin(0, 1);
  const auto intros = rounds.introductions();
  for (const auto& i : intros) {
    if (coin(rng) < 0.2) {
      const bool yes = coin(rng) < accept_chance;
      rounds.answer(i.person, i.household, answer_side::both, yes,
                    yes ? std::nullopt : std::optional<decline_reason>(decline_reason::timing));
      continue;
    }
    // The answerers: each member (or the person), then the household, shuffled.
    std::vector<int> who = i.members.empty() ? std::vector<int>{i.person} : i.members;
    who.push_back(-1);
    std::shuffle(who.begin(), who.end(), rng);
    for (int w : who) {
      const auto& now = *std::find_if(rounds.introductions().begin(), rounds.introductions().end(),
                                      [&](const introduction& x) { return x.person == i.person; });
      if (now.settled()) break;
      const bool yes = coin(rng) < accept_chance;
      const auto reason =
          yes ? std::nullopt : std::optional<decline_reason>(decline_reason::location);
      if (w < 0)
        rounds.answer(i.person, i.household, answer_side::household, yes, reason);
      else
        rounds.answer(w, i.household, answer_side::person, yes, reason);
    }
  }
}

/// A couple {0, 1} and a third person 2; household 0 (two places) and household 1 (three).
preferences couple_lists() {
  preferences lists;
  lists.people = 3;
  lists.capacity = {2, 3};
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({1, 0});
  lists.household_ranks.add_row({0, 1, 2});
  lists.household_ranks.add_row({2, 0, 1});
  return lists;
}

} // namespace

TEST_CASE("proposal_rounds: a group is introduced together and accepted by everyone") {
  proposal_rounds rounds(couple_lists(), {"ann", "bea", "cy"}, {"elm", "oak"},
                         proposing_side::people, {{0, 1}}, {"G1"});
  REQUIRE(rounds.introductions().size() == 2);
  const auto& couple = rounds.introductions()[0];
  CHECK(couple.person == 0);
  CHECK(couple.household == 0);
  CHECK(couple.group == 0);
  CHECK(couple.members == std::vector<int>{0, 1});
  CHECK(couple.member_replies == std::vector<reply>{reply::pending, reply::pending});
  CHECK(rounds.introductions()[1].person == 2);
  CHECK(rounds.introductions()[1].group == -1);
  CHECK(rounds.group_of(1) == 0);
  CHECK(rounds.group_of(2) == -1);

  rounds.answer("bea", "elm", answer_side::person, true);
  rounds.answer("ann", "elm", answer_side::household, true);
  CHECK_FALSE(rounds.introductions()[0].settled()); // ann has not answered
  CHECK(rounds.introductions()[0].person_reply == reply::pending);
  CHECK(thrown_problem([&] { rounds.answer("bea", "elm", answer_side::person, false); }).message ==
        "the person has already answered the introduction to household elm");
  CHECK(thrown_problem([&] {
          rounds.answer("bea", "elm", answer_side::household, true);
        }).message == "household elm has already answered");
  CHECK(thrown_problem([&] { rounds.answer("bea", "oak", answer_side::person, true); }).message ==
        "was not introduced to household oak in round 1");
  try {
    rounds.next_round();
    FAIL("expected a validation error");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].record == "person ann");
    CHECK(e.problems()[0].message ==
          "no answer yet from ann on the introduction of group G1 to household elm in round 1");
  }
  rounds.answer("ann", "elm", answer_side::person, true);
  CHECK(rounds.introductions()[0].accepted());
  REQUIRE(rounds.accepted().size() == 2); // one place each
  CHECK(rounds.accepted()[0].person == 0);
  CHECK(rounds.accepted()[1].person == 1);
  rounds.answer("cy", "oak", answer_side::both, true);
  rounds.next_round();
  CHECK(rounds.finished());
  CHECK(rounds.household_of() == std::vector<int>{0, 0, 1});

  // The state as JSON names the group, and reads back the same.
  const auto doc = proposal_rounds_to_json(rounds);
  REQUIRE(doc.contains("groups"));
  CHECK(doc["groups"][0]["id"] == "G1");
  CHECK(doc["groups"][0]["members"] == nlohmann::json::array({"ann", "bea"}));
  CHECK(doc["accepted"][0]["group"] == "G1");
  CHECK_FALSE(doc["accepted"][2].contains("group"));
  CHECK(proposal_rounds_to_json(proposal_rounds_from_json(doc)) == doc);
}

TEST_CASE("proposal_rounds: one member's decline declines the group there") {
  for (auto by : {answer_side::person, answer_side::household, answer_side::both}) {
    proposal_rounds rounds(couple_lists(), {"ann", "bea", "cy"}, {"elm", "oak"},
                           proposing_side::people, {{0, 1}}, {"G1"});
    rounds.answer("ann", "elm", answer_side::person, true);
    rounds.answer("bea", "elm", by, false, decline_reason::location);
    const auto& couple = rounds.introductions()[0];
    CHECK(couple.declined());
    REQUIRE(rounds.declined().size() == 1);
    const auto& d = rounds.declined()[0];
    CHECK(d.group == 0);
    CHECK(d.household == 0);
    CHECK(d.by == by);
    CHECK(d.reason == decline_reason::location);
    CHECK(d.person == (by == answer_side::household ? 0 : 1)); // the household: first member
    CHECK(thrown_problem([&] {
            rounds.answer("ann", "elm", answer_side::household, true);
          }).message == "the introduction to household elm is already declined");
    rounds.answer("cy", "oak", answer_side::household, true);
    rounds.answer("cy", "oak", answer_side::person, true);
    rounds.next_round();
    // Round 2: the couple goes to oak together, never back to elm.
    REQUIRE_FALSE(rounds.finished());
    REQUIRE(rounds.introductions().size() == 1);
    CHECK(rounds.introductions()[0].household == 1);
    CHECK(rounds.introductions()[0].members == std::vector<int>{0, 1});
    const auto doc = proposal_rounds_to_json(rounds);
    CHECK(doc["declined"][0]["group"] == "G1");
    CHECK(doc["introductions"][0]["group"] == "G1");
    CHECK(doc["introductions"][0]["member_answers"][1]["person"] == "bea");
    CHECK(proposal_rounds_to_json(proposal_rounds_from_json(doc)) == doc);
    rounds.answer("bea", "oak", answer_side::both, false);
    CHECK(rounds.introductions()[0].member_replies ==
          std::vector<reply>{reply::decline, reply::decline});
    rounds.next_round();
    CHECK(rounds.finished());
    CHECK(rounds.household_of() == std::vector<int>{-1, -1, 1});
  }
}

TEST_CASE("proposal_rounds: every round keeps groups whole and is the plan of the market left") {
  std::mt19937_64 rng(17);
  int group_introductions = 0, group_declines = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    INFO("trial " << trial);
    const int people = 2 + trial % 8, households = 1 + trial % 4;
    const preferences lists = random_market(rng, people, households);
    const groups_t groups = sparse_random_groups(rng, people);
    const auto side = trial % 2 ? proposing_side::households : proposing_side::people;
    proposal_rounds rounds(lists, {}, {}, side, groups);
    const std::size_t listed_pairs = rank_pairs(lists).size();
    std::vector<int> household_of(static_cast<std::size_t>(people), -1);
    std::set<std::pair<int, int>> declined;
    int round_count = 0;
    while (!rounds.finished()) {
      ++round_count;
      REQUIRE(rounds.round() == round_count);
      const auto [rest, waiting] = market_left(lists, groups, household_of, declined);
      group_stable_options options;
      options.side = side;
      const auto expected = stable_with_groups(rank_pairs(rest), waiting, options).plan;
      std::vector<int> introduced(static_cast<std::size_t>(people), -1);
      for (const auto& i : rounds.introductions()) {
        const std::vector<int> who = i.group < 0 ? std::vector<int>{i.person} : i.members;
        if (i.group >= 0) {
          ++group_introductions;
          REQUIRE(i.members == groups[static_cast<std::size_t>(i.group)]);
          REQUIRE(i.person == i.members.front());
        } else {
          REQUIRE(rounds.group_of(i.person) == -1);
        }
        for (int p : who) {
          REQUIRE(introduced[static_cast<std::size_t>(p)] == -1);
          introduced[static_cast<std::size_t>(p)] = i.household;
          REQUIRE(declined.count({p, i.household}) == 0); // never proposed again
        }
      }
      REQUIRE(introduced == expected.household_of);
      REQUIRE(keeps_groups_whole(groups, introduced));
      REQUIRE_FALSE(rounds.introductions().empty());

      const auto accepted_before = rounds.accepted().size();
      const auto declined_before = rounds.declined().size();
      answer_members_randomly(rounds, rng, trial % 3 == 0 ? 0.3 : 0.7);
      REQUIRE(rounds.round_settled());
      for (std::size_t k = accepted_before; k < rounds.accepted().size(); ++k)
        household_of[static_cast<std::size_t>(rounds.accepted()[k].person)] =
            rounds.accepted()[k].household;
      for (std::size_t k = declined_before; k < rounds.declined().size(); ++k) {
        const auto& d = rounds.declined()[k];
        if (d.group < 0) {
          declined.insert({d.person, d.household});
        } else {
          ++group_declines;
          for (int m : groups[static_cast<std::size_t>(d.group)]) declined.insert({m, d.household});
        }
      }
      // Mid-way through, the state survives JSON.
      const auto doc = proposal_rounds_to_json(rounds);
      REQUIRE(proposal_rounds_to_json(proposal_rounds_from_json(doc)) == doc);
      REQUIRE(doc.contains("groups") == !groups.empty());
      rounds.next_round();
      REQUIRE(rounds.household_of() == household_of);
      REQUIRE(keeps_groups_whole(groups, household_of));
      REQUIRE(round_count <= people + static_cast<int>(listed_pairs));
    }
    // Finished: no unit left and household with room for all of it listed by both sides on
    // a pair not declined.
    std::vector<int> used(lists.capacity.size(), 0);
    for (int h : household_of)
      if (h >= 0) ++used[static_cast<std::size_t>(h)];
    const auto [rest, waiting] = market_left(lists, groups, household_of, declined);
    const auto pairs = rank_pairs(rest);
    for (std::size_t e = 0; e < pairs.size(); ++e) {
      const int p = pairs.person[e], h = pairs.household[e];
      if (rounds.group_of(p) >= 0) continue;
      REQUIRE(used[static_cast<std::size_t>(h)] >= lists.capacity[static_cast<std::size_t>(h)]);
    }
    auto listed = [&](int person, int h) {
      for (auto e = pairs.person_first[static_cast<std::size_t>(person)];
           e < pairs.person_first[static_cast<std::size_t>(person) + 1]; ++e)
        if (pairs.household[e] == h) return true;
      return false;
    };
    for (const auto& g : waiting)
      for (int h = 0; h < households; ++h)
        if (std::all_of(g.begin(), g.end(), [&](int m) { return listed(m, h); }))
          REQUIRE(lists.capacity[static_cast<std::size_t>(h)] - used[static_cast<std::size_t>(h)] <
                  static_cast<int>(g.size()));
  }
  CHECK(group_introductions > 500);
  CHECK(group_declines > 100);
}

TEST_CASE("proposal_rounds: without groups the JSON state has no group fields") {
  std::mt19937_64 rng(5);
  const preferences lists = random_preferences(rng, 6, 3);
  proposal_rounds rounds(lists);
  answer_members_randomly(rounds, rng, 0.5);
  const auto doc = proposal_rounds_to_json(rounds);
  CHECK_FALSE(doc.contains("groups"));
  for (const auto& section : {"introductions", "accepted", "declined"})
    for (const auto& entry : doc[section]) {
      CHECK_FALSE(entry.contains("group"));
      CHECK_FALSE(entry.contains("member_answers"));
    }
}

TEST_CASE("proposal_rounds: bad groups are refused, in code and in JSON") {
  CHECK(thrown_problem([] {
          proposal_rounds(couple_lists(), {}, {}, proposing_side::people, {{0, 1}, {1, 2}});
        }).record == "group 1");
  CHECK(thrown_problem([] {
          proposal_rounds(couple_lists(), {}, {}, proposing_side::people, {{0, 1}}, {"a", "b"});
        }).field == "group_ids");

  proposal_rounds rounds(couple_lists(), {"ann", "bea", "cy"}, {"elm", "oak"},
                         proposing_side::people, {{0, 1}}, {"G1"});
  rounds.answer("ann", "elm", answer_side::person, true);
  const nlohmann::json good = proposal_rounds_to_json(rounds);
  auto problem_of = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json doc = good;
    change(doc);
    return thrown_problem([&] { proposal_rounds_from_json(doc); });
  };
  auto p = problem_of([](nlohmann::json& d) { d["groups"][0]["members"].push_back("zed"); });
  CHECK(p.record == "group G1");
  CHECK(p.field == "members");
  CHECK(p.message == "unknown person \"zed\"");
  p = problem_of([](nlohmann::json& d) { d["groups"][0]["members"].push_back("ann"); });
  CHECK(p.record == "group G1");
  CHECK(p.message == "lists person 0 twice");
  p = problem_of([](nlohmann::json& d) { d["introductions"][0]["group"] = "G9"; });
  CHECK(p.record == "group G9");
  CHECK(p.field == "introductions[0].group");
  p = problem_of([](nlohmann::json& d) { d["introductions"][1]["group"] = "G1"; });
  CHECK(p.record == "person cy");
  CHECK(p.message == "is not a member of group G1");
  p = problem_of([](nlohmann::json& d) { d["introductions"][0].erase("member_answers"); });
  CHECK(p.field == "introductions[0].member_answers");
  p = problem_of(
      [](nlohmann::json& d) { d["introductions"][0]["member_answers"][1]["answer"] = "accept"; });
  CHECK(p.field == "introductions"); // bea's answer makes it no longer the state written
  p = problem_of([](nlohmann::json& d) { d.erase("groups"); });
  CHECK(p.record == "group G1");
  CHECK(p.field == "introductions[0].group");
  CHECK(p.message == "unknown group");
}

TEST_CASE("start_rounds: a scheme's required group is introduced together") {
  using namespace slmatch::testing;
  auto elm = make_household("H1");
  elm.free_bedrooms = 2;
  auto oak = make_household("H2");
  oak.places = 1;
  scheme s = make_scheme({make_person("P1"), make_person("P2"), make_person("P3")}, {elm, oak});
  person_group couple;
  couple.id = "G1";
  couple.members = {"P1", "P2"};
  s.groups = {couple};
  proposal_rounds rounds = start_rounds(s);
  REQUIRE(rounds.groups() == groups_t{{0, 1}});
  CHECK(rounds.group_ids() == std::vector<std::string>{"G1"});
  // The couple fits only the first household (the second has one place).
  for (const auto& i : rounds.introductions())
    if (i.group == 0) CHECK(i.household == 0);
  const auto doc = proposal_rounds_to_json(rounds);
  CHECK(doc["people"][0]["preferences"] == nlohmann::json::array({"H1"}));
  CHECK(proposal_rounds_to_json(proposal_rounds_from_json(doc)) == doc);
  // A preferred group is no group for the rounds.
  s.groups[0].together = togetherness::preferred;
  CHECK(start_rounds(s).groups().empty());
}
