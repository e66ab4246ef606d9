"""Run scipy's own tests of its two assignment functions against slmatch's stand-ins.

Only `scipy.optimize.linear_sum_assignment` and
`scipy.sparse.csgraph.min_weight_full_bipartite_matching` are swapped for slmatch's before
scipy's test files are imported; everything else runs as scipy ships it. Extra arguments go
to pytest (e.g. `--deselect`).

Usage: python tests/scipy_dropins/run.py [PYTEST ARGS...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import scipy
import scipy.optimize
import scipy.sparse.csgraph
from slmatch import assignment

scipy.optimize.linear_sum_assignment = assignment.linear_sum_assignment
scipy.sparse.csgraph.min_weight_full_bipartite_matching = (
    assignment.min_weight_full_bipartite_matching
)

SCIPY = Path(scipy.__file__).parent
TEST_FILES = [
    SCIPY / "optimize" / "tests" / "test_linear_assignment.py",
    SCIPY / "sparse" / "csgraph" / "tests" / "test_matching.py",
]

if __name__ == "__main__":
    # scipy's own settings, not this project's strict ones, apply to scipy's tests.
    settings = Path(__file__).with_name("pytest.ini")
    arguments = ["-q", "-p", "no:cacheprovider", "-c", str(settings), "--rootdir", str(SCIPY)]
    sys.exit(pytest.main(arguments + [str(f) for f in TEST_FILES] + sys.argv[1:]))
