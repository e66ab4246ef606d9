from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import slmatch
from slmatch.simulation import EarlyEnding, SimulationParameters
from slmatch.simulation_replications import ReplicationResult, person_groups, replicate

ROOT = Path(__file__).resolve().parents[2]
SHORT = SimulationParameters(months=12.0)
POLICIES = ["arrival/greedy", "weekly/greedy", "weekly/optimal"]


@pytest.fixture(scope="module")
def result() -> ReplicationResult:
    return replicate(POLICIES, SHORT, replications=30, seed=5)


def _same(a: ReplicationResult, b: ReplicationResult) -> None:
    for name in ("runs", "summary", "differences", "groups", "group_differences", "waiting"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_same_seed_same_result_wherever_it_runs(result: ReplicationResult) -> None:
    _same(result, replicate(POLICIES, SHORT, replications=30, seed=5, batch_size=7))
    _same(result, replicate(POLICIES, SHORT, replications=30, seed=5, workers=2, batch_size=8))
    threads = replicate(POLICIES, SHORT, replications=30, seed=5, workers=2, processes=False)
    _same(result, threads)
    other = replicate(POLICIES, SHORT, replications=30, seed=6)
    assert not other.runs.equals(result.runs)


def test_every_figure_has_an_interval(result: ReplicationResult) -> None:
    summary = result.summary
    assert len(summary) == len(POLICIES) * 11
    waits = summary[summary["figure"] == "mean_wait_days"]
    assert (waits["low"] < waits["mean"]).all() and (waits["mean"] < waits["high"]).all()
    runs = result.runs[result.runs["policy"] == "weekly/greedy"]["mean_wait_days"]
    row = waits.set_index("policy").loc["weekly/greedy"]
    assert row["mean"] == pytest.approx(runs.mean())
    assert (result.waiting["low"] <= result.waiting["mean"] + 1e-9).all()
    assert set(result.waiting["policy"]) == set(POLICIES)


def test_common_random_numbers_make_paired_differences_sharp(result: ReplicationResult) -> None:
    summary = result.summary.set_index(["policy", "figure"])
    own = summary.loc[("weekly/greedy", "mean_wait_days")]
    difference = result.differences.set_index(["policy", "versus", "figure"]).loc[
        ("weekly/greedy", "arrival/greedy", "mean_wait_days")
    ]
    assert difference["high"] - difference["low"] < (own["high"] - own["low"]) / 3
    # Matching weekly rather than at once makes people wait longer, clearly.
    assert difference["difference"] > 0 and bool(difference["clear"])
    runs = result.runs.set_index(["replication", "policy"])["mean_wait_days"].unstack()
    paired = runs["weekly/greedy"] - runs["arrival/greedy"]
    assert difference["difference"] == pytest.approx(paired.mean())


def test_on_the_default_scheme_policies_wait_differently() -> None:
    found = replicate(["arrival/greedy", "weekly/greedy"], replications=30, seed=11)
    difference = found.differences.set_index("figure").loc["mean_wait_days"]
    assert bool(difference["clear"]) and difference["low"] > 0


def test_waits_by_the_audits_groups(result: ReplicationResult) -> None:
    groups = result.groups
    assert set(groups["grouping"]) == {"need", "age_band", "area"}
    assert (groups["mean_people"] >= 5).all()
    assert set(result.group_differences["versus"]) <= set(POLICIES[:2])
    scheme = slmatch.load_scheme(str(ROOT / "data" / "examples" / "riverside.json"))
    audit = slmatch.audit_plan(
        scheme, np.full(len(scheme.person_ids), -1), np.zeros(len(scheme.person_ids))
    )
    counted = audit.groups.set_index(["grouping", "group"])["people"]
    labels = person_groups(scheme)
    for key in {key for mine in labels for key in mine}:
        assert counted[key] == sum(key in mine for mine in labels), key


def test_the_sensitivity_run_names_what_depends_on_early_endings() -> None:
    early = dataclasses.replace(
        SHORT, early_ending=EarlyEnding(share_at_score_0=0.9, share_at_score_100=0.5)
    )
    # The lower the match score, the more often an arrangement ends early.
    assert early.early_ending is not None
    assert early.early_ending.share(20.0) > early.early_ending.share(80.0)
    found = replicate(["weekly/greedy"], early, replications=6, seed=2)
    assert found.sensitivity is not None
    table = found.sensitivity.set_index(["policy", "figure"])
    ended = table.loc[("weekly/greedy", "ended_early")]
    assert ended["without_early_ending"] == 0 and ended["with_early_ending"] > 0
    assert bool(ended["depends"])
    assert not bool(table.loc[("weekly/greedy", "introductions"), "depends"]) or (
        table.loc[("weekly/greedy", "introductions"), "difference"] != 0
    )
    assert replicate(["weekly/greedy"], SHORT, replications=2, seed=2).sensitivity is None


def test_progress_is_reported_to_a_callback_or_a_bar(capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[int] = []
    replicate(["weekly/greedy"], SHORT, replications=4, seed=1, batch_size=2, progress=seen.append)
    assert seen == [2, 4]
    assert "replications" not in capsys.readouterr().err
    replicate(["weekly/greedy"], SHORT, replications=2, seed=1, progress=True)
    assert "replications" in capsys.readouterr().err


def test_bad_arguments_name_themselves() -> None:
    with pytest.raises(ValueError, match="replications"):
        replicate(POLICIES, SHORT, replications=0)
    with pytest.raises(ValueError, match="'weekly/best'"):
        replicate(["weekly/best"], SHORT)
    with pytest.raises(ValueError, match=r"early_ending\.share_at_score_0"):
        replicate(
            POLICIES, dataclasses.replace(SHORT, early_ending=EarlyEnding(share_at_score_0=2.0))
        )


def test_a_scheme_is_replicated_from_its_own_state() -> None:
    path = ROOT / "data" / "examples" / "riverside.json"
    found = replicate(["weekly/optimal"], SHORT, scheme=path, replications=3, seed=1)
    again = replicate(
        ["weekly/optimal"], SHORT, scheme=json.loads(path.read_text()), replications=3, seed=1
    )
    _same(found, again)
    assert (found.runs["started"] > 0).all()


def test_replication_plots_write_pngs(result: ReplicationResult, tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from slmatch import plots

    plots.waiting_bands(result, tmp_path / "bands.png")
    figure = plots.policy_difference_by_group(
        result, "arrival/greedy", "weekly/greedy", tmp_path / "difference.png", grouping="age_band"
    )
    for name in ("bands.png", "difference.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
    bars = figure.axes[0].patches
    table = result.group_differences
    expected = table[
        (table["policy"] == "weekly/greedy")
        & (table["versus"] == "arrival/greedy")
        & (table["grouping"] == "age_band")
    ]["difference"]
    assert [bar.get_height() for bar in bars] == pytest.approx(list(-expected.fillna(0.0)))
    with pytest.raises(ValueError, match="grouping"):
        plots.policy_difference_by_group(result, "weekly/greedy", "arrival/greedy", grouping="x")


def test_a_dask_cluster_gives_the_local_result(result: ReplicationResult) -> None:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        remote = replicate(POLICIES, SHORT, replications=30, seed=5, client=client, batch_size=4)
    _same(result, remote)
