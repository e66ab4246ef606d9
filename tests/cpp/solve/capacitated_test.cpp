#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/reference_solver.hpp"
#include "support/small_problems.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace slmatch;
using slmatch::testing::three_people;

namespace {

std::string message_of(const capacitated_problem& problem, objective goal,
                       const capacitated_plan& plan) {
  try {
    verify_plan(problem, goal, plan);
  } catch (const error& e) {
    return e.what();
  }
  return "accepted";
}

std::string check_message(const capacitated_problem& problem) {
  try {
    check_problem(problem);
  } catch (const validation_error& e) {
    return e.what();
  }
  return "accepted";
}

} // namespace

TEST_CASE("check_problem: accepts well-formed problems") {
  CHECK(check_message(three_people()) == "accepted");
  CHECK(check_message(capacitated_problem{}) == "accepted");
  capacitated_problem no_edges;
  no_edges.people = 4;
  no_edges.capacity = {0, 3};
  CHECK(check_message(no_edges) == "accepted");
}

TEST_CASE("check_problem: each error names the record and field") {
  capacitated_problem problem = three_people();
  problem.people = -1;
  problem.edges.clear();
  CHECK(check_message(problem) == "problem, field people: must be >= 0 (is -1)");

  problem = three_people();
  problem.capacity[1] = -2;
  CHECK(check_message(problem) == "household 1, field capacity: must be >= 0 (is -2)");

  problem = three_people();
  problem.edges[3].person = 3;
  CHECK(check_message(problem) == "edge 3, field person: must be in [0, 3) (is 3)");

  problem = three_people();
  problem.edges[4].household = -1;
  CHECK(check_message(problem) == "edge 4, field household: must be in [0, 2) (is -1)");

  problem = three_people();
  problem.edges[2].weight = -5;
  CHECK(check_message(problem) == "edge 2, field weight: must be >= 0 (is -5)");

  problem = three_people();
  problem.edges[0].weight = max_edge_weight + 1;
  CHECK(check_message(problem) == "edge 0, field weight: must be at most 281474976710656 (is "
                                  "281474976710657)");

  problem = three_people();
  problem.edges.push_back({1, 0, 3});
  CHECK(check_message(problem) ==
        "edge 5, field household: duplicates edge 1 (person 1, household 0)");

  // Every problem is listed, in input order.
  problem = three_people();
  problem.capacity[0] = -1;
  problem.edges[1].weight = -1;
  problem.edges[2].household = 9;
  CHECK(check_message(problem) == "household 0, field capacity: must be >= 0 (is -1)\n"
                                  "edge 1, field weight: must be >= 0 (is -1)\n"
                                  "edge 2, field household: must be in [0, 2) (is 9)");
}

TEST_CASE("check_problem: rejects weights whose sums could overflow") {
  capacitated_problem problem;
  problem.people = 3000;
  problem.capacity = {1};
  for (int p = 0; p < problem.people; ++p) problem.edges.push_back({p, 0, max_edge_weight});
  CHECK(check_message(problem) == "edges, field weight: too large: (people + 4) * (bonus + "
                                  "largest weight) overflows 64-bit arithmetic");
  problem.people = 30;
  problem.edges.resize(30);
  CHECK(check_message(problem) == "accepted");
}

TEST_CASE("cardinality_bonus: one more than the sum of each person's largest weight") {
  CHECK(cardinality_bonus(three_people()) == 1 + 8 + 7 + 6);
  capacitated_problem zero;
  zero.people = 2;
  zero.capacity = {1};
  zero.edges = {{0, 0, 0}};
  CHECK(cardinality_bonus(zero) == 1);
}

TEST_CASE("verify_plan: accepts the optimum with its certificate") {
  const capacitated_problem problem = three_people();
  for (objective goal : {objective::max_matched_then_total, objective::max_total}) {
    const capacitated_plan plan = solve_reference(problem, goal);
    CHECK(plan.household_of == std::vector<int>{0, 1, 0});
    CHECK(message_of(problem, goal, plan) == "accepted");
  }
}

TEST_CASE("verify_plan: rejects infeasible plans") {
  const capacitated_problem problem = three_people();
  const capacitated_plan optimum = solve_reference(problem);

  capacitated_plan plan = optimum;
  plan.household_of[1] = 0; // three people in household 0
  plan.total = 8 + 7 + 6;
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "household 0 over capacity: 3 > 2");

  plan = optimum;
  plan.household_of[0] = 1; // person 0 has no edge to household 1
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "person 0 assigned to household 1 without an edge");

  plan = optimum;
  plan.household_of[2] = 2;
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "person 2 assigned to household 2 which does not exist");

  plan = optimum;
  plan.household_of.pop_back();
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "plan has 2 entries for 3 people");
}

TEST_CASE("verify_plan: rejects wrong counts and totals") {
  const capacitated_problem problem = three_people();
  capacitated_plan plan = solve_reference(problem);
  plan.matched = 2;
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "plan says 2 matched but assigns 3");
  plan = solve_reference(problem);
  plan.total = 20;
  CHECK(message_of(problem, objective::max_matched_then_total, plan) ==
        "plan says total 20 but its edges sum to 19");
}

TEST_CASE("verify_plan: rejects a suboptimal plan with the optimum's prices") {
  const capacitated_problem problem = three_people();
  capacitated_plan plan = solve_reference(problem, objective::max_total);
  // Swap persons 1 and 2 between the households: feasible, total 8 + 7 + 1 = 16 < 19.
  plan.household_of = {0, 0, 1};
  plan.total = 16;
  CHECK(message_of(problem, objective::max_total, plan) ==
        "edge 3 (person 2, household 1) is chosen but its reduced cost is 3, not 0");
  // Leave person 2 unmatched: total 13, and person 2 keeps a positive price.
  plan.household_of = {0, 1, -1};
  plan.matched = 2;
  plan.total = 13;
  CHECK(message_of(problem, objective::max_total, plan) ==
        "person 2 is unmatched but its price is 4, not 0");
}

TEST_CASE("verify_plan: rejects tampered certificates") {
  const capacitated_problem problem = three_people();
  const capacitated_plan optimum = solve_reference(problem, objective::max_total);
  REQUIRE(optimum.certificate.person_price == std::vector<std::int64_t>{6, 5, 4});
  REQUIRE(optimum.certificate.household_price == std::vector<std::int64_t>{2, 0});

  capacitated_plan plan = optimum;
  plan.certificate.person_price[0] = 5; // lowered by 1
  CHECK(message_of(problem, objective::max_total, plan) ==
        "edge 0 (person 0, household 0): reduced cost -1 < 0");

  plan = optimum;
  plan.certificate.household_price[1] = -1;
  CHECK(message_of(problem, objective::max_total, plan) == "household 1 price -1 < 0");

  plan = optimum;
  plan.certificate.person_price[2] = 5; // raised by 1
  CHECK(message_of(problem, objective::max_total, plan) ==
        "edge 2 (person 2, household 0) is chosen but its reduced cost is 1, not 0");

  plan = optimum;
  plan.certificate.household_price[1] = 1; // household 1 is full: only the chosen edge breaks
  CHECK(message_of(problem, objective::max_total, plan) ==
        "edge 4 (person 1, household 1) is chosen but its reduced cost is 1, not 0");

  plan = optimum;
  plan.certificate.bonus = 1;
  CHECK(message_of(problem, objective::max_total, plan) ==
        "certificate bonus 1 is not 0 for this objective");
  CHECK(message_of(problem, objective::max_matched_then_total, optimum) ==
        "certificate bonus 0 is not 22 for this objective");

  plan = optimum;
  plan.certificate.household_price.push_back(0);
  CHECK(message_of(problem, objective::max_total, plan) ==
        "certificate has 3 household prices for 2 households");
}

TEST_CASE("verify_plan: a household with spare capacity must have price 0") {
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {2};
  problem.edges = {{0, 0, 4}};
  capacitated_plan plan = solve_reference(problem, objective::max_total);
  CHECK(plan.certificate.person_price == std::vector<std::int64_t>{4});
  CHECK(plan.certificate.household_price == std::vector<std::int64_t>{0});
  plan.certificate.person_price = {3};
  plan.certificate.household_price = {1};
  CHECK(message_of(problem, objective::max_total, plan) ==
        "household 0 has spare capacity but its price is 1, not 0");
}

TEST_CASE("verify_plan: a household without places may take a higher price; overflow is reported") {
  // A household of capacity 0 may carry any large enough price (capacity x price is 0).
  capacitated_problem problem;
  problem.people = 1;
  problem.capacity = {1, 0};
  problem.edges = {{0, 0, 3}, {0, 1, 9}};
  capacitated_plan plan = solve_reference(problem, objective::max_total);
  CHECK(plan.household_of == std::vector<int>{0});
  CHECK(message_of(problem, objective::max_total, plan) == "accepted");
  plan.certificate.household_price[1] += 100;
  CHECK(message_of(problem, objective::max_total, plan) == "accepted");
  CHECK(plan.certificate.person_price == std::vector<std::int64_t>{3});
  plan.certificate.household_price[1] = std::numeric_limits<std::int64_t>::max();
  CHECK(message_of(problem, objective::max_total, plan) == "edge 1: prices overflow");
}
