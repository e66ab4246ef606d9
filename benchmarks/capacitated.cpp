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

constexpr int people = 20000;
constexpr int households = 8000;
constexpr int candidates = 100;
constexpr std::int64_t top_weight = 100000;

std::vector<int> random_capacities(std::mt19937_64& rng) {
  std::vector<int> capacity(households);
  for (int& c : capacity) c = 1 + static_cast<int>(rng() % 3);
  return capacity;
}

capacitated_problem uniform_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  capacitated_problem problem;
  problem.people = people;
  problem.capacity = random_capacities(rng);
  std::vector<int> stamp(households, -1);
  for (int p = 0; p < people; ++p)
    for (int picked = 0; picked < candidates;) {
      const int h = static_cast<int>(rng() % households);
      if (stamp[static_cast<std::size_t>(h)] == p) continue;
      stamp[static_cast<std::size_t>(h)] = p;
      problem.edges.push_back({p, h, static_cast<std::int64_t>(rng() % (top_weight + 1))});
      ++picked;
    }
  return problem;
}

capacitated_problem geographic_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  capacitated_problem problem;
  problem.people = people;
  problem.capacity = random_capacities(rng);
  std::vector<double> hx(households), hy(households);
  for (int h = 0; h < households; ++h) {
    hx[static_cast<std::size_t>(h)] = unit(rng);
    hy[static_cast<std::size_t>(h)] = unit(rng);
  }
  // Bucket households on a grid so each person's nearest ones are found nearby.
  constexpr int grid = 64;
  std::vector<std::vector<int>> cell(grid * grid);
  auto cell_of = [](double x) { return std::min(grid - 1, static_cast<int>(x * grid)); };
  for (int h = 0; h < households; ++h)
    cell[static_cast<std::size_t>(cell_of(hy[static_cast<std::size_t>(h)]) * grid +
                                  cell_of(hx[static_cast<std::size_t>(h)]))]
        .push_back(h);
  std::normal_distribution<double> noise(0.0, 5000.0);
  std::vector<std::pair<double, int>> near;
  for (int p = 0; p < people; ++p) {
    const double x = unit(rng), y = unit(rng);
    const int cx = cell_of(x), cy = cell_of(y);
    for (int radius = 2;; ++radius) {
      near.clear();
      for (int gy = std::max(0, cy - radius); gy <= std::min(grid - 1, cy + radius); ++gy)
        for (int gx = std::max(0, cx - radius); gx <= std::min(grid - 1, cx + radius); ++gx)
          for (int h : cell[static_cast<std::size_t>(gy * grid + gx)]) {
            const double dx = hx[static_cast<std::size_t>(h)] - x;
            const double dy = hy[static_cast<std::size_t>(h)] - y;
            near.push_back({dx * dx + dy * dy, h});
          }
      // Enough households, and the ring searched is wider than the farthest one kept.
      if (near.size() < candidates) continue;
      std::nth_element(near.begin(), near.begin() + (candidates - 1), near.end());
      const double reach = static_cast<double>(radius) / grid;
      if (near[candidates - 1].first <= reach * reach || radius >= grid) break;
    }
    std::sort(near.begin(), near.begin() + candidates);
    const double farthest = std::sqrt(near[candidates - 1].first);
    for (int i = 0; i < candidates; ++i) {
      const double closeness = 1.0 - std::sqrt(near[static_cast<std::size_t>(i)].first) /
                                         (farthest > 0 ? farthest : 1.0);
      const double w = std::round(closeness * 0.9 * top_weight + 0.1 * top_weight + noise(rng));
      problem.edges.push_back(
          {p, near[static_cast<std::size_t>(i)].second,
           static_cast<std::int64_t>(std::clamp(w, 0.0, static_cast<double>(top_weight)))});
    }
  }
  return problem;
}

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
              people, households, candidates, static_cast<long long>(top_weight), runs);
  bool ok = true;
  const capacitated_problem uniform = uniform_problem(20240601);
  const capacitated_problem geographic = geographic_problem(20240601);
  for (auto goal : {slmatch::objective::max_matched_then_total, slmatch::objective::max_total}) {
    ok = run("uniform", uniform, goal, runs) && ok;
    ok = run("geographic", geographic, goal, runs) && ok;
  }
  return ok ? 0 : 1;
}
