#pragma once
/// Writing a whole file or nothing: results and scheme files are written to a temporary
/// file beside the target, flushed to disk and renamed over it, so a reader never sees half
/// a file, a crash leaves the old file or the new one, and a failure leaves the old file
/// (or no file) in place.
///
/// Compiled in `slmatch::io` (src/io/atomic_file.cpp).

#include <functional>
#include <iosfwd>
#include <string>

namespace slmatch {

/// Replace the file at `path` with what `write` writes, atomically. The text streams to a
/// temporary file beside `path`, so it never has to be held in memory whole.
///
/// @param[in] path   the file to write (replaced when it exists)
/// @param[in] write  writes the whole content to the stream it is given
/// @throws slmatch::error naming the path when it cannot be written, and whatever `write`
///         throws; either way the old file stays as it was and nothing is left behind
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

/// Replace the file at `path` with `text`, atomically.
///
/// @param[in] path  the file to write (replaced when it exists)
/// @param[in] text  the whole content
/// @throws slmatch::error naming the path when it cannot be written; nothing is left behind
void write_file_atomically(const std::string& path, const std::string& text);

} // namespace slmatch
