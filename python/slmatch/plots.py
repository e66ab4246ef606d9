"""Plots of experiments, simulations and plans, saved as PNG (needs matplotlib).

Each function draws on a new ``matplotlib.figure.Figure`` (no global pyplot state, so they
work in scripts, notebooks and worker processes alike), saves it as PNG when ``path`` is
given, and returns it::

    from slmatch import plots
    plots.score_distribution({"optimal": optimal.plan["score"]}, "scores.png")
    plots.waiting_curves(simulation_result, "waiting.png")
    plots.waiting_bands(replication_result, "bands.png")
    plots.policy_difference_by_group(replication_result, "weekly/optimal", "weekly/greedy")
    plots.inequality_by_group(result.audit(), "inequality.png", grouping="need")
    plots.match_map(scheme, result.household_of, "map.png")
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch._core import Scheme
from slmatch.frames import scheme_to_frames
from slmatch.matching import AuditReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from slmatch.simulation import SimulationResult
    from slmatch.simulation_replications import ReplicationResult

__all__ = [
    "inequality_by_group",
    "match_map",
    "policy_difference_by_group",
    "score_distribution",
    "waiting_bands",
    "waiting_curves",
]

PathLike = Union[str, "os.PathLike[str]", None]


def _figure(width: float = 7.0, height: float = 4.5) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _save(figure: Figure, path: PathLike) -> Figure:
    if path is not None:
        figure.savefig(os.fspath(path), format="png", dpi=100)
    return figure


def score_distribution(
    scores: Mapping[str, npt.ArrayLike], path: PathLike = None, *, bins: int = 20
) -> Figure:
    """Histograms of matched scores, one per labelled plan, on the 0-100 scale.

    Args:
        scores: ``{label: scores}``, e.g. each objective's matched scores (NaN and
            unmatched entries are left out).
        path: where to save the PNG; None saves nothing.
        bins: number of bins over 0-100 (>= 1).

    Returns:
        The figure.

    Raises:
        ValueError: when ``scores`` is empty or ``bins`` below 1.
    """
    if not scores:
        raise ValueError("scores: give at least one labelled set of scores")
    if bins < 1:
        raise ValueError(f"bins must be >= 1 (is {bins!r})")
    figure = _figure()
    axes = figure.subplots()
    edges = [float(edge) for edge in np.linspace(0.0, 100.0, bins + 1)]
    for label, values in scores.items():
        array = np.asarray(values, dtype=np.float64)
        axes.hist(
            array[np.isfinite(array)], bins=edges, histtype="step", linewidth=1.8, label=str(label)
        )
    axes.set_xlabel("score (0-100)")
    axes.set_ylabel("people matched")
    axes.set_title("Scores of the matched pairs")
    axes.legend()
    return _save(figure, path)


def waiting_curves(result: SimulationResult, path: PathLike = None) -> Figure:
    """The waiting list over time and the share of people placed within each wait, per policy.

    Args:
        result: a :func:`slmatch.simulation.simulate` result.
        path: where to save the PNG; None saves nothing.

    Returns:
        The figure (left: people waiting, day by day; right: share of started
        arrangements that waited at most so many days).
    """
    figure = _figure(11.0, 4.5)
    over_time, within = figure.subplots(1, 2)
    for policy, days in result.waiting.groupby("policy", sort=False):
        over_time.step(days["day"], days["waiting"], where="post", label=str(policy))
    started = result.introductions[result.introductions["outcome"] == "started"]
    for policy, rows in started.groupby("policy", sort=False):
        waits = np.sort(rows["wait_days"].to_numpy(dtype=np.float64))
        share = np.arange(1, waits.size + 1) / waits.size
        within.step(waits, share, where="post", label=str(policy))
    over_time.set_xlabel("day")
    over_time.set_ylabel("people waiting")
    over_time.set_title("Waiting list")
    within.set_xlabel("days waited")
    within.set_ylabel("share of arrangements started")
    within.set_title("Waiting time")
    over_time.legend(fontsize="small")
    return _save(figure, path)


def waiting_bands(result: ReplicationResult, path: PathLike = None) -> Figure:
    """People waiting day by day per policy: the mean over replications in a band.

    Args:
        result: a :func:`slmatch.simulation_replications.replicate` result.
        path: where to save the PNG; None saves nothing.

    Returns:
        One line per policy, its confidence interval shaded.
    """
    figure = _figure()
    axes = figure.subplots()
    for policy, days in result.waiting.groupby("policy", sort=False):
        line = axes.plot(days["day"], days["mean"], label=str(policy))[0]
        axes.fill_between(days["day"], days["low"], days["high"], color=line.get_color(), alpha=0.2)
    axes.set_xlabel("day")
    axes.set_ylabel("people waiting")
    axes.set_title(
        f"Waiting list: mean of {result.runs['replication'].nunique()} replications, "
        f"{result.confidence:.0%} interval"
    )
    axes.legend(fontsize="small")
    return _save(figure, path)


def policy_difference_by_group(
    result: ReplicationResult,
    policy: str,
    versus: str,
    path: PathLike = None,
    *,
    grouping: str = "need",
) -> Figure:
    """The paired difference in mean wait between two policies, group by group.

    Args:
        result: a :func:`slmatch.simulation_replications.replicate` result.
        policy: the policy compared: the bars show ``policy`` minus ``versus`` (days; below
            0: shorter waits under ``policy``).
        versus: the policy it is compared with.
        path: where to save the PNG; None saves nothing.
        grouping: ``"need"``, ``"age_band"`` or ``"area"``.

    Returns:
        One bar per group with its interval, and the difference over everyone.

    Raises:
        ValueError: for a policy or grouping not in the result, naming it.
    """
    for name in (policy, versus):
        if name not in result.policies:
            raise ValueError(f"policy: {name!r} is not one of {', '.join(result.policies)}")
    table = result.group_differences
    known = sorted(set(table["grouping"]))
    if grouping not in known:
        raise ValueError(f"grouping: {grouping!r} is not one of {', '.join(known)}")
    sign = 1.0
    pair = table[(table["policy"] == policy) & (table["versus"] == versus)]
    overall = result.differences[
        (result.differences["policy"] == policy) & (result.differences["versus"] == versus)
    ]
    if pair.empty:
        sign = -1.0
        pair = table[(table["policy"] == versus) & (table["versus"] == policy)]
        overall = result.differences[
            (result.differences["policy"] == versus) & (result.differences["versus"] == policy)
        ]
    rows = pair[pair["grouping"] == grouping]
    values = sign * rows["difference"].to_numpy(dtype=np.float64)
    ends = np.sort(sign * rows[["low", "high"]].to_numpy(dtype=np.float64), axis=1)
    errors = np.abs(np.stack([values - ends[:, 0], ends[:, 1] - values]))
    figure = _figure()
    axes = figure.subplots()
    axes.bar(rows["group"].astype(str), np.nan_to_num(values, nan=0.0), color="tab:blue")
    axes.errorbar(
        rows["group"].astype(str), values, yerr=np.nan_to_num(errors), fmt="none", color="black"
    )
    everyone = overall[overall["figure"] == "mean_wait_days"]["difference"]
    if len(everyone) and math.isfinite(float(everyone.iloc[0])):
        axes.axhline(
            sign * float(everyone.iloc[0]), color="tab:red", linestyle="--", label="everyone"
        )
        axes.legend()
    axes.axhline(0.0, color="grey", linewidth=0.8)
    axes.set_xlabel(grouping.replace("_", " "))
    axes.set_ylabel("difference in mean wait (days)")
    axes.set_title(f"{policy} minus {versus}, by {grouping.replace('_', ' ')}")
    axes.tick_params(axis="x", labelrotation=45)
    return _save(figure, path)


def inequality_by_group(
    audit: AuditReport | pd.DataFrame,
    path: PathLike = None,
    *,
    grouping: str = "need",
    measure: str = "match_rate",
) -> Figure:
    """One grouping's groups side by side on one audit measure, the overall figure marked.

    Args:
        audit: an :class:`slmatch.AuditReport` (e.g. ``result.audit()``) or its ``groups``.
        path: where to save the PNG; None saves nothing.
        grouping: ``"need"``, ``"age_band"``, ``"area"`` or ``"ethnicity"``.
        measure: ``"match_rate"``, ``"mean_score"``, ``"mean_wait_days"`` or
            ``"median_wait_days"``.

    Returns:
        The figure; withheld (small) groups are shown without a bar.

    Raises:
        ValueError: for an unknown grouping or measure, naming it.
    """
    groups = audit.groups if isinstance(audit, AuditReport) else audit
    measures = ("match_rate", "mean_score", "mean_wait_days", "median_wait_days")
    if measure not in measures:
        raise ValueError(f"measure: {measure!r} is not one of {', '.join(measures)}")
    known = sorted(set(groups["grouping"]) - {"overall"})
    if grouping not in known:
        raise ValueError(f"grouping: {grouping!r} is not one of {', '.join(known)}")
    rows = groups[groups["grouping"] == grouping]
    overall = groups[groups["grouping"] == "overall"][measure]
    figure = _figure()
    axes = figure.subplots()
    values = rows[measure].to_numpy(dtype=np.float64)
    axes.bar(rows["group"].astype(str), np.nan_to_num(values, nan=0.0), color="tab:blue")
    if len(overall) and math.isfinite(float(overall.iloc[0])):
        axes.axhline(float(overall.iloc[0]), color="tab:red", linestyle="--", label="everyone")
        axes.legend()
    axes.set_xlabel(grouping.replace("_", " "))
    axes.set_ylabel(measure.replace("_", " "))
    axes.set_title(f"{measure.replace('_', ' ')} by {grouping.replace('_', ' ')}")
    axes.tick_params(axis="x", labelrotation=45)
    return _save(figure, path)


def match_map(scheme: Scheme, household_of: npt.ArrayLike, path: PathLike = None) -> Figure:
    """A map of people and households with a line for each proposed match.

    Args:
        scheme: the scheme the plan is for.
        household_of: per person in scheme order, the household index or -1
            (e.g. ``MatchResult.household_of``).
        path: where to save the PNG; None saves nothing.

    Returns:
        The figure (longitude across, latitude up; unmatched people hollow).

    Raises:
        ValueError: when the plan's length is not the number of people or an index is out
            of range.
    """
    frames = scheme_to_frames(scheme)
    people: Any = frames["people"]
    households: Any = frames["households"]
    plan = np.asarray(household_of, dtype=np.int64)
    if plan.shape != (len(people),):
        raise ValueError(
            f"household_of must have one entry per person ({len(people)}), has {plan.size}"
        )
    if plan.size and (plan.min() < -1 or plan.max() >= len(households)):
        raise ValueError(f"household_of: indices must be -1 or in [0, {len(households)})")
    figure = _figure(7.0, 7.0)
    axes = figure.subplots()
    matched = plan >= 0
    if len(people) and len(households):
        person_lon = people["lon"].to_numpy(dtype=np.float64)
        person_lat = people["lat"].to_numpy(dtype=np.float64)
        home_lon = households["lon"].to_numpy(dtype=np.float64)
        home_lat = households["lat"].to_numpy(dtype=np.float64)
        for p in np.flatnonzero(matched):
            h = plan[p]
            axes.plot(
                [person_lon[p], home_lon[h]],
                [person_lat[p], home_lat[h]],
                color="0.6",
                linewidth=0.8,
            )
        axes.scatter(home_lon, home_lat, marker="s", color="tab:green", label="households")
        axes.scatter(
            person_lon[matched], person_lat[matched], color="tab:blue", label="people matched"
        )
        axes.scatter(
            person_lon[~matched],
            person_lat[~matched],
            facecolors="none",
            edgecolors="tab:red",
            label="people not matched",
        )
        axes.legend(fontsize="small")
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_title(f"{scheme.name or scheme.id}: {int(matched.sum())} of {plan.size} matched")
    return _save(figure, path)
