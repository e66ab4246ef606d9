#pragma once
/// Brute force for tiny problems with groups, and a generator of them, for tests only.
///
/// In: a `grouped_problem` small enough to enumerate. Out: every assignment that respects
/// the capacities and the groups (a required group all in one of its hosts or none placed),
/// with its people matched and total (edge weights plus the bonus of each group whose
/// members all share one of its hosts). It shares no code with the solver it checks.

#include "slmatch/solve/groups.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace slmatch::testing {

/// One assignment with its counts.
struct grouped_assignment {
  std::vector<int> household_of;
  int matched = 0;
  std::int64_t total = 0;
};

/// Every assignment respecting capacities and groups.
inline std::vector<grouped_assignment> grouped_assignments(const grouped_problem& problem) {
  const capacitated_problem& pairs = problem.pairs;
  const auto people = static_cast<std::size_t>(pairs.people);
  std::vector<std::vector<const capacitated_problem::edge*>> options(people);
  for (const auto& e : pairs.edges) options[static_cast<std::size_t>(e.person)].push_back(&e);
  std::vector<int> load(pairs.capacity.size(), 0);
  std::vector<int> household_of(people, -1);
  std::vector<std::int64_t> weight_of(people, 0);
  std::vector<grouped_assignment> out;
  auto finish = [&] {
    grouped_assignment a{household_of, 0, 0};
    for (std::size_t p = 0; p < people; ++p)
      if (household_of[p] >= 0) {
        ++a.matched;
        a.total += weight_of[p];
      }
    for (const problem_group& group : problem.groups) {
      const int h = household_of[static_cast<std::size_t>(group.members.front())];
      bool same = true;
      for (int m : group.members) same = same && household_of[static_cast<std::size_t>(m)] == h;
      const problem_group::host* host = nullptr;
      for (const auto& candidate : group.hosts)
        if (candidate.household == h) host = &candidate;
      if (group.required && (!same || (h >= 0 && host == nullptr))) return;
      if (same && h >= 0 && host != nullptr) a.total += host->bonus;
    }
    out.push_back(std::move(a));
  };
  auto visit = [&](auto&& self, std::size_t person) -> void {
    if (person == people) return finish();
    self(self, person + 1);
    for (const auto* e : options[person]) {
      int& used = load[static_cast<std::size_t>(e->household)];
      if (used == pairs.capacity[static_cast<std::size_t>(e->household)]) continue;
      ++used;
      household_of[person] = e->household;
      weight_of[person] = e->weight;
      self(self, person + 1);
      household_of[person] = -1;
      --used;
    }
  };
  visit(visit, 0);
  return out;
}

/// A random problem small enough for `grouped_assignments`: 0–7 people, 1–4 households with
/// capacities 0–3, weights 0–20 or 0–2 (many ties), and up to three groups of 2–3 people,
/// each required with chance 2/3, with a random subset of households as hosts and bonuses
/// 0–10. Hosts need not suit every member: the solver must ignore those that do not.
inline grouped_problem random_grouped_problem(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  grouped_problem problem;
  capacitated_problem& pairs = problem.pairs;
  pairs.people = below(8);
  const int households = 1 + below(4);
  for (int h = 0; h < households; ++h) pairs.capacity.push_back(below(4));
  const int density_percent = 40 + below(60);
  const int top = below(3) == 0 ? 3 : 21;
  for (int p = 0; p < pairs.people; ++p)
    for (int h = 0; h < households; ++h)
      if (below(100) < density_percent) pairs.edges.push_back({p, h, below(top)});
  std::vector<int> order(static_cast<std::size_t>(pairs.people));
  for (int p = 0; p < pairs.people; ++p) order[static_cast<std::size_t>(p)] = p;
  std::shuffle(order.begin(), order.end(), rng);
  std::size_t next = 0;
  const int groups = below(4);
  for (int g = 0; g < groups; ++g) {
    const std::size_t size = 2 + static_cast<std::size_t>(below(2));
    if (next + size > order.size()) break;
    problem_group group;
    group.members.assign(order.begin() + static_cast<std::ptrdiff_t>(next),
                         order.begin() + static_cast<std::ptrdiff_t>(next + size));
    next += size;
    group.required = below(3) != 0;
    for (int h = 0; h < households; ++h)
      if (below(100) < 70) group.hosts.push_back({h, below(11)});
    problem.groups.push_back(std::move(group));
  }
  return problem;
}

} // namespace slmatch::testing
