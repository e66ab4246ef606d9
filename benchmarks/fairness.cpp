/// Benchmark: the egalitarian plan against the plain optimum, both on the fast solver.
///
/// 20,000 people, 8,000 households with 1-3 places, 100 candidate households per person
/// drawn uniformly at random, integer weights 0..100000, fixed seed. Prints the median
/// time of `solve_capacitated` (plain optimum, most matched then total) and of
/// `solve_egalitarian` with `solve_capacitated` as its solver (its time includes its own
/// plain solve, the binary search on the floor and the final solve), their ratio (target:
/// below 5; wall-clock and process CPU time, the latter steadier on a loaded machine), the floor
/// and the price of fairness. Checks that both plans verify.
///
/// Usage: fairness [runs] [threads]   (default 3 runs, 1 thread)

#include "capacitated_instances.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/solve/capacitated_solver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

namespace {

using slmatch::capacitated_problem;
using slmatch::bench::uniform_problem;

/// Median wall-clock and process CPU seconds of `run` over `runs` runs.
struct timing {
  double wall = 0;
  double cpu = 0;
};

template <class Run> timing median_seconds(int runs, Run run) {
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    run();
    cpu.push_back(static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

} // namespace

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "fairness: refusing to measure a debug build\n");
  return 1;
#endif
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  const capacitated_problem problem = uniform_problem(20240601);
  const slmatch::capacitated_options options{threads};
  auto solver = [&](const capacitated_problem& p, slmatch::objective goal) {
    return slmatch::solve_capacitated(p, goal, options);
  };

  slmatch::capacitated_plan plain;
  const timing plain_seconds = median_seconds(runs, [&] { plain = solver(problem, {}); });
  slmatch::fair_plan fair;
  const timing fair_seconds =
      median_seconds(runs, [&] { fair = slmatch::solve_egalitarian(problem, {}, solver); });
  slmatch::verify_plan(problem, slmatch::objective::max_matched_then_total, plain);
  slmatch::verify_plan(fair.solved_problem, fair.solved_goal, fair.solved_plan);

  std::int64_t plain_lowest = -1;
  for (const auto& e : problem.edges)
    if (plain.household_of[static_cast<std::size_t>(e.person)] == e.household)
      plain_lowest = plain_lowest < 0 ? e.weight : std::min(plain_lowest, e.weight);

  std::printf("fairness: %d people x %d households, %zu edges, %d thread(s), median of %d\n",
              slmatch::bench::people, slmatch::bench::households, problem.edges.size(), threads,
              runs);
  std::printf("  plain optimum   %7.3f s wall %7.3f s cpu  matched %d  total %lld  lowest %lld\n",
              plain_seconds.wall, plain_seconds.cpu, plain.matched,
              static_cast<long long>(plain.total), static_cast<long long>(plain_lowest));
  std::printf("  egalitarian     %7.3f s wall %7.3f s cpu  matched %d  total %lld  lowest %lld "
              "(floor %lld)\n",
              fair_seconds.wall, fair_seconds.cpu, fair.matched, static_cast<long long>(fair.total),
              static_cast<long long>(fair.lowest), static_cast<long long>(fair.thresholds[0]));
  std::printf("  ratio egalitarian / plain: %.2fx wall, %.2fx cpu (target < 5x)\n",
              fair_seconds.wall / plain_seconds.wall, fair_seconds.cpu / plain_seconds.cpu);
  std::printf("  price of fairness: %lld total (%.3f%%), %d matched\n",
              static_cast<long long>(fair.cost.total_lost),
              100.0 * static_cast<double>(fair.cost.total_lost) /
                  static_cast<double>(std::max<std::int64_t>(1, plain.total)),
              fair.cost.matched_lost);
  return 0;
}
