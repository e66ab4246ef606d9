#include "slmatch/experiment/run.hpp"
#include "slmatch/score/weight.hpp"

#include "slmatch/synthetic/generator.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace slmatch;

namespace {

scheme small_scheme(std::uint64_t seed) {
  synthetic_options options;
  options.people = 50;
  options.households = 35;
  options.seed = seed;
  options.household_cap = 2;
  return generate_scheme(options);
}

run_outcome run(const scheme& s, run_objective goal) {
  run_settings settings;
  settings.goal = goal;
  return run_experiment(s, settings);
}

} // namespace

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
