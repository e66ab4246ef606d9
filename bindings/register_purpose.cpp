// slmatch._core's purpose views: a scheme with every piece of data a purpose may not read
// erased. The public wrapper, `slmatch.analysis_view`, lives in slmatch/matching.py.

#include "register.hpp"

#include "slmatch/model/purpose_view.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <string>
#include <vector>

namespace slmatch::bindings {

void register_purpose(py::module_& m) {
  m.def(
      "view_for",
      [](const scheme& s, const std::string& purpose) {
        const auto p = parse_name<consent_purpose>(purpose, "options", "purpose");
        py::gil_scoped_release release;
        return view_for(s, p);
      },
      py::arg("scheme"), py::arg("purpose"),
      "The scheme as a consent purpose may see it: data it may not read erased, consent "
      "rewritten, and for analysis the people who opted out left out.");
  m.def(
      "people_in_view",
      [](const scheme& s, const std::string& purpose) {
        const auto p = parse_name<consent_purpose>(purpose, "options", "purpose");
        std::vector<std::int64_t> kept;
        for (std::size_t i = 0; i < s.people.size(); ++i)
          if (in_view(s.people[i], p)) kept.push_back(static_cast<std::int64_t>(i));
        return to_numpy<std::int64_t>(kept);
      },
      py::arg("scheme"), py::arg("purpose"),
      "Positions (scheme order) of the people a purpose's view keeps.");
}

} // namespace slmatch::bindings
