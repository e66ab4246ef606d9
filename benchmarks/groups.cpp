/// Benchmark: exact plans with groups (couples, siblings, friends placed together).
///
/// Prints, per scheme size, the median time to solve the plan with groups (the flow
/// relaxation, the repaired plan, and branch and price on the exact programme) against the
/// flow solver on the same pairs without groups, how many plans were proven optimal, and
/// where the time went. Targets: 300 people x 300 households with 10% of people in groups
/// under 1 s; 15,000 x 10,000 with 5% in groups under 30 s; both proven optimal.
///
/// Usage: groups [small runs] [national runs]   (default 9 and 3)

#include "slmatch/match.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

void run(int people, int households, double group_share, int runs, std::uint64_t first_seed,
         int threads) {
  std::vector<double> grouped_times, flow_times, relaxation, repair, programme;
  int proven = 0, members = 0, groups = 0, split = 0;
  std::size_t pairs = 0, nodes = 0, columns = 0;
  for (int k = 0; k < runs; ++k) {
    slmatch::synthetic_options options;
    options.people = people;
    options.households = households;
    options.seed = first_seed + static_cast<std::uint64_t>(k);
    options.group_share = group_share;
    const slmatch::scheme s = slmatch::generate_scheme(options);
    slmatch::candidate_options search;
    search.threads = threads;
    search.keep_contributions = false;
    const slmatch::score_table table = slmatch::to_score_table(
        slmatch::score_candidates(slmatch::encode_scheme(s), search), threads);
    const slmatch::capacitated_problem problem = slmatch::make_problem(s, table, threads);
    const slmatch::grouped_problem grouped = slmatch::make_grouped_problem(s, table, problem);
    pairs += problem.edges.size();
    groups += static_cast<int>(s.groups.size());
    for (const auto& g : s.groups) members += static_cast<int>(g.members.size());

    slmatch::capacitated_options flow;
    flow.threads = threads;
    auto start = std::chrono::steady_clock::now();
    const auto plain =
        slmatch::solve_capacitated(problem, slmatch::objective::max_matched_then_total, flow);
    flow_times.push_back(seconds_since(start));

    slmatch::grouped_options solving;
    solving.flow = flow;
    start = std::chrono::steady_clock::now();
    const slmatch::grouped_plan plan =
        slmatch::solve_grouped(grouped, slmatch::objective::max_matched_then_total, solving);
    grouped_times.push_back(seconds_since(start));
    slmatch::verify_grouped_plan(grouped, slmatch::objective::max_matched_then_total, plan);
    proven += plan.proven_optimal ? 1 : 0;
    relaxation.push_back(plan.stats.relaxation_seconds);
    repair.push_back(plan.stats.repair_seconds);
    programme.push_back(plan.stats.programme_seconds);
    nodes += static_cast<std::size_t>(plan.stats.nodes);
    columns += plan.stats.programme_columns;
    split += plan.stats.nodes > 0 ? 1 : 0;
    if (k == 0)
      std::printf("  seed %llu: matched %d with groups, %d without (of %d people)\n",
                  static_cast<unsigned long long>(options.seed), plan.matched, plain.matched,
                  people);
  }
  const double n = runs;
  std::printf("groups: %d people x %d households, %.0f%% in groups, %d runs, %d threads\n", people,
              households, group_share * 100, runs, threads);
  std::printf("  per scheme: %.0f groups (%.0f people), %.0f feasible pairs\n", groups / n,
              members / n, static_cast<double>(pairs) / n);
  std::printf("  solve with groups: median %.3f s (relaxation %.3f, repair %.3f, branch and price "
              "%.3f)\n",
              median(grouped_times), median(relaxation), median(repair), median(programme));
  std::printf("  flow without groups: median %.3f s; with groups / without: %.2fx\n",
              median(flow_times), median(grouped_times) / std::max(1e-9, median(flow_times)));
  std::printf("  proven optimal %d of %d; relaxation split a group in %d; mean nodes %.1f, "
              "columns priced in %.0f\n",
              proven, runs, split, static_cast<double>(nodes) / n,
              static_cast<double>(columns) / n);
}

} // namespace

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "groups: refusing to measure a debug build\n");
  return 1;
#endif
  const int small_runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  const int national_runs = argc > 2 ? std::max(0, std::atoi(argv[2])) : 3;
  run(300, 300, 0.10, small_runs, 1, 1);
  if (national_runs > 0) run(15000, 10000, 0.05, national_runs, 7, 2);
  return 0;
}
