// Proposal rounds as JSON: writing the state, and reading it back by replaying its answers.

#include "slmatch/io/proposal_rounds_json.hpp"

#include "json_reader.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace slmatch {

using json = nlohmann::json;

json proposal_rounds_to_json(const proposal_rounds& rounds) {
  const preferences& lists = rounds.lists();
  const auto& person_ids = rounds.person_ids();
  const auto& household_ids = rounds.household_ids();
  const auto person = [&](int p) -> const std::string& {
    return person_ids[static_cast<std::size_t>(p)];
  };
  const auto household = [&](int h) -> const std::string& {
    return household_ids[static_cast<std::size_t>(h)];
  };
  json doc = json::object();
  doc["format"] = "slmatch-proposal-rounds";
  doc["version"] = 1;
  doc["proposing"] = to_string(rounds.side());
  doc["round"] = rounds.round();
  doc["finished"] = rounds.finished();
  json people = json::array();
  for (int p = 0; p < lists.people; ++p) {
    json row = json::array();
    for (auto k = lists.person_ranks.first[static_cast<std::size_t>(p)];
         k < lists.person_ranks.first[static_cast<std::size_t>(p) + 1]; ++k)
      row.push_back(household(lists.person_ranks.entries[k]));
    people.push_back({{"id", person(p)}, {"preferences", row}});
  }
  doc["people"] = std::move(people);
  json households = json::array();
  for (std::size_t h = 0; h < lists.capacity.size(); ++h) {
    json row = json::array();
    for (auto k = lists.household_ranks.first[h]; k < lists.household_ranks.first[h + 1]; ++k)
      row.push_back(person(lists.household_ranks.entries[k]));
    households.push_back(
        {{"id", household_ids[h]}, {"capacity", lists.capacity[h]}, {"preferences", row}});
  }
  doc["households"] = std::move(households);
  // Groups introduced together, only when there are any (older states have none).
  const auto group = [&](int g) -> const std::string& {
    return rounds.group_ids()[static_cast<std::size_t>(g)];
  };
  if (!rounds.groups().empty()) {
    json groups = json::array();
    for (std::size_t g = 0; g < rounds.groups().size(); ++g) {
      json members = json::array();
      for (int p : rounds.groups()[g]) members.push_back(person(p));
      groups.push_back({{"id", group(static_cast<int>(g))}, {"members", std::move(members)}});
    }
    doc["groups"] = std::move(groups);
  }
  json intros = json::array();
  for (const auto& i : rounds.introductions()) {
    json row = {{"person", person(i.person)},
                {"household", household(i.household)},
                {"person_answer", to_string(i.person_reply)},
                {"household_answer", to_string(i.household_reply)}};
    if (i.group >= 0) {
      row["group"] = group(i.group);
      json answers = json::array();
      for (std::size_t k = 0; k < i.members.size(); ++k)
        answers.push_back(
            {{"person", person(i.members[k])}, {"answer", to_string(i.member_replies[k])}});
      row["member_answers"] = std::move(answers);
    }
    intros.push_back(std::move(row));
  }
  doc["introductions"] = std::move(intros);
  json yes = json::array();
  for (const auto& a : rounds.accepted()) {
    json row = {
        {"person", person(a.person)}, {"household", household(a.household)}, {"round", a.round}};
    if (const int g = rounds.group_of(a.person); g >= 0) row["group"] = group(g);
    yes.push_back(std::move(row));
  }
  doc["accepted"] = std::move(yes);
  json no = json::array();
  for (const auto& d : rounds.declined()) {
    json row = {{"person", person(d.person)},
                {"household", household(d.household)},
                {"by", to_string(d.by)},
                {"reason", to_string(d.reason)},
                {"round", d.round}};
    if (d.group >= 0) row["group"] = group(d.group);
    no.push_back(std::move(row));
  }
  doc["declined"] = std::move(no);
  return doc;
}

proposal_rounds proposal_rounds_from_json(const json& doc) {
  detail::json_reader read;
  std::vector<problem>& found = read.problems;
  const std::string top = "proposal_rounds";
  auto fail_if_found = [&] { read.throw_if_failed(); };
  if (!doc.is_object()) throw validation_error({{top, "", "must be a JSON object"}});
  if (auto format = read.required_text(doc, "format", top);
      format && *format != "slmatch-proposal-rounds")
    found.push_back({top, "format", "must be \"slmatch-proposal-rounds\""});
  if (auto version = read.required_integer(doc, "version", top); version && *version != 1)
    found.push_back({top, "version", "must be 1"});
  proposing_side side = proposing_side::people;
  if (auto name = read.required_text(doc, "proposing", top)) {
    if (const auto named = parse<proposing_side>(*name))
      side = *named;
    else
      found.push_back(unknown_name<proposing_side>(top, "proposing", *name));
  }
  const auto round = read.required_integer(doc, "round", top);
  const auto* finished = read.required(doc, "finished", top, "");
  if (finished && !finished->is_boolean())
    found.push_back({top, "finished", "must be true or false"});
  const auto* people = read.required_array(doc, "people", top);
  const auto* households = read.required_array(doc, "households", top);
  fail_if_found();

  // Ids first, so lists and answers can name them.
  std::vector<std::string> person_ids, household_ids;
  std::unordered_map<std::string, int> person_at, household_at;
  for (std::size_t i = 0; i < people->size(); ++i) {
    const std::string path = "people[" + std::to_string(i) + "].";
    auto id = read.required_text((*people)[i], "id", top, path);
    if (id && !person_at.emplace(*id, static_cast<int>(i)).second)
      found.push_back({"person " + *id, "id", "is used twice"});
    person_ids.push_back(id.value_or(""));
  }
  preferences lists;
  lists.people = static_cast<int>(people->size());
  for (std::size_t i = 0; i < households->size(); ++i) {
    const std::string path = "households[" + std::to_string(i) + "].";
    auto id = read.required_text((*households)[i], "id", top, path);
    if (id && !household_at.emplace(*id, static_cast<int>(i)).second)
      found.push_back({"household " + *id, "id", "is used twice"});
    household_ids.push_back(id.value_or(""));
    const std::string record = id ? "household " + *id : top;
    lists.capacity.push_back(
        read.required_integer((*households)[i], "capacity", record, id ? "" : path).value_or(0));
  }
  fail_if_found();

  auto names_to_row = [&](const json& owner, const std::string& record,
                          const std::unordered_map<std::string, int>& index, const char* other,
                          const char* field = "preferences") {
    std::vector<int> row;
    const auto* names = read.required_array(owner, field, record);
    if (!names) return row;
    for (const auto& name : *names) {
      if (!name.is_string()) {
        found.push_back({record, field, "must list ids as strings"});
        continue;
      }
      const auto it = index.find(name.get<std::string>());
      if (it == index.end())
        found.push_back({record, field,
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

  // Groups introduced together, when the state has any.
  std::vector<std::vector<int>> groups;
  std::vector<std::string> group_ids;
  std::unordered_map<std::string, int> group_at;
  if (doc.contains("groups")) {
    const auto* entries = read.required_array(doc, "groups", top);
    for (std::size_t g = 0; entries && g < entries->size(); ++g) {
      const std::string path = "groups[" + std::to_string(g) + "].";
      auto id = read.required_text((*entries)[g], "id", top, path);
      if (id && !group_at.emplace(*id, static_cast<int>(g)).second)
        found.push_back({"group " + *id, "id", "is used twice"});
      group_ids.push_back(id.value_or(""));
      groups.push_back(
          names_to_row((*entries)[g], id ? "group " + *id : top, person_at, "person", "members"));
    }
    fail_if_found();
  }

  // Answers, each naming a known pair.
  struct stored_answer {
    int person, household, round;
    answer_side by;
    decline_reason reason;
    reply person_reply, household_reply;
    std::string where;
    std::vector<std::pair<int, reply>> member_replies = {}; ///< a group's, by member
    int group = -1;                                         ///< the group named, or -1
  };
  // The group an entry names, checked against the group of its person.
  auto group_named = [&](const json& entry, const std::string& where, int p) {
    if (!entry.contains("group")) return -1;
    const auto name = read.required_text(entry, "group", top, where + ".");
    if (!name) return -1;
    const auto it = group_at.find(*name);
    if (it == group_at.end()) {
      found.push_back({"group " + *name, where + ".group", "unknown group"});
      return -1;
    }
    const auto& members = groups[static_cast<std::size_t>(it->second)];
    if (p >= 0 && std::find(members.begin(), members.end(), p) == members.end())
      found.push_back({"person " + person_ids[static_cast<std::size_t>(p)], where + ".group",
                       "is not a member of group " + *name});
    return it->second;
  };
  auto pair_of = [&](const json& entry, const std::string& where, int& p, int& h) {
    const auto person = read.required_text(entry, "person", top, where + ".");
    const auto household = read.required_text(entry, "household", top, where + ".");
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
  if (const auto* entries = read.required_array(doc, "accepted", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "accepted[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      const auto r = read.required_integer((*entries)[k], "round", top, where + ".", 1);
      const int g = group_named((*entries)[k], where, p);
      if (known && r)
        yes.push_back({p,
                       h,
                       *r,
                       answer_side::both,
                       decline_reason::not_stated,
                       reply::accept,
                       reply::accept,
                       where,
                       {},
                       g});
    }
  if (const auto* entries = read.required_array(doc, "declined", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "declined[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      const auto r = read.required_integer((*entries)[k], "round", top, where + ".", 1);
      const auto by_name = read.required_text((*entries)[k], "by", top, where + ".");
      const auto reason_text = read.required_text((*entries)[k], "reason", top, where + ".");
      std::optional<answer_side> by;
      std::optional<decline_reason> reason;
      if (by_name && !(by = parse<answer_side>(*by_name)))
        found.push_back(unknown_name<answer_side>(top, where + ".by", *by_name));
      if (reason_text && !(reason = parse<decline_reason>(*reason_text)))
        found.push_back(unknown_name<decline_reason>(top, where + ".reason", *reason_text));
      const int g = group_named((*entries)[k], where, p);
      if (known && r && by && reason)
        no.push_back({p, h, *r, *by, *reason, reply::pending, reply::pending, where, {}, g});
    }
  std::vector<stored_answer> intros;
  if (const auto* entries = read.required_array(doc, "introductions", top))
    for (std::size_t k = 0; k < entries->size(); ++k) {
      const std::string where = "introductions[" + std::to_string(k) + "]";
      int p, h;
      const bool known = pair_of((*entries)[k], where, p, h);
      std::optional<reply> replies[2];
      const char* keys[2] = {"person_answer", "household_answer"};
      for (int s = 0; s < 2; ++s)
        if (auto text = read.required_text((*entries)[k], keys[s], top, where + "."))
          if (!(replies[s] = parse<reply>(*text)))
            found.push_back(unknown_name<reply>(top, where + "." + keys[s], *text));
      const int g = group_named((*entries)[k], where, p);
      std::vector<std::pair<int, reply>> member_replies;
      if (g >= 0) {
        const auto* answers =
            read.required_array((*entries)[k], "member_answers", top, where + ".");
        for (std::size_t m = 0; answers && m < answers->size(); ++m) {
          const std::string at = where + ".member_answers[" + std::to_string(m) + "]";
          int member = -1;
          if (auto id = read.required_text((*answers)[m], "person", top, at + ".")) {
            const auto it = person_at.find(*id);
            if (it == person_at.end())
              found.push_back({"person " + *id, at + ".person", "unknown person"});
            else
              member = it->second;
          }
          std::optional<reply> given;
          if (auto text = read.required_text((*answers)[m], "answer", top, at + "."))
            if (!(given = parse<reply>(*text)))
              found.push_back(unknown_name<reply>(top, at + ".answer", *text));
          if (member >= 0 && given) member_replies.emplace_back(member, *given);
        }
      }
      if (known && replies[0] && replies[1])
        intros.push_back({p, h, 0, answer_side::both, decline_reason::not_stated, *replies[0],
                          *replies[1], where, std::move(member_replies), g});
    }
  fail_if_found();

  // Replay round by round through the same rules.
  proposal_rounds state = [&] {
    try {
      return proposal_rounds(std::move(lists), person_ids, household_ids, side, groups, group_ids);
    } catch (const validation_error& refused) {
      // Bad groups name them by index: name them by id.
      std::vector<problem> named;
      for (auto p : refused.problems()) {
        if (p.field == "members" && p.record.rfind("group ", 0) == 0) {
          const auto g = static_cast<std::size_t>(std::stoul(p.record.substr(6)));
          if (g < group_ids.size()) p.record = "group " + group_ids[g];
        }
        named.push_back(std::move(p));
      }
      throw validation_error(std::move(named));
    }
  }();
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
    // A group's acceptance is stored once per member and given once, for all of them.
    auto accepted_already = [&](const stored_answer& a) {
      return state.group_of(a.person) >= 0 &&
             state.household_of()[static_cast<std::size_t>(a.person)] >= 0;
    };
    if (r < *round || stored_finished) {
      for (const auto& a : yes)
        if (a.round == r && !accepted_already(a)) replay(a, answer_side::both, true, std::nullopt);
      for (const auto& a : no)
        if (a.round == r) replay(a, a.by, false, a.reason);
    } else {
      // The current round: the acceptances given so far, side by side, then the declines.
      for (const auto& a : intros) {
        const auto it = std::find_if(state.introductions().begin(), state.introductions().end(),
                                     [&](const introduction& i) { return i.person == a.person; });
        if (it == state.introductions().end() || it->household != a.household) {
          found.push_back({"person " + person_ids[static_cast<std::size_t>(a.person)], a.where,
                           "was not introduced to household " +
                               household_ids[static_cast<std::size_t>(a.household)] + " in round " +
                               std::to_string(r)});
          continue;
        }
        if (it->group >= 0) {
          // A group: each member's acceptance, then the household's.
          for (const auto& [member, given] : a.member_replies)
            if (given == reply::accept) {
              stored_answer as_member = a;
              as_member.person = member;
              replay(as_member, answer_side::person, true, std::nullopt);
            }
        } else if (a.person_reply == reply::accept) {
          replay(a, answer_side::person, true, std::nullopt);
        }
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
    std::vector<std::pair<int, reply>> member_replies;
    for (std::size_t k = 0; k < i.members.size(); ++k)
      member_replies.emplace_back(i.members[k], i.member_replies[k]);
    return a.person == i.person && a.household == i.household && a.person_reply == i.person_reply &&
           a.household_reply == i.household_reply && a.group == i.group &&
           a.member_replies == member_replies;
  };
  bool all_same = intros.size() == state.introductions().size();
  for (const auto& a : intros)
    all_same = all_same && std::any_of(state.introductions().begin(), state.introductions().end(),
                                       [&](const introduction& i) { return same(a, i); });
  if (!all_same)
    found.push_back({top, "introductions",
                     "do not match round " + std::to_string(state.round()) +
                         "'s plan and the answers recorded"});
  // Every acceptance and decline stored, and no other, must come out of the replay.
  auto key = [](int p, int h) { return std::make_pair(p, h); };
  std::vector<std::pair<int, int>> replayed, stored;
  for (const auto& a : state.accepted()) replayed.push_back(key(a.person, a.household));
  for (const auto& a : yes) stored.push_back(key(a.person, a.household));
  std::sort(replayed.begin(), replayed.end());
  std::sort(stored.begin(), stored.end());
  if (replayed != stored)
    found.push_back({top, "accepted", "does not match the answers to the introductions"});
  if (state.declined().size() != no.size())
    found.push_back({top, "declined", "does not match the answers to the introductions"});
  fail_if_found();
  // Keep the stored order of accepted and declined pairs (replay groups them by round).
  std::vector<accepted_pair> accepted;
  for (const auto& a : yes) accepted.push_back({a.person, a.household, a.round});
  std::vector<declined_pair> declined;
  for (const auto& a : no)
    declined.push_back({a.person, a.household, a.by, a.reason, a.round, a.group});
  state.reorder_settled(std::move(accepted), std::move(declined));
  return state;
}

} // namespace slmatch
