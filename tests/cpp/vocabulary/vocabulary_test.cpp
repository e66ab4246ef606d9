#include "slmatch/vocabulary.hpp"

#include "slmatch/audit/audit.hpp"
#include "slmatch/experiment/run.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/model/vocabulary.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/proposal_rounds.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

using namespace slmatch;

namespace {

/// Every name parses back to its value, names are unique and non-empty, and an unknown
/// name parses to nothing.
template <class E> void check_vocabulary() {
  INFO("vocabulary " << vocabulary<E>::title);
  CHECK_FALSE(vocabulary<E>::title.empty());
  REQUIRE(vocabulary_size<E> > 0);
  std::set<std::string_view> seen;
  for (E value : all_values<E>()) {
    CHECK_FALSE(to_string(value).empty());
    CHECK(parse<E>(to_string(value)) == value);
    CHECK(seen.insert(to_string(value)).second);
  }
  CHECK(seen.size() == vocabulary_size<E>);
  CHECK_FALSE(parse<E>("no such name").has_value());
}

template <class... E> void check_vocabularies() { (check_vocabulary<E>(), ...); }

} // namespace

TEST_CASE("vocabulary: every vocabulary round-trips and has unique names") {
  check_vocabularies<need_category, support_level, arrangement_type, specialist_skill, home_feature,
                     avoidance, gender, risk_flag, carer_exclusion, diet, anchor_kind, attitude,
                     data_category, factor, rule, objective, change_kind, change_cause,
                     fairness_rule, proposing_side, answer_side, reply, decline_reason,
                     audit_grouping, run_objective>();
}

TEST_CASE("vocabulary: names are the ones written in files and the Python API") {
  CHECK(to_string(objective::max_matched_then_total) == "max_matched_then_total");
  CHECK(to_string(objective::max_total) == "max_total");
  CHECK(to_string(run_objective::waiting_priority) == "waiting_priority");
  CHECK(to_string(fairness_rule::leximin) == "leximin");
  CHECK(to_string(proposing_side::households) == "households");
  CHECK(to_string(answer_side::both) == "both");
  CHECK(to_string(reply::decline) == "decline");
  CHECK(to_string(decline_reason::not_a_good_fit) == "not_a_good_fit");
  CHECK(to_string(change_cause::pair_not_allowed) == "pair_not_allowed");
  CHECK(to_string(audit_grouping::age_band) == "age_band");
}

TEST_CASE("parse_name: an unknown name names the field and lists the allowed names") {
  CHECK(parse_name<proposing_side>("households", "options", "proposing") ==
        proposing_side::households);
  try {
    parse_name<proposing_side>("person", "options", "proposing");
    FAIL("accepted an unknown name");
  } catch (const validation_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].record == "options");
    CHECK(e.problems()[0].field == "proposing");
    CHECK(e.problems()[0].message == "must be one of people, households (is \"person\")");
  }
  const problem p = unknown_name<objective>("options", "objective", "fastest");
  CHECK(p.describe() ==
        "options, field objective: must be one of max_matched_then_total, max_total (is "
        "\"fastest\")");
}

TEST_CASE("listed_names: separators, and the last one before the final name") {
  CHECK(listed_names(vocabulary<objective>::names, ", ", " or ") ==
        "max_matched_then_total or max_total");
  CHECK(listed_names(vocabulary<reply>::names, ", ", " or ") == "pending, accept or decline");
  CHECK(listed_names(vocabulary<reply>::names) == "pending, accept, decline");
}
