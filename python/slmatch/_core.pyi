"""Type stubs for slmatch's private compiled module."""

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

class SlmatchError(RuntimeError): ...

class ValidationError(ValueError, SlmatchError):
    problems: list[tuple[str, str, str]]

vocabularies: Mapping[str, tuple[str, ...]]
"""Each C++ vocabulary's title (e.g. ``"objective"``) to its names, in enum order."""

def _check_name(title: str, record: str, field: str, name: str) -> None: ...

class Scheme:
    id: str
    name: str
    @staticmethod
    def load(path: str) -> Scheme: ...
    @staticmethod
    def from_json(text: str) -> Scheme: ...
    def to_json(self, indent: int = 2) -> str: ...
    def save(self, path: str) -> None: ...
    @property
    def person_ids(self) -> list[str]: ...
    @property
    def household_ids(self) -> list[str]: ...
    def __eq__(self, other: object) -> bool: ...
    def __getstate__(self) -> tuple[str]: ...
    def __setstate__(self, state: tuple[str]) -> None: ...

class MatchResult:
    @property
    def matched(self) -> int: ...
    @property
    def total_score(self) -> float: ...
    @property
    def household_of(self) -> npt.NDArray[np.int64]: ...
    @property
    def person_price(self) -> npt.NDArray[np.int64]: ...
    @property
    def household_price(self) -> npt.NDArray[np.int64]: ...
    def to_json(self, indent: int = -1) -> str: ...
    def table(self) -> str: ...
    def record(self) -> str: ...
    def explain(self, person_id: str, household_id: str) -> str: ...
    def compare(self, person_id: str, chosen_id: str, other_id: str) -> str: ...
    def __getstate__(self) -> tuple[str, int, str, int]: ...
    def __setstate__(self, state: tuple[str, int, str, int]) -> None: ...

def match(
    scheme: Scheme, shortlist_size: int = 3, objective: str = ..., threads: int = 1
) -> MatchResult: ...
def set_log_level(level: str) -> None: ...
def generate_scheme(
    people: int,
    households: int,
    seed: int = 1,
    radius_km: float = 30.0,
    clusters: int = 6,
    household_cap: int = 3,
    travel_limit_km: float = 40.0,
) -> Scheme: ...
def _linear_sum_assignment(
    cost: npt.NDArray[np.float64], maximize: bool
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    float,
]: ...
def _verify_linear_sum_assignment(
    cost: npt.NDArray[np.float64],
    row_ind: npt.NDArray[np.int64],
    col_ind: npt.NDArray[np.int64],
    row_price: npt.NDArray[np.float64],
    col_price: npt.NDArray[np.float64],
    maximize: bool,
    tolerance: float,
) -> None: ...
def _min_weight_full_bipartite_matching(
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
def _assign_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    pin_person: npt.NDArray[np.int64],
    pin_household: npt.NDArray[np.int64],
    forbid_person: npt.NDArray[np.int64],
    forbid_household: npt.NDArray[np.int64],
    threads: int,
) -> tuple[
    npt.NDArray[np.int64],
    int,
    int,
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    int,
]: ...
def _verify_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    pin_person: npt.NDArray[np.int64],
    pin_household: npt.NDArray[np.int64],
    forbid_person: npt.NDArray[np.int64],
    forbid_household: npt.NDArray[np.int64],
    household_of: npt.NDArray[np.int64],
    person_price: npt.NDArray[np.int64],
    household_price: npt.NDArray[np.int64],
    bonus: int,
) -> None: ...
def _stable_plan(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    proposing: str,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def _blocking_pairs(
    person_indptr: npt.NDArray[np.int64],
    person_indices: npt.NDArray[np.int64],
    household_indptr: npt.NDArray[np.int64],
    household_indices: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    household_of: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def _k_best_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    k: int,
    pin_person: npt.NDArray[np.int64],
    pin_household: npt.NDArray[np.int64],
    forbid_person: npt.NDArray[np.int64],
    forbid_household: npt.NDArray[np.int64],
    threads: int,
) -> list[tuple[npt.NDArray[np.int64], int, int]]: ...
def _reassign_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    previous: npt.NDArray[np.int64],
    threads: int,
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
def _audit(
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
def _fair_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    rule: str,
    waiting_days: npt.NDArray[np.int64],
    threads: int,
) -> tuple[npt.NDArray[np.int64], int, int, int, int, int, npt.NDArray[np.int64]]: ...
def _conflict_free_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    objective: str,
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    threads: int,
) -> tuple[npt.NDArray[np.int64], int, int, int, int]: ...
def _views(
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
def _explain_household_view(
    scheme: Scheme,
    person_id: str,
    household_id: str,
    household_weights: dict[str, float] | None = None,
) -> tuple[float, list[tuple[str, bool, float, float, float, str]], list[str], str]: ...

class _ProposalRounds:
    def __init__(
        self,
        scheme: Scheme,
        proposing: str = "people",
        household_weights: dict[str, float] | None = None,
        threads: int = 1,
    ) -> None: ...
    @staticmethod
    def from_json(text: str) -> _ProposalRounds: ...
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

def _greedy_capacitated(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
) -> npt.NDArray[np.int64]: ...
def _run_experiment(
    scheme: Scheme,
    weights: dict[str, float] | None = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    objective: str = "optimal",
    threads: int = 1,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], dict[str, float]]: ...
def _score_pairs(
    scheme: Scheme,
    weights: dict[str, float] | None = None,
    household_cap: int | None = None,
    travel_limit_km: float | None = None,
    threads: int = 1,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64], int]: ...
