#!/usr/bin/env bash
# Every test: lint, the C++ suites and the C interface's C and Java consumers (Release),
# the find_package and pkg-config consumers, the Python package's manylinux wheel (built from
# its sdist, checked in a fresh environment without a compiler) and its tests (with the C
# interface through ctypes), the C++ and Python suites again under AddressSanitizer +
# UndefinedBehaviorSanitizer, and a bounded run of every fuzz target.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# Each step's heading says how long the run has taken so far, so a slow step shows.
step() { printf '== %s (at %dm%02ds)\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }
"$root/scripts/setup.sh" --tests

step "lint"
"$root/scripts/lint.sh"

step "C++ tests"
"$root/scripts/build.sh" release
ctest --preset release

step "find_package(slmatch) and pkg-config from an installed copy"
rm -rf build/install build/consumer
cmake --install build/release --prefix build/install >/dev/null
cmake -S tests/consumer -B build/consumer -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$root/build/install" >/dev/null
cmake --build build/consumer -j2 >/dev/null
build/consumer/consumer data/examples/riverside.json
build/consumer/core_consumer
build/consumer/c_consumer data/examples/riverside.json >/dev/null
# The same C program built with pkg-config alone against the installed C interface.
cc -std=c99 -Wall -Werror tests/c_consumer/consumer.c -o build/consumer/c_consumer_pkg_config \
  $(PKG_CONFIG_PATH="$root/build/install/lib/pkgconfig" pkg-config --cflags --libs slmatch) \
  -Wl,-rpath,"$root/build/install/lib"
build/consumer/c_consumer_pkg_config data/examples/riverside.json | cmp - <(build/release/slmatch match \
  data/examples/riverside.json --format json)
# The CMake project's version is the one in include/slmatch/version.hpp, as the tool's is.
test "$(PKG_CONFIG_PATH="$root/build/install/lib/pkgconfig" pkg-config --modversion slmatch)" = \
  "$(build/release/slmatch --version | cut -d' ' -f2)"
# The README's embedding example, built and run as the README says, in a folder of its own.
readme=$(mktemp -d)
ln -s "$root/build" "$root/data" "$readme/"
awk '/^## Embedding/ { on = 1 } on && /^```c$/ { copy = 1; next } copy && /^```$/ { exit } copy' \
  README.md >"$readme/example.c"
awk '/^## Embedding/ { on = 1 } on && /^```sh$/ { copy = 1; next } copy && /^```$/ { exit } copy' \
  README.md >"$readme/build.sh"
(cd "$readme" && bash -e build.sh) | sed -n '/^{$/,$p' | cmp - <(build/release/slmatch match \
  data/examples/riverside.json --format json --top 5)
rm -rf "$readme"

step "Python wheel: sdist, wheel built from it, manylinux repair, a fresh environment without a compiler"
wheel=$("$root/scripts/build_wheel.sh" | tail -n 1)
"$root/scripts/check_wheel.sh" "$wheel"

step "Python tests (the service on SQLite and on PostgreSQL)"
.venv/bin/python -m pip install -qq --force-reinstall --no-deps "$wheel"
postgresql=$("$root/scripts/postgres.sh" start)
trap '"$root/scripts/postgres.sh" stop' EXIT
# Two processes for everything but the service, whose tests start servers and share a
# database; then the service's tests on their own.
export SLMATCH_C_LIBRARY="$root/build/release/libslmatch_c.so" SLMATCH_TEST_POSTGRESQL="$postgresql"
.venv/bin/python -m pytest -q -n 2 --ignore-glob='*/test_service*.py'
.venv/bin/python -m pytest -q tests/python/test_service*.py
unset SLMATCH_C_LIBRARY SLMATCH_TEST_POSTGRESQL
"$root/scripts/postgres.sh" stop
trap - EXIT

step "service load test, 3 s per client count"
.venv/bin/python benchmarks/service_load.py --seconds 3

step "C++ tests under ASan + UBSan"
"$root/scripts/build.sh" sanitize
ctest --preset sanitize

step "Python tests under ASan + UBSan"
"$root/scripts/test_python_sanitize.sh"

step "fuzzing, 12 s per target"
"$root/scripts/fuzz.sh" 12
step "all passed"
