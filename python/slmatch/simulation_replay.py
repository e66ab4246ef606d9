"""Replay a scheme's own history under other policies (back-testing).

In: a scheme file (the records of the people and households in its history) and its event
log (:mod:`slmatch.simulation_events`). Out: a :class:`ReplayResult` comparing, person by
person, the wait each had in fact with the wait each policy would have given them, on the
same referrals and approvals on the same days::

    from slmatch.simulation_replay import replay
    found = replay("history.jsonl", "scheme.json", ["weekly/optimal", "weekly/greedy"])
    found.summary   # per policy: mean waits in fact and under the policy, with intervals

What is taken from the log and what is drawn:

- Day 0 is the log's first day; the run ends on its last. Each person referred in the
  period, or referred before it and not yet in an arrangement at its start, joins the
  waiting list on their referral day (waiting since then); each household is approved on
  its ``carer_approved`` day (day 0 when approved before the period or not said) and leaves
  on its ``carer_left`` day. Arrangements running at the start hold their place until their
  end in the log.
- A person's arrangement lasts as long as their first one did in fact when it came to its
  end in the period; one still running (or ended early, or by the household leaving) lasts
  at least as long as it was seen to, plus an exponential remainder with the mean for its
  type (memoryless); the arrangements of people never placed in fact are drawn from those
  means. Introductions fail at ``introduction_failure``. These are drawn from the seed, so
  ``replications`` seeds give intervals for the counterfactual figures.
- The scheme's records are read only through :func:`slmatch.analysis_view`: people who
  opted out, and people or households the scheme file does not hold, are left out of the
  replay (``left_out`` counts them). Residents are left out of scoring, as in
  :mod:`slmatch.simulation_start`.
- Waits: from referral to the first arrangement start; ``mean_wait_days`` over the people
  placed, ``mean_wait_days_with_waiting`` counting those never placed up to the end.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch.matching import analysis_view
from slmatch.simulation import (
    DAYS_PER_MONTH,
    DEFAULT_POLICIES,
    SimulationParameters,
    _checked_policies,
    _Run,
    _World,
    _world_from_start,
)
from slmatch.simulation_events import EventLog, EventSource, read_events
from slmatch.simulation_intervals import mean_interval
from slmatch.simulation_start import SchemeSource, StartingState, empty_homes, load_scheme_source

__all__ = ["REPLAY_FIGURES", "ReplayResult", "replay"]

REPLAY_FIGURES: tuple[str, ...] = (
    "placed",
    "mean_wait_days",
    "mean_wait_days_with_waiting",
)
"""The figures compared: people placed, their mean wait, and the mean wait counting the
people never placed up to the end."""
_NEVER = 1e18


@dataclass(frozen=True)
class ReplayResult:
    """What :func:`replay` found."""

    people: pd.DataFrame
    """One row per person replayed and policy (first replication): ``policy``,
    ``person``, ``referred_day`` (day 0 is the log's first day), ``actual_wait_days`` and
    ``policy_wait_days`` (NaN when never placed)."""
    summary: pd.DataFrame
    """Per policy and figure of :data:`REPLAY_FIGURES`: ``actual`` (what happened),
    ``policy`` (the mean over the replications) with ``low`` and ``high``, and
    ``difference`` (policy minus actual)."""
    left_out: int
    """People and households in the log that the replay could not hold (not in the
    scheme's analysis view)."""
    replications: int
    """Seeds drawn for what the log does not say."""


def _day(date: datetime.date, start: datetime.date) -> float:
    return float((date - start).days)


def _figures(waits: npt.NDArray[np.float64], open_waits: npt.NDArray[np.float64]) -> list[float]:
    placed = waits[~np.isnan(waits)]
    every = np.where(np.isnan(waits), open_waits, waits)
    return [
        float(placed.size),
        float(placed.mean()) if placed.size else math.nan,
        float(every.mean()) if every.size else math.nan,
    ]


def replay(
    events: EventLog | EventSource,
    scheme: SchemeSource,
    policies: Sequence[str] = DEFAULT_POLICIES,
    parameters: SimulationParameters | None = None,
    *,
    seed: int = 0,
    replications: int = 1,
    confidence: float = 0.95,
) -> ReplayResult:
    """Play each policy on a scheme's own referrals and approvals and compare the waits.

    Args:
        events: the scheme's event log: an EventLog, or a path, text or iterable of mappings
            for :func:`~slmatch.simulation_events.read_events`.
        scheme: the scheme holding the records of the people and households in the log (a
            Scheme, a path, JSON text or a document).
        policies: ``"timing/solver"`` names.
        parameters: arrangement lengths, introduction failure and timings for what the log
            does not say (e.g. ``calibrate(events).parameters``); default
            ``SimulationParameters()``.
        seed: the seed of what is drawn.
        replications: seeds to draw (``(seed, r)`` for r = 0, 1, ...); the intervals are
            over them.
        confidence: the intervals' confidence level.

    Returns:
        Per person and per policy, the waits in fact and under the policy.
    """
    log = events if isinstance(events, EventLog) else read_events(events)
    names = _checked_policies(policies)
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise ValueError(f"replications must be a whole number >= 1 (is {replications!r})")
    base = SimulationParameters() if parameters is None else parameters
    chosen = dataclasses.replace(base, months=log.days / DAYS_PER_MONTH)
    chosen.check()
    view: dict[str, Any] = json.loads(analysis_view(load_scheme_source(scheme)).to_json())
    records: list[dict[Any, Any]] = log.events.to_dict("records")
    start = log.start
    horizon = chosen.months * DAYS_PER_MONTH

    referred: dict[str, float] = {}
    first_start: dict[str, float] = {}
    first_length: dict[str, tuple[float, bool]] = {}
    approved: dict[str, float] = {}
    leaving: dict[str, float] = {}
    running: dict[tuple[str, str], float] = {}
    occupants: list[tuple[str, float]] = []
    for row in records:
        day = _day(row["date"], start)
        kind = row["event"]
        if kind == "referral":
            referred.setdefault(row["person"], day)
        elif kind == "carer_approved":
            approved.setdefault(row["household"], max(day, 0.0))
        elif kind == "carer_left":
            leaving.setdefault(row["household"], day)
        elif kind == "arrangement_start":
            running[row["person"], row["household"]] = day
            if day >= 0:
                first_start.setdefault(row["person"], day)
        elif kind == "arrangement_end":
            began = running.pop((row["person"], row["household"]), -math.inf)
            if began < 0 <= day:
                occupants.append((row["household"], day))
            elif began >= 0 and row["person"] not in first_length:
                first_length[row["person"]] = (day - began, row["reason"] == "ended")
    for (person, household), began in running.items():
        if began < 0:
            occupants.append((household, _NEVER))
        elif person not in first_length:
            first_length[person] = (horizon - began, False)
    placed_before = {person for (person, _), began in running.items() if began < 0}
    in_log = {person for person, day in referred.items() if day >= 0 or person not in placed_before}
    people = [person for person in view["people"] if person["id"] in in_log]
    people_ids = [person["id"] for person in people]
    homes = [home for home in view["households"] if leaving.get(home["id"], horizon + 1) >= 0]
    home_ids = [home["id"] for home in homes]
    index = {home: h for h, home in enumerate(home_ids)}
    left_out = len(in_log - set(people_ids)) + len(set(approved) - set(home_ids))
    document = {**view, "people": people, "households": homes}
    document.pop("groups", None)
    empty_homes(document)
    held = [(index[home], end) for home, end in occupants if home in index]
    state = StartingState(
        document=document,
        waiting=len(people),
        waiting_since_day=np.zeros(len(people)),
        households=len(homes),
        occupant_household=np.array([h for h, _ in held], dtype=np.int64),
        occupant_arrangement=["long_term"] * len(held),
    )
    referral_day = np.array([referred[p] for p in people_ids], dtype=np.float64)
    actual = np.array(
        [
            first_start[p] - referred[p]
            if p in first_start and first_start[p] >= max(referred[p], 0.0)
            else math.nan
            for p in people_ids
        ]
    )
    open_waits = horizon - referral_day
    rows = []
    per_seed = []
    for r in range(replications):
        generator = np.random.default_rng([seed, r])
        world = _world_from_start(chosen, state, generator)
        world = _as_it_happened(
            world, chosen, referral_day, people_ids, home_ids, approved, leaving, first_length, held
        )
        figures = []
        for policy in names:
            run = _Run(world, chosen, policy)
            run.run()
            waits = np.full(len(people_ids), math.nan)
            for row in run.rows:
                p = row["person_index"]
                if row["outcome"] == "started" and math.isnan(waits[p]):
                    waits[p] = row["wait_days"]
            figures.append(_figures(waits, open_waits))
            if r == 0:
                rows.append(
                    pd.DataFrame(
                        {
                            "policy": policy,
                            "person": people_ids,
                            "referred_day": referral_day,
                            "actual_wait_days": actual,
                            "policy_wait_days": waits,
                        }
                    )
                )
        per_seed.append(figures)
    values = np.array(per_seed)
    in_fact = _figures(actual, open_waits)
    summary = []
    for k, policy in enumerate(names):
        for f, name in enumerate(REPLAY_FIGURES):
            mean, low, high = mean_interval(values[:, k, f], confidence)
            summary.append((policy, name, in_fact[f], mean, low, high, mean - in_fact[f]))
    return ReplayResult(
        people=pd.concat(rows, ignore_index=True),
        summary=pd.DataFrame(
            summary,
            columns=["policy", "figure", "actual", "policy_mean", "low", "high", "difference"],
        ),
        left_out=left_out,
        replications=replications,
    )


def _as_it_happened(
    world: _World,
    parameters: SimulationParameters,
    referral_day: npt.NDArray[np.float64],
    people_ids: Sequence[str],
    home_ids: Sequence[str],
    approved: dict[str, float],
    leaving: dict[str, float],
    first_length: dict[str, tuple[float, bool]],
    held: Sequence[tuple[int, float]],
) -> _World:
    """The world with the log's days in place of drawn ones."""
    duration = world.duration_days.copy()
    for p, person in enumerate(people_ids):
        if person in first_length:
            seen, ended = first_length[person]
            # Memoryless: what is left of a censored arrangement is drawn afresh.
            duration[p] = seen if ended else seen + duration[p]
    return dataclasses.replace(
        world,
        arrival_day=np.maximum(referral_day, 0.0),
        waiting_since_day=referral_day.copy(),
        approval_day=np.array([approved.get(h, 0.0) for h in home_ids], dtype=np.float64),
        leaving_day=np.array([leaving.get(h, _NEVER) for h in home_ids], dtype=np.float64),
        duration_days=duration,
        occupant_end_day=np.array([end for _, end in held], dtype=np.float64),
    )
