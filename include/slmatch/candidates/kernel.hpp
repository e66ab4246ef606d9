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
/// without allocation or strings: the household is read from its packed `household_terms`
/// record, everything that depends only on the person (reciprocals, attitude fits, the
/// weight scale for each combination of per-pair factors) is precomputed in `person_view`,
/// and branches test the person only, so they predict well across a person's households.

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
  // Precomputed for the factors, so a pair needs no division and few branches.
  double inverse_limit = 0.0;  ///< 1 / limit when the limit is above 0
  double inverse_places = 0.0; ///< 1 / places
  /// 100 / the weight of the factors used, indexed by (household_mix used) * 2 +
  /// (carer_preference used): the two factors whose use depends on the household.
  std::array<double, 4> scale{};
  std::array<double, 2> pets_fit{}, children_fit{}; ///< by whether the household has them
  bool age_is_ordinary = false; ///< |age| within `household_terms::ordinary_age`
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
  v.age_is_ordinary = std::abs(v.age) <= household_terms::ordinary_age;
  v.inverse_limit = v.limit > 0.0 ? 1.0 / v.limit : 0.0;
  v.inverse_places = v.places > 0 ? 1.0 / v.places : 0.0;
  double fixed_weight = 0.0, mix_weight = 0.0, preference_weight = 0.0;
  for (std::size_t k = 0; k < vocabulary_size<factor>; ++k) {
    const auto x = static_cast<factor>(k);
    if (x == factor::household_mix)
      mix_weight = v.weights[k];
    else if (x == factor::carer_preference)
      preference_weight = v.weights[k];
    else
      fixed_weight += v.weights[k]; // 0 for factors the person cannot use
  }
  for (unsigned used = 0; used < 4; ++used) {
    const double weight =
        fixed_weight + ((used & 2u) ? mix_weight : 0.0) + ((used & 1u) ? preference_weight : 0.0);
    v.scale[used] = weight > 0.0 ? 100.0 / weight : 0.0;
  }
  for (bool present : {false, true}) {
    v.pets_fit[present] =
        factor_detail::attitude_fit(static_cast<attitude>(v.pets_feeling), present);
    v.children_fit[present] =
        factor_detail::attitude_fit(static_cast<attitude>(v.children_feeling), present);
  }
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

/// 1 / n for the small counts of parts a factor averages (0 for none).
inline constexpr std::array<double, 5> inverse_count{0.0, 1.0, 1.0 / 2.0, 1.0 / 3.0, 1.0 / 4.0};

/// Score of a pair (0–100); when `points` is not null it receives every factor's points in
/// `factor` order (0 for factors not used). Reads only the features.
///
/// Branches test only the person (the same for every household, so they predict well);
/// what depends on the household is computed without branches where it can be. Means are
/// multiplications by precomputed reciprocals; the results differ from the reference's
/// divisions only in the last bits.
inline double score_pair(const scheme_features& f, const person_view& v, std::size_t h,
                         double* points) {
  constexpr std::size_t n = vocabulary_size<factor>;
  const household_terms& t = f.terms[h];
  std::array<double, n> raw{}; // 0 for factors not used
  const std::uint32_t usable = v.factors;
  auto on = [&](factor x) { return (usable >> static_cast<unsigned>(x)) & 1u; };
  auto set = [&](factor x, double value) { raw[static_cast<std::size_t>(x)] = value; };

  if (on(factor::community)) {
    double sum = 0.0;
    for (std::int32_t k = 0; k < v.places; ++k) {
      const std::int32_t place = v.first_place + k;
      const auto e = static_cast<Eigen::Index>(place);
      double d;
      if (v.exact_distances) {
        d = distance_km(f.household_location[h], f.place_location[static_cast<std::size_t>(place)]);
      } else {
        const double dx = t.x - f.place_x[e], dy = t.y - f.place_y[e], dz = t.z - f.place_z[e];
        d = chord_to_km(dx * dx + dy * dy + dz * dz);
      }
      sum += v.limit > 0.0 ? std::max(0.0, 1.0 - d * v.inverse_limit)
                           : factor_detail::closeness(d, v.limit);
    }
    set(factor::community, sum * v.inverse_places);
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
    // Indexed by (first language spoken) * 2 + (another language spoken).
    constexpr std::array<double, 4> value{0.0, factor_constants::other_language_score, 1.0, 1.0};
    const bool first = f.household_languages.test(h, v.first_language);
    const bool other = count_common(v.other_languages, f.household_languages.row(h),
                                    f.household_languages.words_per_row()) > 0;
    set(factor::language, value[2u * first + other]);
  }
  if (on(factor::faith_culture)) {
    double sum = 0.0;
    if (v.has_faith) sum += static_cast<double>(f.household_faiths.test(h, v.faith));
    if (v.has_cultures)
      sum += count_common(v.cultures, f.household_cultures.row(h),
                          f.household_cultures.words_per_row()) *
             v.inverse_culture_count;
    set(factor::faith_culture, v.has_faith && v.has_cultures ? sum * 0.5 : sum);
  }
  if (on(factor::diet)) set(factor::diet, bit_count(v.diets & t.diets) * v.inverse_diet_count);
  if (on(factor::lifestyle))
    set(factor::lifestyle,
        1.0 - (std::abs(v.activity - t.activity) + std::abs(v.setting - t.setting) +
               std::abs(v.routine - t.routine)) *
                  (1.0 / 3.0));
  bool mix_used = false;
  if (on(factor::household_mix)) {
    double sum = 0.0;
    unsigned count = 0;
    double fits = 0.0;
    if (t.members_in_record && v.age_is_ordinary) {
      // Empty slots hold an age no ordinary age comes within 40 years of: they add 0.
      for (std::size_t k = 0; k < household_terms::age_slots; ++k)
        fits += std::max(0.0, 1.0 - std::abs(v.age - t.member_ages[k]) *
                                        (1.0 / factor_constants::age_gap_for_no_fit));
    } else {
      for (std::int32_t m = t.member_begin; m < t.member_end; ++m)
        fits += std::max(0.0, 1.0 - std::abs(v.age - f.member_age[static_cast<std::size_t>(m)]) *
                                        (1.0 / factor_constants::age_gap_for_no_fit));
    }
    sum += fits * t.inverse_members; // 0 when there are no members
    count += t.member_end > t.member_begin;
    if (v.uses_household_preferences) {
      sum += v.pets_fit[t.has_pets] + v.children_fit[t.has_children];
      count += 2;
    }
    if (v.has_lifestyle) {
      double lifestyle_fits = 0.0;
      for (std::int32_t r = t.lifestyle_begin; r < t.lifestyle_end; ++r) {
        const lifestyle& other = f.resident_lifestyles[static_cast<std::size_t>(r)];
        lifestyle_fits +=
            1.0 - (std::abs(v.activity - other.activity) + std::abs(v.setting - other.setting) +
                   std::abs(v.routine - other.routine)) *
                      (1.0 / 3.0);
      }
      sum += lifestyle_fits * t.inverse_resident_lifestyles;
      count += t.lifestyle_end > t.lifestyle_begin;
    }
    mix_used = count > 0;
    set(factor::household_mix, sum * inverse_count[count]);
  }
  if (on(factor::continuity)) {
    bool known = false; // the list is short: a scan without early exit
    for (const std::int32_t* k = v.known_begin; k != v.known_end; ++k)
      known |= *k == static_cast<std::int32_t>(h);
    set(factor::continuity, static_cast<double>(known));
  }
  bool preference_used = false;
  if (on(factor::carer_preference)) {
    // Needs: 0 points and not counted unless both sides list some.
    double sum = bit_count(v.needs & t.preferred_needs) * v.inverse_need_count;
    unsigned count = (t.preferred_needs != 0) & (v.needs != 0);
    // Age range: as the reference, an age above the maximum decides the years outside;
    // a missing bound is far beyond any age.
    const int below = std::max(0, t.age_floor - v.age);
    const int above = std::max(0, v.age - t.age_ceiling);
    const int outside = above > 0 ? above : below;
    const double age_fit =
        std::max(0.0, 1.0 - outside * (1.0 / factor_constants::years_outside_age_range_for_no_fit));
    sum += age_fit * t.has_age_range;
    count += t.has_age_range;
    sum += static_cast<double>(v.gender == t.preferred_gender); // -1 matches no gender
    count += t.preferred_gender >= 0;
    preference_used = count > 0;
    set(factor::carer_preference, sum * inverse_count[count]);
  }
  if (on(factor::experience)) {
    const double coverage = bit_count(v.needs & t.experienced_with) * v.inverse_need_count;
    set(factor::experience,
        v.needs == 0 ? t.experience_depth : (t.experience_depth + coverage) * 0.5);
  }
  if (on(factor::gender_preference)) // the person's preference is >= 0 when usable
    set(factor::gender_preference,
        static_cast<double>(t.main_carer_gender == v.preferred_carer_gender));

  // Unused factors have raw 0 (and weight 0 when the person cannot use them). The sum is
  // taken as a tree so the additions do not wait on each other one by one.
  static_assert(n == 11, "the sum below names every factor");
  const double* w = v.weights;
  const double a = w[0] * raw[0] + w[1] * raw[1], b = w[2] * raw[2] + w[3] * raw[3];
  const double c = w[4] * raw[4] + w[5] * raw[5], d = w[6] * raw[6] + w[7] * raw[7];
  const double e = w[8] * raw[8] + w[9] * raw[9];
  const double scale = v.scale[2u * mix_used + preference_used];
  const double total = (((a + b) + (c + d)) + (e + w[10] * raw[10])) * scale;
  if (points)
    for (std::size_t k = 0; k < n; ++k) points[k] = w[k] * raw[k] * scale;
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
