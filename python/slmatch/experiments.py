"""Matching experiments: which weights, which objective, which policy serves people best.

An experiment runs every combination of schemes x weight settings x objectives x policies
and returns one tidy DataFrame, one row per run, with the figures the runs are compared by::

    import slmatch
    from slmatch.experiments import run_experiments

    scheme = slmatch.synthetic_scheme(300, 300, seed=7)
    table = run_experiments(
        scheme,
        weights={"scheme": None, "community first": {"community": 6}},
        objectives=["optimal", "egalitarian", "stable", "greedy"],
        policies={"cap 2": {"household_cap": 2}, "cap 3": {"household_cap": 3}},
    )

Every run is one call into the engine, which releases the GIL and times itself
(``cpp_seconds``). With ``client=`` a ``dask.distributed.Client`` the same runs go to the
cluster's workers and the table is the same as the local one (but for the times).

:func:`score_pairs` and :func:`score_matrix` give the scored feasible pairs as NumPy arrays
or a ``scipy.sparse.csr_matrix`` that share the engine's memory (no copies).

Experiments are analysis, so every function here reads a scheme only through
:func:`slmatch.analysis_view`, whatever it is given: people who registered a national data
opt-out are left out, and of everyone else only the data consented both for analysis and
for matching is read. Plans and score rows are therefore per person of the analysis view
(``analysis_view(scheme).person_ids``); households are the scheme's, in its order.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Optional, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch import _core
from slmatch._core import Scheme
from slmatch._parallel import collect_from_cluster, progress_bar, scatter
from slmatch.matching import analysis_view

__all__ = [
    "EXPERIMENT_COLUMNS",
    "OBJECTIVES",
    "POLICY_KEYS",
    "RunOutcome",
    "RunSpec",
    "ScorePairs",
    "experiment_specs",
    "random_weight_settings",
    "run_experiments",
    "run_once",
    "score_matrix",
    "score_pairs",
]

OBJECTIVES: tuple[str, ...] = _core.vocabularies["run objective"]
"""What a run can solve for (from the C++ vocabulary; the first is the default): the plain
optimum (most people matched, then the largest total), the largest total, the fairness
objectives, person-proposing stable matching, and greedy best-pair-first. Leximin solves
one stage per distinct score in play, so it takes seconds where the others take
milliseconds (about 100 times the plain optimum at 300 x 300)."""

POLICY_KEYS: tuple[str, ...] = ("household_cap", "travel_limit_km")
"""The scheme policy figures an experiment's policy setting may change."""

METRIC_COLUMNS: tuple[str, ...] = (
    "people",
    "households",
    "feasible_pairs",
    "matched",
    "match_rate",
    "total_score",
    "mean_score",
    "lowest_score",
    "blocking_pairs",
    "match_rate_gap",
    "mean_score_gap",
    "mean_wait_gap_days",
    "gini",
    "cpp_seconds",
)

EXPERIMENT_COLUMNS: tuple[str, ...] = ("scheme", "weights", "objective", "policy", *METRIC_COLUMNS)
"""The columns of :func:`run_experiments`'s table, in order. Gaps are the largest over the
audit's groupings (need, age band, area, ethnicity) of the spread between groups; ``gini``
counts unmatched people as 0; ``cpp_seconds`` is the engine's own time for the run."""

WeightSetting = Optional[Mapping[str, float]]
PolicySetting = Mapping[str, Any]
SchemesArgument = Union[Scheme, Sequence[Scheme], Mapping[str, Scheme]]
WeightsArgument = Union[None, int, Mapping[str, WeightSetting]]
PoliciesArgument = Union[None, Mapping[str, PolicySetting]]


class RunOutcome(NamedTuple):
    """One run: the plan, each person's score and the run's figures."""

    household_of: npt.NDArray[np.int64]
    """Household index per person of the analysis view (scheme order, without the people
    who opted out), -1 when unmatched."""
    score: npt.NDArray[np.float64]
    """The matched pair's score per person of the analysis view (0-100), 0 when unmatched."""
    metrics: dict[str, float]
    """The figures of :data:`EXPERIMENT_COLUMNS` after the labels."""


class ScorePairs(NamedTuple):
    """The scored feasible pairs in CSR form, sharing the engine's memory.

    Person ``i``'s feasible households are ``indices[indptr[i]:indptr[i + 1]]`` in ascending
    order, with scores (0-100) in ``data`` at the same positions.
    """

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    data: npt.NDArray[np.float64]
    shape: tuple[int, int]


class RunSpec(NamedTuple):
    """One run of an experiment, as sent to a worker."""

    scheme: str
    weights: str
    objective: str
    policy: str
    weight_setting: WeightSetting
    policy_setting: PolicySetting


def _policy_arguments(policy: PolicySetting, name: str) -> dict[str, Any]:
    if not isinstance(policy, Mapping):
        raise ValueError(f"policies[{name!r}]: expected a mapping (is {policy!r})")
    unknown = sorted(set(policy) - set(POLICY_KEYS))
    if unknown:
        raise ValueError(
            f"policies[{name!r}]: unknown key {unknown[0]!r} (use {', '.join(POLICY_KEYS)})"
        )
    return {key: policy[key] for key in POLICY_KEYS if key in policy}


def run_once(
    scheme: Scheme,
    *,
    weights: WeightSetting = None,
    objective: str = OBJECTIVES[0],
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    threads: int = 1,
) -> RunOutcome:
    """Match the analysis view of one scheme under one setting and measure the plan.

    Args:
        scheme: a validated scheme; the run reads only its :func:`slmatch.analysis_view`.
        weights: factor weights ``{factor: weight}`` laid over the scheme's default
            weights (a person's own weights still come first); None keeps the scheme's.
        objective: one of :data:`OBJECTIVES`.
        household_cap: the household cap to use instead of the policy's (1-3).
        travel_limit_km: the default travel limit to use instead of the policy's (> 0).
        threads: engine threads (>= 1); the outcome does not depend on it.

    Returns:
        The plan and its metrics, with the engine's time for the run (``cpp_seconds``).

    Raises:
        ValidationError: naming each bad setting (record ``settings``).
    """
    return _run_on_view(
        analysis_view(scheme), weights, objective, household_cap, travel_limit_km, threads
    )


def _run_on_view(
    view: Scheme,
    weights: WeightSetting,
    objective: str,
    household_cap: int | None,
    travel_limit_km: float | None,
    threads: int,
) -> RunOutcome:
    """:func:`run_once` on a scheme that is already an analysis view."""
    household_of, score, metrics = _core.experiment.run_experiment(
        view,
        None if weights is None else dict(weights),
        household_cap,
        travel_limit_km,
        objective,
        threads,
    )
    people = metrics["people"]
    metrics["match_rate"] = metrics["matched"] / people if people else math.nan
    return RunOutcome(household_of, score, metrics)


def score_pairs(
    scheme: Scheme,
    *,
    weights: WeightSetting = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    threads: int = 1,
) -> ScorePairs:
    """The scored feasible pairs of a scheme's analysis view as CSR arrays, without copies.

    Args:
        scheme: a validated scheme; only its :func:`slmatch.analysis_view` is read.
        weights, household_cap, travel_limit_km, threads: as for :func:`run_once`.

    Returns:
        The pairs, one row per person of the analysis view; the arrays own the engine's
        buffers.

    Raises:
        ValidationError: naming each bad setting.
    """
    indptr, indices, data, households = _core.experiment.score_pairs(
        analysis_view(scheme),
        None if weights is None else dict(weights),
        household_cap,
        travel_limit_km,
        threads,
    )
    return ScorePairs(indptr, indices, data, (len(indptr) - 1, households))


def score_matrix(
    scheme: Scheme,
    *,
    dense: bool = False,
    weights: WeightSetting = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    threads: int = 1,
) -> Any:
    """The people x households score matrix of a scheme's analysis view.

    Args:
        scheme: a validated scheme; only its :func:`slmatch.analysis_view` is read.
        dense: return a NumPy array with NaN for infeasible pairs instead of a
            ``scipy.sparse.csr_matrix`` (which needs scipy) that shares the engine's score and
            index arrays.
        weights, household_cap, travel_limit_km, threads: as for :func:`run_once`.

    Returns:
        A ``scipy.sparse.csr_matrix`` (rows: people of the analysis view, columns:
        households, in scheme order) or, with ``dense=True``, a float64 array.

    Raises:
        ValidationError: naming each bad setting.
    """
    pairs = score_pairs(
        scheme,
        weights=weights,
        household_cap=household_cap,
        travel_limit_km=travel_limit_km,
        threads=threads,
    )
    if dense:
        matrix = np.full(pairs.shape, np.nan)
        rows = np.repeat(np.arange(pairs.shape[0]), np.diff(pairs.indptr))
        matrix[rows, pairs.indices] = pairs.data
        return matrix
    sparse = importlib.import_module("scipy.sparse")
    return sparse.csr_matrix(
        (pairs.data, pairs.indices, pairs.indptr), shape=pairs.shape, copy=False
    )


def random_weight_settings(
    count: int,
    seed: int = 0,
    *,
    factors: Iterable[str] = ("community", "interests", "lifestyle", "household_mix"),
    low: float = 0.0,
    high: float = 5.0,
) -> dict[str, dict[str, float]]:
    """Weight settings drawn at random, reproducibly, for a weight sweep.

    Args:
        count: how many settings (>= 1).
        seed: the seed of the draw; the same arguments give the same settings.
        factors: the factors whose weights are drawn; the others keep the scheme's.
        low: smallest weight (>= 0).
        high: largest weight (>= low).

    Returns:
        ``{"random 000": {factor: weight}, ...}`` with weights rounded to 0.01.

    Raises:
        ValueError: for a count below 1 or a bad range, naming the argument.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a whole number >= 1 (is {count!r})")
    if not (0.0 <= low <= high) or not math.isfinite(high):
        raise ValueError(f"low and high must satisfy 0 <= low <= high (are {low!r}, {high!r})")
    names = list(factors)
    generator = np.random.default_rng(seed)
    draws = np.round(generator.uniform(low, high, size=(count, len(names))), 2)
    width = max(3, len(str(count - 1)))
    return {
        f"random {k:0{width}d}": {name: float(draws[k, j]) for j, name in enumerate(names)}
        for k in range(count)
    }


def _named_schemes(schemes: SchemesArgument) -> dict[str, Scheme]:
    if isinstance(schemes, Scheme):
        return {schemes.id: schemes}
    if isinstance(schemes, Mapping):
        named = dict(schemes)
    else:
        named = {}
        for scheme in schemes:
            if not isinstance(scheme, Scheme):
                raise ValueError(f"schemes: expected slmatch.Scheme, got {type(scheme).__name__}")
            if scheme.id in named:
                raise ValueError(f"schemes: two schemes share the id {scheme.id!r}")
            named[scheme.id] = scheme
    if not named:
        raise ValueError("schemes: give at least one scheme")
    for name, scheme in named.items():
        if not isinstance(scheme, Scheme):
            raise ValueError(f"schemes[{name!r}]: expected slmatch.Scheme")
    return named


def _named_weights(weights: WeightsArgument, seed: int) -> dict[str, WeightSetting]:
    if weights is None:
        return {"scheme": None}
    if isinstance(weights, int) and not isinstance(weights, bool):
        return dict(random_weight_settings(weights, seed))
    if isinstance(weights, Mapping):
        if not weights:
            raise ValueError("weights: give at least one setting")
        for name, setting in weights.items():
            if setting is not None and not isinstance(setting, Mapping):
                raise ValueError(
                    f"weights[{name!r}]: expected None or {{factor: weight}} (is {setting!r})"
                )
        return dict(weights)
    raise ValueError(f"weights: expected None, a count or a mapping (is {type(weights).__name__})")


def experiment_specs(
    schemes: Sequence[str],
    weights: Mapping[str, WeightSetting],
    objectives: Sequence[str],
    policies: Mapping[str, PolicySetting],
) -> list[RunSpec]:
    """Every run of an experiment, in table order (scheme, weights, objective, policy).

    Args:
        schemes: scheme names.
        weights: named weight settings.
        objectives: objective names, each one of :data:`OBJECTIVES`.
        policies: named policy settings (keys from :data:`POLICY_KEYS`).

    Returns:
        The runs.

    Raises:
        ValueError: for an unknown objective or policy key, naming it.
    """
    for objective in objectives:
        _core._check_name("run objective", "settings", "objectives", objective)
    for name, policy in policies.items():
        _policy_arguments(policy, name)
    return [
        RunSpec(scheme, weight_name, objective, policy_name, weight_setting, policy_setting)
        for scheme in schemes
        for weight_name, weight_setting in weights.items()
        for objective in objectives
        for policy_name, policy_setting in policies.items()
    ]


def _row(view: Scheme, spec: RunSpec, threads: int) -> dict[str, Any]:
    policy = _policy_arguments(spec.policy_setting, spec.policy)
    outcome = _run_on_view(
        view,
        spec.weight_setting,
        spec.objective,
        policy.get("household_cap"),
        policy.get("travel_limit_km"),
        threads,
    )
    return {
        "scheme": spec.scheme,
        "weights": spec.weights,
        "objective": spec.objective,
        "policy": spec.policy,
        **outcome.metrics,
    }


def _run_batch(view: Scheme, batch: Sequence[RunSpec], threads: int) -> list[dict[str, Any]]:
    """Run one batch of specs on one analysis view (on a worker or locally)."""
    return [_row(view, spec, threads) for spec in batch]


def _batches(specs: Sequence[RunSpec], size: int) -> Iterator[list[RunSpec]]:
    """Consecutive runs of one scheme, at most ``size`` at a time."""
    batch: list[RunSpec] = []
    for spec in specs:
        if batch and (len(batch) == size or batch[0].scheme != spec.scheme):
            yield batch
            batch = []
        batch.append(spec)
    if batch:
        yield batch


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(EXPERIMENT_COLUMNS))
    for column in ("people", "households", "feasible_pairs", "matched", "blocking_pairs"):
        table[column] = table[column].astype(np.int64)
    return table


def run_experiments(
    schemes: SchemesArgument,
    weights: WeightsArgument = None,
    objectives: Sequence[str] = OBJECTIVES[:1],
    policies: PoliciesArgument = None,
    *,
    seed: int = 0,
    client: Any = None,
    batch_size: int = 50,
    threads: int = 1,
    progress: bool = True,
) -> pd.DataFrame:
    """Run every scheme x weight setting x objective x policy and tabulate the figures.

    Args:
        schemes: one scheme, a list of schemes (named by their ids) or ``{name: scheme}``;
            each is read only through its :func:`slmatch.analysis_view`, made once here
            (and sent to the workers instead of the scheme).
        weights: named weight settings ``{name: {factor: weight} or None}`` (None: the
            scheme's own), or a count of settings drawn by :func:`random_weight_settings`
            with ``seed``; default: the scheme's own weights only.
        objectives: objective names from :data:`OBJECTIVES`.
        policies: named policy settings ``{name: {"household_cap": 2, ...}}`` with keys
            from :data:`POLICY_KEYS`; default: the scheme's own policy only.
        seed: the seed of every random choice (drawn weight settings).
        client: a ``dask.distributed.Client`` to run on its workers; None runs here.
        batch_size: runs per task sent to a worker (>= 1).
        threads: engine threads per run (>= 1); results do not depend on it.
        progress: show a progress bar (tqdm).

    Returns:
        One row per run with :data:`EXPERIMENT_COLUMNS`, in the order scheme, weights,
        objective, policy. The same arguments give the same table, locally or on Dask,
        but for ``cpp_seconds``.

    Raises:
        ValueError: for a bad argument, naming it.
        ValidationError: for a bad weight or policy value, naming it.
    """
    named_schemes = _named_schemes(schemes)
    named_weights = _named_weights(weights, seed)
    named_policies: dict[str, PolicySetting] = (
        {"scheme": {}} if policies is None else dict(policies)
    )
    if not named_policies:
        raise ValueError("policies: give at least one setting")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number >= 1 (is {batch_size!r})")
    specs = experiment_specs(list(named_schemes), named_weights, list(objectives), named_policies)
    if not specs:
        raise ValueError("objectives: give at least one objective")
    views = {name: analysis_view(scheme) for name, scheme in named_schemes.items()}
    # The first run is checked here so that bad settings fail before any work is sent.
    rows: list[dict[str, Any]] = []
    bar = progress_bar(len(specs), progress, "experiments")
    try:
        if client is None:
            for spec in specs:
                rows.append(_row(views[spec.scheme], spec, threads))
                bar.update(1)
        else:
            rows = _run_on_cluster(client, views, specs, batch_size, threads, bar)
    finally:
        bar.close()
    return _table(rows)


def _run_on_cluster(
    client: Any,
    views: Mapping[str, Scheme],
    specs: Sequence[RunSpec],
    batch_size: int,
    threads: int,
    bar: Any,
) -> list[dict[str, Any]]:
    on_workers = dict(zip(views, scatter(client, list(views.values()), broadcast=True)))
    batches = list(_batches(specs, batch_size))
    futures = [
        client.submit(_run_batch, on_workers[batch[0].scheme], batch, threads, pure=False)
        for batch in batches
    ]
    results = collect_from_cluster(client, futures, bar=bar, size=len)
    return [row for batch_rows in results for row in batch_rows]
