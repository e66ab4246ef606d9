"""Replications of the simulation: every policy's figures with confidence intervals.

In: policies, :class:`~slmatch.simulation.SimulationParameters`, optionally a scheme to start
from, a number of replications and a seed. Out: a :class:`ReplicationResult`: per policy,
each figure of :data:`~slmatch.simulation.RUN_FIGURES` averaged over the replications with
its confidence interval; paired differences between policies with theirs; the mean wait by
group (the audit's groupings: need, age band, area); the waiting list day by day with a
band; and, when arrangements may end early (:class:`~slmatch.simulation.EarlyEnding`), a
sensitivity run without that model saying which figures depend on it::

    from slmatch.simulation_replications import replicate
    result = replicate(replications=200, seed=1)
    result.summary       # policy, figure, mean, low, high
    result.differences   # policy minus versus, paired, with the interval

How it works:

- Replication ``r`` draws its own world from the seed ``(seed, r)``; every policy is played
  on that same world (common random numbers), so a difference between two policies in one
  replication comes from the policies alone, and the paired differences' intervals are far
  narrower than the policies' own.
- Intervals are Student's t intervals over the replications
  (:func:`slmatch.simulation_intervals.mean_interval`); a difference is ``clear`` when its
  interval leaves out 0.
- Group figures average, over the replications where the group started an arrangement, the
  mean wait of the arrangements its members started. A person counts in each of their
  needs; age bands and areas are the audit's (whole years at the scheme's as-of date; 10 km
  squares of the fixed map grid, named by their centre). Groups with fewer than
  ``small_group_size`` people referred on average are left out, as the audit withholds
  small groups.
- Replications run here one after another, on ``workers`` local processes (or threads), or
  on a Dask cluster with ``client=``: the same arguments give the same result, byte for
  byte, wherever they run.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
from collections.abc import Callable, Sequence
from concurrent import futures as thread_futures
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch._core import Scheme
from slmatch._parallel import collect_from_cluster, collect_from_pool, progress_bar, scatter
from slmatch.simulation import (
    DAYS_PER_MONTH,
    DEFAULT_POLICIES,
    RUN_FIGURES,
    SimulationParameters,
    _checked_policies,
    _draw_world,
    _Run,
    _World,
)
from slmatch.simulation_intervals import mean_interval, stats
from slmatch.simulation_start import SchemeSource, load_scheme_source

__all__ = [
    "DIFFERENCE_COLUMNS",
    "GROUPINGS",
    "GROUP_COLUMNS",
    "SUMMARY_COLUMNS",
    "ReplicationResult",
    "replicate",
]

GROUPINGS: tuple[str, ...] = ("need", "age_band", "area")
"""The audit's groupings the replications report waits by."""
SUMMARY_COLUMNS: tuple[str, ...] = ("policy", "figure", "mean", "low", "high", "replications")
"""The columns of :attr:`ReplicationResult.summary`."""
DIFFERENCE_COLUMNS: tuple[str, ...] = (
    "policy",
    "versus",
    "figure",
    "difference",
    "low",
    "high",
    "clear",
    "replications",
)
"""The columns of :attr:`ReplicationResult.differences`: ``policy`` minus ``versus``."""
GROUP_COLUMNS: tuple[str, ...] = (
    "policy",
    "grouping",
    "group",
    "mean_wait_days",
    "low",
    "high",
    "replications",
    "mean_people",
)
"""The columns of :attr:`ReplicationResult.groups`."""

_AREA_KM = 10.0
_KM_PER_DEGREE = 6371.0088 * math.pi / 180.0


@dataclass(frozen=True)
class ReplicationResult:
    """What :func:`replicate` found, policy by policy, with confidence intervals."""

    policies: list[str]
    """The policies, in the order given."""
    runs: pd.DataFrame
    """One row per replication and policy: ``replication``, ``policy`` and the figures of
    :data:`~slmatch.simulation.RUN_FIGURES`."""
    summary: pd.DataFrame
    """Per policy and figure: the mean over the replications with its interval
    (:data:`SUMMARY_COLUMNS`)."""
    differences: pd.DataFrame
    """Per pair of policies (each against every policy before it) and figure: the mean
    paired difference with its interval and whether it leaves out 0
    (:data:`DIFFERENCE_COLUMNS`)."""
    groups: pd.DataFrame
    """Per policy and group: the mean wait with its interval (:data:`GROUP_COLUMNS`)."""
    group_differences: pd.DataFrame
    """Per pair of policies and group: the paired difference of the mean waits
    (``policy``, ``versus``, ``grouping``, ``group``, ``difference``, ``low``, ``high``,
    ``clear``, ``replications``)."""
    waiting: pd.DataFrame
    """Per policy and day: people waiting, the mean over the replications with its
    interval (``policy``, ``day``, ``mean``, ``low``, ``high``)."""
    sensitivity: pd.DataFrame | None
    """With arrangements ending early: per policy and figure, the mean with the model
    (``with_early_ending``) and without it (``without_early_ending``), the paired
    difference with its interval, and ``depends``: whether the interval leaves out 0; then
    the same for every paired difference between policies (``figure`` named
    ``"<figure>: <policy> - <versus>"``). None without the model."""
    parameters: SimulationParameters
    """The parameters of the run."""
    seed: int
    """The seed of the run."""
    confidence: float
    """The intervals' confidence level."""

    def medians(self) -> pd.DataFrame:
        """Per policy, each figure's median over the replications."""
        return self.runs.drop(columns="replication").groupby("policy", sort=False).median()


@dataclass(frozen=True)
class _Outcome:
    """One replication: every policy on one world."""

    figures: npt.NDArray[np.float64]
    """Policies x figures."""
    waiting: npt.NDArray[np.int64]
    """Policies x days."""
    groups: dict[tuple[str, str], npt.NDArray[np.float64]]
    """(grouping, group) -> policies x (sum of waits, arrangements started, people referred)."""


def _area_label(lat: float, lon: float, cell_km: float = _AREA_KM) -> str:
    """The audit's area: the square of its fixed map grid holding the place, by its centre."""
    row_degrees = cell_km / _KM_PER_DEGREE
    row = math.floor(lat / row_degrees)
    centre = (row + 0.5) * row_degrees
    column_degrees = cell_km / (_KM_PER_DEGREE * max(0.01, math.cos(math.radians(centre))))
    column = math.floor(lon / column_degrees)
    lon_centre = (column + 0.5) * column_degrees
    decimals = min(max(math.ceil(-math.log10(row_degrees / 2.0)), 0), 6)
    return (
        f"{abs(centre):.{decimals}f}{'S' if centre < 0 else 'N'} "
        f"{abs(lon_centre):.{decimals}f}{'W' if lon_centre < 0 else 'E'}"
    )


def _age_band(age: int) -> str:
    if age < 18:
        return "under 18"
    for top, band in ((24, "18-24"), (34, "25-34"), (49, "35-49"), (64, "50-64")):
        if age <= top:
            return band
    return "65+"


def _years(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def person_groups(scheme: Scheme) -> list[list[tuple[str, str]]]:
    """Per person of ``scheme``, the audit's groups they count in: ``(grouping, group)``."""
    document = json.loads(scheme.to_json())
    as_of = datetime.date.fromisoformat(document["policy"]["as_of"])
    groups = []
    for person in document["people"]:
        mine = [("need", str(need)) for need in person["needs"]]
        born = datetime.date.fromisoformat(person["date_of_birth"])
        mine.append(("age_band", _age_band(_years(born, as_of))))
        where = person["location"]
        mine.append(("area", _area_label(float(where["lat"]), float(where["lon"]))))
        groups.append(mine)
    return groups


def _world_seed(seed: int, replication: int) -> int:
    return int(np.random.SeedSequence([seed, replication]).generate_state(1, np.uint64)[0])


def _play(
    world: _World,
    parameters: SimulationParameters,
    policies: Sequence[str],
    labels: Sequence[Sequence[tuple[str, str]]],
) -> _Outcome:
    figures = np.empty((len(policies), len(RUN_FIGURES)))
    curves = []
    groups: dict[tuple[str, str], npt.NDArray[np.float64]] = {}
    referred = world.arrival_day <= parameters.months * DAYS_PER_MONTH
    for k, policy in enumerate(policies):
        run = _Run(world, parameters, policy)
        run.run()
        found = run.figures()
        figures[k] = [found[name] for name in RUN_FIGURES]
        curves.append(run.waiting_by_day())
        for row in run.rows:
            if row["outcome"] != "started":
                continue
            for key in labels[row["person_index"]]:
                if key not in groups:
                    groups[key] = np.zeros((len(policies), 3))
                groups[key][k, 0] += row["wait_days"]
                groups[key][k, 1] += 1
    for person in np.flatnonzero(referred):
        for key in labels[int(person)]:
            if key not in groups:
                groups[key] = np.zeros((len(policies), 3))
            groups[key][:, 2] += 1
    return _Outcome(figures=figures, waiting=np.stack(curves), groups=groups)


def _replicate_batch(
    policies: Sequence[str],
    parameters: SimulationParameters,
    scheme: Scheme | None,
    seed: int,
    replications: Sequence[int],
    sensitivity: bool,
) -> list[tuple[_Outcome, _Outcome | None]]:
    """Run some replications (on a worker or here): each with and, for the sensitivity
    run, without early endings, on one world."""
    without = dataclasses.replace(parameters, early_ending=None)
    done = []
    for r in replications:
        world = _draw_world(parameters, _world_seed(seed, r), scheme)
        labels = person_groups(world.scheme)
        main = _play(world, parameters, policies, labels)
        other = _play(world, without, policies, labels) if sensitivity else None
        done.append((main, other))
    return done


def _summary(
    policies: Sequence[str], figures: npt.NDArray[np.float64], confidence: float
) -> pd.DataFrame:
    rows = []
    for k, policy in enumerate(policies):
        for f, name in enumerate(RUN_FIGURES):
            values = figures[:, k, f]
            mean, low, high = mean_interval(values, confidence)
            rows.append((policy, name, mean, low, high, int(np.count_nonzero(~np.isnan(values)))))
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _differences(
    policies: Sequence[str], figures: npt.NDArray[np.float64], confidence: float
) -> pd.DataFrame:
    rows = []
    for j, policy in enumerate(policies):
        for i in range(j):
            for f, name in enumerate(RUN_FIGURES):
                paired = figures[:, j, f] - figures[:, i, f]
                mean, low, high = mean_interval(paired, confidence)
                rows.append(
                    (
                        policy,
                        policies[i],
                        name,
                        mean,
                        low,
                        high,
                        bool(low > 0 or high < 0),
                        int(np.count_nonzero(~np.isnan(paired))),
                    )
                )
    return pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))


def _group_tables(
    policies: Sequence[str],
    outcomes: Sequence[_Outcome],
    confidence: float,
    small_group_size: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    keys = sorted(
        {key for outcome in outcomes for key in outcome.groups},
        key=lambda key: (GROUPINGS.index(key[0]), key[1]),
    )
    rows, differences = [], []
    empty = np.zeros((len(policies), 3))
    for key in keys:
        counts = np.stack([outcome.groups.get(key, empty) for outcome in outcomes])
        people = float(counts[:, 0, 2].mean())
        if people < small_group_size:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts[:, :, 1] > 0, counts[:, :, 0] / counts[:, :, 1], np.nan)
        for k, policy in enumerate(policies):
            mean, low, high = mean_interval(means[:, k], confidence)
            seen = int(np.count_nonzero(~np.isnan(means[:, k])))
            rows.append((policy, key[0], key[1], mean, low, high, seen, people))
        for j, policy in enumerate(policies):
            for i in range(j):
                paired = means[:, j] - means[:, i]
                mean, low, high = mean_interval(paired, confidence)
                differences.append(
                    (
                        policy,
                        policies[i],
                        key[0],
                        key[1],
                        mean,
                        low,
                        high,
                        bool(low > 0 or high < 0),
                        int(np.count_nonzero(~np.isnan(paired))),
                    )
                )
    return (
        pd.DataFrame(rows, columns=list(GROUP_COLUMNS)),
        pd.DataFrame(
            differences,
            columns=[
                "policy",
                "versus",
                "grouping",
                "group",
                "difference",
                "low",
                "high",
                "clear",
                "replications",
            ],
        ),
    )


def _waiting_table(
    policies: Sequence[str], curves: npt.NDArray[np.int64], confidence: float
) -> pd.DataFrame:
    """Mean people waiting per day with a t interval, vectorised over the days."""
    replications, _, days = curves.shape
    mean = curves.mean(axis=0)
    if replications > 1:
        spread = curves.std(axis=0, ddof=1) / math.sqrt(replications)
        half = float(stats().t.ppf(0.5 + confidence / 2.0, replications - 1)) * spread
    else:
        half = np.full(mean.shape, np.nan)
    return pd.DataFrame(
        {
            "policy": np.repeat(np.asarray(policies, dtype=object), days),
            "day": np.tile(np.arange(days, dtype=np.int64), len(policies)),
            "mean": mean.ravel(),
            "low": (mean - half).ravel(),
            "high": (mean + half).ravel(),
        }
    )


def _sensitivity(
    policies: Sequence[str],
    with_model: npt.NDArray[np.float64],
    without: npt.NDArray[np.float64],
    confidence: float,
) -> pd.DataFrame:
    rows = []

    def add(policy: str, name: str, a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> None:
        mean, low, high = mean_interval(a - b, confidence)
        rows.append((policy, name, float(np.nanmean(a)), float(np.nanmean(b)), mean, low, high))

    for k, policy in enumerate(policies):
        for f, name in enumerate(RUN_FIGURES):
            add(policy, name, with_model[:, k, f], without[:, k, f])
    for j, policy in enumerate(policies):
        for i in range(j):
            for f, name in enumerate(RUN_FIGURES):
                add(
                    policy,
                    f"{name}: {policy} - {policies[i]}",
                    with_model[:, j, f] - with_model[:, i, f],
                    without[:, j, f] - without[:, i, f],
                )
    table = pd.DataFrame(
        rows,
        columns=[
            "policy",
            "figure",
            "with_early_ending",
            "without_early_ending",
            "difference",
            "low",
            "high",
        ],
    )
    table["depends"] = (table["low"] > 0) | (table["high"] < 0)
    return table


def _run_everywhere(
    policies: Sequence[str],
    parameters: SimulationParameters,
    scheme: Scheme | None,
    seed: int,
    replications: int,
    sensitivity: bool,
    *,
    client: Any,
    workers: int,
    processes: bool,
    batch_size: int,
    bar: Any,
) -> list[tuple[_Outcome, _Outcome | None]]:
    batches = [
        list(range(first, min(first + batch_size, replications)))
        for first in range(0, replications, batch_size)
    ]
    arguments = (policies, parameters)
    results: list[list[tuple[_Outcome, _Outcome | None]]]
    if client is not None:
        [on_workers] = scatter(client, [scheme], broadcast=True)
        futures = [
            client.submit(
                _replicate_batch, *arguments, on_workers, seed, batch, sensitivity, pure=False
            )
            for batch in batches
        ]
        results = collect_from_cluster(client, futures, bar=bar, size=len)
    elif workers > 1:
        pool: thread_futures.Executor = (
            thread_futures.ProcessPoolExecutor(max_workers=workers)
            if processes
            else thread_futures.ThreadPoolExecutor(max_workers=workers)
        )
        with pool:
            submitted = [
                pool.submit(_replicate_batch, *arguments, scheme, seed, batch, sensitivity)
                for batch in batches
            ]
            results = collect_from_pool(pool, submitted, bar=bar, size=len)
    else:
        results = []
        for batch in batches:
            results.append(_replicate_batch(*arguments, scheme, seed, batch, sensitivity))
            bar.update(len(batch))
    return [outcome for batch_outcomes in results for outcome in batch_outcomes]


def replicate(
    policies: Sequence[str] = DEFAULT_POLICIES,
    parameters: SimulationParameters | None = None,
    *,
    scheme: SchemeSource | None = None,
    replications: int = 100,
    seed: int = 0,
    confidence: float = 0.95,
    sensitivity: bool = True,
    small_group_size: int = 5,
    client: Any = None,
    workers: int = 1,
    processes: bool = True,
    batch_size: int = 10,
    progress: bool | Callable[[int], None] = False,
) -> ReplicationResult:
    """Play every policy on ``replications`` independent worlds and compare them.

    Args:
        policies: ``"timing/solver"`` names, as for :func:`slmatch.simulation.simulate`.
        parameters: the scheme's rates; default ``SimulationParameters()``.
        scheme: start every replication from this scheme's state (a Scheme, a path, JSON
            text or a document; see
            :func:`slmatch.simulation.simulate`); None: the default synthetic scheme.
        replications: how many worlds (>= 1).
        seed: the seed of every draw: replication ``r`` draws its world from ``(seed, r)``.
        confidence: the intervals' confidence level.
        sensitivity: with ``parameters.early_ending`` set, also play every world without it
            and report which figures depend on it (:attr:`ReplicationResult.sensitivity`).
        small_group_size: groups with fewer people referred on average are left out of the
            group tables.
        client: a ``dask.distributed.Client``: run the replications on its workers, in
            batches of ``batch_size``.
        workers: without a client, run on this many local processes (threads with
            ``processes=False``); 1 runs here.
        processes: local workers are processes (True) or threads.
        batch_size: replications per task.
        progress: True to show a progress bar (tqdm), or a callable: ``progress(done)`` is
            called with the replications done so far as each batch finishes.

    Returns:
        The same for the same arguments, wherever the replications run.

    Raises:
        ValueError: for an unknown policy or an argument out of range, naming it.
    """
    chosen = SimulationParameters() if parameters is None else parameters
    chosen.check()
    names = _checked_policies(policies)
    for label, count, low in (
        ("replications", replications, 1),
        ("workers", workers, 1),
        ("batch_size", batch_size, 1),
        ("small_group_size", small_group_size, 0),
    ):
        if isinstance(count, bool) or not isinstance(count, int) or count < low:
            raise ValueError(f"{label} must be a whole number >= {low} (is {count!r})")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (is {confidence!r})")
    loaded = None if scheme is None else load_scheme_source(scheme)
    with_sensitivity = sensitivity and chosen.early_ending is not None
    bar = _Progress(replications, progress)
    try:
        outcomes = _run_everywhere(
            names,
            chosen,
            loaded,
            seed,
            replications,
            with_sensitivity,
            client=client,
            workers=workers,
            processes=processes,
            batch_size=batch_size,
            bar=bar,
        )
    finally:
        bar.close()
    main = [outcome for outcome, _ in outcomes]
    figures = np.stack([outcome.figures for outcome in main])
    curves = np.stack([outcome.waiting for outcome in main])
    runs = pd.DataFrame(figures.reshape(-1, len(RUN_FIGURES)), columns=list(RUN_FIGURES))
    runs.insert(0, "policy", np.tile(np.asarray(names, dtype=object), replications))
    runs.insert(0, "replication", np.repeat(np.arange(replications, dtype=np.int64), len(names)))
    groups, group_differences = _group_tables(names, main, confidence, small_group_size)
    sensitivity_table = None
    if with_sensitivity:
        without = np.stack([other.figures for _, other in outcomes if other is not None])
        sensitivity_table = _sensitivity(names, figures, without, confidence)
    return ReplicationResult(
        policies=names,
        runs=runs,
        summary=_summary(names, figures, confidence),
        differences=_differences(names, figures, confidence),
        groups=groups,
        group_differences=group_differences,
        waiting=_waiting_table(names, curves, confidence),
        sensitivity=sensitivity_table,
        parameters=chosen,
        seed=seed,
        confidence=confidence,
    )


class _Progress:
    """A tqdm bar or a callback told how many replications are done."""

    def __init__(self, total: int, progress: bool | Callable[[int], None]) -> None:
        self.done = 0
        self.callback = progress if callable(progress) else None
        self.bar = progress_bar(total, progress is True, "replications")

    def update(self, count: int) -> None:
        self.done += count
        self.bar.update(count)
        if self.callback is not None:
            self.callback(self.done)

    def close(self) -> None:
        self.bar.close()
