"""slmatch.solvers.assign_capacitated against brute force and OR-Tools' min-cost flow."""

from __future__ import annotations

import doctest
import itertools
from typing import Any

import numpy as np
import pytest
import slmatch
from slmatch.solvers import (
    CapacitatedAssignment,
    assign_capacitated,
    assign_fair,
    assign_without_conflicts,
    k_best_plans,
    reassign_capacitated,
    verify_capacitated,
)

OBJECTIVES = ("max_matched_then_total", "max_total")


def random_problem(rng: np.random.Generator, people: int, households: int, density: float) -> Any:
    pairs = [(p, h) for p in range(people) for h in range(households) if rng.random() < density]
    person = np.array([p for p, _ in pairs], dtype=np.int64)
    household = np.array([h for _, h in pairs], dtype=np.int64)
    if rng.random() < 0.3:  # many ties
        score = rng.integers(0, 3, size=len(pairs))
    else:
        score = rng.integers(0, 1000, size=len(pairs))
    capacity = rng.integers(0, 4, size=households)
    return person, household, score, capacity, people


def brute_force(
    person: np.ndarray,
    household: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
    people: int,
    objective: str,
) -> tuple[int, int]:
    """(matched, total) of the best plan, by trying every choice for every person."""
    options: list[list[tuple[int, int]]] = [[(-1, 0)] for _ in range(people)]
    for p, h, s in zip(person, household, score):
        options[int(p)].append((int(h), int(s)))
    best = (-1, -1)
    for choice in itertools.product(*options):
        used = np.zeros(len(capacity), dtype=np.int64)
        for h, _ in choice:
            if h >= 0:
                used[h] += 1
        if np.any(used > capacity):
            continue
        matched = sum(1 for h, _ in choice if h >= 0)
        total = sum(s for _, s in choice)
        if objective == "max_total":
            matched = 0  # not part of the objective
        best = max(best, (matched, total))
    return best


def check_plan(plan: CapacitatedAssignment, problem: Any) -> None:
    person, household, score, capacity, people = problem
    assert plan.household_of.shape == (people,)
    chosen = {(int(p), int(h)): int(s) for p, h, s in zip(person, household, score)}
    total = 0
    for p, h in enumerate(plan.household_of.tolist()):
        if h >= 0:
            total += chosen[(p, h)]
    assert np.all(
        np.bincount(plan.household_of[plan.household_of >= 0], minlength=len(capacity)) <= capacity
    )
    assert plan.total == total
    assert plan.matched == int(np.sum(plan.household_of >= 0))


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_equals_brute_force_on_small_problems(objective: str) -> None:
    rng = np.random.default_rng(7)
    for _ in range(300):
        problem = random_problem(
            rng, int(rng.integers(0, 6)), int(rng.integers(1, 4)), float(rng.random())
        )
        plan = assign_capacitated(*problem[:4], people=problem[4], objective=objective)
        check_plan(plan, problem)
        verify_capacitated(*problem[:4], plan=plan, people=problem[4], objective=objective)
        matched, total = brute_force(*problem, objective)
        assert plan.total == total
        if objective == "max_matched_then_total":
            assert plan.matched == matched


def ortools_optimum(problem: Any, objective: str) -> tuple[int, int]:
    """(matched, total) from OR-Tools' SimpleMinCostFlow: an independent solver."""
    min_cost_flow = pytest.importorskip("ortools.graph.python.min_cost_flow")
    person, household, score, capacity, people = problem
    households = len(capacity)
    bonus = 0
    if objective == "max_matched_then_total":
        best = np.zeros(people, dtype=np.int64)
        np.maximum.at(best, person, score)
        bonus = int(best.sum()) + 1
    sink = people + households
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([person, np.arange(people), people + np.arange(households)]),
        np.concatenate([people + household, np.full(people + households, sink)]),
        np.concatenate([np.ones(len(person) + people, dtype=np.int64), capacity]),
        np.concatenate([-(score + bonus), np.zeros(people + households, dtype=np.int64)]),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:people], supplies[sink] = 1, -people
    flow.set_nodes_supplies(np.arange(sink + 1), supplies)
    assert flow.solve() == flow.OPTIMAL
    used = flow.flows(arcs[: len(person)]) > 0
    return int(used.sum()), int(score[used].sum())


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_equals_ortools_min_cost_flow(objective: str) -> None:
    rng = np.random.default_rng(11)
    for size in (20, 60, 150):
        for _ in range(4):
            problem = random_problem(rng, size, size // 3 + 1, 0.1)
            plan = assign_capacitated(*problem[:4], people=problem[4], objective=objective)
            verify_capacitated(*problem[:4], plan=plan, people=problem[4], objective=objective)
            matched, total = ortools_optimum(problem, objective)
            assert plan.total == total
            if objective == "max_matched_then_total":
                assert plan.matched == matched


def test_objectives_differ_where_they_should() -> None:
    # Person 0 alone scores 10 in the only place; persons 0 and 1 together need both places.
    problem = ([0, 0, 1], [0, 1, 0], [10, 1, 2], [1, 1])
    most = assign_capacitated(*problem)
    assert most.household_of.tolist() == [1, 0] and most.matched == 2 and most.total == 3
    best = assign_capacitated(*problem, objective="max_total")
    assert best.household_of.tolist() == [0, -1] and best.total == 10
    assert best.bonus == 0 and most.bonus > 10


def test_sparse_matrix_form_equals_edge_arrays() -> None:
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(3)
    person, household, score, capacity, people = random_problem(rng, 40, 15, 0.2)
    matrix = sparse.csr_array((score, (person, household)), shape=(people, len(capacity)))
    from_matrix = assign_capacitated(matrix, capacity)
    from_arrays = assign_capacitated(person, household, score, capacity, people=people)
    np.testing.assert_array_equal(from_matrix.household_of, from_arrays.household_of)
    assert from_matrix.total == from_arrays.total
    verify_capacitated(matrix, capacity, plan=from_matrix)


def test_float_scores_are_rounded_to_the_resolution() -> None:
    plan = assign_capacitated([0, 1], [0, 0], [71.2341, 71.2346], [1])
    assert plan.resolution == 1e-3
    assert plan.household_of.tolist() == [-1, 0]  # 71.235 > 71.234 after rounding
    assert plan.total == pytest.approx(71.235)
    verify_capacitated([0, 1], [0, 0], [71.2341, 71.2346], [1], plan=plan)
    coarse = assign_capacitated([0, 1], [0, 0], [71.2341, 71.2346], [1], resolution=1.0)
    assert coarse.matched == 1 and coarse.total == 71.0  # a tie at this resolution


def test_same_plan_for_any_thread_count() -> None:
    rng = np.random.default_rng(5)
    # Several independent blocks, so there is work to share between threads.
    blocks = [random_problem(rng, 30, 10, 0.3) for _ in range(6)]
    person = np.concatenate([b[0] + 30 * i for i, b in enumerate(blocks)])
    household = np.concatenate([b[1] + 10 * i for i, b in enumerate(blocks)])
    score = np.concatenate([b[2] for b in blocks])
    capacity = np.concatenate([b[3] for b in blocks])
    plans = [
        assign_capacitated(person, household, score, capacity, people=180, threads=t)
        for t in (1, 2, 4)
    ]
    for plan in plans[1:]:
        np.testing.assert_array_equal(plan.household_of, plans[0].household_of)
        np.testing.assert_array_equal(plan.person_price, plans[0].person_price)
        np.testing.assert_array_equal(plan.household_price, plans[0].household_price)


def test_tampered_certificates_are_rejected() -> None:
    problem = ([0, 0, 1, 2], [0, 1, 0, 0], [5, 3, 4, 9], [1, 1])
    plan = assign_capacitated(*problem)
    verify_capacitated(*problem, plan=plan)
    worse = plan._replace(household_of=np.array([0, -1, 1]))
    with pytest.raises(slmatch.SlmatchError):
        verify_capacitated(*problem, plan=worse)
    cheaper = plan._replace(person_price=plan.person_price - 1)
    with pytest.raises(slmatch.SlmatchError, match=r"reduced cost|price"):
        verify_capacitated(*problem, plan=cheaper)
    with pytest.raises(slmatch.SlmatchError, match="over capacity"):
        verify_capacitated(*problem, plan=plan._replace(household_of=np.array([0, -1, 0])))


@pytest.mark.parametrize(
    ("arguments", "keywords", "record", "field"),
    [
        (([0, 1], [0, 0], [5, -1], [1]), {}, "edge 1", "weight"),
        (([0, 1], [0, 3], [5, 1], [1]), {}, "edge 1", "household"),
        (([0, 1], [0, 0], [5.0, np.nan], [1]), {}, "edge 1", "score"),
        (([0, 0], [0, 0], [5, 1], [1]), {}, "edge 1", "household"),
        (([0, 1], [0, 0], [5, 1], [-2]), {}, "household 0", "capacity"),
        (([0, 1], [0], [5, 1], [1]), {}, "problem", "edges"),
        (([0, 1], [0, 0], [5, 1], [1]), {"objective": "max_love"}, "options", "objective"),
        (([0, 2**40], [0, 0], [5, 1], [1]), {"people": 3}, "edge 1", "person"),
    ],
)
def test_bad_input_names_the_record_and_field(
    arguments: tuple[Any, ...], keywords: dict[str, Any], record: str, field: str
) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_capacitated(*arguments, **keywords)
    problems = raised.value.problems
    assert any(r == record and f == field for r, f, _ in problems), problems


def test_docstring_examples_run() -> None:
    import slmatch.assignment
    import slmatch.capacitated

    for module in (slmatch.assignment, slmatch.capacitated):
        failures, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert failures == 0


def all_plans(problem: Any, pins: Any = (), forbids: Any = ()) -> list[tuple[int, ...]]:
    """Every feasible plan (household per person, -1 unmatched) obeying pins and forbids."""
    person, household, _, capacity, people = problem
    pinned = {int(p): int(h) for p, h in pins}
    banned = {(int(p), int(h)) for p, h in forbids}
    options: list[list[int]] = [[-1] for _ in range(people)]
    for p, h in zip(person.tolist(), household.tolist()):
        options[p].append(h)
    plans = []
    for choice in itertools.product(*options):
        if any(choice[p] != h for p, h in pinned.items()):
            continue
        if any((p, h) in banned for p, h in enumerate(choice)):
            continue
        used = np.bincount([h for h in choice if h >= 0], minlength=len(capacity))
        if np.all(used <= capacity):
            plans.append(choice)
    return plans


def key(problem: Any, plan: Any, objective: str) -> tuple[int, int]:
    person, household, score, _, _ = problem
    weight = {(p, h): s for p, h, s in zip(person.tolist(), household.tolist(), score.tolist())}
    total = sum(weight[(p, h)] for p, h in enumerate(plan) if h >= 0)
    matched = sum(1 for h in plan if h >= 0)
    return (matched if objective == "max_matched_then_total" else 0, total)


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_pins_and_forbids_equal_brute_force(objective: str) -> None:
    rng = np.random.default_rng(31)
    checked = 0
    for _ in range(200):
        problem = random_problem(rng, int(rng.integers(1, 5)), int(rng.integers(1, 4)), 0.6)
        person, household = problem[0], problem[1]
        if len(person) == 0:
            continue
        chosen = rng.permutation(len(person))
        pins = [(int(person[chosen[0]]), int(household[chosen[0]]))]
        forbids = [(int(person[i]), int(household[i])) for i in chosen[1:3]]
        forbids = [f for f in forbids if f[0] != pins[0][0]]
        plans = all_plans(problem, pins, forbids)
        if not plans:  # the pin does not fit
            with pytest.raises(slmatch.ValidationError):
                assign_capacitated(*problem[:4], people=problem[4], pins=pins, forbids=forbids)
            continue
        plan = assign_capacitated(
            *problem[:4], people=problem[4], objective=objective, pins=pins, forbids=forbids
        )
        verify_capacitated(
            *problem[:4],
            plan=plan,
            people=problem[4],
            objective=objective,
            pins=pins,
            forbids=forbids,
        )
        assert plan.household_of[pins[0][0]] == pins[0][1]
        assert all(plan.household_of[p] != h for p, h in forbids)
        best = max(key(problem, p, objective) for p in plans)
        assert key(problem, tuple(plan.household_of.tolist()), objective) == best
        checked += 1
    assert checked > 100


def test_bad_pins_are_named() -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_capacitated([0, 1], [0, 0], [5, 1], [1], pins=[(0, 0), (1, 0)])
    assert any(r == "pin 1" for r, _, _ in raised.value.problems), raised.value.problems
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_capacitated([0, 1], [0, 0], [5, 1], [1], pins=[(0, 1)])
    assert raised.value.problems[0][0] == "pin 0"


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_k_best_plans_equal_the_brute_force_ranking(objective: str) -> None:
    rng = np.random.default_rng(37)
    for _ in range(150):
        problem = random_problem(rng, int(rng.integers(0, 5)), int(rng.integers(1, 4)), 0.5)
        plans = all_plans(problem)
        k = int(rng.integers(1, len(plans) + 2))
        listed = k_best_plans(*problem[:4], people=problem[4], objective=objective, k=k)
        ranking = sorted((key(problem, p, objective) for p in plans), reverse=True)
        assert len(listed) == min(k, len(plans))
        assert [key(problem, tuple(p.household_of.tolist()), objective) for p in listed] == (
            ranking[: len(listed)]
        )
        assert len({tuple(p.household_of.tolist()) for p in listed}) == len(listed)
        for plan in listed:
            assert plan.total == key(problem, plan.household_of, objective)[1]


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_reassignment_keeps_the_most_people_among_optimal_plans(objective: str) -> None:
    rng = np.random.default_rng(41)
    for _ in range(150):
        problem = random_problem(rng, int(rng.integers(1, 5)), int(rng.integers(1, 4)), 0.6)
        plans = all_plans(problem)
        previous = np.array(plans[int(rng.integers(0, len(plans)))], dtype=np.int64)
        # The scheme changed: scores moved, so the previous plan may no longer be best.
        changed = (problem[0], problem[1], rng.permutation(problem[2]), problem[3], problem[4])
        answer = reassign_capacitated(
            *changed[:4], people=changed[4], objective=objective, previous=previous
        )
        best = max(key(changed, p, objective) for p in plans)
        assert key(changed, tuple(answer.household_of.tolist()), objective) == best
        most_kept = max(
            sum(1 for a, b in zip(p, previous) if a == b and a >= 0)
            for p in plans
            if key(changed, p, objective) == best
        )
        assert answer.kept == most_kept
        moved = answer.changes
        assert set(moved["person"]) == {
            p for p in range(changed[4]) if answer.household_of[p] != previous[p]
        }


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_fair_plans_equal_brute_force(objective: str) -> None:
    rng = np.random.default_rng(43)
    for _ in range(100):
        problem = random_problem(rng, int(rng.integers(1, 5)), int(rng.integers(1, 4)), 0.6)
        person, household, score = problem[0], problem[1], problem[2]
        weight = {(p, h): s for p, h, s in zip(person.tolist(), household.tolist(), score.tolist())}
        plans = all_plans(problem)
        most = max(sum(1 for h in plan if h >= 0) for plan in plans)
        eligible = [
            plan
            for plan in plans
            if objective == "max_total" or sum(1 for h in plan if h >= 0) == most
        ]

        def lowest(plan: tuple[int, ...], weight: dict[tuple[int, int], int] = weight) -> int:
            chosen = [weight[(p, h)] for p, h in enumerate(plan) if h >= 0]
            return min(chosen) if chosen else -1

        fair = assign_fair(*problem[:4], people=problem[4], objective=objective)
        if objective == "max_matched_then_total":
            best_lowest = max(lowest(plan) for plan in eligible)
            assert (-1 if fair.lowest is None else fair.lowest) == best_lowest
            best_total = max(
                key(problem, p, objective)[1] for p in eligible if lowest(p) == best_lowest
            )
            assert fair.total == best_total
        plain = assign_capacitated(*problem[:4], people=problem[4], objective=objective)
        assert fair.plain_total == plain.total and fair.plain_matched == plain.matched
        waiting = rng.integers(0, 400, size=problem[4])
        by_waiting = assign_fair(
            *problem[:4],
            people=problem[4],
            rule="waiting_priority",
            waiting_days=waiting,
        )

        def waited(
            plan: tuple[int, ...], waiting: Any = waiting, problem: Any = problem
        ) -> tuple[int, int, int]:
            matched = sum(1 for h in plan if h >= 0)
            days = sum(int(waiting[p]) for p, h in enumerate(plan) if h >= 0)
            return matched, days, key(problem, plan, "max_total")[1]

        assert waited(tuple(by_waiting.household_of.tolist())) == max(waited(p) for p in plans)


def test_conflicting_people_are_never_placed_together() -> None:
    rng = np.random.default_rng(47)
    for _ in range(100):
        problem = random_problem(rng, int(rng.integers(2, 6)), int(rng.integers(1, 3)), 0.8)
        conflicts = [(0, 1)]
        plan = assign_without_conflicts(*problem[:4], people=problem[4], conflicts=conflicts)
        ok = [p for p in all_plans(problem) if p[0] < 0 or p[0] != p[1]]
        best = max(key(problem, p, "max_matched_then_total") for p in ok)
        got = tuple(plan.household_of.tolist())
        assert got in ok
        assert key(problem, got, "max_matched_then_total") == best
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_without_conflicts([0], [0], [1], [1], people=2, conflicts=[(1, 1)])
    assert raised.value.problems[0][0] == "conflict 0"


def test_waiting_priority_needs_waiting_days() -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_fair([0], [0], [1], [1], rule="waiting_priority")
    assert raised.value.problems[0][1] == "waiting_days"
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_fair([0, 1], [0, 0], [1, 2], [1], rule="waiting_priority", waiting_days=[3, -1])
    assert raised.value.problems[0][:2] == ("person 1", "waiting_days")


def test_a_problem_serves_every_solver_as_the_arrays_do() -> None:
    from slmatch.capacitated import Problem

    arrays = ([0, 0, 1, 2], [0, 1, 0, 0], [5.5, 3.0, 4.0, 9.0], [1, 1])
    constraints: dict[str, Any] = {"pins": [(2, 0)], "forbids": [(0, 0)]}
    problem = Problem(*arrays, **constraints)
    assert (problem.people, problem.households, problem.edges) == (3, 2, 4)
    assert problem.pins.tolist() == [[2, 0]] and problem.forbids.tolist() == [[0, 0]]
    plan = assign_capacitated(problem)
    same = assign_capacitated(*arrays, **constraints)
    assert plan.household_of.tolist() == same.household_of.tolist()
    assert (plan.total, plan.resolution) == (same.total, same.resolution) == (12.0, 0.001)
    verify_capacitated(problem, plan=plan)
    verify_capacitated(*arrays, plan=plan, **constraints)
    assert [p.total for p in k_best_plans(problem, k=3)] == [
        p.total for p in k_best_plans(*arrays, k=3, **constraints)
    ]
    waiting = Problem(*arrays, waiting_days=[1, 2, 3])
    fair = assign_fair(waiting, rule="waiting_priority")
    assert fair == assign_fair(*arrays, rule="waiting_priority", waiting_days=[1, 2, 3])._replace(
        household_of=fair.household_of
    )
    moved = reassign_capacitated(waiting, previous=[0, -1, -1])
    assert moved.total == reassign_capacitated(*arrays, previous=[0, -1, -1]).total
    apart = Problem(*arrays, conflicts=[(1, 2)])
    assert (
        assign_without_conflicts(apart)[1:]
        == (assign_without_conflicts(*arrays, conflicts=[(1, 2)])[1:])
    )


def test_a_problem_is_checked_once_and_refuses_what_a_solver_does_not_take() -> None:
    from slmatch.capacitated import Problem

    with pytest.raises(slmatch.ValidationError) as raised:
        Problem([0, 1], [0, 5], [1, 1], [1, 1])
    assert raised.value.problems[0][:2] == ("edge 1", "household")
    with pytest.raises(slmatch.ValidationError) as raised:
        Problem([0], [0], [1], [1], pins=[(0, 1)])
    assert raised.value.problems[0][0] == "pin 0"
    problem = Problem([0], [0], [1], [1], pins=[(0, 0)])
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_fair(problem)
    assert raised.value.problems[0][1] == "pins"
    with pytest.raises(TypeError):
        assign_capacitated(problem, people=3)
    with pytest.raises(TypeError):
        assign_capacitated(problem, [0])


def test_a_problem_pickles() -> None:
    import pickle

    from slmatch.capacitated import Problem

    problem = Problem(
        [0, 1], [0, 0], [1.25, 2.0], [1], pins=[(1, 0)], conflicts=[(0, 1)], waiting_days=[4, 5]
    )
    again = pickle.loads(pickle.dumps(problem))
    assert type(again) is Problem
    for mine, theirs in zip(again.arrays(), problem.arrays()):
        np.testing.assert_array_equal(np.asarray(mine), np.asarray(theirs))
    assert again.resolution == problem.resolution == 0.001


def random_groups(rng: np.random.Generator, people: int, households: int) -> list[Any]:
    """A couple of persons 0 and 1 (required or not), and persons 2 and 3 when there are."""
    from slmatch.capacitated import Group

    groups = []
    for members in ([0, 1], [2, 3]):
        if members[-1] >= people:
            break
        hosts = [(h, int(rng.integers(0, 6))) for h in range(households) if rng.random() < 0.7]
        groups.append(Group(members, hosts, required=bool(rng.random() < 0.6)))
    return groups


def grouped_plans(problem: Any, groups: list[Any]) -> list[tuple[tuple[int, ...], int, int]]:
    """Every plan keeping the groups, with its people matched and total (bonuses included)."""
    person, household, score, _, _ = problem
    weight = {(p, h): s for p, h, s in zip(person.tolist(), household.tolist(), score.tolist())}
    out = []
    for plan in all_plans(problem):
        total = sum(weight[(p, h)] for p, h in enumerate(plan) if h >= 0)
        kept = True
        for group in groups:
            home = plan[group.members[0]]
            same = all(plan[m] == home for m in group.members)
            bonus = dict(group.hosts).get(home)
            if group.required and not (same and (home < 0 or bonus is not None)):
                kept = False
            if same and home >= 0 and bonus is not None:
                total += bonus
        if kept:
            out.append((plan, sum(1 for h in plan if h >= 0), total))
    return out


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_plans_with_groups_equal_brute_force(objective: str) -> None:
    from slmatch.capacitated import assign_grouped

    rng = np.random.default_rng(53)
    for _ in range(120):
        people, households = int(rng.integers(2, 6)), int(rng.integers(1, 4))
        problem = random_problem(rng, people, households, 0.7)
        groups = random_groups(rng, people, households)
        plans = grouped_plans(problem, groups)

        def ranked(matched: int, total: float) -> tuple[int, float]:
            return (matched if objective == "max_matched_then_total" else 0, total)

        best = max(ranked(m, t) for _, m, t in plans)
        arrays: dict[str, Any] = {"people": problem[4], "objective": objective, "groups": groups}
        plan = assign_grouped(*problem[:4], **arrays)
        assert plan.proven_optimal
        by_plan = {p: (m, t) for p, m, t in plans}
        got = tuple(plan.household_of.tolist())
        assert got in by_plan and by_plan[got] == (plan.matched, plan.total)
        assert ranked(plan.matched, plan.total) == best
        k = int(rng.integers(1, 6))
        listed = k_best_plans(*problem[:4], k=k, **arrays)
        ranking = sorted((ranked(m, t) for _, m, t in plans), reverse=True)
        assert [ranked(p.matched, p.total) for p in listed] == ranking[:k]
        assert len({tuple(p.household_of.tolist()) for p in listed}) == len(listed)
        assert all(tuple(p.household_of.tolist()) in by_plan for p in listed)
        waiting = rng.integers(0, 50, size=people)
        by_waiting = assign_fair(
            *problem[:4], rule="waiting_priority", waiting_days=waiting, **arrays
        )

        def waited(
            plan: tuple[int, ...], matched: int, total: float, days: Any = waiting
        ) -> tuple[int, int, float]:
            served = sum(int(days[p]) for p, h in enumerate(plan) if h >= 0)
            return ranked(matched, 0)[0], served, total

        chosen = tuple(by_waiting.household_of.tolist())
        assert waited(chosen, by_waiting.matched, by_waiting.total) == max(
            waited(p, m, t) for p, m, t in plans
        )
        fair = assign_fair(*problem[:4], **arrays)
        assert tuple(fair.household_of.tolist()) in by_plan
        assert (fair.plain_matched, fair.plain_total) == (plan.matched, plan.total)


def test_groups_are_checked_and_taken_only_where_they_count() -> None:
    from slmatch.capacitated import Group, Problem, assign_grouped

    arrays = ([0, 0, 1, 1, 2], [0, 1, 0, 1, 1], [9.0, 5.0, 9.0, 5.0, 8.0], [1, 2])
    couple = Group([0, 1], [(1, 4.5)])
    problem = Problem(*arrays, groups=[couple])
    plan = assign_grouped(problem)
    assert plan.household_of.tolist() == [1, 1, -1]
    assert (plan.total, plan.together_total) == (14.5, 4.5)
    members, required, hosts, bonuses = problem.groups[0]
    assert (members.tolist(), required, hosts.tolist(), bonuses.tolist()) == (
        [0, 1],
        True,
        [1],
        [4500],
    )
    # A pin on one member takes the couple along; a pin that splits it is named.
    assert assign_grouped(*arrays, groups=[couple], pins=[(1, -1)]).household_of.tolist() == [
        -1,
        -1,
        1,
    ]
    with pytest.raises(slmatch.ValidationError) as raised:
        assign_grouped(*arrays, groups=[couple], pins=[(0, 0)])
    assert raised.value.problems[0][:2] == ("pin 0", "household")
    with pytest.raises(slmatch.ValidationError) as raised:
        Problem(*arrays, groups=[Group([0], [(1, 1.0)])])
    assert raised.value.problems[0][:2] == ("group 0", "members")
    for solver in (assign_capacitated, reassign_capacitated, assign_without_conflicts):
        with pytest.raises(slmatch.ValidationError) as raised:
            options: dict[str, Any] = (
                {"previous": [-1, -1, -1]} if solver is reassign_capacitated else {}
            )
            solver(problem, **options)
        assert ("problem", "groups") in [r[:2] for r in raised.value.problems]
    import pickle

    again = pickle.loads(pickle.dumps(problem))
    assert type(again) is Problem
    assert assign_grouped(again).household_of.tolist() == [1, 1, -1]
    assert [p.total for p in k_best_plans(problem, k=5)] == [14.5, 8.0, 0.0]
