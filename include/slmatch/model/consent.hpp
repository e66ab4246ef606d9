#pragma once
/// Consent as records: each names a kind of data, the purpose it may be used for, who gave
/// it (the person, an advocate, or a best-interests decision) and when, and when it ends (an
/// expiry, a withdrawal).
///
/// A person's plain `consent` list is the older form and keeps its meaning: given by the
/// person, for matching, with no end (for `ethnicity`, never used for matching, the list has
/// always meant equality monitoring). Records are evaluated at the scheme's `as_of` date by
/// "slmatch/model/consent_state.hpp".

#include "slmatch/model/basics.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

namespace slmatch {

/// What data may be used for. Each purpose reads only the data consented for it.
enum class consent_purpose : std::uint8_t {
  matching,            ///< scoring pairs and proposing plans
  sharing_with_carers, ///< shown to a prospective carer at an introduction
  analysis,            ///< experiments, simulations, audits leaving the scheme
  equality_monitoring, ///< the scheme's own audit of who is matched
};

/// Who gave a consent.
enum class consent_giver : std::uint8_t {
  person,         ///< the person themselves
  advocate,       ///< an advocate on the person's behalf
  best_interests, ///< a best-interests decision (Mental Capacity Act 2005, section 4)
};

using namespace std::string_view_literals;

SLMATCH_VOCABULARY(consent_purpose, "consent purpose", "matching"sv, "sharing_with_carers"sv,
                   "analysis"sv, "equality_monitoring"sv);
SLMATCH_VOCABULARY(consent_giver, "consent giver", "person"sv, "advocate"sv, "best_interests"sv);

/// One consent: a category of data, for one purpose, from `given_on` until the day it
/// expires or is withdrawn (whichever comes first; that day itself is outside it).
struct consent_record {
  data_category category = data_category::community;
  consent_purpose purpose = consent_purpose::matching;
  consent_giver given_by = consent_giver::person;
  std::string decided_by; ///< personal: the advocate, or the best-interests decision-maker
  date given_on;
  std::optional<date> expires_on;
  std::optional<date> withdrawn_on;

  /// The first day the consent no longer holds, if it ends.
  std::optional<date> ends_on() const {
    if (expires_on && withdrawn_on) return std::min(*expires_on, *withdrawn_on);
    return expires_on ? expires_on : withdrawn_on;
  }

  /// True when the consent holds on `day`.
  bool holds_on(const date& day) const {
    const auto end = ends_on();
    return !(day < given_on) && !(end && !(day < *end));
  }

  auto fields() const {
    return std::tie(category, purpose, given_by, decided_by, given_on, expires_on, withdrawn_on);
  }
  friend bool operator==(const consent_record& a, const consent_record& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const consent_record& a, const consent_record& b) { return !(a == b); }
};

} // namespace slmatch
