#pragma once
/// Work split into numbered chunks and run on a fixed number of threads, for every stage
/// that runs in parallel (scoring, both sides' views, components of a plan, explanations).
///
/// Each chunk writes only its own part of the output, so results never depend on the
/// number of threads.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace slmatch {

/// Run `work(chunk)` for chunks 0..chunks-1 on up to `threads` threads (the caller's
/// included; values below 1 count as 1); chunks are taken in turn; the first exception is
/// rethrown after all stop.
template <class Work> void for_each_chunk(std::size_t chunks, int threads, Work&& work) {
  const auto thread_count = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)),
                                                  std::max<std::size_t>(1, chunks));
  if (thread_count == 1) {
    for (std::size_t c = 0; c < chunks; ++c) work(c);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto run = [&] {
    try {
      for (std::size_t c = next++; c < chunks; c = next++) work(c);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_lock);
      if (!failure) failure = std::current_exception();
      next = chunks; // the others stop after their current chunk
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < thread_count; ++t) helpers.emplace_back(run);
  run();
  for (auto& t : helpers) t.join();
  if (failure) std::rethrow_exception(failure);
}

/// Run `work(first, last)` over [0, count) in ranges of `size` items on up to `threads`
/// threads (see `for_each_chunk`).
template <class Work>
void for_each_range(std::size_t count, std::size_t size, int threads, Work&& work) {
  const std::size_t step = std::max<std::size_t>(size, 1);
  for_each_chunk((count + step - 1) / step, threads,
                 [&](std::size_t c) { work(c * step, std::min(count, (c + 1) * step)); });
}

} // namespace slmatch
