"""What do you hold about me: every field, each consent's state, the runs that used the
person's data and the carers they were introduced to; as JSON (its schema) and as a page.

The tests set the person's data and consents they need on the example scheme, so they do
not depend on what the example file holds.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import slmatch
from slmatch import _core
from slmatch.consent import withdraw_consent
from slmatch.pages.my_data import main, my_data, my_data_json, render_my_data
from slmatch.stable import ProposalRounds
from test_consent_receipts import schema_validator

PERSON = "P01"
MY_DATA = schema_validator("my-data.schema.json")


@pytest.fixture(scope="module")
def scheme(example: slmatch.Scheme) -> slmatch.Scheme:
    """The example with the first person's own account and consents of every kind."""
    document = json.loads(example.to_json(-1))
    document.pop("groups")  # introductions here are one person at a time
    person = next(p for p in document["people"] if p["id"] == PERSON)
    person.update(
        {
            "name": "Daniel Example",
            "notes": "Likes an early start.",
            "waiting_since": "2025-01-01",
            "ethnicity": "White British",
            "consent": ["community", "interests", "ethnicity"],
            "consents": [
                {
                    "category": "interests",
                    "purpose": "sharing_with_carers",
                    "given_by": "advocate",
                    "decided_by": "Sam Okafor",
                    "given_on": "2026-01-10",
                },
                {
                    "category": "languages",
                    "purpose": "matching",
                    "given_by": "person",
                    "given_on": "2025-06-01",
                    "expires_on": "2026-06-01",
                },
                {
                    "category": "diet",
                    "purpose": "matching",
                    "given_by": "best_interests",
                    "decided_by": "Dr A. Patel",
                    "given_on": "2025-06-01",
                    "withdrawn_on": "2026-03-03",
                },
            ],
            "national_data_opt_out": True,
            "about_me": {
                "what_matters_to_me": ["My cat, Biscuit", "Seeing my sister on Sundays"],
                "how_best_to_support_me": ["Give me time to answer"],
                "communication": ["I use Makaton signs"],
                "people_i_know": [{"name": "Jo", "relationship": "sister", "carer": False}],
                "written_by": {
                    "what_matters_to_me": {"role": "person", "written_on": "2026-01-10"},
                    "communication": {
                        "role": "advocate",
                        "name": "Sam Okafor",
                        "written_on": "2026-01-10",
                    },
                },
            },
        }
    )
    return slmatch.Scheme.from_json(json.dumps(document))


@pytest.fixture(scope="module")
def data(scheme: slmatch.Scheme) -> dict[str, Any]:
    return my_data(scheme, PERSON)


def purposes_of(data: dict[str, Any], category: str) -> dict[str, dict[str, Any]]:
    entry = next(c for c in data["consents"] if c["category"] == category)
    return {p["purpose"]: p for p in entry["purposes"]}


def assert_valid(document: dict[str, Any]) -> None:
    errors = sorted(MY_DATA.iter_errors(document), key=str)
    assert not errors, errors[0]


def test_every_field_held_is_listed(scheme: slmatch.Scheme, data: dict[str, Any]) -> None:
    person = next(p for p in json.loads(scheme.to_json(-1))["people"] if p["id"] == PERSON)
    listed = {f["field"]: f["value"] for g in data["held"] for f in g["fields"]}
    expected = {k: v for k, v in person.items() if k != "about_me"}
    expected.update({f"about_me.{k}": v for k, v in person["about_me"].items()})
    assert listed == expected
    fields = [f["field"] for g in data["held"] for f in g["fields"]]
    assert len(fields) == len(set(fields))
    assert all(f["label"] and f["text"] for g in data["held"] for f in g["fields"])
    groups = {g["group"]: g for g in data["held"]}
    assert groups["faith_culture"]["category"] == "faith_culture"
    assert "about_me.people_i_know" in [f["field"] for f in groups["history"]["fields"]]
    assert "other" not in groups
    assert_valid(data)


def test_consent_states_are_the_engines(data: dict[str, Any]) -> None:
    assert [c["category"] for c in data["consents"]] == list(_core.vocabularies["data category"])
    interests = purposes_of(data, "interests")
    assert interests["matching"]["status"] == "given" and interests["matching"]["listed"]
    shared = interests["sharing_with_carers"]
    assert (shared["status"], shared["given_by"], shared["decided_by"], shared["since"]) == (
        "given",
        "advocate",
        "Sam Okafor",
        "2026-01-10",
    )
    assert shared["words"] == "Given by your advocate, Sam Okafor, on 10 January 2026."
    languages = purposes_of(data, "languages")["matching"]
    assert (languages["status"], languages["since"]) == ("expired", "2026-06-01")
    assert languages["words"] == "Consent to use languages expired on 1 June 2026."
    diet = purposes_of(data, "diet")["matching"]
    assert (diet["status"], diet["given_by"]) == ("withdrawn", "best_interests")
    assert diet["words"] == "Consent to use diet was withdrawn on 3 March 2026."
    assert purposes_of(data, "ethnicity")["equality_monitoring"]["status"] == "given"
    assert purposes_of(data, "ethnicity")["matching"]["status"] == "not_given"
    assert {purposes_of(data, c["category"])["analysis"]["status"] for c in data["consents"]} == {
        "opted_out"
    }
    assert data["national_data_opt_out"] is True
    assert data["shared_with_carers"] == ["interests"]
    assert data["runs_read"] is False and data["runs"] == [] and data["introductions"] == []


def introduced_rounds(scheme: slmatch.Scheme) -> ProposalRounds:
    """Rounds with a first round answered (the first introduction accepted by both, the
    rest declined by the person) and a second round proposed."""
    rounds = ProposalRounds(scheme)
    first = rounds.introductions()
    for k, (p, h) in enumerate(zip(first["person"], first["household"])):
        if k == 0:
            rounds.answer(p, h, True)
        else:
            rounds.answer(p, h, False, reason="location", by="person")
    rounds.next_round()
    return rounds


@pytest.fixture
def runs(scheme: slmatch.Scheme, tmp_path: Path) -> Path:
    """A folder of two run records of the scheme (before and after a withdrawal), one of
    another scheme, a proposal-rounds file and files of other kinds."""
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / "a-first.json").write_text(slmatch.match(scheme).record_json(), encoding="utf-8")
    withdrawn, _ = withdraw_consent(scheme, PERSON, "interests", "matching", on="2026-03-03")
    second = slmatch.match(withdrawn, shortlist_size=5).record_json()
    (folder / "b-second.json").write_text(second, encoding="utf-8")
    other = json.loads(second)
    other["scheme"] = "another-scheme"
    (folder / "c-other-scheme.json").write_text(json.dumps(other), encoding="utf-8")
    (folder / "d-rounds.json").write_text(introduced_rounds(scheme).to_json(), encoding="utf-8")
    (folder / "e-scheme.json").write_text(scheme.to_json(), encoding="utf-8")
    (folder / "notes.txt").write_text("not a run file", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "sub").mkdir()
    return folder


def test_runs_folder_gives_uses_and_sharing(scheme: slmatch.Scheme, runs: Path) -> None:
    data = my_data(scheme, PERSON, runs)
    assert_valid(data)
    assert data["runs_read"] is True
    assert [r["file"] for r in data["runs"]] == ["a-first.json", "b-second.json"]
    first, second = (json.loads((runs / r["file"]).read_text()) for r in data["runs"])
    for run, record in zip(data["runs"], (first, second)):
        assert run["scheme"] == scheme.id and run["purpose"] == "matching"
        assert run["input_sha256"] == record["input_sha256"]
        assert run["library_version"] == slmatch.__version__
        used = next(p for p in record["people"] if p["person"] == PERSON)
        assert run["data_categories"] == used["data_categories"]
    assert "interests" in data["runs"][0]["data_categories"]
    assert "interests" not in data["runs"][1]["data_categories"]
    assert data["runs"][0]["input_sha256"] != data["runs"][1]["input_sha256"]


def test_introductions_come_from_the_rounds_file(scheme: slmatch.Scheme, runs: Path) -> None:
    rounds = ProposalRounds.from_json((runs / "d-rounds.json").read_text())
    accepted, declined = rounds.accepted(), rounds.declined()
    current = rounds.introductions()
    # A group introduced together: its introductions and declines concern every member.
    groups = rounds.groups

    def concerns(row: dict[str, Any], person: str) -> bool:
        return row["person"] == person or person in groups.get(row.get("group") or "", [])

    rows = [r.to_dict("records") for r in (accepted, declined, current)]
    people = {person for group in rows for row in group for person in [row["person"]]}
    people |= {member for members in groups.values() for member in members}
    for person in sorted(people):
        data = my_data(scheme, person, runs)
        expected = sorted(
            [(r["round"], r["household"], "accepted") for r in rows[0] if r["person"] == person]
            + [(r["round"], r["household"], "declined") for r in rows[1] if concerns(r, person)]
            + [(rounds.round, r["household"], "waiting") for r in rows[2] if concerns(r, person)]
        )
        got = [(i["round"], i["household"], i["answer"]) for i in data["introductions"]]
        assert got == expected, person
        assert all(i["file"] == "d-rounds.json" for i in data["introductions"])
        assert_valid(data)
    first = accepted.iloc[0]
    data = my_data(scheme, str(first["person"]), runs)
    assert data["introductions"][0]["by"] == "both"
    if len(declined):
        who = str(declined.iloc[0]["person"])
        intro = next(
            i for i in my_data(scheme, who, runs)["introductions"] if i["answer"] == "declined"
        )
        assert (intro["by"], intro["reason"]) == ("person", "location")


def test_an_answered_introduction_of_this_round_is_listed_once(
    scheme: slmatch.Scheme, tmp_path: Path
) -> None:
    rounds = ProposalRounds(scheme)
    first = rounds.introductions().iloc[0]
    person, household = str(first["person"]), str(first["household"])
    (tmp_path / "rounds.json").write_text(rounds.to_json(), encoding="utf-8")
    waiting = my_data(scheme, person, tmp_path)["introductions"]
    assert [(i["household"], i["answer"], i["person_answer"]) for i in waiting] == [
        (household, "waiting", "pending")
    ]
    rounds.answer(person, household, True, by="person")
    (tmp_path / "rounds.json").write_text(rounds.to_json(), encoding="utf-8")
    half = my_data(scheme, person, tmp_path)["introductions"]
    assert [(i["answer"], i["person_answer"], i["household_answer"]) for i in half] == [
        ("waiting", "accept", "pending")
    ]
    rounds.answer(person, household, True, by="household")
    (tmp_path / "rounds.json").write_text(rounds.to_json(), encoding="utf-8")
    both = my_data(scheme, person, tmp_path)["introductions"]
    assert [(i["round"], i["household"], i["answer"]) for i in both] == [(1, household, "accepted")]
    page = render_my_data(my_data(scheme, person, tmp_path))
    assert "You and the carer both said yes." in page


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.json", '{"format": "slmatch-run-record"', "is not JSON"),
        ("record.json", '{"format": "slmatch-run-record", "scheme": "%s"}', "input_sha256"),
        (
            "rounds.json",
            '{"format": "slmatch-proposal-rounds", "version": 1}',
            "not a valid proposal-rounds state",
        ),
    ],
)
def test_a_malformed_run_file_is_named(
    scheme: slmatch.Scheme, tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text.replace("%s", scheme.id), encoding="utf-8")
    with pytest.raises(slmatch.ValidationError, match=message) as raised:
        my_data(scheme, PERSON, tmp_path)
    assert raised.value.problems[0][0] == f"file {name}"


def test_unknown_person_and_missing_folder(scheme: slmatch.Scheme, tmp_path: Path) -> None:
    with pytest.raises(slmatch.ValidationError, match='"P999"'):
        my_data(scheme, "P999")
    with pytest.raises(slmatch.ValidationError, match="not a folder"):
        my_data(scheme, PERSON, tmp_path / "missing")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_page_shows_everything_and_loads_nothing(scheme: slmatch.Scheme, runs: Path) -> None:
    data = my_data(scheme, PERSON, runs)
    html = render_my_data(data)
    page = Elements(html)
    assert "<script" not in html.lower() and "url(" not in html and "@import" not in html
    assert "http" not in html
    assert not {t for t, _ in page.tags} & {"script", "link", "img", "iframe", "object", "embed"}
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or (href.startswith("#") and href[1:] in ids), (tag, attrs)
        assert all(not name.startswith("on") for name in attrs), (tag, attrs)
    text = " ".join(" ".join(page.text).split())
    for phrase in (
        "Daniel Example",
        "My cat, Biscuit",
        "I use Makaton signs",
        "White British",
        "Given by your advocate, Sam Okafor, on 10 January 2026.",
        "Consent to use diet was withdrawn on 3 March 2026.",
        "national data opt-out",
        data["runs"][0]["input_sha256"],
    ):
        assert phrase in text, phrase
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert [t for t, _ in page.tags].count("h1") == 1
    assert render_my_data(my_data(scheme, PERSON, runs)) == html


def test_page_without_runs_says_so(data: dict[str, Any]) -> None:
    assert "No run files were looked at" in render_my_data(data)


def test_cli_json_and_html(
    scheme: slmatch.Scheme, runs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scheme.json"
    path.write_text(scheme.to_json(), encoding="utf-8")
    assert main([str(path), "--person", PERSON, "--runs", str(runs)]) == 0
    out = capsys.readouterr().out
    assert out == my_data_json(my_data(scheme, PERSON, runs))
    assert_valid(json.loads(out))
    page = tmp_path / "page.html"
    argv = [str(path), "--person", PERSON, "--format", "html", "--output", str(page)]
    assert main(argv) == 0
    assert page.read_text(encoding="utf-8") == render_my_data(my_data(scheme, PERSON))


def test_cli_bad_input_exits_2(
    scheme: slmatch.Scheme, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scheme.json"
    path.write_text(scheme.to_json(), encoding="utf-8")
    assert main([str(path), "--person", "P999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("slmatch my-data: ") and '"P999"' in err
    assert main([str(tmp_path / "missing.json"), "--person", PERSON]) == 2
    bad = tmp_path / "runs"
    bad.mkdir()
    (bad / "x.json").write_text("{", encoding="utf-8")
    assert main([str(path), "--person", PERSON, "--runs", str(bad)]) == 2
    assert "file x.json" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main([str(path)])
    assert usage.value.code == 2


def test_groups_and_words_cover_the_scheme_format() -> None:
    from slmatch.pages.my_data import GROUPS, PURPOSE_TITLES, STATUS_WORDS

    person = schema_validator("scheme.schema.json").schema["$defs"]
    fields = set(person["person"]["properties"]) - {"about_me"}
    fields |= {f"about_me.{name}" for name in person["about_me"]["properties"]}
    grouped = [field for _, _, _, group_fields in GROUPS for field in group_fields]
    assert sorted(grouped) == sorted(fields)
    categories = {category for _, _, category, _ in GROUPS if category}
    assert categories == set(_core.vocabularies["data category"])
    assert tuple(PURPOSE_TITLES) == _core.vocabularies["consent purpose"]
    assert tuple(STATUS_WORDS) == _core.vocabularies["consent status"]
    status = MY_DATA.schema["$defs"]["purpose_state"]["properties"]["status"]["enum"]
    assert tuple(status) == _core.vocabularies["consent status"]
