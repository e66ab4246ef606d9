#pragma once
/// A Shared Lives scheme: its people waiting, its carer households and its policy.

#include "slmatch/error.hpp"
#include "slmatch/model/group.hpp"
#include "slmatch/model/household.hpp"
#include "slmatch/model/person.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace slmatch {

/// Weight of every soft factor, indexed by `factor`.
using factor_weights = std::array<double, vocabulary_size<factor>>;

/// The weight of each soft factor unless the scheme or the person sets another, indexed by
/// `factor`. They are scheme policy, so the model holds them; each factor's declaration in
/// "slmatch/score/factors/" reads its own from here.
inline constexpr factor_weights default_factor_weights = [] {
  factor_weights w{};
  auto set = [&w](factor f, double weight) { w[static_cast<std::size_t>(f)] = weight; };
  set(factor::community, 3.0);
  set(factor::interests, 2.0);
  set(factor::language, 2.0);
  set(factor::faith_culture, 1.5);
  set(factor::diet, 1.0);
  set(factor::lifestyle, 2.5);
  set(factor::household_mix, 2.0);
  set(factor::continuity, 2.5);
  set(factor::carer_preference, 1.0);
  set(factor::experience, 1.5);
  set(factor::gender_preference, 1.0);
  return w;
}();

/// The default weight of one soft factor (see `default_factor_weights`).
constexpr double default_weight(factor f) {
  return default_factor_weights[static_cast<std::size_t>(f)];
}

/// Largest weight a soft factor may have. Weights are relative importances; the bound keeps
/// every sum of weights, and so every score, finite.
inline constexpr double max_factor_weight = 1e6;

/// Why `weight` cannot be a soft factor's weight, or nothing when it can.
inline std::optional<std::string> weight_problem(double weight) {
  if (!std::isfinite(weight) || weight < 0) return "must be a finite number >= 0";
  if (weight > max_factor_weight) return "must be at most 1000000";
  return std::nullopt;
}

/// The weights a scheme starts from.
inline factor_weights default_weights() { return default_factor_weights; }

/// Score points a group placed together earns per unit of `policy::living_together_weight`
/// (the default weight 2 gives 10 points, a tenth of a perfect pair's score).
inline constexpr double living_together_points_per_weight = 5.0;

/// A pair the scheme has ruled out, whatever the scores say.
struct excluded_pair {
  std::string person_id;
  std::string household_id;

  auto fields() const { return std::tie(person_id, household_id); }
  friend bool operator==(const excluded_pair& a, const excluded_pair& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const excluded_pair& a, const excluded_pair& b) { return !(a == b); }
};

/// Scheme-wide rules and defaults.
struct policy {
  date as_of;                  ///< the day matching is done for (approvals, ages, waits)
  int household_cap = 3;       ///< most people any household supports at once (1–3)
  double travel_limit_km = 40; ///< default distance limit to a person's home and anchors
  factor_weights weights = default_weights();
  std::vector<excluded_pair> excluded_pairs;
  /// Weight of the living-together factor: a group placed together earns
  /// `living_together_points_per_weight` points per unit of it on top of its members' scores.
  double living_together_weight = 2.0;

  auto fields() const {
    return std::tie(as_of, household_cap, travel_limit_km, weights, excluded_pairs,
                    living_together_weight);
  }
  friend bool operator==(const policy& a, const policy& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const policy& a, const policy& b) { return !(a == b); }
};

/// Everything matching needs, as loaded and validated.
struct scheme {
  std::string id;
  std::string name;
  struct policy policy;
  std::vector<person> people;
  std::vector<household> households;
  std::vector<person_group> groups; ///< people to be placed together

  auto fields() const { return std::tie(id, name, policy, people, households, groups); }
  friend bool operator==(const scheme& a, const scheme& b) { return a.fields() == b.fields(); }
  friend bool operator!=(const scheme& a, const scheme& b) { return !(a == b); }
};

namespace detail {
template <class Records>
std::size_t index_by_id(const Records& records, std::string_view id, const char* kind) {
  for (std::size_t i = 0; i < records.size(); ++i)
    if (records[i].id == id) return i;
  throw error(std::string("no ") + kind + " with id \"" + std::string(id) + "\"");
}
} // namespace detail

/// Position of the person with this id in `s.people`.
/// @throws slmatch::error when no person has it
inline std::size_t person_index(const scheme& s, std::string_view id) {
  return detail::index_by_id(s.people, id, "person");
}

/// Position of the household with this id in `s.households`.
/// @throws slmatch::error when no household has it
inline std::size_t household_index(const scheme& s, std::string_view id) {
  return detail::index_by_id(s.households, id, "household");
}

} // namespace slmatch
