#pragma once
/// The factor registry: every soft factor's declaration, found by its id.
///
/// In: the `factor_info` each file in "slmatch/score/factors/" declares. Out: one table in
/// `factor` enum order and the queries `info(factor)`, `all_factor_infos()` and
/// `factor_default_weights()`. The table is checked at compile time: one entry per enum
/// value, each in its place.
///
/// Adding a factor: add its value to `factor` and its name to the vocabulary
/// ("slmatch/model/vocabulary.hpp"), its default weight to `default_factor_weights`
/// ("slmatch/model/scheme.hpp"), write "slmatch/score/factors/<name>.hpp" with its
/// `factor_info` and scorer, include it below and list it in `factor_registry`, and add its
/// tests under "tests/cpp/score/".

#include "slmatch/score/factor_info.hpp"
#include "slmatch/score/factors/carer_preference.hpp"
#include "slmatch/score/factors/community.hpp"
#include "slmatch/score/factors/continuity.hpp"
#include "slmatch/score/factors/diet.hpp"
#include "slmatch/score/factors/experience.hpp"
#include "slmatch/score/factors/faith_culture.hpp"
#include "slmatch/score/factors/gender_preference.hpp"
#include "slmatch/score/factors/household_mix.hpp"
#include "slmatch/score/factors/interests.hpp"
#include "slmatch/score/factors/language.hpp"
#include "slmatch/score/factors/lifestyle.hpp"

#include <array>
#include <cstddef>

namespace slmatch {

/// Every soft factor's declaration, in `factor` enum order.
inline constexpr std::array<factor_info, vocabulary_size<factor>> factor_registry{
    community_factor,
    interests_factor,
    language_factor,
    faith_culture_factor,
    diet_factor,
    lifestyle_factor,
    household_mix_factor,
    continuity_factor,
    carer_preference_factor,
    experience_factor,
    gender_preference_factor,
};

namespace detail {
/// True when entry i of the registry declares factor i, has a scorer and a finite
/// non-negative default weight.
constexpr bool factor_registry_is_consistent() {
  for (std::size_t i = 0; i < factor_registry.size(); ++i) {
    const factor_info& f = factor_registry[i];
    if (static_cast<std::size_t>(f.id) != i) return false;
    if (!(f.default_weight >= 0.0) || f.default_weight > 1e300) return false;
    if (f.label.empty() || f.phrase.empty() || f.description.empty()) return false;
    if (f.consent && !f.reads.contains(*f.consent)) return false;
  }
  return true;
}
static_assert(factor_registry_is_consistent(),
              "factor_registry must list every factor once, in enum order, fully declared");
} // namespace detail

/// The declaration of one soft factor.
///
/// @param[in] f  the factor
/// @return  its label, sentence phrase, description, consent category, the categories it
///          reads, default weight and scorer
inline const factor_info& info(factor f) { return factor_registry[static_cast<std::size_t>(f)]; }

/// Every soft factor's declaration, in `factor` enum order.
inline const std::array<factor_info, vocabulary_size<factor>>& all_factor_infos() {
  return factor_registry;
}

/// The default weight of every factor as declared in the registry, indexed by `factor`
/// (each declaration takes its weight from the model's `default_factor_weights`).
inline factor_weights factor_default_weights() {
  factor_weights weights{};
  for (const factor_info& f : factor_registry)
    weights[static_cast<std::size_t>(f.id)] = f.default_weight;
  return weights;
}

} // namespace slmatch
