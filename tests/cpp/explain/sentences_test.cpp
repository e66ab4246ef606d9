// Sentence quality over the example scheme: every sentence the explanations can produce for
// data/examples/riverside.json reads as plain English and is the same on every run.

#include "slmatch/explain/compare.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/io/json.hpp"
#include "slmatch/score/registry.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace slmatch;

namespace {

const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

/// A plan that places each person, in order, in their best feasible household with room.
std::vector<int> greedy_plan(const scheme& s, const score_table& table) {
  std::vector<int> room(s.households.size());
  for (std::size_t j = 0; j < s.households.size(); ++j)
    room[j] = effective_capacity(s.policy, s.households[j]);
  std::vector<int> plan(s.people.size(), -1);
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    double best = -1.0;
    for (const scored_pair& pair : table.pairs) {
      if (pair.person != i || room[pair.household] <= 0 || pair.score <= best) continue;
      best = pair.score;
      plan[i] = static_cast<int>(pair.household);
    }
    if (plan[i] >= 0) --room[static_cast<std::size_t>(plan[i])];
  }
  return plan;
}

/// The best feasible household of a person, or -1.
int best_household(const score_table& table, std::size_t person) {
  int best = -1;
  double best_score = -1.0;
  for (const scored_pair& pair : table.pairs) {
    if (pair.person == person && pair.score > best_score) {
      best_score = pair.score;
      best = static_cast<int>(pair.household);
    }
  }
  return best;
}

/// Every sentence and clause the explanations give for the scheme, in a fixed order.
struct produced_text {
  std::vector<std::string> clauses;   ///< lowercase clauses from rules and factors
  std::vector<std::string> sentences; ///< whole sentences for people to read
};

produced_text everything_said(const scheme& s) {
  produced_text out;
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    for (std::size_t j = 0; j < s.households.size(); ++j) {
      const pair_explanation e = explain_pair(s, i, j);
      for (const auto& r : check_rules(s, s.people[i], s.households[j]))
        out.clauses.push_back(r.reason);
      for (const auto& f : e.factors) out.clauses.push_back(f.sentence);
      out.sentences.insert(out.sentences.end(), e.reasons.begin(), e.reasons.end());
      out.sentences.push_back(e.summary);
    }
  }
  const score_table table = score_scheme(s);
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const int chosen = best_household(table, i);
    if (chosen < 0) continue;
    for (std::size_t j = 0; j < s.households.size(); ++j) {
      if (static_cast<int>(j) == chosen) continue;
      const pair_comparison c = compare_pairs(s, i, static_cast<std::size_t>(chosen), j);
      out.sentences.insert(out.sentences.end(), c.reasons.begin(), c.reasons.end());
      out.sentences.push_back(c.summary);
    }
  }
  for (const std::vector<int>& plan :
       {std::vector<int>(s.people.size(), -1), greedy_plan(s, table)})
    for (std::size_t i = 0; i < s.people.size(); ++i)
      if (plan[i] < 0) out.sentences.push_back(explain_unmatched(s, table, plan, i).summary);
  return out;
}

const produced_text& riverside_text() {
  static const produced_text text = everything_said(riverside());
  return text;
}

/// Problems a reader would notice, or "" when the text reads well.
std::string problem_in(const std::string& text) {
  static const std::regex one_plural(
      R"((^|[^0-9.])1 (points|places|pets|years|households|bedrooms|people|children)\b)");
  static const std::regex many_singular(
      R"(\b([02-9]|[1-9][0-9]+) (point|place|pet|year|household|bedroom|person)\b)");
  static const std::regex long_decimal(R"(\d\.\d{2,})");
  static const std::regex repeated_word(R"(\b(\w+) \1\b)");
  static const std::regex a_before_vowel(R"(\ba [aeio])");
  static const std::regex an_before_consonant(R"(\ban [b-df-hj-np-tv-z])");
  if (text.empty()) return "empty";
  if (text.find('_') != std::string::npos) return "underscore";
  if (text.find("  ") != std::string::npos) return "double space";
  if (text.find(" ,") != std::string::npos || text.find(" .") != std::string::npos ||
      text.find(",,") != std::string::npos || text.find("..") != std::string::npos)
    return "stray punctuation";
  if (text.find("peg feeding") != std::string::npos) return "PEG in lower case";
  static const std::regex any_pattern(
      std::string(R"((^|[^0-9.])1 (points|places|pets|years|households|bedrooms|people|)") +
      R"(children)\b|\b([02-9]|[1-9][0-9]+) (point|place|pet|year|household|bedroom|person)\b|)" +
      R"(\d\.\d{2,}|\b(\w+) \5\b|\ba [aeio]|\ban [b-df-hj-np-tv-z])");
  if (!std::regex_search(text, any_pattern)) return ""; // one pass for the common case
  if (std::regex_search(text, one_plural)) return "1 with a plural";
  if (std::regex_search(text, many_singular)) return "many with a singular";
  if (std::regex_search(text, long_decimal)) return "more than one decimal";
  if (std::regex_search(text, repeated_word)) return "repeated word";
  if (std::regex_search(text, a_before_vowel)) return "'a' before a vowel";
  if (std::regex_search(text, an_before_consonant)) return "'an' before a consonant";
  return "";
}

} // namespace

TEST_CASE("sentences: riverside explanations read as plain English") {
  const produced_text& text = riverside_text();
  REQUIRE(text.sentences.size() > 1000);
  // Each distinct text is checked once (many clauses repeat across pairs).
  const std::set<std::string> sentences(text.sentences.begin(), text.sentences.end());
  const std::set<std::string> clauses(text.clauses.begin(), text.clauses.end());
  for (const std::string& sentence : sentences) {
    CAPTURE(sentence);
    CHECK(problem_in(sentence).empty());
    CHECK(std::isupper(static_cast<unsigned char>(sentence.front())));
    CHECK(sentence.back() == '.');
  }
  for (const std::string& clause : clauses) {
    CAPTURE(clause);
    CHECK(problem_in(clause).empty());
    CHECK(clause.back() != '.');
  }
}

TEST_CASE("sentences: every failed rule in riverside says what it is about") {
  const scheme& s = riverside();
  std::array<int, vocabulary_size<rule>> failures{};
  for (const person& p : s.people) {
    for (const household& h : s.households) {
      for (const rule_outcome& r : check_rules(s, p, h)) {
        if (r.passed) continue;
        ++failures[static_cast<std::size_t>(r.id)];
        CAPTURE(to_string(r.id), r.reason);
        CHECK_FALSE(r.reason.empty());
        const auto& terms = info(r.id).subject_terms;
        const bool named = std::any_of(terms.begin(), terms.end(), [&](std::string_view term) {
          return !term.empty() && r.reason.find(term) != std::string::npos;
        });
        CHECK(named);
      }
    }
  }
  // The example is built so that every rule fails somewhere.
  for (rule id : all_values<rule>()) {
    CAPTURE(to_string(id));
    CHECK(failures[static_cast<std::size_t>(id)] > 0);
  }
}

TEST_CASE("sentences: identical input gives identical explanations") {
  const scheme copy = riverside();
  const produced_text again = everything_said(copy);
  CHECK(again.sentences == riverside_text().sentences);
  CHECK(again.clauses == riverside_text().clauses);
}

TEST_CASE("sentences: the quality checks catch what a reader would notice") {
  CHECK(problem_in("The household has 2 places and 1 pet.").empty());
  CHECK(problem_in("") == "empty");
  CHECK(problem_in("no level_access") == "underscore");
  CHECK(problem_in("needs peg feeding") == "PEG in lower case");
  CHECK(problem_in("it has 1 places") == "1 with a plural");
  CHECK(problem_in("it has 3 place") == "many with a singular");
  CHECK(problem_in("it is 41.25 km away") == "more than one decimal");
  CHECK(problem_in("soft food food") == "repeated word");
  CHECK(problem_in("a emergency arrangement") == "'a' before a vowel");
  CHECK(problem_in("an short break") == "'an' before a consonant");
  CHECK(problem_in("the home , and") == "stray punctuation");
}
