"""Easy Read pages: one HTML page per person, for the person and their advocate.

Each page says which carers the person could meet (the proposed household first), the
main reasons in the engine's own words, what the person told the scheme matters to them,
what was not used because they did not agree to share it, and that nothing is decided
until they say yes. A person with no proposal is told why, in the words of the engine's
rules, and what happens next.

The pages follow the Easy Read style used in UK social care: short sentences, one idea per
line, a picture beside each line, large type. They show no scores, no names (ids only, as
the engine does) and no data the person did not consent to. Every sentence about a rule or
a factor comes from the engine (its registry and explanations), so a page never says
more, or other, than the engine does. Each page is self-contained (inline CSS and SVG, no
script, no link to anything) and the same input always gives the same bytes.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from slmatch import _core
from slmatch._core.consent import states as consent_states
from slmatch.matching import MatchResult
from slmatch.pages.files import templates, write_atomically

__all__ = ["page_file_name", "render_easy_read", "write_easy_read"]

#: The main reasons shown for each household: its highest-scoring factors, at most this many.
MAIN_REASONS = 3
#: The rules shown to a person with no proposal: those that ruled out most households.
MAIN_RULES = 3


def page_file_name(person_id: str) -> str:
    """The file name of a person's page: ``<id>.html``, with any character that is not a
    letter, digit, ``-``, ``_``, ``.`` or ``~`` percent-encoded and a leading ``.`` written
    ``%2E``, so every id gives its own plain file inside the folder.

    Args:
        person_id: the person's id.

    Returns:
        The file name.
    """
    name = quote(person_id, safe="")
    if name.startswith("."):
        name = "%2E" + name[1:]
    return name + ".html"


def _sentence(clause: str) -> str:
    """An engine clause ("the household is 0.6 km from their home") as a sentence."""
    clause = clause.strip()
    if not clause:
        return clause
    text = clause[0].upper() + clause[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _day(iso_date: str) -> str:
    """A date as people write it: "2026-11-01" is "1 November 2026"."""
    day = datetime.date.fromisoformat(iso_date)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _listed(items: Sequence[str]) -> str:
    """Items as an everyday list: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class _Scheme:
    """What the pages read of a scheme, worked out once for all its people."""

    scheme: _core.Scheme
    result: MatchResult
    document: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.document = json.loads(self.scheme.to_json(-1))

    @cached_property
    def people(self) -> dict[str, dict[str, Any]]:
        return {p["id"]: p for p in self.document.get("people", [])}

    @cached_property
    def factors(self) -> dict[str, dict[str, Any]]:
        return {f["id"]: f for f in _core.registry.factors()}

    @cached_property
    def rules(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in _core.registry.rules()}

    @cached_property
    def categories(self) -> list[dict[str, Any]]:
        return list(_core.registry.data_categories())

    @cached_property
    def weights(self) -> dict[str, float]:
        return dict(_core.registry.weights(self.scheme))

    @cached_property
    def proposed(self) -> dict[str, str]:
        plan = self.result.plan
        return {
            str(p): str(h)
            for p, h, status in zip(plan["person"], plan["household"], plan["status"])
            if status == "matched"
        }

    @cached_property
    def shortlisted(self) -> dict[str, list[str]]:
        shortlists = self.result.shortlists.sort_values(["person", "rank"], kind="stable")
        out: dict[str, list[str]] = {}
        for p, h in zip(shortlists["person"], shortlists["household"]):
            out.setdefault(str(p), []).append(str(h))
        return out

    @cached_property
    def unmatched(self) -> dict[str, tuple[dict[str, int], dict[str, list[str]]]]:
        frame = self.result.unmatched
        return {
            str(p): (dict(rules), dict(taken))
            for p, rules, taken in zip(
                frame["person"], frame["blocking_rules"], frame["places_taken"]
            )
        }


def _clauses(sentence: str) -> list[str]:
    """The clauses of an engine sentence, which joins a factor's parts with "; "."""
    return [clause for clause in sentence.split("; ") if clause]


def _matching_consent(context: _Scheme, person_id: str) -> dict[str, str | None]:
    """Each category's standing for matching on the scheme's date, as the engine evaluates
    it: None where matching may read it, else the engine's words for why not ("consent to
    use interests was withdrawn on 14 September 2026")."""
    return {
        state["category"]: None if state["status"] == "given" else state["missing"]
        for state in consent_states(context.scheme, person_id)
        if state["purpose"] == "matching"
    }


def _main_reasons(context: _Scheme, factors: Any, missing: dict[str, str | None]) -> list[str]:
    """The sentences of the factors that added most to a pair's score, best first, without
    the clauses saying a part was not used for lack of consent (the page lists those once,
    under what was not used)."""
    no_consent = tuple(words for words in missing.values() if words is not None)
    used = factors[factors["used"] & (factors["points"] > 0)]
    ranked = used.sort_values("points", ascending=False, kind="stable")
    reasons = []
    for sentence in ranked["sentence"].head(MAIN_REASONS):
        kept = [c for c in _clauses(sentence) if not c.endswith(no_consent)]
        if kept:
            reasons.append(_sentence("; ".join(kept)))
    return reasons


def _not_used_for_consent(
    context: _Scheme, missing: dict[str, str | None], explained: list[Any]
) -> list[dict[str, Any]]:
    """Each consent category the person withheld that a factor would have read, with the
    engine's clauses saying what was not used, in the engine's category order.

    The clauses come from the pairs' explanations, of factors left out and of the parts of
    used factors left out; with no pair to explain (a scheme with no households) each
    category a factor needs is named without a clause.
    """
    withheld = [c for c in context.categories if missing[c["id"]] is not None]
    clauses: dict[str, list[str]] = {}
    for factors in explained:
        for f, sentence in zip(factors["factor"], factors["sentence"]):
            for clause in _clauses(sentence):
                for category in withheld:
                    if category["id"] not in context.factors[f]["reads"]:
                        continue
                    if clause.endswith(str(missing[category["id"]])):
                        listed = clauses.setdefault(category["id"], [])
                        if _sentence(clause) not in listed:
                            listed.append(_sentence(clause))
    if not explained:
        for f in context.factors.values():
            if f["consent"] is not None and missing[f["consent"]] is not None:
                clauses.setdefault(f["consent"], [])
    return [
        {"title": c["title"], "sentences": clauses[c["id"]]} for c in withheld if c["id"] in clauses
    ]


def _what_matters(context: _Scheme, person: dict[str, Any]) -> list[dict[str, str]]:
    """The person's own weights ("what matters to me") against the scheme's, in factor
    order: "more", "less" or "none" (a weight of 0), without the numbers."""
    own: dict[str, float] = person.get("weights", {})
    matters = []
    for f in context.factors.values():
        if f["id"] not in own:
            continue
        weight, default = own[f["id"]], context.weights[f["id"]]
        if weight == default:
            continue
        level = "none" if weight == 0 else "more" if weight > default else "less"
        matters.append({"label": f["label"], "level": level})
    return matters


def _page(context: _Scheme, person_id: str) -> dict[str, Any]:
    """Everything one person's page shows, from the engine's results and registry."""
    person = context.people.get(person_id)
    if person is None:
        raise _core.SlmatchError(f'no person "{person_id}" in the scheme')
    proposed = context.proposed.get(person_id)
    shortlist = context.shortlisted.get(person_id, [])
    # The carers to meet: the proposed household first, then the rest of the shortlist. A
    # person with no proposal meets nobody yet, but the explanations of their shortlist (or,
    # with none, of the scheme's first household: what consent leaves out does not depend on
    # the household) still say what was not used.
    households = [proposed, *(h for h in shortlist if h != proposed)] if proposed else []
    to_explain = households or shortlist or context.scheme.household_ids[:1]
    explained = {h: context.result.explain(person_id, h).factors for h in to_explain}
    missing = _matching_consent(context, person_id)
    carers = [
        {
            "household": household,
            "proposed": household == proposed,
            "reasons": _main_reasons(context, explained[household], missing),
        }
        for household in households
    ]
    blocking, taken = context.unmatched.get(person_id, ({}, {}))
    ranked_rules = sorted(blocking.items(), key=lambda item: -item[1])[:MAIN_RULES]
    interests = person.get("interests", []) if missing["interests"] is None else []
    return {
        "person": person_id,
        "as_of": _day(context.document["policy"]["as_of"]),
        "carers": carers,
        "taken": sorted(taken),
        "rules": [
            {
                "label": context.rules[r]["label"],
                "description": context.rules[r]["description"],
            }
            for r, _ in ranked_rules
        ],
        "matters": _what_matters(context, person),
        "interests": _listed(interests),
        "not_used": _not_used_for_consent(context, missing, list(explained.values())),
    }


def _render(context: _Scheme, person_id: str) -> str:
    return templates().get_template("easy_read.html.j2").render(page=_page(context, person_id))


def render_easy_read(scheme: _core.Scheme, result: MatchResult, person_id: str) -> str:
    """One person's Easy Read page as HTML text.

    The page lists the carers the person could meet (the proposed household first, then the
    rest of their shortlist), the main reasons for each in the engine's words, what the person
    said matters to them, what was not used because they did not consent to it, and that
    nothing is decided until they say yes; or, with no proposal, why not and what happens
    next. No scores, no names, no data without consent; the same input gives the same bytes.

    Args:
        scheme: the scheme the result was made from.
        result: the result of :func:`slmatch.match` on that scheme.
        person_id: the person's id.

    Returns:
        A self-contained HTML document (inline CSS and SVG, no script, no external link).

    Raises:
        SlmatchError: when the person is not in the scheme.
    """
    return _render(_Scheme(scheme, result), person_id)


def write_easy_read(
    directory: str | os.PathLike[str], scheme: _core.Scheme, result: MatchResult
) -> list[Path]:
    """Write every person's Easy Read page into `directory`, one file each, named
    ``<person id>.html`` (see :func:`page_file_name` for ids that are not plain file
    names); each file is written atomically.

    Args:
        directory: the folder for the pages; made if missing.
        scheme: the scheme the result was made from.
        result: the result of :func:`slmatch.match` on that scheme.

    Returns:
        The files written, people in scheme order.

    Raises:
        OSError: when the folder cannot be made or written.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    context = _Scheme(scheme, result)
    written = []
    for person_id in scheme.person_ids:
        path = folder / page_file_name(person_id)
        write_atomically(path, _render(context, person_id))
        written.append(path)
    return written
