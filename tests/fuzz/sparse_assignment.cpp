// Sparse assignment from any bytes: a small CSR matrix whose row pointers may decrease or
// not start at 0, whose column indices may fall outside the matrix, and whose costs are
// often NaN, infinite, huge or tied. The input checks must refuse what is malformed with a
// library error; every answer must pass `verify_sparse_assignment` and match the dense
// solver on the same matrix (the best stored entry of each pair, +inf where none).

#include "fuzz_bytes.hpp"

#include "slmatch/assignment/dense.hpp"
#include "slmatch/assignment/sparse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slmatch::fuzzing::fuzz_bytes in(data, size);
  const auto rows = static_cast<std::size_t>(in.in_range(0, 8));
  const auto cols = static_cast<std::size_t>(in.in_range(0, 8));
  const bool maximize = (in.byte() & 1) != 0;
  const bool corrupt_pointers = in.byte() % 8 == 0;

  std::vector<std::int64_t> indptr{0};
  for (std::size_t r = 0; r < rows; ++r) indptr.push_back(indptr.back() + in.in_range(0, 4));
  const auto stored = static_cast<std::size_t>(indptr.back());
  if (corrupt_pointers && rows > 0) {
    // Any pointer may change, but never past the arrays: the caller owns their lengths.
    const auto at = static_cast<std::size_t>(in.in_range(0, static_cast<int>(rows)));
    indptr[at] = in.in_range(-2, static_cast<int>(stored));
  }
  std::vector<std::int64_t> indices(stored);
  std::vector<double> values(stored);
  for (std::size_t k = 0; k < stored; ++k) {
    indices[k] = in.index(static_cast<int>(cols));
    values[k] = in.cost();
  }
  const slmatch::sparse_costs cost{indptr.data(), indices.data(), values.data(), rows, cols};

  const auto sparse = slmatch::fuzzing::unless_refused(
      [&] { return slmatch::solve_sparse_assignment(cost, maximize); });
  bool well_formed = true;
  try {
    slmatch::check_sparse_costs(cost, maximize);
  } catch (const slmatch::error&) {
    well_formed = false;
  }
  if (!well_formed) {
    if (sparse) std::abort(); // a malformed matrix must be refused
    return 0;
  }

  // The same problem as a dense matrix: the best stored entry of each pair.
  const double forbidden =
      maximize ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  std::vector<double> dense(rows * cols, forbidden);
  for (std::size_t r = 0; r < rows; ++r)
    for (auto k = static_cast<std::size_t>(indptr[r]); k < static_cast<std::size_t>(indptr[r + 1]);
         ++k) {
      double& entry = dense[r * cols + static_cast<std::size_t>(indices[k])];
      entry = maximize ? std::max(entry, values[k]) : std::min(entry, values[k]);
    }
  const slmatch::dense_costs dense_cost{dense.data(), rows, cols};
  const auto reference = slmatch::fuzzing::unless_refused(
      [&] { return slmatch::solve_dense_assignment_jv(dense_cost, maximize); });
  if (sparse.has_value() != reference.has_value()) std::abort();
  if (!sparse) return 0;
  slmatch::verify_sparse_assignment(cost, *sparse); // throws (a crash) on a wrong answer
  const double tolerance = std::max(slmatch::default_sparse_tolerance(cost),
                                    slmatch::default_dense_tolerance(dense_cost));
  if (!(std::fabs(sparse->total - reference->total) <= tolerance)) std::abort();
  return 0;
}
