#include "slmatch/experiment/run.hpp"
#include "slmatch/score/weight.hpp"

#include "slmatch/synthetic/generator.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using namespace slmatch;

namespace {

scheme small_scheme(std::uint64_t seed, int people = 50) {
  synthetic_options options;
  options.people = people;
  options.households = people * 7 / 10;
  options.seed = seed;
  options.household_cap = 2;
  return generate_scheme(options);
}

run_outcome run(const scheme& s, run_objective goal) {
  run_settings settings;
  settings.goal = goal;
  return run_experiment(s, settings);
}

/// A small scheme with two couples: persons 0 and 1, who must live together, and persons 2
/// and 3, who would like to, each couple with the needs and wishes of the person who suits
/// the most households (so that some households suit both).
scheme with_couples(std::uint64_t seed) {
  scheme s = small_scheme(seed, 30);
  const score_table table = to_score_table(score_candidates(encode_scheme(s)));
  std::vector<int> suited(s.people.size(), 0);
  for (const auto& pair : table.pairs) ++suited[pair.person];
  const person model = s.people[static_cast<std::size_t>(
      std::max_element(suited.begin(), suited.end()) - suited.begin())];
  for (std::size_t p = 0; p < 4; ++p) {
    const std::string id = s.people[p].id;
    s.people[p] = model;
    s.people[p].id = id;
  }
  person_group must;
  must.id = "G1";
  must.members = {s.people[0].id, s.people[1].id};
  must.share_bedroom = true;
  person_group would = must;
  would.id = "G2";
  would.members = {s.people[2].id, s.people[3].id};
  would.together = togetherness::preferred;
  s.groups = {must, would};
  return s;
}

} // namespace

TEST_CASE("run_experiment: with groups, every exact objective keeps them and its promise") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    INFO("seed " << seed);
    const scheme s = with_couples(seed);
    const score_table table = to_score_table(score_candidates(encode_scheme(s)));
    const grouped_problem problem = make_grouped_problem(s, table, make_problem(s, table));
    const detail::edges_by_person by_person(problem.pairs);
    const detail::group_layout layout(problem, by_person);
    REQUIRE(!layout.hosts[0].empty()); // the couple can be placed together
    const auto value_of = [&](const run_outcome& out) {
      const auto value = detail::evaluate_grouped(problem, layout, by_person, out.household_of);
      REQUIRE(value.valid);
      return value;
    };
    // The optimal run is the plan match proposes (whose total is the pairs' scores alone).
    const capacitated_plan direct = plan_scheme(s, objective::max_matched_then_total);
    const run_outcome optimal = run(s, run_objective::optimal);
    const auto best = value_of(optimal);
    CHECK(best.matched == direct.matched);
    CHECK(best.total - best.together_total == direct.total);
    CHECK(score_to_weight(optimal.total_score) == direct.total);
    CHECK(value_of(run(s, run_objective::max_total)).total >= best.total);
    const run_outcome egalitarian = run(s, run_objective::egalitarian);
    CHECK(value_of(egalitarian).matched == best.matched);
    CHECK(egalitarian.lowest_score >= optimal.lowest_score);
    const run_outcome leximin = run(s, run_objective::leximin);
    CHECK(value_of(leximin).matched == best.matched);
    CHECK(leximin.lowest_score >= optimal.lowest_score);
    CHECK(value_of(run(s, run_objective::waiting_priority)).matched == best.matched);
  }
}

TEST_CASE("run_experiment: the optimal run is the plan match proposes") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const scheme s = small_scheme(seed);
    const match_result direct = match(s);
    const run_outcome out = run(s, run_objective::optimal);
    CHECK(out.matched == direct.plan.matched);
    CHECK(score_to_weight(out.total_score) == direct.plan.total);
    CHECK(out.feasible_pairs == direct.scores.pairs.size());
    CHECK(out.seconds > 0.0);
  }
}

TEST_CASE("run_experiment: objectives keep their promises") {
  const scheme s = small_scheme(9);
  const run_outcome optimal = run(s, run_objective::optimal);
  const run_outcome egalitarian = run(s, run_objective::egalitarian);
  const run_outcome stable = run(s, run_objective::stable);
  const run_outcome greedy = run(s, run_objective::greedy);
  const run_outcome best_total = run(s, run_objective::max_total);
  CHECK(egalitarian.matched == optimal.matched);
  CHECK(egalitarian.lowest_score >= optimal.lowest_score);
  CHECK(stable.blocking_pairs == 0);
  CHECK(greedy.matched <= optimal.matched);
  CHECK(best_total.total_score >= optimal.total_score);
  for (const auto& out : {optimal, egalitarian, stable, greedy}) {
    double total = 0.0;
    for (std::size_t p = 0; p < out.household_of.size(); ++p)
      if (out.household_of[p] >= 0) total += out.score[p];
    CHECK(total == Approx(out.total_score).margin(1e-6));
  }
}

TEST_CASE("run_experiment: settings act as the same change to the scheme's policy") {
  const scheme s = small_scheme(4);
  run_settings settings;
  factor_weights weights = s.policy.weights;
  weights[static_cast<std::size_t>(factor::community)] = 7.0;
  settings.weights = weights;
  settings.household_cap = 1;
  settings.travel_limit_km = 20.0;
  scheme changed = s;
  changed.policy.weights = weights;
  changed.policy.household_cap = 1;
  changed.policy.travel_limit_km = 20.0;
  const run_outcome out = run_experiment(s, settings);
  const match_result direct = match(changed);
  CHECK(out.household_of == direct.plan.household_of);
  CHECK(score_to_weight(out.total_score) == direct.plan.total);
}

TEST_CASE("run_experiment: bad settings name every problem") {
  const scheme s = small_scheme(2);
  run_settings settings;
  settings.household_cap = 4;
  settings.travel_limit_km = -1.0;
  factor_weights weights = s.policy.weights;
  weights[0] = std::nan("");
  settings.weights = weights;
  try {
    run_experiment(s, settings);
    FAIL("accepted");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 3);
    CHECK(e.problems()[0].field == "household_cap");
    CHECK(e.problems()[1].field == "travel_limit_km");
    CHECK(e.problems()[2].field.rfind("weights.", 0) == 0);
  }
  CHECK(parse<run_objective>("stable") == run_objective::stable);
  CHECK_FALSE(parse<run_objective>("best").has_value());
}
