"""The profile file: its checks, every problem named by section and field, and its canonical
form, the same bytes for the same profile (``data/schema/profile.schema.json`` describes the
same rules for other readers)."""

from __future__ import annotations

import datetime
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Union

from slmatch import _core
from slmatch._errors import validation_error

__all__ = [
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "canonical_profile",
    "load_profile",
    "profile_to_json",
    "quoted",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Marks a file as a profile, and the version of its format.
FORMAT = "slmatch-profile"
VERSION = 1

#: The sections a profile may hold, in the order it lists them (the engine's vocabulary).
SECTIONS: tuple[str, ...] = tuple(_core.vocabularies["profile section"])

# Bounds shared with the scheme file (docs/scheme-format.md, "Limits").
_MAX_ITEMS = 1000
_MAX_TEXT = 10000  # bytes of free text: lines, names
_MAX_WORD = 256  # bytes of any other string
_MAX_WEIGHT = 1_000_000
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_Problems = list[tuple[str, str, str]]
# An object's keys, each with whether it is required and the check that reads its value.
_Spec = dict[str, tuple[bool, Callable[[str, Any], Any]]]


def quoted(word: str) -> str:
    """A name or id as a message shows it: in quotes, or ``?`` when too long to be one (long
    text may be personal, and is never quoted back)."""
    return json.dumps(word) if len(word.encode("utf-8")) <= _MAX_WORD else "?"


class _Check:
    """Checks one profile, collecting every problem with its field, and builds its canonical
    form: numbers as floats, optional values left out when empty, keys in a fixed order."""

    def __init__(self) -> None:
        self.problems: _Problems = []

    def fail(self, field: str, message: str) -> None:
        self.problems.append(("profile", field, message))

    def text(self, field: str, value: Any, limit: int, *, empty: bool = True) -> str | None:
        if not isinstance(value, str):
            self.fail(field, "must be text")
            return None
        size = len(value.encode("utf-8"))
        if size > limit:
            self.fail(field, f"too long: {size} bytes (at most {limit})")
            return None
        if not empty and not value:
            self.fail(field, "must not be empty")
            return None
        return value

    def items(
        self, field: str, value: Any, check: Callable[[str, Any], Any | None]
    ) -> list[Any] | None:
        if not isinstance(value, list):
            self.fail(field, "must be a list")
            return None
        if len(value) > _MAX_ITEMS:
            self.fail(field, f"too many entries: {len(value)} (at most {_MAX_ITEMS})")
            return None
        checked = [check(f"{field}[{k}]", item) for k, item in enumerate(value)]
        return None if any(item is None for item in checked) else checked

    def lines(self, field: str, value: Any) -> list[Any] | None:
        return self.items(field, value, lambda f, v: self.text(f, v, _MAX_TEXT))

    def words(self, field: str, value: Any) -> list[Any] | None:
        return self.items(field, value, lambda f, v: self.text(f, v, _MAX_WORD))

    def name(self, title: str, field: str, value: Any) -> str | None:
        names = _core.vocabularies[title]
        if isinstance(value, str) and value in names:
            return value
        shown = quoted(value) if isinstance(value, str) else "?"
        self.fail(field, f"must be one of {', '.join(names)} (is {shown})")
        return None

    def number(self, field: str, value: Any, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(field, "must be a number")
            return None
        number = float(value)
        if not (math.isfinite(number) and 0 <= number <= high):
            self.fail(field, f"must be between 0 and {high:g}")
            return None
        return number

    def date(self, field: str, value: Any) -> str | None:
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self.fail(field, "must be a date, YYYY-MM-DD")
        return None

    def fields(self, field: str, value: Any, spec: _Spec) -> dict[str, Any] | None:
        """An object with the keys of ``spec``, in its order."""
        if not isinstance(value, Mapping):
            self.fail(field, "must be an object")
            return None
        out: dict[str, Any] = {}
        fine = True
        for key in value:
            if key not in spec:
                self.fail(f"{field}.{key}", "unknown field")
                fine = False
        for key, (required, check) in spec.items():
            if key not in value:
                if required:
                    self.fail(f"{field}.{key}", "is required")
                    fine = False
                continue
            checked = check(f"{field}.{key}", value[key])
            if checked is None:
                fine = False
            else:
                out[key] = checked
        return out if fine else None

    def author(self, field: str, value: Any) -> dict[str, Any] | None:
        author = self.fields(
            field,
            value,
            {
                "role": (True, lambda f, v: self.name("author role", f, v)),
                "name": (False, lambda f, v: self.text(f, v, _MAX_TEXT, empty=False)),
            },
        )
        if author is not None and author["role"] != "person" and "name" not in author:
            self.fail(f"{field}.name", f"must name the {author['role']} who wrote it")
            return None
        return author

    def priorities(self, field: str, value: Any) -> dict[str, float] | None:
        if not isinstance(value, Mapping):
            self.fail(field, "must be an object")
            return None
        weights: dict[str, float] = {}
        for factor in value:
            known = self.name("factor", f"{field}.{factor}", factor)
            weight = self.number(f"{field}.{factor}", value[factor], _MAX_WEIGHT)
            if known is not None and weight is not None:
                weights[known] = weight
        if len(weights) < len(value):
            return None
        order = _core.vocabularies["factor"]
        return {factor: weights[factor] for factor in order if factor in weights}

    def person_known(self, field: str, value: Any) -> dict[str, Any] | None:
        known = self.fields(
            field,
            value,
            {
                "name": (True, lambda f, v: self.text(f, v, _MAX_TEXT, empty=False)),
                "relationship": (False, lambda f, v: self.text(f, v, _MAX_WORD)),
                "carer": (False, self.flag),
            },
        )
        if known is None:
            return None
        out = {"name": known["name"]}
        if known.get("relationship"):
            out["relationship"] = known["relationship"]
        out["carer"] = known.get("carer", False)
        return out

    def flag(self, field: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
            return None
        return value

    def content(self, section: str) -> _Spec:
        """What a section holds besides who wrote it."""
        scale = (True, lambda f, v: self.number(f, v, 1))

        def attitude(f: str, v: Any) -> str | None:
            return self.name("attitude", f, v)

        def diets(f: str, v: Any) -> list[Any] | None:
            return self.items(f, v, lambda g, w: self.name("diet", g, w))

        def people(f: str, v: Any) -> list[Any] | None:
            return self.items(f, v, self.person_known)

        contents: dict[str, _Spec] = {
            "what_matters_to_me": {
                "lines": (True, self.lines),
                "priorities": (False, self.priorities),
            },
            "how_best_to_support_me": {"lines": (True, self.lines)},
            "communication": {"lines": (True, self.lines)},
            "interests": {"items": (True, self.words)},
            "languages": {"items": (True, self.words)},
            "faith_culture": {
                "faith": (False, lambda f, v: self.text(f, v, _MAX_WORD)),
                "cultures": (True, self.words),
            },
            "diet": {"diets": (True, diets)},
            "lifestyle": {"activity": scale, "setting": scale, "routine": scale},
            "household_preferences": {"pets": (True, attitude), "children": (True, attitude)},
            "people_i_know": {"people": (True, people)},
        }
        return contents[section]

    def section(self, section: str, value: Any) -> dict[str, Any] | None:
        spec = {
            "written_by": (True, self.author),
            "written_on": (True, self.date),
            **self.content(section),
        }
        checked = self.fields(f"sections.{section}", value, spec)
        if checked is not None and not checked.get("priorities", True):
            del checked["priorities"]  # no priorities and empty priorities read alike
        return checked

    def profile(self, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail("profile", "must be an object")
            return None
        for key in value:
            if key not in ("format", "version", "sections"):
                self.fail(key, "unknown field")
        if value.get("format") != FORMAT:
            self.fail("format", f'must be "{FORMAT}"')
        if value.get("version") != VERSION or isinstance(value.get("version"), bool):
            self.fail("version", f"must be {VERSION}")
        sections = value.get("sections")
        if not isinstance(sections, Mapping):
            self.fail("sections", "must be an object" if "sections" in value else "is required")
            return None
        for name in sections:
            if name not in SECTIONS:
                shown = quoted(str(name))
                known = ", ".join(SECTIONS)
                self.fail(
                    f"sections.{name}", f"unknown section: must be one of {known} (is {shown})"
                )
        out = {name: self.section(name, sections[name]) for name in SECTIONS if name in sections}
        if self.problems:
            return None
        return {"format": FORMAT, "version": VERSION, "sections": out}


def canonical_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """A profile checked and in canonical form.

    Args:
        profile: a profile as parsed from JSON.

    Returns:
        A new dict: numbers as floats, optional values left out when empty, keys and
        sections in the order the format lists them.

    Raises:
        ValidationError: listing every problem, each naming its field.
    """
    check = _Check()
    canonical = check.profile(profile)
    if canonical is None:
        raise validation_error(check.problems)
    return canonical


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"the key {json.dumps(repeated[0])} appears twice in one object")
    return dict(pairs)


def load_profile(source: PathLike | str) -> dict[str, Any]:
    """Read and validate a person-held profile.

    Args:
        source: a path to a profile file, or the profile's JSON text itself (a string that
            starts with ``{`` after any whitespace is read as text).

    Returns:
        The profile in canonical form (see :func:`profile_to_json`): a dict with
        ``format``, ``version`` and ``sections``.

    Raises:
        ValidationError: listing every problem, each naming the field as a path through the
            profile (``sections.diet.diets[0]``, ``sections.interests.written_on``); a file
            that cannot be read or is not JSON is record ``file``.
    """
    if isinstance(source, str) and source.lstrip().startswith("{"):
        text = source
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            reason = problem.strerror if isinstance(problem, OSError) else "not UTF-8 text"
            raise validation_error([("file", "path", f"cannot read {source}: {reason}")]) from None
    try:
        document = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as problem:
        where = f"at line {problem.lineno}, column {problem.colno}"
        raise validation_error(
            [("file", "json", f"malformed JSON {where}: {problem.msg}")]
        ) from None
    except (ValueError, RecursionError) as problem:
        raise validation_error([("file", "json", str(problem) or "nested too deeply")]) from None
    return canonical_profile(document)


def profile_to_json(profile: Mapping[str, Any]) -> str:
    """A profile as canonical JSON text: the same profile always gives the same bytes.

    Sections come in the vocabulary's order, each with ``written_by`` and ``written_on``
    first and its content in the order ``docs/profile-format.md`` lists it; numbers are
    written as decimals (``1.0``); empty optional values are left out; two-space indent,
    UTF-8, a final newline.

    Args:
        profile: a profile as :func:`load_profile` or :func:`export_profile` give it.

    Raises:
        ValidationError: when ``profile`` is not a valid profile.
    """
    return json.dumps(canonical_profile(profile), indent=2, ensure_ascii=False) + "\n"
