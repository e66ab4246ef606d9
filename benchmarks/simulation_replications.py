"""Replications of the scheme simulation: 1,000 worlds, 5 policies, 24 months, on Dask.

Run with the project's Python (after the package is built, e.g. by scripts/test.sh):

    .venv/bin/python benchmarks/simulation_replications.py [--replications 1000]
        [--months 24] [--workers 2] [--batch-size 25] [--seed 1] [--no-local]

Plays the default scheme (``SimulationParameters()``, short of places) under the five
default policies in ``--replications`` worlds with ``replicate``: on a
``dask.distributed.LocalCluster`` of ``--workers`` processes of one thread each (cluster
start-up not timed), then, unless ``--no-local``, on as many local processes. Prints each
run's wall time and the time per replication, the medians of each policy's figures over the
replications, the mean waits with their intervals and the paired differences, and whether
the two runs gave the same result.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import pandas as pd
from slmatch.simulation import DEFAULT_POLICIES, SimulationParameters
from slmatch.simulation_replications import ReplicationResult, replicate

TABLES = ("runs", "summary", "differences", "groups", "group_differences", "waiting")


def same(a: ReplicationResult, b: ReplicationResult) -> bool:
    return all(getattr(a, name).equals(getattr(b, name)) for name in TABLES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--months", type=float, default=24.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-local", action="store_true")
    arguments = parser.parse_args()
    parameters = dataclasses.replace(SimulationParameters(), months=arguments.months)
    options = {
        "replications": arguments.replications,
        "seed": arguments.seed,
        "batch_size": arguments.batch_size,
    }

    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=arguments.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: None)
        start = time.perf_counter()
        on_dask = replicate(DEFAULT_POLICIES, parameters, client=client, **options)
        dask_seconds = time.perf_counter() - start
    print(
        f"dask, {arguments.workers} workers: {dask_seconds:.1f} s for {arguments.replications} "
        f"replications x {len(DEFAULT_POLICIES)} policies x {arguments.months:g} months "
        f"({dask_seconds / arguments.replications * arguments.workers * 1000:.0f} ms per "
        "replication per worker)"
    )
    if not arguments.no_local:
        start = time.perf_counter()
        local = replicate(DEFAULT_POLICIES, parameters, workers=arguments.workers, **options)
        local_seconds = time.perf_counter() - start
        print(f"local, {arguments.workers} processes: {local_seconds:.1f} s")
        print(f"same result on Dask and locally: {same(on_dask, local)}")

    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print("\nmedians over the replications")
        print(on_dask.medians().round(1).to_string())
        summary = on_dask.summary
        print("\nmean waits with their intervals")
        print(summary[summary["figure"] == "mean_wait_days"].round(2).to_string(index=False))
        differences = on_dask.differences
        print("\npaired differences of the mean wait (policy minus versus)")
        print(
            differences[differences["figure"] == "mean_wait_days"].round(2).to_string(index=False)
        )


if __name__ == "__main__":
    main()
