"""Building MatchResult's DataFrames at national scale.

Run with the project's Python (after the package is built):

    .venv/bin/python benchmarks/match_frames.py [--people 15000] [--households 10000]
        [--seed 7] [--threads 2] [--repeats 3]

Generates a synthetic scheme, matches it once (timed), then for each frame (``plan``,
``shortlists``, ``explanations``, ``unmatched``) prints the median time of building it
from a fresh result, nothing cached, and the median time of ``plan``, ``shortlists`` and
``unmatched`` built together from a fresh result.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

import slmatch

FRAMES = ["plan", "shortlists", "explanations", "unmatched"]


def fresh(result: slmatch.MatchResult) -> slmatch.MatchResult:
    """The same run with nothing built yet (frames and id arrays are cached on first use)."""
    return slmatch.MatchResult(result._run, result._scheme)


def median_seconds(result: slmatch.MatchResult, names: Sequence[str], repeats: int) -> float:
    """Median wall seconds of building the frames `names` from a fresh result."""
    times = []
    for _ in range(repeats):
        clean = fresh(result)
        start = time.perf_counter()
        for name in names:
            getattr(clean, name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15000)
    parser.add_argument("--households", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()

    scheme = slmatch.synthetic_scheme(arguments.people, arguments.households, seed=arguments.seed)
    start = time.perf_counter()
    result = slmatch.match(scheme, threads=arguments.threads)
    matched = time.perf_counter() - start
    print(
        f"scheme: {arguments.people} people x {arguments.households} households "
        f"(seed {arguments.seed}); {result.matched} matched"
    )
    print(f"match (threads={arguments.threads}): {matched:.3f} s")
    print(f"frames from a fresh result, median of {arguments.repeats}:")
    for name in FRAMES:
        print(f"  {name:<13} {median_seconds(result, [name], arguments.repeats):8.3f} s")
    together = ["plan", "shortlists", "unmatched"]
    seconds = median_seconds(result, together, arguments.repeats)
    print(f"  {' + '.join(together)} together: {seconds:.3f} s")


if __name__ == "__main__":
    main()
