#pragma once
/// Random ranked preferences for stable-matching tests.

#include "slmatch/stable/preferences.hpp"

#include <algorithm>
#include <random>
#include <vector>

namespace slmatch::testing {

/// Random lists: each side lists a random subset of the other (each one with chance
/// `listed`) in random order, so some listings are not returned by the other side;
/// households have 0-2 places.
inline preferences random_preferences(std::mt19937_64& rng, int people, int households,
                                      double listed = 0.7) {
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<int> places(0, 2);
  preferences lists;
  lists.people = people;
  for (int h = 0; h < households; ++h) lists.capacity.push_back(places(rng));
  auto random_row = [&](int count) {
    std::vector<int> row;
    for (int i = 0; i < count; ++i)
      if (coin(rng) < listed) row.push_back(i);
    std::shuffle(row.begin(), row.end(), rng);
    return row;
  };
  for (int p = 0; p < people; ++p) lists.person_ranks.add_row(random_row(households));
  for (int h = 0; h < households; ++h) lists.household_ranks.add_row(random_row(people));
  return lists;
}

} // namespace slmatch::testing
