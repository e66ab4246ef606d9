#pragma once
/// Where each factor sits in the arrays scores are kept in (vocabulary order).

#include "slmatch/model/vocabulary.hpp"
#include "slmatch/score/factors.hpp"

#include <cstddef>

namespace slmatch::testing {

/// How many factors there are: the length of every per-factor array.
inline constexpr std::size_t factor_count = vocabulary_size<factor>;

/// The position of `f` in a per-factor array.
inline std::size_t index(factor f) { return static_cast<std::size_t>(f); }

} // namespace slmatch::testing
