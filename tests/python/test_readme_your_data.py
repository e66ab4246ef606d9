"""The README's "Your data" commands, run as written: consent receipts, a profile imported
and exported, and what the scheme then holds about the person."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from test_consent_receipts import schema_validator

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Your data: for people, advocates and data protection officers"


def _shell_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION) : readme.index("\n## ", readme.index(SECTION) + 1)]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


def _state(document: dict[str, Any], category: str, purpose: str) -> dict[str, Any]:
    (entry,) = [c for c in document["consents"] if c["category"] == category]
    (state,) = [p for p in entry["purposes"] if p["purpose"] == purpose]
    return state


def test_the_readme_commands_work(tmp_path: Path) -> None:
    blocks = _shell_blocks()
    assert len(blocks) == 2
    (tmp_path / "data").symlink_to(ROOT / "data")
    environment = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    for block in blocks:
        done = subprocess.run(
            ["bash", "-e", "-c", block.replace("\\\n", " ")],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    receipts = schema_validator("consent-receipt.schema.json")
    for name in ("P01-receipt.json", "P01-withdrawal.json"):
        receipt = json.loads((tmp_path / name).read_text())
        assert not list(receipts.iter_errors(receipt)), name
        assert receipt["piiPrincipalId"] == "P01"

    # The exported profile is the one imported: nothing was typed again.
    assert (tmp_path / "amira-again.json").read_bytes() == (
        ROOT / "data" / "profiles" / "amira.json"
    ).read_bytes()

    cli = str(Path(sys.executable).with_name("slmatch"))
    mine = subprocess.run(
        [cli, "my-data", "scheme.json", "--person", "P01", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    document = json.loads(mine.stdout)
    assert not list(schema_validator("my-data.schema.json").iter_errors(document))
    withdrawn = _state(document, "interests", "matching")
    assert (withdrawn["status"], withdrawn["withdrawn_on"]) == ("withdrawn", "2026-11-01")
    assert _state(document, "interests", "sharing_with_carers")["status"] == "given"
