// slmatch._core's assignment solvers: the dense rectangular solver and its verifier, each
// run with the GIL released. Errors follow scipy.optimize.linear_sum_assignment's contract
// (ValueError with scipy's messages); the public wrappers live in slmatch/solvers.py.

#include "register.hpp"

#include "slmatch/solve/dense_assignment.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace {

using cost_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// A NumPy array that takes over `values` without copying; the array keeps them alive.
template <class T> py::array_t<T> adopt(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

/// The matrix behind a C-contiguous double array, after scipy's 2-D check.
dense_costs view_of(const cost_array& cost) {
  if (cost.ndim() != 2)
    throw py::value_error("expected a matrix (2-D array), got a " + std::to_string(cost.ndim()) +
                          " array");
  return {cost.data(), static_cast<std::size_t>(cost.shape(0)),
          static_cast<std::size_t>(cost.shape(1))};
}

py::tuple solve_dense(const cost_array& cost, bool maximize) {
  const dense_costs costs = view_of(cost);
  dense_assignment answer;
  try {
    py::gil_scoped_release release;
    answer = solve_dense_assignment(costs, maximize);
  } catch (const infeasible_error& e) {
    throw py::value_error(e.what()); // "cost matrix is infeasible", as scipy says
  } catch (const validation_error&) {
    throw py::value_error("matrix contains invalid numeric entries");
  }
  return py::make_tuple(adopt(std::move(answer.row_ind)), adopt(std::move(answer.col_ind)),
                        adopt(std::move(answer.row_price)), adopt(std::move(answer.col_price)),
                        answer.total);
}

void verify_dense(const cost_array& cost,
                  const py::array_t<std::int64_t, py::array::forcecast>& rows,
                  const py::array_t<std::int64_t, py::array::forcecast>& cols,
                  const py::array_t<double, py::array::forcecast>& row_price,
                  const py::array_t<double, py::array::forcecast>& col_price, bool maximize,
                  double tolerance) {
  const dense_costs costs = view_of(cost);
  for (const py::array* vector :
       {static_cast<const py::array*>(&rows), static_cast<const py::array*>(&cols),
        static_cast<const py::array*>(&row_price), static_cast<const py::array*>(&col_price)})
    if (vector->ndim() != 1) throw py::value_error("assignments and prices must be 1-D arrays");
  dense_assignment answer;
  answer.maximize = maximize;
  answer.row_ind.assign(rows.data(), rows.data() + rows.size());
  answer.col_ind.assign(cols.data(), cols.data() + cols.size());
  answer.row_price.assign(row_price.data(), row_price.data() + row_price.size());
  answer.col_price.assign(col_price.data(), col_price.data() + col_price.size());
  for (std::size_t k = 0; k < answer.row_ind.size() && k < answer.col_ind.size(); ++k) {
    const auto r = answer.row_ind[k], c = answer.col_ind[k];
    if (r >= 0 && c >= 0 && static_cast<std::size_t>(r) < costs.rows &&
        static_cast<std::size_t>(c) < costs.cols)
      answer.total += costs.at(static_cast<std::size_t>(r), static_cast<std::size_t>(c));
  }
  py::gil_scoped_release release;
  verify_dense_assignment(costs, answer, tolerance);
}

} // namespace

void register_solvers(py::module_& m) {
  m.def("_linear_sum_assignment", &solve_dense, py::arg("cost"), py::arg("maximize"),
        "Dense rectangular assignment: (row_ind, col_ind, row_price, col_price, total).");
  m.def("_verify_linear_sum_assignment", &verify_dense, py::arg("cost"), py::arg("row_ind"),
        py::arg("col_ind"), py::arg("row_price"), py::arg("col_price"), py::arg("maximize"),
        py::arg("tolerance"),
        "Check a dense assignment and its prices; raise SlmatchError saying what fails.");
}

} // namespace slmatch::bindings
