#include "slmatch/solve/greedy.hpp"

#include "slmatch/solve/capacitated_solver.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace slmatch;

TEST_CASE("greedy_plan: takes the best pair first even when that leaves someone out") {
  capacitated_problem problem;
  problem.people = 2;
  problem.capacity = {1, 1};
  problem.edges = {{0, 0, 90}, {0, 1, 80}, {1, 0, 70}};
  CHECK(greedy_plan(problem) == std::vector<int>{0, -1});
  // The optimum matches both.
  CHECK(solve_capacitated(problem).matched == 2);
}

TEST_CASE("greedy_plan: fills places, breaks ties by the lower person then household") {
  capacitated_problem problem;
  problem.people = 4;
  problem.capacity = {2, 1, 0};
  problem.edges = {{3, 0, 50}, {2, 0, 50}, {1, 0, 50}, {0, 1, 50}, {0, 0, 50}, {3, 2, 99}};
  const std::vector<int> plan = greedy_plan(problem);
  CHECK(plan == std::vector<int>{0, 0, -1, -1});
}

TEST_CASE("greedy_plan: nobody is matched without edges") {
  capacitated_problem problem;
  problem.people = 3;
  problem.capacity = {1};
  CHECK(greedy_plan(problem) == std::vector<int>{-1, -1, -1});
}
