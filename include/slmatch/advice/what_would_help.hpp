#pragma once
/// What would help: for a person the plan leaves without a household, the smallest changes
/// to the scheme that would give them one, each checked against the re-solved plan.
///
/// In: a scheme and the result `match` gave for it with an objective; people the plan
/// leaves unmatched. Out: up to `max_options` changes per person (a household with one more
/// place, a carer trained in a skill, an approval for a need or a support level, an
/// adaptation to the home, a wider travel limit), smallest first, each with a household
/// the re-solved plan proposes for the person and who else it moves.
///
/// Candidates: every household yields the edits that would make it pass every hard rule for
/// the person (`pair_edits`; households that fail a rule no edit changes are skipped), or,
/// when it already passes but is full, one more place. Candidates are ordered by the number
/// of edits, then by the score the person would have there (highest first), then by
/// household id, with repeated edit sets dropped; at most `max_checks` are checked.
///
/// How a change is checked, without groups: from the plan's certificate (`residual_paths`).
/// The changed scheme differs from the old one only at the person and at the one household
/// changed, so
/// - a plan for it that places the person is built from the old plan: the person enters the
///   household and, if it is full, the cheapest chain of moves frees a place there (or, for
///   one more place, the best chain of moves that starts from the person and ends there);
///   its objective is a lower bound on the changed scheme's optimum;
/// - the changed scheme without the person can gain over the old optimum at most the best
///   path into the household's new place from any other start (exact), or, when the change
///   also opens the household to other people, what the certificate's prices allow once the
///   household's price is raised to cover their new pairs (an LP bound).
/// A change is reported only when the first is larger than the second: then every optimal
/// plan of the changed scheme gives the person a household (`every_best_plan`), and the
/// plan built is one of them. This is exact for one more place at a household that suits
/// the person; with other changes the bound may leave out a change that would help.
///
/// With groups the plan is not a flow, so each change is applied to a copy of the scheme
/// and the whole plan is solved again with `plan_scheme`, the pipeline `match` runs: a change
/// is reported when matching the edited scheme proposes a household for the person, and the
/// household and moves are that plan's.
///
/// Complexity: without groups, two Dijkstra searches over the plan's edges for all people,
/// then per candidate a pass over the people's rule masks (once per household and change);
/// with groups, one full scoring and solve per check.

#include "slmatch/advice/plan_moves.hpp"
#include "slmatch/advice/scheme_edit.hpp"
#include "slmatch/candidates/pair_scorer.hpp"
#include "slmatch/match.hpp"
#include "slmatch/parallel.hpp"
#include "slmatch/solve/residual_paths.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// How much to look for.
struct help_options {
  objective goal = objective::max_matched_then_total; ///< the objective the plan was solved for
  int max_options = 3;                                ///< changes reported per person (>= 0)
  int max_checks = 12; ///< candidate changes checked per person (>= 0)
  /// Without groups: re-solves allowed in all, for changes the certificate proves but cannot
  /// describe the best plans of (see the top of this file); such changes are left out once
  /// they are used up.
  std::size_t max_solves = static_cast<std::size_t>(-1);
  int threads = 1; ///< threads per re-solve; the result is the same for any number
};

/// One change that gives the person a household.
struct help_option {
  std::vector<scheme_edit> edits; ///< applied together
  std::size_t opened = 0;         ///< the household the edits were derived from
  std::size_t household = 0;      ///< where the plan found places the person
  double score = 0.0;             ///< the person's score there, in the edited scheme
  std::vector<plan_move> moves;   ///< everyone else whose proposal changes in that plan
  /// True: every optimal plan of the edited scheme gives the person a household, and
  /// `household` and `moves` describe one of them. False (schemes with groups): matching
  /// the edited scheme again proposes exactly `household` and `moves`.
  bool every_best_plan = false;
  std::string summary; ///< one sentence
};

/// What would help one person.
struct help_for_person {
  std::size_t person = 0;
  std::vector<help_option> options; ///< smallest first
  int candidates = 0;               ///< households some change of these kinds could open
  int checked = 0;                  ///< changes checked
  int solved = 0;                   ///< changes checked by matching the edited scheme again
  std::string summary;              ///< one sentence
};

namespace detail {

/// A change to try: its edits (sorted), the household it opens and the person's score there.
struct help_candidate {
  std::vector<scheme_edit> edits;
  std::size_t household = 0;
  double score = 0.0;
};

/// The candidates in checking order, at most `wanted`: households are taken a whole level
/// of edit count at a time (counted from the masks), so no smaller change is ever left out
/// for a larger one; within a level, by the person's score there as the scheme stands
/// (highest first), then by household id, with repeated edit sets dropped. With `places`
/// false, households that already suit the person are left out (one more place there is
/// decided elsewhere). `openable` receives how many households some change could open.
inline std::vector<help_candidate> help_candidates(const scheme& s, const scheme_features& f,
                                                   const plan_occupants& occupants,
                                                   std::size_t person, std::size_t wanted,
                                                   bool places, int& openable) {
  const auto view = view_person(f, person);
  // Households by the edits their masks need; the travel test, dearer, only as levels are
  // reached: a household needing c mask edits is at level c within reach, c + 1 beyond.
  std::vector<std::vector<std::int32_t>> by_masks;
  openable = 0;
  for (std::size_t h = 0; h < s.households.size(); ++h) {
    household_failure failure;
    failure.bits = view.rule_bits & f.household_rule_bits[h];
    if ((failure.bits & ~editable_rule_bits) != 0) continue;
    failure.blocked = find_blocked(view, static_cast<std::int32_t>(h)) != nullptr;
    const int count = edit_count(s, failure, s.households[h]);
    if (count < 0) continue;
    if (by_masks.size() <= static_cast<std::size_t>(count)) by_masks.resize(count + 1);
    by_masks[static_cast<std::size_t>(count)].push_back(static_cast<std::int32_t>(h));
    if (count > 0) ++openable;
  }
  std::vector<std::vector<std::int32_t>> levels(by_masks.size() + 1);
  const auto split = [&](std::size_t count) { // reach decided for one mask count
    for (std::int32_t h : by_masks[count]) {
      const bool out = !within_travel(f, view, static_cast<std::size_t>(h));
      if (count > 0) {
        levels[count + (out ? 1 : 0)].push_back(h);
      } else if (out) {
        ++openable;
        levels[1].push_back(h);
      } else { // suits already: only one more place could help, if it is full
        const household& home = s.households[static_cast<std::size_t>(h)];
        const bool full = occupants.count(static_cast<std::size_t>(h)) >=
                          static_cast<std::size_t>(effective_capacity(s.policy, home));
        if (full && home.places < std::min(most_places, s.policy.household_cap)) {
          ++openable;
          if (places) levels[1].push_back(h);
        }
      }
    }
  };
  if (!by_masks.empty()) split(0);
  std::vector<help_candidate> found;
  std::vector<std::vector<scheme_edit>> seen;
  std::vector<double> scores;
  for (std::size_t count = 1; count < levels.size() && found.size() < wanted; ++count) {
    if (count < by_masks.size()) split(count);
    const auto& level = levels[count];
    scores.assign(level.size(), 0.0);
    score_households(f, person, level.data(), level.size(), scores.data());
    std::vector<std::pair<std::int64_t, std::size_t>> order(level.size()); // (-weight, index)
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = {-score_to_weight(scores[k]), k};
    const auto before = [&](const std::pair<std::int64_t, std::size_t>& a,
                            const std::pair<std::int64_t, std::size_t>& b) {
      if (a.first != b.first) return a.first < b.first;
      return s.households[static_cast<std::size_t>(level[a.second])].id <
             s.households[static_cast<std::size_t>(level[b.second])].id;
    };
    // Usually the first few suffice; the rest is sorted only when they do not.
    const std::size_t head = std::min(order.size(), 2 * wanted + 8);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(head), order.end(),
                      before);
    for (std::size_t rank = 0; rank < order.size() && found.size() < wanted; ++rank) {
      if (rank == head)
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(head), order.end(), before);
      const auto h = static_cast<std::size_t>(level[order[rank].second]);
      auto edits = pair_edits(s, person, h);
      if (!edits) continue;
      if (edits->empty()) {
        scheme_edit place;
        place.household = h;
        edits->push_back(place);
      }
      std::sort(edits->begin(), edits->end());
      if (std::find(seen.begin(), seen.end(), *edits) != seen.end()) continue;
      slmatch::person who = s.people[person];
      household where = s.households[h];
      for (const auto& e : *edits) apply_edit(who, where, e);
      const pair_assessment after = assess(s, who, where);
      if (!after.feasible) continue; // the edits do not open it after all
      seen.push_back(*edits);
      found.push_back({std::move(*edits), h, after.score});
    }
  }
  return found;
}

inline std::string describe_edits(const scheme& s, const std::vector<scheme_edit>& edits) {
  std::vector<std::string> parts;
  for (const auto& e : edits) parts.push_back(describe_edit(s, e));
  return wording::join_list(parts);
}

/// The options in reporting order, at most `max_options`, and the person's summary.
inline void finish_help(const scheme& s, help_for_person& help, const help_options& options) {
  // Fewest edits first; then changes that leave no one else without a household; then the
  // fewest other people moved; then the best score; then by household id.
  const auto losers = [](const help_option& o) {
    return std::count_if(o.moves.begin(), o.moves.end(),
                         [](const plan_move& m) { return m.to < 0; });
  };
  std::stable_sort(help.options.begin(), help.options.end(),
                   [&](const help_option& a, const help_option& b) {
                     return std::make_tuple(a.edits.size(), losers(a), a.moves.size(), -a.score,
                                            s.households[a.household].id) <
                            std::make_tuple(b.edits.size(), losers(b), b.moves.size(), -b.score,
                                            s.households[b.household].id);
                   });
  if (help.options.size() > static_cast<std::size_t>(options.max_options))
    help.options.resize(static_cast<std::size_t>(options.max_options));

  const std::string& id = s.people[help.person].id;
  if (!help.options.empty()) {
    help.summary = help.options.front().summary;
  } else if (help.candidates == 0) {
    help.summary = "No change to a household's places, bedrooms, skills, approvals or home, or "
                   "to " +
                   id + "'s travel limit, would make any household suitable for " + id +
                   ": every household fails a rule such changes cannot alter.";
  } else {
    help.summary = "None of the " + wording::count_of(help.checked, "change", "changes") +
                   " checked would give " + id +
                   " a household: each time the plan gives the place to someone else.";
  }
}

/// What would help one person, each candidate checked by matching the edited scheme again.
inline help_for_person help_by_resolving(const scheme& s, const scheme_features& features,
                                         const std::vector<int>& household_of, std::size_t person,
                                         const help_options& options) {
  const std::string& id = s.people[person].id;
  help_for_person help;
  help.person = person;
  const auto candidates =
      help_candidates(s, features, plan_occupants(s.households.size(), household_of), person,
                      static_cast<std::size_t>(options.max_checks), true, help.candidates);
  for (const auto& candidate : candidates) {
    if (help.checked >= options.max_checks) break;
    ++help.checked;
    ++help.solved;
    const scheme edited = with_edits(s, candidate.edits);
    const capacitated_plan plan = plan_scheme(edited, options.goal, options.threads);
    const int placed = plan.household_of[person];
    if (placed < 0) continue;
    help_option option;
    option.edits = candidate.edits;
    option.opened = candidate.household;
    option.household = static_cast<std::size_t>(placed);
    option.score = assess(edited, edited.people[person], edited.households[option.household]).score;
    option.moves = plan_moves(household_of, plan.household_of, person);
    option.summary = "If " + describe_edits(s, candidate.edits) + ", the plan would propose " +
                     edited.households[option.household].id + " for " + id +
                     moves_clause(s, option.moves) + ".";
    help.options.push_back(std::move(option));
  }
  finish_help(s, help, options);
  return help;
}

/// What would help, each candidate checked on the plan's residual paths (see the top of
/// this file), for many people at once: the checks run in parallel, then the changes only
/// matching again can describe are re-solved in the order the people were given, within
/// `max_solves`.
class help_by_paths {
public:
  help_by_paths(const scheme& s, const scheme_features& features, const match_result& result,
                const help_options& options, const residual_paths* paths)
      : s_(s), f_(features), result_(result), options_(options),
        owned_(paths != nullptr ? std::nullopt
                                : std::optional<residual_paths>(std::in_place, result.problem,
                                                                result.plan, options.threads)),
        paths_(paths != nullptr ? *paths : *owned_),
        occupants_(s.households.size(), result.plan.household_of), places_(s.people.size()) {
    // One more place at a household helps exactly the start of its best path, when no path
    // from anyone else gains as much.
    for (std::size_t h = 0; h < s.households.size(); ++h) {
      if (s.households[h].places >= std::min(most_places, s.policy.household_cap)) continue;
      auto path = paths_.fill(h, 0);
      if (path && path->start != residual_paths::plan_start &&
          path->gain > paths_.fill_gain_without(h, path->start))
        places_[static_cast<std::size_t>(path->start)].push_back({h, std::move(*path)});
    }
    for (auto& places : places_)
      std::sort(places.begin(), places.end(), [&](const auto& a, const auto& b) {
        if (a.second.gain != b.second.gain) return a.second.gain > b.second.gain;
        return s_.households[a.first].id < s_.households[b.first].id;
      });
    for (std::size_t r = 0; r < f_.people; ++r) {
      views_.push_back(detail::view_person(f_, r));
      for (unsigned bit = 0; bit < 64; ++bit)
        if ((f_.person_rule_bits[r] >> bit & 1u) != 0)
          with_bit_[bit].push_back(static_cast<std::uint32_t>(r));
    }
  }

  std::vector<help_for_person> operator()(const std::vector<std::size_t>& people) {
    std::vector<help_for_person> all(people.size());
    std::vector<std::vector<help_candidate>> pending(people.size());
    // One range per thread, so each range's cache serves as many people as it can.
    const auto threads = static_cast<std::size_t>(std::max(options_.threads, 1));
    for_each_range(people.size(), std::max<std::size_t>(1, (people.size() + threads - 1) / threads),
                   options_.threads, [&](std::size_t first, std::size_t last) {
                     excess_cache cache;
                     for (std::size_t k = first; k < last; ++k)
                       all[k] = check_person(people[k], cache, pending[k]);
                   });
    std::size_t solves = 0;
    for (std::size_t k = 0; k < people.size(); ++k) {
      for (const help_candidate& candidate : pending[k]) {
        if (solves >= options_.max_solves) break;
        ++solves;
        ++all[k].solved;
        const scheme edited = with_edits(s_, candidate.edits);
        const auto household_of = plan_scheme(edited, options_.goal, options_.threads).household_of;
        const std::size_t person = people[k];
        if (household_of[person] < 0) continue; // the bound rules this out
        const auto at = static_cast<std::size_t>(household_of[person]);
        all[k].options.push_back(
            describe(person, candidate.edits, candidate.household, at,
                     plan_moves(result_.plan.household_of, household_of, person),
                     assess(edited, edited.people[person], edited.households[at]).score));
      }
      finish_help(s_, all[k], options_);
    }
    return all;
  }

private:
  /// Per household and changed rule mask: the two largest excesses of the people newly
  /// suited, with whom they belong to.
  using excess_cache = std::map<std::pair<std::size_t, std::uint64_t>,
                                std::array<std::pair<std::int64_t, std::size_t>, 2>>;

  /// Every change checked for one person; those proven that only matching again can
  /// describe go to `pending`.
  help_for_person check_person(std::size_t person, excess_cache& cache,
                               std::vector<help_candidate>& pending) const {
    help_for_person help;
    help.person = person;
    for (const auto& [h, path] : places_[person]) {
      if (help.checked >= options_.max_checks) break;
      ++help.checked;
      scheme_edit place;
      place.household = h;
      auto [at, moved] = split_moves(path.moves, person);
      const double score = score_pair(f_, person, at);
      help.options.push_back(describe(person, {place}, h, at, std::move(moved), score));
    }
    const auto candidates = help_candidates(
        s_, f_, occupants_, person, static_cast<std::size_t>(options_.max_checks - help.checked),
        false, help.candidates);
    for (const auto& candidate : candidates) {
      if (help.checked >= options_.max_checks) break;
      ++help.checked;
      check(person, candidate, cache, help, pending);
    }
    return help;
  }

  /// The person's weight at a household in the plan's units, with the objective's bonus.
  std::int64_t adjusted(double score) const {
    return score_to_weight(score) + result_.plan.certificate.bonus;
  }

  /// Of the people other than `person` whom `edited` (household `h` changed) newly suits,
  /// the largest weight above what the prices already cover (may be negative), or nothing
  /// when there are none.
  std::optional<std::int64_t> newly_suited_excess(std::size_t h, const household& edited,
                                                  std::size_t person, excess_cache& cache) const {
    const std::uint64_t before = f_.household_rule_bits[h];
    const std::uint64_t after = detail::household_mask(s_.policy, edited);
    if ((before & ~after) == 0) return std::nullopt;
    auto [found, fresh] = cache.try_emplace({h, after});
    auto& best = found->second;
    if (fresh) {
      best.fill({std::numeric_limits<std::int64_t>::min(), s_.people.size()});
      const auto& prices = result_.plan.certificate;
      const auto target = static_cast<std::int32_t>(h);
      detail::block_scratch scratch;
      const std::uint64_t cleared = before & ~after;
      for (unsigned bit = 0; bit < 64; ++bit) {
        if ((cleared >> bit & 1u) == 0) continue;
        for (const std::uint32_t r : with_bit_[bit]) {
          const std::uint64_t bits = f_.person_rule_bits[r];
          if ((bits & cleared & ((std::uint64_t{1} << bit) - 1)) != 0) continue; // seen already
          if ((bits & after) != 0) continue;
          const auto& view = views_[r];
          if (!detail::within_travel(f_, view, h) || detail::find_blocked(view, target) != nullptr)
            continue;
          double score = 0.0;
          detail::score_row(f_, view, &target, 1, &score, nullptr, scratch);
          const std::pair<std::int64_t, std::size_t> entry{
              adjusted(score) - prices.person_price[r] - prices.household_price[h], r};
          if (entry > best[0]) {
            best[1] = best[0];
            best[0] = entry;
          } else if (entry > best[1]) {
            best[1] = entry;
          }
        }
      }
    }
    const auto& other = best[0].second == person ? best[1] : best[0];
    if (other.second == s_.people.size()) return std::nullopt;
    return other.first;
  }

  /// Check one candidate: an option when proven and described, a pending entry when proven
  /// but only matching again can describe the best plans, nothing otherwise.
  void check(std::size_t person, const help_candidate& candidate, excess_cache& cache,
             help_for_person& help, std::vector<help_candidate>& pending) const {
    const std::size_t h = candidate.household;
    slmatch::person who = s_.people[person];
    household where = s_.households[h];
    bool travel = false;
    for (const auto& e : candidate.edits) {
      apply_edit(who, where, e);
      travel = travel || e.kind == edit_kind::widen_travel_limit;
    }
    const int before = effective_capacity(s_.policy, s_.households[h]);
    const int after = effective_capacity(s_.policy, where);
    const std::int64_t price = result_.plan.certificate.household_price[h];
    // The person's weight there: their scores change only with their travel limit, which
    // the fast scorer does not see here, so that one is taken a unit lower to stay a bound.
    const std::int64_t weight =
        travel ? adjusted(candidate.score) - 1 : adjusted(score_pair(f_, person, h));

    // A plan of the changed scheme that places the person.
    std::int64_t gain = 0;
    std::vector<path_move> moves{{static_cast<int>(person), static_cast<int>(h)}};
    if (occupants_.count(h) < static_cast<std::size_t>(after)) {
      gain = weight;
    } else if (const auto release = paths_.release(h)) {
      gain = weight - *release;
      for (const auto& m : paths_.release_moves(h)) moves.push_back(m);
    } else {
      return;
    }
    if (!travel && after == before + 1)
      if (const auto fill = paths_.fill(h, 0);
          fill && fill->start == static_cast<int>(person) && fill->gain > gain) {
        gain = fill->gain;
        moves = fill->moves;
      }

    // The most the changed scheme without the person can gain: exact when no one else is
    // newly suited there, else an LP bound, which is never below the exact one. The cheaper
    // tests come first.
    const auto p = static_cast<int>(person);
    const bool resolvable = options_.max_solves > 0;
    if (travel && !resolvable) return; // only matching again can describe it
    const std::int64_t alone =
        after == before + 1 ? paths_.fill_gain_without(h, p) : (after - before) * price;
    if (gain <= alone) return;
    const auto others = newly_suited_excess(h, where, person, cache);
    if (others && gain <= (after - before) * price + after * std::max<std::int64_t>(0, *others))
      return;

    // The plan built is a best plan when only paths through the person's new pair or the
    // new place can improve the old plan: the person's own pairs keep their scores, and no
    // one else newly suited there could gain (with no new place, their new pairs lead only
    // into the household, where a path from the person does not return). With a new place,
    // no one else may be newly suited, and either the person's path used it or no one
    // else's path would gain from it. Otherwise matching again names the best plan.
    const bool exact =
        !travel &&
        ((after == before && others.value_or(0) <= 0) ||
         (after == before + 1 && !others && (pair_feasible(f_, person, h) || alone <= 0)));
    if (!exact) {
      if (resolvable) pending.push_back(candidate);
      return;
    }
    auto [at, moved] = split_moves(moves, person);
    help.options.push_back(
        describe(person, candidate.edits, h, at, std::move(moved),
                 at == h ? candidate.score : assess(s_, who, s_.households[at]).score));
  }

  /// Where a path places the person, and everyone else it moves, in person order.
  std::pair<std::size_t, std::vector<plan_move>> split_moves(const std::vector<path_move>& path,
                                                             std::size_t person) const {
    std::size_t at = 0;
    std::vector<plan_move> moves;
    for (const path_move& m : path) {
      const auto q = static_cast<std::size_t>(m.person);
      if (q == person)
        at = static_cast<std::size_t>(m.to);
      else
        moves.push_back({q, result_.plan.household_of[q], m.to});
    }
    std::sort(moves.begin(), moves.end(),
              [](const plan_move& a, const plan_move& b) { return a.person < b.person; });
    return {at, std::move(moves)};
  }

  /// The option for `edits`, given where a best plan of the changed scheme places the
  /// person and whom else it moves.
  help_option describe(std::size_t person, std::vector<scheme_edit> edits, std::size_t opened,
                       std::size_t household, std::vector<plan_move> moves, double score) const {
    help_option option;
    option.edits = std::move(edits);
    option.opened = opened;
    option.every_best_plan = true;
    option.household = household;
    option.score = score;
    option.moves = std::move(moves);
    const std::string& id = s_.people[person].id;
    option.summary = "If " + describe_edits(s_, option.edits) + ", every best plan gives " + id +
                     " a household; one proposes " + s_.households[option.household].id + " for " +
                     id + moves_clause(s_, option.moves) + ".";
    return option;
  }

  const scheme& s_;
  const scheme_features& f_;
  const match_result& result_;
  help_options options_;
  std::optional<residual_paths> owned_; // when none was given
  const residual_paths& paths_;
  plan_occupants occupants_;
  /// Per person: the households where one more place helps them, with the path that uses it.
  std::vector<std::vector<std::pair<std::size_t, fill_path>>> places_;
  std::vector<detail::person_view> views_;              // every person's
  std::array<std::vector<std::uint32_t>, 64> with_bit_; // people with each rule bit set
};

} // namespace detail

/// What would help the people listed (every person the plan leaves unmatched when the list
/// is empty), in the order given (see the top of this file).
///
/// @param[in] s        a validated scheme
/// @param[in] result   `match(s)` with `options.goal`
/// @param[in] people   indices into `s.people` of people the plan leaves unmatched
/// @param[in] options  objective, how many changes to report and to check
/// @param[in] paths    `residual_paths(result.problem, result.plan)` when the caller keeps
///                     them for other analyses; built here when null (unused with groups)
/// @return  one entry per person, each change confirmed as the top of this file says
/// @throws slmatch::error when the result does not fit the scheme, a person is out of
///         range or matched, or an option is negative
/// \note  Deterministic: the same scheme, result and options give the same answer.
inline std::vector<help_for_person> what_would_help(const scheme& s, const match_result& result,
                                                    std::vector<std::size_t> people = {},
                                                    const help_options& options = {},
                                                    const residual_paths* paths = nullptr) {
  if (options.max_options < 0 || options.max_checks < 0)
    throw error("max options and max checks must be >= 0");
  const std::vector<int>& household_of = result.plan.household_of;
  if (household_of.size() != s.people.size() || result.scores.people != s.people.size())
    throw error("match result does not fit the scheme (" + std::to_string(s.people.size()) +
                " people)");
  if (people.empty())
    for (std::size_t p = 0; p < s.people.size(); ++p)
      if (household_of[p] < 0) people.push_back(p);
  for (std::size_t p : people) {
    check_index(p, s.people.size(), "person", "people");
    if (household_of[p] >= 0) throw error("person " + s.people[p].id + " is placed, not unmatched");
  }
  std::vector<help_for_person> all;
  if (people.empty()) return all;
  const scheme_features features = encode_scheme(s);
  if (result.grouped) {
    for (std::size_t p : people)
      all.push_back(detail::help_by_resolving(s, features, household_of, p, options));
    return all;
  }
  return detail::help_by_paths(s, features, result, options, paths)(people);
}

} // namespace slmatch
