#pragma once
/// Mutual consent in rounds: who to introduce to whom, the answers both sides give, and
/// the next round, until nobody is left to introduce.
///
/// In: both sides' ranked lists (`preferences`, e.g. from `build_views`) and, round by
/// round, the answers. Out: each round's introductions, the pairs both sides accepted
/// (fixed from then on), the pairs declined (never proposed again, with who declined and a
/// reason category), and the state as JSON so a case system can keep it between rounds.
///
/// State machine. A `proposal_rounds` is either AWAITING answers to round r (r >= 1, at
/// least one introduction) or FINISHED.
///
///     start ──► propose(1) ─┬─ introductions ──► AWAITING(1)
///                           └─ none ───────────► FINISHED (round 0)
///     AWAITING(r) ── answer(p, h, by, accept|decline) ──► AWAITING(r)
///     AWAITING(r) ── next_round(), every introduction settled ──► propose(r + 1)
///     propose(r + 1) ─┬─ introductions ──► AWAITING(r + 1)
///                     └─ none ───────────► FINISHED (round r)
///
/// - propose(r): the stable plan (deferred acceptance, best for the proposing side) of the
///   market that is left: the people not yet accepted, each household's places less the
///   people it accepted, and every listed pair not declined. Each pair of that plan is an
///   introduction of round r. So round 1 is the stable plan of the whole lists.
/// - An introduction is settled when both sides accepted (the pair is then ACCEPTED:
///   fixed, the person leaves the market and takes one of the household's places) or when
///   either side declined (the pair is DECLINED and never proposed again). Until then it
///   waits for the other side. Answers are final: a side answers an introduction once.
/// - next_round() refuses while any introduction of the round is unsettled, naming each.
///
/// Termination: every round has at least one introduction and all of them are settled
/// before the next, each settling either fixes a person or removes a listed pair for good,
/// so there are at most (people + listed pairs) rounds; in practice a handful. When
/// FINISHED, no person left and household with a free place list each other on a pair not
/// declined. Everything is deterministic: the same lists and answers give the same rounds.
///
/// JSON (`to_json` / `from_json`, format "slmatch-proposal-rounds", version 1) names people
/// and households by id and holds the lists, the accepted and declined pairs with their
/// rounds, and the current round's introductions with each side's answer so far. Loading
/// replays the answers round by round through the same rules, so a state that could not
/// have been reached (a pair accepted that was never introduced, an introduction that is
/// not the round's plan) is refused with errors naming the record and field.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/stable/views.hpp"
#include "slmatch/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace slmatch {

/// Who gave an answer.
enum class answer_side : std::uint8_t {
  person,    ///< the person (or their advocate)
  household, ///< the carer household
  both,      ///< recorded for both at once, e.g. after a meeting
};
SLMATCH_VOCABULARY(answer_side, "answer side", "person", "household", "both");

/// One side's answer to an introduction.
enum class reply : std::uint8_t { pending, accept, decline };
SLMATCH_VOCABULARY(reply, "reply", "pending", "accept", "decline");

/// Why an introduction was declined: a category, never free text.
enum class decline_reason : std::uint8_t {
  not_stated,            ///< no reason given
  not_a_good_fit,        ///< did not get on, or did not feel right
  household_mix,         ///< the fit with others in the household
  location,              ///< too far from family, work or community
  needs_and_support,     ///< the support needed or offered does not fit
  timing,                ///< not the right time (start date, availability)
  circumstances_changed, ///< a change in either side's circumstances
  other,                 ///< any other reason
};
SLMATCH_VOCABULARY(decline_reason, "decline reason", "not_stated", "not_a_good_fit",
                   "household_mix", "location", "needs_and_support", "timing",
                   "circumstances_changed", "other");

/// An introduction of the current round and the answers so far.
struct introduction {
  int person = 0;
  int household = 0;
  reply person_reply = reply::pending;
  reply household_reply = reply::pending;

  /// Accepted by both.
  bool accepted() const {
    return person_reply == reply::accept && household_reply == reply::accept;
  }
  /// Declined by either.
  bool declined() const {
    return person_reply == reply::decline || household_reply == reply::decline;
  }
  /// Accepted by both or declined by either: nothing more to wait for.
  bool settled() const { return accepted() || declined(); }
};

/// A pair both sides accepted, and the round it was introduced in.
struct accepted_pair {
  int person = 0;
  int household = 0;
  int round = 0;
};

/// A pair declined, by whom, why, and in which round.
struct declined_pair {
  int person = 0;
  int household = 0;
  answer_side by = answer_side::person;
  decline_reason reason = decline_reason::not_stated;
  int round = 0;
};

/// Rounds of introductions for mutual consent; see the file comment for the state machine.
class proposal_rounds {
public:
  /// Start from both sides' lists and propose round 1.
  ///
  /// @param[in] lists  both sides' preferences; a pair counts only when both list it
  /// @param[in] person_ids  one id per person, unique (empty: "0", "1", …)
  /// @param[in] household_ids  one id per household, unique (empty: "0", "1", …)
  /// @param[in] side  who proposes in each round's stable plan (people: person-optimal)
  /// @throws slmatch::validation_error for bad lists (see `rank_pairs`) or ids of the wrong
  ///         number, empty or repeated
  explicit proposal_rounds(preferences lists, std::vector<std::string> person_ids = {},
                           std::vector<std::string> household_ids = {},
                           proposing_side side = proposing_side::people)
      : lists_(std::move(lists)), person_ids_(std::move(person_ids)),
        household_ids_(std::move(household_ids)), side_(side) {
    rank_pairs(lists_); // validates the lists
    check_ids(person_ids_, lists_.people, "person");
    check_ids(household_ids_, static_cast<int>(lists_.capacity.size()), "household");
    for (std::size_t i = 0; i < person_ids_.size(); ++i)
      person_index_.emplace(person_ids_[i], static_cast<int>(i));
    for (std::size_t i = 0; i < household_ids_.size(); ++i)
      household_index_.emplace(household_ids_[i], static_cast<int>(i));
    open_round(1);
  }

  /// The current round (1, 2, …); when finished, the last round that had introductions
  /// (0 when there never were any).
  int round() const { return round_; }
  /// True when nobody is left to introduce.
  bool finished() const { return finished_; }
  /// Who proposes in each round's stable plan.
  proposing_side side() const { return side_; }
  /// The current round's introductions, by person index; empty when finished.
  const std::vector<introduction>& introductions() const { return introductions_; }
  /// True when every introduction of the round is settled, so `next_round` may be called.
  bool round_settled() const {
    return std::all_of(introductions_.begin(), introductions_.end(),
                       [](const introduction& i) { return i.settled(); });
  }
  /// Pairs accepted by both sides, in the order they were settled.
  const std::vector<accepted_pair>& accepted() const { return accepted_; }
  /// Pairs declined, in the order they were declined.
  const std::vector<declined_pair>& declined() const { return declined_; }
  /// The lists the rounds were started from.
  const preferences& lists() const { return lists_; }
  const std::vector<std::string>& person_ids() const { return person_ids_; }
  const std::vector<std::string>& household_ids() const { return household_ids_; }

  /// The accepted plan so far: per person the household accepted, or -1.
  std::vector<int> household_of() const {
    std::vector<int> plan(static_cast<std::size_t>(lists_.people), -1);
    for (const auto& a : accepted_) plan[static_cast<std::size_t>(a.person)] = a.household;
    return plan;
  }

  /// Position of a person by id.
  /// @throws slmatch::validation_error naming the id when unknown
  int person_index(std::string_view id) const {
    const auto it = person_index_.find(std::string(id));
    if (it == person_index_.end())
      throw validation_error({{"person " + std::string(id), "id", "unknown person"}});
    return it->second;
  }
  /// Position of a household by id.
  /// @throws slmatch::validation_error naming the id when unknown
  int household_index(std::string_view id) const {
    const auto it = household_index_.find(std::string(id));
    if (it == household_index_.end())
      throw validation_error({{"household " + std::string(id), "id", "unknown household"}});
    return it->second;
  }

  /// Record one side's answer (or both sides') to an introduction of the current round.
  ///
  /// Accepting by both sides fixes the pair; a decline by either settles the introduction
  /// and the pair is never proposed again.
  ///
  /// @param[in] person, household  the introduction, by index
  /// @param[in] by  who answers
  /// @param[in] accept  true to accept, false to decline
  /// @param[in] reason  a decline's reason category (default `not_stated`); none with an
  ///                    acceptance
  /// @throws slmatch::validation_error naming the person and field "answer" when the rounds
  ///         are finished, the pair was not introduced this round, the introduction is
  ///         already settled, the side has already answered, or an acceptance has a reason
  void answer(int person, int household, answer_side by, bool accept,
              std::optional<decline_reason> reason = std::nullopt) {
    const std::string record = "person " + person_name(person);
    auto refuse = [&](const std::string& message) {
      throw validation_error({{record, "answer", message}});
    };
    if (finished_) refuse("the rounds are finished");
    if (accept && reason) refuse("an acceptance takes no reason");
    auto it = std::find_if(introductions_.begin(), introductions_.end(),
                           [&](const introduction& i) { return i.person == person; });
    if (it == introductions_.end() || it->household != household)
      refuse("was not introduced to household " + household_name(household) + " in round " +
             std::to_string(round_));
    introduction& intro = *it;
    if (intro.settled())
      refuse("the introduction to household " + household_name(household) + " is already " +
             (intro.accepted() ? "accepted" : "declined"));
    const bool person_answers = by != answer_side::household;
    const bool household_answers = by != answer_side::person;
    if (person_answers && intro.person_reply != reply::pending)
      refuse("the person has already answered the introduction to household " +
             household_name(household));
    if (household_answers && intro.household_reply != reply::pending)
      refuse("household " + household_name(household) + " has already answered");
    const reply given = accept ? reply::accept : reply::decline;
    if (person_answers) intro.person_reply = given;
    if (household_answers) intro.household_reply = given;
    if (intro.accepted())
      accepted_.push_back({person, household, round_});
    else if (intro.declined())
      declined_.push_back(
          {person, household, by, reason.value_or(decline_reason::not_stated), round_});
  }

  /// Record an answer by ids; see the overload by index.
  void answer(std::string_view person_id, std::string_view household_id, answer_side by,
              bool accept, std::optional<decline_reason> reason = std::nullopt) {
    answer(person_index(person_id), household_index(household_id), by, accept, reason);
  }

  /// Close the round and propose the next one (or finish).
  ///
  /// @throws slmatch::validation_error when finished, or listing every introduction still
  ///         waiting for an answer (record the person, field "answer")
  void next_round() {
    if (finished_)
      throw validation_error({{"proposal_rounds", "round", "the rounds are finished"}});
    std::vector<problem> waiting;
    for (const auto& i : introductions_) {
      if (i.settled()) continue;
      std::string who = i.person_reply == reply::pending && i.household_reply == reply::pending
                            ? "either side"
                        : i.person_reply == reply::pending ? "the person"
                                                           : "the household";
      waiting.push_back({"person " + person_name(i.person), "answer",
                         "no answer yet from " + who + " on the introduction to household " +
                             household_name(i.household) + " in round " + std::to_string(round_)});
    }
    if (!waiting.empty()) throw validation_error(std::move(waiting));
    open_round(round_ + 1);
  }

  /// The state as JSON (see the file comment); `from_json` reads it back.
  nlohmann::json to_json() const {
    using nlohmann::json;
    json doc = json::object();
    doc["format"] = "slmatch-proposal-rounds";
    doc["version"] = 1;
    doc["proposing"] = to_string(side_);
    doc["round"] = round_;
    doc["finished"] = finished_;
    json people = json::array();
    for (int p = 0; p < lists_.people; ++p) {
      json row = json::array();
      for (auto k = lists_.person_ranks.first[static_cast<std::size_t>(p)];
           k < lists_.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k)
        row.push_back(household_ids_[static_cast<std::size_t>(lists_.person_ranks.entries[k])]);
      people.push_back({{"id", person_ids_[static_cast<std::size_t>(p)]}, {"preferences", row}});
    }
    doc["people"] = std::move(people);
    json households = json::array();
    for (std::size_t h = 0; h < lists_.capacity.size(); ++h) {
      json row = json::array();
      for (auto k = lists_.household_ranks.first[h]; k < lists_.household_ranks.first[h + 1]; ++k)
        row.push_back(person_ids_[static_cast<std::size_t>(lists_.household_ranks.entries[k])]);
      households.push_back(
          {{"id", household_ids_[h]}, {"capacity", lists_.capacity[h]}, {"preferences", row}});
    }
    doc["households"] = std::move(households);
    json intros = json::array();
    for (const auto& i : introductions_)
      intros.push_back({{"person", person_name(i.person)},
                        {"household", household_name(i.household)},
                        {"person_answer", to_string(i.person_reply)},
                        {"household_answer", to_string(i.household_reply)}});
    doc["introductions"] = std::move(intros);
    json yes = json::array();
    for (const auto& a : accepted_)
      yes.push_back({{"person", person_name(a.person)},
                     {"household", household_name(a.household)},
                     {"round", a.round}});
    doc["accepted"] = std::move(yes);
    json no = json::array();
    for (const auto& d : declined_)
      no.push_back({{"person", person_name(d.person)},
                    {"household", household_name(d.household)},
                    {"by", to_string(d.by)},
                    {"reason", to_string(d.reason)},
                    {"round", d.round}});
    doc["declined"] = std::move(no);
    return doc;
  }

  /// Read a state written by `to_json`, replaying its answers round by round.
  ///
  /// @param[in] doc  the JSON document
  /// @return  the state, equal to the one written
  /// @throws slmatch::validation_error listing the problems, each naming its record
  ///         ("proposal_rounds", "person P01", "household H02") and field ("round",
  ///         "preferences", "accepted[2].household", …): missing or mistyped fields, unknown
  ///         ids or names, and answers that could not have been given in that order
  static proposal_rounds from_json(const nlohmann::json& doc);

private:
  preferences lists_;
  std::vector<std::string> person_ids_, household_ids_;
  proposing_side side_ = proposing_side::people;
  std::unordered_map<std::string, int> person_index_, household_index_;
  int round_ = 0;
  bool finished_ = false;
  std::vector<introduction> introductions_;
  std::vector<accepted_pair> accepted_;
  std::vector<declined_pair> declined_;

  static void check_ids(std::vector<std::string>& ids, int count, const char* kind) {
    if (ids.empty()) {
      for (int i = 0; i < count; ++i) ids.push_back(std::to_string(i));
      return;
    }
    std::vector<problem> found;
    if (ids.size() != static_cast<std::size_t>(count))
      throw validation_error(
          {{"proposal_rounds", std::string(kind) + "_ids",
            "must have one id per " + std::string(kind) + " (" + std::to_string(count) + "), has " +
                std::to_string(ids.size())}});
    std::vector<std::string> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (sorted[i].empty())
        found.push_back({"proposal_rounds", std::string(kind) + "_ids", "an id is empty"});
      else if (i > 0 && sorted[i] == sorted[i - 1])
        found.push_back({std::string(kind) + " " + sorted[i], "id", "is used twice"});
    }
    if (!found.empty()) throw validation_error(std::move(found));
  }

  std::string person_name(int p) const {
    return p >= 0 && p < lists_.people ? person_ids_[static_cast<std::size_t>(p)]
                                       : std::to_string(p);
  }
  std::string household_name(int h) const {
    return h >= 0 && static_cast<std::size_t>(h) < household_ids_.size()
               ? household_ids_[static_cast<std::size_t>(h)]
               : std::to_string(h);
  }

  /// The stable plan of the market left after the answers recorded before `round`.
  std::vector<introduction> plan_for(int round) const {
    const auto people = static_cast<std::size_t>(lists_.people);
    const std::size_t households = lists_.capacity.size();
    std::vector<char> placed(people, 0);
    preferences rest;
    rest.people = lists_.people;
    rest.capacity = lists_.capacity;
    for (const auto& a : accepted_)
      if (a.round < round) {
        placed[static_cast<std::size_t>(a.person)] = 1;
        --rest.capacity[static_cast<std::size_t>(a.household)];
      }
    std::vector<std::int64_t> no; // declined pairs as person * households + household
    for (const auto& d : declined_)
      if (d.round < round)
        no.push_back(static_cast<std::int64_t>(d.person) * static_cast<std::int64_t>(households) +
                     d.household);
    std::sort(no.begin(), no.end());
    auto is_declined = [&](std::size_t p, int h) {
      return std::binary_search(
          no.begin(), no.end(),
          static_cast<std::int64_t>(p) * static_cast<std::int64_t>(households) + h);
    };
    std::vector<int> row;
    for (std::size_t p = 0; p < people; ++p) {
      row.clear();
      if (!placed[p])
        for (auto k = lists_.person_ranks.first[p]; k < lists_.person_ranks.first[p + 1]; ++k)
          if (!is_declined(p, lists_.person_ranks.entries[k]))
            row.push_back(lists_.person_ranks.entries[k]);
      rest.person_ranks.add_row(row);
    }
    for (std::size_t h = 0; h < households; ++h) {
      row.clear();
      for (auto k = lists_.household_ranks.first[h]; k < lists_.household_ranks.first[h + 1]; ++k) {
        const auto p = static_cast<std::size_t>(lists_.household_ranks.entries[k]);
        if (!placed[p] && !is_declined(p, static_cast<int>(h))) row.push_back(static_cast<int>(p));
      }
      rest.household_ranks.add_row(row);
    }
    const stable_plan plan = deferred_acceptance(rank_pairs(rest), side_);
    std::vector<introduction> intros;
    for (std::size_t p = 0; p < people; ++p)
      if (plan.household_of[p] >= 0) intros.push_back({static_cast<int>(p), plan.household_of[p]});
    return intros;
  }

  void open_round(int round) {
    introductions_ = plan_for(round);
    if (introductions_.empty()) {
      finished_ = true;
      round_ = round - 1;
    } else {
      round_ = round;
    }
  }
};

namespace rounds_detail {

/// Field readers that collect problems instead of throwing.
struct reader {
  std::vector<problem>& found;

  const nlohmann::json* field(const nlohmann::json& object, const char* key,
                              const std::string& record, const std::string& path) {
    if (!object.is_object()) {
      found.push_back({record, path.empty() ? key : path, "must be an object"});
      return nullptr;
    }
    const auto it = object.find(key);
    if (it == object.end()) {
      found.push_back({record, path + key, "is missing"});
      return nullptr;
    }
    return &*it;
  }
  std::optional<std::string> text(const nlohmann::json& object, const char* key,
                                  const std::string& record, const std::string& path = "") {
    const auto* value = field(object, key, record, path);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
      found.push_back({record, path + key, "must be a string"});
      return std::nullopt;
    }
    return value->get<std::string>();
  }
  std::optional<int> integer(const nlohmann::json& object, const char* key,
                             const std::string& record, const std::string& path = "",
                             int lowest = 0) {
    const auto* value = field(object, key, record, path);
    if (!value) return std::nullopt;
    if (!value->is_number_integer() || value->get<std::int64_t>() < lowest ||
        value->get<std::int64_t>() > 1000000000) {
      found.push_back({record, path + key, "must be an integer >= " + std::to_string(lowest)});
      return std::nullopt;
    }
    return value->get<int>();
  }
  const nlohmann::json* array(const nlohmann::json& object, const char* key,
                              const std::string& record, const std::string& path = "") {
    const auto* value = field(object, key, record, path);
    if (value && !value->is_array()) {
      found.push_back({record, path + key, "must be an array"});
      return nullptr;
    }
    return value;
  }
};

} // namespace rounds_detail

inline proposal_rounds proposal_rounds::from_json(const nlohmann::json& doc) {
  using nlohmann::json;
  std::vector<problem> found;
  rounds_detail::reader read{found};
  const std::string top = "proposal_rounds";
  auto fail_if_found = [&] {
    if (!found.empty()) throw validation_error(std::move(found));
  };
  if (!doc.is_object()) throw validation_error({{top, "", "must be a JSON object"}});
  if (auto format = read.text(doc, "format", top); format && *format != "slmatch-proposal-rounds")
    found.push_back({top, "format", "must be \"slmatch-proposal-rounds\""});
  if (auto version = read.integer(doc, "version", top); version && *version != 1)
    found.push_back({top, "version", "must be 1"});
  proposing_side side = proposing_side::people;
  if (auto name = read.text(doc, "proposing", top)) {
    if (const auto named = parse<proposing_side>(*name))
      side = *named;
    else
      found.push_back(unknown_name<proposing_side>(top, "proposing", *name));
  }
  const auto round = read.integer(doc, "round", top);
  const auto* finished = read.field(doc, "finished", top, "");
  if (finished && !finished->is_boolean())
    found.push_back({top, "finished", "must be true or false"});
  const auto* people = read.array(doc, "people", top);
  const auto* households = read.array(doc, "households", top);
  fail_if_found();

  // Ids first, so lists and answers can name them.
  std::vector<std::string> person_ids, household_ids;
  std::unordered_map<std::string, int> person_at, household_at;
  for (std::size_t i = 0; i < people->size(); ++i) {
    const std::string path = "people[" + std::to_string(i) + "].";
    auto id = read.text((*people)[i], "id", top, path);
    if (id && !person_at.emplace(*id, static_cast<int>(i)).second)
      found.push_back({"person " + *id, "id", "is used twice"});
    person_ids.push_back(id.value_or(""));
  }
  preferences lists;
  lists.people = static_cast<int>(people->size());
  for (std::size_t i = 0; i < households->size(); ++i) {
    const std::string path = "households[" + std::to_string(i) + "].";
    auto id = read.text((*households)[i], "id", top, path);
    if (id && !household_at.emplace(*id, static_cast<int>(i)).second)
      found.push_back({"household " + *id, "id", "is used twice"});
    household_ids.push_back(id.value_or(""));
    const std::string record = id ? "household " + *id : top;
    lists.capacity.push_back(
        read.integer((*households)[i], "capacity", record, id ? "" : path).value_or(0));
  }
  fail_if_found();

  auto names_to_row = [&](const json& owner, const std::string& record,
                          const std::unordered_map<std::string, int>& index, const char* other) {
    std::vector<int> row;
    const auto* names = read.array(owner, "preferences", record);
    if (!names) return row;
    for (const auto& name : *names) {
      if (!name.is_string()) {
        found.push_back({record, "preferences", "must list ids as strings"});
        continue;
      }
      const auto it = index.find(name.get<std::string>());
      if (it == index.end())
        found.push_back({record, "preferences",
                         "unknown " + std::string(other) + " \"" + name.get<std::string>() + "\""});
      else
        row.push_back(it->second);
    }
    return row;
  };
  for (std::size_t i = 0; i < people->size(); ++i)
    lists.person_ranks.add_row(
        names_to_row((*people)[i], "person " + person_ids[i], household_at, "household"));
  for (std::size_t i = 0; i < households->size(); ++i)
    lists.household_ranks.add_row(
        names_to_row((*households)[i], "household " + household_ids[i], person_at, "person"));
  fail_if_found();

  // Answers, each naming a known pair.
  struct stored_answer {
    int person, household, round;
    answer_side by;
    decline_reason reason;
    reply person_reply, household_reply;
    std::string where;
  };
  auto pair_of = [&](const json& entry, const std::string& where, int& p, int& h) {
    const auto person = read.text(entry, "person", top, where + ".");
    const auto household = read.text(entry, "household", top, where + ".");
    p = h = -1;
    if (person) {
      const auto it = person_at.find(*person);
      if (it == person_at.end())
        found.push_back({"person " + *person, where + ".person", "unknown person"});
      else
        p = it->second;
    }
    if (household) {
      const auto it = household_at.find(*household);
      if (it == household_at.end())
        found.push_back({"household " + *household, where + ".household", "unknown household"});
      else
        h = it->second;
    }
    return p >= 0 && h >= 0;
  };
  std::vector<stored_answer> yes, no, partial;
  if (const auto* entries = read.array(doc, "accepted", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "accepted[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      const auto r = read.integer((*entries)[k], "round", top, where + ".", 1);
      if (known && r)
        yes.push_back({p, h, *r, answer_side::both, decline_reason::not_stated, reply::accept,
                       reply::accept, where});
    }
  if (const auto* entries = read.array(doc, "declined", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "declined[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      const auto r = read.integer((*entries)[k], "round", top, where + ".", 1);
      const auto by_name = read.text((*entries)[k], "by", top, where + ".");
      const auto reason_text = read.text((*entries)[k], "reason", top, where + ".");
      std::optional<answer_side> by;
      std::optional<decline_reason> reason;
      if (by_name && !(by = parse<answer_side>(*by_name)))
        found.push_back(unknown_name<answer_side>(top, where + ".by", *by_name));
      if (reason_text && !(reason = parse<decline_reason>(*reason_text)))
        found.push_back(unknown_name<decline_reason>(top, where + ".reason", *reason_text));
      if (known && r && by && reason)
        no.push_back({p, h, *r, *by, *reason, reply::pending, reply::pending, where});
    }
  std::vector<stored_answer> intros;
  if (const auto* entries = read.array(doc, "introductions", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "introductions[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      std::optional<reply> replies[2];
      const char* keys[2] = {"person_answer", "household_answer"};
      for (int s = 0; s < 2; ++s)
        if (auto text = read.text((*entries)[k], keys[s], top, where + "."))
          if (!(replies[s] = parse<reply>(*text)))
            found.push_back(unknown_name<reply>(top, where + "." + keys[s], *text));
      if (known && replies[0] && replies[1])
        intros.push_back({p, h, 0, answer_side::both, decline_reason::not_stated, *replies[0],
                          *replies[1], where});
    }
  fail_if_found();

  // Replay round by round through the same rules.
  proposal_rounds state(std::move(lists), person_ids, household_ids, side);
  auto replay = [&](const stored_answer& a, answer_side by, bool accept,
                    std::optional<decline_reason> reason) {
    try {
      state.answer(a.person, a.household, by, accept, reason);
    } catch (const validation_error& refused) {
      for (const auto& p : refused.problems()) found.push_back({p.record, a.where, p.message});
    }
  };
  for (const auto& a : yes)
    if (a.round > *round)
      found.push_back(
          {top, a.where + ".round", "is after the current round " + std::to_string(*round)});
  for (const auto& a : no)
    if (a.round > *round)
      found.push_back(
          {top, a.where + ".round", "is after the current round " + std::to_string(*round)});
  fail_if_found();
  const bool stored_finished = finished->get<bool>();
  for (int r = 1; r <= *round; ++r) {
    if (state.finished()) {
      found.push_back({top, "round",
                       "is " + std::to_string(*round) + " but the rounds finished after round " +
                           std::to_string(state.round())});
      break;
    }
    if (r < *round || stored_finished) {
      for (const auto& a : yes)
        if (a.round == r) replay(a, answer_side::both, true, std::nullopt);
      for (const auto& a : no)
        if (a.round == r) replay(a, a.by, false, a.reason);
    } else {
      // The current round: the acceptances given so far, side by side, then the declines.
      for (const auto& a : intros) {
        const auto it = std::find_if(state.introductions_.begin(), state.introductions_.end(),
                                     [&](const introduction& i) { return i.person == a.person; });
        if (it == state.introductions_.end() || it->household != a.household) {
          found.push_back({"person " + person_ids[static_cast<std::size_t>(a.person)], a.where,
                           "was not introduced to household " +
                               household_ids[static_cast<std::size_t>(a.household)] + " in round " +
                               std::to_string(r)});
          continue;
        }
        if (a.person_reply == reply::accept) replay(a, answer_side::person, true, std::nullopt);
        if (a.household_reply == reply::accept)
          replay(a, answer_side::household, true, std::nullopt);
      }
      for (const auto& a : no)
        if (a.round == r) replay(a, a.by, false, a.reason);
      break;
    }
    if (!found.empty()) break;
    try {
      state.next_round();
    } catch (const validation_error& refused) {
      for (const auto& p : refused.problems())
        found.push_back(
            {p.record, "round",
             "round " + std::to_string(r) + " has an introduction left unsettled: " + p.message});
      break;
    }
  }
  fail_if_found();
  if (state.finished() != stored_finished)
    found.push_back({top, "finished",
                     std::string("must be ") + (state.finished() ? "true" : "false") +
                         " for the answers recorded"});
  if (state.round() != *round)
    found.push_back(
        {top, "round", "the answers recorded end in round " + std::to_string(state.round())});
  // The stored introductions must be exactly the round's, with the same answers.
  auto same = [&](const stored_answer& a, const introduction& i) {
    return a.person == i.person && a.household == i.household && a.person_reply == i.person_reply &&
           a.household_reply == i.household_reply;
  };
  bool all_same = intros.size() == state.introductions_.size();
  for (const auto& a : intros)
    all_same = all_same && std::any_of(state.introductions_.begin(), state.introductions_.end(),
                                       [&](const introduction& i) { return same(a, i); });
  if (!all_same)
    found.push_back({top, "introductions",
                     "do not match round " + std::to_string(state.round()) +
                         "'s plan and the answers recorded"});
  // Every acceptance and decline stored, and no other, must come out of the replay.
  auto key = [](int p, int h) { return std::make_pair(p, h); };
  std::vector<std::pair<int, int>> replayed, stored;
  for (const auto& a : state.accepted_) replayed.push_back(key(a.person, a.household));
  for (const auto& a : yes) stored.push_back(key(a.person, a.household));
  std::sort(replayed.begin(), replayed.end());
  std::sort(stored.begin(), stored.end());
  if (replayed != stored)
    found.push_back({top, "accepted", "does not match the answers to the introductions"});
  if (state.declined_.size() != no.size())
    found.push_back({top, "declined", "does not match the answers to the introductions"});
  fail_if_found();
  // Keep the stored order of accepted and declined pairs (replay groups them by round).
  state.accepted_.clear();
  for (const auto& a : yes) state.accepted_.push_back({a.person, a.household, a.round});
  state.declined_.clear();
  for (const auto& a : no)
    state.declined_.push_back({a.person, a.household, a.by, a.reason, a.round});
  return state;
}

/// Start proposal rounds for a scheme from both sides' views (see views.hpp), naming
/// people and households by their ids.
///
/// @param[in] s  a validated scheme
/// @param[in] options  household weights and threads for the views
/// @param[in] side  who proposes in each round (people: person-optimal)
/// @return  the rounds, awaiting answers to round 1 (or finished when no pair is feasible)
inline proposal_rounds start_rounds(const scheme& s, const view_options& options = {},
                                    proposing_side side = proposing_side::people) {
  std::vector<std::string> person_ids, household_ids;
  for (const auto& p : s.people) person_ids.push_back(p.id);
  for (const auto& h : s.households) household_ids.push_back(h.id);
  return proposal_rounds(build_views(s, options).lists, std::move(person_ids),
                         std::move(household_ids), side);
}

} // namespace slmatch
