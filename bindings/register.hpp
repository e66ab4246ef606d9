#pragma once
// Registration functions of the `_core` module, one per concept, and shared helpers.

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace slmatch::bindings {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_scheme(py::module_& m);
void register_match(py::module_& m);
void register_synthetic(py::module_& m);
void register_solvers(py::module_& m);
void register_capacitated(py::module_& m);
void register_stable(py::module_& m);
void register_audit(py::module_& m);

/// The ids of people or households, in scheme order.
template <class Records> std::vector<std::string> ids_of(const Records& records) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

/// Pickling for any type that round-trips through a JSON string, so objects travel to
/// worker processes.
template <class T, class ToText, class FromText>
auto make_pickle(ToText to_text, FromText from_text) {
  return py::pickle([to_text](const T& self) { return py::make_tuple(to_text(self)); },
                    [from_text](const py::tuple& state) {
                      if (state.size() != 1) throw std::runtime_error("invalid pickle state");
                      return from_text(state[0].cast<std::string>());
                    });
}

} // namespace slmatch::bindings
