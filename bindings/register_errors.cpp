// slmatch::error -> slmatch.SlmatchError (a RuntimeError); slmatch::validation_error ->
// slmatch.ValidationError (a ValueError) carrying `problems`, a list of
// (record, field, message) tuples.

#include "register.hpp"

#include "slmatch/error.hpp"

namespace slmatch::bindings {

void register_errors(py::module_& m) {
  static py::exception<slmatch::error> base(m, "SlmatchError", PyExc_RuntimeError);
  static py::handle validation_type = [&] {
    py::object type = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
        "slmatch._core.ValidationError",
        "Input that breaks the scheme format or the domain's rules; `problems` lists "
        "(record, field, message) for each.",
        py::make_tuple(py::handle(PyExc_ValueError), base).ptr(), nullptr));
    m.attr("ValidationError") = type;
    return type.release();
  }();
  py::register_exception_translator([](std::exception_ptr failure) {
    try {
      if (failure) std::rethrow_exception(failure);
    } catch (const slmatch::validation_error& invalid) {
      py::list problems;
      for (const auto& p : invalid.problems())
        problems.append(py::make_tuple(p.record, p.field, p.message));
      py::object instance = py::reinterpret_borrow<py::object>(validation_type)(invalid.what());
      instance.attr("problems") = problems;
      PyErr_SetObject(validation_type.ptr(), instance.ptr());
    } catch (const slmatch::error& other) {
      base(other.what());
    }
  });
}

} // namespace slmatch::bindings
