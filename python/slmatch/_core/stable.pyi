"""Type stubs for slmatch._core.stable: stable matching, both sides' views, proposal rounds."""

import numpy as np
import numpy.typing as npt
from slmatch._core import Scheme

def stable_plan(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    proposing: str,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def blocking_pairs(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    household_of: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def views(
    scheme: Scheme,
    household_weights: dict[str, float] | None = None,
    threads: int = 1,
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.int64],
]: ...
def explain_household_view(
    scheme: Scheme,
    person_id: str,
    household_id: str,
    household_weights: dict[str, float] | None = None,
) -> tuple[float, list[tuple[str, bool, float, float, float, str]], list[str], str]: ...
def introduction_pack(
    scheme: Scheme, person_id: str, household_id: str, indent: int = -1
) -> str: ...

class ProposalRounds:
    def __init__(
        self,
        scheme: Scheme,
        proposing: str = "people",
        household_weights: dict[str, float] | None = None,
        threads: int = 1,
    ) -> None: ...
    @staticmethod
    def from_json(text: str) -> ProposalRounds: ...
    def to_json(self, indent: int = -1) -> str: ...
    @property
    def round(self) -> int: ...
    @property
    def finished(self) -> bool: ...
    @property
    def round_settled(self) -> bool: ...
    def introductions(self) -> list[tuple[str, str, str, str]]: ...
    def accepted(self) -> list[tuple[str, str, int]]: ...
    def declined(self) -> list[tuple[str, str, str, str, int]]: ...
    def answer(
        self,
        person_id: str,
        household_id: str,
        accept: bool,
        reason: str | None = None,
        by: str = "both",
    ) -> None: ...
    def next_round(self) -> None: ...
