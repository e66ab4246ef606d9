"""MatchResult's DataFrames, built from the engine's columns, equal the ones read from its JSON
report (the bytes the CLI writes): the same values, dtypes and row order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import slmatch

CLI = Path(sys.executable).with_name("slmatch")
FRAMES = ["plan", "shortlists", "explanations", "unmatched"]
COLUMNS = {
    "plan": ["person", "status", "household", "score", "summary"],
    "shortlists": ["person", "rank", "household", "score"],
    "explanations": [
        "person",
        "household",
        "factor",
        "used",
        "raw",
        "weight",
        "points",
        "sentence",
    ],
    "unmatched": ["person", "summary", "blocking_rules", "places_taken"],
}
NUMERIC = {
    "plan": {"score": "float64"},
    "shortlists": {"rank": "int64", "score": "float64"},
    "explanations": {"used": "bool", "raw": "float64", "weight": "float64", "points": "float64"},
    "unmatched": {},
}


def frames_from_report(text: str) -> dict[str, pd.DataFrame]:
    """The four frames read row by row from a JSON report. An empty frame has no values for
    pandas to infer dtypes from, so its numeric columns take the documented dtypes."""
    proposals: list[dict[str, Any]] = json.loads(text)["proposals"]
    rows: dict[str, list[dict[str, Any]]] = {
        "plan": [
            {
                "person": item["person"],
                "status": item["status"],
                "household": item["household"],
                "score": np.nan if item["score"] is None else item["score"],
                "summary": item["summary"],
            }
            for item in proposals
        ],
        "shortlists": [
            {"person": item["person"], "rank": rank, **entry}
            for item in proposals
            for rank, entry in enumerate(item["shortlist"], start=1)
        ],
        "explanations": [
            {"person": item["person"], "household": item["household"], **factor}
            for item in proposals
            if item["status"] == "matched"
            for factor in item["factors"]
        ],
        "unmatched": [
            {
                "person": item["person"],
                "summary": item["summary"],
                "blocking_rules": {b["rule"]: b["households"] for b in item["blocking_rules"]},
                "places_taken": {t["household"]: t["taken_by"] for t in item["places_taken"]},
            }
            for item in proposals
            if item["status"] == "unmatched"
        ],
    }
    frames = {}
    for name in FRAMES:
        frame = pd.DataFrame(rows[name], columns=COLUMNS[name])
        frames[name] = frame.astype(NUMERIC[name]) if frame.empty else frame
    return frames


def assert_frames_equal_report(result: slmatch.MatchResult, report: str) -> None:
    expected = frames_from_report(report)
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(result, name), expected[name], check_exact=True)


SCHEMES = {
    # (people, households, seed, household cap): few places, many people left without one
    "some places taken": (40, 25, 1, 3),
    "one place each": (60, 20, 2, 1),
    "nearly everyone placed": (30, 60, 3, 3),
    "two places each": (50, 30, 4, 2),
    "no households": (8, 0, 5, 3),
    "no people": (0, 6, 6, 3),
}


@pytest.mark.parametrize("sizes", SCHEMES.values(), ids=SCHEMES.keys())
def test_frames_equal_the_report_on_generated_schemes(sizes: tuple[int, int, int, int]) -> None:
    people, households, seed, cap = sizes
    scheme = slmatch.synthetic_scheme(people, households, seed=seed, household_cap=cap)
    result = slmatch.match(scheme)
    assert_frames_equal_report(result, result.to_json())


@pytest.mark.parametrize(
    ("shortlist_size", "objective"),
    [(3, "max_matched_then_total"), (0, "max_matched_then_total"), (5, "max_total")],
)
def test_frames_equal_the_report_on_the_example(
    example: slmatch.Scheme, shortlist_size: int, objective: str
) -> None:
    result = slmatch.match(example, shortlist_size=shortlist_size, objective=objective)
    assert_frames_equal_report(result, result.to_json())


@pytest.mark.skipif(not CLI.exists(), reason="the command-line tool is not built")
def test_frames_equal_what_the_cli_writes(example_path: Path, example: slmatch.Scheme) -> None:
    done = subprocess.run(
        [str(CLI), "match", str(example_path), "--format", "json", "--top", "4"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert_frames_equal_report(slmatch.match(example, shortlist_size=4), done.stdout)


def test_generated_schemes_leave_people_unmatched_both_ways() -> None:
    # The comparisons above cover people left out with and without a feasible household.
    people, households, seed, cap = SCHEMES["some places taken"]
    scheme = slmatch.synthetic_scheme(people, households, seed=seed, household_cap=cap)
    taken = slmatch.match(scheme).unmatched["places_taken"]
    assert any(len(places) > 0 for places in taken)
    assert any(len(places) == 0 for places in taken)


def test_frames_have_their_columns_and_dtypes(example: slmatch.Scheme) -> None:
    result = slmatch.match(example)
    for name in FRAMES:
        frame = getattr(result, name)
        assert list(frame.columns) == COLUMNS[name]
        assert isinstance(frame.index, pd.RangeIndex)
        for column in COLUMNS[name]:
            dtype = frame[column].dtype
            if column in NUMERIC[name]:
                assert dtype == NUMERIC[name][column], (name, column)
            elif column in {"blocking_rules", "places_taken"}:
                assert dtype == np.dtype(object)
                assert all(isinstance(value, dict) for value in frame[column])
            else:
                assert pd.api.types.is_string_dtype(dtype), (name, column)
    plan = result.plan
    assert plan["household"].isna().tolist() == (plan["status"] == "unmatched").tolist()
    assert plan["score"].isna().tolist() == (plan["status"] == "unmatched").tolist()


def test_empty_frames_keep_their_numeric_dtypes() -> None:
    result = slmatch.match(slmatch.synthetic_scheme(0, 3, seed=1))
    for name in FRAMES:
        frame = getattr(result, name)
        assert frame.empty
        assert list(frame.columns) == COLUMNS[name]
        assert {column: str(frame[column].dtype) for column in NUMERIC[name]} == NUMERIC[name]
