from __future__ import annotations

from pathlib import Path

import pytest
import slmatch
from slmatch.simulation import SimulationParameters, _draw_world
from slmatch.simulation_events import simulated_event_log
from slmatch.simulation_replay import replay

RIVERSIDE = Path(__file__).resolve().parents[2] / "data" / "examples" / "riverside.json"
HISTORY = SimulationParameters(months=12.0, referrals_per_month=4.0, approvals_per_month=1.0)
SEED = 7


def test_replaying_the_policy_that_ran_gives_back_what_happened() -> None:
    # The history of a known world, and a scheme file holding everyone in it.
    scheme = _draw_world(HISTORY, SEED, slmatch.load_scheme(str(RIVERSIDE))).scheme
    log = simulated_event_log(HISTORY, "weekly/greedy", seed=SEED, scheme=RIVERSIDE)
    found = replay(log, scheme, ["weekly/greedy", "weekly/optimal"], HISTORY, replications=4)
    assert found.left_out == 0
    summary = found.summary.set_index(["policy", "figure"])
    same = summary.loc[("weekly/greedy", "placed")]
    assert abs(same["difference"]) <= 2
    wait = summary.loc[("weekly/greedy", "mean_wait_days")]
    assert abs(wait["difference"]) < 0.05 * wait["actual"]
    # Every person replayed has their wait in fact beside the policy's.
    people = found.people[found.people["policy"] == "weekly/optimal"]
    assert people["person"].is_unique
    assert (people["policy_wait_days"].dropna() >= 0).all()
    assert summary.loc[("weekly/optimal", "placed"), "policy_mean"] >= same["policy_mean"]


def test_people_the_scheme_does_not_hold_are_left_out() -> None:
    log = simulated_event_log(HISTORY, "weekly/greedy", seed=SEED, scheme=RIVERSIDE)
    found = replay(log, RIVERSIDE, ["weekly/greedy"], HISTORY)
    # The newcomers of the run are not in the scheme file.
    assert found.left_out > 0
    assert set(found.people["person"]) <= set(slmatch.load_scheme(str(RIVERSIDE)).person_ids)
    with pytest.raises(ValueError, match="replications"):
        replay(log, RIVERSIDE, ["weekly/greedy"], HISTORY, replications=0)
