#include "slmatch/io/atomic_file.hpp"

#include "slmatch/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <future>
#include <ostream>
#include <streambuf>
#include <system_error>
#include <vector>

namespace slmatch {

namespace {

std::string describe_errno(int code) {
  return std::error_code(code, std::generic_category()).message();
}

/// A stream buffer over a file descriptor that writes in the background: one buffer goes
/// to the file while the caller fills the other, so making the text and writing it overlap.
/// It remembers the first failed write's errno so the message can say why.
class descriptor_buffer : public std::streambuf {
public:
  explicit descriptor_buffer(int descriptor)
      : descriptor_(descriptor), filling_(buffer_bytes), writing_(buffer_bytes) {
    setp(filling_.data(), filling_.data() + filling_.size());
  }
  descriptor_buffer(const descriptor_buffer&) = delete;
  descriptor_buffer& operator=(const descriptor_buffer&) = delete;
  ~descriptor_buffer() override {
    if (pending_.valid()) pending_.wait();
  }

  int failure() const noexcept { return failure_; }

protected:
  int_type overflow(int_type ch) override {
    if (!hand_over()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
  }

  /// Everything written so far is in the file (or has failed) when this returns.
  int sync() override { return hand_over() && wait() ? 0 : -1; }

private:
  static constexpr std::size_t buffer_bytes = std::size_t{1} << 20;
  static constexpr off_t writeback_bytes = off_t{8} << 20;

  bool wait() {
    if (pending_.valid()) pending_.get();
    return failure_ == 0;
  }

  /// Start writing the filled buffer once the previous one is written, and fill the other.
  bool hand_over() {
    if (!wait()) return false;
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    std::swap(filling_, writing_);
    setp(filling_.data(), filling_.data() + filling_.size());
    if (size > 0)
      pending_ = std::async(std::launch::async,
                            [this, data = writing_.data(), size] { write_all(data, size); });
    return true;
  }

  void write_all(const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t written = ::write(descriptor_, data, size);
      if (written < 0) {
        if (errno == EINTR) continue;
        failure_ = errno;
        return;
      }
      data += written;
      size -= static_cast<std::size_t>(written);
      written_ += written;
    }
#ifdef __linux__
    // Start each large stretch on its way to disk now, so the fsync before the rename has
    // little left to wait for.
    if (written_ - started_ >= writeback_bytes) {
      ::sync_file_range(descriptor_, started_, written_ - started_, SYNC_FILE_RANGE_WRITE);
      started_ = written_;
    }
#endif
  }

  int descriptor_;
  std::vector<char> filling_, writing_;
  int failure_ = 0;           ///< errno of the first failed write; written by the writing task
  off_t written_ = 0;         ///< bytes in the file so far
  off_t started_ = 0;         ///< bytes whose way to disk has been started
  std::future<void> pending_; ///< the buffer being written, if any; last, so it ends first
};

/// The temporary file until it is renamed: closed and removed when anything fails.
struct temporary_file {
  std::filesystem::path path;
  int descriptor = -1;
  bool created = false; ///< by this writer, so removing it removes nobody else's file
  bool renamed = false;

  temporary_file() = default;
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;
  ~temporary_file() {
    if (descriptor >= 0) ::close(descriptor);
    if (created && !renamed) {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  }
};

/// A name beside `target` that no other writer, in this process or another, is using.
std::filesystem::path temporary_name(const std::filesystem::path& target) {
  static std::atomic<unsigned> writers{0};
  std::filesystem::path name = target;
  name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(writers++) + "-" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  return name;
}

} // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const auto fail = [&](const std::string& why) {
    throw error("cannot write file \"" + path + "\": " + why);
  };
  temporary_file temporary;
  temporary.path = temporary_name(target);
  temporary.descriptor =
      ::open(temporary.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (temporary.descriptor < 0) fail("cannot create it (" + describe_errno(errno) + ")");
  temporary.created = true;
  {
    descriptor_buffer buffer(temporary.descriptor);
    std::ostream out(&buffer);
    write(out);
    out.flush();
    if (!out)
      fail("write failed" +
           (buffer.failure() != 0 ? " (" + describe_errno(buffer.failure()) + ")" : ""));
  }
  // On disk before the rename, so a crash cannot leave the new name on an empty file.
  if (::fsync(temporary.descriptor) != 0)
    fail("cannot flush it to disk (" + describe_errno(errno) + ")");
  const int descriptor = temporary.descriptor;
  temporary.descriptor = -1;
  if (::close(descriptor) != 0) fail("cannot close it (" + describe_errno(errno) + ")");
  std::error_code failed;
  fs::rename(temporary.path, target, failed);
  if (failed) fail(failed.message());
  temporary.renamed = true;
  // The rename itself reaches the disk with the directory; the file is whole either way.
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const int directory_descriptor = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory_descriptor >= 0) {
    ::fsync(directory_descriptor);
    ::close(directory_descriptor);
  }
}

void write_file_atomically(const std::string& path, const std::string& text) {
  write_file_atomically(path, [&text](std::ostream& out) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  });
}

} // namespace slmatch
