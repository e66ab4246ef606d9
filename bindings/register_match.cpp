// slmatch._core.match and MatchResult: the end-to-end run, with the GIL released while
// C++ works, and its result as JSON, as a table or as columns (match_columns.hpp).

#include "match_columns.hpp"
#include "match_run.hpp"
#include "register.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/io/run_record_json.hpp"
#include "slmatch/log.hpp"
#include "slmatch/match.hpp"
#include "slmatch/record/run_record.hpp"
#include "slmatch/score/weight.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

namespace slmatch::bindings {

namespace {

/// Match a scheme with the GIL released.
match_run run_match(const scheme& s, const match_options& options) {
  auto source = std::make_shared<const scheme>(s);
  py::gil_scoped_release release;
  return match_run{source, options, match(*source, options)};
}

} // namespace

void register_match(py::module_& m) {
  py::class_<match_run>(m, "MatchResult", "One matching run: proposals, shortlists, certificate.")
      .def_property_readonly(
          "matched", [](const match_run& run) { return run.result.plan.matched; },
          "How many people the plan matches.")
      .def_property_readonly(
          "feasible_pairs", [](const match_run& run) { return run.result.scores.pairs.size(); },
          "How many person-household pairs pass every hard rule (the plan's edges).")
      .def_property_readonly(
          "total_score",
          [](const match_run& run) {
            return static_cast<double>(run.result.plan.total) / score_units_per_point;
          },
          "Sum of the matched pairs' scores (0–100 each).")
      .def_property_readonly(
          "household_of",
          [](const match_run& run) { return to_numpy<std::int64_t>(run.result.plan.household_of); },
          "Household index per person (scheme order), -1 when unmatched.")
      .def_property_readonly(
          "person_price",
          [](const match_run& run) {
            return to_numpy<std::int64_t>(run.result.plan.certificate.person_price);
          },
          "Dual prices of people certifying optimality (integer score units).")
      .def_property_readonly(
          "household_price",
          [](const match_run& run) {
            return to_numpy<std::int64_t>(run.result.plan.certificate.household_price);
          },
          "Dual prices of households certifying optimality (integer score units).")
      .def(
          "plan_columns", [](const match_run& run) { return plan_columns(run.result); },
          "(person, household, score, summary): one row per person in scheme order; household "
          "-1 and score NaN when unmatched.")
      .def(
          "shortlist_columns", [](const match_run& run) { return shortlist_columns(run.result); },
          "(person, rank, household, score): each person's shortlist, best first.")
      .def(
          "explanation_columns",
          [](const match_run& run) { return explanation_columns(run.result); },
          "(person, household, factor, used, raw, weight, points, sentence): every factor of "
          "every proposed pair; factor is its index in the factor vocabulary.")
      .def(
          "unmatched_columns", [](const match_run& run) { return unmatched_columns(run.result); },
          "(person, summary, blocking_rules, places_taken): one row per unmatched person.")
      .def(
          "to_json",
          [](const match_run& run, int indent) {
            std::ostringstream text;
            write_match_json(text, *run.source, run.result, indent);
            return text.str();
          },
          py::arg("indent") = -1, "Every proposal with reasons, as JSON text.")
      .def(
          "record",
          [](const match_run& run) {
            return dump_run_record(make_run_record(*run.source, run.options, run.result));
          },
          "The run record (hashes, configuration, data categories used; no personal data), "
          "as JSON text.")
      .def(
          "table", [](const match_run& run) { return match_to_table(*run.source, run.result); },
          "Every proposal as a readable table.")
      .def(
          "explain",
          [](const match_run& run, const std::string& person_id, const std::string& household_id) {
            const auto& s = *run.source;
            return explanation_to_json(explain_pair(s, person_index(s, person_id),
                                                    household_index(s, household_id)))
                .dump();
          },
          py::arg("person_id"), py::arg("household_id"),
          "One pair explained rule by rule and factor by factor, as JSON text.")
      .def(
          "compare",
          [](const match_run& run, const std::string& person_id, const std::string& chosen_id,
             const std::string& other_id) {
            const auto& s = *run.source;
            return comparison_to_json(compare_pairs(s, person_index(s, person_id),
                                                    household_index(s, chosen_id),
                                                    household_index(s, other_id)))
                .dump();
          },
          py::arg("person_id"), py::arg("chosen_id"), py::arg("other_id"),
          "Why not that one: the other household against the chosen one, as JSON text.")
      // A run pickles as its scheme and options and is made again on loading: matching is
      // deterministic, so the copy equals the original.
      .def(py::pickle(
          [](const match_run& run) {
            return py::make_tuple(dump_scheme(*run.source, -1), run.options.shortlist_size,
                                  std::string(to_string(run.options.goal)), run.options.threads);
          },
          [](const py::tuple& state) {
            if (state.size() != 4) throw std::runtime_error("invalid pickle state");
            match_options options;
            options.shortlist_size = state[1].cast<int>();
            options.goal =
                parse_name<objective>(state[2].cast<std::string>(), "options", "objective");
            options.threads = state[3].cast<int>();
            return run_match(parse_scheme(state[0].cast<std::string>()), options);
          }));

  m.def(
      "match",
      [](const scheme& s, int shortlist_size, const std::string& objective_name, int threads) {
        match_options options;
        options.shortlist_size = shortlist_size;
        options.goal = parse_name<objective>(objective_name, "options", "objective");
        options.threads = threads;
        return run_match(s, options);
      },
      py::arg("scheme"), py::arg("shortlist_size") = 3,
      py::arg("objective") = std::string(to_string(match_options{}.goal)), py::arg("threads") = 1,
      "Match a scheme end to end (the GIL is released while it runs).");

  m.def(
      "set_log_level", [](const std::string& level) { set_log_level(level); }, py::arg("level"),
      "Set the library's log level (logs hold ids and counts only).");
}

} // namespace slmatch::bindings
