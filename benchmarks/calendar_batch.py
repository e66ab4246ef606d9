"""A national batch of calendar plans: 140 schemes on a thread pool and on Dask.

Run with the project's Python (after the package is built, e.g. by scripts/test.sh):

    .venv/bin/python benchmarks/calendar_batch.py [--schemes 140] [--people 200]
        [--households 70] [--weeks 13] [--seconds 10] [--repeats 1] [--workers 2]

The schemes are those of the calendar planner's own benchmark (benchmarks/calendar.cpp):
``synthetic_calendar_scheme`` with 200 people asking for short breaks and day support and
70 households, seeds 1 to 140, over 13 weeks from Monday 4 January 2027.

Each batch plans every scheme with ``plan_schemes``: on a thread pool of 1 thread, of
``--workers`` threads, and on a ``dask.distributed.LocalCluster`` of ``--workers``
processes of one thread each (cluster start-up not timed; one warm-up batch of a few
schemes runs first). Within one process the MIP solves take turns, so threads overlap only
the rest of the work. Prints the median wall time of each, the speed-ups over one thread,
the median seconds of a single plan, and whether every batch gave the same plans (plans a
time limit stops may differ where the limit falls).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import slmatch
from slmatch.calendar_batch import CalendarBatch, plan_schemes

FIRST_DAY = "2027-01-04"


def national_schemes(count: int, people: int, households: int, weeks: int) -> list[slmatch.Scheme]:
    """The schemes, seeds 1 to ``count``."""
    return [
        slmatch.synthetic_calendar_scheme(people, households, seed, from_date=FIRST_DAY, weeks=weeks)
        for seed in range(1, count + 1)
    ]


def timed(schemes: list[slmatch.Scheme], **arguments: Any) -> tuple[float, CalendarBatch]:
    start = time.perf_counter()
    batch = plan_schemes(schemes, progress=False, **arguments)
    return time.perf_counter() - start, batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemes", type=int, default=140)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--households", type=int, default=70)
    parser.add_argument("--weeks", type=int, default=13)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()

    schemes = national_schemes(
        arguments.schemes, arguments.people, arguments.households, arguments.weeks
    )
    first = FIRST_DAY
    options = {"from_date": first, "weeks": arguments.weeks, "seconds": arguments.seconds}
    walls: dict[str, list[float]] = {}
    batches: dict[str, CalendarBatch] = {}

    def measure(label: str, **where: Any) -> None:
        for _ in range(arguments.repeats):
            wall, batches[label] = timed(schemes, **options, **where)
            walls.setdefault(label, []).append(wall)

    timed(schemes[:4], **options, threads=1)  # warm-up
    measure("threads 1", threads=1)
    measure(f"threads {arguments.workers}", threads=arguments.workers)

    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=arguments.workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        timed(schemes[: 2 * arguments.workers], **options, client=client)  # warm-up
        measure(f"dask {arguments.workers} processes", client=client)

    summary = batches["threads 1"].summary
    print(
        f"{arguments.schemes} schemes of {arguments.people} people x {arguments.households} "
        f"households, {arguments.weeks} weeks from {first}, limit {arguments.seconds:g} s:"
    )
    print(
        f"  {int(summary['people'].sum())} people with requests, "
        f"{int(summary['nights_covered'].sum())} of {int(summary['nights_requested'].sum())} "
        f"nights and {int(summary['slots_covered'].sum())} of "
        f"{int(summary['slots_requested'].sum())} slots covered; "
        f"{int(summary['proven_optimal'].sum())} plans proven optimal"
    )
    print(
        f"  one plan: median {summary['seconds'].median():.3f} s, "
        f"longest {summary['seconds'].max():.3f} s"
    )
    base = statistics.median(walls["threads 1"])
    print(f"batch wall time, median of {arguments.repeats}:")
    for label, times in walls.items():
        wall = statistics.median(times)
        print(f"  {label:<20} {wall:8.2f} s   {base / wall:5.2f}x")
    reference = batches["threads 1"].plans
    for label, batch in batches.items():
        same = all(a.document == b.document for a, b in zip(batch.plans, reference))
        print(f"  {label}: {'the same plans as' if same else 'plans differ from'} one thread")


if __name__ == "__main__":
    main()
