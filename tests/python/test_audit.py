from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import slmatch
from slmatch.matching import (
    AUDIT_GAP_COLUMNS,
    AUDIT_GROUP_COLUMNS,
    AUDIT_LIVING_TOGETHER_COLUMNS,
    audit_plan,
)

CLI = str(Path(sys.executable).with_name("slmatch"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def result(example: slmatch.Scheme) -> slmatch.MatchResult:
    return slmatch.match(example)


def groups_of(document: dict[str, Any], grouping: str) -> list[dict[str, Any]]:
    return next(g["groups"] for g in document["groupings"] if g["grouping"] == grouping)


def test_cli_audit_json_counts_the_plan(
    example_path: Path, example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    done = run("audit", str(example_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["as_of"] == "2026-11-01"
    assert document["overall"]["people"] == len(example.person_ids)
    assert document["overall"]["matched"] == result.matched
    assert [g["grouping"] for g in document["groupings"]] == [
        "need",
        "age_band",
        "area",
        "ethnicity",
        "living_together",
    ]
    # Age bands, areas, ethnicities and living together partition the people; needs may
    # count someone twice.
    for grouping in ["age_band", "area", "ethnicity", "living_together"]:
        assert sum(g["people"] for g in groups_of(document, grouping)) == 44
    assert sum(g["people"] for g in groups_of(document, "need")) >= 44
    assert 0.0 <= document["gini"]["matched"] <= document["gini"]["all_people"] <= 1.0


def test_cli_audit_is_identical_run_to_run_and_matches_python(
    example_path: Path, result: slmatch.MatchResult
) -> None:
    first = run("audit", str(example_path), "--format", "json").stdout
    second = run("audit", str(example_path), "--format", "json").stdout
    assert first == second
    assert result.audit_report().to_json() == first
    assert run("audit", str(example_path)).stdout == result.audit_report().table()


def test_cli_audit_table_is_readable(example_path: Path) -> None:
    done = run("audit", str(example_path))
    assert done.returncode == 0, done.stderr
    assert "inequality audit as of 2026-11-01" in done.stdout
    for title in ["Need category", "Age band", "Area", "Ethnicity", "gap in match rate"]:
        assert title in done.stdout


def test_cli_audit_holds_no_personal_data(example_path: Path) -> None:
    document = json.loads(example_path.read_text())
    out = run("audit", str(example_path), "--format", "json").stdout
    out += run("audit", str(example_path)).stdout
    for person in document["people"]:
        for key in ["id", "name", "date_of_birth", "notes"]:
            value = person.get(key)
            if value:
                assert f'"{value}"' not in out and f" {value} " not in out


def test_cli_audit_as_of_and_objective(example_path: Path) -> None:
    later = json.loads(
        run(
            "audit",
            str(example_path),
            "--as-of",
            "2027-11-01",
            "--objective",
            "max_total",
            "--format",
            "json",
        ).stdout
    )
    now = json.loads(run("audit", str(example_path), "--format", "json").stdout)
    assert later["as_of"] == "2027-11-01"
    assert later["overall"]["mean_wait_days"] == pytest.approx(
        now["overall"]["mean_wait_days"] + 365, abs=0.001
    )


def test_cli_audit_output_file_is_written_whole(example_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    done = run("audit", str(example_path), "--format", "json", "--output", str(target))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(target.read_text())["overall"]["people"] == 44
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--as-of", "2026-02-30"], "--as-of"),
        (["--as-of", "2024-01-01"], "waiting_since"),
        (["--area-km", "0"], "--area-km"),
        (["--objective", "fairest"], "--objective"),
    ],
)
def test_cli_audit_bad_options_fail_cleanly(
    example_path: Path, tmp_path: Path, arguments: list[str], expected: str
) -> None:
    target = tmp_path / "out.json"
    done = run("audit", str(example_path), *arguments, "--output", str(target))
    assert done.returncode != 0
    assert expected in done.stderr
    assert done.stdout == ""
    assert not target.exists()


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["people"][0].update(support_level="extreme"), "support_level"),
        (lambda d: d["people"][0]["location"].update(lat=95.0), "location.lat"),
        (lambda d: d["people"][2].update(date_of_birth="1950-02-30"), "date_of_birth"),
    ],
)
def test_cli_audit_bad_input_fails_cleanly(
    example: slmatch.Scheme, tmp_path: Path, mutate: Any, expected: str
) -> None:
    document = json.loads(example.to_json())
    mutate(document)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document))
    target = tmp_path / "out.json"
    done = run("audit", str(source), "--format", "json", "--output", str(target))
    assert done.returncode != 0
    assert expected in done.stderr and "person" in done.stderr
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == [source]


def test_audit_frame_is_tidy(result: slmatch.MatchResult) -> None:
    frame = result.audit()
    assert list(frame.columns) == AUDIT_GROUP_COLUMNS
    assert frame.iloc[0]["grouping"] == "overall" and frame.iloc[0]["group"] == "all people"
    assert frame.iloc[0]["matched"] == result.matched
    assert set(frame["grouping"]) == {
        "overall",
        "need",
        "age_band",
        "area",
        "ethnicity",
        "living_together",
    }
    assert frame["people"].dtype == np.int64
    assert str(frame["matched"].dtype) == "Int64"
    assert frame["small_group"].dtype == bool
    small = frame[frame["small_group"]]
    assert (small["people"] < 5).all()
    assert small["matched"].isna().all() and small["mean_score"].isna().all()
    shown = frame[~frame["small_group"]]
    expected_rate = shown["matched"].to_numpy(dtype=float) / shown["people"].to_numpy()
    assert np.allclose(shown["match_rate"], expected_rate, atol=0.0006)
    plan = result.plan
    assert frame.iloc[0]["mean_score"] == pytest.approx(plan["score"].mean(), abs=0.001)


def test_audit_gaps_name_the_extremes(result: slmatch.MatchResult) -> None:
    gaps = result.audit_gaps()
    assert list(gaps.columns) == AUDIT_GAP_COLUMNS
    frame = result.audit()
    for row in gaps.itertuples():
        groups = frame[(frame["grouping"] == row.grouping) & ~frame["small_group"]]
        if row.grouping == "ethnicity":
            groups = groups[groups["group"] != "not given"]
        values = groups.set_index("group")[row.measure].dropna()
        assert values[row.largest_group] == row.largest == values.max()
        assert values[row.smallest_group] == row.smallest == values.min()
        assert row.gap == pytest.approx(row.largest - row.smallest, abs=0.0015)
    assert {"need", "age_band"} <= set(gaps["grouping"])


def test_audit_as_of_accepts_dates(result: slmatch.MatchResult) -> None:
    by_text = result.audit_report("2027-01-01")
    by_date = result.audit_report(datetime.date(2027, 1, 1))
    assert by_text.to_json() == by_date.to_json()
    assert by_text.as_of == "2027-01-01"
    with pytest.raises(slmatch.SlmatchError, match="as_of"):
        result.audit("01/01/2027")
    with pytest.raises(slmatch.ValidationError, match="waiting_since") as failure:
        result.audit("2020-01-01")
    assert all(
        field in {"waiting_since", "date_of_birth"} for _, field, _ in failure.value.problems
    )


def test_audit_never_reads_ethnicity_without_consent(example: slmatch.Scheme) -> None:
    document = json.loads(example.to_json())
    people = document["people"]
    without = [p for p in people if "ethnicity" not in p.get("consent", [])]
    assert len(without) > 30
    for index, person in enumerate(without):
        person["ethnicity"] = f"Secret {index % 3}"
    changed = slmatch.Scheme.from_json(json.dumps(document))
    before = slmatch.match(example).audit_report(suppress_small_groups=False)
    after = slmatch.match(changed).audit_report(suppress_small_groups=False)
    assert before.to_json() == after.to_json()
    assert "Secret" not in after.table()
    ethnicity = after.groups[after.groups["grouping"] == "ethnicity"]
    assert set(ethnicity["group"]) == {
        "Asian or Asian British: Pakistani",
        "White: Other White",
        "not given",
    }


def test_audit_plan_takes_any_plan(example: slmatch.Scheme) -> None:
    people = len(example.person_ids)
    nobody = audit_plan(example, np.full(people, -1), np.full(people, np.nan))
    overall = nobody.groups.iloc[0]
    assert overall["matched"] == 0 and overall["match_rate"] == 0.0
    assert np.isnan(overall["mean_score"])
    assert nobody.gini_matched is None and nobody.gini_all is None
    assert nobody.gaps[nobody.gaps["measure"] == "mean_score"].empty

    everyone_first = audit_plan(
        example,
        np.zeros(people, dtype=np.int64),
        np.linspace(10.0, 90.0, people),
        small_group_size=0,
        area_km=50.0,
    )
    groups = everyone_first.groups
    assert (groups["match_rate"] == 1.0).all() and not groups["small_group"].any()
    assert everyone_first.gini_matched == everyone_first.gini_all
    fine = audit_plan(example, np.full(people, -1), np.zeros(people)).groups
    coarse_areas = (groups["grouping"] == "area").sum()
    assert 2 <= coarse_areas < (fine["grouping"] == "area").sum()  # bigger squares, fewer areas

    with pytest.raises(slmatch.ValidationError, match="household_of") as failure:
        audit_plan(example, np.zeros(3), np.zeros(3))
    assert failure.value.problems[0][0] == "plan"
    bad = np.zeros(people, dtype=np.int64)
    bad[5] = 999
    with pytest.raises(slmatch.ValidationError, match="household"):
        audit_plan(example, bad, np.full(people, 50.0))
    with pytest.raises(slmatch.ValidationError, match="score"):
        audit_plan(example, np.zeros(people), np.full(people, 150.0))


def test_audit_is_deterministic_and_frames_agree(result: slmatch.MatchResult) -> None:
    report = result.audit_report()
    again = result.audit_report()
    assert report.to_json() == again.to_json()
    pd.testing.assert_frame_equal(report.groups, again.groups)
    document = json.loads(report.to_json())
    assert len(report.groups) == 1 + sum(len(g["groups"]) for g in document["groupings"])
    assert report.notes and any("consent" in note for note in report.notes)


def test_audit_counts_groups_once_and_by_member(
    result: slmatch.MatchResult, example_without_groups: slmatch.Scheme
) -> None:
    report = result.audit_report()
    together = report.living_together
    assert list(together.columns) == AUDIT_LIVING_TOGETHER_COLUMNS
    # The example's couple and siblings live together; the friends are proposed apart.
    everyone = together.iloc[0]
    assert everyone["kind"] == "all groups"
    assert (everyone["groups"], everyone["people"]) == (3, 6)
    assert (everyone["together"], everyone["apart"], everyone["not_matched"]) == (2, 1, 0)
    # Each kind has two members: too few to show how they were placed.
    assert list(together["kind"]) == ["all groups", "couples", "siblings", "friends"]
    assert together.iloc[1:]["together"].isna().all()
    assert str(together["together"].dtype) == "Int64"
    members = report.groups[report.groups["grouping"] == "living_together"]
    assert list(members["group"]) == ["on their own", "couples", "siblings", "friends"]
    assert members["people"].sum() == 44
    assert "Groups, counted once" in report.table()
    # Without groups there is nothing to count.
    plain = slmatch.match(example_without_groups).audit_report()
    assert plain.living_together.empty
    assert "living_together" not in json.loads(plain.to_json())
