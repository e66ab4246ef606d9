#pragma once
/// Small problems whose optimum is known by hand, for the solvers' tests.

#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/groups.hpp"

namespace slmatch::testing {

/// Three people, two households (capacities 2 and 1); the optimum is {0, 1, 0}, total 19.
inline capacitated_problem three_people() {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {2, 1};
  problem.edges = {{0, 0, 8}, {1, 0, 7}, {2, 0, 6}, {2, 1, 1}, {1, 1, 5}};
  return problem;
}

/// Two people who must live together, one single person, and households of 1 and 2 places.
inline grouped_problem couple_and_one() {
  grouped_problem problem;
  problem.pairs.people = 3;
  problem.pairs.capacity = {1, 2};
  problem.pairs.edges = {{0, 0, 9}, {0, 1, 5}, {1, 0, 9}, {1, 1, 5}, {2, 1, 8}};
  problem_group couple;
  couple.members = {0, 1};
  couple.hosts = {{0, 4}, {1, 4}};
  problem.groups = {couple};
  return problem;
}

} // namespace slmatch::testing
