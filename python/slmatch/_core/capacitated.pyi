"""Type stubs for slmatch._core.capacitated: capacitated assignment on a Problem."""

import numpy as np
import numpy.typing as npt

# (members, required, host households, host bonuses in weight units)
_Group = tuple[npt.NDArray[np.int64], bool, npt.NDArray[np.int64], npt.NDArray[np.int64]]

class Problem:
    def __init__(
        self,
        person: npt.NDArray[np.int64],
        household: npt.NDArray[np.int64],
        weight: npt.NDArray[np.int64],
        capacity: npt.NDArray[np.int64],
        people: int,
        *,
        pins: npt.NDArray[np.int64] | None = None,
        forbids: npt.NDArray[np.int64] | None = None,
        conflicts: npt.NDArray[np.int64] | None = None,
        waiting_days: npt.NDArray[np.int64] | None = None,
        resolution: float = 1.0,
        groups: list[_Group] | None = None,
    ) -> None: ...
    @property
    def people(self) -> int: ...
    @property
    def households(self) -> int: ...
    @property
    def edges(self) -> int: ...
    @property
    def resolution(self) -> float: ...
    @property
    def capacity(self) -> npt.NDArray[np.int64]: ...
    @property
    def pins(self) -> npt.NDArray[np.int64]: ...
    @property
    def forbids(self) -> npt.NDArray[np.int64]: ...
    @property
    def conflicts(self) -> npt.NDArray[np.int64]: ...
    @property
    def waiting_days(self) -> npt.NDArray[np.int64] | None: ...
    @property
    def groups(self) -> list[_Group]: ...
    def arrays(
        self,
    ) -> tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        int,
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64] | None,
        float,
        list[_Group],
    ]: ...
    def __getstate__(self) -> tuple[object]: ...
    def __setstate__(self, state: tuple[object]) -> None: ...

def assign(
    problem: Problem, objective: str, threads: int
) -> tuple[
    npt.NDArray[np.int64],
    int,
    int,
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    int,
]: ...
def verify(
    problem: Problem,
    objective: str,
    household_of: npt.NDArray[np.int64],
    person_price: npt.NDArray[np.int64],
    household_price: npt.NDArray[np.int64],
    bonus: int,
) -> None: ...
def assign_grouped(
    problem: Problem, objective: str, threads: int
) -> tuple[npt.NDArray[np.int64], int, int, npt.NDArray[np.int64], int, bool]: ...
def k_best(
    problem: Problem, objective: str, k: int, threads: int
) -> list[tuple[npt.NDArray[np.int64], int, int]]: ...
def reassign(
    problem: Problem, objective: str, previous: npt.NDArray[np.int64], threads: int
) -> tuple[
    npt.NDArray[np.int64],
    int,
    int,
    int,
    int,
    tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
    ],
]: ...
def fair(
    problem: Problem, objective: str, rule: str, threads: int
) -> tuple[npt.NDArray[np.int64], int, int, int, int, int, npt.NDArray[np.int64]]: ...
def without_conflicts(
    problem: Problem, objective: str, threads: int
) -> tuple[npt.NDArray[np.int64], int, int, int, int]: ...
def greedy(problem: Problem) -> npt.NDArray[np.int64]: ...
