#pragma once
/// The whole pipeline for one scheme: encode it, find and score the feasible pairs, solve
/// the capacitated assignment, draw up shortlists and explain every proposal.
///
/// In: a validated `scheme`. Out: a `match_result` holding one proposal per person (a
/// household with the reasons, or no household with the reason why not) and each
/// person's shortlist. The result is a proposal for people to decide on, never a
/// placement.

#include "slmatch/candidates/candidates.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/features/features.hpp"
#include "slmatch/log.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace slmatch {

/// What to solve for and how much to report.
struct match_options {
  int shortlist_size = 3;                             ///< households per person's shortlist
  objective goal = objective::max_matched_then_total; ///< see `objective`
  int threads = 1; ///< scoring and solving threads; the result is the same for any number
};

/// The proposal for one person.
struct proposal {
  std::size_t person = 0;
  int household = -1;                           ///< index into scheme.households, or -1
  double score = 0.0;                           ///< 0–100, 0 when unmatched
  std::optional<pair_explanation> why;          ///< when matched
  std::optional<unmatched_explanation> why_not; ///< when not
};

/// Wall-clock seconds each stage of a run took, for benchmarks and logs; never part of a
/// result's output, which does not depend on time.
struct stage_seconds {
  double encode = 0.0;       ///< the scheme encoded as features
  double score = 0.0;        ///< feasible pairs found and scored
  double solve = 0.0;        ///< the plan solved and its certificate checked
  double shortlists = 0.0;   ///< each person's best households
  double explanations = 0.0; ///< every proposal and every "no" explained
};

/// Everything one run produces.
struct match_result {
  score_table scores;                               ///< every feasible pair with its score
  capacitated_problem problem;                      ///< the assignment problem solved
  capacitated_plan plan;                            ///< the optimal plan with its certificate
  std::vector<proposal> proposals;                  ///< one per person, in scheme order
  std::vector<std::vector<scored_pair>> shortlists; ///< per person, best first
  stage_seconds seconds;                            ///< how long each stage took
};

/// The assignment problem for a scored scheme: one edge per feasible pair, capacities
/// from each household's free places under the scheme's cap.
inline capacitated_problem make_problem(const scheme& s, const score_table& table) {
  capacitated_problem problem;
  problem.people = static_cast<int>(s.people.size());
  for (const auto& h : s.households) problem.capacity.push_back(effective_capacity(s.policy, h));
  problem.edges.reserve(table.pairs.size());
  for (const auto& pair : table.pairs)
    problem.edges.push_back({static_cast<int>(pair.person), static_cast<int>(pair.household),
                             score_to_weight(pair.score)});
  return problem;
}

/// Each person's best `size` feasible households, by score descending, ties by household id.
inline std::vector<std::vector<scored_pair>> make_shortlists(const scheme& s,
                                                             const score_table& table, int size) {
  std::vector<std::vector<scored_pair>> lists(s.people.size());
  for (const auto& pair : table.pairs) lists[pair.person].push_back(pair);
  for (auto& list : lists) {
    std::sort(list.begin(), list.end(), [&](const scored_pair& a, const scored_pair& b) {
      const auto wa = score_to_weight(a.score), wb = score_to_weight(b.score);
      if (wa != wb) return wa > wb;
      return s.households[a.household].id < s.households[b.household].id;
    });
    if (static_cast<int>(list.size()) > size)
      list.resize(static_cast<std::size_t>(std::max(size, 0)));
  }
  return lists;
}

/// Match a scheme end to end.
///
/// @param[in] s        a validated scheme (see `validate`)
/// @param[in] options  objective and shortlist length
/// @return  proposals with explanations, shortlists, and the plan with its certificate
/// @throws slmatch::error if options are out of range
/// \note  Deterministic: the same scheme and options always give the same result.
inline match_result match(const scheme& s, const match_options& options = {}) {
  if (options.shortlist_size < 0) throw error("shortlist size must be >= 0");
  if (options.threads < 1) throw error("threads must be >= 1");
  match_result result;
  auto clock = std::chrono::steady_clock::now();
  const auto lap = [&clock](double& seconds) {
    const auto now = std::chrono::steady_clock::now();
    seconds = std::chrono::duration<double>(now - clock).count();
    clock = now;
  };
  const scheme_features features = encode_scheme(s);
  lap(result.seconds.encode);
  candidate_options search;
  search.threads = options.threads;
  search.keep_contributions = false; // explanations recompute the few pairs they show
  result.scores = to_score_table(score_candidates(features, search));
  logger().info("scored {} people x {} households: {} feasible pairs", s.people.size(),
                s.households.size(), result.scores.pairs.size());
  result.problem = make_problem(s, result.scores);
  lap(result.seconds.score);
  capacitated_options solving;
  solving.threads = options.threads;
  result.plan = solve_capacitated(result.problem, options.goal, solving);
  verify_plan(result.problem, options.goal, result.plan);
  logger().info("plan matches {} of {} people", result.plan.matched, s.people.size());
  lap(result.seconds.solve);
  result.shortlists = make_shortlists(s, result.scores, options.shortlist_size);
  lap(result.seconds.shortlists);

  // Rule failure counts are needed only to explain the people left without a household.
  std::vector<std::size_t> unmatched;
  for (std::size_t p = 0; p < s.people.size(); ++p)
    if (result.plan.household_of[p] < 0) unmatched.push_back(p);
  fill_rule_failures(features, result.scores, unmatched);

  // Scores of the chosen pairs, looked up from the sparse table.
  std::vector<double> chosen_score(s.people.size(), 0.0);
  for (const auto& pair : result.scores.pairs)
    if (result.plan.household_of[pair.person] == static_cast<int>(pair.household))
      chosen_score[pair.person] = pair.score;

  result.proposals.reserve(s.people.size());
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    proposal item;
    item.person = p;
    item.household = result.plan.household_of[p];
    if (item.household >= 0) {
      item.score = chosen_score[p];
      item.why = explain_pair(s, p, static_cast<std::size_t>(item.household));
    } else {
      item.why_not = explain_unmatched(s, result.scores, result.plan.household_of, p);
    }
    result.proposals.push_back(std::move(item));
  }
  lap(result.seconds.explanations);
  return result;
}

} // namespace slmatch
