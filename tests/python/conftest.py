from __future__ import annotations

import json
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


@pytest.fixture(scope="session")
def example_without_groups() -> slmatch.Scheme:
    """The example with its groups left out, for tests of people placed one by one."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del document["groups"]
    return slmatch.Scheme.from_json(json.dumps(document))
