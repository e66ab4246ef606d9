#pragma once
/// Scores: hard rules and soft factors together, for one pair or a whole scheme.
///
/// In: a scheme. Out: for one pair, a `pair_assessment` (feasible or not, the 0–100 score,
/// every rule and factor with its sentence); for the scheme, a sparse `score_table` of the
/// feasible pairs and, per person, how many households each rule ruled out — the raw
/// material for solvers and for explaining why someone could not be matched.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/factors.hpp"
#include "slmatch/score/rules.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace slmatch {

/// Everything known about one person–household pair.
struct pair_assessment {
  bool feasible = false; ///< every hard rule passed
  double score = 0.0;    ///< 0–100 from the soft factors (computed also when infeasible)
  std::vector<rule_outcome> rules;
  std::vector<factor_outcome> factors;
};

/// Check every rule and score every factor for one pair.
///
/// @param[in] s  the scheme whose policy applies
/// @param[in] p  the person
/// @param[in] h  the household
/// @return  the assessment; `score` is the soft-factor total whether or not it is feasible
inline pair_assessment assess(const scheme& s, const person& p, const household& h) {
  pair_assessment a;
  a.rules = check_rules(s, p, h);
  a.feasible = true;
  for (const auto& r : a.rules) a.feasible = a.feasible && r.passed;
  a.factors = score_factors(s, p, h);
  a.score = total_score(a.factors);
  return a;
}

/// A feasible pair and its score; indices are positions in `scheme::people` and
/// `scheme::households`.
struct scored_pair {
  std::size_t person = 0;
  std::size_t household = 0;
  double score = 0.0;
};

/// The scheme's feasible pairs with their scores, and the rules that ruled pairs out.
struct score_table {
  std::size_t people = 0, households = 0;
  std::vector<scored_pair>
      pairs; ///< feasible pairs only, ordered by person index then household index
  std::vector<std::array<int, vocabulary_size<rule>>>
      failures_by_rule; ///< per person: how many households fail each rule
};

/// Assess every person against every household.
///
/// Pairs are checked without building sentences; each feasible pair's score equals
/// `assess(s, person, household).score` exactly. A household failing several rules counts
/// once under each.
///
/// @param[in] s  the scheme
/// @return  the feasible pairs in person-then-household order and the rule failure counts
inline score_table score_scheme(const scheme& s) {
  score_table table;
  table.people = s.people.size();
  table.households = s.households.size();
  table.failures_by_rule.assign(table.people, {});
  const auto& checks = detail::rule_checks();
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const person& p = s.people[i];
    auto& failures = table.failures_by_rule[i];
    for (std::size_t j = 0; j < s.households.size(); ++j) {
      const household& h = s.households[j];
      bool feasible = true;
      for (std::size_t r = 0; r < checks.size(); ++r) {
        if (!checks[r](s.policy, p, h, nullptr)) {
          ++failures[r];
          feasible = false;
        }
      }
      if (feasible)
        table.pairs.push_back({i, j, total_score(detail::evaluate_factors(s.policy, p, h, false))});
    }
  }
  return table;
}

} // namespace slmatch
