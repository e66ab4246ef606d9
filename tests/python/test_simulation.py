from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest
from slmatch.simulation import (
    SHORT_BREAK_COLUMNS,
    SHORT_BREAK_SUMMARY_COLUMNS,
    SOLVERS,
    SUMMARY_COLUMNS,
    ShortBreakParameters,
    SimulationParameters,
    SimulationResult,
    simulate,
)

SMALL = SimulationParameters(
    months=8.0,
    referrals_per_month=6.0,
    initial_waiting=12,
    initial_households=14,
    approvals_per_month=1.0,
    carer_years=1.5,
    introduction_failure=0.3,
)
POLICIES = ["arrival/greedy", *(f"weekly/{solver}" for solver in SOLVERS)]


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return simulate(POLICIES, SMALL, seed=4)


def test_same_seed_same_output(result: SimulationResult) -> None:
    again = simulate(POLICIES, SMALL, seed=4)
    pd.testing.assert_frame_equal(result.summary, again.summary)
    pd.testing.assert_frame_equal(result.introductions, again.introductions)
    pd.testing.assert_frame_equal(result.waiting, again.waiting)
    other = simulate(POLICIES, SMALL, seed=5)
    assert not other.introductions.equals(result.introductions)


def test_summary_has_one_row_per_policy(result: SimulationResult) -> None:
    assert list(result.summary.columns) == list(SUMMARY_COLUMNS)
    assert list(result.summary["policy"]) == POLICIES
    assert (result.summary["started"] > 0).all()
    assert (result.summary["failed_introductions"] > 0).all()
    assert (result.summary["moves"] >= 0).all()
    assert (result.summary["referrals"] == result.summary["referrals"].iloc[0]).all()


def test_waits_are_never_negative(result: SimulationResult) -> None:
    started = result.introductions[result.introductions["outcome"] == "started"]
    assert (started["wait_days"] >= 0).all()
    assert (started["started_day"] >= started["proposed_day"]).all()
    assert (started["proposed_day"] >= started["waiting_since_day"]).all()
    assert (result.summary["mean_wait_days"] >= 0).all()
    assert (result.waiting["waiting"] >= 0).all()


def test_no_household_is_ever_over_capacity(result: SimulationResult) -> None:
    from slmatch import _core
    from slmatch.simulation import _draw_world

    world = _draw_world(SMALL, 4)
    capacity = dict(zip(world.household_ids, _core.stable.views(world.scheme)[6]))
    horizon = SMALL.months * 365.25 / 12
    for (_policy, household), rows in result.introductions.groupby(["policy", "household"]):
        held = rows["proposed_day"].to_numpy()
        released = rows["released_day"].fillna(horizon + 1).to_numpy()
        changes = sorted([(day, 1) for day in held] + [(day, -1) for day in released])
        # Places given back on a day are free again for proposals made that day.
        changes.sort(key=lambda change: (change[0], change[1]))
        occupied = np.cumsum([change for _, change in changes])
        assert occupied.max() <= capacity[household]


def test_policies_differ_where_they_must(result: SimulationResult) -> None:
    rows = result.introductions
    weekly = rows[rows["policy"].str.startswith("weekly/")]
    batch_days = weekly["proposed_day"] / SMALL.batch_days
    np.testing.assert_allclose(batch_days, np.round(batch_days))
    arrival = rows[rows["policy"] == "arrival/greedy"]
    assert not np.allclose(arrival["proposed_day"] / 7.0, np.round(arrival["proposed_day"] / 7.0))
    # On day 0 every policy sees the same waiting list and places: the optimal plan
    # proposes at least as many introductions as greedy and stable ones.
    first = rows[rows["proposed_day"] == 0].groupby("policy").size()
    assert first["weekly/optimal"] >= first["weekly/greedy"]
    assert first["weekly/optimal"] >= first["weekly/stable"]
    day0 = rows[rows["proposed_day"] == 0]
    lowest = day0.groupby("policy")["score"].min()
    assert lowest["weekly/egalitarian"] >= lowest["weekly/optimal"] - 1e-9
    assert len({tuple(group["household"]) for _, group in weekly.groupby("policy")}) > 1


def test_bad_arguments_name_themselves() -> None:
    with pytest.raises(ValueError, match="'weekly/best'"):
        simulate(["weekly/best"], SMALL)
    with pytest.raises(ValueError, match="months"):
        simulate(["weekly/greedy"], dataclasses.replace(SMALL, months=0))
    with pytest.raises(ValueError, match="introduction_failure"):
        simulate(["weekly/greedy"], dataclasses.replace(SMALL, introduction_failure=2.0))
    with pytest.raises(ValueError, match="household_cap"):
        simulate(["weekly/greedy"], dataclasses.replace(SMALL, household_cap=4))
    with pytest.raises(ValueError, match="once"):
        simulate(["weekly/greedy", "weekly/greedy"], SMALL)


def test_defaults_follow_the_brief() -> None:
    defaults = SimulationParameters()
    assert defaults.household_cap == 3
    assert defaults.initial_households == 70
    assert defaults.mean_days["long_term"] > defaults.mean_days["day_support"]
    assert defaults.mean_days["day_support"] > defaults.mean_days["short_break"]


def test_result_pickles(result: SimulationResult) -> None:
    again = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(again.summary, result.summary)
    assert again.parameters == result.parameters


SHORT_BREAKS = ShortBreakParameters(period_weeks=4, seconds=5.0, threads=2)
SHORT_BREAK_POLICIES = ["arrival/greedy", "weekly/optimal"]


@pytest.fixture(scope="module")
def with_short_breaks() -> SimulationResult:
    return simulate(SHORT_BREAK_POLICIES, SMALL, seed=4, short_breaks=SHORT_BREAKS)


def test_short_breaks_are_planned_period_by_period(with_short_breaks: SimulationResult) -> None:
    table = with_short_breaks.short_breaks
    assert table is not None
    assert list(table.columns) == list(SHORT_BREAK_COLUMNS)
    periods = int((SMALL.months * 365.25 / 12 - 1) // 28)
    assert list(table["policy"]) == [p for p in SHORT_BREAK_POLICIES for _ in range(periods)]
    assert list(table["period"]) == list(range(periods)) * len(SHORT_BREAK_POLICIES)
    starts = pd.to_datetime(table["from_date"])
    assert (starts.dt.day_of_week == 0).all()
    assert (table["nights_covered"] <= table["nights_requested"]).all()
    assert (table["slots_covered"] <= table["slots_requested"]).all()
    assert table["proven_optimal"].all()
    for policy in SHORT_BREAK_POLICIES:
        mine = table[table["policy"] == policy]
        assert mine["nights_covered"].sum() > 0
        assert mine["slots_covered"].sum() > 0
    totals = with_short_breaks.summary.set_index("policy")
    sums = table.groupby("policy")[["nights_requested", "nights_covered"]].sum()
    assert (totals["short_break_nights_requested"] == sums["nights_requested"]).all()
    assert (totals["short_break_nights_covered"] == sums["nights_covered"]).all()


def test_short_break_figures_come_from_the_planner() -> None:
    from slmatch import calendar
    from slmatch._core import Scheme
    from slmatch.simulation import _draw_short_breaks, _draw_world, _iso, _period_scheme, _Run

    world = _draw_world(SMALL, 4)
    short = _draw_short_breaks(world, SMALL, SHORT_BREAKS, 4)
    run = _Run(world, SMALL, "weekly/optimal", short.period_starts)
    run.run()
    period = len(short.period_starts) - 1
    scheme = Scheme.from_json(_period_scheme(short, world, run.snapshots[period], period))
    plan = calendar.plan(
        scheme, from_date=_iso(short.first_day, short.period_starts[period]), weeks=4
    )
    result = simulate(["weekly/optimal"], SMALL, seed=4, short_breaks=SHORT_BREAKS)
    assert result.short_breaks is not None
    row = result.short_breaks.iloc[period]
    assert row["nights_requested"] == plan.people["nights_requested"].sum()
    assert row["nights_covered"] == plan.people["nights_covered"].sum()
    assert row["people"] == len(plan.people)
    assert row["nights_requested"] > 0


def test_short_breaks_same_seed_same_figures(with_short_breaks: SimulationResult) -> None:
    again = simulate(SHORT_BREAK_POLICIES, SMALL, seed=4, short_breaks=SHORT_BREAKS)
    assert again.short_breaks is not None and with_short_breaks.short_breaks is not None
    pd.testing.assert_frame_equal(again.short_breaks, with_short_breaks.short_breaks)
    pd.testing.assert_frame_equal(again.summary, with_short_breaks.summary)
    other = simulate(SHORT_BREAK_POLICIES, SMALL, seed=5, short_breaks=SHORT_BREAKS)
    assert other.short_breaks is not None
    assert not other.short_breaks.equals(with_short_breaks.short_breaks)


def test_planning_short_breaks_changes_no_other_figure(
    result: SimulationResult, with_short_breaks: SimulationResult
) -> None:
    plain = simulate(SHORT_BREAK_POLICIES, SMALL, seed=4)
    assert plain.short_breaks is None
    assert list(plain.summary.columns) == list(SUMMARY_COLUMNS)
    assert list(with_short_breaks.summary.columns) == [
        *SUMMARY_COLUMNS,
        *SHORT_BREAK_SUMMARY_COLUMNS,
    ]
    pd.testing.assert_frame_equal(with_short_breaks.summary[list(SUMMARY_COLUMNS)], plain.summary)
    pd.testing.assert_frame_equal(with_short_breaks.introductions, plain.introductions)
    pd.testing.assert_frame_equal(with_short_breaks.waiting, plain.waiting)
    # The policies' rows are those of the run with more policies: each policy is its own run.
    for policy in SHORT_BREAK_POLICIES:
        mine = result.summary[result.summary["policy"] == policy].reset_index(drop=True)
        theirs = plain.summary[plain.summary["policy"] == policy].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, theirs)


def test_bad_short_break_parameters_name_themselves() -> None:
    with pytest.raises(ValueError, match="period_weeks"):
        simulate(["weekly/greedy"], SMALL, short_breaks=ShortBreakParameters(period_weeks=0))
    with pytest.raises(ValueError, match="seconds"):
        simulate(["weekly/greedy"], SMALL, short_breaks=ShortBreakParameters(seconds=-1.0))
    with pytest.raises(ValueError, match="threads"):
        simulate(["weekly/greedy"], SMALL, short_breaks=ShortBreakParameters(threads=0))
    with pytest.raises(ValueError, match="period_weeks"):
        simulate(
            ["weekly/greedy"],
            dataclasses.replace(SMALL, months=1.0),
            short_breaks=ShortBreakParameters(period_weeks=8),
        )


def test_result_with_short_breaks_pickles(with_short_breaks: SimulationResult) -> None:
    again = pickle.loads(pickle.dumps(with_short_breaks))
    assert again.short_breaks is not None and with_short_breaks.short_breaks is not None
    pd.testing.assert_frame_equal(again.short_breaks, with_short_breaks.short_breaks)
