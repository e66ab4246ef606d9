from __future__ import annotations

from pathlib import Path

import pytest
import slmatch

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "riverside.json"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> slmatch.Scheme:
    return slmatch.load_scheme(str(EXAMPLE))
