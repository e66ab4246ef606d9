// write_file_atomically: the new content whole, or the old file untouched and nothing left
// beside it.

#include "slmatch/error.hpp"
#include "slmatch/io/atomic_file.hpp"
#include "support/scratch_directory.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace slmatch;
using slmatch::testing::scratch_directory;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("write_file_atomically: streams the content into place, replacing the old file") {
  scratch_directory directory("streams");
  const fs::path target = directory.path / "plan.json";
  write_text(target, "old");
  std::string expected;
  write_file_atomically(target.string(), [&](std::ostream& out) {
    // More than the writer's buffers, in pieces of every size.
    for (int piece = 0; piece < 3000; ++piece) {
      const std::string text(static_cast<std::size_t>(piece % 1500),
                             static_cast<char>('a' + piece % 26));
      out << text << '\n';
      expected += text + '\n';
    }
  });
  CHECK(read_all(target) == expected);
  CHECK(directory.names() == std::vector<std::string>{"plan.json"});
}

TEST_CASE("write_file_atomically: a writer that throws leaves the old file as it was") {
  scratch_directory directory("throws");
  const fs::path target = directory.path / "plan.json";
  write_text(target, "the old plan\n");
  const auto half_then_fail = [](std::ostream& out) {
    for (int piece = 0; piece < 5000; ++piece) out << std::string(1000, 'x');
    throw std::runtime_error("the run stopped");
  };
  CHECK_THROWS_WITH(write_file_atomically(target.string(), half_then_fail), "the run stopped");
  CHECK(read_all(target) == "the old plan\n");
  CHECK(directory.names() == std::vector<std::string>{"plan.json"});

  const fs::path absent = directory.path / "new.json";
  CHECK_THROWS(write_file_atomically(absent.string(), half_then_fail));
  CHECK_FALSE(fs::exists(absent));
  CHECK(directory.names() == std::vector<std::string>{"plan.json"});
}

TEST_CASE("write_file_atomically: a path that cannot be written is an error naming it") {
  scratch_directory directory("unwritable");
  const fs::path target = directory.path / "missing" / "plan.json";
  CHECK_THROWS_AS(write_file_atomically(target.string(), std::string("text")), slmatch::error);
  CHECK_THROWS_WITH(write_file_atomically(target.string(), std::string("text")),
                    Catch::Contains(target.string()));
  CHECK(directory.names().empty());
}

TEST_CASE("write_file_atomically: text given whole, including an empty file") {
  scratch_directory directory("whole");
  const fs::path target = directory.path / "scheme.json";
  write_file_atomically(target.string(), std::string("{}\n"));
  CHECK(read_all(target) == "{}\n");
  write_file_atomically(target.string(), std::string());
  CHECK(fs::exists(target));
  CHECK(read_all(target).empty());
  CHECK(directory.names() == std::vector<std::string>{"scheme.json"});
}

TEST_CASE("write_file_atomically: writers of one path at once each replace it whole") {
  scratch_directory directory("concurrent");
  const fs::path target = directory.path / "plan.json";
  std::vector<std::string> contents;
  for (char letter : {'a', 'b', 'c', 'd'}) contents.emplace_back(300000, letter);
  std::vector<std::thread> writers;
  for (const auto& content : contents)
    writers.emplace_back([&target, &content] {
      for (int round = 0; round < 5; ++round) write_file_atomically(target.string(), content);
    });
  for (auto& writer : writers) writer.join();
  const std::string written = read_all(target);
  CHECK(std::find(contents.begin(), contents.end(), written) != contents.end());
  CHECK(directory.names() == std::vector<std::string>{"plan.json"});
}
