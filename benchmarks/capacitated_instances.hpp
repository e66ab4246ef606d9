#pragma once
/// The capacitated instances the solver benchmarks share: 20,000 people, 8,000 households
/// with 1-3 places, about 100 candidate households per person, integer weights 0..100000,
/// from two seeded generators:
///   uniform     each person's households drawn uniformly at random;
///   geographic  people and households are points in a square, each person's candidates are
///               the 100 nearest households, the weight falls with distance plus noise.

#include "slmatch/solve/capacitated.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace slmatch::bench {

constexpr int people = 20000;
constexpr int households = 8000;
constexpr int candidates = 100;
constexpr std::int64_t top_weight = 100000;

inline std::vector<int> random_capacities(std::mt19937_64& rng) {
  std::vector<int> capacity(households);
  for (int& c : capacity) c = 1 + static_cast<int>(rng() % 3);
  return capacity;
}

inline capacitated_problem uniform_problem(std::uint64_t seed) {
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

inline capacitated_problem geographic_problem(std::uint64_t seed) {
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

} // namespace slmatch::bench
