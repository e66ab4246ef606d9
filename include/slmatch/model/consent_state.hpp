#pragma once
/// Whether a person's consent lets a purpose read a category of their data on a given day,
/// and if not, why: never given, not yet given, expired, withdrawn (with the date).
///
/// In: a person (their `consent` list and `consents` records, their national data opt-out),
/// a category, a purpose and a day (the scheme's `as_of`). Out: the state and the set of
/// categories a purpose may read. Their words are in "slmatch/score/consent_wording.hpp".

#include "slmatch/model/person.hpp"

#include <optional>
#include <string>

namespace slmatch {

/// Where a consent stands on a day.
enum class consent_status : std::uint8_t {
  given,         ///< holds on the day
  not_given,     ///< no consent for this category and purpose
  not_yet_given, ///< recorded, but starts after the day
  expired,       ///< ended by its expiry date
  withdrawn,     ///< ended by its withdrawal
  opted_out,     ///< analysis only: the person registered a national data opt-out
};

SLMATCH_VOCABULARY(consent_status, "consent status", "given"sv, "not_given"sv, "not_yet_given"sv,
                   "expired"sv, "withdrawn"sv, "opted_out"sv);

/// A consent's state on a day, and the record that decides it (none for the list form, an
/// opt-out or no consent at all).
struct consent_state {
  consent_status status = consent_status::not_given;
  std::optional<consent_record> record;
  /// given: the day it was given (none for the list form); expired and withdrawn: the day
  /// it ended; not yet given: the day it starts.
  std::optional<date> since;
};

/// True when the `consent` list grants `c` for `purpose`: matching for every category but
/// ethnicity, which the list has always granted for equality monitoring only.
inline bool listed_for(const person& p, data_category c, consent_purpose purpose) {
  if (!p.consent.contains(c)) return false;
  return c == data_category::ethnicity ? purpose == consent_purpose::equality_monitoring
                                       : purpose == consent_purpose::matching;
}

/// The state of `p`'s consent to use category `c` for `purpose` on `day`. A record that
/// holds wins; otherwise the latest record already given says how it ended, and a record
/// still to come says when it starts.
inline consent_state consent_on(const person& p, data_category c, consent_purpose purpose,
                                const date& day) {
  if (purpose == consent_purpose::analysis && p.national_data_opt_out)
    return {consent_status::opted_out, std::nullopt, std::nullopt};
  if (listed_for(p, c, purpose)) return {consent_status::given, std::nullopt, std::nullopt};
  const consent_record* latest_past = nullptr;
  const consent_record* first_future = nullptr;
  for (const consent_record& r : p.consents) {
    if (r.category != c || r.purpose != purpose) continue;
    if (r.holds_on(day)) return {consent_status::given, r, r.given_on};
    if (day < r.given_on) {
      if (!first_future || r.given_on < first_future->given_on) first_future = &r;
    } else if (!latest_past || latest_past->given_on < r.given_on) {
      latest_past = &r;
    }
  }
  if (latest_past) {
    const date end = *latest_past->ends_on();
    const bool withdrawn = latest_past->withdrawn_on && *latest_past->withdrawn_on == end;
    return {withdrawn ? consent_status::withdrawn : consent_status::expired, *latest_past, end};
  }
  if (first_future) return {consent_status::not_yet_given, *first_future, first_future->given_on};
  return {};
}

/// True when `p`'s consent lets `purpose` read category `c` on `day`.
inline bool consents_to(const person& p, data_category c, consent_purpose purpose,
                        const date& day) {
  return consent_on(p, c, purpose, day).status == consent_status::given;
}

/// Every category `purpose` may read of `p`'s data on `day`.
inline tag_set<data_category> consented(const person& p, consent_purpose purpose, const date& day) {
  tag_set<data_category> out;
  for (std::size_t i = 0; i < vocabulary_size<data_category>; ++i) {
    const auto c = static_cast<data_category>(i);
    if (consents_to(p, c, purpose, day)) out.insert(c);
  }
  return out;
}

} // namespace slmatch
