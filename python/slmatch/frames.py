"""Schemes to and from pandas DataFrames.

One row per person, one row per household, one row per resident (with a ``household``
column naming where they live). Columns are the scheme file's field names
(docs/scheme-format.md); ``location`` may be given as ``lat`` and ``lon`` columns, and
list fields as Python lists or as text separated by ``;`` (as they come from CSV).
Missing cells (None, NaN) mean the field is absent. Everything is validated by the same
C++ loader as a scheme file, so errors name the record and field.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd

from slmatch._core import Scheme

_PERSON_LISTS = {
    "needs",
    "access_needs",
    "specialist_needs",
    "must_not",
    "risk_flags",
    "declined_households",
    "conflicts_with",
    "interests",
    "languages",
    "cultures",
    "diets",
    "known_households",
    "consent",
}
_HOUSEHOLD_LISTS = {
    "approved_needs",
    "skills",
    "arrangements",
    "features",
    "children_ages",
    "interests",
    "languages",
    "faiths",
    "cultures",
    "diets",
    "experienced_with",
    "will_not_support",
    "declined_people",
}
_RESIDENT_LISTS = {"needs", "interests", "conflicts_with"}
_INTEGER_LISTS = {"children_ages"}


def _plain(value: Any) -> Any:
    """numpy scalars and arrays as plain Python values, for JSON."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return bool(value is pd.NA or value is pd.NaT)


def _records(frame: pd.DataFrame, list_fields: set[str]) -> list[dict[str, Any]]:
    records = []
    for row in frame.to_dict(orient="records"):
        record: dict[str, Any] = {}
        for key, raw in row.items():
            value = _plain(raw)
            if _missing(value):
                continue
            if key in list_fields and isinstance(value, str):
                items = [part.strip() for part in value.split(";") if part.strip()]
                value = [int(v) for v in items] if key in _INTEGER_LISTS else items
            record[str(key)] = value
        if "lat" in record or "lon" in record:
            record["location"] = {"lat": record.pop("lat", None), "lon": record.pop("lon", None)}
        records.append(record)
    return records


def scheme_from_frames(
    people: pd.DataFrame,
    households: pd.DataFrame,
    residents: pd.DataFrame | None = None,
    policy: dict[str, Any] | None = None,
    scheme_id: str = "scheme",
    name: str = "",
    groups: pd.DataFrame | None = None,
) -> Scheme:
    """Build and validate a scheme from DataFrames.

    Args:
        people: one row per person; columns are person fields.
        households: one row per household; columns are household fields (without
            ``residents``).
        residents: optional, one row per resident with a ``household`` column.
        policy: the scheme's policy as a dict (at least ``as_of``).
        scheme_id: the scheme's id.
        name: the scheme's name.
        groups: optional, one row per group of people to be placed together: ``id``,
            ``kind``, ``members`` (a list of person ids, or a ``;``-separated string),
            ``together`` and ``share_bedroom``.

    Returns:
        The validated scheme.

    Raises:
        ValidationError: listing every problem with record and field.
    """
    household_records = _records(households, _HOUSEHOLD_LISTS)
    if residents is not None and len(residents):
        by_household: dict[str, list[dict[str, Any]]] = {}
        for record in _records(residents, _RESIDENT_LISTS):
            home = str(record.pop("household", ""))
            by_household.setdefault(home, []).append(record)
        known = {str(h.get("id")) for h in household_records}
        unknown = sorted(set(by_household) - known)
        if unknown:
            raise ValueError(f"residents name unknown household ids: {', '.join(unknown)}")
        for record in household_records:
            record["residents"] = by_household.get(str(record.get("id")), [])
    document = {
        "format": "slmatch-scheme",
        "version": 1,
        "id": scheme_id,
        "name": name,
        "policy": _plain(policy or {}),
        "people": _records(people, _PERSON_LISTS),
        "households": household_records,
    }
    if groups is not None and len(groups):
        document["groups"] = _records(groups, {"members"})
    return Scheme.from_json(json.dumps(document))


def scheme_to_frames(scheme: Scheme) -> dict[str, Any]:
    """A scheme as DataFrames, the inverse of :func:`scheme_from_frames`.

    Returns:
        ``{"people", "households", "residents", "groups"}`` DataFrames (``location`` split
        into ``lat`` and ``lon``) plus ``"policy"`` (a dict), ``"id"`` and ``"name"``.
    """
    document = json.loads(scheme.to_json())

    def flatten(record: dict[str, Any]) -> dict[str, Any]:
        out = dict(record)
        location = out.pop("location", None)
        if location is not None:
            out["lat"], out["lon"] = location["lat"], location["lon"]
        return out

    people = pd.DataFrame([flatten(p) for p in document["people"]])
    resident_rows = []
    household_rows = []
    for household in document["households"]:
        for resident in household.get("residents", []):
            resident_rows.append({"household": household["id"], **resident})
        household_rows.append(flatten({k: v for k, v in household.items() if k != "residents"}))
    return {
        "id": document["id"],
        "name": document.get("name", ""),
        "policy": document["policy"],
        "people": people,
        "households": pd.DataFrame(household_rows),
        "residents": pd.DataFrame(resident_rows),
        "groups": pd.DataFrame(document.get("groups", [])),
    }
