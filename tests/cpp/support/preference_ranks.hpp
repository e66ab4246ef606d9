#pragma once
/// Reading ranked preferences back: where one side ranks the other.

#include "slmatch/stable/preferences.hpp"

#include <cstddef>

namespace slmatch::testing {

/// The rank of `other` in `row` of `side`, or -1 when not listed.
inline int rank_in(const ranked_lists& side, int row, int other) {
  for (std::size_t k = side.first[static_cast<std::size_t>(row)];
       k < side.first[static_cast<std::size_t>(row) + 1]; ++k)
    if (side.entries[k] == other)
      return static_cast<int>(k - side.first[static_cast<std::size_t>(row)]);
  return -1;
}

/// Whether person `p` and household `h` each list the other.
inline bool acceptable(const preferences& lists, int p, int h) {
  return rank_in(lists.person_ranks, p, h) >= 0 && rank_in(lists.household_ranks, h, p) >= 0;
}

} // namespace slmatch::testing
