#pragma once
/// Synthetic schemes: realistic, seeded, deterministic test and benchmark data.
///
/// In: `synthetic_options` (sizes, seed, the area covered, the date and the scheme's policy).
/// Out: a valid `scheme` whose people and households look like a real Shared Lives scheme:
/// homes gathered in a few towns, the need and arrangement mix of BRIEF.md, carers
/// approved for what they know, 1–3 places with people already living in some homes,
/// pets, children and smokers in realistic shares, small vocabularies of interests,
/// languages, faiths and diets, consent given for most categories but not all, a few
/// continuity links, declines and personal weights. Names are made of syllables and are
/// fictional; ids are zero padded ("P000017", "H000042", "R000003") so they sort naturally.
/// On request (`group_share`), some people are put in groups of two or three to be placed
/// together ("G000001"): mostly couples and siblings, a fifth of them only preferring to
/// live together, some sharing a bedroom; each group's members live at one address, wait
/// for the same arrangement and have needs one household can meet for all of them.
///
/// Portability: all randomness comes from a small integer generator (splitmix64 seeding
/// xoshiro256**); normal draws are sums of integers; every double in the scheme is an
/// integer divided once by a constant (and coordinates add one such quotient to the
/// centre), so the same options give the same scheme on every platform and standard
/// library. No `std::` distribution is used.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slmatch {

/// What to generate.
struct synthetic_options {
  int people = 300;
  int households = 300;
  std::uint64_t seed = 1;
  geo_point centre{53.8, -1.55}; ///< middle of the area the scheme covers
  double radius_km = 30;         ///< area the scheme covers
  int clusters = 6;              ///< towns people and carers gather in
  date as_of{2026, 11, 1};
  int household_cap = 3;
  double travel_limit_km = 40;
  /// Share of people (0–1) placed in groups of 2 or 3 to be housed together; 0 gives the
  /// scheme without groups, the same as before groups existed.
  double group_share = 0;
};

/// The shares the generator draws from, as integer weights (normalise by their sum).
/// Tests compare generated schemes with them; they follow BRIEF.md's figures.
namespace synthetic_mix {

/// Weight of each arrangement type, in `arrangement_type` order: long-term 58, short
/// breaks 27, day support 17 (BRIEF.md), plus a few emergency and intermediate.
inline constexpr std::array<int, vocabulary_size<arrangement_type>> arrangement_weights{58, 27, 17,
                                                                                        3, 2};

/// Weight of each person's main need, in `need_category` order.
inline constexpr std::array<int, vocabulary_size<need_category>> main_need_weights{
    40, // learning_disability
    11, // autism
    15, // mental_health
    6,  // dementia
    8,  // older_age
    7,  // physical_disability
    3,  // sensory_impairment
    4,  // acquired_brain_injury
    6,  // young_person_leaving_care
};

/// Per mille of people with each main need who also have a second need.
inline constexpr int second_need_per_mille = 300;

/// The second need, by main need (weights in `need_category` order; the main need's own
/// weight is always 0).
inline constexpr std::array<std::array<int, vocabulary_size<need_category>>,
                            vocabulary_size<need_category>>
    second_need_weights{{
        {0, 40, 20, 0, 0, 25, 10, 5, 0},   // learning_disability
        {60, 0, 35, 0, 0, 0, 5, 0, 0},     // autism
        {20, 20, 0, 0, 10, 10, 0, 10, 30}, // mental_health
        {0, 0, 20, 0, 60, 10, 10, 0, 0},   // dementia
        {0, 0, 20, 50, 0, 20, 10, 0, 0},   // older_age
        {40, 0, 20, 0, 10, 0, 20, 10, 0},  // physical_disability
        {40, 0, 10, 0, 30, 20, 0, 0, 0},   // sensory_impairment
        {0, 0, 40, 0, 0, 50, 10, 0, 0},    // acquired_brain_injury
        {30, 30, 40, 0, 0, 0, 0, 0, 0},    // young_person_leaving_care
    }};

/// Weight of each support level, in `support_level` order: skewed low and moderate.
inline constexpr std::array<int, vocabulary_size<support_level>> support_weights{35, 40, 20, 5};

/// Per mille of households offering 1, 2 and 3 places: most carers support one person.
inline constexpr std::array<int, 3> places_per_mille{550, 330, 120};

/// Expected share (0–1) of people whose needs include `need`: the main need's share plus
/// the share that get it as a second need.
///
/// @param[in] need  a need category
/// @return  the share the generator aims at
inline double need_share(need_category need) {
  const auto n = static_cast<std::size_t>(need);
  double main_total = 0;
  for (int w : main_need_weights) main_total += w;
  double share = main_need_weights[n] / main_total;
  for (std::size_t m = 0; m < main_need_weights.size(); ++m) {
    if (m == n) continue;
    double row_total = 0;
    for (int w : second_need_weights[m]) row_total += w;
    share += main_need_weights[m] / main_total * (second_need_per_mille / 1000.0) *
             (second_need_weights[m][n] / row_total);
  }
  return share;
}

/// Expected share (0–1) of people with arrangement `a`.
inline double arrangement_share(arrangement_type a) {
  double total = 0;
  for (int w : arrangement_weights) total += w;
  return arrangement_weights[static_cast<std::size_t>(a)] / total;
}

} // namespace synthetic_mix

namespace detail {

/// Kilometres per degree of latitude on the mean Earth sphere used by `distance_km`.
inline constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;

/// splitmix64: seeds the main generator and mixes seeds into independent streams.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256** with integer-only helpers, so draws are the same everywhere.
class random_source {
public:
  /// A stream for `seed` and `stream` (different streams are independent).
  random_source(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t mix = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
    for (auto& word : state_) word = splitmix64(mix);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, n) for n >= 1 (multiply-shift with rejection, so exactly uniform).
  std::uint32_t below(std::uint32_t n) {
    std::uint64_t product = (next() >> 32) * n;
    auto low = static_cast<std::uint32_t>(product);
    if (low < n) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-n) % n;
      while (low < threshold) {
        product = (next() >> 32) * n;
        low = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }

  /// Uniform integer in [low, high].
  int between(int low, int high) {
    return low + static_cast<int>(below(static_cast<std::uint32_t>(high - low + 1)));
  }

  /// True with probability per_mille / 1000.
  bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }

  /// Roughly normal integer with this mean and standard deviation: the sum of twelve
  /// uniform 16-bit draws (Irwin–Hall), which is bounded at 6 standard deviations.
  std::int64_t normal(std::int64_t mean, std::int64_t sd) {
    std::int64_t sum = 0;
    for (int i = 0; i < 3; ++i) {
      const std::uint64_t word = next();
      for (int k = 0; k < 4; ++k) sum += static_cast<std::int64_t>((word >> (16 * k)) & 0xffff);
    }
    // 12 draws of variance (65536^2 - 1) / 12 give a standard deviation of ~65536.
    return mean + (sum - 12 * 65535 / 2) * sd / 65536;
  }

  /// `normal` clamped to [low, high].
  int normal_in(int mean, int sd, int low, int high) {
    return static_cast<int>(std::clamp<std::int64_t>(normal(mean, sd), low, high));
  }

  /// An index drawn with probability proportional to `weights` (at least one positive).
  template <class Weights> std::size_t pick(const Weights& weights) {
    std::uint32_t total = 0;
    for (auto w : weights) total += static_cast<std::uint32_t>(w);
    std::uint32_t draw = below(total);
    std::size_t i = 0;
    for (auto w : weights) {
      if (draw < static_cast<std::uint32_t>(w)) return i;
      draw -= static_cast<std::uint32_t>(w);
      ++i;
    }
    return i - 1;
  }

  /// A uniformly chosen element.
  template <class Items> const auto& one_of(const Items& items) {
    return items[below(static_cast<std::uint32_t>(std::size(items)))];
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

/// "P000017": prefix and number zero padded to `width` digits.
inline std::string padded_id(char prefix, long number, int width) {
  std::string digits = std::to_string(number);
  std::string id(1, prefix);
  if (static_cast<int>(digits.size()) < width)
    id.append(static_cast<std::size_t>(width) - digits.size(), '0');
  return id + digits;
}

/// Digits needed for ids up to `count` (at least 6).
inline int id_width(long count) {
  int width = 1;
  for (long n = count; n >= 10; n /= 10) ++width;
  return std::max(width, 6);
}

/// A cultural background: languages, faiths and diets that go together.
struct background {
  int weight;
  std::string_view culture;
  std::array<std::string_view, 3> languages; ///< community languages, "" for none
  int no_english_per_mille;                  ///< share who speak no English
  std::array<std::string_view, 2> faiths;    ///< "" for none
  int faith_per_mille;                       ///< share who hold one of them
  std::array<diet, 1> faith_diet;
  int faith_diet_per_mille;
};

// clang-format off
inline constexpr std::array<background, 11> backgrounds{{
    {700, "White British",       {"", "", ""},                   0,   {"Christian", "Catholic"}, 420, {diet::vegetarian}, 0},
    {60,  "British Pakistani",   {"Urdu", "Punjabi", ""},        100, {"Muslim", ""},            950, {diet::halal}, 900},
    {45,  "British Indian",      {"Gujarati", "Punjabi", "Hindi"}, 60, {"Hindu", "Sikh"},        850, {diet::vegetarian}, 500},
    {20,  "British Bangladeshi", {"Bengali", "Sylheti", ""},     150, {"Muslim", ""},            950, {diet::halal}, 900},
    {30,  "Polish",              {"Polish", "", ""},             300, {"Catholic", ""},          750, {diet::vegetarian}, 0},
    {30,  "Black Caribbean",     {"", "", ""},                   0,   {"Christian", ""},         700, {diet::vegetarian}, 0},
    {30,  "Nigerian British",    {"Yoruba", "Igbo", ""},         20,  {"Christian", "Muslim"},   850, {diet::vegetarian}, 0},
    {25,  "Irish",               {"", "", ""},                   0,   {"Catholic", ""},          700, {diet::vegetarian}, 0},
    {15,  "Somali",              {"Somali", "Arabic", ""},       300, {"Muslim", ""},            950, {diet::halal}, 900},
    {10,  "British Jewish",      {"Hebrew", "", ""},             0,   {"Jewish", ""},            800, {diet::kosher}, 500},
    {35,  "Chinese",             {"Cantonese", "Mandarin", ""},  200, {"Buddhist", ""},          250, {diet::vegetarian}, 0},
}};
// clang-format on

inline constexpr std::array<std::string_view, 24> interests{
    "gardening", "music",    "football",    "cooking",     "art",     "walking",
    "swimming",  "reading",  "animals",     "films",       "crafts",  "dancing",
    "bowling",   "fishing",  "video games", "pub quizzes", "cycling", "baking",
    "theatre",   "knitting", "photography", "bingo",       "trains",  "church groups"};
/// Popularity of each interest (same order).
inline constexpr std::array<int, 24> interest_weights{9, 10, 8, 7, 5, 8, 5, 5, 6, 8, 5, 4,
                                                      3, 3,  5, 3, 3, 4, 2, 2, 2, 3, 2, 2};

inline constexpr std::array<std::string_view, 16> first_syllables{
    "Ja", "Mo", "Li", "Sa", "Ro", "Ke", "Da", "Ni", "El", "Am", "Be", "Ta", "Jo", "Ha", "Fe", "Ri"};
inline constexpr std::array<std::string_view, 16> second_syllables{
    "ne", "ra", "son", "la", "bin", "ton", "ya", "ri",
    "na", "lo", "dan", "mi", "zel", "ka",  "th", "ve"};
inline constexpr std::array<std::string_view, 12> surname_endings{
    "ford", "well", "by", "ton", "ham", "ley", "wick", "field", "worth", "more", "dale", "stone"};

/// A made-up name: "Ranela Mobinford"-style, built from syllables.
inline std::string fictional_name(random_source& rng) {
  std::string name(rng.one_of(first_syllables));
  name += rng.one_of(second_syllables);
  if (rng.chance(400)) name += rng.one_of(second_syllables);
  name += ' ';
  name += rng.one_of(first_syllables);
  name += rng.one_of(second_syllables);
  name += rng.one_of(surname_endings);
  return name;
}

/// A place on the map as integer metres east and north of the scheme's centre.
struct offset_m {
  std::int64_t east = 0;
  std::int64_t north = 0;
};

/// Turns metre offsets into coordinates. Each coordinate is the centre plus one quotient,
/// and the cosine is rounded to 12 decimals, so results agree across platforms.
class map_projection {
public:
  explicit map_projection(geo_point centre) : centre_(centre) {
    constexpr double to_rad = 3.14159265358979323846 / 180.0;
    const double cosine = std::round(std::cos(centre.lat * to_rad) * 1e12) / 1e12;
    metres_per_degree_lat_ = km_per_degree * 1000.0;
    metres_per_degree_lon_ = metres_per_degree_lat_ * cosine;
  }

  geo_point place(offset_m at) const {
    double lon = centre_.lon + static_cast<double>(at.east) / metres_per_degree_lon_;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return {centre_.lat + static_cast<double>(at.north) / metres_per_degree_lat_, lon};
  }

private:
  geo_point centre_;
  double metres_per_degree_lat_;
  double metres_per_degree_lon_;
};

/// A uniform point in the disc of `radius_m` around `around`.
inline offset_m in_disc(random_source& rng, offset_m around, std::int64_t radius_m) {
  if (radius_m <= 0) return around;
  const auto span = static_cast<std::uint32_t>(std::min<std::int64_t>(2 * radius_m + 1, 1 << 30));
  const std::int64_t half = span / 2;
  for (;;) {
    const std::int64_t east = static_cast<std::int64_t>(rng.below(span)) - half;
    const std::int64_t north = static_cast<std::int64_t>(rng.below(span)) - half;
    if (east * east + north * north <= half * half)
      return {around.east + east, around.north + north};
  }
}

/// A normally spread point around `around`, cut off at 3 standard deviations.
inline offset_m spread_around(random_source& rng, offset_m around, std::int64_t sd_m) {
  if (sd_m <= 0) return around;
  for (;;) {
    const std::int64_t east = rng.normal(0, sd_m);
    const std::int64_t north = rng.normal(0, sd_m);
    if (east * east + north * north <= 9 * sd_m * sd_m)
      return {around.east + east, around.north + north};
  }
}

/// Standard deviation of homes around a town centre, in whole metres.
inline std::int64_t spread_m(double radius_km) {
  return std::llround(std::min(4.0, radius_km / 8.0) * 1000.0);
}

/// The towns of a scheme and where people and carers live.
struct geography {
  std::vector<offset_m> towns;
  std::vector<int> town_weights; ///< town sizes: the first town is the biggest
  std::int64_t radius_m = 0;
  std::int64_t spread_m = 0;

  /// Index of a town, or -1 for someone living out in the country.
  int pick_town(random_source& rng) const {
    if (rng.chance(120)) return -1;
    return static_cast<int>(rng.pick(town_weights));
  }

  offset_m home_in(random_source& rng, int town) const {
    if (town < 0) return in_disc(rng, offset_m{}, radius_m);
    return spread_around(rng, towns[static_cast<std::size_t>(town)], spread_m);
  }

  /// Lifestyle setting (0 town … 100 country) for a home.
  int setting_of(random_source& rng, int town) const {
    return town < 0 ? rng.between(55, 100) : rng.normal_in(30, 18, 0, 100);
  }
};

/// A lifestyle from integer percentages: activity and routine spread around their means.
/// (Draws are made in separate statements: argument evaluation order is unspecified.)
inline lifestyle lifestyle_around(random_source& rng, int activity_mean, int setting,
                                  int routine_mean) {
  const int activity = rng.normal_in(activity_mean, 22, 0, 100);
  const int routine = rng.normal_in(routine_mean, 20, 0, 100);
  return {activity / 100.0, setting / 100.0, routine / 100.0};
}

/// Age in years of someone with these needs.
inline int age_for(random_source& rng, tag_set<need_category> needs) {
  if (needs.contains(need_category::young_person_leaving_care)) return rng.between(16, 25);
  if (needs.contains(need_category::dementia)) return rng.normal_in(78, 7, 55, 98);
  if (needs.contains(need_category::older_age)) return rng.normal_in(76, 7, 65, 98);
  return rng.normal_in(40, 13, 18, 80);
}

/// A date of birth giving age `age` on `as_of`.
inline date birth_date_for(random_source& rng, int age, const date& as_of) {
  return as_of.plus_days(-(static_cast<long>(age) * 36525) / 100 - rng.between(1, 364));
}

/// Languages for someone of a background: English first unless they speak none, and
/// sometimes a community language.
inline std::vector<std::string> languages_for(random_source& rng, const background& b,
                                              int community_language_per_mille) {
  std::vector<std::string> spoken;
  const bool has_community_language = !b.languages[0].empty();
  std::size_t options = 0;
  for (auto l : b.languages)
    if (!l.empty()) ++options;
  const bool no_english = has_community_language && rng.chance(b.no_english_per_mille);
  if (!no_english) spoken.emplace_back("English");
  if (has_community_language && (no_english || rng.chance(community_language_per_mille)))
    spoken.emplace_back(b.languages[rng.below(static_cast<std::uint32_t>(options))]);
  return spoken;
}

/// Between `low` and `high` distinct interests, popular ones more often.
inline std::vector<std::string> interests_for(random_source& rng, int low, int high) {
  const int count = rng.between(low, high);
  std::array<int, interest_weights.size()> weights = interest_weights;
  std::vector<std::string> chosen;
  for (int i = 0; i < count; ++i) {
    const std::size_t k = rng.pick(weights);
    weights[k] = 0;
    chosen.emplace_back(interests[k]);
  }
  return chosen;
}

/// Builds a whole scheme; one instance per call.
class scheme_generator {
public:
  explicit scheme_generator(const synthetic_options& o)
      : options_(o), projection_(o.centre), people_width_(id_width(o.people)),
        households_width_(id_width(o.households)) {}

  scheme run() {
    scheme s;
    s.id = "synthetic-" + std::to_string(options_.seed);
    s.name = "Synthetic scheme " + std::to_string(options_.seed);
    s.policy.as_of = options_.as_of;
    s.policy.household_cap = options_.household_cap;
    s.policy.travel_limit_km = options_.travel_limit_km;
    make_geography();
    make_households(s);
    make_people(s);
    make_exclusions(s);
    make_groups(s);
    return s;
  }

private:
  std::string person_id(long index) const { return padded_id('P', index + 1, people_width_); }
  std::string household_id(long index) const {
    return padded_id('H', index + 1, households_width_);
  }

  void make_geography() {
    random_source rng(options_.seed, 0);
    geo_.radius_m = std::llround(options_.radius_km * 1000.0);
    geo_.spread_m = spread_m(options_.radius_km);
    for (int t = 0; t < options_.clusters; ++t) {
      geo_.towns.push_back(in_disc(rng, offset_m{}, geo_.radius_m));
      geo_.town_weights.push_back(1000 / (t + 1));
    }
    households_in_town_.assign(static_cast<std::size_t>(options_.clusters) + 1, {});
  }

  /// Main need, then perhaps a second.
  tag_set<need_category> needs_for(random_source& rng) {
    const std::size_t main = rng.pick(synthetic_mix::main_need_weights);
    tag_set<need_category> needs{static_cast<need_category>(main)};
    if (rng.chance(synthetic_mix::second_need_per_mille))
      needs.insert(static_cast<need_category>(rng.pick(synthetic_mix::second_need_weights[main])));
    return needs;
  }

  // Households ------------------------------------------------------------------------

  void make_households(scheme& s) {
    random_source rng(options_.seed, 1);
    const auto count = static_cast<std::size_t>(options_.households);
    s.households.reserve(count);
    for (std::size_t i = 0; i < count; ++i) s.households.push_back(make_household(rng, i));
  }

  household make_household(random_source& rng, std::size_t index) {
    household h;
    h.id = household_id(static_cast<long>(index));
    h.name = fictional_name(rng);
    const int town = geo_.pick_town(rng);
    households_in_town_[static_cast<std::size_t>(town + 1)].push_back(index);
    h.location = projection_.place(geo_.home_in(rng, town));
    const background& b = backgrounds[rng.pick(background_weights())];

    // Approval: the needs they have experience with, mostly learning disability.
    std::array<int, vocabulary_size<need_category>> approve_per_mille{850, 550, 450, 250, 350,
                                                                      350, 200, 200, 250};
    for (std::size_t n = 0; n < approve_per_mille.size(); ++n)
      if (rng.chance(approve_per_mille[n])) h.approved_needs.insert(static_cast<need_category>(n));
    if (h.approved_needs.empty())
      h.approved_needs.insert(
          static_cast<need_category>(rng.pick(synthetic_mix::main_need_weights)));
    for (need_category n : h.approved_needs.values())
      if (rng.chance(750)) h.experienced_with.insert(n);
    h.max_support = static_cast<support_level>(rng.pick(std::array<int, 4>{10, 35, 40, 15}));
    struct skill_chance {
      specialist_skill skill;
      need_category with;
      int base, with_need;
    };
    static constexpr std::array<skill_chance, 8> skill_chances{{
        {specialist_skill::epilepsy, need_category::learning_disability, 150, 450},
        {specialist_skill::peg_feeding, need_category::physical_disability, 20, 120},
        {specialist_skill::hoisting, need_category::physical_disability, 40, 350},
        {specialist_skill::autism_support, need_category::autism, 80, 650},
        {specialist_skill::diabetes, need_category::older_age, 200, 350},
        {specialist_skill::dementia_care, need_category::dementia, 40, 700},
        {specialist_skill::positive_behaviour_support, need_category::learning_disability, 60, 250},
        {specialist_skill::mental_health_crisis, need_category::mental_health, 30, 400},
    }};
    for (const auto& c : skill_chances)
      if (rng.chance(h.approved_needs.contains(c.with) ? c.with_need : c.base))
        h.skills.insert(c.skill);

    static constexpr std::array<int, vocabulary_size<arrangement_type>> offer_per_mille{
        700, 550, 350, 150, 100};
    for (std::size_t a = 0; a < offer_per_mille.size(); ++a)
      if (rng.chance(offer_per_mille[a])) h.arrangements.insert(static_cast<arrangement_type>(a));
    if (h.arrangements.empty())
      h.arrangements.insert(
          static_cast<arrangement_type>(rng.pick(synthetic_mix::arrangement_weights)));
    h.active = rng.chance(960);
    h.approval_expires = rng.chance(30) ? options_.as_of.plus_days(-rng.between(1, 200))
                                        : options_.as_of.plus_days(rng.between(20, 1100));

    // Home and capacity.
    h.places = 1 + static_cast<int>(rng.pick(synthetic_mix::places_per_mille));
    static constexpr std::array<home_feature, 4> features{
        home_feature::wheelchair_access, home_feature::level_access,
        home_feature::ground_floor_bedroom, home_feature::adapted_bathroom};
    static constexpr std::array<int, 4> feature_per_mille{120, 300, 250, 150};
    for (std::size_t f = 0; f < features.size(); ++f)
      if (rng.chance(feature_per_mille[f])) h.features.insert(features[f]);
    if (h.features.contains(home_feature::wheelchair_access))
      h.features.insert(home_feature::level_access);

    // The household.
    const gender main_gender =
        rng.chance(720) ? gender::female : (rng.chance(980) ? gender::male : gender::non_binary);
    const int main_age = rng.normal_in(53, 9, 25, 78);
    h.adults.push_back({main_gender, main_age, true, rng.chance(100)});
    if (rng.chance(560)) {
      const gender partner = main_gender == gender::female
                                 ? (rng.chance(900) ? gender::male : gender::female)
                                 : (rng.chance(900) ? gender::female : gender::male);
      const int partner_age = std::clamp(main_age + rng.between(-8, 8), 21, 85);
      h.adults.push_back({partner, partner_age, false, rng.chance(120)});
    }
    if (rng.chance(120)) { // a grown-up son or daughter
      const gender g = rng.chance(500) ? gender::female : gender::male;
      const int age = rng.between(18, 30);
      h.adults.push_back({g, age, false, rng.chance(150)});
    }
    if (main_age < 62 && rng.chance(200)) {
      const int children = 1 + static_cast<int>(rng.pick(std::array<int, 3>{50, 35, 15}));
      for (int c = 0; c < children; ++c) h.children_ages.push_back(rng.between(0, 17));
      std::sort(h.children_ages.begin(), h.children_ages.end());
    }
    if (rng.chance(450)) h.pets = 1 + static_cast<int>(rng.pick(std::array<int, 3>{60, 30, 10}));

    // People already living there.
    const int already = rng.chance(280) ? rng.between(1, h.places) : 0;
    for (int r = 0; r < already; ++r) h.residents.push_back(make_resident(rng, h));
    const int free = h.places - already;
    const bool live_in = h.arrangements.contains(arrangement_type::long_term) ||
                         h.arrangements.contains(arrangement_type::short_break) ||
                         h.arrangements.contains(arrangement_type::emergency) ||
                         h.arrangements.contains(arrangement_type::intermediate);
    h.free_bedrooms =
        live_in ? std::max(0, free - (rng.chance(120) ? 1 : 0)) : rng.between(0, free);

    // Who they are.
    h.interests = interests_for(rng, 2, 5);
    h.languages = languages_for(rng, b, 700);
    if (rng.chance(40)) h.languages.emplace_back(rng.chance(600) ? "Makaton" : "BSL");
    if (rng.chance(b.faith_per_mille)) {
      const std::size_t options = b.faiths[1].empty() ? 1 : 2;
      h.faiths.emplace_back(b.faiths[rng.below(static_cast<std::uint32_t>(options))]);
      if (rng.chance(b.faith_diet_per_mille)) h.diets.insert(b.faith_diet[0]);
    }
    h.cultures.emplace_back(b.culture);
    static constexpr std::array<int, vocabulary_size<diet>> diet_per_mille{300, 80,  50,  10,
                                                                           200, 150, 250, 150};
    for (std::size_t d = 0; d < diet_per_mille.size(); ++d)
      if (rng.chance(diet_per_mille[d])) h.diets.insert(static_cast<diet>(d));
    const int setting = geo_.setting_of(rng, town);
    h.way_of_life = lifestyle_around(rng, 50, setting, 55);
    h.years_caring = rng.chance(300) ? rng.between(0, 4) : rng.normal_in(8, 6, 0, 35);

    // The carer's own wishes.
    if (rng.chance(200)) h.will_not_support.insert(carer_exclusion::smokers);
    if (rng.chance(100)) h.will_not_support.insert(carer_exclusion::risk_flags);
    if (rng.chance(30))
      h.will_not_support.insert(carer_exclusion::men);
    else if (rng.chance(10))
      h.will_not_support.insert(carer_exclusion::women);
    if (rng.chance(400))
      for (need_category n : h.approved_needs.values())
        if (rng.chance(500)) h.preferences.needs.insert(n);
    if (rng.chance(200)) {
      h.preferences.min_age = rng.between(16, 40);
      h.preferences.max_age = *h.preferences.min_age + rng.between(15, 50);
    }
    if (rng.chance(50))
      h.preferences.gender_identity = rng.chance(600) ? gender::female : gender::male;
    if (options_.people > 0 && rng.chance(15))
      h.declined_people.push_back(
          person_id(rng.below(static_cast<std::uint32_t>(options_.people))));
    return h;
  }

  resident make_resident(random_source& rng, const household& h) {
    resident r;
    r.id = padded_id('R', ++residents_, 6);
    const auto approved = h.approved_needs.values();
    r.needs.insert(rng.one_of(approved));
    if (approved.size() > 1 && rng.chance(250)) r.needs.insert(rng.one_of(approved));
    r.age = age_for(rng, r.needs);
    r.gender_identity =
        rng.chance(480) ? gender::female : (rng.chance(970) ? gender::male : gender::non_binary);
    if (rng.chance(850)) {
      const int setting = rng.normal_in(40, 25, 0, 100);
      r.way_of_life = lifestyle_around(rng, 45, setting, 60);
    }
    r.interests = interests_for(rng, 0, 3);
    if (options_.people > 0 && rng.chance(20))
      r.conflicts_with.push_back(person_id(rng.below(static_cast<std::uint32_t>(options_.people))));
    resident_ids_.push_back(r.id);
    return r;
  }

  static const std::array<int, backgrounds.size()>& background_weights() {
    static const auto weights = [] {
      std::array<int, backgrounds.size()> w{};
      for (std::size_t i = 0; i < backgrounds.size(); ++i) w[i] = backgrounds[i].weight;
      return w;
    }();
    return weights;
  }

  // People ----------------------------------------------------------------------------

  void make_people(scheme& s) {
    random_source rng(options_.seed, 2);
    s.people.reserve(static_cast<std::size_t>(options_.people));
    for (int i = 0; i < options_.people; ++i) s.people.push_back(make_person(rng, i));
  }

  person make_person(random_source& rng, int index) {
    person p;
    p.id = person_id(index);
    p.name = fictional_name(rng);
    p.needs = needs_for(rng);
    const int age = age_for(rng, p.needs);
    p.date_of_birth = birth_date_for(rng, age, options_.as_of);
    p.gender_identity =
        rng.chance(450) ? gender::female : (rng.chance(980) ? gender::male : gender::non_binary);
    p.arrangement = static_cast<arrangement_type>(rng.pick(synthetic_mix::arrangement_weights));
    int level = static_cast<int>(rng.pick(synthetic_mix::support_weights));
    if ((p.needs.contains(need_category::dementia) ||
         p.needs.contains(need_category::acquired_brain_injury)) &&
        level < 3 && rng.chance(300))
      ++level;
    p.support = static_cast<support_level>(level);

    // Specialist and access needs follow the needs.
    const auto sometimes_needs = [&](need_category n, int per_mille, specialist_skill skill) {
      if (p.needs.contains(n) && rng.chance(per_mille)) p.specialist_needs.insert(skill);
    };
    sometimes_needs(need_category::learning_disability, 120, specialist_skill::epilepsy);
    sometimes_needs(need_category::learning_disability, 50,
                    specialist_skill::positive_behaviour_support);
    sometimes_needs(need_category::autism, 350, specialist_skill::autism_support);
    sometimes_needs(need_category::dementia, 450, specialist_skill::dementia_care);
    sometimes_needs(need_category::mental_health, 120, specialist_skill::mental_health_crisis);
    sometimes_needs(need_category::physical_disability, 200, specialist_skill::hoisting);
    sometimes_needs(need_category::physical_disability, 30, specialist_skill::peg_feeding);
    if (rng.chance(40)) p.specialist_needs.insert(specialist_skill::diabetes);
    if (p.needs.contains(need_category::physical_disability) && rng.chance(450)) {
      p.access_needs.insert(home_feature::wheelchair_access);
      p.access_needs.insert(home_feature::level_access);
      if (rng.chance(500)) p.access_needs.insert(home_feature::adapted_bathroom);
    } else if ((p.needs.contains(need_category::older_age) ||
                p.needs.contains(need_category::dementia)) &&
               rng.chance(300)) {
      p.access_needs.insert(rng.chance(500) ? home_feature::level_access
                                            : home_feature::ground_floor_bedroom);
    } else if (rng.chance(20)) {
      p.access_needs.insert(home_feature::level_access);
    }

    // Where they live and what they must not live with.
    const int town = geo_.pick_town(rng);
    const offset_m home = geo_.home_in(rng, town);
    p.location = projection_.place(home);
    if (rng.chance(p.arrangement == arrangement_type::day_support ? 400 : 80))
      p.travel_limit_km = static_cast<double>(rng.one_of(std::array<int, 5>{10, 15, 20, 25, 30}));
    if (rng.chance(60)) p.must_not.insert(avoidance::pets);
    if (rng.chance(150)) p.must_not.insert(avoidance::smokers);
    if (rng.chance(40)) p.must_not.insert(avoidance::children);
    if (rng.chance(50))
      p.required_carer_gender = rng.chance(800) ? gender::female : gender::male;
    else if (rng.chance(150))
      p.preferred_carer_gender = rng.chance(700) ? gender::female : gender::male;
    p.smoker = rng.chance(120);
    if (rng.chance(50)) {
      static constexpr std::array<int, 4> flag_weights{40, 15, 20, 25};
      p.risk_flags.insert(static_cast<risk_flag>(rng.pick(flag_weights)));
    }
    if (options_.households > 0 && rng.chance(20))
      p.declined_households.push_back(
          household_id(rng.below(static_cast<std::uint32_t>(options_.households))));
    if (!resident_ids_.empty() && rng.chance(10))
      p.conflicts_with.push_back(rng.one_of(resident_ids_));
    p.waiting_since = options_.as_of.plus_days(-rng.between(0, 730));

    // Community: anchors near home.
    p.anchors.push_back({anchor_kind::family, projection_.place(spread_around(rng, home, 2500))});
    if (rng.chance(p.arrangement == arrangement_type::day_support ? 700 : 300))
      p.anchors.push_back(
          {anchor_kind::day_service, projection_.place(spread_around(rng, home, 2500))});
    if (rng.chance(120))
      p.anchors.push_back({anchor_kind::work, projection_.place(spread_around(rng, home, 2500))});
    if (rng.chance(200))
      p.anchors.push_back(
          {anchor_kind::friends, projection_.place(spread_around(rng, home, 2500))});
    if (rng.chance(100)) p.anchors.erase(p.anchors.begin()); // no family nearby

    // Who they are.
    const background& b = backgrounds[rng.pick(background_weights())];
    p.interests = interests_for(rng, rng.chance(50) ? 0 : 1, 4);
    p.languages = languages_for(rng, b, 500);
    if (p.needs.contains(need_category::sensory_impairment) && rng.chance(300))
      p.languages.emplace_back("BSL");
    else if (p.needs.contains(need_category::learning_disability) && rng.chance(60))
      p.languages.emplace_back("Makaton");
    if (rng.chance(b.faith_per_mille)) {
      const std::size_t options = b.faiths[1].empty() ? 1 : 2;
      p.faith = std::string(b.faiths[rng.below(static_cast<std::uint32_t>(options))]);
      if (rng.chance(b.faith_diet_per_mille)) p.diets.insert(b.faith_diet[0]);
    }
    p.cultures.emplace_back(b.culture);
    if (rng.chance(300)) p.ethnicity = std::string(b.culture);
    static constexpr std::array<int, vocabulary_size<diet>> diet_per_mille{70, 15, 0,  0,
                                                                           30, 30, 50, 30};
    for (std::size_t d = 0; d < diet_per_mille.size(); ++d)
      if (rng.chance(diet_per_mille[d])) p.diets.insert(static_cast<diet>(d));
    if (p.specialist_needs.contains(specialist_skill::diabetes)) p.diets.insert(diet::diabetic);
    if (rng.chance(920)) {
      const int setting = geo_.setting_of(rng, town);
      p.way_of_life = lifestyle_around(rng, age < 60 ? 55 : 35, setting, 60);
    }
    p.pets = p.must_not.contains(avoidance::pets)
                 ? attitude::avoid
                 : static_cast<attitude>(rng.pick(std::array<int, 3>{80, 520, 400}));
    p.children = p.must_not.contains(avoidance::children)
                     ? attitude::avoid
                     : static_cast<attitude>(rng.pick(std::array<int, 3>{150, 600, 250}));
    if (options_.households > 0 &&
        rng.chance(p.arrangement == arrangement_type::long_term ? 90 : 50)) {
      const auto& nearby = households_in_town_[static_cast<std::size_t>(town + 1)];
      p.known_households.push_back(
          nearby.empty() ? household_id(rng.below(static_cast<std::uint32_t>(options_.households)))
                         : household_id(static_cast<long>(rng.one_of(nearby))));
    }

    // Consent: most categories from most people; special categories are opt-in. The
    // categories up to ethnicity: nobody generated has words of their own (about_me).
    static constexpr std::array<int, 9> consent_per_mille{920, 930, 940, 300, 880,
                                                          900, 900, 850, 250};
    for (std::size_t c = 0; c < consent_per_mille.size(); ++c)
      if (rng.chance(consent_per_mille[c])) p.consent.insert(static_cast<data_category>(c));

    // "What matters to me".
    if (rng.chance(100)) {
      const int overrides = rng.between(1, 2);
      for (int k = 0; k < overrides; ++k) {
        const auto which = static_cast<factor>(rng.below(vocabulary_size<factor>));
        const double weight = rng.between(0, 10) / 2.0;
        p.weights[which] = weight;
      }
    }
    return p;
  }

  void make_exclusions(scheme& s) {
    if (options_.people == 0 || options_.households == 0) return;
    random_source rng(options_.seed, 3);
    const int count = options_.people / 400;
    for (int k = 0; k < count; ++k)
      s.policy.excluded_pairs.push_back(
          {person_id(rng.below(static_cast<std::uint32_t>(options_.people))),
           household_id(rng.below(static_cast<std::uint32_t>(options_.households)))});
  }

  // Groups ----------------------------------------------------------------------------

  /// Groups of 2 or 3 people, about `group_share` of everyone, from a stream of their own
  /// so that the people, households and exclusions are those of a scheme without groups.
  /// A required group is never larger than the household cap.
  void make_groups(scheme& s) {
    const std::size_t count = s.people.size();
    if (!(options_.group_share > 0) || count < 2) return;
    random_source rng(options_.seed, 4);
    std::vector<std::size_t> order(count); // people in a random order, taken in turn
    for (std::size_t i = 0; i < count; ++i) order[i] = i;
    for (std::size_t i = count - 1; i > 0; --i)
      std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);
    const auto wanted =
        static_cast<std::size_t>(std::llround(options_.group_share * static_cast<double>(count)));
    static constexpr std::array<int, vocabulary_size<group_kind>> kind_weights{45, 35, 15, 5};
    static constexpr std::array<int, vocabulary_size<group_kind>> share_bedroom_per_mille{600, 150,
                                                                                          50, 0};
    std::size_t next = 0;
    while (next < wanted && next + 2 <= count) {
      person_group g;
      g.id = padded_id('G', static_cast<long>(s.groups.size()) + 1, people_width_);
      g.kind = static_cast<group_kind>(rng.pick(kind_weights));
      std::size_t size = g.kind != group_kind::couple && rng.chance(300) ? 3 : 2;
      if (rng.chance(200) || options_.household_cap < 2) g.together = togetherness::preferred;
      if (g.together == togetherness::required)
        size = std::min(size, static_cast<std::size_t>(options_.household_cap));
      if (next + size > count) size = 2;
      g.share_bedroom = rng.chance(share_bedroom_per_mille[static_cast<std::size_t>(g.kind)]);
      std::vector<std::size_t> members(order.begin() + static_cast<std::ptrdiff_t>(next),
                                       order.begin() + static_cast<std::ptrdiff_t>(next + size));
      next += size;
      std::sort(members.begin(), members.end());
      for (std::size_t k = 1; k < members.size(); ++k)
        live_with(rng, s.people[members[0]], s.people[members[k]]);
      for (std::size_t m : members) g.members.push_back(s.people[m].id);
      s.groups.push_back(std::move(g));
    }
  }

  /// Makes `member` someone who lives with `first` and can often be placed with them: the
  /// same address, arrangement, travel limit and referral date, a birth date up to four
  /// years after theirs (16 at the youngest), and needs, support and hard requirements
  /// within theirs, so a household that suits `first` often suits both.
  void live_with(random_source& rng, const person& first, person& member) {
    member.location = first.location;
    member.arrangement = first.arrangement;
    member.travel_limit_km = first.travel_limit_km;
    member.waiting_since = first.waiting_since;
    const date born = first.date_of_birth.plus_days(rng.between(0, 1460));
    const date youngest = options_.as_of.plus_days(-(16L * 36525) / 100 - 1);
    member.date_of_birth = youngest < born ? youngest : born;
    tag_set<need_category> needs;
    for (need_category n : first.needs.values())
      if (rng.chance(700)) needs.insert(n);
    if (needs.empty()) needs.insert(first.needs.values().front());
    member.needs = needs;
    member.support = std::min(member.support, first.support);
    member.specialist_needs = member.specialist_needs.intersect(first.specialist_needs);
    member.access_needs = member.access_needs.intersect(first.access_needs);
    member.must_not = member.must_not.intersect(first.must_not);
    if (member.required_carer_gender) member.required_carer_gender = first.required_carer_gender;
  }

  const synthetic_options& options_;
  map_projection projection_;
  int people_width_;
  int households_width_;
  geography geo_;
  std::vector<std::vector<std::size_t>> households_in_town_; ///< [town + 1] -> households
  std::vector<std::string> resident_ids_;
  long residents_ = 0;
};

} // namespace detail

/// How far homes spread around their town's centre (one standard deviation, km): a few
/// km, less in small areas. Homes lie within `radius_km + 3 * synthetic_spread_km` of
/// the centre; community anchors within a further 7.5 km of the person's home.
///
/// @param[in] radius_km  the area the scheme covers
/// @return  min(4, radius_km / 8), rounded to whole metres
inline double synthetic_spread_km(double radius_km) {
  return static_cast<double>(detail::spread_m(radius_km)) / 1000.0;
}

/// Generate a valid, realistic scheme.
///
/// @param[in] options  sizes, seed, area, date and policy (see `synthetic_options`)
/// @return  a scheme that passes `validate`; the same options give the same scheme on
///          every platform (people, households, exclusions and groups draw from separate
///          random streams of the seed, so a scheme with groups has the people of the same
///          scheme without, some of them made to live together)
/// @throws slmatch::error when an option is out of range (negative sizes, radius outside
///         0–1000 km, fewer than 1 cluster, centre latitude beyond ±80, a cap outside
///         1–3, a travel limit that is not a positive finite number, an invalid date, a
///         group share outside 0–1)
inline scheme generate_scheme(const synthetic_options& options) {
  if (options.people < 0) throw error("people must be >= 0");
  if (options.households < 0) throw error("households must be >= 0");
  if (!(options.radius_km >= 0 && options.radius_km <= 1000))
    throw error("radius_km must be between 0 and 1000");
  if (options.clusters < 1 || options.clusters > 10000)
    throw error("clusters must be between 1 and 10000");
  if (!(options.centre.lat >= -80 && options.centre.lat <= 80))
    throw error("centre.lat must be between -80 and 80");
  if (!(options.centre.lon >= -180 && options.centre.lon <= 180))
    throw error("centre.lon must be between -180 and 180");
  if (options.household_cap < 1 || options.household_cap > 3)
    throw error("household_cap must be between 1 and 3");
  if (!std::isfinite(options.travel_limit_km) || options.travel_limit_km <= 0)
    throw error("travel_limit_km must be a finite number above 0");
  if (!date::parse(options.as_of.to_string()) || options.as_of.year < 2000 ||
      options.as_of.year > 9000)
    throw error("as_of must be a real date between 2000 and 9000");
  if (!(options.group_share >= 0 && options.group_share <= 1))
    throw error("group_share must be between 0 and 1");
  return detail::scheme_generator(options).run();
}

} // namespace slmatch
