// Each purpose reads only the data consented for it: on random schemes with random consent
// records (given, expired, withdrawn, not yet given, by advocates) and opt-outs, changing a
// category of a person's data that some other purpose may read, but this one may not, leaves
// this purpose's output byte for byte the same. The same change to data this purpose may read
// does change its output on some schemes, so the check cannot pass by showing nothing.
//
// Outputs: matching, the match report and every pair's explanation; analysis, an experiment
// run and the match report of the analysis view; sharing with carers, the introduction pack of
// every pair; equality monitoring, the audit of one fixed plan.

#include "slmatch/audit/audit.hpp"
#include "slmatch/experiment/run.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/io/audit_json.hpp"
#include "slmatch/io/introduction_pack_json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/purpose_view.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/stable/introduction_pack.hpp"

#include "support/random_scheme.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace slmatch;
using namespace slmatch::testing;

namespace {

/// Random consent records for every category and purpose, a profile in the person's own
/// words, an ethnicity, and now and then a national data opt-out.
void randomise_consent(person& p, std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 6);
  p.consent = {};
  p.consents.clear();
  for (data_category c : all_values<data_category>())
    for (consent_purpose purpose : all_values<consent_purpose>()) {
      if (c == data_category::ethnicity &&
          (purpose == consent_purpose::matching || purpose == consent_purpose::sharing_with_carers))
        continue;
      consent_record r;
      r.category = c;
      r.purpose = purpose;
      r.given_on = date{2026, 1, 1};
      switch (kind(rng)) {
      case 0:
      case 1:
        continue; // never given
      case 2:
        r.expires_on = date{2026, 6, 1}; // expired before as_of
        break;
      case 3:
        r.withdrawn_on = date{2026, 3, 3};
        break;
      case 4:
        r.given_on = date{2027, 1, 1}; // not yet given
        break;
      case 5:
        r.given_by = consent_giver::advocate;
        r.decided_by = "An Advocate";
        break;
      default:
        r.expires_on = date{2027, 6, 1}; // holds on as_of
        break;
      }
      p.consents.push_back(r);
    }
  p.national_data_opt_out = std::uniform_int_distribution<int>(0, 4)(rng) == 0;
  p.ethnicity = "ethnicity " + std::to_string(rng() % 3);
  p.faith = "faith " + std::to_string(rng() % 2);
  p.cultures = {"culture " + std::to_string(rng() % 2)};
  p.profile.what_matters_to_me = {"line " + std::to_string(rng() % 5)};
  p.profile.communication = {"signs"};
  p.profile.people_i_know = {{"Someone", "friend", false}};
  p.profile.written_by[profile_section::what_matters_to_me] = {author_role::worker, "A Worker",
                                                               date{2026, 2, 1}};
  p.profile.written_by[profile_section::interests] = {author_role::person, "", date{2026, 2, 1}};
}

scheme random_consent_scheme(unsigned seed) {
  scheme s = random_scheme(seed, 8, 6);
  std::mt19937 rng(seed * 7919u + 1u);
  for (person& p : s.people) randomise_consent(p, rng);
  return s;
}

/// Change the data of category `c` of `p` to something it was not.
void mutate(person& p, data_category c, std::mt19937& rng, std::size_t households) {
  const std::string tag = std::to_string(rng() % 1000);
  switch (c) {
  case data_category::community:
    p.anchors.push_back({anchor_kind::day_service, random_place(rng)});
    break;
  case data_category::interests:
    p.interests = p.interests == std::vector<std::string>{"art", "cooking"}
                      ? std::vector<std::string>{"music"}
                      : std::vector<std::string>{"art", "cooking"};
    break;
  case data_category::languages:
    p.languages = p.languages == std::vector<std::string>{"welsh"}
                      ? std::vector<std::string>{"urdu", "polish"}
                      : std::vector<std::string>{"welsh"};
    break;
  case data_category::faith_culture:
    p.faith = "faith changed " + tag;
    p.cultures.push_back("culture changed " + tag);
    break;
  case data_category::diet: {
    const auto d = static_cast<diet>(rng() % vocabulary_size<diet>);
    if (p.diets.contains(d))
      p.diets.erase(d);
    else
      p.diets.insert(d);
    break;
  }
  case data_category::lifestyle:
    p.way_of_life = random_lifestyle(rng);
    break;
  case data_category::household_preferences:
    p.pets = p.pets == attitude::avoid ? attitude::welcome : attitude::avoid;
    p.children = p.children == attitude::welcome ? attitude::avoid : attitude::welcome;
    break;
  case data_category::history: {
    const std::string home = "H" + std::to_string(rng() % households);
    p.known_households = {home};
    p.profile.people_i_know.push_back({"Someone " + tag, "cousin", true});
    break;
  }
  case data_category::ethnicity:
    p.ethnicity = "ethnicity changed " + tag;
    break;
  case data_category::about_me:
    p.profile.what_matters_to_me.push_back("a new line " + tag);
    p.profile.how_best_to_support_me = {"ask me " + tag};
    p.profile.written_by[profile_section::how_best_to_support_me] = {
        author_role::advocate, "Advocate " + tag, date{2026, 4, 1}};
    break;
  }
}

std::string matching_output(const scheme& s) {
  std::string out = match_to_json(s, match(s)).dump();
  for (std::size_t p = 0; p < s.people.size(); ++p)
    for (std::size_t h = 0; h < s.households.size(); ++h)
      out += explanation_to_json(explain_pair(s, p, h)).dump();
  return out;
}

std::string analysis_output(const scheme& s) {
  const scheme view = view_for(s, consent_purpose::analysis);
  std::ostringstream out;
  out.precision(17);
  const run_outcome run = run_experiment(view, run_settings{});
  for (std::size_t p = 0; p < run.household_of.size(); ++p)
    out << run.household_of[p] << ':' << run.score[p] << ' ';
  out << run.matched << ' ' << run.total_score << ' ' << run.lowest_score << ' '
      << run.blocking_pairs << ' ' << run.match_rate_gap << ' ' << run.mean_score_gap << ' '
      << run.gini_all << '\n';
  out << match_to_json(view, match(view)).dump();
  return out.str();
}

std::string sharing_output(const scheme& s) {
  std::string out;
  for (const person& p : s.people)
    for (const household& h : s.households)
      out += introduction_pack_to_json(introduction_pack_for(s, p.id, h.id)).dump();
  return out;
}

/// The audit of one plan, fixed before any change, with every group's figures shown.
std::string equality_output(const scheme& s, const match_result& plan) {
  audit_options options;
  options.small_group_size = 1;
  options.suppress_small_groups = false;
  return audit_to_json(s, audit_plan(s, plan, options)).dump();
}

std::string output_of(consent_purpose purpose, const scheme& s, const match_result& plan) {
  switch (purpose) {
  case consent_purpose::matching:
    return matching_output(s);
  case consent_purpose::analysis:
    return analysis_output(s);
  case consent_purpose::sharing_with_carers:
    return sharing_output(s);
  case consent_purpose::equality_monitoring:
    break;
  }
  return equality_output(s, plan);
}

/// The categories of `p`'s data `purpose` may read (none at all for analysis after an opt-out).
tag_set<data_category> read_by(const person& p, consent_purpose purpose, const date& day) {
  return in_view(p, purpose) ? readable_categories(p, purpose, day) : tag_set<data_category>{};
}

/// The (person, category) pairs of `s` whose data `purpose` may not read and some other
/// purpose may; with `readable`, those `purpose` may read instead.
std::vector<std::pair<std::size_t, data_category>> choices(const scheme& s, consent_purpose purpose,
                                                           bool readable) {
  std::vector<std::pair<std::size_t, data_category>> out;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const person& p = s.people[i];
    const auto mine = read_by(p, purpose, s.policy.as_of);
    tag_set<data_category> others;
    for (consent_purpose other : all_values<consent_purpose>())
      if (other != purpose)
        others = tag_set<data_category>::from_bits(others.bits() |
                                                   read_by(p, other, s.policy.as_of).bits());
    const auto candidates = readable ? mine : others.minus(mine);
    for (data_category c : candidates.values()) out.emplace_back(i, c);
  }
  return out;
}

} // namespace

TEST_CASE("purpose isolation: data one purpose may not read never changes its output") {
  std::mt19937 rng(20);
  std::array<int, vocabulary_size<consent_purpose>> isolated{}, changed{};
  for (unsigned seed = 1; seed <= 25; ++seed) {
    INFO("seed " << seed);
    const scheme original = random_consent_scheme(seed);
    REQUIRE_NOTHROW(validate(original));
    const match_result plan = match(original);
    for (consent_purpose purpose : all_values<consent_purpose>()) {
      INFO("purpose " << to_string(purpose));
      const std::string before = output_of(purpose, original, plan);
      for (bool readable : {false, true}) {
        const auto options = choices(original, purpose, readable);
        if (options.empty()) continue;
        for (int draw = 0; draw < 2; ++draw) {
          const auto [person, category] = options[rng() % options.size()];
          INFO("person " << original.people[person].id << ", " << to_string(category)
                         << (readable ? " (readable)" : " (not readable)"));
          scheme mutated = original;
          mutate(mutated.people[person], category, rng, original.households.size());
          REQUIRE(mutated.people[person] != original.people[person]);
          REQUIRE_NOTHROW(validate(mutated));
          const std::string after = output_of(purpose, mutated, plan);
          if (!readable) {
            REQUIRE(after == before);
            ++isolated[static_cast<std::size_t>(purpose)];
          } else if (after != before) {
            ++changed[static_cast<std::size_t>(purpose)];
          }
        }
      }
    }
  }
  for (consent_purpose purpose : all_values<consent_purpose>()) {
    INFO("purpose " << to_string(purpose));
    CHECK(isolated[static_cast<std::size_t>(purpose)] >= 20);
    CHECK(changed[static_cast<std::size_t>(purpose)] >= 3);
  }
}

TEST_CASE("purpose isolation: every view of a random scheme validates") {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    INFO("seed " << seed);
    const scheme s = random_consent_scheme(seed);
    for (consent_purpose purpose : all_values<consent_purpose>()) {
      INFO(to_string(purpose));
      const scheme view = view_for(s, purpose);
      CHECK_NOTHROW(validate(view));
      for (std::size_t i = 0, k = 0; i < s.people.size(); ++i) {
        if (!in_view(s.people[i], purpose)) continue;
        const person& seen = view.people[k++];
        CHECK(seen.id == s.people[i].id);
        // Matching on the view reads exactly what the purpose may read.
        auto scored = readable_categories(s.people[i], purpose, s.policy.as_of);
        scored.erase(data_category::ethnicity);
        CHECK(consented(seen, consent_purpose::matching, s.policy.as_of) == scored);
      }
    }
  }
}
