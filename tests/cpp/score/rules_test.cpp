#include "slmatch/score/rules.hpp"

#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// One way to break exactly one rule, and a phrase its reason must contain.
struct single_failure {
  std::string name;
  rule id;
  std::function<void(scheme&, person&, household&)> mutate;
  std::string phrase;
};

std::vector<single_failure> single_failures() {
  return {
      {"inactive carer", rule::carer_active,
       [](scheme&, person&, household& h) { h.active = false; }, "the carer is not active"},
      {"expired approval", rule::carer_active,
       [](scheme&, person&, household& h) { h.approval_expires = make_date("2026-10-31"); },
       "the carer's approval expired on 2026-10-31"},
      {"need not approved", rule::approval_needs,
       [](scheme&, person& p, household& h) {
         p.needs.insert(need_category::autism);
         h.approved_needs.erase(need_category::autism);
       },
       "the carer is not approved for autism"},
      {"support level too high", rule::approval_support_level,
       [](scheme&, person& p, household& h) {
         p.support = support_level::very_high;
         h.max_support = support_level::high;
       },
       "the carer is not approved for a very high support level (approved up to high)"},
      {"missing specialist skill", rule::specialist_skills,
       [](scheme&, person& p, household& h) {
         p.specialist_needs = {specialist_skill::peg_feeding};
         h.skills.erase(specialist_skill::peg_feeding);
       },
       "lacks a specialist skill the person needs: PEG feeding"},
      {"arrangement not offered", rule::arrangement_type,
       [](scheme&, person& p, household& h) {
         p.arrangement = arrangement_type::short_break;
         h.arrangements.erase(arrangement_type::short_break);
       },
       "the household does not offer short break arrangements"},
      {"places all taken", rule::free_place,
       [](scheme&, person&, household& h) {
         h.places = 1;
         h.residents.push_back(resident{"R01", 45, gender::male, {}, std::nullopt, {}, {}});
       },
       "the household has no free place: its 1 approved place is taken"},
      {"scheme cap reached", rule::free_place,
       [](scheme& s, person&, household& h) {
         s.policy.household_cap = 1;
         h.residents.push_back(resident{"R01", 45, gender::male, {}, std::nullopt, {}, {}});
       },
       "1 person already lives there and the scheme's cap is 1"},
      {"no bedroom for live-in", rule::free_bedroom,
       [](scheme&, person&, household& h) { h.free_bedrooms = 0; },
       "the household has no free bedroom for a long-term arrangement"},
      {"no wheelchair access", rule::accessibility,
       [](scheme&, person& p, household& h) {
         p.access_needs = {home_feature::wheelchair_access};
         h.features.erase(home_feature::wheelchair_access);
       },
       "the home has no wheelchair access"},
      {"pets", rule::no_pets,
       [](scheme&, person& p, household& h) {
         p.must_not.insert(avoidance::pets);
         h.pets = 2;
       },
       "the household has 2 pets and the person must not live with pets"},
      {"smoker", rule::no_smokers,
       [](scheme&, person& p, household& h) {
         p.must_not.insert(avoidance::smokers);
         h.adults.push_back(household_adult{gender::male, 52, false, true});
       },
       "someone in the household smokes and the person must not live with smokers"},
      {"children", rule::no_children,
       [](scheme&, person& p, household& h) {
         p.must_not.insert(avoidance::children);
         h.children_ages = {7};
       },
       "the household has children and the person must not live with children"},
      {"carer gender", rule::carer_gender,
       [](scheme&, person& p, household&) { p.required_carer_gender = gender::male; },
       "the person needs a male main carer and the main carer is female"},
      {"carer will not support smokers", rule::carer_exclusions,
       [](scheme&, person& p, household& h) {
         p.smoker = true;
         h.will_not_support = {carer_exclusion::smokers};
       },
       "the carer will not support people who smoke"},
      {"carer will not support risk flags", rule::carer_exclusions,
       [](scheme&, person& p, household& h) {
         p.risk_flags = {risk_flag::risk_to_animals}; // no pets: safeguarding passes
         h.will_not_support = {carer_exclusion::risk_flags};
       },
       "the carer will not support people with safeguarding risk flags"},
      {"carer will not support women", rule::carer_exclusions,
       [](scheme&, person&, household& h) { h.will_not_support = {carer_exclusion::women}; },
       "the carer will not support women"},
      {"carer will not support men", rule::carer_exclusions,
       [](scheme&, person& p, household& h) {
         p.gender_identity = gender::male;
         h.will_not_support = {carer_exclusion::men};
       },
       "the carer will not support men"},
      {"risk to children", rule::safeguarding,
       [](scheme&, person& p, household& h) {
         p.risk_flags = {risk_flag::risk_to_children};
         h.children_ages = {4, 9};
       },
       "the person poses a risk to children and the household has children"},
      {"risk to animals", rule::safeguarding,
       [](scheme&, person& p, household& h) {
         p.risk_flags = {risk_flag::risk_to_animals};
         h.pets = 1;
       },
       "the person poses a risk to animals and the household has pets"},
      {"risk to older people", rule::safeguarding,
       [](scheme&, person& p, household& h) {
         p.risk_flags = {risk_flag::risk_to_older_people};
         h.adults.push_back(household_adult{gender::male, 65, false, false});
       },
       "the person poses a risk to older people and someone in the household is 65 or over"},
      {"risk to other residents", rule::safeguarding,
       [](scheme&, person& p, household& h) {
         p.risk_flags = {risk_flag::risk_to_other_residents};
         h.residents.push_back(resident{"R01", 45, gender::male, {}, std::nullopt, {}, {}});
       },
       "the person poses a risk to other residents and the household already supports someone"},
      {"person declined", rule::declined,
       [](scheme&, person& p, household&) { p.declined_households = {"H01"}; },
       "the person has said no to this household"},
      {"carer declined", rule::declined,
       [](scheme&, person&, household& h) { h.declined_people = {"P01"}; },
       "the carer has said no to this person"},
      {"scheme excluded", rule::declined,
       [](scheme& s, person&, household&) {
         s.policy.excluded_pairs = {{"P01", "H01"}};
       },
       "the scheme has ruled out this pair"},
      {"person conflicts with resident", rule::resident_conflict,
       [](scheme&, person& p, household& h) {
         p.conflicts_with = {"R07"};
         h.residents.push_back(resident{"R07", 45, gender::male, {}, std::nullopt, {}, {}});
       },
       "the person must not live with resident R07"},
      {"resident conflicts with person", rule::resident_conflict,
       [](scheme&, person&, household& h) {
         h.residents.push_back(resident{"R07", 45, gender::male, {}, std::nullopt, {}, {"P01"}});
       },
       "resident R07 must not live with the person"},
      {"home too far", rule::travel,
       [](scheme&, person& p, household& h) {
         p.travel_limit_km = 25.0;
         h.location = north_of(home_point(), 41.0);
       },
       "the person's travel limit is 25 km but the household is 41 km from their home"},
      {"day service too far", rule::travel,
       [](scheme&, person& p, household&) {
         p.travel_limit_km = 25.0;
         p.anchors = {anchor{anchor_kind::family, north_of(home_point(), 5.0)},
                      anchor{anchor_kind::day_service, north_of(home_point(), -30.5)}};
       },
       "the person's travel limit is 25 km but the household is 30.5 km from their day service"},
      {"scheme default limit", rule::travel,
       [](scheme& s, person&, household& h) {
         s.policy.travel_limit_km = 10.0;
         h.location = north_of(home_point(), 12.0);
       },
       "the person's travel limit is 10 km but the household is 12 km from their home"},
  };
}

} // namespace

TEST_CASE("check_rules: the default test pair passes every rule with a reason") {
  const scheme s = make_scheme();
  const auto outcomes = check_rules(s, make_person("P01"), make_household("H01"));
  REQUIRE(outcomes.size() == vocabulary_size<rule>);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    INFO(to_string(outcomes[i].id));
    CHECK(outcomes[i].id == static_cast<rule>(i));
    CHECK(outcomes[i].passed);
    CHECK_FALSE(outcomes[i].reason.empty());
  }
  CHECK(outcomes[static_cast<std::size_t>(rule::approval_needs)].reason ==
        "the carer is approved for learning disability");
  CHECK(outcomes[static_cast<std::size_t>(rule::free_place)].reason ==
        "the household has 2 free places");
  CHECK(is_feasible(s, make_person("P01"), make_household("H01")));
}

TEST_CASE("check_rules: each rule triggers alone with its own reason") {
  for (const auto& c : single_failures()) {
    INFO(c.name);
    scheme s = make_scheme();
    person p = make_person("P01");
    household h = make_household("H01");
    c.mutate(s, p, h);
    const auto outcomes = check_rules(s, p, h);
    REQUIRE(outcomes.size() == vocabulary_size<rule>);
    for (const auto& o : outcomes) {
      INFO(to_string(o.id) << ": " << o.reason);
      CHECK(o.passed == (o.id != c.id));
      CHECK_FALSE(o.reason.empty());
    }
    const auto& failed = outcomes[static_cast<std::size_t>(c.id)];
    CHECK_THAT(failed.reason, Catch::Contains(c.phrase));
    CHECK_FALSE(rule_passes(c.id, s, p, h));
    CHECK_FALSE(is_feasible(s, p, h));
  }
}

TEST_CASE("check_rules: every rule has at least one single-failure case") {
  tag_set<rule> covered;
  for (const auto& c : single_failures()) covered.insert(c.id);
  for (rule r : all_values<rule>()) {
    INFO(to_string(r));
    CHECK(covered.contains(r));
  }
}

TEST_CASE("check_rules: approval reason names every need not approved") {
  const scheme s = make_scheme();
  person p = make_person("P01");
  p.needs = {need_category::learning_disability, need_category::autism,
             need_category::mental_health};
  household h = make_household("H01");
  h.approved_needs = {need_category::learning_disability};
  const auto outcomes = check_rules(s, p, h);
  CHECK(outcomes[static_cast<std::size_t>(rule::approval_needs)].reason ==
        "the carer is not approved for autism and mental health");
}

TEST_CASE("check_rules: accessibility reason names every missing feature") {
  const scheme s = make_scheme();
  person p = make_person("P01");
  p.access_needs = {home_feature::wheelchair_access, home_feature::level_access,
                    home_feature::adapted_bathroom};
  household h = make_household("H01");
  h.features = {home_feature::level_access};
  CHECK(check_rules(s, p, h)[static_cast<std::size_t>(rule::accessibility)].reason ==
        "the home has no wheelchair access and no adapted bathroom");
}

TEST_CASE("check_rules: day support needs no bedroom; the approval day itself is current") {
  const scheme s = make_scheme();
  person p = make_person("P01");
  p.arrangement = arrangement_type::day_support;
  household h = make_household("H01");
  h.free_bedrooms = 0;
  h.approval_expires = s.policy.as_of;
  const auto outcomes = check_rules(s, p, h);
  CHECK(outcomes[static_cast<std::size_t>(rule::free_bedroom)].passed);
  CHECK(outcomes[static_cast<std::size_t>(rule::free_bedroom)].reason ==
        "day support needs no free bedroom");
  CHECK(outcomes[static_cast<std::size_t>(rule::carer_active)].passed);
}

TEST_CASE("check_rules: travel ignores anchors without consent to community") {
  const scheme s = make_scheme();
  person p = make_person("P01");
  p.travel_limit_km = 25.0;
  p.anchors = {anchor{anchor_kind::day_service, north_of(home_point(), 60.0)}};
  const household h = make_household("H01");
  CHECK_FALSE(rule_passes(rule::travel, s, p, h));

  p.consent.erase(data_category::community);
  const auto outcomes = check_rules(s, p, h);
  const auto& travel = outcomes[static_cast<std::size_t>(rule::travel)];
  CHECK(travel.passed);
  CHECK_THAT(travel.reason, Catch::Contains("consent to use community was not given"));
  // Changing the withheld anchors changes nothing.
  p.anchors = {anchor{anchor_kind::work, north_of(home_point(), 5.0)}};
  CHECK(check_rules(s, p, h) == outcomes);
}

TEST_CASE("effective_capacity: the scheme cap and residents reduce free places") {
  policy pol;
  household h = make_household("H01");
  h.places = 3;
  pol.household_cap = 2;
  CHECK(effective_capacity(pol, h) == 2);
  h.residents.push_back(resident{"R01", 45, gender::male, {}, std::nullopt, {}, {}});
  CHECK(effective_capacity(pol, h) == 1);
  pol.household_cap = 1;
  CHECK(effective_capacity(pol, h) == 0);
  h.residents.push_back(resident{"R02", 45, gender::male, {}, std::nullopt, {}, {}});
  CHECK(effective_capacity(pol, h) == 0);
}
