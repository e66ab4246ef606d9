"""Estimate the simulation's rates from a scheme's event log, each with a confidence interval.

In: an :class:`~slmatch.simulation_events.EventLog` (or anything
:func:`~slmatch.simulation_events.read_events` reads). Out: a :class:`Calibration`: the
:class:`~slmatch.simulation.SimulationParameters` with every rate the model uses replaced by
its estimate, and a table of the estimates with their intervals and how each was made::

    from slmatch.simulation_calibration import calibrate
    calibration = calibrate("history.jsonl")
    calibration.estimates          # parameter, estimate, low, high, events, exposure, method
    simulate(parameters=calibration.parameters, scheme="scheme.json")

What is estimated, over the period the log covers (``T``):

- ``referrals_per_month`` and ``approvals_per_month``: referrals and approvals dated in the
  period over ``T`` months; exact Poisson (Garwood) intervals.
- ``carer_years``: households' time approved in the period (from their approval or the
  start, to their leaving or the end) over the households that left in it: the MLE of an
  exponential mean from right-censored data, with the chi-square interval. A household
  approved before the period counts from its start, which is right for the model's
  exponential tenure (it has no memory); one seen only by an introduction or an arrangement
  counts from the start too.
- ``mean_days[type]``: arrangements' time running in the period over those that came to
  their end (``ended``) in it, by the type they started as; an arrangement that ended early,
  ended because the household left, or runs on at the end is censored there. An end without
  its start in the log takes the type of the person's referral, else is left out. Types
  with no arrangement keep the parameters' value (``method`` says so).
- ``introduction_failure``: introductions in the period that failed over those that ended;
  Wilson's score interval.
- ``introduction_days``: the mean days from an introduction to the start of the arrangement
  that followed; Student's t interval.

Also reported, not used by the model as such (it is what the model predicts):
``time_to_match_days``, from referral in the period to the person's first arrangement,
censored at the end (exponential MLE and chi-square interval: a summary, as waits are not
exponential); and ``ended_early_share``, the share of arrangements that ended in the period
that ended early (Wilson), which :class:`~slmatch.simulation.EarlyEnding` can be set against.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from slmatch.simulation import DAYS_PER_MONTH, SimulationParameters
from slmatch.simulation_events import EventLog, EventSource, read_events
from slmatch.simulation_intervals import (
    exponential_mean_interval,
    mean_interval,
    poisson_rate_interval,
    wilson_interval,
)

__all__ = ["ESTIMATE_COLUMNS", "Calibration", "calibrate"]

ESTIMATE_COLUMNS: tuple[str, ...] = (
    "parameter",
    "estimate",
    "low",
    "high",
    "events",
    "exposure",
    "method",
    "used_by_model",
)
"""The columns of :attr:`Calibration.estimates`: the parameter (``mean_days[long_term]`` for
a mean length), the estimate and its interval, the events counted and the exposure (months,
years, days or trials, as the method says), the method, and whether the model reads it."""


@dataclass(frozen=True)
class Calibration:
    """What :func:`calibrate` estimated from an event log."""

    parameters: SimulationParameters
    """The base parameters with every estimated rate replaced."""
    estimates: pd.DataFrame
    """One row per estimate with :data:`ESTIMATE_COLUMNS`."""
    confidence: float
    """The intervals' confidence level."""
    start: datetime.date
    """The first day of the period the log covers."""
    end: datetime.date
    """The last day of the period."""


def _days(a: datetime.date, b: datetime.date) -> float:
    return float((b - a).days)


def calibrate(
    events: EventLog | EventSource,
    parameters: SimulationParameters | None = None,
    *,
    confidence: float = 0.95,
) -> Calibration:
    """Estimate every rate the simulation uses from a scheme's event log.

    Args:
        events: the log (an EventLog), or what :func:`~slmatch.simulation_events.read_events`
            reads (a path, text or an iterable of mappings).
        parameters: what the log cannot tell (the scheme's size, policy timings, types never
            seen) comes from these; default ``SimulationParameters()``.
        confidence: the intervals' confidence level.

    Returns:
        The parameters and the estimates with their intervals (see the module docstring).

    Raises:
        ValidationError: for a log that does not read, by line and field.
    """
    log = events if isinstance(events, EventLog) else read_events(events)
    base = SimulationParameters() if parameters is None else parameters
    table = log.events
    start, end = log.start, log.end
    months = log.days / DAYS_PER_MONTH
    inside = (table["date"] >= start) & (table["date"] <= end)
    records: list[dict[Any, Any]] = table.to_dict("records")
    rows: list[tuple[Any, ...]] = []

    def rate(name: str, kind: str) -> float:
        count = int((inside & (table["event"] == kind)).sum())
        estimate, low, high = poisson_rate_interval(count, months, confidence)
        rows.append(
            (name, estimate, low, high, count, months, "Poisson rate, exact (Garwood)", True)
        )
        return estimate

    referrals = rate("referrals_per_month", "referral")
    approvals = rate("approvals_per_month", "carer_approved")

    # Carer tenure.
    approved: dict[str, datetime.date] = {}
    left: dict[str, datetime.date] = {}
    for row in records:
        if row["household"] is None:
            continue
        if row["event"] == "carer_approved":
            approved.setdefault(row["household"], row["date"])
        elif row["event"] == "carer_left":
            left.setdefault(row["household"], row["date"])
        else:
            approved.setdefault(row["household"], start)
    exposure = 0.0
    leavings = 0
    for household, since in approved.items():
        until = min(left.get(household, end), end)
        exposure += max(0.0, _days(max(since, start), until))
        leavings += int(household in left and start <= left[household] <= end)
    years = exposure / 365.25
    carer_years, low, high = exponential_mean_interval(leavings, years, confidence)
    rows.append(
        (
            "carer_years",
            carer_years,
            low,
            high,
            leavings,
            years,
            "exponential mean, right-censored MLE, chi-square interval",
            True,
        )
    )

    # Arrangement lengths by type.
    referral_type: dict[str, str] = {}
    running: dict[tuple[str, str], tuple[datetime.date, str | None]] = {}
    lengths: dict[str, list[float]] = {}
    ended: dict[str, int] = {}
    endings: list[str] = []

    def close(kind: str | None, began: datetime.date, until: datetime.date, done: bool) -> None:
        if kind is None:
            return
        lengths.setdefault(kind, []).append(max(0.0, _days(max(began, start), min(until, end))))
        ended[kind] = ended.get(kind, 0) + int(done)

    for row in records:
        if row["event"] == "referral":
            referral_type.setdefault(row["person"], row["arrangement"])
        elif row["event"] == "arrangement_start":
            running[row["person"], row["household"]] = (row["date"], row["arrangement"])
        elif row["event"] == "arrangement_end":
            began, kind = running.pop(
                (row["person"], row["household"]), (start, referral_type.get(row["person"]))
            )
            day, reason = row["date"], row["reason"]
            if day < start:
                continue
            if day <= end:
                endings.append(reason)
            close(kind, began, day, reason == "ended" and day <= end)
    for (_, _), (began, kind) in running.items():
        close(kind, began, end, False)
    mean_days = dict(base.mean_days)
    for kind in base.mean_days:
        if kind not in lengths or ended.get(kind, 0) == 0:
            rows.append(
                (
                    f"mean_days[{kind}]",
                    float(base.mean_days[kind]),
                    math.nan,
                    math.nan,
                    ended.get(kind, 0),
                    float(sum(lengths.get(kind, []))),
                    "not enough in the log: the parameters' value kept",
                    True,
                )
            )
            continue
        mean, low, high = exponential_mean_interval(ended[kind], sum(lengths[kind]), confidence)
        mean_days[kind] = mean
        rows.append(
            (
                f"mean_days[{kind}]",
                mean,
                low,
                high,
                ended[kind],
                float(sum(lengths[kind])),
                "exponential mean, right-censored MLE, chi-square interval",
                True,
            )
        )

    # Introductions.
    introductions = table[inside & (table["event"] == "introduction")]
    failed = int((introductions["outcome"] == "failed").sum())
    failure, low, high = wilson_interval(failed, len(introductions), confidence)
    rows.append(
        (
            "introduction_failure",
            failure,
            low,
            high,
            failed,
            float(len(introductions)),
            "proportion, Wilson score interval",
            True,
        )
    )
    starts = table[table["event"] == "arrangement_start"]
    start_of = {(p, h): d for p, h, d in zip(starts["person"], starts["household"], starts["date"])}
    took = [
        _days(day, start_of[person, household])
        for person, household, day in zip(
            introductions["person"], introductions["household"], introductions["date"]
        )
        if (person, household) in start_of and start_of[person, household] >= day
    ]
    took_mean, low, high = mean_interval(np.array(took, dtype=np.float64), confidence)
    rows.append(
        (
            "introduction_days",
            took_mean,
            low,
            high,
            len(took),
            math.nan,
            "mean, Student's t interval",
            True,
        )
    )

    # Observed, for comparison with the model.
    first_start: dict[str, datetime.date] = {}
    for person, day in zip(starts["person"], starts["date"]):
        first_start.setdefault(person, day)
    referred = table[inside & (table["event"] == "referral")]
    waited = 0.0
    matched = 0
    for person, day in zip(referred["person"], referred["date"]):
        placed = first_start.get(person)
        if placed is not None and day <= placed <= end:
            waited += _days(day, placed)
            matched += 1
        else:
            waited += _days(day, end)
    mean, low, high = exponential_mean_interval(matched, waited, confidence)
    rows.append(
        (
            "time_to_match_days",
            mean,
            low,
            high,
            matched,
            waited,
            "exponential mean, right-censored MLE, chi-square interval (a summary)",
            False,
        )
    )
    early = sum(reason == "ended_early" for reason in endings)
    share, low, high = wilson_interval(early, len(endings), confidence)
    rows.append(
        (
            "ended_early_share",
            share,
            low,
            high,
            early,
            float(len(endings)),
            "proportion, Wilson score interval",
            False,
        )
    )

    updates: Mapping[str, Any] = {
        "referrals_per_month": referrals,
        "approvals_per_month": approvals,
        "mean_days": mean_days,
        **({"carer_years": carer_years} if math.isfinite(carer_years) else {}),
        **({"introduction_failure": failure} if math.isfinite(failure) else {}),
        **({"introduction_days": took_mean} if math.isfinite(took_mean) else {}),
    }
    calibrated = dataclasses.replace(base, **updates)
    return Calibration(
        parameters=calibrated,
        estimates=pd.DataFrame(rows, columns=list(ESTIMATE_COLUMNS)),
        confidence=confidence,
        start=start,
        end=end,
    )
