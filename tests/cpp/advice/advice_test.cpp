// The advice analyses are checked against what matching the edited scheme again gives, and
// the first-choice costs against brute force.

#include "slmatch/advice/first_choice.hpp"
#include "slmatch/advice/recruitment.hpp"
#include "slmatch/advice/what_would_help.hpp"
#include "slmatch/io/advice_json.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/model/validate.hpp"

#include "support/brute_force.hpp"
#include "support/grouped_brute_force.hpp"
#include "support/random_scheme.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;

namespace {

const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

// (matched, total) of the best plan of `problem` for `goal`.
std::pair<int, std::int64_t> best_of(const capacitated_problem& problem, objective goal) {
  const capacitated_plan plan = solve_capacitated(problem, goal);
  return {goal == objective::max_total ? 0 : plan.matched, plan.total};
}

// Every change reported, applied to the scheme and matched again from scratch, gives the
// person a household. A change that claims every best plan does: the plan it describes is
// one of the best, and the best plan without the person is worse. Otherwise (groups): the
// plan matched again proposes the household reported and moves exactly the people reported.
int check_help(const scheme& s, const help_options& options) {
  match_options matching;
  matching.goal = options.goal;
  const match_result before = match(s, matching);
  int checked = 0;
  for (const auto& help : what_would_help(s, before, std::vector<std::size_t>{}, options)) {
    CHECK(help.checked <= options.max_checks);
    CHECK(static_cast<int>(help.options.size()) <= options.max_options);
    CHECK_FALSE(help.summary.empty());
    for (const auto& option : help.options) {
      INFO(option.summary);
      const scheme edited = with_edits(s, option.edits);
      CHECK(check_scheme(edited).empty());
      const match_result after = match(edited, matching);
      CHECK(after.proposals[help.person].household >= 0);
      CHECK(option.every_best_plan == !before.grouped);
      if (option.every_best_plan) {
        std::vector<int> described = before.plan.household_of;
        described[help.person] = static_cast<int>(option.household);
        for (const auto& m : option.moves) described[m.person] = m.to;
        std::pair<int, std::int64_t> value{0, 0};
        int found = 0;
        for (const auto& e : after.problem.edges)
          if (described[static_cast<std::size_t>(e.person)] == e.household) {
            ++found;
            value.first += options.goal == objective::max_total ? 0 : 1;
            value.second += e.weight;
          }
        CHECK(found ==
              std::count_if(described.begin(), described.end(), [](int h) { return h >= 0; }));
        CHECK(value == best_of(after.problem, options.goal));
        capacitated_problem without = after.problem;
        without.edges.erase(std::remove_if(without.edges.begin(), without.edges.end(),
                                           [&](const capacitated_problem::edge& e) {
                                             return e.person == static_cast<int>(help.person);
                                           }),
                            without.edges.end());
        CHECK(best_of(without, options.goal) < value);
      } else {
        CHECK(after.proposals[help.person].household == static_cast<int>(option.household));
        const auto moves =
            plan_moves(before.plan.household_of, after.plan.household_of, help.person);
        REQUIRE(moves.size() == option.moves.size());
        for (std::size_t k = 0; k < moves.size(); ++k) {
          CHECK(moves[k].person == option.moves[k].person);
          CHECK(moves[k].to == option.moves[k].to);
        }
      }
      ++checked;
    }
  }
  return checked;
}

} // namespace

TEST_CASE("what_would_help: every change on the example gives the person a household") {
  help_options options;
  CHECK(check_help(riverside(), options) > 0);
}

TEST_CASE("what_would_help: every change on random schemes gives the person a household") {
  int found = 0;
  for (unsigned seed = 1; seed <= 120; ++seed) {
    help_options options;
    options.goal = seed % 4 == 0 ? objective::max_total : objective::max_matched_then_total;
    options.max_checks = 6;
    found +=
        check_help(testing::random_scheme(seed, 14 + static_cast<int>(seed % 3) * 6, 6), options);
  }
  CHECK(found > 60);
}

TEST_CASE("what_would_help: one more place is reported exactly when every best plan then "
          "places the person") {
  int reported = 0, not_reported = 0, elsewhere = 0;
  for (unsigned seed = 1; seed <= 150; ++seed) {
    const scheme s = testing::random_scheme(seed, 12 + static_cast<int>(seed % 4) * 4,
                                            4 + static_cast<int>(seed % 3) * 2);
    match_options matching;
    matching.goal = seed % 3 == 0 ? objective::max_total : objective::max_matched_then_total;
    const match_result before = match(s, matching);
    help_options options;
    options.goal = matching.goal;
    options.max_checks = 1000;
    options.max_options = 1000;
    for (const auto& help : what_would_help(s, before, std::vector<std::size_t>{}, options)) {
      for (std::size_t h = 0; h < s.households.size(); ++h) {
        const household& home = s.households[h];
        scheme_edit place;
        place.household = h;
        const scheme edited = with_edits(s, {place});
        if (home.places >= std::min(most_places, s.policy.household_cap) ||
            detail::household_mask(s.policy, edited.households[h]) !=
                detail::household_mask(s.policy, home))
          continue;
        const auto claimed =
            std::find_if(help.options.begin(), help.options.end(), [&](const help_option& o) {
              return o.edits == std::vector<scheme_edit>{place};
            });
        const capacitated_problem problem =
            make_problem(edited, to_score_table(score_candidates(encode_scheme(edited))));
        capacitated_problem without = problem;
        without.edges.erase(std::remove_if(without.edges.begin(), without.edges.end(),
                                           [&](const capacitated_problem::edge& e) {
                                             return e.person == static_cast<int>(help.person);
                                           }),
                            without.edges.end());
        const bool truth = best_of(without, options.goal) < best_of(problem, options.goal);
        INFO("seed " << seed << ", " << s.people[help.person].id << " at " << home.id);
        CHECK((claimed != help.options.end()) == truth);
        ++(truth ? reported : not_reported);
        if (claimed != help.options.end() && claimed->household != h) ++elsewhere;
      }
    }
  }
  CHECK(reported > 20);
  CHECK(not_reported > 20);
  CHECK(elsewhere > 2); // the place is taken by someone moving to let the person in
}

TEST_CASE("what_would_help: the same on any number of threads, and re-solves only within "
          "max_solves") {
  int left_out = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    const scheme s = testing::random_scheme(seed, 24, 7);
    const match_result before = match(s);
    help_options options;
    options.max_options = 1000;
    const auto one = what_would_help(s, before, std::vector<std::size_t>{}, options);
    options.threads = 2;
    const auto two = what_would_help(s, before, std::vector<std::size_t>{}, options);
    REQUIRE(one.size() == two.size());
    for (std::size_t k = 0; k < one.size(); ++k)
      CHECK(help_to_json(s, one[k]) == help_to_json(s, two[k]));
    options.max_solves = 0;
    const auto none = what_would_help(s, before, std::vector<std::size_t>{}, options);
    for (std::size_t k = 0; k < one.size(); ++k) {
      // Without re-solves, only changes the certificate describes remain: a subset.
      for (const auto& option : none[k].options)
        CHECK(std::any_of(one[k].options.begin(), one[k].options.end(),
                          [&](const help_option& o) { return o.edits == option.edits; }));
      left_out += static_cast<int>(one[k].options.size() - none[k].options.size());
    }
  }
  CHECK(left_out > 0);
}

TEST_CASE("what_would_help: the example's people and changes read as plain sentences") {
  const scheme& s = riverside();
  const match_result r = match(s);
  const auto all = what_would_help(s, r);
  REQUIRE_FALSE(all.empty());
  for (const auto& help : all) {
    const auto document = help_to_json(s, help);
    CHECK(document["person"] == s.people[help.person].id);
    for (const auto& option : document["options"]) {
      const std::string summary = option["summary"];
      CHECK(summary.rfind("If ", 0) == 0);
      CHECK(summary.find(std::string(option["household"])) != std::string::npos);
    }
  }
}

TEST_CASE("what_would_help: refuses a matched person and bad options") {
  const scheme& s = riverside();
  const match_result r = match(s);
  std::size_t placed = 0;
  while (r.plan.household_of[placed] < 0) ++placed;
  CHECK_THROWS_WITH(what_would_help(s, r, {placed}), Catch::Contains("is placed, not unmatched"));
  CHECK_THROWS_AS(what_would_help(s, r, {s.people.size()}), error);
  help_options bad;
  bad.max_checks = -1;
  CHECK_THROWS_AS(what_would_help(s, r, std::vector<std::size_t>{}, bad), error);
  CHECK_THROWS_AS(what_would_help(testing::random_scheme(1, 3, 2), r), error);
}

TEST_CASE("pair_edits: a rule no edit changes leaves the pair closed") {
  scheme s = testing::random_scheme(3, 4, 3);
  s.people[0].declined_households = {s.households[0].id};
  CHECK_FALSE(pair_edits(s, 0, 0).has_value());
}

TEST_CASE("first_choice_costs: equal to brute force with the pair pinned") {
  int compared = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    const scheme s = testing::random_scheme(seed, 7, 4);
    for (objective goal : {objective::max_matched_then_total, objective::max_total}) {
      match_options matching;
      matching.goal = goal;
      const match_result r = match(s, matching);
      first_choice_options options;
      options.goal = goal;
      for (const auto& cost : first_choice_costs(s, r, options)) {
        // The pinned optimum: the person removed, one place fewer in their first choice.
        capacitated_problem rest = r.problem;
        std::int64_t pinned_weight = -1;
        rest.edges.clear();
        for (const auto& e : r.problem.edges) {
          if (e.person == static_cast<int>(cost.person)) {
            if (e.household == static_cast<int>(cost.first_choice)) pinned_weight = e.weight;
            continue;
          }
          rest.edges.push_back(e);
        }
        REQUIRE(pinned_weight >= 0);
        --rest.capacity[cost.first_choice];
        const auto best = testing::brute_force(rest);
        const auto whole = testing::brute_force(r.problem);
        if (goal == objective::max_total) {
          CHECK(cost.total_score_change * score_units_per_point ==
                Approx(static_cast<double>(best.best_total + pinned_weight - whole.best_total)));
        } else {
          CHECK(cost.matched_change == best.most_matched + 1 - whole.most_matched);
          CHECK(cost.total_score_change * score_units_per_point ==
                Approx(static_cast<double>(best.total_at_most_matched + pinned_weight -
                                           whole.total_at_most_matched)));
        }
        if (goal == objective::max_total)
          CHECK(cost.total_score_change <= 0.0);
        else
          CHECK(cost.matched_change <= 0);
        CHECK_FALSE(cost.summary.empty());
        ++compared;
      }
    }
  }
  CHECK(compared > 30);
}

TEST_CASE("first_choice_costs: with groups, equal to brute force with the group pinned") {
  int compared = 0, with_group = 0;
  for (unsigned seed = 1; seed <= 80; ++seed) {
    scheme s = testing::random_scheme(seed, 7, 3);
    // The first two people are a couple, both with the needs and wishes of the person who
    // suits the most households (so that some households suit both), required for odd
    // seeds, preferred for even ones; every household has room for two.
    {
      const score_table table = to_score_table(score_candidates(encode_scheme(s)));
      std::vector<int> suited(s.people.size(), 0);
      for (const auto& pair : table.pairs) ++suited[pair.person];
      const person model = s.people[static_cast<std::size_t>(
          std::max_element(suited.begin(), suited.end()) - suited.begin())];
      for (std::size_t p = 0; p < 2; ++p) {
        const std::string id = s.people[p].id;
        s.people[p] = model;
        s.people[p].id = id;
      }
    }
    for (auto& h : s.households) {
      h.places = std::max(h.places, 2);
      h.free_bedrooms = 1;
    }
    person_group couple;
    couple.id = "G1";
    couple.members = {s.people[0].id, s.people[1].id};
    couple.together = seed % 2 == 1 ? togetherness::required : togetherness::preferred;
    couple.share_bedroom = true;
    s.groups = {couple};
    for (objective goal : {objective::max_matched_then_total, objective::max_total}) {
      INFO("seed " << seed << ", goal " << to_string(goal));
      match_options matching;
      matching.goal = goal;
      const match_result r = match(s, matching);
      REQUIRE(r.grouped);
      const grouped_problem problem = make_grouped_problem(s, r.scores, r.problem);
      const auto all = testing::grouped_assignments(problem);
      const auto key = [&](const testing::grouped_assignment& a) {
        return std::make_pair(goal == objective::max_total ? 0 : a.matched, a.total);
      };
      std::pair<int, std::int64_t> whole{-1, -1};
      for (const auto& a : all) whole = std::max(whole, key(a));
      first_choice_options options;
      options.goal = goal;
      for (const auto& cost : first_choice_costs(s, r, options)) {
        // The best plan respecting the couple with the person in their first choice.
        std::pair<int, std::int64_t> best{-1, -1};
        for (const auto& a : all)
          if (a.household_of[cost.person] == static_cast<int>(cost.first_choice))
            best = std::max(best, key(a));
        REQUIRE(best.first >= 0);
        if (goal == objective::max_matched_then_total)
          CHECK(cost.matched_change == best.first - whole.first);
        CHECK(cost.total_score_change * score_units_per_point ==
              Approx(static_cast<double>(best.second - whole.second)));
        const bool required = couple.together == togetherness::required && cost.person < 2;
        CHECK(cost.with_group == required);
        if (required)
          CHECK(cost.summary.find(" and the people they must live with instead") !=
                std::string::npos);
        for (const auto& move : cost.moves) CHECK(move.person != cost.person);
        ++compared;
        with_group += cost.with_group;
      }
      // A couple member whose first choice cannot take the couple is not reported.
      for (const auto& cost : first_choice_costs(s, r, options))
        if (cost.with_group) {
          bool placeable = false;
          for (const auto& a : all)
            placeable =
                placeable || a.household_of[cost.person] == static_cast<int>(cost.first_choice);
          CHECK(placeable);
        }
    }
  }
  CHECK(compared > 60);
  CHECK(with_group > 5);
}

TEST_CASE("first_choice_costs: names who took the first choice on the example") {
  const scheme& s = riverside();
  const match_result r = match(s);
  const auto costs = first_choice_costs(s, r);
  REQUIRE_FALSE(costs.empty());
  for (const auto& cost : costs) {
    CHECK(r.plan.household_of[cost.person] != static_cast<int>(cost.first_choice));
    for (std::size_t q : cost.taken_by)
      CHECK(r.plan.household_of[q] == static_cast<int>(cost.first_choice));
    CHECK(cost.summary.find(s.households[cost.first_choice].id) != std::string::npos);
  }
}

TEST_CASE("recruitment: confirmed counts equal matching the edited scheme again") {
  int confirmed = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    const scheme s = seed == 1 ? riverside() : testing::random_scheme(seed, 16, 6);
    const match_result before = match(s);
    const auto summary = recruitment(s, before.plan.household_of);
    for (const auto& need : summary.needs) {
      CHECK_FALSE(need.blocked.empty());
      for (std::size_t p : need.blocked) CHECK(before.plan.household_of[p] < 0);
      if (!need.confirmed) continue;
      const match_result after = match(with_edits(s, need_edits(need)));
      std::size_t newly = 0, lost = 0;
      for (std::size_t p = 0; p < s.people.size(); ++p) {
        newly += before.plan.household_of[p] < 0 && after.plan.household_of[p] >= 0;
        lost += before.plan.household_of[p] >= 0 && after.plan.household_of[p] < 0;
      }
      CHECK(newly == need.newly_matched.size());
      CHECK(lost == need.no_longer_matched.size());
      ++confirmed;
    }
    for (std::size_t i = 1; i < summary.needs.size(); ++i)
      CHECK(summary.needs[i - 1].blocked.size() >= summary.needs[i].blocked.size());
  }
  CHECK(confirmed > 5);
}

TEST_CASE("recruitment: small areas are withheld") {
  const scheme& s = riverside();
  const match_result r = match(s);
  recruitment_options options;
  options.small_group_size = 1000;
  for (const auto& area : recruitment(s, r.plan.household_of, options).areas) {
    CHECK(area.withheld);
    CHECK(area.people == 0);
  }
}
