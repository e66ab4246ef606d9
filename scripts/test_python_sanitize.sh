#!/usr/bin/env bash
# The Python test suite against an extension built with ASan + UBSan (SLMATCH_SANITIZE=ON).
# The sanitized package is installed into build/python-sanitize/site (the .venv keeps the
# normal one) and put first on the path; the sanitizer runtimes are preloaded into the
# interpreter, whose own leaks are not reported. The Python tests do not run the command-line
# tool, so it is not built here. -O0, as in the C++ sanitizer build: it compiles in half the
# time of -O1, and the sanitizers miss nothing for it.
# Usage: scripts/test_python_sanitize.sh [PYTEST ARGS...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
site="$root/build/python-sanitize/site"
rm -rf "$site"
.venv/bin/python -m pip install -qq --no-build-isolation --no-deps --target "$site" \
  -C build-dir="$root/build/python-sanitize/build" \
  -C cmake.build-type=RelWithDebInfo \
  -C cmake.define.CMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g1 -DNDEBUG" \
  -C cmake.define.SLMATCH_SANITIZE=ON -C cmake.define.SLMATCH_BUILD_CLI=OFF "$root"
runtimes="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)"
# The service's tests are left out: they test HTTP and Python, and every engine call they
# make goes through the C interface, which test_c_abi.py drives here, sanitized. So are the
# browser checks: they test pages in Chromium, which must not run with the sanitizer
# runtimes preloaded, and the same pages are made, sanitized, by test_report*.py.
PYTHONPATH="$site" LD_PRELOAD="$runtimes" SLMATCH_C_LIBRARY="$site/slmatch/libslmatch_c.so.1" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  .venv/bin/python -m pytest -q -p no:cacheprovider --ignore-glob='*/test_service*.py' \
  --ignore-glob='*/test_*_browser.py' "$@"
