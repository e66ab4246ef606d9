"""Recording and withdrawing consent: the scheme's records, the receipts, the command line.

Each test sets the consents it needs on one person of the example scheme, so it does not
depend on what the example file holds. Receipts follow data/schema/consent-receipt.schema.json
and are the same bytes for the same consent; after a withdrawal, matching no longer reads
the category and its explanation says when consent was withdrawn.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import slmatch
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from slmatch import _core
from slmatch.consent import (
    _scheme_text,
    consent_status,
    main,
    receipt_json,
    record_consent,
    withdraw_consent,
)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
PERSON = "P01"


def schema_validator(name: str) -> Draft202012Validator:
    """A validator of one schema file, following $refs to the others by file name."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMA_DIR.glob("*.schema.json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (file, DRAFT202012.create_resource(schema)) for file, schema in schemas.items()
    )
    return Draft202012Validator(
        schemas[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


RECEIPTS = schema_validator("consent-receipt.schema.json")


def with_consents(scheme: slmatch.Scheme, **fields: Any) -> slmatch.Scheme:
    """The scheme with the first person's consent fields set: a known starting point."""
    document = json.loads(scheme.to_json(-1))
    person = next(p for p in document["people"] if p["id"] == PERSON)
    person.update(
        {
            "interests": ["football", "cooking"],
            "consent": ["community", "interests"],
            "consents": [],
            "waiting_since": "2025-01-01",
        }
    )
    person.pop("national_data_opt_out", None)
    person.update(fields)
    return slmatch.Scheme.from_json(json.dumps(document))


def person_of(scheme: slmatch.Scheme) -> dict[str, Any]:
    document = json.loads(scheme.to_json(-1))
    found: dict[str, Any] = next(p for p in document["people"] if p["id"] == PERSON)
    return found


def state(scheme: slmatch.Scheme, category: str, purpose: str, on: str | None = None) -> Any:
    frame = consent_status(scheme, PERSON, on)
    row = frame[(frame["category"] == category) & (frame["purpose"] == purpose)]
    assert len(row) == 1
    return row.iloc[0]


@pytest.fixture(scope="module")
def start(example: slmatch.Scheme) -> slmatch.Scheme:
    return with_consents(example)


def assert_valid(receipt: dict[str, Any]) -> None:
    errors = sorted(RECEIPTS.iter_errors(receipt), key=str)
    assert not errors, errors[0]


# Receipts, case by case.


def test_record_by_the_person(start: slmatch.Scheme) -> None:
    scheme, receipt = record_consent(start, PERSON, "interests", "sharing_with_carers")
    as_of = json.loads(start.to_json(-1))["policy"]["as_of"]
    assert person_of(scheme)["consents"] == [
        {
            "category": "interests",
            "purpose": "sharing_with_carers",
            "given_by": "person",
            "given_on": as_of,
        }
    ]
    row = state(scheme, "interests", "sharing_with_carers")
    assert (row["status"], row["since"], row["given_by"]) == ("given", as_of, "person")
    assert_valid(receipt)
    assert receipt["piiPrincipalId"] == PERSON
    assert receipt["piiControllers"] == [
        {"piiController": start.name, "onBehalf": False, "piiControllerId": start.id}
    ]
    purpose = receipt["services"][0]["purposes"][0]
    assert purpose["purposeCategory"] == ["sharing_with_carers"]
    assert purpose["piiCategory"] == ["interests"]
    assert purpose["consentType"] == "EXPLICIT"
    assert purpose["thirdPartyDisclosure"] is True and purpose["thirdPartyName"]
    assert purpose["primaryPurpose"] is False
    assert purpose["termination"] == "Until it is withdrawn."
    assert receipt["event"] == "given"
    assert receipt["givenBy"] == {"role": "person", "name": None}
    assert receipt["validFrom"] == as_of and receipt["expiresOn"] is None
    assert receipt["sensitive"] is False and receipt["spiCat"] == []
    assert receipt["howToWithdraw"]["command"] == (
        "slmatch consent withdraw SCHEME.json --person P01 --category interests "
        "--purpose sharing_with_carers"
    )
    assert "at any time" in receipt["howToWithdraw"]["text"]
    assert "howToGiveAgain" not in receipt
    # 00:00 UTC of the day given, whatever the clock says.
    assert receipt["consentTimestamp"] % 86400 == 0


def test_record_by_an_advocate(start: slmatch.Scheme) -> None:
    scheme, receipt = record_consent(
        start,
        PERSON,
        "faith_culture",
        "matching",
        given_by="advocate",
        decided_by="Sam Okafor",
        given_on="2026-02-01",
    )
    row = state(scheme, "faith_culture", "matching")
    assert (row["status"], row["given_by"], row["decided_by"]) == (
        "given",
        "advocate",
        "Sam Okafor",
    )
    assert_valid(receipt)
    assert receipt["givenBy"] == {"role": "advocate", "name": "Sam Okafor"}
    assert receipt["services"][0]["purposes"][0]["consentType"] == "EXPLICIT_BY_ADVOCATE"
    assert "Sam Okafor" in receipt["collectionMethod"]
    assert receipt["services"][0]["purposes"][0]["primaryPurpose"] is True
    # Faith is a special category of personal data.
    assert receipt["sensitive"] is True and receipt["spiCat"] == ["faith_culture"]
    assert receipt["validFrom"] == "2026-02-01"


def test_an_advocate_or_best_interests_decision_must_be_named(start: slmatch.Scheme) -> None:
    for giver in ("advocate", "best_interests"):
        with pytest.raises(slmatch.ValidationError) as raised:
            record_consent(start, PERSON, "diet", "matching", given_by=giver)
        ((record, field, message),) = raised.value.problems
        assert record.startswith(f"person {PERSON}") or PERSON in record
        assert field.endswith(".decided_by") and "must name" in message


def test_record_by_best_interests_decision(start: slmatch.Scheme) -> None:
    scheme, receipt = record_consent(
        start,
        PERSON,
        "lifestyle",
        "matching",
        given_by="best_interests",
        decided_by="Dr A. Patel",
    )
    assert state(scheme, "lifestyle", "matching")["given_by"] == "best_interests"
    assert_valid(receipt)
    assert receipt["services"][0]["purposes"][0]["consentType"] == "BEST_INTERESTS_DECISION"
    assert "best-interests decision" in receipt["collectionMethod"]
    assert "Dr A. Patel" in receipt["collectionMethod"]


def test_record_with_an_expiry(start: slmatch.Scheme) -> None:
    scheme, receipt = record_consent(
        start, PERSON, "languages", "analysis", given_on="2026-01-05", expires_on="2026-06-01"
    )
    assert_valid(receipt)
    assert receipt["expiresOn"] == "2026-06-01"
    assert receipt["services"][0]["purposes"][0]["termination"] == (
        "Ends on 1 June 2026, or earlier if it is withdrawn."
    )
    assert state(scheme, "languages", "analysis", "2026-05-31")["status"] == "given"
    after = state(scheme, "languages", "analysis", "2026-06-01")
    assert (after["status"], after["since"]) == ("expired", "2026-06-01")
    with pytest.raises(slmatch.ValidationError, match="expires_on"):
        record_consent(
            start, PERSON, "languages", "analysis", given_on="2026-01-05", expires_on="2026-01-05"
        )


def test_withdrawing_a_record(start: slmatch.Scheme) -> None:
    given, _ = record_consent(start, PERSON, "diet", "sharing_with_carers", given_on="2026-01-01")
    scheme, receipt = withdraw_consent(given, PERSON, "diet", "sharing_with_carers", "2026-03-03")
    assert person_of(scheme)["consents"][-1]["withdrawn_on"] == "2026-03-03"
    assert_valid(receipt)
    assert receipt["event"] == "withdrawn"
    assert receipt["withdrawnOn"] == "2026-03-03" and receipt["validFrom"] == "2026-01-01"
    assert receipt["services"][0]["purposes"][0]["termination"] == "Withdrawn on 3 March 2026."
    assert receipt["howToWithdraw"]["command"] is None
    assert receipt["howToGiveAgain"]["command"].startswith("slmatch consent record ")
    row = state(scheme, "diet", "sharing_with_carers")
    assert (row["status"], row["since"]) == ("withdrawn", "2026-03-03")


def test_withdrawing_the_list_form_keeps_a_dated_record(start: slmatch.Scheme) -> None:
    scheme, receipt = withdraw_consent(start, PERSON, "interests", "matching", on="2026-03-03")
    person = person_of(scheme)
    assert "interests" not in person["consent"] and "community" in person["consent"]
    assert person["consents"] == [
        {
            "category": "interests",
            "purpose": "matching",
            "given_by": "person",
            "given_on": "2025-01-01",  # the day of referral stands for the unknown day
            "withdrawn_on": "2026-03-03",
        }
    ]
    assert_valid(receipt)
    assert receipt["validFrom"] == "2025-01-01"


def sentences(result: slmatch.MatchResult, household: str) -> dict[str, str]:
    factors = result.explain(PERSON, household).factors
    return dict(zip(factors["factor"], factors["sentence"]))


def categories_read(result: slmatch.MatchResult) -> list[str]:
    used: list[str] = next(
        p["data_categories"] for p in result.record()["people"] if p["person"] == PERSON
    )
    return used


def test_after_withdrawal_matching_no_longer_reads_the_category(start: slmatch.Scheme) -> None:
    before = slmatch.match(start)
    scheme, _ = withdraw_consent(start, PERSON, "interests", "matching", on="2026-03-03")
    after = slmatch.match(scheme)
    household = scheme.household_ids[0]
    assert "withdrawn" not in sentences(before, household)["interests"]
    assert (
        "consent to use interests was withdrawn on 3 March 2026"
        in (sentences(after, household)["interests"])
    )
    assert "interests" in categories_read(before)
    assert "interests" not in categories_read(after)


def test_recording_again_replaces_what_is_in_force(start: slmatch.Scheme) -> None:
    # The list form gives interests for matching; a new consent with an expiry replaces it.
    scheme, _ = record_consent(
        start, PERSON, "interests", "matching", given_on="2026-02-01", expires_on="2027-02-01"
    )
    person = person_of(scheme)
    assert "interests" not in person["consent"]
    assert person["consents"] == [
        {
            "category": "interests",
            "purpose": "matching",
            "given_by": "person",
            "given_on": "2025-01-01",
            "expires_on": "2026-02-01",
        },
        {
            "category": "interests",
            "purpose": "matching",
            "given_by": "person",
            "given_on": "2026-02-01",
            "expires_on": "2027-02-01",
        },
    ]
    # Renewed later: the record in force now ends the day the next one starts ...
    renewed, _ = record_consent(scheme, PERSON, "interests", "matching", given_on="2026-09-01")
    ends = [r.get("expires_on") for r in person_of(renewed)["consents"]]
    assert ends == ["2026-02-01", "2026-09-01", None]
    # ... and one given the same day is replaced outright.
    again, _ = record_consent(
        renewed, PERSON, "interests", "matching", "advocate", "Sam Okafor", "2026-09-01"
    )
    last = person_of(again)["consents"]
    assert len(last) == 3 and last[-1]["given_by"] == "advocate"


def test_recording_leaves_the_scheme_given_unchanged(start: slmatch.Scheme) -> None:
    text = start.to_json(-1)
    record_consent(start, PERSON, "diet", "matching")
    withdraw_consent(start, PERSON, "interests", "matching")
    assert start.to_json(-1) == text


# Deterministic receipts.


def test_receipts_are_the_same_bytes_every_time(start: slmatch.Scheme) -> None:
    first = receipt_json(record_consent(start, PERSON, "history", "matching")[1])
    second = receipt_json(record_consent(start, PERSON, "history", "matching")[1])
    assert first == second and first.endswith("}\n")
    other = record_consent(start, PERSON, "history", "matching", given_on="2026-01-02")[1]
    assert other["consentReceiptID"] != json.loads(first)["consentReceiptID"]


def test_receipt_id_is_a_uuid_of_the_sha256_of_the_rest(start: slmatch.Scheme) -> None:
    _, receipt = record_consent(start, PERSON, "history", "matching", policy_url="https://x.test")
    assert receipt["policyUrl"] == "https://x.test"
    identifier = uuid.UUID(receipt["consentReceiptID"])
    assert identifier.version == 8 and identifier.variant == uuid.RFC_4122
    rest = {**receipt, "consentReceiptID": ""}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    # Only the version and variant bits differ from the digest's first 16 bytes.
    mask = uuid.UUID("ffffffff-ffff-0fff-3fff-ffffffffffff").int
    assert identifier.int & mask == int.from_bytes(digest[:16], "big") & mask


# Errors.


def test_unknown_person_is_named(start: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.ValidationError, match='"P999"') as raised:
        record_consent(start, "P999", "interests", "matching")
    assert raised.value.problems == [
        ("arguments", "person", 'no person with id "P999" in the scheme')
    ]
    with pytest.raises(slmatch.ValidationError, match='"P999"'):
        withdraw_consent(start, "P999", "interests", "matching")
    with pytest.raises(slmatch.ValidationError, match='"P999"'):
        consent_status(start, "P999")


@pytest.mark.parametrize(
    ("field", "arguments", "vocabulary"),
    [
        ("category", {"category": "hobbies", "purpose": "matching"}, "data category"),
        ("purpose", {"category": "interests", "purpose": "marketing"}, "consent purpose"),
        (
            "given_by",
            {"category": "interests", "purpose": "matching", "given_by": "mother"},
            "consent giver",
        ),
    ],
)
def test_bad_names_list_the_allowed_ones(
    start: slmatch.Scheme, field: str, arguments: dict[str, str], vocabulary: str
) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        record_consent(start, PERSON, **arguments)
    ((record, named, message),) = raised.value.problems
    assert (record, named) == ("arguments", field)
    assert all(name in message for name in _core.vocabularies[vocabulary])


def test_bad_dates_and_forbidden_uses_are_refused(start: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.ValidationError, match=r"given_on.*YYYY-MM-DD"):
        record_consent(start, PERSON, "interests", "analysis", given_on="3 March 2026")
    with pytest.raises(slmatch.ValidationError, match=r"on.*YYYY-MM-DD"):
        withdraw_consent(start, PERSON, "interests", "matching", on="2026-02-30")
    with pytest.raises(slmatch.ValidationError, match="ethnicity is never used for matching"):
        record_consent(start, PERSON, "ethnicity", "matching")


def test_withdrawing_what_is_not_given_says_where_it_stands(start: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.ValidationError, match="consent to use diet was not given"):
        withdraw_consent(start, PERSON, "diet", "matching")
    withdrawn, _ = withdraw_consent(start, PERSON, "interests", "matching", on="2026-03-03")
    with pytest.raises(slmatch.ValidationError, match="was withdrawn on 3 March 2026"):
        withdraw_consent(withdrawn, PERSON, "interests", "matching", on="2026-04-01")


def test_consent_status_has_a_row_per_category_and_purpose(start: slmatch.Scheme) -> None:
    frame = consent_status(start, PERSON)
    categories = _core.vocabularies["data category"]
    purposes = _core.vocabularies["consent purpose"]
    assert len(frame) == len(categories) * len(purposes)
    assert list(frame.columns[:4]) == ["category", "purpose", "status", "since"]
    listed = frame[frame["listed"]]
    assert set(zip(listed["category"], listed["purpose"])) == {
        ("community", "matching"),
        ("interests", "matching"),
    }
    opted_out = consent_status(with_consents(start, national_data_opt_out=True), PERSON)
    assert set(opted_out[opted_out["purpose"] == "analysis"]["status"]) == {"opted_out"}


# The command line.


@pytest.fixture
def scheme_file(start: slmatch.Scheme, tmp_path: Path) -> Path:
    path = tmp_path / "scheme.json"
    # Laid out as scheme files are by hand: short lists and objects on one line.
    path.write_text(_scheme_text(json.loads(start.to_json(-1))) + "\n", encoding="utf-8")
    return path


def test_cli_record_and_withdraw(scheme_file: Path, tmp_path: Path) -> None:
    receipt_file = tmp_path / "receipt.json"
    arguments = ["--person", PERSON, "--category", "interests", "--purpose"]
    assert (
        main(
            [
                "record",
                str(scheme_file),
                *arguments,
                "sharing_with_carers",
                "--given-by",
                "advocate",
                "--decided-by",
                "Sam Okafor",
                "--on",
                "2026-02-01",
                "--expires",
                "2027-02-01",
                "--receipt",
                str(receipt_file),
            ]
        )
        == 0
    )
    receipt = json.loads(receipt_file.read_text(encoding="utf-8"))
    assert_valid(receipt)
    assert "withdraw scheme.json --person P01" in receipt["howToWithdraw"]["command"]
    scheme = slmatch.load_scheme(str(scheme_file))
    assert state(scheme, "interests", "sharing_with_carers")["decided_by"] == "Sam Okafor"
    assert receipt_file.read_text(encoding="utf-8") == receipt_json(receipt)

    assert (
        main(
            [
                "withdraw",
                str(scheme_file),
                *arguments,
                "matching",
                "--on",
                "2026-03-03",
                "--receipt",
                str(receipt_file),
            ]
        )
        == 0
    )
    assert_valid(json.loads(receipt_file.read_text(encoding="utf-8")))
    scheme = slmatch.load_scheme(str(scheme_file))
    assert state(scheme, "interests", "matching")["status"] == "withdrawn"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["receipt.json", "scheme.json"]


def test_cli_keeps_the_rest_of_the_file_as_written(scheme_file: Path, tmp_path: Path) -> None:
    text = scheme_file.read_text(encoding="utf-8")
    before = json.loads(text)
    receipt = tmp_path / "r.json"
    argv = ["record", str(scheme_file), "--person", PERSON, "--category", "diet"]
    assert main([*argv, "--purpose", "matching", "--receipt", str(receipt)]) == 0
    after = json.loads(scheme_file.read_text(encoding="utf-8"))
    assert list(after) == list(before)
    changed = [i for i, (a, b) in enumerate(zip(before["people"], after["people"])) if a != b]
    assert [before["people"][i]["id"] for i in changed] == [PERSON]
    assert after["households"] == before["households"]
    # Only the person's own lines change.
    lines, new_lines = text.splitlines(), scheme_file.read_text(encoding="utf-8").splitlines()
    next_id = before["people"][[p["id"] for p in before["people"]].index(PERSON) + 1]["id"]
    first = next(i for i, line in enumerate(lines) if f'"id": "{PERSON}"' in line)
    last = next(i for i, line in enumerate(lines) if f'"id": "{next_id}"' in line)
    changes = difflib.SequenceMatcher(a=lines, b=new_lines, autojunk=False).get_opcodes()
    for tag, start, end, _, _ in changes:
        assert tag == "equal" or first <= start <= end <= last, (tag, start, end)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--category", "hobbies", "--purpose", "matching"], "must be one of"),
        (["--category", "interests", "--purpose", "marketing"], "must be one of"),
        (["--category", "interests", "--purpose", "matching", "--on", "soon"], "YYYY-MM-DD"),
        (["--category", "diet", "--purpose", "matching", "--given-by", "advocate"], "must name"),
    ],
)
def test_cli_bad_input_exits_2_and_changes_nothing(
    scheme_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    before = scheme_file.read_bytes()
    receipt = tmp_path / "receipt.json"
    code = main(["record", str(scheme_file), "--person", PERSON, *argv, "--receipt", str(receipt)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("slmatch consent: ") and message in err
    assert scheme_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scheme.json"]


def test_cli_unknown_person_and_bad_files(
    scheme_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    receipt = str(tmp_path / "receipt.json")
    tail = ["--category", "interests", "--purpose", "matching", "--receipt", receipt]
    assert main(["withdraw", str(scheme_file), "--person", "P999", *tail]) == 2
    assert '"P999"' in capsys.readouterr().err
    assert main(["withdraw", str(tmp_path / "missing.json"), "--person", PERSON, *tail]) == 2
    assert "cannot read" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x"', encoding="utf-8")
    assert main(["withdraw", str(broken), "--person", PERSON, *tail]) == 2
    assert "is not a valid scheme" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["record", str(scheme_file), "--person", PERSON])
    assert usage.value.code == 2


def test_cli_writes_both_files_or_neither(
    scheme_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = scheme_file.read_bytes()
    receipt = tmp_path / "no such folder" / "receipt.json"
    argv = ["record", str(scheme_file), "--person", PERSON, "--category", "diet"]
    assert main([*argv, "--purpose", "matching", "--receipt", str(receipt)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert scheme_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scheme.json"]


def test_words_cover_the_core_vocabularies() -> None:
    from slmatch.consent import PURPOSE_WORDS, SPECIAL_CATEGORIES

    assert tuple(PURPOSE_WORDS) == _core.vocabularies["consent purpose"]
    assert set(SPECIAL_CATEGORIES) <= set(_core.vocabularies["data category"])
    schema = RECEIPTS.schema
    assert schema["properties"]["spiCat"]["items"]["enum"] == list(SPECIAL_CATEGORIES)
    consent_types = schema["$defs"]["purpose"]["properties"]["consentType"]["enum"]
    assert len(consent_types) == len(_core.vocabularies["consent giver"])
