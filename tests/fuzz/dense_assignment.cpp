// Dense assignment from any bytes: a small matrix of costs that are often NaN, infinite,
// huge or tied. The input checks must refuse what is unusable with a library error; every
// answer either solver (or the entry point, with its structured cases) gives must pass
// `verify_dense_assignment`, and all must agree on the optimum.

#include "fuzz_bytes.hpp"

#include "slmatch/assignment/dense.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slmatch::fuzzing::fuzz_bytes in(data, size);
  const auto rows = static_cast<std::size_t>(in.in_range(0, 9));
  const auto cols = static_cast<std::size_t>(in.in_range(0, 9));
  const bool maximize = (in.byte() & 1) != 0;
  slmatch::dense_candidate_options options;
  options.candidates = static_cast<std::size_t>(in.in_range(0, 4));
  options.column_candidates = static_cast<std::size_t>(in.in_range(0, 3));
  options.rounds = static_cast<std::size_t>(in.in_range(0, 3));
  std::vector<double> matrix(rows * cols);
  for (double& entry : matrix) entry = in.cost();
  const slmatch::dense_costs cost{matrix.data(), rows, cols};

  using slmatch::fuzzing::unless_refused;
  const auto direct =
      unless_refused([&] { return slmatch::solve_dense_assignment_jv(cost, maximize); });
  const auto by_candidates = unless_refused(
      [&] { return slmatch::solve_dense_assignment_by_candidates(cost, maximize, options); });
  // The entry point, which tries the structured cases first.
  const auto dispatched =
      unless_refused([&] { return slmatch::solve_dense_assignment(cost, maximize); });
  if (direct.has_value() != by_candidates.has_value()) std::abort();
  if (direct.has_value() != dispatched.has_value()) std::abort();
  if (!direct) return 0;
  // A wrong answer throws out of the fuzzer, which reports it as a crash.
  slmatch::verify_dense_assignment(cost, *direct);
  slmatch::verify_dense_assignment(cost, *by_candidates);
  slmatch::verify_dense_assignment(cost, *dispatched);
  const double tolerance = slmatch::default_dense_tolerance(cost);
  if (!(std::fabs(direct->total - by_candidates->total) <= tolerance)) std::abort();
  if (!(std::fabs(direct->total - dispatched->total) <= tolerance)) std::abort();
  return 0;
}
