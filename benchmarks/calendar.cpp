/// Benchmark: the calendar planner on schemes of 70 households and 200 short-break and
/// day-support requests over 13 weeks (`generate_calendar_scheme`, seeds 1..N).
///
/// Prints, per scheme size, the median time to plan (expansion, both MIP steps) and to explain
/// every stay, slot and person, how many plans were proven optimal, the largest gap, units
/// and MIP size; then a national batch of schemes planned one per thread (their CBC solves
/// take turns, so threads overlap only the rest; processes, as on Dask, solve side by side).
/// Target: under 5 s per scheme, proven optimal.
///
/// Usage: calendar [schemes] [threads] [batch]   (default 9 schemes; a batch of 140 on 2 threads)

#include "slmatch/synthetic/calendar.hpp"
#include "slmatch/calendar/explain_calendar.hpp"
#include "slmatch/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

slmatch::scheme calendar_scheme(std::uint64_t seed) {
  slmatch::synthetic_options options;
  options.people = 200;
  options.households = 70;
  options.seed = seed;
  return slmatch::generate_calendar_scheme(options, slmatch::date{2027, 1, 4}, 13);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "calendar: refusing to measure a debug build\n");
  return 1;
#endif
  const int schemes = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
  const int batch = argc > 3 ? std::max(1, std::atoi(argv[3])) : 140;
  const slmatch::calendar_horizon horizon{slmatch::date{2027, 1, 4}, 13};

  std::vector<double> times, explain_times, gaps;
  int proven = 0;
  double worst_gap = 0;
  std::size_t units = 0, options = 0, sentences = 0;
  double covered_share = 0;
  for (int k = 1; k <= schemes; ++k) {
    const slmatch::scheme s = calendar_scheme(static_cast<std::uint64_t>(k));
    const auto start = std::chrono::steady_clock::now();
    const slmatch::calendar_plan plan = slmatch::plan_calendar(s, horizon);
    times.push_back(seconds_since(start));
    const auto explain_start = std::chrono::steady_clock::now();
    const auto reasons = slmatch::explain_units(s, plan);
    const auto people = slmatch::summarise_people(s, plan);
    explain_times.push_back(seconds_since(explain_start));
    for (const auto& unit : reasons) sentences += unit.size();
    for (const auto& person : people) sentences += person.sentences.size();
    proven += plan.proven_optimal ? 1 : 0;
    worst_gap = std::max(worst_gap, plan.gap);
    gaps.push_back(plan.gap);
    units += plan.units.units.size();
    std::size_t covered = 0;
    for (std::size_t u = 0; u < plan.units.units.size(); ++u) {
      options += plan.units.options[u].size();
      covered += plan.household_of[u] >= 0 ? 1 : 0;
    }
    covered_share += plan.units.units.empty() ? 1.0
                                              : static_cast<double>(covered) /
                                                    static_cast<double>(plan.units.units.size());
  }
  std::sort(times.begin(), times.end());
  std::sort(explain_times.begin(), explain_times.end());
  std::printf("calendar: 200 requests x 70 households, 13 weeks, %d schemes\n", schemes);
  std::printf("  units per scheme %.0f, options per unit %.1f, units covered %.1f%%\n",
              static_cast<double>(units) / schemes,
              units ? static_cast<double>(options) / static_cast<double>(units) : 0.0,
              100.0 * covered_share / schemes);
  std::printf("  plan: median %.3f s, fastest %.3f s, slowest %.3f s (target: under 5 s)\n",
              times[times.size() / 2], times.front(), times.back());
  std::printf("  explain every stay, slot and person: median %.3f s, %.0f sentences per scheme\n",
              explain_times[explain_times.size() / 2], static_cast<double>(sentences) / schemes);
  std::sort(gaps.begin(), gaps.end());
  std::printf(
      "  proven optimal: %d of %d, median gap %.4f%%, largest gap %.4f%% (100%%: the second "
      "step found no bound in time)\n",
      proven, schemes, 100.0 * gaps[gaps.size() / 2], 100.0 * worst_gap);

  // A national batch: every scheme on its own, spread over threads.
  std::vector<slmatch::scheme> national;
  for (int k = 1; k <= batch; ++k)
    national.push_back(calendar_scheme(1000 + static_cast<std::uint64_t>(k)));
  std::vector<int> optimal(batch, 0);
  const auto start = std::chrono::steady_clock::now();
  slmatch::for_each_range(national.size(), 1, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k)
      optimal[k] = slmatch::plan_calendar(national[k], horizon).proven_optimal ? 1 : 0;
  });
  const double batch_seconds = seconds_since(start);
  int batch_proven = 0;
  for (int o : optimal) batch_proven += o;
  std::printf("  national batch: %d schemes on %d threads in %.1f s, %d proven optimal\n", batch,
              threads, batch_seconds, batch_proven);
  return 0;
}
