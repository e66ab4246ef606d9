#include "slmatch/io/report.hpp"
#include "slmatch/score/weight.hpp"

#include <cmath>
#include <sstream>

namespace slmatch {

double round_points(double value) { return std::round(value * 1000.0) / 1000.0; }

namespace {

nlohmann::json shortlist_to_json(const scheme& s, const std::vector<scored_pair>& list) {
  auto out = nlohmann::json::array();
  for (const auto& pair : list)
    out.push_back(
        {{"household", s.households[pair.household].id}, {"score", round_points(pair.score)}});
  return out;
}

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

nlohmann::json match_to_json(const scheme& s, const match_result& result) {
  nlohmann::json out;
  out["scheme"] = s.id;
  out["as_of"] = s.policy.as_of.to_string();
  out["people"] = s.people.size();
  out["households"] = s.households.size();
  out["feasible_pairs"] = result.scores.pairs.size();
  out["matched"] = result.plan.matched;
  out["unmatched"] = static_cast<int>(s.people.size()) - result.plan.matched;
  out["total_score"] = round_points(static_cast<double>(result.plan.total) / score_units_per_point);
  auto proposals = nlohmann::json::array();
  for (const auto& item : result.proposals) {
    nlohmann::json entry;
    entry["person"] = s.people[item.person].id;
    if (item.why) {
      entry["status"] = "matched";
      entry["household"] = s.households[static_cast<std::size_t>(item.household)].id;
      entry["score"] = round_points(item.score);
      entry["summary"] = item.why->summary;
      entry["reasons"] = item.why->reasons;
      entry["factors"] = explanation_to_json(*item.why)["factors"];
    } else {
      const auto& why_not = *item.why_not;
      entry["status"] = "unmatched";
      entry["household"] = nullptr;
      entry["score"] = nullptr;
      entry["summary"] = why_not.summary;
      auto blocking = nlohmann::json::array();
      for (const auto& [rule_id, count] : why_not.blocking_rules)
        blocking.push_back({{"rule", std::string(to_string(rule_id))}, {"households", count}});
      entry["blocking_rules"] = blocking;
      auto taken = nlohmann::json::array();
      for (const auto& [household_id, people] : why_not.places_taken)
        taken.push_back({{"household", household_id}, {"taken_by", people}});
      entry["places_taken"] = taken;
    }
    entry["shortlist"] = shortlist_to_json(s, result.shortlists[item.person]);
    proposals.push_back(std::move(entry));
  }
  out["proposals"] = proposals;
  return out;
}

std::string match_to_table(const scheme& s, const match_result& result) {
  std::ostringstream text;
  text << (s.name.empty() ? s.id : s.name) << ": proposals as of " << s.policy.as_of.to_string()
       << "\n";
  text << result.plan.matched << " of " << s.people.size() << " people matched with "
       << s.households.size() << " households; total score "
       << fixed(static_cast<double>(result.plan.total) / score_units_per_point, 1) << "\n";
  text << "These are proposals for people to discuss and agree, not placements.\n\n";
  for (const auto& item : result.proposals) {
    const auto& person_id = s.people[item.person].id;
    if (item.why) {
      text << person_id << "  ->  " << s.households[static_cast<std::size_t>(item.household)].id
           << "   score " << fixed(item.score, 1) << "\n";
      std::size_t shown = 0;
      for (const auto& reason : item.why->reasons) {
        if (shown++ == 4) break;
        text << "    - " << reason << "\n";
      }
    } else {
      text << person_id << "  ->  no household\n";
      text << "    - " << item.why_not->summary << "\n";
    }
    const auto& list = result.shortlists[item.person];
    if (!list.empty()) {
      text << "    shortlist:";
      for (std::size_t i = 0; i < list.size(); ++i)
        text << (i ? ", " : " ") << s.households[list[i].household].id << " ("
             << fixed(list[i].score, 1) << ")";
      text << "\n";
    }
    text << "\n";
  }
  return text.str();
}

} // namespace slmatch
