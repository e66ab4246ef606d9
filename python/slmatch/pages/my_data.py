"""What do you hold about me? Everything a scheme holds about one person, for them.

A person (or their advocate) may ask a scheme what it holds about them and what it did
with it. :func:`my_data` answers from the scheme and, optionally, a folder of the scheme's
run files:

- every field the scheme holds about the person, personal ones included (it is their own
  data), grouped in plain words by the kind of data it is;
- where each kind of data stands for each purpose on the scheme's ``as_of`` date (the
  engine's own evaluation): given (by whom, when, until when), never given, withdrawn,
  expired, not yet given, or left out by a national data opt-out;
- from run records (``"format": "slmatch-run-record"``, written by ``slmatch match
  --record``; all are matching runs): which runs (scheme id, input hash, library version)
  read which kinds of their data;
- from proposal-rounds state files (``"format": "slmatch-proposal-rounds"``, written by
  :meth:`slmatch.stable.ProposalRounds.to_json`): the carer households they were introduced
  to, by round, with the answers; what they agreed to share with carers went to those
  households.

Run records of another scheme (another ``scheme`` id) are left out: their people are other
people. Proposal-rounds files carry no scheme id, so every one in the folder that names the
person is read as this scheme's. Other files are ignored: files not named ``*.json``, and
JSON documents of any other format. A run file that is not JSON or does not hold what its
format says is an error naming the file. Sub-folders are not read.

The page (:func:`render_my_data`) is self-contained (inline CSS, no script, no link to
anything), in large type and plain words; the same input always gives the same bytes, and
:func:`my_data` gives a JSON-able dict (``data/schema/my-data.schema.json``).

Command line::

    python -m slmatch.pages.my_data scheme.json --person P01 --runs runs/ --format html \\
        --output P01-my-data.html
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

import slmatch
from slmatch import _core
from slmatch._core.consent import readable_date, states
from slmatch._errors import validation_error
from slmatch.consent import PURPOSE_WORDS
from slmatch.pages.files import templates, write_atomically

__all__ = ["my_data", "my_data_json", "render_my_data"]

PathLike = Union[str, "os.PathLike[str]"]

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
RUN_RECORD_FORMAT = "slmatch-run-record"
ROUNDS_FORMAT = "slmatch-proposal-rounds"

#: The groups of a person's fields, in page order: (key, heading, data category or None for
#: data always used, fields). A field of the person not listed here goes under "other".
GROUPS: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    ("about_you", "About you", None, ("id", "name", "date_of_birth", "gender", "notes")),
    (
        "assessment",
        "Your needs and the support you are waiting for",
        None,
        (
            "needs",
            "support_level",
            "arrangement",
            "access_needs",
            "specialist_needs",
            "location",
            "travel_limit_km",
            "must_not",
            "required_carer_gender",
            "preferred_carer_gender",
            "smoker",
            "risk_flags",
            "declined_households",
            "conflicts_with",
            "waiting_since",
            "weights",
            "calendar",
        ),
    ),
    ("community", "Places in your community", "community", ("anchors",)),
    ("interests", "Your interests", "interests", ("interests",)),
    ("languages", "Languages you speak", "languages", ("languages",)),
    ("faith_culture", "Your faith and culture", "faith_culture", ("faith", "cultures")),
    ("diet", "Your diet", "diet", ("diets",)),
    ("lifestyle", "Your way of life", "lifestyle", ("lifestyle",)),
    (
        "household_preferences",
        "How you feel about pets and children",
        "household_preferences",
        ("pets", "children"),
    ),
    (
        "history",
        "Carers and people you know",
        "history",
        ("known_households", "about_me.people_i_know"),
    ),
    ("ethnicity", "Your ethnicity", "ethnicity", ("ethnicity",)),
    (
        "about_me",
        "In your own words",
        "about_me",
        (
            "about_me.what_matters_to_me",
            "about_me.how_best_to_support_me",
            "about_me.communication",
            "about_me.written_by",
        ),
    ),
    ("consent", "What you agreed to", None, ("consent", "consents", "national_data_opt_out")),
)

#: Field names in plain words where the name alone does not say it.
LABELS = {
    "id": "Your reference at the scheme",
    "support_level": "How much support you need",
    "arrangement": "The kind of Shared Lives you are waiting for",
    "access_needs": "What your home must have",
    "specialist_needs": "Skills your carer must have",
    "location": "Where you live now (map position)",
    "travel_limit_km": "How far you would live from home and your places (km)",
    "must_not": "What you must not live with",
    "required_carer_gender": "Gender your main carer must be",
    "preferred_carer_gender": "Gender you would like your main carer to be",
    "smoker": "You smoke",
    "risk_flags": "Safety notes",
    "declined_households": "Carers you said no to",
    "conflicts_with": "People you must not live with",
    "waiting_since": "Waiting since",
    "weights": "What matters most to you in a match",
    "calendar": "Short breaks and day support you asked for",
    "anchors": "Places (family, day service, work) to stay close to",
    "known_households": "Carers you already know",
    "about_me.people_i_know": "People you know",
    "about_me.what_matters_to_me": "What matters to me",
    "about_me.how_best_to_support_me": "How best to support me",
    "about_me.communication": "How I communicate",
    "about_me.written_by": "Who wrote each part",
    "consent": "Agreed for matching (older list, no dates)",
    "consents": "Consent records",
    "national_data_opt_out": "National data opt-out",
}

#: Consent states in plain words (the engine's words say why a state is not "given").
STATUS_WORDS = {
    "given": "Yes",
    "not_given": "No",
    "not_yet_given": "Not yet",
    "expired": "No (ended)",
    "withdrawn": "No (withdrawn)",
    "opted_out": "No (opted out)",
}

#: Each purpose as a short heading.
PURPOSE_TITLES = {
    "matching": "Finding carers",
    "sharing_with_carers": "Telling carers about you",
    "analysis": "Research and planning",
    "equality_monitoring": "Checking fairness",
}


def _label(field: str) -> str:
    return LABELS.get(field) or field.split(".")[-1].replace("_", " ").capitalize()


def _plain_names() -> dict[str, str]:
    """Every vocabulary name in plain words: kinds of data as the engine's sentences name
    them, the rest with spaces for underscores."""
    words = {
        name: name.replace("_", " ") for names in _core.vocabularies.values() for name in names
    }
    words.update({c["id"]: c["title"] for c in _core.registry.data_categories()})
    return words


def _text(value: Any, words: dict[str, str]) -> str:
    """A field's value in plain words: vocabulary names and dates as people say them, lists
    one by one, objects as "key: value", yes and no; nothing held says so."""
    if value is None or value == [] or value == {} or value == "":
        return "nothing held"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value in words:
        return words[value]
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            return readable_date(value)
        except slmatch.ValidationError:
            return value  # free text that only looks like a date
    if isinstance(value, list):
        return "; ".join(_text(item, words) for item in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{key.replace('_', ' ')}: {_text(item, words)}" for key, item in value.items()
        )
    return str(value)


def _fields(person: dict[str, Any]) -> dict[str, Any]:
    """The person's fields, with their own account's sections as ``about_me.<section>``."""
    flat = {key: value for key, value in person.items() if key != "about_me"}
    for section, value in person.get("about_me", {}).items():
        flat[f"about_me.{section}"] = value
    return flat


def _held(person: dict[str, Any]) -> list[dict[str, Any]]:
    words = _plain_names()
    fields = _fields(person)
    grouped = {field for _, _, _, group_fields in GROUPS for field in group_fields}
    others = tuple(field for field in fields if field not in grouped)
    groups = GROUPS + ((("other", "Other", None, others),) if others else ())
    return [
        {
            "group": key,
            "title": title,
            "category": category,
            "fields": [
                {
                    "field": field,
                    "label": _label(field),
                    "value": fields[field],
                    "text": _text(fields[field], words),
                }
                for field in group_fields
                if field in fields
            ],
        }
        for key, title, category, group_fields in groups
    ]


def _consent_words(row: dict[str, Any]) -> str:
    """A consent's state as a sentence: who gave it and when, or the engine's reason."""
    if row["status"] != "given":
        clause = str(row["missing"])
        return clause[0].upper() + clause[1:] + "."
    if row["listed"]:
        return "Given by you (on the older list, with no date)."
    giver = {
        "person": "you",
        "advocate": f"your advocate, {row['decided_by']},",
        "best_interests": f"a best-interests decision by {row['decided_by']}",
    }[row["given_by"]]
    words = f"Given by {giver} on {readable_date(row['given_on'])}"
    if row["expires_on"]:
        words += f", until {readable_date(row['expires_on'])}"
    if row["withdrawn_on"]:
        words += f"; to be withdrawn on {readable_date(row['withdrawn_on'])}"
    return words + "."


def _consents(scheme: _core.Scheme, person_id: str) -> list[dict[str, Any]]:
    titles = {c["id"]: c["title"] for c in _core.registry.data_categories()}
    out: dict[str, dict[str, Any]] = {}
    for row in states(scheme, person_id):
        category = out.setdefault(
            row["category"],
            {"category": row["category"], "title": titles[row["category"]], "purposes": []},
        )
        state = {key: row[key] for key in row if key not in ("category", "missing")}
        state["words"] = _consent_words(row)
        category["purposes"].append(state)
    return list(out.values())


def _problem(path: Path, field: str, message: str) -> Exception:
    return validation_error([(f"file {path.name}", field, message)])


def _run_use(path: Path, document: dict[str, Any], person_id: str) -> dict[str, Any] | None:
    """What a run record says a run read of the person's data (None: not of them)."""
    for key in ("scheme", "input_sha256", "library_version"):
        if not isinstance(document.get(key), str):
            raise _problem(path, key, "must be text")
    configuration = document.get("configuration")
    if not isinstance(configuration, dict) or not isinstance(configuration.get("objective"), str):
        raise _problem(path, "configuration", "must hold the objective")
    people = document.get("people")
    if not isinstance(people, list):
        raise _problem(path, "people", "must be a list")
    for index, entry in enumerate(people):
        categories = entry.get("data_categories") if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("person"), str)
            or not isinstance(categories, list)
            or not all(isinstance(c, str) for c in categories)
        ):
            raise _problem(path, f"people[{index}]", "must name a person and data categories")
        if entry["person"] == person_id:
            return {
                "file": path.name,
                "scheme": document["scheme"],
                "input_sha256": document["input_sha256"],
                "library_version": document["library_version"],
                "objective": configuration["objective"],
                "purpose": "matching",
                "data_categories": list(categories),
            }
    return None


def _introductions(path: Path, text: str, person_id: str) -> list[dict[str, Any]]:
    """The person's introductions in a proposal-rounds file, by round then household."""
    try:
        slmatch.stable.ProposalRounds.from_json(text)
    except slmatch.ValidationError as invalid:
        raise _problem(path, "", f"not a valid proposal-rounds state: {invalid}") from None
    document = json.loads(text)
    # A group introduced together: its introductions and declines are each member's too.
    groups = {group["id"]: group["members"] for group in document.get("groups", [])}

    def concerns(entry: dict[str, Any]) -> bool:
        return entry["person"] == person_id or person_id in groups.get(entry.get("group"), [])

    def own_answer(entry: dict[str, Any]) -> Any:
        for answer in entry.get("member_answers", []):
            if answer["person"] == person_id:
                return answer["answer"]
        return entry["person_answer"]

    mine: list[tuple[Any, ...]] = [
        (p["round"], p["household"], "accepted", "both", None, "accept", "accept")
        for p in document["accepted"]
        if p["person"] == person_id
    ]
    mine += [
        (p["round"], p["household"], "declined", p["by"], p["reason"], None, None)
        for p in document["declined"]
        if concerns(p)
    ]
    # This round's introductions already answered by both, or declined, are listed above.
    settled = {(entry[0], entry[1]) for entry in mine}
    mine += [
        (
            document["round"],
            p["household"],
            "waiting",
            None,
            None,
            own_answer(p),
            p["household_answer"],
        )
        for p in document["introductions"]
        if concerns(p) and (document["round"], p["household"]) not in settled
    ]
    keys = ("round", "household", "answer", "by", "reason", "person_answer", "household_answer")
    return [
        {**dict(zip(keys, entry)), "file": path.name}
        for entry in sorted(mine, key=lambda e: (e[0], e[1]))
    ]


def _runs(
    folder: Path, scheme_id: str, person_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The runs and introductions of the person in a folder's run files."""
    if not folder.is_dir():
        raise validation_error([("arguments", "runs", f"{folder} is not a folder")])
    runs, introductions = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.suffix != ".json" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            document = json.loads(text)
        except (UnicodeDecodeError, ValueError):
            raise _problem(path, "", "is not JSON text") from None
        kind = document.get("format") if isinstance(document, dict) else None
        if kind == RUN_RECORD_FORMAT and document.get("scheme") == scheme_id:
            use = _run_use(path, document, person_id)
            if use is not None:
                runs.append(use)
        elif kind == RUN_RECORD_FORMAT and not isinstance(document.get("scheme"), str):
            raise _problem(path, "scheme", "must be text")
        elif kind == ROUNDS_FORMAT:
            introductions += _introductions(path, text, person_id)
    return runs, introductions


def my_data(scheme: _core.Scheme, person_id: str, runs: PathLike | None = None) -> dict[str, Any]:
    """Everything a scheme holds about a person, where their consents stand, and (from a
    folder of run files) which runs used their data and whom they were introduced to.

    Parameters
    ----------
    scheme : slmatch.Scheme
        The scheme.
    person_id : str
        The person's id.
    runs : str or os.PathLike, optional
        A folder of run records and proposal-rounds state files (see the module's notes
        on which files are read).

    Returns
    -------
    dict
        A JSON-able document (``data/schema/my-data.schema.json``): ``format``,
        ``version``, ``scheme`` ({id, name}), ``person``, ``as_of``, ``held`` (groups of
        fields: {group, title, category, fields: [{field, label, value, text}]}),
        ``consents`` (per category, per purpose: the engine's state with dates and who
        gave it, and ``words``), ``national_data_opt_out``, ``runs_read`` (whether a
        folder was read), ``runs`` (one per run that read their data: file, scheme,
        input_sha256, library_version, objective, purpose, data_categories),
        ``introductions`` (round, household, answer, by, reason, person_answer,
        household_answer, file) and ``shared_with_carers`` (the categories they agree, on
        ``as_of``, may be shared with carers they are introduced to).

    Raises
    ------
    slmatch.ValidationError
        An unknown person (named), a runs path that is not a folder, or a run file that is
        not JSON or not what its format says (naming the file).
    """
    document = json.loads(scheme.to_json(-1))
    person = next((p for p in document["people"] if p["id"] == person_id), None)
    if person is None:
        raise validation_error(
            [("arguments", "person", f'no person with id "{person_id}" in the scheme')]
        )
    consents = _consents(scheme, person_id)
    used, introductions = _runs(Path(runs), scheme.id, person_id) if runs is not None else ([], [])
    shared = [
        c["category"]
        for c in consents
        for p in c["purposes"]
        if p["purpose"] == "sharing_with_carers" and p["status"] == "given"
    ]
    return {
        "format": "slmatch-my-data",
        "version": 1,
        "scheme": {"id": scheme.id, "name": scheme.name},
        "person": person_id,
        "as_of": document["policy"]["as_of"],
        "held": _held(person),
        "consents": consents,
        "national_data_opt_out": bool(person.get("national_data_opt_out", False)),
        "runs_read": runs is not None,
        "runs": used,
        "introductions": introductions,
        "shared_with_carers": shared,
    }


def my_data_json(data: dict[str, Any]) -> str:
    """The document of :func:`my_data` as JSON text: indented by two spaces, keys in the
    document's order, UTF-8, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_my_data(data: dict[str, Any]) -> str:
    """The person's page of :func:`my_data`'s document, as HTML text.

    Returns
    -------
    str
        A self-contained HTML document (inline CSS, no script, no external link); the same
        document always gives the same text.
    """
    titles = {c["category"]: c["title"] for c in data["consents"]}
    page = {
        **data,
        "as_of_words": readable_date(data["as_of"]),
        "purpose_titles": PURPOSE_TITLES,
        "purpose_words": PURPOSE_WORDS,
        "status_words": STATUS_WORDS,
        "titles": titles,
    }
    return templates().get_template("my_data.html.j2").render(page=page)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slmatch my-data",
        description=(
            "What does the scheme hold about me? Everything a scheme holds about one "
            "person, where each of their consents stands, and (from a folder of run files) "
            "which runs used their data and which carers they were introduced to."
        ),
    )
    parser.add_argument("scheme", help="scheme file (JSON)")
    parser.add_argument("--person", required=True, help="the person's id")
    parser.add_argument(
        "--runs", metavar="DIR", help="folder of run records and proposal-rounds files"
    )
    parser.add_argument("--format", choices=["json", "html"], default="json", help="(json)")
    parser.add_argument(
        "--output", help="file to write (replaced whole, or not at all); default the screen"
    )
    parser.add_argument("--version", action="version", version=f"slmatch {slmatch.__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``slmatch my-data``; returns the exit status (0 on success, 2 on bad input, 1
    when the output cannot be written).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.
    """
    arguments = _parser().parse_args(argv)
    try:
        scheme = slmatch.load_scheme(arguments.scheme)
        data = my_data(scheme, arguments.person, arguments.runs)
    except (ValueError, slmatch.SlmatchError) as problem:
        print(f"slmatch my-data: {problem}", file=sys.stderr)
        return 2
    text = my_data_json(data) if arguments.format == "json" else render_my_data(data)
    if arguments.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(Path(arguments.output), text)
    except OSError as problem:
        print(f"slmatch my-data: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
