from __future__ import annotations

import pandas as pd
import pytest
import slmatch
from dask.distributed import Client, LocalCluster
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
