#include "slmatch/io/atomic_file.hpp"

#include "slmatch/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <system_error>
#include <vector>

namespace slmatch {

namespace {

std::string describe_errno(int code) {
  return std::error_code(code, std::generic_category()).message();
}

/// A stream buffer over a file descriptor. It remembers the first failed write's errno so
/// the message can say why.
class descriptor_buffer : public std::streambuf {
public:
  explicit descriptor_buffer(int descriptor) : descriptor_(descriptor), buffer_(buffer_bytes) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

  int failure() const noexcept { return failure_; }

protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
  }

  std::streamsize xsputn(const char* data, std::streamsize size) override {
    // Pieces as large as the buffer go straight to the file rather than through it.
    if (size < static_cast<std::streamsize>(buffer_.size()))
      return std::streambuf::xsputn(data, size);
    if (!drain() || !write_all(data, static_cast<std::size_t>(size))) return 0;
    return size;
  }

  int sync() override { return drain() ? 0 : -1; }

private:
  // Writes of a few pages at a time keep the copy into the page cache cheap; much larger
  // ones were slower, not faster.
  static constexpr std::size_t buffer_bytes = std::size_t{1} << 16;
  static constexpr off_t writeback_bytes = off_t{8} << 20;

  /// Write out what the buffer holds and empty it.
  bool drain() {
    const bool written = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return written;
  }

  bool write_all(const char* data, std::size_t size) {
    if (failure_ != 0) return false;
    while (size > 0) {
      const ssize_t written = ::write(descriptor_, data, size);
      if (written < 0) {
        if (errno == EINTR) continue;
        failure_ = errno;
        return false;
      }
      data += written;
      size -= static_cast<std::size_t>(written);
      written_ += written;
    }
#ifdef __linux__
    // Start each large stretch on its way to disk now, while the rest is still being made,
    // so the fsync before the rename has little left to wait for.
    if (written_ - started_ >= writeback_bytes) {
      ::sync_file_range(descriptor_, started_, written_ - started_, SYNC_FILE_RANGE_WRITE);
      started_ = written_;
    }
#endif
    return true;
  }

  int descriptor_;
  std::vector<char> buffer_;
  int failure_ = 0;   ///< errno of the first failed write
  off_t written_ = 0; ///< bytes in the file so far
  off_t started_ = 0; ///< bytes whose way to disk has been started
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
