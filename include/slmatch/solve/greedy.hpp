#pragma once
/// The greedy plan of a capacitated problem: the way a plan is often drawn up by hand, best
/// pair first, as a baseline for the optimal and fair plans.
///
/// In: a `capacitated_problem`. Out: per person, a household index or -1. Not optimal: a
/// good pair taken early can leave others without any household.

#include "slmatch/solve/capacitated.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace slmatch {

/// The greedy plan: edges by weight descending (ties: lower person, then lower household),
/// each taken while its person is unmatched and its household has a place left.
///
/// @param[in] problem  a well-formed capacitated problem (see `check_problem`)
/// @return  per person: household index or -1
inline std::vector<int> greedy_plan(const capacitated_problem& problem) {
  std::vector<std::size_t> order(problem.edges.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ea = problem.edges[a];
    const auto& eb = problem.edges[b];
    if (ea.weight != eb.weight) return ea.weight > eb.weight;
    if (ea.person != eb.person) return ea.person < eb.person;
    return ea.household < eb.household;
  });
  std::vector<int> household_of(static_cast<std::size_t>(problem.people), -1);
  std::vector<int> left = problem.capacity;
  for (std::size_t k : order) {
    const auto& e = problem.edges[k];
    auto& place = household_of[static_cast<std::size_t>(e.person)];
    auto& free = left[static_cast<std::size_t>(e.household)];
    if (place >= 0 || free <= 0) continue;
    place = e.household;
    --free;
  }
  return household_of;
}

} // namespace slmatch
