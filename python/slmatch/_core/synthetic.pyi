"""Type stubs for slmatch._core.synthetic: seeded synthetic schemes."""

from slmatch._core import Scheme

def generate_scheme(
    people: int,
    households: int,
    seed: int = 1,
    radius_km: float = 30.0,
    clusters: int = 6,
    household_cap: int = 3,
    travel_limit_km: float = 40.0,
    group_share: float = 0.0,
) -> Scheme: ...
def generate_calendar_scheme(
    people: int,
    households: int,
    seed: int,
    from_date: str,
    weeks: int,
) -> Scheme: ...
