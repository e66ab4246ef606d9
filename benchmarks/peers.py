"""Peer libraries for the benchmarks: import one, installing it from PyPI first if missing.

The ``*_peers.py`` benchmarks compare slmatch with other packages that the project does not
depend on. They call :func:`ensure_installed` (the peer is optional: skip it when it cannot
be had) or :func:`require_installed` (the benchmark cannot run without it).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import statistics
import subprocess
import sys
import time
from types import ModuleType
from typing import Callable, TypeVar

T = TypeVar("T")


def ensure_installed(module: str, package: str) -> ModuleType | None:
    """Import ``module``, first installing ``package`` with pip into this Python if needed.

    The package counts as missing when pip does not know it, even if ``module`` imports:
    two packages may share an import name (lapx, a fork of lap, installs as ``lap``).
    Returns the module, or ``None`` (after printing why) when pip fails or the module still
    does not import.
    """
    try:
        importlib.metadata.distribution(package)
        return importlib.import_module(module)
    except (ImportError, importlib.metadata.PackageNotFoundError):
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


def interleaved_medians(
    calls: dict[str, Callable[[], T]],
    repeats: int,
    min_seconds: float = 0.0,
    max_seconds: float = float("inf"),
) -> tuple[dict[str, float], dict[str, T]]:
    """Time each call at least ``repeats`` times, taking turns, and give each one's median.

    Turns spread the machine's slow spells over every solver alike, which matters on shared
    machines where load comes and goes within a second. Rounds go on until they have taken
    ``min_seconds`` in all, so that calls of a few milliseconds get enough runs for a
    steady median; they stop early, after at least one, once they have taken
    ``max_seconds``, so that calls of many seconds do not take all day. Only the calls are
    timed; the results of each one's last call are returned for checking afterwards.
    """
    times: dict[str, list[float]] = {name: [] for name in calls}
    results: dict[str, T] = {}
    rounds, spent = 0, 0.0
    while True:
        for name, call in calls.items():
            start = time.perf_counter()
            results[name] = call()
            elapsed = time.perf_counter() - start
            times[name].append(elapsed)
            spent += elapsed
        rounds += 1
        if spent >= max_seconds:
            break
        if rounds >= repeats and (spent >= min_seconds or rounds >= 1000):
            break
    return {name: statistics.median(runs) for name, runs in times.items()}, results
