"""Where a simulation starts, and who joins it: a scheme's own state, or the default scheme.

In: a scheme (a :class:`slmatch.Scheme`, a scheme file's path, its JSON text or the parsed
document), read only through :func:`slmatch.analysis_view`; or, without one, the default
synthetic scheme of :func:`slmatch.synthetic_scheme`. Out: a :class:`StartingState`: one
scheme-file document holding every person and household the simulation can match (so that
the engine scores every pair once), which of them wait and are approved on day 0, since
when each waits, and the places already held on day 0.

- Day 0 is the scheme's ``as_of`` date. The people in the scheme are its waiting list, each
  waiting since their ``waiting_since``; its households are approved on day 0.
- A household's residents hold a place each on day 0 (*occupants*); the simulation ends
  their arrangements at random. The pairs are scored with the residents left out (as if the
  places were free, with a free bedroom each), because they leave over the run and scores
  do not change as households fill; a person's conflict with a resident is not read.
- The people referred later resemble the scheme's own: each is a copy of one of its people
  drawn at random, with a new id, living 2 km (standard deviation) from them with their
  anchors moved alike, and without what names other records (declined households, known
  households, conflicts) or their own account. Households approved later are copies of its
  active households alike, with no residents (a free bedroom each instead), approved for
  10 years and without the people they declined. Only what the analysis view keeps is
  copied, so nobody's data is read without consent for analysis; people who registered a
  national data opt-out are left out of the waiting list and are never copied. A scheme
  with no people (or no active household) draws its newcomers from the synthetic scheme.
- The default scheme: ``initial_waiting`` synthetic people waiting for up to
  ``initial_wait_months`` (uniformly) and ``initial_households`` households whose residents
  and a share ``initial_occupancy`` of their other places are held on day 0; the synthetic
  scheme's residents of households approved later are left out.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Union

import numpy as np
import numpy.typing as npt

from slmatch._core import Scheme
from slmatch.matching import analysis_view
from slmatch.synthetic import synthetic_scheme

__all__ = ["SchemeSource", "StartingState", "load_scheme_source"]

SchemeSource = Union[Scheme, str, "os.PathLike[str]", Mapping[str, Any]]
"""A scheme: the object, a scheme file's path, its JSON text or the parsed document."""

DAYS_PER_MONTH = 365.25 / 12
KM_PER_DEGREE = 6371.0088 * math.pi / 180.0
JITTER_KM = 2.0
"""How far (standard deviation, km) a person or household drawn to resemble one of the
scheme's lives from them."""
APPROVAL_YEARS = 10
"""How long a household drawn to resemble one of the scheme's is approved for."""


@dataclass(frozen=True)
class StartingState:
    """Everyone a simulation can match and the state of day 0."""

    document: dict[str, Any]
    """The scheme-file document of every person and household of the run, without
    residents; people and households on day 0 first."""
    waiting: int
    """The first ``waiting`` people wait on day 0."""
    waiting_since_day: npt.NDArray[np.float64]
    """Per person waiting on day 0: the day they joined the waiting list (<= 0)."""
    households: int
    """The first ``households`` households are approved on day 0."""
    occupant_household: npt.NDArray[np.int64]
    """Per place held on day 0: its household."""
    occupant_arrangement: list[str]
    """Per place held on day 0: the arrangement type holding it."""


def load_scheme_source(source: SchemeSource) -> Scheme:
    """The validated scheme of ``source``: a Scheme, a path, JSON text or a parsed document.

    Args:
        source: the scheme itself, a scheme file's path (str or os.PathLike), its JSON text
            (a string starting with ``{``) or the document as loaded by :func:`json.load`.

    Returns:
        The validated scheme.

    Raises:
        ValidationError: when the scheme is not valid, listing every problem.
        TypeError: when ``source`` is none of these.
    """
    if isinstance(source, Scheme):
        return source
    if isinstance(source, Mapping):
        return Scheme.from_json(json.dumps(source))
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return Scheme.from_json(source)
    if isinstance(source, (str, os.PathLike)):
        return Scheme.load(os.fspath(source))
    raise TypeError(
        f"scheme: expected a Scheme, a path, JSON text or a document, not {type(source).__name__}"
    )


def _as_of(document: Mapping[str, Any]) -> datetime.date:
    return datetime.date.fromisoformat(str(document["policy"]["as_of"]))


def _move(place: dict[str, Any], north_km: float, east_km: float) -> None:
    """Move a ``{"lat", "lon"}`` place in place by so many km."""
    lat = float(place["lat"])
    place["lat"] = min(90.0, max(-90.0, lat + north_km / KM_PER_DEGREE))
    across = KM_PER_DEGREE * max(0.01, math.cos(math.radians(lat)))
    place["lon"] = (float(place["lon"]) + east_km / across + 180.0) % 360.0 - 180.0


def _fresh_id(prefix: str, number: int, taken: set[str]) -> str:
    name = f"{prefix}{number:06d}"
    while name in taken:
        name += "x"
    taken.add(name)
    return name


def _resembling_person(
    template: Mapping[str, Any], person_id: str, as_of: str, generator: np.random.Generator
) -> dict[str, Any]:
    person = copy.deepcopy(dict(template))
    person["id"] = person_id
    person["waiting_since"] = as_of
    for field in ("name", "notes", "declined_households", "known_households", "conflicts_with"):
        person.pop(field, None)
    person.pop("about_me", None)
    person.pop("calendar", None)
    north, east = generator.normal(0.0, JITTER_KM, size=2)
    _move(person["location"], north, east)
    for anchor in person.get("anchors") or []:
        _move(anchor, north, east)
    return person


def _resembling_household(
    template: Mapping[str, Any], household_id: str, expires: str, generator: np.random.Generator
) -> dict[str, Any]:
    home = copy.deepcopy(dict(template))
    home["id"] = household_id
    home.pop("name", None)
    home.pop("declined_people", None)
    home.pop("calendar", None)
    home["free_bedrooms"] = int(home["free_bedrooms"]) + len(home.pop("residents", None) or [])
    home["active"] = True
    home["approval_expires"] = expires
    north, east = generator.normal(0.0, JITTER_KM, size=2)
    _move(home["location"], north, east)
    return home


def empty_homes(document: dict[str, Any]) -> list[int]:
    """Take the residents out of each household (a free bedroom each instead), and the
    people's conflicts with them; the residents' counts."""
    counts = []
    for home in document["households"]:
        residents = home.pop("residents", None) or []
        counts.append(len(residents))
        home["free_bedrooms"] = int(home["free_bedrooms"]) + len(residents)
    for person in document["people"]:
        person.pop("conflicts_with", None)
    return counts


def _synthetic_document(people: int, households: int, seed: int) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(synthetic_scheme(people, households, seed=seed).to_json())
    return document


def scheme_start(
    scheme: Scheme,
    generator: np.random.Generator,
    new_people: int,
    new_households: int,
) -> StartingState:
    """The state of ``scheme`` on its as-of date, with ``new_people`` people and
    ``new_households`` households drawn to resemble its own (see the module docstring)."""
    document: dict[str, Any] = json.loads(analysis_view(scheme).to_json())
    as_of = _as_of(document)
    people: list[dict[str, Any]] = document["people"]
    households: list[dict[str, Any]] = document["households"]
    since = np.array(
        [(datetime.date.fromisoformat(person["waiting_since"]) - as_of).days for person in people],
        dtype=np.float64,
    )
    residents = empty_homes(document)
    occupant_household = np.repeat(np.arange(len(households), dtype=np.int64), residents)
    seed = int(generator.integers(0, 2**62))
    person_ids = {person["id"] for person in people}
    household_ids = {home["id"] for home in households}
    if people:
        picks = generator.integers(0, len(people), size=new_people)
        templates = [people[int(k)] for k in picks]
    else:
        templates = _synthetic_document(new_people, 0, seed)["people"]
    new = [
        _resembling_person(
            template, _fresh_id("R", k + 1, person_ids), as_of.isoformat(), generator
        )
        for k, template in enumerate(templates)
    ]
    active = [home for home in households if home["active"]]
    expires = as_of + datetime.timedelta(days=round(APPROVAL_YEARS * 365.25))
    if active:
        picks = generator.integers(0, len(active), size=new_households)
        home_templates = [active[int(k)] for k in picks]
    else:
        home_templates = _synthetic_document(0, new_households, seed + 1)["households"]
    new_homes = [
        _resembling_household(
            template, _fresh_id("A", k + 1, household_ids), expires.isoformat(), generator
        )
        for k, template in enumerate(home_templates)
    ]
    document["people"] = people + new
    document["households"] = households + new_homes
    return StartingState(
        document=document,
        waiting=len(people),
        waiting_since_day=since,
        households=len(households),
        occupant_household=occupant_household,
        occupant_arrangement=["long_term"] * int(occupant_household.size),
    )


def default_start(
    generator: np.random.Generator,
    *,
    initial_waiting: int,
    initial_households: int,
    initial_occupancy: float,
    initial_wait_months: float,
    new_people: int,
    new_households: int,
    radius_km: float,
    household_cap: int,
    travel_limit_km: float,
    group_share: float,
) -> StartingState:
    """The default synthetic scheme on day 0 and everyone who joins it (see the module
    docstring)."""
    scheme = synthetic_scheme(
        initial_waiting + new_people,
        initial_households + new_households,
        seed=int(generator.integers(0, 2**62)),
        radius_km=radius_km,
        household_cap=household_cap,
        travel_limit_km=travel_limit_km,
        group_share=group_share,
    )
    document: dict[str, Any] = json.loads(scheme.to_json())
    households: list[dict[str, Any]] = document["households"]
    residents = np.array(empty_homes(document), dtype=np.int64)
    residents[initial_households:] = 0
    places = np.minimum(
        np.array([home["places"] for home in households], dtype=np.int64), household_cap
    )
    others = np.maximum(places - residents, 0)
    held = residents + generator.binomial(others, initial_occupancy)
    held[initial_households:] = 0
    occupant_household = np.repeat(np.arange(len(households), dtype=np.int64), held)
    # A place held on day 0 is held by an arrangement of a type drawn from the people's mix.
    kinds = [str(person["arrangement"]) for person in document["people"]]
    if not kinds:
        kinds = ["long_term"]
    occupant_arrangement = [
        kinds[int(k)] for k in generator.integers(0, len(kinds), size=occupant_household.size)
    ]
    waited = generator.uniform(0.0, initial_wait_months * DAYS_PER_MONTH, size=initial_waiting)
    return StartingState(
        document=document,
        waiting=initial_waiting,
        waiting_since_day=-np.sort(waited)[::-1].copy(),
        households=initial_households,
        occupant_household=occupant_household,
        occupant_arrangement=occupant_arrangement,
    )
