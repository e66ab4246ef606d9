#pragma once
/// The capacitated assignment problem every solver in slmatch works on, the plan a solver
/// returns, and the checks around them.
///
/// In: people on one side, households with a number of free places on the other, and a
/// non-negative integer weight (larger is better) on each allowed (person, household) pair.
/// Out: a plan giving each person at most one household, with the LP dual prices that prove
/// no better plan exists. `check_problem` guards the input; `verify_plan` checks any
/// solver's plan and its certificate, so a plan is trusted because it is proved optimal,
/// not because of which solver produced it.
///
/// The linear programme behind the certificate (x_e = 1 when edge e is chosen):
///
///     maximise   sum_e a_e x_e
///     subject to sum_{e at person p}    x_e <= 1            (price person_price[p] >= 0)
///                sum_{e at household h} x_e <= capacity[h]  (price household_price[h] >= 0)
///                x_e >= 0
///
/// Its dual is: minimise sum_p person_price[p] + sum_h capacity[h] * household_price[h]
/// subject to person_price[p] + household_price[h] >= a_e on every edge. The constraint
/// matrix is that of a bipartite graph (totally unimodular), so the LP has an integral
/// optimum and integral prices whenever the weights are integers. A 0/1 plan together
/// with prices that satisfy dual feasibility and complementary slackness is therefore an
/// optimal plan, and its total equals the dual objective (zero duality gap).
///
/// The adjusted weight a_e is `weight + bonus`. For `objective::max_total` the bonus is 0.
/// For `objective::max_matched_then_total` the bonus is `cardinality_bonus(problem)`,
/// one more than any total of weights a plan can reach, so that matching one more person
/// always outweighs any difference in total weight: an optimal plan for the adjusted
/// weights matches as many people as possible and, among those plans, has the largest total.

#include "slmatch/error.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// People on one side, households with capacities on the other, weighted edges between them.
struct capacitated_problem {
  int people = 0;
  std::vector<int> capacity; ///< per household, >= 0
  /// An allowed pair; weight >= 0 (larger is better).
  struct edge {
    int person;
    int household;
    std::int64_t weight;
  };
  std::vector<edge> edges; ///< at most one edge per (person, household)
};

/// What a plan optimises.
enum class objective {
  max_matched_then_total, ///< as many people matched as possible, then the largest total
  max_total,              ///< the largest total weight; people may be left unmatched
};
SLMATCH_VOCABULARY(objective, "objective", "max_matched_then_total", "max_total");

/// LP dual prices certifying optimality (see the programme at the top of this file):
/// person_price[p] >= 0, household_price[h] >= 0, person_price[p] + household_price[h] >=
/// weight + bonus on every edge, with equality on every chosen edge; person_price is 0 for
/// unmatched people and household_price is 0 for households with spare capacity; and
/// sum(person_price) + sum(capacity * household_price) equals the adjusted total
/// (total + matched * bonus), i.e. zero duality gap.
struct plan_certificate {
  std::vector<std::int64_t> person_price;
  std::vector<std::int64_t> household_price;
  /// Added to every edge weight: 0 for `max_total`, `cardinality_bonus(problem)` for
  /// `max_matched_then_total`.
  std::int64_t bonus = 0;
};

/// An assignment of people to households with its optimality certificate.
struct capacitated_plan {
  std::vector<int> household_of; ///< per person: household index or -1
  int matched = 0;               ///< people with a household
  std::int64_t total = 0;        ///< sum of chosen edge weights (without bonus)
  plan_certificate certificate;
};

/// Largest weight an edge may carry; `check_problem` also bounds the weights together.
inline constexpr std::int64_t max_edge_weight = std::int64_t{1} << 48;

namespace detail {

/// a + b, or false when it does not fit in int64.
inline bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) {
  if ((b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) ||
      (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b))
    return false;
  out = a + b;
  return true;
}

/// a * b for a, b >= 0, or false when it does not fit in int64.
inline bool checked_multiply(std::int64_t a, std::int64_t b, std::int64_t& out) {
  if (a != 0 && b > std::numeric_limits<std::int64_t>::max() / a) return false;
  out = a * b;
  return true;
}

/// The edges grouped by person and, within a person, sorted by household: the edges of
/// person p are `edge_ids[first[p]] .. edge_ids[first[p + 1] - 1]`.
/// Assumes every edge's person is in range.
struct edges_by_person {
  std::vector<std::size_t> first;
  std::vector<int> edge_ids;

  explicit edges_by_person(const capacitated_problem& problem)
      : first(static_cast<std::size_t>(problem.people) + 1, 0), edge_ids(problem.edges.size()) {
    for (const auto& e : problem.edges) ++first[static_cast<std::size_t>(e.person) + 1];
    for (std::size_t p = 0; p < static_cast<std::size_t>(problem.people); ++p)
      first[p + 1] += first[p];
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < problem.edges.size(); ++i)
      edge_ids[next[static_cast<std::size_t>(problem.edges[i].person)]++] = static_cast<int>(i);
    for (std::size_t p = 0; p < static_cast<std::size_t>(problem.people); ++p)
      std::sort(edge_ids.begin() + static_cast<std::ptrdiff_t>(first[p]),
                edge_ids.begin() + static_cast<std::ptrdiff_t>(first[p + 1]), [&](int a, int b) {
                  const auto& ea = problem.edges[static_cast<std::size_t>(a)];
                  const auto& eb = problem.edges[static_cast<std::size_t>(b)];
                  return ea.household != eb.household ? ea.household < eb.household : a < b;
                });
  }

  /// The index of the edge (person, household), or -1 when there is none.
  int find(const capacitated_problem& problem, int person, int household) const {
    auto begin =
        edge_ids.begin() + static_cast<std::ptrdiff_t>(first[static_cast<std::size_t>(person)]);
    auto end =
        edge_ids.begin() + static_cast<std::ptrdiff_t>(first[static_cast<std::size_t>(person) + 1]);
    auto it = std::lower_bound(begin, end, household, [&](int edge_id, int h) {
      return problem.edges[static_cast<std::size_t>(edge_id)].household < h;
    });
    return it != end && problem.edges[static_cast<std::size_t>(*it)].household == household ? *it
                                                                                            : -1;
  }
};

/// An edge into a household with no place can never be chosen; the solvers leave it out.
inline bool usable_edge(const capacitated_problem& problem, const capacitated_problem::edge& e) {
  return problem.capacity[static_cast<std::size_t>(e.household)] > 0;
}

/// Every edge that repeats an earlier (person, household), reported by person, then
/// household, then edge: each person's edges in input order (a stable counting sort), with
/// the last edge of the current person seen at each household. Indices must be in range.
inline std::vector<slmatch::problem> duplicate_edges(const capacitated_problem& problem) {
  const auto people = static_cast<std::size_t>(problem.people);
  std::vector<std::size_t> first(people + 1, 0);
  for (const auto& e : problem.edges) ++first[static_cast<std::size_t>(e.person) + 1];
  for (std::size_t p = 0; p < people; ++p) first[p + 1] += first[p];
  std::vector<int> edge_of_slot(problem.edges.size());
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < problem.edges.size(); ++i)
      edge_of_slot[next[static_cast<std::size_t>(problem.edges[i].person)]++] = static_cast<int>(i);
  }
  struct duplicate {
    int person, household, edge, before;
  };
  std::vector<duplicate> duplicates;
  std::vector<int> last_edge_at(problem.capacity.size(), -1);
  for (std::size_t k = 0; k < edge_of_slot.size(); ++k) {
    const auto& e = problem.edges[static_cast<std::size_t>(edge_of_slot[k])];
    int& last = last_edge_at[static_cast<std::size_t>(e.household)];
    if (last >= 0 && problem.edges[static_cast<std::size_t>(last)].person == e.person)
      duplicates.push_back({e.person, e.household, edge_of_slot[k], last});
    last = edge_of_slot[k];
  }
  std::sort(duplicates.begin(), duplicates.end(), [](const duplicate& a, const duplicate& b) {
    return std::tie(a.person, a.household, a.edge) < std::tie(b.person, b.household, b.edge);
  });
  std::vector<slmatch::problem> found;
  for (const duplicate& d : duplicates)
    found.push_back({"edge " + std::to_string(d.edge), "household",
                     "duplicates edge " + std::to_string(d.before) + " (person " +
                         std::to_string(d.person) + ", household " + std::to_string(d.household) +
                         ")"});
  return found;
}

/// 1 + the sum over people of their largest edge weight (the `cardinality_bonus`), in one
/// pass over the edges, or -1 when that overflows. Assumes every edge's person is in range
/// and every weight >= 0.
inline std::int64_t bonus_or_overflow(const capacitated_problem& problem) {
  std::vector<std::int64_t> best(static_cast<std::size_t>(problem.people), 0);
  for (const auto& e : problem.edges)
    best[static_cast<std::size_t>(e.person)] =
        std::max(best[static_cast<std::size_t>(e.person)], e.weight);
  std::int64_t bonus = 1;
  for (std::int64_t b : best)
    if (!checked_add(bonus, b, bonus)) return -1;
  return bonus;
}

} // namespace detail

/// Check that a problem is well formed before solving it.
///
/// Rules: people >= 0; every capacity >= 0; every edge's person in [0, people) and
/// household in [0, households); every weight in [0, max_edge_weight]; no two edges with
/// the same (person, household); fewer than 2^30 people, households and edges each; and
/// the weights small enough that
/// no solver arithmetic overflows: (people + 4) * (cardinality_bonus + largest weight) must
/// fit in a signed 64-bit integer.
///
/// @param[in] problem  the problem to check
/// @throws slmatch::validation_error listing every problem found, each naming the edge or
///         household index and the field, e.g. "edge 17, field weight: must be >= 0 (is -5)"
/// \note  Time O(people + households + edges): duplicates are found with one mark per
///        household, not by sorting, so the solvers check every problem they are given.
inline void check_problem(const capacitated_problem& problem);

/// The bonus added to every edge weight for `objective::max_matched_then_total`:
/// 1 + the sum over people of their largest edge weight (0 for a person without edges).
/// No plan's total can reach it, so one more matched person outweighs any total.
///
/// @param[in] problem  a problem that passes `check_problem`
/// @return  the bonus, >= 1
/// @throws slmatch::validation_error when the problem is not well formed
inline std::int64_t cardinality_bonus(const capacitated_problem& problem) {
  std::vector<slmatch::problem> found;
  auto report = [&](std::string record, std::string field, std::string message) {
    found.push_back({std::move(record), std::move(field), std::move(message)});
  };
  constexpr std::size_t size_limit = std::size_t{1} << 30;
  if (problem.people < 0)
    report("problem", "people", "must be >= 0 (is " + std::to_string(problem.people) + ")");
  if (static_cast<std::size_t>(std::max(problem.people, 0)) >= size_limit)
    report("problem", "people", "must be < 2^30 (is " + std::to_string(problem.people) + ")");
  if (problem.capacity.size() >= size_limit)
    report("problem", "capacity",
           "too many households (" + std::to_string(problem.capacity.size()) + ")");
  if (problem.edges.size() >= size_limit)
    report("problem", "edges", "too many edges (" + std::to_string(problem.edges.size()) + ")");
  const int households = static_cast<int>(problem.capacity.size());
  for (int h = 0; h < households; ++h)
    if (problem.capacity[static_cast<std::size_t>(h)] < 0)
      report("household " + std::to_string(h), "capacity",
             "must be >= 0 (is " + std::to_string(problem.capacity[static_cast<std::size_t>(h)]) +
                 ")");
  // One quick pass for the common case of a well-formed problem; the slow one only names
  // what is wrong.
  bool in_range = true;
  bool ordered = true; // by person, then household: then no pair repeats
  std::int64_t largest = 0;
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    in_range &= e.person >= 0 && e.person < problem.people && e.household >= 0 &&
                e.household < households && e.weight >= 0 && e.weight <= max_edge_weight;
    largest = std::max(largest, e.weight);
    if (i > 0) {
      const auto& before = problem.edges[i - 1];
      ordered &=
          before.person != e.person ? before.person < e.person : before.household < e.household;
    }
  }
  if (!in_range) {
    for (std::size_t i = 0; i < problem.edges.size(); ++i) {
      const auto& e = problem.edges[i];
      if (e.person < 0 || e.person >= problem.people)
        report("edge " + std::to_string(i), "person",
               "must be in [0, " + std::to_string(std::max(problem.people, 0)) + ") (is " +
                   std::to_string(e.person) + ")");
      if (e.household < 0 || e.household >= households)
        report("edge " + std::to_string(i), "household",
               "must be in [0, " + std::to_string(households) + ") (is " +
                   std::to_string(e.household) + ")");
      if (e.weight < 0)
        report("edge " + std::to_string(i), "weight",
               "must be >= 0 (is " + std::to_string(e.weight) + ")");
      else if (e.weight > max_edge_weight)
        report("edge " + std::to_string(i), "weight",
               "must be at most " + std::to_string(max_edge_weight) + " (is " +
                   std::to_string(e.weight) + ")");
    }
  }
  if (!found.empty()) throw validation_error(std::move(found));

  if (!ordered) {
    found = detail::duplicate_edges(problem);
    if (!found.empty()) throw validation_error(std::move(found));
  }

  const std::int64_t bonus = detail::bonus_or_overflow(problem);
  std::int64_t adjusted_max = 0;
  std::int64_t bound = 0;
  if (bonus < 0 || !detail::checked_add(bonus, largest, adjusted_max) ||
      !detail::checked_multiply(std::int64_t{problem.people} + 4, adjusted_max, bound))
    throw validation_error({{"edges", "weight",
                             "too large: (people + 4) * (bonus + largest weight) overflows "
                             "64-bit arithmetic"}});
  return bonus;
}

inline void check_problem(const capacitated_problem& problem) { cardinality_bonus(problem); }

/// Verify a plan: feasibility, its counts, and its optimality certificate.
///
/// Checks, in this order: the problem (`check_problem`); one entry per person, each -1 or a
/// household index; every chosen pair is an edge; no household over capacity; `matched`
/// and `total` agree with the assignment; the certificate has one price per person and per
/// household and the bonus of the objective (0 or `cardinality_bonus`); every price >= 0;
/// every edge has reduced cost person_price + household_price - (weight + bonus) >= 0;
/// every chosen edge has reduced cost 0; every unmatched person has price 0; every
/// household with spare capacity has price 0; and the dual objective equals the adjusted
/// total. Together these prove the plan optimal for `goal`.
///
/// @param[in] problem  the problem the plan claims to solve
/// @param[in] goal  the objective the plan claims to be optimal for
/// @param[in] plan  the plan with its certificate
/// @throws slmatch::validation_error when the problem is not well formed
/// @throws slmatch::error naming the first violated condition, e.g.
///         "household 3 over capacity: 3 > 2" or
///         "edge 17 (person 4, household 2): reduced cost -5 < 0"
inline void verify_plan(const capacitated_problem& problem, objective goal,
                        const capacitated_plan& plan) {
  const std::int64_t full_bonus = cardinality_bonus(problem);
  auto fail = [](const std::string& message) { throw error(message); };
  auto str = [](auto value) { return std::to_string(value); };
  const std::size_t people = static_cast<std::size_t>(problem.people);
  const std::size_t households = problem.capacity.size();

  // Feasibility.
  if (plan.household_of.size() != people)
    fail("plan has " + str(plan.household_of.size()) + " entries for " + str(people) + " people");
  // The chosen edge of each person; check_problem ruled out two edges for one pair.
  std::vector<int> chosen_edge(people, -1);
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const auto& e = problem.edges[i];
    if (plan.household_of[static_cast<std::size_t>(e.person)] == e.household)
      chosen_edge[static_cast<std::size_t>(e.person)] = static_cast<int>(i);
  }
  std::vector<int> load(households, 0);
  int matched = 0;
  std::int64_t total = 0;
  for (std::size_t p = 0; p < people; ++p) {
    const int h = plan.household_of[p];
    if (h == -1) continue;
    if (h < 0 || static_cast<std::size_t>(h) >= households)
      fail("person " + str(p) + " assigned to household " + str(h) + " which does not exist");
    const int edge_id = chosen_edge[p];
    if (edge_id < 0)
      fail("person " + str(p) + " assigned to household " + str(h) + " without an edge");
    ++load[static_cast<std::size_t>(h)];
    ++matched;
    total += problem.edges[static_cast<std::size_t>(edge_id)].weight; // bounded by check_problem
  }
  for (std::size_t h = 0; h < households; ++h)
    if (load[h] > problem.capacity[h])
      fail("household " + str(h) + " over capacity: " + str(load[h]) + " > " +
           str(problem.capacity[h]));
  if (plan.matched != matched)
    fail("plan says " + str(plan.matched) + " matched but assigns " + str(matched));
  if (plan.total != total)
    fail("plan says total " + str(plan.total) + " but its edges sum to " + str(total));

  // Certificate shape.
  const plan_certificate& c = plan.certificate;
  if (c.person_price.size() != people)
    fail("certificate has " + str(c.person_price.size()) + " person prices for " + str(people) +
         " people");
  if (c.household_price.size() != households)
    fail("certificate has " + str(c.household_price.size()) + " household prices for " +
         str(households) + " households");
  const std::int64_t bonus = goal == objective::max_total ? 0 : full_bonus;
  if (c.bonus != bonus)
    fail("certificate bonus " + str(c.bonus) + " is not " + str(bonus) + " for this objective");

  // Dual feasibility.
  for (std::size_t p = 0; p < people; ++p)
    if (c.person_price[p] < 0)
      fail("person " + str(p) + " price " + str(c.person_price[p]) + " < 0");
  for (std::size_t h = 0; h < households; ++h)
    if (c.household_price[h] < 0)
      fail("household " + str(h) + " price " + str(c.household_price[h]) + " < 0");
  auto reduced_cost = [&](std::size_t edge_id) {
    const auto& e = problem.edges[edge_id];
    std::int64_t prices = 0;
    if (!detail::checked_add(c.person_price[static_cast<std::size_t>(e.person)],
                             c.household_price[static_cast<std::size_t>(e.household)], prices))
      fail("edge " + str(edge_id) + ": prices overflow");
    return prices - (e.weight + bonus); // both sides are non-negative: no overflow
  };
  auto describe = [&](std::size_t edge_id) {
    const auto& e = problem.edges[edge_id];
    return "edge " + str(edge_id) + " (person " + str(e.person) + ", household " +
           str(e.household) + ")";
  };
  for (std::size_t i = 0; i < problem.edges.size(); ++i) {
    const std::int64_t reduced = reduced_cost(i);
    if (reduced < 0) fail(describe(i) + ": reduced cost " + str(reduced) + " < 0");
  }

  // Complementary slackness.
  for (std::size_t p = 0; p < people; ++p) {
    if (chosen_edge[p] >= 0) {
      const std::int64_t reduced = reduced_cost(static_cast<std::size_t>(chosen_edge[p]));
      if (reduced != 0)
        fail(describe(static_cast<std::size_t>(chosen_edge[p])) +
             " is chosen but its reduced cost is " + str(reduced) + ", not 0");
    } else if (c.person_price[p] != 0) {
      fail("person " + str(p) + " is unmatched but its price is " + str(c.person_price[p]) +
           ", not 0");
    }
  }
  for (std::size_t h = 0; h < households; ++h)
    if (load[h] < problem.capacity[h] && c.household_price[h] != 0)
      fail("household " + str(h) + " has spare capacity but its price is " +
           str(c.household_price[h]) + ", not 0");

  // Zero duality gap.
  std::int64_t primal = 0;
  std::int64_t dual = 0;
  if (!detail::checked_multiply(bonus, matched, primal) ||
      !detail::checked_add(primal, total, primal))
    fail("adjusted total overflows");
  bool fits = true;
  for (std::size_t p = 0; p < people && fits; ++p)
    fits = detail::checked_add(dual, c.person_price[p], dual);
  for (std::size_t h = 0; h < households && fits; ++h) {
    std::int64_t term = 0;
    fits = detail::checked_multiply(problem.capacity[h], c.household_price[h], term) &&
           detail::checked_add(dual, term, dual);
  }
  if (!fits) fail("dual objective overflows");
  if (dual != primal)
    fail("duality gap: dual objective " + str(dual) + " != adjusted total " + str(primal));
}

} // namespace slmatch
