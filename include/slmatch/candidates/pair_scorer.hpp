#pragma once
/// The fast pair scorer: hard rules and soft factors for one person–household pair, on features.
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
/// short sorted list of blocked households.
///
/// Scoring goes a person at a time over a list of households (`score_households`), in
/// blocks of 64, factor by factor rather than pair by pair, so each loop's iterations are
/// independent and the arithmetic runs in SIMD registers:
/// - community: the unit vectors of the block's homes are gathered once; per place, the
///   chord, its square root and the arcsine series give the distance, 2 to 4 pairs per
///   instruction (the series covers 127 km to 1e-17; beyond it, within the limit, `asin`);
/// - a first pass reads each household's packed `household_terms` record (three cache
///   lines: bit rows of up to 64 words, member ages as bytes, counts and reciprocals
///   precomputed) and leaves counts and copies in structure-of-arrays scratch; a second pass
///   turns them into each factor's value with no table or branch. Member ages are compared
///   16 bytes at a time (SSE2); the residents' lifestyles, which few households have, go
///   through a short list instead of a branch per pair;
/// - every factor is computed for every pair (the features hold zeros where the person
///   gave nothing or withheld consent; an unused factor has weight 0), then the weighted
///   sum, with the weight scale for the pair's per-household factors looked up.
/// Everything that depends only on the person is loaded or precomputed once
/// (`person_view`). The kernel is compiled for any x86-64 and, where the compiler allows,
/// again for AVX2 and POPCNT, chosen at run time; both do the same operations in the same
/// order, so scores are identical on every machine and any number of threads.

#include "slmatch/features/features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#endif

/// The kernel is compiled twice where the compiler allows it: for any x86-64 processor, and
/// for processors with AVX2 and POPCNT, chosen at run time. Both copies do the same
/// arithmetic in the same order (no fused multiply-add), so they give identical scores.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define SLMATCH_KERNEL_DISPATCH 1
#define SLMATCH_KERNEL_INLINE inline __attribute__((always_inline))
#else
#define SLMATCH_KERNEL_DISPATCH 0
#define SLMATCH_KERNEL_INLINE inline
#endif

namespace slmatch {

namespace detail {

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
    v.pets_fit[present] = attitude_fit(static_cast<attitude>(v.pets_feeling), present);
    v.children_fit[present] = attitude_fit(static_cast<attitude>(v.children_feeling), present);
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
  return 2.0 * earth_radius_km * half_angle;
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

} // namespace detail

/// Whether a pair passes every hard rule, on features.
///
/// @param[in] f          encoded scheme
/// @param[in] person     index of the person
/// @param[in] household  index of the household
/// @return  the same verdict as `is_feasible` on the scheme
inline bool pair_feasible(const scheme_features& f, std::size_t person, std::size_t household) {
  const auto v = detail::view_person(f, person);
  return (v.rule_bits & f.household_rule_bits[household]) == 0 &&
         detail::within_travel(f, v, household) &&
         !detail::find_blocked(v, static_cast<std::int32_t>(household));
}

namespace detail {

/// 1 / n for the small counts of parts a factor averages (0 for none).
inline constexpr std::array<double, 5> inverse_count{0.0, 1.0, 1.0 / 2.0, 1.0 / 3.0, 1.0 / 4.0};

/// Households scored together. Each factor runs over the whole block before the next, so
/// its loop has independent iterations (the processor overlaps them, the compiler can
/// vectorise them) and the block's household records stay in the first-level cache from
/// one factor to the next.
inline constexpr std::size_t block_pairs = 64;

/// Below this squared chord (half chord below 0.01, about 127 km) the arcsine series of
/// `chord_to_km` is used; above it, up to the travel limit, `std::asin`.
inline constexpr double series_chord2 = 4e-4;

/// Working space for one block: every factor's raw value per pair, factor by factor.
/// Rows of factors a person does not use keep old finite values; their weight is 0.
struct block_scratch {
  alignas(64) std::array<std::array<double, block_pairs>, vocabulary_size<factor>> raw{};
  alignas(64) std::array<double, block_pairs> x{}, y{}, z{}, chord2{}, closeness{};
  alignas(64) std::array<double, block_pairs> credit{}, scale{};
  // Not bytes: stores through `unsigned char` may alias anything, and would make the
  // compiler reload every other value after each one.
  alignas(64) std::array<std::int32_t, block_pairs> parts{}, pending{};
  // What the first pass over the records reads or counts per pair, for the second pass
  // (arithmetic only, which compilers vectorise).
  alignas(64) std::array<double, block_pairs> activity{}, setting{}, routine{}, depth{};
  alignas(64) std::array<double, block_pairs> preference_mean{};       ///< 1 / preferences stated
  alignas(64) std::array<std::int32_t, block_pairs> interest_credit{}; ///< 2 x interest credit
  alignas(64) std::array<std::int32_t, block_pairs> first_language{}, other_language{};
  alignas(64) std::array<std::int32_t, block_pairs> faith{}, cultures{}, diets{}, known{};
  alignas(64) std::array<std::int32_t, block_pairs> needs_wished{}, age_floor{}, age_ceiling{};
  alignas(64) std::array<std::int32_t, block_pairs> age_range{}, gender_wished{};
  alignas(64) std::array<std::int32_t, block_pairs> needs_known{}, main_carer_gender{};
};

/// Oldest person whose member ages are compared a byte at a time: an empty slot (255) is
/// then at least 40 years from them.
inline constexpr int byte_age_max = 255 - 40;

/// For each household, the sum over its members of max(0, 40 - |age - member's age|):
/// 40 times the sum of the reference's age fits. Households must keep their members in the
/// record, and `age` be within 0 to `byte_age_max`. Integer work, so exact on every path;
/// SSE2 compares 16 ages (two households) at once.
inline void member_credits(const household_terms* terms, const std::int32_t* households,
                           std::size_t count, int age, double* out) {
  static_assert(factor_constants::age_gap_for_no_fit == 40.0, "byte_age_max assumes 40 years");
  std::size_t k = 0;
#if defined(__SSE2__)
  const __m128i mine = _mm_set1_epi8(static_cast<char>(age));
  const __m128i no_fit = _mm_set1_epi8(40);
  const __m128i zero = _mm_setzero_si128();
  for (; k + 2 <= count; k += 2) {
    const __m128i a =
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(terms[households[k]].member_ages.data()));
    const __m128i b = _mm_loadl_epi64(
        reinterpret_cast<const __m128i*>(terms[households[k + 1]].member_ages.data()));
    const __m128i ages = _mm_unpacklo_epi64(a, b);
    const __m128i gap = _mm_or_si128(_mm_subs_epu8(ages, mine), _mm_subs_epu8(mine, ages));
    const __m128i sums = _mm_sad_epu8(_mm_subs_epu8(no_fit, gap), zero); // two 64-bit sums
    _mm_storeu_pd(out + k, _mm_cvtepi32_pd(_mm_shuffle_epi32(sums, _MM_SHUFFLE(2, 0, 2, 0))));
  }
#endif
  for (; k < count; ++k) {
    int sum = 0;
    for (std::uint8_t a : terms[households[k]].member_ages)
      sum += std::max(0, 40 - std::abs(age - a));
    out[k] = sum;
  }
}

/// One place of a person, for `place_closeness`.
struct place_terms {
  double x, y, z;  ///< unit vector
  double per_root; ///< earth radius / travel limit
  double beyond;   ///< squared chord past which a household is beyond the limit
};

/// Closeness of households `first` to `count - 1` of a block (unit vectors in `s.x`, `s.y`,
/// `s.z`) to one place: max(0, 1 - d / limit) with d from the arcsine series. Without
/// `reach`, writes (or with `add`, adds) it to `raw`. With `reach` (a limit past the
/// series' range), writes it to `s.closeness`, 0 beyond the limit, with the chords in
/// `s.chord2`, and returns whether some household within reach is past the series' range.
/// The vector versions below do the same operations in the same order.
inline bool place_closeness_scalar(block_scratch& s, std::size_t first, std::size_t count,
                                   const place_terms& p, bool reach, bool add, double* raw) {
  bool far = false;
  for (std::size_t k = first; k < count; ++k) {
    const double dx = s.x[k] - p.x, dy = s.y[k] - p.y, dz = s.z[k] - p.z;
    const double c2 = dx * dx + dy * dy + dz * dz;
    const double x2 = c2 * 0.25; // the squared sine of half the angle
    const double series = 1.0 + x2 * (1.0 / 6.0 + x2 * (3.0 / 40.0 + x2 * (15.0 / 336.0)));
    const double closeness = std::max(0.0, 1.0 - std::sqrt(c2) * series * p.per_root);
    if (reach) {
      far |= (c2 >= series_chord2) & (c2 <= p.beyond);
      s.chord2[k] = c2;
      s.closeness[k] = c2 > p.beyond ? 0.0 : closeness;
    } else {
      raw[k] = add ? raw[k] + closeness : closeness;
    }
  }
  return far;
}

/// `place_closeness_scalar`, two households at a time where SSE2 allows.
inline bool place_closeness(block_scratch& s, std::size_t count, const place_terms& p, bool reach,
                            bool add, double* raw) {
  std::size_t k = 0;
  bool far = false;
#if defined(__SSE2__)
  const __m128d px = _mm_set1_pd(p.x), py = _mm_set1_pd(p.y), pz = _mm_set1_pd(p.z);
  const __m128d quarter = _mm_set1_pd(0.25), one = _mm_set1_pd(1.0), zero = _mm_setzero_pd();
  const __m128d a1 = _mm_set1_pd(1.0 / 6.0), a2 = _mm_set1_pd(3.0 / 40.0);
  const __m128d a3 = _mm_set1_pd(15.0 / 336.0), per_root = _mm_set1_pd(p.per_root);
  const __m128d beyond = _mm_set1_pd(p.beyond), series_end = _mm_set1_pd(series_chord2);
  __m128d far_lanes = zero;
  for (; k + 2 <= count; k += 2) {
    const __m128d dx = _mm_sub_pd(_mm_loadu_pd(&s.x[k]), px);
    const __m128d dy = _mm_sub_pd(_mm_loadu_pd(&s.y[k]), py);
    const __m128d dz = _mm_sub_pd(_mm_loadu_pd(&s.z[k]), pz);
    const __m128d c2 =
        _mm_add_pd(_mm_add_pd(_mm_mul_pd(dx, dx), _mm_mul_pd(dy, dy)), _mm_mul_pd(dz, dz));
    const __m128d x2 = _mm_mul_pd(c2, quarter);
    const __m128d series = _mm_add_pd(
        one, _mm_mul_pd(x2, _mm_add_pd(a1, _mm_mul_pd(x2, _mm_add_pd(a2, _mm_mul_pd(x2, a3))))));
    const __m128d closeness = _mm_max_pd(
        _mm_sub_pd(one, _mm_mul_pd(_mm_mul_pd(_mm_sqrt_pd(c2), series), per_root)), zero);
    if (reach) {
      far_lanes =
          _mm_or_pd(far_lanes, _mm_and_pd(_mm_cmpge_pd(c2, series_end), _mm_cmple_pd(c2, beyond)));
      _mm_storeu_pd(&s.chord2[k], c2);
      _mm_storeu_pd(&s.closeness[k], _mm_andnot_pd(_mm_cmpgt_pd(c2, beyond), closeness));
    } else {
      _mm_storeu_pd(raw + k, add ? _mm_add_pd(_mm_loadu_pd(raw + k), closeness) : closeness);
    }
  }
  far = _mm_movemask_pd(far_lanes) != 0;
#endif
  return place_closeness_scalar(s, k, count, p, reach, add, raw) || far;
}

#if SLMATCH_KERNEL_DISPATCH
/// `place_closeness_scalar`, four households at a time, for the AVX2 copy.
__attribute__((target("avx2"))) inline bool place_closeness_avx2(block_scratch& s,
                                                                 std::size_t count,
                                                                 const place_terms& p, bool reach,
                                                                 bool add, double* raw) {
  const __m256d px = _mm256_set1_pd(p.x), py = _mm256_set1_pd(p.y), pz = _mm256_set1_pd(p.z);
  const __m256d quarter = _mm256_set1_pd(0.25), one = _mm256_set1_pd(1.0);
  const __m256d zero = _mm256_setzero_pd();
  const __m256d a1 = _mm256_set1_pd(1.0 / 6.0), a2 = _mm256_set1_pd(3.0 / 40.0);
  const __m256d a3 = _mm256_set1_pd(15.0 / 336.0), per_root = _mm256_set1_pd(p.per_root);
  const __m256d beyond = _mm256_set1_pd(p.beyond), series_end = _mm256_set1_pd(series_chord2);
  __m256d far_lanes = zero;
  std::size_t k = 0;
  for (; k + 4 <= count; k += 4) {
    const __m256d dx = _mm256_sub_pd(_mm256_loadu_pd(&s.x[k]), px);
    const __m256d dy = _mm256_sub_pd(_mm256_loadu_pd(&s.y[k]), py);
    const __m256d dz = _mm256_sub_pd(_mm256_loadu_pd(&s.z[k]), pz);
    const __m256d c2 = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(dx, dx), _mm256_mul_pd(dy, dy)),
                                     _mm256_mul_pd(dz, dz));
    const __m256d x2 = _mm256_mul_pd(c2, quarter);
    const __m256d series = _mm256_add_pd(
        one,
        _mm256_mul_pd(
            x2, _mm256_add_pd(a1, _mm256_mul_pd(x2, _mm256_add_pd(a2, _mm256_mul_pd(x2, a3))))));
    const __m256d closeness = _mm256_max_pd(
        _mm256_sub_pd(one, _mm256_mul_pd(_mm256_mul_pd(_mm256_sqrt_pd(c2), series), per_root)),
        zero);
    if (reach) {
      far_lanes = _mm256_or_pd(far_lanes, _mm256_and_pd(_mm256_cmp_pd(c2, series_end, _CMP_GE_OQ),
                                                        _mm256_cmp_pd(c2, beyond, _CMP_LE_OQ)));
      _mm256_storeu_pd(&s.chord2[k], c2);
      _mm256_storeu_pd(&s.closeness[k],
                       _mm256_andnot_pd(_mm256_cmp_pd(c2, beyond, _CMP_GT_OQ), closeness));
    } else {
      _mm256_storeu_pd(raw + k,
                       add ? _mm256_add_pd(_mm256_loadu_pd(raw + k), closeness) : closeness);
    }
  }
  const bool far = _mm256_movemask_pd(far_lanes) != 0;
  return place_closeness_scalar(s, k, count, p, reach, add, raw) || far;
}
#endif

/// Number of set bits: the POPCNT instruction in the copy compiled for it.
template <bool hardware_popcount> SLMATCH_KERNEL_INLINE int ones(std::uint64_t x) {
#if SLMATCH_KERNEL_DISPATCH
  if constexpr (hardware_popcount) return __builtin_popcountll(x);
#endif
  return bit_count(x);
}

/// Where a word id's bit is in a bit row; a negative id has an empty mask.
struct bit_of {
  std::size_t word = 0;
  std::uint64_t mask = 0;
  static bit_of id(std::int32_t id) {
    if (id < 0) return {};
    return {static_cast<std::size_t>(id) / 64,
            std::uint64_t{1} << (static_cast<unsigned>(id) % 64)};
  }
};

/// The factors read from the household's record and bit rows (all but community), for
/// every pair of a block in one pass. Writes each factor's raw value, `s.scale`, and for
/// household mix the sum of its parts before the mean in `s.credit` and their number in
/// `s.parts`; lists in `s.pending` the pairs whose household mix still needs the residents'
/// lifestyles, and returns how many.
template <bool hardware_popcount, bool single_word>
SLMATCH_KERNEL_INLINE std::size_t
score_pairs_by_terms(const scheme_features& f, const person_view& v, const std::int32_t* households,
                     std::size_t count, block_scratch& s) {
  auto pop = [](std::uint64_t x) { return ones<hardware_popcount>(x); };
  auto raw_of = [&](factor x) { return s.raw[static_cast<std::size_t>(x)].data(); };
  const household_terms* terms = f.terms.data();
  double* interests = raw_of(factor::interests);
  double* language = raw_of(factor::language);
  double* faith_culture = raw_of(factor::faith_culture);
  double* diet = raw_of(factor::diet);
  double* way_of_life = raw_of(factor::lifestyle);
  double* mix = raw_of(factor::household_mix);
  double* continuity = raw_of(factor::continuity);
  double* preference = raw_of(factor::carer_preference);
  double* experience = raw_of(factor::experience);
  double* gender = raw_of(factor::gender_preference);

  const std::size_t interest_words = f.household_interests.words_per_row();
  const std::size_t language_words = f.household_languages.words_per_row();
  const std::size_t faith_words = f.household_faiths.words_per_row();
  const std::size_t culture_words = f.household_cultures.words_per_row();
  const std::uint64_t* carer_interests = f.household_interests.row(0);
  const std::uint64_t* resident_interests = f.household_resident_interests.row(0);
  const std::uint64_t* languages = f.household_languages.row(0);
  const std::uint64_t* faiths = f.household_faiths.row(0);
  const std::uint64_t* cultures = f.household_cultures.row(0);

  // Interests.
  constexpr double resident_credit = factor_constants::resident_interest_credit;
  const double inverse_interests = v.inverse_interest_marks;
  const bit_of first_language = bit_of::id(v.first_language);
  // Faith and culture: without a faith the mask is 0; without cultures the words are 0.
  const bit_of faith = bit_of::id(v.has_faith ? v.faith : -1);
  const double half = v.has_faith && v.has_cultures ? 0.5 : 1.0; // a mean of two parts
  const double inverse_cultures = v.inverse_culture_count;
  // Diet, lifestyle.
  const std::uint32_t diets = v.diets;
  const double inverse_diets = v.inverse_diet_count;
  const double activity = v.activity, setting = v.setting, routine = v.routine;
  // Household mix: age credits from `member_credits` when the person's age fits a byte.
  const bool byte_ages = v.age >= 0 && v.age <= byte_age_max;
  const std::array<double, 4> feelings =
      v.uses_household_preferences ? std::array<double, 4>{v.pets_fit[0] + v.children_fit[0],
                                                           v.pets_fit[0] + v.children_fit[1],
                                                           v.pets_fit[1] + v.children_fit[0],
                                                           v.pets_fit[1] + v.children_fit[1]}
                                   : std::array<double, 4>{};
  const unsigned feeling_parts = v.uses_household_preferences ? 2u : 0u;
  const bool compare_lifestyles = v.has_lifestyle;
  // Carer's preferences and experience.
  const int age = v.age;
  const std::uint32_t needs = v.needs;
  const double inverse_needs = v.inverse_need_count;
  const unsigned with_needs = needs != 0;
  const double experience_share = needs != 0 ? 0.5 : 1.0; // a mean of depth and coverage
  const std::int32_t own_gender = v.gender;
  const std::int32_t wanted_gender = v.preferred_carer_gender;

  const double* const scale_by_use = v.scale.data();
  const std::int32_t* const known_begin = v.known_begin;
  const std::int32_t* const known_end = v.known_end;
  const std::uint64_t my_interests = v.interests[0], my_other_languages = v.other_languages[0];
  const std::uint64_t my_cultures = v.cultures[0];
  // First pass: read each household's record and bit rows, count and compare.
  std::size_t pending = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const auto h = static_cast<std::size_t>(households[k]);
    const household_terms& t = terms[h];

    // Shared interests, languages, faith and cultures: bit rows.
    int shared = 0, with_residents = 0, common_cultures = 0;
    std::uint64_t other_language = 0, faith_word, first_word;
    if constexpr (single_word) { // the rows are in the record
      shared = pop(my_interests & t.carer_interests);
      with_residents = pop(my_interests & t.resident_only_interests);
      first_word = t.languages;
      other_language = first_word & my_other_languages;
      faith_word = t.faiths;
      common_cultures = pop(my_cultures & t.cultures);
    } else {
      for (std::size_t w = 0; w < interest_words; ++w) {
        const std::uint64_t carer = carer_interests[h * interest_words + w];
        shared += pop(v.interests[w] & carer);
        with_residents += pop(v.interests[w] & resident_interests[h * interest_words + w] & ~carer);
      }
      for (std::size_t w = 0; w < language_words; ++w)
        other_language |= languages[h * language_words + w] & v.other_languages[w];
      first_word = languages[h * language_words + first_language.word];
      faith_word = faiths[h * faith_words + faith.word];
      for (std::size_t w = 0; w < culture_words; ++w)
        common_cultures += pop(v.cultures[w] & cultures[h * culture_words + w]);
    }
    s.interest_credit[k] = 2 * shared + with_residents;
    s.first_language[k] = (first_word & first_language.mask) != 0;
    s.other_language[k] = other_language != 0;
    s.faith[k] = (faith_word & faith.mask) != 0;
    s.cultures[k] = common_cultures;
    s.diets[k] = pop(diets & t.diets);
    s.activity[k] = t.activity;
    s.setting[k] = t.setting;
    s.routine[k] = t.routine;

    // Household mix, but for the residents' lifestyles (see `score_block`).
    double mix_sum;
    if (byte_ages && t.members_in_record) {
      mix_sum = s.credit[k] * (1.0 / factor_constants::age_gap_for_no_fit) * t.inverse_members;
    } else {
      double fits = 0.0;
      for (std::int32_t m = t.member_begin; m < t.member_end; ++m)
        fits += std::max(0.0, 1.0 - std::abs(age - f.member_age[static_cast<std::size_t>(m)]) /
                                        factor_constants::age_gap_for_no_fit);
      mix_sum = fits * t.inverse_members; // 0 when there are no members
    }
    mix_sum += feelings[2u * t.has_pets + t.has_children];
    const unsigned mix_parts = (t.member_end > t.member_begin) + feeling_parts;
    mix[k] = mix_sum * inverse_count[mix_parts];
    s.credit[k] = mix_sum;
    s.parts[k] = static_cast<std::int32_t>(mix_parts);
    s.pending[pending] = static_cast<std::int32_t>(k);
    pending += compare_lifestyles & (t.lifestyle_end > t.lifestyle_begin);

    // Continuity: the list of carers known is short, a scan without early exit.
    bool known = false;
    for (const std::int32_t* j = known_begin; j != known_end; ++j)
      known |= *j == static_cast<std::int32_t>(h);
    s.known[k] = known;

    // Carer's preferences. Needs: 0 and not counted unless both sides list some. Age
    // range: as the reference, an age above the maximum decides the years outside; a
    // missing bound is far beyond any age. Integer masks instead of branches.
    s.age_floor[k] = t.age_floor;
    s.age_ceiling[k] = t.age_ceiling;
    s.needs_wished[k] = pop(needs & t.preferred_needs);
    s.age_range[k] = t.has_age_range;
    s.gender_wished[k] = t.preferred_gender;
    const unsigned preference_parts = t.preference_parts[with_needs];
    s.preference_mean[k] = inverse_count[preference_parts];
    // The two factors used or not by household (their weights are 0 when not usable).
    s.scale[k] = scale_by_use[2u * (mix_parts > 0) + (preference_parts > 0)];

    // Experience, and the gender the person would prefer (-1 matches no carer).
    s.depth[k] = t.experience_depth;
    s.needs_known[k] = pop(needs & t.experienced_with);
    s.main_carer_gender[k] = t.main_carer_gender;
  }

  // Second pass: the arithmetic, pair after pair with no table or branch.
  static_assert(resident_credit == 0.5, "interest_credit holds twice the credit");
  const double half_inverse_interests = 0.5 * inverse_interests;
  constexpr double other_language_score = factor_constants::other_language_score;
  constexpr double per_year_outside = 1.0 / factor_constants::years_outside_age_range_for_no_fit;
  for (std::size_t k = 0; k < count; ++k) {
    interests[k] = std::min(1.0, s.interest_credit[k] * half_inverse_interests);
    const double first = s.first_language[k];
    language[k] = first + (1.0 - first) * (s.other_language[k] * other_language_score);
    faith_culture[k] = (s.faith[k] + s.cultures[k] * inverse_cultures) * half;
    diet[k] = s.diets[k] * inverse_diets;
    way_of_life[k] = 1.0 - (std::abs(activity - s.activity[k]) + std::abs(setting - s.setting[k]) +
                            std::abs(routine - s.routine[k])) *
                               (1.0 / 3.0);
    continuity[k] = s.known[k];
    const int below = s.age_floor[k] - age, above = age - s.age_ceiling[k];
    const int over = std::max(above, 0), under = std::max(below, 0);
    const int outside = over > 0 ? over : under;
    const double age_fit = std::max(0.0, 1.0 - outside * per_year_outside);
    const double gender_fits = s.gender_wished[k] == own_gender ? 1.0 : 0.0; // -1: none
    preference[k] = ((s.needs_wished[k] * inverse_needs + age_fit * s.age_range[k]) + gender_fits) *
                    s.preference_mean[k];
    experience[k] = (s.depth[k] + s.needs_known[k] * inverse_needs) * experience_share;
    gender[k] = s.main_carer_gender[k] == wanted_gender ? 1.0 : 0.0; // -1 matches none
  }
  return pending;
}

/// Scores of `count` (at most `block_pairs`) households for one person, factor by factor.
/// Every pair's arithmetic is the same whatever the block, so a pair scores the same
/// alone, in a block, and in either compiled copy.
template <bool hardware_popcount>
SLMATCH_KERNEL_INLINE void score_block(const scheme_features& f, const person_view& v,
                                       const std::int32_t* households, std::size_t count,
                                       block_scratch& s, double* scores, double* points) {
  constexpr std::size_t n = vocabulary_size<factor>;
  const household_terms* terms = f.terms.data();
  const std::uint32_t usable = v.factors;
  auto on = [&](factor x) { return (usable >> static_cast<unsigned>(x)) & 1u; };
  auto raw_of = [&](factor x) { return s.raw[static_cast<std::size_t>(x)].data(); };

  if (on(factor::community)) {
    double* raw = raw_of(factor::community);
    if (v.exact_distances) { // short limits: the reference haversine, pair by pair
      for (std::size_t k = 0; k < count; ++k) {
        const auto h = static_cast<std::size_t>(households[k]);
        double sum = 0.0;
        for (std::int32_t q = v.first_place; q < v.first_place + v.places; ++q) {
          const double d =
              distance_km(f.household_location[h], f.place_location[static_cast<std::size_t>(q)]);
          sum += v.limit > 0.0 ? std::max(0.0, 1.0 - d * v.inverse_limit) : closeness(d, v.limit);
        }
        raw[k] = sum * v.inverse_places;
      }
    } else {
      for (std::size_t k = 0; k < count; ++k) {
        const household_terms& t = terms[households[k]];
        s.x[k] = t.x;
        s.y[k] = t.y;
        s.z[k] = t.z;
      }
      // closeness = 1 - d / limit, d = diameter * asin(root / 2), and for a half chord
      // x = root / 2 below 0.01, asin(x) = x (1 + x²/6 + 3x⁴/40 + 15x⁶/336) to 1e-17.
      const double beyond = v.surely_beyond, inverse_limit = v.inverse_limit;
      const double per_root = earth_radius_km * inverse_limit; // diameter / 2
      // When the series covers the limit, a pair beyond it has a series distance beyond it
      // too (the series grows with x), so its closeness is already 0.
      const bool series_only = beyond < series_chord2;
      for (std::int32_t q = 0; q < v.places; ++q) {
        const auto e = static_cast<Eigen::Index>(v.first_place + q);
        const place_terms place{f.place_x[e], f.place_y[e], f.place_z[e], per_root, beyond};
        const bool add = q > 0, reach = !series_only;
        bool far;
#if SLMATCH_KERNEL_DISPATCH
        if constexpr (hardware_popcount)
          far = place_closeness_avx2(s, count, place, reach, add, raw);
        else
#endif
          far = place_closeness(s, count, place, reach, add, raw);
        if (reach) { // s.closeness holds this place's values, s.chord2 its chords
          if (far)   // within reach past the series' range: the arcsine
            for (std::size_t k = 0; k < count; ++k) {
              const double c2 = s.chord2[k];
              if (c2 >= series_chord2 && c2 <= beyond)
                s.closeness[k] = std::max(0.0, 1.0 - chord_to_km(c2) * inverse_limit);
            }
          if (add)
            for (std::size_t k = 0; k < count; ++k) raw[k] += s.closeness[k];
          else
            for (std::size_t k = 0; k < count; ++k) raw[k] = s.closeness[k];
        }
      }
      for (std::size_t k = 0; k < count; ++k) raw[k] *= v.inverse_places;
    }
  }

  // Every other factor in one pass over the block (computed whether used or not: the
  // features hold zeros where the person gave nothing or withheld consent, and a factor
  // not used has weight 0), then the residents' lifestyles for the few households with some.
  const bool byte_ages = v.age >= 0 && v.age <= byte_age_max;
  if (byte_ages) member_credits(terms, households, count, v.age, s.credit.data());
  const bool single_word =
      f.household_interests.words_per_row() == 1 && f.household_languages.words_per_row() == 1 &&
      f.household_faiths.words_per_row() == 1 && f.household_cultures.words_per_row() == 1;
  const std::size_t pending =
      single_word ? score_pairs_by_terms<hardware_popcount, true>(f, v, households, count, s)
                  : score_pairs_by_terms<hardware_popcount, false>(f, v, households, count, s);
  if (on(factor::household_mix)) {
    double* raw = raw_of(factor::household_mix);
    for (std::size_t i = 0; i < pending; ++i) {
      const auto k = static_cast<std::size_t>(s.pending[i]);
      const household_terms& t = terms[households[k]];
      double lifestyle_fits = 0.0;
      for (std::int32_t r = t.lifestyle_begin; r < t.lifestyle_end; ++r) {
        const lifestyle& other = f.resident_lifestyles[static_cast<std::size_t>(r)];
        lifestyle_fits +=
            1.0 - (std::abs(v.activity - other.activity) + std::abs(v.setting - other.setting) +
                   std::abs(v.routine - other.routine)) *
                      (1.0 / 3.0);
      }
      const unsigned parts = s.parts[k] + 1u;
      raw[k] =
          (s.credit[k] + lifestyle_fits * t.inverse_resident_lifestyles) * inverse_count[parts];
    }
  }

  // Factors not used have weight 0 (their rows hold finite values from earlier blocks).
  // The sum is taken as a tree so the additions do not wait on each other one by one.
  static_assert(n == 11, "the sum below names every factor");
  const double* w = v.weights;
  const auto& r = s.raw;
  const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6],
               w7 = w[7], w8 = w[8], w9 = w[9], w10 = w[10];
  for (std::size_t k = 0; k < count; ++k) {
    const double a = w0 * r[0][k] + w1 * r[1][k], b = w2 * r[2][k] + w3 * r[3][k];
    const double c = w4 * r[4][k] + w5 * r[5][k], d = w6 * r[6][k] + w7 * r[7][k];
    const double e = w8 * r[8][k] + w9 * r[9][k];
    scores[k] = (((a + b) + (c + d)) + (e + w10 * r[10][k])) * s.scale[k];
  }
  if (points)
    for (std::size_t k = 0; k < count; ++k)
      for (std::size_t j = 0; j < n; ++j) points[k * n + j] = w[j] * r[j][k] * s.scale[k];
}

inline void score_block_portable(const scheme_features& f, const person_view& v,
                                 const std::int32_t* households, std::size_t count,
                                 block_scratch& s, double* scores, double* points) {
  score_block<false>(f, v, households, count, s, scores, points);
}

#if SLMATCH_KERNEL_DISPATCH
__attribute__((target("avx2,popcnt"))) inline void
score_block_avx2(const scheme_features& f, const person_view& v, const std::int32_t* households,
                 std::size_t count, block_scratch& s, double* scores, double* points) {
  score_block<true>(f, v, households, count, s, scores, points);
}
#endif

} // namespace detail

/// Whether this processor runs the copy compiled for AVX2 and POPCNT.
inline bool avx2_kernel_available() {
#if SLMATCH_KERNEL_DISPATCH
  static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  return available;
#else
  return false;
#endif
}

namespace detail {

/// Scores of one person's households (any order, repeats allowed), block by block.
///
/// @param[in]  f           encoded scheme
/// @param[in]  v           the person, from `view_person`
/// @param[in]  households  `count` household indices
/// @param[out] scores      `count` scores (0–100)
/// @param[out] points      when not null, `count` rows of `vocabulary_size<factor>` points
/// @param[in]  s           working space, reused from row to row
/// @param[in]  portable    use the copy for any processor even where AVX2 is available
inline void score_row(const scheme_features& f, const person_view& v,
                      const std::int32_t* households, std::size_t count, double* scores,
                      double* points, block_scratch& s, bool portable = false) {
  if (count == 0) return;
  constexpr std::size_t n = vocabulary_size<factor>;
  const bool avx2 = !portable && avx2_kernel_available();
  for (std::size_t first = 0; first < count; first += block_pairs) {
    const std::size_t size = std::min(block_pairs, count - first);
    double* block_points = points ? points + first * n : nullptr;
#if SLMATCH_KERNEL_DISPATCH
    if (avx2) {
      score_block_avx2(f, v, households + first, size, s, scores + first, block_points);
      continue;
    }
#endif
    (void)avx2;
    score_block_portable(f, v, households + first, size, s, scores + first, block_points);
  }
}

} // namespace detail

/// Scores of one person with many households, on features.
///
/// Factor by factor over blocks of households, the fast way to score a person's
/// candidates; each score equals `score_pair` for the same pair exactly.
///
/// @param[in]  f           encoded scheme
/// @param[in]  person      index of the person
/// @param[in]  households  `count` household indices, each below `f.households`
/// @param[in]  count       number of households
/// @param[out] scores      `count` scores, 0–100
/// @param[out] points      when not null, `count` rows of `vocabulary_size<factor>` points,
///                         each factor's points in `factor` order (0 for factors not used)
/// \note  O(count × factors) after O(places + 256) per person; allocates nothing.
inline void score_households(const scheme_features& f, std::size_t person,
                             const std::int32_t* households, std::size_t count, double* scores,
                             double* points = nullptr) {
  detail::block_scratch scratch;
  detail::score_row(f, detail::view_person(f, person), households, count, scores, points, scratch);
}

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
  const auto h = static_cast<std::int32_t>(household);
  double score = 0.0;
  score_households(f, person, &h, 1, &score, points);
  return score;
}

} // namespace slmatch
