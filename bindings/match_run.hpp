#pragma once
// The object behind Python's MatchResult, shared by the files that bind what reads it.

#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"

#include <memory>

namespace slmatch::bindings {

/// A run together with the scheme it was made from and its options, so results can name ids
/// and be made again.
struct match_run {
  std::shared_ptr<const scheme> source;
  match_options options;
  match_result result;
};

} // namespace slmatch::bindings
