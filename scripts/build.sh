#!/usr/bin/env bash
# Configure and build slmatch with a CMake preset (default: release, in build/release).
# Usage: scripts/build.sh [PRESET] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
preset=${1:-release}
shift || true
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" "${targets[@]}"
