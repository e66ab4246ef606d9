// slmatch._core.calendar: the calendar plan of a scheme's short breaks and day support, as
// the same JSON document and iCalendar files the CLI writes, planned with the GIL released;
// re-planned from an earlier plan's JSON document, with what changes, where one is given.

#include "register.hpp"

#include "slmatch/io/calendar_ics.hpp"
#include "slmatch/io/calendar_json.hpp"

#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace slmatch::bindings {

void register_calendar(py::module_& m) {
  m.def(
      "plan",
      [](const scheme& s, const std::string& from, int weeks, double seconds, double new_carer_cost,
         double keep_bonus, double preferred_date_bonus, bool allow_flow,
         const std::optional<std::string>& earlier_json) {
        const calendar_horizon horizon = horizon_from(from, s.policy.as_of, weeks, "from");
        std::optional<earlier_plan> earlier;
        if (earlier_json) earlier = earlier_plan_from_json(*earlier_json);
        calendar_options options;
        if (earlier) options.earlier = earlier->bookings;
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
          json = earlier ? calendar_to_json(s, plan, compare_plans(s, plan, *earlier)).dump()
                         : calendar_to_json(s, plan).dump();
          files = calendar_to_ics(s, plan);
        }
        return std::make_pair(json, files);
      },
      py::arg("scheme"), py::arg("from_date"), py::arg("weeks"), py::arg("seconds"),
      py::arg("new_carer_cost"), py::arg("keep_bonus"), py::arg("preferred_date_bonus"),
      py::arg("allow_flow"), py::arg("earlier") = py::none(),
      "Plan the scheme's calendar requests: (the plan as JSON text, iCalendar text by file "
      "name). from_date '' means the scheme's as_of date; earlier, the JSON text of an earlier "
      "plan, re-plans from it and adds what changes.");
}

} // namespace slmatch::bindings
