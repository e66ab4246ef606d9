from __future__ import annotations

import json
import pickle

import pytest
import slmatch
from slmatch import _core
from slmatch.synthetic import synthetic_scheme


def test_synthetic_scheme_is_deterministic() -> None:
    first = synthetic_scheme(60, 40, seed=9)
    assert synthetic_scheme(60, 40, seed=9) == first
    assert synthetic_scheme(60, 40, seed=10) != first
    assert first.to_json() == synthetic_scheme(60, 40, seed=9).to_json()


def test_synthetic_scheme_has_the_sizes_asked_for() -> None:
    scheme = synthetic_scheme(25, 12)
    assert len(scheme.person_ids) == 25
    assert len(scheme.household_ids) == 12
    assert scheme.person_ids[0] == "P000001"
    assert scheme.household_ids[-1] == "H000012"
    assert scheme.person_ids == sorted(scheme.person_ids)
    empty = synthetic_scheme(0, 0)
    assert empty.person_ids == []
    assert empty.household_ids == []


def test_synthetic_scheme_passes_options_to_the_policy() -> None:
    scheme = synthetic_scheme(10, 10, seed=2, household_cap=2, travel_limit_km=15.5)
    policy = json.loads(scheme.to_json())["policy"]
    assert policy["household_cap"] == 2
    assert policy["travel_limit_km"] == 15.5
    assert synthetic_scheme(10, 10, seed=2, radius_km=0.0, clusters=1) != scheme


def test_synthetic_scheme_round_trips_and_matches() -> None:
    scheme = synthetic_scheme(40, 30, seed=3)
    assert slmatch.Scheme.from_json(scheme.to_json()) == scheme
    assert pickle.loads(pickle.dumps(scheme)) == scheme
    result = slmatch.match(scheme)
    assert 0 < result.matched <= 40


def test_group_share_puts_people_in_groups_and_leaves_the_rest_as_it_was() -> None:
    plain = synthetic_scheme(200, 80, seed=5)
    assert synthetic_scheme(200, 80, seed=5, group_share=0.0).to_json() == plain.to_json()
    assert "groups" not in json.loads(plain.to_json())
    scheme = synthetic_scheme(200, 80, seed=5, group_share=0.4)
    assert scheme == synthetic_scheme(200, 80, seed=5, group_share=0.4)
    document = json.loads(scheme.to_json())
    groups = document["groups"]
    members = [person for group in groups for person in group["members"]]
    assert len(members) == len(set(members))
    assert abs(len(members) - 80) <= 2
    assert set(members) <= set(scheme.person_ids)
    for group in groups:
        assert group["kind"] in _core.vocabularies["group kind"]
        assert group["together"] in _core.vocabularies["togetherness"]
        assert 2 <= len(group["members"]) <= 3
    assert document["households"] == json.loads(plain.to_json())["households"]
    assert slmatch.Scheme.from_json(scheme.to_json()) == scheme
    assert pickle.loads(pickle.dumps(scheme)) == scheme


@pytest.mark.parametrize("argument", ["people", "households"])
def test_negative_sizes_are_value_errors_naming_the_argument(argument: str) -> None:
    sizes = {"people": 5, "households": 5, argument: -1}
    with pytest.raises(ValueError, match=f"^{argument} must be >= 0$"):
        synthetic_scheme(sizes["people"], sizes["households"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"seed": -1}, "seed must be >= 0"),
        ({"seed": 2**64}, "seed must be <= "),
        ({"radius_km": -1.0}, "radius_km must be between 0 and 1000"),
        ({"radius_km": float("nan")}, "radius_km must be finite"),
        ({"clusters": 0}, "clusters must be >= 1"),
        ({"household_cap": 4}, "household_cap must be <= 3"),
        ({"travel_limit_km": 0.0}, "travel_limit_km must be above 0"),
        ({"group_share": -0.1}, "group_share must be between 0 and 1"),
        ({"group_share": 1.5}, "group_share must be between 0 and 1"),
        ({"group_share": float("nan")}, "group_share must be finite"),
    ],
)
def test_out_of_range_options_are_value_errors(options: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        synthetic_scheme(3, 3, **options)  # type: ignore[arg-type]


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="people must be an integer"):
        synthetic_scheme(2.5, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="households must be an integer"):
        synthetic_scheme(3, True)


def test_synthetic_calendar_scheme_asks_for_short_breaks_and_day_support() -> None:
    from slmatch import calendar

    scheme = slmatch.synthetic_calendar_scheme(30, 12, seed=4, from_date="2027-01-04", weeks=6)
    assert scheme == slmatch.synthetic_calendar_scheme(30, 12, 4, from_date="2027-01-04", weeks=6)
    document = json.loads(scheme.to_json())
    # The people and households of the plain generator, each with a calendar.
    plain = json.loads(synthetic_scheme(30, 12, seed=4).to_json())
    assert [p["id"] for p in document["people"]] == [p["id"] for p in plain["people"]]
    assert all("calendar" in p for p in document["people"])
    assert all(h["calendar"]["short_break_beds"] in (1, 2) for h in document["households"])
    kinds = {p["arrangement"] for p in document["people"]}
    assert kinds == {"short_break", "day_support"}
    plan = calendar.plan(scheme, from_date="2027-01-04", weeks=6, seconds=5)
    assert plan.units["covered"].any()
    assert set(plan.units["start"].dt.strftime("%Y-%m-%d")) <= {
        f"2027-{month:02d}-{day:02d}" for month in (1, 2) for day in range(1, 32)
    }


def test_synthetic_calendar_scheme_names_a_bad_argument() -> None:
    with pytest.raises(ValueError, match="weeks"):
        slmatch.synthetic_calendar_scheme(5, 5, weeks=105)
    with pytest.raises(slmatch.SlmatchError, match="from_date"):
        slmatch.synthetic_calendar_scheme(5, 5, from_date="4 January")
