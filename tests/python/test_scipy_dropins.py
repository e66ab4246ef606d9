"""scipy's own test files pass against slmatch's assignment stand-ins (the README's claim)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from slmatch import assignment

RUNNER = Path(__file__).resolve().parents[1] / "scipy_dropins" / "run.py"


def run_scipy_tests(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_scipy_tests_pass_against_the_stand_ins() -> None:
    result = run_scipy_tests()
    assert result.returncode == 0, result.stdout[-3000:]
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed is not None and int(passed.group(1)) >= 40, result.stdout[-1000:]
    assert "failed" not in result.stdout


def test_a_constant_matrix_gives_the_identity_as_scipy_does() -> None:
    for n in (1, 2, 3, 8, 50):
        cost = np.ones((n, n))
        rows, cols = assignment.linear_sum_assignment(cost)
        assert rows.tolist() == list(range(n))
        assert cols.tolist() == list(range(n))
