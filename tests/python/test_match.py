from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import slmatch


@pytest.fixture(scope="module")
def result(example: slmatch.Scheme) -> slmatch.MatchResult:
    return slmatch.match(example, shortlist_size=3)


def test_every_person_is_matched_or_told_why(
    example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    plan = result.plan
    assert list(plan["person"]) == example.person_ids
    matched = plan[plan["status"] == "matched"]
    unmatched = plan[plan["status"] == "unmatched"]
    assert len(matched) == result.matched > 0
    assert len(unmatched) > 0, "the example has people who cannot be matched"
    assert matched["household"].isin(example.household_ids).all()
    assert unmatched["household"].isna().all()
    assert (unmatched["summary"].str.len() > 20).all()
    assert set(result.unmatched["person"]) == set(unmatched["person"])


def test_plan_respects_household_places(
    example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    document = json.loads(example.to_json())
    cap = document["policy"].get("household_cap", 3)
    free = {
        h["id"]: min(h["places"], cap) - len(h.get("residents", [])) for h in document["households"]
    }
    counts = result.plan.dropna(subset=["household"])["household"].value_counts()
    for household, count in counts.items():
        assert count <= free[household]


def test_explanations_add_up_to_the_score(result: slmatch.MatchResult) -> None:
    explained = result.explanations
    used = explained[explained["used"]]
    totals = used.groupby("person")["points"].sum()
    scores = result.plan.set_index("person")["score"].dropna()
    assert set(totals.index) == set(scores.index)
    for person, total in totals.items():
        assert total == pytest.approx(scores[person], abs=0.01)


def test_shortlists_are_ranked_best_first(result: slmatch.MatchResult) -> None:
    lists = result.shortlists
    assert lists.groupby("person")["rank"].max().max() <= 3
    for _, group in lists.groupby("person"):
        assert list(group["score"]) == sorted(group["score"], reverse=True)


def test_explain_any_pair(example: slmatch.Scheme, result: slmatch.MatchResult) -> None:
    unmatched_person = result.plan[result.plan["status"] == "unmatched"]["person"].iloc[0]
    why = result.explain(unmatched_person, example.household_ids[0])
    assert not why.feasible
    assert len(why.failed_rules) > 0
    assert isinstance(why.factors, pd.DataFrame)
    with pytest.raises(slmatch.SlmatchError, match="no person"):
        result.explain("nobody", example.household_ids[0])


def test_matching_is_deterministic(example: slmatch.Scheme) -> None:
    first = slmatch.match(example).to_json()
    second = slmatch.match(slmatch.Scheme.from_json(example.to_json())).to_json()
    assert first == second


def test_certificate_prices_are_consistent(example_path: Path) -> None:
    # The LP certificate proves plans without groups; the example's couples are left out.
    document = json.loads(example_path.read_text())
    del document["groups"]
    result = slmatch.match(slmatch.Scheme.from_json(json.dumps(document)))
    person_price, household_price = result.certificate
    assert (person_price >= 0).all() and (household_price >= 0).all()
    unmatched = np.flatnonzero(result.household_of < 0)
    assert (person_price[unmatched] == 0).all()


def test_max_total_never_scores_lower(example: slmatch.Scheme, result: slmatch.MatchResult) -> None:
    best_total = slmatch.match(example, objective="max_total")
    assert best_total.total_score >= result.total_score - 1e-9
    assert best_total.matched <= result.matched
    with pytest.raises(slmatch.SlmatchError, match="objective"):
        slmatch.match(example, objective="fastest")  # type: ignore[arg-type]


def test_match_releases_the_gil(example: slmatch.Scheme) -> None:
    outputs: list[str] = []
    threads = [
        threading.Thread(target=lambda: outputs.append(slmatch.match(example).to_json()))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outputs) == 4 and len(set(outputs)) == 1


def test_compare_explains_the_gap_to_the_chosen_household(result: slmatch.MatchResult) -> None:
    lists = result.shortlists
    plan = result.plan.set_index("person")
    person = next(
        p
        for p, group in lists.groupby("person")
        if len(group) >= 2 and plan.loc[p, "household"] == group["household"].iloc[0]
    )
    chosen, other = lists[lists["person"] == person]["household"].iloc[:2]
    comparison = result.compare(person, chosen, other)
    assert comparison.other_feasible
    expected_gap = (
        plan.loc[person, "score"]
        - lists[lists["household"] == other].query("person == @person")["score"].iloc[0]
    )
    assert comparison.gap == pytest.approx(expected_gap, abs=0.01)
    assert comparison.differences["difference"].sum() == pytest.approx(-comparison.gap, abs=0.01)
    assert other in comparison.summary and chosen in comparison.summary
    with pytest.raises(slmatch.SlmatchError):
        result.compare(person, chosen, chosen)


def test_threads_do_not_change_the_result(example: slmatch.Scheme) -> None:
    assert slmatch.match(example, threads=2).to_json() == slmatch.match(example).to_json()
    with pytest.raises(slmatch.SlmatchError, match="threads"):
        slmatch.match(example, threads=0)
