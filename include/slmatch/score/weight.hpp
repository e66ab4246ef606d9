#pragma once
/// Scores as the integer weights the solvers take.
///
/// In: a score on the 0–100 scale (a double). Out: the score in thousandths of a point,
/// rounded to the nearest integer, as the `std::int64_t` edge weight of a
/// `capacitated_problem`. The solvers are exact on integers, so the optimum they find is
/// exact on the scores as reported (to 0.001 of a point). O(1).

#include <cmath>
#include <cstdint>

namespace slmatch {

/// Scores are kept to this many units per point when handed to the integer solvers, so
/// the optimum is exact on the scores as reported (to 0.001 of a point).
inline constexpr double score_units_per_point = 1000.0;

/// A score on the 0–100 scale as the integer weight the solvers use.
///
/// @param[in] score  a score on the 0–100 scale
/// @return  `score` × `score_units_per_point`, rounded to the nearest integer (halves away
///          from zero)
inline std::int64_t score_to_weight(double score) {
  return static_cast<std::int64_t>(std::llround(score * score_units_per_point));
}

} // namespace slmatch
