#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan + UBSan) and run each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 20 seconds, every target)
# Seeds are read from tests/fuzz/corpus/<target>/ and never changed; what the fuzzer
# learns is kept in build/fuzz/corpus/<target>/ and crashing inputs in build/fuzz/crashes/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-20}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(scheme_json valid_scheme dense_assignment sparse_assignment capacitated stable c_abi)

"$root/scripts/build.sh" fuzz >/dev/null
mkdir -p build/fuzz/crashes
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitize/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  learned="build/fuzz/corpus/$target"
  mkdir -p "$learned"
  options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
    -artifact_prefix="build/fuzz/crashes/$target-")
  if [ "$target" = scheme_json ] || [ "$target" = c_abi ]; then
    options+=(-max_len=16384 -dict=tests/fuzz/scheme_json.dict)
  else
    options+=(-max_len=512)
  fi
  log="build/fuzz/$target.log"
  echo "== fuzz $target for ${seconds}s"
  if ! "build/fuzz/tests/fuzz/fuzz_$target" "${options[@]}" "$learned" "$seeds" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz $target: crash (input saved in build/fuzz/crashes/)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$log" | tr '\n' ' '
  echo
done
