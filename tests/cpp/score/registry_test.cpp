#include "slmatch/score/registry.hpp"

#include "slmatch/score/factors.hpp"
#include "slmatch/score/rules.hpp"

#include "support/factor_positions.hpp"
#include "support/scheme_builder.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

bool starts_upper(std::string_view text) {
  return !text.empty() && std::isupper(static_cast<unsigned char>(text.front()));
}

bool has_underscore(std::string_view text) { return text.find('_') != std::string_view::npos; }

/// The consent table of "slmatch/score/factors.hpp", written out again.
struct documented_factor {
  factor id;
  std::optional<data_category> consent;
  tag_set<data_category> reads;
};

std::vector<documented_factor> documented_table() {
  using dc = data_category;
  return {
      {factor::community, std::nullopt, {dc::community}},
      {factor::interests, dc::interests, {dc::interests}},
      {factor::language, dc::languages, {dc::languages}},
      {factor::faith_culture, dc::faith_culture, {dc::faith_culture}},
      {factor::diet, dc::diet, {dc::diet}},
      {factor::lifestyle, dc::lifestyle, {dc::lifestyle}},
      {factor::household_mix, std::nullopt, {dc::household_preferences, dc::lifestyle}},
      {factor::continuity, dc::history, {dc::history}},
      {factor::carer_preference, std::nullopt, {}},
      {factor::experience, std::nullopt, {}},
      {factor::gender_preference, std::nullopt, {}},
  };
}

} // namespace

TEST_CASE("info: every factor has exactly one entry, in enum order") {
  const auto& all = all_factor_infos();
  REQUIRE(all.size() == vocabulary_size<factor>);
  for (factor f : all_values<factor>()) {
    CHECK(info(f).id == f);
    CHECK(&info(f) == &all[index(f)]);
    int entries = 0;
    for (const factor_info& entry : all) entries += entry.id == f ? 1 : 0;
    CHECK(entries == 1);
  }
}

TEST_CASE("info: factor labels, phrases and descriptions read as plain English") {
  std::set<std::string_view> labels, phrases;
  for (const factor_info& f : all_factor_infos()) {
    CAPTURE(to_string(f.id));
    CHECK(starts_upper(f.label));
    CHECK_FALSE(starts_upper(f.phrase)); // phrases sit inside sentences
    CHECK(starts_upper(f.description));
    CHECK(f.description.back() == '.');
    CHECK(f.description.size() > f.label.size());
    for (auto text : {f.label, f.phrase, f.description}) CHECK_FALSE(has_underscore(text));
    CHECK(f.scorer != nullptr);
    labels.insert(f.label);
    phrases.insert(f.phrase);
  }
  CHECK(labels.size() == vocabulary_size<factor>);
  CHECK(phrases.size() == vocabulary_size<factor>);
  CHECK(info(factor::community).label == "Closeness to community");
  CHECK(info(factor::carer_preference).phrase == "the carer's preferences");
}

TEST_CASE("info: factor data categories are those of the consent table in factors.hpp") {
  const auto table = documented_table();
  REQUIRE(table.size() == vocabulary_size<factor>);
  for (const auto& row : table) {
    CAPTURE(to_string(row.id));
    CHECK(info(row.id).consent == row.consent);
    CHECK(info(row.id).reads == row.reads);
    CHECK(consent_needed(row.id) == row.consent);
    CHECK_FALSE(info(row.id).reads.contains(data_category::ethnicity));
  }
}

TEST_CASE("info: factor phrases and plural agreement drive the not-used sentences") {
  for (factor f : all_values<factor>()) CHECK(factor_title(f) == std::string(info(f).phrase));
  CHECK(not_used_sentence(factor::interests, "x") == "shared interests were not used because x");
  CHECK(not_used_sentence(factor::faith_culture, "x") ==
        "faith and culture were not used because x");
  CHECK(not_used_sentence(factor::carer_preference, "x") ==
        "the carer's preferences were not used because x");
  CHECK(not_used_sentence(factor::diet, "x") == "diet was not used because x");
  CHECK(not_used_sentence(factor::community, "x") ==
        "closeness to their community was not used because x");
}

TEST_CASE("factor_default_weights: the registry's defaults equal default_weights()") {
  const factor_weights declared = factor_default_weights();
  const factor_weights scheme_defaults = default_weights();
  for (factor f : all_values<factor>()) {
    CAPTURE(to_string(f));
    CHECK(declared[index(f)] == scheme_defaults[index(f)]);
    CHECK(info(f).default_weight == scheme_defaults[index(f)]);
  }
  CHECK(policy{}.weights == declared);
  CHECK(info(factor::community).default_weight == 3.0);
}

TEST_CASE("info: scoring runs the registry's scorers and checks") {
  for (factor f : all_values<factor>()) CHECK(detail::factor_scorers()[index(f)] == info(f).scorer);
  for (rule r : all_values<rule>())
    CHECK(detail::rule_checks()[static_cast<std::size_t>(r)] == info(r).check);
}

TEST_CASE("info: every rule has exactly one entry, in enum order") {
  const auto& all = all_rule_infos();
  REQUIRE(all.size() == vocabulary_size<rule>);
  for (rule r : all_values<rule>()) {
    CHECK(info(r).id == r);
    int entries = 0;
    for (const rule_info& entry : all) entries += entry.id == r ? 1 : 0;
    CHECK(entries == 1);
  }
}

TEST_CASE("info: rule labels and descriptions read as plain English") {
  std::set<std::string_view> labels;
  for (const rule_info& r : all_rule_infos()) {
    CAPTURE(to_string(r.id));
    CHECK(starts_upper(r.label));
    CHECK(starts_upper(r.description));
    CHECK(r.description.back() == '.');
    CHECK_FALSE(r.subject_terms[0].empty());
    for (auto text : {r.label, r.description, r.subject_terms[0], r.subject_terms[1]})
      CHECK_FALSE(has_underscore(text));
    CHECK(r.check != nullptr);
    labels.insert(r.label);
  }
  CHECK(labels.size() == vocabulary_size<rule>);
}

TEST_CASE("info: only the travel rule reads consented data (community anchors)") {
  for (const rule_info& r : all_rule_infos()) {
    CAPTURE(to_string(r.id));
    if (r.id == rule::travel)
      CHECK(r.reads == tag_set<data_category>{data_category::community});
    else
      CHECK(r.reads.empty());
  }
}

TEST_CASE("effective_weights: overrides apply and every other factor keeps the scheme's weight") {
  policy pol;
  for (factor f : all_values<factor>()) pol.weights[index(f)] = 0.5 + static_cast<double>(index(f));
  person p = make_person("P01");
  p.weights = {{factor::lifestyle, 7.0}, {factor::continuity, 0.0}};
  const factor_weights w = effective_weights(pol, p);
  for (factor f : all_values<factor>()) {
    CAPTURE(to_string(f));
    if (f == factor::lifestyle)
      CHECK(w[index(f)] == 7.0);
    else if (f == factor::continuity)
      CHECK(w[index(f)] == 0.0);
    else
      CHECK(w[index(f)] == pol.weights[index(f)]);
  }
  p.weights.clear();
  CHECK(effective_weights(pol, p) == pol.weights);
}
