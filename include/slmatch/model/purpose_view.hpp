#pragma once
/// A scheme as one purpose may see it: every piece of a person's data that the purpose may
/// not read on the scheme's `as_of` date is erased, not hidden, so code downstream of the
/// view cannot read it whatever it does.
///
/// In: a scheme and a purpose (`consent_purpose`). Out: a copy of the scheme in which
/// - each person keeps, of the data under a `data_category`, only the categories the purpose
///   may read (`readable_categories`); the fields of every other category go back to
///   "nothing known": community → anchors; interests; languages; faith_culture → faith and
///   cultures; diet → diets; lifestyle → lifestyle; household_preferences → pets and
///   children back to neutral; history → known households and the people they know;
///   ethnicity; about_me → what matters to them, how best to support them, how they
///   communicate. Who wrote a profile section goes with the section's category
///   (`section_category`).
/// - consent is rewritten as given on the scheme's `as_of` for exactly the categories kept,
///   for matching (the plain list) and for the purpose itself (a record each), so matching
///   on the view reads exactly what the purpose allows and nothing else, an audit of the view
///   counts ethnicity only where the purpose may read it (the list means equality monitoring
///   for ethnicity), and the view of a view for the same purpose is the view. The original
///   records, with who decided them, are left out. The national data opt-out is kept, so no
///   view of a view reaches analysis with someone who opted out.
/// - the personal fields no purpose reads but the scheme's own matching (a person's name and
///   notes) are erased in every view but matching's.
///
/// Analysis (experiments, score matrices, simulations seeded from a real scheme, audits that
/// leave the scheme) re-runs matching on the data, so it reads only the categories consented
/// for both analysis and matching: neither what a person refused for matching nor what they
/// refused for analysis. Ethnicity, never matched, needs analysis consent alone. People with
/// a national data opt-out are left out of the analysis view entirely, with every reference
/// to them (excluded pairs, households' declined people, residents' conflicts, groups); a
/// booked short-break bed stays booked, without the id of whom it is booked for, and a group
/// left with fewer than two people is dropped. Carer names are erased too: analysis never
/// needs them.
///
/// Core assessment data (needs, support, arrangement, access and specialist needs, place,
/// must-nots, risk flags, waiting time, calendar requests, a person's own weights, the groups
/// people are to be placed with) is not under consent and stays in every view. A view of a
/// valid scheme is valid; making one never throws. O(size of the scheme).
///
/// Example: experiments run on `view_for(s, consent_purpose::analysis)`; an introduction
/// pack ("slmatch/stable/introduction_pack.hpp") is made from the sharing view.

#include "slmatch/model/consent_state.hpp"
#include "slmatch/model/scheme.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// The category of data a profile section belongs to: the sections in the person's own words
/// are `about_me`, the people they know are `history`, and each other section is the category
/// of the same name.
constexpr data_category section_category(profile_section section) {
  switch (section) {
  case profile_section::what_matters_to_me:
  case profile_section::how_best_to_support_me:
  case profile_section::communication:
    return data_category::about_me;
  case profile_section::interests:
    return data_category::interests;
  case profile_section::languages:
    return data_category::languages;
  case profile_section::faith_culture:
    return data_category::faith_culture;
  case profile_section::diet:
    return data_category::diet;
  case profile_section::lifestyle:
    return data_category::lifestyle;
  case profile_section::household_preferences:
    return data_category::household_preferences;
  case profile_section::people_i_know:
    return data_category::history;
  }
  return data_category::about_me;
}

/// True when `p` is in `purpose`'s view at all: everyone but, for analysis, the people who
/// registered a national data opt-out.
inline bool in_view(const person& p, consent_purpose purpose) {
  return !(purpose == consent_purpose::analysis && p.national_data_opt_out);
}

/// The categories of `p`'s data `purpose`'s view keeps on `day`: those consented for the
/// purpose, and for analysis only those also consented for matching (ethnicity, never
/// matched, on analysis consent alone).
inline tag_set<data_category> readable_categories(const person& p, consent_purpose purpose,
                                                  const date& day) {
  tag_set<data_category> readable = consented(p, purpose, day);
  if (purpose != consent_purpose::analysis) return readable;
  tag_set<data_category> both = readable.intersect(consented(p, consent_purpose::matching, day));
  if (readable.contains(data_category::ethnicity)) both.insert(data_category::ethnicity);
  return both;
}

/// Erase from `p` every category of data not in `keep`.
inline void erase_categories(person& p, tag_set<data_category> keep) {
  const auto erased = [&](data_category c) { return !keep.contains(c); };
  if (erased(data_category::community)) p.anchors.clear();
  if (erased(data_category::interests)) p.interests.clear();
  if (erased(data_category::languages)) p.languages.clear();
  if (erased(data_category::faith_culture)) {
    p.faith.reset();
    p.cultures.clear();
  }
  if (erased(data_category::diet)) p.diets = {};
  if (erased(data_category::lifestyle)) p.way_of_life.reset();
  if (erased(data_category::household_preferences)) {
    p.pets = attitude::neutral;
    p.children = attitude::neutral;
  }
  if (erased(data_category::history)) {
    p.known_households.clear();
    p.profile.people_i_know.clear();
  }
  if (erased(data_category::ethnicity)) p.ethnicity.reset();
  if (erased(data_category::about_me)) {
    p.profile.what_matters_to_me.clear();
    p.profile.how_best_to_support_me.clear();
    p.profile.communication.clear();
  }
  for (auto it = p.profile.written_by.begin(); it != p.profile.written_by.end();)
    it = erased(section_category(it->first)) ? p.profile.written_by.erase(it) : std::next(it);
}

/// `p` as `purpose` may see it on `day`; see the file comment.
///
/// @param[in] p  a person of a scheme
/// @param[in] purpose  what the data is for
/// @param[in] day  the day consent is evaluated on (the scheme's `as_of`)
/// @return  the person with the categories `purpose` may not read erased and consent
///          rewritten as given on `day` for those kept, for matching and for `purpose`
inline person person_view(const person& p, consent_purpose purpose, const date& day) {
  person out = p;
  const tag_set<data_category> keep = readable_categories(p, purpose, day);
  erase_categories(out, keep);
  out.consent = keep;
  out.consents.clear();
  if (purpose != consent_purpose::matching)
    for (data_category c : keep.values()) {
      if (listed_for(out, c, purpose)) continue;
      consent_record r;
      r.category = c;
      r.purpose = purpose;
      r.given_on = day;
      out.consents.push_back(r);
    }
  if (purpose != consent_purpose::matching) {
    out.name.clear();
    out.notes.clear();
  }
  return out;
}

/// The scheme as `purpose` may see it on `s.policy.as_of`; see the file comment.
///
/// @param[in] s  a scheme (valid, for the view to be valid)
/// @param[in] purpose  what the data is for
/// @return  a copy with each person's data that `purpose` may not read erased, consent
///          rewritten so matching on the view reads exactly what `purpose` allows, and for
///          analysis the people who opted out left out with every reference to them (groups
///          left with fewer than two people dropped)
/// \note  Never throws on a valid scheme (only on memory exhaustion); the same scheme and
///        purpose always give the same view, people and households in scheme order.
inline scheme view_for(const scheme& s, consent_purpose purpose) {
  scheme out;
  out.id = s.id;
  out.name = s.name;
  out.policy = s.policy;
  out.households = s.households;
  out.groups = s.groups;
  out.people.reserve(s.people.size());
  std::set<std::string> left_out;
  for (const person& p : s.people) {
    if (in_view(p, purpose))
      out.people.push_back(person_view(p, purpose, s.policy.as_of));
    else
      left_out.insert(p.id);
  }
  if (purpose != consent_purpose::analysis) return out;
  const auto gone = [&](const std::string& id) { return left_out.count(id) != 0; };
  const auto drop_gone = [&](std::vector<std::string>& ids) {
    ids.erase(std::remove_if(ids.begin(), ids.end(), gone), ids.end());
  };
  auto& excluded = out.policy.excluded_pairs;
  excluded.erase(std::remove_if(excluded.begin(), excluded.end(),
                                [&](const excluded_pair& e) { return gone(e.person_id); }),
                 excluded.end());
  for (household& h : out.households) {
    h.name.clear();
    drop_gone(h.declined_people);
    for (resident& r : h.residents) drop_gone(r.conflicts_with);
    if (h.calendar)
      for (booking& b : h.calendar->bookings)
        if (gone(b.person_id)) b.person_id.clear();
  }
  auto& groups = out.groups;
  for (person_group& g : groups) drop_gone(g.members);
  groups.erase(std::remove_if(groups.begin(), groups.end(),
                              [](const person_group& g) { return g.members.size() < 2; }),
               groups.end());
  return out;
}

} // namespace slmatch
