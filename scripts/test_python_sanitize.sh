#!/usr/bin/env bash
# The Python test suite against an extension built with ASan + UBSan: the sanitize preset's
# build (scripts/build.sh sanitize) compiles it from the same objects as the sanitized C++
# tests. The package is assembled in build/sanitize/site from python/ and that build (the
# .venv keeps the normal one) and put first on the path; the sanitizer runtimes are preloaded
# into the interpreter, whose own leaks are not reported. The tests run in two processes
# (SLMATCH_TEST_WORKERS): under the sanitizers they are CPU-bound.
# Usage: scripts/test_python_sanitize.sh [PYTEST ARGS...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/build.sh" sanitize _core slmatch_c
build="$root/build/sanitize"
site="$build/site"
rm -rf "$site"
mkdir -p "$site"
cp -r python/slmatch "$site/slmatch"
cp "$build"/_core.*.so "$site/slmatch/"
abi=$(sed -n 's/^#define SLMATCH_ABI_VERSION \([0-9]*\).*/\1/p' include/slmatch/c/slmatch.h)
cp "$(readlink -f "$build/libslmatch_c.so")" "$site/slmatch/libslmatch_c.so.$abi"
mkdir -p "$site/slmatch/schema"
cp data/schema/*.schema.json "$site/slmatch/schema/"
runtimes="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)"
# The service's tests are left out: they test HTTP and Python, and every engine call they
# make goes through the C interface, which test_c_abi.py drives here, sanitized. So are the
# browser checks: they test pages in Chromium, which must not run with the sanitizer
# runtimes preloaded, and the same pages are made, sanitized, by test_report*.py.
PYTHONPATH="$site" LD_PRELOAD="$runtimes" SLMATCH_C_LIBRARY="$site/slmatch/libslmatch_c.so.$abi" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  .venv/bin/python -m pytest -q -p no:cacheprovider -n "${SLMATCH_TEST_WORKERS:-2}" \
  --ignore-glob='*/test_service*.py' --ignore-glob='*/test_*_browser.py' "$@"
