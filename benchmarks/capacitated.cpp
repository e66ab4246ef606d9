/// Benchmark: the fast capacitated solver against the Boost.Graph reference solver.
///
/// 20,000 people, 8,000 households with 1-3 places, about 100 candidate households per
/// person, integer weights 0..100000, from two seeded generators:
///   uniform     each person's households drawn uniformly at random;
///   geographic  people and households are points in a square, each person's candidates are
///               the 100 nearest households, the weight falls with distance plus noise.
/// Prints the median time over several runs of `solve_reference` and of `solve_capacitated`
/// on 1 and 2 threads, their ratio, and checks that all reach the same optimum.
///
/// Usage: capacitated [runs]   (default 5 runs of the fast solver, 3 of the reference)

#include "capacitated_instances.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using slmatch::capacitated_problem;
using slmatch::bench::geographic_problem;
using slmatch::bench::uniform_problem;

/// Median wall time in seconds of `runs` calls; `last` keeps the final plan.
double median_seconds(int runs, const std::function<slmatch::capacitated_plan()>& solve,
                      slmatch::capacitated_plan& last) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    last = solve();
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

bool run(const char* name, const capacitated_problem& problem, slmatch::objective goal, int runs) {
  slmatch::capacitated_plan reference, one, two;
  const double t_reference = median_seconds(
      std::max(1, runs * 3 / 5), [&] { return slmatch::solve_reference(problem, goal); },
      reference);
  const double t_one = median_seconds(
      runs, [&] { return slmatch::solve_capacitated(problem, goal, {1}); }, one);
  const double t_two = median_seconds(
      runs, [&] { return slmatch::solve_capacitated(problem, goal, {2}); }, two);
  const bool equal = reference.matched == one.matched && reference.total == one.total &&
                     one.household_of == two.household_of &&
                     one.certificate.person_price == two.certificate.person_price &&
                     one.certificate.household_price == two.certificate.household_price;
  bool verified = true;
  try {
    slmatch::verify_plan(problem, goal, one);
  } catch (const slmatch::error& e) {
    std::printf("  verify_plan failed: %s\n", e.what());
    verified = false;
  }
  std::printf("%-10s %-22s reference %7.3f s | capacitated 1 thread %7.3f s (x%.1f) | 2 threads "
              "%7.3f s (x%.1f) | matched %d total %lld %s\n",
              name, goal == slmatch::objective::max_total ? "max_total" : "max_matched_then_total",
              t_reference, t_one, t_reference / t_one, t_two, t_reference / t_two, one.matched,
              static_cast<long long>(one.total), equal && verified ? "equal" : "DIFFERENT");
  return equal && verified;
}

} // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  std::printf("capacitated assignment: %d people x %d households (1-3 places), %d candidates "
              "per person, weights 0..%lld; medians of %d runs\n",
              slmatch::bench::people, slmatch::bench::households, slmatch::bench::candidates,
              static_cast<long long>(slmatch::bench::top_weight), runs);
  bool ok = true;
  const capacitated_problem uniform = uniform_problem(20240601);
  const capacitated_problem geographic = geographic_problem(20240601);
  for (auto goal : {slmatch::objective::max_matched_then_total, slmatch::objective::max_total}) {
    ok = run("uniform", uniform, goal, runs) && ok;
    ok = run("geographic", geographic, goal, runs) && ok;
  }
  return ok ? 0 : 1;
}
