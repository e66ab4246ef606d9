"""A map of the bundled example scheme's people and households with the proposed matches.

Usage: python examples/match_map.py [output.png]
"""

import sys
from pathlib import Path

import slmatch
from slmatch import plots

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "riverside.json"


def main() -> None:
    output = sys.argv[1] if len(sys.argv) > 1 else "match_map.png"
    scheme = slmatch.load_scheme(str(EXAMPLE))
    result = slmatch.match(scheme)
    plots.match_map(scheme, result.household_of, output)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
