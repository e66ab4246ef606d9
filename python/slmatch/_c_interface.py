"""The C interface (libslmatch_c, shipped in this package) called through ctypes.

The service answers with these calls because they give the same bytes as the CLI, take
options as JSON, and release the GIL while the engine works (ctypes does so around every
foreign call), so requests match in parallel threads. Handles are freed when their Python
objects are closed or collected.
"""

from __future__ import annotations

import ctypes
import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from slmatch._errors import validation_error

OK, INVALID_ARGUMENT, INVALID_INPUT, INVALID_HANDLE, REFUSED, OUT_OF_MEMORY = range(6)
_REFUSALS = (INVALID_ARGUMENT, INVALID_INPUT, REFUSED)

_HANDLE = ctypes.c_void_p
_OUT = ctypes.POINTER(ctypes.c_void_p)
_TEXT = ctypes.c_char_p
_SIGNATURES: dict[str, list[Any]] = {
    "slmatch_free": [ctypes.c_void_p],
    "slmatch_scheme_from_json": [_TEXT, ctypes.c_size_t, _OUT],
    "slmatch_scheme_summary": [_HANDLE, _OUT],
    "slmatch_scheme_free": [_HANDLE],
    "slmatch_match": [_HANDLE, _TEXT, _OUT],
    "slmatch_result_json": [_HANDLE, _OUT],
    "slmatch_result_record_json": [_HANDLE, _OUT],
    "slmatch_result_audit_json": [_HANDLE, _TEXT, _OUT],
    "slmatch_result_free": [_HANDLE],
    "slmatch_explain_json": [_HANDLE, _TEXT, _TEXT, _OUT],
    "slmatch_compare_json": [_HANDLE, _TEXT, _TEXT, _TEXT, _OUT],
    "slmatch_stable_json": [_HANDLE, _TEXT, _OUT],
    "slmatch_rounds_start": [_HANDLE, _TEXT, _OUT],
    "slmatch_rounds_from_json": [_TEXT, ctypes.c_size_t, _OUT],
    "slmatch_rounds_json": [_HANDLE, _OUT],
    "slmatch_rounds_answer": [_HANDLE, _TEXT, _TEXT, _TEXT, ctypes.c_int, _TEXT],
    "slmatch_rounds_next": [_HANDLE],
    "slmatch_rounds_free": [_HANDLE],
}


def library_path() -> Path:
    """Where the C library is: ``SLMATCH_C_LIBRARY`` if set, else the copy in this package."""
    given = os.environ.get("SLMATCH_C_LIBRARY")
    return Path(given) if given else Path(__file__).with_name("libslmatch_c.so.1")


class _Library:
    def __init__(self, path: Path) -> None:
        lib = ctypes.CDLL(str(path))
        for name, argtypes in _SIGNATURES.items():
            function = getattr(lib, name)
            function.argtypes = argtypes
            function.restype = ctypes.c_int
        for name in ("slmatch_last_error_message", "slmatch_last_error_problems"):
            getattr(lib, name).restype = ctypes.c_char_p
        self.lib = lib

    def check(self, status: int) -> None:
        """Raise what a failed call's status and last error say."""
        if status == OK:
            return
        message = self.lib.slmatch_last_error_message().decode(errors="replace")
        problems = json.loads(self.lib.slmatch_last_error_problems())
        if status in _REFUSALS and problems:
            raise validation_error([(p["record"], p["field"], p["message"]) for p in problems])
        from slmatch import SlmatchError

        raise SlmatchError(message or f"the C interface failed with status {status}")

    def text(self, function: str, *args: Any) -> str:
        """Call a function whose last argument receives a string; return it, freed."""
        out = ctypes.c_void_p()
        self.check(getattr(self.lib, function)(*args, ctypes.byref(out)))
        assert out.value is not None  # written on success
        try:
            return ctypes.string_at(out.value).decode()
        finally:
            self.lib.slmatch_free(out)

    def handle(self, function: str, *args: Any) -> ctypes.c_void_p:
        out = ctypes.c_void_p()
        self.check(getattr(self.lib, function)(*args, ctypes.byref(out)))
        return out


_loaded: _Library | None = None


def _library() -> _Library:
    global _loaded
    if _loaded is None:
        _loaded = _Library(library_path())
    return _loaded


def _options(options: dict[str, Any] | None) -> bytes | None:
    return None if not options else json.dumps(options).encode()


_H = TypeVar("_H", bound="_Handle")


class _Handle:
    """A handle freed by `close`, on leaving a ``with`` block, or when collected."""

    _free = ""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self._handle: ctypes.c_void_p | None = handle

    @property
    def handle(self) -> ctypes.c_void_p:
        if self._handle is None:
            raise ValueError("the handle is closed")
        return self._handle

    def close(self) -> None:
        if self._handle is not None:
            getattr(_library().lib, self._free)(self._handle)
            self._handle = None

    def __enter__(self: _H) -> _H:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


class Result(_Handle):
    """One match run: the report, the run record and the audit, as the CLI writes them."""

    _free = "slmatch_result_free"

    def report(self) -> str:
        """The bytes of ``slmatch match --format json``."""
        return _library().text("slmatch_result_json", self.handle)

    def record(self) -> str:
        """The bytes of ``slmatch match --record``."""
        return _library().text("slmatch_result_record_json", self.handle)

    def audit(self, options: dict[str, Any] | None = None) -> str:
        """The bytes of ``slmatch audit --format json`` (options ``as_of``, ``area_km``)."""
        return _library().text("slmatch_result_audit_json", self.handle, _options(options))


class Scheme(_Handle):
    """A validated scheme, read from scheme-file JSON.

    Raises:
        ValidationError: every problem in the text, each with record and field.
    """

    _free = "slmatch_scheme_free"

    def __init__(self, text: bytes) -> None:
        super().__init__(_library().handle("slmatch_scheme_from_json", text, len(text)))

    def summary(self) -> dict[str, Any]:
        """``{"id", "people", "households"}``."""
        summary: dict[str, Any] = json.loads(_library().text("slmatch_scheme_summary", self.handle))
        return summary

    def match(self, options: dict[str, Any] | None = None) -> Result:
        """Match the scheme (options as for ``slmatch_match``)."""
        return Result(_library().handle("slmatch_match", self.handle, _options(options)))

    def explain(self, person: str, household: str) -> str:
        """The bytes of ``slmatch explain --format json``."""
        return _library().text(
            "slmatch_explain_json", self.handle, person.encode(), household.encode()
        )

    def compare(self, person: str, household: str, other: str) -> str:
        """The bytes of ``slmatch explain --versus --format json``."""
        return _library().text(
            "slmatch_compare_json", self.handle, person.encode(), household.encode(), other.encode()
        )

    def stable(self, options: dict[str, Any] | None = None) -> str:
        """The stable plan document (``slmatch-stable-plan``)."""
        return _library().text("slmatch_stable_json", self.handle, _options(options))

    def start_rounds(self, options: dict[str, Any] | None = None) -> str:
        """Proposal rounds' first state (``slmatch-proposal-rounds``)."""
        with _Rounds(
            _library().handle("slmatch_rounds_start", self.handle, _options(options))
        ) as r:
            return r.state()


class _Rounds(_Handle):
    _free = "slmatch_rounds_free"

    def state(self) -> str:
        return _library().text("slmatch_rounds_json", self.handle)


def answer_rounds(state: str, answers: list[dict[str, Any]], next_round: bool) -> str:
    """Replay ``answers`` (each ``person``, ``household``, ``accept``, optional ``reason``
    and ``by``) onto a proposal-rounds state, then open the next round if asked.

    Raises:
        ValidationError: for a state that could not have been reached, or an answer or a
            next round the rules refuse, each problem with its record and field.
    """
    encoded = state.encode()
    lib = _library()
    with _Rounds(lib.handle("slmatch_rounds_from_json", encoded, len(encoded))) as rounds:
        for answer in answers:
            reason = answer.get("reason")
            lib.check(
                lib.lib.slmatch_rounds_answer(
                    rounds.handle,
                    str(answer["person"]).encode(),
                    str(answer["household"]).encode(),
                    str(answer.get("by", "both")).encode(),
                    int(bool(answer["accept"])),
                    None if reason is None else str(reason).encode(),
                )
            )
        if next_round:
            lib.check(lib.lib.slmatch_rounds_next(rounds.handle))
        return rounds.state()
