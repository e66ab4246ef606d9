#pragma once
/// Random waiting times for the fair objectives' tests.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace slmatch::testing {

/// Days waited for `people` people: all short, all spread over 400 days, or all 0 (ties).
inline std::vector<std::int64_t> random_waiting(int people, std::uint64_t seed) {
  std::mt19937_64 rng(seed * 31 + 7);
  std::vector<std::int64_t> waiting(static_cast<std::size_t>(people));
  const int pattern = static_cast<int>(rng() % 3);
  for (auto& w : waiting)
    w = pattern == 0   ? static_cast<std::int64_t>(rng() % 4)
        : pattern == 1 ? static_cast<std::int64_t>(rng() % 400)
                       : 0;
  return waiting;
}

} // namespace slmatch::testing
