// slmatch._core's assignment solvers: the dense rectangular solver and its verifier, each
// run with the GIL released. Errors follow scipy.optimize.linear_sum_assignment's contract
// (ValueError with scipy's messages); the public wrappers live in slmatch/assignment.py.

#include "register.hpp"

#include "slmatch/assignment/dense.hpp"
#include "slmatch/assignment/sparse.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace {

using cost_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

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
  } catch (const validation_error& e) {
    // "matrix contains invalid numeric entries", as scipy says, or sums that overflow
    throw py::value_error(e.problems().front().message);
  }
  return py::make_tuple(to_numpy<std::int64_t>(answer.row_ind),
                        to_numpy<std::int64_t>(answer.col_ind), to_numpy<double>(answer.row_price),
                        to_numpy<double>(answer.col_price), answer.total);
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

using index_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

/// Sparse assignment on CSR arrays; errors as scipy.sparse.csgraph's matching raises them.
py::tuple solve_sparse(const index_array& indptr, const index_array& indices,
                       const cost_array& data, std::int64_t rows, std::int64_t cols,
                       bool maximize) {
  if (indptr.ndim() != 1 || indices.ndim() != 1 || data.ndim() != 1)
    throw py::value_error("indptr, indices and data must be 1-D arrays");
  if (rows < 0 || cols < 0) throw py::value_error("matrix dimensions must be >= 0");
  if (indptr.size() != rows + 1) throw py::value_error("indptr must have rows + 1 entries");
  if (indices.size() != data.size())
    throw py::value_error("indices and data must have the same length");
  if (indptr.data()[rows] > indices.size() || indptr.data()[0] != 0)
    throw py::value_error("indptr does not match the number of entries");
  const sparse_costs costs{indptr.data(), indices.data(), data.data(),
                           static_cast<std::size_t>(rows), static_cast<std::size_t>(cols)};
  sparse_assignment answer;
  try {
    py::gil_scoped_release release;
    answer = solve_sparse_assignment(costs, maximize);
  } catch (const infeasible_error& e) {
    throw py::value_error(e.what()); // "no full matching exists", as scipy says
  } catch (const validation_error& e) {
    // "matrix contains invalid numeric entries", as scipy says, or sums that overflow
    throw py::value_error(e.problems().front().message);
  } catch (const error& e) {
    throw py::value_error(e.what()); // malformed CSR arrays
  }
  return py::make_tuple(to_numpy<std::int64_t>(answer.row_ind),
                        to_numpy<std::int64_t>(answer.col_ind), to_numpy<double>(answer.row_price),
                        to_numpy<double>(answer.col_price), answer.total);
}

} // namespace

void register_assignment(py::module_& m) {
  m.def("linear_sum_assignment", &solve_dense, py::arg("cost"), py::arg("maximize"),
        "Dense rectangular assignment: (row_ind, col_ind, row_price, col_price, total).");
  m.def("verify_linear_sum_assignment", &verify_dense, py::arg("cost"), py::arg("row_ind"),
        py::arg("col_ind"), py::arg("row_price"), py::arg("col_price"), py::arg("maximize"),
        py::arg("tolerance"),
        "Check a dense assignment and its prices; raise SlmatchError saying what fails.");
  m.def("min_weight_full_bipartite_matching", &solve_sparse, py::arg("indptr"), py::arg("indices"),
        py::arg("data"), py::arg("rows"), py::arg("cols"), py::arg("maximize"),
        "Sparse rectangular assignment on CSR arrays: (row_ind, col_ind, row_price, col_price, "
        "total).");
}

} // namespace slmatch::bindings
