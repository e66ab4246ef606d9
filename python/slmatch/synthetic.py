"""Synthetic schemes: realistic, seeded test and benchmark data of any size.

The generator is C++ (``slmatch/synthetic/generator.hpp``); this module checks the
arguments and calls it with the GIL released. The same arguments give the same scheme on
every platform, so a seed is enough to share an experiment's data.
"""

from __future__ import annotations

import math
import numbers

from slmatch._core import Scheme
from slmatch._core.synthetic import generate_calendar_scheme, generate_scheme

__all__ = ["synthetic_calendar_scheme", "synthetic_scheme"]

_MAX_SEED = 2**64 - 1


def _whole(name: str, value: object, low: int, high: int | None = None) -> int:
    """``value`` as an int within [low, high], else TypeError / ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    number = int(value)
    if number < low:
        raise ValueError(f"{name} must be >= {low}")
    if high is not None and number > high:
        raise ValueError(f"{name} must be <= {high}")
    return number


def _real(name: str, value: object) -> float:
    """``value`` as a finite float, else TypeError / ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite")
    return number


def synthetic_scheme(
    people: int,
    households: int,
    seed: int = 1,
    *,
    radius_km: float = 30.0,
    clusters: int = 6,
    household_cap: int = 3,
    travel_limit_km: float = 40.0,
    group_share: float = 0.0,
) -> Scheme:
    """Generate a valid, realistic Shared Lives scheme.

    Homes gather in a few towns around Leeds (53.8 N, 1.55 W); the need and arrangement
    mix follow national figures (about 58% long-term, 27% short breaks, 17% day support,
    learning disability the most common need); households offer 1 to 3 places, some with
    people already living there. Names are fictional; ids are zero padded ("P000017",
    "H000042") so they sort naturally.

    With ``group_share`` above 0, about that share of people are put in groups of two or
    three to be placed together (the scheme file's ``groups``, ids "G000001"...): mostly
    couples and siblings, a fifth of them only preferring to live together, some sharing a
    bedroom. A group's members live at one address, wait for the same arrangement and have
    needs one household can meet for all of them; a required group is never larger than
    ``household_cap``. Everything else is the scheme generated with ``group_share=0``.

    Args:
        people: how many people are waiting (>= 0).
        households: how many carer households there are (>= 0).
        seed: any integer from 0 to 2**64 - 1; the same arguments give the same scheme.
        radius_km: the area the scheme covers, 0 to 1000 km.
        clusters: how many towns people and carers gather in, 1 to 10000.
        household_cap: the scheme's cap on people per household, 1 to 3.
        travel_limit_km: the scheme's default travel limit, above 0.
        group_share: the share of people in groups, 0 to 1; 0 (the default) gives no groups.

    Returns:
        The generated scheme, already validated.

    Raises:
        TypeError: when an argument is not a number of the right kind.
        ValueError: when an argument is out of range; the message names it.
    """
    count_people = _whole("people", people, 0, 2**31 - 1)
    count_households = _whole("households", households, 0, 2**31 - 1)
    stream = _whole("seed", seed, 0, _MAX_SEED)
    radius = _real("radius_km", radius_km)
    if not 0 <= radius <= 1000:
        raise ValueError("radius_km must be between 0 and 1000")
    towns = _whole("clusters", clusters, 1, 10000)
    cap = _whole("household_cap", household_cap, 1, 3)
    limit = _real("travel_limit_km", travel_limit_km)
    if limit <= 0:
        raise ValueError("travel_limit_km must be above 0")
    share = _real("group_share", group_share)
    if not 0 <= share <= 1:
        raise ValueError("group_share must be between 0 and 1")
    return generate_scheme(
        count_people,
        count_households,
        seed=stream,
        radius_km=radius,
        clusters=towns,
        household_cap=cap,
        travel_limit_km=limit,
        group_share=share,
    )


def synthetic_calendar_scheme(
    people: int,
    households: int,
    seed: int = 1,
    *,
    from_date: str = "2027-01-04",
    weeks: int = 13,
) -> Scheme:
    """Generate a scheme whose people all ask for short breaks or day support.

    The people and households are those of :func:`synthetic_scheme` with the same sizes and
    seed. Three in five people ask for short breaks (every other weekend, a monthly weekend,
    dated stays or an allowance of nights a month), two in five for one to three weekly
    day-support slots; a fifth require one carer for all. Every household offers one or two
    short-break beds and one to three day places; a third host at weekends only, a fifth
    are away for a week and a third cap their nights a month. The calendar planner's
    benchmark plans 200 such people with 70 households over 13 weeks.

    Args:
        people: how many people ask (>= 0).
        households: how many carer households there are (>= 0).
        seed: any integer from 0 to 2**64 - 1; the same arguments give the same scheme.
        from_date: the first day of the weeks the requests fall in, "YYYY-MM-DD".
        weeks: how many weeks, 1 to 104.

    Returns:
        The generated scheme, already validated.

    Raises:
        TypeError: when an argument is not a number of the right kind.
        ValueError: when an argument is out of range; the message names it.
        SlmatchError: when ``from_date`` is not a date.
    """
    count_people = _whole("people", people, 0, 2**31 - 1)
    count_households = _whole("households", households, 0, 2**31 - 1)
    stream = _whole("seed", seed, 0, _MAX_SEED)
    span = _whole("weeks", weeks, 1, 104)
    return generate_calendar_scheme(count_people, count_households, stream, from_date, span)
