"""Bad input is refused whole, output is never half-written, and every run can leave a
record with no personal data in it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse
import slmatch
from slmatch.solvers import linear_sum_assignment, min_weight_full_bipartite_matching

CLI = str(Path(sys.executable).with_name("slmatch"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def small_scheme(example_path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(example_path.read_text())
    return document


def with_change(document: dict[str, Any], change: Any) -> str:
    changed = json.loads(json.dumps(document))
    change(changed)
    return json.dumps(changed)


def set_in(path: list[Any], value: Any) -> Any:
    def change(document: Any) -> None:
        for key in path[:-1]:
            document = document[key]
        document[path[-1]] = value

    return change


# (what is wrong, how to make it from the example, what the error says)
BAD_INPUTS: list[tuple[str, Any, str]] = [
    ("empty file", lambda d: "", "malformed JSON at line 1, column 1"),
    ("truncated JSON", lambda d: json.dumps(d)[:500], "malformed JSON at line 1"),
    ("not an object", lambda d: "[1, 2, 3]", "scheme: expected an object, got an array"),
    ("nested too deep", lambda d: "[" * 40 + "]" * 40, "nested deeper than 16 levels"),
    (
        "overflowing number",
        lambda d: with_change(d, set_in(["people", 0, "location", "lat"], 12.375)).replace(
            "12.375", "1e999"
        ),
        "number out of range",
    ),
    (
        "negative places",
        lambda d: with_change(d, set_in(["households", 0, "places"], -1)),
        "field places: negative capacity",
    ),
    (
        "negative weight",
        lambda d: with_change(d, set_in(["policy", "weights", "interests"], -2)),
        "field weights.interests: must be a finite number >= 0",
    ),
    (
        "zero travel limit",
        lambda d: with_change(d, set_in(["policy", "travel_limit_km"], 0)),
        "field travel_limit_km: must be a finite number above 0",
    ),
    (
        "latitude out of range",
        lambda d: with_change(d, set_in(["people", 0, "location", "lat"], 91)),
        "field location.lat: must be between -90 and 90",
    ),
    (
        "fractional age",
        lambda d: with_change(d, set_in(["households", 0, "adults", 0, "age"], 40.5)),
        "expected a whole number, got a fraction",
    ),
    (
        "huge integer",
        lambda d: with_change(d, set_in(["households", 0, "places"], 2**70)),
        "field places: number out of range",
    ),
    (
        "id too long",
        lambda d: with_change(d, set_in(["people", 0, "id"], "P" * 300)),
        "person #1, field id: too long: 300 bytes (at most 256)",
    ),
    (
        "notes too long",
        lambda d: with_change(d, set_in(["people", 0, "notes"], "n" * 10001)),
        "field notes: too long: 10001 bytes (at most 10000)",
    ),
    (
        "list too long",
        lambda d: with_change(d, set_in(["people", 0, "interests"], ["x"] * 1001)),
        "field interests: too many entries: 1001 (at most 1000)",
    ),
    (
        "unknown field",
        lambda d: with_change(d, set_in(["people", 0, "favourite"], 1)),
        'unknown field "favourite"',
    ),
    (
        "bad date",
        lambda d: with_change(d, set_in(["people", 0, "date_of_birth"], "1990-02-30")),
        "field date_of_birth: not a valid date",
    ),
    ("invalid UTF-8", lambda d: b'{"id": "\xff\xfe"}', "malformed JSON"),
]


@pytest.mark.parametrize(
    ("what", "make", "message"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_is_refused_and_nothing_is_written(
    example_path: Path, tmp_path: Path, what: str, make: Any, message: str
) -> None:
    content = make(small_scheme(example_path))
    source = tmp_path / "scheme.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content)
    plan, record = tmp_path / "plan.json", tmp_path / "record.json"
    done = run(
        "match", str(source), "--format", "json", "--output", str(plan), "--record", str(record)
    )
    assert done.returncode == 1, what
    assert message in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scheme.json"], "something was written"
    with pytest.raises(slmatch.ValidationError) as refused:
        slmatch.load_scheme(str(source))
    assert refused.value.problems, "every refusal lists its problems"


def test_cli_record_equals_python_record(example_path: Path, tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    done = run(
        "match", str(example_path), "--format", "json", "--record", str(record), "--top", "2"
    )
    assert done.returncode == 0, done.stderr
    result = slmatch.match(slmatch.load_scheme(str(example_path)), shortlist_size=2)
    assert record.read_text() == result.record_json()
    again = tmp_path / "again.json"
    assert run("match", str(example_path), "--top", "2", "--record", str(again)).returncode == 0
    assert again.read_bytes() == record.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.json", "record.json"]


def test_record_holds_hashes_and_categories_but_no_personal_data(example_path: Path) -> None:
    document = json.loads(example_path.read_text())
    scheme = slmatch.load_scheme(str(example_path))
    record = slmatch.match(scheme).record()
    assert record["library_version"] == slmatch.__version__
    assert len(record["input_sha256"]) == 64 and len(record["result_sha256"]) == 64
    assert [p["person"] for p in record["people"]] == scheme.person_ids
    for line in record["people"]:
        assert line["data_categories"][0] == "assessment"
    text = json.dumps(record)
    for person in document["people"]:
        for field in ("name", "notes", "date_of_birth", "waiting_since", "faith", "ethnicity"):
            if person.get(field):
                assert json.dumps(person[field]) not in text, field
    for household in document["households"]:
        if household.get("name"):
            assert json.dumps(household["name"]) not in text


def test_record_changes_with_the_input(example_path: Path, tmp_path: Path) -> None:
    document = json.loads(example_path.read_text())
    before = slmatch.match(slmatch.load_scheme(str(example_path))).record()
    document["households"][0]["active"] = not document["households"][0].get("active", True)
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document))
    after = slmatch.match(slmatch.load_scheme(str(changed))).record()
    assert after["input_sha256"] != before["input_sha256"]
    assert after["result_sha256"] != before["result_sha256"]
    # The same scheme written differently has the same canonical hash.
    reformatted = tmp_path / "reformatted.json"
    reformatted.write_text(json.dumps(json.loads(example_path.read_text()), indent=5))
    same = slmatch.match(slmatch.load_scheme(str(reformatted))).record()
    assert same == before


def test_costs_whose_sum_overflows_are_refused() -> None:
    huge = -np.finfo(np.float64).max
    with pytest.raises(ValueError, match="finite entries too large"):
        linear_sum_assignment(np.array([[huge, 1.0], [2.0, huge]]))
    with pytest.raises(ValueError, match="finite entries too large"):
        min_weight_full_bipartite_matching(
            scipy.sparse.csr_matrix(np.array([[huge, 1.0], [2.0, huge]]))
        )
    rows, cols = linear_sum_assignment(np.array([[-1e300, 1.0], [2.0, -1e300]]))
    assert rows.tolist() == [0, 1] and cols.tolist() == [0, 1]
