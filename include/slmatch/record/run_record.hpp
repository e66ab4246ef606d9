#pragma once
/// Run records: what a match run was given and what it gave, with no personal data.
///
/// In: a scheme, the options it was matched with and the result. Out: a record holding the
/// SHA-256 of the scheme in its canonical form (`dump_scheme` on one line, so key order and
/// number formatting never depend on how the file was written), the configuration, the
/// library version, for each person (by id only) the kinds of their data the scores could
/// read, and the SHA-256 of the result as `match_to_json` gives it. Ids are scheme
/// references, not personal data; no name, date, free text or other field value of a person
/// or household appears. Identical input and options give a byte-identical record.
///
/// Compiled in `slmatch::io` (src/record/run_record.cpp); a record as JSON is in
/// "slmatch/io/run_record_json.hpp".

#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"

#include <string>
#include <vector>

namespace slmatch {

/// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits: the hash run records
/// use. Computed by OpenSSL's libcrypto (EVP interface).
/// @throws slmatch::error when libcrypto fails
std::string sha256_hex(std::string_view bytes);

/// The value of the "format" key of every run record.
inline constexpr std::string_view run_record_format_name = "slmatch-run-record";

/// One person's line in a run record.
struct person_data_use {
  std::string person_id;
  /// "assessment" (core data, always used), then each consented category some factor with
  /// a weight above 0 reads, in vocabulary order.
  std::vector<std::string> categories;
};

/// The record of one match run.
struct run_record {
  std::string library_version;
  std::string scheme_id;
  std::string input_sha256; ///< of `dump_scheme(s, -1)`
  std::string objective;    ///< the goal's name, `to_string(goal)`
  int shortlist_size = 0;
  int threads = 1;
  std::vector<person_data_use> people; ///< in scheme order
  int matched = 0;
  std::string result_sha256; ///< of `match_to_json(s, result).dump()`
};

/// The data categories the scores of person `p` could read: core assessment data, and each
/// category the person consented to that a factor with an effective weight above 0 reads.
///
/// @param[in] s  the scheme
/// @param[in] p  index of the person
/// @return  category names: "assessment" first, then vocabulary order
/// @throws slmatch::error when `p` is not a person of the scheme
std::vector<std::string> data_categories_used(const scheme& s, std::size_t p);

/// The record of a run.
///
/// @param[in] s  the scheme matched
/// @param[in] options  the options it was matched with
/// @param[in] result  what `match(s, options)` returned
/// @return  the record
run_record make_run_record(const scheme& s, const match_options& options,
                           const match_result& result);

} // namespace slmatch
