"""Property tests: on any small problem hypothesis draws, every solver's plan is feasible,
respects capacities, pins, forbids and conflicts, and its certificate verifies."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.optimize
import scipy.sparse
from hypothesis import given, settings
from hypothesis import strategies as st
from slmatch.solvers import (
    assign_capacitated,
    assign_fair,
    assign_without_conflicts,
    k_best_plans,
    linear_sum_assignment_with_duals,
    min_weight_full_bipartite_matching,
    reassign_capacitated,
    verify_capacitated,
    verify_linear_sum_assignment,
)
from slmatch.stable import blocking_pairs, hospital_resident

# Derandomized so that CI runs the same examples every time; no example database on disk.
PROPERTY = settings(max_examples=120, deadline=None, database=None, derandomize=True)
OBJECTIVES = st.sampled_from(["max_matched_then_total", "max_total"])


class Problem:
    """People, households with places, and scored allowed pairs."""

    def __init__(self, people: int, capacity: list[int], pairs: list[tuple[int, int, int]]):
        self.people = people
        self.capacity = np.array(capacity, dtype=np.int64)
        self.person = np.array([p for p, _, _ in pairs], dtype=np.int64)
        self.household = np.array([h for _, h, _ in pairs], dtype=np.int64)
        self.score = np.array([s for _, _, s in pairs], dtype=np.int64)
        self.pairs = {(p, h): s for p, h, s in pairs}

    def arrays(self) -> tuple[Any, Any, Any, Any]:
        return self.person, self.household, self.score, self.capacity


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    people = draw(st.integers(0, 7))
    capacity = draw(st.lists(st.integers(0, 3), min_size=1, max_size=5))
    allowed = [(p, h) for p in range(people) for h in range(len(capacity))]
    chosen = draw(st.lists(st.sampled_from(allowed), unique=True) if allowed else st.just([]))
    scores = draw(st.lists(st.integers(0, 100), min_size=len(chosen), max_size=len(chosen)))
    return Problem(people, capacity, [(p, h, s) for (p, h), s in zip(chosen, scores)])


def check_feasible(problem: Problem, household_of: Any) -> None:
    """Every person in at most one household, over an allowed pair, within its places."""
    household_of = np.asarray(household_of)
    assert household_of.shape == (problem.people,)
    load = np.zeros(len(problem.capacity), dtype=np.int64)
    for p, h in enumerate(household_of.tolist()):
        if h == -1:
            continue
        assert (p, h) in problem.pairs, f"person {p} placed in household {h} without a pair"
        load[h] += 1
    assert (load <= problem.capacity).all(), "a household is over capacity"


def total_of(problem: Problem, household_of: Any) -> int:
    return sum(problem.pairs[(p, h)] for p, h in enumerate(np.asarray(household_of)) if h >= 0)


@PROPERTY
@given(problems(), OBJECTIVES)
def test_assign_capacitated_is_feasible_and_certified(problem: Problem, objective: str) -> None:
    plan = assign_capacitated(*problem.arrays(), people=problem.people, objective=objective)
    check_feasible(problem, plan.household_of)
    assert plan.matched == int((plan.household_of >= 0).sum())
    assert plan.total == total_of(problem, plan.household_of)
    verify_capacitated(*problem.arrays(), plan=plan, people=problem.people, objective=objective)


@st.composite
def problems_with_constraints(draw: st.DrawFn) -> tuple[Problem, list[Any], list[Any]]:
    problem = draw(problems())
    pairs = sorted(problem.pairs)
    pins: list[tuple[int, int]] = []
    load = [0] * len(problem.capacity)
    for p, h in draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []:
        if all(p != q for q, _ in pins) and load[h] < problem.capacity[h]:
            pins.append((p, h))
            load[h] += 1
    forbids = draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []
    return problem, pins, [f for f in forbids if f not in pins]


@PROPERTY
@given(problems_with_constraints(), OBJECTIVES)
def test_pins_and_forbids_are_obeyed_and_certified(case: Any, objective: str) -> None:
    problem, pins, forbids = case
    arguments = {"people": problem.people, "objective": objective, "pins": pins, "forbids": forbids}
    plan = assign_capacitated(*problem.arrays(), **arguments)
    check_feasible(problem, plan.household_of)
    for p, h in pins:
        assert plan.household_of[p] == h
    for p, h in forbids:
        assert plan.household_of[p] != h
    verify_capacitated(*problem.arrays(), plan=plan, **arguments)
    # Obeying constraints never beats the unconstrained optimum.
    free = assign_capacitated(*problem.arrays(), people=problem.people, objective=objective)
    assert (plan.matched, plan.total) <= (free.matched, free.total) or objective == "max_total"
    assert plan.total <= free.total or objective == "max_matched_then_total"


@PROPERTY
@given(problems_with_constraints(), OBJECTIVES, st.integers(1, 4))
def test_k_best_plans_are_feasible_distinct_and_ordered(case: Any, objective: str, k: int) -> None:
    problem, pins, forbids = case
    plans = k_best_plans(
        *problem.arrays(),
        k=k,
        people=problem.people,
        objective=objective,
        pins=pins,
        forbids=forbids,
    )
    assert 1 <= len(plans) <= k
    seen = set()
    for plan in plans:
        check_feasible(problem, plan.household_of)
        for p, h in pins:
            assert plan.household_of[p] == h
        for p, h in forbids:
            assert plan.household_of[p] != h
        seen.add(tuple(plan.household_of.tolist()))
    assert len(seen) == len(plans)
    keys = [(0 if objective == "max_total" else plan.matched, plan.total) for plan in plans]
    assert keys == sorted(keys, reverse=True)
    best = assign_capacitated(
        *problem.arrays(), people=problem.people, objective=objective, pins=pins, forbids=forbids
    )
    assert plans[0].total == best.total


@PROPERTY
@given(problems(), OBJECTIVES, st.data())
def test_reassignment_is_feasible_and_optimal(problem: Problem, objective: str, data: Any) -> None:
    households = len(problem.capacity)
    previous = data.draw(
        st.lists(st.integers(-1, households - 1), min_size=problem.people, max_size=problem.people)
    )
    plan = reassign_capacitated(
        *problem.arrays(), previous=previous, people=problem.people, objective=objective
    )
    check_feasible(problem, plan.household_of)
    best = assign_capacitated(*problem.arrays(), people=problem.people, objective=objective)
    assert plan.total == best.total and (plan.matched == best.matched or objective == "max_total")
    kept = sum(1 for p, h in enumerate(previous) if h >= 0 and plan.household_of[p] == h)
    assert plan.kept == kept


@PROPERTY
@given(problems(), OBJECTIVES, st.sampled_from(["egalitarian", "leximin", "waiting_priority"]))
def test_fair_plans_are_feasible(problem: Problem, objective: str, rule: str) -> None:
    waiting = np.arange(problem.people, dtype=np.int64) * 30
    plan = assign_fair(
        *problem.arrays(),
        rule=rule,
        people=problem.people,
        objective=objective,
        waiting_days=waiting if rule == "waiting_priority" else None,
    )
    check_feasible(problem, plan.household_of)
    assert plan.total == total_of(problem, plan.household_of)
    if objective == "max_matched_then_total":
        assert plan.matched == plan.plain_matched
    assert plan.total <= plan.plain_total


@PROPERTY
@given(problems(), OBJECTIVES, st.data())
def test_conflict_free_plans_keep_conflicting_people_apart(
    problem: Problem, objective: str, data: Any
) -> None:
    conflicts = []
    if problem.people >= 2:
        conflicts = data.draw(
            st.lists(
                st.tuples(
                    st.integers(0, problem.people - 1), st.integers(0, problem.people - 1)
                ).filter(lambda pair: pair[0] != pair[1]),
                max_size=4,
            )
        )
    plan = assign_without_conflicts(
        *problem.arrays(), conflicts=conflicts, people=problem.people, objective=objective
    )
    check_feasible(problem, plan.household_of)
    for a, b in conflicts:
        assert plan.household_of[a] == -1 or plan.household_of[a] != plan.household_of[b]
    assert plan.total <= plan.unconstrained_total or objective == "max_matched_then_total"


costs = st.integers(1, 6).flatmap(
    lambda rows: st.integers(1, 6).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(-50, 50), st.just(np.inf)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@PROPERTY
@given(costs, st.booleans())
def test_dense_assignment_is_certified_and_equals_scipy(matrix: Any, maximize: bool) -> None:
    cost = np.array(matrix, dtype=np.float64)
    if maximize:
        cost[np.isinf(cost)] = -np.inf
    try:
        expected = scipy.optimize.linear_sum_assignment(cost, maximize=maximize)
    except ValueError:
        expected = None  # infeasible
    if expected is None:
        try:
            linear_sum_assignment_with_duals(cost, maximize=maximize)
        except ValueError:
            return
        raise AssertionError("an infeasible matrix was solved")
    answer = linear_sum_assignment_with_duals(cost, maximize=maximize)
    verify_linear_sum_assignment(cost, answer, maximize=maximize)
    assert len(set(answer.col_ind.tolist())) == len(answer.col_ind)
    assert cost[answer.row_ind, answer.col_ind].sum() == cost[expected].sum()


@PROPERTY
@given(costs, st.booleans())
def test_sparse_assignment_equals_scipy(matrix: Any, maximize: bool) -> None:
    dense = np.array(matrix, dtype=np.float64)
    dense[dense == 0] = 1.0  # stored zeros are dropped with a warning, as in scipy
    dense[np.isinf(dense)] = 0.0  # not stored: not an edge
    graph = scipy.sparse.csr_matrix(dense)
    try:
        expected = scipy.sparse.csgraph.min_weight_full_bipartite_matching(graph, maximize=maximize)
    except ValueError:
        expected = None
    try:
        rows, cols = min_weight_full_bipartite_matching(graph, maximize=maximize)
    except ValueError:
        assert expected is None
        return
    assert expected is not None
    assert (dense[rows, cols] != 0).all(), "matched over a pair that is not an edge"
    assert len(set(cols.tolist())) == len(cols)
    assert dense[rows, cols].sum() == dense[expected].sum()


@st.composite
def preference_lists(draw: st.DrawFn) -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, int]]:
    people = [f"P{i}" for i in range(draw(st.integers(0, 6)))]
    households = [f"H{i}" for i in range(draw(st.integers(1, 4)))]
    person_prefs = {
        p: draw(st.permutations(households)).copy()[: draw(st.integers(0, len(households)))]
        for p in people
    }
    household_prefs = {
        h: draw(st.permutations(people)).copy()[: draw(st.integers(0, len(people)))]
        for h in households
    }
    capacities = {h: draw(st.integers(0, 3)) for h in households}
    return person_prefs, household_prefs, capacities


@PROPERTY
@given(preference_lists(), st.sampled_from(["person", "household"]))
def test_stable_plans_have_no_blocking_pair(case: Any, optimal: str) -> None:
    person_prefs, household_prefs, capacities = case
    plan = hospital_resident(person_prefs, household_prefs, capacities, optimal=optimal)
    placed = [p for members in plan.values() for p in members]
    assert len(placed) == len(set(placed))
    for h, members in plan.items():
        assert len(members) <= capacities[h]
        for p in members:
            assert h in person_prefs[p] and p in household_prefs[h]
    assert blocking_pairs(person_prefs, household_prefs, capacities, plan) == []
