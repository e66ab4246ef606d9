"""``python -m slmatch``: run experiments and simulations from the command line.

Examples::

    python -m slmatch experiment data/examples/riverside.json \\
        --objectives optimal egalitarian stable greedy --caps 2 3 --random-weights 5 --seed 1
    python -m slmatch simulate --months 12 --policies weekly/optimal arrival/greedy --seed 3

Tables are written as CSV to standard output or to ``--output``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

import slmatch
from slmatch.experiments import OBJECTIVES, run_experiments
from slmatch.simulation import DEFAULT_POLICIES, SimulationParameters, simulate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m slmatch",
        description=(
            "Analysts' toolkit for Shared Lives matching: sweep weights, objectives and "
            "policies over schemes, or simulate a scheme over months under several policies. "
            "Every result is a proposal for people to decide on, never a placement."
        ),
    )
    parser.add_argument("--version", action="version", version=f"slmatch {slmatch.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    experiment = commands.add_parser(
        "experiment", help="run a grid of objectives x policies x weight settings"
    )
    experiment.add_argument("schemes", nargs="+", help="scheme files (JSON)")
    experiment.add_argument(
        "--objectives",
        nargs="+",
        default=list(OBJECTIVES[:1]),
        choices=OBJECTIVES,
        metavar="OBJECTIVE",
        help=f"objectives to compare ({', '.join(OBJECTIVES)}); default {OBJECTIVES[0]}",
    )
    experiment.add_argument(
        "--caps",
        nargs="+",
        type=int,
        default=None,
        metavar="CAP",
        help="household caps to compare (1-3); default the scheme's own",
    )
    experiment.add_argument(
        "--random-weights",
        type=int,
        default=0,
        metavar="N",
        help="also compare N weight settings drawn at random with --seed",
    )
    experiment.add_argument("--seed", type=int, default=0, help="seed of every random choice")
    experiment.add_argument("--output", help="CSV file to write (default: standard output)")
    experiment.add_argument("--quiet", action="store_true", help="no progress bar")

    simulation = commands.add_parser("simulate", help="simulate a scheme over months")
    simulation.add_argument(
        "--policies",
        nargs="+",
        default=list(DEFAULT_POLICIES),
        metavar="TIMING/SOLVER",
        help="policies to compare, e.g. weekly/optimal arrival/greedy",
    )
    simulation.add_argument("--months", type=float, default=SimulationParameters.months)
    simulation.add_argument(
        "--households",
        type=int,
        default=SimulationParameters.initial_households,
        help="approved households on day 0",
    )
    simulation.add_argument(
        "--referrals-per-month", type=float, default=SimulationParameters.referrals_per_month
    )
    simulation.add_argument("--seed", type=int, default=0, help="seed of every random draw")
    simulation.add_argument(
        "--short-breaks",
        action="store_true",
        help="also plan short breaks and day support each 4 weeks with the calendar planner "
        "and add the nights and slots asked for and covered to the summary",
    )
    simulation.add_argument("--output", help="CSV file for the summary (default: standard output)")
    return parser


def _write(table: pd.DataFrame, output: str | None) -> None:
    if output is None:
        table.to_csv(sys.stdout, index=False)
    else:
        table.to_csv(output, index=False)


def _experiment(arguments: Any) -> pd.DataFrame:
    schemes = {path: slmatch.load_scheme(path) for path in arguments.schemes}
    weights: dict[str, Any] = {"scheme": None}
    if arguments.random_weights:
        from slmatch.experiments import random_weight_settings

        weights.update(random_weight_settings(arguments.random_weights, arguments.seed))
    policies = None
    if arguments.caps:
        policies = {f"cap {cap}": {"household_cap": cap} for cap in arguments.caps}
    return run_experiments(
        schemes,
        weights,
        arguments.objectives,
        policies,
        seed=arguments.seed,
        progress=not arguments.quiet,
    )


def _simulate(arguments: Any) -> pd.DataFrame:
    parameters = SimulationParameters(
        months=arguments.months,
        initial_households=arguments.households,
        referrals_per_month=arguments.referrals_per_month,
    )
    return simulate(
        arguments.policies, parameters, seed=arguments.seed, short_breaks=arguments.short_breaks
    ).summary


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 on success, 1 on bad input).

    Args:
        argv: the arguments after the program name; default ``sys.argv[1:]``.
    """
    arguments = _parser().parse_args(argv)
    try:
        table = (
            _experiment(arguments) if arguments.command == "experiment" else _simulate(arguments)
        )
    except (ValueError, slmatch.SlmatchError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    _write(table, arguments.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
