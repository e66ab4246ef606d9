"""Confidence intervals for the simulation's figures and the rates calibrated from event logs.

Each function takes counts or samples and a confidence level and returns ``(low, high)``;
NaN where the data cannot bound the figure (no sample, a single replication). They need
scipy (``pip install "slmatch[analysts]"``), imported when first called.

- :func:`mean_interval`: Student's t interval of a mean, for figures averaged over
  replications and for paired differences (the mean of the per-replication differences).
- :func:`poisson_rate_interval`: the exact (Garwood) interval of a Poisson rate, ``count``
  events over ``exposure``: ``chi2(a/2, 2n) / 2T`` to ``chi2(1 - a/2, 2n + 2) / 2T``.
- :func:`wilson_interval`: Wilson's score interval of a proportion.
- :func:`exponential_mean_interval`: the interval of an exponential mean from right-censored
  data, ``events`` ends seen over ``exposure`` time at risk (MLE ``T / d``), from the
  chi-square pivot used for time-truncated life tests: ``2T / chi2(1 - a/2, 2d + 2)`` to
  ``2T / chi2(a/2, 2d)`` (the upper end is infinite with no event seen).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "exponential_mean_interval",
    "mean_interval",
    "poisson_rate_interval",
    "wilson_interval",
]


def stats() -> Any:
    """``scipy.stats``, imported on first use."""
    return importlib.import_module("scipy.stats")


def _alpha(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (is {confidence!r})")
    return 1.0 - confidence


def mean_interval(
    values: Sequence[float] | npt.NDArray[np.float64], confidence: float = 0.95
) -> tuple[float, float, float]:
    """The mean of ``values`` (NaN ignored) with Student's t interval.

    Args:
        values: one value per replication (or per pair of replications, for a paired
            difference).
        confidence: the interval's confidence level, between 0 and 1.

    Returns:
        ``(mean, low, high)``; the interval is NaN with fewer than 2 values, and collapses
        on the mean when every value is the same.
    """
    alpha = _alpha(confidence)
    sample = np.asarray(values, dtype=np.float64)
    sample = sample[~np.isnan(sample)]
    if sample.size == 0:
        return math.nan, math.nan, math.nan
    mean = float(sample.mean())
    if sample.size < 2:
        return mean, math.nan, math.nan
    spread = float(sample.std(ddof=1))
    half = (
        float(stats().t.ppf(1.0 - alpha / 2.0, sample.size - 1)) * spread / math.sqrt(sample.size)
    )
    return mean, mean - half, mean + half


def poisson_rate_interval(
    count: int, exposure: float, confidence: float = 0.95
) -> tuple[float, float, float]:
    """A Poisson rate, ``count`` events over ``exposure``, with its exact (Garwood) interval.

    Args:
        count: events seen (>= 0).
        exposure: time observed (> 0), in the unit the rate is per.
        confidence: the interval's confidence level.

    Returns:
        ``(rate, low, high)``.
    """
    alpha = _alpha(confidence)
    if exposure <= 0:
        return math.nan, math.nan, math.nan
    chi2 = stats().chi2
    low = 0.0 if count == 0 else float(chi2.ppf(alpha / 2.0, 2 * count)) / 2.0
    high = float(chi2.ppf(1.0 - alpha / 2.0, 2 * count + 2)) / 2.0
    return count / exposure, low / exposure, high / exposure


def wilson_interval(
    successes: int, trials: int, confidence: float = 0.95
) -> tuple[float, float, float]:
    """A proportion, ``successes`` of ``trials``, with Wilson's score interval.

    Returns:
        ``(proportion, low, high)``; NaN with no trial.
    """
    alpha = _alpha(confidence)
    if trials <= 0:
        return math.nan, math.nan, math.nan
    z = float(stats().norm.ppf(1.0 - alpha / 2.0))
    share = successes / trials
    centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
    half = (z / (1 + z * z / trials)) * math.sqrt(
        share * (1 - share) / trials + z * z / (4 * trials * trials)
    )
    return share, max(0.0, centre - half), min(1.0, centre + half)


def exponential_mean_interval(
    events: int, exposure: float, confidence: float = 0.95
) -> tuple[float, float, float]:
    """An exponential mean from right-censored data: ``events`` ends over ``exposure`` at risk.

    Returns:
        ``(mean, low, high)``: the MLE ``exposure / events`` (infinite with no event) and
        the chi-square interval of the module docstring.
    """
    alpha = _alpha(confidence)
    if exposure <= 0:
        return math.nan, math.nan, math.nan
    chi2 = stats().chi2
    low = 2.0 * exposure / float(chi2.ppf(1.0 - alpha / 2.0, 2 * events + 2))
    if events == 0:
        return math.inf, low, math.inf
    high = 2.0 * exposure / float(chi2.ppf(alpha / 2.0, 2 * events))
    return exposure / events, low, high
