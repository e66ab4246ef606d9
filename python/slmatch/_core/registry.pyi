"""Type stubs for slmatch._core.registry: the engine's declarations of its hard rules, soft
factors and consent categories (the documented wrappers are in slmatch.pages.transparency)."""

from typing import Any

from slmatch._core import Scheme

def rules() -> list[dict[str, Any]]:
    """Every hard rule as {id, label, description, reads}, in the engine's order."""

def factors() -> list[dict[str, Any]]:
    """Every soft factor as {id, label, phrase, description, consent, reads, default_weight}."""

def data_categories() -> list[dict[str, Any]]:
    """Every consent category as {id, title, no_consent}, in the engine's order."""

def weights(scheme: Scheme) -> dict[str, float]:
    """The scheme's weight of every factor, before each person's own overrides."""

def consent_counts(scheme: Scheme, purpose: str = "matching") -> dict[str, int]:
    """How many people consent, on the scheme's date, to each category for the purpose."""
