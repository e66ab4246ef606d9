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

After a change (a carer cancels a weekend, a person's needs change), plan again from the
earlier plan: each of its stays and slots keeps its household unless moving it gains more
than ``keep_bonus``, and ``changes`` lists who is affected::

    again = calendar.plan(changed_scheme, weeks=13, earlier=plan)
    again.changes            # one row per stay or slot that moved, was dropped or was added
    again.household_changes  # one row per household: stays and slots gained and lost

Every plan is a proposal for people to discuss; nothing is booked until everyone agrees.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import pandas as pd

from slmatch._core import Scheme
from slmatch._core import calendar as _calendar
from slmatch.pages.files import write_atomically

__all__ = ["CalendarPlan", "plan"]

CHANGE_COLUMNS = [
    "person",
    "kind",
    "start",
    "nights",
    "part",
    "change",
    "from_household",
    "to_household",
    "sentence",
]
HOUSEHOLD_CHANGE_COLUMNS = ["household", "gains", "losses", "sentences"]


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
        changes: when planned from an earlier plan, one row per stay or slot whose household
            changed, by person then date: person, kind, start, nights (stays), part (slots),
            change ("moved", "no_longer_covered" or "newly_covered"), from_household and
            to_household (missing when not covered), sentence. Empty without an earlier plan.
        household_changes: when planned from an earlier plan, one row per household that
            gains or loses a stay or slot: household, gains, losses, sentences.
    """

    units: pd.DataFrame
    people: pd.DataFrame
    proven_optimal: bool
    gap: float
    method: str
    document: dict[str, Any] = field(repr=False)
    calendars: dict[str, str] = field(repr=False)
    changes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS), repr=False
    )
    household_changes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=HOUSEHOLD_CHANGE_COLUMNS), repr=False
    )

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


EarlierPlan = Union[CalendarPlan, Mapping[str, Any], str, os.PathLike[str]]


def _earlier_text(earlier: EarlierPlan) -> str:
    """The JSON text of an earlier plan given as a plan, a document or a file's path."""
    if isinstance(earlier, CalendarPlan):
        return json.dumps(earlier.document)
    if isinstance(earlier, Mapping):
        return json.dumps(earlier)
    if isinstance(earlier, (str, os.PathLike)):
        return Path(earlier).read_text(encoding="utf-8")
    raise TypeError(
        "earlier must be a CalendarPlan, a plan document (dict) or the path of a plan's JSON file"
    )


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
    earlier: EarlierPlan | None = None,
) -> CalendarPlan:
    """Plan a scheme's short breaks and day support.

    Args:
        scheme: a validated scheme; people without a calendar request are left out.
        from_date: the first day to plan, "YYYY-MM-DD"; default the scheme's as_of date.
        weeks: weeks to plan, 1 to 104.
        seconds: time limit; a plan stopped early reports its proven gap.
        new_carer_cost: score points each carer costs a person who prefers one carer.
        keep_bonus: score points for keeping a stay or slot with its confirmed or earlier
            household.
        preferred_date_bonus: score points for an allowance stay on a preferred date.
        allow_flow: plan night by night with the flow solvers where the structure allows.
        earlier: an earlier plan to re-plan from: a CalendarPlan, its document (the dict of
            ``slmatch calendar --format json``) or the path of that JSON file. Its stays and
            slots keep their households unless moving them pays, and the plan's ``changes``
            say what moves for whom. People and households the scheme no longer has are no
            error: their stays show as no longer covered or moved.

    Returns:
        The plan as DataFrames, with its iCalendar files.

    Raises:
        SlmatchError: for a horizon or date out of range.
        ValidationError: for an earlier plan that is not a calendar plan's document, naming
            each wrong field ("units[3].start").
        OSError: when the earlier plan's file cannot be read.
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
        None if earlier is None else _earlier_text(earlier),
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
    changed = document.get("changes", {"units": [], "households": []})
    changes = pd.DataFrame(
        [
            {
                **{key: c.get(key) for key in CHANGE_COLUMNS},
                "start": pd.Timestamp(c["start"]),
            }
            for c in changed["units"]
        ],
        columns=CHANGE_COLUMNS,
    )
    household_changes = pd.DataFrame(changed["households"], columns=HOUSEHOLD_CHANGE_COLUMNS)
    return CalendarPlan(
        units=units,
        people=people,
        proven_optimal=bool(document["proven_optimal"]),
        gap=float(document["gap"]),
        method=str(document["method"]),
        document=document,
        calendars=dict(calendars),
        changes=changes,
        household_changes=household_changes,
    )
