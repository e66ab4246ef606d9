"""Stable matching: slmatch against the matching package's HospitalResident, in one run.

Run with the project's Python (after the package is built, e.g. by scripts/test.sh):

    .venv/bin/python benchmarks/stable_peers.py [--people 10000] [--households 5000]
        [--length 50] [--repeats 5]

``matching`` is installed from PyPI with pip first if it is missing. Each person ranks
``--length`` random households; each household ranks, in random order, the people who rank
it; capacities 1-3 (fixed seed). Timed, person-proposing:

- matching: ``HospitalResident.create_from_dictionaries`` + ``solve()`` (once: it takes
  minutes at full size; its deep copies need a raised recursion limit);
- slmatch: ``slmatch.stable.hospital_resident`` from the same dictionaries to the same
  dictionary (median of ``--repeats``), and its C++ core alone on index arrays.

Prints the times and the ratios, and asserts the plans are equal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Hashable
from typing import Any

import numpy as np
from peers import require_installed


def instance(
    people: int, households: int, length: int, seed: int
) -> tuple[dict[Hashable, list[Hashable]], dict[Hashable, list[Hashable]], dict[Hashable, int]]:
    rng = np.random.default_rng(seed)
    person_prefs: dict[Hashable, list[Hashable]] = {}
    household_prefs: dict[Hashable, list[Hashable]] = {h: [] for h in range(households)}
    for p in range(people):
        ranked = rng.choice(households, size=length, replace=False).tolist()
        person_prefs[p] = ranked
        for h in ranked:
            household_prefs[h].append(p)
    for ranked in household_prefs.values():
        rng.shuffle(ranked)  # type: ignore[arg-type]
    capacities: dict[Hashable, int] = {
        h: int(c) for h, c in enumerate(rng.integers(1, 4, size=households))
    }
    return person_prefs, household_prefs, capacities


def run_matching_package(problem: Any) -> tuple[float, dict[Hashable, list[Hashable]]]:
    """The matching package's plan and time, in a thread with room for its deep copies."""
    games = require_installed("matching.games", "matching")
    result: dict[str, Any] = {}

    def solve() -> None:
        start = time.perf_counter()
        game = games.HospitalResident.create_from_dictionaries(*problem)
        solved = game.solve(optimal="resident")
        result["seconds"] = time.perf_counter() - start
        result["plan"] = {h.name: [r.name for r in members] for h, members in solved.items()}

    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 29)
    worker = threading.Thread(target=solve)
    worker.start()
    worker.join()
    return result["seconds"], result["plan"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--households", type=int, default=5_000)
    parser.add_argument("--length", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from slmatch import _core
    from slmatch.stable import _lists, hospital_resident

    problem = instance(args.people, args.households, args.length, args.seed)
    ours_times, ours = [], {}
    for _ in range(args.repeats):
        start = time.perf_counter()
        ours = hospital_resident(*problem)
        ours_times.append(time.perf_counter() - start)
    lists = _lists(*problem)
    core_times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        _core.stable.stable_plan(
            lists.person_indptr,
            lists.person_indices,
            lists.household_indptr,
            lists.household_indices,
            lists.capacity,
            "people",
        )
        core_times.append(time.perf_counter() - start)
    ours_time, core_time = statistics.median(ours_times), statistics.median(core_times)
    print(
        f"{args.people} people x {args.households} households, lists of {args.length}: "
        f"slmatch {ours_time:.3f} s from dictionaries (median of {args.repeats}), "
        f"core {core_time * 1000:.1f} ms",
        flush=True,
    )
    theirs_time, theirs = run_matching_package(problem)
    print(
        f"matching {theirs_time:.1f} s (create + solve, once): "
        f"slmatch is {theirs_time / ours_time:.0f}x faster end to end, "
        f"core {theirs_time / core_time:.0f}x"
    )
    if {h: m for h, m in ours.items() if h in theirs} != theirs:
        sys.exit("the plans differ")
    print("plans equal")


if __name__ == "__main__":
    main()
