#pragma once
/// Who else a change moves: the people whose proposed household differs between two plans
/// of the same scheme.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/wording.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace slmatch {

/// One person whose proposal differs between two plans.
struct plan_move {
  std::size_t person = 0;
  int from = -1; ///< household index in the first plan, or -1
  int to = -1;   ///< household index in the second plan, or -1
};

/// Everyone but `except` whose household differs between `before` and `after`, in person
/// order.
inline std::vector<plan_move> plan_moves(const std::vector<int>& before,
                                         const std::vector<int>& after, std::size_t except) {
  std::vector<plan_move> moves;
  for (std::size_t p = 0; p < before.size() && p < after.size(); ++p)
    if (p != except && before[p] != after[p]) moves.push_back({p, before[p], after[p]});
  return moves;
}

/// "P09 (H04 to H07), P12 (no household to H04)".
inline std::string describe_moves(const scheme& s, const std::vector<plan_move>& moves) {
  const auto where = [&](int h) {
    return h < 0 ? std::string("no household") : s.households[static_cast<std::size_t>(h)].id;
  };
  std::vector<std::string> items;
  for (const auto& m : moves)
    items.push_back(s.people[m.person].id + " (" + where(m.from) + " to " + where(m.to) + ")");
  return wording::join_with(items, ", ");
}

/// ", and no one else's proposal changes" or ", and 2 other people's proposals change: …".
inline std::string moves_clause(const scheme& s, const std::vector<plan_move>& moves) {
  if (moves.empty()) return ", and no one else's proposal changes";
  return ", and " +
         (moves.size() == 1 ? std::string("1 other person's proposal changes")
                            : std::to_string(moves.size()) + " other people's proposals change") +
         ": " + describe_moves(s, moves);
}

} // namespace slmatch
