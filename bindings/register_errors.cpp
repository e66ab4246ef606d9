// slmatch::error -> slmatch.SlmatchError (a RuntimeError); slmatch::validation_error ->
// slmatch.ValidationError (a ValueError) carrying `problems`, a list of
// (record, field, message) tuples. Any other C++ exception from the engine also becomes a
// SlmatchError, so no failure inside it reaches Python as anything else; pybind11's own
// argument errors and running out of memory (MemoryError) keep their Python types.

#include "register.hpp"

#include "slmatch/error.hpp"

#include <exception>
#include <new>
#include <string>

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
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const py::error_already_set&) {
      throw;
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& unexpected) {
      base((std::string("internal error: ") + unexpected.what()).c_str());
    }
  });
}

} // namespace slmatch::bindings
