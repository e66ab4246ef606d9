#!/usr/bin/env bash
# Install whatever slmatch needs and is missing: Debian packages (apt-get as root, sudo
# otherwise) and a Python virtual environment in .venv. Safe to run again: it only
# installs what is not there yet.
# Usage: scripts/setup.sh [--tests]   (--tests: also what only the tests need: the JDK and
# JNA for the Java consumer of the C interface, PostgreSQL for the service's run log,
# Chromium and its driver for the pages' browser tests)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(libboost-graph-dev libeigen3-dev libspdlog-dev catch2 nlohmann-json3-dev libsimdjson-dev
  libssl-dev libcli11-dev coinor-libcbc-dev clang-format clang libclang-rt-14-dev)
if [ "${1:-}" = "--tests" ]; then
  packages+=(default-jdk-headless libjna-java postgresql chromium chromium-driver)
  command -v curl >/dev/null || packages+=(curl)
fi
command -v pkg-config >/dev/null || packages+=(pkgconf)
command -v g++ >/dev/null || packages+=(g++)
command -v cmake >/dev/null || packages+=(cmake)
command -v ninja >/dev/null || packages+=(ninja-build)
command -v python3 >/dev/null || packages+=(python3 python3-dev)
python3 -m venv --help >/dev/null 2>&1 || packages+=(python3-venv)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "slmatch setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

venv="$root/.venv"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ]; then
  echo "slmatch setup: creating the Python environment in .venv"
  python3 -m venv "$venv"
fi
if ! cmp -s "$root/requirements-dev.txt" "$stamp"; then
  echo "slmatch setup: installing Python packages"
  "$venv/bin/python" -m pip install -qq --upgrade pip
  "$venv/bin/python" -m pip install -qq -r "$root/requirements-dev.txt"
  # Only its bundled axe-core (axe.min.js) is used, injected by Selenium: Playwright is
  # neither needed nor installed.
  "$venv/bin/python" -m pip install -qq --no-deps axe-playwright-python==0.1.8
  cp "$root/requirements-dev.txt" "$stamp"
fi
