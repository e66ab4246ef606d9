"""Type stubs for slmatch._core.audit: the inequality audit of a plan."""

import numpy as np
import numpy.typing as npt
from slmatch._core import Scheme

def audit(
    scheme: Scheme,
    household_of: npt.NDArray[np.int64],
    score: npt.NDArray[np.float64],
    as_of: str = "",
    small_group_size: int = 5,
    suppress_small_groups: bool = True,
    area_cell_km: float = 10.0,
    format: str = "json",
    indent: int = -1,
) -> str: ...
