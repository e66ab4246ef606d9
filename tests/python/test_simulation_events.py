from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
import slmatch
from slmatch.simulation import SimulationParameters
from slmatch.simulation_calibration import calibrate
from slmatch.simulation_events import read_events, simulated_event_log, write_events

KNOWN = SimulationParameters(
    months=36.0,
    referrals_per_month=6.0,
    initial_waiting=10,
    initial_households=40,
    approvals_per_month=2.0,
    carer_years=3.0,
    introduction_failure=0.25,
)


@pytest.fixture(scope="module")
def log() -> object:
    return simulated_event_log(KNOWN, "weekly/optimal", seed=2)


def test_calibration_recovers_the_known_model(log: object) -> None:
    calibration = calibrate(log, confidence=0.99)
    estimates = calibration.estimates.set_index("parameter")
    truth = {
        "referrals_per_month": KNOWN.referrals_per_month,
        "approvals_per_month": KNOWN.approvals_per_month,
        "carer_years": KNOWN.carer_years,
        "introduction_failure": KNOWN.introduction_failure,
        "introduction_days": KNOWN.introduction_days,
        **{f"mean_days[{kind}]": days for kind, days in KNOWN.mean_days.items()},
    }
    for name, value in truth.items():
        row = estimates.loc[name]
        assert row["low"] - 1e-9 <= value <= row["high"] + 1e-9, name
        assert row["used_by_model"]
    # Rates the log holds many of are estimated closely, not just bounded.
    assert estimates.loc["referrals_per_month", "high"] < 2 * KNOWN.referrals_per_month
    assert estimates.loc["introduction_failure", "events"] > 20
    assert (
        calibration.parameters.referrals_per_month
        == estimates.loc["referrals_per_month", "estimate"]
    )
    assert (
        calibration.parameters.mean_days["long_term"]
        == estimates.loc["mean_days[long_term]", "estimate"]
    )


def test_running_arrangements_are_censored_not_ended(log: object) -> None:
    """Counting arrangements still running at the end as ended would shorten them."""
    estimates = calibrate(log).estimates.set_index("parameter")
    events = log.events  # type: ignore[attr-defined]
    starts = events[events["event"] == "arrangement_start"]
    ends = events[events["event"] == "arrangement_end"]
    assert len(ends) < len(starts)
    assert estimates.loc["mean_days[long_term]", "estimate"] > 1.5 * 365


def test_logs_round_trip_in_both_formats(log: object, tmp_path: Path) -> None:
    for name in ("history.jsonl", "history.csv"):
        path = write_events(log, tmp_path / name)  # type: ignore[arg-type]
        again = read_events(path)
        pd.testing.assert_frame_equal(again.events, log.events)  # type: ignore[attr-defined]
        assert (again.start, again.end) == (log.start, log.end)  # type: ignore[attr-defined]
    text = (tmp_path / "history.jsonl").read_text()
    assert "name" not in text and "date_of_birth" not in text


def test_bad_lines_are_named_by_line_and_field() -> None:
    referral = {"event": "referral", "arrangement": "long_term"}
    lines = [
        json.dumps({"date": "2025-01-01", "person": "P1", **referral}),
        json.dumps({"date": "2025-13-01", "person": "P2", **referral}),
        json.dumps(
            {
                "date": "2025-01-03",
                "event": "arrangement_end",
                "person": "P1",
                "household": "H1",
                "reason": "bored",
            }
        ),
        json.dumps({"date": "2025-01-04", "event": "wedding"}),
        "not json",
        json.dumps({"date": "2025-01-05", "event": "carer_left"}),
    ]
    text = "\n".join(lines)
    with pytest.raises(slmatch.ValidationError) as caught:
        read_events(text)
    problems = {(where, field) for where, field, _ in caught.value.problems}
    assert problems == {
        ("line 2", "date"),
        ("line 3", "reason"),
        ("line 4", "event"),
        ("line 5", "line"),
        ("line 6", "household"),
    }
    assert "2025-13-01" in str(caught.value)
    csv_text = "date,event,person,arrangement\n2025-01-01,referral,P1,long_tem\n"
    with pytest.raises(slmatch.ValidationError, match="line 2, field arrangement"):
        read_events(csv_text)


def test_a_log_period_bounds_the_rates() -> None:
    events = [
        {"date": "2024-06-01", "event": "referral", "person": "P0", "arrangement": "long_term"},
        {"date": "2025-01-01", "event": "log", "until": "2025-12-31"},
        *(
            {
                "date": f"2025-{m:02d}-10",
                "event": "referral",
                "person": f"P{m}",
                "arrangement": "long_term",
            }
            for m in range(1, 13)
        ),
    ]
    estimates = calibrate(events).estimates.set_index("parameter")
    # 12 referrals in the year; the one before the log is not counted.
    assert estimates.loc["referrals_per_month", "events"] == 12
    assert estimates.loc["referrals_per_month", "estimate"] == pytest.approx(
        12 / (364 / (365.25 / 12))
    )
    kept = calibrate(events, dataclasses.replace(KNOWN)).parameters
    assert kept.mean_days == KNOWN.mean_days
