"""Type stubs for slmatch._core.calendar: short breaks and day support over a horizon."""

from slmatch._core import Scheme

def plan(
    scheme: Scheme,
    from_date: str,
    weeks: int,
    seconds: float,
    new_carer_cost: float,
    keep_bonus: float,
    preferred_date_bonus: float,
    allow_flow: bool,
    earlier: str | None = None,
) -> tuple[str, dict[str, str]]: ...
