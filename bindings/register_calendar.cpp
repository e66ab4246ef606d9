// slmatch._core.calendar: the calendar plan of a scheme's short breaks and day support, as
// the same JSON document and iCalendar files the CLI writes, planned with the GIL released.

#include "register.hpp"

#include "slmatch/io/calendar_ics.hpp"
#include "slmatch/io/calendar_json.hpp"

#include <pybind11/stl.h>

#include <map>
#include <string>
#include <utility>

namespace slmatch::bindings {

void register_calendar(py::module_& m) {
  m.def(
      "plan",
      [](const scheme& s, const std::string& from, int weeks, double seconds, double new_carer_cost,
         double keep_bonus, double preferred_date_bonus, bool allow_flow) {
        const calendar_horizon horizon = horizon_from(from, s.policy.as_of, weeks, "from");
        calendar_options options;
        options.seconds = seconds;
        options.new_carer_cost = new_carer_cost;
        options.keep_bonus = keep_bonus;
        options.preferred_date_bonus = preferred_date_bonus;
        options.allow_flow = allow_flow;
        std::string json;
        std::map<std::string, std::string> files;
        {
          py::gil_scoped_release release;
          const calendar_plan plan = plan_calendar(s, horizon, options);
          json = calendar_to_json(s, plan).dump();
          files = calendar_to_ics(s, plan);
        }
        return std::make_pair(json, files);
      },
      py::arg("scheme"), py::arg("from_date"), py::arg("weeks"), py::arg("seconds"),
      py::arg("new_carer_cost"), py::arg("keep_bonus"), py::arg("preferred_date_bonus"),
      py::arg("allow_flow"),
      "Plan the scheme's calendar requests: (the plan as JSON text, iCalendar text by file "
      "name). from_date '' means the scheme's as_of date.");
}

} // namespace slmatch::bindings
