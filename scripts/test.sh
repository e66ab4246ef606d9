#!/usr/bin/env bash
# Every test: lint, the C++ suites (Release), the find_package consumer, the Python
# package, the C++ and Python suites again under AddressSanitizer + UndefinedBehaviorSanitizer,
# and a bounded run of every fuzz target.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# Each step's heading says how long the run has taken so far, so a slow step shows.
step() { printf '== %s (at %dm%02ds)\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }
"$root/scripts/setup.sh"

step "lint"
"$root/scripts/lint.sh"

step "C++ tests"
"$root/scripts/build.sh" release
ctest --preset release

step "find_package(slmatch) from an installed copy"
rm -rf build/install build/consumer
cmake --install build/release --prefix build/install >/dev/null
cmake -S tests/consumer -B build/consumer -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$root/build/install" >/dev/null
cmake --build build/consumer -j2 >/dev/null
build/consumer/consumer data/examples/riverside.json
build/consumer/core_consumer

step "Python tests"
.venv/bin/python -m pip install -qq --no-build-isolation "$root"
.venv/bin/python -m pytest -q

step "C++ tests under ASan + UBSan"
"$root/scripts/build.sh" sanitize
ctest --preset sanitize

step "Python tests under ASan + UBSan"
"$root/scripts/test_python_sanitize.sh"

step "fuzzing, 20 s per target"
"$root/scripts/fuzz.sh" 20
step "all passed"
