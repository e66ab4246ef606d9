#include "slmatch/io/report.hpp"

#include "slmatch/io/json_text.hpp"
#include "slmatch/score/weight.hpp"

#include <cmath>
#include <ostream>
#include <sstream>

namespace slmatch {

double round_points(double value) { return std::round(value * 1000.0) / 1000.0; }

namespace {

std::string fixed(double value, int decimals) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(decimals);
  text << value;
  return text.str();
}

} // namespace

nlohmann::json explanation_to_json(const pair_explanation& why) {
  nlohmann::json out;
  out["person"] = why.person_id;
  out["household"] = why.household_id;
  out["feasible"] = why.feasible;
  out["score"] = round_points(why.score);
  out["summary"] = why.summary;
  out["reasons"] = why.reasons;
  auto failed = nlohmann::json::array();
  for (const auto& r : why.failed_rules)
    failed.push_back({{"rule", std::string(to_string(r.id))}, {"reason", r.reason}});
  out["failed_rules"] = failed;
  auto factors = nlohmann::json::array();
  for (const auto& f : why.factors)
    factors.push_back({{"factor", std::string(to_string(f.id))},
                       {"used", f.used},
                       {"raw", round_points(f.raw)},
                       {"weight", f.weight},
                       {"points", round_points(f.points)},
                       {"sentence", f.sentence}});
  out["factors"] = factors;
  return out;
}

nlohmann::json comparison_to_json(const pair_comparison& comparison) {
  nlohmann::json out;
  out["person"] = comparison.person_id;
  out["chosen"] = comparison.chosen_household_id;
  out["other"] = comparison.other_household_id;
  out["other_feasible"] = comparison.other_feasible;
  out["chosen_score"] = round_points(comparison.chosen_score);
  out["other_score"] = round_points(comparison.other_score);
  out["gap"] = round_points(comparison.gap);
  out["summary"] = comparison.summary;
  out["reasons"] = comparison.reasons;
  auto differences = nlohmann::json::array();
  for (const auto& d : comparison.differences)
    differences.push_back({{"factor", std::string(to_string(d.id))},
                           {"chosen_points", round_points(d.chosen_points)},
                           {"other_points", round_points(d.other_points)},
                           {"difference", round_points(d.difference)}});
  out["differences"] = differences;
  auto failed = nlohmann::json::array();
  for (const auto& r : comparison.failed_rules)
    failed.push_back({{"rule", std::string(to_string(r.id))}, {"reason", r.reason}});
  out["failed_rules"] = failed;
  return out;
}

namespace {

// Members of each object below are written in sorted key order, as nlohmann::json keeps
// them, so the bytes equal a dump of the same document built as a `nlohmann::json`.

/// Text collected past this size goes to the stream, so writes come in large pieces.
constexpr std::size_t flush_bytes = std::size_t{1} << 16;

void write_strings(json_text& json, const std::vector<std::string>& strings) {
  json.begin_array();
  for (const auto& text : strings) json.string(text);
  json.end_array();
}

/// The factors as `explanation_to_json` gives them.
void write_factors(json_text& json, const std::vector<factor_outcome>& factors) {
  json.begin_array();
  for (const auto& f : factors) {
    json.begin_object();
    json.key("factor");
    json.string(to_string(f.id));
    json.key("points");
    json.number(round_points(f.points));
    json.key("raw");
    json.number(round_points(f.raw));
    json.key("sentence");
    json.string(f.sentence);
    json.key("used");
    json.boolean(f.used);
    json.key("weight");
    json.number(f.weight);
    json.end_object();
  }
  json.end_array();
}

void write_shortlist(json_text& json, const scheme& s, const std::vector<scored_pair>& list) {
  json.begin_array();
  for (const auto& pair : list) {
    json.begin_object();
    json.key("household");
    json.string(s.households[pair.household].id);
    json.key("score");
    json.number(round_points(pair.score));
    json.end_object();
  }
  json.end_array();
}

void write_proposal(json_text& json, const scheme& s, const match_result& result,
                    const proposal& item) {
  const auto& shortlist = result.shortlists[item.person];
  json.begin_object();
  if (item.why) {
    json.key("factors");
    write_factors(json, item.why->factors);
    json.key("household");
    json.string(s.households[static_cast<std::size_t>(item.household)].id);
    json.key("person");
    json.string(s.people[item.person].id);
    json.key("reasons");
    write_strings(json, item.why->reasons);
    json.key("score");
    json.number(round_points(item.score));
    json.key("shortlist");
    write_shortlist(json, s, shortlist);
    json.key("status");
    json.string("matched");
    json.key("summary");
    json.string(item.why->summary);
  } else {
    const auto& why_not = *item.why_not;
    json.key("blocking_rules");
    json.begin_array();
    for (const auto& [rule_id, count] : why_not.blocking_rules) {
      json.begin_object();
      json.key("households");
      json.integer(count);
      json.key("rule");
      json.string(to_string(rule_id));
      json.end_object();
    }
    json.end_array();
    json.key("household");
    json.null();
    json.key("person");
    json.string(s.people[item.person].id);
    json.key("places_taken");
    json.begin_array();
    for (const auto& [household_id, people] : why_not.places_taken) {
      json.begin_object();
      json.key("household");
      json.string(household_id);
      json.key("taken_by");
      write_strings(json, people);
      json.end_object();
    }
    json.end_array();
    json.key("score");
    json.null();
    json.key("shortlist");
    write_shortlist(json, s, shortlist);
    json.key("status");
    json.string("unmatched");
    json.key("summary");
    json.string(why_not.summary);
  }
  json.end_object();
}

/// The header's members, with the one member a report adds ("proposals" in the document,
/// "format" in JSON Lines) in its sorted place; `write_extra` writes that member's value.
template <class WriteExtra>
void write_header(json_text& json, const scheme& s, const match_result& result,
                  std::string_view extra_key, WriteExtra&& write_extra) {
  bool extra_written = false;
  const auto member = [&](std::string_view key, auto&& write_value) {
    if (!extra_written && extra_key < key) {
      json.key(extra_key);
      write_extra();
      extra_written = true;
    }
    json.key(key);
    write_value();
  };
  member("as_of", [&] { json.string(s.policy.as_of.to_string()); });
  member("feasible_pairs", [&] { json.integer(result.scores.pairs.size()); });
  member("households", [&] { json.integer(s.households.size()); });
  member("matched", [&] { json.integer(result.plan.matched); });
  member("people", [&] { json.integer(s.people.size()); });
  member("scheme", [&] { json.string(s.id); });
  member("total_score", [&] {
    json.number(round_points(static_cast<double>(result.plan.total) / score_units_per_point));
  });
  member("unmatched",
         [&] { json.integer(static_cast<int>(s.people.size()) - result.plan.matched); });
  if (!extra_written) {
    json.key(extra_key);
    write_extra();
  }
}

} // namespace

void write_match_json(std::ostream& out, const scheme& s, const match_result& result, int indent) {
  json_text json(indent);
  json.begin_object();
  write_header(json, s, result, "proposals", [&] {
    json.begin_array();
    for (const auto& item : result.proposals) {
      write_proposal(json, s, result, item);
      if (json.size() < flush_bytes) continue;
      json.flush_to(out);
      if (!out) return;
    }
    json.end_array();
  });
  json.end_object();
  json.flush_to(out);
}

void write_match_jsonl(std::ostream& out, const scheme& s, const match_result& result) {
  json_text json(-1);
  json.begin_object();
  write_header(json, s, result, "format", [&] { json.string(match_lines_format_name); });
  json.end_object();
  json.end_line();
  for (const auto& item : result.proposals) {
    write_proposal(json, s, result, item);
    json.end_line();
    if (json.size() < flush_bytes) continue;
    json.flush_to(out);
    if (!out) return;
  }
  json.flush_to(out);
}

void write_proposal_json(std::ostream& out, const scheme& s, const match_result& result,
                         std::size_t person) {
  if (person >= result.proposals.size()) throw error("no such person in the run");
  json_text json(-1);
  write_proposal(json, s, result, result.proposals[person]);
  json.flush_to(out);
}

nlohmann::json match_to_json(const scheme& s, const match_result& result) {
  std::ostringstream text;
  write_match_json(text, s, result, -1);
  return nlohmann::json::parse(text.str());
}

void write_match_table(std::ostream& out, const scheme& s, const match_result& result) {
  out << (s.name.empty() ? s.id : s.name) << ": proposals as of " << s.policy.as_of.to_string()
      << "\n";
  out << result.plan.matched << " of " << s.people.size() << " people matched with "
      << s.households.size() << " households; total score "
      << fixed(static_cast<double>(result.plan.total) / score_units_per_point, 1) << "\n";
  out << "These are proposals for people to discuss and agree, not placements.\n\n";
  for (const auto& item : result.proposals) {
    if (!out) return;
    const auto& person_id = s.people[item.person].id;
    if (item.why) {
      out << person_id << "  ->  " << s.households[static_cast<std::size_t>(item.household)].id
          << "   score " << fixed(item.score, 1) << "\n";
      std::size_t shown = 0;
      for (const auto& reason : item.why->reasons) {
        if (shown++ == 4) break;
        out << "    - " << reason << "\n";
      }
    } else {
      out << person_id << "  ->  no household\n";
      out << "    - " << item.why_not->summary << "\n";
    }
    const auto& list = result.shortlists[item.person];
    if (!list.empty()) {
      out << "    shortlist:";
      for (std::size_t i = 0; i < list.size(); ++i)
        out << (i ? ", " : " ") << s.households[list[i].household].id << " ("
            << fixed(list[i].score, 1) << ")";
      out << "\n";
    }
    out << "\n";
  }
}

std::string match_to_table(const scheme& s, const match_result& result) {
  std::ostringstream text;
  write_match_table(text, s, result);
  return text.str();
}

} // namespace slmatch
