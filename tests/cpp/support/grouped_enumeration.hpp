#pragma once
/// Helpers over the brute force of `grouped_brute_force.hpp`, for tests only: the
/// assignments obeying pins and forbids, the keys objectives compare them by, the weights
/// of their matches, and random constraints for a grouped problem. Like the brute force,
/// they share no code with the solvers they check.

#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/groups.hpp"
#include "support/grouped_brute_force.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace slmatch::testing {

/// The assignments that put every pinned person where pinned and no one where forbidden.
inline std::vector<grouped_assignment> obeying(const std::vector<grouped_assignment>& all,
                                               const std::vector<pair_constraint>& pins,
                                               const std::vector<pair_constraint>& forbids) {
  std::vector<grouped_assignment> kept;
  for (const auto& a : all) {
    bool ok = true;
    for (const auto& pin : pins)
      ok = ok && a.household_of[static_cast<std::size_t>(pin.person)] == pin.household;
    for (const auto& forbid : forbids)
      ok = ok && a.household_of[static_cast<std::size_t>(forbid.person)] != forbid.household;
    if (ok) kept.push_back(a);
  }
  return kept;
}

/// What an objective compares, larger is better: (matched, total) for
/// max_matched_then_total, (0, total) for max_total.
inline std::pair<int, std::int64_t> grouped_key(objective goal, int matched, std::int64_t total) {
  return goal == objective::max_total ? std::make_pair(0, total) : std::make_pair(matched, total);
}

/// The weights of an assignment's matches (edge weights only, no bonus), ascending.
inline std::vector<std::int64_t> match_weights(const grouped_problem& problem,
                                               const std::vector<int>& household_of) {
  std::vector<std::int64_t> weights;
  for (const auto& e : problem.pairs.edges)
    if (household_of[static_cast<std::size_t>(e.person)] == e.household)
      weights.push_back(e.weight);
  std::sort(weights.begin(), weights.end());
  return weights;
}

/// Pins that some plan obeys, and forbids it obeys too: each person pinned with chance 1/3
/// to where a random plan of `all` puts them, and up to `forbid_draws` random pairs that
/// plan does not use forbidden.
inline std::pair<std::vector<pair_constraint>, std::vector<pair_constraint>>
constraints_from_a_plan(const grouped_problem& problem, const std::vector<grouped_assignment>& all,
                        std::uint64_t seed, int forbid_draws) {
  std::mt19937_64 rng(seed);
  std::vector<pair_constraint> pins, forbids;
  if (all.empty()) return {pins, forbids};
  const auto& plan = all[rng() % all.size()].household_of;
  for (int p = 0; p < problem.pairs.people; ++p)
    if (rng() % 3 == 0) pins.push_back({p, plan[static_cast<std::size_t>(p)]});
  std::shuffle(pins.begin(), pins.end(), rng);
  const auto households = problem.pairs.capacity.size();
  if (problem.pairs.people > 0)
    for (int i = 0; i < forbid_draws; ++i) {
      const int p = static_cast<int>(rng() % static_cast<std::uint64_t>(problem.pairs.people));
      const int h = static_cast<int>(rng() % households);
      if (plan[static_cast<std::size_t>(p)] != h) forbids.push_back({p, h});
    }
  return {pins, forbids};
}

} // namespace slmatch::testing
