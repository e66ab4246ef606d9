#pragma once
/// Scheme files: JSON in, a validated `scheme` out, and back.
///
/// In: a scheme file (format "slmatch-scheme", version 1; see docs/scheme-format.md and
/// data/schema/scheme.schema.json). Out: a `scheme` that passed `check_scheme`, or one
/// `validation_error` listing every problem in the file, each with its record ("person
/// P07") and field ("support_level"). Writing gives every field in a fixed key order, so
/// the same scheme always gives the same bytes and load → save → load is the identity.
///
/// This header gathers the three parts, each in its own header:
/// - "slmatch/io/scheme_format.hpp": the format's name and version, and `scheme_limits`
/// - "slmatch/io/scheme_reader.hpp": `load_scheme`, `parse_scheme`, `scheme_from_json`
/// - "slmatch/io/scheme_writer.hpp": `scheme_to_json`, `dump_scheme`, `save_scheme`
///
/// Compiled in `slmatch::io`.

#include "slmatch/io/scheme_format.hpp"
#include "slmatch/io/scheme_reader.hpp"
#include "slmatch/io/scheme_writer.hpp"
