"""The draft algorithmic transparency record: filled in from the engine's registry, the
scheme's weights and consent, and the fairness audit; the owner's fields marked, not
invented; no data about any one person; JSON that follows its schema."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import slmatch
from jsonschema import Draft202012Validator
from slmatch import _core
from slmatch.pages import transparency
from slmatch.pages.transparency import main, transparency_markdown, transparency_record

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "riverside.json"
SCHEMA = json.loads(
    (ROOT / "data" / "schema" / "transparency-record.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
CLI = str(Path(sys.executable).with_name("slmatch"))
MARK = "[To be completed by the scheme]"


@pytest.fixture(scope="module")
def record(example: slmatch.Scheme) -> dict[str, Any]:
    return transparency_record(example)


def to_fill_fields(node: Any, path: str = "") -> list[str]:
    if isinstance(node, dict):
        if set(node) == {"to_fill"}:
            return [path]
        return [f for k, v in node.items() for f in to_fill_fields(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [f for i, v in enumerate(node) for f in to_fill_fields(v, f"{path}[{i}]")]
    return []


def test_registry_rules_are_the_engine_rules() -> None:
    rules = _core.registry.rules()
    assert [r["id"] for r in rules] == list(_core.vocabularies["rule"])
    for r in rules:
        assert set(r) == {"id", "label", "description", "reads"}
        assert r["label"] and r["description"].endswith(".")
        assert set(r["reads"]) <= set(_core.vocabularies["data category"])
    travel = next(r for r in rules if r["id"] == "travel")
    assert travel["reads"] == ["community"]


def test_registry_factors_are_the_engine_factors() -> None:
    factors = _core.registry.factors()
    assert [f["id"] for f in factors] == list(_core.vocabularies["factor"])
    for f in factors:
        assert set(f) == {
            "id",
            "label",
            "phrase",
            "description",
            "consent",
            "reads",
            "default_weight",
        }
        assert f["default_weight"] >= 0
        if f["consent"] is not None:
            assert f["consent"] in f["reads"]
    interests = next(f for f in factors if f["id"] == "interests")
    assert interests["consent"] == "interests"
    assert transparency.factors() == factors
    assert transparency.rules() == _core.registry.rules()


def test_registry_data_categories() -> None:
    categories = transparency.data_categories()
    assert [c["id"] for c in categories] == list(_core.vocabularies["data category"])
    faith = next(c for c in categories if c["id"] == "faith_culture")
    assert faith["title"] == "faith and culture"
    assert faith["no_consent"] == "consent to use faith and culture was not given"


def test_registry_weights_are_the_scheme_policy(example: slmatch.Scheme) -> None:
    weights = transparency.scheme_weights(example)
    assert list(weights) == list(_core.vocabularies["factor"])
    policy = json.loads(EXAMPLE.read_text(encoding="utf-8"))["policy"]["weights"]
    defaults = {f["id"]: f["default_weight"] for f in _core.registry.factors()}
    for factor, weight in weights.items():
        assert weight == policy.get(factor, defaults[factor])


def _consents(person: dict[str, Any], category: str, purpose: str, day: str) -> bool:
    """The consent rules written out independently of the engine (ISO dates sort as text)."""
    if purpose == "analysis" and person.get("national_data_opt_out", False):
        return False
    listed_for = "equality_monitoring" if category == "ethnicity" else "matching"
    if category in person["consent"] and purpose == listed_for:
        return True
    return any(
        r["category"] == category
        and r["purpose"] == purpose
        and r["given_on"] <= day
        and all(day < r[end] for end in ("expires_on", "withdrawn_on") if end in r)
        for r in person.get("consents", [])
    )


def test_registry_consent_counts(example: slmatch.Scheme) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    day = document["policy"]["as_of"]
    counts = transparency.consent_counts(example)
    assert list(counts) == list(_core.vocabularies["data category"])
    for category, by_purpose in counts.items():
        assert list(by_purpose) == list(_core.vocabularies["consent purpose"])
        for purpose, count in by_purpose.items():
            expected = sum(_consents(p, category, purpose, day) for p in document["people"])
            assert count == expected, (category, purpose)


def test_transparency_record_follows_its_schema(record: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(record), key=str)
    assert errors == []


def test_transparency_schema_enums_are_the_engine_vocabularies() -> None:
    definitions = SCHEMA["$defs"]
    assert definitions["rule_id"]["enum"] == list(_core.vocabularies["rule"])
    assert definitions["factor_id"]["enum"] == list(_core.vocabularies["factor"])
    assert definitions["data_category"]["enum"] == list(_core.vocabularies["data category"])
    grouping = definitions["fairness_audit"]["properties"]["groupings"]["items"]
    assert grouping["properties"]["grouping"]["enum"] == list(_core.vocabularies["audit grouping"])


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.pop("tier_1"),
        lambda r: r["tier_1"].pop("how_it_works"),
        lambda r: r["tier_1"].__setitem__("website", {"to_fill": ""}),
        lambda r: r["tier_1"].__setitem__("website", {"to_fill": "x", "extra": 1}),
        lambda r: r["tier_2"]["specification"]["hard_rules"][0].__setitem__("id", "no_such_rule"),
        lambda r: r["tier_2"]["specification"]["soft_factors"][0].__setitem__("weight", -1),
        lambda r: r["tier_2"]["data"]["categories"][0].__setitem__("people_consented", "12"),
        lambda r: r["tier_2"]["data"].__setitem__("person_ids", ["P01"]),
        lambda r: r.__setitem__("format", "slmatch-run-record"),
    ],
)
def test_transparency_schema_refuses_mutated_records(record: dict[str, Any], mutate: Any) -> None:
    mutated = copy.deepcopy(record)
    mutate(mutated)
    assert not VALIDATOR.is_valid(mutated)


def test_transparency_record_specification_is_the_registry(
    record: dict[str, Any], example: slmatch.Scheme
) -> None:
    spec = record["tier_2"]["specification"]
    rules = _core.registry.rules()
    assert [(r["id"], r["label"], r["description"], r["reads"]) for r in spec["hard_rules"]] == [
        (r["id"], r["label"], r["description"], r["reads"]) for r in rules
    ]
    weights = transparency.scheme_weights(example)
    for listed, factor in zip(spec["soft_factors"], _core.registry.factors()):
        assert listed["id"] == factor["id"]
        assert listed["description"] == factor["description"]
        assert listed["weight"] == weights[factor["id"]]
        assert listed["default_weight"] == factor["default_weight"]
        assert listed["consent"] == factor["consent"]


def test_transparency_record_data_counts_consent_only(
    record: dict[str, Any], example: slmatch.Scheme
) -> None:
    data = record["tier_2"]["data"]
    assert data["people"] == len(example.person_ids)
    assert data["households"] == len(example.household_ids)
    counts = transparency.consent_counts(example)
    assert {c["id"]: c["people_consented"] for c in data["categories"]} == counts
    by_id = {c["id"]: c for c in data["categories"]}
    assert by_id["ethnicity"]["read_by_rules"] == by_id["ethnicity"]["read_by_factors"] == []
    assert by_id["community"]["read_by_rules"] == ["travel"]
    assert by_id["community"]["read_by_factors"] == ["community"]
    assert by_id["lifestyle"]["read_by_factors"] == ["lifestyle", "household_mix"]


def test_transparency_record_owner_fields_are_marked_not_invented(record: dict[str, Any]) -> None:
    fields = to_fill_fields(record)
    for expected in (
        ".tier_1.website",
        ".tier_1.contact",
        ".tier_2.owner_and_responsibility.organisation",
        ".tier_2.owner_and_responsibility.senior_responsible_owner",
        ".tier_2.risks.impact_assessments",
    ):
        assert expected in fields
    markdown = transparency_markdown(record)
    assert markdown.count(MARK) == len(fields) + 1  # and once where the record says what it means


def test_transparency_record_holds_nothing_about_any_one_person(
    record: dict[str, Any], example: slmatch.Scheme
) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(record) + transparency_markdown(record)
    for person in document["people"]:
        for value in (person["id"], person.get("name"), person["date_of_birth"]):
            if value:
                assert value not in text
    for household in document["households"]:
        assert f'"{household["id"]}"' not in text and f" {household['id']} " not in text


def test_transparency_record_fairness_audit_withholds_small_groups(
    record: dict[str, Any], example: slmatch.Scheme
) -> None:
    fairness = record["tier_2"]["risks"]["fairness_audit"]
    groups = slmatch.match(example).audit(small_group_size=5)
    overall = groups.iloc[0]
    assert fairness["overall"]["people"] == overall["people"]
    assert fairness["overall"]["match_rate"] == pytest.approx(overall["match_rate"])
    for grouping in fairness["groupings"]:
        rows = groups[groups["grouping"] == grouping["grouping"]]
        assert grouping["withheld_groups"] == int(rows["small_group"].sum())
        assert [g["group"] for g in grouping["groups"]] == list(rows[~rows["small_group"]]["group"])
        for g in grouping["groups"]:
            assert g["people"] >= 5
    shown = {g["group"] for grouping in fairness["groupings"] for g in grouping["groups"]}
    small = set(groups[groups["small_group"]]["group"])
    text = json.dumps(record) + transparency_markdown(record)
    for group in small - shown:
        assert group not in text


def test_transparency_record_same_bytes_every_time(example: slmatch.Scheme) -> None:
    first = transparency_record(example)
    again = transparency_record(_core.Scheme.load(str(EXAMPLE)))
    assert json.dumps(first) == json.dumps(again)
    assert transparency_markdown(first) == transparency_markdown(again)


def test_transparency_markdown_sections(record: dict[str, Any]) -> None:
    markdown = transparency_markdown(record)
    for heading in (
        "## Tier 1: summary",
        "### 1. Owner and responsibility",
        "### 2. Description and rationale",
        "### 3. Decision-making process and human oversight",
        "### 4. Tool specification",
        "### 5. Data",
        "### 6. Impact assessments and risks",
        "#### Fairness audit",
    ):
        assert heading in markdown
    for rule in _core.registry.rules():
        assert f"(`{rule['id']}`)" in markdown
    for factor in _core.registry.factors():
        assert f"(`{factor['id']}`)" in markdown
    assert "both the person and the carer say yes" in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_transparency_markdown_escapes_scheme_text() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["name"] = "River | *side* <b>"
    record = transparency_record(_core.Scheme.from_json(json.dumps(document)))
    markdown = transparency_markdown(record)
    assert "River \\| \\*side\\* \\<b\\>" in markdown
    assert "<b>" not in markdown


def test_transparency_record_of_a_scheme_with_nobody_waiting() -> None:
    scheme = slmatch.synthetic_scheme(0, 3, seed=1)
    record = transparency_record(scheme)
    assert VALIDATOR.is_valid(record)
    assert record["tier_2"]["risks"]["fairness_audit"]["overall"] is None
    assert "Nobody is waiting, so there is nothing to audit." in transparency_markdown(record)


def test_transparency_record_of_a_scheme_too_small_to_audit() -> None:
    scheme = slmatch.synthetic_scheme(3, 3, seed=1)
    record = transparency_record(scheme)
    assert VALIDATOR.is_valid(record)
    fairness = record["tier_2"]["risks"]["fairness_audit"]
    assert fairness["overall"] is None
    assert all(grouping["groups"] == [] for grouping in fairness["groupings"])
    markdown = transparency_markdown(record)
    assert "Fewer than 5 people are waiting, so no figures are shown." in markdown


def test_transparency_main_writes_markdown_and_json(tmp_path: Path) -> None:
    markdown, document = tmp_path / "record.md", tmp_path / "record.json"
    assert main([str(EXAMPLE), "--output", str(markdown), "--json", str(document)]) == 0
    record = json.loads(document.read_text(encoding="utf-8"))
    assert VALIDATOR.is_valid(record)
    assert markdown.read_text(encoding="utf-8") == transparency_markdown(record)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json", "record.md"]


def test_transparency_main_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Algorithmic transparency record (draft)")


def test_transparency_main_errors_go_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.json")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "slmatch-scheme"}', encoding="utf-8")
    assert main([str(bad)]) == 1
    assert capsys.readouterr().err.startswith("error: ")
    assert main([str(EXAMPLE), "--output", str(tmp_path / "no" / "such" / "dir.md")]) == 1
    assert "error: " in capsys.readouterr().err


def test_transparency_command_line(tmp_path: Path) -> None:
    document = tmp_path / "record.json"
    result = subprocess.run(
        [CLI, "transparency", str(EXAMPLE), "--json", str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == transparency_markdown(json.loads(document.read_text(encoding="utf-8")))
    failed = subprocess.run(
        [CLI, "transparency", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0 and "error" in failed.stderr


def test_transparency_markdown_renders_as_tables(record: dict[str, Any]) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = (
        markdown_it.MarkdownIt("commonmark").enable("table").render(transparency_markdown(record))
    )
    fairness = record["tier_2"]["risks"]["fairness_audit"]
    shown = sum(1 for grouping in fairness["groupings"] if grouping["groups"])
    assert html.count("<table>") == 4 + shown + (1 if fairness["gaps"] else 0)
    spec = record["tier_2"]["specification"]
    rows = len(spec["hard_rules"]) + len(spec["soft_factors"])
    assert html.count("<code>") >= rows
    assert html.count(f"<strong>{MARK}</strong>") == len(to_fill_fields(record)) + 1
