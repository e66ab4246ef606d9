"""Type stubs for slmatch._core.experiment: seeded experiments over a scheme."""

import numpy as np
import numpy.typing as npt
from slmatch._core import Scheme

def run_experiment(
    scheme: Scheme,
    weights: dict[str, float] | None = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    objective: str = "optimal",
    threads: int = 1,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], dict[str, float]]: ...
def score_pairs(
    scheme: Scheme,
    weights: dict[str, float] | None = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    threads: int = 1,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64], int]: ...
