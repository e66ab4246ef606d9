#pragma once
/// Whom to recruit and train: the carer skills, approvals and home adaptations that keep
/// the most people waiting from a household, and the areas where people have none in reach.
///
/// In: a scheme and the plan `match` proposed for it (household per person) with its
/// objective. Out:
/// - one `recruitment_need` per skill, need approval, support-level approval or home
///   feature that is, on its own, all that stops some household from suiting some person
///   the plan leaves unmatched: those people ("blocked"), those households, and what
///   re-solving shows when every one of those households gains it (people newly matched,
///   and anyone who would lose their proposal). Ordered by people blocked, most first,
///   then by kind and value.
/// - one `recruitment_area` per area (the audit's map grid) holding people the plan leaves
///   unmatched for whom no household passes every rule: where a new carer is most needed.
///   Counts below the small-group size are withheld, as the audit withholds them.
///
/// Complexity: every household is tested against every unmatched person once on the encoded
/// masks, then one full scoring and solve per need confirmed (at most `max_confirmed`).

#include "slmatch/advice/scheme_edit.hpp"
#include "slmatch/audit/audit.hpp"
#include "slmatch/match.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace slmatch {

/// What to count and confirm.
struct recruitment_options {
  objective goal = objective::max_matched_then_total; ///< the objective the plan was solved for
  int max_confirmed = 10;     ///< needs confirmed by re-solving, most blocked first (>= 0)
  double area_cell_km = 10.0; ///< side of the audit's area squares (> 0)
  int small_group_size = 5;   ///< area counts below this are withheld (>= 0)
  int threads = 1;            ///< threads per re-solve; the result is the same for any number
};

/// A skill, approval or adaptation and the people it alone keeps from a household.
struct recruitment_need {
  edit_kind kind = edit_kind::train_skill;    ///< train_skill, approve_need,
                                              ///< approve_support_level or add_home_feature
  std::uint8_t value = 0;                     ///< index in the skill, need, level or feature list
  std::vector<std::size_t> blocked;           ///< unmatched people, in person order
  std::vector<std::size_t> households;        ///< households lacking only this for one of them
  bool confirmed = false;                     ///< re-solved with every such household given it
  std::vector<std::size_t> newly_matched;     ///< of `blocked` and other unmatched people
  std::vector<std::size_t> no_longer_matched; ///< people matched before and not after
  std::string summary;                        ///< one sentence
};

/// People without any suitable household in one area.
struct recruitment_area {
  std::string area;      ///< the audit's label for the grid square
  int people = 0;        ///< unmatched people living there with no suitable household
  bool withheld = false; ///< fewer than the small-group size: `people` is 0
};

/// The recruitment summary for a scheme.
struct recruitment_summary {
  std::vector<recruitment_need> needs;
  std::vector<recruitment_area> areas; ///< most people first, then by label
};

/// The need given to every household it lists: the edits a confirmation re-solves with.
inline std::vector<scheme_edit> need_edits(const recruitment_need& need) {
  std::vector<scheme_edit> edits;
  for (std::size_t h : need.households) {
    scheme_edit e;
    e.kind = need.kind;
    e.value = need.value;
    e.household = h;
    edits.push_back(e);
  }
  return edits;
}

namespace detail {

inline std::string need_phrase(edit_kind kind, std::uint8_t value) {
  switch (kind) {
  case edit_kind::train_skill:
    return "carers trained in " + wording::name(static_cast<specialist_skill>(value));
  case edit_kind::approve_need:
    return "carers approved to support " + wording::name(static_cast<need_category>(value));
  case edit_kind::approve_support_level:
    return "carers approved up to " + wording::name(static_cast<support_level>(value)) + " support";
  case edit_kind::add_home_feature:
    return "homes with " + wording::name(static_cast<home_feature>(value));
  default:
    return "";
  }
}

inline std::string need_sentence(const recruitment_need& n) {
  std::string text =
      wording::capitalise(need_phrase(n.kind, n.value)) + ": " +
      wording::count_of(static_cast<long long>(n.blocked.size()), "person waiting is",
                        "people waiting are") +
      " kept from a household by this alone, at " +
      wording::count_of(static_cast<long long>(n.households.size()), "household", "households") +
      ".";
  if (n.confirmed) {
    text += " With all of them changed, matching again proposes a household for " +
            wording::count_of(static_cast<long long>(n.newly_matched.size()), "person", "people") +
            " now waiting";
    if (!n.no_longer_matched.empty())
      text += " and none for " +
              wording::count_of(static_cast<long long>(n.no_longer_matched.size()), "person",
                                "people") +
              " who had one";
    text += ".";
  }
  return text;
}

} // namespace detail

/// The recruitment summary (see the top of this file).
///
/// @param[in] s             a validated scheme
/// @param[in] household_of  the plan `match(s)` proposed with `options.goal`
/// @param[in] options       objective, how many needs to confirm, the area grid
/// @throws slmatch::error when the plan does not fit the scheme or an option is out of range
/// \note  Deterministic: the same scheme, plan and options give the same summary.
inline recruitment_summary recruitment(const scheme& s, const std::vector<int>& household_of,
                                       const recruitment_options& options = {}) {
  if (household_of.size() != s.people.size())
    throw error("plan has " + std::to_string(household_of.size()) + " entries for " +
                std::to_string(s.people.size()) + " people");
  if (options.max_confirmed < 0 || options.small_group_size < 0)
    throw error("max confirmed and small group size must be >= 0");
  if (!(options.area_cell_km > 0.0) || !std::isfinite(options.area_cell_km))
    throw error("area cell size must be a number of km above 0");

  using namespace rule_bits;
  // Failures that one recruitable edit can lift: one missing need, skill or feature, or a
  // support level approved too low.
  constexpr std::uint64_t recruitable = span(need_not_approved, 9) | span(skill_missing, 8) |
                                        span(feature_missing, 4) | span(support_below, 3);
  const scheme_features features = encode_scheme(s);
  std::map<std::pair<edit_kind, std::uint8_t>, recruitment_need> needs;
  std::map<area_cell, int> without_household;
  for (std::size_t p = 0; p < s.people.size(); ++p) {
    if (household_of[p] >= 0) continue;
    const std::uint64_t person_bits = features.person_rule_bits[p];
    const auto view = detail::view_person(features, p);
    bool any_suitable = false;
    for (std::size_t h = 0; h < s.households.size(); ++h) {
      // The masks first: most households fail on more than one recruitable bit, or on
      // another rule, and need no closer look.
      const std::uint64_t bits = person_bits & features.household_rule_bits[h];
      const bool one_need = (bits & ~recruitable) == 0 && (bits & span(support_below, 3)) != 0
                                ? (bits & ~span(support_below, 3)) == 0
                                : __builtin_popcountll(bits) == 1 && (bits & recruitable) != 0;
      if (bits != 0 && !one_need) continue;
      if (detail::find_blocked(view, static_cast<std::int32_t>(h)) != nullptr ||
          !detail::within_travel(features, view, h))
        continue;
      if (bits == 0) {
        any_suitable = true;
        continue;
      }
      scheme_edit e;
      e.household = h;
      if ((bits & span(support_below, 3)) != 0) {
        e.kind = edit_kind::approve_support_level;
        e.value = static_cast<std::uint8_t>(s.people[p].support);
      } else {
        const auto bit = static_cast<unsigned>(__builtin_ctzll(bits));
        if (bit >= feature_missing) {
          e.kind = edit_kind::add_home_feature;
          e.value = static_cast<std::uint8_t>(bit - feature_missing);
        } else if (bit >= skill_missing) {
          e.kind = edit_kind::train_skill;
          e.value = static_cast<std::uint8_t>(bit - skill_missing);
        } else {
          e.kind = edit_kind::approve_need;
          e.value = static_cast<std::uint8_t>(bit - need_not_approved);
        }
      }
      recruitment_need& need = needs[{e.kind, e.value}];
      need.kind = e.kind;
      need.value = e.value;
      if (need.blocked.empty() || need.blocked.back() != p) need.blocked.push_back(p);
      need.households.push_back(h);
    }
    if (!any_suitable) ++without_household[area_of(s.people[p].location, options.area_cell_km)];
  }

  recruitment_summary summary;
  for (auto& [key, need] : needs) {
    std::sort(need.households.begin(), need.households.end());
    need.households.erase(std::unique(need.households.begin(), need.households.end()),
                          need.households.end());
    summary.needs.push_back(std::move(need));
  }
  std::stable_sort(summary.needs.begin(), summary.needs.end(),
                   [](const recruitment_need& a, const recruitment_need& b) {
                     return a.blocked.size() > b.blocked.size();
                   });
  for (std::size_t i = 0; i < summary.needs.size(); ++i) {
    recruitment_need& need = summary.needs[i];
    if (static_cast<int>(i) < options.max_confirmed) {
      const capacitated_plan plan =
          plan_scheme(with_edits(s, need_edits(need)), options.goal, options.threads);
      for (std::size_t p = 0; p < s.people.size(); ++p) {
        if (household_of[p] < 0 && plan.household_of[p] >= 0) need.newly_matched.push_back(p);
        if (household_of[p] >= 0 && plan.household_of[p] < 0) need.no_longer_matched.push_back(p);
      }
      need.confirmed = true;
    }
    need.summary = detail::need_sentence(need);
  }

  for (const auto& [cell, count] : without_household) {
    recruitment_area area;
    area.area = area_label(cell, options.area_cell_km);
    area.withheld = count < options.small_group_size;
    area.people = area.withheld ? 0 : count;
    summary.areas.push_back(area);
  }
  std::stable_sort(
      summary.areas.begin(), summary.areas.end(),
      [](const recruitment_area& a, const recruitment_area& b) { return a.people > b.people; });
  return summary;
}

} // namespace slmatch
