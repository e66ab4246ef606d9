"""Type stubs for slmatch._core.consent: where each of a person's consents stands on a day, in
the engine's own rules and words (the documented wrappers are in slmatch.consent)."""

from typing import Any

from slmatch._core import Scheme

def states(scheme: Scheme, person: str, day: str = "") -> list[dict[str, Any]]:
    """One dict per category and purpose: {category, purpose, status, since, listed,
    given_by, decided_by, given_on, expires_on, withdrawn_on, missing}."""

def readable_date(date: str) -> str:
    """A date as the engine's sentences write it: "3 March 2026"."""
