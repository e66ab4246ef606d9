// Introduction packs: the core a carer always gets, the categories shared only with consent
// for sharing with carers, a sentence for each one not shared, and the JSON a case system sends.

#include "slmatch/io/introduction_pack_json.hpp"
#include "slmatch/stable/introduction_pack.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::make_date;
using slmatch::testing::make_household;
using slmatch::testing::make_person;
using slmatch::testing::make_scheme;

namespace {

consent_record sharing(data_category c, const char* given_on) {
  consent_record r;
  r.category = c;
  r.purpose = consent_purpose::sharing_with_carers;
  r.given_on = make_date(given_on);
  return r;
}

/// A person with data in every category, consenting to matching on all of it, to sharing
/// interests and their own words, with sharing of diet withdrawn and of lifestyle expired.
scheme pack_scheme() {
  person p = make_person("P1");
  p.name = "Alex Example";
  p.notes = "private note";
  p.needs = {need_category::autism};
  p.must_not = {avoidance::pets};
  p.risk_flags = {risk_flag::risk_to_animals};
  p.required_carer_gender = gender::female;
  p.anchors = {{anchor_kind::work, testing::home_point()}};
  p.interests = {"gardening", "trains"};
  p.languages = {"urdu"};
  p.faith = "Faith Seven";
  p.diets = {diet::halal};
  p.way_of_life = lifestyle{0.1, 0.2, 0.9};
  p.pets = attitude::avoid;
  p.known_households = {"H2"};
  p.ethnicity = "ethnicity a";
  p.profile.what_matters_to_me = {"Seeing my sister on Sundays"};
  p.profile.communication = {"Give me time to answer"};
  p.profile.people_i_know = {{"Sam", "sister", false}};
  p.profile.written_by[profile_section::what_matters_to_me] = {author_role::advocate, "Jo Advocate",
                                                               make_date("2026-05-01")};
  p.profile.written_by[profile_section::diet] = {author_role::worker, "Kim Worker",
                                                 make_date("2026-05-01")};
  consent_record diet = sharing(data_category::diet, "2026-01-01");
  diet.withdrawn_on = make_date("2026-03-03");
  consent_record lifestyle = sharing(data_category::lifestyle, "2025-01-01");
  lifestyle.expires_on = make_date("2026-01-01");
  p.consents = {sharing(data_category::interests, "2026-01-01"),
                sharing(data_category::about_me, "2026-01-01"), diet, lifestyle,
                sharing(data_category::history, "2027-02-01")};
  return make_scheme({p}, {make_household("H1"), make_household("H2")});
}

} // namespace

TEST_CASE("introduction_pack_for: the core always, other categories only with consent") {
  const scheme s = pack_scheme();
  const introduction_pack pack = introduction_pack_for(s, "P1", "H1");
  CHECK(pack.person_id == "P1");
  CHECK(pack.household_id == "H1");
  CHECK(pack.needs == tag_set<need_category>{need_category::autism});
  CHECK(pack.must_not == tag_set<avoidance>{avoidance::pets});
  CHECK(pack.risk_flags == tag_set<risk_flag>{risk_flag::risk_to_animals});
  CHECK(pack.required_carer_gender == gender::female);
  CHECK(pack.shared == tag_set<data_category>{data_category::interests, data_category::about_me});
  CHECK(pack.interests == s.people[0].interests);
  CHECK(pack.what_matters_to_me == s.people[0].profile.what_matters_to_me);
  CHECK(pack.communication == s.people[0].profile.communication);
  // Not shared: erased before the pack read anything.
  CHECK(pack.languages.empty());
  CHECK_FALSE(pack.faith);
  CHECK(pack.diets.empty());
  CHECK_FALSE(pack.way_of_life);
  CHECK(pack.pets == attitude::neutral);
  CHECK(pack.people_i_know.empty());
  CHECK_FALSE(pack.knows_this_household);
  // Who wrote a section travels with it: the diet section's author is not shared.
  REQUIRE(pack.written_by.size() == 1);
  CHECK(pack.written_by.at(profile_section::what_matters_to_me).name == "Jo Advocate");
}

TEST_CASE("introduction_pack_for: one sentence per category not shared, saying why") {
  const introduction_pack pack = introduction_pack_for(pack_scheme(), "P1", "H1");
  std::vector<std::string> sentences;
  for (const auto& n : pack.not_shared) sentences.push_back(n.sentence);
  CHECK(sentences == std::vector<std::string>{
                         "Languages are not shared: consent to use languages was not given.",
                         "Faith and culture are not shared: consent to use faith and culture was "
                         "not given.",
                         "Diet is not shared: consent to use diet was withdrawn on 3 March 2026.",
                         "Lifestyle is not shared: consent to use lifestyle expired on 1 January "
                         "2026.",
                         "Household preferences are not shared: consent to use household "
                         "preferences was not given.",
                         "History is not shared: consent to use history is given only from 1 "
                         "February 2027.",
                     });
  CHECK(pack.not_shared[2].status == consent_status::withdrawn);
  CHECK(pack.not_shared[2].since == make_date("2026-03-03"));
}

TEST_CASE("introduction_pack_for: history says whether they know this household") {
  scheme s = pack_scheme();
  s.people[0].consents.back().given_on = make_date("2026-02-01");
  CHECK_FALSE(introduction_pack_for(s, "P1", "H1").knows_this_household);
  const introduction_pack pack = introduction_pack_for(s, "P1", "H2");
  CHECK(pack.knows_this_household);
  REQUIRE(pack.people_i_know.size() == 1);
  CHECK(pack.people_i_know[0].relationship == "sister");
}

TEST_CASE("introduction_pack_for: unknown ids are refused, naming them") {
  const scheme s = pack_scheme();
  CHECK_THROWS_WITH(introduction_pack_for(s, "P9", "H1"), "no person with id \"P9\"");
  CHECK_THROWS_WITH(introduction_pack_for(s, "P1", "H9"), "no household with id \"H9\"");
}

TEST_CASE("introduction_pack_to_json: layout, and nothing personal beyond what is shared") {
  const scheme s = pack_scheme();
  const nlohmann::json doc = introduction_pack_to_json(introduction_pack_for(s, "P1", "H1"));
  CHECK(doc["format"] == "slmatch-introduction-pack");
  CHECK(doc["version"] == 1);
  CHECK(doc["person"] == "P1");
  CHECK(doc["household"] == "H1");
  CHECK(doc["as_of"] == "2026-11-01");
  CHECK(doc["core"]["needs"] == nlohmann::json::array({"autism"}));
  CHECK(doc["core"]["required_carer_gender"] == "female");
  CHECK(doc["shared"] ==
        nlohmann::json::parse(R"({"interests": {"interests": ["gardening", "trains"]},
          "about_me": {"what_matters_to_me": ["Seeing my sister on Sundays"],
                       "how_best_to_support_me": [],
                       "communication": ["Give me time to answer"]}})"));
  CHECK(doc["written_by"] == nlohmann::json::parse(R"({"what_matters_to_me":
          {"role": "advocate", "name": "Jo Advocate", "written_on": "2026-05-01"}})"));
  CHECK(doc["not_shared"].size() == 6);
  CHECK(doc["not_shared"][2] == nlohmann::json::parse(R"({"category": "diet",
          "status": "withdrawn", "since": "2026-03-03",
          "sentence": "Diet is not shared: consent to use diet was withdrawn on 3 March 2026."})"));
  const std::string text = doc.dump();
  for (const char* personal : {"Alex Example", "private note", "ethnicity a", "Faith Seven", "urdu",
                               "Kim Worker", "Sam", "H2", "halal"})
    CHECK(text.find(personal) == std::string::npos);
  CHECK(text == introduction_pack_to_json(introduction_pack_for(s, "P1", "H1")).dump());
}
