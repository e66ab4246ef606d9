"""The calendar planner through Python and the CLI, on the bundled example.

Checks that every stay and slot asked for appears once with a household or a reason, that
households' beds are never overbooked, that the CLI's JSON equals the Python document, and
that every iCalendar file parses with the ``icalendar`` package and holds exactly the plan's
events for that person or household.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import icalendar
import pandas as pd
import pytest
import slmatch
from slmatch import calendar

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "riverside.json"


@pytest.fixture(scope="module")
def scheme() -> slmatch.Scheme:
    return slmatch.load_scheme(str(EXAMPLE))


@pytest.fixture(scope="module")
def plan(scheme: slmatch.Scheme) -> calendar.CalendarPlan:
    return calendar.plan(scheme, weeks=13)


def test_every_request_is_planned_or_explained(plan: calendar.CalendarPlan) -> None:
    assert plan.proven_optimal
    assert plan.gap == 0
    assert len(plan.units) > 0
    assert plan.units["covered"].any()
    assert (~plan.units["covered"]).any(), "the example should show stays no one can take"
    for row in plan.units.itertuples():
        assert row.reasons, f"{row.person} {row.start} has no sentence"
        if row.covered:
            assert row.reasons[0].startswith(row.household)
        else:
            assert pd.isna(row.household)


def test_summaries_add_up(plan: calendar.CalendarPlan) -> None:
    for row in plan.people.itertuples():
        mine = plan.units[plan.units["person"] == row.person]
        stays = mine[(mine["kind"] == "stay") & mine["covered"]]
        assert row.nights_covered == int(stays["nights"].sum())
        slots = mine[mine["kind"] == "day_slot"]
        assert row.slots_requested == len(slots)
        assert row.slots_covered == int(slots["covered"].sum())
        assert row.carers == sorted(set(mine.loc[mine["covered"], "household"]))


def test_beds_and_places_are_never_overbooked(
    scheme: slmatch.Scheme, plan: calendar.CalendarPlan
) -> None:
    document = json.loads(scheme.to_json())
    beds = {
        h["id"]: h.get("calendar", {}).get("short_break_beds", 0) for h in document["households"]
    }
    places = {h["id"]: h.get("calendar", {}).get("day_places", 0) for h in document["households"]}
    nights: Counter[tuple[str, str]] = Counter()
    slots: Counter[tuple[str, str, str]] = Counter()
    for row in plan.units[plan.units["covered"]].itertuples():
        if row.kind == "stay":
            for n in range(int(row.nights)):
                day = (row.start + pd.Timedelta(days=n)).date().isoformat()
                nights[(row.household, day)] += 1
        else:
            slots[(row.household, row.start.date().isoformat(), row.part)] += 1
    for (household, _), used in nights.items():
        assert used <= beds[household]
    for (household, _, _), used in slots.items():
        assert used <= places[household]


def test_cli_json_is_the_python_document(plan: calendar.CalendarPlan, tmp_path: Path) -> None:
    cli = Path(sys.executable).parent / "slmatch"
    out = subprocess.run(
        [
            str(cli),
            "calendar",
            str(EXAMPLE),
            "--weeks",
            "13",
            "--format",
            "json",
            "--ics",
            str(tmp_path / "ics"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout) == plan.document
    again = subprocess.run(
        [str(cli), "calendar", str(EXAMPLE), "--weeks", "13", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert again.stdout == out.stdout, "the same scheme gives the same bytes"
    written = sorted(p.name for p in (tmp_path / "ics").iterdir())
    assert written == sorted(plan.calendars)


def test_calendars_parse_and_hold_the_plan(plan: calendar.CalendarPlan) -> None:
    covered = plan.units[plan.units["covered"]]
    assert plan.calendars
    for name, text in plan.calendars.items():
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        parsed = icalendar.Calendar.from_ical(text)
        events = list(parsed.walk("VEVENT"))
        kind, owner = name.removesuffix(".ics").split("-", 1)
        mine = covered[covered["person" if kind == "person" else "household"] == owner]
        assert len(events) == len(mine)
        for event in events:
            assert str(event["STATUS"]) == "TENTATIVE"
        starts = sorted(str(e.decoded("DTSTART"))[:10] for e in events)
        assert starts == sorted(mine["start"].dt.date.astype(str))
        stays = {
            str(e.decoded("DTSTART")): e.decoded("DTEND")
            for e in events
            if "T" not in e["DTSTART"].to_ical().decode()
        }
        for row in mine[mine["kind"] == "stay"].itertuples():
            start = row.start.date()
            assert (stays[str(start)] - start).days == row.nights


def test_bad_horizon_is_an_error(scheme: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.SlmatchError, match="horizon must be 1 to 104 weeks"):
        calendar.plan(scheme, weeks=0)
    with pytest.raises(slmatch.SlmatchError, match="is not a date"):
        calendar.plan(scheme, from_date="2027-02-30")
