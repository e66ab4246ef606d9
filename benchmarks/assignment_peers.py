"""Dense assignment: slmatch against scipy and lap, side by side in one run.

Run with the project's Python (after `pip install .`):

    .venv/bin/python benchmarks/assignment_peers.py [--sizes 1000 2000 4000] [--repeats 5]

Missing peers (scipy, lap) are installed from PyPI with pip first; a peer that cannot be
installed is skipped with a message. For each size and cost kind (uniform random, Euclidean
distances between random points) it prints the median time of each solver over the repeats
and the ratio slmatch / peer, and asserts every solver reaches the same total.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import time
from typing import Any, Callable

import numpy as np

PEERS = {"scipy": "scipy", "lap": "lap"}  # import name -> PyPI name


def ensure_installed(module: str, package: str) -> Any:
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


def uniform_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.random((n, n))


def euclidean_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    left, right = rng.random((n, 2)), rng.random((n, 2))
    return np.sqrt(((left[:, None, :] - right[None, :, :]) ** 2).sum(axis=-1))


def median_time(
    solve: Callable[[np.ndarray], float], cost: np.ndarray, repeats: int
) -> tuple[float, float]:
    times, total = [], 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        total = solve(cost)
        times.append(time.perf_counter() - start)
    return statistics.median(times), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from slmatch.solvers import linear_sum_assignment

    solvers: dict[str, Callable[[np.ndarray], float]] = {}

    def slmatch_total(cost: np.ndarray) -> float:
        rows, cols = linear_sum_assignment(cost)
        return float(cost[rows, cols].sum())

    solvers["slmatch"] = slmatch_total
    scipy = ensure_installed("scipy.optimize", PEERS["scipy"])
    if scipy is not None:

        def scipy_total(cost: np.ndarray) -> float:
            rows, cols = scipy.linear_sum_assignment(cost)
            return float(cost[rows, cols].sum())

        solvers["scipy"] = scipy_total
    lap = ensure_installed("lap", PEERS["lap"])
    if lap is not None:

        def lap_total(cost: np.ndarray) -> float:
            _, x, _ = lap.lapjv(cost)
            return float(cost[np.arange(len(x)), x].sum())

        solvers["lap.lapjv"] = lap_total

    peers = [name for name in solvers if name != "slmatch"]
    header = f"{'costs':<10}{'n':>6}" + "".join(f"{name + ' s':>14}" for name in solvers)
    header += "".join(f"{'/ ' + name:>14}" for name in peers)
    print(f"median of {args.repeats} runs; ratios are slmatch time / peer time")
    print(header)
    for kind, make in (("uniform", uniform_costs), ("euclidean", euclidean_costs)):
        for n in args.sizes:
            cost = make(n, np.random.default_rng(args.seed + n))
            medians, totals = {}, {}
            for name, solve in solvers.items():
                medians[name], totals[name] = median_time(solve, cost, args.repeats)
            for name in peers:
                assert abs(totals[name] - totals["slmatch"]) <= 1e-9 * max(
                    1.0, abs(totals[name])
                ), f"{kind} n={n}: {name} total {totals[name]} != slmatch {totals['slmatch']}"
            row = f"{kind:<10}{n:>6}" + "".join(f"{medians[name]:>14.3f}" for name in solvers)
            row += "".join(f"{medians['slmatch'] / medians[name]:>14.2f}" for name in peers)
            print(row, flush=True)


if __name__ == "__main__":
    main()
