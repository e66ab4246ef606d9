"""Type stubs for slmatch._core.advice: what would help, first-choice costs, recruitment."""

from slmatch._core.match import MatchResult

def what_would_help(
    run: MatchResult, person_ids: list[str], max_options: int, max_checks: int, max_solves: int
) -> str: ...
def first_choices(
    run: MatchResult, person_ids: list[str], max_people: int, max_solves: int
) -> str: ...
def recruitment(
    run: MatchResult, max_confirmed: int, area_km: float, small_group_size: int
) -> str: ...
