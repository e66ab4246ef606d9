"""slmatch.stable on a scheme: both sides' views, the stable plan, and proposal rounds."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
import slmatch
from slmatch import _core
from slmatch.stable import (
    ProposalRounds,
    blocking_pairs,
    explain_household_view,
    stable_match,
    views,
)

COLUMNS = ["person", "household", "rank", "score"]


def as_dicts(
    person_ranks: pd.DataFrame, household_ranks: pd.DataFrame, scheme: slmatch.Scheme
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Both sides' ranked lists as dictionaries of ids, best first."""
    people: dict[str, list[str]] = {p: [] for p in scheme.person_ids}
    for row in person_ranks.itertuples():
        people[row.person].append(row.household)
    households: dict[str, list[str]] = {h: [] for h in scheme.household_ids}
    for row in household_ranks.itertuples():
        households[row.household].append(row.person)
    return people, households


def test_views_frames_have_one_row_per_feasible_pair(
    example_without_groups: slmatch.Scheme,
) -> None:
    # Without groups a long shortlist is every feasible pair (a couple's lists hold only the
    # households that can take them both).
    example = example_without_groups
    person_ranks, household_ranks = views(example)
    assert list(person_ranks.columns) == COLUMNS
    assert list(household_ranks.columns) == COLUMNS
    assert len(person_ranks) == len(household_ranks) > 0
    # The same pairs on both sides, and exactly the feasible pairs the engine scores.
    pairs = set(zip(person_ranks.person, person_ranks.household))
    assert pairs == set(zip(household_ranks.person, household_ranks.household))
    result = slmatch.match(example, shortlist_size=1000)
    assert pairs == set(zip(result.shortlists.person, result.shortlists.household))
    # Person scores are the engine's scores of the pair (shortlists report 0.001 of a point).
    engine = result.shortlists.set_index(["person", "household"])["score"]
    mine = person_ranks.set_index(["person", "household"])["score"]
    assert np.allclose(mine.sort_index().to_numpy(), engine.sort_index().to_numpy(), atol=5.1e-4)
    for frame, owner in ((person_ranks, "person"), (household_ranks, "household")):
        assert frame["rank"].dtype == np.int64
        assert frame.score.between(0, 100).all()
        for _, group in frame.groupby(owner, sort=False):
            assert group["rank"].tolist() == list(range(1, len(group) + 1))
            assert (np.diff(group.score.round(3).to_numpy()) <= 0).all()


def test_views_household_weights_and_errors(example: slmatch.Scheme) -> None:
    _, default = views(example)
    _, only_carer = views(
        example,
        household_weights={
            "interests": 0,
            "language": 0,
            "lifestyle": 0,
            "household_mix": 0,
            "continuity": 0,
        },
    )
    assert len(default) == len(only_carer)
    assert not np.allclose(default.score.to_numpy(), only_carer.score.to_numpy())
    with pytest.raises(slmatch.ValidationError) as caught:
        views(example, household_weights={"faith_culture": 1.0, "kindness": 2.0})
    problems = caught.value.problems
    assert ("options", "household_weights.kindness", "unknown factor") in problems
    assert any(field == "household_weights.faith_culture" for _, field, _ in problems)
    with pytest.raises(slmatch.ValidationError, match=r"household_weights\.interests"):
        views(example, household_weights={"interests": -1})


def test_explain_household_view_adds_up(example: slmatch.Scheme) -> None:
    _, household_ranks = views(example)
    row = household_ranks.iloc[0]
    why = explain_household_view(example, row.person, row.household)
    assert why.score == pytest.approx(row.score, abs=1e-9)
    assert why.factors.points.sum() == pytest.approx(row.score, abs=1e-9)
    assert len(why.reasons) == len(why.factors) == 6
    assert why.summary.startswith(f"In household {row.household}'s view, {row.person}")
    with pytest.raises(slmatch.SlmatchError):
        explain_household_view(example, "nobody", row.household)


@pytest.mark.parametrize("optimal", ["person", "household"])
def test_stable_match_has_no_blocking_pairs(
    example_without_groups: slmatch.Scheme, optimal: str
) -> None:
    # People on their own; the example's groups are in test_stable_groups.py.
    example = example_without_groups
    plan = stable_match(example, optimal=optimal)
    assert list(plan.columns) == [
        "person",
        "household",
        "person_rank",
        "household_rank",
        "person_score",
        "household_score",
    ]
    assert plan.person.tolist() == example.person_ids
    matched = plan[plan.household.notna()]
    assert len(matched) > 0
    person_ranks, household_ranks = views(example)
    person_prefs, household_prefs = as_dicts(person_ranks, household_ranks, example)
    members: dict[str, list[str]] = {h: [] for h in example.household_ids}
    for row in matched.itertuples():
        members[row.household].append(row.person)
        assert person_prefs[row.person][row.person_rank - 1] == row.household
        assert household_prefs[row.household][row.household_rank - 1] == row.person
    # The places each household has, as the views give them.
    capacity = dict(zip(example.household_ids, _core.stable.views(example)[6].tolist()))
    for h, people in members.items():
        assert len(people) <= capacity[h]
    assert blocking_pairs(person_prefs, household_prefs, capacity, members) == []
    # The same plan as the dictionary API on the same lists.
    expected = slmatch.stable.hospital_resident(person_prefs, household_prefs, capacity, optimal)
    assert {h: sorted(p) for h, p in expected.items()} == {h: sorted(p) for h, p in members.items()}
    with pytest.raises(slmatch.ValidationError, match="optimal"):
        stable_match(example, optimal="carer")


def test_proposal_rounds_flow(example_without_groups: slmatch.Scheme) -> None:
    # People on their own; a group introduced together is in test_stable_groups.py.
    example = example_without_groups
    rounds = ProposalRounds(example)
    assert rounds.round == 1 and not rounds.finished
    first = rounds.introductions()
    assert list(first.columns) == ["person", "household", "person_answer", "household_answer"]
    assert (first.person_answer == "pending").all()
    plan = stable_match(example)
    expected = plan[plan.household.notna()][["person", "household"]]
    assert sorted(zip(first.person, first.household)) == sorted(
        zip(expected.person, expected.household)
    )

    # First introduction: both accept in two steps; second: the person declines; the rest:
    # accepted at once.
    a, b = first.iloc[0], first.iloc[1]
    rounds.answer(a.person, a.household, True, by="person")
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.next_round()
    assert caught.value.problems[0][0] == f"person {a.person}"
    rounds.answer(a.person, a.household, True, by="household")
    rounds.answer(b.person, b.household, False, reason="location", by="person")
    for row in first.iloc[2:].itertuples():
        rounds.answer(row.person, row.household, True)
    assert rounds.round_settled

    # The state survives JSON and pickling in the middle of the game.
    text = rounds.to_json()
    again = ProposalRounds.from_json(text)
    assert again.to_json() == text
    assert pickle.loads(pickle.dumps(rounds)).to_json() == text

    rounds.next_round()
    declined = rounds.declined()
    assert declined.to_dict("records") == [
        {
            "person": b.person,
            "household": b.household,
            "by": "person",
            "reason": "location",
            "round": 1,
        }
    ]
    accepted = rounds.accepted()
    assert len(accepted) == len(first) - 1
    assert (b.person, b.household) not in set(
        zip(rounds.introductions().person, rounds.introductions().household)
    )
    # Play on, declining everything, until the rounds finish; pairs never come back.
    seen = set(zip(first.person, first.household))
    for _ in range(1000):
        if rounds.finished:
            break
        intros = rounds.introductions()
        for row in intros.itertuples():
            assert (row.person, row.household) not in seen
            seen.add((row.person, row.household))
            rounds.answer(row.person, row.household, False, reason="timing")
        rounds.next_round()
    assert rounds.finished
    assert rounds.introductions().empty
    assert rounds.accepted().equals(accepted)
    assert "finished" in repr(rounds)


def test_proposal_rounds_errors_name_the_record_and_field(example: slmatch.Scheme) -> None:
    rounds = ProposalRounds(example)
    intro = rounds.introductions().iloc[0]
    other = next(h for h in example.household_ids if h != intro.household)
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.answer(intro.person, other, True)
    assert caught.value.problems == [
        (f"person {intro.person}", "answer", f"was not introduced to household {other} in round 1")
    ]
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.answer(intro.person, intro.household, False, reason="she was rude")
    assert caught.value.problems[0][:2] == (f"person {intro.person}", "reason")
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.answer(intro.person, intro.household, False, by="carer")
    assert caught.value.problems[0][:2] == (f"person {intro.person}", "by")
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.answer("nobody", intro.household, True)
    assert caught.value.problems[0][0] == "person nobody"
    with pytest.raises(slmatch.ValidationError) as caught:
        rounds.answer(intro.person, intro.household, True, reason="timing")
    assert caught.value.problems[0][2] == "an acceptance takes no reason"

    text = rounds.to_json()
    broken = text.replace(f'"person":"{intro.person}"', '"person":"nobody"', 1)
    with pytest.raises(slmatch.ValidationError) as caught:
        ProposalRounds.from_json(broken)
    assert caught.value.problems[0][0] == "person nobody"
    assert caught.value.problems[0][1].startswith("introductions[")
    with pytest.raises(slmatch.ValidationError) as caught:
        ProposalRounds.from_json("{not json")
    assert caught.value.problems[0][0] == "proposal_rounds"
    with pytest.raises(slmatch.ValidationError, match="number out of range") as caught:
        ProposalRounds.from_json('{"round": 1e999}')
    assert caught.value.problems[0][0] == "proposal_rounds"
    with pytest.raises(slmatch.ValidationError, match="optimal"):
        ProposalRounds(example, optimal="carer")
