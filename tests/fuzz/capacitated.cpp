// The capacitated solvers from any bytes: a small problem whose people count, capacities,
// edge endpoints and weights may be negative, out of range, repeated or near the overflow
// limit, plus pins, forbids, conflicts and waiting days that may be just as wrong. Each
// solver must either refuse the input with a library error or give a plan its verifier
// proves optimal; the fast and reference solvers (and the fast one on each side's best edges
// first) must agree on the optimum.

#include "fuzz_bytes.hpp"

#include "slmatch/fair/household_conflicts.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/solve/k_best.hpp"
#include "slmatch/solve/reference_solver.hpp"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

using slmatch::capacitated_problem;
using slmatch::objective;
using slmatch::pair_constraint;

struct fast_solver {
  slmatch::capacitated_plan operator()(const capacitated_problem& problem, objective goal) const {
    return slmatch::solve_capacitated(problem, goal);
  }
};

capacitated_problem read_problem(slmatch::fuzzing::fuzz_bytes& in) {
  capacitated_problem problem;
  problem.people = in.byte() % 32 == 0 ? -in.in_range(1, 3) : in.in_range(0, 7);
  const int households = in.in_range(0, 5);
  for (int h = 0; h < households; ++h)
    problem.capacity.push_back(in.byte() % 32 == 0 ? -1 : in.in_range(0, 3));
  const int edges = in.in_range(0, 20);
  for (int e = 0; e < edges; ++e) {
    const int person = in.index(problem.people);
    const int household = in.index(households);
    problem.edges.push_back({person, household, in.weight()});
  }
  return problem;
}

std::vector<pair_constraint> read_pairs(slmatch::fuzzing::fuzz_bytes& in, int people,
                                        int households) {
  std::vector<pair_constraint> pairs(static_cast<std::size_t>(in.in_range(0, 3)));
  for (auto& pair : pairs) {
    pair.person = in.index(people);
    pair.household = in.byte() % 4 == 0 ? -1 : in.index(households);
  }
  return pairs;
}

/// Run `solve`; a library error is a refusal (false), anything else propagates.
template <class Solve> bool solved(Solve solve) {
  try {
    solve();
    return true;
  } catch (const slmatch::error&) {
    return false;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slmatch::fuzzing::fuzz_bytes in(data, size);
  const int mode = in.byte() % 7;
  const objective goal =
      in.byte() % 2 == 0 ? objective::max_matched_then_total : objective::max_total;
  const capacitated_problem problem = read_problem(in);
  const int people = problem.people;
  const int households = static_cast<int>(problem.capacity.size());

  bool valid = true;
  try {
    slmatch::check_problem(problem);
  } catch (const slmatch::validation_error&) {
    valid = false;
  }

  slmatch::capacitated_plan fast, reference;
  const bool fast_ok = solved([&] { fast = slmatch::solve_capacitated(problem, goal); });
  const bool reference_ok = solved([&] { reference = slmatch::solve_reference(problem, goal); });
  if (fast_ok != valid || reference_ok != valid) std::abort();
  if (!valid) return 0;
  // A wrong plan throws out of the fuzzer, which reports it as a crash.
  slmatch::verify_plan(problem, goal, fast);
  slmatch::verify_plan(problem, goal, reference);
  // Optimal plans share their total, and under max_matched_then_total their count too; under
  // max_total, plans with the same total may match different numbers of people.
  if (fast.total != reference.total) std::abort();
  if (goal == objective::max_matched_then_total && fast.matched != reference.matched) std::abort();

  // Best edges first on every problem, keeping as few as 0 to 2 edges per vertex, so the
  // pricing rounds and the fall-back to the whole problem both run.
  slmatch::capacitated_options restricted;
  restricted.best_edges_from = 0;
  restricted.best_edges.per_person = in.byte() % 3;
  restricted.best_edges.per_household = in.byte() % 3;
  restricted.best_edges.rounds = in.byte() % 4;
  const auto first = slmatch::solve_capacitated(problem, goal, restricted);
  slmatch::verify_plan(problem, goal, first);
  if (first.total != reference.total) std::abort();
  if (goal == objective::max_matched_then_total && first.matched != reference.matched) std::abort();

  switch (mode) {
  case 0: { // pins and forbids
    const auto pins = read_pairs(in, people, households);
    const auto forbids = read_pairs(in, people, households);
    slmatch::constrained_plan plan;
    if (solved([&] {
          plan = slmatch::solve_constrained(problem, goal, pins, forbids, fast_solver{});
        }))
      slmatch::verify_constrained(problem, goal, pins, forbids, plan);
    break;
  }
  case 1: { // the K best plans, best first
    const auto pins = read_pairs(in, people, households);
    std::vector<slmatch::ranked_plan> plans;
    if (solved([&] { plans = slmatch::k_best_plans(problem, goal, 4, pins, {}); }))
      for (std::size_t i = 0; i < plans.size(); ++i)
        slmatch::verify_constrained(problem, goal, plans[i].pins, plans[i].forbids, plans[i].plan);
    break;
  }
  case 2: { // re-solving from a previous plan, which may name anything
    std::vector<int> previous(static_cast<std::size_t>(people));
    for (int& h : previous) h = in.byte() % 8 == 0 ? -2 : in.index(households);
    slmatch::incremental_plan plan;
    if (solved([&] { plan = slmatch::solve_incremental(problem, goal, previous, fast_solver{}); }))
      slmatch::verify_incremental(problem, goal, previous, plan);
    break;
  }
  case 3:
  case 4: {
    slmatch::fair_plan plan;
    const bool ok = solved([&] {
      plan = mode == 3 ? slmatch::solve_egalitarian(problem, goal, fast_solver{})
                       : slmatch::solve_leximin(problem, goal, fast_solver{});
    });
    if (!ok) std::abort(); // a valid problem always has a fair plan
    slmatch::verify_plan(plan.solved_problem, plan.solved_goal, plan.solved_plan);
    if (plan.solved_plan.household_of != plan.household_of) std::abort();
    break;
  }
  case 5: { // waiting priority; days may be negative
    std::vector<std::int64_t> waiting(
        static_cast<std::size_t>(in.byte() % 16 == 0 ? people + 1 : people));
    for (auto& days : waiting) days = in.byte() % 16 == 0 ? -1 : in.in_range(0, 2000);
    slmatch::fair_plan plan;
    if (solved([&] {
          plan = slmatch::solve_waiting_priority(problem, goal, waiting, fast_solver{});
        })) {
      slmatch::verify_plan(plan.solved_problem, plan.solved_goal, plan.solved_plan);
      if (plan.solved_plan.household_of != plan.household_of) std::abort();
    }
    break;
  }
  default: { // people who must not share a household
    std::vector<slmatch::person_conflict> conflicts(static_cast<std::size_t>(in.in_range(0, 4)));
    for (auto& c : conflicts) c = {in.index(people), in.index(people)};
    slmatch::conflict_free_plan plan;
    if (solved([&] {
          plan = slmatch::solve_without_conflicts(problem, goal, conflicts, fast_solver{});
        }))
      slmatch::verify_constrained(problem, goal, plan.pins, plan.forbids, plan.constrained);
    break;
  }
  }
  return 0;
}
