"""The scheme worker's report: one self-contained HTML page for a matched scheme.

The page holds a summary of the run, a map of people, households and the proposed pairs,
the inequality audit by group with its charts, every person's proposal with the engine's
reasons and shortlist (or why nobody was proposed), and the run record's hashes at the foot
so a printed copy can be tied to its run. It loads nothing from anywhere (inline CSS and
SVG, no scripts) and prints on A4.

Every sentence about a rule or a factor is the engine's own (explanations, summaries of the
unmatched, the audit's notes, vocabulary names); people and households are named by id
only, and nothing is shown that the engine's consent-aware explanations do not show. The
same scheme and result always give the same bytes.

The advice sections (why not my first choice, what would help, whom to recruit and train)
come from :mod:`slmatch.pages.advice`. With ``easy_read`` an Easy Read page per person is
written too (:mod:`slmatch.pages.easy_read`).

Command line::

    python -m slmatch.pages.report data/examples/riverside.json --output report.html
    slmatch report data/examples/riverside.json --output report.html --easy-read easy-read/
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Union

import numpy as np
import pandas as pd
from markupsafe import Markup

import slmatch
from slmatch import _core
from slmatch.frames import scheme_to_frames
from slmatch.matching import AuditReport, MatchResult
from slmatch.pages import svg
from slmatch.pages.advice import ADVICE_WORK, report_advice
from slmatch.pages.easy_read import write_easy_read
from slmatch.pages.files import templates, write_atomically

PathLike = Union[str, "os.PathLike[str]"]

# The audit's groupings shown, in this order (ethnicity is left to the audit's own output);
# living together is shown too for schemes with groups of people who live together.
AUDIT_GROUPINGS = ("need", "age_band", "area")


@dataclass(frozen=True)
class Section:
    """One section of the report: its anchor, its heading and the template that fills it.

    Attributes:
        anchor: the section's id on the page (for links from the contents).
        title: the section's heading.
        template: the template under ``slmatch/pages/templates/`` drawing its body.
    """

    anchor: str
    title: str
    template: str


#: The report's sections in page order; a new section is one more entry here.
SECTIONS = (
    Section("summary", "Summary", "report_summary.html.j2"),
    Section("map", "Map of people and households", "report_map.html.j2"),
    Section("audit", "Who is matched, and who waits: by group", "report_audit.html.j2"),
    Section("proposals", "Proposals, person by person", "report_proposals.html.j2"),
    Section("first-choice", "Why not my first choice", "report_first_choice.html.j2"),
    Section("what-would-help", "What would help", "report_help.html.j2"),
    Section("recruitment", "Whom to recruit and train", "report_recruitment.html.j2"),
)


class Reason(NamedTuple):
    """One factor's sentence; ``points`` is its contribution as text, None when not used."""

    points: str | None
    sentence: str


class Proposal(NamedTuple):
    """One person's entry in the proposals section; lists are pre-joined as text."""

    person: str
    household: str | None
    score: str | None
    summary: str
    reasons: list[Reason]
    shortlist: str
    blocking_rules: str


class AuditRow(NamedTuple):
    """One group of the audit, figures as text (None when withheld)."""

    group: str
    people: int
    matched: str | None
    match_rate: str | None
    mean_score: str | None
    mean_wait_days: str | None
    median_wait_days: str | None


class AuditGrouping(NamedTuple):
    """One grouping of the audit: its rows, charts and gaps."""

    grouping: str
    title: str
    rows: list[AuditRow]
    match_rate_chart: Markup
    wait_chart: Markup
    gaps: list[tuple[str, str, str, str, str, str]]


def _label(name: str) -> str:
    """A vocabulary name as words (``faith_culture`` -> ``faith culture``)."""
    return name.replace("_", " ")


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _fixed(values: Any, digits: int) -> list[str | None]:
    """Numbers as text with ``digits`` decimals; None for missing values."""
    return [None if _missing(value) else f"{float(value):.{digits}f}" for value in values]


def _percent(value: Any) -> str | None:
    """A 0-1 share as a percentage with one decimal; None when missing."""
    return None if _missing(value) else f"{100 * float(value):.1f}%"


def _measure_text(measure: str, value: Any) -> str:
    """A figure of the audit's gaps as text, in its measure's units."""
    if measure == "match_rate":
        return _percent(value) or ""
    return _fixed([value], 0 if measure == "mean_wait_days" else 1)[0] or ""


def _proposals(result: MatchResult) -> list[Proposal]:
    """Every person's proposal, reasons and shortlist, or why nobody was proposed,
    in order of person id."""
    plan = result.plan
    people = plan["person"].tolist()
    households = [
        household if status == "matched" else None
        for household, status in zip(plan["household"].tolist(), plan["status"].tolist())
    ]
    scores = _fixed(plan["score"].to_numpy(), 1)
    summaries = plan["summary"].tolist()

    reasons: dict[str, list[Reason]] = {person: [] for person in people}
    explanations = result.explanations
    points = _fixed(explanations["points"].to_numpy(), 1)
    for person, used, point, sentence in zip(
        explanations["person"].tolist(),
        explanations["used"].tolist(),
        points,
        explanations["sentence"].tolist(),
    ):
        reasons[person].append(Reason(point if used else None, sentence))

    shortlists: dict[str, list[str]] = {person: [] for person in people}
    shortlist = result.shortlists
    for person, rank, household, score in zip(
        shortlist["person"].tolist(),
        shortlist["rank"].tolist(),
        shortlist["household"].tolist(),
        _fixed(shortlist["score"].to_numpy(), 1),
    ):
        shortlists[person].append(f"{rank}. {household} ({score})")

    # Who took the suitable places is named in the summary itself, so it is not repeated.
    why_not: dict[str, tuple[str, str]] = {}
    unmatched = result.unmatched
    for person, summary, rules in zip(
        unmatched["person"].tolist(),
        unmatched["summary"].tolist(),
        unmatched["blocking_rules"].tolist(),
    ):
        why_not[person] = (
            summary,
            ", ".join(f"{_label(rule)} {count}" for rule, count in rules.items()),
        )

    proposals = []
    for person, household, score, summary in zip(people, households, scores, summaries):
        rules = ""
        if person in why_not:
            summary, rules = why_not[person]
        proposals.append(
            Proposal(
                person,
                household,
                score,
                summary,
                reasons[person],
                ", ".join(shortlists[person]) or "none",
                rules,
            )
        )
    proposals.sort(key=lambda proposal: proposal.person)
    return proposals


def _group_names(grouping: str, names: list[str]) -> list[str]:
    """Group names as shown: needs are vocabulary names; ages and areas are labels."""
    return [_label(name) for name in names] if grouping == "need" else names


def _audit_rows(frame: pd.DataFrame, grouping: str) -> list[AuditRow]:
    return [
        AuditRow(*row)
        for row in zip(
            _group_names(grouping, frame["group"].tolist()),
            frame["people"].tolist(),
            _fixed(frame["matched"].astype("Float64").to_numpy(na_value=np.nan), 0),
            [_percent(v) for v in frame["match_rate"].tolist()],
            _fixed(frame["mean_score"].tolist(), 1),
            _fixed(frame["mean_wait_days"].tolist(), 0),
            _fixed(frame["median_wait_days"].tolist(), 0),
        )
    ]


def _audit_gaps(gaps: pd.DataFrame, grouping: str) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (
            _label(measure),
            _group_names(grouping, [str(largest_group)])[0],
            _measure_text(measure, largest),
            _group_names(grouping, [str(smallest_group)])[0],
            _measure_text(measure, smallest),
            _measure_text(measure, gap),
        )
        for measure, largest_group, largest, smallest_group, smallest, gap in zip(
            gaps["measure"].tolist(),
            gaps["largest_group"].tolist(),
            gaps["largest"].tolist(),
            gaps["smallest_group"].tolist(),
            gaps["smallest"].tolist(),
            gaps["gap"].tolist(),
        )
    ]


def _audit_grouping(groups: pd.DataFrame, gaps: pd.DataFrame, grouping: str) -> AuditGrouping:
    """One grouping's table rows, its two bar charts and its gaps."""
    rows = _audit_rows(groups, grouping)
    title = _label(grouping)
    labels = [row.group for row in rows]
    chart_id = f"chart-{grouping.replace('_', '-')}"
    withheld = "groups too small to show are marked withheld. The figures are in the table below."
    rate = [None if _missing(v) else float(v) for v in groups["match_rate"].tolist()]
    wait = [None if _missing(v) else float(v) for v in groups["mean_wait_days"].tolist()]
    return AuditGrouping(
        grouping,
        title,
        rows,
        svg.bar_chart(
            f"{chart_id}-rate",
            f"Match rate by {title}",
            f"Share of people matched in each group by {title}; {withheld}",
            labels,
            rate,
            [row.match_rate or "" for row in rows],
            maximum=1.0,
        ),
        svg.bar_chart(
            f"{chart_id}-wait",
            f"Mean wait in days by {title}",
            f"Mean days waited by the people in each group by {title}; {withheld}",
            labels,
            wait,
            [row.mean_wait_days or "" for row in rows],
        ),
        _audit_gaps(gaps, grouping),
    )


class LivingTogetherRow(NamedTuple):
    """One kind of group, counted once: the counts are None when withheld."""

    kind: str
    groups: int
    people: int
    together: int | None
    apart: int | None
    not_matched: int | None


def _audit(result: MatchResult) -> tuple[AuditRow | None, list[AuditGrouping], AuditReport]:
    """The audit's row for everyone, its groupings with charts, and the audit itself."""
    report = result.audit_report()
    groups, gaps = report.groups, report.gaps
    overall = _audit_rows(groups[groups["grouping"] == "overall"], "overall")
    shown = AUDIT_GROUPINGS + (() if report.living_together.empty else ("living_together",))
    groupings = [
        _audit_grouping(
            groups[groups["grouping"] == grouping], gaps[gaps["grouping"] == grouping], grouping
        )
        for grouping in shown
    ]
    return (overall[0] if overall else None), groupings, report


def _living_together(report: AuditReport) -> list[LivingTogetherRow]:
    """The audit's groups of people who live together, each counted once."""

    def count(value: Any) -> int | None:
        return None if _missing(value) else int(value)

    return [
        LivingTogetherRow(
            str(row["kind"]),
            int(row["groups"]),
            int(row["people"]),
            count(row["together"]),
            count(row["apart"]),
            count(row["not_matched"]),
        )
        for _, row in report.living_together.iterrows()
    ]


def _column(frame: pd.DataFrame, name: str, dtype: Any) -> Any:
    """A column as a NumPy array; empty when the frame has no rows (nor columns)."""
    if name not in frame:
        return np.empty(0, dtype=dtype)
    return frame[name].to_numpy(dtype=dtype)


def _map(frames: dict[str, Any], result: MatchResult) -> Markup:
    people = frames["people"]
    households = frames["households"]
    household_of = result.household_of
    matched = np.flatnonzero(household_of >= 0)
    return svg.scheme_map(
        "map-svg",
        "People, households and the proposed pairs",
        f"{len(people)} people (circles), {len(households)} households (squares) and "
        f"{len(matched)} proposed pairs (lines from a person to a household), north at the "
        "top. Each proposal is listed in the proposals section.",
        (_column(people, "lat", np.float64), _column(people, "lon", np.float64)),
        (_column(households, "lat", np.float64), _column(households, "lon", np.float64)),
        (matched, household_of[matched]),
    )


def _places_free(frames: dict[str, Any]) -> int:
    """Places the households can still offer under the scheme's cap: per household
    max(0, min(places, cap) - residents), as the engine counts them."""
    cap = int(frames["policy"].get("household_cap", 3))
    households = frames["households"]
    residents = frames["residents"]
    if "household" in residents:
        living = residents["household"].value_counts()
        counts = households["id"].map(living).fillna(0).to_numpy(dtype=np.int64)
    else:
        counts = np.zeros(len(households), dtype=np.int64)
    places = np.minimum(_column(households, "places", np.int64), cap)
    return int(np.maximum(places - counts, 0).sum())


def _context(scheme: _core.Scheme, result: MatchResult, advice_work: int) -> dict[str, Any]:
    frames = scheme_to_frames(scheme)
    policy = frames["policy"]
    record = result.record()
    weights = policy.get("weights", {})
    people = len(scheme.person_ids)
    overall, groupings, audit = _audit(result)
    return {
        "sections": SECTIONS,
        "scheme_id": frames["id"],
        "scheme_name": frames["name"],
        "as_of": policy.get("as_of", ""),
        "people": people,
        "households": len(scheme.household_ids),
        "places_free": _places_free(frames),
        "matched": result.matched,
        "unmatched": people - result.matched,
        "match_rate": _percent(result.matched / people) if people else None,
        "household_cap": policy.get("household_cap"),
        "travel_limit_km": (
            None if policy.get("travel_limit_km") is None else f"{policy['travel_limit_km']:g}"
        ),
        "objective": _label(record["configuration"]["objective"]),
        "shortlist_size": record["configuration"]["shortlist_size"],
        "weights": [
            (_label(factor), f"{weights[factor]:g}")
            for factor in _core.vocabularies["factor"]
            if factor in weights
        ],
        "map": _map(frames, result),
        "audit_overall": overall,
        "audit_groupings": groupings,
        "audit_notes": audit.notes,
        "audit_living_together": _living_together(audit),
        "gini_matched": _fixed([audit.gini_matched], 3)[0],
        "gini_all": _fixed([audit.gini_all], 3)[0],
        "proposals": _proposals(result),
        "advice": report_advice(scheme, result, advice_work, frames),
        "record": {
            "input_sha256": record["input_sha256"],
            "result_sha256": record["result_sha256"],
            "library_version": record["library_version"],
            "hash": record["hash"],
        },
    }


def render_report(
    scheme: _core.Scheme, result: MatchResult, *, advice_work: int = ADVICE_WORK
) -> str:
    """The report of a matched scheme as one self-contained HTML page.

    Args:
        scheme: the validated scheme that was matched.
        result: the result of :func:`slmatch.match` on that scheme.
        advice_work: how much re-solving the advice sections may do, in feasible pairs
            solved (see :mod:`slmatch.pages.advice`); 0 leaves them unworked.

    Returns:
        The page's HTML text; the same scheme, result and work always give the same text.
    """
    template = templates().get_template("report.html.j2")
    return template.render(_context(scheme, result, advice_work))


def write_report(
    path: PathLike,
    scheme: _core.Scheme,
    result: MatchResult,
    *,
    easy_read: PathLike | None = None,
    advice_work: int = ADVICE_WORK,
) -> None:
    """Write the report of a matched scheme to ``path``, replacing it whole or not at all,
    and with ``easy_read`` an Easy Read page per person into that folder.

    Each page is written to a temporary file beside it, flushed to disk and renamed over
    it, so a failure leaves any earlier file as it was and no partial file behind.

    Args:
        path: the HTML file to write.
        scheme: the validated scheme that was matched.
        result: the result of :func:`slmatch.match` on that scheme.
        easy_read: a folder for the Easy Read pages (made if missing), or None.
        advice_work: as for :func:`render_report`.

    Raises:
        OSError: when a file cannot be written.
    """
    page = render_report(scheme, result, advice_work=advice_work)
    if easy_read is not None:
        write_easy_read(easy_read, scheme, result)
    write_atomically(Path(path), page)


def _parser() -> argparse.ArgumentParser:
    objectives = list(_core.vocabularies["objective"])
    parser = argparse.ArgumentParser(
        prog="slmatch report",
        description=(
            "Match a scheme and write the scheme worker's report: one self-contained HTML "
            "page (no network, prints on A4) with every proposal and its reasons, who was "
            "not matched and why, the inequality audit and a map."
        ),
    )
    parser.add_argument("scheme", help="scheme file (JSON)")
    parser.add_argument(
        "--output", required=True, help="HTML file to write (replaced whole, or not at all)"
    )
    parser.add_argument(
        "--objective",
        choices=objectives,
        default=objectives[0],
        help=f"what the plan maximises (default {objectives[0]})",
    )
    parser.add_argument(
        "--top", type=int, default=3, metavar="N", help="households on each shortlist (3)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=os.cpu_count() or 1,
        help="threads for matching and the advice (default: every core; the pages are the "
        "same for any number)",
    )
    parser.add_argument(
        "--easy-read",
        metavar="DIR",
        help="also write an Easy Read page per person into this folder (made if missing)",
    )
    parser.add_argument(
        "--advice-work",
        type=int,
        default=ADVICE_WORK,
        metavar="PAIRS",
        help=(
            "re-solving the advice sections may do, in feasible pairs solved "
            f"({ADVICE_WORK:,}); 0 leaves them unworked"
        ),
    )
    parser.add_argument("--version", action="version", version=f"slmatch {slmatch.__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``slmatch report``; returns the exit status (0 on success, 1 on bad input).

    Args:
        argv: the arguments after the program name; default ``sys.argv[1:]``.
    """
    arguments = _parser().parse_args(argv)
    try:
        if arguments.top < 0:
            raise ValueError("--top must be >= 0")
        if arguments.advice_work < 0:
            raise ValueError("--advice-work must be >= 0")
        scheme = slmatch.load_scheme(arguments.scheme)
        result = slmatch.match(
            scheme, arguments.top, objective=arguments.objective, threads=arguments.threads
        )
        write_report(
            arguments.output,
            scheme,
            result,
            easy_read=arguments.easy_read,
            advice_work=arguments.advice_work,
        )
    except (ValueError, slmatch.SlmatchError, OSError) as problem:
        print(f"slmatch report: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
