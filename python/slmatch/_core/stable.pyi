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
def stable_plan_with_groups(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    groups: list[list[int]],
    proposing: str,
    max_rounds: int = 1000,
    search_limit: int = 1000000,
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    bool,
    bool,
    str,
    int,
    bool,
    tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
    ],
]: ...
def blocking_pairs_with_groups(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    groups: list[list[int]],
    household_of: npt.NDArray[np.int64],
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
]: ...
def stable_match(
    scheme: Scheme,
    proposing: str,
    household_weights: dict[str, float] | None = None,
    threads: int = 1,
) -> tuple[
    tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.float64],
        npt.NDArray[np.int64],
        npt.NDArray[np.int64],
        npt.NDArray[np.float64],
        npt.NDArray[np.int64],
    ],
    npt.NDArray[np.int64],
    tuple[bool, bool, str, list[str], list[tuple[str, str]], list[tuple[str, str]]] | None,
]: ...
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
    def from_lists(
        person_indptr: npt.NDArray[np.int64],
        person_indices: npt.NDArray[np.int64],
        household_indptr: npt.NDArray[np.int64],
        household_indices: npt.NDArray[np.int64],
        capacity: npt.NDArray[np.int64],
        person_ids: list[str],
        household_ids: list[str],
        proposing: str,
        groups: list[list[int]],
        group_ids: list[str],
    ) -> ProposalRounds: ...
    @staticmethod
    def from_json(text: str) -> ProposalRounds: ...
    def to_json(self, indent: int = -1) -> str: ...
    @property
    def round(self) -> int: ...
    @property
    def finished(self) -> bool: ...
    @property
    def round_settled(self) -> bool: ...
    def groups(self) -> list[tuple[str, list[str]]]: ...
    def introductions(
        self,
    ) -> list[tuple[str, str, str, str, str | None, list[tuple[str, str]]]]: ...
    def accepted(self) -> list[tuple[str, str, int, str | None]]: ...
    def declined(self) -> list[tuple[str, str, str, str, int, str | None]]: ...
    def answer(
        self,
        person_id: str,
        household_id: str,
        accept: bool,
        reason: str | None = None,
        by: str = "both",
    ) -> None: ...
    def next_round(self) -> None: ...
