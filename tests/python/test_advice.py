"""What would help, first-choice costs and recruitment, checked the way a scheme would check
them: each change is written into the scheme file itself and the file is matched again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.optimize
import slmatch

CLI = str(Path(sys.executable).with_name("slmatch"))

HOUSEHOLD_LISTS = {
    "train_skill": "skills",
    "approve_need": "approved_needs",
    "add_home_feature": "features",
}


def apply_edit(document: dict[str, Any], edit: dict[str, Any]) -> None:
    """Write one reported edit into a scheme document, by the scheme format's field names."""
    if edit["kind"] == "widen_travel_limit":
        person = next(p for p in document["people"] if p["id"] == edit["person"])
        person["travel_limit_km"] = edit["km"]
        return
    household = next(h for h in document["households"] if h["id"] == edit["household"])
    kind = edit["kind"]
    if kind == "add_place":
        household["places"] = household.get("places", 1) + 1
    elif kind == "add_bedroom":
        household["free_bedrooms"] = household.get("free_bedrooms", 0) + 1
    elif kind == "approve_support_level":
        household["max_support_level"] = edit["value"]
    else:
        field = HOUSEHOLD_LISTS[kind]
        household[field] = sorted({*household.get(field, []), edit["value"]})


def rematch(document: dict[str, Any], objective: str) -> slmatch.MatchResult:
    return slmatch.match(slmatch.Scheme.from_json(json.dumps(document)), objective=objective)


def proposals(result: slmatch.MatchResult) -> dict[str, str | None]:
    """Each person's proposed household id, None when unmatched."""
    plan = result.plan
    return {
        person: household if isinstance(household, str) else None
        for person, household in zip(plan["person"], plan["household"], strict=True)
    }


def without_person(document: dict[str, Any], person: str) -> dict[str, Any]:
    """The scheme document with every household declining one person, so no plan has them."""
    edited = json.loads(json.dumps(document))
    for household in edited["households"]:
        household["declined_people"] = sorted({*household.get("declined_people", []), person})
    return edited


def value(result: slmatch.MatchResult, objective: str) -> tuple[int, float]:
    """What the objective compares: (people matched, total score), or the total alone."""
    return (0 if objective == "max_total" else result.matched, result.total_score)


def check_every_change(scheme: slmatch.Scheme, objective: str) -> int:
    """Apply each reported change to the scheme file and match again: the person gets a
    household. A change said to hold in every best plan must leave the scheme without that
    person worse off; otherwise the match proposes exactly the household and moves reported."""
    result = slmatch.match(scheme, objective=objective)
    before = proposals(result)
    document = json.loads(scheme.to_json())
    checked = 0
    for person in result.what_would_help():
        assert before[person["person"]] is None
        assert person["summary"]
        for option in person["options"]:
            edited = json.loads(json.dumps(document))
            for edit in option["edits"]:
                apply_edit(edited, edit)
            again = rematch(edited, objective)
            after = proposals(again)
            assert after[person["person"]] is not None, option["summary"]
            if option["every_best_plan"]:
                alone = rematch(without_person(edited, person["person"]), objective)
                assert value(alone, objective) < value(again, objective), option["summary"]
            else:
                assert after[person["person"]] == option["household"], option["summary"]
                moved = {m["person"]: m["to"] for m in option["moves"]}
                changed = {
                    p: h for p, h in after.items() if p != person["person"] and h != before[p]
                }
                assert moved == changed
            checked += 1
    return checked


def test_every_change_for_the_example_gives_the_person_a_household(
    example: slmatch.Scheme,
) -> None:
    assert check_every_change(example, "max_matched_then_total") > 5


def test_every_change_for_random_schemes_gives_the_person_a_household() -> None:
    checked = 0
    for seed in range(1, 9):
        scheme = slmatch.synthetic_scheme(people=40, households=14, seed=seed, household_cap=1)
        objective = "max_total" if seed % 3 == 0 else "max_matched_then_total"
        checked += check_every_change(scheme, objective)
    assert checked > 20


def test_recruitment_counts_equal_matching_again(example: slmatch.Scheme) -> None:
    confirmed = 0
    for seed, scheme in enumerate(
        [example, *(slmatch.synthetic_scheme(60, 20, seed=s) for s in (3, 4, 5))]
    ):
        result = slmatch.match(scheme)
        before = proposals(result)
        document = json.loads(scheme.to_json())
        summary = result.recruitment()
        for need in summary["needs"]:
            assert need["blocked"], need
            assert all(before[p] is None for p in need["blocked"])
            if not need["confirmed"]:
                continue
            edited = json.loads(json.dumps(document))
            for household in need["households"]:
                apply_edit(
                    edited, {"kind": need["kind"], "household": household, "value": need["value"]}
                )
            after = proposals(rematch(edited, "max_matched_then_total"))
            newly = sorted(p for p in before if before[p] is None and after[p] is not None)
            lost = sorted(p for p in before if before[p] is not None and after[p] is None)
            assert newly == need["newly_matched"], (seed, need["summary"])
            assert lost == need["no_longer_matched"]
            confirmed += 1
    assert confirmed > 3


def pinned_optimum(scheme: slmatch.Scheme, pin: tuple[str, str] | None) -> tuple[int, float]:
    """Most people matched, then the largest total score, by linear programming with HiGHS
    (the bipartite constraint matrix makes the LP's optimum integral): an independent
    solver for the plan with one pair pinned."""
    document = json.loads(scheme.to_json())
    people = [p["id"] for p in document["people"]]
    households = [h["id"] for h in document["households"]]
    edges = [
        (people.index(person), households.index(household), score)
        for person, household, score in scored_pairs(scheme)
    ]
    free = places_free(document)
    bonus = 1000.0 * (1 + sum(score for _, _, score in edges))
    cost = np.array([-(score + bonus) for _, _, score in edges])
    rows = []
    bounds = []
    for p in range(len(people)):
        rows.append([1.0 if e[0] == p else 0.0 for e in edges])
        bounds.append(1.0)
    for h in range(len(households)):
        rows.append([1.0 if e[1] == h else 0.0 for e in edges])
        bounds.append(float(free[h]))
    lower = np.zeros(len(edges))
    if pin is not None:
        k = next(
            i for i, e in enumerate(edges) if people[e[0]] == pin[0] and households[e[1]] == pin[1]
        )
        lower[k] = 1.0
    solution = scipy.optimize.linprog(
        cost,
        A_ub=np.array(rows),
        b_ub=np.array(bounds),
        bounds=list(zip(lower, np.ones(len(edges)), strict=True)),
        method="highs",
    )
    assert solution.status == 0
    chosen = [e for e, x in zip(edges, solution.x, strict=True) if x > 0.5]
    return len(chosen), sum(score for _, _, score in chosen)


def scored_pairs(scheme: slmatch.Scheme) -> list[tuple[str, str, float]]:
    """Every feasible pair with its score (rounded to 0.1, as the shortlists give it)."""
    every = slmatch.match(scheme, shortlist_size=len(scheme.household_ids))
    lists = every.shortlists
    return list(zip(lists["person"], lists["household"], lists["score"], strict=True))


def places_free(document: dict[str, Any]) -> list[int]:
    cap = document["policy"].get("household_cap", 3)
    return [
        max(0, min(h.get("places", 1), cap) - len(h.get("residents", [])))
        for h in document["households"]
    ]


def test_first_choice_costs_equal_an_independent_solver(
    example_without_groups: slmatch.Scheme,
) -> None:
    # The independent solver places people one by one, so the example without its groups.
    example = example_without_groups
    result = slmatch.match(example)
    costs = result.first_choices()
    assert costs
    matched, total = pinned_optimum(example, None)
    assert matched == result.matched
    # Scores are rounded to 0.1 for the independent solver: totals agree within that.
    slack = 0.05 * len(example.person_ids)
    assert total == pytest.approx(result.total_score, abs=slack)
    for cost in costs[:6]:
        assert cost["first_choice"] != cost["household"]
        assert cost["taken_by"], cost
        pinned_matched, pinned_total = pinned_optimum(
            example, (cost["person"], cost["first_choice"])
        )
        assert cost["matched_change"] == pinned_matched - matched
        assert cost["total_score_change"] == pytest.approx(pinned_total - total, abs=2 * slack)
        assert cost["first_choice"] in cost["summary"]


def cli_json(*args: str) -> Any:
    done = subprocess.run(
        [CLI, *args, "--format", "json"], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_cli_help_options_equals_python(example_path: Path, example: slmatch.Scheme) -> None:
    document = cli_json("help-options", str(example_path))
    assert document["people"] == slmatch.match(example).what_would_help()
    table = subprocess.run(
        [CLI, "help-options", str(example_path)], capture_output=True, text=True, check=True
    ).stdout
    for person in document["people"]:
        assert person["summary"] in table


def test_cli_recruitment_equals_python(example_path: Path, example: slmatch.Scheme) -> None:
    document = cli_json("recruitment", str(example_path))
    expected = slmatch.match(example).recruitment()
    assert document["needs"] == expected["needs"]
    assert document["areas"] == expected["areas"]


def test_cli_help_options_refuses_a_matched_or_unknown_person(
    example_path: Path, example: slmatch.Scheme
) -> None:
    plan = slmatch.match(example).plan
    matched = plan.loc[plan["household"].notna(), "person"].iloc[0]
    for person, message in [(matched, "already proposes"), ("NOBODY", "NOBODY")]:
        done = subprocess.run(
            [CLI, "help-options", str(example_path), "--person", person],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0
        assert message in done.stderr
        assert done.stdout == ""


def test_python_refuses_bad_arguments(example: slmatch.Scheme) -> None:
    result = slmatch.match(example)
    with pytest.raises(slmatch.SlmatchError):
        result.what_would_help("NOBODY")
    with pytest.raises(slmatch.SlmatchError):
        result.what_would_help(max_checks=-1)
    with pytest.raises(slmatch.SlmatchError):
        result.recruitment(area_km=0.0)
