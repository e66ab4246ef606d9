// Matching through the C interface: a result handle per run, and the run's report, one
// person's proposal, the run record and the audit, each as the CLI writes it.

#include "abi.hpp"
#include "options.hpp"

#include "slmatch/audit/audit.hpp"
#include "slmatch/io/audit_json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/io/run_record_json.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/record/run_record.hpp"

using namespace slmatch::c_abi;

extern "C" {

slmatch_status slmatch_match(const slmatch_scheme* scheme, const char* options_json,
                             slmatch_result** result) {
  return guarded([&] {
    std::shared_ptr<const slmatch::scheme> matched = checked(scheme, scheme_kind)->scheme;
    required_out(result, "result");
    const match_request request = match_request_from(options_json);
    if (request.travel_limit_km || request.household_cap) {
      auto changed = std::make_shared<slmatch::scheme>(*matched);
      if (request.travel_limit_km) changed->policy.travel_limit_km = *request.travel_limit_km;
      if (request.household_cap) changed->policy.household_cap = *request.household_cap;
      // A lower cap can leave a group larger than any household may take.
      slmatch::validate(*changed);
      matched = std::move(changed);
    }
    auto handle = std::make_unique<slmatch_result>();
    handle->scheme = matched;
    handle->options = request.options;
    handle->run = slmatch::match(*matched, request.options);
    register_handle(handle.get(), result_kind);
    *result = handle.release();
  });
}

slmatch_status slmatch_result_json(const slmatch_result* result, char** json) {
  return guarded([&] {
    const auto& r = *checked(result, result_kind);
    give_written(
        [&](std::ostream& out) {
          slmatch::write_match_json(out, *r.scheme, r.run, 2);
          out << '\n';
        },
        required_out(json, "json"));
  });
}

slmatch_status slmatch_result_json_lines(const slmatch_result* result, char** json) {
  return guarded([&] {
    const auto& r = *checked(result, result_kind);
    give_written([&](std::ostream& out) { slmatch::write_match_jsonl(out, *r.scheme, r.run); },
                 required_out(json, "json"));
  });
}

slmatch_status slmatch_result_person_json(const slmatch_result* result, const char* person_id,
                                          char** json) {
  return guarded([&] {
    const auto& r = *checked(result, result_kind);
    required_out(json, "json");
    const std::size_t person = person_of(*r.scheme, person_id, "person_id");
    give_written(
        [&](std::ostream& out) { slmatch::write_proposal_json(out, *r.scheme, r.run, person); },
        json);
  });
}

slmatch_status slmatch_result_record_json(const slmatch_result* result, char** json) {
  return guarded([&] {
    const auto& r = *checked(result, result_kind);
    required_out(json, "json");
    give_string(slmatch::dump_run_record(slmatch::make_run_record(*r.scheme, r.options, r.run)),
                json);
  });
}

slmatch_status slmatch_result_audit_json(const slmatch_result* result, const char* options_json,
                                         char** json) {
  return guarded([&] {
    const auto& r = *checked(result, result_kind);
    required_out(json, "json");
    const slmatch::audit_options options = audit_options_from(options_json);
    const slmatch::plan_audit audit = slmatch::audit_plan(*r.scheme, r.run, options);
    give_string(slmatch::audit_to_json(*r.scheme, audit).dump(2) + "\n", json);
  });
}

slmatch_status slmatch_result_free(slmatch_result* result) {
  return free_handle(result, result_kind);
}

} // extern "C"
