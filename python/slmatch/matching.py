"""Run :func:`match` and audit plans, with the results as pandas DataFrames."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch import _core
from slmatch._errors import validation_error

AsOf = Union[str, datetime.date, None]

AUDIT_PURPOSES: tuple[str, ...] = ("equality_monitoring", "analysis")
"""The consent purposes an audit can be made for: the scheme's own equality monitoring (the
default), or analysis that leaves the scheme (see :func:`analysis_view`)."""

AUDIT_GROUP_COLUMNS = [
    "grouping",
    "group",
    "people",
    "matched",
    "match_rate",
    "mean_score",
    "mean_wait_days",
    "median_wait_days",
    "small_group",
]
AUDIT_LIVING_TOGETHER_COLUMNS = [
    "kind",
    "groups",
    "people",
    "small_group",
    "together",
    "apart",
    "not_matched",
]
AUDIT_GAP_COLUMNS = [
    "grouping",
    "measure",
    "largest_group",
    "largest",
    "smallest_group",
    "smallest",
    "gap",
]


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


@dataclass(frozen=True)
class AuditReport:
    """An inequality audit of a plan: who is matched, how well, and who waits, by group.

    Groupings are ``need`` (a person with several needs counts in each), ``age_band``
    (under 18, 18-24, 25-34, 35-49, 50-64, 65+ at the as-of date), ``area`` (squares of a
    fixed map grid, named by their centre) and ``ethnicity`` (read only with the person's
    consent; everyone else is ``"not given"``), and for a scheme with groups of people who
    live together ``living_together`` (people on their own, then the members of couples,
    siblings, friends and other groups). Groups of fewer than ``small_group_size``
    people are flagged and, unless asked otherwise, their figures are withheld (NaN) and
    left out of the gaps. Nothing personal is reported: only group labels, counts and
    figures rounded to 0.001.

    Attributes:
        as_of: the date waits and ages are counted to, ``"YYYY-MM-DD"``.
        groups: one row per group, the first for everyone (grouping ``"overall"``, group
            ``"all people"``), with columns ``grouping``, ``group``, ``people``,
            ``matched`` (nullable integer), ``match_rate`` (0-1), ``mean_score`` (of the
            matched, 0-100), ``mean_wait_days``, ``median_wait_days``, ``small_group``.
        gaps: per grouping and measure (``match_rate``, ``mean_score``,
            ``mean_wait_days``), the groups with the largest and smallest values and the
            gap between them; only where at least two groups can be compared.
        gini_matched: Gini coefficient of the matched people's scores (None when undefined
            or withheld).
        gini_all: Gini coefficient over everyone, the unmatched counted as 0.
        notes: plain sentences defining the figures.
        living_together: each group of people who live together counted once: a row for
            ``"all groups"``, then one per kind present (``couples``, ``siblings``,
            ``friends``, ``other groups``), with columns ``kind``, ``groups``, ``people``
            (their members), ``small_group``, and the nullable counts ``together`` (every
            member in one household), ``apart`` (some matched, not all in one household)
            and ``not_matched``, withheld (``<NA>``) for kinds with few members. Empty for
            a scheme without groups.
    """

    as_of: str
    groups: pd.DataFrame
    gaps: pd.DataFrame
    gini_matched: float | None
    gini_all: float | None
    notes: list[str]
    living_together: pd.DataFrame
    _json: str
    _table: str

    def to_json(self) -> str:
        """The audit as JSON text (the same bytes as ``slmatch audit --format json``)."""
        return self._json

    def table(self) -> str:
        """The audit as a readable table (the same as ``slmatch audit``)."""
        return self._table


def _audit_groups(document: dict[str, Any]) -> pd.DataFrame:
    rows = [{"grouping": "overall", **document["overall"]}]
    rows += [
        {"grouping": grouping["grouping"], **group}
        for grouping in document["groupings"]
        for group in grouping["groups"]
    ]
    frame = pd.DataFrame(rows, columns=AUDIT_GROUP_COLUMNS)
    frame["people"] = frame["people"].astype("int64")
    frame["matched"] = pd.array([row["matched"] for row in rows], dtype="Int64")
    for column in ["match_rate", "mean_score", "mean_wait_days", "median_wait_days"]:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    frame["small_group"] = frame["small_group"].astype(bool)
    return frame


def _audit_living_together(document: dict[str, Any]) -> pd.DataFrame:
    rows = document.get("living_together", [])
    frame = pd.DataFrame(rows, columns=AUDIT_LIVING_TOGETHER_COLUMNS)
    for column in ["groups", "people"]:
        frame[column] = frame[column].astype("int64")
    frame["small_group"] = frame["small_group"].astype(bool)
    for column in ["together", "apart", "not_matched"]:
        frame[column] = pd.array([row[column] for row in rows], dtype="Int64")
    return frame


def _audit_gaps(document: dict[str, Any]) -> pd.DataFrame:
    rows = [
        {"grouping": grouping["grouping"], "measure": measure, **gap}
        for grouping in document["groupings"]
        for measure in ["match_rate", "mean_score", "mean_wait_days"]
        if (gap := grouping["gaps"][measure]) is not None
    ]
    return pd.DataFrame(rows, columns=AUDIT_GAP_COLUMNS)


def _as_of_text(as_of: AsOf) -> str:
    if as_of is None:
        return ""
    if isinstance(as_of, datetime.date):
        return as_of.isoformat()
    return str(as_of)


def analysis_view(scheme: _core.Scheme) -> _core.Scheme:
    """The scheme as analysis may see it: what experiments, score matrices and audits that
    leave the scheme read.

    People who registered a national data opt-out are left out, with every reference to
    them. Of everyone else's data, only the categories consented both for analysis and for
    matching are kept (an experiment re-runs matching, so it may use neither what a person
    refused for matching nor what they refused for analysis); ethnicity is kept with
    analysis consent alone. The rest is erased, not hidden, along with names, notes and
    carers' names; consent is rewritten so that matching the view reads exactly what is
    kept. Core assessment data (needs, support, places, must-nots, waits) is kept.

    :mod:`slmatch.experiments` applies it itself, so callers need not.

    Args:
        scheme: a validated scheme.

    Returns:
        A new, valid scheme: the same households (in the same order) and the people left
        in, in scheme order.
    """
    return _core.purpose.view_for(scheme, "analysis")


def _plan_for_purpose(
    scheme: _core.Scheme,
    household_of: npt.NDArray[np.int64],
    score: npt.NDArray[np.float64],
    purpose: str,
) -> tuple[_core.Scheme, npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The scheme and plan an audit for ``purpose`` reads: for analysis, the analysis view
    and the plan's rows of the people in it (the rows of people who opted out are never
    read)."""
    if purpose not in AUDIT_PURPOSES:
        _core._check_name("consent purpose", "options", "purpose", purpose)
        raise validation_error(
            [
                (
                    "options",
                    "purpose",
                    f"an audit is for {' or '.join(AUDIT_PURPOSES)} (is {purpose!r})",
                )
            ]
        )
    if purpose == "equality_monitoring":
        return scheme, household_of, score
    people = len(scheme.person_ids)
    if household_of.shape != (people,) or score.shape != (people,):
        # The whole scheme's audit names what is wrong with the plan's shape.
        _core.audit.audit(scheme, household_of, score)
    kept = _core.purpose.people_in_view(scheme, purpose)
    return _core.purpose.view_for(scheme, purpose), household_of[kept], score[kept]


def audit_plan(
    scheme: _core.Scheme,
    household_of: npt.ArrayLike,
    score: npt.ArrayLike,
    as_of: AsOf = None,
    *,
    small_group_size: int = 5,
    suppress_small_groups: bool = True,
    area_km: float = 10.0,
    purpose: str = AUDIT_PURPOSES[0],
) -> AuditReport:
    """Audit any plan for inequalities between groups of people.

    Args:
        scheme: the validated scheme the plan is for.
        household_of: per person in scheme order, the household index or -1 when
            unmatched (e.g. ``MatchResult.household_of`` or a solver's plan).
        score: per person, the matched pair's score (0-100); ignored (may be NaN) for the
            unmatched.
        as_of: the date to count waits and ages to (``"YYYY-MM-DD"`` or a
            ``datetime.date``); default: the scheme's own as-of date.
        small_group_size: groups of fewer people are flagged.
        suppress_small_groups: withhold small groups' figures and leave them out of gaps.
        area_km: side of the map grid squares that define areas.
        purpose: one of :data:`AUDIT_PURPOSES`. ``"equality_monitoring"``, the scheme's own
            audit, counts everyone and reads ethnicity with consent for equality monitoring;
            ``"analysis"``, for an audit that leaves the scheme, audits
            :func:`analysis_view`: people who opted out are left out (their rows of the
            plan are not read) and ethnicity is read only with consent for analysis.

    Returns:
        The audit; see :class:`AuditReport`.

    Raises:
        ValidationError: a plan or score of the wrong length, a household index out of
            range, a matched score outside 0-100, or someone born or waiting since after
            the as-of date; each problem names the person and field. Also a purpose that
            is not one of :data:`AUDIT_PURPOSES`.
        SlmatchError: a malformed as-of date, a small-group size below 0 or an area size
            not above 0.
    """
    audited, plan, scores = _plan_for_purpose(
        scheme,
        np.asarray(household_of, dtype=np.int64),
        np.asarray(score, dtype=np.float64),
        purpose,
    )
    arguments = (
        audited,
        plan,
        scores,
        _as_of_text(as_of),
        small_group_size,
        suppress_small_groups,
        area_km,
    )
    text = _core.audit.audit(*arguments, format="json", indent=2) + "\n"
    document: dict[str, Any] = json.loads(text)
    return AuditReport(
        as_of=document["as_of"],
        groups=_audit_groups(document),
        gaps=_audit_gaps(document),
        gini_matched=document["gini"]["matched"],
        gini_all=document["gini"]["all_people"],
        notes=list(document["notes"]),
        living_together=_audit_living_together(document),
        _json=text,
        _table=_core.audit.audit(*arguments, format="table"),
    )


# A plan row's status by whether the person has a household (False, True), as in the JSON report.
_STATUS = np.array(["unmatched", "matched"], dtype=object)


def _objects(values: Sequence[Any]) -> npt.NDArray[np.object_]:
    """`values` as a 1-D object array: pandas infers text columns from it as from a list of
    str, and keeps an empty one as object where it would guess float from an empty list."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class MatchResult:
    """The outcome of :func:`match`: one proposal per person, with reasons.

    The DataFrames are built on first use from the engine's columns, rounded as in its JSON
    report, so they equal what ``to_json()`` and the CLI report. Numeric columns keep their
    dtypes when a frame is empty.
    """

    def __init__(self, run: _core.match.MatchResult, scheme: _core.Scheme) -> None:
        self._run = run
        self._scheme = scheme

    @cached_property
    def _person_ids(self) -> npt.NDArray[np.object_]:
        return _objects(self._scheme.person_ids)

    @cached_property
    def _household_ids(self) -> npt.NDArray[np.object_]:
        # None after the last id, so the index -1 (no household) takes None.
        return _objects([*self._scheme.household_ids, None])

    @property
    def matched(self) -> int:
        """How many people the plan matches."""
        return int(self._run.matched)

    @property
    def feasible_pairs(self) -> int:
        """How many person-household pairs pass every hard rule (the plan's edges)."""
        return int(self._run.feasible_pairs)

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
        """One row per person in scheme order: ``person``, ``status`` (matched/unmatched),
        ``household`` (missing when unmatched), ``score`` (float64, NaN when unmatched) and
        ``summary``."""
        person, household, score, summary = self._run.plan_columns()
        return pd.DataFrame(
            {
                "person": self._person_ids.take(person),
                "status": _STATUS.take((household >= 0).astype(np.intp)),
                "household": self._household_ids.take(household),
                "score": score,
                "summary": _objects(summary),
            }
        )

    @cached_property
    def shortlists(self) -> pd.DataFrame:
        """Each person's best feasible households, people in scheme order: ``person``,
        ``rank`` (int64, 1 = best), ``household``, ``score`` (float64)."""
        person, rank, household, score = self._run.shortlist_columns()
        return pd.DataFrame(
            {
                "person": self._person_ids.take(person),
                "rank": rank,
                "household": self._household_ids.take(household),
                "score": score,
            }
        )

    @cached_property
    def explanations(self) -> pd.DataFrame:
        """Every factor of every proposed pair, people in scheme order: ``person``,
        ``household``, ``factor``, ``used`` (bool), ``raw``, ``weight``, ``points`` (float64)
        and ``sentence``."""
        person, household, factor, used, raw, weight, points, sentence = (
            self._run.explanation_columns()
        )
        factors = _objects(_core.vocabularies["factor"])
        return pd.DataFrame(
            {
                "person": self._person_ids.take(person),
                "household": self._household_ids.take(household),
                "factor": factors.take(factor),
                "used": used,
                "raw": raw,
                "weight": weight,
                "points": points,
                "sentence": _objects(sentence),
            }
        )

    @cached_property
    def unmatched(self) -> pd.DataFrame:
        """Why each unmatched person has no proposal, in scheme order: ``person``,
        ``summary``, ``blocking_rules`` (rule -> households it ruled out) and
        ``places_taken`` (household -> people placed there instead)."""
        person, summary, blocking_rules, places_taken = self._run.unmatched_columns()
        return pd.DataFrame(
            {
                "person": self._person_ids.take(person),
                "summary": _objects(summary),
                "blocking_rules": _objects(blocking_rules),
                "places_taken": _objects(places_taken),
            }
        )

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

    def audit_report(
        self,
        as_of: AsOf = None,
        *,
        small_group_size: int = 5,
        suppress_small_groups: bool = True,
        area_km: float = 10.0,
        purpose: str = AUDIT_PURPOSES[0],
    ) -> AuditReport:
        """Audit this plan for inequalities between groups (the same as ``slmatch audit``).

        See :func:`audit_plan` for the arguments (``purpose="analysis"`` for an audit that
        leaves the scheme) and errors.
        """
        scores = self.plan["score"].to_numpy(dtype=np.float64)
        return audit_plan(
            self._scheme,
            self.household_of,
            scores,
            as_of,
            small_group_size=small_group_size,
            suppress_small_groups=suppress_small_groups,
            area_km=area_km,
            purpose=purpose,
        )

    def audit(
        self,
        as_of: AsOf = None,
        *,
        small_group_size: int = 5,
        suppress_small_groups: bool = True,
        area_km: float = 10.0,
    ) -> pd.DataFrame:
        """Who is matched, how well, and who waits longest, by group: one row per group.

        Columns: ``grouping``, ``group``, ``people``, ``matched``, ``match_rate``,
        ``mean_score``, ``mean_wait_days``, ``median_wait_days``, ``small_group``; the
        first row is everyone. See :class:`AuditReport` for the definitions.
        """
        return self.audit_report(
            as_of,
            small_group_size=small_group_size,
            suppress_small_groups=suppress_small_groups,
            area_km=area_km,
        ).groups

    def audit_gaps(
        self,
        as_of: AsOf = None,
        *,
        small_group_size: int = 5,
        suppress_small_groups: bool = True,
        area_km: float = 10.0,
    ) -> pd.DataFrame:
        """The gaps between the best- and worst-off groups of each grouping: columns
        ``grouping``, ``measure``, ``largest_group``, ``largest``, ``smallest_group``,
        ``smallest``, ``gap``."""
        return self.audit_report(
            as_of,
            small_group_size=small_group_size,
            suppress_small_groups=suppress_small_groups,
            area_km=area_km,
        ).gaps

    def what_would_help(
        self,
        person: str | Sequence[str] | None = None,
        *,
        max_options: int = 3,
        max_checks: int = 12,
        max_solves: int | None = None,
    ) -> list[dict[str, Any]]:
        """The smallest changes that would give people left without a household one.

        For each person the plan leaves unmatched, changes a scheme could make (one more
        place, a carer trained in a skill, an approval for a need or a support level, an
        adaptation to a home, a wider travel limit), each checked against matching the
        edited scheme again with this run's objective; the same as ``slmatch help-options
        --format json``. Without groups a change is checked on the plan's certificate and
        reported only when every best plan of the edited scheme gives the person a
        household (``every_best_plan``; ``household`` and ``moves`` then describe one of
        those plans); with groups the edited scheme is matched again and ``household`` and
        ``moves`` are what that match proposes.

        Args:
            person: one id or several; default: everyone the plan leaves unmatched.
            max_options: changes to report per person, fewest edits first.
            max_checks: candidate changes to check per person.
            max_solves: without groups, changes the certificate proves but cannot describe
                are matched again, at most this many in all (default: no limit); the rest
                are left out.

        Returns:
            One dict per person: ``person``, ``summary``, ``candidates``, ``checked`` and
            ``options`` (each with ``summary``, ``edits``, ``opens``, ``household``,
            ``score``, ``every_best_plan`` and ``moves``: everyone else whose proposal would
            change).

        Raises:
            SlmatchError: for an unknown id, a person the plan matches, or a negative limit.
        """
        ids = [person] if isinstance(person, str) else list(person or [])
        found: list[dict[str, Any]] = json.loads(
            _core.advice.what_would_help(
                self._run, ids, max_options, max_checks, 2**62 if max_solves is None else max_solves
            )
        )
        return found

    def first_choices(
        self,
        person: str | Sequence[str] | None = None,
        *,
        max_people: int | None = None,
        max_solves: int | None = None,
    ) -> list[dict[str, Any]]:
        """Why not my first choice: people whose best-scoring household went to someone else.

        Each entry names the household, who the plan proposes for it, and what giving it to
        the person instead would cost the plan (the best plan with that pair pinned, proved
        optimal): ``matched_change`` and ``total_score_change``, and who else would move.
        Without groups, people the plan leaves unmatched need no solve (the cheapest chain
        of moves that frees a place is exact); everyone else costs one solve.

        Args:
            person: one id or several, looked at in that order; default: everyone.
            max_people: stop after this many people reported.
            max_solves: once this many solves are done, leave out people who need one.

        Returns:
            One dict per such person, in the order looked at: ``person``, ``summary``,
            ``first_choice``, ``first_choice_score``, ``household``, ``score``,
            ``taken_by``, ``matched_change``, ``total_score_change``, ``moves``.

        Raises:
            SlmatchError: for an unknown id or a negative limit.
        """
        ids = [person] if isinstance(person, str) else list(person or [])
        people = 2**62 if max_people is None else max_people
        solves = 2**62 if max_solves is None else max_solves
        costs: list[dict[str, Any]] = json.loads(
            _core.advice.first_choices(self._run, ids, people, solves)
        )
        return costs

    def recruitment(
        self, *, max_confirmed: int = 10, area_km: float = 10.0, small_group_size: int = 5
    ) -> dict[str, Any]:
        """Whom to recruit and train: the same as ``slmatch recruitment --format json``.

        Args:
            max_confirmed: needs to confirm by matching the edited scheme again, most
                people blocked first.
            area_km: side of the audit's map squares that define areas.
            small_group_size: area counts below this are withheld.

        Returns:
            ``{"needs": [...], "areas": [...]}``: each need (a skill, approval or home
            feature) with the people it alone keeps from a household, the households
            lacking it, and, when confirmed, who matching again would newly match and who
            would lose a proposal; each area with its people left with no suitable
            household.

        Raises:
            SlmatchError: for a negative limit or an area size not above 0.
        """
        summary: dict[str, Any] = json.loads(
            _core.advice.recruitment(self._run, max_confirmed, area_km, small_group_size)
        )
        return summary

    def to_json(self, indent: int | None = None) -> str:
        """The full report as JSON text (the same as ``slmatch match --format json``)."""
        return str(self._run.to_json(-1 if indent is None else indent))

    def table(self) -> str:
        """The report as a readable table (the same as ``slmatch match``)."""
        return str(self._run.table())

    def record(self) -> dict[str, Any]:
        """The run record: SHA-256 of the canonical scheme and of the result, the
        configuration, the library version and, per person id, the data categories the
        scores could read. It holds no personal data; identical runs give identical
        records (``record_json()`` gives the same bytes as ``slmatch match --record``)."""
        record: dict[str, Any] = json.loads(self._run.record())
        return record

    def record_json(self) -> str:
        """The run record as JSON text."""
        return str(self._run.record())

    def report(
        self,
        path: str | os.PathLike[str],
        *,
        easy_read: str | os.PathLike[str] | None = None,
        advice_work: int | None = None,
    ) -> None:
        """Write the scheme worker's report: one self-contained HTML page (the same as
        ``slmatch report``), replaced whole or not at all; with ``easy_read``, an Easy Read
        page per person into that folder as well.

        Args:
            path: the HTML file to write.
            easy_read: a folder for the Easy Read pages (made if missing), or None.
            advice_work: how much re-solving the advice sections may do, in feasible pairs
                solved; default :data:`slmatch.pages.advice.ADVICE_WORK`.

        Raises:
            OSError: when a file cannot be written.
        """
        from slmatch.pages.advice import ADVICE_WORK
        from slmatch.pages.report import write_report

        write_report(
            path,
            self._scheme,
            self,
            easy_read=easy_read,
            advice_work=ADVICE_WORK if advice_work is None else advice_work,
        )


def match(
    scheme: _core.Scheme,
    shortlist_size: int = 3,
    objective: str = _core.vocabularies["objective"][0],
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
    return MatchResult(_core.match.match(scheme, shortlist_size, objective, threads), scheme)
