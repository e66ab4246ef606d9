// slmatch._core.advice: what would help, first-choice costs and the recruitment summary of a
// MatchResult, as the same JSON documents the CLI writes, with the GIL released.

#include "match_run.hpp"
#include "register.hpp"

#include "slmatch/io/advice_json.hpp"

#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace slmatch::bindings {

namespace {

std::vector<std::size_t> people_by_id(const scheme& s, const std::vector<std::string>& ids) {
  std::vector<std::size_t> people;
  for (const auto& id : ids) people.push_back(person_index(s, id));
  return people;
}

} // namespace

void register_advice(py::module_& m) {
  m.def(
      "what_would_help",
      [](match_run& run, const std::vector<std::string>& person_ids, int max_options,
         int max_checks, long max_solves) {
        const scheme& s = *run.source;
        help_options options;
        options.goal = run.options.goal;
        options.max_options = max_options;
        options.max_checks = max_checks;
        if (max_solves < 0) throw error("max solves must be >= 0");
        options.max_solves = static_cast<std::size_t>(max_solves);
        options.threads = run.options.threads;
        const auto people = people_by_id(s, person_ids);
        nlohmann::json out = nlohmann::json::array();
        {
          py::gil_scoped_release release;
          for (const auto& help : what_would_help(s, run.result, people, options,
                                                  run.paths.get(run.result, run.options.threads)))
            out.push_back(help_to_json(s, help));
        }
        return out.dump();
      },
      py::arg("run"), py::arg("person_ids"), py::arg("max_options"), py::arg("max_checks"),
      py::arg("max_solves"),
      "What would help people the plan leaves unmatched (all of them when person_ids is "
      "empty), re-solving at most max_solves changes in all, as a JSON array.");
  m.def(
      "first_choices",
      [](match_run& run, const std::vector<std::string>& person_ids, long max_people,
         long max_solves) {
        const scheme& s = *run.source;
        first_choice_options options;
        options.goal = run.options.goal;
        options.people = people_by_id(s, person_ids);
        if (max_people < 0 || max_solves < 0) throw error("max people and max solves must be >= 0");
        options.max_people = static_cast<std::size_t>(max_people);
        options.max_solves = static_cast<std::size_t>(max_solves);
        options.threads = run.options.threads;
        nlohmann::json out = nlohmann::json::array();
        {
          py::gil_scoped_release release;
          for (const auto& cost : first_choice_costs(
                   s, run.result, options, run.paths.get(run.result, run.options.threads)))
            out.push_back(first_choice_to_json(s, cost));
        }
        return out.dump();
      },
      py::arg("run"), py::arg("person_ids"), py::arg("max_people"), py::arg("max_solves"),
      "First-choice costs of the people asked, in that order (everyone when empty), at most "
      "max_people of them, leaving out those that need a solve once max_solves are done, as a "
      "JSON array.");
  m.def(
      "recruitment",
      [](const match_run& run, int max_confirmed, double area_km, int small_group_size) {
        const scheme& s = *run.source;
        recruitment_options options;
        options.goal = run.options.goal;
        options.max_confirmed = max_confirmed;
        options.area_cell_km = area_km;
        options.small_group_size = small_group_size;
        options.threads = run.options.threads;
        py::gil_scoped_release release;
        return recruitment_to_json(s, recruitment(s, run.result.plan.household_of, options)).dump();
      },
      py::arg("run"), py::arg("max_confirmed"), py::arg("area_km"), py::arg("small_group_size"),
      "The recruitment summary of the run's plan, as a JSON object.");
}

} // namespace slmatch::bindings
