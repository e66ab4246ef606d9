#pragma once
/// Soft factors: how well a household suits a person, factor by factor.
///
/// In: a scheme (policy: weights, travel limit, as_of date), one person, one household.
/// Out: one `factor_outcome` per soft factor in `factor` enum order: whether it was used,
/// its raw score in [0, 1], its weight, its points on the 0–100 scale and a plain-English
/// sentence. The points of the used factors add up to the pair's score:
///     score = 100 * sum(weight * raw over used) / sum(weight over used)   (0 if none used)
///
/// Consent (principle 4): the person's data under a `data_category` is read only when the
/// person consented to that category. For whole factors the check is made in
/// `factor_detail::evaluate_factors` before the factor's scorer runs; the two factors that mix core
/// and consented data check inside, before touching the consented fields:
///
/// | factor            | person data read                         | consent needed          |
/// |-------------------|------------------------------------------|-------------------------|
/// | community         | home location (core); anchors            | anchors: community      |
/// | interests         | interests                                | interests               |
/// | language          | languages                                | languages               |
/// | faith_culture     | faith, cultures                          | faith_culture           |
/// | diet              | diets                                    | diet                    |
/// | lifestyle         | way of life                              | lifestyle               |
/// | household_mix     | age from date of birth (core);           | none for age;           |
/// |                   | feelings about pets and children;        | household_preferences;  |
/// |                   | way of life vs each resident's           | lifestyle               |
/// | continuity        | carers already known                     | history                 |
/// | carer_preference  | needs, age, gender (core)                | none                    |
/// | experience        | needs (core)                             | none                    |
/// | gender_preference | preferred carer gender (core)            | none                    |
///
/// A factor is not used (raw = points = 0) when consent is missing, when its weight is 0,
/// or when there is nothing to compare (the person lists no interests); its sentence says
/// which. Ethnicity is never read here. Everything is double precision and deterministic.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/community.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// One soft factor's part in a pair's score.
struct factor_outcome {
  factor id = factor::community;
  bool used = false;    ///< false: left out of the score (no consent, weight 0, no information)
  double raw = 0.0;     ///< in [0, 1]
  double weight = 0.0;  ///< the effective weight, also when not used
  double points = 0.0;  ///< contribution to the 0–100 score
  std::string sentence; ///< lowercase clause, e.g. "they share interests in gardening and music"

  auto fields() const { return std::tie(id, used, raw, weight, points, sentence); }
  friend bool operator==(const factor_outcome& a, const factor_outcome& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const factor_outcome& a, const factor_outcome& b) { return !(a == b); }
};

/// Tunable constants of the factor formulas, named so they can be found and discussed.
namespace factor_constants {
/// Shared interests that earn full marks (fewer when the person lists fewer).
inline constexpr int interests_for_full_marks = 3;
/// Credit for an interest shared only with someone already living there (1 = the carer's).
inline constexpr double resident_interest_credit = 0.5;
/// Score when the household speaks one of the person's languages other than the first.
inline constexpr double other_language_score = 0.7;
/// Years of caring after which experience earns full marks.
inline constexpr double experience_years_for_full_marks = 10.0;
/// Age gap at which age fit reaches 0 in the household mix.
inline constexpr double age_gap_for_no_fit = 40.0;
/// Years outside a carer's preferred age range at which that preference reaches 0.
inline constexpr double years_outside_age_range_for_no_fit = 10.0;
} // namespace factor_constants

/// Scheme default weights with the person's own overrides ("what matters to me") applied.
///
/// @param[in] pol  the scheme's policy
/// @param[in] p    the person whose `weights` override the defaults
/// @return  one weight per factor, indexed by `factor`
inline factor_weights effective_weights(const policy& pol, const person& p) {
  factor_weights weights = pol.weights;
  for (const auto& [f, weight] : p.weights) weights[static_cast<std::size_t>(f)] = weight;
  return weights;
}

/// The consent category a whole factor needs, or nothing when it scores core data
/// (community and household_mix check their consented parts themselves).
inline std::optional<data_category> consent_needed(factor f) {
  switch (f) {
  case factor::interests:
    return data_category::interests;
  case factor::language:
    return data_category::languages;
  case factor::faith_culture:
    return data_category::faith_culture;
  case factor::diet:
    return data_category::diet;
  case factor::lifestyle:
    return data_category::lifestyle;
  case factor::continuity:
    return data_category::history;
  default:
    return std::nullopt;
  }
}

/// How sentences name a data category: "interests", "faith and culture".
inline std::string category_title(data_category c) {
  if (c == data_category::faith_culture) return "faith and culture";
  return wording::name(c);
}

/// How sentences name a factor: "shared interests", "closeness to their community".
inline std::string factor_title(factor f) {
  switch (f) {
  case factor::community:
    return "closeness to their community";
  case factor::interests:
    return "shared interests";
  case factor::language:
    return "language";
  case factor::faith_culture:
    return "faith and culture";
  case factor::diet:
    return "diet";
  case factor::lifestyle:
    return "lifestyle fit";
  case factor::household_mix:
    return "household mix";
  case factor::continuity:
    return "continuity";
  case factor::carer_preference:
    return "the carer's preferences";
  case factor::experience:
    return "the carer's experience";
  case factor::gender_preference:
    return "gender preference";
  }
  return wording::name(f);
}

/// The sentence for a factor left out of the score:
/// "shared interests were not used because consent to use interests was not given".
inline std::string not_used_sentence(factor f, const std::string& because) {
  const bool plural =
      f == factor::interests || f == factor::faith_culture || f == factor::carer_preference;
  return factor_title(f) + (plural ? " were" : " was") + " not used because " + because;
}

/// The sentence part saying consent to `c` was not given.
inline std::string no_consent_text(data_category c) {
  return "consent to use " + category_title(c) + " was not given";
}

/// Closeness of two lifestyles: 1 - mean absolute difference over the three scales.
inline double lifestyle_fit(const lifestyle& a, const lifestyle& b) {
  return 1.0 - (std::abs(a.activity - b.activity) + std::abs(a.setting - b.setting) +
                std::abs(a.routine - b.routine)) /
                   3.0;
}

namespace factor_detail {

/// A factor's scorer: its raw score, or nothing when there is no information to score.
/// When `sentence` is not null it receives the factor's sentence either way.
using factor_scorer = std::optional<double> (*)(const policy&, const person&, const household&,
                                                std::string* sentence);

/// Words lowercased and without repeats, in first-seen order.
inline std::vector<std::string> normalised(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::string key = wording::lower(w);
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
  }
  return out;
}

inline bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

inline double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

/// 1 at the door, falling linearly to 0 at the travel limit.
inline double closeness(double distance, double limit) {
  if (limit <= 0.0) return distance <= 0.0 ? 1.0 : 0.0;
  return std::max(0.0, 1.0 - distance / limit);
}

inline std::optional<double> score_community(const policy& pol, const person& p, const household& h,
                                             std::string* sentence) {
  const double limit = travel_limit_km(pol, p);
  const auto places = places_to_stay_near(p, h); // anchors only with consent
  std::vector<double> values;
  for (const auto& place : places) values.push_back(closeness(place.distance_km, limit));
  if (sentence) {
    std::vector<std::string> parts;
    for (const auto& place : places)
      parts.push_back(wording::format_km(place.distance_km) + " from " + place.label);
    *sentence = "the household is " + wording::join_list(parts);
    if (!may_use_anchors(p))
      *sentence += "; other community places were not used because " +
                   no_consent_text(data_category::community);
  }
  return mean(values);
}

inline std::optional<double> score_interests(const policy&, const person& p, const household& h,
                                             std::string* sentence) {
  const auto wanted = normalised(p.interests);
  if (wanted.empty()) {
    if (sentence) *sentence = not_used_sentence(factor::interests, "the person lists no interests");
    return std::nullopt;
  }
  const auto carers = normalised(h.interests);
  std::vector<std::string> residents_interests;
  for (const auto& r : h.residents)
    for (auto& w : normalised(r.interests))
      if (!has(residents_interests, w)) residents_interests.push_back(w);

  std::vector<std::string> shared, shared_with_residents;
  for (const auto& w : wanted) {
    if (has(carers, w))
      shared.push_back(w);
    else if (has(residents_interests, w))
      shared_with_residents.push_back(w);
  }
  const double full_marks = std::min<double>(static_cast<double>(wanted.size()),
                                             factor_constants::interests_for_full_marks);
  const double credit =
      static_cast<double>(shared.size()) + factor_constants::resident_interest_credit *
                                               static_cast<double>(shared_with_residents.size());
  if (sentence) {
    std::vector<std::string> parts;
    if (!shared.empty())
      parts.push_back(std::string(shared.size() == 1 ? "they share an interest in "
                                                     : "they share interests in ") +
                      wording::join_list(shared));
    if (!shared_with_residents.empty())
      parts.push_back("someone already living there also enjoys " +
                      wording::join_list(shared_with_residents));
    *sentence = parts.empty() ? "the household shares none of the person's interests"
                              : wording::join_with(parts, ", and ");
  }
  return std::min(1.0, credit / full_marks);
}

inline std::optional<double> score_language(const policy&, const person& p, const household& h,
                                            std::string* sentence) {
  if (p.languages.empty()) {
    if (sentence) *sentence = not_used_sentence(factor::language, "the person lists no languages");
    return std::nullopt;
  }
  const auto spoken = normalised(h.languages);
  if (has(spoken, wording::lower(p.languages.front()))) {
    if (sentence)
      *sentence = "the household speaks " + p.languages.front() + ", the person's first language";
    return 1.0;
  }
  for (std::size_t i = 1; i < p.languages.size(); ++i) {
    if (has(spoken, wording::lower(p.languages[i]))) {
      if (sentence)
        *sentence = "the household speaks " + p.languages[i] +
                    ", one of the person's languages but not their first";
      return factor_constants::other_language_score;
    }
  }
  if (sentence) *sentence = "the household speaks none of the person's languages";
  return 0.0;
}

inline std::optional<double> score_faith_culture(const policy&, const person& p, const household& h,
                                                 std::string* sentence) {
  if (!p.faith && p.cultures.empty()) {
    if (sentence)
      *sentence = not_used_sentence(factor::faith_culture, "the person gave no faith or culture");
    return std::nullopt;
  }
  // Sentences say whether faith and culture are shared, never what they are.
  std::vector<double> values;
  std::vector<std::string> parts;
  if (p.faith) {
    const bool shared = has(normalised(h.faiths), wording::lower(*p.faith));
    values.push_back(shared ? 1.0 : 0.0);
    parts.push_back(shared ? "shares the person's faith" : "does not share the person's faith");
  }
  const auto cultures = normalised(p.cultures);
  if (!cultures.empty()) {
    const auto theirs = normalised(h.cultures);
    const auto shared = static_cast<int>(std::count_if(
        cultures.begin(), cultures.end(), [&](const auto& c) { return has(theirs, c); }));
    const int total = static_cast<int>(cultures.size());
    values.push_back(static_cast<double>(shared) / total);
    if (total == 1)
      parts.push_back(shared ? "shares their cultural background"
                             : "does not share their cultural background");
    else
      parts.push_back("shares " + std::to_string(shared) + " of their " + std::to_string(total) +
                      " cultural backgrounds");
  }
  if (sentence) *sentence = "the household " + wording::join_list(parts);
  return mean(values);
}

inline std::optional<double> score_diet(const policy&, const person& p, const household& h,
                                        std::string* sentence) {
  if (p.diets.empty()) {
    if (sentence)
      *sentence = not_used_sentence(factor::diet, "the person follows no particular diet");
    return std::nullopt;
  }
  const auto provided = p.diets.intersect(h.diets);
  const auto missing = p.diets.minus(h.diets);
  if (sentence) {
    if (missing.empty())
      *sentence = "the household can provide " + wording::join_names(provided) + " food";
    else if (provided.empty())
      *sentence = "the household cannot provide " + wording::join_names(missing, "or") + " food";
    else
      *sentence = "the household can provide " + wording::join_names(provided) + " food but not " +
                  wording::join_names(missing, "or");
  }
  return static_cast<double>(provided.size()) / p.diets.size();
}

inline std::optional<double> score_lifestyle(const policy&, const person& p, const household& h,
                                             std::string* sentence) {
  if (!p.way_of_life) {
    if (sentence) *sentence = not_used_sentence(factor::lifestyle, "the person gave no lifestyle");
    return std::nullopt;
  }
  const lifestyle& mine = *p.way_of_life;
  const double fit = lifestyle_fit(mine, h.way_of_life);
  if (sentence) {
    *sentence = fit >= 0.8   ? "their lifestyles are a close fit"
                : fit >= 0.5 ? "their lifestyles partly fit"
                             : "their lifestyles are far apart";
    const std::array<double, 3> gaps{std::abs(mine.activity - h.way_of_life.activity),
                                     std::abs(mine.setting - h.way_of_life.setting),
                                     std::abs(mine.routine - h.way_of_life.routine)};
    const std::array<const char*, 3> scales{"a quiet or busy life", "town or country", "routines"};
    const auto widest =
        static_cast<std::size_t>(std::max_element(gaps.begin(), gaps.end()) - gaps.begin());
    if (gaps[widest] >= 0.25) *sentence += std::string(", differing most on ") + scales[widest];
  }
  return fit;
}

/// Fit of a person's feeling about something with whether the household has it.
inline double attitude_fit(attitude feeling, bool present) {
  if (present) return feeling == attitude::avoid ? 0.0 : 1.0;
  return feeling == attitude::welcome ? 0.5 : 1.0;
}

/// A note on a person's feeling about `what` ("pets") in a household, or "" if unremarkable.
inline std::string attitude_note(attitude feeling, bool present, const std::string& what) {
  if (present) {
    if (feeling == attitude::welcome) return "the person would welcome the household's " + what;
    if (feeling == attitude::avoid)
      return "the person would rather not live with " + what + " and the household has some";
    return "the person does not mind the household's " + what;
  }
  if (feeling == attitude::welcome)
    return "the person would like " + what + " and the household has none";
  if (feeling == attitude::avoid) return "the household has no " + what + ", as the person prefers";
  return "";
}

inline std::optional<double> score_household_mix(const policy& pol, const person& p,
                                                 const household& h, std::string* sentence) {
  std::vector<double> values;
  std::vector<std::string> notes, left_out;

  // Ages (core): closeness of the person's age to each adult and resident.
  if (!h.adults.empty() || !h.residents.empty()) {
    const int age = pol.as_of.years_since(p.date_of_birth);
    std::vector<double> fits;
    auto fit = [&](int other) {
      return std::max(0.0, 1.0 - std::abs(age - other) / factor_constants::age_gap_for_no_fit);
    };
    for (const auto& a : h.adults) fits.push_back(fit(a.age));
    for (const auto& r : h.residents) fits.push_back(fit(r.age));
    const double age_fit = mean(fits);
    values.push_back(age_fit);
    notes.push_back(age_fit >= 0.75  ? "ages in the household are close to the person's"
                    : age_fit >= 0.4 ? "ages in the household are somewhat apart from the person's"
                                     : "ages in the household are far from the person's");
  }

  // Feelings about pets and children: only with consent to household preferences.
  if (p.consent.contains(data_category::household_preferences)) {
    const bool pets = h.pets > 0, children = !h.children_ages.empty();
    values.push_back(attitude_fit(p.pets, pets));
    values.push_back(attitude_fit(p.children, children));
    for (auto note :
         {attitude_note(p.pets, pets, "pets"), attitude_note(p.children, children, "children")})
      if (!note.empty()) notes.push_back(note);
  } else {
    left_out.push_back("feelings about pets and children were not used because " +
                       no_consent_text(data_category::household_preferences));
  }

  // Lifestyle fit with each resident: only with consent to lifestyle.
  const bool residents_have_lifestyles =
      std::any_of(h.residents.begin(), h.residents.end(),
                  [](const resident& r) { return r.way_of_life.has_value(); });
  if (residents_have_lifestyles) {
    if (!p.consent.contains(data_category::lifestyle)) {
      left_out.push_back("fit with the residents' lifestyles was not used because " +
                         no_consent_text(data_category::lifestyle));
    } else if (p.way_of_life) {
      std::vector<double> fits;
      for (const auto& r : h.residents)
        if (r.way_of_life) fits.push_back(lifestyle_fit(*p.way_of_life, *r.way_of_life));
      const double fit = mean(fits);
      values.push_back(fit);
      notes.push_back(fit >= 0.8 ? "their lifestyle is close to the people already living there"
                      : fit >= 0.5
                          ? "their lifestyle partly fits the people already living there"
                          : "their lifestyle differs from the people already living there");
    }
  }

  if (values.empty()) {
    if (sentence) {
      *sentence = not_used_sentence(factor::household_mix,
                                    "there is nothing to compare with the household's members");
      for (const auto& note : left_out) *sentence += "; " + note;
    }
    return std::nullopt;
  }
  if (sentence) {
    *sentence = notes.empty() ? "nothing in the household mix stands out for the person"
                              : wording::join_list(notes);
    for (const auto& note : left_out) *sentence += "; " + note;
  }
  return mean(values);
}

inline std::optional<double> score_continuity(const policy&, const person& p, const household& h,
                                              std::string* sentence) {
  if (p.known_households.empty()) {
    if (sentence)
      *sentence = not_used_sentence(factor::continuity, "the person does not know any carers yet");
    return std::nullopt;
  }
  const bool known = has(p.known_households, h.id);
  if (sentence)
    *sentence = known ? "the person already knows this household"
                      : "the person knows other carers but not this household";
  return known ? 1.0 : 0.0;
}

inline std::optional<double> score_carer_preference(const policy& pol, const person& p,
                                                    const household& h, std::string* sentence) {
  const carer_preferences& wish = h.preferences;
  std::vector<double> values;
  std::vector<std::string> parts;
  if (!wish.needs.empty() && !p.needs.empty()) {
    const double fit = static_cast<double>(p.needs.intersect(wish.needs).size()) / p.needs.size();
    values.push_back(fit);
    parts.push_back(fit >= 1.0  ? "fits the carer's preferred needs"
                    : fit > 0.0 ? "partly fits the carer's preferred needs"
                                : "does not fit the carer's preferred needs");
  }
  if (wish.min_age || wish.max_age) {
    const int age = pol.as_of.years_since(p.date_of_birth);
    int outside = 0;
    if (wish.min_age && age < *wish.min_age) outside = *wish.min_age - age;
    if (wish.max_age && age > *wish.max_age) outside = age - *wish.max_age;
    values.push_back(
        std::max(0.0, 1.0 - outside / factor_constants::years_outside_age_range_for_no_fit));
    parts.push_back(outside == 0 ? "is within the carer's preferred age range"
                                 : "is " + wording::count_of(outside, "year", "years") +
                                       " outside the carer's preferred age range");
  }
  if (wish.gender_identity) {
    const bool match = p.gender_identity == *wish.gender_identity;
    values.push_back(match ? 1.0 : 0.0);
    parts.push_back(match ? "matches the carer's preferred gender"
                          : "does not match the carer's preferred gender");
  }
  if (values.empty()) {
    if (sentence)
      *sentence =
          not_used_sentence(factor::carer_preference, "the carer states no preferences that apply");
    return std::nullopt;
  }
  if (sentence) *sentence = "the person " + wording::join_list(parts);
  return mean(values);
}

inline std::optional<double> score_experience(const policy&, const person& p, const household& h,
                                              std::string* sentence) {
  const int years = std::max(0, h.years_caring);
  const double depth = std::min(1.0, years / factor_constants::experience_years_for_full_marks);
  std::string text =
      "the carer has " + wording::count_of(years, "year", "years") + " of caring experience";
  if (p.needs.empty()) {
    if (sentence) *sentence = text;
    return depth;
  }
  const auto covered = p.needs.intersect(h.experienced_with);
  const auto uncovered = p.needs.minus(h.experienced_with);
  if (sentence) {
    if (uncovered.empty())
      text += " and experience with " + wording::join_names(covered);
    else if (covered.empty())
      text += " and no experience with " + wording::join_names(uncovered, "or");
    else
      text += " and experience with " + wording::join_names(covered) + " but not " +
              wording::join_names(uncovered, "or");
    *sentence = text;
  }
  const double coverage = static_cast<double>(covered.size()) / p.needs.size();
  return (depth + coverage) / 2.0;
}

inline std::optional<double> score_gender_preference(const policy&, const person& p,
                                                     const household& h, std::string* sentence) {
  if (!p.preferred_carer_gender) {
    if (sentence)
      *sentence =
          not_used_sentence(factor::gender_preference, "the person has no preferred carer gender");
    return std::nullopt;
  }
  const gender wanted = *p.preferred_carer_gender;
  const household_adult* carer = h.main_carer();
  if (!carer) {
    if (sentence) *sentence = "the household lists no main carer";
    return 0.0;
  }
  const bool match = carer->gender_identity == wanted;
  if (sentence)
    *sentence = match ? "the main carer is " + wording::name(wanted) + ", as the person prefers"
                      : "the person would prefer " + wording::with_article(wording::name(wanted)) +
                            " main carer and the main carer is " +
                            wording::name(carer->gender_identity);
  return match ? 1.0 : 0.0;
}

/// Every factor's scorer, in `factor` enum order.
inline const std::array<factor_scorer, vocabulary_size<factor>>& factor_scorers() {
  static const std::array<factor_scorer, vocabulary_size<factor>> scorers{
      score_community,
      score_interests,
      score_language,
      score_faith_culture,
      score_diet,
      score_lifestyle,
      score_household_mix,
      score_continuity,
      score_carer_preference,
      score_experience,
      score_gender_preference,
  };
  return scorers;
}

/// Every factor for a pair; sentences are written only when `with_sentences`.
/// Bulk scoring calls this without sentences; the numbers are identical either way.
inline std::vector<factor_outcome> evaluate_factors(const policy& pol, const person& p,
                                                    const household& h, bool with_sentences) {
  const factor_weights weights = effective_weights(pol, p);
  std::vector<factor_outcome> outcomes;
  outcomes.reserve(vocabulary_size<factor>);
  double used_weight = 0.0;
  for (factor f : all_values<factor>()) {
    factor_outcome o;
    o.id = f;
    o.weight = weights[static_cast<std::size_t>(f)];
    std::string* sentence = with_sentences ? &o.sentence : nullptr;
    const auto category = consent_needed(f);
    if (category && !p.consent.contains(*category)) {
      // Consent is checked before the scorer runs: the withheld data is never touched.
      if (sentence) *sentence = not_used_sentence(f, no_consent_text(*category));
    } else if (!(o.weight > 0.0)) {
      if (sentence)
        *sentence =
            not_used_sentence(f, o.weight == 0.0 ? "its weight is 0" : "its weight is not above 0");
    } else if (auto raw = factor_scorers()[static_cast<std::size_t>(f)](pol, p, h, sentence)) {
      o.used = true;
      o.raw = *raw;
      used_weight += o.weight;
    }
    outcomes.push_back(std::move(o));
  }
  if (used_weight > 0.0) {
    for (auto& o : outcomes)
      if (o.used) o.points = 100.0 * o.weight * o.raw / used_weight;
  }
  return outcomes;
}

} // namespace factor_detail

/// Every soft factor for a pair, in enum order, with its contribution and sentence.
///
/// @param[in] s  the scheme whose policy applies (weights, travel limit, as_of date)
/// @param[in] p  the person; data under a category they did not consent to is not read
/// @param[in] h  the household
/// @return  one outcome per factor; the points of used factors sum to `total_score`
inline std::vector<factor_outcome> score_factors(const scheme& s, const person& p,
                                                 const household& h) {
  return factor_detail::evaluate_factors(s.policy, p, h, true);
}

/// A pair's score on the 0–100 scale: the points of the used factors, added in enum order.
///
/// @param[in] factors  outcomes from `score_factors`
/// @return  100 * sum(weight * raw) / sum(weight) over used factors, 0 when none is used
inline double total_score(const std::vector<factor_outcome>& factors) {
  double total = 0.0;
  for (const auto& f : factors)
    if (f.used) total += f.points;
  return total;
}

} // namespace slmatch
