"""Stable matching between people and households: deferred acceptance and blocking pairs.

:func:`hospital_resident` takes plain dictionaries of ranked lists, as the ``matching``
package's ``HospitalResident.create_from_dictionaries`` does, and returns the same
stable plan as its ``solve()``: a dictionary from each household to the people placed
there, in the household's order of preference. The algorithm runs in C++ with the GIL
released, in time linear in the total length of the lists.

A pair counts only when both sides list each other: in Shared Lives every arrangement
is mutual, so a decline from either side removes the pair.

People who must live together (a couple, siblings, friends: a required group) are placed
whole in one household or not at all: :func:`hospital_resident_with_groups` and
:func:`blocking_pairs_with_groups` take such groups, where a stable plan may not exist
(then, on small instances, they prove it). Groups whose members would only like to live
together are individuals here.

For a scheme, :func:`views` gives both sides' rankings of the feasible pairs (each person by
their own weighted score, each household by the carer's view: their preferences on needs,
age and gender, and what they would share with the person), :func:`stable_match` the
stable plan of those views (keeping the scheme's required groups whole), and
:class:`ProposalRounds` runs introductions round by round until both sides have said yes or
no, introducing each required group together. Before each introduction, :func:`introduction_pack`
(or :meth:`ProposalRounds.introduction_packs`) gives what the carer household is shown about
the person: the core they need to decide safely, and only the parts of the person's profile
consented for sharing with carers.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch import _core
from slmatch._errors import validation_error as _validation_error

__all__ = [
    "GroupBlocking",
    "HouseholdViewExplanation",
    "IntroductionPack",
    "ProposalRounds",
    "StableWithGroups",
    "blocking_pairs",
    "blocking_pairs_with_groups",
    "explain_household_view",
    "hospital_resident",
    "hospital_resident_with_groups",
    "introduction_pack",
    "stable_match",
    "views",
]

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
        _core.stable.stable_plan,
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
    household_of = _plan_indices(lists, plan)
    people, households = _named(
        lists,
        _core.stable.blocking_pairs,
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


def _plan_indices(
    lists: _Lists, plan: Mapping[Hashable, Sequence[Hashable]]
) -> npt.NDArray[np.int64]:
    """A plan of names as each person's household index (-1 for none)."""
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
    return household_of


_GroupsArgument = Union[Mapping[Hashable, Sequence[Hashable]], Sequence[Sequence[Hashable]]]


def _groups(lists: _Lists, groups: _GroupsArgument) -> tuple[list[Hashable], list[list[int]]]:
    """Groups of names as (their keys, their members' indices); a sequence is keyed 0, 1, ..."""
    named = dict(groups) if isinstance(groups, Mapping) else dict(enumerate(groups))
    person_index = {name: i for i, name in enumerate(lists.people)}
    problems: list[tuple[str, str, str]] = []
    members: list[list[int]] = []
    group_of: dict[Hashable, Hashable] = {}
    for key, people in named.items():
        record = f"group {key}"
        if isinstance(people, (str, bytes)):
            problems.append((record, "members", "must be a list of people"))
            people = []
        row = []
        for person in people:
            if person not in person_index:
                problems.append((record, "members", f"unknown person {person!r}"))
            elif group_of.get(person) == key:
                problems.append((record, "members", f"lists {person!r} twice"))
            elif person in group_of:
                problems.append(
                    (record, "members", f"{person!r} is also in group {group_of[person]}")
                )
            else:
                row.append(person_index[person])
                group_of[person] = key
        members.append(row)
    if problems:
        raise _validation_error(problems)
    return list(named), members


def _named_groups(lists: _Lists, keys: list[Hashable], call: Any, *arguments: Any) -> Any:
    """As :func:`_named`, also naming groups in errors by their keys."""
    try:
        return _named(lists, call, *arguments)
    except _core.ValidationError as error:
        problems = []
        for record, field, message in error.problems:
            kind, _, number = record.partition(" ")
            if kind == "group" and number.isdigit() and int(number) < len(keys):
                record = f"group {keys[int(number)]}"
            problems.append((record, field, message))
        raise _validation_error(problems) from None


class GroupBlocking(NamedTuple):
    """What blocks a plan when groups must stay whole."""

    pairs: list[tuple[Hashable, Hashable]]
    """(person, household) for people in no group, by person then the person's preference."""
    groups: list[tuple[Hashable, Hashable]]
    """(group, household), by group then the group's joint ranking."""


class StableWithGroups(NamedTuple):
    """A plan that keeps every group whole, and how stable it is."""

    plan: dict[Hashable, list[Hashable]]
    """Every household mapped to the people placed there, in the household's order."""
    stable: bool
    """Nothing blocks the plan."""
    proven_none: bool
    """The exhaustive search ran and found that no plan keeping the groups whole is stable."""
    method: str
    """What gave the plan: ``"deferred_acceptance"`` or ``"exhaustive_search"``."""
    blocking: GroupBlocking
    """What blocks the plan (empty when stable)."""
    rounds: int
    """Blocking pairs deferred acceptance satisfied after its first pass."""
    searched: bool
    """The exhaustive search ran."""


def _group_blocking(
    lists: _Lists, keys: list[Hashable], arrays: tuple[npt.NDArray[np.int64], ...]
) -> GroupBlocking:
    people, households, groups, group_households = (a.tolist() for a in arrays)
    return GroupBlocking(
        [(lists.people[p], lists.households[h]) for p, h in zip(people, households)],
        [(keys[g], lists.households[h]) for g, h in zip(groups, group_households)],
    )


def hospital_resident_with_groups(
    person_prefs: Mapping[Hashable, Sequence[Hashable]],
    household_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    groups: _GroupsArgument,
    optimal: str = "person",
    max_rounds: int = 1000,
    search_limit: int = 1_000_000,
) -> StableWithGroups:
    """A stable plan in which each group of people lives together or not at all.

    The hospitals/residents problem with couples who must go to the same hospital, with
    groups of any size. Each group proposes as one to the households every member lists and
    that list every member, in the group's joint ranking (by the sum of the members' ranks,
    then the worst of them, then the household's order); a household takes a group only if
    it can take all of them at once, making room by letting go of people it ranks below every
    member (another group leaving only whole). A group and a household block a plan when
    every member prefers the household to where the group is and the household could take
    all of them; a person in no group blocks as in :func:`blocking_pairs`, except that a
    household never splits a group to take them. Such a plan may not exist: deferred
    acceptance is then followed by repairs (at most ``max_rounds``), and on small instances
    (at most ``search_limit`` plans to try: the product over groups and people on their own
    of one plus their acceptable households) by a search over every plan keeping groups
    whole, which finds a stable plan or proves there is none. Deterministic.

    Parameters
    ----------
    person_prefs, household_prefs, capacities, optimal
        As for :func:`hospital_resident`; ``optimal`` says who proposes.
    groups : dict or list
        The groups who must live together: ``{name: [person, ...]}``, or a list of lists of
        people (named 0, 1, ...). A person is in one group at most.
    max_rounds : int
        Blocking pairs deferred acceptance may satisfy after its first pass (``>= 0``).
    search_limit : int
        Search exhaustively when there are at most this many plans to try; 0 never searches.

    Returns
    -------
    StableWithGroups
        The plan (as :func:`hospital_resident` gives it), ``stable``, ``proven_none``, the
        ``method`` that gave it, what ``blocking`` it, ``rounds`` and ``searched``.

    Raises
    ------
    slmatch.ValidationError
        For the problems :func:`hospital_resident` reports, and a group naming an unknown
        person, a person twice or a person in two groups.

    Examples
    --------
    >>> from slmatch.stable import hospital_resident_with_groups
    >>> found = hospital_resident_with_groups(
    ...     {"ann": ["oak", "elm"], "bea": ["elm", "oak"]},
    ...     {"elm": ["ann", "bea"], "oak": ["ann", "bea"]},
    ...     {"elm": 2, "oak": 1},
    ...     {"couple": ["ann", "bea"]},
    ... )
    >>> found.plan, found.stable
    ({'elm': ['ann', 'bea'], 'oak': []}, True)
    """
    if optimal not in _SIDES:
        raise _validation_error(
            [("options", "optimal", f"must be 'person' or 'household' (is {optimal!r})")]
        )
    if not isinstance(max_rounds, (int, np.integer)) or isinstance(max_rounds, bool):
        raise _validation_error([("options", "max_rounds", "must be an int >= 0")])
    if not isinstance(search_limit, (int, np.integer)) or search_limit < 0:
        raise _validation_error([("options", "search_limit", "must be an int >= 0")])
    lists = _lists(person_prefs, household_prefs, capacities)
    keys, members = _groups(lists, groups)
    (_, members_indptr, placed, stable, proven_none, method, rounds, searched, blocking) = (
        _named_groups(
            lists,
            keys,
            _core.stable.stable_plan_with_groups,
            lists.person_indptr,
            lists.person_indices,
            lists.household_indptr,
            lists.household_indices,
            lists.capacity,
            members,
            _SIDES[optimal],
            int(max_rounds),
            int(search_limit),
        )
    )
    bounds = members_indptr.tolist()
    who = placed.tolist()
    plan = {
        household: [lists.people[p] for p in who[bounds[h] : bounds[h + 1]]]
        for h, household in enumerate(lists.households)
    }
    return StableWithGroups(
        plan,
        bool(stable),
        bool(proven_none),
        str(method),
        _group_blocking(lists, keys, blocking),
        int(rounds),
        bool(searched),
    )


def blocking_pairs_with_groups(
    person_prefs: Mapping[Hashable, Sequence[Hashable]],
    household_prefs: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    groups: _GroupsArgument,
    plan: Mapping[Hashable, Sequence[Hashable]],
) -> GroupBlocking:
    """What blocks ``plan`` when each group must live together (see
    :func:`hospital_resident_with_groups` for the definition).

    Works on any plan; a plan that splits a group leaves the group with nowhere it may be,
    so the group counts as unplaced (and its members' places count as free in a household
    it would move into).

    Parameters
    ----------
    person_prefs, household_prefs, capacities, groups
        As for :func:`hospital_resident_with_groups`.
    plan : dict
        Households mapped to the people placed there (households left out have nobody).

    Returns
    -------
    GroupBlocking
        ``pairs``: (person, household) for people in no group; ``groups``: (group,
        household). Without groups, ``pairs`` is :func:`blocking_pairs`.

    Raises
    ------
    slmatch.ValidationError
        For the problems :func:`blocking_pairs` and :func:`hospital_resident_with_groups`
        report.
    """
    lists = _lists(person_prefs, household_prefs, capacities)
    keys, members = _groups(lists, groups)
    household_of = _plan_indices(lists, plan)
    arrays = _named_groups(
        lists,
        keys,
        _core.stable.blocking_pairs_with_groups,
        lists.person_indptr,
        lists.person_indices,
        lists.household_indptr,
        lists.household_indices,
        lists.capacity,
        members,
        household_of,
    )
    return _group_blocking(lists, keys, arrays)


_VIEW_COLUMNS = ["person", "household", "rank", "score"]


def _side_frame(
    owners: list[str],
    others: list[str],
    indptr: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    owner_column: str,
) -> pd.DataFrame:
    counts = np.diff(indptr)
    owner = np.repeat(np.arange(len(owners)), counts)
    rank = np.arange(len(indices)) - np.repeat(indptr[:-1], counts) + 1
    owner_ids = np.asarray(owners, dtype=object)[owner] if len(owners) else np.array([], object)
    other_ids = np.asarray(others, dtype=object)[indices] if len(others) else np.array([], object)
    other_column = "household" if owner_column == "person" else "person"
    frame = pd.DataFrame(
        {
            owner_column: pd.Series(owner_ids, dtype=object),
            other_column: pd.Series(other_ids, dtype=object),
            "rank": rank.astype(np.int64),
            "score": scores.astype(np.float64),
        }
    )
    return frame[_VIEW_COLUMNS]


def _views(
    scheme: _core.Scheme, household_weights: Mapping[str, float] | None, threads: int
) -> tuple[Any, ...]:
    weights = None if household_weights is None else dict(household_weights)
    return tuple(_core.stable.views(scheme, weights, threads))


def views(
    scheme: _core.Scheme,
    household_weights: Mapping[str, float] | None = None,
    threads: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both sides' rankings of a scheme's feasible pairs.

    Only pairs that pass every hard rule are ranked, so declines by either side are already
    left out. A person ranks households by the engine's score of the pair with the
    person's own weights; a household ranks people by the carer's view: the carer's
    preferences (needs they like supporting, age range, gender) with the interests,
    language, lifestyle, household mix and acquaintance they would share, scored 0-100
    by the same formula and consent rules as the person's side (data a person withheld
    is never read). Ties go to the lower id.

    Parameters
    ----------
    scheme : slmatch.Scheme
        A validated scheme.
    household_weights : dict, optional
        Weights of the household's view by factor name, over the defaults
        (``carer_preference`` 3, ``lifestyle`` 2.5, ``interests`` 2, ``household_mix`` 2,
        ``language`` 1.5, ``continuity`` 1). Other factors must stay 0.
    threads : int
        Scoring threads; the result is the same for any number.

    Returns
    -------
    (person_ranks, household_ranks) : tuple of DataFrame
        Each with columns ``person``, ``household``, ``rank`` (1 = first choice) and
        ``score`` (0-100); ``person_ranks`` is ordered by person (scheme order) then rank,
        ``household_ranks`` by household then rank.

    Raises
    ------
    slmatch.ValidationError
        For a weight on an unknown factor, a factor outside the household's view, or a
        negative weight, naming ``household_weights.<factor>``.
    """
    (
        person_indptr,
        person_households,
        person_scores,
        household_indptr,
        household_people,
        household_scores,
        _,
    ) = _views(scheme, household_weights, threads)
    people, households = scheme.person_ids, scheme.household_ids
    person_ranks = _side_frame(
        people, households, person_indptr, person_households, person_scores, "person"
    )
    household_ranks = _side_frame(
        households, people, household_indptr, household_people, household_scores, "household"
    )
    return person_ranks, household_ranks


class HouseholdViewExplanation(NamedTuple):
    """Why a household's view ranks a person where it does."""

    score: float
    """The household's score of the pair, 0-100."""
    factors: pd.DataFrame
    """``factor``, ``used``, ``raw``, ``weight``, ``points``, ``sentence``: used factors by
    points, then the rest (a factor left out for lack of consent says so)."""
    reasons: list[str]
    """One plain-English sentence per factor, in ``factors`` order."""
    summary: str
    """One sentence, naming people and households by id only."""


def explain_household_view(
    scheme: _core.Scheme,
    person: str,
    household: str,
    household_weights: Mapping[str, float] | None = None,
) -> HouseholdViewExplanation:
    """Explain a household's score of a person factor by factor (see :func:`views`).

    Raises
    ------
    slmatch.SlmatchError
        When the person or household id is unknown.
    slmatch.ValidationError
        For bad household weights.
    """
    weights = None if household_weights is None else dict(household_weights)
    score, factors, reasons, summary = _core.stable.explain_household_view(
        scheme, person, household, weights
    )
    frame = pd.DataFrame(factors, columns=["factor", "used", "raw", "weight", "points", "sentence"])
    return HouseholdViewExplanation(float(score), frame, list(reasons), str(summary))


def stable_match(
    scheme: _core.Scheme,
    optimal: str = "person",
    household_weights: Mapping[str, float] | None = None,
    threads: int = 1,
) -> pd.DataFrame:
    """The stable plan of a scheme's two views (see :func:`views`).

    No person and household who both rank each other would rather be together than keep
    what the plan gives them. This is a proposal for people to decide on; use
    :class:`ProposalRounds` to introduce and record answers.

    A scheme's required groups (people who must live together) are kept whole: each
    member's list keeps only the households every member could go to that have room for all
    of them at once (places and bedrooms), and the plan is that of
    :func:`hospital_resident_with_groups`. A stable plan may then not exist, so for such a
    scheme the frame's ``attrs["stability"]`` says how stable the plan is: ``stable``,
    ``proven_none`` (no stable plan exists), ``method``, ``required_groups`` (their ids),
    ``blocking_pairs`` ((person, household)) and ``blocking_groups`` ((group, household)).
    Without required groups the frame has no ``attrs`` and the plan is always stable.

    Parameters
    ----------
    scheme : slmatch.Scheme
        A validated scheme.
    optimal : {"person", "household"}
        Which side the stable plan is best for.
    household_weights, threads
        As for :func:`views`.

    Returns
    -------
    DataFrame
        One row per person in scheme order: ``person``, ``household`` (None when
        unmatched), ``person_rank`` and ``household_rank`` (1 = first choice; 0 when
        unmatched), ``person_score`` and ``household_score`` (NaN when unmatched).

    Raises
    ------
    slmatch.ValidationError
        For an unknown ``optimal`` or bad household weights.
    """
    if optimal not in _SIDES:
        raise _validation_error(
            [("options", "optimal", f"must be 'person' or 'household' (is {optimal!r})")]
        )
    weights = None if household_weights is None else dict(household_weights)
    arrays, household_of, stability = _core.stable.stable_match(
        scheme, _SIDES[optimal], weights, threads
    )
    (
        person_indptr,
        person_households,
        person_scores,
        household_indptr,
        household_people,
        household_scores,
        _,
    ) = arrays
    people, households = scheme.person_ids, scheme.household_ids
    rows = []
    for p, h in enumerate(household_of.tolist()):
        if h < 0:
            rows.append((people[p], None, 0, 0, np.nan, np.nan))
            continue
        start = int(person_indptr[p])
        k = start + int(np.flatnonzero(person_households[start : person_indptr[p + 1]] == h)[0])
        hstart = int(household_indptr[h])
        j = hstart + int(np.flatnonzero(household_people[hstart : household_indptr[h + 1]] == p)[0])
        rows.append(
            (
                people[p],
                households[h],
                k - start + 1,
                j - hstart + 1,
                float(person_scores[k]),
                float(household_scores[j]),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "person",
            "household",
            "person_rank",
            "household_rank",
            "person_score",
            "household_score",
        ],
    )
    if stability is not None:
        stable, proven_none, method, groups, pairs, blocking_groups = stability
        frame.attrs["stability"] = {
            "stable": bool(stable),
            "proven_none": bool(proven_none),
            "method": str(method),
            "required_groups": list(groups),
            "blocking_pairs": [tuple(pair) for pair in pairs],
            "blocking_groups": [tuple(pair) for pair in blocking_groups],
        }
    return frame


@dataclass(frozen=True)
class IntroductionPack:
    """What a prospective carer household is given about a person before an introduction.

    Attributes
    ----------
    person, household : str
        The introduction, by id.
    as_of : str
        The day consent was read on (the scheme's as-of date), ``"YYYY-MM-DD"``.
    core : dict
        Core assessment data, always shared because a carer cannot say yes safely without
        it: ``needs``, ``support_level``, ``arrangement``, ``access_needs``,
        ``specialist_needs``, ``must_not``, ``required_carer_gender`` (or None), ``smoker``,
        ``risk_flags``.
    shared : dict
        ``{category: data}`` for each category the person consented to share with carers
        on that day, of ``interests``, ``languages``, ``faith_culture``, ``diet``,
        ``lifestyle``, ``household_preferences``, ``history`` (the people they know, and
        whether they already know this household) and ``about_me`` (their own words).
    written_by : dict
        ``{section: {"role", "name", "written_on"}}``: who wrote each shared section.
    not_shared : list of dict
        One ``{"category", "status", "since", "sentence"}`` per category not shared, the
        sentence in plain English: ``"Diet is not shared: consent to use diet was
        withdrawn on 3 March 2026."``
    """

    person: str
    household: str
    as_of: str
    core: dict[str, Any]
    shared: dict[str, dict[str, Any]]
    written_by: dict[str, dict[str, str]]
    not_shared: list[dict[str, Any]]
    _json: str

    def to_json(self) -> str:
        """The pack as JSON text, keys sorted (data/schema/introduction-pack.schema.json)."""
        return self._json


def introduction_pack(scheme: _core.Scheme, person: str, household: str) -> IntroductionPack:
    """What a carer household is given about a person before an introduction.

    The pack is made from the person as consent for sharing with carers lets them be seen on
    the scheme's as-of date: data not consented for sharing is erased before anything is
    read, and each category left out is named with the reason (never given, withdrawn,
    expired, not yet given). The person's name, date of birth, whereabouts, notes and
    ethnicity are never in a pack.

    Parameters
    ----------
    scheme : slmatch.Scheme
        A validated scheme.
    person, household : str
        The introduction, by id.

    Returns
    -------
    IntroductionPack

    Raises
    ------
    slmatch.SlmatchError
        When either id is not in the scheme, naming it.

    Examples
    --------
    >>> pack = introduction_pack(scheme, "P01", "H03")      # doctest: +SKIP
    >>> [line["sentence"] for line in pack.not_shared]     # doctest: +SKIP
    """
    text = _core.stable.introduction_pack(scheme, person, household)
    document = json.loads(text)
    return IntroductionPack(
        person=document["person"],
        household=document["household"],
        as_of=document["as_of"],
        core=document["core"],
        shared=document["shared"],
        written_by=document["written_by"],
        not_shared=document["not_shared"],
        _json=text,
    )


class ProposalRounds:
    """Introductions round by round, for mutual consent.

    Each round introduces the pairs of the stable plan of what is left: people not yet
    placed, households' places not yet taken, and pairs nobody has declined. Both sides
    answer each introduction; a pair accepted by both is fixed, a pair declined by either
    is never proposed again, with who declined and a reason category (never free text).
    When every introduction of a round is settled, :meth:`next_round` proposes the next;
    the rounds finish when nobody is left to introduce. The state travels as JSON
    (:meth:`to_json`, :meth:`from_json`) so a case system can keep it between rounds.

    A scheme's required groups (a couple, siblings, friends who must live together) are
    introduced together: each round's plan keeps them whole, a group's introduction is one
    introduction to one household listing every member, each member answers for themselves
    (``by="person"``) and the household once for all of them, a decline by any of them
    declines the group at that household for good, and the group is accepted when every
    member and the household have accepted. With groups, :meth:`introductions`,
    :meth:`accepted` and :meth:`declined` have a ``group`` column, :meth:`introductions` also
    ``member_answers``, and :attr:`groups` names them.

    Reason categories: ``not_stated``, ``not_a_good_fit``, ``household_mix``, ``location``,
    ``needs_and_support``, ``timing``, ``circumstances_changed``, ``other``.

    Examples
    --------
    >>> rounds = ProposalRounds(scheme)                      # doctest: +SKIP
    >>> rounds.introductions()                               # doctest: +SKIP
    >>> rounds.answer("P01", "H03", accept=True)             # doctest: +SKIP
    >>> rounds.answer("P02", "H01", False, reason="location", by="person")  # doctest: +SKIP
    >>> rounds.next_round()                                  # doctest: +SKIP
    """

    def __init__(
        self,
        scheme: _core.Scheme,
        optimal: str = "person",
        household_weights: Mapping[str, float] | None = None,
        threads: int = 1,
    ) -> None:
        if optimal not in _SIDES:
            raise _validation_error(
                [("options", "optimal", f"must be 'person' or 'household' (is {optimal!r})")]
            )
        weights = None if household_weights is None else dict(household_weights)
        self._rounds = _core.stable.ProposalRounds(scheme, _SIDES[optimal], weights, threads)

    @classmethod
    def from_preferences(
        cls,
        person_prefs: Mapping[Hashable, Sequence[Hashable]],
        household_prefs: Mapping[Hashable, Sequence[Hashable]],
        capacities: Mapping[Hashable, int],
        groups: _GroupsArgument | None = None,
        optimal: str = "person",
    ) -> ProposalRounds:
        """Rounds from plain ranked lists instead of a scheme's views.

        Parameters
        ----------
        person_prefs, household_prefs, capacities, optimal
            As for :func:`hospital_resident`; people and households are named by ``str`` of
            their keys.
        groups : dict or list, optional
            People introduced together, as for :func:`hospital_resident_with_groups`.

        Raises
        ------
        slmatch.ValidationError
            For the problems :func:`hospital_resident_with_groups` reports, or two keys
            with the same ``str``.
        """
        if optimal not in _SIDES:
            raise _validation_error(
                [("options", "optimal", f"must be 'person' or 'household' (is {optimal!r})")]
            )
        lists = _lists(person_prefs, household_prefs, capacities)
        keys, members = _groups(lists, {} if groups is None else groups)
        rounds = cls.__new__(cls)
        rounds._rounds = _named_groups(
            lists,
            keys,
            _core.stable.ProposalRounds.from_lists,
            lists.person_indptr,
            lists.person_indices,
            lists.household_indptr,
            lists.household_indices,
            lists.capacity,
            [str(name) for name in lists.people],
            [str(name) for name in lists.households],
            _SIDES[optimal],
            members,
            [str(key) for key in keys],
        )
        return rounds

    @classmethod
    def from_json(cls, text: str) -> ProposalRounds:
        """Rounds from the JSON text :meth:`to_json` wrote.

        Raises
        ------
        slmatch.ValidationError
            Naming the record and field of each problem, including answers that could
            not have been given in the order recorded.
        """
        rounds = cls.__new__(cls)
        rounds._rounds = _core.stable.ProposalRounds.from_json(text)
        return rounds

    def to_json(self, indent: int | None = None) -> str:
        """The whole state as JSON text (people and households named by id)."""
        return str(self._rounds.to_json(-1 if indent is None else indent))

    @property
    def round(self) -> int:
        """The current round (1, 2, ...); when finished, the last round that had any."""
        return int(self._rounds.round)

    @property
    def finished(self) -> bool:
        """True when nobody is left to introduce."""
        return bool(self._rounds.finished)

    @property
    def round_settled(self) -> bool:
        """True when every introduction of the round is accepted by both or declined."""
        return bool(self._rounds.round_settled)

    @property
    def groups(self) -> dict[str, list[str]]:
        """The groups introduced together, by id, with their members (empty without)."""
        return {group: list(members) for group, members in self._rounds.groups()}

    def introductions(self) -> pd.DataFrame:
        """This round's introductions: ``person``, ``household``, ``person_answer`` and
        ``household_answer`` (``"pending"``, ``"accept"`` or ``"decline"``).

        With groups, also ``group`` (the id, or None for a person on their own) and
        ``member_answers`` (``{member: answer}`` in group order, or None); a group's row names
        its first member as ``person``, and its ``person_answer`` is the members' answer
        together (decline once any declined, accept once all did)."""
        rows = self._rounds.introductions()
        columns = ["person", "household", "person_answer", "household_answer"]
        frame = pd.DataFrame([row[:4] for row in rows], columns=columns)
        if self._rounds.groups():
            frame["group"] = pd.Series([row[4] for row in rows], dtype=object)
            frame["member_answers"] = pd.Series(
                [None if row[4] is None else dict(row[5]) for row in rows], dtype=object
            )
        return frame

    def introduction_packs(self, scheme: _core.Scheme) -> list[IntroductionPack]:
        """What each household of this round's introductions is given about the person
        (see :func:`introduction_pack`), in the order of :meth:`introductions`; for a group,
        one pack per member, in group order.

        Parameters
        ----------
        scheme : slmatch.Scheme
            The scheme the rounds were started from.

        Raises
        ------
        slmatch.SlmatchError
            When an introduced person or household is not in the scheme.
        """
        return [
            introduction_pack(scheme, person, row[1])
            for row in self._rounds.introductions()
            for person in ([row[0]] if row[4] is None else [member for member, _ in row[5]])
        ]

    def accepted(self) -> pd.DataFrame:
        """Pairs both sides accepted: ``person``, ``household``, ``round`` (and, with groups,
        ``group``: each member of an accepted group has a row)."""
        columns = ["person", "household", "round"]
        return self._frame(self._rounds.accepted(), columns)

    def declined(self) -> pd.DataFrame:
        """Pairs declined: ``person``, ``household``, ``by``, ``reason``, ``round`` (and, with
        groups, ``group``: a group declined at a household has one row, naming the member who
        declined, or its first member when the household did)."""
        columns = ["person", "household", "by", "reason", "round"]
        return self._frame(self._rounds.declined(), columns)

    def _frame(self, rows: Sequence[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
        """Rows whose last item is the group: the column only when there are groups."""
        frame = pd.DataFrame([row[:-1] for row in rows], columns=columns)
        if self._rounds.groups():
            frame["group"] = pd.Series([row[-1] for row in rows], dtype=object)
        return frame

    def answer(
        self,
        person: str,
        household: str,
        accept: bool,
        reason: str | None = None,
        by: str = "both",
    ) -> None:
        """Record an answer to one of this round's introductions.

        Parameters
        ----------
        person, household : str
            The introduction, by id (for a group, the member answering).
        accept : bool
            True to accept, False to decline.
        reason : str, optional
            A decline's reason category (default ``"not_stated"``); none with an acceptance.
        by : {"both", "person", "household"}
            Who answers; a pair is accepted once both sides have accepted. For a group,
            ``"person"`` answers for that member, ``"household"`` for the household, and
            ``"both"`` for the household and every member who has not answered yet.

        Raises
        ------
        slmatch.ValidationError
            Naming the person and the field (``answer``, ``reason`` or ``by``): an unknown
            id, a pair not introduced this round, an answer given twice, an unknown reason.
        """
        self._rounds.answer(person, household, bool(accept), reason, by)

    def next_round(self) -> None:
        """Close the round and propose the next one, or finish.

        Raises
        ------
        slmatch.ValidationError
            Listing every introduction still waiting for an answer.
        """
        self._rounds.next_round()

    def __getstate__(self) -> str:
        return self.to_json()

    def __setstate__(self, state: str) -> None:
        self._rounds = _core.stable.ProposalRounds.from_json(state)

    def __repr__(self) -> str:
        status = "finished" if self.finished else f"round {self.round}"
        return f"<slmatch.stable.ProposalRounds {status}: {len(self._rounds.accepted())} accepted>"
