"""Assignment solvers with optimality certificates, drop-in for scipy's.

:func:`linear_sum_assignment` takes the same arguments, returns the same arrays and raises
the same errors as ``scipy.optimize.linear_sum_assignment``. The solving runs in C++ with
the GIL released, so several solves can run in threads at once.

:func:`linear_sum_assignment_with_duals` also returns the dual prices that prove the
assignment optimal, and :func:`verify_linear_sum_assignment` checks any assignment and
prices against a cost matrix.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from slmatch import _core

__all__ = [
    "AssignmentWithDuals",
    "linear_sum_assignment",
    "linear_sum_assignment_with_duals",
    "min_weight_full_bipartite_matching",
    "verify_linear_sum_assignment",
]


class AssignmentWithDuals(NamedTuple):
    """An optimal assignment and the dual prices that certify it.

    When minimising, ``row_price[i] + col_price[j] <= cost[i, j]`` for every allowed pair
    (``>=`` when maximising), with equality on the assigned pairs. On the longer side of a
    rectangular matrix (columns when rows < cols, rows when rows > cols) the prices are
    ``<= 0`` when minimising (``>= 0`` when maximising) and exactly 0 where unassigned, so
    ``cost[row_ind, col_ind].sum() == row_price.sum() + col_price.sum()`` up to rounding.
    """

    row_ind: npt.NDArray[np.int64]
    """Assigned rows, ascending."""
    col_ind: npt.NDArray[np.int64]
    """The column assigned to each row in ``row_ind``."""
    row_price: npt.NDArray[np.float64]
    """Dual price ``u`` of each row of the cost matrix."""
    col_price: npt.NDArray[np.float64]
    """Dual price ``v`` of each column of the cost matrix."""


def _as_cost_matrix(cost_matrix: Any) -> npt.NDArray[np.float64]:
    """The cost matrix as a C-contiguous float64 array, converted as scipy converts it.

    Raises:
        TypeError: when the entries cannot be cast safely to float64 (strings, objects,
            complex numbers, long doubles).
        ValueError: when the array is not 2-D.
    """
    array = np.asarray(cost_matrix)
    array = array.astype(np.float64, casting="safe", copy=False)
    if array.ndim != 2:
        raise ValueError(f"expected a matrix (2-D array), got a {array.ndim} array")
    return np.ascontiguousarray(array)


def linear_sum_assignment(
    cost_matrix: npt.ArrayLike, maximize: bool = False
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Solve the linear sum assignment problem.

    A drop-in replacement for ``scipy.optimize.linear_sum_assignment``: a Jonker-Volgenant
    solver (column reduction, augmenting row reduction, shortest augmenting paths) that
    proves each answer optimal with dual prices. Two kinds of structured matrix are
    recognised first and solved in about one pass: those in which every row can take one of
    its cheapest entries (small integer or constant costs), and square Monge matrices such
    as rank-one costs ``a[i] * b[j]``.

    Parameters
    ----------
    cost_matrix : array_like
        The cost matrix, rows x cols; bools, integers and floats are converted to float64.
        ``+inf`` marks a pair that may not be assigned (``-inf`` when maximising).
    maximize : bool, optional
        Find the assignment with the largest total instead of the smallest. Default False.

    Returns
    -------
    row_ind, col_ind : ndarray of int64
        ``min(rows, cols)`` pairs: row ``row_ind[k]`` is assigned column ``col_ind[k]``.
        ``row_ind`` is sorted; for a square matrix it is ``numpy.arange(rows)``. The optimal
        total is ``cost_matrix[row_ind, col_ind].sum()``.

    Raises
    ------
    ValueError
        ``"expected a matrix (2-D array), got a {n} array"`` when the input is not 2-D;
        ``"matrix contains invalid numeric entries"`` when an entry is NaN or ``-inf``
        (``+inf`` when maximising); ``"cost matrix is infeasible"`` when no assignment of
        ``min(rows, cols)`` pairs avoids the forbidden ones; ``"finite entries too large:
        …"`` when a sum of ``min(rows, cols)`` finite entries would overflow (where scipy
        returns an infinite total).
    TypeError
        When the entries cannot be safely cast to float64.

    Notes
    -----
    Ties between equally good assignments are broken deterministically, so the same matrix
    always gives the same answer; among several optimal assignments the one returned may
    differ from scipy's (a constant matrix gives the identity, as scipy's does), but the
    total is the same.

    Examples
    --------
    >>> import numpy as np
    >>> from slmatch.assignment import linear_sum_assignment
    >>> cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    >>> row_ind, col_ind = linear_sum_assignment(cost)
    >>> col_ind
    array([1, 0, 2])
    >>> int(cost[row_ind, col_ind].sum())
    5
    """
    row_ind, col_ind, _, _, _ = _core.assignment.linear_sum_assignment(
        _as_cost_matrix(cost_matrix), bool(maximize)
    )
    return row_ind, col_ind


def linear_sum_assignment_with_duals(
    cost_matrix: npt.ArrayLike, maximize: bool = False
) -> AssignmentWithDuals:
    """Solve the linear sum assignment problem and return the certificate of optimality.

    Parameters
    ----------
    cost_matrix : array_like
        As for :func:`linear_sum_assignment`.
    maximize : bool, optional
        As for :func:`linear_sum_assignment`.

    Returns
    -------
    AssignmentWithDuals
        ``(row_ind, col_ind, row_price, col_price)``: the assignment
        :func:`linear_sum_assignment` returns, with one dual price per row and per column
        (see :class:`AssignmentWithDuals` for the conditions they meet).

    Raises
    ------
    ValueError, TypeError
        As for :func:`linear_sum_assignment`.

    Examples
    --------
    >>> import numpy as np
    >>> from slmatch.assignment import linear_sum_assignment_with_duals
    >>> cost = np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]])
    >>> answer = linear_sum_assignment_with_duals(cost)
    >>> float(answer.row_price.sum() + answer.col_price.sum())
    5.0
    """
    row_ind, col_ind, row_price, col_price, _ = _core.assignment.linear_sum_assignment(
        _as_cost_matrix(cost_matrix), bool(maximize)
    )
    return AssignmentWithDuals(row_ind, col_ind, row_price, col_price)


def verify_linear_sum_assignment(
    cost_matrix: npt.ArrayLike,
    answer: AssignmentWithDuals,
    maximize: bool = False,
    tolerance: float | None = None,
) -> None:
    """Check that an assignment is optimal, using its dual prices as the proof.

    Checks that ``min(rows, cols)`` distinct allowed pairs are assigned with rows ascending,
    that the prices are dual feasible, tight on assigned pairs and of the right sign (zero
    where unassigned) on the longer side, and that the duality gap is zero.

    Parameters
    ----------
    cost_matrix : array_like
        The matrix the assignment was solved on.
    answer : AssignmentWithDuals
        The assignment and prices, e.g. from :func:`linear_sum_assignment_with_duals`.
    maximize : bool, optional
        Whether the largest total was asked for.
    tolerance : float, optional
        Allowed slack in each comparison. By default ``1e-9 * max(1, max |finite cost|) *
        min(rows, cols)``.

    Raises
    ------
    slmatch.SlmatchError
        Saying what fails first, naming the row or column.
    ValueError, TypeError
        When the cost matrix or the arrays have the wrong shape or type.
    """
    _core.assignment.verify_linear_sum_assignment(
        _as_cost_matrix(cost_matrix),
        np.asarray(answer.row_ind, dtype=np.int64),
        np.asarray(answer.col_ind, dtype=np.int64),
        np.asarray(answer.row_price, dtype=np.float64),
        np.asarray(answer.col_price, dtype=np.float64),
        bool(maximize),
        -1.0 if tolerance is None else float(tolerance),
    )


def _as_scipy_sparse(biadjacency: Any) -> Any:
    """The matrix as a scipy.sparse matrix or array, checked as scipy checks it.

    Raises:
        TypeError: when it is not sparse, or not in CSR, CSC or COO format.
        ValueError: when its entries are not numbers or booleans.
    """
    if hasattr(biadjacency, "to_scipy_sparse") and type(biadjacency).__module__.startswith(
        "sparse"
    ):
        biadjacency = biadjacency.to_scipy_sparse()  # a pydata/sparse array, as scipy does
    try:
        sparse = importlib.import_module("scipy.sparse")
    except ImportError:  # without scipy, nothing passed in can be a scipy.sparse matrix
        raise TypeError("graph must be sparse") from None
    if not sparse.issparse(biadjacency):
        raise TypeError("graph must be sparse")
    if biadjacency.format not in ("csr", "csc", "coo"):
        raise TypeError("graph must be in CSC, CSR, or COO format.")
    if not (np.issubdtype(biadjacency.dtype, np.number) or biadjacency.dtype == np.dtype(np.bool_)):
        raise ValueError(f"expected a matrix containing numerical entries, got {biadjacency.dtype}")
    return biadjacency


def min_weight_full_bipartite_matching(
    biadjacency: Any, maximize: bool = False
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Find a minimum weight full matching of a bipartite graph.

    A drop-in replacement for ``scipy.sparse.csgraph.min_weight_full_bipartite_matching``:
    Jonker-Volgenant on the stored entries only (column reduction, augmenting row
    reduction, then shortest augmenting paths), with dual prices that prove each answer
    optimal.

    Parameters
    ----------
    biadjacency : scipy.sparse matrix or array
        The biadjacency matrix in CSR, CSC or COO format: rows are one side of the graph,
        columns the other, and each stored entry is an edge weighted by its value. Entries
        that are not stored are not edges. As in scipy, stored zeros are removed with a
        ``UserWarning`` ("explicit zero weights are removed before matching"), stored
        ``+inf`` (``-inf`` when maximising) are not edges, and duplicate entries for one
        pair are summed. A pydata ``sparse`` array is converted first.
    maximize : bool, optional
        Find the matching with the largest total weight instead of the smallest.
        Default False.

    Returns
    -------
    row_ind, col_ind : ndarray of int64
        ``min(rows, cols)`` edges: row ``row_ind[k]`` is matched with column ``col_ind[k]``.
        ``row_ind`` is sorted; when rows <= cols it is ``numpy.arange(rows)``. The total
        weight is ``biadjacency[row_ind, col_ind].sum()``.

    Raises
    ------
    TypeError
        ``"graph must be sparse"`` or ``"graph must be in CSC, CSR, or COO format."``.
    ValueError
        ``"no full matching exists"`` when no matching covers the smaller side;
        ``"expected a matrix containing numerical entries, got {dtype}"`` for other
        dtypes; ``"matrix contains invalid numeric entries"`` when an entry is NaN or
        ``-inf`` (``+inf`` when maximising) -- scipy does not check these and its answer
        for them is undefined.

    Notes
    -----
    Ties between equally good matchings are broken deterministically, so the same
    matrix always gives the same answer; among several optimal
    matchings the one returned may differ from scipy's, but the total is the same. Both
    index arrays are int64 (scipy returns int32 for one of them).

    Examples
    --------
    >>> from scipy.sparse import csr_array
    >>> from slmatch.assignment import min_weight_full_bipartite_matching
    >>> biadjacency = csr_array([[3, 3, 6], [4, 3, 5], [10, 1, 8]])
    >>> row_ind, col_ind = min_weight_full_bipartite_matching(biadjacency)
    >>> col_ind
    array([0, 2, 1])
    >>> int(biadjacency[row_ind, col_ind].sum())
    9
    """
    # Copy only when something must change: the caller's matrix is never modified.
    matrix = _as_scipy_sparse(biadjacency)
    owned = matrix.format != "csr" or matrix.dtype != np.float64
    matrix = matrix.tocsr().astype(np.float64, copy=False)
    if not np.all(matrix.data):
        warnings.warn("explicit zero weights are removed before matching", stacklevel=2)
    if not matrix.has_canonical_format:
        matrix = matrix if owned else matrix.copy()
        matrix.sum_duplicates()
    forbidden = -np.inf if maximize else np.inf
    keep = (matrix.data != 0) & (matrix.data != forbidden)
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    if not np.all(keep):
        row_of_entry = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
        indptr = np.zeros(matrix.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of_entry[keep], minlength=matrix.shape[0]), out=indptr[1:])
        indices, data = indices[keep], data[keep]
    rows, cols = matrix.shape
    row_ind, col_ind, _, _, _ = _core.assignment.min_weight_full_bipartite_matching(
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.ascontiguousarray(data, dtype=np.float64),
        int(rows),
        int(cols),
        bool(maximize),
    )
    return row_ind, col_ind
