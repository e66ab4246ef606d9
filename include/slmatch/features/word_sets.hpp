#pragma once
/// Free-text values (interests, languages, faiths, cultures) as fixed-width bit rows.
///
/// In: the words people and households list. Out: a `word_ids` table that gives each
/// distinct lowercased word one small id per scheme, and `bit_rows`: one row of
/// `words_per_row` 64-bit words per record, so "which interests do they share?" is an AND
/// and a popcount. The width grows with the number of distinct words (64 per word), so any
/// number of values fits; only words some person lists get an id, because a word only a
/// household lists can never be shared.

#include "slmatch/score/wording.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace slmatch {

/// Distinct lowercased words, each with an id in first-seen order (deterministic).
class word_ids {
public:
  /// The id of `word` (compared lowercased), adding it when new.
  int add(std::string_view word) {
    auto [it, inserted] = ids_.emplace(wording::lower(word), static_cast<int>(ids_.size()));
    return it->second;
  }

  /// The id of `word` (compared lowercased), or -1 when no person listed it.
  int find(std::string_view word) const {
    const auto it = ids_.find(wording::lower(word));
    return it == ids_.end() ? -1 : it->second;
  }

  std::size_t size() const { return ids_.size(); }

private:
  std::unordered_map<std::string, int> ids_;
};

/// One bit row per record: bit `id` of row `r` is set when record `r` lists word `id`.
class bit_rows {
public:
  bit_rows() = default;

  /// `rows` empty rows wide enough for `distinct_words` ids (at least one 64-bit word).
  bit_rows(std::size_t rows, std::size_t distinct_words)
      : words_per_row_(distinct_words == 0 ? 1 : (distinct_words + 63) / 64),
        bits_(rows * words_per_row_, 0) {}

  std::size_t words_per_row() const { return words_per_row_; }

  void set(std::size_t row, int id) {
    bits_[row * words_per_row_ + static_cast<std::size_t>(id) / 64] |=
        std::uint64_t{1} << (static_cast<unsigned>(id) % 64);
  }

  bool test(std::size_t row, int id) const {
    if (id < 0) return false;
    return (bits_[row * words_per_row_ + static_cast<std::size_t>(id) / 64] >>
            (static_cast<unsigned>(id) % 64)) &
           1u;
  }

  const std::uint64_t* row(std::size_t r) const { return bits_.data() + r * words_per_row_; }

private:
  std::size_t words_per_row_ = 1;
  std::vector<std::uint64_t> bits_;
};

/// Number of set bits. Uses the POPCNT instruction when the build targets it (-mpopcnt,
/// -march=native); otherwise a branch-free bit count rather than a library call.
inline int bit_count(std::uint64_t x) {
#if defined(__POPCNT__)
  return __builtin_popcountll(x);
#else
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
#endif
}

/// Number of ids in both rows.
inline int count_common(const std::uint64_t* a, const std::uint64_t* b, std::size_t words) {
  int n = 0;
  for (std::size_t w = 0; w < words; ++w) n += bit_count(a[w] & b[w]);
  return n;
}

/// Number of ids in `a` and `b` but not in `c`.
inline int count_common_except(const std::uint64_t* a, const std::uint64_t* b,
                               const std::uint64_t* c, std::size_t words) {
  int n = 0;
  for (std::size_t w = 0; w < words; ++w) n += bit_count(a[w] & b[w] & ~c[w]);
  return n;
}

/// Number of ids in a row.
inline int count_ids(const std::uint64_t* a, std::size_t words) {
  int n = 0;
  for (std::size_t w = 0; w < words; ++w) n += bit_count(a[w]);
  return n;
}

} // namespace slmatch
