"""slmatch.solvers.linear_sum_assignment against scipy.optimize.linear_sum_assignment."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import slmatch
from slmatch.solvers import (
    AssignmentWithDuals,
    linear_sum_assignment,
    linear_sum_assignment_with_duals,
    verify_linear_sum_assignment,
)

scipy_optimize = pytest.importorskip("scipy.optimize")


def outcome(solver: Any, cost: Any, maximize: bool) -> Any:
    """("ok", total) or (exception type, message)."""
    try:
        rows, cols = solver(cost, maximize=maximize)
    except (ValueError, TypeError) as error:
        return (type(error), str(error))
    return ("ok", rows, cols)


def check_against_scipy(cost: np.ndarray, maximize: bool) -> None:
    ours = outcome(linear_sum_assignment, cost, maximize)
    theirs = outcome(scipy_optimize.linear_sum_assignment, cost, maximize)
    assert ours[0] == theirs[0], (ours, theirs)
    if ours[0] != "ok":
        assert ours[1] == theirs[1]
        return
    rows, cols = ours[1], ours[2]
    assert rows.dtype == np.int64 and cols.dtype == np.int64
    array = np.asarray(cost, dtype=np.float64)
    assert len(rows) == len(theirs[1]) == min(array.shape)
    if array.shape[0] <= array.shape[1]:
        np.testing.assert_array_equal(rows, np.arange(array.shape[0]))
    else:  # which rows stay out may differ between equally good answers
        assert np.all(np.diff(rows) > 0)
    assert array[rows, cols].sum() == pytest.approx(array[theirs[1], theirs[2]].sum(), abs=1e-9)
    answer = linear_sum_assignment_with_duals(cost, maximize=maximize)
    np.testing.assert_array_equal(answer.row_ind, rows)
    np.testing.assert_array_equal(answer.col_ind, cols)
    verify_linear_sum_assignment(cost, answer, maximize=maximize)


def random_cost(rng: np.random.Generator, kind: int) -> np.ndarray:
    rows, cols = (int(x) for x in rng.integers(0, 8, size=2))
    if kind % 4 == 0:
        cost = rng.integers(-5, 6, size=(rows, cols)).astype(np.float64)
    elif kind % 4 == 1:
        cost = rng.integers(0, 1000, size=(rows, cols)).astype(np.float64)
    elif kind % 4 == 2:
        cost = rng.uniform(-100, 100, size=(rows, cols))
    else:
        cost = np.full((rows, cols), 7.0)
    forbidden_share = (0.0, 0.25, 0.6)[kind % 3]
    cost[rng.random((rows, cols)) < forbidden_share] = np.inf
    return cost


@pytest.mark.parametrize("maximize", [False, True])
def test_equal_totals_to_scipy_on_random_small_matrices(maximize: bool) -> None:
    rng = np.random.default_rng(4)
    for trial in range(3000):
        cost = random_cost(rng, trial % 12)
        if maximize:
            cost[np.isinf(cost)] = -np.inf
        check_against_scipy(cost, maximize)


@pytest.mark.parametrize("shape", [(40, 40), (30, 55), (55, 30), (1, 200), (200, 1)])
def test_equal_totals_to_scipy_on_larger_matrices(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 1000 + shape[1])
    for trial in range(20):
        cost = rng.random(shape) if trial % 2 else rng.integers(0, 10, size=shape) * 1.0
        check_against_scipy(cost, False)
        check_against_scipy(cost, True)


def test_integer_and_bool_matrices_are_accepted() -> None:
    check_against_scipy(np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]]), False)
    check_against_scipy(np.array([[True, False], [False, True]]), True)
    check_against_scipy([[1, 2], [3, 4]], False)
    check_against_scipy(np.array([[1, 2]], dtype=np.uint8), False)
    check_against_scipy(np.asfortranarray(np.arange(12.0).reshape(3, 4)), False)
    check_against_scipy(np.arange(24.0).reshape(4, 6)[:, ::2], True)


def test_example_from_the_docstring() -> None:
    cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    rows, cols = linear_sum_assignment(cost)
    assert rows.tolist() == [0, 1, 2]
    assert cols.tolist() == [1, 0, 2]
    assert cost[rows, cols].sum() == 5


@pytest.mark.parametrize(
    "cost",
    [
        np.array([[np.inf, np.inf], [1.0, 2.0]]),
        np.array([[np.nan, 1.0], [1.0, 2.0]]),
        np.array([[-np.inf, 1.0], [1.0, 2.0]]),
        np.array([[np.inf, 1.0], [1.0, 2.0]]),
        np.array([1.0, 2.0]),
        np.zeros((2, 2, 2)),
        np.float64(3.0),
        np.zeros((0, 3)),
        np.zeros((3, 0)),
        np.zeros((0, 0)),
        np.array([["a", "b"]]),
        np.array(["a", "b"]),
        np.array([[1 + 1j]]),
        np.array([[None]]),
        np.array([[1.0, 2.0]], dtype=np.longdouble),
        np.array([[1.0, np.inf, np.inf], [np.inf, 2.0, np.inf]]),
    ],
)
@pytest.mark.parametrize("maximize", [False, True])
def test_same_errors_and_edge_cases_as_scipy(cost: Any, maximize: bool) -> None:
    check_against_scipy(cost, maximize) if _float_castable(cost) else _same_error(cost, maximize)


def _float_castable(cost: Any) -> bool:
    return bool(np.can_cast(np.asarray(cost).dtype, np.float64))


def _same_error(cost: Any, maximize: bool) -> None:
    ours = outcome(linear_sum_assignment, cost, maximize)
    theirs = outcome(scipy_optimize.linear_sum_assignment, cost, maximize)
    assert ours == theirs


def test_infeasible_and_invalid_messages() -> None:
    with pytest.raises(ValueError, match=r"^cost matrix is infeasible$"):
        linear_sum_assignment(np.array([[np.inf, 1.0], [np.inf, 2.0]]))
    with pytest.raises(ValueError, match=r"^matrix contains invalid numeric entries$"):
        linear_sum_assignment(np.array([[np.nan]]))
    with pytest.raises(ValueError, match=r"^matrix contains invalid numeric entries$"):
        linear_sum_assignment(np.array([[np.inf]]), maximize=True)


def test_duals_certify_the_assignment() -> None:
    cost = np.array([[5.0, 9, 1, 3], [8, 7, 2, 6]])
    answer = linear_sum_assignment_with_duals(cost)
    assert isinstance(answer, AssignmentWithDuals)
    assert answer.col_ind.tolist() == [3, 2]
    u, v = answer.row_price, answer.col_price
    assert u.shape == (2,) and v.shape == (4,)
    assert np.all(u[:, None] + v[None, :] <= cost + 1e-12)
    assert np.all(v <= 0) and v[0] == 0 and v[1] == 0
    assert u.sum() + v.sum() == pytest.approx(cost[answer.row_ind, answer.col_ind].sum())


def test_verifier_rejects_tampered_certificates() -> None:
    cost = np.array([[4.0, 1, 3], [2, 0, 5], [3, 2, 2]])
    good = linear_sum_assignment_with_duals(cost)
    verify_linear_sum_assignment(cost, good)
    raised_price = good.row_price.copy()
    raised_price[0] += 1
    with pytest.raises(slmatch.SlmatchError, match="exceed its cost"):
        verify_linear_sum_assignment(cost, good._replace(row_price=raised_price))
    with pytest.raises(slmatch.SlmatchError, match="assigned twice"):
        verify_linear_sum_assignment(cost, good._replace(col_ind=np.array([1, 1, 2])))
    with pytest.raises(slmatch.SlmatchError):
        verify_linear_sum_assignment(cost, good, maximize=True)


def test_deterministic() -> None:
    rng = np.random.default_rng(11)
    cost = rng.integers(0, 3, size=(60, 60)).astype(np.float64)
    first = linear_sum_assignment(cost)
    for _ in range(3):
        again = linear_sum_assignment(cost.copy())
        np.testing.assert_array_equal(again[1], first[1])


# slmatch.solvers.min_weight_full_bipartite_matching against scipy.sparse.csgraph's.

scipy_sparse = pytest.importorskip("scipy.sparse")
scipy_csgraph = pytest.importorskip("scipy.sparse.csgraph")


def sparse_outcome(solver: Any, biadjacency: Any, maximize: bool) -> Any:
    """("ok", row_ind, col_ind) or (exception type, message)."""
    try:
        rows, cols = solver(biadjacency, maximize=maximize)
    except (ValueError, TypeError) as error:
        return (type(error), str(error))
    return ("ok", rows, cols)


def check_sparse_against_scipy(biadjacency: Any, maximize: bool) -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    ours = sparse_outcome(min_weight_full_bipartite_matching, biadjacency, maximize)
    theirs = sparse_outcome(scipy_csgraph.min_weight_full_bipartite_matching, biadjacency, maximize)
    assert ours[0] == theirs[0], (ours, theirs)
    if ours[0] != "ok":
        assert ours[1] == theirs[1]
        return
    rows, cols = ours[1], ours[2]
    assert rows.dtype == np.int64 and cols.dtype == np.int64
    shape = biadjacency.shape
    assert len(rows) == len(theirs[1]) == min(shape)
    if shape[0] <= shape[1]:
        np.testing.assert_array_equal(rows, np.arange(shape[0]))
    else:
        assert np.all(np.diff(rows) > 0)
    assert len(set(cols.tolist())) == len(cols)
    dense = biadjacency.toarray().astype(np.float64)
    assert np.all(dense[rows, cols] != 0)  # every pair is a stored edge
    assert np.all(np.isfinite(dense[rows, cols]))
    assert dense[rows, cols].sum() == pytest.approx(dense[theirs[1], theirs[2]].sum(), abs=1e-9)


def random_biadjacency(rng: np.random.Generator, kind: int, maximize: bool) -> Any:
    rows, cols = (int(x) for x in rng.integers(0, 8, size=2))
    if kind % 4 == 0:
        values = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], size=(rows, cols)).astype(float)
    elif kind % 4 == 1:
        values = rng.integers(1, 1000, size=(rows, cols)).astype(np.float64)
    elif kind % 4 == 2:
        values = rng.uniform(0.5, 100, size=(rows, cols)) * rng.choice([-1, 1], size=(rows, cols))
    else:
        values = np.full((rows, cols), 7.0)
    density = (0.9, 0.5, 0.25)[kind % 3]
    values[rng.random((rows, cols)) >= density] = 0
    stored_forbidden = rng.random((rows, cols)) < 0.05
    values[stored_forbidden] = -np.inf if maximize else np.inf
    fmt = ("csr_matrix", "csc_matrix", "coo_matrix", "csr_array", "coo_array", "csc_array")
    return getattr(scipy_sparse, fmt[kind % len(fmt)])(values)


@pytest.mark.parametrize("maximize", [False, True])
def test_sparse_matching_equal_totals_to_scipy_on_random_small_graphs(maximize: bool) -> None:
    rng = np.random.default_rng(5)
    outcomes: dict[Any, int] = {}
    for trial in range(3000):
        biadjacency = random_biadjacency(rng, trial % 12, maximize)
        check_sparse_against_scipy(biadjacency, maximize)
        from slmatch.solvers import min_weight_full_bipartite_matching

        kind = sparse_outcome(min_weight_full_bipartite_matching, biadjacency, maximize)[0]
        outcomes[kind] = outcomes.get(kind, 0) + 1
    assert outcomes["ok"] > 1000
    assert outcomes[ValueError] > 300  # infeasible graphs are well represented


@pytest.mark.parametrize("shape", [(40, 40), (30, 55), (55, 30), (1, 200), (200, 1)])
def test_sparse_matching_equal_totals_to_scipy_on_larger_graphs(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 1000 + shape[1])
    for trial in range(20):
        values = rng.random(shape) + 0.5 if trial % 2 else rng.integers(1, 10, size=shape) * 1.0
        values[rng.random(shape) < 0.7] = 0
        biadjacency = scipy_sparse.csr_array(values)
        check_sparse_against_scipy(biadjacency, False)
        check_sparse_against_scipy(biadjacency, True)


def test_sparse_matching_example_from_the_docstring() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    biadjacency = scipy_sparse.csr_array([[3, 3, 6], [4, 3, 5], [10, 1, 8]])
    rows, cols = min_weight_full_bipartite_matching(biadjacency)
    assert rows.tolist() == [0, 1, 2]
    assert cols.tolist() == [0, 2, 1]
    assert biadjacency[rows, cols].sum() == 9


@pytest.mark.parametrize(
    "biadjacency",
    [
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        [[1, 2], [3, 4]],
        None,
        scipy_sparse.lil_matrix(np.eye(2)),
        scipy_sparse.dok_matrix(np.eye(2)),
        scipy_sparse.csr_matrix((0, 0)),
        scipy_sparse.csr_matrix((0, 3)),
        scipy_sparse.csr_matrix((3, 0)),
        scipy_sparse.csr_matrix((2, 3)),
        scipy_sparse.csr_matrix(np.array([[1.0, 0.0], [2.0, 0.0]])),
        scipy_sparse.csr_matrix(np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])),
        scipy_sparse.csr_matrix(np.array([[1.0, 2.0, 0.0], [3.0, 0.0, 0.0], [4.0, 0.0, 0.0]])),
        scipy_sparse.csr_matrix(np.array([[1, 2], [3, 4]], dtype=np.int8)),
        scipy_sparse.csr_matrix(np.array([[True, True], [True, False]])),
        scipy_sparse.csr_matrix(np.array([[1, 2], [3, 4]], dtype=np.float32)),
        scipy_sparse.csr_matrix(np.array([[1.0]])),
    ],
)
@pytest.mark.parametrize("maximize", [False, True])
def test_sparse_matching_same_errors_and_edge_cases_as_scipy(
    biadjacency: Any, maximize: bool
) -> None:
    check_sparse_against_scipy(biadjacency, maximize)


def test_sparse_matching_stored_infinities_are_not_edges() -> None:
    check_sparse_against_scipy(
        scipy_sparse.csr_matrix(np.array([[np.inf, 1.0], [2.0, np.inf]])), False
    )
    check_sparse_against_scipy(
        scipy_sparse.csr_matrix(np.array([[-np.inf, 1.0], [2.0, -np.inf]])), True
    )
    check_sparse_against_scipy(
        scipy_sparse.csr_matrix(np.array([[np.inf, np.inf], [2.0, 1.0]])), False
    )


def test_sparse_matching_explicit_zeros_are_removed_with_scipys_warning() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    biadjacency = scipy_sparse.csr_matrix(
        (np.array([0.0, 3.0, 5.0, 2.0]), np.array([0, 1, 0, 1]), np.array([0, 2, 4])), shape=(2, 2)
    )
    for solver in (
        min_weight_full_bipartite_matching,
        scipy_csgraph.min_weight_full_bipartite_matching,
    ):
        with pytest.warns(UserWarning, match="explicit zero weights are removed before matching"):
            rows, cols = solver(biadjacency.copy())
        assert rows.tolist() == [0, 1] and cols.tolist() == [1, 0]
    with pytest.warns(UserWarning), pytest.raises(ValueError, match=r"^no full matching exists$"):
        min_weight_full_bipartite_matching(
            scipy_sparse.csr_matrix(
                (np.array([0.0, 5.0]), np.array([0, 0]), np.array([0, 1, 2])), shape=(2, 2)
            )
        )


def test_sparse_matching_duplicates_are_summed_and_input_left_alone() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    coo = scipy_sparse.coo_matrix(
        (np.array([4.0, 5.0, 1.0, 2.0]), (np.array([0, 0, 0, 1]), np.array([0, 0, 1, 0]))),
        shape=(2, 2),
    )
    before = coo.copy()
    _, cols = min_weight_full_bipartite_matching(coo)
    assert cols.tolist() == [1, 0]  # (0, 0) weighs 9, so 1 + 2 wins
    assert (coo != before).nnz == 0


def test_sparse_matching_invalid_entries() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    message = r"^matrix contains invalid numeric entries$"
    with pytest.raises(ValueError, match=message):
        min_weight_full_bipartite_matching(scipy_sparse.csr_matrix(np.array([[np.nan, 1.0]])))
    with pytest.raises(ValueError, match=message):
        min_weight_full_bipartite_matching(scipy_sparse.csr_matrix(np.array([[-np.inf, 1.0]])))
    with pytest.raises(ValueError, match=message):
        min_weight_full_bipartite_matching(
            scipy_sparse.csr_matrix(np.array([[np.inf, 1.0]])), maximize=True
        )


def test_sparse_matching_deterministic_and_equal_to_dense() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    rng = np.random.default_rng(12)
    values = rng.integers(1, 4, size=(60, 70)).astype(np.float64)
    values[rng.random(values.shape) < 0.5] = 0
    biadjacency = scipy_sparse.csr_array(values)
    first = min_weight_full_bipartite_matching(biadjacency)
    for _ in range(3):
        np.testing.assert_array_equal(min_weight_full_bipartite_matching(biadjacency)[1], first[1])
    dense = np.where(values == 0, np.inf, values)
    dense_rows, dense_cols = linear_sum_assignment(dense)
    assert values[first].sum() == dense[dense_rows, dense_cols].sum()


def test_dense_results_index_sparse_matrices() -> None:
    import scipy.sparse as sp

    cost = np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]])
    rows, cols = linear_sum_assignment(cost)
    assert sp.csr_array(cost)[rows, cols].sum() == cost[rows, cols].sum() == 5.0


def test_sparse_matching_leaves_the_callers_matrix_as_it_was() -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    sparse = pytest.importorskip("scipy.sparse")
    # Duplicate entries (summed) and an explicit zero (dropped): both need a private copy.
    matrix = sparse.csr_array(
        (np.array([1.0, 2.0, 0.0, 5.0, 3.0]), np.array([0, 0, 1, 1, 0]), np.array([0, 3, 5])),
        shape=(2, 2),
    )
    before = (matrix.data.copy(), matrix.indices.copy(), matrix.indptr.copy())
    with pytest.warns(UserWarning, match="explicit zero"):
        rows, cols = min_weight_full_bipartite_matching(matrix)
    assert rows.tolist() == [0, 1] and cols.tolist() == [0, 1]  # (0, 1) was a stored zero
    np.testing.assert_array_equal(matrix.data, before[0])
    np.testing.assert_array_equal(matrix.indices, before[1])
    np.testing.assert_array_equal(matrix.indptr, before[2])
