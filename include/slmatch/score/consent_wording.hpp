#pragma once
/// Consent in words: how sentences name a category of data, and why a purpose may not read
/// it on a day ("consent to use interests was withdrawn on 3 March 2026").

#include "slmatch/model/consent_state.hpp"
#include "slmatch/score/wording.hpp"

#include <string>

namespace slmatch {

/// A category as sentences name it: "faith and culture", "their own words about themselves".
inline std::string category_title(data_category c) {
  if (c == data_category::faith_culture) return "faith and culture";
  if (c == data_category::about_me) return "their own words about themselves";
  return wording::name(c);
}

/// Why `purpose` may not read `c`, as the end of a sentence: "consent to use interests was
/// withdrawn on 3 March 2026", "… expired on …", "… was not given", "… is given only from
/// …", "they opted out of their data being used for analysis and planning".
inline std::string consent_missing_text(const consent_state& state, data_category c) {
  const std::string subject = "consent to use " + category_title(c);
  switch (state.status) {
  case consent_status::withdrawn:
    return subject + " was withdrawn on " + readable_date(*state.since);
  case consent_status::expired:
    return subject + " expired on " + readable_date(*state.since);
  case consent_status::not_yet_given:
    return subject + " is given only from " + readable_date(*state.since);
  case consent_status::opted_out:
    return "they opted out of their data being used for analysis and planning";
  case consent_status::given:
  case consent_status::not_given:
    break;
  }
  return subject + " was not given";
}

/// Why matching may not read category `c` of `p`'s data on `day`.
inline std::string matching_consent_missing(const person& p, data_category c, const date& day) {
  return consent_missing_text(consent_on(p, c, consent_purpose::matching, day), c);
}

} // namespace slmatch
