#pragma once
/// "Why not that one?": how another household compares with the one chosen for a person.
///
/// In: a scheme, a person, the chosen household and another household (by index). Out: a
/// `pair_comparison` — for a feasible other household the score gap and the factors that make
/// it, point by point, largest first, with sentences such as "Household H07 scores 12.4
/// points lower than H02 for P01, mostly on closeness to their community (-8.1) and shared
/// interests (-3.0)."; for an infeasible one the rules it fails, worded as `explain_pair`
/// words them. Factors are named by the registry's phrase; people and households by id only.
/// The same input always gives the same comparison, text included.

#include "slmatch/error.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/score/registry.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

namespace slmatch {

/// How one soft factor's points differ between the chosen and the other household.
struct factor_difference {
  factor id = factor::community;
  double chosen_points = 0.0;  ///< the factor's points in the chosen household's score
  double other_points = 0.0;   ///< the factor's points in the other household's score
  double difference = 0.0;     ///< other_points - chosen_points; negative: the other is lower
  std::string chosen_sentence; ///< the factor's sentence for the chosen household
  std::string other_sentence;  ///< the factor's sentence for the other household

  auto fields() const {
    return std::tie(id, chosen_points, other_points, difference, chosen_sentence, other_sentence);
  }
  friend bool operator==(const factor_difference& a, const factor_difference& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const factor_difference& a, const factor_difference& b) {
    return !(a == b);
  }
};

/// Why not that one: another household set against the one chosen for a person.
struct pair_comparison {
  std::string person_id, chosen_household_id, other_household_id;
  bool other_feasible = false; ///< the other household passes every hard rule
  double chosen_score = 0.0;   ///< 0–100
  double other_score = 0.0;    ///< 0–100, computed also when the other is infeasible
  double gap = 0.0;            ///< chosen_score - other_score: points the other scores lower
  /// Factors whose points or share of the gap differ from 0, largest |difference| first,
  /// ties in enum order; their differences add up to -gap (within rounding).
  std::vector<factor_difference> differences;
  std::vector<rule_outcome> failed_rules; ///< the other household's, enum order
  /// Feasible: one sentence per difference of at least 0.05 points, in `differences` order,
  /// with the factor's sentence for each household ("for both" when they are the same);
  /// infeasible: one per failed rule.
  std::vector<std::string> reasons;
  std::string summary; ///< one sentence for the person and their advocate
};

namespace detail {

/// Points for sentences: one decimal, always shown ("8.1", "25.0").
inline std::string format_points(double points) { return wording::format_number(points, 1, true); }

/// A point difference with its sign: "+1.2", "-8.1".
inline std::string signed_points(double difference) {
  return (difference > 0.0 ? "+" : "") + format_points(difference);
}

/// True when a difference shows as something other than 0.0 at one decimal.
inline bool shows(double difference) { return std::llround(std::abs(difference) * 10.0) > 0; }

/// "closeness to their community (-8.1) and shared interests (-3.0)"
inline std::string factor_list(const std::vector<const factor_difference*>& items) {
  std::vector<std::string> parts;
  for (const factor_difference* d : items)
    parts.push_back(std::string(info(d->id).phrase) + " (" + signed_points(d->difference) + ")");
  return wording::join_list(parts);
}

/// Share of the score gap each factor accounts for; see `factor_difference::difference`.
///
/// A factor used for both households gets 100 w (r_other - r_chosen) / W, with W the weight
/// of every factor used for either household; when both use the same factors this is exactly
/// the difference of its points. What is left of the gap comes from factors used for one
/// household only: such a factor k gets w_k / W_k x (its 0–100 score - the other household's
/// score) with the sign of its side (W_k: the used weight where k is used), and any rounding
/// left over is shared among them by weight, so the differences add up to -gap.
inline std::vector<factor_difference> factor_differences(const std::vector<factor_outcome>& chosen,
                                                         const std::vector<factor_outcome>& other,
                                                         double gap) {
  double chosen_weight = 0.0, other_weight = 0.0, union_weight = 0.0, only_one_weight = 0.0;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    if (chosen[k].used) chosen_weight += chosen[k].weight;
    if (other[k].used) other_weight += other[k].weight;
    if (chosen[k].used || other[k].used) union_weight += chosen[k].weight;
    if (chosen[k].used != other[k].used) only_one_weight += chosen[k].weight;
  }
  const double chosen_score = total_score(chosen), other_score = total_score(other);
  std::vector<factor_difference> out;
  double shared_sum = 0.0, only_one_sum = 0.0;
  std::vector<std::size_t> only_one;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const factor_outcome& mine = chosen[k];
    const factor_outcome& theirs = other[k];
    factor_difference d{mine.id, mine.points, theirs.points, 0.0, mine.sentence, theirs.sentence};
    if (mine.used && theirs.used) {
      // Both points rescaled to the union's weight; exactly points - points when W = W'.
      d.difference = theirs.points * (other_weight / union_weight) -
                     mine.points * (chosen_weight / union_weight);
      shared_sum += d.difference;
    } else if (theirs.used) {
      d.difference = theirs.weight / other_weight * (100.0 * theirs.raw - chosen_score);
      only_one_sum += d.difference;
      only_one.push_back(out.size());
    } else if (mine.used) {
      d.difference = -(mine.weight / chosen_weight * (100.0 * mine.raw - other_score));
      only_one_sum += d.difference;
      only_one.push_back(out.size());
    }
    if (d.difference != 0.0 || d.chosen_points != d.other_points) out.push_back(std::move(d));
  }
  const double left_over = -gap - shared_sum - only_one_sum;
  for (std::size_t k : only_one)
    out[k].difference +=
        left_over * chosen[static_cast<std::size_t>(out[k].id)].weight / only_one_weight;
  std::stable_sort(out.begin(), out.end(),
                   [](const factor_difference& x, const factor_difference& y) {
                     return std::abs(x.difference) > std::abs(y.difference);
                   });
  return out;
}

} // namespace detail

/// Compare another household with the one chosen for a person: the score gap and the
/// factors that make it, or the rules the other household fails.
///
/// @param[in] s                 the scheme
/// @param[in] person            index into `s.people`
/// @param[in] chosen_household  index into `s.households` of the household chosen (proposed)
///                              for the person; it must pass every hard rule
/// @param[in] other_household   index into `s.households` of the household to set against it
/// @return  the comparison; each factor's difference is its change in points when both
///          households use the same factors, and the differences always add up to -gap
/// \note  A factor used for only one of the two households (say the carer states
///        preferences) also changes how much the others weigh; its difference carries that
///        whole effect, so a factor that scores the same for both shows no difference.
/// @throws slmatch::error when an index is out of range, the two households are the same or
///         the chosen household fails a hard rule
inline pair_comparison compare_pairs(const scheme& s, std::size_t person,
                                     std::size_t chosen_household, std::size_t other_household) {
  check_index(person, s.people.size(), "person", "people");
  check_index(chosen_household, s.households.size(), "household", "households");
  check_index(other_household, s.households.size(), "household", "households");
  const slmatch::person& p = s.people[person];
  const household& chosen = s.households[chosen_household];
  const household& other = s.households[other_household];
  if (chosen_household == other_household)
    throw error("chosen and other household are both " + chosen.id);
  const pair_assessment chosen_assessment = assess(s, p, chosen);
  if (!chosen_assessment.feasible)
    throw error("chosen household " + chosen.id + " cannot support person " + p.id);
  pair_assessment other_assessment = assess(s, p, other);

  pair_comparison c;
  c.person_id = p.id;
  c.chosen_household_id = chosen.id;
  c.other_household_id = other.id;
  c.other_feasible = other_assessment.feasible;
  c.chosen_score = chosen_assessment.score;
  c.other_score = other_assessment.score;
  c.gap = c.chosen_score - c.other_score;

  c.differences =
      detail::factor_differences(chosen_assessment.factors, other_assessment.factors, c.gap);

  if (!c.other_feasible) {
    std::vector<std::string> clauses;
    for (auto& r : other_assessment.rules) {
      if (r.passed) continue;
      c.reasons.push_back(as_sentence(r.reason));
      clauses.push_back(r.reason);
      c.failed_rules.push_back(std::move(r));
    }
    c.summary = "Household " + other.id + " cannot support " + p.id + ": " +
                wording::join_with(clauses, "; ") + ".";
    return c;
  }

  for (const factor_difference& d : c.differences) {
    if (!detail::shows(d.difference)) continue;
    const std::string head = wording::capitalise(std::string(info(d.id).phrase)) + " (" +
                             detail::signed_points(d.difference) + "): ";
    c.reasons.push_back(d.other_sentence == d.chosen_sentence
                            ? head + "for both " + other.id + " and " + chosen.id + ", " +
                                  d.other_sentence + "."
                            : head + "for " + other.id + ", " + d.other_sentence + "; for " +
                                  chosen.id + ", " + d.chosen_sentence + ".");
  }

  if (!detail::shows(c.gap)) {
    c.summary = "Household " + other.id + " scores the same as " + chosen.id + " for " + p.id +
                " (score " + detail::format_points(c.other_score) + ").";
    return c;
  }
  const bool lower = c.gap > 0.0;
  std::vector<const factor_difference*> against, in_favour;
  for (const factor_difference& d : c.differences) {
    if (!detail::shows(d.difference)) continue;
    if ((d.difference < 0.0) == lower) {
      if (against.size() < 3) against.push_back(&d);
    } else if (in_favour.size() < 2) {
      in_favour.push_back(&d);
    }
  }
  const bool listed_all =
      in_favour.empty() &&
      static_cast<std::size_t>(
          std::count_if(c.differences.begin(), c.differences.end(), [](const factor_difference& d) {
            return detail::shows(d.difference);
          })) == against.size();
  c.summary = "Household " + other.id + " scores " + detail::format_points(std::abs(c.gap)) +
              " points " + (lower ? "lower" : "higher") + " than " + chosen.id + " for " + p.id;
  if (!against.empty())
    c.summary +=
        std::string(listed_all ? ", all on " : ", mostly on ") + detail::factor_list(against);
  if (!in_favour.empty())
    c.summary += std::string(", though it scores ") + (lower ? "higher" : "lower") + " on " +
                 detail::factor_list(in_favour);
  c.summary += ".";
  return c;
}

} // namespace slmatch
