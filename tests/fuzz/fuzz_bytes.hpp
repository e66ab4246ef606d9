#pragma once
// Reading a fuzzer's bytes as the numbers a solver takes, and telling refusals from crashes: sizes
// in a small range, costs and weights that are often special (NaN, infinities, zero, huge,
// negative), indices that are sometimes out of range. Past the end of the input every read gives
// zero, so any byte string is a valid input.

#include "slmatch/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

namespace slmatch::fuzzing {

/// What `solve()` returns, or nothing when it refuses its input with a library error; any
/// other exception propagates, and the fuzzer reports it as a crash.
template <class Solve> auto unless_refused(Solve solve) -> std::optional<decltype(solve())> {
  try {
    return solve();
  } catch (const slmatch::error&) {
    return std::nullopt;
  }
}

class fuzz_bytes {
public:
  fuzz_bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool exhausted() const { return offset_ >= size_; }

  std::uint8_t byte() { return exhausted() ? 0 : data_[offset_++]; }

  /// A whole number in [low, high].
  int in_range(int low, int high) {
    const auto span = static_cast<unsigned>(high - low) + 1;
    const unsigned raw = static_cast<unsigned>(byte()) << 8 | byte();
    return low + static_cast<int>(raw % span);
  }

  std::int64_t int64() {
    std::uint64_t raw = 0;
    for (int i = 0; i < 8; ++i) raw = raw << 8 | byte();
    std::int64_t value = 0;
    std::memcpy(&value, &raw, sizeof value);
    return value;
  }

  double raw_double() {
    const std::int64_t bits = int64();
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  /// A matrix entry: mostly small whole numbers (where solvers tie and degenerate), now and
  /// then a special value or any bit pattern at all.
  double cost() {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::uint8_t kind = byte();
    switch (kind % 16) {
    case 0:
      return inf;
    case 1:
      return -inf;
    case 2:
      return std::numeric_limits<double>::quiet_NaN();
    case 3:
      return raw_double();
    case 4:
      return 1e300 * (kind & 0x10 ? -1 : 1);
    case 5:
      return std::numeric_limits<double>::denorm_min();
    default:
      return static_cast<double>(static_cast<int>(byte()) - (kind & 0x10 ? 128 : 0));
    }
  }

  /// An edge weight: mostly small and valid, now and then negative, huge or any value.
  std::int64_t weight() {
    const std::uint8_t kind = byte();
    switch (kind % 16) {
    case 0:
      return -1 - byte();
    case 1:
      return int64();
    case 2:
      return (std::int64_t{1} << 48) + (kind >> 4) - 8;
    default:
      return byte();
    }
  }

  /// An index that is usually in [0, count) and sometimes just outside or far outside.
  int index(int count) {
    const std::uint8_t kind = byte();
    switch (kind % 32) {
    case 0:
      return -1;
    case 1:
      return count;
    case 2:
      return std::numeric_limits<int>::min() + byte();
    default:
      return count <= 0 ? 0 : static_cast<int>(byte() % count);
    }
  }

private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t offset_ = 0;
};

} // namespace slmatch::fuzzing
