// Report writing benchmark: how fast the streaming writers turn a match run into text, against
// nlohmann::json dumping the same report already built as a JSON value (a lower bound for
// the DOM route, which also has to build that value).
//
// A synthetic scheme is matched once; each writer then writes the whole report into a stream
// that counts bytes and keeps none, so only formatting is timed. Prints megabytes per second
// (medians of several runs) and the ratio to the DOM dump. Prints sizes and timings only,
// never personal data.
//
// Usage: report_writing [PEOPLE [HOUSEHOLDS [RUNS]]]   (default 3000 2000 5)

#include "slmatch/io/report.hpp"
#include "slmatch/match.hpp"
#include "slmatch/synthetic/generator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <ostream>
#include <streambuf>
#include <vector>

using namespace slmatch;

namespace {

/// Counts what is written and throws it away.
class counting_buffer : public std::streambuf {
public:
  std::size_t bytes = 0;

protected:
  std::streamsize xsputn(const char*, std::streamsize size) override {
    bytes += static_cast<std::size_t>(size);
    return size;
  }
  int_type overflow(int_type ch) override {
    if (!traits_type::eq_int_type(ch, traits_type::eof())) ++bytes;
    return traits_type::not_eof(ch);
  }
};

/// Median seconds of `runs` runs of `write`, and the bytes one run wrote.
std::pair<double, std::size_t> median_run(int runs,
                                          const std::function<void(std::ostream&)>& write) {
  std::vector<double> times;
  std::size_t bytes = 0;
  for (int r = 0; r < runs; ++r) {
    counting_buffer sink;
    std::ostream out(&sink);
    const auto start = std::chrono::steady_clock::now();
    write(out);
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    bytes = sink.bytes;
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], bytes};
}

} // namespace

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "report_writing: refusing to measure a debug build\n");
  return 1;
#else
  synthetic_options options;
  options.people = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3000;
  options.households = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2000;
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  options.seed = 7;
  const scheme s = generate_scheme(options);
  const match_result result = match(s);
  const nlohmann::json document = match_to_json(s, result);

  std::printf("slmatch report writing: %d people, %d households (medians of %d runs)\n",
              options.people, options.households, runs);
  const auto [dom_seconds, dom_bytes] =
      median_run(runs, [&](std::ostream& out) { out << document.dump(2); });
  const auto report = [&](const char* what, const std::function<void(std::ostream&)>& write) {
    const auto [seconds, bytes] = median_run(runs, write);
    std::printf("  %-34s %9.1f MB %9.3f s %9.0f MB/s %7.2fx\n", what, bytes / 1e6, seconds,
                bytes / seconds / 1e6, dom_seconds / seconds);
  };
  std::printf("  %-34s %12s %11s %14s %8s\n", "", "size", "time", "rate", "vs DOM");
  report("DOM dump(2), value already built", [&](std::ostream& out) { out << document.dump(2); });
  report("write_match_json, indent 2",
         [&](std::ostream& out) { write_match_json(out, s, result, 2); });
  report("write_match_json, compact",
         [&](std::ostream& out) { write_match_json(out, s, result, -1); });
  report("write_match_jsonl", [&](std::ostream& out) { write_match_jsonl(out, s, result); });
  report("write_match_table", [&](std::ostream& out) { write_match_table(out, s, result); });
  (void)dom_bytes;
  return 0;
#endif
}
