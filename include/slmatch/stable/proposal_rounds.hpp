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
/// Groups. People who must live together (a required group: a couple, siblings, friends)
/// are introduced together and answer together:
/// - each round's plan keeps groups whole: with groups it is `stable_with_groups`
///   (groups.hpp) of the market left, which may not be stable when no stable plan exists;
///   without groups it is deferred acceptance as above;
/// - a group's introduction is ONE introduction, to one household, listing every member;
/// - each member answers for themselves and the household once for all of them; a decline by
///   any member or by the household declines the group there (the group is never introduced
///   to that household again), and the group is accepted when every member and the household
///   have accepted, each member then taking one of the household's places.
///
/// Termination: every round has at least one introduction and all of them are settled
/// before the next, each settling either fixes a person or removes a listed pair for good,
/// so there are at most (people + listed pairs) rounds; in practice a handful. When
/// FINISHED, no person left and household with a free place list each other on a pair not
/// declined (with groups: no person or group left and household with places for all of
/// them, listed by the household and every member, not declined). Everything is
/// deterministic: the same lists and answers give the same rounds.
///
/// The state as JSON, so a case system can keep it between rounds, is in
/// "slmatch/io/proposal_rounds_json.hpp" (`proposal_rounds_to_json` /
/// `proposal_rounds_from_json`, compiled in `slmatch::io`); loading replays the answers
/// through `answer` and `next_round` here, so it follows the same rules.

#include "slmatch/error.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/groups.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/stable/scheme_stable.hpp"
#include "slmatch/stable/views.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
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
///
/// A group's introduction names its first member as `person` and lists every member in
/// `members`, with each member's answer in `member_replies`; its `person_reply` is the
/// members' answer together: decline once any member declined, accept once every member
/// accepted, pending until then.
struct introduction {
  int person = 0;
  int household = 0;
  reply person_reply = reply::pending;
  reply household_reply = reply::pending;
  int group = -1;                    ///< index into `proposal_rounds::groups()`, or -1
  std::vector<int> members;          ///< a group's members, in group order (else empty)
  std::vector<reply> member_replies; ///< per member of `members`

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
///
/// For a group, one entry says the group was declined at the household: `person` is the
/// member who declined (the first member when the household declined).
struct declined_pair {
  int person = 0;
  int household = 0;
  answer_side by = answer_side::person;
  decline_reason reason = decline_reason::not_stated;
  int round = 0;
  int group = -1; ///< the group declined, or -1 for a person on their own
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
  /// @param[in] groups  people introduced together: each required group's members, as person
  ///                    indices (see the file comment); none by default
  /// @param[in] group_ids  one id per group, unique (empty: "0", "1", …)
  /// @throws slmatch::validation_error for bad lists (see `rank_pairs`), bad groups (see
  ///         `stable_with_groups`), or ids of the wrong number, empty or repeated
  explicit proposal_rounds(preferences lists, std::vector<std::string> person_ids = {},
                           std::vector<std::string> household_ids = {},
                           proposing_side side = proposing_side::people,
                           std::vector<std::vector<int>> groups = {},
                           std::vector<std::string> group_ids = {})
      : lists_(std::move(lists)), person_ids_(std::move(person_ids)),
        household_ids_(std::move(household_ids)), side_(side), groups_(std::move(groups)),
        group_ids_(std::move(group_ids)) {
    rank_pairs(lists_); // validates the lists
    group_of_ = detail::check_groups(groups_, lists_.people);
    check_ids(person_ids_, lists_.people, "person");
    check_ids(household_ids_, static_cast<int>(lists_.capacity.size()), "household");
    check_ids(group_ids_, static_cast<int>(groups_.size()), "group");
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
  /// The groups introduced together: each one's members, as person indices.
  const std::vector<std::vector<int>>& groups() const { return groups_; }
  const std::vector<std::string>& group_ids() const { return group_ids_; }
  /// The group of a person (index into `groups()`), or -1.
  int group_of(int person) const {
    return person >= 0 && person < lists_.people ? group_of_[static_cast<std::size_t>(person)] : -1;
  }

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
  /// and the pair is never proposed again. For a member of a group, `person` answers for
  /// that member alone, `household` for the household, and `both` for the household and
  /// every member who has not answered yet (e.g. after a meeting of all of them); the group
  /// is accepted once every member and the household have accepted, and declined at the
  /// household by any member's or the household's decline.
  ///
  /// @param[in] person, household  the introduction, by index (any member of a group)
  /// @param[in] by  who answers
  /// @param[in] accept  true to accept, false to decline
  /// @param[in] reason  a decline's reason category (default `not_stated`); none with an
  ///                    acceptance
  /// @throws slmatch::validation_error naming the person and field "answer" when the rounds
  ///         are finished, the pair was not introduced this round, the introduction is
  ///         already settled, the side (or the member) has already answered, or an acceptance
  ///         has a reason
  void answer(int person, int household, answer_side by, bool accept,
              std::optional<decline_reason> reason = std::nullopt) {
    const std::string record = "person " + person_name(person);
    auto refuse = [&](const std::string& message) {
      throw validation_error({{record, "answer", message}});
    };
    if (finished_) refuse("the rounds are finished");
    if (accept && reason) refuse("an acceptance takes no reason");
    const int group = group_of(person);
    auto it =
        std::find_if(introductions_.begin(), introductions_.end(), [&](const introduction& i) {
          return group >= 0 ? i.group == group : i.person == person;
        });
    if (it == introductions_.end() || it->household != household)
      refuse("was not introduced to household " + household_name(household) + " in round " +
             std::to_string(round_));
    introduction& intro = *it;
    if (intro.settled())
      refuse("the introduction to household " + household_name(household) + " is already " +
             (intro.accepted() ? "accepted" : "declined"));
    const bool person_answers = by != answer_side::household;
    const bool household_answers = by != answer_side::person;
    const std::size_t member =
        group >= 0 ? static_cast<std::size_t>(
                         std::find(intro.members.begin(), intro.members.end(), person) -
                         intro.members.begin())
                   : 0;
    const reply own = group >= 0 ? intro.member_replies[member] : intro.person_reply;
    if (person_answers && own != reply::pending)
      refuse("the person has already answered the introduction to household " +
             household_name(household));
    if (household_answers && intro.household_reply != reply::pending)
      refuse("household " + household_name(household) + " has already answered");
    const reply given = accept ? reply::accept : reply::decline;
    if (household_answers) intro.household_reply = given;
    if (group < 0) {
      if (person_answers) intro.person_reply = given;
    } else {
      if (by == answer_side::both) {
        for (auto& r : intro.member_replies)
          if (r == reply::pending) r = given;
      } else if (person_answers) {
        intro.member_replies[member] = given;
      }
      intro.person_reply = members_reply(intro.member_replies);
    }
    if (intro.accepted()) {
      if (group < 0)
        accepted_.push_back({person, household, round_});
      else
        for (int m : intro.members) accepted_.push_back({m, household, round_});
    } else if (intro.declined()) {
      declined_.push_back({group >= 0 && by == answer_side::household ? intro.person : person,
                           household, by, reason.value_or(decline_reason::not_stated), round_,
                           group});
    }
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
      std::string who;
      if (i.group < 0) {
        who = i.person_reply == reply::pending && i.household_reply == reply::pending
                  ? "either side"
              : i.person_reply == reply::pending ? "the person"
                                                 : "the household";
      } else {
        std::vector<std::string> names;
        for (std::size_t k = 0; k < i.members.size(); ++k)
          if (i.member_replies[k] == reply::pending) names.push_back(person_name(i.members[k]));
        if (i.household_reply == reply::pending) names.push_back("the household");
        for (std::size_t k = 0; k < names.size(); ++k)
          who += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
      }
      waiting.push_back(
          {"person " + person_name(i.person), "answer",
           "no answer yet from " + who + " on the introduction " +
               (i.group < 0 ? std::string()
                            : "of group " + group_ids_[static_cast<std::size_t>(i.group)] + " ") +
               "to household " + household_name(i.household) + " in round " +
               std::to_string(round_)});
    }
    if (!waiting.empty()) throw validation_error(std::move(waiting));
    open_round(round_ + 1);
  }

  /// Put the accepted and declined pairs in another order, such as the order a stored
  /// state lists them in (replaying its answers round by round groups them by round).
  ///
  /// @param[in] accepted  the pairs of `accepted()`, in any order
  /// @param[in] declined  the pairs of `declined()`, in any order
  /// @throws slmatch::validation_error (record "proposal_rounds", field "accepted" or
  ///         "declined") when they are not the same pairs
  void reorder_settled(std::vector<accepted_pair> accepted, std::vector<declined_pair> declined) {
    const auto accepted_key = [](const accepted_pair& a) {
      return std::make_tuple(a.person, a.household, a.round);
    };
    const auto declined_key = [](const declined_pair& d) {
      return std::make_tuple(d.person, d.household, d.by, d.reason, d.round, d.group);
    };
    if (!same_pairs(accepted, accepted_, accepted_key))
      throw validation_error({{"proposal_rounds", "accepted", "are not the pairs accepted"}});
    if (!same_pairs(declined, declined_, declined_key))
      throw validation_error({{"proposal_rounds", "declined", "are not the pairs declined"}});
    accepted_ = std::move(accepted);
    declined_ = std::move(declined);
  }

private:
  preferences lists_;
  std::vector<std::string> person_ids_, household_ids_;
  proposing_side side_ = proposing_side::people;
  std::vector<std::vector<int>> groups_;
  std::vector<std::string> group_ids_;
  std::vector<int> group_of_; ///< per person: index into `groups_`, or -1
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

  /// True when `given` and `held` hold the same entries, counted by `key`, in any order.
  template <class Pair, class Key>
  static bool same_pairs(const std::vector<Pair>& given, const std::vector<Pair>& held, Key key) {
    if (given.size() != held.size()) return false;
    std::vector<decltype(key(given.front()))> a, b;
    for (const auto& pair : given) a.push_back(key(pair));
    for (const auto& pair : held) b.push_back(key(pair));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  }

  /// The members' answer together: decline once any declined, accept once all accepted.
  static reply members_reply(const std::vector<reply>& replies) {
    if (std::find(replies.begin(), replies.end(), reply::decline) != replies.end())
      return reply::decline;
    return std::all_of(replies.begin(), replies.end(), [](reply r) { return r == reply::accept; })
               ? reply::accept
               : reply::pending;
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
    auto decline = [&](int p, int h) {
      no.push_back(static_cast<std::int64_t>(p) * static_cast<std::int64_t>(households) + h);
    };
    for (const auto& d : declined_)
      if (d.round < round) {
        if (d.group < 0)
          decline(d.person, d.household);
        else // a group declined there: none of its members goes there
          for (int m : groups_[static_cast<std::size_t>(d.group)]) decline(m, d.household);
      }
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
    std::vector<introduction> intros;
    if (groups_.empty()) {
      const stable_plan plan = deferred_acceptance(rank_pairs(rest), side_);
      for (std::size_t p = 0; p < people; ++p)
        if (plan.household_of[p] >= 0) {
          introduction intro;
          intro.person = static_cast<int>(p);
          intro.household = plan.household_of[p];
          intros.push_back(std::move(intro));
        }
      return intros;
    }
    // The groups not yet placed (a group is accepted whole, so none is placed in part).
    std::vector<std::vector<int>> waiting;
    for (const auto& members : groups_)
      if (!placed[static_cast<std::size_t>(members.front())]) waiting.push_back(members);
    group_stable_options options;
    options.side = side_;
    const stable_plan plan = stable_with_groups(rank_pairs(rest), waiting, options).plan;
    for (std::size_t p = 0; p < people; ++p) {
      const int h = plan.household_of[p];
      if (h < 0) continue;
      const int g = group_of_[p];
      if (g >= 0 && groups_[static_cast<std::size_t>(g)].front() != static_cast<int>(p))
        continue; // a group is introduced once, under its first member
      introduction intro;
      intro.person = static_cast<int>(p);
      intro.household = h;
      if (g >= 0) {
        intro.group = g;
        intro.members = groups_[static_cast<std::size_t>(g)];
        intro.member_replies.assign(intro.members.size(), reply::pending);
      }
      intros.push_back(std::move(intro));
    }
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

/// Start proposal rounds for a scheme from both sides' views (see views.hpp), naming
/// people, households and groups by their ids.
///
/// The scheme's required groups are introduced together (see the file comment), each
/// member's list keeping only the households with room for the whole group
/// (`lists_for_groups`, scheme_stable.hpp); preferred groups' members are individuals.
///
/// @param[in] s  a validated scheme
/// @param[in] options  household weights and threads for the views
/// @param[in] side  who proposes in each round (people: person-optimal)
/// @return  the rounds, awaiting answers to round 1 (or finished when no pair is feasible)
inline proposal_rounds start_rounds(const scheme& s, const view_options& options = {},
                                    proposing_side side = proposing_side::people) {
  std::vector<std::string> person_ids, household_ids, group_ids;
  for (const auto& p : s.people) person_ids.push_back(p.id);
  for (const auto& h : s.households) household_ids.push_back(h.id);
  scheme_groups groups = required_groups(s);
  for (std::size_t g : groups.index) group_ids.push_back(s.groups[g].id);
  preferences lists = lists_for_groups(s, build_views(s, options).lists, groups);
  return proposal_rounds(std::move(lists), std::move(person_ids), std::move(household_ids), side,
                         std::move(groups.members), std::move(group_ids));
}

} // namespace slmatch
