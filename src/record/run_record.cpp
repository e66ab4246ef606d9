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
#include <ostream>
#include <streambuf>

namespace slmatch {

namespace {

[[noreturn]] void sha256_failed() {
  std::array<char, 256> reason{};
  ERR_error_string_n(ERR_get_error(), reason.data(), reason.size());
  throw error(std::string("sha256 failed: ") + reason.data());
}

std::string to_hex(const unsigned char* digest, unsigned int size) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex += hex_digits[digest[i] >> 4];
    hex += hex_digits[digest[i] & 0xf];
  }
  return hex;
}

/// A stream buffer that hashes what is written to it, so a report is hashed as it is
/// written instead of being held whole.
class sha256_buffer : public std::streambuf {
public:
  sha256_buffer() : context_(EVP_MD_CTX_new()) {
    if (context_ == nullptr || EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(context_);
      sha256_failed();
    }
  }
  sha256_buffer(const sha256_buffer&) = delete;
  sha256_buffer& operator=(const sha256_buffer&) = delete;
  ~sha256_buffer() override { EVP_MD_CTX_free(context_); }

  /// The digest of everything written, in lowercase hex.
  std::string hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context_, digest.data(), &size) != 1) sha256_failed();
    return to_hex(digest.data(), size);
  }

protected:
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (EVP_DigestUpdate(context_, data, static_cast<std::size_t>(size)) != 1) sha256_failed();
    return size;
  }

  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char byte = traits_type::to_char_type(ch);
    xsputn(&byte, 1);
    return ch;
  }

private:
  EVP_MD_CTX* context_;
};

} // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
    sha256_failed();
  return to_hex(digest.data(), size);
}

std::vector<std::string> data_categories_used(const scheme& s, std::size_t p) {
  if (p >= s.people.size())
    throw error("person index " + std::to_string(p) + " is out of range (" +
                std::to_string(s.people.size()) + " people)");
  const person& someone = s.people[p];
  const factor_weights weights = effective_weights(s.policy, someone);
  const tag_set<data_category> allowed =
      consented(someone, consent_purpose::matching, s.policy.as_of);
  tag_set<data_category> read;
  for (const factor_info& f : all_factor_infos())
    if (weights[static_cast<std::size_t>(f.id)] > 0)
      for (const data_category c : f.reads.values())
        if (allowed.contains(c)) read.insert(c);
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
  sha256_buffer result_hash;
  std::ostream result_text(&result_hash);
  result_text.exceptions(std::ios::badbit); // a failed hash update throws through
  write_match_json(result_text, s, result, -1);
  record.result_sha256 = result_hash.hex();
  return record;
}

} // namespace slmatch
