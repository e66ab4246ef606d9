#!/usr/bin/env bash
# The repaired wheel in a fresh environment, as an analyst gets it: a new virtual
# environment with the wheel installed (its dependencies from the package index, as wheels
# only), then, in processes that start with an empty environment (no CPATH, LIBRARY_PATH,
# LD_LIBRARY_PATH or PYTHONPATH) and a PATH of the fresh environment's bin/ and a shell but no
# compiler, linker, CMake or pkg-config:
#  - the README's Python example, taken from README.md, runs;
#  - `slmatch --version` gives slmatch.__version__, the wheel's version;
#  - `slmatch match data/examples/riverside.json` prints the proposals the release build
#    prints (when build/release/slmatch is there; else it must print proposals);
#  - `slmatch calendar data/examples/riverside.json` plans (CBC from the wheel) as the release
#    build does;
#  - `slmatch report --help` finds the environment's Python with nothing on PATH;
#  - scripts/wheel_libraries.py: after matching through the extension module and the C
#    interface (ctypes), no shared library is loaded from outside the fresh environment but
#    Python's own and the system's C and C++ runtimes, and the module, the C interface and
#    the command-line tool resolve every library they need inside the package.
# Usage: scripts/check_wheel.sh [WHEEL]   (default: the wheel scripts/build_wheel.sh left in dist/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
start=$SECONDS
wheel=${1:-$(echo dist/slmatch-*manylinux*.whl)}
if [ ! -f "$wheel" ]; then
  echo "check_wheel: no wheel $wheel (scripts/build_wheel.sh builds it)" >&2
  exit 1
fi
wheel=$(realpath "$wheel")
version=$(basename "$wheel" | cut -d- -f2)

clean=$(mktemp -d)
trap 'rm -rf "$clean"' EXIT
venv="$clean/venv"
"$root/.venv/bin/python" -m venv "$venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install -qq --only-binary :all: "$wheel"
printf 'check_wheel: installed into a fresh environment (%ds)\n' $((SECONDS - start)) >&2

mkdir "$clean/tools" "$clean/home" "$clean/work"
ln -s "$(command -v sh)" "$clean/tools/"
bash=$(command -v bash)
clean_env=(env -i HOME="$clean/home" LANG=C.UTF-8 PATH="$venv/bin:$clean/tools")

"${clean_env[@]}" "$bash" -c 'for tool in cc gcc g++ c++ clang clang++ ld as cmake ninja make pkg-config; do
    if command -v "$tool"; then echo "check_wheel: $tool is on PATH" >&2; exit 1; fi
  done
  for variable in CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH LIBRARY_PATH LD_LIBRARY_PATH PYTHONPATH; do
    if [ -n "${!variable+set}" ]; then echo "check_wheel: $variable is set" >&2; exit 1; fi
  done'

# The README's Python example, as the README has it, run where data/ is.
ln -s "$root/data" "$clean/work/"
awk '/^## Python/ { on = 1 } on && /^```python$/ { copy = 1; next } copy && /^```$/ { exit } copy' \
  README.md >"$clean/work/example.py"
(cd "$clean/work" && "${clean_env[@]}" python example.py)

found=$(cd "$clean/work" && "${clean_env[@]}" slmatch --version)
python_version=$(cd "$clean/work" && "${clean_env[@]}" python -c 'import slmatch; print(slmatch.__version__)')
if [ "$found" != "slmatch $version" ] || [ "$python_version" != "$version" ]; then
  echo "check_wheel: slmatch --version says '$found', slmatch.__version__ '$python_version'," \
    "the wheel $version" >&2
  exit 1
fi

(cd "$clean/work" && "${clean_env[@]}" slmatch match data/examples/riverside.json) >"$clean/match.txt"
if [ -x build/release/slmatch ]; then
  build/release/slmatch match data/examples/riverside.json | cmp - "$clean/match.txt"
  compared="the release build's proposals"
else
  grep -q "people matched" "$clean/match.txt" && grep -Eq '^P[0-9]+ +-> +H[0-9]+' "$clean/match.txt"
  compared="proposals (no release build to compare with)"
fi

# The calendar planner runs CBC from the bundled libraries, and plans as the release build.
(cd "$clean/work" && "${clean_env[@]}" slmatch calendar data/examples/riverside.json \
  --format json) >"$clean/calendar.json"
if [ -x build/release/slmatch ]; then
  build/release/slmatch calendar data/examples/riverside.json --format json |
    cmp - "$clean/calendar.json"
fi
grep -q '"proven_optimal": true' "$clean/calendar.json"

# With no Python on PATH, the launcher's folder still leads the tool to its Python.
usage=$(env -i HOME="$clean/home" LANG=C.UTF-8 PATH="$clean/tools" "$venv/bin/slmatch" report --help)
grep -q "^usage: slmatch report" <<<"$usage"

(cd "$clean/work" && "${clean_env[@]}" python "$root/scripts/wheel_libraries.py" \
  data/examples/riverside.json) >&2
printf 'check_wheel: %s works without a compiler: README example, --version %s, %s (%ds)\n' \
  "$(basename "$wheel")" "$version" "$compared" $((SECONDS - start)) >&2
