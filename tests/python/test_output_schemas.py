"""The JSON Schemas in data/schema/ describe the documents the engine writes.

Real output of the command-line tool and of the Python package, on the example scheme and
on generated ones, validates against its schema; the same output with a required key
removed, a value of the wrong type, an unknown key or a misspelled name does not. The
schemas' enums are the engine's vocabularies. Scheme files, as given and as the engine
writes them, follow the scheme schema, and a scheme the schema refuses the loader refuses.
"""

from __future__ import annotations

import copy
import functools
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import slmatch
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from slmatch import _core

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
CLI = str(Path(sys.executable).with_name("slmatch"))

# Every schema file, by file name: relative $refs between them resolve by these names, as
# they do for a reader who loads the files from the folder.
SCHEMAS: dict[str, Any] = {
    path.name: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
}
REGISTRY: Registry[Any] = Registry().with_resources(
    (name, DRAFT202012.create_resource(schema)) for name, schema in SCHEMAS.items()
)

# The documents the engine writes, one schema each.
MATCH = "match-result.schema.json"
LINE = "match-result-line.schema.json"
EXPLANATION = "explanation.schema.json"
COMPARISON = "comparison.schema.json"
AUDIT = "audit.schema.json"
RECORD = "run-record.schema.json"
ROUNDS = "proposal-rounds.schema.json"
HELP = "help-options.schema.json"
RECRUITMENT = "recruitment.schema.json"
OUTPUT_SCHEMAS = [MATCH, LINE, EXPLANATION, COMPARISON, AUDIT, RECORD, ROUNDS, HELP, RECRUITMENT]
# Documents only the C interface gives, checked against real output in test_c_abi.py.
C_INTERFACE_SCHEMAS = ["stable-plan.schema.json", "problems.schema.json"]
# Documents the Python pages write, checked against real output in their own tests
# (test_transparency.py, test_consent_receipts.py, test_my_data.py).
PAGE_SCHEMAS = [
    "transparency-record.schema.json",
    "consent-receipt.schema.json",
    "my-data.schema.json",
]
# Documents checked against real output in their own tests (test_purpose_isolation.py).
LIBRARY_SCHEMAS = ["introduction-pack.schema.json"]

# Schemes generated for the tests: people, households, seed.
GENERATED = {
    "small": (12, 12, 7),
    "more people than places": (60, 20, 9),
    "nobody matchable": (3, 2, 1),
    "no households": (5, 0, 1),
    "nobody waiting": (0, 3, 1),
}
SCHEMES = ["riverside", *GENERATED]
EMPTY = {"no households", "nobody waiting"}  # no pair to explain
OBJECTIVES = list(_core.vocabularies["objective"])


def validator(name: str) -> Draft202012Validator:
    """A validator for one schema file that follows $refs to the others and checks formats."""
    return Draft202012Validator(
        SCHEMAS[name],
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_valid(name: str, document: Any) -> None:
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(name).iter_errors(document)
    ]
    assert not errors, f"{name}:\n" + "\n".join(errors[:5])


def run(*args: str) -> str:
    done = subprocess.run([CLI, *args], capture_output=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@functools.cache
def run_json(*args: str) -> Any:
    """The JSON document a command prints, run once for the whole module."""
    return json.loads(run(*args))


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON value, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.fixture(scope="session")
def schemes(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, str]:
    """Scheme files by name: the example and the generated ones."""
    folder = tmp_path_factory.mktemp("schemes")
    files = {"riverside": str(example_path)}
    for name, (people, households, seed) in GENERATED.items():
        target = folder / (name.replace(" ", "-") + ".json")
        run(
            "generate",
            *("--people", str(people), "--households", str(households), "--seed", str(seed)),
            *("--output", str(target)),
        )
        files[name] = str(target)
    return files


# The schemas themselves.


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = SCHEMAS[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_reference_resolves(name: str) -> None:
    resolver = REGISTRY.resolver(base_uri=name)
    for node in walk(SCHEMAS[name]):
        if isinstance(node.get("$ref"), str):
            resolver.lookup(node["$ref"])


def test_there_is_a_schema_for_every_document() -> None:
    documents = OUTPUT_SCHEMAS + C_INTERFACE_SCHEMAS + PAGE_SCHEMAS + LIBRARY_SCHEMAS
    # Files people give: schemes, and profiles (checked in test_profile.py).
    assert set(documents) | {"scheme.schema.json", "profile.schema.json"} == set(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_format_used_is_one_the_validator_checks(name: str) -> None:
    formats = {
        node["format"] for node in walk(SCHEMAS[name]) if isinstance(node.get("format"), str)
    }
    assert formats <= set(Draft202012Validator.FORMAT_CHECKER.checkers)


@pytest.mark.parametrize(
    "as_of", [f"{MATCH}#/$defs/counts/properties/as_of", f"{AUDIT}#/properties/as_of"]
)
def test_dates_are_checked_as_dates(as_of: str) -> None:
    """2026-02-30 has the shape of a date (the pattern) but is none (the format)."""
    assert SCHEMAS["scheme.schema.json"]["$defs"]["date"]["format"] == "date"
    date = {"$ref": as_of}
    checked = Draft202012Validator(
        date, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert checked.is_valid("2028-02-29")
    assert not checked.is_valid("2026-02-30")
    assert Draft202012Validator(date, registry=REGISTRY).is_valid("2026-02-30")


@pytest.mark.parametrize(
    ("name", "definition", "title"),
    [
        ("scheme.schema.json", "factor", "factor"),
        ("scheme.schema.json", "data_category", "data category"),
        ("scheme.schema.json", "need_category", "need category"),
        (EXPLANATION, "rule", "rule"),
        (RECORD, "objective", "objective"),
        (AUDIT, "audit_grouping", "audit grouping"),
        (ROUNDS, "proposing_side", "proposing side"),
        (ROUNDS, "answer_side", "answer side"),
        (ROUNDS, "reply", "reply"),
        (ROUNDS, "decline_reason", "decline reason"),
        ("stable-plan.schema.json", "stable_method", "stable method"),
    ],
)
def test_enums_are_the_engine_vocabularies(name: str, definition: str, title: str) -> None:
    assert SCHEMAS[name]["$defs"][definition]["enum"] == list(_core.vocabularies[title])


def test_audit_groupings_come_in_vocabulary_order() -> None:
    groupings = SCHEMAS[AUDIT]["properties"]["groupings"]["prefixItems"]
    names = [grouping["properties"]["grouping"]["const"] for grouping in groupings]
    assert names == list(_core.vocabularies["audit grouping"])


# Real output validates.


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_match_report_and_run_record(
    schemes: dict[str, str], tmp_path: Path, scheme: str, objective: str
) -> None:
    report, record = tmp_path / "plan.json", tmp_path / "record.json"
    run(
        "match",
        schemes[scheme],
        *("--format", "json", "--objective", objective, "--top", "2"),
        *("--output", str(report), "--record", str(record)),
    )
    document = json.loads(report.read_text(encoding="utf-8"))
    assert_valid(MATCH, document)
    assert_valid(RECORD, json.loads(record.read_text(encoding="utf-8")))
    assert len(document["proposals"]) == document["people"]


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_match_lines(schemes: dict[str, str], scheme: str, objective: str) -> None:
    text = run("match", schemes[scheme], "--format", "jsonl", "--objective", objective)
    # Split on newlines only: proposals may hold other line separators (U+2028) unescaped.
    lines = [json.loads(line) for line in text[:-1].split("\n")]
    for line in lines:
        assert_valid(LINE, line)
    # The header is the line with "format"; it picks the shape the line schema checks.
    assert "format" in lines[0]
    assert not any("format" in line for line in lines[1:])
    assert len(lines) == 1 + lines[0]["people"]


def test_the_example_covers_both_kinds_of_proposal(schemes: dict[str, str]) -> None:
    document = run_json("match", schemes["riverside"], "--format", "json")
    statuses = {proposal["status"] for proposal in document["proposals"]}
    assert statuses == {"matched", "unmatched"}
    unmatched = [p for p in document["proposals"] if p["status"] == "unmatched"]
    assert any(p["places_taken"] for p in unmatched)
    assert any(not p["places_taken"] for p in unmatched)


def test_python_report_and_record_follow_the_schemas(example: slmatch.Scheme) -> None:
    result = slmatch.match(example, shortlist_size=1)
    assert_valid(MATCH, json.loads(result.to_json()))
    assert_valid(RECORD, json.loads(result.record_json()))


def explain(path: str, person: str, household: str, *versus: str) -> Any:
    return run_json(
        "explain", path, "--person", person, "--household", household, *versus, "--format", "json"
    )


@pytest.mark.parametrize("scheme", [name for name in SCHEMES if name not in EMPTY])
def test_explanations_and_comparisons(schemes: dict[str, str], scheme: str) -> None:
    """The first matched pairs, each against other households (feasible or not), and the
    households that fail a rule for the first person left without any."""
    path = schemes[scheme]
    report = run_json("match", path, "--format", "json")
    households = [household["id"] for household in json.loads(Path(path).read_text())["households"]]
    matched = [p for p in report["proposals"] if p["status"] == "matched"][:2]
    for proposal in matched:
        person, chosen = proposal["person"], proposal["household"]
        assert_valid(EXPLANATION, explain(path, person, chosen))
        for other in [h for h in households if h != chosen][:3]:
            assert_valid(COMPARISON, explain(path, person, chosen, "--versus", other))
    nowhere = [p["person"] for p in report["proposals"] if not p["shortlist"]][:1]
    infeasible = [
        explain(path, person, household) for person in nowhere for household in households
    ]
    for why in infeasible:
        assert_valid(EXPLANATION, why)
    assert matched or infeasible
    assert all(not why["feasible"] for why in infeasible)


@pytest.mark.parametrize(
    ("person", "household", "feasible"),
    [("P01", "H01", True), ("P01", "H02", True), ("P01", "H03", False), ("P01", "H10", False)],
)
def test_explanation_of_the_example(
    schemes: dict[str, str], person: str, household: str, feasible: bool
) -> None:
    why = explain(schemes["riverside"], person, household)
    assert_valid(EXPLANATION, why)
    assert why["feasible"] is feasible
    assert bool(why["failed_rules"]) is not feasible


@pytest.mark.parametrize(
    ("chosen", "other"),
    [("H01", "H22"), ("H01", "H03"), ("H02", "H22"), ("H01", "H10")],
)
def test_comparison_in_the_example(schemes: dict[str, str], chosen: str, other: str) -> None:
    comparison = explain(schemes["riverside"], "P01", chosen, "--versus", other)
    assert_valid(COMPARISON, comparison)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_audit(schemes: dict[str, str], scheme: str, objective: str) -> None:
    audit = run_json("audit", schemes[scheme], "--format", "json", "--objective", objective)
    assert_valid(AUDIT, audit)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_help_options_and_recruitment(schemes: dict[str, str], scheme: str, objective: str) -> None:
    found = run_json("help-options", schemes[scheme], "--format", "json", "--objective", objective)
    assert_valid(HELP, found)
    summary = run_json("recruitment", schemes[scheme], "--format", "json", "--objective", objective)
    assert_valid(RECRUITMENT, summary)


@pytest.mark.parametrize(
    "options", [("--area-km", "1.5"), ("--area-km", "250"), ("--as-of", "2030-01-01")]
)
def test_audit_with_options(schemes: dict[str, str], options: tuple[str, str]) -> None:
    assert_valid(AUDIT, run_json("audit", schemes["riverside"], "--format", "json", *options))


@pytest.mark.parametrize("small_group_size", [0, 5, 50])
def test_python_audit_with_small_group_settings(
    example: slmatch.Scheme, small_group_size: int
) -> None:
    result = slmatch.match(example)
    for suppress in (True, False):
        report = result.audit_report(
            small_group_size=small_group_size, suppress_small_groups=suppress
        )
        assert_valid(AUDIT, json.loads(report.to_json()))


def rounds_states(scheme: slmatch.Scheme, optimal: str) -> Iterator[str]:
    """The state of proposal rounds, as JSON text, after each step of a run: answers of
    every kind, partial and whole, then rounds until they finish (a group introduced
    together answers member by member)."""
    rounds = slmatch.stable.ProposalRounds(scheme, optimal=optimal)
    yield rounds.to_json()
    reasons = list(_core.vocabularies["decline reason"])
    sides = ["person", "household", "both"]
    step = 0
    while not rounds.finished:
        intros = rounds.introductions()
        groups = intros["group"] if "group" in intros else [None] * len(intros)
        for k, (person, household, group) in enumerate(
            zip(intros["person"], intros["household"], groups)
        ):
            step += 1
            if step % 4 == 0:
                reason, side = reasons[step % len(reasons)], sides[step % len(sides)]
                rounds.answer(person, household, False, reason=reason, by=side)
            elif step % 4 == 1:
                for member in rounds.groups[group] if isinstance(group, str) else [person]:
                    rounds.answer(member, household, True, by="person")
                    yield rounds.to_json()  # one side (or one member) has answered
                rounds.answer(person, household, True, by="household")
            else:
                rounds.answer(person, household, True)
            if k == 0:
                yield rounds.to_json()
        yield rounds.to_json()
        rounds.next_round()
        yield rounds.to_json(indent=2)
    assert rounds.finished


@pytest.mark.parametrize("optimal", ["person", "household"])
def test_proposal_rounds_of_the_example(example: slmatch.Scheme, optimal: str) -> None:
    states = [json.loads(text) for text in rounds_states(example, optimal)]
    assert len(states) > 3
    for state in states:
        assert_valid(ROUNDS, state)
    assert {state["finished"] for state in states} == {False, True}
    assert any(state["accepted"] and state["declined"] for state in states)
    # The example's couple and siblings are introduced together.
    assert any("group" in intro for state in states for intro in state["introductions"])
    again = slmatch.stable.ProposalRounds.from_json(json.dumps(states[len(states) // 2]))
    assert_valid(ROUNDS, json.loads(again.to_json()))


@pytest.mark.parametrize("scheme", list(GENERATED))
def test_proposal_rounds_of_generated_schemes(schemes: dict[str, str], scheme: str) -> None:
    states = [
        json.loads(text) for text in rounds_states(slmatch.load_scheme(schemes[scheme]), "person")
    ]
    for state in states:
        assert_valid(ROUNDS, state)
    if scheme in {"nobody matchable", *EMPTY}:
        assert [(state["round"], state["finished"]) for state in states] == [(0, True)]


# Mutated output does not validate.


# A change to a document; it returns the path of the value it changed, keys and indices.
Mutation = Callable[[Any], tuple[Any, ...]]


def resolve(document: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """`path` with each function in it replaced by the key it picks from the value there."""
    resolved = []
    for step in path:
        key = step(document) if callable(step) else step
        resolved.append(key)
        document = document[key]
    return tuple(resolved)


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


def first(**fields: Any) -> Callable[[list[Any]], int]:
    """Picks the index of the first object in a list with these field values."""

    def pick(items: list[Any]) -> int:
        return next(k for k, item in enumerate(items) if fields.items() <= item.items())

    return pick


def drop(*path: Any) -> Mutation:
    def mutate(document: Any) -> tuple[Any, ...]:
        where = resolve(document, path)
        del parent_of(document, where)[where[-1]]
        return where

    return mutate


def put(*path: Any, value: Any) -> Mutation:
    def mutate(document: Any) -> tuple[Any, ...]:
        where = (*resolve(document, path[:-1]), path[-1])
        parent_of(document, where)[where[-1]] = value
        return where

    return mutate


@pytest.fixture(scope="module")
def documents(schemes: dict[str, str]) -> dict[str, Any]:
    """One real document of each kind, from the example scheme."""
    path = schemes["riverside"]
    lines = run("match", path, "--format", "jsonl").split("\n")
    scheme = slmatch.load_scheme(path)
    rounds = slmatch.stable.ProposalRounds(scheme)
    person, household = rounds.introductions().iloc[0][["person", "household"]]
    rounds.answer(person, household, True)
    person, household = rounds.introductions().iloc[1][["person", "household"]]
    rounds.answer(person, household, False, reason="location", by="person")
    return {
        "match": run_json("match", path, "--format", "json"),
        "header line": json.loads(lines[0]),
        "proposal line": json.loads(lines[1]),
        "explanation": explain(path, "P01", "H01"),
        "infeasible explanation": explain(path, "P01", "H03"),
        "comparison": explain(path, "P01", "H01", "--versus", "H22"),
        "infeasible comparison": explain(path, "P01", "H01", "--versus", "H03"),
        "audit": run_json("audit", path, "--format", "json"),
        "record": json.loads(slmatch.match(scheme).record_json()),
        "rounds": json.loads(rounds.to_json()),
        "help": run_json("help-options", path, "--format", "json"),
        "recruitment": run_json("recruitment", path, "--format", "json"),
    }


MATCHED = ("proposals", first(status="matched"))
UNMATCHED = ("proposals", first(status="unmatched"))

# For each real document (a key of `documents`) and the schema it follows: changes that
# make it invalid, by what they do.
MUTATIONS: dict[tuple[str, str], dict[str, Mutation]] = {
    ("match", MATCH): {
        "no total_score": drop("total_score"),
        "people as text": put("people", value="44"),
        "as_of not a date": put("as_of", value="2026-02-30"),
        "unknown key": put("notes", value=[]),
        "status misspelt": put(*MATCHED, "status", value="placed"),
        "matched without factors": drop(*MATCHED, "factors"),
        "score above 100": put(*MATCHED, "score", value=100.5),
        "factor misspelt": put(*MATCHED, "factors", 0, "factor", value="comunity"),
        "factor used as text": put(*MATCHED, "factors", 0, "used", value="yes"),
        "unknown key in shortlist": put(*MATCHED, "shortlist", 0, "rank", value=1),
        "unmatched with a score": put(*UNMATCHED, "score", value=0.0),
        "rule misspelt": put(*UNMATCHED, "blocking_rules", 0, "rule", value="approval"),
    },
    ("header line", LINE): {
        "format misspelt": put("format", value="slmatch-match-line"),
        "no matched": drop("matched"),
        "proposals in the header": put("proposals", value=[]),
    },
    ("proposal line", LINE): {
        "no summary": drop("summary"),
        "person as a number": put("person", value=1),
    },
    ("explanation", EXPLANATION): {
        "no factors": drop("factors"),
        "feasible as text": put("feasible", value="true"),
        "unknown key": put("rank", value=1),
        "raw above 1": put("factors", 0, "raw", value=1.5),
        "feasible, a failed rule": put("failed_rules", value=[{"rule": "travel", "reason": ""}]),
    },
    ("infeasible explanation", EXPLANATION): {
        "rule misspelt": put("failed_rules", 0, "rule", value="approval"),
        "not feasible, no failed rule": put("failed_rules", value=[]),
    },
    ("comparison", COMPARISON): {
        "no gap": drop("gap"),
        "gap as text": put("gap", value="12.9"),
        "unknown key in a difference": put("differences", 0, "sentence", value=""),
        "factor misspelt": put("differences", 0, "factor", value="distance"),
    },
    ("infeasible comparison", COMPARISON): {
        "no reason": drop("failed_rules", 0, "reason"),
        "not feasible, no failed rule": put("failed_rules", value=[]),
    },
    ("audit", AUDIT): {
        "no gini": drop("gini"),
        "as_of not a date": put("as_of", value="2026-02-30"),
        "people as a fraction": put("overall", "people", value=44.5),
        "unknown key": put("settings", "threads", value=1),
        "grouping misspelt": put("groupings", 0, "grouping", value="needs"),
        "groupings out of order": put("groupings", 0, "grouping", value="area"),
        "a grouping missing": drop("groupings", 3),
        "need misspelt": put("groupings", 0, "groups", 0, "group", value="learning disability"),
        "rate above 1": put("overall", "match_rate", value=86.4),
        "gap without a group": drop("groupings", 0, "gaps", "match_rate", "largest_group"),
    },
    ("record", RECORD): {
        "no result hash": drop("result_sha256"),
        "hash in capitals": put("input_sha256", value="A" * 64),
        "threads as text": put("configuration", "threads", value="1"),
        "objective misspelt": put("configuration", "objective", value="max_matched"),
        "unknown key": put("people", 0, "name", value="Ann"),
        "assessment not first": put("people", 0, "data_categories", value=["community"]),
    },
    ("rounds", ROUNDS): {
        "no round": drop("round"),
        "round as text": put("round", value="1"),
        "unknown key": put("introductions", 0, "note", value=""),
        "reply misspelt": put("introductions", 0, "person_answer", value="accepted"),
        "reason misspelt": put("declined", 0, "reason", value="too_far"),
        "not finished, no introductions": put("introductions", value=[]),
    },
    ("help", HELP): {
        "no people": drop("people"),
        "checked as text": put("people", 0, "checked", value="3"),
        "kind misspelt": put("people", 0, "options", 0, "edits", 0, "kind", value="add_skill"),
        "no edits": put("people", 0, "options", 0, "edits", value=[]),
        "score above 100": put("people", 0, "options", 0, "score", value=100.5),
        "unknown key in a move": put("people", 0, "options", 0, "moves", 0, "why", value=""),
        "a household edit naming a person": put(
            "people", 0, "options", 0, "edits", 0, "person", value="P01"
        ),
    },
    ("recruitment", RECRUITMENT): {
        "no areas": drop("areas"),
        "kind misspelt": put("needs", 0, "kind", value="add_place"),
        "nobody blocked": put("needs", 0, "blocked", value=[]),
        "confirmed as text": put("needs", 0, "confirmed", value="yes"),
        "withheld with a count": put("areas", 0, "people", value=3),
    },
}


@pytest.mark.parametrize(
    ("document", "name", "mutate"),
    [
        pytest.param(document, name, mutate, id=f"{document}: {what}")
        for (document, name), changes in MUTATIONS.items()
        for what, mutate in changes.items()
    ],
)
def test_mutated_output_fails(
    documents: dict[str, Any], document: str, name: str, mutate: Mutation
) -> None:
    original = documents[document]
    assert_valid(name, original)
    mutated = copy.deepcopy(original)
    where = mutate(mutated)
    assert mutated != original
    errors = list(validator(name).iter_errors(mutated))
    assert errors
    # The error is reported at the value changed, inside it, or at the object that holds it
    # (a key missing or unknown), never somewhere else.
    reported = tuple(best_match(errors).absolute_path)
    common = min(len(where), len(reported))
    assert where[:common] == reported[:common], (where, reported)


def test_every_schema_is_mutated() -> None:
    assert {name for _, name in MUTATIONS} == set(OUTPUT_SCHEMAS)


# Scheme files follow the scheme schema, and what the schema refuses the loader refuses.

SCHEME = "scheme.schema.json"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_files_follow_the_scheme_schema(schemes: dict[str, str], scheme: str) -> None:
    path = Path(schemes[scheme])
    assert_valid(SCHEME, json.loads(path.read_text(encoding="utf-8")))
    assert_valid(SCHEME, json.loads(slmatch.load_scheme(str(path)).to_json()))


def test_schemes_with_groups_follow_the_scheme_schema() -> None:
    scheme = slmatch.synthetic_scheme(80, 40, seed=2, group_share=0.5, household_cap=2)
    document = json.loads(scheme.to_json())
    assert document["groups"]
    assert_valid(SCHEME, document)
    document["policy"]["living_together_weight"] = 3.5
    document["groups"][0]["together"] = "preferred"
    assert_valid(SCHEME, document)
    assert json.loads(slmatch.Scheme.from_json(json.dumps(document)).to_json()) == document


GROUP_MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "one member": (lambda g: g.update(members=g["members"][:1]), "members", "at least 2"),
    "a member twice": (lambda g: g.update(members=[g["members"][0]] * 2), "members[1]", "repeats"),
    "unknown kind": (lambda g: g.update(kind="cousins"), "kind", "unknown group kind"),
    "unknown togetherness": (lambda g: g.update(together="always"), "together", "togetherness"),
    "unknown key": (lambda g: g.update(bedroom=True), "bedroom", "unknown field"),
    "no members": (lambda g: g.pop("members"), "members", "missing required field"),
    "share_bedroom as text": (lambda g: g.update(share_bedroom="yes"), "share_bedroom", "boolean"),
}


@pytest.mark.parametrize("mutation", GROUP_MUTATIONS.values(), ids=list(GROUP_MUTATIONS))
def test_mutated_group_fails_the_schema_and_the_loader(
    mutation: tuple[Callable[[dict[str, Any]], None], str, str],
) -> None:
    mutate, field, message = mutation
    document = json.loads(slmatch.synthetic_scheme(40, 20, seed=3, group_share=0.5).to_json())
    group = document["groups"][0]
    mutate(group)
    assert list(validator(SCHEME).iter_errors(document))
    with pytest.raises(slmatch.ValidationError) as refused:
        slmatch.Scheme.from_json(json.dumps(document))
    assert [(r, f) for r, f, m in refused.value.problems if message in m] == [
        ("group " + group["id"], field)
    ]


def test_the_example_has_calendars_of_every_kind(example_path: Path) -> None:
    document = json.loads(example_path.read_text(encoding="utf-8"))
    requests = [p["calendar"] for p in document["people"] if "calendar" in p]
    offers = [h["calendar"] for h in document["households"] if "calendar" in h]
    for key in ("stays", "recurring", "allowance", "day_slots"):
        assert any(key in request for request in requests), key
    for key in ("short_break_nights", "day_slots", "away", "max_nights_per_month", "bookings"):
        assert any(key in offer for offer in offers), key
    # Everyone waiting for a short break or day support says when; every household offering
    # either says when it can.
    for person in document["people"]:
        if person["arrangement"] in {"short_break", "day_support"}:
            assert "calendar" in person, person["id"]
    for household in document["households"]:
        if {"short_break", "day_support"} & set(household["arrangements"]):
            assert "calendar" in household, household["id"]


def calendar_of(kind: str, record: str) -> tuple[Any, ...]:
    return (kind, first(id=record), "calendar")


P22, P23, P42 = (calendar_of("people", p) for p in ("P22", "P23", "P42"))
H03, H07 = (calendar_of("households", h) for h in ("H03", "H07"))

SCHEME_MUTATIONS: dict[str, Mutation] = {
    "rule outside the subset": put(*P23, "recurring", 0, "rule", value="FREQ=DAILY;BYDAY=FR"),
    "rule in lower case": put(*P23, "recurring", 0, "rule", value="freq=weekly;byday=fr"),
    "recurring without nights": drop(*P23, "recurring", 0, "nights"),
    "no nights": put(*P22, "stays", 0, "nights", value=0),
    "a year of nights": put(*P22, "stays", 0, "nights", value=367),
    "nights as text": put(*P22, "stays", 0, "nights", value="2"),
    "unknown key in a calendar": put(*P22, "stay", value=[]),
    "weekday misspelt": put(*P42, "allowance", "start_days", 0, value="fri"),
    "allowance above a month": put(*P42, "allowance", "nights", value=32),
    "allowance without a period": drop(*P42, "allowance", "per"),
    "carer continuity misspelt": put(*P42, "one_carer", value="always"),
    "priority above 100": put(*P42, "priority", value=101),
    "part of day misspelt": put(
        "people", first(id="P28"), "calendar", "day_slots", 0, "part", value="night"
    ),
    "away to no date": put(*H03, "away", 0, "to", value="2026-12-32"),
    "booking without a person": drop(*H07, "bookings", 0, "person"),
    "more than 20 beds": put(*H07, "short_break_beds", value=21),
    "more than 31 nights a month": put(*H07, "max_nights_per_month", value=32),
}


@pytest.mark.parametrize("mutate", SCHEME_MUTATIONS.values(), ids=list(SCHEME_MUTATIONS))
def test_mutated_scheme_fails_the_schema_and_the_loader(
    example_path: Path, mutate: Mutation
) -> None:
    original = json.loads(example_path.read_text(encoding="utf-8"))
    mutated = copy.deepcopy(original)
    where = mutate(mutated)
    assert mutated != original
    errors = list(validator(SCHEME).iter_errors(mutated))
    assert errors
    reported = tuple(best_match(errors).absolute_path)
    common = min(len(where), len(reported))
    assert where[:common] == reported[:common], (where, reported)
    with pytest.raises(slmatch.ValidationError) as refused:
        slmatch.Scheme.from_json(json.dumps(mutated))
    kind, index, *inside = where
    record = ("person " if kind == "people" else "household ") + mutated[kind][index]["id"]
    field = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in inside)
    assert (record, field[1:]) in {(r, f) for r, f, _ in refused.value.problems}
