#pragma once
/// A run record (see slmatch/record/run_record.hpp) as JSON, keys in a fixed order, so
/// identical input and options give byte-identical text.
///
/// Compiled in `slmatch::io` (src/io/run_record_json.cpp).

#include "slmatch/record/run_record.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace slmatch {

/// A record as JSON, keys in a fixed order.
///
/// @param[in] record  the record
/// @return  the document: format, version, library version, hashes, configuration, people
nlohmann::ordered_json run_record_to_json(const run_record& record);

/// A record as JSON text (2-space indent, trailing newline): the same bytes for equal records.
///
/// @param[in] record  the record
/// @return  the text
std::string dump_run_record(const run_record& record);

} // namespace slmatch
