"""Match rate by main need for the plain optimum of a synthetic scheme.

Usage: python examples/inequality_by_group.py [output.png]
"""

import sys

import slmatch
from slmatch import plots


def main() -> None:
    output = sys.argv[1] if len(sys.argv) > 1 else "inequality_by_group.png"
    scheme = slmatch.synthetic_scheme(400, 250, seed=3, household_cap=1)
    result = slmatch.match(scheme)
    print(result.audit_gaps())
    plots.inequality_by_group(result.audit(), output, grouping="need", measure="match_rate")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
