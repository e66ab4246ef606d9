// slmatch._core's inequality audit of any plan, as JSON or table text, with the GIL released.
// The public wrappers, which return DataFrames, live in slmatch/matching.py.

#include "register.hpp"

#include "slmatch/io/audit_json.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

namespace slmatch::bindings {

namespace {

using index_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using score_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// The plan's household indices; values beyond `int` are clamped, so the audit reports them.
std::vector<int> plan_of(const index_array& household_of) {
  if (household_of.ndim() != 1)
    throw validation_error({{"plan", "household_of", "must be one-dimensional"}});
  std::vector<int> plan;
  plan.reserve(static_cast<std::size_t>(household_of.size()));
  for (py::ssize_t k = 0; k < household_of.size(); ++k) {
    const std::int64_t h = household_of.data()[k];
    plan.push_back(static_cast<int>(std::clamp<std::int64_t>(h, INT_MIN, INT_MAX)));
  }
  return plan;
}

std::vector<double> scores_of(const score_array& score) {
  if (score.ndim() != 1) throw validation_error({{"plan", "score", "must be one-dimensional"}});
  return {score.data(), score.data() + score.size()};
}

} // namespace

void register_audit(py::module_& m) {
  m.def(
      "audit",
      [](const scheme& s, const index_array& household_of, const score_array& score,
         const std::string& as_of, int small_group_size, bool suppress_small_groups,
         double area_cell_km, const std::string& format, int indent) {
        if (format != "json" && format != "table")
          throw error("unknown format \"" + format + "\" (use json or table)");
        audit_options options;
        if (!as_of.empty()) {
          options.as_of = date::parse(as_of);
          if (!options.as_of)
            throw error("as_of: \"" + as_of + "\" is not a date (use YYYY-MM-DD)");
        }
        options.small_group_size = small_group_size;
        options.suppress_small_groups = suppress_small_groups;
        options.area_cell_km = area_cell_km;
        const std::vector<int> plan = plan_of(household_of);
        const std::vector<double> scores = scores_of(score);
        py::gil_scoped_release release;
        const plan_audit audit = audit_plan(s, plan, scores, options);
        return format == "json" ? audit_to_json(s, audit).dump(indent) : audit_to_table(s, audit);
      },
      py::arg("scheme"), py::arg("household_of"), py::arg("score"), py::arg("as_of") = "",
      py::arg("small_group_size") = 5, py::arg("suppress_small_groups") = true,
      py::arg("area_cell_km") = 10.0, py::arg("format") = "json", py::arg("indent") = -1,
      "Audit a plan for inequalities between groups of people, as JSON or table text.");
}

} // namespace slmatch::bindings
