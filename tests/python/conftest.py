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
def example_without_groups(tmp_path_factory: pytest.TempPathFactory) -> slmatch.Scheme:
    """The example scheme with its groups left out: every person placed on their own."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document.pop("groups", None)
    path = tmp_path_factory.mktemp("schemes") / "riverside-without-groups.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return slmatch.load_scheme(str(path))
