"""Waiting-list and waiting-time curves of a year simulated under four policies.

Usage: python examples/waiting_curves.py [output.png]
"""

import sys

from slmatch import plots
from slmatch.simulation import SimulationParameters, simulate


def main() -> None:
    output = sys.argv[1] if len(sys.argv) > 1 else "waiting_curves.png"
    parameters = SimulationParameters(months=12.0, initial_households=20, referrals_per_month=5.0)
    result = simulate(
        ["arrival/greedy", "weekly/greedy", "weekly/optimal", "weekly/egalitarian"],
        parameters,
        seed=1,
    )
    print(result.summary[["policy", "started", "mean_wait_days", "mean_score", "moves"]])
    plots.waiting_curves(result, output)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
