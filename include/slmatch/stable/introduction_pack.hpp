#pragma once
/// What a prospective carer is given about a person before an introduction (a proposal
/// round's tea, day or overnight): the core information a carer needs to decide safely, the
/// parts of the person's profile they consented to share with carers, and one plain sentence
/// for each part that is not shared and why.
///
/// In: a scheme, a person's id and a household's id. Out: an `introduction_pack`.
/// - Core assessment data, always shared, because a carer cannot say yes safely without it:
///   needs, support level, arrangement, access needs, specialist needs, must-nots (and a
///   required gender of the main carer), whether the person smokes, risk flags.
/// - Shared only with consent for `sharing_with_carers` on the scheme's `as_of`: interests,
///   languages, faith and culture, diet, lifestyle, household preferences, the people they
///   know (history; and whether they already know this household), and their own words
///   (about_me: what matters to them, how best to support them, how they communicate), each
///   with who wrote it from the profile's `written_by`.
/// - Never in a pack: their name, date of birth, where they or their community are, notes,
///   ethnicity, the ids of other households, consent records.
///
/// The pack is filled from the person as the sharing view holds them (`person_view` in
/// "slmatch/model/purpose_view.hpp"), so data not consented for sharing has been erased
/// before the pack reads anything. Only the consent states, for the sentences, are read
/// from the scheme itself. O(size of the person's data). As JSON:
/// "slmatch/io/introduction_pack_json.hpp".
///
/// Example:
///   const introduction_pack pack = introduction_pack_for(s, "P01", "H03");
///   for (const auto& line : pack.not_shared) std::puts(line.sentence.c_str());
///   // "Interests are not shared: consent to use interests was withdrawn on 3 March 2026."

#include "slmatch/error.hpp"
#include "slmatch/model/purpose_view.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/consent_wording.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slmatch {

/// The categories a pack shares with consent, in the order a pack lists them. Community
/// (places on a map) and ethnicity are never in a pack.
inline constexpr std::array<data_category, 8> introduction_categories{
    data_category::interests, data_category::languages, data_category::faith_culture,
    data_category::diet,      data_category::lifestyle, data_category::household_preferences,
    data_category::history,   data_category::about_me};

/// A category a pack does not share, and why.
struct category_not_shared {
  data_category category = data_category::interests;
  consent_status status = consent_status::not_given; ///< of sharing with carers, on `as_of`
  std::optional<date> since; ///< when it ended (withdrawn, expired) or starts (not yet given)
  std::string sentence;      ///< "Interests are not shared: consent to use interests was …"
};

/// What a prospective carer receives about a person; see the file comment.
struct introduction_pack {
  std::string person_id;
  std::string household_id;
  date as_of; ///< the day consent was read on

  // Core assessment data: always shared.
  tag_set<need_category> needs;
  support_level support = support_level::low;
  arrangement_type arrangement = arrangement_type::long_term;
  tag_set<home_feature> access_needs;
  tag_set<specialist_skill> specialist_needs;
  tag_set<avoidance> must_not;
  std::optional<gender> required_carer_gender;
  bool smoker = false;
  tag_set<risk_flag> risk_flags;

  // Shared with consent: fields of a category not in `shared` are empty.
  tag_set<data_category> shared; ///< of `introduction_categories`
  std::vector<std::string> interests;
  std::vector<std::string> languages;
  std::optional<std::string> faith;
  std::vector<std::string> cultures;
  tag_set<diet> diets;
  std::optional<lifestyle> way_of_life;
  attitude pets = attitude::neutral;
  attitude children = attitude::neutral;
  bool knows_this_household = false; ///< history: the household is one they already know
  std::vector<known_person> people_i_know;
  std::vector<std::string> what_matters_to_me;
  std::vector<std::string> how_best_to_support_me;
  std::vector<std::string> communication;
  std::map<profile_section, authorship> written_by; ///< shared sections with a known author

  std::vector<category_not_shared> not_shared; ///< in `introduction_categories` order
};

/// The sentence saying that category `c` is not shared and why: "Diet is not shared: consent
/// to use diet expired on 1 December 2026."
inline std::string not_shared_sentence(data_category c, const consent_state& state) {
  std::string subject = category_title(c);
  subject[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(subject[0])));
  const bool plural =
      c != data_category::diet && c != data_category::lifestyle && c != data_category::history;
  return subject + (plural ? " are" : " is") + " not shared: " + consent_missing_text(state, c) +
         ".";
}

/// The pack a carer household receives before an introduction to a person.
///
/// @param[in] s  a validated scheme
/// @param[in] person_id  the person introduced
/// @param[in] household_id  the household they are introduced to
/// @return  the pack; see the file comment for what is in it
/// @throws slmatch::error when either id is not in the scheme
inline introduction_pack introduction_pack_for(const scheme& s, std::string_view person_id,
                                               std::string_view household_id) {
  const person& original = s.people[person_index(s, person_id)];
  const household& home = s.households[household_index(s, household_id)];
  const date& day = s.policy.as_of;
  // Everything below reads the sharing view, where data not consented is already erased.
  const person p = person_view(original, consent_purpose::sharing_with_carers, day);

  introduction_pack pack;
  pack.person_id = p.id;
  pack.household_id = home.id;
  pack.as_of = day;
  pack.needs = p.needs;
  pack.support = p.support;
  pack.arrangement = p.arrangement;
  pack.access_needs = p.access_needs;
  pack.specialist_needs = p.specialist_needs;
  pack.must_not = p.must_not;
  pack.required_carer_gender = p.required_carer_gender;
  pack.smoker = p.smoker;
  pack.risk_flags = p.risk_flags;

  for (data_category c : introduction_categories)
    if (p.consent.contains(c)) pack.shared.insert(c);
  pack.interests = p.interests;
  pack.languages = p.languages;
  pack.faith = p.faith;
  pack.cultures = p.cultures;
  pack.diets = p.diets;
  pack.way_of_life = p.way_of_life;
  pack.pets = p.pets;
  pack.children = p.children;
  pack.knows_this_household = std::find(p.known_households.begin(), p.known_households.end(),
                                        home.id) != p.known_households.end();
  pack.people_i_know = p.profile.people_i_know;
  pack.what_matters_to_me = p.profile.what_matters_to_me;
  pack.how_best_to_support_me = p.profile.how_best_to_support_me;
  pack.communication = p.profile.communication;
  pack.written_by = p.profile.written_by;

  for (data_category c : introduction_categories) {
    if (pack.shared.contains(c)) continue;
    const consent_state state = consent_on(original, c, consent_purpose::sharing_with_carers, day);
    pack.not_shared.push_back({c, state.status, state.since, not_shared_sentence(c, state)});
  }
  return pack;
}

} // namespace slmatch
