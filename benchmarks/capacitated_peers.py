"""Capacitated assignment: slmatch against OR-Tools' SimpleMinCostFlow, side by side in one run.

Run with the project's Python (after the package is built, e.g. by scripts/test.sh):

    .venv/bin/python benchmarks/capacitated_peers.py [--people 20000] [--households 8000]
        [--candidates 100] [--repeats 3] [--threads 2]

OR-Tools is installed from PyPI with pip first if it is missing. Two instances with a fixed
seed, each with capacities 1-3 and about ``--candidates`` allowed households per person and
integer scores 0..100,000 (slmatch's 0-100 scores at its 0.001 resolution):

- uniform: each person's households drawn uniformly at random;
- geographic: people and households in clusters on a 100 km square, each person's nearest
  households, the score falling with distance plus noise.

For each instance and objective it prints the median time of each solver (OR-Tools timed
from building its graph to reading its flows, slmatch from its Python call to its returned
arrays) and the ratio slmatch / OR-Tools, and asserts both reach the same optimum: the same
number of people matched and the same total score.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any, Callable

import numpy as np
from peers import ensure_installed, require_installed


class Instance:
    """Edge arrays of one capacitated problem."""

    def __init__(
        self,
        name: str,
        person: np.ndarray,
        household: np.ndarray,
        score: np.ndarray,
        capacity: np.ndarray,
        people: int,
    ) -> None:
        self.name, self.people = name, people
        self.person, self.household = person.astype(np.int64), household.astype(np.int64)
        self.score, self.capacity = score.astype(np.int64), capacity.astype(np.int64)


def uniform_instance(
    people: int, households: int, candidates: int, rng: np.random.Generator
) -> Instance:
    drawn = np.sort(rng.integers(0, households, size=(people, candidates)), axis=1)
    keep = np.ones_like(drawn, dtype=bool)
    keep[:, 1:] = drawn[:, 1:] != drawn[:, :-1]  # drop the few repeated draws
    person = np.repeat(np.arange(people), candidates).reshape(people, candidates)[keep]
    household = drawn[keep]
    score = rng.integers(0, 100_001, size=household.size)
    capacity = rng.integers(1, 4, size=households)
    return Instance("uniform", person, household, score, capacity, people)


def geographic_instance(
    people: int, households: int, candidates: int, rng: np.random.Generator
) -> Instance:
    spatial = require_installed("scipy.spatial", "scipy")
    centres = rng.uniform(0, 100, size=(40, 2))

    def clustered(count: int) -> np.ndarray:
        around = centres[rng.integers(0, len(centres), size=count)]
        return np.clip(around + rng.normal(0, 6, size=(count, 2)), 0, 100)

    home, carer = clustered(people), clustered(households)
    distance, nearest = spatial.cKDTree(carer).query(home, k=candidates)
    closeness = np.exp(-distance / 15.0)
    score = np.rint(100_000 * (0.7 * closeness + 0.3 * rng.random(closeness.shape)))
    person = np.repeat(np.arange(people), candidates)
    capacity = rng.integers(1, 4, size=households)
    return Instance("geographic", person, nearest.ravel(), score.ravel(), capacity, people)


def ortools_solver(min_cost_flow: Any) -> Callable[[Instance, str], tuple[int, int]]:
    """SimpleMinCostFlow on the usual network: person -> household -> sink, person -> sink."""

    def solve(instance: Instance, objective: str) -> tuple[int, int]:
        people, households = instance.people, len(instance.capacity)
        bonus = 0
        if objective == "max_matched_then_total":  # one more person outweighs any total
            best = np.zeros(people, dtype=np.int64)
            np.maximum.at(best, instance.person, instance.score)
            bonus = int(best.sum()) + 1
        sink = people + households
        flow = min_cost_flow.SimpleMinCostFlow()
        everyone = np.arange(people, dtype=np.int64)
        tails = np.concatenate(
            [instance.person, everyone, people + np.arange(households, dtype=np.int64)]
        )
        heads = np.concatenate(
            [
                people + instance.household,
                np.full(people, sink, dtype=np.int64),
                np.full(households, sink, dtype=np.int64),
            ]
        )
        capacities = np.concatenate(
            [np.ones(instance.person.size + people, dtype=np.int64), instance.capacity]
        )
        costs = np.concatenate(
            [-(instance.score + bonus), np.zeros(people + households, dtype=np.int64)]
        )
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
        supplies = np.zeros(sink + 1, dtype=np.int64)
        supplies[:people], supplies[sink] = 1, -people
        flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int64), supplies)
        if flow.solve() != flow.OPTIMAL:
            raise RuntimeError("OR-Tools did not find an optimal flow")
        used = flow.flows(arcs[: instance.person.size]) > 0
        return int(used.sum()), int(instance.score[used].sum())

    return solve


def slmatch_solver(threads: int) -> Callable[[Instance, str], tuple[int, int]]:
    from slmatch.solvers import assign_capacitated

    def solve(instance: Instance, objective: str) -> tuple[int, int]:
        plan = assign_capacitated(
            instance.person,
            instance.household,
            instance.score,
            instance.capacity,
            people=instance.people,
            objective=objective,
            threads=threads,
        )
        return plan.matched, int(plan.total)

    return solve


def median_time(
    solve: Callable[[Instance, str], tuple[int, int]],
    instance: Instance,
    objective: str,
    repeats: int,
) -> tuple[float, tuple[int, int]]:
    times, answer = [], (0, 0)
    for _ in range(repeats):
        start = time.perf_counter()
        answer = solve(instance, objective)
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--households", type=int, default=8_000)
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    instances = [
        uniform_instance(args.people, args.households, args.candidates, rng),
        geographic_instance(args.people, args.households, args.candidates, rng),
    ]
    solvers = {"slmatch": slmatch_solver(args.threads)}
    min_cost_flow = ensure_installed("ortools.graph.python.min_cost_flow", "ortools")
    if min_cost_flow is not None:
        solvers["OR-Tools"] = ortools_solver(min_cost_flow)

    print(
        f"{args.people} people x {args.households} households, ~{args.candidates} candidates "
        f"each, capacities 1-3; medians of {args.repeats}; slmatch on {args.threads} threads"
    )
    failed = False
    for instance in instances:
        for objective in ("max_matched_then_total", "max_total"):
            results = {
                name: median_time(solve, instance, objective, args.repeats)
                for name, solve in solvers.items()
            }
            ours_time, ours = results["slmatch"]
            line = (
                f"{instance.name:10s} {objective:22s} edges {instance.person.size:>9,d}  "
                f"slmatch {ours_time:7.3f} s (matched {ours[0]}, total {ours[1]})"
            )
            for name, (seconds, answer) in results.items():
                if name == "slmatch":
                    continue
                line += f"  {name} {seconds:7.3f} s  ratio {ours_time / seconds:5.2f}x"
                if answer != ours:
                    line += f"  DIFFERENT OPTIMUM {answer}"
                    failed = True
            print(line, flush=True)
    if failed:
        sys.exit("solvers disagree on an optimum")


if __name__ == "__main__":
    main()
