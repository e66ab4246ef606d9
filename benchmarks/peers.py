"""Peer libraries for the benchmarks: import one, installing it from PyPI first if missing.

The ``*_peers.py`` benchmarks compare slmatch with other packages that the project does not
depend on. They call :func:`ensure_installed` (the peer is optional: skip it when it cannot
be had) or :func:`require_installed` (the benchmark cannot run without it).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType


def ensure_installed(module: str, package: str) -> ModuleType | None:
    """Import ``module``, first installing ``package`` with pip into this Python if needed.

    Returns the module, or ``None`` (after printing why) when pip fails or the module still
    does not import.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        pass
    print(f"{module} is missing: installing {package} from PyPI with pip ...", flush=True)
    result = subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=False)
    if result.returncode != 0:
        print(f"could not install {package}: skipping it", flush=True)
        return None
    importlib.invalidate_caches()
    try:
        return importlib.import_module(module)
    except ImportError:
        print(f"{package} installed but {module} does not import: skipping it", flush=True)
        return None


def require_installed(module: str, package: str) -> ModuleType:
    """Like :func:`ensure_installed`, but exit with a message when the module cannot be had."""
    found = ensure_installed(module, package)
    if found is None:
        sys.exit(f"{module} (PyPI package {package}) is needed for this benchmark")
    return found
