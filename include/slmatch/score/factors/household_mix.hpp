#pragma once
/// Household mix: how well the person would fit with the people in the household.
///
/// In: the person's age (core); with consent to `household_preferences` their feelings about
/// pets and children; with consent to `lifestyle` their way of life against each resident's.
/// Out: raw = mean of age fit, the two feelings and resident lifestyle fit, where present.

#include "slmatch/score/factor_info.hpp"

namespace slmatch {

namespace detail {
inline std::optional<double> score_household_mix(const policy& pol, const person& p,
                                                 const household& h, std::string* sentence);
} // namespace detail

/// The `household_mix` factor, as declared to the registry.
inline constexpr factor_info household_mix_factor{
    factor::household_mix,
    "Household mix",
    "household mix",
    /* phrase_is_plural */ false,
    "How well the person would fit with the household: closeness in age to its members, their "
    "feelings about pets and children, and how their way of life fits the people already living "
    "there.",
    /* consent */ std::nullopt,
    /* reads */ {data_category::household_preferences, data_category::lifestyle},
    default_weight(factor::household_mix),
    detail::score_household_mix,
};

/// Fit of a person's feeling about something with whether the household has it.
inline double attitude_fit(attitude feeling, bool present) {
  if (present) return feeling == attitude::avoid ? 0.0 : 1.0;
  return feeling == attitude::welcome ? 0.5 : 1.0;
}

namespace detail {

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
  if (consents_to(p, data_category::household_preferences, consent_purpose::matching, pol.as_of)) {
    const bool pets = h.pets > 0, children = !h.children_ages.empty();
    values.push_back(attitude_fit(p.pets, pets));
    values.push_back(attitude_fit(p.children, children));
    for (auto note :
         {attitude_note(p.pets, pets, "pets"), attitude_note(p.children, children, "children")})
      if (!note.empty()) notes.push_back(note);
  } else {
    left_out.push_back(
        "feelings about pets and children were not used because " +
        matching_consent_missing(p, data_category::household_preferences, pol.as_of));
  }

  // Lifestyle fit with each resident: only with consent to lifestyle.
  const bool residents_have_lifestyles =
      std::any_of(h.residents.begin(), h.residents.end(),
                  [](const resident& r) { return r.way_of_life.has_value(); });
  if (residents_have_lifestyles) {
    if (!consents_to(p, data_category::lifestyle, consent_purpose::matching, pol.as_of)) {
      left_out.push_back("fit with the residents' lifestyles was not used because " +
                         matching_consent_missing(p, data_category::lifestyle, pol.as_of));
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
      *sentence = not_used_sentence(household_mix_factor,
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

} // namespace detail

} // namespace slmatch
