from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import slmatch
from dask.distributed import Client, LocalCluster
from slmatch.calendar_batch import plan_schemes
from slmatch.experiments import run_experiments


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as connected:
        yield connected


def test_cluster_run_equals_local_run(client: Client, example: slmatch.Scheme) -> None:
    synthetic = slmatch.synthetic_scheme(50, 40, seed=3)
    arguments = dict(
        schemes={"riverside": example, "synthetic": synthetic},
        weights=4,
        objectives=["optimal", "egalitarian", "stable", "greedy"],
        policies={"cap 2": {"household_cap": 2}, "scheme": {}},
        seed=9,
        progress=False,
    )
    local = run_experiments(**arguments)
    remote = run_experiments(**arguments, client=client, batch_size=7)
    assert len(remote) == 2 * 4 * 4 * 2
    assert len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(
        local.drop(columns="cpp_seconds"), remote.drop(columns="cpp_seconds")
    )
    # The same schemes sent again straight away (as a sweep in a loop does) still arrive.
    for _ in range(3):
        again = run_experiments(**arguments, client=client, batch_size=16)
        pd.testing.assert_frame_equal(
            local.drop(columns="cpp_seconds"), again.drop(columns="cpp_seconds")
        )


def test_calendar_batch_on_the_cluster_equals_the_local_batch(
    client: Client, example: slmatch.Scheme, example_path: Path
) -> None:
    schemes = [example, example_path] * 3
    options = {"weeks": 4, "seconds": 5.0, "progress": False}
    local = plan_schemes(schemes, **options)
    remote = plan_schemes(schemes, client=client, **options)
    pd.testing.assert_frame_equal(
        local.summary.drop(columns="seconds"), remote.summary.drop(columns="seconds")
    )
    for here, there in zip(local.plans, remote.plans):
        assert here.document == there.document
        assert here.calendars == there.calendars


def test_calendar_batch_on_the_cluster_names_a_failing_scheme(
    client: Client, example: slmatch.Scheme
) -> None:
    document = json.loads(example.to_json())
    document["name"] = "Far future"
    document["policy"]["as_of"] = "9999-12-20"
    far = slmatch.Scheme.from_json(json.dumps(document))
    with pytest.raises(slmatch.SlmatchError, match=r"schemes\[1\] \('Far future'\)"):
        plan_schemes([example, far, example], client=client, weeks=4, progress=False)
