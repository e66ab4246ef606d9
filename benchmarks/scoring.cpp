// Scoring benchmark: the encoded kernel and sparse candidates against issue #3's targets,
// each with its ratio to the reference `score_scheme` on the same input.
//
// (a) dense kernel, every factor on (every person consents to everything, every weight
//     above 0), a huge travel limit so distance rules nothing out, one thread: pairs
//     examined per second (`score_candidates`, dense; target >= 50 million) and feasible
//     pairs fully scored per second (every factor and the total, `score_households` over
//     each person's feasible households, no search; target >= 50 million). (a') the same
//     on the scheme as generated (40 km limit, consent as people gave it).
// (b) 15,000 people x 10,000 households with a 40 km travel limit over a region of 250 km
//     radius: encoding + grid candidates + scores with contributions on 2 threads
//     (target < 2 s); feasible pairs and peak memory (ru_maxrss, whole process so far).
// (c) 300 x 300 with a 40 km limit: score everything (scores only, as `match` does) and
//     explain every person once — the explanation of their best feasible household
//     (`explain_pair`: every rule and factor in sentences) or, when none is feasible, why
//     not (`explain_unmatched`, with rule counts filled for those people) — target < 5 ms.
//     What a user gets from `slmatch::match` on the same scheme (score, solve, shortlists,
//     explain every proposal) is timed too, and explaining every feasible pair, without
//     targets.
// Reference rates for (a) and (b) come from `score_scheme` on the first few hundred people
// (it takes minutes on the whole input); the ratio compares pairs examined per second.
// Times are medians of several runs; for (a) rates from the processor time of the thread are
// printed beside those from wall-clock time, as the machine may be shared. Prints counts and
// timings only, never personal data.

#include "slmatch/candidates/candidates.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/match.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace slmatch;

namespace {

double seconds_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median_seconds(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) times.push_back(seconds_of(work));
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

/// Wall-clock and this thread's processor time of one run.
struct timing {
  double wall = 0.0, cpu = 0.0;
};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Medians of wall-clock and processor time over `runs` runs (the processor time leaves out
/// time the thread waited for a core on a shared machine).
timing median_times(int runs, const std::function<void()>& work) {
  std::vector<double> walls, cpus;
  for (int r = 0; r < runs; ++r) {
    const double cpu_start = thread_cpu_seconds();
    walls.push_back(seconds_of(work));
    cpus.push_back(thread_cpu_seconds() - cpu_start);
  }
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  return {walls[walls.size() / 2], cpus[cpus.size() / 2]};
}

/// A rate in millions per second, from the wall-clock and the processor time.
void rate(const char* what, double count, const timing& t, const char* target) {
  std::printf("  %-46s %10.3f M/s %10.3f M/s (target %s)\n", what, count / t.wall / 1e6,
              count / t.cpu / 1e6, target);
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

/// The first `people` people of `s` with all its households.
scheme first_people(const scheme& s, std::size_t people) {
  scheme part = s;
  part.people.resize(std::min(people, s.people.size()));
  return part;
}

/// Pairs the reference examines per second on the first `people` people of `s`.
double reference_pairs_per_second(const scheme& s, std::size_t people) {
  const scheme part = first_people(s, people);
  const double t = median_seconds(1, [&] { score_scheme(part); });
  return static_cast<double>(part.people.size() * part.households.size()) / t;
}

void line(const char* what, double measured, const char* unit, const char* target) {
  std::printf("  %-46s %14.3f %-10s (target %s)\n", what, measured, unit, target);
}

/// Case (a): every pair examined (`score_candidates`, dense) and every feasible pair fully
/// scored (`score_households` over each person's feasible households, every factor and the
/// total), on one thread.
void dense_kernel(const char* title, bool every_factor) {
  synthetic_options o;
  o.people = 3000;
  o.households = 3000;
  o.seed = 7;
  if (every_factor) o.travel_limit_km = 100000;
  scheme s = generate_scheme(o);
  if (every_factor)
    for (auto& p : s.people) {
      p.travel_limit_km.reset();
      for (data_category c : all_values<data_category>()) p.consent.insert(c);
      p.weights.clear();
    }
  const scheme_features f = encode_scheme(s);
  candidate_options options;
  options.search = candidate_search::dense;
  std::size_t pairs = 0;
  const timing with_points = median_times(5, [&] { pairs = score_candidates(f, options).size(); });
  options.keep_contributions = false;
  const timing bare = median_times(5, [&] { score_candidates(f, options); });
  // The scoring alone: every feasible pair scored again, no search.
  const candidate_pairs feasible = score_candidates(f, options);
  std::vector<double> scores(feasible.size()), points(feasible.size() * vocabulary_size<factor>);
  auto score_all = [&](double* contributions) {
    for (std::size_t p = 0; p < f.people; ++p) {
      const auto first = static_cast<std::size_t>(feasible.row_start[p]);
      const auto count = static_cast<std::size_t>(feasible.row_start[p + 1]) - first;
      score_households(f, p, feasible.household.data() + first, count, scores.data() + first,
                       contributions ? contributions + first * vocabulary_size<factor> : nullptr);
    }
  };
  const timing kernel = median_times(9, [&] { score_all(nullptr); });
  const timing kernel_points = median_times(9, [&] { score_all(points.data()); });
  double checksum = 0.0;
  for (double x : scores) checksum += x;
  const double all = 3000.0 * 3000.0;
  const auto scored = static_cast<double>(pairs);
  const double reference_rate = reference_pairs_per_second(s, 200);
  std::printf("%s\n", title);
  std::printf("  %-46s %14s %14s\n", "", "wall", "cpu");
  rate("pairs examined per second, scores only", all, bare, ">= 50 M/s");
  rate("pairs examined per second, with contributions", all, with_points, "-");
  rate("feasible pairs fully scored per second", scored, kernel, ">= 50 M/s");
  rate("  the same, with contributions", scored, kernel_points, "-");
  rate("search + scores, per feasible pair", scored, bare, "-");
  std::printf("  feasible pairs %zu (%.1f%%), checksum %.3f; reference %.2f M pairs/s -> %.0fx "
              "faster%s\n",
              pairs, 100.0 * scored / all, checksum, reference_rate / 1e6,
              all / bare.wall / reference_rate,
              avx2_kernel_available() ? "; AVX2 copy of the kernel" : "");
}

} // namespace

int main() {
#ifndef NDEBUG
  std::fprintf(stderr, "scoring benchmark: build with -DCMAKE_BUILD_TYPE=Release (NDEBUG is "
                       "not set, timings would mean nothing)\n");
  return 1;
#else
  std::printf("slmatch scoring benchmark (medians)\n");

  // (b) first, so the process's peak memory is this case's.
  {
    synthetic_options o;
    o.people = 15000;
    o.households = 10000;
    o.seed = 3;
    o.radius_km = 250;
    o.clusters = 60;
    o.travel_limit_km = 40;
    const scheme s = generate_scheme(o);
    const double before_mb = peak_memory_mb();
    candidate_options options;
    options.threads = 2;
    std::size_t pairs = 0;
    double encode_time = 0.0;
    const double total = median_seconds(3, [&] {
      scheme_features f;
      encode_time += seconds_of([&] { f = encode_scheme(s); });
      const candidate_pairs c = score_candidates(f, options);
      pairs = c.size();
    });
    const double peak_mb = peak_memory_mb();
    options.keep_contributions = false;
    const scheme_features f = encode_scheme(s);
    const double bare = median_seconds(3, [&] { score_candidates(f, options); });
    const double reference_rate = reference_pairs_per_second(s, 300);
    const double reference_time = 15000.0 * 10000.0 / reference_rate;
    std::printf("(b) 15000 people x 10000 households, 40 km limit, radius 250 km, 2 threads\n");
    line("encode + candidates + scores + contributions", total, "s", "< 2 s");
    line("  of which encoding (mean)", encode_time / 3, "s", "-");
    line("candidates + scores, no contributions", bare, "s", "-");
    std::printf("  feasible pairs %zu (%.2f%% of all pairs)\n", pairs,
                100.0 * static_cast<double>(pairs) / (15000.0 * 10000.0));
    std::printf("  peak memory %.1f MB (scheme alone %.1f MB)\n", peak_mb, before_mb);
    std::printf("  reference score_scheme (1 thread, from 300 people): ~%.1f s -> %.0fx faster\n",
                reference_time, reference_time / total);
  }

  // (c) 300 x 300: score and explain everything.
  {
    synthetic_options o;
    o.people = 300;
    o.households = 300;
    o.seed = 5;
    const scheme s = generate_scheme(o);
    std::size_t explained = 0, feasible = 0;
    auto explain_everyone = [&](const auto& best) {
      std::vector<std::size_t> nobody;
      std::vector<int> household_of(s.people.size(), -1);
      explained = 0;
      for (std::size_t p = 0; p < s.people.size(); ++p) {
        const int h = best(p);
        if (h >= 0) {
          explained += explain_pair(s, p, static_cast<std::size_t>(h)).reasons.size();
        } else {
          nobody.push_back(p);
        }
      }
      return std::make_pair(nobody, household_of);
    };
    candidate_options scores_only;
    scores_only.keep_contributions = false; // explanations recompute the pairs they show
    const double fast = median_seconds(15, [&] {
      const scheme_features f = encode_scheme(s);
      const candidate_pairs c = score_candidates(f, scores_only);
      feasible = c.size();
      score_table table = to_score_table(c);
      auto [nobody, household_of] = explain_everyone([&](std::size_t p) {
        int best = -1;
        for (auto k = c.row_start[p]; k < c.row_start[p + 1]; ++k)
          if (best < 0 ||
              c.score[static_cast<std::size_t>(k)] > c.score[static_cast<std::size_t>(best)])
            best = static_cast<int>(k);
        return best < 0 ? -1 : c.household[static_cast<std::size_t>(best)];
      });
      fill_rule_failures(f, table, nobody);
      for (std::size_t p : nobody)
        explained += explain_unmatched(s, table, household_of, p).blocking_rules.size();
    });
    const double reference = median_seconds(5, [&] {
      const score_table table = score_scheme(s);
      auto [nobody, household_of] = explain_everyone([&](std::size_t p) {
        int best = -1;
        double best_score = -1.0;
        for (const auto& pair : table.pairs)
          if (pair.person == p && pair.score > best_score) {
            best = static_cast<int>(pair.household);
            best_score = pair.score;
          }
        return best;
      });
      for (std::size_t p : nobody) explain_unmatched(s, table, household_of, p);
    });
    std::size_t matched = 0;
    const double end_to_end = median_seconds(15, [&] {
      const match_result r = match(s);
      matched = static_cast<std::size_t>(r.plan.matched);
    });
    const double every_pair = median_seconds(3, [&] {
      const candidate_pairs c = score_candidates(s, scores_only);
      for (std::size_t p = 0; p < s.people.size(); ++p)
        for (auto k = c.row_start[p]; k < c.row_start[p + 1]; ++k)
          explain_pair(s, p, static_cast<std::size_t>(c.household[static_cast<std::size_t>(k)]));
    });
    const double scoring_only = median_seconds(15, [&] { score_candidates(s, scores_only); });
    std::printf("(c) 300 x 300, 40 km limit: score all, explain every person's best household\n");
    line("score + explain every person", fast * 1e3, "ms", "< 5 ms");
    line("  of which encoding + scoring", scoring_only * 1e3, "ms", "-");
    std::printf("  feasible pairs %zu; reference (score_scheme + same explanations) %.2f ms -> "
                "%.1fx\n",
                feasible, reference * 1e3, reference / fast);
    line("match(): score, solve, shortlists, explain all", end_to_end * 1e3, "ms", "none");
    std::printf("  match() proposes a household to %zu of 300 people\n", matched);
    line("explain_pair for every feasible pair", every_pair * 1e3, "ms", "none");
  }

  // (a) the dense kernel with every factor on, then on the scheme as generated.
  dense_kernel("(a) dense kernel, 3000 x 3000, every factor on, 1 thread", true);
  dense_kernel("(a') dense kernel, 3000 x 3000, the generated scheme (40 km, consent as given), "
               "1 thread",
               false);
  return 0;
#endif
}
