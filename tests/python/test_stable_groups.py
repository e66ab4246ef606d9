"""slmatch.stable with groups who must live together, against a brute force written here.

The definition checked (see slmatch/stable/groups.hpp): a group and a household block a plan
when the household lists every member and every member lists it, every member prefers it to
where the group is (a split group counts as unplaced), and it has room for all of them: free
places plus the places of people it ranks below every member, a group leaving only whole. A
person in no group blocks as without groups, except that no group is split to make room.
"""

from __future__ import annotations

import itertools
import json
import pickle
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import slmatch
from jsonschema import Draft202012Validator
from slmatch.stable import (
    GroupBlocking,
    ProposalRounds,
    blocking_pairs,
    blocking_pairs_with_groups,
    hospital_resident,
    hospital_resident_with_groups,
)

Prefs = dict[Hashable, list[Hashable]]
Plan = dict[Hashable, list[Hashable]]
Groups = dict[Hashable, list[Hashable]]
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"


def random_instance(
    rng: np.random.Generator, people: int, households: int, listed: float = 0.85
) -> tuple[Prefs, Prefs, dict[Hashable, int], Groups]:
    """Lists where each side lists most of the other, 0-3 places, disjoint groups of 2-3."""
    person_prefs: Prefs = {}
    household_prefs: Prefs = {}
    for p in range(people):
        ranked = [f"h{h}" for h in rng.permutation(households) if rng.random() < listed]
        person_prefs[f"p{p}"] = ranked
    for h in range(households):
        household_prefs[f"h{h}"] = [
            f"p{p}" for p in rng.permutation(people) if rng.random() < listed
        ]
    capacities: dict[Hashable, int] = {f"h{h}": int(rng.integers(0, 4)) for h in range(households)}
    order = [f"p{p}" for p in rng.permutation(people)]
    groups: Groups = {}
    k = 0
    while k + 1 < len(order):
        if rng.random() < 0.4:
            k += 1
            continue
        size = 3 if rng.random() < 0.3 and k + 2 < len(order) else 2
        groups[f"g{len(groups)}"] = order[k : k + size]
        k += size
    return person_prefs, household_prefs, capacities, groups


def acceptable(person_prefs: Prefs, household_prefs: Prefs, person: Hashable, h: Hashable) -> bool:
    return h in person_prefs[person] and person in household_prefs[h]


def blocks(
    instance: tuple[Prefs, Prefs, dict[Hashable, int], Groups],
    members: Sequence[Hashable],
    household: Hashable,
    where: dict[Hashable, Hashable],
) -> bool:
    person_prefs, household_prefs, capacities, groups = instance
    if not all(acceptable(person_prefs, household_prefs, m, household) for m in members):
        return False
    split = len({where.get(m) for m in members}) > 1
    for m in members:
        own = where.get(m)
        if split or own is None:
            continue
        if not acceptable(person_prefs, household_prefs, m, own):
            continue  # an unlisted placement: any listed household is better
        if person_prefs[m].index(household) >= person_prefs[m].index(own):
            return False
    order = household_prefs[household]
    lowest = max(order.index(m) for m in members)
    unit_of = {p: tuple(g) for g in groups.values() for p in g}
    residents = [p for p, h in where.items() if h == household and p not in members]
    removable = 0
    for unit in {unit_of.get(p, (p,)) for p in residents}:
        here = [p for p in unit if where.get(p) == household]
        if all(
            (order.index(p) if acceptable(person_prefs, household_prefs, p, household) else 10**6)
            > lowest
            for p in here
        ):
            removable += len(here)
    return capacities[household] - len(residents) + removable >= len(members)


def brute_force_blocking(
    instance: tuple[Prefs, Prefs, dict[Hashable, int], Groups], plan: Plan
) -> tuple[set[tuple[Hashable, Hashable]], set[tuple[Hashable, Hashable]]]:
    person_prefs, household_prefs, _, groups = instance
    where = {p: h for h, members in plan.items() for p in members}
    grouped = {p for g in groups.values() for p in g}
    pairs = {
        (p, h)
        for p in person_prefs
        if p not in grouped
        for h in household_prefs
        if blocks(instance, [p], h, where)
    }
    group_pairs = {
        (g, h)
        for g, members in groups.items()
        for h in household_prefs
        if blocks(instance, members, h, where)
    }
    return pairs, group_pairs


def every_whole_plan(instance: tuple[Prefs, Prefs, dict[Hashable, int], Groups]) -> list[Plan]:
    """Every plan on acceptable pairs within the places that keeps groups whole."""
    person_prefs, household_prefs, capacities, groups = instance
    grouped = {p for g in groups.values() for p in g}
    units = [list(g) for g in groups.values()] + [[p] for p in person_prefs if p not in grouped]
    options = [
        [None]
        + [
            h
            for h in household_prefs
            if all(acceptable(person_prefs, household_prefs, m, h) for m in unit)
        ]
        for unit in units
    ]
    plans = []
    for choice in itertools.product(*options):
        plan: Plan = {h: [] for h in household_prefs}
        for unit, h in zip(units, choice):
            if h is not None:
                plan[h].extend(unit)
        if all(len(plan[h]) <= capacities[h] for h in plan):
            plans.append(plan)
    return plans


def as_sets(found: GroupBlocking) -> tuple[set[Any], set[Any]]:
    return set(found.pairs), set(found.groups)


@pytest.mark.parametrize("optimal", ["person", "household"])
def test_a_stable_plan_when_one_exists_and_proof_when_none_does(optimal: str) -> None:
    rng = np.random.default_rng(31 if optimal == "person" else 37)
    none_exists = 0
    for k in range(4000):
        instance = random_instance(
            rng, int(rng.integers(3, 7)), int(rng.integers(2, 4)), 1.0 if k % 2 else 0.85
        )
        stable_plans = [
            plan
            for plan in every_whole_plan(instance)
            if brute_force_blocking(instance, plan) == (set(), set())
        ]
        found = hospital_resident_with_groups(*instance, optimal=optimal)
        groups = instance[3]
        where = {p: h for h, members in found.plan.items() for p in members}
        for members in groups.values():
            assert len({where.get(m) for m in members}) == 1  # whole, or nowhere
        assert as_sets(found.blocking) == brute_force_blocking(instance, found.plan)
        assert found.stable == (found.blocking == GroupBlocking([], []))
        if stable_plans:
            assert found.stable and not found.proven_none
            normalised = {h: sorted(m, key=str) for h, m in found.plan.items()}
            assert normalised in [
                {h: sorted(m, key=str) for h, m in p.items()} for p in stable_plans
            ]
        else:
            none_exists += 1
            assert not found.stable and found.proven_none and found.searched
    assert none_exists > 0


def test_blocking_pairs_with_groups_equal_brute_force_on_any_plan() -> None:
    rng = np.random.default_rng(41)
    for _ in range(800):
        instance = random_instance(rng, int(rng.integers(1, 8)), int(rng.integers(1, 4)))
        person_prefs, household_prefs, capacities, _ = instance
        households = list(household_prefs)
        plan: Plan = {h: [] for h in households}
        for person in person_prefs:  # any plan within the places, groups split or not
            h = households[int(rng.integers(0, len(households)))]
            if rng.random() < 0.7 and len(plan[h]) < capacities[h]:
                plan[h].append(person)
        found = blocking_pairs_with_groups(*instance, plan)
        assert as_sets(found) == brute_force_blocking(instance, plan)


def test_without_groups_it_is_deferred_acceptance() -> None:
    rng = np.random.default_rng(43)
    for _ in range(200):
        person_prefs, household_prefs, capacities, _ = random_instance(rng, 6, 3)
        for optimal in ("person", "household"):
            found = hospital_resident_with_groups(
                person_prefs, household_prefs, capacities, {}, optimal=optimal
            )
            assert found.plan == hospital_resident(
                person_prefs, household_prefs, capacities, optimal=optimal
            )
            assert found.stable and found.method == "deferred_acceptance" and found.rounds == 0
            blocked = blocking_pairs_with_groups(
                person_prefs, household_prefs, capacities, [], found.plan
            )
            assert blocked == GroupBlocking([], [])
        plan: Plan = {h: [] for h in household_prefs}
        for person, ranked in person_prefs.items():
            if ranked and len(plan[ranked[-1]]) < capacities[ranked[-1]]:
                plan[ranked[-1]].append(person)
        assert blocking_pairs_with_groups(
            person_prefs, household_prefs, capacities, {}, plan
        ).pairs == blocking_pairs(person_prefs, household_prefs, capacities, plan)


def test_a_couple_is_kept_together() -> None:
    people = {"ann": ["oak", "elm"], "bea": ["elm", "oak"], "cy": ["elm"]}
    households = {"elm": ["ann", "bea", "cy"], "oak": ["ann", "bea"]}
    places = {"elm": 2, "oak": 1}
    # Apart, each gets their first choice; as a couple they need elm's two places.
    assert hospital_resident(people, households, places) == {"elm": ["bea", "cy"], "oak": ["ann"]}
    found = hospital_resident_with_groups(people, households, places, {"couple": ["ann", "bea"]})
    assert found.plan == {"elm": ["ann", "bea"], "oak": []}
    assert found.stable and not found.proven_none
    assert found.method in slmatch._core.vocabularies["stable method"]
    # The plan apart leaves the couple nowhere: they block with elm.
    apart = blocking_pairs_with_groups(
        people,
        households,
        places,
        {"couple": ["ann", "bea"]},
        {"elm": ["bea", "cy"], "oak": ["ann"]},
    )
    assert apart.groups == [("couple", "elm")]
    # Groups may also be given as a list, named by position.
    listed = hospital_resident_with_groups(people, households, places, [["ann", "bea"]])
    assert listed.plan == found.plan


def test_an_instance_with_no_stable_plan() -> None:
    # The couple wants h0 (two places) first and does not fit in h1 (one place); h0 ranks p3
    # above the couple and p2 below; h1 ranks p2 above p3. Every plan is blocked.
    people = {"p0": ["h0", "h1"], "p1": ["h0", "h1"], "p2": ["h0", "h1"], "p3": ["h1", "h0"]}
    households = {"h0": ["p3", "p1", "p0", "p2"], "h1": ["p0", "p1", "p2", "p3"]}
    places = {"h0": 2, "h1": 1}
    groups = {"couple": ["p0", "p1"]}
    instance = (people, households, places, groups)
    assert all(
        brute_force_blocking(instance, plan) != (set(), set())
        for plan in every_whole_plan(instance)
    )
    found = hospital_resident_with_groups(people, households, places, groups)
    assert not found.stable and found.proven_none and found.searched
    assert found.blocking.pairs or found.blocking.groups
    unsearched = hospital_resident_with_groups(people, households, places, groups, search_limit=0)
    assert not unsearched.searched and not unsearched.proven_none


@pytest.mark.parametrize(
    ("groups", "record", "message"),
    [
        ({"g": ["ann", "zed"]}, "group g", "unknown person 'zed'"),
        ({"g": ["ann", "ann"]}, "group g", "lists 'ann' twice"),
        ({"g": ["ann", "bea"], "h": ["bea", "cy"]}, "group h", "'bea' is also in group g"),
        ({"g": "ann"}, "group g", "must be a list of people"),
    ],
)
def test_bad_groups_name_the_group(groups: Groups, record: str, message: str) -> None:
    people = {"ann": ["oak"], "bea": ["oak"], "cy": ["oak"]}
    households = {"oak": ["ann", "bea", "cy"]}
    with pytest.raises(slmatch.ValidationError) as raised:
        hospital_resident_with_groups(people, households, {"oak": 2}, groups)
    assert (record, "members", message) in raised.value.problems, raised.value.problems


def test_bad_options_are_refused() -> None:
    instance = ({"ann": ["oak"]}, {"oak": ["ann"]}, {"oak": 1}, {})
    with pytest.raises(slmatch.ValidationError, match="optimal"):
        hospital_resident_with_groups(*instance, optimal="carer")
    with pytest.raises(slmatch.ValidationError, match="max_rounds"):
        hospital_resident_with_groups(*instance, max_rounds=-1)
    with pytest.raises(slmatch.ValidationError, match="search_limit"):
        hospital_resident_with_groups(*instance, search_limit=-1)


def rounds_schema() -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "proposal-rounds.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def test_proposal_rounds_introduce_a_group_together() -> None:
    rounds = ProposalRounds.from_preferences(
        {"ann": ["elm", "oak"], "bea": ["elm", "oak"], "cy": ["oak", "elm"]},
        {"elm": ["ann", "bea", "cy"], "oak": ["cy", "ann", "bea"]},
        {"elm": 2, "oak": 3},
        groups={"G1": ["ann", "bea"]},
    )
    assert rounds.groups == {"G1": ["ann", "bea"]}
    intros = rounds.introductions()
    assert list(intros.columns) == [
        "person",
        "household",
        "person_answer",
        "household_answer",
        "group",
        "member_answers",
    ]
    couple = intros[intros["group"] == "G1"].iloc[0]
    assert (couple["person"], couple["household"]) == ("ann", "elm")
    assert couple["member_answers"] == {"ann": "pending", "bea": "pending"}
    assert intros[intros["person"] == "cy"]["group"].isna().all()

    rounds.answer("ann", "elm", True, by="person")
    rounds.answer("bea", "elm", True, by="household")
    assert rounds.introductions().iloc[0]["member_answers"] == {"ann": "accept", "bea": "pending"}
    with pytest.raises(slmatch.ValidationError, match="no answer yet from bea"):
        rounds.next_round()
    state = rounds.to_json()
    assert not list(rounds_schema().iter_errors(json.loads(state)))
    again = ProposalRounds.from_json(state)
    assert again.to_json() == state
    assert pickle.loads(pickle.dumps(rounds)).to_json() == state

    rounds.answer("bea", "elm", False, reason="location", by="person")  # declines the group
    rounds.answer("cy", "oak", True)
    declined = rounds.declined()
    assert list(declined.columns) == ["person", "household", "by", "reason", "round", "group"]
    assert declined.iloc[0].to_dict() == {
        "person": "bea",
        "household": "elm",
        "by": "person",
        "reason": "location",
        "round": 1,
        "group": "G1",
    }
    rounds.next_round()
    # Round 2: the couple is introduced to oak, together, and never to elm again.
    intros = rounds.introductions()
    assert intros[["person", "household", "group"]].values.tolist() == [["ann", "oak", "G1"]]
    rounds.answer("ann", "oak", True)  # both: the household and every member not yet answered
    rounds.next_round()
    assert rounds.finished
    accepted = rounds.accepted()
    assert accepted[["person", "household", "group"]].values.tolist() == [
        ["cy", "oak", None],
        ["ann", "oak", "G1"],
        ["bea", "oak", "G1"],
    ]
    assert not list(rounds_schema().iter_errors(json.loads(rounds.to_json())))


def test_proposal_rounds_without_groups_keep_their_columns() -> None:
    rounds = ProposalRounds.from_preferences(
        {"ann": ["elm"], "bea": ["elm"]}, {"elm": ["ann", "bea"]}, {"elm": 1}
    )
    assert rounds.groups == {}
    assert list(rounds.introductions().columns) == [
        "person",
        "household",
        "person_answer",
        "household_answer",
    ]
    rounds.answer("ann", "elm", False)
    assert list(rounds.declined().columns) == ["person", "household", "by", "reason", "round"]
    assert list(rounds.accepted().columns) == ["person", "household", "round"]
    assert "groups" not in json.loads(rounds.to_json())


def test_proposal_rounds_refuse_bad_groups() -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        ProposalRounds.from_preferences(
            {"ann": ["elm"], "bea": ["elm"]},
            {"elm": ["ann", "bea"]},
            {"elm": 2},
            groups={"G1": ["ann", "bea"], "G2": ["bea"]},
        )
    assert raised.value.problems[0][0] == "group G2"


def test_stable_match_without_required_groups_is_deferred_acceptance(
    example_without_groups: slmatch.Scheme,
) -> None:
    without_groups = example_without_groups
    plan = slmatch.stable.stable_match(without_groups)
    assert plan.attrs == {}
    person_indptr, person_households, _, household_indptr, household_people, _, capacity = (
        slmatch._core.stable.views(without_groups)
    )
    household_of, _, _ = slmatch._core.stable.stable_plan(
        person_indptr, person_households, household_indptr, household_people, capacity, "people"
    )
    households = without_groups.household_ids
    expected = [None if h < 0 else households[h] for h in household_of.tolist()]
    assert [h if isinstance(h, str) else None for h in plan["household"]] == expected
    assert ProposalRounds(without_groups).groups == {}


def test_stable_match_keeps_the_example_groups_whole(example: slmatch.Scheme) -> None:
    # The example has a couple (G01) and siblings (G02) who must live together, and friends
    # (G03) who would only like to: they are individuals here.
    plan = slmatch.stable.stable_match(example).set_index("person")["household"]
    stability = slmatch.stable.stable_match(example).attrs["stability"]
    assert stability["required_groups"] == ["G01", "G02"]
    assert stability["method"] in slmatch._core.vocabularies["stable method"]
    assert stability["stable"] == (
        not stability["blocking_pairs"] and not stability["blocking_groups"]
    )
    assert not stability["proven_none"] or not stability["stable"]
    for first, second in (("P03", "P24"), ("P01", "P22")):
        assert plan[first] == plan[second] or (pd.isna(plan[first]) and pd.isna(plan[second]))
    for household in ("household", "person"):
        found = slmatch.stable.stable_match(example, optimal=household)
        assert "stability" in found.attrs


def test_proposal_rounds_on_the_example_introduce_groups_together(example: slmatch.Scheme) -> None:
    rounds = ProposalRounds(example)
    assert rounds.groups == {"G01": ["P03", "P24"], "G02": ["P01", "P22"]}
    validator = rounds_schema()
    while not rounds.finished:
        intros = rounds.introductions()
        for row in intros.itertuples():
            if row.group is None:
                assert row.person not in {"P03", "P24", "P01", "P22"}
            else:
                assert list(row.member_answers) == rounds.groups[row.group]
            rounds.answer(row.person, row.household, True)
        assert not list(validator.iter_errors(json.loads(rounds.to_json())))
        rounds.next_round()
    where = dict(zip(rounds.accepted()["person"], rounds.accepted()["household"]))
    for first, second in (("P03", "P24"), ("P01", "P22")):
        assert where.get(first) == where.get(second)
    assert ProposalRounds.from_json(rounds.to_json()).to_json() == rounds.to_json()
