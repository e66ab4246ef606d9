"""Stable matching between people and households: deferred acceptance and blocking pairs.

:func:`hospital_resident` takes plain dictionaries of ranked lists, as the ``matching``
package's ``HospitalResident.create_from_dictionaries`` does, and returns the same
stable plan as its ``solve()``: a dictionary from each household to the people placed
there, in the household's order of preference. The algorithm runs in C++ with the GIL
released, in time linear in the total length of the lists.

A pair counts only when both sides list each other: in Shared Lives every arrangement
is mutual, so a decline from either side removes the pair.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from slmatch import _core

__all__ = ["blocking_pairs", "hospital_resident"]

_SIDES = {
    "person": "people",
    "resident": "people",
    "household": "households",
    "hospital": "households",
}


class _Lists(NamedTuple):
    people: list[Hashable]
    households: list[Hashable]
    person_indptr: npt.NDArray[np.int64]
    person_indices: npt.NDArray[np.int64]
    household_indptr: npt.NDArray[np.int64]
    household_indices: npt.NDArray[np.int64]
    capacity: npt.NDArray[np.int64]


def _validation_error(problems: list[tuple[str, str, str]]) -> Exception:
    error = _core.ValidationError("\n".join(f"{r}, field {f}: {m}" for r, f, m in problems))
    error.problems = problems
    return error


def _named(lists: _Lists, call: Any, *arguments: Any) -> Any:
    """Run a core function, naming people and households in its errors by their keys."""
    try:
        return call(*arguments)
    except _core.ValidationError as error:
        names = {"person": lists.people, "household": lists.households}
        problems = []
        for record, field, message in error.problems:
            kind, _, number = record.partition(" ")
            if kind in names and number.isdigit() and int(number) < len(names[kind]):
                record = f"{kind} {names[kind][int(number)]}"
            problems.append((record, field, message))
        raise _validation_error(problems) from None


def _ranked(
    prefs: Mapping[Hashable, Sequence[Hashable]],
    index: Mapping[Hashable, int],
    owner: str,
    other: str,
    problems: list[tuple[str, str, str]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Ranked lists of names as CSR arrays of indices; unknown names are reported."""
    lengths = np.fromiter((len(row) for row in prefs.values()), dtype=np.int64, count=len(prefs))
    indptr = np.zeros(len(prefs) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    flat: list[int] = []
    for name, row in prefs.items():
        try:
            flat.extend([index[choice] for choice in row])
        except KeyError:
            for choice in row:
                if choice not in index:
                    problems.append(
                        (f"{owner} {name}", "preferences", f"unknown {other} {choice!r}")
                    )
            flat.extend([index.get(choice, -1) for choice in row])
    return indptr, np.array(flat, dtype=np.int64)


def _lists(
    person_prefs: Mapping[Hashable, Sequence[Hashable]],
    household_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
) -> _Lists:
    people, households = list(person_prefs), list(household_prefs)
    person_index = {name: i for i, name in enumerate(people)}
    household_index = {name: i for i, name in enumerate(households)}
    problems: list[tuple[str, str, str]] = []
    capacity = np.zeros(len(households), dtype=np.int64)
    for i, name in enumerate(households):
        places = capacities.get(name)
        if places is None:
            problems.append((f"household {name}", "capacity", "missing"))
        elif not isinstance(places, (int, np.integer)) or isinstance(places, bool) or places < 0:
            problems.append(
                (f"household {name}", "capacity", f"must be an int >= 0 (is {places!r})")
            )
        else:
            capacity[i] = int(places)
    for name in capacities:
        if name not in household_index:
            problems.append((f"household {name}", "capacity", "has no preferences"))
    person_indptr, person_indices = _ranked(
        person_prefs, household_index, "person", "household", problems
    )
    household_indptr, household_indices = _ranked(
        household_prefs, person_index, "household", "person", problems
    )
    if problems:
        raise _validation_error(problems)
    return _Lists(
        people,
        households,
        person_indptr,
        person_indices,
        household_indptr,
        household_indices,
        capacity,
    )


def hospital_resident(
    person_prefs: Mapping[Hashable, Sequence[Hashable]],
    household_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    optimal: str = "person",
) -> dict[Hashable, list[Hashable]]:
    """The stable plan that is best for people (or for households), by deferred acceptance.

    Parameters
    ----------
    person_prefs : dict
        Each person's acceptable households, most preferred first.
    household_prefs : dict
        Each household's acceptable people, most preferred first.
    capacities : dict
        Each household's free places (``>= 0``).
    optimal : {"person", "household"}
        Who proposes, and so which side the plan is best for: ``"person"`` (default) gives
        every person the best household they have in any stable plan; ``"household"`` the
        reverse. ``"resident"`` and ``"hospital"`` are accepted as in ``matching``.

    Returns
    -------
    dict
        Every household mapped to the people placed there, in the household's order of
        preference; people not in any list are unmatched.

    Raises
    ------
    slmatch.ValidationError
        Naming the person or household and the field: an unknown name in a list, a name
        listed twice, a missing or negative capacity.

    Examples
    --------
    >>> from slmatch.stable import hospital_resident
    >>> hospital_resident(
    ...     {"ana": ["oak", "elm"], "ben": ["oak"], "cy": ["elm", "oak"]},
    ...     {"oak": ["ben", "ana", "cy"], "elm": ["ana", "cy"]},
    ...     {"oak": 1, "elm": 1},
    ... )
    {'oak': ['ben'], 'elm': ['ana']}
    """
    if optimal not in _SIDES:
        raise _validation_error(
            [("options", "optimal", f"must be 'person' or 'household' (is {optimal!r})")]
        )
    lists = _lists(person_prefs, household_prefs, capacities)
    _, members_indptr, members = _named(
        lists,
        _core._stable_plan,
        lists.person_indptr,
        lists.person_indices,
        lists.household_indptr,
        lists.household_indices,
        lists.capacity,
        _SIDES[optimal],
    )
    people = lists.people
    bounds = members_indptr.tolist()
    who = members.tolist()
    return {
        household: [people[p] for p in who[bounds[h] : bounds[h + 1]]]
        for h, household in enumerate(lists.households)
    }


def blocking_pairs(
    person_prefs: Mapping[Hashable, Sequence[Hashable]],
    household_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    plan: Mapping[Hashable, Sequence[Hashable]],
) -> list[tuple[Hashable, Hashable]]:
    """Every (person, household) pair that would rather be together than keep ``plan``.

    A pair blocks when both list each other, the person is unmatched or prefers this
    household to their own, and the household has a spare place or prefers the person to
    someone it has. Works on any plan, e.g. an optimal or fair one, to show how stable it
    is.

    Parameters
    ----------
    person_prefs, household_prefs, capacities
        As for :func:`hospital_resident`.
    plan : dict
        Households mapped to the people placed there (households left out have nobody).

    Returns
    -------
    list of (person, household)
        Ordered by person (in ``person_prefs`` order), then by the person's preference.

    Raises
    ------
    slmatch.ValidationError
        For the problems :func:`hospital_resident` reports, an unknown name in the plan, a
        person placed twice, or a household given more people than its places.
    """
    lists = _lists(person_prefs, household_prefs, capacities)
    person_index = {name: i for i, name in enumerate(lists.people)}
    household_index = {name: i for i, name in enumerate(lists.households)}
    household_of = np.full(len(lists.people), -1, dtype=np.int64)
    problems: list[tuple[str, str, str]] = []
    for household, members in plan.items():
        if household not in household_index:
            problems.append((f"household {household}", "plan", "unknown household"))
            continue
        for person in members:
            p = person_index.get(person)
            if p is None:
                problems.append((f"household {household}", "plan", f"unknown person {person!r}"))
            elif household_of[p] >= 0:
                problems.append((f"person {person}", "plan", "placed in two households"))
            else:
                household_of[p] = household_index[household]
    if problems:
        raise _validation_error(problems)
    people, households = _named(
        lists,
        _core._blocking_pairs,
        lists.person_indptr,
        lists.person_indices,
        lists.household_indptr,
        lists.household_indices,
        lists.capacity,
        household_of,
    )
    return [
        (lists.people[p], lists.households[h]) for p, h in zip(people.tolist(), households.tolist())
    ]
