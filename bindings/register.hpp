#pragma once
// Registration functions of the `_core` module, one per concept, and shared helpers.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/vocabulary.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_scheme(py::module_& m);
void register_match(py::module_& m);
void register_synthetic(py::module_& m);
void register_assignment(py::module_& m);
void register_capacitated(py::module_& m);
void register_stable(py::module_& m);
void register_audit(py::module_& m);
void register_experiment(py::module_& m);
void register_vocabularies(py::module_& m);
void register_advice(py::module_& m);
void register_registry(py::module_& m);
void register_calendar(py::module_& m);
void register_consent(py::module_& m);
void register_purpose(py::module_& m);

/// The ids of people or households, in scheme order.
template <class Records> std::vector<std::string> ids_of(const Records& records) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

/// A new NumPy array of dtype `T` that owns a copy of `values`, each converted to `T`. It is
/// writeable in the ordinary way, which scipy.sparse's fancy indexing needs of the index arrays
/// it is given. (Large results that need no copy are handed over by moving the vector instead;
/// see `owned_array`.)
template <class T, class U> py::array_t<T> to_numpy(const std::vector<U>& values) {
  py::array_t<T> array(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), array.mutable_data());
  return array;
}

/// A NumPy array over `values` without copying them: the vector moves to the heap and the
/// array owns it.
template <class T> py::array_t<T> owned_array(std::vector<T>&& values) {
  auto* owner = new std::vector<T>(std::move(values));
  py::capsule release(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owner->size()), owner->data(), release);
}

/// Factor weights from a Python {factor name: weight} dict laid over `weights`; an unknown
/// factor or a value that is not a number is added to `found` as field "<field>.<factor>".
inline void lay_weights(const py::dict& given, const std::string& record, const std::string& field,
                        factor_weights& weights, std::vector<problem>& found) {
  for (const auto& [key, value] : given) {
    const std::string name = py::str(key);
    const auto f = parse<factor>(name);
    if (!f) {
      found.push_back({record, field + "." + name, "unknown factor"});
      continue;
    }
    try {
      weights[static_cast<std::size_t>(*f)] = value.cast<double>();
    } catch (const py::cast_error&) {
      found.push_back({record, field + "." + name, "must be a number"});
    }
  }
}

/// {title: (name, ...)} for each vocabulary `E...`, names in enum order.
template <class... E> py::dict vocabularies_of() {
  py::dict vocabularies;
  const auto add = [&vocabularies](const auto& names, std::string_view title) {
    py::tuple listed(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) listed[i] = py::str(std::string(names[i]));
    vocabularies[py::str(std::string(title))] = listed;
  };
  (add(vocabulary<E>::names, vocabulary<E>::title), ...);
  return vocabularies;
}

/// Pickling for any type that round-trips through one state value, so objects travel to
/// worker processes: a JSON string by default, or any other value `from_state` takes (e.g. a
/// tuple of arrays).
template <class T, class State = std::string, class ToState, class FromState>
auto make_pickle(ToState to_state, FromState from_state) {
  return py::pickle([to_state](const T& self) { return py::make_tuple(to_state(self)); },
                    [from_state](const py::tuple& state) {
                      if (state.size() != 1) throw std::runtime_error("invalid pickle state");
                      return from_state(state[0].cast<State>());
                    });
}

} // namespace slmatch::bindings
