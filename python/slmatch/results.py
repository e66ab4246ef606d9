"""Match results as pandas DataFrames."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from slmatch import _core

Objective = Literal["max_matched_then_total", "max_total"]


@dataclass(frozen=True)
class PairExplanation:
    """One person-household pair explained rule by rule and factor by factor.

    Attributes:
        person: the person's id.
        household: the household's id.
        feasible: whether the pair passes every hard rule.
        score: the 0-100 score (0 when infeasible).
        summary: one plain-English sentence.
        reasons: short plain-English sentences, most important first.
        failed_rules: DataFrame with columns ``rule``, ``reason``.
        factors: DataFrame with columns ``factor``, ``used``, ``raw``, ``weight``,
            ``points``, ``sentence``.
    """

    person: str
    household: str
    feasible: bool
    score: float
    summary: str
    reasons: list[str]
    failed_rules: pd.DataFrame
    factors: pd.DataFrame


@dataclass(frozen=True)
class PairComparison:
    """Why not that one: another household set against the chosen one for a person.

    Attributes:
        person: the person's id.
        chosen: the chosen household's id.
        other: the other household's id.
        other_feasible: whether the other household passes every hard rule.
        gap: how many points lower the other household scores.
        summary: one plain-English sentence.
        reasons: a sentence per factor that differs (or per failed rule).
        differences: DataFrame with columns ``factor``, ``chosen_points``,
            ``other_points``, ``difference`` (largest first).
        failed_rules: DataFrame with columns ``rule``, ``reason``.
    """

    person: str
    chosen: str
    other: str
    other_feasible: bool
    gap: float
    summary: str
    reasons: list[str]
    differences: pd.DataFrame
    failed_rules: pd.DataFrame


def _explanation(document: dict[str, Any]) -> PairExplanation:
    return PairExplanation(
        person=document["person"],
        household=document["household"],
        feasible=document["feasible"],
        score=document["score"],
        summary=document["summary"],
        reasons=list(document["reasons"]),
        failed_rules=pd.DataFrame(document["failed_rules"], columns=["rule", "reason"]),
        factors=pd.DataFrame(
            document["factors"],
            columns=["factor", "used", "raw", "weight", "points", "sentence"],
        ),
    )


class MatchResult:
    """The outcome of :func:`match`: one proposal per person, with reasons.

    The DataFrames are built on first use from the engine's JSON report, so they always
    agree with ``to_json()`` and the CLI.
    """

    def __init__(self, run: _core.MatchResult, scheme: _core.Scheme) -> None:
        self._run = run
        self._scheme = scheme

    @cached_property
    def _report(self) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(self._run.to_json())
        return report

    @property
    def matched(self) -> int:
        """How many people the plan matches."""
        return int(self._run.matched)

    @property
    def total_score(self) -> float:
        """Sum of the proposed pairs' scores."""
        return float(self._run.total_score)

    @property
    def household_of(self) -> np.ndarray:
        """Household index per person in scheme order, -1 when unmatched."""
        return np.asarray(self._run.household_of)

    @property
    def certificate(self) -> tuple[np.ndarray, np.ndarray]:
        """Dual prices (people, households) that prove the plan optimal."""
        return np.asarray(self._run.person_price), np.asarray(self._run.household_price)

    @cached_property
    def plan(self) -> pd.DataFrame:
        """One row per person: ``person``, ``status`` (matched/unmatched), ``household``
        (None when unmatched), ``score`` (NaN when unmatched) and ``summary``."""
        rows = [
            {
                "person": item["person"],
                "status": item["status"],
                "household": item["household"],
                "score": np.nan if item["score"] is None else item["score"],
                "summary": item["summary"],
            }
            for item in self._report["proposals"]
        ]
        return pd.DataFrame(rows, columns=["person", "status", "household", "score", "summary"])

    @cached_property
    def shortlists(self) -> pd.DataFrame:
        """Each person's best feasible households: ``person``, ``rank`` (1 = best),
        ``household``, ``score``."""
        rows = [
            {"person": item["person"], "rank": rank, **entry}
            for item in self._report["proposals"]
            for rank, entry in enumerate(item["shortlist"], start=1)
        ]
        return pd.DataFrame(rows, columns=["person", "rank", "household", "score"])

    @cached_property
    def explanations(self) -> pd.DataFrame:
        """Every factor of every proposed pair: ``person``, ``household``, ``factor``,
        ``used``, ``raw``, ``weight``, ``points``, ``sentence``."""
        rows = [
            {"person": item["person"], "household": item["household"], **factor}
            for item in self._report["proposals"]
            if item["status"] == "matched"
            for factor in item["factors"]
        ]
        columns = ["person", "household", "factor", "used", "raw", "weight", "points", "sentence"]
        return pd.DataFrame(rows, columns=columns)

    @cached_property
    def unmatched(self) -> pd.DataFrame:
        """Why each unmatched person has no proposal: ``person``, ``summary``,
        ``blocking_rules`` (rule -> households it ruled out) and ``places_taken``
        (household -> people placed there instead)."""
        rows = [
            {
                "person": item["person"],
                "summary": item["summary"],
                "blocking_rules": {b["rule"]: b["households"] for b in item["blocking_rules"]},
                "places_taken": {t["household"]: t["taken_by"] for t in item["places_taken"]},
            }
            for item in self._report["proposals"]
            if item["status"] == "unmatched"
        ]
        return pd.DataFrame(rows, columns=["person", "summary", "blocking_rules", "places_taken"])

    def explain(self, person: str, household: str) -> PairExplanation:
        """Explain any pair, proposed or not: every failed rule and every factor.

        Raises:
            SlmatchError: when either id is not in the scheme.
        """
        return _explanation(json.loads(self._run.explain(person, household)))

    def compare(self, person: str, chosen: str, other: str) -> PairComparison:
        """Why not that one: ``other`` set against ``chosen`` for ``person``.

        Raises:
            SlmatchError: for an unknown id, the same household twice, or a chosen
                household that fails a hard rule.
        """
        document = json.loads(self._run.compare(person, chosen, other))
        return PairComparison(
            person=document["person"],
            chosen=document["chosen"],
            other=document["other"],
            other_feasible=document["other_feasible"],
            gap=document["gap"],
            summary=document["summary"],
            reasons=list(document["reasons"]),
            differences=pd.DataFrame(
                document["differences"],
                columns=["factor", "chosen_points", "other_points", "difference"],
            ),
            failed_rules=pd.DataFrame(document["failed_rules"], columns=["rule", "reason"]),
        )

    def to_json(self, indent: int | None = None) -> str:
        """The full report as JSON text (the same as ``slmatch match --format json``)."""
        return str(self._run.to_json(-1 if indent is None else indent))

    def table(self) -> str:
        """The report as a readable table (the same as ``slmatch match``)."""
        return str(self._run.table())


def match(
    scheme: _core.Scheme,
    shortlist_size: int = 3,
    objective: Objective = "max_matched_then_total",
    threads: int = 1,
) -> MatchResult:
    """Propose a plan for the whole waiting list, with explanations.

    Args:
        scheme: a validated scheme (:func:`slmatch.load_scheme` or
            :func:`slmatch.scheme_from_frames`).
        shortlist_size: households on each person's shortlist.
        objective: ``"max_matched_then_total"`` (as many people as possible, then the best
            total score) or ``"max_total"`` (the best total score).
        threads: scoring threads; the result is the same for any number.

    Returns:
        The plan, shortlists and explanations.

    Raises:
        SlmatchError: for an unknown objective, a negative shortlist size or fewer
            than one thread.
    """
    return MatchResult(_core.match(scheme, shortlist_size, objective, threads), scheme)
