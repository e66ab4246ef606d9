"""Every number of the example scheme set to values at and beyond its edges: the scheme is
either refused with the record and field that hold the value, or matched, explained and
audited like any other. Nothing in between, and never a crash."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import slmatch

EXTREMES: list[Any] = [
    0,
    -1,
    1e-300,
    90,
    -90,
    180,
    -180,
    1_000_001,
    2**31,
    2**63 - 1,
    -(2**63),
    1e300,
    -1.7976931348623157e308,
    "1899-12-31",
    "9999-12-31",
]


def numbers_and_dates(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every number and date in the first record of each list."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from numbers_and_dates(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:1]):
            yield from numbers_and_dates(value, (*path, index))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path
    elif isinstance(node, str) and len(node) == 10 and node[4] == "-" and node[7] == "-":
        yield path


def mutated(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> str:
    changed = json.loads(json.dumps(document))
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(changed)


def test_extreme_values_are_refused_by_field_or_matched(example_path: Path) -> None:
    document = json.loads(example_path.read_text())
    paths = list(numbers_and_dates(document))
    assert len(paths) > 25
    refused = matched = 0
    for path in paths:
        for value in EXTREMES:
            text = mutated(document, path, value)
            try:
                scheme = slmatch.Scheme.from_json(text)
            except slmatch.ValidationError as error:
                refused += 1
                fields = [field for _, field, _ in error.problems]
                # The problem names where the value is (or what it made inconsistent).
                assert all(fields), (path, value, error.problems)
                continue
            result = slmatch.match(scheme, shortlist_size=2)
            plan = result.plan
            assert len(plan) == len(scheme.person_ids)
            placed = plan[plan["household"].notna()]
            assert placed["score"].between(0, 100).all(), (path, value)
            for person in plan.itertuples():
                if isinstance(person.household, str) and person.household:
                    assert result.explain(person.person, person.household).summary
                    break
            result.audit()
            matched += 1
    # Both outcomes occur: the edges of each range are accepted, the values past them refused.
    assert refused > 100 and matched > 50, (refused, matched)


def test_extreme_values_go_through_the_advice_and_every_page(
    example_path: Path, tmp_path: Path
) -> None:
    from slmatch.pages.easy_read import render_easy_read
    from slmatch.pages.report import render_report
    from slmatch.pages.transparency import transparency_markdown, transparency_record

    document = json.loads(example_path.read_text())
    drawn = 0
    for path in numbers_and_dates(document):
        for value in EXTREMES:
            try:
                scheme = slmatch.Scheme.from_json(mutated(document, path, value))
            except slmatch.ValidationError:
                continue
            result = slmatch.match(scheme, shortlist_size=2)
            for found in result.what_would_help(max_checks=3):
                assert found["summary"], (path, value)
            assert all(cost["summary"] for cost in result.first_choices(max_people=3))
            assert "needs" in result.recruitment(max_confirmed=2)
            page = render_report(scheme, result, advice_work=20 * result.feasible_pairs)
            assert not re.search(r"\b(nan|inf)\b", page.split("</style>")[1], re.I), (path, value)
            assert render_easy_read(scheme, result, scheme.person_ids[0])
            assert transparency_markdown(transparency_record(scheme))
            drawn += 1
    assert drawn > 50


@pytest.mark.parametrize("limit", [20038.0, 9.3e18, 1e300, 1.7976931348623157e308])
def test_travel_limits_beyond_the_earth_match_everyone_who_fits(
    example_path: Path, limit: float
) -> None:
    document = json.loads(example_path.read_text())
    usual = slmatch.match(slmatch.Scheme.from_json(json.dumps(document)))
    document["policy"]["travel_limit_km"] = limit
    wide = slmatch.match(slmatch.Scheme.from_json(json.dumps(document)))
    assert wide.plan["household"].notna().sum() >= usual.plan["household"].notna().sum()
    assert "-9223372036854775808" not in wide.to_json()
