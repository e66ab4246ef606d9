// slmatch._core.synthetic: seeded synthetic schemes (and schemes with calendar requests) for
// tests, benchmarks and experiments, generated with the GIL released.

#include "register.hpp"

#include "slmatch/calendar/units.hpp"
#include "slmatch/synthetic/calendar.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <cstdint>
#include <string>

namespace slmatch::bindings {

void register_synthetic(py::module_& m) {
  m.def(
      "generate_scheme",
      [](int people, int households, std::uint64_t seed, double radius_km, int clusters,
         int household_cap, double travel_limit_km, double group_share) {
        synthetic_options options;
        options.people = people;
        options.households = households;
        options.seed = seed;
        options.radius_km = radius_km;
        options.clusters = clusters;
        options.household_cap = household_cap;
        options.travel_limit_km = travel_limit_km;
        options.group_share = group_share;
        py::gil_scoped_release release;
        return generate_scheme(options);
      },
      py::arg("people"), py::arg("households"), py::arg("seed") = 1, py::arg("radius_km") = 30.0,
      py::arg("clusters") = 6, py::arg("household_cap") = 3, py::arg("travel_limit_km") = 40.0,
      py::arg("group_share") = 0.0,
      "A valid, realistic synthetic scheme; the same arguments give the same scheme.");
  m.def(
      "generate_calendar_scheme",
      [](int people, int households, std::uint64_t seed, const std::string& from, int weeks) {
        synthetic_options options;
        options.people = people;
        options.households = households;
        options.seed = seed;
        const calendar_horizon horizon = horizon_from(from, date{}, weeks, "from_date");
        py::gil_scoped_release release;
        return generate_calendar_scheme(options, horizon.from, weeks);
      },
      py::arg("people"), py::arg("households"), py::arg("seed"), py::arg("from_date"),
      py::arg("weeks"),
      "A synthetic scheme whose people ask for short breaks and day support over the weeks "
      "from from_date and whose households offer beds and day places.");
}

} // namespace slmatch::bindings
