#pragma once
/// Features: a scheme encoded once, with consent applied, for fast scoring.
///
/// In: a validated scheme. Out: `scheme_features`, structure-of-arrays columns per person
/// and per household that the candidate kernel (`slmatch/candidates/`) reads instead of the
/// model:
/// - hard rules as one 64-bit mask per side (`rule_bits`): a pair passes the mask rules when
///   `(person_rule_bits & household_rule_bits) == 0`; declines, excluded pairs and resident
///   conflicts as a sorted list of blocked households per person;
/// - places as unit vectors (x, y, z) on the sphere, so a travel test is a squared chord
///   against a threshold precomputed from the person's limit; pairs within 1 mm of the limit
///   are decided by the reference `distance_km` on the original coordinates, also kept;
/// - interests, languages, faiths and cultures as per-scheme word ids in bit rows;
/// - numbers the factors need (age, lifestyle scales, experience depth, weights…).
///
/// Consent (principle 4) is applied here: a person's data in a category they did not
/// consent to is not copied (anchors, interests, languages, faith and culture, diets,
/// lifestyle, feelings about pets and children, carers known), so the kernel cannot read it.
/// Ethnicity, names and notes are never copied. Factors a person's data rules out (no
/// consent, weight 0, nothing to compare) are cleared in `person_factors`.

#include "slmatch/features/word_sets.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/factors.hpp"
#include "slmatch/score/rules.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace slmatch {

/// Bit positions of the hard-rule masks. A household sets a bit for each thing it lacks
/// or has that some person may not accept; a person sets the bits they cannot accept.
namespace rule_bits {
inline constexpr unsigned need_not_approved = 0;    ///< + need_category (9 bits)
inline constexpr unsigned skill_missing = 9;        ///< + specialist_skill (8 bits)
inline constexpr unsigned arrangement_missing = 17; ///< + arrangement_type (5 bits)
inline constexpr unsigned feature_missing = 22;     ///< + home_feature (4 bits)
inline constexpr unsigned support_below = 26;       ///< + level - 1: approved below it (3 bits)
inline constexpr unsigned carer_inactive = 29;      ///< not active or approval expired
inline constexpr unsigned no_free_place = 30;       ///< no place under the scheme's cap
inline constexpr unsigned no_free_bedroom = 31;     ///< no bedroom for a live-in arrangement
inline constexpr unsigned has_pets = 32;            ///< for the person's no-pets rule
inline constexpr unsigned has_smoker = 33;          ///< for the person's no-smokers rule
inline constexpr unsigned has_children = 34;        ///< for the person's no-children rule
inline constexpr unsigned main_carer_not = 35;      ///< + gender: no main carer of it (3 bits)
inline constexpr unsigned excludes = 38;            ///< + carer_exclusion (4 bits)
inline constexpr unsigned risk_applies = 42;        ///< + risk_flag: household has it (4 bits)

/// A mask of `count` bits from `first`.
constexpr std::uint64_t span(unsigned first, unsigned count) {
  return ((std::uint64_t{1} << count) - 1) << first;
}

/// The bits that belong to each rule, indexed by `rule`; the rules decided elsewhere
/// (declined, resident_conflict, travel) have none.
inline constexpr std::array<std::uint64_t, vocabulary_size<rule>> by_rule{
    span(carer_inactive, 1),
    span(need_not_approved, 9),
    span(support_below, 3),
    span(skill_missing, 8),
    span(arrangement_missing, 5),
    span(no_free_place, 1),
    span(no_free_bedroom, 1),
    span(feature_missing, 4),
    span(has_pets, 1),
    span(has_smoker, 1),
    span(has_children, 1),
    span(main_carer_not, 3),
    span(excludes, 4),
    span(risk_applies, 4),
    0,
    0,
    0,
};
} // namespace rule_bits

/// Why a household is blocked for a person outside the masks.
enum class block_reason : std::uint8_t {
  declined = 1,          ///< the person or carer said no, or the scheme excluded the pair
  resident_conflict = 2, ///< a conflict with someone already living there
  both = 3,
};

/// A household blocked for one person, kept sorted by household.
struct blocked_household {
  std::int32_t household = 0;
  std::uint8_t reasons = 0; ///< bits of `block_reason`
};

/// What the factor kernel reads about one household for every pair it scores, packed in
/// one record (three cache lines) so a pair touches the household in one place; the same
/// values as the household columns of `scheme_features`, with reciprocals precomputed.
struct alignas(64) household_terms {
  static constexpr std::size_t age_slots = 8;       ///< member ages held in the record itself
  static constexpr std::int32_t slot_age_max = 254; ///< ages 0 to this fit in a slot
  static constexpr std::uint8_t no_member = 255;    ///< an empty slot

  double x = 0.0, y = 0.0, z = 0.0; ///< unit vector of the home
  double activity = 0.0, setting = 0.0, routine = 0.0;
  double experience_depth = 0.0;          ///< min(1, years caring / 10)
  double inverse_members = 0.0;           ///< 1 / (adults + residents), 0 when none
  double inverse_resident_lifestyles = 0; ///< 1 / residents with a lifestyle, 0 when none
  std::uint32_t diets = 0, experienced_with = 0, preferred_needs = 0;
  std::int32_t member_begin = 0, member_end = 0;       ///< range of member_age
  std::int32_t lifestyle_begin = 0, lifestyle_end = 0; ///< range of resident_lifestyles
  std::int32_t age_floor = -(1 << 20);  ///< the carer's minimum age, or far below any age
  std::int32_t age_ceiling = (1 << 20); ///< the carer's maximum age, or far above any age
  /// Every member's age in member order, then `no_member`, when `members_in_record`: the
  /// kernel compares all eight with the person's age as bytes, in one SIMD register.
  std::array<std::uint8_t, age_slots> member_ages{};
  std::int8_t main_carer_gender = -1; ///< -1: no adults listed
  std::int8_t preferred_gender = -1;  ///< -1: none
  std::uint8_t has_pets = 0, has_children = 0;
  std::uint8_t has_age_range = 0; ///< the carer gave a minimum or a maximum age
  /// How many of the carer's preferences apply to a person without needs ([0]) and to a
  /// person with some ([1]): needs (when the carer lists some), age range, gender.
  std::array<std::uint8_t, 2> preference_parts{};
  std::uint8_t members_in_record = 0; ///< member_ages holds every member (else read member_age)
  /// Word 0 of the household's bit rows (the whole row while a kind has at most 64 words):
  /// the carer's interests, interests only residents have, languages, faiths, cultures.
  std::uint64_t carer_interests = 0, resident_only_interests = 0;
  std::uint64_t languages = 0, faiths = 0, cultures = 0;
};
static_assert(sizeof(household_terms) == 192, "household_terms should fill three cache lines");

/// A scheme encoded for the kernel; see the file comment. Row `i` of a person column is
/// `scheme.people[i]`, row `j` of a household column is `scheme.households[j]`.
struct scheme_features {
  std::size_t people = 0, households = 0;

  // Households ------------------------------------------------------------------------
  std::vector<std::uint64_t> household_rule_bits;
  Eigen::ArrayXd household_x, household_y, household_z; ///< unit vector of the home
  std::vector<geo_point> household_location;            ///< for pairs near a travel limit
  bit_rows household_interests;                         ///< the carer's interests
  bit_rows household_resident_interests; ///< interests of anyone already living there
  bit_rows household_languages, household_faiths, household_cultures;
  std::vector<std::uint32_t> household_diets;
  Eigen::ArrayXd household_activity, household_setting, household_routine;
  Eigen::ArrayXd household_experience_depth; ///< min(1, years caring / 10)
  std::vector<std::uint32_t> household_experienced_with;
  std::vector<std::uint8_t> household_has_pets, household_has_children;
  std::vector<std::int8_t> household_main_carer_gender;           ///< -1: no adults listed
  std::vector<std::int32_t> member_start;                         ///< CSR into member_age
  std::vector<std::int32_t> member_age;                           ///< adults, then residents
  std::vector<std::int32_t> resident_lifestyle_start;             ///< CSR into resident_lifestyles
  std::vector<lifestyle> resident_lifestyles;                     ///< residents who gave one
  std::vector<std::uint32_t> preferred_needs;                     ///< the carer's wishes
  std::vector<std::int32_t> preferred_min_age, preferred_max_age; ///< -1: none
  std::vector<std::int8_t> preferred_gender;                      ///< -1: none
  std::vector<std::int32_t> capacity;                             ///< effective_capacity
  std::vector<household_terms> terms; ///< the columns above the factors read, per household

  // People ----------------------------------------------------------------------------
  std::vector<std::uint64_t> person_rule_bits;
  std::vector<std::int32_t> place_start;     ///< CSR: home first, then consented anchors
  Eigen::ArrayXd place_x, place_y, place_z;  ///< unit vectors of the places
  std::vector<geo_point> place_location;     ///< for pairs near a travel limit
  Eigen::ArrayXd travel_limit;               ///< km
  Eigen::ArrayXd chord2_surely_within;       ///< squared chord <= this: within limit
  Eigen::ArrayXd chord2_surely_beyond;       ///< squared chord > this: beyond limit
  std::vector<std::int32_t> blocked_start;   ///< CSR into blocked
  std::vector<blocked_household> blocked;    ///< sorted by household per person
  std::vector<double> weights;               ///< people x factors, effective weights
  std::vector<std::uint32_t> person_factors; ///< bit per factor the person may use
  bit_rows person_interests, person_other_languages, person_cultures;
  std::vector<std::int32_t> interest_count, culture_count; ///< distinct words listed
  std::vector<std::int32_t> first_language;                ///< word id, -1: none given
  std::vector<std::int32_t> faith;                         ///< word id, -1: none given
  std::vector<std::uint8_t> has_faith;
  std::vector<std::uint32_t> person_diets;
  std::vector<std::uint8_t> has_lifestyle;
  Eigen::ArrayXd person_activity, person_setting, person_routine;
  std::vector<std::uint8_t> uses_household_preferences;
  std::vector<std::uint8_t> pets_feeling, children_feeling; ///< attitude
  std::vector<std::int32_t> known_start;                    ///< CSR into known
  std::vector<std::int32_t> known;                          ///< household indices, sorted
  std::vector<std::int32_t> age;
  std::vector<std::uint8_t> person_gender;
  std::vector<std::uint32_t> person_needs;
  std::vector<std::int8_t> preferred_carer_gender; ///< -1: none

  /// Effective weight of factor `f` for person `p` (0 for a factor the person cannot use).
  double weight(std::size_t p, factor f) const {
    return weights[p * vocabulary_size<factor> + static_cast<std::size_t>(f)];
  }
};

/// The mean Earth radius the encoded distances use, as `distance_km` does.
inline constexpr double earth_radius_km = 6371.0088;
/// Pairs whose encoded distance is within this of a travel limit are decided exactly by
/// `distance_km`, so rounding in the encoding never changes a rule's answer.
inline constexpr double travel_band_km = 1e-6;

namespace detail {

inline constexpr double degrees_to_radians = 3.14159265358979323846 / 180.0;

inline std::array<double, 3> unit_vector(const geo_point& g) {
  const double lat = g.lat * degrees_to_radians, lon = g.lon * degrees_to_radians;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

/// Squared chord (unit sphere) of a great-circle distance; +inf past the antipode.
inline double squared_chord(double km) {
  if (km < 0.0) return -1.0;
  const double half_angle = km / (2.0 * earth_radius_km);
  if (half_angle >= 3.14159265358979323846 / 2.0) return HUGE_VAL;
  const double chord = 2.0 * std::sin(half_angle);
  return chord * chord;
}

template <class E> std::uint32_t bits_of(tag_set<E> set) { return set.bits(); }

inline std::uint64_t bit(unsigned position) { return std::uint64_t{1} << position; }

inline std::uint64_t household_mask(const policy& pol, const household& h) {
  using namespace rule_bits;
  std::uint64_t m = 0;
  for (need_category n : all_values<need_category>())
    if (!h.approved_needs.contains(n)) m |= bit(need_not_approved + static_cast<unsigned>(n));
  for (specialist_skill s : all_values<specialist_skill>())
    if (!h.skills.contains(s)) m |= bit(skill_missing + static_cast<unsigned>(s));
  for (arrangement_type a : all_values<arrangement_type>())
    if (!h.arrangements.contains(a)) m |= bit(arrangement_missing + static_cast<unsigned>(a));
  for (home_feature f : all_values<home_feature>())
    if (!h.features.contains(f)) m |= bit(feature_missing + static_cast<unsigned>(f));
  for (unsigned level = 1; level < vocabulary_size<support_level>; ++level)
    if (static_cast<unsigned>(h.max_support) < level) m |= bit(support_below + level - 1);
  if (!h.active || h.approval_expires < pol.as_of) m |= bit(carer_inactive);
  if (effective_capacity(pol, h) <= 0) m |= bit(no_free_place);
  if (h.free_bedrooms <= 0) m |= bit(no_free_bedroom);
  if (h.pets > 0) m |= bit(has_pets) | bit(risk_applies + unsigned(risk_flag::risk_to_animals));
  if (h.has_smoker()) m |= bit(has_smoker);
  if (!h.children_ages.empty())
    m |= bit(has_children) | bit(risk_applies + unsigned(risk_flag::risk_to_children));
  if (has_older_person(h)) m |= bit(risk_applies + unsigned(risk_flag::risk_to_older_people));
  if (!h.residents.empty()) m |= bit(risk_applies + unsigned(risk_flag::risk_to_other_residents));
  const household_adult* carer = h.main_carer();
  for (gender g : all_values<gender>())
    if (!carer || carer->gender_identity != g) m |= bit(main_carer_not + static_cast<unsigned>(g));
  for (carer_exclusion x : all_values<carer_exclusion>())
    if (h.will_not_support.contains(x)) m |= bit(excludes + static_cast<unsigned>(x));
  return m;
}

inline std::uint64_t person_mask(const person& p) {
  using namespace rule_bits;
  std::uint64_t m = bit(carer_inactive) | bit(no_free_place);
  m |= std::uint64_t{p.needs.bits()} << need_not_approved;
  m |= std::uint64_t{p.specialist_needs.bits()} << skill_missing;
  m |= bit(arrangement_missing + static_cast<unsigned>(p.arrangement));
  m |= std::uint64_t{p.access_needs.bits()} << feature_missing;
  if (p.support != support_level::low) m |= bit(support_below + unsigned(p.support) - 1);
  if (is_live_in(p.arrangement)) m |= bit(no_free_bedroom);
  if (p.must_not.contains(avoidance::pets)) m |= bit(has_pets);
  if (p.must_not.contains(avoidance::smokers)) m |= bit(has_smoker);
  if (p.must_not.contains(avoidance::children)) m |= bit(has_children);
  if (p.required_carer_gender)
    m |= bit(main_carer_not + static_cast<unsigned>(*p.required_carer_gender));
  if (p.smoker) m |= bit(excludes + unsigned(carer_exclusion::smokers));
  if (!p.risk_flags.empty()) m |= bit(excludes + unsigned(carer_exclusion::risk_flags));
  if (p.gender_identity == gender::male) m |= bit(excludes + unsigned(carer_exclusion::men));
  if (p.gender_identity == gender::female) m |= bit(excludes + unsigned(carer_exclusion::women));
  m |= std::uint64_t{p.risk_flags.bits()} << risk_applies;
  return m;
}

/// Index of each id; ids are unique in a validated scheme, but every holder is kept.
template <class Records>
std::unordered_map<std::string, std::vector<std::int32_t>> index_ids(const Records& records) {
  std::unordered_map<std::string, std::vector<std::int32_t>> index;
  for (std::size_t i = 0; i < records.size(); ++i)
    index[records[i].id].push_back(static_cast<std::int32_t>(i));
  return index;
}

/// Turns per-row lists into CSR (`start`, `values`), each row sorted and without repeats.
template <class T, class Less>
void to_csr(std::vector<std::vector<T>>& rows, std::vector<std::int32_t>& start,
            std::vector<T>& values, Less less) {
  start.assign(rows.size() + 1, 0);
  values.clear();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::sort(rows[r].begin(), rows[r].end(), less);
    start[r] = static_cast<std::int32_t>(values.size());
    values.insert(values.end(), rows[r].begin(), rows[r].end());
  }
  start[rows.size()] = static_cast<std::int32_t>(values.size());
}

} // namespace detail

/// Encode a scheme for the candidate kernel, applying each person's consent.
///
/// @param[in] s  a validated scheme (see `validate`); ids are matched exactly as the
///               reference rules match them
/// @return  the features; nothing a person withheld consent for is copied into them
/// \note  Deterministic: word ids are given in first-seen order over people.
inline scheme_features encode_scheme(const scheme& s) {
  using namespace detail;
  constexpr std::size_t factor_count = vocabulary_size<factor>;
  const policy& pol = s.policy;
  const std::size_t np = s.people.size(), nh = s.households.size();
  scheme_features f;
  f.people = np;
  f.households = nh;

  // What matching may read of each person on the scheme's date, worked out once.
  std::vector<tag_set<data_category>> matching_consent(np);
  for (std::size_t i = 0; i < np; ++i)
    matching_consent[i] = consented(s.people[i], consent_purpose::matching, pol.as_of);
  auto consents = [&](const person& p, data_category c) {
    return matching_consent[static_cast<std::size_t>(&p - s.people.data())].contains(c);
  };

  // Word ids come from what people (with consent) list: only those can be shared.
  word_ids interest_ids, language_ids, faith_ids, culture_ids;
  for (const person& p : s.people) {
    if (consents(p, data_category::interests))
      for (const auto& w : p.interests) interest_ids.add(w);
    if (consents(p, data_category::languages))
      for (const auto& w : p.languages) language_ids.add(w);
    if (consents(p, data_category::faith_culture)) {
      if (p.faith) faith_ids.add(*p.faith);
      for (const auto& w : p.cultures) culture_ids.add(w);
    }
  }

  // Households.
  f.household_rule_bits.resize(nh);
  f.household_x.resize(static_cast<Eigen::Index>(nh));
  f.household_y.resize(static_cast<Eigen::Index>(nh));
  f.household_z.resize(static_cast<Eigen::Index>(nh));
  f.household_location.resize(nh);
  f.household_interests = bit_rows(nh, interest_ids.size());
  f.household_resident_interests = bit_rows(nh, interest_ids.size());
  f.household_languages = bit_rows(nh, language_ids.size());
  f.household_faiths = bit_rows(nh, faith_ids.size());
  f.household_cultures = bit_rows(nh, culture_ids.size());
  f.household_diets.resize(nh);
  f.household_activity.resize(static_cast<Eigen::Index>(nh));
  f.household_setting.resize(static_cast<Eigen::Index>(nh));
  f.household_routine.resize(static_cast<Eigen::Index>(nh));
  f.household_experience_depth.resize(static_cast<Eigen::Index>(nh));
  f.household_experienced_with.resize(nh);
  f.household_has_pets.resize(nh);
  f.household_has_children.resize(nh);
  f.household_main_carer_gender.resize(nh);
  f.member_start.assign(nh + 1, 0);
  f.resident_lifestyle_start.assign(nh + 1, 0);
  f.preferred_needs.resize(nh);
  f.preferred_min_age.resize(nh);
  f.preferred_max_age.resize(nh);
  f.preferred_gender.resize(nh);
  f.capacity.resize(nh);
  for (std::size_t j = 0; j < nh; ++j) {
    const household& h = s.households[j];
    const auto e = static_cast<Eigen::Index>(j);
    f.household_rule_bits[j] = household_mask(pol, h);
    const auto v = unit_vector(h.location);
    f.household_x[e] = v[0];
    f.household_y[e] = v[1];
    f.household_z[e] = v[2];
    f.household_location[j] = h.location;
    for (const auto& w : h.interests)
      if (int id = interest_ids.find(w); id >= 0) f.household_interests.set(j, id);
    for (const resident& r : h.residents)
      for (const auto& w : r.interests)
        if (int id = interest_ids.find(w); id >= 0) f.household_resident_interests.set(j, id);
    for (const auto& w : h.languages)
      if (int id = language_ids.find(w); id >= 0) f.household_languages.set(j, id);
    for (const auto& w : h.faiths)
      if (int id = faith_ids.find(w); id >= 0) f.household_faiths.set(j, id);
    for (const auto& w : h.cultures)
      if (int id = culture_ids.find(w); id >= 0) f.household_cultures.set(j, id);
    f.household_diets[j] = h.diets.bits();
    f.household_activity[e] = h.way_of_life.activity;
    f.household_setting[e] = h.way_of_life.setting;
    f.household_routine[e] = h.way_of_life.routine;
    f.household_experience_depth[e] = std::min(
        1.0, std::max(0, h.years_caring) / factor_constants::experience_years_for_full_marks);
    f.household_experienced_with[j] = h.experienced_with.bits();
    f.household_has_pets[j] = h.pets > 0;
    f.household_has_children[j] = !h.children_ages.empty();
    const household_adult* carer = h.main_carer();
    f.household_main_carer_gender[j] =
        carer ? static_cast<std::int8_t>(carer->gender_identity) : std::int8_t{-1};
    for (const auto& a : h.adults) f.member_age.push_back(a.age);
    for (const auto& r : h.residents) f.member_age.push_back(r.age);
    f.member_start[j + 1] = static_cast<std::int32_t>(f.member_age.size());
    for (const auto& r : h.residents)
      if (r.way_of_life) f.resident_lifestyles.push_back(*r.way_of_life);
    f.resident_lifestyle_start[j + 1] = static_cast<std::int32_t>(f.resident_lifestyles.size());
    f.preferred_needs[j] = h.preferences.needs.bits();
    f.preferred_min_age[j] = h.preferences.min_age ? *h.preferences.min_age : -1;
    f.preferred_max_age[j] = h.preferences.max_age ? *h.preferences.max_age : -1;
    f.preferred_gender[j] = h.preferences.gender_identity
                                ? static_cast<std::int8_t>(*h.preferences.gender_identity)
                                : std::int8_t{-1};
    f.capacity[j] = effective_capacity(pol, h);
  }

  f.terms.resize(nh);
  for (std::size_t j = 0; j < nh; ++j) {
    const auto e = static_cast<Eigen::Index>(j);
    household_terms& t = f.terms[j];
    t.x = f.household_x[e];
    t.y = f.household_y[e];
    t.z = f.household_z[e];
    t.activity = f.household_activity[e];
    t.setting = f.household_setting[e];
    t.routine = f.household_routine[e];
    t.experience_depth = f.household_experience_depth[e];
    t.member_begin = f.member_start[j];
    t.member_end = f.member_start[j + 1];
    t.inverse_members = t.member_end > t.member_begin ? 1.0 / (t.member_end - t.member_begin) : 0.0;
    t.lifestyle_begin = f.resident_lifestyle_start[j];
    t.lifestyle_end = f.resident_lifestyle_start[j + 1];
    t.inverse_resident_lifestyles =
        t.lifestyle_end > t.lifestyle_begin ? 1.0 / (t.lifestyle_end - t.lifestyle_begin) : 0.0;
    t.diets = f.household_diets[j];
    t.experienced_with = f.household_experienced_with[j];
    t.preferred_needs = f.preferred_needs[j];
    if (f.preferred_min_age[j] >= 0) t.age_floor = f.preferred_min_age[j];
    if (f.preferred_max_age[j] >= 0) t.age_ceiling = f.preferred_max_age[j];
    t.has_age_range = f.preferred_min_age[j] >= 0 || f.preferred_max_age[j] >= 0;
    t.main_carer_gender = f.household_main_carer_gender[j];
    t.preferred_gender = f.preferred_gender[j];
    t.has_pets = f.household_has_pets[j];
    t.has_children = f.household_has_children[j];
    t.preference_parts[0] = static_cast<std::uint8_t>(t.has_age_range + (t.preferred_gender >= 0));
    t.preference_parts[1] =
        static_cast<std::uint8_t>(t.preference_parts[0] + (t.preferred_needs != 0));
    t.carer_interests = f.household_interests.row(j)[0];
    t.resident_only_interests = f.household_resident_interests.row(j)[0] & ~t.carer_interests;
    t.languages = f.household_languages.row(j)[0];
    t.faiths = f.household_faiths.row(j)[0];
    t.cultures = f.household_cultures.row(j)[0];
    // Households of up to 8 members aged 0 to 254 keep their member ages in the record.
    t.members_in_record =
        t.member_end - t.member_begin <= static_cast<std::int32_t>(household_terms::age_slots) &&
        std::all_of(f.member_age.begin() + t.member_begin, f.member_age.begin() + t.member_end,
                    [](std::int32_t a) { return a >= 0 && a <= household_terms::slot_age_max; });
    for (std::size_t k = 0; k < household_terms::age_slots; ++k) {
      const auto m = static_cast<std::int32_t>(k) + t.member_begin;
      t.member_ages[k] = t.members_in_record && m < t.member_end
                             ? static_cast<std::uint8_t>(f.member_age[static_cast<std::size_t>(m)])
                             : household_terms::no_member;
    }
  }

  // Blocks from declines, the scheme's exclusions and resident conflicts, per person.
  const auto household_of_id = index_ids(s.households);
  const auto person_of_id = index_ids(s.people);
  std::unordered_map<std::string, std::vector<std::int32_t>> household_of_resident;
  for (std::size_t j = 0; j < nh; ++j)
    for (const resident& r : s.households[j].residents)
      household_of_resident[r.id].push_back(static_cast<std::int32_t>(j));
  std::vector<std::vector<blocked_household>> blocks(np);
  auto block = [&](std::int32_t person, std::int32_t household, block_reason why) {
    blocks[static_cast<std::size_t>(person)].push_back({household, static_cast<std::uint8_t>(why)});
  };
  auto each = [](const auto& index, const std::string& id, auto&& action) {
    const auto it = index.find(id);
    if (it != index.end())
      for (std::int32_t i : it->second) action(i);
  };
  for (std::size_t i = 0; i < np; ++i) {
    const person& p = s.people[i];
    const auto pi = static_cast<std::int32_t>(i);
    for (const auto& id : p.declined_households)
      each(household_of_id, id, [&](std::int32_t j) { block(pi, j, block_reason::declined); });
    for (const auto& id : p.conflicts_with)
      each(household_of_resident, id,
           [&](std::int32_t j) { block(pi, j, block_reason::resident_conflict); });
  }
  for (std::size_t j = 0; j < nh; ++j) {
    const household& h = s.households[j];
    const auto hj = static_cast<std::int32_t>(j);
    for (const auto& id : h.declined_people)
      each(person_of_id, id, [&](std::int32_t i) { block(i, hj, block_reason::declined); });
    for (const resident& r : h.residents)
      for (const auto& id : r.conflicts_with)
        each(person_of_id, id,
             [&](std::int32_t i) { block(i, hj, block_reason::resident_conflict); });
  }
  for (const auto& x : pol.excluded_pairs)
    each(person_of_id, x.person_id, [&](std::int32_t i) {
      each(household_of_id, x.household_id,
           [&](std::int32_t j) { block(i, j, block_reason::declined); });
    });
  for (auto& row : blocks) { // merge repeats of one household into one entry
    std::sort(row.begin(), row.end(),
              [](const auto& a, const auto& b) { return a.household < b.household; });
    std::vector<blocked_household> merged;
    for (const auto& b : row) {
      if (!merged.empty() && merged.back().household == b.household)
        merged.back().reasons |= b.reasons;
      else
        merged.push_back(b);
    }
    row = std::move(merged);
  }
  to_csr(blocks, f.blocked_start, f.blocked,
         [](const auto& a, const auto& b) { return a.household < b.household; });

  // People.
  f.person_rule_bits.resize(np);
  f.place_start.assign(np + 1, 0);
  f.travel_limit.resize(static_cast<Eigen::Index>(np));
  f.chord2_surely_within.resize(static_cast<Eigen::Index>(np));
  f.chord2_surely_beyond.resize(static_cast<Eigen::Index>(np));
  f.weights.assign(np * factor_count, 0.0);
  f.person_factors.assign(np, 0);
  f.person_interests = bit_rows(np, interest_ids.size());
  f.person_other_languages = bit_rows(np, language_ids.size());
  f.person_cultures = bit_rows(np, culture_ids.size());
  f.interest_count.assign(np, 0);
  f.culture_count.assign(np, 0);
  f.first_language.assign(np, -1);
  f.faith.assign(np, -1);
  f.has_faith.assign(np, 0);
  f.person_diets.assign(np, 0);
  f.has_lifestyle.assign(np, 0);
  f.person_activity.setZero(static_cast<Eigen::Index>(np));
  f.person_setting.setZero(static_cast<Eigen::Index>(np));
  f.person_routine.setZero(static_cast<Eigen::Index>(np));
  f.uses_household_preferences.assign(np, 0);
  f.pets_feeling.assign(np, static_cast<std::uint8_t>(attitude::neutral));
  f.children_feeling.assign(np, static_cast<std::uint8_t>(attitude::neutral));
  f.age.resize(np);
  f.person_gender.resize(np);
  f.person_needs.resize(np);
  f.preferred_carer_gender.resize(np);
  std::vector<std::array<double, 3>> place_vectors;
  std::vector<std::vector<std::int32_t>> known(np);
  for (std::size_t i = 0; i < np; ++i) {
    const person& p = s.people[i];
    const auto e = static_cast<Eigen::Index>(i);
    f.person_rule_bits[i] = person_mask(p);

    // Places: the home always, anchors only with consent to community.
    f.place_location.push_back(p.location);
    place_vectors.push_back(unit_vector(p.location));
    if (consents(p, data_category::community))
      for (const anchor& a : p.anchors) {
        f.place_location.push_back(a.where);
        place_vectors.push_back(unit_vector(a.where));
      }
    f.place_start[i + 1] = static_cast<std::int32_t>(f.place_location.size());
    const double limit = travel_limit_km(pol, p);
    f.travel_limit[e] = limit;
    f.chord2_surely_within[e] = squared_chord(limit - travel_band_km);
    f.chord2_surely_beyond[e] = squared_chord(limit + travel_band_km);

    // Weights, and the factors this person's data allows.
    const factor_weights w = effective_weights(pol, p);
    std::uint32_t usable = 0;
    auto allow = [&](factor x, bool has_data) {
      const auto k = static_cast<std::size_t>(x);
      const auto category = consent_needed(x);
      if (category && !consents(p, *category)) return;
      if (!(w[k] > 0.0) || !has_data) return;
      usable |= 1u << k;
      f.weights[i * factor_count + k] = w[k];
    };

    if (consents(p, data_category::interests)) {
      for (const auto& word : p.interests) f.person_interests.set(i, interest_ids.find(word));
      f.interest_count[i] =
          count_ids(f.person_interests.row(i), f.person_interests.words_per_row());
    }
    if (consents(p, data_category::languages) && !p.languages.empty()) {
      f.first_language[i] = language_ids.find(p.languages.front());
      for (std::size_t k = 1; k < p.languages.size(); ++k)
        f.person_other_languages.set(i, language_ids.find(p.languages[k]));
    }
    const bool faith_culture = consents(p, data_category::faith_culture);
    if (faith_culture && p.faith) {
      f.has_faith[i] = 1;
      f.faith[i] = faith_ids.find(*p.faith);
    }
    if (faith_culture) {
      for (const auto& word : p.cultures) f.person_cultures.set(i, culture_ids.find(word));
      f.culture_count[i] = count_ids(f.person_cultures.row(i), f.person_cultures.words_per_row());
    }
    if (consents(p, data_category::diet)) f.person_diets[i] = p.diets.bits();
    if (consents(p, data_category::lifestyle) && p.way_of_life) {
      f.has_lifestyle[i] = 1;
      f.person_activity[e] = p.way_of_life->activity;
      f.person_setting[e] = p.way_of_life->setting;
      f.person_routine[e] = p.way_of_life->routine;
    }
    if (consents(p, data_category::household_preferences)) {
      f.uses_household_preferences[i] = 1;
      f.pets_feeling[i] = static_cast<std::uint8_t>(p.pets);
      f.children_feeling[i] = static_cast<std::uint8_t>(p.children);
    }
    const bool history = consents(p, data_category::history);
    if (history)
      for (const auto& id : p.known_households)
        each(household_of_id, id, [&](std::int32_t j) { known[i].push_back(j); });
    f.age[i] = pol.as_of.years_since(p.date_of_birth);
    f.person_gender[i] = static_cast<std::uint8_t>(p.gender_identity);
    f.person_needs[i] = p.needs.bits();
    f.preferred_carer_gender[i] = p.preferred_carer_gender
                                      ? static_cast<std::int8_t>(*p.preferred_carer_gender)
                                      : std::int8_t{-1};

    allow(factor::community, true);
    allow(factor::interests, f.interest_count[i] > 0);
    allow(factor::language, f.first_language[i] >= 0);
    allow(factor::faith_culture, f.has_faith[i] || f.culture_count[i] > 0);
    allow(factor::diet, f.person_diets[i] != 0);
    allow(factor::lifestyle, f.has_lifestyle[i] != 0);
    allow(factor::household_mix, true); // whether there is anything to compare is per pair
    allow(factor::continuity, history && !p.known_households.empty());
    allow(factor::carer_preference, true); // the carer's wishes are per pair
    allow(factor::experience, true);
    allow(factor::gender_preference, p.preferred_carer_gender.has_value());
    f.person_factors[i] = usable;
  }
  f.place_x.resize(static_cast<Eigen::Index>(place_vectors.size()));
  f.place_y.resize(static_cast<Eigen::Index>(place_vectors.size()));
  f.place_z.resize(static_cast<Eigen::Index>(place_vectors.size()));
  for (std::size_t k = 0; k < place_vectors.size(); ++k) {
    const auto e = static_cast<Eigen::Index>(k);
    f.place_x[e] = place_vectors[k][0];
    f.place_y[e] = place_vectors[k][1];
    f.place_z[e] = place_vectors[k][2];
  }
  for (auto& row : known) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
  }
  to_csr(known, f.known_start, f.known, std::less<std::int32_t>{});
  return f;
}

} // namespace slmatch
