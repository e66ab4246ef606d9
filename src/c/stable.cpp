// Stable matching and proposal rounds through the C interface. The rounds' state travels
// as JSON ("slmatch-proposal-rounds"), so a case system can keep it between rounds.

#include "abi.hpp"
#include "options.hpp"

#include "slmatch/io/proposal_rounds_json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/proposal_rounds.hpp"
#include "slmatch/stable/scheme_stable.hpp"
#include "slmatch/stable/views.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

using namespace slmatch::c_abi;

namespace {

/// The value of "format" in `slmatch_stable_json`'s document.
constexpr std::string_view stable_plan_format = "slmatch-stable-plan";

/// Where `wanted` stands in one row of ranked lists: 1 for first, with the entry's offset.
std::pair<int, std::size_t> rank_in(const slmatch::ranked_lists& lists, std::size_t row,
                                    int wanted) {
  const auto first = lists.entries.begin() + static_cast<std::ptrdiff_t>(lists.first[row]);
  const auto last = lists.entries.begin() + static_cast<std::ptrdiff_t>(lists.first[row + 1]);
  const auto at = std::find(first, last, wanted);
  return {static_cast<int>(at - first) + 1, static_cast<std::size_t>(at - lists.entries.begin())};
}

/// How stable a plan with required groups is: whether anything blocks it, whether no stable
/// plan exists, which method gave it, the groups, and what blocks it, by id.
nlohmann::json stability_json(const slmatch::scheme& s, const slmatch::scheme_stable_plan& found) {
  const auto& result = found.result;
  const auto group_id = [&](int g) -> const std::string& {
    return s.groups[found.groups.index[static_cast<std::size_t>(g)]].id;
  };
  nlohmann::json groups = nlohmann::json::array();
  for (std::size_t g = 0; g < found.groups.size(); ++g)
    groups.push_back(group_id(static_cast<int>(g)));
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& b : result.blocking.people)
    pairs.push_back({{"person", s.people[static_cast<std::size_t>(b.person)].id},
                     {"household", s.households[static_cast<std::size_t>(b.household)].id}});
  nlohmann::json blocking_groups = nlohmann::json::array();
  for (const auto& b : result.blocking.groups)
    blocking_groups.push_back(
        {{"group", group_id(b.group)},
         {"household", s.households[static_cast<std::size_t>(b.household)].id}});
  return {{"stable", result.stable},
          {"proven_none", result.proven_none},
          {"method", slmatch::to_string(result.method)},
          {"required_groups", std::move(groups)},
          {"blocking_pairs", std::move(pairs)},
          {"blocking_groups", std::move(blocking_groups)}};
}

nlohmann::json stable_plan_json(const slmatch::scheme& s, const stable_request& request) {
  slmatch::group_stable_options options;
  options.side = request.side;
  const slmatch::scheme_stable_plan found = slmatch::stable_match(s, request.views, options);
  const slmatch::scheme_views& views = found.views;
  const slmatch::stable_plan& plan = found.result.plan;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    const int h = plan.household_of[p];
    nlohmann::json row = {{"person", s.people[p].id}};
    if (h < 0) {
      row.update({{"household", nullptr},
                  {"person_rank", 0},
                  {"household_rank", 0},
                  {"person_score", nullptr},
                  {"household_score", nullptr}});
    } else {
      const auto [person_rank, person_entry] = rank_in(views.lists.person_ranks, p, h);
      const auto [household_rank, household_entry] =
          rank_in(views.lists.household_ranks, static_cast<std::size_t>(h), static_cast<int>(p));
      row.update(
          {{"household", s.households[static_cast<std::size_t>(h)].id},
           {"person_rank", person_rank},
           {"household_rank", household_rank},
           {"person_score", slmatch::round_points(views.person_scores[person_entry])},
           {"household_score", slmatch::round_points(views.household_scores[household_entry])}});
    }
    rows.push_back(std::move(row));
  }
  nlohmann::json document = {{"format", stable_plan_format},
                             {"version", 1},
                             {"proposing", slmatch::to_string(request.side)},
                             {"plan", std::move(rows)}};
  // Only schemes with required groups say how stable the plan is: without them it always is.
  if (!found.groups.empty()) document["stability"] = stability_json(s, found);
  return document;
}

/// A proposal round's argument that names a vocabulary value, refused as an argument.
template <class E> E argument_name(const char* name, const char* field, std::string record) {
  const std::string given = required_text(name, field);
  try {
    return slmatch::parse_name<E>(given, std::move(record), field);
  } catch (const slmatch::validation_error& invalid) {
    throw failure(SLMATCH_INVALID_ARGUMENT, invalid.problems());
  }
}

/// Check that an id names someone in the rounds.
void require_listed(const std::vector<std::string>& ids, const std::string& id, const char* field,
                    const char* kind) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end())
    refuse_argument("arguments", field, "no " + std::string(kind) + " with id \"" + id + "\"");
}

/// Run a step of the rounds: refusals by the rules come back as SLMATCH_REFUSED.
template <class Step> void refused_as(Step&& step) {
  try {
    step();
  } catch (const slmatch::validation_error& refused) {
    throw failure(SLMATCH_REFUSED, refused.problems());
  }
}

void adopt(slmatch::proposal_rounds&& state, slmatch_rounds** out) {
  auto handle = std::make_unique<slmatch_rounds>(slmatch_rounds{std::move(state)});
  register_handle(handle.get(), rounds_kind);
  *out = handle.release();
}

} // namespace

extern "C" {

slmatch_status slmatch_stable_json(const slmatch_scheme* scheme, const char* options_json,
                                   char** json) {
  return guarded([&] {
    const auto& s = *checked(scheme, scheme_kind)->scheme;
    required_out(json, "json");
    give_string(stable_plan_json(s, stable_request_from(options_json)).dump(2) + "\n", json);
  });
}

slmatch_status slmatch_rounds_start(const slmatch_scheme* scheme, const char* options_json,
                                    slmatch_rounds** rounds) {
  return guarded([&] {
    const auto& s = *checked(scheme, scheme_kind)->scheme;
    required_out(rounds, "rounds");
    const stable_request request = stable_request_from(options_json);
    adopt(slmatch::start_rounds(s, request.views, request.side), rounds);
  });
}

slmatch_status slmatch_rounds_from_json(const char* json, size_t length, slmatch_rounds** rounds) {
  return guarded([&] {
    required_out(rounds, "rounds");
    if (json == nullptr && length > 0) refuse_argument("arguments", "json", "must not be NULL");
    nlohmann::json document;
    try {
      document = nlohmann::json::parse(std::string_view(json == nullptr ? "" : json, length));
    } catch (const nlohmann::json::parse_error& e) {
      throw slmatch::validation_error(
          {{"proposal_rounds", "", std::string("is not JSON: ") + e.what()}});
    } catch (const nlohmann::json::exception&) {
      throw slmatch::validation_error({{"proposal_rounds", "", "holds a number out of range"}});
    }
    adopt(slmatch::proposal_rounds_from_json(document), rounds);
  });
}

slmatch_status slmatch_rounds_json(const slmatch_rounds* rounds, char** json) {
  return guarded([&] {
    const auto& r = checked(rounds, rounds_kind)->rounds;
    required_out(json, "json");
    give_string(slmatch::proposal_rounds_to_json(r).dump(2) + "\n", json);
  });
}

slmatch_status slmatch_rounds_answer(slmatch_rounds* rounds, const char* person_id,
                                     const char* household_id, const char* by, int accept,
                                     const char* reason) {
  return guarded([&] {
    auto& r = checked(rounds, rounds_kind)->rounds;
    const std::string person = required_text(person_id, "person_id");
    const std::string household = required_text(household_id, "household_id");
    require_listed(r.person_ids(), person, "person_id", "person");
    require_listed(r.household_ids(), household, "household_id", "household");
    const auto side = argument_name<slmatch::answer_side>(by, "by", "person " + person);
    std::optional<slmatch::decline_reason> why;
    if (reason != nullptr)
      why = argument_name<slmatch::decline_reason>(reason, "reason", "person " + person);
    refused_as([&] { r.answer(person, household, side, accept != 0, why); });
  });
}

slmatch_status slmatch_rounds_next(slmatch_rounds* rounds) {
  return guarded([&] {
    auto& r = checked(rounds, rounds_kind)->rounds;
    refused_as([&] { r.next_round(); });
  });
}

slmatch_status slmatch_rounds_free(slmatch_rounds* rounds) {
  return free_handle(rounds, rounds_kind);
}

} // extern "C"
