#pragma once
/// Inequality audit of a plan: who is matched, how well, and who waits longest, by group.
///
/// In: a validated `scheme`, a plan (a household index per person, -1 when unmatched) with
/// each matched person's score, and an "as of" date. Out: a `plan_audit` with, for each
/// grouping (need category, age band, area, ethnicity) and each group in it, the number of
/// people, how many are matched, the match rate, the mean score of the matched, and the mean
/// and median days waited; the gaps between the best- and worst-off groups; and the Gini
/// coefficient of scores. Nothing personal is kept: only group labels, counts and figures.
///
/// Definitions:
/// - wait: days from the person's `waiting_since` to the as-of date.
/// - need category: a person with several needs counts once in each of them.
/// - age band: whole years at the as-of date: under 18, 18-24, 25-34, 35-49, 50-64, 65+.
/// - area: the scheme model has no area field, so areas are cells of a fixed grid of
///   `area_cell_km` km squares on the map (rows of equal latitude, columns narrowed by the
///   cosine of the row's latitude), labelled by the cell's centre, e.g. "53.82N 1.57W".
///   The grid does not depend on the scheme, so labels stay the same from run to run.
/// - ethnicity: read only for people whose consent holds `data_category::ethnicity`; all
///   others, and consenting people who gave none, count under "not given". It is left out
///   of the ethnicity gaps, which compare stated ethnicities only.
/// - small groups: a group of fewer than `small_group_size` people is flagged; unless told
///   otherwise its figures other than the head count are withheld and it is left out of
///   the gaps, so nobody can be singled out.
/// - Gini: G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), from 0 (all equal) to 1; given over
///   the matched people's scores, and over everyone with the unmatched counted as 0 (which
///   measures who gets a good match at all).
/// - living together (only for schemes with groups): by member, a grouping of people on
///   their own and of the members of each kind of group (couples, siblings, friends, other
///   groups); and counted once, each kind's groups placed together (every member in one
///   household), apart (some matched, not all in one household) and not matched. Small
///   groupings are withheld by their number of people, as above.

#include "slmatch/error.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/score/group_fit.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// What the audit groups by and what it withholds.
struct audit_options {
  std::optional<date> as_of;         ///< the day waits and ages are counted to; else the scheme's
  int small_group_size = 5;          ///< groups with fewer people are flagged as small
  bool suppress_small_groups = true; ///< withhold small groups' figures and leave them out of gaps
  double area_cell_km = 10.0;        ///< side of the grid squares that define areas
};

/// The ways people are grouped, in the order the audit reports them. `living_together`
/// appears only for schemes with groups of people who live together.
enum class audit_grouping { need, age_band, area, ethnicity, living_together };
SLMATCH_VOCABULARY(audit_grouping, "audit grouping", "need", "age_band", "area", "ethnicity",
                   "living_together");

/// The label of people without an ethnicity the audit may read.
inline constexpr std::string_view ethnicity_not_given = "not given";

/// The figures of one group. Optional figures are empty when withheld (small group) or
/// undefined (a mean over nobody).
struct group_statistics {
  std::string group;                      ///< label, e.g. "autism", "25-34", "not given"
  int people = 0;                         ///< people in the group
  bool small_group = false;               ///< fewer than `small_group_size` people
  bool withheld = false;                  ///< figures below withheld because the group is small
  std::optional<int> matched;             ///< people the plan matches
  std::optional<double> match_rate;       ///< matched / people, 0–1
  std::optional<double> mean_score;       ///< mean score (0–100) of the matched people
  std::optional<double> mean_wait_days;   ///< mean days waited
  std::optional<double> median_wait_days; ///< median days waited
};

/// The spread of one figure across the groups of a grouping: largest minus smallest.
struct group_gap {
  std::string largest_group; ///< the group with the largest value (first in report order on ties)
  double largest = 0.0;
  std::string smallest_group; ///< the group with the smallest value (first on ties)
  double smallest = 0.0;
  double gap = 0.0; ///< largest - smallest
};

/// One grouping: its groups in report order and the gaps between them. A gap is empty when
/// fewer than two groups have the figure.
struct grouping_audit {
  audit_grouping grouping = audit_grouping::need;
  std::vector<group_statistics> groups;
  std::optional<group_gap> match_rate_gap;
  std::optional<group_gap> mean_score_gap;
  std::optional<group_gap> mean_wait_gap;
};

/// Groups of people who live together, counted once: how the plan placed one kind of group
/// (or all of them). Counts are empty when withheld because the groups hold few people.
struct living_together_outcomes {
  std::string kind;            ///< "couples", "siblings", "friends", "other groups" or "all groups"
  int groups = 0;              ///< groups of this kind
  int people = 0;              ///< their members
  bool small_group = false;    ///< fewer than `small_group_size` members
  bool withheld = false;       ///< counts below withheld because the members are few
  std::optional<int> together; ///< every member matched, all in one household
  std::optional<int> apart;    ///< some matched, not all in one household
  std::optional<int> not_matched; ///< no member matched
};

/// The whole audit.
struct plan_audit {
  date as_of;                            ///< the date waits and ages were counted to
  audit_options options;                 ///< the options used, with `as_of` filled in
  group_statistics overall;              ///< everyone, as one group labelled "all people"
  std::optional<double> gini_matched;    ///< Gini of the matched people's scores
  std::optional<double> gini_all;        ///< Gini over everyone, the unmatched counted as 0
  std::vector<grouping_audit> groupings; ///< need, age_band, area, ethnicity, in that order,
                                         ///< then living_together for schemes with groups
  /// For schemes with groups: "all groups", then each kind present in the order couples,
  /// siblings, friends, other groups.
  std::vector<living_together_outcomes> living_together;
};

/// The Gini coefficient of non-negative values: sum_i sum_j |x_i - x_j| / (2 n^2 mean).
///
/// @param[in] values  non-negative values (copied, then sorted)
/// @return  0 when all values are equal, up to (n - 1) / n when one value holds everything;
///          empty when there are no values or they sum to 0 (the mean is 0: undefined)
/// \note  O(n log n): with x sorted ascending, the double sum is 2 sum_i (2i - n - 1) x_i
///        (i from 1), so G = sum_i (2i - n - 1) x_i / (n sum x).
inline std::optional<double> gini_coefficient(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  double total = 0.0, weighted = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    total += values[i];
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * values[i];
  }
  if (!(total > 0.0)) return std::nullopt;
  return std::max(0.0, weighted / (n * total));
}

/// The age band of someone `age` whole years old.
inline std::string age_band(int age) {
  if (age < 18) return "under 18";
  if (age <= 24) return "18-24";
  if (age <= 34) return "25-34";
  if (age <= 49) return "35-49";
  if (age <= 64) return "50-64";
  return "65+";
}

/// A square of the area grid; see the file comment.
struct area_cell {
  long row = 0;    ///< south to north
  long column = 0; ///< west to east, within the row

  /// North first, then west to east, as a map is read.
  friend bool operator<(const area_cell& a, const area_cell& b) {
    return std::make_tuple(-a.row, a.column) < std::make_tuple(-b.row, b.column);
  }
};

namespace detail {

inline constexpr double audit_km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;

/// Degrees of latitude per grid row.
inline double area_row_degrees(double cell_km) { return cell_km / audit_km_per_degree; }

/// Degrees of longitude per grid column in `row`: the cell's width shrinks with the cosine
/// of its centre latitude (kept above 0.01 so polar rows stay finite).
inline double area_column_degrees(double cell_km, long row) {
  constexpr double to_rad = 3.14159265358979323846 / 180.0;
  const double centre = (static_cast<double>(row) + 0.5) * area_row_degrees(cell_km);
  return cell_km / (audit_km_per_degree * std::max(0.01, std::cos(centre * to_rad)));
}

} // namespace detail

/// The grid square of side `cell_km` holding `where`.
inline area_cell area_of(const geo_point& where, double cell_km) {
  area_cell cell;
  cell.row = static_cast<long>(std::floor(where.lat / detail::area_row_degrees(cell_km)));
  cell.column =
      static_cast<long>(std::floor(where.lon / detail::area_column_degrees(cell_km, cell.row)));
  return cell;
}

/// The label of a grid square: its centre, e.g. "53.82N 1.57W", with enough decimals that
/// neighbouring squares differ.
inline std::string area_label(const area_cell& cell, double cell_km) {
  const double row_degrees = detail::area_row_degrees(cell_km);
  const double lat = (static_cast<double>(cell.row) + 0.5) * row_degrees;
  const double lon =
      (static_cast<double>(cell.column) + 0.5) * detail::area_column_degrees(cell_km, cell.row);
  const int decimals =
      std::clamp(static_cast<int>(std::ceil(-std::log10(row_degrees / 2.0))), 0, 6);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f%c %.*f%c", decimals, std::fabs(lat), lat < 0 ? 'S' : 'N',
                decimals, std::fabs(lon), lon < 0 ? 'W' : 'E');
  return text;
}

/// The ethnicity the audit may count for `p`: the stated one only with consent to its use
/// for equality monitoring on `day`.
inline std::string audit_ethnicity(const person& p, const date& day) {
  // Consent is checked before the field is touched: without it the value is never read.
  if (!consents_to(p, data_category::ethnicity, consent_purpose::equality_monitoring, day))
    return std::string(ethnicity_not_given);
  if (!p.ethnicity || p.ethnicity->empty()) return std::string(ethnicity_not_given);
  return *p.ethnicity;
}

namespace detail {

/// The people of one group, as indices into the scheme.
struct group_members {
  std::string label;
  std::vector<std::size_t> people;
};

inline group_statistics summarise_group(const group_members& members,
                                        const std::vector<int>& household_of,
                                        const std::vector<double>& score,
                                        const std::vector<long>& wait_days,
                                        const audit_options& options) {
  group_statistics out;
  out.group = members.label;
  out.people = static_cast<int>(members.people.size());
  out.small_group = out.people < options.small_group_size;
  out.withheld = out.small_group && options.suppress_small_groups;
  if (out.withheld || out.people == 0) return out;
  int matched = 0;
  double score_sum = 0.0, wait_sum = 0.0;
  std::vector<long> waits;
  waits.reserve(members.people.size());
  for (const std::size_t p : members.people) {
    if (household_of[p] >= 0) {
      ++matched;
      score_sum += score[p];
    }
    wait_sum += static_cast<double>(wait_days[p]);
    waits.push_back(wait_days[p]);
  }
  std::sort(waits.begin(), waits.end());
  const std::size_t n = waits.size();
  out.matched = matched;
  out.match_rate = static_cast<double>(matched) / static_cast<double>(n);
  if (matched > 0) out.mean_score = score_sum / matched;
  out.mean_wait_days = wait_sum / static_cast<double>(n);
  out.median_wait_days =
      n % 2 == 1
          ? static_cast<double>(waits[n / 2])
          : (static_cast<double>(waits[n / 2 - 1]) + static_cast<double>(waits[n / 2])) / 2.0;
  return out;
}

/// What the audit calls people in groups of one kind, in the living-together grouping.
inline std::string living_together_label(group_kind kind) {
  switch (kind) {
  case group_kind::couple:
    return "couples";
  case group_kind::siblings:
    return "siblings";
  case group_kind::friends:
    return "friends";
  case group_kind::other:
    break;
  }
  return "other groups";
}

/// The people on their own, then the members of each kind of group present.
inline std::vector<group_members>
living_together_members(const scheme& s, const std::vector<std::vector<std::size_t>>& members) {
  std::vector<int> kind_of(s.people.size(), -1);
  for (std::size_t g = 0; g < members.size(); ++g)
    for (std::size_t p : members[g]) kind_of[p] = static_cast<int>(s.groups[g].kind);
  std::vector<group_members> out;
  group_members alone{"on their own", {}};
  for (std::size_t p = 0; p < s.people.size(); ++p)
    if (kind_of[p] < 0) alone.people.push_back(p);
  if (!alone.people.empty()) out.push_back(std::move(alone));
  for (group_kind kind : all_values<group_kind>()) {
    group_members in_kind{living_together_label(kind), {}};
    for (std::size_t p = 0; p < s.people.size(); ++p)
      if (kind_of[p] == static_cast<int>(kind)) in_kind.people.push_back(p);
    if (!in_kind.people.empty()) out.push_back(std::move(in_kind));
  }
  return out;
}

/// Each group counted once: "all groups", then each kind present.
inline std::vector<living_together_outcomes>
count_living_together(const scheme& s, const std::vector<std::vector<std::size_t>>& members,
                      const std::vector<int>& household_of, const audit_options& options) {
  struct tally {
    int groups = 0, people = 0, together = 0, apart = 0, not_matched = 0;
  };
  const std::size_t kinds = all_values<group_kind>().size();
  std::vector<tally> tallies(kinds + 1); // all groups, then by kind
  for (std::size_t g = 0; g < members.size(); ++g) {
    int matched = 0;
    bool one_household = true;
    for (std::size_t p : members[g]) {
      matched += household_of[p] >= 0 ? 1 : 0;
      one_household = one_household && household_of[p] == household_of[members[g].front()];
    }
    for (tally* t : {&tallies[0], &tallies[1 + static_cast<std::size_t>(s.groups[g].kind)]}) {
      ++t->groups;
      t->people += static_cast<int>(members[g].size());
      if (matched == 0)
        ++t->not_matched;
      else if (one_household && matched == static_cast<int>(members[g].size()))
        ++t->together;
      else
        ++t->apart;
    }
  }
  std::vector<living_together_outcomes> rows;
  for (std::size_t k = 0; k <= kinds; ++k) {
    const tally& t = tallies[k];
    if (k > 0 && t.groups == 0) continue;
    living_together_outcomes row;
    row.kind = k == 0 ? "all groups" : living_together_label(all_values<group_kind>()[k - 1]);
    row.groups = t.groups;
    row.people = t.people;
    row.small_group = t.people < options.small_group_size;
    row.withheld = row.small_group && options.suppress_small_groups;
    if (!row.withheld) {
      row.together = t.together;
      row.apart = t.apart;
      row.not_matched = t.not_matched;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Largest minus smallest of one figure over the groups that have it and may be compared.
template <class Figure>
std::optional<group_gap> gap_between(const std::vector<group_statistics>& groups,
                                     audit_grouping grouping, Figure figure) {
  const group_statistics* largest = nullptr;
  const group_statistics* smallest = nullptr;
  int compared = 0;
  for (const auto& g : groups) {
    if (g.withheld) continue;
    if (grouping == audit_grouping::ethnicity && g.group == ethnicity_not_given) continue;
    const std::optional<double> value = figure(g);
    if (!value) continue;
    ++compared;
    // Strict comparisons keep the first group in report order on ties.
    if (!largest || *value > *figure(*largest)) largest = &g;
    if (!smallest || *value < *figure(*smallest)) smallest = &g;
  }
  if (compared < 2) return std::nullopt;
  group_gap gap;
  gap.largest_group = largest->group;
  gap.largest = *figure(*largest);
  gap.smallest_group = smallest->group;
  gap.smallest = *figure(*smallest);
  gap.gap = gap.largest - gap.smallest;
  return gap;
}

} // namespace detail

/// Audit a plan for inequalities between groups of people.
///
/// @param[in] s             a validated scheme
/// @param[in] household_of  per person (scheme order): household index, or -1 when unmatched
/// @param[in] score         per person: the matched pair's score (0–100); ignored when unmatched
/// @param[in] options       as-of date (default: the scheme's), small-group rule, area grid
/// @return  per-grouping figures, gaps and Gini coefficients; see the file comment
/// @throws slmatch::validation_error listing every problem: a plan or score list of the wrong
///         length, a household index out of range, a matched score that is not a number in
///         0–100, or a person born or waiting since after the as-of date
/// @throws slmatch::error for a small-group size below 0 or an area cell not above 0 km
/// \note  O(n log n) in people. Deterministic: groups appear in a fixed order (needs and age
///        bands in their natural order, areas north to south then west to east, ethnicities
///        alphabetically with "not given" last).
inline plan_audit audit_plan(const scheme& s, const std::vector<int>& household_of,
                             const std::vector<double>& score, audit_options options = {}) {
  if (options.small_group_size < 0) throw error("small group size must be >= 0");
  if (!(options.area_cell_km > 0.0) || !std::isfinite(options.area_cell_km))
    throw error("area cell size must be a number of km above 0");
  const date as_of = options.as_of.value_or(s.policy.as_of);
  options.as_of = as_of;
  const std::size_t people = s.people.size();

  std::vector<problem> problems;
  if (household_of.size() != people)
    problems.push_back({"plan", "household_of",
                        "has " + std::to_string(household_of.size()) + " entries for " +
                            std::to_string(people) + " people"});
  if (score.size() != people)
    problems.push_back({"plan", "score",
                        "has " + std::to_string(score.size()) + " entries for " +
                            std::to_string(people) + " people"});
  if (!problems.empty()) throw validation_error(std::move(problems));
  const long households = static_cast<long>(s.households.size());
  for (std::size_t p = 0; p < people; ++p) {
    const std::string record = person_record(s.people[p], p);
    const int h = household_of[p];
    if (h < -1 || h >= households)
      problems.push_back({record, "household",
                          "index " + std::to_string(h) + " is not -1 or a household (0-" +
                              std::to_string(households - 1) + ")"});
    else if (h >= 0 && !(score[p] >= 0.0 && score[p] <= 100.0))
      problems.push_back({record, "score", "a matched person's score must be between 0 and 100"});
    if (as_of < s.people[p].date_of_birth)
      problems.push_back(
          {record, "date_of_birth", "is after the audit's as-of date " + as_of.to_string()});
    if (as_of < s.people[p].waiting_since)
      problems.push_back(
          {record, "waiting_since", "is after the audit's as-of date " + as_of.to_string()});
  }
  if (!problems.empty()) throw validation_error(std::move(problems));

  std::vector<long> wait_days(people);
  for (std::size_t p = 0; p < people; ++p)
    wait_days[p] = as_of.days_since_epoch() - s.people[p].waiting_since.days_since_epoch();

  plan_audit audit;
  audit.as_of = as_of;
  audit.options = options;
  detail::group_members everyone{"all people", {}};
  for (std::size_t p = 0; p < people; ++p) everyone.people.push_back(p);
  audit.overall = detail::summarise_group(everyone, household_of, score, wait_days, options);

  if (!audit.overall.withheld) {
    std::vector<double> matched_scores, all_scores;
    for (std::size_t p = 0; p < people; ++p) {
      all_scores.push_back(household_of[p] >= 0 ? score[p] : 0.0);
      if (household_of[p] >= 0) matched_scores.push_back(score[p]);
    }
    audit.gini_matched = gini_coefficient(std::move(matched_scores));
    audit.gini_all = gini_coefficient(std::move(all_scores));
  }

  // Members of each group, in report order.
  std::vector<detail::group_members> by_need;
  for (need_category need : all_values<need_category>()) {
    detail::group_members members{std::string(to_string(need)), {}};
    for (std::size_t p = 0; p < people; ++p)
      if (s.people[p].needs.contains(need)) members.people.push_back(p);
    if (!members.people.empty()) by_need.push_back(std::move(members));
  }

  std::vector<detail::group_members> by_age;
  for (const char* band : {"under 18", "18-24", "25-34", "35-49", "50-64", "65+"}) {
    detail::group_members members{band, {}};
    for (std::size_t p = 0; p < people; ++p)
      if (age_band(as_of.years_since(s.people[p].date_of_birth)) == band)
        members.people.push_back(p);
    if (!members.people.empty()) by_age.push_back(std::move(members));
  }

  std::map<area_cell, std::vector<std::size_t>> area_members;
  for (std::size_t p = 0; p < people; ++p)
    area_members[area_of(s.people[p].location, options.area_cell_km)].push_back(p);
  std::vector<detail::group_members> by_area;
  for (auto& [cell, members] : area_members)
    by_area.push_back({area_label(cell, options.area_cell_km), std::move(members)});

  std::map<std::string, std::vector<std::size_t>> ethnicity_members;
  std::vector<std::size_t> not_given;
  for (std::size_t p = 0; p < people; ++p) {
    const std::string label = audit_ethnicity(s.people[p], s.policy.as_of);
    if (label == ethnicity_not_given)
      not_given.push_back(p);
    else
      ethnicity_members[label].push_back(p);
  }
  std::vector<detail::group_members> by_ethnicity;
  for (auto& [label, members] : ethnicity_members)
    by_ethnicity.push_back({label, std::move(members)});
  if (!not_given.empty())
    by_ethnicity.push_back({std::string(ethnicity_not_given), std::move(not_given)});

  std::vector<std::pair<audit_grouping, std::vector<detail::group_members>*>> groupings = {
      {audit_grouping::need, &by_need},
      {audit_grouping::age_band, &by_age},
      {audit_grouping::area, &by_area},
      {audit_grouping::ethnicity, &by_ethnicity}};
  std::vector<detail::group_members> by_living_together;
  if (!s.groups.empty()) {
    const std::vector<std::vector<std::size_t>> members = group_members(s);
    by_living_together = detail::living_together_members(s, members);
    groupings.push_back({audit_grouping::living_together, &by_living_together});
    audit.living_together = detail::count_living_together(s, members, household_of, options);
  }
  for (const auto& [grouping, members] : groupings) {
    grouping_audit out;
    out.grouping = grouping;
    for (const auto& group : *members)
      out.groups.push_back(detail::summarise_group(group, household_of, score, wait_days, options));
    out.match_rate_gap = detail::gap_between(
        out.groups, grouping, [](const group_statistics& g) { return g.match_rate; });
    out.mean_score_gap = detail::gap_between(
        out.groups, grouping, [](const group_statistics& g) { return g.mean_score; });
    out.mean_wait_gap = detail::gap_between(
        out.groups, grouping, [](const group_statistics& g) { return g.mean_wait_days; });
    audit.groupings.push_back(std::move(out));
  }
  logger().debug("audit: {} people in {} groupings", people, audit.groupings.size());
  return audit;
}

/// Audit the plan of a match run. Scores are taken at the 0.001-point resolution the solver
/// optimised and the reports print, so this agrees with auditing the printed plan.
/// @throws as `audit_plan` above
inline plan_audit audit_plan(const scheme& s, const match_result& result,
                             const audit_options& options = {}) {
  std::vector<double> score(s.people.size(), 0.0);
  for (const auto& item : result.proposals)
    if (item.household >= 0 && item.person < score.size())
      score[item.person] = static_cast<double>(score_to_weight(item.score)) / score_units_per_point;
  return audit_plan(s, result.plan.household_of, score, options);
}

/// The sentences that define the audit's figures, as printed in its reports.
inline std::vector<std::string> audit_notes(const plan_audit& audit) {
  char cell[32];
  std::snprintf(cell, sizeof cell, "%g", audit.options.area_cell_km);
  std::vector<std::string> notes{
      "Waits are days from the date a person started waiting to " + audit.as_of.to_string() + ".",
      "Ages are whole years on " + audit.as_of.to_string() + ".",
      "A person with several needs counts in each of them.",
      std::string("Areas are ") + cell + " km squares of a fixed map grid, named by their centre.",
      "Ethnicity is counted only for people who consented to its use for monitoring; everyone "
      "else is \"not given\", which is left out of the ethnicity gaps.",
      "Groups of fewer than " + std::to_string(audit.options.small_group_size) + " people are " +
          (audit.options.suppress_small_groups
               ? "flagged, their figures withheld and left out of the gaps."
               : "flagged."),
      "Gini coefficients are 0 when scores are equal and near 1 when one person has them all; "
      "\"all_people\" counts the unmatched as 0."};
  if (!audit.living_together.empty())
    notes.push_back("Groups of people who live together are counted once: together when every "
                    "member is in one household, apart when some are matched but not all in one "
                    "household; small groupings are withheld by their number of members.");
  return notes;
}

namespace detail {

/// A figure rounded to 0.001, as every audit report prints it.
inline double audit_round(double value) { return std::round(value * 1000.0) / 1000.0; }

inline std::string audit_fixed(const std::optional<double>& value, int decimals,
                               const char* suffix = "") {
  if (!value) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f%s", decimals, *value, suffix);
  return text;
}

inline std::string audit_padded(const std::string& text, std::size_t width, bool left) {
  if (text.size() >= width) return text;
  const std::string pad(width - text.size(), ' ');
  return left ? text + pad : pad + text;
}

/// A rate (0–1) as a percentage, or "-" when there is none.
inline std::string audit_percent(const std::optional<double>& rate) {
  if (!rate) return "-";
  return audit_fixed(*rate * 100.0, 1, "%");
}

inline std::string audit_row(const group_statistics& g, std::size_t label_width) {
  std::string row = "  " + audit_padded(g.group + (g.small_group ? " *" : ""), label_width, true);
  row += audit_padded(std::to_string(g.people), 8, false);
  row += audit_padded(g.matched ? std::to_string(*g.matched) : "-", 9, false);
  row += audit_padded(audit_percent(g.match_rate), 8, false);
  row += audit_padded(audit_fixed(g.mean_score, 1), 12, false);
  row += audit_padded(audit_fixed(g.mean_wait_days, 1), 11, false);
  row += audit_padded(audit_fixed(g.median_wait_days, 1), 13, false);
  return row + "\n";
}

inline std::string audit_gap_line(const char* what, const std::optional<group_gap>& gap,
                                  double scale, const char* unit, const char* value_unit) {
  if (!gap) return "";
  return std::string("  gap in ") + what + ": " + audit_fixed(gap->gap * scale, 1, unit) + " (" +
         gap->largest_group + " " + audit_fixed(gap->largest * scale, 1, value_unit) + " vs " +
         gap->smallest_group + " " + audit_fixed(gap->smallest * scale, 1, value_unit) + ")\n";
}

} // namespace detail

/// The audit as a readable table: the overall figures, then one block per grouping with a
/// row per group and the gaps between groups.
inline std::string audit_to_table(const scheme& s, const plan_audit& audit) {
  std::ostringstream text;
  const auto& all = audit.overall;
  text << (s.name.empty() ? s.id : s.name) << ": inequality audit as of " << audit.as_of.to_string()
       << "\n";
  if (all.withheld) {
    text << all.people << " people: too few to report without singling anyone out.\n";
    return text.str();
  }
  text << all.people << " people, " << all.matched.value_or(0) << " matched ("
       << detail::audit_percent(all.match_rate) << "); mean score of the matched "
       << detail::audit_fixed(all.mean_score, 1) << "; mean wait "
       << detail::audit_fixed(all.mean_wait_days, 1) << " days (median "
       << detail::audit_fixed(all.median_wait_days, 1) << ")\n";
  text << "Gini of scores: matched people " << detail::audit_fixed(audit.gini_matched, 3)
       << "; everyone, unmatched as 0: " << detail::audit_fixed(audit.gini_all, 3) << "\n";
  static constexpr const char* titles[] = {"Need category", "Age band", "Area", "Ethnicity",
                                           "Living together"};
  for (const auto& grouping : audit.groupings) {
    std::size_t width = 24;
    for (const auto& g : grouping.groups) width = std::max(width, g.group.size() + 4);
    text << "\n"
         << detail::audit_padded(titles[static_cast<int>(grouping.grouping)], width + 2, true)
         << "  people  matched    rate  mean score  mean wait  median wait\n";
    for (const auto& g : grouping.groups) text << detail::audit_row(g, width);
    text << detail::audit_gap_line("match rate", grouping.match_rate_gap, 100.0, " points", "%");
    text << detail::audit_gap_line("mean score", grouping.mean_score_gap, 1.0, " points", "");
    text << detail::audit_gap_line("mean wait", grouping.mean_wait_gap, 1.0, " days", "");
  }
  if (!audit.living_together.empty()) {
    text << "\n"
         << detail::audit_padded("Groups, counted once", 26, true)
         << "  groups  people  together  apart  not matched\n";
    for (const auto& row : audit.living_together) {
      const auto count = [](const std::optional<int>& n) {
        return n ? std::to_string(*n) : std::string("-");
      };
      text << "  " << detail::audit_padded(row.kind + (row.small_group ? " *" : ""), 24, true)
           << detail::audit_padded(std::to_string(row.groups), 8, false)
           << detail::audit_padded(std::to_string(row.people), 8, false)
           << detail::audit_padded(count(row.together), 10, false)
           << detail::audit_padded(count(row.apart), 7, false)
           << detail::audit_padded(count(row.not_matched), 13, false) << "\n";
    }
  }
  text << "\n* marks a small group.\n";
  for (const auto& note : audit_notes(audit)) text << note << "\n";
  return text.str();
}

} // namespace slmatch
