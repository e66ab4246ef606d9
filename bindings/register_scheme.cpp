// slmatch._core.Scheme: a validated scheme, loaded from a file or JSON text.

#include "register.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/model/scheme.hpp"

#include <pybind11/operators.h>
#include <pybind11/stl.h>

namespace slmatch::bindings {

void register_scheme(py::module_& m) {
  py::class_<scheme>(m, "Scheme", "A validated Shared Lives scheme: people, households, policy.")
      .def_static(
          "load", [](const std::string& path) { return load_scheme(path); }, py::arg("path"),
          "Read and validate a scheme file; raises ValidationError listing every problem.")
      .def_static(
          "from_json", [](const std::string& text) { return parse_scheme(text); }, py::arg("text"),
          "Parse and validate a scheme from JSON text.")
      .def(
          "to_json", [](const scheme& s, int indent) { return dump_scheme(s, indent); },
          py::arg("indent") = 2, "The scheme as JSON text (the file format).")
      .def(
          "save", [](const scheme& s, const std::string& path) { save_scheme(s, path); },
          py::arg("path"), "Write the scheme file atomically.")
      .def_readonly("id", &scheme::id)
      .def_readonly("name", &scheme::name)
      .def_property_readonly(
          "person_ids", [](const scheme& s) { return ids_of(s.people); },
          "Person ids in scheme order.")
      .def_property_readonly(
          "household_ids", [](const scheme& s) { return ids_of(s.households); },
          "Household ids in scheme order.")
      .def(py::self == py::self)
      .def("__repr__",
           [](const scheme& s) {
             return "<slmatch.Scheme " + s.id + ": " + std::to_string(s.people.size()) +
                    " people, " + std::to_string(s.households.size()) + " households>";
           })
      .def(make_pickle<scheme>([](const scheme& s) { return dump_scheme(s, -1); },
                               [](const std::string& text) { return parse_scheme(text); }));
}

} // namespace slmatch::bindings
