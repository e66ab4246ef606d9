from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import slmatch

CLI = str(Path(sys.executable).with_name("slmatch"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_validate_accepts_the_example(example_path: Path) -> None:
    done = run("validate", str(example_path))
    assert done.returncode == 0
    assert "is valid" in done.stdout


def test_match_json_lists_every_person(example_path: Path, example: slmatch.Scheme) -> None:
    done = run("match", str(example_path), "--format", "json", "--top", "2")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [p["person"] for p in report["proposals"]] == example.person_ids
    for proposal in report["proposals"]:
        assert proposal["status"] in {"matched", "unmatched"}
        assert proposal["summary"]
        assert len(proposal["shortlist"]) <= 2
    assert report["matched"] == slmatch.match(example).matched


def test_match_table_is_readable(example_path: Path) -> None:
    done = run("match", str(example_path))
    assert done.returncode == 0
    assert "->" in done.stdout and "no household" in done.stdout
    assert "not placements" in done.stdout


def test_match_jsonl_is_the_json_report_a_line_at_a_time(example_path: Path) -> None:
    document = json.loads(run("match", str(example_path), "--format", "json").stdout)
    done = run("match", str(example_path), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n")
    # Split on newlines only: proposals may hold other line separators (U+2028) unescaped.
    lines = done.stdout[:-1].split("\n")
    header = json.loads(lines[0])
    assert header.pop("format") == "slmatch-match-lines"
    proposals = document.pop("proposals")
    assert header == document
    assert [json.loads(line) for line in lines[1:]] == proposals


@pytest.mark.parametrize("format_name", ["json", "jsonl", "table"])
def test_output_file_holds_what_standard_output_shows(
    example_path: Path, tmp_path: Path, format_name: str
) -> None:
    target = tmp_path / f"plan.{format_name}"
    target.write_text("the old plan")
    done = run("match", str(example_path), "--format", format_name, "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    shown = run("match", str(example_path), "--format", format_name).stdout
    assert target.read_bytes() == shown.encode()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_file_is_kept_when_it_cannot_be_replaced(example_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.jsonl"
    done = run("match", str(example_path), "--format", "jsonl", "--output", str(target))
    assert done.returncode != 0
    assert str(target) in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_python_to_json_is_the_cli_document(example_path: Path, example: slmatch.Scheme) -> None:
    shown = run("match", str(example_path), "--format", "json").stdout
    result = slmatch.match(example)
    assert result.to_json(indent=2) + "\n" == shown
    assert json.loads(result.to_json()) == json.loads(shown)


def test_output_is_identical_run_to_run(example_path: Path) -> None:
    first = run("match", str(example_path), "--format", "json").stdout
    second = run("match", str(example_path), "--format", "json").stdout
    assert first == second


def test_explain_pair(example_path: Path, example: slmatch.Scheme) -> None:
    done = run(
        "explain",
        str(example_path),
        "--person",
        example.person_ids[0],
        "--household",
        example.household_ids[0],
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    explanation = json.loads(done.stdout)
    assert explanation["person"] == example.person_ids[0]
    assert len(explanation["factors"]) == 11


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["people"][0].update(support_level="extreme"), "support_level"),
        (lambda d: d["households"][0].update(places=-2), "places"),
        (lambda d: d["people"][1].update(id=d["people"][0]["id"]), "duplicate"),
        (lambda d: d["people"][0]["location"].update(lat=95.0), "location.lat"),
        (lambda d: d["people"][0].pop("needs"), "needs"),
    ],
)
def test_bad_input_fails_cleanly(
    example: slmatch.Scheme, tmp_path: Path, mutate: object, expected: str
) -> None:
    document = json.loads(example.to_json())
    mutate(document)  # type: ignore[operator]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document))
    target = tmp_path / "out.json"
    done = run("match", str(source), "--format", "json", "--output", str(target))
    assert done.returncode != 0
    assert expected in done.stderr
    assert done.stdout == ""
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_malformed_file_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"people": [')
    done = run("validate", str(source))
    assert done.returncode != 0
    assert "malformed JSON" in done.stderr and "line 1" in done.stderr


def test_output_file_is_written_whole(example_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    done = run("match", str(example_path), "--format", "json", "--output", str(target))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(target.read_text())["people"] >= 40
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


@pytest.mark.parametrize(
    "command",
    [
        ["match", "--format", "json"],
        ["match", "--format", "jsonl"],
        ["audit", "--format", "json"],
        ["explain", "--person", "P01", "--household", "H01"],
        ["explain", "--person", "P01", "--household", "H01", "--versus", "H22"],
    ],
    ids=["match", "jsonl", "audit", "explain", "versus"],
)
def test_debug_logs_hold_no_personal_data(example_path: Path, command: list[str]) -> None:
    document = json.loads(example_path.read_text())
    name, *options = command
    done = run("--log-level", "trace", name, str(example_path), *options)
    assert done.returncode == 0, done.stderr
    if name != "explain":
        assert "feasible pairs" in done.stderr, "trace logging should say what it did"
    personal = (
        [p.get("name") for p in document["people"]]
        + [p.get("date_of_birth") for p in document["people"]]
        + [p.get("notes") for p in document["people"]]
        + [p.get("faith") for p in document["people"]]
        + [p.get("ethnicity") for p in document["people"]]
        + [h.get("name") for h in document["households"]]
    )
    for value in filter(None, personal):
        assert value not in done.stderr


def test_generate_writes_a_valid_deterministic_scheme(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for target in (first, second):
        done = run(
            "generate",
            "--people",
            "60",
            "--households",
            "40",
            "--seed",
            "7",
            "--output",
            str(target),
        )
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    assert run("validate", str(first)).returncode == 0
    scheme = slmatch.load_scheme(str(first))
    assert len(scheme.person_ids) == 60 and len(scheme.household_ids) == 40


def test_generate_puts_a_share_of_people_in_groups(tmp_path: Path) -> None:
    target = tmp_path / "grouped.json"
    done = run(
        "generate",
        *("--people", "60", "--households", "40", "--seed", "7", "--group-share", "0.5"),
        *("--output", str(target)),
    )
    assert done.returncode == 0, done.stderr
    assert run("validate", str(target)).returncode == 0
    groups = json.loads(target.read_text(encoding="utf-8"))["groups"]
    assert 28 <= sum(len(group["members"]) for group in groups) <= 31
    refused = run("generate", "--group-share", "1.5", "--output", str(tmp_path / "x.json"))
    assert refused.returncode != 0
    assert "--group-share" in refused.stderr
    assert not (tmp_path / "x.json").exists()


def test_generate_refuses_negative_sizes(tmp_path: Path) -> None:
    done = run("generate", "--people", "-5", "--output", str(tmp_path / "x.json"))
    assert done.returncode != 0
    assert "--people" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_explain_versus_gives_the_gap(example_path: Path) -> None:
    report = json.loads(run("match", str(example_path), "--format", "json").stdout)
    entry = next(
        p
        for p in report["proposals"]
        if p["status"] == "matched"
        and len(p["shortlist"]) >= 2
        and p["shortlist"][0]["household"] == p["household"]
    )
    other = entry["shortlist"][1]
    done = run(
        "explain",
        str(example_path),
        "--person",
        entry["person"],
        "--household",
        entry["household"],
        "--versus",
        other["household"],
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    comparison = json.loads(done.stdout)
    assert comparison["gap"] == pytest.approx(entry["score"] - other["score"], abs=0.01)
    assert comparison["other"] == other["household"]


def test_validate_reads_a_scheme_from_a_pipe(example_path: Path) -> None:
    done = subprocess.run(
        [CLI, "validate", "/dev/stdin"],
        input=example_path.read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "44 people, 32 households" in done.stdout
