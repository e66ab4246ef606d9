#pragma once
/// A person's own account of themselves, as a person-held profile carries it: sections
/// shaped after the PRSB "About Me" standard, each with who wrote it and when.
///
/// The sections that scoring reads (interests, languages, faith and culture, diet,
/// lifestyle, household preferences) are the person's own fields; this struct holds the
/// sections in the person's words (what matters to them, how best to support them, how they
/// communicate, people they know) and the authorship of every section. All of it is
/// personal: never logged, read only with consent (`data_category::about_me` and, for the
/// people they know, `history`).

#include "slmatch/model/basics.hpp"
#include "slmatch/model/vocabulary.hpp"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// The sections of a profile, in the order a profile lists them.
enum class profile_section : std::uint8_t {
  what_matters_to_me,
  how_best_to_support_me,
  communication,
  interests,
  languages,
  faith_culture,
  diet,
  lifestyle,
  household_preferences,
  people_i_know,
};

/// Who wrote a section.
enum class author_role : std::uint8_t { person, advocate, worker };

using namespace std::string_view_literals;

SLMATCH_VOCABULARY(profile_section, "profile section", "what_matters_to_me"sv,
                   "how_best_to_support_me"sv, "communication"sv, "interests"sv, "languages"sv,
                   "faith_culture"sv, "diet"sv, "lifestyle"sv, "household_preferences"sv,
                   "people_i_know"sv);
SLMATCH_VOCABULARY(author_role, "author role", "person"sv, "advocate"sv, "worker"sv);

/// Who wrote a section, and on what day.
struct authorship {
  author_role role = author_role::person;
  std::string name; ///< personal; empty when the person wrote it themselves
  date written_on;

  auto fields() const { return std::tie(role, name, written_on); }
  friend bool operator==(const authorship& a, const authorship& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const authorship& a, const authorship& b) { return !(a == b); }
};

/// Someone the person knows: family, a friend, or a carer they have stayed with.
struct known_person {
  std::string name;         ///< personal
  std::string relationship; ///< in their words: "sister", "carer", "friend from college"
  bool carer = false;       ///< a Shared Lives carer (a scheme maps these to its households)

  auto fields() const { return std::tie(name, relationship, carer); }
  friend bool operator==(const known_person& a, const known_person& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const known_person& a, const known_person& b) { return !(a == b); }
};

/// The sections in the person's words, and who wrote each section of the profile.
struct about_me {
  std::vector<std::string> what_matters_to_me;
  std::vector<std::string> how_best_to_support_me;
  std::vector<std::string> communication;
  std::vector<known_person> people_i_know;
  std::map<profile_section, authorship> written_by; ///< sections with a known author

  /// True when nothing is held.
  bool empty() const {
    return what_matters_to_me.empty() && how_best_to_support_me.empty() && communication.empty() &&
           people_i_know.empty() && written_by.empty();
  }

  auto fields() const {
    return std::tie(what_matters_to_me, how_best_to_support_me, communication, people_i_know,
                    written_by);
  }
  friend bool operator==(const about_me& a, const about_me& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const about_me& a, const about_me& b) { return !(a == b); }
};

} // namespace slmatch
