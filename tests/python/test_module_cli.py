from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
from slmatch.simulation import SHORT_BREAK_SUMMARY_COLUMNS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slmatch", *args], capture_output=True, text=True, check=False
    )


def test_help_lists_the_commands() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "experiment" in done.stdout and "simulate" in done.stdout


def test_experiment_writes_csv(example_path: Path) -> None:
    done = run(
        "experiment",
        str(example_path),
        "--objectives",
        "optimal",
        "greedy",
        "--caps",
        "1",
        "2",
        "--quiet",
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert len(table) == 4
    assert set(table["policy"]) == {"cap 1", "cap 2"}


def test_simulate_writes_the_summary(tmp_path: Path) -> None:
    output = tmp_path / "summary.csv"
    done = run(
        "simulate",
        "--months",
        "3",
        "--households",
        "10",
        "--policies",
        "weekly/optimal",
        "--output",
        str(output),
    )
    assert done.returncode == 0, done.stderr
    assert list(pd.read_csv(output)["policy"]) == ["weekly/optimal"]


def test_simulate_plans_short_breaks_when_asked() -> None:
    arguments = ["simulate", "--months", "2", "--households", "8", "--policies", "weekly/optimal"]
    plain = pd.read_csv(io.StringIO(run(*arguments).stdout))
    done = run(*arguments, "--short-breaks")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert list(table.columns[: len(plain.columns)]) == list(plain.columns)
    pd.testing.assert_frame_equal(table[plain.columns], plain)
    added = [c for c in table.columns if c not in plain.columns]
    assert added == list(SHORT_BREAK_SUMMARY_COLUMNS)
    requested = [c for c in added if "requested" in c]
    assert table[requested].to_numpy().sum() > 0


def test_bad_input_is_an_error_naming_it(example_path: Path) -> None:
    done = run("experiment", str(example_path), "--caps", "5", "--quiet")
    assert done.returncode == 1
    assert "household_cap" in done.stderr
    assert done.stdout == ""
    done = run("simulate", "--policies", "monthly/optimal")
    assert done.returncode == 1
    assert "monthly/optimal" in done.stderr
