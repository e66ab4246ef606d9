// Run records: hashes of the canonical scheme and of the result, the configuration, the
// library version and each person's data categories.

#include "slmatch/record/run_record.hpp"

#include "slmatch/io/json.hpp"
#include "slmatch/io/report.hpp"
#include "slmatch/score/factor_info.hpp"
#include "slmatch/score/factor_registry.hpp"
#include "slmatch/version.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <array>

namespace slmatch {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    std::array<char, 256> reason{};
    ERR_error_string_n(ERR_get_error(), reason.data(), reason.size());
    throw error(std::string("sha256 failed: ") + reason.data());
  }
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex += hex_digits[digest[i] >> 4];
    hex += hex_digits[digest[i] & 0xf];
  }
  return hex;
}

std::vector<std::string> data_categories_used(const scheme& s, std::size_t p) {
  if (p >= s.people.size())
    throw error("person index " + std::to_string(p) + " is out of range (" +
                std::to_string(s.people.size()) + " people)");
  const person& someone = s.people[p];
  const factor_weights weights = effective_weights(s.policy, someone);
  tag_set<data_category> read;
  for (const factor_info& f : all_factor_infos())
    if (weights[static_cast<std::size_t>(f.id)] > 0)
      for (const data_category c : f.reads.values())
        if (someone.consent.contains(c)) read.insert(c);
  std::vector<std::string> names{"assessment"};
  for (const data_category c : read.values()) names.emplace_back(to_string(c));
  return names;
}

run_record make_run_record(const scheme& s, const match_options& options,
                           const match_result& result) {
  run_record record;
  record.library_version = std::string(library_version);
  record.scheme_id = s.id;
  record.input_sha256 = sha256_hex(dump_scheme(s, -1));
  record.objective = std::string(to_string(options.goal));
  record.shortlist_size = options.shortlist_size;
  record.threads = options.threads;
  record.people.reserve(s.people.size());
  for (std::size_t p = 0; p < s.people.size(); ++p)
    record.people.push_back({s.people[p].id, data_categories_used(s, p)});
  record.matched = result.plan.matched;
  record.result_sha256 = sha256_hex(match_to_json(s, result).dump());
  return record;
}

} // namespace slmatch
