"""Short breaks and day support planned over the coming weeks.

A person's calendar request (dated stays, recurring stays, an allowance of nights, weekly
day-support slots) and a household's availability (short-break beds, day places, nights and
slots offered, dates away, most nights a month, bookings) live in the scheme file. The
planner gives each stay and slot to a household that passes every hard rule for the person,
within every household's beds and places: first covering as many requested nights and slots
as possible, then the best scores, with one carer where the person wants it. It is exact
(CBC, with a time limit that reports the proven gap) and explains every stay it could not
cover::

    import slmatch
    from slmatch import calendar
    scheme = slmatch.load_scheme("data/examples/riverside.json")
    plan = calendar.plan(scheme, weeks=13)
    plan.units    # one row per stay or slot: person, dates, household or why none
    plan.people   # one row per person: nights and slots asked for and covered, carers
    plan.write_ics("calendars")  # an iCalendar file per person and per household

Every plan is a proposal for people to discuss; nothing is booked until everyone agrees.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from slmatch._core import Scheme
from slmatch._core import calendar as _calendar
from slmatch.pages.files import write_atomically

__all__ = ["CalendarPlan", "plan"]


@dataclass(frozen=True)
class CalendarPlan:
    """A calendar plan: its stays and slots, each person's summary, and its calendars.

    Attributes:
        units: one row per stay or day slot asked for (allowance stays only when taken):
            person, kind ("stay" or "day_slot"), request (which part of the request),
            request_index, start (a date), nights (stays), part (slots), preferred,
            household (id, missing when not covered), covered, reasons (sentences).
        people: one row per person with a request: nights_requested, nights_covered,
            slots_requested, slots_covered, carers (household ids), sentences.
        proven_optimal: False when the time limit stopped the search; ``gap`` then says
            how far from the best possible the plan may be (a fraction).
        gap: the proven relative gap, 0 when optimal.
        method: "mip" (CBC) or "flow" (the flow solvers night by night).
        document: the plan as the JSON document ``slmatch calendar --format json`` prints.
        calendars: iCalendar text by file name ("person-P12.ics", "household-H07.ics").
    """

    units: pd.DataFrame
    people: pd.DataFrame
    proven_optimal: bool
    gap: float
    method: str
    document: dict[str, Any] = field(repr=False)
    calendars: dict[str, str] = field(repr=False)

    def write_ics(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write each person's and each household's calendar into ``folder``.

        Args:
            folder: created when missing; each file is replaced whole.

        Returns:
            The paths written, by file name.
        """
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in sorted(self.calendars.items()):
            path = target / name
            write_atomically(path, text)
            written.append(path)
        return written


def plan(
    scheme: Scheme,
    *,
    from_date: str | None = None,
    weeks: int = 13,
    seconds: float = 10.0,
    new_carer_cost: float = 20.0,
    keep_bonus: float = 10.0,
    preferred_date_bonus: float = 10.0,
    allow_flow: bool = True,
) -> CalendarPlan:
    """Plan a scheme's short breaks and day support.

    Args:
        scheme: a validated scheme; people without a calendar request are left out.
        from_date: the first day to plan, "YYYY-MM-DD"; default the scheme's as_of date.
        weeks: weeks to plan, 1 to 104.
        seconds: time limit; a plan stopped early reports its proven gap.
        new_carer_cost: score points each carer costs a person who prefers one carer.
        keep_bonus: score points for keeping a stay with its confirmed household.
        preferred_date_bonus: score points for an allowance stay on a preferred date.
        allow_flow: plan night by night with the flow solvers where the structure allows.

    Returns:
        The plan as DataFrames, with its iCalendar files.

    Raises:
        SlmatchError: for a horizon or date out of range.
    """
    text, calendars = _calendar.plan(
        scheme,
        from_date or "",
        weeks,
        seconds,
        new_carer_cost,
        keep_bonus,
        preferred_date_bonus,
        allow_flow,
    )
    document = json.loads(text)
    units = pd.DataFrame(
        [
            {
                "person": u["person"],
                "kind": u["kind"],
                "request": u["request"],
                "request_index": u["request_index"],
                "start": pd.Timestamp(u["start"]),
                "nights": u.get("nights"),
                "part": u.get("part"),
                "preferred": u["preferred"],
                "household": u["household"],
                "covered": u["household"] is not None,
                "reasons": u["reasons"],
            }
            for u in document["units"]
        ],
        columns=[
            "person",
            "kind",
            "request",
            "request_index",
            "start",
            "nights",
            "part",
            "preferred",
            "household",
            "covered",
            "reasons",
        ],
    )
    people = pd.DataFrame(
        document["people"],
        columns=[
            "person",
            "nights_requested",
            "nights_covered",
            "slots_requested",
            "slots_covered",
            "carers",
            "sentences",
        ],
    )
    return CalendarPlan(
        units=units,
        people=people,
        proven_optimal=bool(document["proven_optimal"]),
        gap=float(document["gap"]),
        method=str(document["method"]),
        document=document,
        calendars=dict(calendars),
    )
