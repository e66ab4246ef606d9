#pragma once
/// Home rules: does the home suit the person's access needs and must-nots?
///
/// In: the person's access needs and must-nots (core); the home's features, pets, smokers
/// and children. Out: the checks and `rule_info` of `accessibility`, `no_pets`, `no_smokers`
/// and `no_children`.

#include "slmatch/score/rule_info.hpp"

namespace slmatch {

namespace detail {

inline bool passes_accessibility(const policy&, const person& p, const household& h,
                                 std::string* reason) {
  const auto missing = p.access_needs.minus(h.features);
  if (!missing.empty())
    return verdict(reason, false, [&] {
      std::vector<std::string> lacking;
      for (home_feature f : missing.values()) lacking.push_back("no " + wording::name(f));
      return "the home has " + wording::join_list(lacking);
    });
  if (p.access_needs.empty())
    return verdict(reason, true, [] { return "the person needs no accessibility features"; });
  return verdict(reason, true, [&] {
    return "the home has the access the person needs: " + wording::join_names(p.access_needs);
  });
}

inline bool passes_no_pets(const policy&, const person& p, const household& h,
                           std::string* reason) {
  if (!p.must_not.contains(avoidance::pets))
    return verdict(reason, true, [] { return "the person can live with pets"; });
  if (h.pets > 0)
    return verdict(reason, false, [&] {
      return "the household has " + wording::count_of(h.pets, "pet", "pets") +
             " and the person must not live with pets";
    });
  return verdict(reason, true, [] { return "the household has no pets, as the person needs"; });
}

inline bool passes_no_smokers(const policy&, const person& p, const household& h,
                              std::string* reason) {
  if (!p.must_not.contains(avoidance::smokers))
    return verdict(reason, true, [] { return "the person can live with smokers"; });
  if (h.has_smoker())
    return verdict(reason, false, [] {
      return "someone in the household smokes and the person must not live with smokers";
    });
  return verdict(reason, true,
                 [] { return "nobody in the household smokes, as the person needs"; });
}

inline bool passes_no_children(const policy&, const person& p, const household& h,
                               std::string* reason) {
  if (!p.must_not.contains(avoidance::children))
    return verdict(reason, true, [] { return "the person can live with children"; });
  if (!h.children_ages.empty())
    return verdict(reason, false, [] {
      return "the household has children and the person must not live with children";
    });
  return verdict(reason, true, [] { return "the household has no children, as the person needs"; });
}

} // namespace detail

/// The `accessibility` rule, as declared to the registry.
inline constexpr rule_info accessibility_rule{
    rule::accessibility,
    "Accessibility",
    "The home must have every accessibility feature the person needs, such as wheelchair access or "
    "an adapted bathroom.",
    /* reads */ {},
    /* subject_terms */ {"the home has no", ""},
    detail::passes_accessibility,
};

/// The `no_pets` rule, as declared to the registry.
inline constexpr rule_info no_pets_rule{
    rule::no_pets,
    "No pets",
    "A person who must not live with pets cannot be placed in a household with pets.",
    /* reads */ {},
    /* subject_terms */ {"pets", ""},
    detail::passes_no_pets,
};

/// The `no_smokers` rule, as declared to the registry.
inline constexpr rule_info no_smokers_rule{
    rule::no_smokers,
    "No smokers",
    "A person who must not live with smokers cannot be placed in a household where someone smokes.",
    /* reads */ {},
    /* subject_terms */ {"smokers", ""},
    detail::passes_no_smokers,
};

/// The `no_children` rule, as declared to the registry.
inline constexpr rule_info no_children_rule{
    rule::no_children,
    "No children",
    "A person who must not live with children cannot be placed in a household with children.",
    /* reads */ {},
    /* subject_terms */ {"children", ""},
    detail::passes_no_children,
};

} // namespace slmatch
