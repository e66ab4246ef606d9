#include "slmatch/io/atomic_file.hpp"

#include "slmatch/error.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace slmatch {

void write_file_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  // A name of its own, so two writers of the same path do not write into one file.
  fs::path temporary = target;
  temporary +=
      ".tmp-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  const auto fail = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw error("cannot write file \"" + path + "\": " + why);
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create it");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      fail("write failed");
    }
  }
  std::error_code failed;
  fs::rename(temporary, target, failed);
  if (failed) fail(failed.message());
}

} // namespace slmatch
