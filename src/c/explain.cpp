// One pair explained, and why not that one, through the C interface, as the CLI writes them.

#include "abi.hpp"

#include "slmatch/explain/compare.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/io/report.hpp"

using namespace slmatch::c_abi;

extern "C" {

slmatch_status slmatch_explain_json(const slmatch_scheme* scheme, const char* person_id,
                                    const char* household_id, char** json) {
  return guarded([&] {
    const auto& s = *checked(scheme, scheme_kind)->scheme;
    required_out(json, "json");
    const auto why = slmatch::explain_pair(s, person_of(s, person_id, "person_id"),
                                           household_of(s, household_id, "household_id"));
    give_string(slmatch::explanation_to_json(why).dump(2) + "\n", json);
  });
}

slmatch_status slmatch_compare_json(const slmatch_scheme* scheme, const char* person_id,
                                    const char* household_id, const char* other_household_id,
                                    char** json) {
  return guarded([&] {
    const auto& s = *checked(scheme, scheme_kind)->scheme;
    required_out(json, "json");
    const auto comparison = slmatch::compare_pairs(
        s, person_of(s, person_id, "person_id"), household_of(s, household_id, "household_id"),
        household_of(s, other_household_id, "other_household_id"));
    give_string(slmatch::comparison_to_json(comparison).dump(2) + "\n", json);
  });
}

} // extern "C"
