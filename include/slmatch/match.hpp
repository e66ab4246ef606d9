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
#include "slmatch/explain/groups.hpp"
#include "slmatch/features/features.hpp"
#include "slmatch/log.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/parallel.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/groups.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace slmatch {

/// What to solve for and how much to report.
struct match_options {
  int shortlist_size = 3;                             ///< households per person's shortlist
  objective goal = objective::max_matched_then_total; ///< see `objective`
  int threads = 1; ///< scoring and solving threads; the result is the same for any number
  /// Time limit for the exact search when the scheme has groups (see solve/groups.hpp); a
  /// plan cut short says so in `match_result::grouped`.
  double group_seconds = 60;
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
  score_table scores;          ///< every feasible pair with its score
  capacitated_problem problem; ///< the assignment problem solved
  /// The plan. Without groups it is optimal with its LP certificate; with groups the
  /// certificate is empty and `grouped` holds the plan's proven bound.
  capacitated_plan plan;
  std::optional<grouped_plan> grouped; ///< when the scheme has groups: the plan with its bound
  std::vector<proposal> proposals;     ///< one per person, in scheme order
  std::vector<std::vector<scored_pair>> shortlists; ///< per person, best first
  stage_seconds seconds;                            ///< how long each stage took
};

namespace detail {

/// People per range handed to a thread in the pipeline's parallel steps.
inline constexpr std::size_t people_per_range = 256;

/// Where each person's pairs begin in a table ordered by person: people + 1 offsets.
inline std::vector<std::size_t> person_rows(const score_table& table) {
  std::vector<std::size_t> first(table.people + 1, 0);
  for (const auto& pair : table.pairs) ++first[pair.person + 1];
  for (std::size_t p = 0; p < table.people; ++p) first[p + 1] += first[p];
  return first;
}

} // namespace detail

/// The assignment problem for a scored scheme: one edge per feasible pair (in the table's
/// order), capacities from each household's free places under the scheme's cap.
///
/// @param[in] threads  threads converting scores to weights; the problem is the same for any
inline capacitated_problem make_problem(const scheme& s, const score_table& table,
                                        int threads = 1) {
  capacitated_problem problem;
  problem.people = static_cast<int>(s.people.size());
  for (const auto& h : s.households) problem.capacity.push_back(effective_capacity(s.policy, h));
  problem.edges.resize(table.pairs.size());
  for_each_range(
      table.pairs.size(), std::size_t{1} << 16, threads, [&](std::size_t first, std::size_t last) {
        for (std::size_t k = first; k < last; ++k) {
          const auto& pair = table.pairs[k];
          problem.edges[k] = {static_cast<int>(pair.person), static_cast<int>(pair.household),
                              score_to_weight(pair.score)};
        }
      });
  return problem;
}

/// The assignment problem with the scheme's groups: each group's hosts are the households
/// that suit every member (pairs in the table) and have room for all of them at once
/// (`no_room_for_group`), each earning the living-together factor's points.
///
/// @param[in] table  pairs ordered by person, as `score_candidates` gives them
/// @param[in] pairs  `make_problem(s, table)`
inline grouped_problem make_grouped_problem(const scheme& s, const score_table& table,
                                            capacitated_problem pairs) {
  grouped_problem problem;
  problem.pairs = std::move(pairs);
  const std::vector<std::vector<std::size_t>> members = group_members(s);
  const std::vector<std::size_t> first = detail::person_rows(table);
  const std::int64_t bonus = score_to_weight(living_together_points(s.policy));
  std::vector<int> suited(s.households.size(), 0);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    problem_group group;
    group.required = s.groups[g].together == togetherness::required;
    for (std::size_t p : members[g]) {
      group.members.push_back(static_cast<int>(p));
      for (std::size_t k = first[p]; k < first[p + 1]; ++k) ++suited[table.pairs[k].household];
    }
    const std::size_t lead = members[g].front();
    for (std::size_t k = first[lead]; k < first[lead + 1]; ++k) {
      const std::size_t h = table.pairs[k].household;
      if (suited[h] == static_cast<int>(members[g].size()) &&
          !no_room_for_group(s, s.groups[g], members[g], s.households[h]))
        group.hosts.push_back({static_cast<int>(h), bonus});
    }
    for (std::size_t p : members[g])
      for (std::size_t k = first[p]; k < first[p + 1]; ++k) suited[table.pairs[k].household] = 0;
    problem.groups.push_back(std::move(group));
  }
  return problem;
}

namespace detail {

/// The plan for a scored scheme: the flow solver without groups, the exact grouped search
/// with them (its plan and bound in `grouped`, and a plan without certificate returned whose
/// total is its pairs' weights alone, without the living-together points).
inline capacitated_plan solve_scheme(const scheme& s, const score_table& table,
                                     const capacitated_problem& problem, objective goal,
                                     int threads, double group_seconds,
                                     std::optional<grouped_plan>* grouped = nullptr) {
  capacitated_options solving;
  solving.threads = threads;
  if (s.groups.empty()) return solve_capacitated(problem, goal, solving);
  grouped_options options;
  options.flow = solving;
  options.mip_seconds = group_seconds;
  grouped_plan found = solve_grouped(make_grouped_problem(s, table, problem), goal, options);
  capacitated_plan plan;
  plan.household_of = found.household_of;
  plan.matched = found.matched;
  plan.total = found.total - found.together_total; // the pairs' scores, as without groups
  plan.certificate.bonus = found.bonus;
  if (grouped != nullptr) *grouped = std::move(found);
  return plan;
}

} // namespace detail

namespace detail {

/// Shortlists for the members of groups who must live together: the `size` households that
/// can take the whole group, by the group's weight (its members' scores plus living
/// together) descending, ties by household id; the same households for every member, each
/// with that member's own pair.
inline void shortlist_required_groups(const scheme& s, const score_table& table, int size,
                                      std::vector<std::vector<scored_pair>>& lists) {
  const grouped_problem grouped = make_grouped_problem(s, table, {});
  const std::vector<std::size_t> first = person_rows(table);
  for (const problem_group& group : grouped.groups) {
    if (!group.required) continue;
    std::unordered_map<std::size_t, std::vector<std::size_t>> pairs_at; // household -> pairs
    for (int m : group.members)
      for (std::size_t k = first[static_cast<std::size_t>(m)];
           k < first[static_cast<std::size_t>(m) + 1]; ++k)
        pairs_at[table.pairs[k].household].push_back(k);
    struct ranked {
      std::int64_t weight;
      std::size_t household;
    };
    std::vector<ranked> hosts;
    for (const auto& host : group.hosts) {
      const auto h = static_cast<std::size_t>(host.household);
      std::int64_t weight = host.bonus;
      for (std::size_t k : pairs_at.at(h)) weight += score_to_weight(table.pairs[k].score);
      hosts.push_back({weight, h});
    }
    const std::size_t keep = std::min(hosts.size(), static_cast<std::size_t>(size));
    std::partial_sort(hosts.begin(), hosts.begin() + static_cast<std::ptrdiff_t>(keep), hosts.end(),
                      [&](const ranked& a, const ranked& b) {
                        if (a.weight != b.weight) return a.weight > b.weight;
                        return s.households[a.household].id < s.households[b.household].id;
                      });
    for (int m : group.members) {
      auto& list = lists[static_cast<std::size_t>(m)];
      list.clear();
      for (std::size_t r = 0; r < keep; ++r)
        for (std::size_t k : pairs_at.at(hosts[r].household))
          if (table.pairs[k].person == static_cast<std::size_t>(m)) list.push_back(table.pairs[k]);
    }
  }
}

} // namespace detail

/// Each person's best `size` feasible households, by score (in the plan's integer units)
/// descending, ties by household id. A member of a group who must live together is offered
/// only households that can take the whole group, ranked by the group's score (its members'
/// scores plus the living-together points); people who would only like to live together
/// keep their own lists, since they may be placed apart.
///
/// @param[in] table    pairs ordered by person, as `score_candidates` gives them
/// @param[in] threads  threads drawing up lists; the lists are the same for any number
inline std::vector<std::vector<scored_pair>>
make_shortlists(const scheme& s, const score_table& table, int size, int threads = 1) {
  std::vector<std::vector<scored_pair>> lists(s.people.size());
  if (size <= 0) return lists;
  if (!std::is_sorted(
          table.pairs.begin(), table.pairs.end(),
          [](const scored_pair& a, const scored_pair& b) { return a.person < b.person; }))
    throw error("score table is not ordered by person");
  const std::vector<std::size_t> first = detail::person_rows(table);
  for_each_range(lists.size(), detail::people_per_range, threads,
                 [&](std::size_t begin, std::size_t end) {
                   struct ranked {
                     std::int64_t weight;
                     std::size_t pair;
                   };
                   std::vector<ranked> row;
                   for (std::size_t p = begin; p < end; ++p) {
                     row.clear();
                     for (std::size_t k = first[p]; k < first[p + 1]; ++k)
                       row.push_back({score_to_weight(table.pairs[k].score), k});
                     const std::size_t keep = std::min(row.size(), static_cast<std::size_t>(size));
                     std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(keep),
                                       row.end(), [&](const ranked& a, const ranked& b) {
                                         if (a.weight != b.weight) return a.weight > b.weight;
                                         return s.households[table.pairs[a.pair].household].id <
                                                s.households[table.pairs[b.pair].household].id;
                                       });
                     for (std::size_t r = 0; r < keep; ++r)
                       lists[p].push_back(table.pairs[row[r].pair]);
                   }
                 });
  if (!s.groups.empty()) detail::shortlist_required_groups(s, table, size, lists);
  return lists;
}

/// The plan alone: the plan `match` proposes for the same scheme and objective, without
/// shortlists or explanations (for analyses that re-solve edited schemes many times).
///
/// @param[in] s        a validated scheme
/// @param[in] goal     the objective
/// @param[in] threads  scoring and solving threads; the plan is the same for any number
/// @return  the plan `match(s).plan` gives: optimal with its certificate, or for a scheme
///          with groups the exact grouped plan without one
inline capacitated_plan plan_scheme(const scheme& s, objective goal, int threads = 1) {
  candidate_options search;
  search.threads = threads;
  search.keep_contributions = false;
  const score_table scores = to_score_table(score_candidates(encode_scheme(s), search), threads);
  return detail::solve_scheme(s, scores, make_problem(s, scores, threads), goal, threads,
                              match_options{}.group_seconds);
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
  result.scores = to_score_table(score_candidates(features, search), options.threads);
  logger().info("scored {} people x {} households: {} feasible pairs", s.people.size(),
                s.households.size(), result.scores.pairs.size());
  result.problem = make_problem(s, result.scores, options.threads);
  lap(result.seconds.score);
  result.plan = detail::solve_scheme(s, result.scores, result.problem, options.goal,
                                     options.threads, options.group_seconds, &result.grouped);
  if (!result.grouped) verify_plan(result.problem, options.goal, result.plan);
  logger().info("plan matches {} of {} people", result.plan.matched, s.people.size());
  lap(result.seconds.solve);
  result.shortlists = make_shortlists(s, result.scores, options.shortlist_size, options.threads);
  lap(result.seconds.shortlists);

  // Rule failure counts are needed only to explain the people left without a household.
  std::vector<std::size_t> unmatched;
  for (std::size_t p = 0; p < s.people.size(); ++p)
    if (result.plan.household_of[p] < 0) unmatched.push_back(p);
  for_each_range(unmatched.size(), detail::people_per_range, options.threads,
                 [&](std::size_t first, std::size_t last) {
                   const auto at = [&](std::size_t k) {
                     return unmatched.begin() + static_cast<std::ptrdiff_t>(k);
                   };
                   fill_rule_failures(features, result.scores,
                                      std::vector<std::size_t>(at(first), at(last)));
                 });

  // Scores of the chosen pairs, looked up from the sparse table.
  std::vector<double> chosen_score(s.people.size(), 0.0);
  for (const auto& pair : result.scores.pairs)
    if (result.plan.household_of[pair.person] == static_cast<int>(pair.household))
      chosen_score[pair.person] = pair.score;

  const plan_occupants occupants(s.households.size(), result.plan.household_of);
  result.proposals.resize(s.people.size());
  for_each_range(s.people.size(), detail::people_per_range, options.threads,
                 [&](std::size_t first, std::size_t last) {
                   for (std::size_t p = first; p < last; ++p) {
                     proposal& item = result.proposals[p];
                     item.person = p;
                     item.household = result.plan.household_of[p];
                     if (item.household >= 0) {
                       item.score = chosen_score[p];
                       item.why = explain_pair(s, p, static_cast<std::size_t>(item.household));
                     } else {
                       item.why_not = explain_unmatched(s, result.scores, result.plan.household_of,
                                                        occupants, p);
                     }
                   }
                 });
  // What the plan did with each group, said to each member.
  const std::vector<std::vector<std::size_t>> members = group_members(s);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const std::string sentence = explain_group(s, result.scores, result.plan.household_of, g);
    for (std::size_t p : members[g]) {
      proposal& item = result.proposals[p];
      if (item.why) {
        item.why->reasons.insert(item.why->reasons.begin(), sentence);
        item.why->summary += " " + sentence;
      } else if (item.why_not) {
        item.why_not->summary = sentence + " " + item.why_not->summary;
      }
    }
  }
  lap(result.seconds.explanations);
  return result;
}

} // namespace slmatch
