"""The person-held profile: one profile, imported into two schemes, gives the person the same
fields in both and exports back unchanged; matching reads it only with consent; bad
profiles and bad ids are refused naming their field; the command line replaces files whole.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import slmatch
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from slmatch import _core
from slmatch.profile import export_profile, import_profile, load_profile, profile_to_json

ROOT = Path(__file__).resolve().parents[2]
AMIRA = ROOT / "data" / "profiles" / "amira.json"
SCHEMA_DIR = ROOT / "data" / "schema"

# The person's fields a profile sets; known_households and consent are the scheme's.
PROFILE_FIELDS = (
    "interests",
    "languages",
    "faith",
    "cultures",
    "diets",
    "lifestyle",
    "pets",
    "children",
    "weights",
    "about_me",
)
CONSENT_FIELDS = ("consent", "consents", "national_data_opt_out")
PROFILE_CATEGORIES = {
    "interests",
    "languages",
    "faith_culture",
    "diet",
    "lifestyle",
    "household_preferences",
    "history",
}


def validator() -> Draft202012Validator:
    """The profile schema, with its references to the scheme schema resolved by file name."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMA_DIR.glob("*.schema.json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (name, DRAFT202012.create_resource(schema)) for name, schema in schemas.items()
    )
    return Draft202012Validator(
        schemas["profile.schema.json"],
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def document(scheme: slmatch.Scheme) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(scheme.to_json())
    return loaded


def person(scheme: slmatch.Scheme, person_id: str) -> dict[str, Any]:
    return next(p for p in document(scheme)["people"] if p["id"] == person_id)


def with_person(scheme: slmatch.Scheme, person_id: str, **fields: Any) -> slmatch.Scheme:
    """The scheme with some of one person's fields replaced (None removes a field)."""
    changed = document(scheme)
    for record in changed["people"]:
        if record["id"] == person_id:
            for key, value in fields.items():
                record.pop(key, None)
                if value is not None:
                    record[key] = value
    return slmatch.Scheme.from_json(json.dumps(changed))


def with_household_names(scheme: slmatch.Scheme, names: dict[str, str]) -> slmatch.Scheme:
    changed = document(scheme)
    for household in changed["households"]:
        household["name"] = names.get(household["id"], household["name"])
    return slmatch.Scheme.from_json(json.dumps(changed))


def normalised(name: str) -> str:
    return " ".join(name.split()).casefold()


@pytest.fixture(scope="module")
def amira() -> dict[str, Any]:
    return load_profile(AMIRA)


@pytest.fixture(scope="module")
def second_scheme() -> slmatch.Scheme:
    """A different scheme, whose carer Nasreen Mirza's name is typed differently."""
    generated = slmatch.synthetic_scheme(12, 6, seed=5)
    renamed = with_household_names(generated, {generated.household_ids[3]: "  nasreen   MIRZA "})
    return with_person(renamed, renamed.person_ids[0], consent=list(PROFILE_CATEGORIES))


@pytest.fixture(scope="module")
def riverside(example: slmatch.Scheme) -> slmatch.Scheme:
    """The example scheme with the first person's consent to every profile category set
    here, so the tests do not depend on the example's own consent records."""
    first = example.person_ids[0]
    return with_person(
        example,
        first,
        consent=sorted(PROFILE_CATEGORIES),
        consents=None,
        national_data_opt_out=None,
    )


# The file and its schema.


def test_example_profile_follows_the_schema() -> None:
    validator().validate(json.loads(AMIRA.read_text(encoding="utf-8")))


def test_example_profile_is_in_canonical_form(amira: dict[str, Any]) -> None:
    assert profile_to_json(amira) == AMIRA.read_text(encoding="utf-8")
    roles = {section["written_by"]["role"] for section in amira["sections"].values()}
    assert roles == {"person", "advocate", "worker"}
    assert list(amira["sections"]) == list(_core.vocabularies["profile section"])


def test_profile_schema_enums_are_the_engine_vocabularies() -> None:
    schema = json.loads((SCHEMA_DIR / "profile.schema.json").read_text(encoding="utf-8"))
    sections = schema["properties"]["sections"]
    assert list(sections["properties"]) == list(_core.vocabularies["profile section"])
    assert sections["propertyNames"]["$ref"] == "scheme.schema.json#/$defs/profile_section"


def test_canonical_form_is_deterministic(amira: dict[str, Any]) -> None:
    shuffled = copy.deepcopy(amira)
    shuffled["sections"] = dict(reversed(list(shuffled["sections"].items())))
    shuffled["sections"]["lifestyle"] = {
        "routine": 1,
        "setting": 0.2,
        "activity": 0.3,
        "written_on": "2026-10-02",
        "written_by": {"name": "Kate Morgan", "role": "worker"},
    }
    text = profile_to_json(shuffled)
    assert text == profile_to_json(json.loads(text))
    assert list(json.loads(text)["sections"]) == list(amira["sections"])
    assert '"routine": 1.0' in text
    assert text.index('"written_by"') < text.index('"written_on"') < text.index('"activity"')


# Bad profiles: the loader and the schema refuse the same ones, naming the field.


def mutated(amira: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of the profile with the value at a dotted path set (a key ending in ``-``
    is removed)."""
    changed = copy.deepcopy(amira)
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if last.endswith("-"):
        del node[last[:-1]]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return changed


def field_of(path: str) -> str:
    """The field a problem names for a dotted path of :func:`mutated`."""
    return re.sub(r"\.([0-9]+)", r"[\1]", path).rstrip("-")


# Path changed, value set, and part of the message that names the problem.
BAD = [
    ("sections.hobbies", {"written_by": {"role": "person"}, "written_on": "2026-01-01"}, "section"),
    ("sections.interests.written_on", "2026-02-30", "must be a date"),
    ("sections.interests.written_on", "1 May 2026", "must be a date"),
    ("sections.diet.diets.0", "paleo", 'is "paleo"'),
    ("sections.diet.written_by.name-", None, "must name the worker"),
    ("sections.communication.written_by-", None, "is required"),
    ("sections.lifestyle.routine", 1.5, "between 0 and 1"),
    ("sections.lifestyle.routine", True, "must be a number"),
    ("sections.household_preferences.pets", "love", "avoid, neutral, welcome"),
    ("sections.what_matters_to_me.priorities.cats", 2, "must be one of community,"),
    ("sections.people_i_know.people.0.name", "", "must not be empty"),
    ("sections.people_i_know.people.1.carer", "yes", "true or false"),
    ("sections.interests.id", "P01", "unknown field"),
    ("sections.interests.items", "cooking", "must be a list"),
    ("sections.languages.items.0", "x" * 257, "too long"),
    ("person", "P01", "unknown field"),
    ("format", "slmatch-scheme", "slmatch-profile"),
    ("version", 2, "must be 1"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD)
def test_bad_profile_is_refused_naming_its_field(
    amira: dict[str, Any], path: str, value: Any, message: str
) -> None:
    changed = mutated(amira, path, value)
    assert not validator().is_valid(changed)
    with pytest.raises(slmatch.ValidationError) as refused:
        load_profile(json.dumps(changed))
    field = field_of(path)
    problems = [p for p in refused.value.problems if p[1] == field]
    assert problems, refused.value.problems
    assert problems[0][0] == "profile"
    assert message in problems[0][2]
    assert f"profile, field {field}: " in str(refused.value)
    with pytest.raises(slmatch.ValidationError):
        profile_to_json(changed)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("sections.interests.written_by.name-", None),
        ("sections.people_i_know.people.0", {"name": "Layla Hassan"}),
        ("sections.faith_culture.faith-", None),
        ("sections.what_matters_to_me.priorities", {}),
        ("sections.lifestyle.routine", 1),
        ("sections.diet-", None),
        ("sections", {}),
    ],
)
def test_profiles_the_schema_allows_the_loader_reads(
    amira: dict[str, Any], path: str, value: Any
) -> None:
    changed = mutated(amira, path, value)
    validator().validate(changed)
    assert json.loads(profile_to_json(load_profile(json.dumps(changed)))) == load_profile(
        json.dumps(changed)
    )


def test_every_problem_is_listed(amira: dict[str, Any]) -> None:
    changed = mutated(mutated(amira, "sections.diet.diets.0", "paleo"), "version", 3)
    with pytest.raises(slmatch.ValidationError) as refused:
        load_profile(json.dumps(changed))
    assert {field for _, field, _ in refused.value.problems} == {
        "version",
        "sections.diet.diets[0]",
    }


def test_personal_text_is_not_quoted_back(amira: dict[str, Any]) -> None:
    changed = mutated(amira, "sections.people_i_know.people.0.name", "Layla" * 3000)
    with pytest.raises(slmatch.ValidationError) as refused:
        load_profile(json.dumps(changed))
    assert "Layla" not in str(refused.value)


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ('{"format": ', "json", "malformed JSON at line 1"),
        ('{"format": "slmatch-profile", "format": "x"}', "json", "appears twice"),
        ("[]", "profile", "must be an object"),
        ('{"format": "slmatch-profile", "version": 1}', "sections", "is required"),
    ],
)
def test_text_that_is_no_profile_is_refused(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    path = tmp_path / "profile.json"
    path.write_text(text, encoding="utf-8")
    for source in (path, str(path), text):
        if source is text and not text.startswith("{"):
            continue
        with pytest.raises(slmatch.ValidationError) as refused:
            load_profile(source)
        assert any(f == field and message in m for _, f, m in refused.value.problems)


def test_a_file_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    with pytest.raises(slmatch.ValidationError, match="cannot read"):
        load_profile(tmp_path / "missing.json")


# Import and export.


def test_round_trip_through_two_schemes(
    amira: dict[str, Any], riverside: slmatch.Scheme, second_scheme: slmatch.Scheme
) -> None:
    """The issue's test: the same profile into two different schemes, no re-entry."""
    first_id, second_id = riverside.person_ids[0], second_scheme.person_ids[0]
    first = import_profile(riverside, amira, first_id)
    second = import_profile(second_scheme, AMIRA, second_id)

    one, other = person(first, first_id), person(second, second_id)
    for field in PROFILE_FIELDS:
        assert one.get(field) == other.get(field), field
    assert one["interests"] == ["cooking", "gardening", "music", "swimming"]
    assert one["about_me"]["written_by"]["diet"] == {
        "role": "worker",
        "name": "Kate Morgan",
        "written_on": "2026-10-02",
    }

    for scheme, person_id in ((first, first_id), (second, second_id)):
        exported = export_profile(scheme, person_id)
        assert exported == amira
        assert profile_to_json(exported) == AMIRA.read_text(encoding="utf-8")
        # What was imported reads back through the loader of scheme files.
        assert slmatch.Scheme.from_json(scheme.to_json()) == scheme


def test_import_leaves_the_inputs_and_everyone_else_alone(
    amira: dict[str, Any], riverside: slmatch.Scheme
) -> None:
    before = riverside.to_json()
    first_id = riverside.person_ids[0]
    imported = import_profile(riverside, amira, first_id)
    assert riverside.to_json() == before
    assert amira == load_profile(AMIRA)
    for original, changed in zip(document(riverside)["people"], document(imported)["people"]):
        if original["id"] != first_id:
            assert original == changed
    assert document(riverside)["households"] == document(imported)["households"]


def test_carers_are_found_by_name_in_each_scheme(
    amira: dict[str, Any], riverside: slmatch.Scheme, second_scheme: slmatch.Scheme
) -> None:
    for scheme in (riverside, second_scheme):
        person_id = scheme.person_ids[0]
        households = document(scheme)["households"]
        mirza = [h["id"] for h in households if normalised(h["name"]) == "nasreen mirza"]
        assert not [h for h in households if normalised(h["name"]) == "bernard okoye"]
        imported = person(import_profile(scheme, amira, person_id), person_id)
        already = person(scheme, person_id)["known_households"]
        expected = already + [h for h in mirza if h not in already] if len(mirza) == 1 else already
        assert imported["known_households"] == expected
        # The carer found nowhere stays among the people the person knows.
        names = [known["name"] for known in imported["about_me"]["people_i_know"]]
        assert "Bernard Okoye" in names
    assert person(import_profile(second_scheme, amira, second_scheme.person_ids[0]), "P000001")[
        "known_households"
    ] == [second_scheme.household_ids[3]]


def test_carers_match_only_one_household_by_normalised_name(
    amira: dict[str, Any], second_scheme: slmatch.Scheme
) -> None:
    ids = second_scheme.household_ids
    person_id = second_scheme.person_ids[0]
    twice = with_household_names(second_scheme, {ids[1]: "Nasreen Mirza"})
    assert person(import_profile(twice, amira, person_id), person_id)["known_households"] == []

    not_a_carer = mutated(amira, "sections.people_i_know.people.1.carer", False)
    assert (
        person(import_profile(second_scheme, not_a_carer, person_id), person_id)["known_households"]
        == []
    )

    known = with_person(second_scheme, person_id, known_households=[ids[0], ids[3]])
    once = import_profile(known, amira, person_id)
    again = import_profile(once, amira, person_id)
    assert person(again, person_id)["known_households"] == [ids[0], ids[3]]


def test_sections_left_out_leave_the_person_as_they_were(
    amira: dict[str, Any], riverside: slmatch.Scheme
) -> None:
    person_id = riverside.person_ids[0]
    full = import_profile(riverside, amira, person_id)
    partial = copy.deepcopy(amira)
    partial["sections"] = {"interests": dict(amira["sections"]["interests"], items=["chess"])}
    partial["sections"]["interests"]["written_on"] = "2026-10-30"
    after = person(import_profile(full, partial, person_id), person_id)
    before = person(full, person_id)
    assert after["interests"] == ["chess"]
    assert after["about_me"]["written_by"]["interests"]["written_on"] == "2026-10-30"
    for field in set(PROFILE_FIELDS) - {"interests", "about_me"}:
        assert after.get(field) == before.get(field), field
    del after["about_me"]["written_by"]["interests"], before["about_me"]["written_by"]["interests"]
    assert after["about_me"] == before["about_me"]


def test_a_section_replaces_its_fields_whole(
    amira: dict[str, Any], riverside: slmatch.Scheme
) -> None:
    person_id = riverside.person_ids[0]
    changed = mutated(amira, "sections.faith_culture.faith-", None)
    changed = mutated(changed, "sections.what_matters_to_me.priorities-", None)
    changed = mutated(changed, "sections.diet.diets", [])
    imported = person(
        import_profile(with_person(riverside, person_id, faith="Christian"), changed, person_id),
        person_id,
    )
    assert "faith" not in imported
    assert imported["weights"] == {}
    assert imported["diets"] == []
    assert export_profile(import_profile(riverside, changed, person_id), person_id) == changed


def test_import_never_changes_consent(amira: dict[str, Any], riverside: slmatch.Scheme) -> None:
    person_id = riverside.person_ids[0]
    records = [
        {
            "category": "interests",
            "purpose": "analysis",
            "given_by": "person",
            "given_on": "2026-01-05",
        },
    ]
    scheme = with_person(riverside, person_id, consents=records, national_data_opt_out=True)
    before = person(scheme, person_id)
    after = person(import_profile(scheme, amira, person_id), person_id)
    for field in CONSENT_FIELDS:
        assert after.get(field) == before.get(field)


@pytest.mark.parametrize("which", ["riverside", "second"])
def test_matching_reads_the_profile_only_with_consent(
    amira: dict[str, Any],
    riverside: slmatch.Scheme,
    second_scheme: slmatch.Scheme,
    which: str,
) -> None:
    scheme = riverside if which == "riverside" else second_scheme
    person_id = scheme.person_ids[0]
    household_id = scheme.household_ids[0]
    imported = import_profile(scheme, amira, person_id)

    def read(consented: slmatch.Scheme) -> tuple[set[str], Any]:
        result = slmatch.match(consented)
        record = next(p for p in result.record()["people"] if p["person"] == person_id)
        factors = result.explain(person_id, household_id).factors.set_index("factor")
        return set(record["data_categories"]), factors

    categories, factors = read(imported)
    assert categories >= PROFILE_CATEGORIES
    for factor in ("interests", "language", "faith_culture", "diet", "lifestyle"):
        assert factors.loc[factor, "used"], factor
    assert "halal" in factors.loc["diet", "sentence"]

    none = with_person(imported, person_id, consent=[], consents=None)
    categories, factors = read(none)
    assert not categories & PROFILE_CATEGORIES
    for factor in ("interests", "language", "faith_culture", "diet", "lifestyle", "continuity"):
        assert not factors.loc[factor, "used"], factor
        assert "consent" in factors.loc[factor, "sentence"], factor

    withdrawn = [
        {
            "category": "faith_culture",
            "purpose": "matching",
            "given_by": "advocate",
            "decided_by": "Joanne Pike",
            "given_on": "2026-09-21",
            "withdrawn_on": "2026-10-15",
        },
    ]
    rest = sorted(PROFILE_CATEGORIES - {"faith_culture"})
    categories, factors = read(with_person(imported, person_id, consent=rest, consents=withdrawn))
    assert categories >= set(rest) and "faith_culture" not in categories
    assert not factors.loc["faith_culture", "used"]
    assert "withdrawn" in factors.loc["faith_culture", "sentence"]


def test_export_attributes_unwritten_sections_to_the_scheme(riverside: slmatch.Scheme) -> None:
    person_id = riverside.person_ids[0]
    plain = with_person(
        riverside,
        person_id,
        about_me=None,
        interests=["chess"],
        faith=None,
        cultures=[],
        diets=[],
        pets="neutral",
        children="neutral",
        lifestyle=None,
        weights={"diet": 2},
    )
    exported = export_profile(plain, person_id)
    as_of = document(riverside)["policy"]["as_of"]
    assert set(exported["sections"]) >= {"interests", "what_matters_to_me"}
    assert not {"faith_culture", "diet", "household_preferences", "lifestyle"} & set(
        exported["sections"]
    )
    for section in exported["sections"].values():
        assert section["written_by"] == {"role": "worker", "name": riverside.name}
        assert section["written_on"] == as_of
    assert exported["sections"]["what_matters_to_me"] == {
        "written_by": {"role": "worker", "name": riverside.name},
        "written_on": as_of,
        "lines": [],
        "priorities": {"diet": 2.0},
    }
    validator().validate(exported)
    assert "known_households" not in json.dumps(exported)
    assert person_id not in profile_to_json(exported)


def test_authored_empty_sections_are_exported(
    amira: dict[str, Any], riverside: slmatch.Scheme
) -> None:
    person_id = riverside.person_ids[0]
    empty = mutated(amira, "sections.interests.items", [])
    empty = mutated(empty, "sections.household_preferences.pets", "neutral")
    empty = mutated(empty, "sections.household_preferences.children", "neutral")
    assert export_profile(import_profile(riverside, empty, person_id), person_id) == empty


@pytest.mark.parametrize(
    ("person_id", "message"), [("P99", 'no person with id "P99"'), ("", "must be given")]
)
def test_a_person_id_must_name_someone_in_the_scheme(
    amira: dict[str, Any], riverside: slmatch.Scheme, person_id: str, message: str
) -> None:
    for attempt in (
        lambda: import_profile(riverside, amira, person_id),
        lambda: export_profile(riverside, person_id),
    ):
        with pytest.raises(slmatch.ValidationError) as refused:
            attempt()
        assert refused.value.problems == [("scheme", "person", refused.value.problems[0][2])]
        assert message in str(refused.value)


def test_a_section_written_after_the_schemes_date_is_refused(
    amira: dict[str, Any], riverside: slmatch.Scheme
) -> None:
    late = mutated(amira, "sections.languages.written_on", "2030-01-01")
    with pytest.raises(slmatch.ValidationError) as refused:
        import_profile(riverside, late, riverside.person_ids[0])
    assert [p[1] for p in refused.value.problems] == ["sections.languages.written_on"]


def test_import_wants_a_scheme_object(amira: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match=r"slmatch\.Scheme"):
        import_profile(str(AMIRA), amira, "P01")  # type: ignore[arg-type]


# The command line.


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slmatch.profile", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_line_import_then_export(
    tmp_path: Path, riverside: slmatch.Scheme, second_scheme: slmatch.Scheme
) -> None:
    for name, scheme in (("riverside", riverside), ("second", second_scheme)):
        path = tmp_path / f"{name}.json"
        scheme.save(str(path))
        person_id = scheme.person_ids[0]

        done = run("import", path, AMIRA, "--person", person_id)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "" and done.stderr == "", done.stderr
        assert slmatch.load_scheme(str(path)) == import_profile(scheme, AMIRA, person_id)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]

        exported = run("export", path, "--person", person_id)
        assert exported.returncode == 0, exported.stderr
        assert exported.stdout == AMIRA.read_text(encoding="utf-8")

        into = tmp_path / f"{name}-profile.json"
        assert run("export", path, "--person", person_id, "--output", into).returncode == 0
        assert into.read_text(encoding="utf-8") == exported.stdout


def test_command_line_import_to_another_file(tmp_path: Path, riverside: slmatch.Scheme) -> None:
    path, output = tmp_path / "scheme.json", tmp_path / "out.json"
    riverside.save(str(path))
    before = path.read_bytes()
    person_id = riverside.person_ids[0]
    done = run("import", path, AMIRA, "--person", person_id, "--output", output)
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == before
    assert slmatch.load_scheme(str(output)) == import_profile(riverside, AMIRA, person_id)


@pytest.mark.parametrize(
    ("change", "person_id", "named"),
    [
        (None, "P99", "person"),
        (None, "", "person"),
        (("sections.diet.diets.0", "paleo"), "first", "sections.diet.diets[0]"),
        (("sections.interests.written_on", "2031-01-01"), "first", "sections.interests.written_on"),
        (None, None, "--person"),
    ],
)
def test_command_line_refuses_bad_input_and_leaves_the_file(
    tmp_path: Path,
    amira: dict[str, Any],
    riverside: slmatch.Scheme,
    change: tuple[str, Any] | None,
    person_id: str | None,
    named: str,
) -> None:
    path = tmp_path / "scheme.json"
    riverside.save(str(path))
    before = path.read_bytes()
    profile_path = tmp_path / "profile.json"
    profile = amira if change is None else mutated(amira, *change)
    profile_path.write_text(json.dumps(profile), encoding="utf-8")
    who = riverside.person_ids[0] if person_id == "first" else person_id
    person_arguments = [] if who is None else ["--person", who]

    done = run("import", path, profile_path, *person_arguments)
    assert done.returncode == 2
    assert named in done.stderr
    assert done.stdout == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.json", "scheme.json"]


def test_command_line_refuses_a_scheme_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "scheme.json"
    path.write_text('{"id": "x"}', encoding="utf-8")
    done = run("export", path, "--person", "P01")
    assert done.returncode == 2
    assert "field policy" in done.stderr
    assert path.read_text(encoding="utf-8") == '{"id": "x"}'
