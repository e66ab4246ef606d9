"""Recording and withdrawing consent, with a receipt the person keeps.

A consent lets one purpose (matching, sharing with carers, analysis, equality monitoring)
read one category of a person's data, from the day it is given until it expires or is
withdrawn. :func:`record_consent` and :func:`withdraw_consent` edit a scheme's ``consents``
records and give a receipt; :func:`consent_status` says where each consent stands. Where a
consent stands is always the engine's own answer (``slmatch._core.consent``), never worked
out again here.

Editing rules:

- Recording a consent while one for the same category and purpose is in force on its first
  day replaces that one: the earlier record now expires on the new one's first day (or, given
  the same day, is dropped), so the history keeps both.
- A consent in the older ``consent`` list form has no date. Withdrawing it (or replacing it)
  takes it off the list and keeps it as a record given by the person, from the day of
  referral (``waiting_since``, standing for the unknown day it was given; the withdrawal day
  if that is earlier) to the day it ends.
- Withdrawing ends the consent in force on the day (``withdrawn_on``); a consent recorded to
  start later is not touched.

Every edit is checked by the engine's loader, so a bad result raises
:class:`slmatch.ValidationError` naming the person and field.

Receipts follow the Kantara Initiative Consent Receipt Specification v1.1 (field names as
there) and carry the elements of an ISO/IEC 27560 consent record:

=========================  ================================================================
Receipt field              ISO/IEC 27560 term
=========================  ================================================================
``consentReceiptID``       record identifier
``piiPrincipalId``         PII principal (the person, by scheme id)
``piiControllers``         PII controller (the scheme: its name and id)
``consentTimestamp``       event time (the day given or withdrawn, 00:00 UTC, in seconds)
``event``                  consent event type (``given`` or ``withdrawn``)
``collectionMethod``       collection method / notice (who gave it and how)
``givenBy``                delegation: an advocate or a best-interests decision-maker
``services[].purposes[]``  purpose, PII categories, legal basis (``consentType``),
                           duration (``termination``), third parties (``thirdParty*``)
``validFrom``,             validity: start, expiry, withdrawal
``expiresOn``,
``withdrawnOn``
``sensitive``, ``spiCat``  special categories of personal data
``howToWithdraw``          withdrawal method (plain words and the exact command)
=========================  ================================================================

A receipt is deterministic: its timestamps come from the dates given (never the clock) and
its id is a UUID (version 8, RFC 9562) made from the SHA-256 of the rest of the receipt in
canonical JSON, so the same consent always gives the same bytes. Its shape is
``data/schema/consent-receipt.schema.json``.

Command line (the scheme file is rewritten whole or not at all, laid out as scheme files
are by hand, so little changes beyond the person's consents)::

    python -m slmatch.consent record scheme.json --person P01 --category interests \\
        --purpose sharing_with_carers --receipt receipt.json
    python -m slmatch.consent withdraw scheme.json --person P01 --category interests \\
        --purpose matching --on 2026-03-03 --receipt receipt.json
"""

from __future__ import annotations

import argparse
import copy
import datetime
import hashlib
import json
import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

import pandas as pd

import slmatch
from slmatch import _core
from slmatch._core.consent import readable_date, states
from slmatch._errors import validation_error
from slmatch.pages.files import write_atomically

__all__ = [
    "RECEIPT_VERSION",
    "consent_status",
    "receipt_json",
    "record_consent",
    "withdraw_consent",
]

Day = Union[str, datetime.date, None]

#: The Kantara consent receipt version receipts follow.
RECEIPT_VERSION = "KI-CR-v1.1.0"
#: Where Shared Lives schemes work (ISO 3166 code of the United Kingdom).
JURISDICTION = "GB"
#: The special categories of personal data among the data categories (UK GDPR Art. 9).
SPECIAL_CATEGORIES = ("faith_culture", "ethnicity")

#: Each purpose in plain words, as receipts and the person's own page say it.
PURPOSE_WORDS = {
    "matching": "finding Shared Lives carers who would suit you",
    "sharing_with_carers": "telling carers about you when you are introduced to them",
    "analysis": "research and planning that leaves the scheme",
    "equality_monitoring": "checking that the scheme treats everyone fairly",
}

#: The columns of :func:`consent_status`.
STATUS_COLUMNS = [
    "category",
    "purpose",
    "status",
    "since",
    "given_by",
    "decided_by",
    "given_on",
    "expires_on",
    "withdrawn_on",
    "listed",
]


def _day_text(value: Day, field: str, default: str) -> str:
    """A day as "YYYY-MM-DD", checked; None gives ``default``."""
    if value is None:
        return default
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise validation_error(
            [("arguments", field, f'must be a date YYYY-MM-DD (is "{text}")')]
        ) from None
    if len(text) != 10:
        raise validation_error([("arguments", field, f'must be a date YYYY-MM-DD (is "{text}")')])
    return text


def _person(document: dict[str, Any], person_id: str) -> dict[str, Any]:
    for person in document.get("people", []):
        if person.get("id") == person_id:
            found: dict[str, Any] = person
            return found
    raise validation_error(
        [("arguments", "person", f'no person with id "{person_id}" in the scheme')]
    )


def _check_names(category: str, purpose: str, given_by: str | None = None) -> None:
    _core._check_name("data category", "arguments", "category", category)
    _core._check_name("consent purpose", "arguments", "purpose", purpose)
    if given_by is not None:
        _core._check_name("consent giver", "arguments", "given_by", given_by)


def _state(scheme: _core.Scheme, person_id: str, category: str, purpose: str, day: str) -> Any:
    """The engine's state of one consent on a day."""
    for row in states(scheme, person_id, day):
        if row["category"] == category and row["purpose"] == purpose:
            return row
    raise AssertionError("every category and purpose has a state")  # pragma: no cover


def _deciding_record(person: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The record of ``person`` the engine's ``state`` names."""
    for record in person.get("consents", []):
        if (
            record["category"] == state["category"]
            and record["purpose"] == state["purpose"]
            and record["given_on"] == state["given_on"]
            and record.get("withdrawn_on") == state["withdrawn_on"]
            and record.get("expires_on") == state["expires_on"]
        ):
            found: dict[str, Any] = record
            return found
    raise AssertionError("the deciding record is the person's")  # pragma: no cover


def _unlist(person: dict[str, Any], category: str, purpose: str, end: str, how: str) -> None:
    """Take a consent off the ``consent`` list and keep it as a record ending on ``end``
    (``how`` is ``expires_on`` or ``withdrawn_on``); see the module's editing rules."""
    person["consent"] = [c for c in person.get("consent", []) if c != category]
    given_on = min(person.get("waiting_since", end), end)
    if how == "expires_on" and given_on == end:
        return  # replaced on its first day: nothing of it is left to keep
    person.setdefault("consents", []).append(
        {
            "category": category,
            "purpose": purpose,
            "given_by": "person",
            "given_on": given_on,
            how: end,
        }
    )


def _checked(document: dict[str, Any]) -> _core.Scheme:
    return _core.Scheme.from_json(json.dumps(document))


def _receipt(
    document: dict[str, Any],
    person_id: str,
    record: dict[str, Any],
    event: str,
    scheme_file: str,
    policy_url: str | None,
) -> dict[str, Any]:
    """The receipt of one consent event, its id made from the rest."""
    category, purpose = record["category"], record["purpose"]
    given_by, decided_by = record["given_by"], record.get("decided_by")
    titles = {c["id"]: c["title"] for c in _core.registry.data_categories()}
    scheme_name = document.get("name") or document["id"]
    day = record["withdrawn_on"] if event == "withdrawn" else record["given_on"]
    moment = datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(), tzinfo=datetime.timezone.utc
    )
    collection = {
        "person": "Given by the person and recorded by the scheme.",
        "advocate": f"Given on the person's behalf by their advocate, {decided_by}, "
        "and recorded by the scheme.",
        "best_interests": "A best-interests decision (Mental Capacity Act 2005, section 4) "
        f"made by {decided_by} and recorded by the scheme.",
    }[given_by]
    consent_type = {
        "person": "EXPLICIT",
        "advocate": "EXPLICIT_BY_ADVOCATE",
        "best_interests": "BEST_INTERESTS_DECISION",
    }[given_by]
    if record.get("withdrawn_on"):
        termination = f"Withdrawn on {readable_date(record['withdrawn_on'])}."
    elif record.get("expires_on"):
        termination = (
            f"Ends on {readable_date(record['expires_on'])}, or earlier if it is withdrawn."
        )
    else:
        termination = "Until it is withdrawn."
    sharing = purpose == "sharing_with_carers"
    what = f"your {titles[category]} for {PURPOSE_WORDS[purpose]}"
    arguments = f"{scheme_file} --person {person_id} --category {category} --purpose {purpose}"
    receipt: dict[str, Any] = {
        "version": RECEIPT_VERSION,
        "jurisdiction": JURISDICTION,
        "consentTimestamp": int(moment.timestamp()),
        "collectionMethod": collection,
        "consentReceiptID": "",
        "language": "en",
        "piiPrincipalId": person_id,
        "piiControllers": [
            {"piiController": scheme_name, "onBehalf": False, "piiControllerId": document["id"]}
        ],
        "policyUrl": policy_url,
        "services": [
            {
                "service": f"Shared Lives at {scheme_name}",
                "purposes": [
                    {
                        "purpose": PURPOSE_WORDS[purpose],
                        "purposeCategory": [purpose],
                        "consentType": consent_type,
                        "piiCategory": [category],
                        "primaryPurpose": purpose == "matching",
                        "termination": termination,
                        "thirdPartyDisclosure": sharing,
                        "thirdPartyName": "Shared Lives carers you are introduced to"
                        if sharing
                        else "",
                    }
                ],
            }
        ],
        "sensitive": category in SPECIAL_CATEGORIES,
        "spiCat": [category] if category in SPECIAL_CATEGORIES else [],
        "event": event,
        "givenBy": {"role": given_by, "name": decided_by},
        "validFrom": record["given_on"],
        "expiresOn": record.get("expires_on"),
        "withdrawnOn": record.get("withdrawn_on"),
    }
    if event == "given":
        receipt["howToWithdraw"] = {
            "text": "You can change your mind at any time. Tell your Shared Lives worker at "
            f"{scheme_name} that the scheme should stop using {what}. It stops from the day "
            "you say.",
            "command": f"slmatch consent withdraw {arguments}",
        }
    else:
        receipt["howToWithdraw"] = {
            "text": f"This consent was withdrawn on {readable_date(day)}: {what} stopped that day. "
            "There is nothing more to do.",
            "command": None,
        }
        receipt["howToGiveAgain"] = {
            "text": f"If you want the scheme to use {what} again, tell your Shared Lives "
            f"worker at {scheme_name}.",
            "command": f"slmatch consent record {arguments}",
        }
    canonical = json.dumps(receipt, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = bytearray(hashlib.sha256(canonical.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x80  # version 8: a custom (here SHA-256) layout
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 9562 variant
    receipt["consentReceiptID"] = str(uuid.UUID(bytes=bytes(digest)))
    return receipt


def _record_in(
    document: dict[str, Any],
    person_id: str,
    category: str,
    purpose: str,
    given_by: str,
    decided_by: str | None,
    given_on: Day,
    expires_on: Day,
    scheme_file: str,
    policy_url: str | None,
) -> tuple[_core.Scheme, dict[str, Any]]:
    """Record a consent in a scheme document (changed in place); see :func:`record_consent`."""
    scheme = _checked(document)
    person = _person(document, person_id)
    _check_names(category, purpose, given_by)
    day = _day_text(given_on, "given_on", document["policy"]["as_of"])
    end = None if expires_on is None else _day_text(expires_on, "expires_on", "")
    state = _state(scheme, person_id, category, purpose, day)
    if state["status"] == "given" and state["listed"]:
        _unlist(person, category, purpose, day, "expires_on")
    elif state["status"] == "given":
        replaced = _deciding_record(person, state)
        if replaced["given_on"] == day:
            person["consents"].remove(replaced)
        else:
            replaced["expires_on"] = day
    record: dict[str, Any] = {"category": category, "purpose": purpose, "given_by": given_by}
    if decided_by is not None:
        record["decided_by"] = decided_by
    record["given_on"] = day
    if end is not None:
        record["expires_on"] = end
    person.setdefault("consents", []).append(record)
    return _checked(document), _receipt(
        document, person_id, record, "given", scheme_file, policy_url
    )


def _withdraw_in(
    document: dict[str, Any],
    person_id: str,
    category: str,
    purpose: str,
    on: Day,
    scheme_file: str,
    policy_url: str | None,
) -> tuple[_core.Scheme, dict[str, Any]]:
    """Withdraw a consent in a scheme document (changed in place); see
    :func:`withdraw_consent`."""
    scheme = _checked(document)
    person = _person(document, person_id)
    _check_names(category, purpose)
    day = _day_text(on, "on", document["policy"]["as_of"])
    state = _state(scheme, person_id, category, purpose, day)
    if state["status"] != "given":
        raise validation_error(
            [
                (
                    f"person {person_id}",
                    "consents",
                    f"nothing to withdraw on {day}: {state['missing']}",
                )
            ]
        )
    if state["listed"]:
        _unlist(person, category, purpose, day, "withdrawn_on")
        record = person["consents"][-1]
    else:
        record = _deciding_record(person, state)
        record["withdrawn_on"] = day
    return _checked(document), _receipt(
        document, person_id, record, "withdrawn", scheme_file, policy_url
    )


def _document(scheme: _core.Scheme) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(scheme.to_json(-1))
    return document


def record_consent(
    scheme: _core.Scheme,
    person_id: str,
    category: str,
    purpose: str,
    given_by: str = "person",
    decided_by: str | None = None,
    given_on: Day = None,
    expires_on: Day = None,
    *,
    policy_url: str | None = None,
    scheme_file: str = "SCHEME.json",
) -> tuple[_core.Scheme, dict[str, Any]]:
    """Record that a person consents to a category of their data being used for a purpose.

    A consent in force on ``given_on`` for the same category and purpose is replaced (see
    the module's editing rules); the scheme given is not changed.

    Parameters
    ----------
    scheme : slmatch.Scheme
        The scheme.
    person_id : str
        The person's id.
    category : str
        A data category (``slmatch._core.vocabularies["data category"]``).
    purpose : str
        A consent purpose: ``matching``, ``sharing_with_carers``, ``analysis`` or
        ``equality_monitoring``.
    given_by : str
        ``person``, ``advocate`` or ``best_interests``.
    decided_by : str, optional
        The advocate, or who made the best-interests decision; required unless
        ``given_by`` is ``person``.
    given_on : str or datetime.date, optional
        The first day it holds; default the scheme's ``as_of``.
    expires_on : str or datetime.date, optional
        The first day it no longer holds; default none (until withdrawn).
    policy_url : str, optional
        The scheme's privacy notice, written as the receipt's ``policyUrl``.
    scheme_file : str
        The scheme file named in the receipt's commands.

    Returns
    -------
    tuple of (slmatch.Scheme, dict)
        The changed scheme and the receipt (see :func:`receipt_json`).

    Raises
    ------
    slmatch.ValidationError
        An unknown person; a category, purpose or giver not in its vocabulary (the allowed
        names listed); a malformed date; or a result the loader refuses (a missing
        decision-maker, an expiry not after the first day, ethnicity for matching, a
        consent overlapping one recorded to start later), naming the person and field.
    """
    return _record_in(
        _document(scheme),
        person_id,
        category,
        purpose,
        given_by,
        decided_by,
        given_on,
        expires_on,
        scheme_file,
        policy_url,
    )


def withdraw_consent(
    scheme: _core.Scheme,
    person_id: str,
    category: str,
    purpose: str,
    on: Day = None,
    *,
    policy_url: str | None = None,
    scheme_file: str = "SCHEME.json",
) -> tuple[_core.Scheme, dict[str, Any]]:
    """Withdraw the consent in force on a day; it no longer holds from that day.

    A consent in the older ``consent`` list form leaves the list and is kept as a record
    with its withdrawal date (see the module's editing rules); the scheme given is not
    changed.

    Parameters
    ----------
    scheme : slmatch.Scheme
        The scheme.
    person_id : str
        The person's id.
    category, purpose : str
        The consent, as for :func:`record_consent`.
    on : str or datetime.date, optional
        The day it is withdrawn; default the scheme's ``as_of``.
    policy_url, scheme_file : str, optional
        As for :func:`record_consent`.

    Returns
    -------
    tuple of (slmatch.Scheme, dict)
        The changed scheme and the receipt of the withdrawal.

    Raises
    ------
    slmatch.ValidationError
        An unknown person, category or purpose, a malformed date, or no such consent in
        force on the day (the message says where it stands, in the engine's words).
    """
    return _withdraw_in(
        _document(scheme), person_id, category, purpose, on, scheme_file, policy_url
    )


def consent_status(scheme: _core.Scheme, person_id: str, on: Day = None) -> pd.DataFrame:
    """Where each of a person's consents stands on a day, as the engine evaluates it.

    Parameters
    ----------
    scheme : slmatch.Scheme
        The scheme.
    person_id : str
        The person's id.
    on : str or datetime.date, optional
        The day; default the scheme's ``as_of``.

    Returns
    -------
    pandas.DataFrame
        One row per category and purpose, in vocabulary order: ``category``, ``purpose``,
        ``status`` (``given``, ``not_given``, ``not_yet_given``, ``expired``,
        ``withdrawn``, ``opted_out``), ``since`` (given: the first day, None for the list
        form; expired or withdrawn: the day it ended; not yet given: the day it starts),
        ``given_by``, ``decided_by``, ``given_on``, ``expires_on``, ``withdrawn_on`` (of
        the record that decides the state, else None) and ``listed`` (given by the
        ``consent`` list).

    Raises
    ------
    slmatch.ValidationError
        An unknown person or a malformed date.
    """
    day = "" if on is None else _day_text(on, "on", "")
    rows = states(scheme, person_id, day)
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def receipt_json(receipt: dict[str, Any]) -> str:
    """A receipt as the file the person keeps: JSON indented by two spaces, keys in the
    receipt's order, UTF-8 text, a final newline."""
    return json.dumps(receipt, indent=2, ensure_ascii=False) + "\n"


def _write_together(scheme: Path, scheme_text: str, receipt: Path, receipt_text: str) -> None:
    """Write the scheme file and the receipt, both whole or neither: the receipt waits
    beside its place until the scheme is written."""
    pending = receipt.with_name(f".{receipt.name}.pending")
    try:
        write_atomically(pending, receipt_text)
        write_atomically(scheme, scheme_text)
        os.replace(pending, receipt)
    finally:
        pending.unlink(missing_ok=True)


#: Lines of a rewritten scheme file are kept to this width where they can be.
LINE_WIDTH = 100


def _scheme_text(value: Any, indent: int = 0, taken: int = 0) -> str:
    """A scheme document as JSON laid out the way scheme files are written by hand: lists
    of plain values, and any list or object that fits in :data:`LINE_WIDTH` (after
    ``taken`` characters of its line), on one line; the rest one entry a line, indented by
    two spaces. A rewrite then changes little beyond what was edited."""
    inline = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(value, (dict, list)) or not value:
        return inline
    plain = isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value)
    if plain or indent + taken + len(inline) + 1 <= LINE_WIDTH:
        return inline
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        entries = []
        for key, item in value.items():
            name = json.dumps(key, ensure_ascii=False) + ": "
            entries.append(pad + name + _scheme_text(item, indent + 2, len(name)))
        return "{\n" + ",\n".join(entries) + "\n" + " " * indent + "}"
    entries = [pad + _scheme_text(item, indent + 2) for item in value]
    return "[\n" + ",\n".join(entries) + "\n" + " " * indent + "]"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slmatch consent",
        description=(
            "Record or withdraw a person's consent in a scheme file (rewritten whole, or "
            "not at all) and write the receipt they keep."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    record = commands.add_parser("record", help="record a consent")
    withdraw = commands.add_parser("withdraw", help="withdraw a consent")
    for command in (record, withdraw):
        command.add_argument("scheme", help="scheme file (JSON), rewritten")
        command.add_argument("--person", required=True, help="the person's id")
        command.add_argument(
            "--category",
            required=True,
            help="data category: " + ", ".join(_core.vocabularies["data category"]),
        )
        command.add_argument(
            "--purpose",
            required=True,
            help="purpose: " + ", ".join(_core.vocabularies["consent purpose"]),
        )
        command.add_argument("--policy-url", help="the scheme's privacy notice, for the receipt")
        command.add_argument("--receipt", required=True, help="receipt file to write (JSON)")
    record.add_argument(
        "--given-by",
        default="person",
        help="who gave it: " + ", ".join(_core.vocabularies["consent giver"]) + " (person)",
    )
    record.add_argument(
        "--decided-by", help="the advocate or best-interests decision-maker (personal)"
    )
    record.add_argument("--on", help="first day it holds, YYYY-MM-DD (the scheme's as_of)")
    record.add_argument("--expires", help="first day it no longer holds, YYYY-MM-DD")
    withdraw.add_argument("--on", help="day it is withdrawn, YYYY-MM-DD (the scheme's as_of)")
    parser.add_argument("--version", action="version", version=f"slmatch {slmatch.__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``slmatch consent``; returns the exit status (0 on success, 2 on bad input, 1
    when a file cannot be written).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.
    """
    arguments = _parser().parse_args(argv)
    path = Path(arguments.scheme)
    try:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as problem:
            raise ValueError(f"cannot read {path}: {problem.strerror}") from None
        except UnicodeDecodeError:
            raise ValueError(f"{path} is not UTF-8 text") from None
        try:
            _core.Scheme.from_json(text)
            document = json.loads(text)
        except slmatch.ValidationError as invalid:
            raise ValueError(f"{path} is not a valid scheme:\n{invalid}") from None
        edit = copy.deepcopy(document)
        if arguments.command == "record":
            _, receipt = _record_in(
                edit,
                arguments.person,
                arguments.category,
                arguments.purpose,
                arguments.given_by,
                arguments.decided_by,
                arguments.on,
                arguments.expires,
                path.name,
                arguments.policy_url,
            )
        else:
            _, receipt = _withdraw_in(
                edit,
                arguments.person,
                arguments.category,
                arguments.purpose,
                arguments.on,
                path.name,
                arguments.policy_url,
            )
    except (ValueError, slmatch.SlmatchError) as problem:
        print(f"slmatch consent: {problem}", file=sys.stderr)
        return 2
    try:
        _write_together(
            path, _scheme_text(edit) + "\n", Path(arguments.receipt), receipt_json(receipt)
        )
    except OSError as problem:
        print(f"slmatch consent: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
