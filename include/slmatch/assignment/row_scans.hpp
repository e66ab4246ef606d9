#pragma once
/// Whole-row scans of a dense cost matrix that several dense solvers share: the smallest
/// entry of a row, and its smallest reduced cost under column prices.
///
/// In: one row of n doubles (and n column prices). Out: one double. O(n), two or four
/// columns a step with SSE2. No entry may be NaN; +inf entries are allowed and never the
/// smallest unless every entry is +inf.

#include "slmatch/assignment/result.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slmatch::detail {

/// min_j row_j over n columns (+inf when n is 0).
inline double row_minimum(const double* SLMATCH_RESTRICT row, std::size_t n) {
  double smallest = std::numeric_limits<double>::infinity();
  std::size_t j = 0;
#if defined(__SSE2__)
  __m128d low = _mm_set1_pd(smallest), high = low;
  for (; j + 4 <= n; j += 4) {
    low = _mm_min_pd(low, _mm_loadu_pd(row + j));
    high = _mm_min_pd(high, _mm_loadu_pd(row + j + 2));
  }
  alignas(16) double lanes[2];
  _mm_store_pd(lanes, _mm_min_pd(low, high));
  smallest = std::min(lanes[0], lanes[1]);
#endif
  for (; j < n; ++j) smallest = std::min(smallest, row[j]);
  return smallest;
}

/// min_j (row_j - price_j) over n columns (+inf when n is 0).
inline double smallest_reduced(const double* SLMATCH_RESTRICT row,
                               const double* SLMATCH_RESTRICT price, std::size_t n) {
  double smallest = std::numeric_limits<double>::infinity();
  std::size_t j = 0;
#if defined(__SSE2__)
  __m128d low = _mm_set1_pd(smallest), high = low;
  for (; j + 4 <= n; j += 4) {
    low = _mm_min_pd(low, _mm_sub_pd(_mm_loadu_pd(row + j), _mm_loadu_pd(price + j)));
    high = _mm_min_pd(high, _mm_sub_pd(_mm_loadu_pd(row + j + 2), _mm_loadu_pd(price + j + 2)));
  }
  alignas(16) double lanes[2];
  _mm_store_pd(lanes, _mm_min_pd(low, high));
  smallest = std::min(lanes[0], lanes[1]);
#endif
  for (; j < n; ++j) smallest = std::min(smallest, row[j] - price[j]);
  return smallest;
}

} // namespace slmatch::detail
