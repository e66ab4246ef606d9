// Consent by purpose at the scheme's date: the list form, records that hold, expire, are
// withdrawn or start later, the national data opt-out, and the problems validation names.

#include "slmatch/model/consent_state.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/score/consent_wording.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace slmatch;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;
using slmatch::testing::record_of;

namespace {

const date as_of = make_date("2026-11-01");

} // namespace

TEST_CASE("consent_on: the list means matching, given by the person, with no end") {
  person p = make_person("P1");
  p.consent = {data_category::interests, data_category::ethnicity};
  CHECK(consents_to(p, data_category::interests, consent_purpose::matching, as_of));
  for (auto purpose : {consent_purpose::sharing_with_carers, consent_purpose::analysis,
                       consent_purpose::equality_monitoring})
    CHECK_FALSE(consents_to(p, data_category::interests, purpose, as_of));
  // Ethnicity in the list has only ever meant equality monitoring.
  CHECK_FALSE(consents_to(p, data_category::ethnicity, consent_purpose::matching, as_of));
  CHECK(consents_to(p, data_category::ethnicity, consent_purpose::equality_monitoring, as_of));
  CHECK(consented(p, consent_purpose::matching, as_of) ==
        tag_set<data_category>{data_category::interests});
}

TEST_CASE("consent_on: a record holds from the day given to the day before it ends") {
  person p = make_person("P1");
  p.consent = {};
  consent_record r = record_of(data_category::diet, consent_purpose::matching, "2026-03-01");
  r.expires_on = make_date("2026-12-01");
  p.consents = {r};
  CHECK(consent_on(p, data_category::diet, consent_purpose::matching, make_date("2026-02-28"))
            .status == consent_status::not_yet_given);
  const auto given =
      consent_on(p, data_category::diet, consent_purpose::matching, make_date("2026-03-01"));
  CHECK(given.status == consent_status::given);
  CHECK(given.since == make_date("2026-03-01"));
  CHECK(consents_to(p, data_category::diet, consent_purpose::matching, make_date("2026-11-30")));
  const auto expired =
      consent_on(p, data_category::diet, consent_purpose::matching, make_date("2026-12-01"));
  CHECK(expired.status == consent_status::expired);
  CHECK(expired.since == make_date("2026-12-01"));
  CHECK(consent_missing_text(expired, data_category::diet) ==
        "consent to use diet expired on 1 December 2026");

  // Withdrawn before it would have expired: withdrawal is what ended it.
  p.consents[0].withdrawn_on = make_date("2026-06-15");
  const auto withdrawn = consent_on(p, data_category::diet, consent_purpose::matching, as_of);
  CHECK(withdrawn.status == consent_status::withdrawn);
  CHECK(consent_missing_text(withdrawn, data_category::diet) ==
        "consent to use diet was withdrawn on 15 June 2026");

  // Given again later: the new record holds.
  p.consents.push_back(record_of(data_category::diet, consent_purpose::matching, "2026-10-01"));
  CHECK(consents_to(p, data_category::diet, consent_purpose::matching, as_of));
  // A record for another purpose or category changes nothing here.
  CHECK_FALSE(consents_to(p, data_category::diet, consent_purpose::analysis, as_of));
  CHECK_FALSE(consents_to(p, data_category::lifestyle, consent_purpose::matching, as_of));
}

TEST_CASE("consent_on: the national data opt-out removes analysis and nothing else") {
  person p = make_person("P1");
  p.consent = {data_category::interests};
  p.consents = {
      record_of(data_category::interests, consent_purpose::analysis, "2026-01-01"),
      record_of(data_category::interests, consent_purpose::sharing_with_carers, "2026-01-01")};
  CHECK(consents_to(p, data_category::interests, consent_purpose::analysis, as_of));
  p.national_data_opt_out = true;
  const auto state = consent_on(p, data_category::interests, consent_purpose::analysis, as_of);
  CHECK(state.status == consent_status::opted_out);
  CHECK(consented(p, consent_purpose::analysis, as_of).empty());
  CHECK(consents_to(p, data_category::interests, consent_purpose::matching, as_of));
  CHECK(consents_to(p, data_category::interests, consent_purpose::sharing_with_carers, as_of));
}

TEST_CASE("check_scheme: consent records name the field of each problem") {
  scheme s = make_scheme({make_person("P1")}, {make_household("H1")});
  person& p = s.people[0];
  p.consent = {data_category::community};
  consent_record backwards =
      record_of(data_category::diet, consent_purpose::matching, "2026-05-01");
  backwards.expires_on = make_date("2026-04-01");
  backwards.withdrawn_on = make_date("2026-04-02");
  consent_record advocate =
      record_of(data_category::interests, consent_purpose::sharing_with_carers, "2026-01-01");
  advocate.given_by = consent_giver::advocate;
  consent_record best_interests =
      record_of(data_category::lifestyle, consent_purpose::matching, "2026-01-01");
  best_interests.given_by = consent_giver::best_interests;
  consent_record overlapping =
      record_of(data_category::lifestyle, consent_purpose::matching, "2026-06-01");
  consent_record ethnicity =
      record_of(data_category::ethnicity, consent_purpose::matching, "2026-01-01");
  consent_record repeated =
      record_of(data_category::community, consent_purpose::matching, "2026-01-01");
  p.consents = {backwards, advocate, best_interests, overlapping, ethnicity, repeated};
  const auto problems = check_scheme(s);
  std::vector<std::string> said;
  for (const auto& problem : problems) {
    CHECK(problem.record == "person P1");
    said.push_back(problem.field + ": " + problem.message);
  }
  CHECK(said == std::vector<std::string>{
                    "consents[0].expires_on: must be after given_on 2026-05-01",
                    "consents[0].withdrawn_on: must not be before given_on 2026-05-01",
                    "consents[1].decided_by: must name the advocate who gave consent",
                    "consents[2].decided_by: must name who made the best-interests decision",
                    "consents[3]: is in force on the same days as consents[2] for the same "
                    "category and purpose",
                    "consents[4].purpose: ethnicity is never used for matching; only for "
                    "equality_monitoring or analysis",
                    "consents[5]: consent to community for matching is also in the consent "
                    "list; record it once"});

  // One ending the day the next begins does not overlap it.
  p.consents = {record_of(data_category::lifestyle, consent_purpose::matching, "2026-01-01"),
                record_of(data_category::lifestyle, consent_purpose::matching, "2026-06-01")};
  p.consents[0].withdrawn_on = make_date("2026-06-01");
  CHECK(check_scheme(s).empty());
}

TEST_CASE("check_scheme: who wrote each section of a person's own account") {
  scheme s = make_scheme({make_person("P1")}, {make_household("H1")});
  about_me& a = s.people[0].profile;
  a.people_i_know = {known_person{"", "sister", false}};
  a.written_by[profile_section::communication] =
      authorship{author_role::advocate, "", make_date("2026-01-01")};
  a.written_by[profile_section::interests] =
      authorship{author_role::person, "", make_date("2027-01-01")};
  const auto problems = check_scheme(s);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].field == "about_me.people_i_know[0].name");
  CHECK(problems[1].field == "about_me.written_by.communication.name");
  CHECK(problems[1].message == "must name the advocate who wrote it");
  CHECK(problems[2].field == "about_me.written_by.interests.written_on");
}
