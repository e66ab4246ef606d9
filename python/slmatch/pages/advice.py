"""The report's advice: why not my first choice, what would help, whom to recruit and train.

Each analysis re-solves the scheme (see ``slmatch/advice/`` in the C++ library), so a report
spends a bounded amount of work on them: ``work`` feasible pairs solved, shared out as
re-solves (each costs about the scheme's number of feasible pairs). People are taken in the
order they have waited, longest first (ties by id): what would help for people left without
a household first, then first-choice costs, then confirming the recruitment counts. A small
scheme is covered whole; for a large one the page says whom the analyses reached, and
``slmatch help-options`` works out anyone else. The same scheme and result always give the
same advice, whatever the machine.
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
    people: pd.DataFrame | None = None,
) -> Advice:
    """Work out the report's advice within ``work`` (see the module's description).

    Args:
        scheme: the scheme that was matched.
        result: the result of :func:`slmatch.match` on it.
        work: feasible pairs the re-solves may handle in all.
        people: the scheme's ``people`` frame, when the caller has it already.

    Returns:
        The advice to show.
    """
    if people is None:
        people = scheme_to_frames(scheme)["people"]
    checks = work // max(1, result.feasible_pairs)
    left = checks
    plan = result.plan
    unmatched_ids = set(plan.loc[plan["household"].isna(), "person"])
    order = waiting_order(people)

    help_found: list[dict[str, Any]] = []
    for person in (p for p in order if p in unmatched_ids):
        if left <= 0:
            break
        found = result.what_would_help(person, max_checks=min(CHECKS_PER_PERSON, left))[0]
        left -= found["checked"]
        help_found.append(found)

    allowed = max(0, left)
    first_choices = result.first_choices(order, max_people=allowed)
    complete = len(first_choices) < allowed  # stopped for want of people, not of work
    left -= len(first_choices)
    recruitment = result.recruitment(max_confirmed=max(0, min(NEEDS_CONFIRMED, left)))
    return Advice(
        help=help_found,
        unmatched=len(unmatched_ids),
        first_choices=first_choices,
        first_choices_complete=complete,
        recruitment=recruitment,
        checks=checks,
    )
