"""The report's advice: why not my first choice, what would help, whom to recruit and train.

Some analyses re-solve the scheme (see ``slmatch/advice/`` in the C++ library), so a report
spends a bounded amount of work on them: ``work`` feasible pairs solved, shared out as
re-solves (each costs about the scheme's number of feasible pairs). Without groups, what
would help and the first-choice costs of people left without a household are read from the
plan's certificate and need no re-solve, so they cover everyone; first-choice costs of
placed people, everything for a scheme with groups, and confirming the recruitment counts
re-solve. People are taken in the order they have waited, longest first (ties by id): what
would help first, then first-choice costs, then the recruitment counts. Where the work runs
out, the page says whom the analyses reached, and ``slmatch help-options`` works out anyone
else. The same scheme and result always give the same advice, whatever the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from slmatch import _core
from slmatch.frames import scheme_to_frames
from slmatch.matching import MatchResult

#: Re-solving work a report may spend, in feasible pairs solved (all re-solves together).
ADVICE_WORK = 10_000_000
#: Changes checked per person for "what would help" (as ``slmatch help-options``).
CHECKS_PER_PERSON = 12
#: Recruitment needs confirmed by re-solving at most.
NEEDS_CONFIRMED = 10


@dataclass(frozen=True)
class Advice:
    """What the report's three advice sections show.

    Attributes:
        help: what would help, one entry per person reached (``MatchResult.what_would_help``).
        unmatched: how many people the plan leaves without a household.
        first_choices: first-choice costs of the people reached.
        first_choices_complete: every person whose first choice went elsewhere is shown.
        recruitment: the recruitment summary (``MatchResult.recruitment``).
        checks: re-solves the work allowed.
    """

    help: list[dict[str, Any]]
    unmatched: int
    first_choices: list[dict[str, Any]]
    first_choices_complete: bool
    recruitment: dict[str, Any]
    checks: int


def waiting_order(people: pd.DataFrame) -> list[str]:
    """Person ids, longest wait first (earliest ``waiting_since``), ties by id.

    Args:
        people: the ``people`` frame of :func:`slmatch.scheme_to_frames`.
    """
    if people.empty:
        return []
    ordered = people.sort_values(["waiting_since", "id"], kind="stable")["id"]
    return [str(person) for person in ordered]


def report_advice(
    scheme: _core.Scheme,
    result: MatchResult,
    work: int = ADVICE_WORK,
    frames: dict[str, Any] | None = None,
) -> Advice:
    """Work out the report's advice within ``work`` (see the module's description).

    Args:
        scheme: the scheme that was matched.
        result: the result of :func:`slmatch.match` on it.
        work: feasible pairs the re-solves may handle in all.
        frames: :func:`slmatch.scheme_to_frames` of the scheme, when the caller has it.

    Returns:
        The advice to show.
    """
    if frames is None:
        frames = scheme_to_frames(scheme)
    grouped = not frames["groups"].empty
    checks = work // max(1, result.feasible_pairs)
    left = checks
    plan = result.plan
    unmatched_ids = set(plan.loc[plan["household"].isna(), "person"])
    order = waiting_order(frames["people"])
    waiting = [p for p in order if p in unmatched_ids]

    help_found: list[dict[str, Any]] = []
    if not grouped and waiting:
        help_found = result.what_would_help(waiting, max_checks=CHECKS_PER_PERSON, max_solves=left)
        left -= sum(h["solved"] for h in help_found)
    for person in waiting if grouped else []:
        if left <= 0:
            break
        found = result.what_would_help(person, max_checks=min(CHECKS_PER_PERSON, left))[0]
        left -= found["checked"]
        help_found.append(found)

    allowed = max(0, left)
    first_choices = result.first_choices(order, max_solves=allowed)
    solved = sum(1 for c in first_choices if grouped or c["household"] is not None)
    complete = solved < allowed  # stopped for want of people, not of re-solves
    left -= solved
    recruitment = result.recruitment(max_confirmed=max(0, min(NEEDS_CONFIRMED, left)))
    return Advice(
        help=help_found,
        unmatched=len(unmatched_ids),
        first_choices=first_choices,
        first_choices_complete=complete,
        recruitment=recruitment,
        checks=checks,
    )
