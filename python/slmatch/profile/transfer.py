"""A profile into and out of a scheme: the person's own fields and ``about_me`` set from the
profile's sections, carers they know found among the scheme's households by name, and the
sections a person holds written back out as a profile."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from slmatch._core import Scheme
from slmatch._errors import validation_error
from slmatch.profile.canonical import (
    FORMAT,
    SECTIONS,
    VERSION,
    PathLike,
    canonical_profile,
    load_profile,
    quoted,
)

__all__ = ["export_profile", "import_profile"]


def _carer_key(name: str) -> str:
    """A carer's name as it is compared: Unicode NFC, runs of whitespace as one space, case
    folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _carer_households(households: Sequence[Mapping[str, Any]], people: Sequence[Any]) -> list[str]:
    """Household ids of the carers among ``people``, in their order, each once: a carer whose
    name is no household's, or more than one household's, is left out."""
    by_name: dict[str, list[str]] = {}
    for household in households:
        if household.get("name"):
            by_name.setdefault(_carer_key(household["name"]), []).append(household["id"])
    found: list[str] = []
    for known in people:
        ids = by_name.get(_carer_key(known["name"]), []) if known["carer"] else []
        if len(ids) == 1 and ids[0] not in found:
            found.append(ids[0])
    return found


def _document(scheme: Scheme) -> dict[str, Any]:
    if not isinstance(scheme, Scheme):
        raise TypeError(f"scheme must be a slmatch.Scheme, not {type(scheme).__name__}")
    document: dict[str, Any] = json.loads(scheme.to_json(-1))
    return document


def _person(document: dict[str, Any], person_id: Any) -> dict[str, Any]:
    if not isinstance(person_id, str) or not person_id:
        raise validation_error([("scheme", "person", "a person id must be given")])
    for person in document["people"]:
        if person["id"] == person_id:
            return dict(person)
    raise validation_error([("scheme", "person", f"no person with id {quoted(person_id)}")])


def _set_section(person: dict[str, Any], name: str, section: Mapping[str, Any]) -> None:
    """Replace the person's fields of one section with the section's content."""
    about_me = person["about_me"]
    if name in ("what_matters_to_me", "how_best_to_support_me", "communication"):
        about_me[name] = list(section["lines"])
        if name == "what_matters_to_me":
            person["weights"] = dict(section.get("priorities", {}))
    elif name in ("interests", "languages"):
        person[name] = list(section["items"])
    elif name == "faith_culture":
        person.pop("faith", None)
        if "faith" in section:
            person["faith"] = section["faith"]
        person["cultures"] = list(section["cultures"])
    elif name == "diet":
        person["diets"] = list(section["diets"])
    elif name == "lifestyle":
        person["lifestyle"] = {key: section[key] for key in ("activity", "setting", "routine")}
    elif name == "household_preferences":
        person["pets"], person["children"] = section["pets"], section["children"]
    else:
        about_me["people_i_know"] = [dict(known) for known in section["people"]]
    about_me["written_by"][name] = {**section["written_by"], "written_on": section["written_on"]}


def import_profile(scheme: Scheme, profile: Mapping[str, Any] | PathLike, person_id: str) -> Scheme:
    """Set a person's own fields in a scheme from their profile.

    Each section of the profile replaces the person's fields of that section whole (an
    empty list clears them) and records who wrote it in ``about_me.written_by``; a
    ``what_matters_to_me`` section without ``priorities`` clears the person's own weights,
    so the scheme's apply. Sections the profile does not have leave the person's fields,
    and their authorship, as they are.

    People the person knows who are marked ``carer`` are looked up among the scheme's
    households by the household's ``name`` (the carer's name), compared after Unicode NFC,
    whitespace and case normalisation; each household found once is added to the person's
    ``known_households`` (those already there stay). A carer whose name matches no household
    of this scheme, or several, stays in ``people_i_know`` only.

    Consent is never changed: the consent list, consent records and the national data
    opt-out are the scheme's record of what the person agreed to, not part of the profile.
    Matching reads each imported section only while that consent holds.

    Args:
        scheme: the scheme to import into; it is not changed.
        profile: a profile as :func:`load_profile` gives it, or a path to a profile file
            (or its JSON text).
        person_id: the id of the person the profile belongs to, in this scheme.

    Returns:
        A new scheme, validated by the same loader as a scheme file, with the person's
        fields set from the profile.

    Raises:
        ValidationError: when the profile is not valid (naming section and field), the
            person id is missing or not in the scheme (field ``person``), a section was
            written after the scheme's ``as_of`` date, or the scheme refuses the result.
        TypeError: when ``scheme`` is not a :class:`slmatch.Scheme`.
    """
    checked = canonical_profile(profile) if isinstance(profile, Mapping) else load_profile(profile)
    document = _document(scheme)
    person = _person(document, person_id)
    as_of = document["policy"]["as_of"]
    late = [
        ("profile", f"sections.{name}.written_on", f"is after the scheme's as_of date {as_of}")
        for name, section in checked["sections"].items()
        if section["written_on"] > as_of
    ]
    if late:
        raise validation_error(late)

    about_me = person.setdefault("about_me", {})
    about_me["written_by"] = dict(about_me.get("written_by", {}))
    for name, section in checked["sections"].items():
        _set_section(person, name, section)
    if "people_i_know" in checked["sections"]:
        known = list(person.get("known_households", []))
        people = checked["sections"]["people_i_know"]["people"]
        known += [h for h in _carer_households(document["households"], people) if h not in known]
        person["known_households"] = known

    document["people"] = [person if p["id"] == person_id else p for p in document["people"]]
    return Scheme.from_json(json.dumps(document))


def _held_sections(person: Mapping[str, Any]) -> dict[str, tuple[dict[str, Any] | None, bool]]:
    """Each section's content as the person holds it (None for a lifestyle they do not
    have), and whether they hold any of it."""
    about_me = person.get("about_me", {})
    lines = {name: list(about_me.get(name, [])) for name in SECTIONS[:3]}
    weights = dict(person.get("weights", {}))
    faith = {"faith": person["faith"]} if "faith" in person else {}
    cultures = list(person.get("cultures", []))
    preferences = {key: person.get(key, "neutral") for key in ("pets", "children")}
    people = list(about_me.get("people_i_know", []))
    lifestyle = person.get("lifestyle")
    held: dict[str, tuple[dict[str, Any] | None, bool]] = {
        "what_matters_to_me": (
            {"lines": lines["what_matters_to_me"], "priorities": weights},
            bool(lines["what_matters_to_me"] or weights),
        ),
        "faith_culture": ({**faith, "cultures": cultures}, bool(faith or cultures)),
        "diet": ({"diets": list(person.get("diets", []))}, bool(person.get("diets"))),
        "lifestyle": (None if lifestyle is None else dict(lifestyle), lifestyle is not None),
        "household_preferences": (preferences, set(preferences.values()) != {"neutral"}),
        "people_i_know": ({"people": people}, bool(people)),
    }
    for name in ("how_best_to_support_me", "communication"):
        held[name] = ({"lines": lines[name]}, bool(lines[name]))
    for name in ("interests", "languages"):
        items = list(person.get(name, []))
        held[name] = ({"items": items}, bool(items))
    return held


def export_profile(scheme: Scheme, person_id: str) -> dict[str, Any]:
    """A person's profile as their scheme holds it, to carry to another scheme.

    Every section the person has is written: one they hold any of (interests, a diet, pets
    or children not ``neutral``, their own weights as ``priorities``...) or whose author
    the scheme records. A section the scheme holds no author for is attributed to a worker
    named by the scheme's name (the scheme recorded it), written on the scheme's ``as_of``
    date. A lifestyle section is written only when the person has a lifestyle. Household
    ids (``known_households``) are the scheme's, not the person's, and are not exported:
    carers the person knows travel in ``people_i_know``. Consent is not exported.

    A profile imported with :func:`import_profile` exports back exactly, section for
    section, as long as the person holds no other sections.

    Args:
        scheme: the scheme holding the person.
        person_id: the person's id in that scheme.

    Returns:
        The profile in canonical form (write it with :func:`profile_to_json`).

    Raises:
        ValidationError: when the person id is missing or not in the scheme (field
            ``person``).
        TypeError: when ``scheme`` is not a :class:`slmatch.Scheme`.
    """
    document = _document(scheme)
    person = _person(document, person_id)
    written_by = person.get("about_me", {}).get("written_by", {})
    recorded = {
        "role": "worker",
        "name": document.get("name") or "Shared Lives scheme",
        "written_on": document["policy"]["as_of"],
    }
    sections = {}
    for name, (content, holds) in _held_sections(person).items():
        if content is not None and (holds or name in written_by):
            author = written_by.get(name, recorded)
            sections[name] = {
                "written_by": {key: author[key] for key in ("role", "name") if author.get(key)},
                "written_on": author["written_on"],
                **content,
            }
    return canonical_profile({"format": FORMAT, "version": VERSION, "sections": sections})
