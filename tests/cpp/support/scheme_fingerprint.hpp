#pragma once
/// A fingerprint of every field of a scheme, to tell two schemes apart cheaply.

#include "slmatch/io/json.hpp"
#include "slmatch/model/scheme.hpp"

#include <cstdint>

namespace slmatch::testing {

/// FNV-1a over the scheme file's text: a fingerprint of every field.
inline std::uint64_t fingerprint(const scheme& s) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : dump_scheme(s, -1)) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

} // namespace slmatch::testing
