"""A seeded discrete-event model of a Shared Lives scheme over months, to compare policies.

Referrals arrive, carer households are approved or leave, arrangements end, and
introductions can fail. A *policy* says when matching runs (``"arrival"``: whenever the
waiting list or the free places change; ``"weekly"``: in batches every ``batch_days``) and
how (``"greedy"`` best pair first, ``"optimal"`` most people then the largest total,
``"stable"`` person-proposing deferred acceptance over both sides' views, ``"egalitarian"``
the largest lowest score)::

    from slmatch.simulation import simulate
    result = simulate(["arrival/greedy", "weekly/optimal", "weekly/stable"], seed=3)
    result.summary        # one row per policy: waits, scores, moves, inequality
    result.introductions  # every introduction: who, where, when, how it ended
    result.waiting        # people waiting, day by day, per policy

With ``short_breaks=True`` the simulation also plans, period by period, the short breaks
and day support of the people in the scheme with the calendar planner
(:func:`slmatch.calendar.plan`)::

    result = simulate(["weekly/greedy", "weekly/optimal"], seed=3, short_breaks=True)
    result.short_breaks   # per policy and period: nights and slots asked for and covered
    result.summary        # now also with the short-break nights and day slots over the run

How the model works:

- The people who will be referred and the households that will be approved are drawn once
  as a synthetic scheme (``synthetic_scheme``: realistic needs, places and the BRIEF's
  arrangement mix of about 58% long-term, 27% short breaks, 17% day support), or, with
  ``scheme=``, start from a scheme's own state with newcomers resembling its people and
  households (:mod:`slmatch.simulation_start`); the engine scores every feasible pair once.
  Scores do not change as households fill.
- Places held on day 0 (residents, and in the default scheme arrangements already running)
  are freed when their arrangements end, after an exponentially distributed time with the
  mean for their type (long-term for residents); when their household leaves, the people
  there leave the model and count as moves.
- Every policy sees the same world (common random numbers): the same arrival days,
  approval and leaving days, arrangement lengths and introduction outcomes, so differences
  between policies come from the policies.
- A proposal starts an introduction that holds the household's place for
  ``introduction_days``; it then fails with probability ``introduction_failure`` (the pair
  is never proposed again and the person waits on) or the arrangement starts. Every
  arrangement holds one place until it ends, after an exponentially distributed time with
  the mean for its type; the person then leaves the scheme.
- When a household leaves, the people living there go back on the waiting list (a
  *move*: a disruption to their lives) and keep the time left of their arrangement.
- A person's wait runs from joining the waiting list (referral, or a move) to the start of
  an arrangement.

People who live together (``group_share`` above 0: the synthetic scheme's groups, mostly
couples and siblings, a fifth of them only preferring to live together):

- A group is referred on the day the first of its members is, and the arrangement of each
  member lasts as long as the first member's.
- A required group is matched whole or not at all: only to households that suit every
  member and have room for all of them as the engine decides it on the scheme as drawn
  (a place each under the cap, a free bedroom each who lives in, one for all when they
  share a bedroom), and that have a free place for each member at the moment of matching.
  ``optimal`` solves with :func:`slmatch.capacitated.assign_grouped` (the most people, then
  the largest total, living-together points included), ``egalitarian`` with
  :func:`slmatch.capacitated.assign_fair` given the groups, ``stable`` with the
  stable-with-groups plan (:func:`slmatch.stable.hospital_resident_with_groups`; both
  sides' views have no living-together points) and ``greedy`` takes candidates best first,
  a required group being one candidate per host scored by its members' scores there plus
  the living-together points (5 points per unit of the policy's ``living_together_weight``).
- A preferred group may be placed apart; placed together it earns the living-together
  points under ``optimal`` and ``egalitarian``. Its members are treated as a group only
  while all of them wait.
- People introduced together to one household (a required group always, a preferred one
  when the plan puts them together) hold a place each; one draw decides whether their
  introduction fails, for all of them; and arrangements begun together end together. When
  a household leaves, all of them go back on the waiting list.

Defaults (:class:`SimulationParameters`), calibrated to published national figures where
there are any and otherwise assumed, as marked:

- Size: Shared Lives Plus, "The state of the sector: Shared Lives care in the UK 2023-24",
  counts 10,081 carers and 9,802 people supported; its 2024-25 report counts 9,898 people,
  58% living in, 27% on short breaks and 17% on day support; Shared Lives Plus names about
  140 regulated schemes (123 in England). A typical scheme therefore supports about 70
  people with about 70 carers: the default starts with ``initial_households=70`` synthetic
  households (the synthetic scheme's own arrangement mix follows the 58/27/17 split).
- Short of places (assumed; no national figure counts vacant places or waiting lists, but
  the 2023-24 report describes referrals left without matches): on day 0 the households'
  residents and 90% of their other places (``initial_occupancy``) are held, about 100 of
  their about 110 places, and 15 people (``initial_waiting``) have waited up to a year.
- Arrangement lengths (assumed; exponential): long-term 6 years (the Shared Lives model is
  a home for years, some arrangements running for decades), short break and day support
  arrangements 1 and 2 years (a continuing relationship holding a place), emergency 4
  weeks, intermediate 6 weeks.
- Referrals: 3 a month (assumed), more than the places that ending arrangements and new
  households free, so the waiting list grows: over 24 months it goes from 15 to about 20,
  and about 1 person in 5 referred is still waiting at the end.
- Carers: 8 years on average (assumed), so 70 households lose about 0.73 a month; carer
  numbers grew 2% in 2023-24 (the same report), so approvals default to 0.85 a month.
- Introductions (tea, a day, an overnight) take 3 weeks and fail 15% of the time (assumed).
- Arrangements do not end early unless ``early_ending`` (:class:`EarlyEnding`) is set.

:func:`slmatch.simulation_calibration.calibrate` replaces the rates with a scheme's own,
estimated from its event log (:mod:`slmatch.simulation_events`);
:func:`slmatch.simulation_replications.replicate` runs many worlds and reports intervals;
:func:`slmatch.simulation_replay.replay` plays a policy against a scheme's own history.

Short breaks and day support (:class:`ShortBreakParameters`), when asked for:

- The synthetic scheme has no calendar requests, so they are drawn here, from a random
  stream of their own (the rest of the world is the same with or without them), following
  how schemes describe these arrangements: each person whose arrangement is a short break
  asks, in equal shares, for every other weekend (Friday and Saturday nights, or Saturday
  night), a weekend a month (the nth Friday, 2 nights), dated stays of 2 to 7 nights 1 to 3
  weeks apart, or an allowance of 4 nights a month in 2-night stays from a Friday or a
  Saturday; each person on day support asks for 1 to 3 weekday mornings or afternoons a
  week; one in five requires one carer for everything, three in five prefer one. A household
  offering short breaks has 1 bed for them (2 in one in four), a third host on Friday and
  Saturday nights only and a third at most 6 to 10 nights a month; a household offering day
  support has 1 to 3 day places; carers are away about 4 weeks a year, a week at a time.
- The simulated time is cut into planning periods of ``period_weeks`` weeks, starting on
  the first Monday; only whole periods are planned. At the start of each period, under each
  policy, the people with a request who have been referred and have not left the scheme
  (waiting, in introductions or placed) ask for what falls in the period; the households
  approved and not yet gone offer short-break beds only in places no one holds at that
  moment (so a policy that fills homes with live-in arrangements leaves fewer beds), and
  a household that leaves during the period is away from that day. A person in an
  introduction or an arrangement counts that household as one they know (continuity).
- Each period is planned by the calendar planner on its own (a fresh plan each period;
  the policy's matching is not changed by it): the figures are what the planner covers.
  They are the same for the same seed as long as no plan stops at its time limit (the
  table's ``proven_optimal`` says so).
"""

from __future__ import annotations

import datetime
import heapq
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from slmatch import _core
from slmatch._core import Scheme
from slmatch.calendar_batch import PLAN_FIGURES, plan_schemes
from slmatch.capacitated import (
    Group,
    Problem,
    assign_capacitated,
    assign_fair,
    assign_grouped,
)
from slmatch.frames import scheme_to_frames
from slmatch.matching import audit_plan
from slmatch.simulation_start import (
    SchemeSource,
    StartingState,
    default_start,
    load_scheme_source,
    scheme_start,
)

__all__ = [
    "DEFAULT_POLICIES",
    "RUN_FIGURES",
    "SHORT_BREAK_COLUMNS",
    "SHORT_BREAK_SUMMARY_COLUMNS",
    "SOLVERS",
    "SUMMARY_COLUMNS",
    "TIMINGS",
    "EarlyEnding",
    "ShortBreakParameters",
    "SimulationParameters",
    "SimulationResult",
    "simulate",
]

TIMINGS: tuple[str, ...] = ("arrival", "weekly")
"""When matching runs: on every change, or in batches every ``batch_days``."""
SOLVERS: tuple[str, ...] = ("greedy", "optimal", "stable", "egalitarian")
"""How the waiting list is matched to the free places."""
DEFAULT_POLICIES: tuple[str, ...] = (
    "arrival/greedy",
    "weekly/greedy",
    "weekly/optimal",
    "weekly/stable",
    "weekly/egalitarian",
)
"""The policies :func:`simulate` compares by default, as ``"timing/solver"``."""

DAYS_PER_MONTH = 365.25 / 12

SUMMARY_COLUMNS: tuple[str, ...] = (
    "policy",
    "timing",
    "solver",
    "referrals",
    "started",
    "still_waiting",
    "mean_wait_days",
    "median_wait_days",
    "p90_wait_days",
    "longest_wait_days",
    "mean_score",
    "lowest_score",
    "introductions",
    "failed_introductions",
    "moves",
    "match_rate_gap",
    "mean_score_gap",
    "wait_gap_days",
    "groups",
    "groups_placed_together",
    "mean_wait_days_in_groups",
    "mean_wait_days_on_own",
)
"""The columns of :attr:`SimulationResult.summary`. Waits are of the arrangements started;
``longest_wait_days`` also counts the people still waiting at the end. Gaps are the largest
spread between groups: ``match_rate_gap`` and ``mean_score_gap`` from the inequality audit
(need, age band, area, ethnicity; small groups withheld), ``wait_gap_days`` between the
people's main needs (groups of 5 or more). Then the people referred to be placed together
(``group_share``): ``groups`` referred, ``groups_placed_together`` of them whose members all
started an arrangement in one household, and the mean wait of the arrangements started by
people in groups and by people on their own (without groups: 0, 0, NaN and
``mean_wait_days``)."""

SHORT_BREAK_COLUMNS: tuple[str, ...] = ("policy", "period", "from_date", *PLAN_FIGURES)
"""The columns of :attr:`SimulationResult.short_breaks`: the policy, the period (0, 1, ...)
and its first day (``"YYYY-MM-DD"``), then the period's plan's figures
(:data:`slmatch.calendar_batch.PLAN_FIGURES`): the people with a request then, the stays and
slots planned, the short-break nights and day-support slots asked for in the period and
those the planner covered, and whether the plan is proven optimal, with its gap."""

SHORT_BREAK_SUMMARY_COLUMNS: tuple[str, ...] = (
    "short_break_nights_requested",
    "short_break_nights_covered",
    "day_slots_requested",
    "day_slots_covered",
)
"""The columns :func:`simulate` adds to the summary, after :data:`SUMMARY_COLUMNS`, when it
plans short breaks: each policy's nights and slots over all its periods."""

_NOT_ARRIVED, _WAITING, _INTRODUCING, _PLACED, _LEFT = range(5)


def _default_mean_days() -> dict[str, float]:
    return {
        "long_term": 6 * 365.25,
        "short_break": 365.25,
        "day_support": 2 * 365.25,
        "emergency": 28.0,
        "intermediate": 42.0,
    }


@dataclass(frozen=True)
class EarlyEnding:
    """An optional model in which arrangements end early, more often the lower the match score.

    An arrangement that starts with score ``s`` (0-100) ends early with probability
    ``share_at_score_0 + (share_at_score_100 - share_at_score_0) * s / 100``, at a uniformly
    drawn day within ``within_days`` of its start (if it would not have ended by then); the
    person goes back on the waiting list keeping the time left of their arrangement, and the
    pair is not proposed again. Both shares are assumptions (no published figure links the
    match score to breakdowns); :func:`slmatch.simulation_replications.replicate` runs the
    model again without it and says which figures depend on it.
    """

    share_at_score_0: float = 0.4
    """Probability that an arrangement with score 0 ends early."""
    share_at_score_100: float = 0.05
    """Probability that an arrangement with score 100 ends early."""
    within_days: float = 182.0
    """Early endings fall within this many days of the start."""

    def share(self, score: float) -> float:
        """The probability that an arrangement with ``score`` ends early."""
        low, high = self.share_at_score_0, self.share_at_score_100
        return low + (high - low) * min(max(score, 0.0), 100.0) / 100.0

    def check(self) -> None:
        """Raise ValueError naming the first parameter out of range."""
        for name in ("share_at_score_0", "share_at_score_100"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                raise ValueError(f"early_ending.{name} must be between 0 and 1 (is {value!r})")
        if not (math.isfinite(self.within_days) and self.within_days > 0):
            raise ValueError(
                "early_ending.within_days must be a finite number above 0 "
                f"(is {self.within_days!r})"
            )


@dataclass(frozen=True)
class SimulationParameters:
    """The scheme modelled and its rates; see the module docstring for where they come from."""

    months: float = 24.0
    """How long the simulation runs."""
    referrals_per_month: float = 3.0
    """Mean referrals a month (Poisson arrivals)."""
    initial_waiting: int = 15
    """People on the waiting list on day 0 (without a scheme)."""
    initial_households: int = 70
    """Approved households on day 0 (without a scheme)."""
    initial_occupancy: float = 0.9
    """The share of the day-0 households' places, beyond their residents, held on day 0 by
    arrangements already running (without a scheme)."""
    initial_wait_months: float = 12.0
    """The people waiting on day 0 have waited up to this long, uniformly (without a
    scheme)."""
    approvals_per_month: float = 0.85
    """Mean new households approved a month (Poisson)."""
    carer_years: float = 8.0
    """Mean years a household stays approved before it leaves (exponential)."""
    mean_days: Mapping[str, float] = field(default_factory=_default_mean_days)
    """Mean length of an arrangement by type, in days (exponential)."""
    introduction_days: float = 21.0
    """How long introductions hold a place before the arrangement starts or fails."""
    introduction_failure: float = 0.15
    """Probability that an introduction does not lead to an arrangement."""
    batch_days: float = 7.0
    """Days between matching runs under ``"weekly"`` timing."""
    household_cap: int = 3
    """The scheme's cap on people per household (1-3)."""
    travel_limit_km: float = 40.0
    """The scheme's default travel limit."""
    radius_km: float = 20.0
    """The area the scheme covers."""
    group_share: float = 0.0
    """The share of referred people in groups to be placed together (0-1; 0: nobody)."""
    early_ending: EarlyEnding | None = None
    """Arrangements end early depending on their score (:class:`EarlyEnding`); None: never."""

    def check(self) -> None:
        """Raise ValueError naming the first parameter out of range."""
        positive = {
            "months": self.months,
            "carer_years": self.carer_years,
            "batch_days": self.batch_days,
            "travel_limit_km": self.travel_limit_km,
        }
        for name, value in positive.items():
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number above 0 (is {value!r})")
        non_negative = {
            "referrals_per_month": self.referrals_per_month,
            "approvals_per_month": self.approvals_per_month,
            "introduction_days": self.introduction_days,
            "radius_km": self.radius_km,
        }
        for name, value in non_negative.items():
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite number >= 0 (is {value!r})")
        for name, count in {
            "initial_waiting": self.initial_waiting,
            "initial_households": self.initial_households,
        }.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"{name} must be a whole number >= 0 (is {count!r})")
        for name in ("initial_occupancy",):
            share = getattr(self, name)
            if not (math.isfinite(share) and 0.0 <= share <= 1.0):
                raise ValueError(f"{name} must be between 0 and 1 (is {share!r})")
        if not (math.isfinite(self.initial_wait_months) and self.initial_wait_months >= 0):
            raise ValueError(
                "initial_wait_months must be a finite number >= 0 "
                f"(is {self.initial_wait_months!r})"
            )
        if self.early_ending is not None:
            self.early_ending.check()
        if not 0.0 <= self.introduction_failure <= 1.0:
            raise ValueError(
                f"introduction_failure must be between 0 and 1 (is {self.introduction_failure!r})"
            )
        if not (math.isfinite(self.group_share) and 0.0 <= self.group_share <= 1.0):
            raise ValueError(f"group_share must be between 0 and 1 (is {self.group_share!r})")
        if self.household_cap not in (1, 2, 3):
            raise ValueError(f"household_cap must be 1, 2 or 3 (is {self.household_cap!r})")
        missing = sorted(set(_default_mean_days()) - set(self.mean_days))
        if missing:
            raise ValueError(f"mean_days: no mean given for {missing[0]!r}")
        for name, days in self.mean_days.items():
            if not (math.isfinite(days) and days > 0):
                raise ValueError(f"mean_days[{name!r}] must be a finite number above 0")


@dataclass(frozen=True)
class ShortBreakParameters:
    """How :func:`simulate` plans short breaks and day support; see the module docstring."""

    period_weeks: int = 4
    """Weeks in each planning period (1-104)."""
    seconds: float = 5.0
    """The time limit of each period's plan."""
    threads: int | None = None
    """Plans made at once (default one per core); the figures do not depend on it."""

    def check(self) -> None:
        """Raise ValueError naming the first parameter out of range."""
        weeks = self.period_weeks
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 104:
            raise ValueError(f"period_weeks must be a whole number from 1 to 104 (is {weeks!r})")
        if not (math.isfinite(self.seconds) and self.seconds > 0):
            raise ValueError(f"seconds must be a finite number above 0 (is {self.seconds!r})")
        threads = self.threads
        if threads is not None and (
            isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
        ):
            raise ValueError(f"threads must be a whole number >= 1 (is {threads!r})")


@dataclass(frozen=True)
class SimulationResult:
    """What :func:`simulate` found, policy by policy."""

    summary: pd.DataFrame
    """One row per policy with :data:`SUMMARY_COLUMNS`."""
    introductions: pd.DataFrame
    """Every introduction: policy, person, household, arrangement, score, proposed_day,
    waiting_since_day, outcome (``started``, ``failed``, ``cancelled`` when the household
    left first, ``pending`` at the end), started_day, wait_days, ended_day and end_reason
    (``ended``, ``carer left`` or ``ongoing``), released_day, when the household's place
    was given back, and the person's group and whether it must live together (``required``)
    or would like to (``preferred``), None for people on their own; NaN where not
    applicable."""
    waiting: pd.DataFrame
    """People on the waiting list at the end of each day: policy, day, waiting."""
    parameters: SimulationParameters
    """The parameters the run used."""
    seed: int
    """The seed the run used."""
    short_breaks: pd.DataFrame | None = None
    """With short breaks planned, one row per policy and planning period with
    :data:`SHORT_BREAK_COLUMNS`; None otherwise."""


@dataclass(frozen=True)
class _World:
    """Everything random, drawn once and shared by every policy."""

    scheme: Scheme
    people: int
    households: int
    arrival_day: npt.NDArray[np.float64]
    waiting_since_day: npt.NDArray[np.float64]
    """Per person: the day they joined the waiting list (before day 0 for a scheme's list)."""
    occupant_household: npt.NDArray[np.int64]
    """Per place held on day 0 by an arrangement already running: its household."""
    occupant_end_day: npt.NDArray[np.float64]
    """Per place held on day 0: the day its arrangement ends."""
    early_draws: npt.NDArray[np.float64]
    """Per person and arrangement started: the draw deciding an early ending, and the share
    of ``within_days`` after which it falls."""
    approval_day: npt.NDArray[np.float64]
    leaving_day: npt.NDArray[np.float64]
    duration_days: npt.NDArray[np.float64]
    introduction_draws: npt.NDArray[np.float64]
    arrangement: list[str]
    main_need: list[str]
    person_ids: list[str]
    household_ids: list[str]
    capacity: npt.NDArray[np.int64]
    # Both sides' views over the feasible pairs (person side: one edge per pair).
    edge_person: npt.NDArray[np.int64]
    edge_household: npt.NDArray[np.int64]
    edge_weight: npt.NDArray[np.int64]
    edge_score: npt.NDArray[np.float64]
    household_side_person: npt.NDArray[np.int64]
    household_side_household: npt.NDArray[np.int64]
    household_side_edge: npt.NDArray[np.int64]
    # People to be placed together, in the scheme's order.
    group_ids: list[str]
    group_members: list[npt.NDArray[np.int64]]
    """Per group: its members' person indices, in the group's order."""
    group_required: list[bool]
    group_hosts: list[npt.NDArray[np.int64]]
    """Per group: the households that suit every member and have room for all of them, by
    the engine's rule on the scheme as drawn (places under the cap and free bedrooms)."""
    group_of: npt.NDArray[np.int64]
    """Per person: their group's index, -1 for people on their own."""
    together_weight: int
    """What a group placed together earns, in the edge weights' units."""


_MAX_ATTEMPTS = 64


def _draw_world(
    parameters: SimulationParameters, seed: int, scheme: Scheme | None = None
) -> _World:
    """Draw everything random once: the people and households, when they come and go, how
    long arrangements last and how introductions end; ``scheme`` is the state of day 0
    (None: the default synthetic scheme)."""
    generator = np.random.default_rng(seed)
    new_people = int(generator.poisson(parameters.referrals_per_month * parameters.months))
    new_households = int(generator.poisson(parameters.approvals_per_month * parameters.months))
    if scheme is None:
        start = default_start(
            generator,
            initial_waiting=parameters.initial_waiting,
            initial_households=parameters.initial_households,
            initial_occupancy=parameters.initial_occupancy,
            initial_wait_months=parameters.initial_wait_months,
            new_people=new_people,
            new_households=new_households,
            radius_km=parameters.radius_km,
            household_cap=parameters.household_cap,
            travel_limit_km=parameters.travel_limit_km,
            group_share=parameters.group_share,
        )
    else:
        start = scheme_start(scheme, generator, new_people, new_households)
    return _world_from_start(parameters, start, generator)


def _world_from_start(
    parameters: SimulationParameters, start: StartingState, generator: np.random.Generator
) -> _World:
    """The world of a starting state: the newcomers' days drawn, every pair scored once."""
    horizon = parameters.months * DAYS_PER_MONTH
    scheme = Scheme.from_json(json.dumps(start.document))
    referrals = len(scheme.person_ids)
    approvals = len(scheme.household_ids)
    arrival_day = np.concatenate(
        [
            np.zeros(start.waiting),
            np.sort(generator.uniform(0.0, horizon, size=referrals - start.waiting)),
        ]
    )
    waiting_since_day = arrival_day.copy()
    waiting_since_day[: start.waiting] = start.waiting_since_day
    approval_day = np.concatenate(
        [
            np.zeros(start.households),
            np.sort(generator.uniform(0.0, horizon, size=approvals - start.households)),
        ]
    )
    leaving_day = approval_day + generator.exponential(
        parameters.carer_years * 365.25, size=approvals
    )
    occupant_end_day = generator.exponential(1.0, size=start.occupant_household.size) * np.array(
        [parameters.mean_days[kind] for kind in start.occupant_arrangement], dtype=np.float64
    )
    frames = scheme_to_frames(scheme)
    people = frames["people"]
    arrangement = [str(kind) for kind in people["arrangement"]]
    duration_days = generator.exponential(1.0, size=referrals) * np.array(
        [parameters.mean_days[kind] for kind in arrangement], dtype=np.float64
    )
    introduction_draws = generator.uniform(size=(referrals, _MAX_ATTEMPTS))
    early_draws = generator.uniform(size=(referrals, _MAX_ATTEMPTS, 2))
    group_ids, group_members, group_required, share_bedroom = _scheme_groups(scheme, frames)
    group_of = np.full(referrals, -1, dtype=np.int64)
    for g, members in enumerate(group_members):
        group_of[members] = g
        # A group is referred when the first of them is, and its arrangement lasts as long
        # as its first member's: they come, wait, live and leave together.
        arrival_day[members] = arrival_day[members].min()
        waiting_since_day[members] = waiting_since_day[members].min()
        duration_days[members] = duration_days[members[0]]
    main_need = [str(next(iter(needs))) if len(needs) else "none" for needs in people["needs"]]

    (
        person_indptr,
        person_households,
        person_scores,
        household_indptr,
        household_people,
        _household_scores,
        capacity,
    ) = _core.stable.views(scheme)
    edge_person = np.repeat(np.arange(referrals, dtype=np.int64), np.diff(person_indptr))
    edge_household = np.asarray(person_households, dtype=np.int64)
    side_household = np.repeat(np.arange(approvals, dtype=np.int64), np.diff(household_indptr))
    side_person = np.asarray(household_people, dtype=np.int64)
    # Each household-side entry's edge: the person-side entry of the same pair.
    edge_key = edge_person * max(approvals, 1) + edge_household
    by_key = np.argsort(edge_key, kind="stable")
    side_edge = by_key[
        np.searchsorted(edge_key[by_key], side_person * max(approvals, 1) + side_household)
    ]
    places = np.asarray(capacity, dtype=np.int64)
    free_bedrooms = frames["households"]["free_bedrooms"].to_numpy(dtype=np.int64)
    group_hosts = [
        _group_hosts(
            members,
            share,
            [arrangement[p] for p in members],
            edge_person,
            edge_household,
            places,
            free_bedrooms,
        )
        for members, share in zip(group_members, share_bedroom)
    ]
    return _World(
        scheme=scheme,
        people=referrals,
        households=approvals,
        arrival_day=arrival_day,
        waiting_since_day=waiting_since_day,
        occupant_household=start.occupant_household,
        occupant_end_day=occupant_end_day,
        early_draws=early_draws,
        approval_day=approval_day,
        leaving_day=leaving_day,
        duration_days=duration_days,
        introduction_draws=introduction_draws,
        arrangement=arrangement,
        main_need=main_need,
        person_ids=scheme.person_ids,
        household_ids=scheme.household_ids,
        capacity=np.asarray(capacity, dtype=np.int64),
        edge_person=edge_person,
        edge_household=edge_household,
        edge_weight=np.rint(np.asarray(person_scores) * 1000.0).astype(np.int64),
        edge_score=np.asarray(person_scores, dtype=np.float64),
        household_side_person=side_person,
        household_side_household=side_household,
        household_side_edge=side_edge,
        group_ids=group_ids,
        group_members=group_members,
        group_required=group_required,
        group_hosts=group_hosts,
        group_of=group_of,
        together_weight=int(np.rint(_living_together_points(scheme) * 1000.0)),
    )


def _scheme_groups(
    scheme: Scheme, frames: Mapping[str, pd.DataFrame]
) -> tuple[list[str], list[npt.NDArray[np.int64]], list[bool], list[bool]]:
    """The scheme's groups: ids, members' person indices, required or not, sharing a
    bedroom or not."""
    table = frames["groups"]
    if table.empty:
        return [], [], [], []
    index = {person: p for p, person in enumerate(scheme.person_ids)}
    records = table.to_dict("records")
    return (
        [str(record["id"]) for record in records],
        [np.array([index[m] for m in record["members"]], dtype=np.int64) for record in records],
        [record.get("together", "required") == "required" for record in records],
        [bool(record.get("share_bedroom", False)) for record in records],
    )


def _group_hosts(
    members: npt.NDArray[np.int64],
    share_bedroom: bool,
    arrangements: Sequence[str],
    edge_person: npt.NDArray[np.int64],
    edge_household: npt.NDArray[np.int64],
    places: npt.NDArray[np.int64],
    free_bedrooms: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """The households that could take a whole group, as the engine decides it: every member
    has a feasible pair there, it has a place for each and a free bedroom for each member who
    lives in (one for all when they share a bedroom)."""
    suited = np.bincount(
        edge_household[np.isin(edge_person, members)], minlength=places.size
    ) == len(members)
    live_in = sum(kind != "day_support" for kind in arrangements)
    bedrooms = min(live_in, 1) if share_bedroom else live_in
    room = (places >= len(members)) & (free_bedrooms >= bedrooms)
    return np.flatnonzero(suited & room).astype(np.int64)


# The living-together factor as the engine scores it (docs/scheme-format.md, "Groups"): a
# group placed together earns 5 points per unit of the policy's weight, 2 when the scheme
# file leaves it out. The compiled module does not expose them.
_LIVING_TOGETHER_POINTS_PER_WEIGHT = 5.0
_DEFAULT_LIVING_TOGETHER_WEIGHT = 2.0


def _living_together_points(scheme: Scheme) -> float:
    policy = json.loads(scheme.to_json())["policy"]
    weight = float(policy.get("living_together_weight", _DEFAULT_LIVING_TOGETHER_WEIGHT))
    return weight * _LIVING_TOGETHER_POINTS_PER_WEIGHT


# Short breaks and day support: requests and availability drawn for the world's people and
# households, and each period's scheme as a policy leaves it.

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FRIDAY, _SATURDAY = 4, 5
_HOLIDAY_WEEKS_PER_YEAR = 4.0


@dataclass(frozen=True)
class _ShortBreakWorld:
    """The world's calendar requests and availability, drawn once and shared by every policy."""

    document: dict[str, Any]
    """The world's scheme as scheme-file JSON, without calendars."""
    first_day: datetime.date
    """Day 0 of the simulation: the scheme's as_of date."""
    period_starts: list[int]
    """The first day of each planning period."""
    period_weeks: int
    requests: list[dict[str, Any] | None]
    """Per person: the calendar request over the whole run, None without one."""
    availability: list[dict[str, Any]]
    """Per household: its calendar, but for beds and dates away."""
    beds: npt.NDArray[np.int64]
    """Per household: short-break beds when its places are free."""
    holiday_start: npt.NDArray[np.int64]
    """Per household and period: the first day of a week away, -1 for none."""


def _iso(first_day: datetime.date, day: float) -> str:
    return (first_day + datetime.timedelta(days=math.floor(day))).isoformat()


def _first_on(first_day: datetime.date, day: int, weekday: int) -> int:
    """The first day on or after ``day`` that falls on ``weekday`` (0 = Monday)."""
    return day + (weekday - (first_day + datetime.timedelta(days=day)).weekday()) % 7


def _draw_request(
    generator: np.random.Generator,
    arrangement: str,
    first_day: datetime.date,
    period_starts: Sequence[int],
    period_days: int,
) -> dict[str, Any] | None:
    """One person's request over every planning period, or None for other arrangements."""
    start, end = period_starts[0], period_starts[-1] + period_days
    request: dict[str, Any]
    if arrangement == "short_break":
        shape = int(generator.integers(0, 4))
        if shape == 0:
            weekday = _FRIDAY if generator.random() < 0.5 else _SATURDAY
            first = _first_on(first_day, start, weekday) + 7 * int(generator.integers(0, 2))
            code = "FR" if weekday == _FRIDAY else "SA"
            request = {
                "recurring": [
                    {
                        "first": _iso(first_day, first),
                        "rule": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={code}",
                        "nights": 2 if weekday == _FRIDAY else 1,
                    }
                ]
            }
        elif shape == 1:
            week = int(generator.integers(1, 5))
            first = _first_on(first_day, start, _FRIDAY)
            while ((first_day + datetime.timedelta(days=first)).day - 1) // 7 + 1 != week:
                first += 7
            request = {
                "recurring": [
                    {
                        "first": _iso(first_day, first),
                        "rule": f"FREQ=MONTHLY;BYDAY={week}FR",
                        "nights": 2,
                    }
                ]
            }
        elif shape == 2:
            stays = []
            day = start + int(generator.integers(0, 14))
            while True:
                nights = int(generator.integers(2, 8))
                # A stay lies wholly in one period: one that would cross into the next
                # starts with it instead.
                if (day - start) // period_days != (day + nights - 1 - start) // period_days:
                    day = start + period_days * ((day - start) // period_days + 1)
                if day + nights > end:
                    break
                stays.append({"start": _iso(first_day, day), "nights": nights})
                day += nights + int(generator.integers(7, 22))
            request = {"stays": stays} if stays else {"allowance": {"nights": 4, "per": "month"}}
        else:
            weekday = _FRIDAY if generator.random() < 0.5 else _SATURDAY
            request = {
                "allowance": {
                    "nights": 4,
                    "per": "month",
                    "stay_nights": 2,
                    "start_days": [_WEEKDAYS[weekday]],
                },
                "shortest_gap": 5,
            }
    elif arrangement == "day_support":
        slots: list[dict[str, str]] = []
        for _ in range(int(generator.integers(1, 4))):
            slot = {
                "day": _WEEKDAYS[int(generator.integers(0, 5))],
                "part": "morning" if generator.random() < 0.5 else "afternoon",
            }
            if slot not in slots:
                slots.append(slot)
        request = {"day_slots": slots}
    else:
        return None
    continuity = generator.random()
    request["one_carer"] = (
        "required" if continuity < 0.2 else "preferred" if continuity < 0.8 else "any"
    )
    return request


def _draw_short_breaks(
    world: _World, parameters: SimulationParameters, options: ShortBreakParameters, seed: int
) -> _ShortBreakWorld:
    # A stream of its own, so that the rest of the world is the same with or without it.
    generator = np.random.default_rng([seed, 1])
    document = json.loads(world.scheme.to_json())
    first_day = datetime.date.fromisoformat(document["policy"]["as_of"])
    period_days = 7 * options.period_weeks
    horizon = parameters.months * DAYS_PER_MONTH
    first_monday = _first_on(first_day, 0, 0)
    period_starts = list(range(first_monday, math.floor(horizon) - period_days + 1, period_days))
    if not period_starts:
        raise ValueError(
            f"period_weeks: no whole planning period of {options.period_weeks} weeks fits in "
            f"{parameters.months!r} months"
        )
    requests = [
        _draw_request(generator, kind, first_day, period_starts, period_days)
        for kind in world.arrangement
    ]
    availability: list[dict[str, Any]] = []
    beds = np.zeros(world.households, dtype=np.int64)
    for h, home in enumerate(document["households"]):
        offers = set(home["arrangements"])
        calendar: dict[str, Any] = {}
        if "short_break" in offers:
            beds[h] = 2 if generator.random() < 0.25 else 1
            if generator.random() < 1 / 3:
                calendar["short_break_nights"] = ["friday", "saturday"]
            if generator.random() < 1 / 3:
                calendar["max_nights_per_month"] = int(generator.integers(6, 11))
        if "day_support" in offers:
            calendar["day_places"] = int(generator.integers(1, 4))
        availability.append(calendar)
    away_chance = min(1.0, _HOLIDAY_WEEKS_PER_YEAR * period_days / 365.25)
    away = generator.random(size=(world.households, len(period_starts))) < away_chance
    offset = generator.integers(0, period_days - 6, size=away.shape)
    holiday_start = np.where(away, np.asarray(period_starts) + offset, -1).astype(np.int64)
    for home in document["households"]:
        home.pop("calendar", None)
    return _ShortBreakWorld(
        document=document,
        first_day=first_day,
        period_starts=period_starts,
        period_weeks=options.period_weeks,
        requests=requests,
        availability=availability,
        beds=beds,
        holiday_start=holiday_start,
    )


@dataclass(frozen=True)
class _Snapshot:
    """What a policy has made of the scheme at the start of a planning period."""

    in_scheme: npt.NDArray[np.bool_]
    """Per person: referred and not yet left."""
    known_household: npt.NDArray[np.int64]
    """Per person: the household of their introduction or arrangement, -1 for none."""
    free: npt.NDArray[np.int64]
    """Per household: places no one holds."""
    active: npt.NDArray[np.bool_]
    """Per household: approved and not yet gone."""


def _period_scheme(short: _ShortBreakWorld, world: _World, snapshot: _Snapshot, period: int) -> str:
    """The scheme-file JSON of one period under one policy."""
    start = short.period_starts[period]
    end = start + 7 * short.period_weeks - 1
    people = []
    for p, person in enumerate(short.document["people"]):
        request = short.requests[p]
        if request is None or not snapshot.in_scheme[p]:
            people.append(person)
            continue
        person = {**person, "calendar": request}
        known = int(snapshot.known_household[p])
        if known >= 0 and world.household_ids[known] not in person["known_households"]:
            person["known_households"] = [*person["known_households"], world.household_ids[known]]
        people.append(person)
    households = []
    for h, home in enumerate(short.document["households"]):
        if not snapshot.active[h]:
            households.append(home)
            continue
        calendar = dict(short.availability[h])
        if short.beds[h]:
            calendar["short_break_beds"] = int(min(short.beds[h], snapshot.free[h]))
        away = []
        holiday = int(short.holiday_start[h, period])
        if holiday >= 0:
            away.append(
                {"from": _iso(short.first_day, holiday), "to": _iso(short.first_day, holiday + 6)}
            )
        leaving = float(world.leaving_day[h])
        if leaving <= end:
            away.append({"from": _iso(short.first_day, leaving), "to": _iso(short.first_day, end)})
        if away:
            calendar["away"] = away
        households.append({**home, "calendar": calendar})
    return json.dumps({**short.document, "people": people, "households": households})


def _checked_policies(policies: Sequence[str]) -> list[str]:
    """The policies as a list, or ValueError naming what is wrong with them."""
    names = list(policies)
    if not names:
        raise ValueError("policies: give at least one policy")
    for name in names:
        _parse_policy(name)
    if len(set(names)) != len(names):
        raise ValueError("policies: each policy may be given once")
    return names


def _parse_policy(policy: str) -> tuple[str, str]:
    timing, _, solver = policy.partition("/")
    if timing not in TIMINGS or solver not in SOLVERS:
        raise ValueError(
            f"policies: {policy!r} is not timing/solver with timing one of "
            f"{', '.join(TIMINGS)} and solver one of {', '.join(SOLVERS)}"
        )
    return timing, solver


_OBJECTIVE = "max_matched_then_total"
"""What the optimal and egalitarian solvers optimise: the most people, then the best total."""


def _mean(values: npt.NDArray[np.float64]) -> float:
    return float(values.mean()) if values.size else math.nan


def _csr_rows(rows: npt.NDArray[np.int64], count: int) -> npt.NDArray[np.int64]:
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=count), out=indptr[1:])
    return indptr


def _greedy_with_groups(
    person: npt.NDArray[np.int64],
    household: npt.NDArray[np.int64],
    weight: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    people: int,
    required: Sequence[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
    together_weight: int,
) -> npt.NDArray[np.int64]:
    """The engine's greedy plan (best pair first; ties: lower person, then lower household)
    with each required group one candidate per host: its members' weights there plus the
    living-together points, taken only while the host has a place for every member.

    ``required`` holds (members, hosts) with every member allowed at every host."""
    in_group = np.zeros(people, dtype=bool)
    candidates: list[tuple[int, int, int, list[int]]] = []
    for members, hosts in required:
        in_group[members] = True
        of_group = np.isin(person, members)
        for host in (int(h) for h in hosts):
            total = int(weight[of_group & (household == host)].sum()) + together_weight
            candidates.append((-total, int(members.min()), host, [int(p) for p in members]))
    alone = ~in_group[person]
    candidates.extend(
        (-int(w), int(p), int(h), [int(p)])
        for p, h, w in zip(person[alone], household[alone], weight[alone])
    )
    candidates.sort(key=lambda candidate: candidate[:3])
    household_of = np.full(people, -1, dtype=np.int64)
    left = np.array(capacity, dtype=np.int64)
    for _, _, host, taken in candidates:
        if left[host] < len(taken) or (household_of[taken] >= 0).any():
            continue
        household_of[taken] = host
        left[host] -= len(taken)
    return household_of


class _Run:
    """One policy played out on one world."""

    def __init__(
        self,
        world: _World,
        parameters: SimulationParameters,
        policy: str,
        period_starts: Sequence[int] = (),
    ) -> None:
        self.world = world
        self.period_starts = period_starts
        self.snapshots: list[_Snapshot] = []
        self.parameters = parameters
        self.policy = policy
        self.timing, self.solver = _parse_policy(policy)
        self.horizon = parameters.months * DAYS_PER_MONTH
        self.status = np.full(world.people, _NOT_ARRIVED, dtype=np.int64)
        self.waiting_since = np.zeros(world.people)
        self.remaining = world.duration_days.copy()
        self.attempts = np.zeros(world.people, dtype=np.int64)
        self.token = np.zeros(world.people, dtype=np.int64)
        self.open_row = np.full(world.people, -1, dtype=np.int64)
        self.household_of = np.full(world.people, -1, dtype=np.int64)
        self.first_household = np.full(world.people, -1, dtype=np.int64)
        self.first_score = np.zeros(world.people)
        self.active = np.zeros(world.households, dtype=bool)
        self.free = world.capacity - np.bincount(
            world.occupant_household, minlength=world.households
        ).astype(np.int64)
        self.occupant_present = np.ones(world.occupant_household.size, dtype=bool)
        self.ended_early = 0
        self.blocked = np.zeros(world.edge_person.size, dtype=bool)
        self.events: list[tuple[float, int, str, int, int]] = []
        self.sequence = 0
        self.rows: list[dict[str, Any]] = []
        self.waiting_trace: list[tuple[float, int]] = [(0.0, 0)]
        self.moves = 0
        # The people introduced together, by the first of them, whose event decides for all.
        self.party: dict[int, list[int]] = {}

    def schedule(self, day: float, kind: str, subject: int, token: int = 0) -> None:
        """Queue an event, unless it falls after the end of the simulation."""
        if day <= self.horizon:
            heapq.heappush(self.events, (day, self.sequence, kind, subject, token))
            self.sequence += 1

    def run(self) -> None:
        """Play every event in day order (ties in the order they were queued)."""
        world = self.world
        for p in range(world.people):
            self.schedule(float(world.arrival_day[p]), "referral", p)
        for h in range(world.households):
            self.schedule(float(world.approval_day[h]), "approval", h)
            self.schedule(float(world.leaving_day[h]), "leaving", h)
        for k in range(world.occupant_household.size):
            self.schedule(float(world.occupant_end_day[k]), "occupant_ended", k)
        if self.timing == "weekly":
            self.schedule(0.0, "batch", 0)
        while self.events:
            self._snapshot_before(self.events[0][0])
            day, _, kind, subject, token = heapq.heappop(self.events)
            changed = getattr(self, f"_on_{kind}")(day, subject, token)
            if changed and self.timing == "arrival" and self._next_day() != day:
                self.match(day)
            self.waiting_trace.append((day, int(np.count_nonzero(self.status == _WAITING))))
        self._snapshot_before(math.inf)
        for row in self.rows:
            if row["outcome"] == "started" and math.isnan(row["ended_day"]):
                row["end_reason"] = "ongoing"

    def _snapshot_before(self, day: float) -> None:
        """Record the planning periods that start by ``day``, before its events."""
        while (
            len(self.snapshots) < len(self.period_starts)
            and self.period_starts[len(self.snapshots)] <= day
        ):
            self.snapshots.append(
                _Snapshot(
                    in_scheme=(self.status != _NOT_ARRIVED) & (self.status != _LEFT),
                    known_household=self.household_of.copy(),
                    free=self.free.copy(),
                    active=self.active.copy(),
                )
            )

    def _next_day(self) -> float:
        return self.events[0][0] if self.events else math.inf

    # Events: each returns whether the waiting list or the free places changed.

    def _on_referral(self, day: float, person: int, token: int) -> bool:
        self.status[person] = _WAITING
        self.waiting_since[person] = self.world.waiting_since_day[person]
        return True

    def _on_occupant_ended(self, day: float, occupant: int, token: int) -> bool:
        if not self.occupant_present[occupant]:
            return False
        self.occupant_present[occupant] = False
        self.free[self.world.occupant_household[occupant]] += 1
        return True

    def _on_approval(self, day: float, household: int, token: int) -> bool:
        self.active[household] = True
        return True

    def _on_batch(self, day: float, subject: int, token: int) -> bool:
        self.match(day)
        self.schedule(day + self.parameters.batch_days, "batch", 0)
        return False

    def _on_leaving(self, day: float, household: int, token: int) -> bool:
        self.active[household] = False
        # The people living there on day 0 leave the model: a move for each of them.
        occupants = self.occupant_present & (self.world.occupant_household == household)
        self.moves += int(np.count_nonzero(occupants))
        self.free[household] += int(np.count_nonzero(occupants))
        self.occupant_present &= ~occupants
        for person in np.flatnonzero(self.household_of == household):
            row = self.rows[self.open_row[person]]
            if self.status[person] == _PLACED:
                row["ended_day"] = day
                row["end_reason"] = "carer left"
                self.remaining[person] -= day - row["started_day"]
                self.moves += 1
                self.waiting_since[person] = day
            else:
                row["outcome"] = "cancelled"
            row["released_day"] = day
            self.status[person] = _WAITING
            self.household_of[person] = -1
            self.token[person] += 1
            self.free[household] += 1
        return True

    def _on_introduced(self, day: float, person: int, token: int) -> bool:
        if token != self.token[person] or self.status[person] != _INTRODUCING:
            return False
        household = int(self.household_of[person])
        party = self.party.pop(person, [person])
        # One draw for the people introduced together: they go on or stop together.
        draw = self.world.introduction_draws[person, self.attempts[person] % _MAX_ATTEMPTS]
        self.attempts[person] += 1
        if draw < self.parameters.introduction_failure:
            for member in party:
                row = self.rows[self.open_row[member]]
                row["outcome"] = "failed"
                row["released_day"] = day
                self.blocked[row["edge"]] = True
                self.status[member] = _WAITING
                self.household_of[member] = -1
                self.free[household] += 1
            return True
        early = self.parameters.early_ending
        ends_early = False
        length = float(self.remaining[person])
        if early is not None:
            attempt = (self.attempts[person] - 1) % _MAX_ATTEMPTS
            chance, when = self.world.early_draws[person, attempt]
            score = float(self.rows[self.open_row[person]]["score"])
            if chance < early.share(score) and when * early.within_days < length:
                ends_early = True
                length = float(when * early.within_days)
        for member in party:
            row = self.rows[self.open_row[member]]
            row["outcome"] = "started"
            row["started_day"] = day
            row["wait_days"] = day - self.waiting_since[member]
            self.status[member] = _PLACED
            if self.first_household[member] < 0:
                self.first_household[member] = household
                self.first_score[member] = row["score"]
            # Arrangements begun together end together.
            self.remaining[member] = self.remaining[person]
            self.schedule(
                day + length,
                "ended_early" if ends_early else "ended",
                member,
                int(self.token[member]),
            )
        return False

    def _on_ended_early(self, day: float, person: int, token: int) -> bool:
        """The arrangement broke down: the person waits again, keeping the time left."""
        if token != self.token[person] or self.status[person] != _PLACED:
            return False
        row = self.rows[self.open_row[person]]
        row["ended_day"] = day
        row["end_reason"] = "ended early"
        row["released_day"] = day
        self.blocked[row["edge"]] = True
        self.remaining[person] -= day - row["started_day"]
        self.free[self.household_of[person]] += 1
        self.household_of[person] = -1
        self.token[person] += 1
        self.status[person] = _WAITING
        self.waiting_since[person] = day
        self.ended_early += 1
        return True

    def _on_ended(self, day: float, person: int, token: int) -> bool:
        if token != self.token[person] or self.status[person] != _PLACED:
            return False
        row = self.rows[self.open_row[person]]
        row["ended_day"] = day
        row["end_reason"] = "ended"
        row["released_day"] = day
        self.free[self.household_of[person]] += 1
        self.household_of[person] = -1
        self.status[person] = _LEFT
        return True

    # Matching.

    def match(self, day: float) -> None:
        """Propose introductions for the waiting list and the free places of the day."""
        world = self.world
        waiting = self.status == _WAITING
        capacity = np.where(self.active, self.free, 0)
        usable = waiting[world.edge_person] & (capacity[world.edge_household] > 0) & ~self.blocked
        groups = self._waiting_groups(usable, capacity)
        if not usable.any():
            return
        plan = self._solve(usable, capacity, groups)
        parties = []
        for g, members, _, required in groups:
            placed = plan[members]
            if (placed >= 0).all() and (placed == placed[0]).all():
                parties.append([int(p) for p in members])
            elif required and (placed >= 0).any():
                raise RuntimeError(f"group {world.group_ids[g]} split by {self.policy}")
        together = {member for party in parties for member in party}
        proposals = [[p] for p in (int(p) for p in np.flatnonzero(plan >= 0)) if p not in together]
        for party in sorted(parties + proposals):
            for person in party:
                self._propose(day, person, int(plan[person]), usable)
            self.party[party[0]] = party
            self.schedule(
                day + self.parameters.introduction_days,
                "introduced",
                party[0],
                int(self.token[party[0]]),
            )

    def _propose(
        self, day: float, person: int, household: int, usable: npt.NDArray[np.bool_]
    ) -> None:
        """Start one person's introduction to a household, holding a place there."""
        world = self.world
        edges = np.flatnonzero(
            usable & (world.edge_person == person) & (world.edge_household == household)
        )
        edge = int(edges[0])
        self.status[person] = _INTRODUCING
        self.household_of[person] = household
        self.free[household] -= 1
        if self.free[household] < 0:
            raise RuntimeError(f"household {world.household_ids[household]} over capacity")
        self.token[person] += 1
        self.open_row[person] = len(self.rows)
        group = int(world.group_of[person])
        self.rows.append(
            {
                "policy": self.policy,
                "person": world.person_ids[person],
                "person_index": person,
                "household": world.household_ids[household],
                "arrangement": world.arrangement[person],
                "score": float(world.edge_score[edge]),
                "proposed_day": day,
                "waiting_since_day": float(self.waiting_since[person]),
                "outcome": "pending",
                "started_day": math.nan,
                "wait_days": math.nan,
                "ended_day": math.nan,
                "end_reason": None,
                "released_day": math.nan,
                "group": world.group_ids[group] if group >= 0 else None,
                "together": (
                    None
                    if group < 0
                    else "required"
                    if world.group_required[group]
                    else "preferred"
                ),
                "edge": edge,
            }
        )

    def _waiting_groups(
        self, usable: npt.NDArray[np.bool_], capacity: npt.NDArray[np.int64]
    ) -> list[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.int64], bool]]:
        """The groups whose members all wait, each with the hosts that could take all of them
        now: (group, members, hosts, required). A required group's members keep only their
        pairs with those hosts (``usable`` is narrowed in place)."""
        world = self.world
        found = []
        for g, members in enumerate(world.group_members):
            mine = np.isin(world.edge_person, members)
            if not (self.status[members] == _WAITING).all():
                if world.group_required[g]:
                    usable &= ~mine  # those waiting wait for the rest
                continue
            hosts = world.group_hosts[g]
            hosts = hosts[capacity[hosts] >= members.size]
            # Every member must still have a pair there that has not failed before.
            reachable = np.bincount(world.edge_household[usable & mine], minlength=world.households)
            hosts = hosts[reachable[hosts] == members.size]
            required = world.group_required[g]
            if required:
                usable &= ~mine | np.isin(world.edge_household, hosts)
            if hosts.size:
                found.append((g, members, hosts, required))
        return found

    def _solve(
        self,
        usable: npt.NDArray[np.bool_],
        capacity: npt.NDArray[np.int64],
        groups: Sequence[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.int64], bool]] = (),
    ) -> Any:
        if groups:
            return self._solve_grouped(usable, capacity, groups)
        world = self.world
        person = world.edge_person[usable]
        household = world.edge_household[usable]
        weight = world.edge_weight[usable]
        problem = Problem(person, household, weight, capacity, people=world.people)
        if self.solver == "greedy":
            return _core.capacitated.greedy(problem)
        if self.solver == "optimal":
            return assign_capacitated(problem, objective=_OBJECTIVE).household_of
        if self.solver == "egalitarian":
            return assign_fair(problem, rule="egalitarian", objective=_OBJECTIVE).household_of
        return self._stable(usable, capacity, [])

    def _stable(
        self,
        usable: npt.NDArray[np.bool_],
        capacity: npt.NDArray[np.int64],
        required: list[list[int]],
    ) -> Any:
        world = self.world
        side = usable[world.household_side_edge]
        lists = (
            _csr_rows(world.edge_person[usable], world.people),
            world.edge_household[usable],
            _csr_rows(world.household_side_household[side], world.households),
            world.household_side_person[side],
            capacity,
        )
        if not required:
            return _core.stable.stable_plan(*lists, "people")[0]
        return _core.stable.stable_plan_with_groups(*lists, required, "people")[0]

    def _solve_grouped(
        self,
        usable: npt.NDArray[np.bool_],
        capacity: npt.NDArray[np.int64],
        groups: Sequence[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.int64], bool]],
    ) -> Any:
        """The solver's plan keeping the waiting groups: required ones whole or not at all,
        preferred ones earning the living-together points when placed together."""
        world = self.world
        if self.solver == "stable":
            # Both sides' views have no living-together points: only the rule counts.
            required = [members.tolist() for _, members, _, needed in groups if needed]
            return self._stable(usable, capacity, required)
        if self.solver == "greedy":
            return _greedy_with_groups(
                world.edge_person[usable],
                world.edge_household[usable],
                world.edge_weight[usable],
                capacity,
                world.people,
                [(members, hosts) for _, members, hosts, needed in groups if needed],
                world.together_weight,
            )
        problem = Problem(
            world.edge_person[usable],
            world.edge_household[usable],
            world.edge_weight[usable],
            capacity,
            people=world.people,
            groups=[
                Group(
                    members.tolist(),
                    [(int(h), world.together_weight) for h in hosts],
                    required,
                )
                for _, members, hosts, required in groups
            ],
        )
        if self.solver == "optimal":
            return assign_grouped(problem, objective=_OBJECTIVE).household_of
        return assign_fair(problem, rule="egalitarian", objective=_OBJECTIVE).household_of

    # Results.

    def summary(self) -> dict[str, Any]:
        """The policy's row of the summary table."""
        world = self.world
        started = [row for row in self.rows if row["outcome"] == "started"]
        waits = np.array([row["wait_days"] for row in started], dtype=np.float64)
        scores = np.array([row["score"] for row in started], dtype=np.float64)
        still_waiting = np.flatnonzero(self.status == _WAITING)
        open_waits = self.horizon - self.waiting_since[still_waiting]
        audit = audit_plan(world.scheme, self.first_household, self.first_score)
        gaps = audit.gaps.groupby("measure")["gap"].max()
        by_need = pd.DataFrame(
            {
                "need": [world.main_need[row["person_index"]] for row in started],
                "wait": waits,
            }
        )
        sizes = by_need.groupby("need")["wait"].agg(["mean", "size"])
        sizes = sizes[sizes["size"] >= 5]
        in_group = np.array(
            [world.group_of[row["person_index"]] >= 0 for row in started], dtype=bool
        )
        homes: dict[int, set[str]] = {}
        for row in started:
            homes.setdefault(row["person_index"], set()).add(row["household"])
        placed_together = sum(
            bool(set.intersection(*(homes.get(int(p), set()) for p in members)))
            for members in world.group_members
        )
        return {
            "policy": self.policy,
            "timing": self.timing,
            "solver": self.solver,
            "referrals": world.people,
            "started": len(started),
            "still_waiting": int(still_waiting.size),
            "mean_wait_days": float(waits.mean()) if waits.size else math.nan,
            "median_wait_days": float(np.median(waits)) if waits.size else math.nan,
            "p90_wait_days": float(np.percentile(waits, 90)) if waits.size else math.nan,
            "longest_wait_days": float(np.concatenate([waits, open_waits]).max(initial=0.0)),
            "mean_score": float(scores.mean()) if scores.size else math.nan,
            "lowest_score": float(scores.min()) if scores.size else math.nan,
            "introductions": len(self.rows),
            "failed_introductions": sum(row["outcome"] == "failed" for row in self.rows),
            "moves": self.moves,
            "match_rate_gap": float(gaps.get("match_rate", math.nan)),
            "mean_score_gap": float(gaps.get("mean_score", math.nan)),
            "wait_gap_days": (
                float(sizes["mean"].max() - sizes["mean"].min()) if len(sizes) >= 2 else math.nan
            ),
            "groups": len(world.group_members),
            "groups_placed_together": placed_together,
            "mean_wait_days_in_groups": _mean(waits[in_group]),
            "mean_wait_days_on_own": _mean(waits[~in_group]),
        }

    def figures(self) -> dict[str, float]:
        """The policy's figures of :data:`RUN_FIGURES`, without the audit (for replications)."""
        started = [row for row in self.rows if row["outcome"] == "started"]
        waits = np.array([row["wait_days"] for row in started], dtype=np.float64)
        scores = np.array([row["score"] for row in started], dtype=np.float64)
        still_waiting = np.flatnonzero(self.status == _WAITING)
        open_waits = self.horizon - self.waiting_since[still_waiting]
        every_wait = np.concatenate([waits, open_waits])
        return {
            "mean_wait_days": _mean(waits),
            "median_wait_days": float(np.median(waits)) if waits.size else math.nan,
            "p90_wait_days": float(np.percentile(waits, 90)) if waits.size else math.nan,
            "mean_wait_days_with_waiting": _mean(every_wait),
            "started": float(len(started)),
            "still_waiting": float(still_waiting.size),
            "mean_score": _mean(scores),
            "introductions": float(len(self.rows)),
            "failed_introductions": float(sum(row["outcome"] == "failed" for row in self.rows)),
            "moves": float(self.moves),
            "ended_early": float(self.ended_early),
        }

    def waiting_by_day(self) -> npt.NDArray[np.int64]:
        """People waiting at the end of each day 0, 1, ... (as :meth:`daily_waiting`)."""
        days = np.arange(0, math.floor(self.horizon) + 1, dtype=np.float64)
        times = np.array([t for t, _ in self.waiting_trace])
        counts = np.array([c for _, c in self.waiting_trace], dtype=np.int64)
        return counts[np.searchsorted(times, days + 1.0, side="left") - 1]

    def daily_waiting(self) -> pd.DataFrame:
        """People waiting at the end of each day."""
        days = np.arange(0, math.floor(self.horizon) + 1, dtype=np.float64)
        times = np.array([t for t, _ in self.waiting_trace])
        counts = np.array([c for _, c in self.waiting_trace], dtype=np.int64)
        last = np.searchsorted(times, days + 1.0, side="left") - 1
        return pd.DataFrame(
            {"policy": self.policy, "day": days.astype(np.int64), "waiting": counts[last]}
        )


INTRODUCTION_COLUMNS: tuple[str, ...] = (
    "policy",
    "person",
    "household",
    "arrangement",
    "score",
    "proposed_day",
    "waiting_since_day",
    "outcome",
    "started_day",
    "wait_days",
    "ended_day",
    "end_reason",
    "released_day",
    "group",
    "together",
)


RUN_FIGURES: tuple[str, ...] = (
    "mean_wait_days",
    "median_wait_days",
    "p90_wait_days",
    "mean_wait_days_with_waiting",
    "started",
    "still_waiting",
    "mean_score",
    "introductions",
    "failed_introductions",
    "moves",
    "ended_early",
)
"""The figures of one policy's run that replications summarise: the mean, median and 90th
percentile wait of the arrangements started; the mean wait counting also the people still
waiting at the end (their wait so far); arrangements started; people still waiting;
the mean score of the arrangements started; introductions and failed ones; moves (people
whose household left, those living there on day 0 included); arrangements that ended early
(:class:`EarlyEnding`)."""


def _plan_short_breaks(
    short: _ShortBreakWorld,
    world: _World,
    snapshots: Mapping[str, Sequence[_Snapshot]],
    options: ShortBreakParameters,
) -> pd.DataFrame:
    """Plan every period under every policy; one row per policy and period."""
    planned: dict[tuple[str, int], pd.Series] = {}
    for period, start in enumerate(short.period_starts):
        texts = {
            policy: _period_scheme(short, world, taken[period], period)
            for policy, taken in snapshots.items()
        }
        # Policies that leave the scheme alike share one plan.
        distinct = list(dict.fromkeys(texts.values()))
        batch = plan_schemes(
            [Scheme.from_json(text) for text in distinct],
            from_date=_iso(short.first_day, start),
            weeks=short.period_weeks,
            seconds=options.seconds,
            threads=options.threads,
            progress=False,
        )
        for policy, text in texts.items():
            planned[policy, period] = batch.summary.iloc[distinct.index(text)]
    rows = [
        {
            "policy": policy,
            "period": period,
            "from_date": _iso(short.first_day, start),
            **{column: planned[policy, period][column] for column in PLAN_FIGURES},
        }
        for policy in snapshots
        for period, start in enumerate(short.period_starts)
    ]
    return pd.DataFrame(rows, columns=list(SHORT_BREAK_COLUMNS))


def simulate(
    policies: Sequence[str] = DEFAULT_POLICIES,
    parameters: SimulationParameters | None = None,
    *,
    seed: int = 0,
    short_breaks: bool | ShortBreakParameters = False,
    scheme: SchemeSource | None = None,
) -> SimulationResult:
    """Play a scheme out over months under each policy and compare them.

    With ``parameters.group_share`` above 0 some people are referred in groups to be placed
    together: every solver keeps a required group whole or leaves all of it waiting, and
    people introduced together start or stop together (see the module docstring). The
    summary's last columns count the groups placed together and compare the waits of people
    in groups and on their own.

    Args:
        policies: ``"timing/solver"`` names, timing from :data:`TIMINGS` and solver from
            :data:`SOLVERS`, e.g. ``"weekly/optimal"``.
        parameters: the scheme and its rates; default :class:`SimulationParameters()`.
        seed: the seed of every random draw; the same arguments give the same result.
        short_breaks: also plan the short breaks and day support of the people in the
            scheme, period by period, with the calendar planner: True for
            :class:`ShortBreakParameters()`, or the parameters to use. The other figures
            do not change.
        scheme: start from this scheme's state on its as-of date (a Scheme, a scheme
            file's path, its JSON text or the parsed document), read only through
            :func:`slmatch.analysis_view`: its waiting list, its residents holding places
            and its households, with newcomers resembling its own people and households
            (:mod:`slmatch.simulation_start`). The parameters' ``initial_*``,
            ``household_cap``, ``travel_limit_km``, ``radius_km`` and ``group_share`` are
            then the scheme's own. None: the default synthetic scheme.

    Returns:
        The summary, every introduction and the daily waiting list, per policy; with short
        breaks, also the nights and slots asked for and covered per policy and period, and
        their totals in the summary (:data:`SHORT_BREAK_SUMMARY_COLUMNS`).

    Raises:
        ValueError: for an unknown policy or a parameter out of range, naming it.
    """
    chosen = SimulationParameters() if parameters is None else parameters
    chosen.check()
    planning: ShortBreakParameters | None = None
    if isinstance(short_breaks, ShortBreakParameters):
        planning = short_breaks
    elif short_breaks:
        planning = ShortBreakParameters()
    if planning is not None:
        planning.check()
    names = _checked_policies(policies)
    world = _draw_world(chosen, seed, None if scheme is None else load_scheme_source(scheme))
    short = None if planning is None else _draw_short_breaks(world, chosen, planning, seed)
    summaries, introductions, waiting = [], [], []
    snapshots: dict[str, list[_Snapshot]] = {}
    for name in names:
        run = _Run(world, chosen, name, () if short is None else short.period_starts)
        run.run()
        summaries.append(run.summary())
        introductions.extend(run.rows)
        waiting.append(run.daily_waiting())
        snapshots[name] = run.snapshots
    table = pd.DataFrame(introductions, columns=list(INTRODUCTION_COLUMNS))
    summary = pd.DataFrame(summaries, columns=list(SUMMARY_COLUMNS))
    planned = None
    if short is not None and planning is not None:
        planned = _plan_short_breaks(short, world, snapshots, planning)
        totals = planned.groupby("policy", sort=False)[
            ["nights_requested", "nights_covered", "slots_requested", "slots_covered"]
        ].sum()
        totals.columns = list(SHORT_BREAK_SUMMARY_COLUMNS)
        summary = summary.join(totals, on="policy")
    return SimulationResult(
        summary=summary,
        introductions=table,
        waiting=pd.concat(waiting, ignore_index=True),
        parameters=chosen,
        seed=seed,
        short_breaks=planned,
    )
