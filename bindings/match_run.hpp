#pragma once
// The object behind Python's MatchResult, shared by the files that bind what reads it.

#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/solve/residual_paths.hpp"

#include <memory>
#include <mutex>

namespace slmatch::bindings {

/// The plan's residual paths, built on first use for every advice call that reads them.
/// They point into the run's result, so a copy or an assignment starts empty.
class paths_cache {
public:
  paths_cache() = default;
  paths_cache(const paths_cache&) {}
  paths_cache(paths_cache&&) noexcept {}
  paths_cache& operator=(const paths_cache&) {
    clear();
    return *this;
  }
  paths_cache& operator=(paths_cache&&) noexcept {
    clear();
    return *this;
  }
  ~paths_cache() = default;

  /// The paths of `result`'s plan, or null for a scheme with groups (no certificate).
  const residual_paths* get(const match_result& result, int threads) {
    if (result.grouped) return nullptr;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!paths_) paths_ = std::make_unique<residual_paths>(result.problem, result.plan, threads);
    return paths_.get();
  }

private:
  void clear() {
    const std::lock_guard<std::mutex> lock(mutex_);
    paths_.reset();
  }

  std::mutex mutex_;
  std::unique_ptr<residual_paths> paths_;
};

/// A run together with the scheme it was made from and its options, so results can name ids
/// and be made again.
struct match_run {
  std::shared_ptr<const scheme> source;
  match_options options;
  match_result result;
  paths_cache paths;
};

} // namespace slmatch::bindings
