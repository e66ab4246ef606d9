"""slmatch.stable against the matching package's HospitalResident and brute force."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Hashable
from typing import Any

import numpy as np
import pytest
import slmatch
from slmatch.stable import blocking_pairs, hospital_resident

Prefs = dict[Hashable, list[Hashable]]


def random_instance(
    rng: np.random.Generator, people: int, households: int, length: int
) -> tuple[Prefs, Prefs, dict[Hashable, int]]:
    """Reciprocated lists (each household ranks exactly the people who rank it)."""
    person_prefs: Prefs = {}
    household_prefs: Prefs = {f"h{h}": [] for h in range(households)}
    for p in range(people):
        chosen = rng.choice(households, size=min(length, households), replace=False)
        person_prefs[f"p{p}"] = [f"h{h}" for h in chosen]
        for h in chosen:
            household_prefs[f"h{h}"].append(f"p{p}")
    for ranked in household_prefs.values():
        rng.shuffle(ranked)
    capacities: dict[Hashable, int] = {
        f"h{h}": int(c) for h, c in enumerate(rng.integers(1, 4, size=households))
    }
    return person_prefs, household_prefs, capacities


def matching_package_plan(
    person_prefs: Prefs, household_prefs: Prefs, capacities: dict[Hashable, int], optimal: str
) -> dict[Hashable, list[Hashable]]:
    games = pytest.importorskip("matching.games")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about households nobody ranks
        game = games.HospitalResident.create_from_dictionaries(
            person_prefs, household_prefs, capacities
        )
        solved = game.solve(optimal=optimal)
    return {h.name: [r.name for r in members] for h, members in solved.items()}


@pytest.mark.parametrize("optimal", ["person", "household"])
def test_equals_the_matching_package(optimal: str) -> None:
    rng = np.random.default_rng(17)
    theirs_name = "resident" if optimal == "person" else "hospital"
    compared = 0
    for _ in range(1500):
        people, households = int(rng.integers(1, 30)), int(rng.integers(1, 12))
        instance = random_instance(rng, people, households, int(rng.integers(1, 6)))
        ours = hospital_resident(*instance, optimal=optimal)
        assert blocking_pairs(*instance, ours) == []
        try:
            theirs = matching_package_plan(*instance, theirs_name)
        except AttributeError:
            # matching 1.4's hospital-proposing loop can ask a household whose list is
            # used up for its favourite and crash on None; nothing to compare with then.
            continue
        compared += 1
        for household in instance[1]:
            if household not in theirs:  # the matching package drops unranked households
                assert ours[household] == []
        assert {h: m for h, m in ours.items() if h in theirs} == theirs
    assert compared >= 1200


def brute_force_blocking(
    person_prefs: Prefs, household_prefs: Prefs, capacities: dict[Hashable, int], plan: Any
) -> list[tuple[Hashable, Hashable]]:
    where = {p: h for h, members in plan.items() for p in members}
    found = []
    for person, ranked in person_prefs.items():
        for household in ranked:
            if person not in household_prefs[household] or where.get(person) == household:
                continue
            own = where.get(person)
            if own is not None and ranked.index(own) < ranked.index(household):
                continue
            members = plan.get(household, [])
            order = household_prefs[household]
            if len(members) < capacities[household] or any(
                order.index(person) < order.index(m) for m in members
            ):
                found.append((person, household))
    return found


def test_blocking_pairs_equal_brute_force_on_any_plan() -> None:
    rng = np.random.default_rng(23)
    for _ in range(300):
        instance = random_instance(rng, int(rng.integers(1, 8)), int(rng.integers(1, 5)), 3)
        person_prefs, household_prefs, capacities = instance
        plan: dict[Hashable, list[Hashable]] = {h: [] for h in household_prefs}
        for person, ranked in person_prefs.items():
            household = ranked[int(rng.integers(0, len(ranked)))]
            if rng.random() < 0.7 and len(plan[household]) < capacities[household]:
                plan[household].append(person)
        assert blocking_pairs(*instance, plan) == brute_force_blocking(*instance, plan)


def test_only_mutual_pairs_count() -> None:
    # oak ranks ana first but ana never listed oak: a one-sided wish is not a pair.
    plan = hospital_resident(
        {"ana": ["elm"], "ben": ["oak", "elm"]},
        {"oak": ["ana", "ben"], "elm": ["ben", "ana"]},
        {"oak": 1, "elm": 1},
    )
    assert plan == {"oak": ["ben"], "elm": ["ana"]}


def test_the_two_optimal_plans_differ_when_the_sides_disagree() -> None:
    people = {"ana": ["oak", "elm"], "ben": ["elm", "oak"]}
    households = {"oak": ["ben", "ana"], "elm": ["ana", "ben"]}
    places = {"oak": 1, "elm": 1}
    assert hospital_resident(people, households, places) == {"oak": ["ana"], "elm": ["ben"]}
    assert hospital_resident(people, households, places, optimal="household") == {
        "oak": ["ben"],
        "elm": ["ana"],
    }


@pytest.mark.parametrize(
    ("people", "households", "places", "record", "field"),
    [
        ({"ana": ["yew"]}, {"oak": []}, {"oak": 1}, "person ana", "preferences"),
        ({"ana": ["oak", "oak"]}, {"oak": ["ana"]}, {"oak": 1}, "person ana", "preferences"),
        ({"ana": ["oak"]}, {"oak": ["ana"]}, {"oak": -1}, "household oak", "capacity"),
        ({"ana": ["oak"]}, {"oak": ["ana"]}, {}, "household oak", "capacity"),
        ({"ana": ["oak"]}, {"oak": ["bo"]}, {"oak": 1}, "household oak", "preferences"),
    ],
)
def test_bad_preferences_name_the_record(
    people: Prefs, households: Prefs, places: dict[Hashable, int], record: str, field: str
) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        hospital_resident(people, households, places)
    assert any(r == record and f == field for r, f, _ in raised.value.problems), (
        raised.value.problems
    )


def test_bad_plans_name_the_record() -> None:
    instance = ({"ana": ["oak"], "ben": ["oak"]}, {"oak": ["ana", "ben"]}, {"oak": 1})
    with pytest.raises(slmatch.ValidationError, match="plan places 2 people in 1") as raised:
        blocking_pairs(*instance, {"oak": ["ana", "ben"]})
    assert raised.value.problems[0][0] == "household oak"
    with pytest.raises(slmatch.ValidationError, match="unknown person"):
        blocking_pairs(*instance, {"oak": ["cy"]})


def test_brute_force_stable_plans_agree_on_tiny_instances() -> None:
    # Person-optimal: no stable plan gives any person a better household.
    rng = np.random.default_rng(5)
    for _ in range(150):
        instance = random_instance(rng, int(rng.integers(1, 6)), int(rng.integers(1, 4)), 3)
        person_prefs, household_prefs, capacities = instance
        best = hospital_resident(*instance)
        where = {p: h for h, members in best.items() for p in members}
        names = list(person_prefs)
        options = [[None, *person_prefs[p]] for p in names]
        for choice in itertools.product(*options):
            plan: dict[Hashable, list[Hashable]] = {h: [] for h in household_prefs}
            for person, household in zip(names, choice):
                if household is not None:
                    plan[household].append(person)
            if any(len(plan[h]) > capacities[h] for h in plan):
                continue
            plan = {h: sorted(m, key=household_prefs[h].index) for h, m in plan.items()}
            if brute_force_blocking(*instance, plan):
                continue
            for person, household in zip(names, choice):
                mine = where.get(person)
                ranked = person_prefs[person]
                if household is not None:
                    assert mine is not None and ranked.index(mine) <= ranked.index(household)
