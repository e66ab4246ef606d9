"""Score distributions of four objectives on a synthetic 300 x 200 scheme.

Usage: python examples/score_distribution.py [output.png]
"""

import sys

import slmatch
from slmatch import plots
from slmatch.experiments import run_once


def main() -> None:
    output = sys.argv[1] if len(sys.argv) > 1 else "score_distribution.png"
    scheme = slmatch.synthetic_scheme(300, 200, seed=7)
    scores = {}
    for objective in ("optimal", "egalitarian", "stable", "greedy"):
        outcome = run_once(scheme, objective=objective)
        scores[objective] = outcome.score[outcome.household_of >= 0]
    plots.score_distribution(scores, output)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
