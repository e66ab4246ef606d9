#pragma once
/// Proposal rounds as JSON, so a case system can keep the state between rounds.
///
/// Format "slmatch-proposal-rounds", version 1: people and households by id with their
/// lists, the accepted and declined pairs with their rounds, and the current round's
/// introductions with each side's answer so far. Loading replays the answers round by round
/// through the same rules (`proposal_rounds::answer`, `next_round`), so a state that could
/// not have been reached (a pair accepted that was never introduced, an introduction that
/// is not the round's plan) is refused with errors naming the record and field.
///
/// Groups introduced together add fields only when the rounds have groups, so states without
/// them read and write as before: "groups" (each group's "id" and "members" by person id);
/// on a group's introduction, "group" and "member_answers" (each member's "person" and
/// "answer", in group order); on an accepted member's entry and a group's decline, "group".
///
/// Compiled in `slmatch::io` (src/io/proposal_rounds_json.cpp).

#include "slmatch/stable/proposal_rounds.hpp"

#include <nlohmann/json.hpp>

namespace slmatch {

/// The state as JSON (see the file comment); `proposal_rounds_from_json` reads it back.
///
/// @param[in] rounds  the state
/// @return  the document, keys in sorted order
nlohmann::json proposal_rounds_to_json(const proposal_rounds& rounds);

/// Read a state written by `proposal_rounds_to_json`, replaying its answers round by round.
///
/// @param[in] document  the JSON document
/// @return  the state, equal to the one written
/// @throws slmatch::validation_error listing the problems, each naming its record
///         ("proposal_rounds", "person P01", "household H02") and field ("round",
///         "preferences", "accepted[2].household", …): missing or mistyped fields, unknown
///         ids or names, and answers that could not have been given in that order
proposal_rounds proposal_rounds_from_json(const nlohmann::json& document);

} // namespace slmatch
