#pragma once
/// The pair kernel: hard rules and soft factors for one person–household pair, on features.
///
/// In: `scheme_features` (consent already applied), a person index and a household index.
/// Out: whether the pair passes every hard rule (`pair_feasible`), and its 0–100 score with
/// each factor's points (`score_pair`). Both equal the reference in `slmatch/score/`:
/// the same feasibility, scores and points within 1e-9 (the reference stays the definition;
/// tests compare the two on thousands of random schemes).
///
/// Order of tests, cheapest first: one AND of the two 64-bit rule masks (14 of the 17 rules),
/// then the travel limit as squared chords against thresholds precomputed per person (the
/// reference haversine decides only pairs within 1 mm of the limit), then the person's
/// short sorted list of blocked households. Factors are computed only for feasible pairs,
/// without allocation or strings.

#include "slmatch/features/features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace slmatch {

namespace kernel_detail {

/// Below this travel limit, closeness uses the reference haversine: the chord formula's
/// ~1e-12 km rounding divided by a tiny limit could exceed 1e-9 of a point.
inline constexpr double exact_distance_below_km = 5.0;

/// Everything about one person the kernel reads for every pair, loaded once.
struct person_view {
  std::size_t index = 0;
  std::uint64_t rule_bits = 0;
  std::int32_t first_place = 0, places = 0;
  double limit = 0.0, surely_within = 0.0, surely_beyond = 0.0;
  bool exact_distances = false;
  std::uint32_t factors = 0;
  const double* weights = nullptr;
  const std::uint64_t* interests = nullptr;
  const std::uint64_t* other_languages = nullptr;
  const std::uint64_t* cultures = nullptr;
  double inverse_interest_marks = 0.0; ///< 1 / min(interests listed, 3)
  double inverse_culture_count = 0.0;
  double inverse_need_count = 0.0;
  std::int32_t first_language = -1, faith = -1;
  bool has_faith = false, has_cultures = false, has_lifestyle = false;
  bool uses_household_preferences = false;
  std::uint8_t pets_feeling = 1, children_feeling = 1;
  std::uint32_t diets = 0, needs = 0;
  double inverse_diet_count = 0.0;
  double activity = 0.0, setting = 0.0, routine = 0.0;
  std::int32_t age = 0;
  std::uint8_t gender = 0;
  std::int8_t preferred_carer_gender = -1;
  const std::int32_t* known_begin = nullptr;
  const std::int32_t* known_end = nullptr;
  const blocked_household* blocked_begin = nullptr;
  const blocked_household* blocked_end = nullptr;
};

inline person_view view_person(const scheme_features& f, std::size_t p) {
  person_view v;
  const auto e = static_cast<Eigen::Index>(p);
  v.index = p;
  v.rule_bits = f.person_rule_bits[p];
  v.first_place = f.place_start[p];
  v.places = f.place_start[p + 1] - f.place_start[p];
  v.limit = f.travel_limit[e];
  v.surely_within = f.chord2_surely_within[e];
  v.surely_beyond = f.chord2_surely_beyond[e];
  v.exact_distances = v.limit < exact_distance_below_km;
  v.factors = f.person_factors[p];
  v.weights = f.weights.data() + p * vocabulary_size<factor>;
  v.interests = f.person_interests.row(p);
  v.other_languages = f.person_other_languages.row(p);
  v.cultures = f.person_cultures.row(p);
  const int interests = f.interest_count[p];
  v.inverse_interest_marks =
      interests > 0 ? 1.0 / std::min<double>(interests, factor_constants::interests_for_full_marks)
                    : 0.0;
  v.has_cultures = f.culture_count[p] > 0;
  v.inverse_culture_count = v.has_cultures ? 1.0 / f.culture_count[p] : 0.0;
  v.first_language = f.first_language[p];
  v.faith = f.faith[p];
  v.has_faith = f.has_faith[p] != 0;
  v.has_lifestyle = f.has_lifestyle[p] != 0;
  v.uses_household_preferences = f.uses_household_preferences[p] != 0;
  v.pets_feeling = f.pets_feeling[p];
  v.children_feeling = f.children_feeling[p];
  v.diets = f.person_diets[p];
  v.inverse_diet_count = v.diets ? 1.0 / bit_count(v.diets) : 0.0;
  v.needs = f.person_needs[p];
  v.inverse_need_count = v.needs ? 1.0 / bit_count(v.needs) : 0.0;
  v.activity = f.person_activity[e];
  v.setting = f.person_setting[e];
  v.routine = f.person_routine[e];
  v.age = f.age[p];
  v.gender = f.person_gender[p];
  v.preferred_carer_gender = f.preferred_carer_gender[p];
  v.known_begin = f.known.data() + f.known_start[p];
  v.known_end = f.known.data() + f.known_start[p + 1];
  v.blocked_begin = f.blocked.data() + f.blocked_start[p];
  v.blocked_end = f.blocked.data() + f.blocked_start[p + 1];
  return v;
}

inline double squared_chord_between(const scheme_features& f, std::size_t h, std::int32_t place) {
  const double dx = f.household_x[static_cast<Eigen::Index>(h)] - f.place_x[place];
  const double dy = f.household_y[static_cast<Eigen::Index>(h)] - f.place_y[place];
  const double dz = f.household_z[static_cast<Eigen::Index>(h)] - f.place_z[place];
  return dx * dx + dy * dy + dz * dz;
}

/// Great-circle kilometres from a squared chord of the unit sphere.
inline double chord_to_km(double chord2) {
  const double x = std::sqrt(chord2) * 0.5; // sine of half the angle
  double half_angle;
  if (x < 0.01) { // arcsine series; the first omitted term is below 1e-20 of x
    const double x2 = x * x;
    half_angle =
        x *
        (1.0 + x2 * (1.0 / 6.0 + x2 * (3.0 / 40.0 + x2 * (15.0 / 336.0 + x2 * (105.0 / 3456.0)))));
  } else {
    half_angle = std::asin(std::min(1.0, x));
  }
  return 2.0 * feature_detail::earth_radius_km * half_angle;
}

/// Whether place `place` of the person is within the limit from household `h`.
inline bool place_within(const scheme_features& f, const person_view& v, std::size_t h,
                         std::int32_t place) {
  const double chord2 = squared_chord_between(f, h, place);
  if (chord2 <= v.surely_within) return true;
  if (chord2 > v.surely_beyond) return false;
  // Within 1 mm of the limit: decide exactly as the reference travel rule does.
  return !(distance_km(f.household_location[h], f.place_location[static_cast<std::size_t>(place)]) >
           v.limit);
}

/// Whether the household is within the person's limit of every place (travel rule).
inline bool within_travel(const scheme_features& f, const person_view& v, std::size_t h) {
  for (std::int32_t k = 0; k < v.places; ++k)
    if (!place_within(f, v, h, v.first_place + k)) return false;
  return true;
}

/// The blocked entry for household `h`, advancing a cursor over the sorted list, or null.
inline const blocked_household* find_blocked(const person_view& v, std::int32_t h) {
  const blocked_household* it =
      std::lower_bound(v.blocked_begin, v.blocked_end, h,
                       [](const blocked_household& b, std::int32_t x) { return b.household < x; });
  return it != v.blocked_end && it->household == h ? it : nullptr;
}

inline double attitude_score(std::uint8_t feeling, bool present) {
  return factor_detail::attitude_fit(static_cast<attitude>(feeling), present);
}

} // namespace kernel_detail

/// Whether a pair passes every hard rule, on features.
///
/// @param[in] f          encoded scheme
/// @param[in] person     index of the person
/// @param[in] household  index of the household
/// @return  the same verdict as `is_feasible` on the scheme
inline bool pair_feasible(const scheme_features& f, std::size_t person, std::size_t household) {
  const auto v = kernel_detail::view_person(f, person);
  return (v.rule_bits & f.household_rule_bits[household]) == 0 &&
         kernel_detail::within_travel(f, v, household) &&
         !kernel_detail::find_blocked(v, static_cast<std::int32_t>(household));
}

namespace kernel_detail {

/// Score of a pair (0–100); when `points` is not null it receives every factor's points in
/// `factor` order (0 for factors not used). Reads only the features.
inline double score_pair(const scheme_features& f, const person_view& v, std::size_t h,
                         double* points) {
  constexpr std::size_t n = vocabulary_size<factor>;
  const auto e = static_cast<Eigen::Index>(h);
  std::array<double, n> raw{};
  std::array<double, n> weight{};
  const std::uint32_t usable = v.factors;
  auto on = [&](factor x) { return (usable >> static_cast<unsigned>(x)) & 1u; };
  auto set = [&](factor x, double value) {
    const auto k = static_cast<std::size_t>(x);
    raw[k] = value;
    weight[k] = v.weights[k];
  };

  if (on(factor::community)) {
    double sum = 0.0;
    for (std::int32_t k = 0; k < v.places; ++k) {
      const std::int32_t place = v.first_place + k;
      const double d = v.exact_distances
                           ? distance_km(f.household_location[h],
                                         f.place_location[static_cast<std::size_t>(place)])
                           : chord_to_km(squared_chord_between(f, h, place));
      sum += factor_detail::closeness(d, v.limit);
    }
    set(factor::community, sum / v.places);
  }
  if (on(factor::interests)) {
    const std::size_t words = f.person_interests.words_per_row();
    const std::uint64_t* carers = f.household_interests.row(h);
    const std::uint64_t* residents = f.household_resident_interests.row(h);
    const int shared = count_common(v.interests, carers, words);
    const int with_residents = count_common_except(v.interests, residents, carers, words);
    const double credit = shared + factor_constants::resident_interest_credit * with_residents;
    set(factor::interests, std::min(1.0, credit * v.inverse_interest_marks));
  }
  if (on(factor::language)) {
    double value = 0.0;
    if (f.household_languages.test(h, v.first_language))
      value = 1.0;
    else if (count_common(v.other_languages, f.household_languages.row(h),
                          f.household_languages.words_per_row()) > 0)
      value = factor_constants::other_language_score;
    set(factor::language, value);
  }
  if (on(factor::faith_culture)) {
    double sum = 0.0;
    int count = 0;
    if (v.has_faith) {
      sum += f.household_faiths.test(h, v.faith) ? 1.0 : 0.0;
      ++count;
    }
    if (v.has_cultures) {
      sum += count_common(v.cultures, f.household_cultures.row(h),
                          f.household_cultures.words_per_row()) *
             v.inverse_culture_count;
      ++count;
    }
    set(factor::faith_culture, count == 2 ? sum * 0.5 : sum);
  }
  if (on(factor::diet))
    set(factor::diet, bit_count(v.diets & f.household_diets[h]) * v.inverse_diet_count);
  if (on(factor::lifestyle))
    set(factor::lifestyle, 1.0 - (std::abs(v.activity - f.household_activity[e]) +
                                  std::abs(v.setting - f.household_setting[e]) +
                                  std::abs(v.routine - f.household_routine[e])) /
                                     3.0);
  if (on(factor::household_mix)) {
    double sum = 0.0;
    int count = 0;
    const std::int32_t m0 = f.member_start[h], m1 = f.member_start[h + 1];
    if (m1 > m0) {
      double fits = 0.0;
      for (std::int32_t m = m0; m < m1; ++m)
        fits += std::max(0.0, 1.0 - std::abs(v.age - f.member_age[static_cast<std::size_t>(m)]) /
                                        factor_constants::age_gap_for_no_fit);
      sum += fits / (m1 - m0);
      ++count;
    }
    if (v.uses_household_preferences) {
      sum += attitude_score(v.pets_feeling, f.household_has_pets[h] != 0);
      sum += attitude_score(v.children_feeling, f.household_has_children[h] != 0);
      count += 2;
    }
    const std::int32_t r0 = f.resident_lifestyle_start[h], r1 = f.resident_lifestyle_start[h + 1];
    if (r1 > r0 && v.has_lifestyle) {
      double fits = 0.0;
      for (std::int32_t r = r0; r < r1; ++r) {
        const lifestyle& other = f.resident_lifestyles[static_cast<std::size_t>(r)];
        fits += 1.0 - (std::abs(v.activity - other.activity) + std::abs(v.setting - other.setting) +
                       std::abs(v.routine - other.routine)) /
                          3.0;
      }
      sum += fits / (r1 - r0);
      ++count;
    }
    if (count > 0) set(factor::household_mix, sum / count);
  }
  if (on(factor::continuity)) {
    const bool known = std::binary_search(v.known_begin, v.known_end, static_cast<std::int32_t>(h));
    set(factor::continuity, known ? 1.0 : 0.0);
  }
  if (on(factor::carer_preference)) {
    double sum = 0.0;
    int count = 0;
    const std::uint32_t wished = f.preferred_needs[h];
    if (wished != 0 && v.needs != 0) {
      sum += bit_count(v.needs & wished) * v.inverse_need_count;
      ++count;
    }
    const std::int32_t low = f.preferred_min_age[h], high = f.preferred_max_age[h];
    if (low >= 0 || high >= 0) {
      int outside = 0;
      if (low >= 0 && v.age < low) outside = low - v.age;
      if (high >= 0 && v.age > high) outside = v.age - high;
      sum += std::max(0.0, 1.0 - outside / factor_constants::years_outside_age_range_for_no_fit);
      ++count;
    }
    if (f.preferred_gender[h] >= 0) {
      sum += v.gender == f.preferred_gender[h] ? 1.0 : 0.0;
      ++count;
    }
    if (count > 0) set(factor::carer_preference, sum / count);
  }
  if (on(factor::experience)) {
    const double depth = f.household_experience_depth[e];
    if (v.needs == 0) {
      set(factor::experience, depth);
    } else {
      const double coverage =
          bit_count(v.needs & f.household_experienced_with[h]) * v.inverse_need_count;
      set(factor::experience, (depth + coverage) / 2.0);
    }
  }
  if (on(factor::gender_preference)) {
    const std::int8_t carer = f.household_main_carer_gender[h];
    set(factor::gender_preference, carer >= 0 && carer == v.preferred_carer_gender ? 1.0 : 0.0);
  }

  // Unused factors have weight 0 here, so the sums run over every factor without branches.
  double used_weight = 0.0;
  for (std::size_t k = 0; k < n; ++k) used_weight += weight[k];
  const double scale = used_weight > 0.0 ? 100.0 / used_weight : 0.0;
  double total = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double part = weight[k] * raw[k] * scale;
    total += part;
    if (points) points[k] = part;
  }
  return total;
}

} // namespace kernel_detail

/// Score of one pair on features, whether or not it is feasible.
///
/// @param[in]  f          encoded scheme
/// @param[in]  person     index of the person
/// @param[in]  household  index of the household
/// @param[out] points     when not null, `vocabulary_size<factor>` values: each factor's
///                        points in `factor` order, 0 for factors not used
/// @return  the 0–100 score; equals `total_score(score_factors(...))` within 1e-9
inline double score_pair(const scheme_features& f, std::size_t person, std::size_t household,
                         double* points = nullptr) {
  return kernel_detail::score_pair(f, kernel_detail::view_person(f, person), household, points);
}

} // namespace slmatch
