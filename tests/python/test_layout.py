"""The layout check run by lint: it passes on the project and fails on each kind of break."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_layout.py"

TABLE = """# x

| stage | folder | in → out |
| --- | --- | --- |
| model | `model/` | people |
| score | `score/` | scores |
| match | `match.hpp` | the pipeline |
"""


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, check=False
    )


def tree(tmp_path: Path, headers: dict[str, str], readme: str = TABLE) -> Path:
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    for name, text in headers.items():
        path = tmp_path / "include" / "slmatch" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_check_layout_the_project_passes() -> None:
    result = run(ROOT)
    assert result.returncode == 0, result.stderr


def test_check_layout_accepts_includes_along_the_flow(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            "error.hpp": "",
            "model/person.hpp": '#include "slmatch/error.hpp"\n',
            "score/score.hpp": '#include "slmatch/model/person.hpp"\n',
            "match.hpp": '#include "slmatch/score/score.hpp"\n',
        },
    )
    assert run(root).returncode == 0


def test_check_layout_refuses_an_include_against_the_flow(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            "model/scheme.hpp": '#include "slmatch/score/registry.hpp"\n',
            "score/registry.hpp": "",
            "match.hpp": "",
        },
    )
    result = run(root)
    assert result.returncode == 1
    assert "model/scheme.hpp includes slmatch/score/registry.hpp" in result.stderr
    assert "model comes before score" in result.stderr


def test_check_layout_refuses_a_cycle_within_a_stage(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            "model/a.hpp": '#include "slmatch/model/b.hpp"\n',
            "model/b.hpp": '#include "slmatch/model/a.hpp"\n',
            "score/s.hpp": "",
            "match.hpp": "",
        },
    )
    result = run(root)
    assert result.returncode == 1
    assert "include cycle: model/a.hpp -> model/b.hpp -> model/a.hpp" in result.stderr


def test_check_layout_refuses_a_folder_missing_from_the_table(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {"model/a.hpp": "", "score/s.hpp": "", "match.hpp": "", "extra/x.hpp": ""},
    )
    result = run(root)
    assert result.returncode == 1
    assert "include/slmatch/extra/ is not in the README's stage table" in result.stderr
