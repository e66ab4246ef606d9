// slmatch._core.consent: where each of a person's consents stands on a day, read from the
// engine's own rules ("slmatch/model/consent_state.hpp") and words
// ("slmatch/score/consent_wording.hpp"), so the Python consent records, receipts and the
// person's own page never keep a second copy of them.

#include "register.hpp"

#include "slmatch/model/consent_state.hpp"
#include "slmatch/score/consent_wording.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>

namespace slmatch::bindings {

namespace {

/// A day given as "YYYY-MM-DD".
/// @throws slmatch::validation_error naming the argument when it is not a real date
date day_argument(const std::string& text, const char* field) {
  const auto day = date::parse(text);
  if (!day)
    throw validation_error(
        {{"arguments", field, "must be a date YYYY-MM-DD (is \"" + text + "\")"}});
  return *day;
}

py::object date_or_none(const std::optional<date>& day) {
  return day ? py::object(py::str(day->to_string())) : py::object(py::none());
}

/// One category and purpose: the state, and the record deciding it (if any).
py::dict state_dict(const person& p, data_category c, consent_purpose purpose, const date& day) {
  const consent_state state = consent_on(p, c, purpose, day);
  const bool listed =
      state.status == consent_status::given && !state.record && listed_for(p, c, purpose);
  py::dict d;
  d["category"] = std::string(to_string(c));
  d["purpose"] = std::string(to_string(purpose));
  d["status"] = std::string(to_string(state.status));
  d["since"] = date_or_none(state.since);
  d["listed"] = listed;
  const consent_record* r = state.record ? &*state.record : nullptr;
  d["given_by"] = r        ? py::object(py::str(std::string(to_string(r->given_by))))
                  : listed ? py::object(py::str("person"))
                           : py::object(py::none());
  d["decided_by"] =
      r && !r->decided_by.empty() ? py::object(py::str(r->decided_by)) : py::object(py::none());
  d["given_on"] = r ? date_or_none(r->given_on) : py::object(py::none());
  d["expires_on"] = r ? date_or_none(r->expires_on) : py::object(py::none());
  d["withdrawn_on"] = r ? date_or_none(r->withdrawn_on) : py::object(py::none());
  d["missing"] = state.status == consent_status::given
                     ? py::object(py::none())
                     : py::object(py::str(consent_missing_text(state, c)));
  return d;
}

} // namespace

void register_consent(py::module_& m) {
  m.def(
      "states",
      [](const scheme& s, const std::string& person_id, const std::string& day_text) {
        const auto at = std::find_if(s.people.begin(), s.people.end(),
                                     [&](const person& p) { return p.id == person_id; });
        if (at == s.people.end())
          throw validation_error(
              {{"arguments", "person", "no person with id \"" + person_id + "\" in the scheme"}});
        const date day = day_text.empty() ? s.policy.as_of : day_argument(day_text, "day");
        py::list states;
        for (std::size_t i = 0; i < vocabulary_size<data_category>; ++i)
          for (std::size_t k = 0; k < vocabulary_size<consent_purpose>; ++k)
            states.append(state_dict(*at, static_cast<data_category>(i),
                                     static_cast<consent_purpose>(k), day));
        return states;
      },
      py::arg("scheme"), py::arg("person"), py::arg("day") = "",
      "Where each of a person's consents stands on `day` (default: the scheme's as_of), one "
      "dict per category and purpose in vocabulary order: {category, purpose, status, since, "
      "listed, given_by, decided_by, given_on, expires_on, withdrawn_on, missing}. `listed` is "
      "true when the consent list gives it; the record fields are the deciding record's (None "
      "without one); `missing` is the engine's clause saying why the purpose may not read the "
      "category (None when it may).");
  m.def(
      "readable_date",
      [](const std::string& text) { return readable_date(day_argument(text, "date")); },
      py::arg("date"), "A date as the engine's sentences write it: \"3 March 2026\".");
}

} // namespace slmatch::bindings
