// The JSON Schema in data/schema/ must describe exactly the format the loader reads and the
// writer writes: the same vocabularies, the same fields, the same required fields.

#include "slmatch/io/json.hpp"

#include "support/scheme_json.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using nlohmann::json;

namespace {

const json& schema() {
  static const json document = [] {
    std::ifstream in(std::string(SLMATCH_SOURCE_DIR) + "/data/schema/scheme.schema.json");
    REQUIRE(in);
    return json::parse(in);
  }();
  return document;
}

template <class E> json names_of() {
  json names = json::array();
  for (auto name : vocabulary<E>::names) names.push_back(std::string(name));
  return names;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
  return keys;
}

/// The schema object of a record kind: "" for the whole document, else a $defs entry.
const json& definition(const std::string& kind) {
  return kind.empty() ? schema() : schema().at("$defs").at(kind);
}

/// A scheme with every optional field present somewhere, as the writer writes it.
json full_document() {
  scheme s = parse_scheme(testing::small_scheme_json().dump());
  person& p = s.people[0];
  p.travel_limit_km = 15;
  p.required_carer_gender = gender::female;
  p.preferred_carer_gender = gender::female;
  p.faith = "Christian";
  p.way_of_life = lifestyle{0.2, 0.4, 0.6};
  p.ethnicity = "White: British";
  p.anchors.push_back(anchor{anchor_kind::family, geo_point{53.8, -1.5}});
  p.weights[factor::community] = 4;
  consent_record consent;
  consent.category = data_category::interests;
  consent.purpose = consent_purpose::sharing_with_carers;
  consent.given_by = consent_giver::advocate;
  consent.decided_by = "Sam Advocate";
  consent.given_on = *date::parse("2020-01-01");
  consent.expires_on = *date::parse("2030-01-01");
  consent.withdrawn_on = *date::parse("2021-06-01");
  p.consents = {consent};
  p.national_data_opt_out = true;
  p.profile.what_matters_to_me = {"Seeing my sister every week"};
  p.profile.how_best_to_support_me = {"Give me time to answer"};
  p.profile.communication = {"I use Makaton"};
  p.profile.people_i_know = {known_person{"Jo Carer", "carer I stayed with", true}};
  p.profile.written_by[profile_section::interests] =
      authorship{author_role::worker, "A. Worker", *date::parse("2020-02-01")};
  household& h = s.households[1];
  h.preferences.min_age = 20;
  h.preferences.max_age = 60;
  h.preferences.gender_identity = gender::male;
  h.residents[0].way_of_life = lifestyle{0.5, 0.5, 0.5};
  s.policy.excluded_pairs.push_back(excluded_pair{"P2", "H1"});
  const auto day = [](const char* text) { return *date::parse(text); };
  calendar_request request;
  request.stays = {stay{day("2027-01-22"), 2}};
  std::string why;
  request.recurring = {
      recurring_stays{day("2027-01-08"), *parse_rrule("FREQ=WEEKLY;INTERVAL=4;BYDAY=FR", why), 2}};
  request.allowance = allowance{
      6, allowance_period::month, 2, {weekday::friday}, {day("2027-01-15")}, {day("2027-02-12")}};
  request.day_slots = {day_slot{weekday::tuesday, part_of_day::morning}};
  request.longest_stay = 7;
  request.shortest_gap = 3;
  p.calendar = request;
  calendar_availability offer;
  offer.short_break_beds = 1;
  offer.short_break_nights = {weekday::friday, weekday::saturday};
  offer.day_places = 2;
  offer.day_slots = {day_slot{weekday::monday, part_of_day::afternoon}};
  offer.away = {date_range{day("2027-08-12"), day("2027-08-19")}};
  offer.max_nights_per_month = 8;
  offer.bookings = {booking{"P2", day("2027-01-08"), 2}};
  h.calendar = offer;
  s.groups = {person_group{"G1", group_kind::couple, {"P1", "P2"}, togetherness::preferred, true}};
  s.policy.living_together_weight = 3;
  return scheme_to_json(s);
}

/// Each kind of record: its schema definition, where one sits in `full_document()`, and
/// the prefix of its fields in problems.
struct record_place {
  std::string kind;
  std::string pointer;
  std::string prefix;
};

const std::vector<record_place> record_places = {
    {"", "", ""},
    {"policy", "/policy", ""},
    {"excluded_pair", "/policy/excluded_pairs/0", "excluded_pairs[0]."},
    {"person", "/people/0", ""},
    {"location", "/people/0/location", "location."},
    {"anchor", "/people/0/anchors/0", "anchors[0]."},
    {"lifestyle", "/people/0/lifestyle", "lifestyle."},
    {"consent_record", "/people/0/consents/0", "consents[0]."},
    {"about_me", "/people/0/about_me", "about_me."},
    {"known_person", "/people/0/about_me/people_i_know/0", "about_me.people_i_know[0]."},
    {"authorship", "/people/0/about_me/written_by/interests", "about_me.written_by.interests."},
    {"household", "/households/1", ""},
    {"adult", "/households/1/adults/0", "adults[0]."},
    {"resident", "/households/1/residents/0", ""},
    {"carer_preferences", "/households/1/preferences", "preferences."},
    {"calendar_request", "/people/0/calendar", "calendar."},
    {"stay", "/people/0/calendar/stays/0", "calendar.stays[0]."},
    {"recurring_stays", "/people/0/calendar/recurring/0", "calendar.recurring[0]."},
    {"allowance", "/people/0/calendar/allowance", "calendar.allowance."},
    {"day_slot", "/people/0/calendar/day_slots/0", "calendar.day_slots[0]."},
    {"calendar_availability", "/households/1/calendar", "calendar."},
    {"date_range", "/households/1/calendar/away/0", "calendar.away[0]."},
    {"booking", "/households/1/calendar/bookings/0", "calendar.bookings[0]."},
    {"group", "/groups/0", ""},
};

/// Optional fields whose default makes another field of the full document a problem: the
/// record kind and field left out, and the field then reported.
const std::map<std::pair<std::string, std::string>, std::string> left_out_consequences = {
    // No short-break beds: the booking needs one.
    {{"calendar_availability", "short_break_beds"}, "calendar.bookings[0]"},
    // Consent from an advocate, and a section a worker wrote, must name them.
    {{"consent_record", "decided_by"}, "consents[0].decided_by"},
    {{"authorship", "name"}, "about_me.written_by.interests.name"},
};

} // namespace

TEST_CASE("scheme schema: vocabulary enums equal the C++ vocabularies") {
  const json& defs = schema().at("$defs");
  CHECK(defs.at("need_category").at("enum") == names_of<need_category>());
  CHECK(defs.at("support_level").at("enum") == names_of<support_level>());
  CHECK(defs.at("arrangement_type").at("enum") == names_of<arrangement_type>());
  CHECK(defs.at("specialist_skill").at("enum") == names_of<specialist_skill>());
  CHECK(defs.at("home_feature").at("enum") == names_of<home_feature>());
  CHECK(defs.at("avoidance").at("enum") == names_of<avoidance>());
  CHECK(defs.at("gender").at("enum") == names_of<gender>());
  CHECK(defs.at("risk_flag").at("enum") == names_of<risk_flag>());
  CHECK(defs.at("carer_exclusion").at("enum") == names_of<carer_exclusion>());
  CHECK(defs.at("diet").at("enum") == names_of<diet>());
  CHECK(defs.at("anchor_kind").at("enum") == names_of<anchor_kind>());
  CHECK(defs.at("attitude").at("enum") == names_of<attitude>());
  CHECK(defs.at("data_category").at("enum") == names_of<data_category>());
  CHECK(defs.at("factor").at("enum") == names_of<factor>());
  CHECK(defs.at("weekday").at("enum") == names_of<weekday>());
  CHECK(defs.at("part_of_day").at("enum") == names_of<part_of_day>());
  CHECK(defs.at("carer_continuity").at("enum") == names_of<carer_continuity>());
  CHECK(defs.at("allowance_period").at("enum") == names_of<allowance_period>());
  CHECK(defs.at("consent_purpose").at("enum") == names_of<consent_purpose>());
  CHECK(defs.at("consent_giver").at("enum") == names_of<consent_giver>());
  CHECK(defs.at("profile_section").at("enum") == names_of<profile_section>());
  CHECK(defs.at("author_role").at("enum") == names_of<author_role>());
  CHECK(defs.at("group_kind").at("enum") == names_of<group_kind>());
  CHECK(defs.at("togetherness").at("enum") == names_of<togetherness>());
  // No other vocabulary hides in the schema untested.
  int enums = 0;
  for (const auto& def : defs) enums += def.contains("enum") ? 1 : 0;
  CHECK(enums == 24);
}

TEST_CASE("scheme schema: every record has exactly the fields the writer writes") {
  const json document = full_document();
  for (const auto& place : record_places) {
    INFO("record kind: " << (place.kind.empty() ? "scheme" : place.kind));
    const json& written = document.at(json::json_pointer(place.pointer));
    const json& described = definition(place.kind);
    CHECK(keys_of(written) == keys_of(described.at("properties")));
    CHECK(described.at("additionalProperties") == false);
  }
}

TEST_CASE("scheme schema: required fields are exactly the ones the loader requires") {
  const json document = full_document();
  REQUIRE(testing::load_problems(document).empty());
  for (const auto& place : record_places) {
    const json& described = definition(place.kind);
    const json required = described.value("required", json::array());
    for (const auto& key : keys_of(described.at("properties"))) {
      INFO("record kind: " << (place.kind.empty() ? "scheme" : place.kind) << ", field " << key);
      json edited = document;
      edited.at(json::json_pointer(place.pointer)).erase(key);
      const auto problems = testing::load_problems(edited);
      const bool is_required = std::find(required.begin(), required.end(), key) != required.end();
      const auto consequence = left_out_consequences.find({place.kind, key});
      if (is_required) {
        const bool reported = std::any_of(problems.begin(), problems.end(), [&](const problem& p) {
          return p.field == place.prefix + key && p.message == "missing required field";
        });
        CHECK(reported);
      } else if (consequence != left_out_consequences.end()) {
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == consequence->second);
      } else {
        CHECK(problems.empty());
      }
    }
  }
}
