"""The README's simulation example, run as written from a checkout: replications, an event
log calibrated, and a scheme's history replayed under two policies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from slmatch.simulation import DEFAULT_POLICIES, RUN_FIGURES

ROOT = Path(__file__).resolve().parents[2]
MARKER = "**Simulation.**"


def _simulation_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index(MARKER) :]
    found = re.search(r"```python\n(.*?)```", after, flags=re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_simulation_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = _simulation_block()
    assert block.startswith("from slmatch.simulation import SimulationParameters")
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    names: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), names)

    result = names["result"]
    assert result.policies == list(DEFAULT_POLICIES)
    summary = result.summary
    assert len(summary) == len(DEFAULT_POLICIES) * len(RUN_FIGURES)
    assert not summary.duplicated(["policy", "figure"]).any()
    assert result.runs["replication"].nunique() == 20
    assert not result.differences.empty and not result.groups.empty

    assert (tmp_path / "history.jsonl").stat().st_size > 0
    estimates = names["calibration"].estimates
    bounded = estimates.dropna(subset=["low", "high"])
    assert bounded["parameter"].str.contains("referrals_per_month|mean_days").any()
    assert (bounded["low"] <= bounded["estimate"] + 1e-9).all()
    assert (bounded["estimate"] <= bounded["high"] + 1e-9).all()
    methods = " ".join(estimates["method"])
    for method in ("Poisson", "chi-square", "Wilson"):
        assert method.lower() in methods.lower(), method

    found = names["found"]
    assert set(found.summary["policy"]) == {"weekly/greedy", "weekly/optimal"}
    assert len(found.people) > 0 and found.replications == 5
    policy_mean = found.summary["policy_mean"]
    assert (found.summary["low"] <= policy_mean + 1e-9).all()
    assert (policy_mean <= found.summary["high"] + 1e-9).all()
    assert found.left_out > 0  # the run's newcomers are not in riverside.json
