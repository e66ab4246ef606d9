"""Type stubs for slmatch._core.assignment: rectangular assignment on dense and CSR costs."""

import numpy as np
import numpy.typing as npt

def linear_sum_assignment(
    cost: npt.NDArray[np.float64], maximize: bool
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    float,
]: ...
def verify_linear_sum_assignment(
    cost: npt.NDArray[np.float64],
    row_ind: npt.NDArray[np.int64],
    col_ind: npt.NDArray[np.int64],
    row_price: npt.NDArray[np.float64],
    col_price: npt.NDArray[np.float64],
    maximize: bool,
    tolerance: float,
) -> None: ...
def min_weight_full_bipartite_matching(
    indptr: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int64],
    data: npt.NDArray[np.float64],
    rows: int,
    cols: int,
    maximize: bool,
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    float,
]: ...
