"""Experiment sweeps: Python overhead over the engine, and Dask throughput by worker count.

Run with the project's Python (after the package is built, e.g. by scripts/test.sh):

    .venv/bin/python benchmarks/experiment_overhead.py [--people 300] [--households 300]
        [--runs 1000] [--repeats 3] [--dask-runs 400]

1. A sweep of ``--runs`` runs (weight settings drawn at random x five objectives: optimal,
   max_total, egalitarian, stable, greedy) on one synthetic scheme, run locally. Prints the
   median wall time of the whole ``run_experiments`` call, the median sum of the engine's
   own times of the single runs (``cpp_seconds``), and their ratio (target: at most 2).
2. The same kind of sweep (``--dask-runs`` runs) on a ``dask.distributed.LocalCluster`` with
   1 and then 2 worker processes of one thread each: median runs per second of each, and
   the speed-up (cluster start-up is not timed; one warm-up sweep runs first).
"""

from __future__ import annotations

import argparse
import statistics
import time

import slmatch
from slmatch.experiments import run_experiments

OBJECTIVES = ["optimal", "max_total", "egalitarian", "stable", "greedy"]


def sweep(
    scheme: slmatch.Scheme, runs: int, seed: int, client: object = None
) -> tuple[float, float]:
    """(wall seconds, sum of the engine's seconds) of one sweep of about `runs` runs."""
    settings = max(1, runs // len(OBJECTIVES))
    start = time.perf_counter()
    table = run_experiments(
        scheme, weights=settings, objectives=OBJECTIVES, seed=seed, client=client, progress=False
    )
    wall = time.perf_counter() - start
    return wall, float(table["cpp_seconds"].sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--households", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dask-runs", type=int, default=400)
    arguments = parser.parse_args()

    scheme = slmatch.synthetic_scheme(arguments.people, arguments.households, seed=17)
    print(f"scheme: {arguments.people} people x {arguments.households} households")
    sweep(scheme, len(OBJECTIVES), seed=0)  # warm-up
    walls, engine = [], []
    for repeat in range(arguments.repeats):
        wall, cpp = sweep(scheme, arguments.runs, seed=repeat)
        walls.append(wall)
        engine.append(cpp)
    wall, cpp = statistics.median(walls), statistics.median(engine)
    print(f"local sweep of {arguments.runs} runs (median of {arguments.repeats}):")
    print(f"  whole sweep            {wall:8.3f} s")
    print(f"  sum of engine times    {cpp:8.3f} s")
    print(f"  ratio                  {wall / cpp:8.2f}  (target <= 2)")

    from dask.distributed import Client, LocalCluster

    throughput = {}
    for workers in (1, 2):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            sweep(scheme, arguments.dask_runs // 4, seed=0, client=client)  # warm-up
            rates = []
            for repeat in range(arguments.repeats):
                wall, _ = sweep(scheme, arguments.dask_runs, seed=repeat, client=client)
                rates.append(arguments.dask_runs / wall)
            throughput[workers] = statistics.median(rates)
        print(f"dask LocalCluster, {workers} worker(s): {throughput[workers]:8.1f} runs/s")
    print(f"  speed-up 2 vs 1 workers {throughput[2] / throughput[1]:7.2f}x")


if __name__ == "__main__":
    main()
