#pragma once
/// What every hard rule is built from: the outcome type, the declaration each rule gives the
/// registry (`rule_info`) and the small helpers the checks share.
///
/// In: nothing but the model. Out: types and helpers; the files in "slmatch/score/rules/"
/// declare each rule's `rule_info` next to its check, and
/// "slmatch/score/rule_registry.hpp" collects them.

#include "slmatch/model/scheme.hpp"
#include "slmatch/score/community.hpp"
#include "slmatch/score/consent_wording.hpp"
#include "slmatch/score/wording.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace slmatch {

/// Whether one hard rule passed for a pair, and why.
struct rule_outcome {
  rule id = rule::carer_active;
  bool passed = true;
  std::string reason; ///< lowercase clause, e.g. "the carer is not approved for autism"

  auto fields() const { return std::tie(id, passed, reason); }
  friend bool operator==(const rule_outcome& a, const rule_outcome& b) {
    return a.fields() == b.fields();
  }
  friend bool operator!=(const rule_outcome& a, const rule_outcome& b) { return !(a == b); }
};

/// Places a household can still offer under the scheme's cap.
///
/// @return  max(0, min(places, policy.household_cap) - people already living there)
inline int effective_capacity(const policy& pol, const household& h) {
  const int approved = std::min(h.places, pol.household_cap);
  return std::max(0, approved - static_cast<int>(h.residents.size()));
}

/// True for arrangements where the person sleeps in the carer's home and so needs a
/// bedroom: everything except day support.
inline bool is_live_in(arrangement_type a) { return a != arrangement_type::day_support; }

/// Age at which the safeguarding rule counts someone as an older person.
inline constexpr int older_person_age = 65;

namespace detail {

/// Returns `passed`; when `reason` is not null, stores `text()` there.
template <class Text> bool verdict(std::string* reason, bool passed, Text&& text) {
  if (reason) *reason = text();
  return passed;
}

inline bool contains_id(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// One hard rule's test: whether the pair passes, writing the reason when asked.
using rule_check = bool (*)(const policy&, const person&, const household&, std::string*);

} // namespace detail

/// One hard rule, declared once: what it is called, what it checks, which consented data it
/// reads and the function that checks it. The files in "slmatch/score/rules/" define one
/// per rule; `info(rule)` finds it.
struct rule_info {
  rule id = rule::carer_active;
  std::string_view label;       ///< short title for headings: "Travel limit"
  std::string_view description; ///< one plain-English sentence saying what it requires
  tag_set<data_category> reads; ///< consent categories it reads; core assessment data otherwise
  /// Words naming what the rule is about; every reason it gives for a failure contains at
  /// least one of them (an empty entry is unused).
  std::array<std::string_view, 2> subject_terms;
  detail::rule_check check = nullptr; ///< passes or not, writing the reason when asked
};

} // namespace slmatch
