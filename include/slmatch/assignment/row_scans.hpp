#pragma once
/// Whole-row scans of a dense cost matrix that the dense solvers share: the smallest entry
/// of a row, its smallest reduced cost under column prices, and its two smallest.
///
/// In: one row of n doubles (and n column prices). Out: one double, or two with their
/// columns. O(n), two or four columns a step with SSE2. No entry may be NaN; +inf entries
/// are allowed and never the smallest unless every entry is +inf.

#include "slmatch/assignment/result.hpp"
#include "slmatch/assignment/row_reduction.hpp"

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

/// The two smallest reduced costs row_j - price_j over n columns, exactly as offering every
/// column in order to `two_smallest` would find them (ties go to the lower column).
inline two_smallest smallest_two_reduced(const double* SLMATCH_RESTRICT row,
                                         const double* SLMATCH_RESTRICT price, std::size_t n) {
  two_smallest best;
  std::size_t j = 0;
#if defined(__SSE2__)
  // Past the first few columns almost none is below the second smallest so far: four
  // compares tell, and only the columns that are get offered, in order.
  __m128d bar = _mm_set1_pd(best.second);
  for (; j + 4 <= n; j += 4) {
    const __m128d low = _mm_sub_pd(_mm_loadu_pd(row + j), _mm_loadu_pd(price + j));
    const __m128d high = _mm_sub_pd(_mm_loadu_pd(row + j + 2), _mm_loadu_pd(price + j + 2));
    const int hits =
        _mm_movemask_pd(_mm_cmplt_pd(low, bar)) | (_mm_movemask_pd(_mm_cmplt_pd(high, bar)) << 2);
    if (hits == 0) continue;
    for (std::size_t k = 0; k < 4; ++k)
      if (hits & (1 << k)) best.offer(row[j + k] - price[j + k], static_cast<int>(j + k), j + k);
    bar = _mm_set1_pd(best.second);
  }
#endif
  for (; j < n; ++j) best.offer(row[j] - price[j], static_cast<int>(j), j);
  return best;
}

} // namespace slmatch::detail
