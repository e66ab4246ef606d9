#pragma once
/// The scheme file format: its name, its version and the bounds on what a file may hold.
///
/// The format is described in docs/scheme-format.md and data/schema/scheme.schema.json;
/// "slmatch/io/scheme_reader.hpp" reads it and "slmatch/io/scheme_writer.hpp" writes it.

#include <cstddef>
#include <string_view>

namespace slmatch {

/// The value of the top-level "format" key of every scheme file.
inline constexpr std::string_view scheme_format_name = "slmatch-scheme";
/// The version of the scheme file format this library reads and writes.
inline constexpr int scheme_format_version = 1;

/// Bounds on what a scheme file may hold. Anything beyond them is refused with a problem
/// naming the record and field, before the engine uses any of it; the bounds are far above
/// any real scheme (the largest have a few thousand people) and keep a hostile file from
/// exhausting memory or time.
struct scheme_limits {
  static constexpr std::size_t file_bytes = std::size_t{512} << 20; ///< the whole file: 512 MiB
  static constexpr std::size_t depth = 16;                 ///< nesting of arrays and objects
  static constexpr std::size_t people = 1'000'000;         ///< people in one scheme
  static constexpr std::size_t households = 1'000'000;     ///< households in one scheme
  static constexpr std::size_t groups = 1'000'000;         ///< groups in one scheme
  static constexpr std::size_t excluded_pairs = 1'000'000; ///< policy.excluded_pairs
  static constexpr std::size_t list = 1'000;     ///< any list inside a record (needs, residents…)
  static constexpr std::size_t string = 256;     ///< ids, vocabulary names, interests, languages…
  static constexpr std::size_t text = 10'000;    ///< free text: names and notes
  static constexpr std::size_t problems = 1'000; ///< problems listed; then how many more
};

} // namespace slmatch
