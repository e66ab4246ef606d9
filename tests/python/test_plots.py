from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
import slmatch
from slmatch import plots
from slmatch.experiments import run_once
from slmatch.simulation import SimulationParameters, simulate

matplotlib.use("Agg")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 2000


def test_each_plot_writes_a_png(tmp_path: Path, example: slmatch.Scheme) -> None:
    optimal = run_once(example, objective="optimal")
    greedy = run_once(example, objective="greedy")
    plots.score_distribution(
        {"optimal": optimal.score[optimal.household_of >= 0], "greedy": greedy.score},
        tmp_path / "scores.png",
    )
    assert_png(tmp_path / "scores.png")
    result = simulate(
        ["weekly/optimal", "arrival/greedy"],
        SimulationParameters(months=4.0, initial_households=12, initial_waiting=8),
        seed=2,
    )
    plots.waiting_curves(result, tmp_path / "waiting.png")
    assert_png(tmp_path / "waiting.png")
    audit = slmatch.match(example).audit()
    plots.inequality_by_group(audit, tmp_path / "inequality.png", grouping="need")
    assert_png(tmp_path / "inequality.png")
    # Experiments plan the people analysis may read (the example's opted-out person is not).
    plots.match_map(slmatch.analysis_view(example), optimal.household_of, tmp_path / "map.png")
    assert_png(tmp_path / "map.png")


def test_plots_reject_bad_arguments(example: slmatch.Scheme) -> None:
    with pytest.raises(ValueError, match="scores"):
        plots.score_distribution({})
    audit = slmatch.match(example).audit()
    with pytest.raises(ValueError, match="grouping"):
        plots.inequality_by_group(audit, grouping="postcode")
    with pytest.raises(ValueError, match="measure"):
        plots.inequality_by_group(audit, measure="height")
    with pytest.raises(ValueError, match="household_of"):
        plots.match_map(example, [0, 1])


@pytest.mark.parametrize(
    "script", ["score_distribution", "waiting_curves", "inequality_by_group", "match_map"]
)
def test_examples_produce_their_plots(tmp_path: Path, script: str) -> None:
    output = tmp_path / f"{script}.png"
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{script}.py"), str(output)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, done.stderr
    assert_png(output)


def test_sweep_example_writes_a_table(tmp_path: Path) -> None:
    output = tmp_path / "sweep.csv"
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "experiment_sweep.py"), "-", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(output.read_text().splitlines()) == 1 + 2 * 5 * 5 * 2
