// Proposal rounds: each round is the stable plan of the market left, declined pairs never
// come back, accepted pairs stay, rounds end, and the state survives JSON.

#include "slmatch/io/json.hpp"
#include "slmatch/io/proposal_rounds_json.hpp"
#include "slmatch/stable/proposal_rounds.hpp"
#include "slmatch/stable/scheme_stable.hpp"

#include "support/example_scheme.hpp"
#include "support/problems.hpp"
#include "support/random_preferences.hpp"
#include "support/random_scheme.hpp"

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
using slmatch::testing::riverside;
using slmatch::testing::thrown_problem;

namespace {

bool lists_pair(const preferences& lists, int p, int h) {
  auto listed = [](const ranked_lists& side, int row, int other) {
    const auto r = static_cast<std::size_t>(row);
    return std::find(side.entries.begin() + static_cast<std::ptrdiff_t>(side.first[r]),
                     side.entries.begin() + static_cast<std::ptrdiff_t>(side.first[r + 1]),
                     other) !=
           side.entries.begin() + static_cast<std::ptrdiff_t>(side.first[r + 1]);
  };
  return listed(lists.person_ranks, p, h) && listed(lists.household_ranks, h, p);
}

/// The market left after `accepted` and `declined`, built from scratch.
preferences market_left(const preferences& lists, const std::vector<int>& household_of,
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
  return rest;
}

/// Answer every introduction of the round at random: both accept, or one side (or both)
/// declines, sometimes after the other side accepted.
void answer_randomly(proposal_rounds& rounds, std::mt19937_64& rng, double accept_chance) {
  std::uniform_real_distribution<double> coin(0, 1);
  const auto intros = rounds.introductions();
  for (const auto& i : intros) {
    const double roll = coin(rng);
    const auto reason = static_cast<decline_reason>(rng() % 8);
    if (roll < accept_chance) {
      if (coin(rng) < 0.5) {
        rounds.answer(i.person, i.household, answer_side::person, true);
        rounds.answer(i.person, i.household, answer_side::household, true);
      } else {
        rounds.answer(i.person, i.household, answer_side::both, true);
      }
    } else if (roll < accept_chance + (1 - accept_chance) / 3) {
      rounds.answer(i.person, i.household, answer_side::household, true);
      rounds.answer(i.person, i.household, answer_side::person, false, reason);
    } else if (roll < accept_chance + 2 * (1 - accept_chance) / 3) {
      rounds.answer(i.person, i.household, answer_side::household, false, reason);
    } else {
      rounds.answer(i.person, i.household, answer_side::both, false);
    }
  }
}

/// Run rounds to the end with random answers, checking every round from scratch.
void check_run(const preferences& lists, proposing_side side, std::mt19937_64& rng,
               double accept_chance) {
  proposal_rounds rounds(lists, {}, {}, side);
  const std::size_t listed_pairs = rank_pairs(lists).size();
  std::vector<int> household_of(static_cast<std::size_t>(lists.people), -1);
  std::set<std::pair<int, int>> declined;
  std::size_t round_count = 0;
  while (!rounds.finished()) {
    ++round_count;
    REQUIRE(rounds.round() == static_cast<int>(round_count));
    // This round is the stable plan of the market left, recomputed from scratch.
    const ranked_pairs rest = rank_pairs(market_left(lists, household_of, declined));
    const stable_plan expected = deferred_acceptance(rest, side);
    std::vector<int> introduced(static_cast<std::size_t>(lists.people), -1);
    for (const auto& i : rounds.introductions()) {
      REQUIRE(introduced[static_cast<std::size_t>(i.person)] == -1);
      introduced[static_cast<std::size_t>(i.person)] = i.household;
      REQUIRE(declined.count({i.person, i.household}) == 0); // never proposed again
      REQUIRE(household_of[static_cast<std::size_t>(i.person)] == -1);
      REQUIRE(lists_pair(lists, i.person, i.household));
    }
    REQUIRE(introduced == expected.household_of);
    REQUIRE(blocking_pairs(rest, introduced).empty());
    REQUIRE_FALSE(rounds.introductions().empty());

    const auto accepted_before = rounds.accepted().size();
    answer_randomly(rounds, rng, accept_chance);
    REQUIRE(rounds.round_settled());
    for (std::size_t k = accepted_before; k < rounds.accepted().size(); ++k)
      household_of[static_cast<std::size_t>(rounds.accepted()[k].person)] =
          rounds.accepted()[k].household;
    declined.clear();
    for (const auto& d : rounds.declined()) declined.insert({d.person, d.household});
    rounds.next_round();
    // Accepted pairs stay.
    REQUIRE(rounds.household_of() == household_of);
    REQUIRE(round_count <= static_cast<std::size_t>(lists.people) + listed_pairs);
  }
  CHECK(rounds.introductions().empty());
  // Finished: no person left and household with a place left list each other on a pair
  // not declined.
  std::vector<int> used(lists.capacity.size(), 0);
  for (int h : household_of)
    if (h >= 0) ++used[static_cast<std::size_t>(h)];
  for (int p = 0; p < lists.people; ++p)
    for (int h = 0; h < static_cast<int>(lists.capacity.size()); ++h) {
      REQUIRE(used[static_cast<std::size_t>(h)] <= lists.capacity[static_cast<std::size_t>(h)]);
      if (household_of[static_cast<std::size_t>(p)] < 0 &&
          used[static_cast<std::size_t>(h)] < lists.capacity[static_cast<std::size_t>(h)] &&
          lists_pair(lists, p, h))
        REQUIRE(declined.count({p, h}) == 1);
    }
  CHECK_THROWS_AS(rounds.next_round(), validation_error);
}

} // namespace

TEST_CASE("proposal_rounds: round 1 is the stable plan of the whole lists") {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 500; ++trial) {
    const preferences lists = random_preferences(rng, 1 + trial % 9, 1 + trial % 7);
    for (auto side : {proposing_side::people, proposing_side::households}) {
      const proposal_rounds rounds(lists, {}, {}, side);
      const stable_plan plan = deferred_acceptance(rank_pairs(lists), side);
      std::vector<int> introduced(static_cast<std::size_t>(lists.people), -1);
      for (const auto& i : rounds.introductions())
        introduced[static_cast<std::size_t>(i.person)] = i.household;
      REQUIRE(introduced == plan.household_of);
      REQUIRE(rounds.finished() == (plan.matched == 0));
      REQUIRE(rounds.round() == (plan.matched == 0 ? 0 : 1));
    }
  }
}

TEST_CASE("proposal_rounds: every round is the stable plan of the market left") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 1500; ++trial) {
    INFO("trial " << trial);
    const preferences lists = random_preferences(rng, 1 + trial % 10, 1 + trial % 6);
    check_run(lists, trial % 2 ? proposing_side::households : proposing_side::people, rng,
              trial % 3 == 0 ? 0.0 : 0.5);
  }
}

TEST_CASE("proposal_rounds: every answer accepted ends after one round") {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 100; ++trial) {
    const preferences lists = random_preferences(rng, 8, 5);
    proposal_rounds rounds(lists);
    if (rounds.finished()) continue;
    const auto plan = deferred_acceptance(rank_pairs(lists)).household_of;
    for (const auto& i : rounds.introductions())
      rounds.answer(i.person, i.household, answer_side::both, true);
    rounds.next_round();
    // A stable plan accepted whole leaves no pair to introduce.
    CHECK(rounds.finished());
    CHECK(rounds.round() == 1);
    CHECK(rounds.household_of() == plan);
  }
}

TEST_CASE("proposal_rounds: the same answers give the same rounds") {
  for (unsigned seed = 1; seed <= 50; ++seed) {
    std::mt19937_64 lists_rng(seed);
    const preferences lists = random_preferences(lists_rng, 9, 5);
    std::string text[2];
    for (auto& out : text) {
      std::mt19937_64 rng(seed * 31);
      proposal_rounds rounds(lists);
      while (!rounds.finished()) {
        answer_randomly(rounds, rng, 0.4);
        rounds.next_round();
      }
      out = proposal_rounds_to_json(rounds).dump();
    }
    CHECK(text[0] == text[1]);
  }
}

TEST_CASE("proposal_rounds: JSON round trip at any point, and the rounds go on the same") {
  std::mt19937_64 rng(11);
  int mid_round_states = 0;
  for (int trial = 0; trial < 300; ++trial) {
    INFO("trial " << trial);
    const preferences lists = random_preferences(rng, 2 + trial % 9, 1 + trial % 5);
    std::vector<std::string> person_ids, household_ids;
    for (int p = 0; p < lists.people; ++p) person_ids.push_back("P" + std::to_string(100 - p));
    for (std::size_t h = 0; h < lists.capacity.size(); ++h)
      household_ids.push_back("H" + std::to_string(h));
    proposal_rounds rounds(lists, person_ids, household_ids,
                           trial % 2 ? proposing_side::households : proposing_side::people);
    std::uniform_real_distribution<double> coin(0, 1);
    auto round_trip = [&] {
      const nlohmann::json doc = proposal_rounds_to_json(rounds);
      proposal_rounds loaded = proposal_rounds_from_json(nlohmann::json::parse(doc.dump()));
      REQUIRE(proposal_rounds_to_json(loaded) == doc);
      REQUIRE(loaded.round() == rounds.round());
      REQUIRE(loaded.finished() == rounds.finished());
      REQUIRE(loaded.household_of() == rounds.household_of());
      return loaded;
    };
    round_trip();
    while (!rounds.finished()) {
      // Answer each introduction in two steps, round-tripping the state in between, and
      // carry on with the loaded state.
      const auto intros = rounds.introductions();
      std::vector<int> second_step;
      for (std::size_t k = 0; k < intros.size(); ++k) {
        const auto& i = intros[k];
        const double roll = coin(rng);
        if (roll < 0.4) {
          rounds.answer(person_ids[std::size_t(i.person)], household_ids[std::size_t(i.household)],
                        answer_side::person, true);
          second_step.push_back(static_cast<int>(k));
        } else if (roll < 0.6) {
          rounds.answer(i.person, i.household, answer_side::household, true);
          second_step.push_back(static_cast<int>(k));
        } else if (roll < 0.8) {
          rounds.answer(i.person, i.household, answer_side::household, false,
                        decline_reason::location);
        } else {
          second_step.push_back(static_cast<int>(k));
        }
      }
      if (!rounds.round_settled()) ++mid_round_states;
      rounds = round_trip();
      for (int k : second_step) {
        const auto& i = intros[static_cast<std::size_t>(k)];
        const auto& now = rounds.introductions()[static_cast<std::size_t>(k)];
        REQUIRE(now.person == i.person);
        if (now.person_reply == reply::pending)
          rounds.answer(i.person, i.household, answer_side::person, coin(rng) < 0.7);
        if (!rounds.introductions()[static_cast<std::size_t>(k)].settled())
          rounds.answer(i.person, i.household, answer_side::household, coin(rng) < 0.7,
                        std::nullopt);
      }
      rounds = round_trip();
      rounds.next_round();
      rounds = round_trip();
    }
  }
  CHECK(mid_round_states > 100);
}

TEST_CASE("proposal_rounds: answers that break the rules are refused, naming the person") {
  preferences lists;
  lists.people = 2;
  lists.capacity = {1, 1};
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({0, 1});
  lists.household_ranks.add_row({1, 0});
  lists.household_ranks.add_row({0, 1});
  proposal_rounds rounds(lists, {"ann", "bob"}, {"oak", "elm"});
  // Person-optimal: ann -> oak? oak prefers bob; bob -> oak; ann -> elm.
  REQUIRE(rounds.introductions().size() == 2);
  CHECK(rounds.household_of() == std::vector<int>{-1, -1});
  const auto& first = rounds.introductions()[0];
  CHECK(first.person == 0);
  CHECK(first.household == 1);

  auto refused = thrown_problem([&] { rounds.answer("ann", "oak", answer_side::person, true); });
  CHECK(refused.record == "person ann");
  CHECK(refused.field == "answer");
  CHECK(refused.message == "was not introduced to household oak in round 1");

  refused = thrown_problem(
      [&] { rounds.answer("ann", "elm", answer_side::person, true, decline_reason::timing); });
  CHECK(refused.message == "an acceptance takes no reason");

  rounds.answer("ann", "elm", answer_side::person, true);
  refused = thrown_problem([&] { rounds.answer("ann", "elm", answer_side::both, false); });
  CHECK(refused.message.find("already answered") != std::string::npos);

  // Next round refused while answers are missing, naming each.
  try {
    rounds.next_round();
    FAIL("expected a validation error");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].record == "person ann");
    CHECK(e.problems()[0].message ==
          "no answer yet from the household on the introduction to household elm in round 1");
    CHECK(e.problems()[1].record == "person bob");
    CHECK(e.problems()[1].message.find("either side") != std::string::npos);
  }
  rounds.answer("ann", "elm", answer_side::household, true);
  rounds.answer("bob", "oak", answer_side::household, false, decline_reason::household_mix);
  refused = thrown_problem([&] { rounds.answer("bob", "oak", answer_side::person, true); });
  CHECK(refused.message == "the introduction to household oak is already declined");
  CHECK(thrown_problem([&] { rounds.answer("zed", "oak", answer_side::person, true); }).record ==
        "person zed");
  CHECK(thrown_problem([&] { rounds.answer("bob", "ash", answer_side::person, true); }).record ==
        "household ash");

  rounds.next_round();
  // ann stays with elm; bob and oak declined each other, and elm is full: nothing left.
  CHECK(rounds.finished());
  CHECK(rounds.round() == 1);
  CHECK(rounds.household_of() == std::vector<int>{1, -1});
  REQUIRE(rounds.declined().size() == 1);
  CHECK(rounds.declined()[0].by == answer_side::household);
  CHECK(rounds.declined()[0].reason == decline_reason::household_mix);
  CHECK(thrown_problem([&] { rounds.answer("bob", "elm", answer_side::person, true); }).message ==
        "the rounds are finished");
}

TEST_CASE("proposal_rounds: bad lists and ids are refused") {
  preferences lists;
  lists.people = 1;
  lists.capacity = {-1};
  lists.person_ranks.add_row({0});
  lists.household_ranks.add_row({0});
  CHECK(thrown_problem([&] { proposal_rounds{lists}; }).field == "capacity");
  lists.capacity = {1};
  CHECK(thrown_problem([&] { proposal_rounds(lists, {"a", "b"}); }).field == "person_ids");
  CHECK(thrown_problem([&] { proposal_rounds(lists, {"a"}, {""}); }).field == "household_ids");
}

TEST_CASE("proposal_rounds: from_json names the record and field of each problem") {
  preferences lists;
  lists.people = 3;
  lists.capacity = {1, 2};
  lists.person_ranks.add_row({0, 1});
  lists.person_ranks.add_row({1, 0});
  lists.person_ranks.add_row({0});
  lists.household_ranks.add_row({2, 0, 1});
  lists.household_ranks.add_row({0, 1});
  proposal_rounds rounds(lists, {"P1", "P2", "P3"}, {"H1", "H2"});
  for (const auto& i : rounds.introductions())
    rounds.answer(i.person, i.household, answer_side::person, i.person != 0,
                  i.person != 0 ? std::nullopt
                                : std::optional<decline_reason>(decline_reason::other));
  for (const auto& i : rounds.introductions())
    if (!i.settled()) rounds.answer(i.person, i.household, answer_side::household, true);
  rounds.next_round();
  const nlohmann::json good = proposal_rounds_to_json(rounds);
  REQUIRE_NOTHROW(proposal_rounds_from_json(good));

  auto problem_of = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json doc = good;
    change(doc);
    return thrown_problem([&] { proposal_rounds_from_json(doc); });
  };
  auto p = problem_of([](nlohmann::json& d) { d["format"] = "other"; });
  CHECK(p.record == "proposal_rounds");
  CHECK(p.field == "format");
  p = problem_of([](nlohmann::json& d) { d.erase("round"); });
  CHECK(p.field == "round");
  CHECK(p.message == "is missing");
  p = problem_of([](nlohmann::json& d) { d["households"][1]["capacity"] = "two"; });
  CHECK(p.record == "household H2");
  CHECK(p.field == "capacity");
  p = problem_of([](nlohmann::json& d) { d["people"][0]["preferences"].push_back("H9"); });
  CHECK(p.record == "person P1");
  CHECK(p.field == "preferences");
  CHECK(p.message == "unknown household \"H9\"");
  p = problem_of([](nlohmann::json& d) { d["people"][1]["id"] = "P1"; });
  CHECK(p.record == "person P1");
  CHECK(p.message == "is used twice");
  p = problem_of([](nlohmann::json& d) { d["declined"][0]["reason"] = "she was rude"; });
  CHECK(p.field == "declined[0].reason");
  p = problem_of([](nlohmann::json& d) { d["accepted"][0]["person"] = "P7"; });
  CHECK(p.record == "person P7");
  CHECK(p.field == "accepted[0].person");
  p = problem_of([](nlohmann::json& d) {
    d["accepted"].push_back({{"person", "P1"}, {"household", "H1"}, {"round", 1}});
  });
  CHECK(p.record == "person P1");
  CHECK(p.field == "accepted[2]");
  CHECK(p.message == "was not introduced to household H1 in round 1");
  p = problem_of([](nlohmann::json& d) { d["round"] = 7; });
  CHECK(p.field.find("round") != std::string::npos);
  p = problem_of([](nlohmann::json& d) { d["declined"] = nlohmann::json::array(); });
  CHECK(p.record == "person P1");
  CHECK(p.field == "round");
  p = problem_of([](nlohmann::json& d) { d["finished"] = false; });
  CHECK(p.field == "introductions"); // an open round 1 would have its introductions listed

  // A state in the middle of round 1: P2 accepted, nobody else has answered.
  proposal_rounds open(lists, {"P1", "P2", "P3"}, {"H1", "H2"});
  open.answer("P2", "H2", answer_side::person, true);
  const nlohmann::json middle = proposal_rounds_to_json(open);
  REQUIRE(middle["introductions"].size() == 3);
  REQUIRE(proposal_rounds_to_json(proposal_rounds_from_json(middle)) == middle);
  auto middle_problem = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json doc = middle;
    change(doc);
    return thrown_problem([&] { proposal_rounds_from_json(doc); });
  };
  p = middle_problem(
      [](nlohmann::json& d) { d["introductions"][0]["household_answer"] = "maybe"; });
  CHECK(p.field == "introductions[0].household_answer");
  p = middle_problem([](nlohmann::json& d) { d["introductions"].erase(0); });
  CHECK(p.field == "introductions");
  p = middle_problem([](nlohmann::json& d) { d["introductions"][0]["household"] = "H1"; });
  CHECK(p.record == "person P1");
  CHECK(p.field == "introductions[0]");
  p = middle_problem([](nlohmann::json& d) { d["introductions"][0]["person_answer"] = "decline"; });
  CHECK(p.field == "introductions");
  p = middle_problem(
      [](nlohmann::json& d) { d["introductions"][1]["household_answer"] = "accept"; });
  CHECK(p.field == "accepted");
  CHECK(thrown_problem([] { proposal_rounds_from_json(nlohmann::json::array()); }).record ==
        "proposal_rounds");
}

TEST_CASE("start_rounds: rounds on the example scheme's views, by id") {
  // The example's required groups (a couple and siblings) are introduced together: one
  // introduction per person on their own and per group, as the scheme's stable plan places
  // them, and a group's decline is one decline.
  const scheme& s = riverside();
  proposal_rounds rounds = start_rounds(s);
  const scheme_stable_plan found = stable_match(s);
  REQUIRE(found.groups.size() == 2);
  CHECK(rounds.groups() == found.groups.members);
  const ranked_pairs pairs = rank_pairs(found.lists);
  const stable_plan& plan = found.result.plan;
  std::size_t placed_units = 0, acceptable_units = 0;
  for (int p = 0; p < static_cast<int>(s.people.size()); ++p) {
    const int g = rounds.group_of(p);
    if (g >= 0 && rounds.groups()[static_cast<std::size_t>(g)].front() != p) continue;
    if (plan.household_of[static_cast<std::size_t>(p)] >= 0) ++placed_units;
    const std::vector<int> members =
        g < 0 ? std::vector<int>{p} : rounds.groups()[static_cast<std::size_t>(g)];
    for (int h = 0; h < pairs.households; ++h)
      acceptable_units += std::all_of(members.begin(), members.end(), [&](int m) {
        for (auto e = pairs.person_first[static_cast<std::size_t>(m)];
             e < pairs.person_first[static_cast<std::size_t>(m) + 1]; ++e)
          if (pairs.household[e] == h) return true;
        return false;
      });
  }
  REQUIRE(rounds.introductions().size() == placed_units);
  REQUIRE(placed_units > 0);
  CHECK(rounds.person_ids().front() == s.people.front().id);
  // Everyone declines by id; each person is then introduced elsewhere or nowhere.
  std::set<std::pair<int, int>> declined;
  while (!rounds.finished()) {
    for (const auto& i : rounds.introductions()) {
      CHECK(declined.insert({i.person, i.household}).second);
      rounds.answer(s.people[std::size_t(i.person)].id, s.households[std::size_t(i.household)].id,
                    answer_side::person, false, decline_reason::not_a_good_fit);
    }
    rounds.next_round();
  }
  CHECK(declined.size() == acceptable_units);
  CHECK(rounds.accepted().empty());
}
