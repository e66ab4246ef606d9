"""A draft algorithmic transparency record for a scheme that uses slmatch.

The record follows the shape of the UK Algorithmic Transparency Recording Standard (ATRS):
a tier 1 summary for the public and tier 2 detail (owner and responsibility, description
and rationale, decision-making process and human oversight, the tool's specification, the
data, and impact assessments and risks with a fairness audit). Everything the engine knows
is filled in from the engine itself: its hard rules and soft factors with their weights
and the data each reads (from the registry in ``slmatch._core.registry``), how many people
consented to each data category (counts only), and an audit of the scheme's plan by group
(small groups withheld). Everything only the scheme can say (who owns the tool, contacts,
impact assessments) is left as a field marked ``{"to_fill": "<what to write>"}``, never
invented.

Command line::

    slmatch transparency SCHEME.json [--output record.md] [--json record.json]

writes the record as Markdown (to standard output without ``--output``) and, with
``--json``, as JSON that follows ``data/schema/transparency-record.schema.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from slmatch import _core
from slmatch.matching import match
from slmatch.pages.files import templates, write_atomically

__all__ = [
    "RECORD_FORMAT",
    "consent_counts",
    "data_categories",
    "factors",
    "main",
    "rules",
    "scheme_weights",
    "transparency_markdown",
    "transparency_record",
]

#: The ``format`` of a transparency record document.
RECORD_FORMAT = "slmatch-transparency-record"
#: Groups of fewer people are not named in the record's fairness audit.
SMALL_GROUP_SIZE = 5


def rules() -> list[dict[str, Any]]:
    """Every hard rule the engine applies, in the engine's order.

    Returns:
        One dict per rule: ``id``, ``label`` (a short title), ``description`` (one sentence
        saying what it requires) and ``reads`` (the consent categories it reads; empty when
        it reads core assessment data only).
    """
    return list(_core.registry.rules())


def factors() -> list[dict[str, Any]]:
    """Every soft factor the engine scores, in the engine's order.

    Returns:
        One dict per factor: ``id``, ``label``, ``phrase`` (how sentences name it),
        ``description``, ``consent`` (the category the whole factor needs, or None),
        ``reads`` (every consent category it may read) and ``default_weight`` (the weight a
        scheme has when its policy sets none).
    """
    return list(_core.registry.factors())


def data_categories() -> list[dict[str, Any]]:
    """Every kind of personal data a person may consent to, in the engine's order.

    Returns:
        One dict per category: ``id``, ``title`` (how sentences name it) and ``no_consent``
        (the clause explanations use when consent to it was not given).
    """
    return list(_core.registry.data_categories())


def scheme_weights(scheme: _core.Scheme) -> dict[str, float]:
    """The scheme's weight of every factor, before each person's own overrides.

    Args:
        scheme: a validated scheme.

    Returns:
        ``{factor id: weight}`` in the engine's factor order.
    """
    return dict(_core.registry.weights(scheme))


def consent_counts(scheme: _core.Scheme) -> dict[str, dict[str, int]]:
    """How many people consent to each data category for each purpose (counts only).

    Consent is taken as it stands on the scheme's ``as_of`` date: records not yet given,
    expired or withdrawn do not count, and nobody who opted out counts for analysis.

    Args:
        scheme: a validated scheme.

    Returns:
        ``{category id: {purpose: number of people}}``, categories and purposes in the
        engine's order.
    """
    by_purpose = {
        purpose: _core.registry.consent_counts(scheme, purpose)
        for purpose in _core.vocabularies["consent purpose"]
    }
    return {
        category: {purpose: counts[category] for purpose, counts in by_purpose.items()}
        for category in _core.vocabularies["data category"]
    }


def _to_fill(guidance: str) -> dict[str, str]:
    """A field only the scheme can complete, with what to write there."""
    return {"to_fill": guidance}


def _figure(value: Any, digits: int) -> float | None:
    """An audit figure rounded for the record; None when the audit withheld it."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), digits)


# The audit measures the record reports, with the digits each is rounded to.
_DIGITS = {"match_rate": 3, "mean_wait_days": 1}


def _count(value: Any) -> int:
    """An audit count (nullable in the audit's frame) as an int; 0 when missing."""
    return 0 if value is None or pd.isna(value) else int(value)


def _fairness(scheme: _core.Scheme) -> dict[str, Any]:
    """The audit of the scheme's proposed plan, groups of fewer than SMALL_GROUP_SIZE
    people withheld (counted, not named)."""
    result = match(scheme)
    audit = result.audit_report(small_group_size=SMALL_GROUP_SIZE)
    groupings: dict[str, dict[str, Any]] = {}
    for row in audit.groups.to_dict(orient="records"):
        entry = groupings.setdefault(
            row["grouping"], {"grouping": row["grouping"], "groups": [], "withheld_groups": 0}
        )
        if row["small_group"]:
            entry["withheld_groups"] += 1
            continue
        entry["groups"].append(
            {
                "group": row["group"],
                "people": int(row["people"]),
                "matched": _count(row["matched"]),
                "match_rate": _figure(row["match_rate"], 3),
                "mean_wait_days": _figure(row["mean_wait_days"], 1),
                "median_wait_days": _figure(row["median_wait_days"], 1),
            }
        )
    overall = groupings.pop("overall", {"groups": []})["groups"]
    gaps = [
        {
            "grouping": row["grouping"],
            "measure": row["measure"],
            "largest_group": row["largest_group"],
            "largest": _figure(row["largest"], _DIGITS[row["measure"]]),
            "smallest_group": row["smallest_group"],
            "smallest": _figure(row["smallest"], _DIGITS[row["measure"]]),
            "gap": _figure(row["gap"], _DIGITS[row["measure"]]),
        }
        for row in audit.gaps.to_dict(orient="records")
        if row["measure"] in _DIGITS
    ]
    return {
        "as_of": audit.as_of,
        "small_group_size": SMALL_GROUP_SIZE,
        "overall": overall[0] if overall else None,
        "groupings": list(groupings.values()),
        "gaps": gaps,
        "score_inequality": {
            "gini_matched": _figure(audit.gini_matched, 3),
            "gini_all_people": _figure(audit.gini_all, 3),
        },
        "notes": list(audit.notes),
        "library_version": result.record()["library_version"],
    }


def transparency_record(scheme: _core.Scheme) -> dict[str, Any]:
    """A draft transparency record of the scheme's use of slmatch, in the shape of the UK
    Algorithmic Transparency Recording Standard.

    The engine's part is filled in from the engine: its rules and factors with this
    scheme's weights and the data each reads, how many people consented to each data
    category, and an audit of the scheme's plan (match rate and wait by group, groups of
    fewer than five withheld). What only the scheme can say is a ``{"to_fill": guidance}``
    object. Nothing about any one person is included; the same scheme gives the same
    record.

    Args:
        scheme: a validated scheme.

    Returns:
        The record as a JSON-ready dict following
        ``data/schema/transparency-record.schema.json``.
    """
    weights = scheme_weights(scheme)
    counts = consent_counts(scheme)
    fairness = _fairness(scheme)
    people = len(scheme.person_ids)
    factor_list = [
        {
            "id": f["id"],
            "label": f["label"],
            "description": f["description"],
            "weight": weights[f["id"]],
            "default_weight": f["default_weight"],
            "consent": f["consent"],
            "reads": list(f["reads"]),
        }
        for f in factors()
    ]
    rule_list = [
        {
            "id": r["id"],
            "label": r["label"],
            "description": r["description"],
            "reads": list(r["reads"]),
        }
        for r in rules()
    ]
    categories = [
        {
            "id": c["id"],
            "title": c["title"],
            "needs_consent": True,
            "people_consented": counts[c["id"]],
            "read_by_rules": [r["id"] for r in rule_list if c["id"] in r["reads"]],
            "read_by_factors": [f["id"] for f in factor_list if c["id"] in f["reads"]],
        }
        for c in data_categories()
    ]
    return {
        "format": RECORD_FORMAT,
        "version": 1,
        "status": "draft",
        "standard": "UK Algorithmic Transparency Recording Standard",
        "scheme": scheme.id,
        "tier_1": {
            "name": f"Shared Lives matching proposals for {scheme.name or scheme.id}",
            "description": (
                "A matching tool that proposes which approved Shared Lives carer households "
                "each person waiting could meet, with the reasons in plain English. Its output "
                "is a proposal for people to discuss; the person and the carer both decide."
            ),
            "website": _to_fill("The public web page about the scheme and this tool."),
            "contact": _to_fill("An email address or phone number people can use to ask about it."),
            "why_used": (
                "To help scheme workers draw up shortlists for everyone on the waiting list at "
                "once, consistently, with every proposal and every 'no' explained, and to show "
                "who waits longest or is never shortlisted."
            ),
            "how_it_works": (
                f"For each person and household the tool first applies {len(rule_list)} hard "
                "rules (listed in the tool specification); a pair that fails one is not "
                "proposed, and the reason is recorded. Pairs that pass are scored out of 100 on "
                f"{len(factor_list)} weighted factors (also listed there), each reading only data "
                "the person consented to; the person's own weights replace the scheme's where "
                "they set them. The tool then finds the plan that proposes a household for as "
                "many people as possible and, among those, the best total score, and lists each "
                "person's shortlist. The same data always gives the same proposals."
            ),
        },
        "tier_2": {
            "owner_and_responsibility": {
                "organisation": _to_fill("The organisation that runs the scheme."),
                "team": _to_fill("The team responsible for matching."),
                "senior_responsible_owner": _to_fill("The role accountable for the tool's use."),
                "external_supplier": _to_fill(
                    "Any company that hosts or supports the tool for the scheme, or 'none'."
                ),
                "library": {"name": "slmatch", "version": fairness["library_version"]},
            },
            "description_and_rationale": {
                "scope": (
                    "Adults referred to the scheme for long-term, short-break, day-support, "
                    "emergency or intermediate Shared Lives arrangements, and the scheme's "
                    "approved carer households."
                ),
                "benefits": (
                    "Shortlists for the whole waiting list at once, the same reasons for the "
                    "same facts, factor-by-factor explanations, and an audit of who waits."
                ),
                "alternatives_considered": _to_fill(
                    "How matching was done before (for example by hand) and why this tool "
                    "was chosen."
                ),
            },
            "decision_making_process": {
                "process": (
                    "The tool proposes; people decide. Scheme workers read each proposal and its "
                    "reasons, share profiles both ways, and arrange introductions. An "
                    "arrangement starts only when both the person and the carer say yes."
                ),
                "human_oversight": (
                    "Every proposal is reviewed by a scheme worker, who may choose another "
                    "household from the shortlist or outside it. The tool places nobody."
                ),
                "information_given": (
                    "Each proposal and each 'no' comes with plain-English reasons, rule by rule "
                    "and factor by factor, including which factors were not used because "
                    "consent was not given; each person can have an Easy Read page."
                ),
                "appeals_and_review": _to_fill(
                    "How a person, advocate or carer can question a proposal and ask for a "
                    "person to look at it again."
                ),
                "training": _to_fill("The training scheme workers have in using the tool."),
            },
            "specification": {
                "objective": (
                    "As many people as possible are proposed a household, then the best total "
                    "score; ties are broken the same way every time."
                ),
                "hard_rules": rule_list,
                "soft_factors": factor_list,
            },
            "data": {
                "core_data": (
                    "Assessment data always used, because a placement cannot be safe without it: "
                    "needs, support level, arrangement, accessibility and specialist needs, "
                    "home location, travel limit, must-nots, safeguarding flags and declines; "
                    "and the households' approvals, homes and members."
                ),
                "people": people,
                "households": len(scheme.household_ids),
                "categories": categories,
                "data_sharing": _to_fill("Who the scheme shares this data with, and why."),
                "retention": _to_fill("How long the scheme keeps the data and the outputs."),
            },
            "risks": {
                "impact_assessments": _to_fill(
                    "The data protection impact assessment and equality impact assessment, "
                    "with dates and where to read them."
                ),
                "risks_and_mitigations": [
                    {
                        "risk": "People are placed by a computer rather than by choice.",
                        "mitigation": (
                            "The output is a proposal only; both the person and the carer say yes "
                            "before anything starts."
                        ),
                    },
                    {
                        "risk": "Personal data is used without agreement.",
                        "mitigation": (
                            "Each data category is read only with the person's consent; "
                            "explanations say which factors were not used for lack of it."
                        ),
                    },
                    {
                        "risk": "Some groups wait longer or are never shortlisted.",
                        "mitigation": (
                            "The fairness audit below compares match rates and waits by group; "
                            "the scheme can choose objectives that lift the worst-off."
                        ),
                    },
                    {
                        "risk": "Decisions cannot be explained or repeated.",
                        "mitigation": (
                            "Every proposal and every 'no' is explained factor by factor, and the "
                            "same data always gives the same proposals."
                        ),
                    },
                ],
                "fairness_audit": {k: v for k, v in fairness.items() if k != "library_version"},
            },
        },
    }


def _markdown_text(value: Any) -> str:
    """Text for a Markdown line or table cell: characters Markdown would read as markup
    are escaped, and a field still to be filled in is marked as such."""
    if isinstance(value, dict) and "to_fill" in value:
        return f"**[To be completed by the scheme]** {_markdown_text(value['to_fill'])}"
    if value is None:
        return "withheld"
    text = str(value).replace("\n", " ")
    for character in "\\`*_[]<>|#":
        text = text.replace(character, "\\" + character)
    return text


def _markdown_templates() -> jinja2.Environment:
    environment = templates(html=False)
    environment.filters["md"] = _markdown_text
    return environment


def transparency_markdown(record: dict[str, Any]) -> str:
    """The transparency record as Markdown: a tier 1 summary, then each tier 2 section,
    with the fields still to be completed by the scheme marked in bold.

    Args:
        record: a record from :func:`transparency_record`.

    Returns:
        Markdown text ending in a newline.
    """
    return _markdown_templates().get_template("transparency.md.j2").render(record=record)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slmatch transparency",
        description=(
            "Write a draft algorithmic transparency record (UK ATRS shape) for a scheme's "
            "use of slmatch, as Markdown and JSON. Fields only the scheme can complete are "
            "marked to be filled in."
        ),
    )
    parser.add_argument("scheme", help="the scheme file (slmatch JSON format)")
    parser.add_argument(
        "--output", metavar="FILE", help="write the Markdown here (default: standard output)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the record as JSON here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``slmatch transparency``; returns the exit status (0 on success, 1 on bad input).

    Args:
        argv: the arguments after the program name; default ``sys.argv[1:]``.
    """
    arguments = _parser().parse_args(argv)
    try:
        scheme = _core.Scheme.load(arguments.scheme)
        record = transparency_record(scheme)
        markdown = transparency_markdown(record)
        if arguments.json:
            text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
            write_atomically(Path(arguments.json), text)
        if arguments.output:
            write_atomically(Path(arguments.output), markdown)
        else:
            sys.stdout.write(markdown)
    except (OSError, ValueError, _core.SlmatchError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
