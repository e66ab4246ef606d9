#!/usr/bin/env bash
# The main job on the bundled example: install what is missing, build, match the
# Riverside scheme and print explained proposals.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" release slmatch_cli >/dev/null
exec "$root/build/release/slmatch" match "$root/data/examples/riverside.json" --top 3 "$@"
