"""A scheme's history as an event log: the format, a validating reader and a writer.

An event log records what happened in a scheme, one event a line, with dates and ids only
(no names, dates of birth or notes: nothing personal is needed). It is what
:func:`slmatch.simulation_calibration.calibrate` estimates the simulation's rates from and
what :func:`slmatch.simulation_replay.replay` plays a policy against.

JSON Lines: one object a line, e.g. ::

    {"date": "2025-01-01", "event": "log", "until": "2026-12-31"}
    {"date": "2025-01-06", "event": "referral", "person": "P17", "arrangement": "long_term"}
    {"date": "2025-02-03", "event": "introduction", "person": "P17", "household": "H02",
     "outcome": "started"}
    {"date": "2025-02-24", "event": "arrangement_start", "person": "P17", "household": "H02",
     "arrangement": "long_term"}
    {"date": "2026-03-01", "event": "arrangement_end", "person": "P17", "household": "H02",
     "reason": "ended"}
    {"date": "2025-04-11", "event": "carer_approved", "household": "H09", "places": 2}
    {"date": "2026-06-30", "event": "carer_left", "household": "H09"}

CSV: a header row then one event a row, with the columns of :data:`EVENT_COLUMNS` (cells a
kind does not use left empty). Lines may come in any order; they are sorted by date (ties
keep the file's order).

The kinds and their fields (:data:`EVENT_FIELDS`; ``date`` is ``YYYY-MM-DD``, ids are any
text up to 256 characters):

- ``log``: the period the log covers, from ``date`` to ``until``. Rates count only what
  happened in it; events dated before it say what was already there (households approved,
  people referred, arrangements running). Without it the log covers its first to its last
  event's date, unless the reader is told otherwise.
- ``referral``: ``person`` was referred, waiting for an ``arrangement`` type.
- ``introduction``: ``person`` was introduced to ``household``, ending ``outcome``
  ``started`` (an arrangement followed) or ``failed``; dated when introductions began.
- ``arrangement_start``: ``person`` started an ``arrangement`` with ``household``.
- ``arrangement_end``: it ended, for a ``reason``: ``ended`` (it came to its end),
  ``ended_early`` (it broke down) or ``carer_left`` (the household left).
- ``carer_approved``: ``household`` was approved, optionally with its ``places``.
- ``carer_left``: ``household`` left the scheme.

The reader checks every line and raises one :class:`slmatch.ValidationError` listing every
problem by line and field (``line 7, field date: "2025-13-01" is not a date (YYYY-MM-DD)``).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import pandas as pd

from slmatch import _core
from slmatch._errors import validation_error
from slmatch.simulation import (
    DAYS_PER_MONTH,
    SimulationParameters,
    _draw_world,
    _parse_policy,
    _Run,
)
from slmatch.simulation_start import SchemeSource, load_scheme_source

__all__ = [
    "END_REASONS",
    "EVENT_COLUMNS",
    "EVENT_FIELDS",
    "INTRODUCTION_OUTCOMES",
    "EventLog",
    "read_events",
    "simulated_event_log",
    "write_events",
]

EVENT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "log": ("until",),
    "referral": ("person", "arrangement"),
    "introduction": ("person", "household", "outcome"),
    "arrangement_start": ("person", "household", "arrangement"),
    "arrangement_end": ("person", "household", "reason"),
    "carer_approved": ("household",),
    "carer_left": ("household",),
}
"""Each kind of event and the fields it requires, besides ``date`` and ``event``."""
OPTIONAL_FIELDS: Mapping[str, tuple[str, ...]] = {"carer_approved": ("places",)}
"""Fields a kind of event may have."""
EVENT_COLUMNS: tuple[str, ...] = (
    "date",
    "event",
    "person",
    "household",
    "arrangement",
    "outcome",
    "reason",
    "places",
    "until",
)
"""The columns of a CSV log and of :attr:`EventLog.events`."""
INTRODUCTION_OUTCOMES: tuple[str, ...] = ("started", "failed")
"""How an introduction ended."""
END_REASONS: tuple[str, ...] = ("ended", "ended_early", "carer_left")
"""Why an arrangement ended."""
_MAX_PROBLEMS = 100
_MAX_TEXT = 256

EventSource = Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]]]


@dataclass(frozen=True)
class EventLog:
    """A validated event log: its events in date order and the period it covers."""

    events: pd.DataFrame
    """One row per event with :data:`EVENT_COLUMNS` (dates as ``datetime.date``, missing
    fields None), in date order (ties in the file's order), the ``log`` record left out."""
    start: datetime.date
    """The first day the log covers."""
    end: datetime.date
    """The last day the log covers."""

    @property
    def days(self) -> float:
        """The days the log covers."""
        return float((self.end - self.start).days)


def _date(text: Any) -> datetime.date | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _check_record(
    record: Mapping[str, Any], where: str, problems: list[tuple[str, str, str]]
) -> dict[str, Any] | None:
    """The record as a row of :data:`EVENT_COLUMNS`, or None after adding its problems."""
    found = len(problems)
    kind = record.get("event")
    if kind in (None, ""):
        problems.append((where, "event", "missing"))
        return None
    if kind not in EVENT_FIELDS:
        problems.append(
            (where, "event", f"unknown event {kind!r} (one of {', '.join(EVENT_FIELDS)})")
        )
        return None
    allowed = {"date", "event", *EVENT_FIELDS[kind], *OPTIONAL_FIELDS.get(kind, ())}
    for name in record:
        if name not in allowed and record[name] not in (None, ""):
            problems.append((where, str(name), f"not a field of a {kind} event"))
    day = _date(record.get("date"))
    if day is None:
        problems.append((where, "date", _not_a_date(record.get("date"))))
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    row["date"], row["event"] = day, kind
    for name in EVENT_FIELDS[kind]:
        value = record.get(name)
        if value in (None, ""):
            problems.append((where, name, "missing"))
            continue
        if not isinstance(value, str):
            problems.append((where, name, f"must be text (is {type(value).__name__})"))
            continue
        if len(value.encode("utf-8")) > _MAX_TEXT:
            problems.append((where, name, f"too long (at most {_MAX_TEXT} bytes)"))
            continue
        row[name] = value
    arrangements = _core.vocabularies["arrangement type"]
    checks = {
        "arrangement": arrangements,
        "outcome": INTRODUCTION_OUTCOMES,
        "reason": END_REASONS,
    }
    for name, names in checks.items():
        if row[name] is not None and row[name] not in names:
            problems.append(
                (where, name, f"unknown {name} {row[name]!r} (one of {', '.join(names)})")
            )
    if row["until"] is not None:
        until = _date(row["until"])
        if until is None:
            problems.append((where, "until", _not_a_date(row["until"])))
        elif day is not None and until < day:
            problems.append((where, "until", "before the log's date"))
        row["until"] = until
    places = record.get("places")
    if places not in (None, ""):
        count = _whole(places)
        if count is None or not 1 <= count <= 3:
            problems.append(
                (where, "places", f"must be a whole number from 1 to 3 (is {places!r})")
            )
        row["places"] = count
    return row if len(problems) == found else None


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _not_a_date(value: Any) -> str:
    if value in (None, ""):
        return "missing"
    return f"{str(value)[:40]!r} is not a date (YYYY-MM-DD)"


def _records(source: EventSource, format: str | None) -> list[tuple[str, Mapping[str, Any] | str]]:
    """Each record with where it comes from (``line N``); a line that is not a record is
    given as the problem text instead."""
    if not isinstance(source, (str, os.PathLike)):
        return [(f"record {k + 1}", dict(record)) for k, record in enumerate(source)]
    path = Path(source)
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith(("{", "date"))):
        text = source
        kind = format or ("jsonl" if source.lstrip().startswith("{") else "csv")
    else:
        text = path.read_text(encoding="utf-8")
        kind = format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    if kind not in ("jsonl", "csv"):
        raise ValueError(f"format must be 'jsonl' or 'csv' (is {kind!r})")
    found: list[tuple[str, Mapping[str, Any] | str]] = []
    if kind == "csv":
        reader = csv.DictReader(io.StringIO(text))
        unknown = [name for name in reader.fieldnames or [] if name not in EVENT_COLUMNS]
        if unknown:
            found.append(("line 1", f"unknown column {unknown[0]!r}"))
        for row in reader:
            found.append((f"line {reader.line_num}", {k: v for k, v in row.items() if k}))
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            found.append((f"line {number}", f"not JSON: {error.msg} at column {error.colno}"))
            continue
        if not isinstance(record, dict):
            found.append((f"line {number}", "not a JSON object"))
            continue
        found.append((f"line {number}", record))
    return found


def read_events(
    source: EventSource,
    *,
    format: str | None = None,
    start: datetime.date | str | None = None,
    end: datetime.date | str | None = None,
) -> EventLog:
    """Read and validate an event log.

    Args:
        source: a JSON Lines or CSV file's path (by its suffix: ``.csv`` is CSV, anything
            else JSON Lines), the text of one, or the events as an iterable of mappings.
        format: ``"jsonl"`` or ``"csv"``, when the suffix or text does not say.
        start: the first day of the period the log covers (a date or ``"YYYY-MM-DD"``),
            overriding its ``log`` record; default its first event's date.
        end: the last day of the period, likewise; default its last event's date.

    Returns:
        The events in date order and the period.

    Raises:
        ValidationError: listing every problem as ``(line, field, message)``.
    """
    problems: list[tuple[str, str, str]] = []
    rows: list[dict[str, Any]] = []
    for where, record in _records(source, format):
        if isinstance(record, str):
            problems.append((where, "line", record))
            continue
        row = _check_record(record, where, problems)
        if row is not None:
            rows.append(row)
        if len(problems) >= _MAX_PROBLEMS:
            break
    if problems:
        raise validation_error(problems[:_MAX_PROBLEMS])
    periods = [row for row in rows if row["event"] == "log"]
    if len(periods) > 1:
        raise validation_error([("log", "event", "more than one log record")])
    events = [row for row in rows if row["event"] != "log"]
    if not events:
        raise validation_error([("log", "event", "no events")])
    first = periods[0]["date"] if periods else min(row["date"] for row in events)
    last = periods[0]["until"] if periods else max(row["date"] for row in events)
    chosen_start = _date(start) if isinstance(start, str) else start
    chosen_end = _date(end) if isinstance(end, str) else end
    if isinstance(start, str) and chosen_start is None:
        raise validation_error([("log", "start", _not_a_date(start))])
    if isinstance(end, str) and chosen_end is None:
        raise validation_error([("log", "end", _not_a_date(end))])
    period_start = chosen_start or first
    period_end = chosen_end or last
    if period_end <= period_start:
        raise validation_error([("log", "until", "the log must cover at least one day")])
    events.sort(key=lambda row: row["date"])
    table = pd.DataFrame(events, columns=list(EVENT_COLUMNS)).drop(columns="until")
    table["places"] = table["places"].astype("Int64")
    return EventLog(events=table, start=period_start, end=period_end)


def write_events(log: EventLog, path: str | os.PathLike[str]) -> Path:
    """Write ``log`` as JSON Lines, or as CSV when ``path`` ends in ``.csv``.

    The ``log`` record comes first; each event then has only its own fields.

    Returns:
        Where it was written.
    """
    target = Path(path)
    records: list[dict[str, Any]] = [
        {"date": log.start.isoformat(), "event": "log", "until": log.end.isoformat()}
    ]
    rows: list[dict[Any, Any]] = log.events.to_dict("records")
    for fields in rows:
        kind = fields["event"]
        record: dict[str, Any] = {"date": fields["date"].isoformat(), "event": kind}
        for name in (*EVENT_FIELDS[kind], *OPTIONAL_FIELDS.get(kind, ())):
            value = fields.get(name)
            if value is not None and not pd.isna(value):
                record[name] = int(value) if name == "places" else value
        records.append(record)
    if target.suffix.lower() == ".csv":
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
    else:
        target.write_text(
            "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
        )
    return target


def simulated_event_log(
    parameters: SimulationParameters | None = None,
    policy: str = "weekly/optimal",
    *,
    seed: int = 0,
    scheme: SchemeSource | None = None,
) -> EventLog:
    """The history the simulation plays out under one policy, as an event log.

    The log covers day 0 (the scheme's as-of date) to the end of the run. What was there on
    day 0 is dated the day before: the households approved then, and the arrangements
    running then (their people named ``O1``, ``O2``... after the places they hold); the
    people waiting on day 0 are referred on the day they joined the waiting list. Days are
    whole (the simulation's times rounded down). A log of a known model, for checking
    :func:`slmatch.simulation_calibration.calibrate`, and a stand-in for a scheme's own.

    Args:
        parameters: the model; default ``SimulationParameters()``.
        policy: the policy that matches, ``"timing/solver"``.
        seed: the seed of every draw, as for :func:`slmatch.simulation.simulate`.
        scheme: start from this scheme (a Scheme, a path, JSON text or a document), as for
            :func:`slmatch.simulation.simulate`.

    Returns:
        The events of the run.
    """
    chosen = SimulationParameters() if parameters is None else parameters
    chosen.check()
    _parse_policy(policy)
    world = _draw_world(chosen, seed, None if scheme is None else load_scheme_source(scheme))
    run = _Run(world, chosen, policy)
    run.run()
    first_day = datetime.date.fromisoformat(json.loads(world.scheme.to_json())["policy"]["as_of"])
    horizon = chosen.months * DAYS_PER_MONTH
    before = first_day - datetime.timedelta(days=1)

    def on(day: float) -> datetime.date:
        return first_day + datetime.timedelta(days=math.floor(day))

    rows: list[dict[str, Any]] = []

    def add(date: datetime.date, event: str, **fields: Any) -> None:
        rows.append({**dict.fromkeys(EVENT_COLUMNS), "date": date, "event": event, **fields})

    for h in range(world.households):
        if world.approval_day[h] > horizon:
            continue
        places = int(world.capacity[h])
        add(
            before if world.approval_day[h] <= 0 else on(world.approval_day[h]),
            "carer_approved",
            household=world.household_ids[h],
            places=places if 1 <= places <= 3 else None,
        )
        if world.leaving_day[h] <= horizon:
            add(on(world.leaving_day[h]), "carer_left", household=world.household_ids[h])
    for p in range(world.people):
        if world.arrival_day[p] <= horizon:
            add(
                on(world.waiting_since_day[p]),
                "referral",
                person=world.person_ids[p],
                arrangement=world.arrangement[p],
            )
    for k, h in enumerate(world.occupant_household):
        home = world.household_ids[int(h)]
        person = f"O{k + 1}"
        add(before, "arrangement_start", person=person, household=home, arrangement="long_term")
        ends, leaves = float(world.occupant_end_day[k]), float(world.leaving_day[int(h)])
        if min(ends, leaves) <= horizon:
            reason = "ended" if ends < leaves else "carer_left"
            add(
                on(min(ends, leaves)),
                "arrangement_end",
                person=person,
                household=home,
                reason=reason,
            )
    reasons = {"ended": "ended", "carer left": "carer_left", "ended early": "ended_early"}
    for row in run.rows:
        if row["outcome"] not in INTRODUCTION_OUTCOMES:
            continue
        who = {"person": row["person"], "household": row["household"]}
        add(on(row["proposed_day"]), "introduction", outcome=row["outcome"], **who)
        if row["outcome"] != "started":
            continue
        add(on(row["started_day"]), "arrangement_start", arrangement=row["arrangement"], **who)
        if row["end_reason"] in reasons:
            add(on(row["ended_day"]), "arrangement_end", reason=reasons[row["end_reason"]], **who)
    rows.sort(key=lambda row: row["date"])
    table = pd.DataFrame(rows, columns=list(EVENT_COLUMNS)).drop(columns="until")
    table["places"] = table["places"].astype("Int64")
    return EventLog(events=table, start=first_day, end=on(horizon))
