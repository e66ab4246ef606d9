from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import pytest
import slmatch
from slmatch.simulation import SimulationParameters, _draw_world, _Run, simulate

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "data" / "examples" / "riverside.json"
PARAMETERS = SimulationParameters(months=6.0, referrals_per_month=4.0, approvals_per_month=1.0)


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(RIVERSIDE.read_text())


def test_the_run_starts_from_the_schemes_state(document: dict) -> None:
    world = _draw_world(PARAMETERS, 3, slmatch.load_scheme(str(RIVERSIDE)))
    view = json.loads(slmatch.analysis_view(slmatch.load_scheme(str(RIVERSIDE))).to_json())
    waiting = [person["id"] for person in view["people"]]
    assert world.person_ids[: len(waiting)] == waiting
    assert (world.arrival_day[: len(waiting)] == 0).all()
    as_of = datetime.date.fromisoformat(document["policy"]["as_of"])
    since = [
        (datetime.date.fromisoformat(person["waiting_since"]) - as_of).days
        for person in view["people"]
    ]
    grouped = world.group_of[: len(waiting)] >= 0
    np.testing.assert_array_equal(
        world.waiting_since_day[: len(waiting)][~grouped], np.array(since)[~grouped]
    )
    # Each resident holds a place in their household from day 0.
    residents = [len(home.get("residents", [])) for home in document["households"]]
    held = np.bincount(world.occupant_household, minlength=world.households)
    assert held[: len(residents)].tolist() == residents
    run = _Run(world, PARAMETERS, "weekly/optimal")
    assert (run.free == world.capacity - held).all()
    # Newcomers resemble the scheme's people: each is a copy of one of them, under a new id.
    needs = {tuple(person["needs"]) for person in view["people"]}
    frames = slmatch.scheme_to_frames(world.scheme)["people"]
    newcomers = frames.iloc[len(waiting) :]
    assert len(newcomers) > 0
    assert all(tuple(n) in needs for n in newcomers["needs"])
    assert not set(newcomers["id"]) & set(waiting)


def test_consent_for_analysis_is_respected(document: dict) -> None:
    world = _draw_world(PARAMETERS, 3, slmatch.load_scheme(str(RIVERSIDE)))
    opted_out = [p["id"] for p in document["people"] if p.get("national_data_opt_out")]
    assert opted_out and not set(opted_out) & set(world.person_ids)
    people = json.loads(world.scheme.to_json())["people"]
    by_id = {person["id"]: person for person in people}
    # Languages were consented for matching but not for analysis: nobody's are read.
    assert any(person.get("languages") for person in document["people"])
    assert not any(person.get("languages") for person in people)
    assert not by_id["P03"].get("interests")


def test_simulate_takes_a_path_text_or_scheme() -> None:
    policies = ["weekly/greedy"]
    from_path = simulate(policies, PARAMETERS, seed=1, scheme=RIVERSIDE)
    from_text = simulate(policies, PARAMETERS, seed=1, scheme=RIVERSIDE.read_text())
    from_scheme = simulate(policies, PARAMETERS, seed=1, scheme=slmatch.load_scheme(str(RIVERSIDE)))
    assert from_path.introductions.equals(from_text.introductions)
    assert from_path.introductions.equals(from_scheme.introductions)
    started = from_path.introductions[from_path.introductions["outcome"] == "started"]
    # People already waiting on day 0 carry their wait so far.
    assert started["waiting_since_day"].min() < 0
    assert started["wait_days"].max() > 6 * 30
    with pytest.raises(TypeError, match="scheme"):
        simulate(policies, PARAMETERS, scheme=42)  # type: ignore[arg-type]


def test_the_default_scheme_is_short_of_places() -> None:
    defaults = SimulationParameters()
    world = _draw_world(defaults, 0)
    run = _Run(world, defaults, "weekly/optimal")
    held = world.occupant_household.size
    places = world.capacity[: defaults.initial_households].sum()
    # 70 households with about 90% of their places held, and 15 people waiting.
    assert (defaults.initial_households, defaults.initial_waiting) == (70, 15)
    assert 0.85 * places <= held <= 0.95 * places
    run.run()
    figures = run.figures()
    # The waiting list grows: more people wait at the end than on day 0.
    assert figures["still_waiting"] > defaults.initial_waiting
    assert figures["mean_wait_days"] > 60
