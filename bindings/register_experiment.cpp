// slmatch._core's experiment runs and score matrices: one scheme matched under one setting with
// its metrics and C++ time, and the scored feasible pairs as CSR arrays that share the engine's
// memory. The GIL is released around the C++ work. The public API lives in
// slmatch/experiments.py.

#include "register.hpp"

#include "slmatch/candidates/candidates.hpp"
#include "slmatch/experiment/run.hpp"
#include "slmatch/features/features.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace {

/// Run settings from Python arguments, every problem named at once.
run_settings settings_of(const scheme& s, const std::optional<py::dict>& weights,
                         std::optional<int> household_cap, std::optional<double> travel_limit_km,
                         const std::string& objective_name, int threads) {
  run_settings settings;
  std::vector<problem> found;
  if (weights) {
    factor_weights laid = s.policy.weights;
    lay_weights(*weights, "settings", "weights", laid, found);
    settings.weights = laid;
  }
  if (const auto goal = parse<run_objective>(objective_name))
    settings.goal = *goal;
  else
    found.push_back(unknown_name<run_objective>("settings", "objective", objective_name));
  if (!found.empty()) throw validation_error(std::move(found));
  settings.household_cap = household_cap;
  settings.travel_limit_km = travel_limit_km;
  settings.threads = threads;
  return settings;
}

/// (household_of, score, metrics): the plan, each person's score, and the run's figures.
py::tuple run_of(const scheme& s, const std::optional<py::dict>& weights,
                 std::optional<int> household_cap, std::optional<double> travel_limit_km,
                 const std::string& objective_name, int threads) {
  const run_settings settings =
      settings_of(s, weights, household_cap, travel_limit_km, objective_name, threads);
  run_outcome out;
  {
    py::gil_scoped_release release;
    out = run_experiment(s, settings);
  }
  std::vector<std::int64_t> household_of(out.household_of.begin(), out.household_of.end());
  py::dict metrics;
  metrics["people"] = out.people;
  metrics["households"] = out.households;
  metrics["feasible_pairs"] = out.feasible_pairs;
  metrics["matched"] = out.matched;
  metrics["total_score"] = out.total_score;
  metrics["mean_score"] = out.mean_score;
  metrics["lowest_score"] = out.lowest_score;
  metrics["blocking_pairs"] = out.blocking_pairs;
  metrics["match_rate_gap"] = out.match_rate_gap;
  metrics["mean_score_gap"] = out.mean_score_gap;
  metrics["mean_wait_gap_days"] = out.mean_wait_gap;
  metrics["gini"] = out.gini_all;
  metrics["cpp_seconds"] = out.seconds;
  return py::make_tuple(owned_array(std::move(household_of)), owned_array(std::move(out.score)),
                        metrics);
}

/// (indptr, indices, data, households): the feasible pairs in CSR form, sharing the engine's
/// arrays.
py::tuple score_pairs_of(const scheme& s, const std::optional<py::dict>& weights,
                         std::optional<int> household_cap, std::optional<double> travel_limit_km,
                         int threads) {
  const run_settings settings =
      settings_of(s, weights, household_cap, travel_limit_km, "optimal", threads);
  candidate_pairs pairs;
  {
    py::gil_scoped_release release;
    const scheme adjusted = with_settings(s, settings);
    candidate_options search;
    search.threads = settings.threads;
    search.keep_contributions = false;
    pairs = score_candidates(encode_scheme(adjusted), search);
  }
  return py::make_tuple(owned_array(std::move(pairs.row_start)),
                        owned_array(std::move(pairs.household)),
                        owned_array(std::move(pairs.score)), pairs.households);
}

} // namespace

void register_experiment(py::module_& m) {
  m.def("run_experiment", &run_of, py::arg("scheme"), py::arg("weights") = py::none(),
        py::arg("household_cap") = py::none(), py::arg("travel_limit_km") = py::none(),
        py::arg("objective") = std::string(to_string(run_settings{}.goal)), py::arg("threads") = 1,
        "Match a scheme under one experiment setting: (household_of, score, metrics).");
  m.def("score_pairs", &score_pairs_of, py::arg("scheme"), py::arg("weights") = py::none(),
        py::arg("household_cap") = py::none(), py::arg("travel_limit_km") = py::none(),
        py::arg("threads") = 1,
        "The scored feasible pairs as CSR arrays (indptr, indices, data, households).");
}

} // namespace slmatch::bindings
