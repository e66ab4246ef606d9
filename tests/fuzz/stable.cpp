// Stable matching from any bytes: ranked lists whose entries may be out of range or
// repeated, whose row offsets may be malformed, and capacities that may be negative. The
// input checks must refuse what is wrong with a library error; deferred acceptance from
// either side must give a plan within capacity with no blocking pair, both sides must
// match the same number of people, and `blocking_pairs` must refuse or answer for any plan.

#include "fuzz_bytes.hpp"

#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/preferences.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

slmatch::ranked_lists read_lists(slmatch::fuzzing::fuzz_bytes& in, int rows, int others) {
  slmatch::ranked_lists lists;
  for (int r = 0; r < rows; ++r) {
    std::vector<int> row(static_cast<std::size_t>(in.in_range(0, 4)));
    for (int& other : row) other = in.index(others);
    lists.add_row(row);
  }
  if (in.byte() % 16 == 0 && !lists.first.empty()) { // malformed offsets
    const auto at =
        static_cast<std::size_t>(in.in_range(0, static_cast<int>(lists.first.size()) - 1));
    lists.first[at] = static_cast<std::size_t>(in.in_range(0, 40));
  }
  return lists;
}

void check_plan(const slmatch::ranked_pairs& pairs, const slmatch::stable_plan& plan) {
  if (plan.household_of.size() != static_cast<std::size_t>(pairs.people)) std::abort();
  std::vector<int> load(static_cast<std::size_t>(pairs.households), 0);
  int matched = 0;
  for (const int h : plan.household_of) {
    if (h < -1 || h >= pairs.households) std::abort();
    if (h >= 0) {
      ++matched;
      if (++load[static_cast<std::size_t>(h)] > pairs.capacity[static_cast<std::size_t>(h)])
        std::abort();
    }
  }
  if (matched != plan.matched) std::abort();
  if (!slmatch::blocking_pairs(pairs, plan.household_of).empty()) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slmatch::fuzzing::fuzz_bytes in(data, size);
  slmatch::preferences lists;
  lists.people = in.byte() % 32 == 0 ? -1 : in.in_range(0, 7);
  const int households = in.in_range(0, 5);
  for (int h = 0; h < households; ++h)
    lists.capacity.push_back(in.byte() % 32 == 0 ? -1 : in.in_range(0, 3));
  lists.person_ranks =
      read_lists(in, std::max(lists.people, 0) + (in.byte() % 32 == 0), households);
  lists.household_ranks = read_lists(in, households, std::max(lists.people, 0));

  slmatch::ranked_pairs pairs;
  try {
    pairs = slmatch::rank_pairs(lists);
  } catch (const slmatch::error&) {
    return 0; // refused
  }
  const auto by_people = slmatch::deferred_acceptance(pairs, slmatch::proposing_side::people);
  const auto by_households =
      slmatch::deferred_acceptance(pairs, slmatch::proposing_side::households);
  check_plan(pairs, by_people);
  check_plan(pairs, by_households);
  if (by_people.matched != by_households.matched) std::abort();

  // Any plan at all: refused with a library error or answered.
  std::vector<int> any_plan(
      static_cast<std::size_t>(in.byte() % 16 == 0 ? pairs.people + 1 : pairs.people));
  for (int& h : any_plan) h = in.byte() % 2 == 0 ? -1 : in.index(households);
  try {
    (void)slmatch::blocking_pairs(pairs, any_plan);
  } catch (const slmatch::error&) {
  }
  return 0;
}
