#pragma once
/// The bundled example scheme, loaded once per test program.

#include "slmatch/io/json.hpp"
#include "slmatch/model/scheme.hpp"

namespace slmatch::testing {

/// data/examples/riverside.json as loaded by the library.
inline const scheme& riverside() {
  static const scheme loaded = load_scheme(SLMATCH_SOURCE_DIR "/data/examples/riverside.json");
  return loaded;
}

} // namespace slmatch::testing
