// Purpose views: what each purpose's copy of a scheme keeps, how consent is rewritten so
// matching on it reads exactly that, and who analysis leaves out.

#include "slmatch/model/purpose_view.hpp"
#include "slmatch/model/validate.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;
using slmatch::testing::record_of;

namespace {

/// A person with data in every category and the personal fields filled.
person full_person(std::string id) {
  person p = make_person(std::move(id));
  p.name = "Alex Example";
  p.notes = "prefers mornings";
  p.anchors = {{anchor_kind::family, testing::home_point()}};
  p.interests = {"gardening"};
  p.languages = {"urdu"};
  p.faith = "faith a";
  p.cultures = {"culture a"};
  p.diets = {diet::halal};
  p.way_of_life = lifestyle{0.2, 0.3, 0.9};
  p.pets = attitude::welcome;
  p.children = attitude::avoid;
  p.known_households = {"H1"};
  p.ethnicity = "ethnicity a";
  p.profile.what_matters_to_me = {"my garden"};
  p.profile.how_best_to_support_me = {"talk to me first"};
  p.profile.communication = {"short sentences"};
  p.profile.people_i_know = {{"Sam", "brother", false}};
  p.profile.written_by[profile_section::interests] = {author_role::advocate, "Jo Advocate",
                                                      make_date("2026-05-01")};
  p.profile.written_by[profile_section::what_matters_to_me] = {author_role::person, "",
                                                               make_date("2026-05-01")};
  p.consent = {};
  return p;
}

} // namespace

TEST_CASE("view_for: each category is kept only where the purpose may read it") {
  person p = full_person("P1");
  p.consent = {data_category::interests, data_category::diet};
  p.consents = {
      record_of(data_category::about_me, consent_purpose::sharing_with_carers, "2026-01-01"),
      record_of(data_category::interests, consent_purpose::sharing_with_carers, "2026-01-01")};
  const scheme s = make_scheme({p}, {make_household("H1")});

  const person matching = view_for(s, consent_purpose::matching).people[0];
  CHECK(matching.interests == p.interests);
  CHECK(matching.diets == p.diets);
  CHECK(matching.anchors.empty());
  CHECK(matching.languages.empty());
  CHECK_FALSE(matching.faith);
  CHECK(matching.cultures.empty());
  CHECK_FALSE(matching.way_of_life);
  CHECK(matching.pets == attitude::neutral);
  CHECK(matching.children == attitude::neutral);
  CHECK(matching.known_households.empty());
  CHECK(matching.profile.people_i_know.empty());
  CHECK_FALSE(matching.ethnicity);
  CHECK(matching.profile.what_matters_to_me.empty());
  CHECK(matching.profile.written_by.count(profile_section::interests) == 1);
  CHECK(matching.profile.written_by.count(profile_section::what_matters_to_me) == 0);
  // The scheme's own matching keeps the personal fields; nothing else does.
  CHECK(matching.name == p.name);
  CHECK(matching.notes == p.notes);

  const person sharing = view_for(s, consent_purpose::sharing_with_carers).people[0];
  CHECK(sharing.interests == p.interests);
  CHECK(sharing.diets.empty());
  CHECK(sharing.profile.what_matters_to_me == p.profile.what_matters_to_me);
  CHECK(sharing.profile.communication == p.profile.communication);
  CHECK(sharing.profile.written_by == p.profile.written_by);
  CHECK(sharing.name.empty());
  CHECK(sharing.notes.empty());

  // Core assessment data is in every view.
  for (consent_purpose purpose : all_values<consent_purpose>()) {
    const person seen = view_for(s, purpose).people[0];
    CHECK(seen.needs == p.needs);
    CHECK(seen.support == p.support);
    CHECK(seen.location == p.location);
    CHECK(seen.date_of_birth == p.date_of_birth);
    CHECK(seen.waiting_since == p.waiting_since);
  }
}

TEST_CASE("view_for: consent is rewritten so matching on the view reads what the purpose "
          "allows") {
  person p = full_person("P1");
  p.consent = {data_category::interests, data_category::lifestyle, data_category::ethnicity};
  consent_record withdrawn =
      record_of(data_category::languages, consent_purpose::matching, "2026-01-01");
  withdrawn.withdrawn_on = make_date("2026-03-03");
  consent_record decided =
      record_of(data_category::about_me, consent_purpose::sharing_with_carers, "2026-01-01");
  decided.given_by = consent_giver::advocate;
  decided.decided_by = "Jo Advocate";
  p.consents = {withdrawn, decided,
                record_of(data_category::interests, consent_purpose::analysis, "2026-01-01"),
                record_of(data_category::diet, consent_purpose::analysis, "2026-01-01"),
                record_of(data_category::ethnicity, consent_purpose::analysis, "2026-01-01")};
  const scheme s = make_scheme({p}, {make_household("H1")});
  const date day = s.policy.as_of;
  for (consent_purpose purpose : all_values<consent_purpose>()) {
    INFO(to_string(purpose));
    const scheme view = view_for(s, purpose);
    const person& seen = view.people[0];
    const auto readable = readable_categories(p, purpose, day);
    // The records left hold for the purpose itself, on the day, and for nothing else.
    for (const consent_record& r : seen.consents) {
      CHECK(r.purpose == purpose);
      CHECK(r.given_on == day);
      CHECK(r.given_by == consent_giver::person);
      CHECK(r.decided_by.empty());
    }
    CHECK(readable_categories(seen, purpose, day) == readable);
    tag_set<data_category> scored = readable;
    scored.erase(data_category::ethnicity);
    CHECK(consented(seen, consent_purpose::matching, day) == scored);
    CHECK(consents_to(seen, data_category::ethnicity, consent_purpose::equality_monitoring, day) ==
          readable.contains(data_category::ethnicity));
    CHECK_NOTHROW(validate(view));
  }
  // Analysis: interests are consented for both; diet for analysis only, lifestyle for
  // matching only; ethnicity on its analysis consent alone.
  CHECK(readable_categories(p, consent_purpose::analysis, day) ==
        tag_set<data_category>{data_category::interests, data_category::ethnicity});
  const person analysed = view_for(s, consent_purpose::analysis).people[0];
  CHECK(analysed.diets.empty());
  CHECK_FALSE(analysed.way_of_life);
  CHECK(analysed.ethnicity == p.ethnicity);
  CHECK(analysed.profile.written_by ==
        std::map<profile_section, authorship>{
            {profile_section::interests, p.profile.written_by.at(profile_section::interests)}});
  // Equality monitoring reads ethnicity from the list; matching never does.
  CHECK(view_for(s, consent_purpose::equality_monitoring).people[0].ethnicity == p.ethnicity);
  CHECK_FALSE(view_for(s, consent_purpose::matching).people[0].ethnicity);
}

TEST_CASE("view_for: analysis leaves out people who opted out, and every reference to them") {
  person stays = full_person("P1");
  stays.consent = {data_category::interests};
  stays.consents = {record_of(data_category::interests, consent_purpose::analysis, "2026-01-01")};
  person leaves = full_person("P2");
  leaves.consent = {data_category::interests};
  leaves.consents = {record_of(data_category::interests, consent_purpose::analysis, "2026-01-01")};
  leaves.national_data_opt_out = true;
  household h = make_household("H1");
  h.declined_people = {"P2", "P1"};
  h.places = 3;
  resident r;
  r.id = "R1";
  r.conflicts_with = {"P2"};
  h.residents = {r};
  h.calendar = calendar_availability{};
  h.calendar->short_break_beds = 2;
  h.calendar->bookings = {{"P2", make_date("2026-12-04"), 2}, {"P1", make_date("2026-12-11"), 1}};
  scheme s = make_scheme({stays, leaves}, {h});
  s.policy.excluded_pairs = {{"P2", "H1"}, {"P1", "H1"}};
  REQUIRE_NOTHROW(validate(s));

  const scheme view = view_for(s, consent_purpose::analysis);
  REQUIRE(view.people.size() == 1);
  CHECK(view.people[0].id == "P1");
  CHECK(view.people[0].interests == stays.interests);
  CHECK(view.policy.excluded_pairs == std::vector<excluded_pair>{{"P1", "H1"}});
  const household& seen = view.households[0];
  CHECK(seen.name.empty());
  CHECK(seen.declined_people == std::vector<std::string>{"P1"});
  CHECK(seen.residents[0].conflicts_with.empty());
  REQUIRE(seen.calendar->bookings.size() == 2);
  CHECK(seen.calendar->bookings[0].person_id.empty());
  CHECK(seen.calendar->bookings[1].person_id == "P1");
  CHECK_NOTHROW(validate(view));

  // The opt-out is about analysis only; a view of a view keeps it, so never reaches analysis.
  for (consent_purpose purpose : {consent_purpose::matching, consent_purpose::sharing_with_carers,
                                  consent_purpose::equality_monitoring}) {
    const scheme other = view_for(s, purpose);
    CHECK(other.people.size() == 2);
    CHECK(other.people[1].national_data_opt_out);
    CHECK(other.households[0].declined_people == h.declined_people);
    CHECK(view_for(other, consent_purpose::analysis).people.size() == 1);
  }
}

TEST_CASE("view_for: analysis takes people who opted out out of their groups, and drops groups "
          "left with one person") {
  std::vector<person> people;
  for (const char* id : {"P1", "P2", "P3", "P4", "P5", "P6", "P7"})
    people.push_back(make_person(id));
  people[1].national_data_opt_out = true; // P2: their couple is left with P1 alone
  people[4].national_data_opt_out = true; // P5: their siblings are left with P4 and P6
  scheme s = make_scheme(people, {make_household("H1")});
  s.groups = {
      {"G1", group_kind::couple, {"P1", "P2"}, togetherness::required, true},
      {"G2", group_kind::siblings, {"P4", "P5", "P6"}, togetherness::required, false},
      {"G3", group_kind::friends, {"P3", "P7"}, togetherness::preferred, false},
  };
  REQUIRE_NOTHROW(validate(s));

  const scheme view = view_for(s, consent_purpose::analysis);
  REQUIRE(view.groups.size() == 2);
  CHECK(view.groups[0].id == "G2");
  CHECK(view.groups[0].members == std::vector<std::string>{"P4", "P6"});
  CHECK(view.groups[0].kind == group_kind::siblings);
  CHECK(view.groups[1] == s.groups[2]);
  CHECK_NOTHROW(validate(view));
  CHECK(view_for(view, consent_purpose::analysis) == view);

  // Groups are core assessment data: every other view keeps them as they are.
  for (consent_purpose purpose : {consent_purpose::matching, consent_purpose::sharing_with_carers,
                                  consent_purpose::equality_monitoring}) {
    INFO(to_string(purpose));
    const scheme other = view_for(s, purpose);
    CHECK(other.groups == s.groups);
    CHECK_NOTHROW(validate(other));
  }
}

TEST_CASE("view_for: the same scheme and purpose give the same view, and the view of a view "
          "is the view") {
  person p = full_person("P1");
  p.consent = {data_category::interests, data_category::history, data_category::ethnicity};
  p.consents = {
      record_of(data_category::interests, consent_purpose::analysis, "2026-01-01"),
      record_of(data_category::ethnicity, consent_purpose::analysis, "2026-01-01"),
      record_of(data_category::about_me, consent_purpose::sharing_with_carers, "2026-01-01")};
  const scheme s = make_scheme({p}, {make_household("H1")});
  for (consent_purpose purpose : all_values<consent_purpose>()) {
    INFO(to_string(purpose));
    const scheme view = view_for(s, purpose);
    CHECK(view == view_for(s, purpose));
    CHECK(view_for(view, purpose) == view);
  }
}

TEST_CASE("section_category: each profile section belongs to one category") {
  CHECK(section_category(profile_section::what_matters_to_me) == data_category::about_me);
  CHECK(section_category(profile_section::communication) == data_category::about_me);
  CHECK(section_category(profile_section::people_i_know) == data_category::history);
  CHECK(section_category(profile_section::faith_culture) == data_category::faith_culture);
  CHECK(section_category(profile_section::household_preferences) ==
        data_category::household_preferences);
}
