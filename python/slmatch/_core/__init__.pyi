"""Type stubs for slmatch's private compiled module: errors, vocabularies and Scheme at the top,
each other concept in its own submodule (one .pyi each, beside this file)."""

from collections.abc import Mapping

from slmatch._core import advice as advice
from slmatch._core import assignment as assignment
from slmatch._core import audit as audit
from slmatch._core import calendar as calendar
from slmatch._core import capacitated as capacitated
from slmatch._core import experiment as experiment
from slmatch._core import match as match
from slmatch._core import purpose as purpose
from slmatch._core import registry as registry
from slmatch._core import stable as stable
from slmatch._core import synthetic as synthetic

__version__: str
"""The C++ library's version (include/slmatch/version.hpp)."""

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
