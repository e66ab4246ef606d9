#!/usr/bin/env bash
# Formatting and lint: clang-format for C and C++, ruff and mypy (strict) for Python. Fails on any drift;
# `scripts/lint.sh --fix` rewrites the files instead.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mapfile -t cpp_files < <(git ls-files '*.hpp' '*.cpp' '*.h' '*.c')
ruff="$root/.venv/bin/ruff"
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${cpp_files[@]}"
  "$ruff" format python tests/python tests/scipy_dropins tests/c_consumer examples scripts
  "$ruff" check --fix python tests/python tests/scipy_dropins tests/c_consumer examples scripts
  exit 0
fi
clang-format --dry-run -Werror "${cpp_files[@]}"
"$ruff" format --check -q python tests/python tests/scipy_dropins tests/c_consumer examples scripts
"$ruff" check -q python tests/python tests/scipy_dropins tests/c_consumer examples scripts
"$root/.venv/bin/mypy" --no-error-summary
"$root/.venv/bin/python" "$root/scripts/check_layout.py"
echo "lint: clean"
