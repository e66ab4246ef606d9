"""A sweep of weights x objectives x household caps, locally or on a Dask cluster.

Usage: python examples/experiment_sweep.py [scheduler-address:8786] [output.csv]

Without a scheduler address the sweep runs here; with one it runs on that cluster's
workers and gives the same table (but for the engine times).
"""

import sys

import slmatch
from slmatch.experiments import run_experiments


def main() -> None:
    address = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else None
    output = sys.argv[2] if len(sys.argv) > 2 else "experiment_sweep.csv"
    schemes = {
        f"synthetic {seed}": slmatch.synthetic_scheme(200, 150, seed=seed) for seed in (1, 2)
    }
    client = None
    if address is not None:
        from dask.distributed import Client

        client = Client(address)
    table = run_experiments(
        schemes,
        weights=5,
        objectives=["optimal", "egalitarian", "waiting_priority", "stable", "greedy"],
        policies={"cap 1": {"household_cap": 1}, "cap 2": {"household_cap": 2}},
        seed=42,
        client=client,
    )
    summary = table.groupby(["objective", "policy"])[
        ["matched", "mean_score", "lowest_score", "blocking_pairs", "match_rate_gap"]
    ].mean()
    print(summary.round(2))
    table.to_csv(output, index=False)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
