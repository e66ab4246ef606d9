#pragma once
/// Writing a whole file or nothing: results and scheme files are written to a temporary
/// file beside the target and renamed over it, so a reader never sees half a file and a
/// failure leaves the old file (or no file) in place.
///
/// Compiled in `slmatch::io` (src/io/atomic_file.cpp).

#include <string>

namespace slmatch {

/// Replace the file at `path` with `text`, atomically.
///
/// @param[in] path  the file to write (replaced when it exists)
/// @param[in] text  the whole content
/// @throws slmatch::error naming the path when it cannot be written; nothing is left behind
void write_file_atomically(const std::string& path, const std::string& text);

} // namespace slmatch
