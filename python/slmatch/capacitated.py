"""Capacitated assignment: people to households with room for more than one, certified.

:func:`assign_capacitated` finds the best plan under household capacities, pins and
forbidden pairs, with dual prices that prove it optimal; :func:`verify_capacitated` checks any
plan against them. :func:`k_best_plans` lists the K best distinct plans,
:func:`reassign_capacitated` re-solves after people or households join or leave,
:func:`assign_fair` solves under a fairness rule and :func:`assign_without_conflicts` places
no two conflicting people together. With groups of people to be placed together
(:class:`Group`), :func:`assign_grouped` finds the best plan that keeps them, and
:func:`k_best_plans` and :func:`assign_fair` rank and choose among such plans only. The
solving runs in C++ with the GIL released.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from slmatch import _core
from slmatch._core import capacitated as _compiled
from slmatch._errors import validation_error as _validation_error

__all__ = [
    "CHANGE_CAUSES",
    "CHANGE_KINDS",
    "FAIRNESS_RULES",
    "OBJECTIVES",
    "CapacitatedAssignment",
    "ConflictFreeAssignment",
    "FairAssignment",
    "Group",
    "GroupedAssignment",
    "Problem",
    "RankedPlan",
    "Reassignment",
    "assign_capacitated",
    "assign_fair",
    "assign_grouped",
    "assign_without_conflicts",
    "k_best_plans",
    "reassign_capacitated",
    "verify_capacitated",
]


OBJECTIVES: tuple[str, ...] = _core.vocabularies["objective"]
"""The objectives :func:`assign_capacitated` accepts (from the C++ vocabulary; the first is
the default)."""


class CapacitatedAssignment(NamedTuple):
    """People assigned to households, with the dual prices that prove the plan optimal.

    The prices are in integer weight units (the scores divided by ``resolution``). They
    satisfy ``person_price[p] + household_price[h] >= weight + bonus`` on every allowed
    pair, with equality on the chosen pairs; unmatched people and households with a spare
    place have price 0; and ``person_price.sum() + (capacity * household_price).sum()``
    equals the weight total plus ``matched * bonus``. :func:`verify_capacitated` checks all
    of this.
    """

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1 when the person is not matched."""
    matched: int
    """How many people have a household."""
    total: float
    """The sum of the chosen pairs' scores (rounded to ``resolution``)."""
    person_price: npt.NDArray[np.int64]
    """Dual price of each person."""
    household_price: npt.NDArray[np.int64]
    """Dual price of each household's places."""
    bonus: int
    """Added to every weight in the certificate: 0 for ``"max_total"``, for
    ``"max_matched_then_total"`` one more than any total a plan can reach."""
    resolution: float
    """The score that one integer weight unit stands for (1 for integer scores)."""


def _check_objective(objective: str) -> None:
    _core._check_name("objective", "options", "objective", objective)


def _integer_vector(values: Any, name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise _validation_error([("problem", name, f"must be a 1-D array (is {array.ndim}-D)")])
    if array.size and not np.issubdtype(array.dtype, np.integer):
        if not np.issubdtype(array.dtype, np.floating) or not np.all(array == np.rint(array)):
            raise _validation_error([("problem", name, "must hold whole numbers")])
    return np.ascontiguousarray(array, dtype=np.int64)


def _edges(
    person: Any,
    household: Any,
    score: Any,
    capacity: Any,
    people: int | None,
    resolution: float | None,
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    int,
    float,
]:
    """The edge arrays behind either calling form, with scores as integer weights:
    (person, household, weight, capacity, people, resolution)."""
    if _is_sparse(person):
        if score is not None or (household is not None and capacity is not None):
            raise TypeError("with a sparse score matrix, pass only the matrix and capacity")
        matrix = person.tocoo()
        matrix.sum_duplicates()
        capacity = household if capacity is None else capacity
        person, household, score = matrix.row, matrix.col, matrix.data
        if people is not None and people != matrix.shape[0]:
            raise _validation_error(
                [("problem", "people", f"must equal the matrix's rows ({matrix.shape[0]})")]
            )
        people = int(matrix.shape[0])
        if capacity is not None and len(np.asarray(capacity)) != matrix.shape[1]:
            raise _validation_error(
                [("problem", "capacity", f"must have one entry per column ({matrix.shape[1]})")]
            )
    if household is None or score is None or capacity is None:
        raise TypeError("assign_capacitated needs person, household, score and capacity")
    person_index = _integer_vector(person, "person")
    household_index = _integer_vector(household, "household")
    places = _integer_vector(capacity, "capacity")
    scores = np.asarray(score)
    if scores.ndim != 1:
        raise _validation_error([("problem", "score", f"must be a 1-D array (is {scores.ndim}-D)")])
    if scores.size and not (
        np.issubdtype(scores.dtype, np.number) or scores.dtype == np.dtype(np.bool_)
    ):
        raise _validation_error([("problem", "score", f"must be numbers (is {scores.dtype})")])
    if np.issubdtype(scores.dtype, np.integer) or scores.dtype == np.dtype(np.bool_):
        if resolution not in (None, 1):
            raise _validation_error(
                [("options", "resolution", "applies to float scores only (scores are integers)")]
            )
        weight = np.ascontiguousarray(scores, dtype=np.int64)
        step = 1.0
    else:
        step = 1e-3 if resolution is None else float(resolution)
        if not (np.isfinite(step) and step > 0):
            raise _validation_error([("options", "resolution", f"must be > 0 (is {step})")])
        values = np.asarray(scores, dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            raise _validation_error(
                [(f"edge {int(i)}", "score", f"must be finite (is {values[i]})") for i in bad[:20]]
            )
        scaled = np.rint(values / step)
        too_big = np.flatnonzero(np.abs(scaled) > 2.0**48)
        if too_big.size:
            raise _validation_error(
                [
                    (f"edge {int(i)}", "score", f"is too large for resolution {step}")
                    for i in too_big[:20]
                ]
            )
        weight = scaled.astype(np.int64)
    if people is None:
        people = int(person_index.max()) + 1 if person_index.size else 0
    return person_index, household_index, weight, places, int(people), step


def _pairs(pairs: Any, name: str) -> npt.NDArray[np.int64]:
    """(person, household) pairs as an n x 2 index array."""
    array = np.asarray([] if pairs is None else pairs)
    if array.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if array.ndim != 2 or array.shape[1] != 2 or not np.issubdtype(array.dtype, np.integer):
        raise _validation_error(
            [("options", name, "must be a sequence of (person, household) index pairs")]
        )
    return np.ascontiguousarray(array, dtype=np.int64)


class Group(NamedTuple):
    """People to be placed together: a couple, siblings or friends, for :class:`Problem`'s
    ``groups``."""

    members: Sequence[int]
    """Person indices, two or more, each in no other group."""
    hosts: Sequence[tuple[int, float]]
    """(household, bonus) pairs, in increasing household order: the households that could
    take the whole group, and the score the group earns there for living together (``>= 0``,
    rounded to the resolution like the scores). A host where some member has no allowed pair
    or that has fewer places than members is never used."""
    required: bool = True
    """True: all of them in one host, or none of them placed. False: placed freely, the
    bonus earned only when all of them are in one host."""


def _groups(groups: Any, step: float) -> list[tuple[Any, bool, Any, Any]]:
    """Groups as the compiled problem takes them: (members, required, host households, host
    bonuses in integer weight units)."""
    out = []
    for g, given in enumerate([] if groups is None else groups):
        group = given if isinstance(given, Group) else Group(*given)
        hosts = list(group.hosts)
        bonus = np.asarray([b for _, b in hosts], dtype=np.float64)
        if not np.all(np.isfinite(bonus)):
            raise _validation_error([(f"group {g}", "hosts", "bonuses must be finite")])
        out.append(
            (
                _integer_vector(list(group.members), "members"),
                bool(group.required),
                _integer_vector([h for h, _ in hosts], "hosts"),
                np.rint(bonus / step).astype(np.int64),
            )
        )
    return out


def _is_sparse(value: Any) -> bool:
    try:
        sparse = importlib.import_module("scipy.sparse")
    except ImportError:
        return False
    return bool(sparse.issparse(value))


class Problem(_compiled.Problem):
    """A capacitated problem, checked once, that every solver here takes in place of arrays.

    Takes the problem in the forms :func:`assign_capacitated` takes (edge arrays, or a
    scipy.sparse score matrix and the capacities), with the constraints the solvers use:
    ``pins`` and ``forbids`` (for :func:`assign_capacitated`, :func:`verify_capacitated` and
    :func:`k_best_plans`), ``conflicts`` (for :func:`assign_without_conflicts`) and
    ``waiting_days`` (for :func:`assign_fair`'s ``"waiting_priority"`` rule), and ``groups``
    (:class:`Group` or (members, hosts, required) tuples, for :func:`assign_grouped`,
    :func:`k_best_plans` and :func:`assign_fair`). A solver given a problem with constraints
    it does not take raises :class:`slmatch.ValidationError`.
    Problems pickle, so they travel to worker processes.

    Raises
    ------
    slmatch.ValidationError
        Naming the edge, household, pin, forbid or conflict and the field, as
        :func:`assign_capacitated` does.

    Examples
    --------
    >>> from slmatch.capacitated import Problem, assign_capacitated, k_best_plans
    >>> problem = Problem([0, 0, 1, 2], [0, 1, 0, 0], [5, 3, 4, 9], [1, 1])
    >>> assign_capacitated(problem).total, len(k_best_plans(problem, k=2))
    (12.0, 2)
    """

    def __init__(
        self,
        person: Any,
        household: Any = None,
        score: Any = None,
        capacity: Any = None,
        *,
        people: int | None = None,
        resolution: float | None = None,
        pins: Any = None,
        forbids: Any = None,
        conflicts: Any = None,
        waiting_days: Any = None,
        groups: Any = None,
    ) -> None:
        person_index, household_index, weight, places, count, step = _edges(
            person, household, score, capacity, people, resolution
        )
        super().__init__(
            person_index,
            household_index,
            weight,
            places,
            count,
            pins=_pairs(pins, "pins"),
            forbids=_pairs(forbids, "forbids"),
            conflicts=_pairs(conflicts, "conflicts"),
            waiting_days=None
            if waiting_days is None
            else _integer_vector(waiting_days, "waiting_days"),
            resolution=step,
            groups=_groups(groups, step),
        )


def _problem(
    person: Any,
    household: Any,
    score: Any,
    capacity: Any,
    people: int | None,
    resolution: float | None,
    pins: Any = None,
    forbids: Any = None,
    *,
    conflicts: Any = None,
    waiting_days: Any = None,
    groups: Any = None,
) -> _compiled.Problem:
    """The problem behind either calling form: a :class:`Problem` as given, or one built from
    the arrays and options."""
    options = {
        "people": people,
        "resolution": resolution,
        "pins": pins,
        "forbids": forbids,
        "conflicts": conflicts,
        "waiting_days": waiting_days,
        "groups": groups,
    }
    if not isinstance(person, _compiled.Problem):
        return Problem(person, household, score, capacity, **options)
    given = [name for name, value in options.items() if value is not None]
    if household is not None or score is not None or capacity is not None or given:
        raise TypeError(
            "with a Problem, pass no other problem arguments"
            + (f" (got {', '.join(given)})" if given else "")
        )
    return person


def _plan_part(
    problem: _compiled.Problem, household_of: npt.NDArray[np.int64], matched: int, total: int
) -> tuple[npt.NDArray[np.int64], int, float]:
    """The fields every result starts with: ``household_of``, ``matched`` and ``total``, the
    total turned from integer weight units back into scores."""
    return household_of, int(matched), float(total) * problem.resolution


def assign_capacitated(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    pins: Any = None,
    forbids: Any = None,
    threads: int = 1,
) -> CapacitatedAssignment:
    """Assign people to households with limited places, optimally, with a certificate.

    Each person gets at most one household, each household at most ``capacity`` people,
    and only the given (person, household) pairs are allowed. The solver runs in C++ with
    the GIL released; the plan is the same for any number of threads.

    Parameters
    ----------
    person, household, score : array_like
        One entry per allowed pair: the person's index, the household's index and the
        pair's score (``>= 0``, larger is better). Alternatively pass a scipy.sparse
        matrix of scores (people x households; every stored entry is an allowed pair) as
        ``person`` and the capacities as the second argument. Or pass a :class:`Problem`
        as ``person`` and none of the other problem arguments (``people``, ``resolution``,
        ``pins``, ``forbids``).
    capacity : array_like of int
        Places in each household (``>= 0``); its length is the number of households.
    people : int, optional
        Number of people (default: the largest person index + 1, or the matrix's rows).
    objective : {"max_matched_then_total", "max_total"}
        ``"max_matched_then_total"`` (default) matches as many people as possible and, among
        those plans, takes the largest total score; ``"max_total"`` takes the largest total
        and may leave people unmatched.
    resolution : float, optional
        Float scores are rounded to multiples of this (default 0.001, the precision of
        slmatch's 0-100 scores) and the optimum is exact on the rounded scores. Integer
        scores are used exactly.
    pins : sequence of (person, household), optional
        Pairs that must be in the plan; household -1 keeps the person unmatched. Pinned
        people count as matched and their scores count in the total.
    forbids : sequence of (person, household), optional
        Pairs that must not be in the plan.
    threads : int
        Independent parts of the problem (connected components) are solved in parallel.

    Returns
    -------
    CapacitatedAssignment
        ``household_of`` (-1 for unmatched), ``matched``, ``total`` and the certificate.
        With pins or forbids the prices certify the plan as the best one obeying them:
        they are the prices of the problem left when pinned people are taken out (with
        their places) and forbidden pairs dropped; a pinned person's price is 0.

    Raises
    ------
    slmatch.ValidationError
        Naming the edge or household and the field: an index out of range, a negative or
        non-finite score, a negative capacity, a repeated pair, arrays of unequal length.

    Examples
    --------
    >>> from slmatch.capacitated import assign_capacitated
    >>> plan = assign_capacitated([0, 0, 1, 2], [0, 1, 0, 0], [5, 3, 4, 9], [1, 1])
    >>> plan.household_of.tolist(), plan.matched, plan.total
    ([1, -1, 0], 2, 12.0)
    """
    _check_objective(objective)
    problem = _problem(person, household, score, capacity, people, resolution, pins, forbids)
    household_of, matched, total, person_price, household_price, bonus = _compiled.assign(
        problem, objective, int(threads)
    )
    return CapacitatedAssignment(
        *_plan_part(problem, household_of, matched, total),
        person_price,
        household_price,
        int(bonus),
        problem.resolution,
    )


def verify_capacitated(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    plan: CapacitatedAssignment,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    pins: Any = None,
    forbids: Any = None,
) -> None:
    """Check that a capacitated plan is feasible and optimal, using its certificate.

    Takes the problem in the same forms as :func:`assign_capacitated` (the scores are
    rounded with ``plan.resolution``) and checks: every chosen pair is allowed, no
    household is over capacity, every price is ``>= 0``, no allowed pair has a negative
    reduced cost, chosen pairs have zero reduced cost, unmatched people and households
    with spare places have price 0, and the certificate's total equals the plan's. With
    ``pins`` and ``forbids`` (as given to :func:`assign_capacitated`) it also checks the
    plan obeys them and checks the certificate on the problem they leave.

    Raises
    ------
    slmatch.SlmatchError
        Naming the first condition that fails, e.g. ``"household 3 over capacity: 3 > 2"``.
    slmatch.ValidationError
        When the problem itself is malformed.
    """
    resolution = None if plan.resolution == 1.0 else plan.resolution
    if isinstance(person, _compiled.Problem):
        resolution = None  # the problem's own
    elif not _is_sparse(person):
        scores = np.asarray(score)
        if np.issubdtype(scores.dtype, np.integer) or scores.dtype == np.dtype(np.bool_):
            resolution = None
    problem = _problem(person, household, score, capacity, people, resolution, pins, forbids)
    _compiled.verify(
        problem,
        objective,
        np.asarray(plan.household_of, dtype=np.int64),
        np.asarray(plan.person_price, dtype=np.int64),
        np.asarray(plan.household_price, dtype=np.int64),
        int(plan.bonus),
    )


class RankedPlan(NamedTuple):
    """One of the K best plans. Every result here starts with these three fields, in this
    order (NamedTuples cannot share fields, so each result declares them again)."""

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1."""
    matched: int
    """How many people have a household."""
    total: float
    """The sum of the chosen pairs' scores (rounded to the resolution)."""


def k_best_plans(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    k: int,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    pins: Any = None,
    forbids: Any = None,
    groups: Any = None,
    threads: int = 1,
) -> list[RankedPlan]:
    """The K best distinct plans, best first, so a coordinator can see the alternatives.

    Murty's method: each listed plan's space of alternatives is split by the first person
    whose household differs, and each part is solved exactly (with a certificate checked
    by the C++ tests). Plans are distinct as person-to-household maps (unmatched
    included), ordered by matched count then total (``"max_matched_then_total"``) or by
    total (``"max_total"``); ties between equal plans come out in a fixed order.

    Takes the problem in the forms :func:`assign_capacitated` takes, plus ``k``, and
    ``groups`` as :func:`assign_grouped` does: then only plans that keep the groups are
    listed, and a plan's total includes the bonuses it earns. Returns fewer than ``k`` plans
    when fewer exist. Each plan costs at most a few solves of the whole problem, so keep
    ``k`` small for large problems.

    Raises
    ------
    slmatch.ValidationError
        As :func:`assign_capacitated`, or for ``k < 0``.

    Examples
    --------
    >>> from slmatch.capacitated import k_best_plans
    >>> plans = k_best_plans([0, 0, 1], [0, 1, 0], [5, 3, 4], [1, 1], k=3)
    >>> [(plan.household_of.tolist(), plan.total) for plan in plans]
    [([1, 0], 7.0), ([0, -1], 5.0), ([-1, 0], 4.0)]
    """
    _check_objective(objective)
    problem = _problem(
        person, household, score, capacity, people, resolution, pins, forbids, groups=groups
    )
    listed = _compiled.k_best(problem, objective, int(k), int(threads))
    return [
        RankedPlan(*_plan_part(problem, household_of, matched, total))
        for household_of, matched, total in listed
    ]


class GroupedAssignment(NamedTuple):
    """The best plan that keeps every group, and what it did with each group."""

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1."""
    matched: int
    """How many people have a household."""
    total: float
    """The chosen pairs' scores plus the bonuses earned (rounded to the resolution)."""
    group_household: npt.NDArray[np.int64]
    """Per group: the household all its members share (earning its bonus), or -1."""
    together_total: float
    """The bonuses earned, part of ``total``."""
    proven_optimal: bool
    """No plan is better (False only when the exact search ran out of time)."""


def assign_grouped(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    groups: Any = None,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    pins: Any = None,
    forbids: Any = None,
    threads: int = 1,
) -> GroupedAssignment:
    """The best plan in which people who are to be placed together are.

    A required group is placed whole in one of its hosts or not at all; a preferred group's
    members are placed freely and earn the host's bonus when all of them are in it. Exact:
    the flow solver's relaxation, a plan repaired to keep the groups, and branch and price
    on the exact programme when they differ (see ``slmatch/solve/groups.hpp``).

    Takes the problem in the forms :func:`assign_capacitated` takes, with ``groups``: a
    sequence of :class:`Group` (or (members, hosts, required) tuples). A pin on a member of
    a required group pins the whole group; a forbid keeps the whole group out of the
    household.

    Raises
    ------
    slmatch.ValidationError
        As :func:`assign_capacitated`, or naming the group and field (``"group 1"``,
        ``"members"``) or the pin that splits a group or puts it where it cannot go.

    Examples
    --------
    >>> from slmatch.capacitated import Group, assign_grouped
    >>> couple = Group(members=[0, 1], hosts=[(1, 4)])
    >>> plan = assign_grouped([0, 0, 1, 1, 2], [0, 1, 0, 1, 1], [9, 5, 9, 5, 8], [1, 2],
    ...                       groups=[couple])
    >>> plan.household_of.tolist(), plan.total, plan.group_household.tolist()
    ([1, 1, -1], 14.0, [1])
    """
    _check_objective(objective)
    problem = _problem(
        person, household, score, capacity, people, resolution, pins, forbids, groups=groups
    )
    household_of, matched, total, group_household, together, proven = _compiled.assign_grouped(
        problem, objective, int(threads)
    )
    return GroupedAssignment(
        *_plan_part(problem, household_of, matched, total),
        group_household,
        float(together) * problem.resolution,
        bool(proven),
    )


CHANGE_KINDS: tuple[str, ...] = _core.vocabularies["change kind"]
"""What happened to a person when a plan was re-solved."""
CHANGE_CAUSES: tuple[str, ...] = _core.vocabularies["change cause"]
"""Why a person's household changed when a plan was re-solved."""


class Reassignment(NamedTuple):
    """A re-solved plan and who it moved."""

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1."""
    matched: int
    """How many people have a household."""
    total: float
    """The sum of the chosen pairs' scores (rounded to the resolution)."""
    kept: int
    """People left in their previous household."""
    keepable: int
    """People whose previous pair is still allowed."""
    changes: Any
    """A pandas DataFrame, one row per person whose household changed: ``person``,
    ``change`` (moved, newly_matched, unmatched), ``cause`` (none, household_removed,
    pair_not_allowed, better_plan), ``previous_household`` and ``household`` (-1: none,
    -2: the previous household is no longer in the problem)."""


def reassign_capacitated(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    previous: Any,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    threads: int = 1,
) -> Reassignment:
    """Re-solve after people or households joined or left, moving people only when it pays.

    The plan is optimal for ``objective`` and, among optimal plans, keeps the largest
    number of people in their previous household: weights are scaled by one more than
    the number of people who could stay and each previous pair gets one more, so the
    order (objective first, then people kept) is exact.

    Parameters
    ----------
    person, household, score, capacity, people, objective, resolution, threads
        The new problem, as for :func:`assign_capacitated`.
    previous : array_like of int
        Per person of the new problem: their household in the previous plan (an index in
        the new problem), -1 when they had none or are new, -2 when their previous
        household has left.

    Returns
    -------
    Reassignment
        The plan, how many stayed, and a DataFrame of who changed and why.

    Raises
    ------
    slmatch.ValidationError
        As :func:`assign_capacitated`; for a ``previous`` entry out of range; or when the
        scaled weights would overflow 64-bit arithmetic.
    """
    import pandas as pd

    _check_objective(objective)
    problem = _problem(person, household, score, capacity, people, resolution)
    household_of, matched, total, kept, keepable, changes = _compiled.reassign(
        problem, objective, _integer_vector(previous, "previous"), int(threads)
    )
    who, kind, cause, before, after = changes
    frame = pd.DataFrame(
        {
            "person": who,
            "change": pd.Categorical.from_codes(kind, categories=pd.Index(CHANGE_KINDS)),
            "cause": pd.Categorical.from_codes(cause, categories=pd.Index(CHANGE_CAUSES)),
            "previous_household": before,
            "household": after,
        }
    )
    return Reassignment(
        *_plan_part(problem, household_of, matched, total),
        int(kept),
        int(keepable),
        frame,
    )


FAIRNESS_RULES: tuple[str, ...] = _core.vocabularies["fairness rule"]
"""The rules :func:`assign_fair` accepts (from the C++ vocabulary; the first is the default)."""


class FairAssignment(NamedTuple):
    """A plan chosen for fairness, and what it costs against the plain optimum."""

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1."""
    matched: int
    """How many people have a household."""
    total: float
    """The sum of the chosen pairs' scores (rounded to the resolution)."""
    lowest: float | None
    """The lowest matched score (None when nobody is matched)."""
    plain_matched: int
    """People matched by the plain optimal plan of the same objective."""
    plain_total: float
    """The plain optimal plan's total: ``plain_total - total`` is the price of fairness."""


def assign_fair(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    rule: str = FAIRNESS_RULES[0],
    waiting_days: Any = None,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    groups: Any = None,
    threads: int = 1,
) -> FairAssignment:
    """The best plan under a fairness rule, and its cost against the plain optimum.

    Rules (each exact; each first matches as many people as the plain
    ``"max_matched_then_total"`` plan would, unless ``objective="max_total"``):

    - ``"egalitarian"``: the largest possible lowest matched score, then the largest total.
    - ``"leximin"``: the largest lowest matched score, then the largest second lowest, and
      so on (one solve per distinct score: for small and medium problems).
    - ``"waiting_priority"``: among plans matching the most people, those matching the
      people who have waited longest (the largest total waiting days of the people
      matched), then the largest total score. Needs ``waiting_days``, one entry per person.

    Takes the problem in the forms :func:`assign_capacitated` takes. The plan's
    certificate, for the problem finally solved, is checked before it is returned.

    With ``groups`` (as :func:`assign_grouped` takes them) the rules choose among plans that
    keep the groups. A group's bonus is not a match: it never counts as a matched score or
    changes the lowest one; it only adds to the totals (leximin then takes the largest total
    among its plans). Leximin with groups may need a mixed-integer programme with a level per
    few distinct scores: round the scores for large problems.

    Raises
    ------
    slmatch.ValidationError
        As :func:`assign_capacitated`; for an unknown rule; for missing, negative or
        wrongly sized ``waiting_days`` (naming the person).

    Examples
    --------
    >>> from slmatch.capacitated import assign_fair
    >>> plan = assign_fair([0, 0, 1, 1], [0, 1, 0, 1], [100, 40, 50, 30], [1, 1])
    >>> plan.household_of.tolist(), plan.lowest, plan.plain_total - plan.total
    ([1, 0], 40.0, 40.0)
    """
    _check_objective(objective)
    problem = _problem(
        person,
        household,
        score,
        capacity,
        people,
        resolution,
        waiting_days=waiting_days,
        groups=groups,
    )
    household_of, matched, total, lowest, plain_matched, plain_total, _ = _compiled.fair(
        problem, objective, rule, int(threads)
    )
    step = problem.resolution
    return FairAssignment(
        *_plan_part(problem, household_of, matched, total),
        None if lowest < 0 else float(lowest) * step,
        int(plain_matched),
        float(plain_total) * step,
    )


class ConflictFreeAssignment(NamedTuple):
    """The best plan placing no two conflicting people together, and what that costs."""

    household_of: npt.NDArray[np.int64]
    """The household of each person, or -1."""
    matched: int
    """How many people have a household."""
    total: float
    """The sum of the chosen pairs' scores (rounded to the resolution)."""
    unconstrained_matched: int
    """People matched by the best plan that ignores the conflicts."""
    unconstrained_total: float
    """That plan's total: ``unconstrained_total - total`` is what the conflicts cost."""


def assign_without_conflicts(
    person: Any,
    household: Any = None,
    score: Any = None,
    capacity: Any = None,
    *,
    conflicts: Any = None,
    people: int | None = None,
    objective: str = OBJECTIVES[0],
    resolution: float | None = None,
    threads: int = 1,
) -> ConflictFreeAssignment:
    """The best plan in which no two conflicting people share a household.

    When several newcomers could join the same household, people who must not live
    together (``conflicts``: pairs of person indices) are never placed together. Exact,
    by branch and bound over the conflicting pairs a relaxed plan places together (one
    solve when the plain optimum has no conflict); the kept plan's certificate is checked.

    Raises
    ------
    slmatch.ValidationError
        As :func:`assign_capacitated`, or naming the conflict: a person out of range, or a
        person in conflict with themself.

    Examples
    --------
    >>> from slmatch.capacitated import assign_without_conflicts
    >>> plan = assign_without_conflicts([0, 1, 1], [0, 0, 1], [9, 8, 5], [2, 1],
    ...                                 conflicts=[(0, 1)])
    >>> plan.household_of.tolist(), plan.total, plan.unconstrained_total
    ([0, 1], 14.0, 17.0)
    """
    _check_objective(objective)
    if conflicts is None and not isinstance(person, _compiled.Problem):
        raise TypeError("assign_without_conflicts needs conflicts (or a Problem that has them)")
    problem = _problem(person, household, score, capacity, people, resolution, conflicts=conflicts)
    household_of, matched, total, plain_matched, plain_total = _compiled.without_conflicts(
        problem, objective, int(threads)
    )
    step = problem.resolution
    return ConflictFreeAssignment(
        *_plan_part(problem, household_of, matched, total),
        int(plain_matched),
        float(plain_total) * step,
    )
