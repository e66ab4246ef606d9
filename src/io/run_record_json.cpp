// Run records as JSON, written with a fixed key order.

#include "slmatch/io/run_record_json.hpp"

#include <utility>

namespace slmatch {

nlohmann::ordered_json run_record_to_json(const run_record& record) {
  nlohmann::ordered_json out;
  out["format"] = std::string(run_record_format_name);
  out["version"] = 1;
  out["library_version"] = record.library_version;
  out["hash"] = "sha256";
  out["scheme"] = record.scheme_id;
  out["input_sha256"] = record.input_sha256;
  nlohmann::ordered_json configuration;
  configuration["objective"] = record.objective;
  configuration["shortlist_size"] = record.shortlist_size;
  configuration["threads"] = record.threads;
  out["configuration"] = std::move(configuration);
  nlohmann::ordered_json people = nlohmann::ordered_json::array();
  for (const auto& use : record.people) {
    nlohmann::ordered_json line;
    line["person"] = use.person_id;
    line["data_categories"] = use.categories;
    people.push_back(std::move(line));
  }
  out["people"] = std::move(people);
  out["matched"] = record.matched;
  out["result_sha256"] = record.result_sha256;
  return out;
}

std::string dump_run_record(const run_record& record) {
  return run_record_to_json(record).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

} // namespace slmatch
