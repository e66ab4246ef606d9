"""The calendar planner through Python and the CLI, on the bundled example.

Checks that every stay and slot asked for appears once with a household or a reason, that
households' beds are never overbooked, that the CLI's JSON equals the Python document, and
that every iCalendar file parses with the ``icalendar`` package and holds exactly the plan's
events for that person or household. Re-planning after a change (a carer away one weekend,
a person who now needs wheelchair access) keeps every other booking, and its changes name
exactly the stays that moved, the same through Python and through the CLI's ``--earlier``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

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


def run_cli(*arguments: str) -> str:
    cli = Path(sys.executable).parent / "slmatch"
    out = subprocess.run(
        [str(cli), "calendar", *arguments], check=True, capture_output=True, text=True
    )
    return out.stdout


def unit_key(row: Any) -> tuple[str, str, str]:
    """A stay or slot of a units or changes row: (person, start, nights or part)."""
    size = str(int(row.nights)) if row.kind == "stay" else str(row.part)
    return (row.person, row.start.date().isoformat(), size)


def booked(plan: calendar.CalendarPlan) -> dict[tuple[str, str, str], str]:
    """Household of each covered stay or slot."""
    return {unit_key(r): str(r.household) for r in plan.units[plan.units["covered"]].itertuples()}


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory, plan: calendar.CalendarPlan) -> Path:
    """The example after two changes: P22's carer (H32) is away the weekend of P22's second
    stay, and P24 now needs wheelchair access, which P24's carer (H25) does not have."""
    assert booked(plan)[("P22", "2026-12-11", "2")] == "H32"
    assert {h for (p, _, _), h in booked(plan).items() if p == "P24"} == {"H25"}
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for household in document["households"]:
        if household["id"] == "H32":
            household["calendar"]["away"] = [{"from": "2026-12-11", "to": "2026-12-13"}]
    for person in document["people"]:
        if person["id"] == "P24":
            person["access_needs"] = ["wheelchair_access"]
    path = tmp_path_factory.mktemp("replan") / "changed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


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


def test_replanning_keeps_what_still_works_and_lists_who_is_affected(
    plan: calendar.CalendarPlan, changed: Path
) -> None:
    assert plan.changes.empty
    assert list(plan.changes.columns) == calendar.CHANGE_COLUMNS
    assert plan.household_changes.empty
    scheme = slmatch.load_scheme(str(changed))
    again = calendar.plan(scheme, weeks=13, earlier=plan)
    before, after = booked(plan), booked(again)
    touched = {("P22", "2026-12-11", "2")} | {key for key in before if key[0] == "P24"}
    for key, household in before.items():
        if key not in touched:
            assert after.get(key) == household, f"{key} should keep {household}"
    changes = again.changes
    assert list(changes.columns) == calendar.CHANGE_COLUMNS
    assert list(changes["person"]) == sorted(changes["person"]), "by person, then date"
    assert {unit_key(r) for r in changes.itertuples()} == touched
    for r in changes.itertuples():
        key = unit_key(r)
        assert r.from_household == before[key]
        if r.change == "moved":
            assert r.to_household == after[key] != r.from_household
            assert r.sentence.endswith(f"moves from {r.from_household} to {r.to_household}")
        else:
            assert r.change == "no_longer_covered"
            assert key not in after and pd.isna(r.to_household)
    p22 = changes[changes["person"] == "P22"].iloc[0]
    assert p22.sentence.startswith("P22's stay from Friday 11 December 2026 (2 nights) ")
    losses = again.household_changes.set_index("household")["losses"]
    assert losses["H32"] == 1
    assert losses["H25"] == len([k for k in touched if k[0] == "P24"])

    # The same plan from the document, from its file and through the CLI.
    assert calendar.plan(scheme, weeks=13, earlier=plan.document).document == again.document
    previous = changed.parent / "plan.json"
    previous.write_text(json.dumps(plan.document), encoding="utf-8")
    assert calendar.plan(scheme, weeks=13, earlier=previous).document == again.document
    cli = run_cli(str(changed), "--weeks", "13", "--format", "json", "--earlier", str(previous))
    assert json.loads(cli) == again.document
    table = run_cli(str(changed), "--weeks", "13", "--earlier", str(previous))
    section = table.split("\nChanges from the earlier plan\n", 1)[1]
    for sentence in changes["sentence"]:
        assert f"  {sentence}\n" in section


def test_output_without_an_earlier_plan_has_no_changes(plan: calendar.CalendarPlan) -> None:
    assert "changes" not in plan.document
    table = run_cli(str(EXAMPLE), "--weeks", "13")
    assert "Changes from the earlier plan" not in table
    again = calendar.plan(slmatch.load_scheme(str(EXAMPLE)), weeks=13, earlier=plan)
    assert again.document["changes"] == {"units": [], "households": []}
    # The same plan, worth more by the bonus for keeping every booking.
    assert again.document["value"] > plan.document["value"]
    unchanged = {k: v for k, v in again.document.items() if k not in ("changes", "value")}
    assert unchanged == {k: v for k, v in plan.document.items() if k != "value"}


def test_a_bad_earlier_plan_names_the_unit_and_field(
    scheme: slmatch.Scheme, plan: calendar.CalendarPlan, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(plan.document))
    document["units"][2]["start"] = "2027-02-30"
    with pytest.raises(slmatch.ValidationError, match=r"units\[2\]\.start: not a valid date"):
        calendar.plan(scheme, weeks=13, earlier=document)
    with pytest.raises(TypeError, match="earlier must be"):
        calendar.plan(scheme, weeks=13, earlier=42)  # type: ignore[arg-type]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    cli = Path(sys.executable).parent / "slmatch"
    out = subprocess.run(
        [str(cli), "calendar", str(EXAMPLE), "--earlier", str(bad)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "is not a calendar plan slmatch can read" in out.stderr
    assert "earlier plan, field units[2].start: not a valid date" in out.stderr
