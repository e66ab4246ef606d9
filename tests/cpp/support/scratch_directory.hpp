#pragma once
/// A test's own empty directory under the system's temporary directory.

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace slmatch::testing {

/// An empty directory named after the test (and the clock, so parallel runs never share one),
/// removed with everything in it at the end of the test.
struct scratch_directory {
  std::filesystem::path path;
  explicit scratch_directory(const std::string& name) {
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    path = std::filesystem::temp_directory_path() /
           ("slmatch-test-" + name + "-" + std::to_string(ticks));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;
  ~scratch_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  /// The names of the files and directories in it, in the order the system lists them.
  std::vector<std::string> names() const {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      found.push_back(entry.path().filename().string());
    return found;
  }
};

} // namespace slmatch::testing
