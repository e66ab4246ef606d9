from __future__ import annotations

import datetime
import json
import threading

import numpy as np
import pandas as pd
import pytest
import scipy.sparse
import slmatch
from slmatch import _core
from slmatch.experiments import (
    EXPERIMENT_COLUMNS,
    OBJECTIVES,
    random_weight_settings,
    run_experiments,
    run_once,
    score_matrix,
    score_pairs,
)
from slmatch.solvers import assign_fair


def consenting_to_analysis(scheme: slmatch.Scheme) -> slmatch.Scheme:
    """The scheme with everyone's consent to analysis of what matching and equality monitoring
    may read, and no opt-outs, so that experiments (which read only the analysis view) see
    what `match` sees."""
    document = json.loads(scheme.to_json())
    as_of = document["policy"]["as_of"]
    views = {
        purpose: json.loads(_core.purpose.view_for(scheme, purpose).to_json())["people"]
        for purpose in ("matching", "equality_monitoring")
    }
    for k, person in enumerate(document["people"]):
        categories = set(views["matching"][k]["consent"]) | set(
            views["equality_monitoring"][k]["consent"]
        )
        person["national_data_opt_out"] = False
        # Whatever analysis consent the scheme already records stands as it is.
        categories -= {
            r["category"] for r in person.get("consents", []) if r["purpose"] == "analysis"
        }
        person["consents"] = [
            *person.get("consents", []),
            *(
                {"category": c, "purpose": "analysis", "given_by": "person", "given_on": as_of}
                for c in sorted(categories)
            ),
        ]
    return slmatch.Scheme.from_json(json.dumps(document))


@pytest.fixture(scope="module")
def synthetic() -> slmatch.Scheme:
    return consenting_to_analysis(slmatch.synthetic_scheme(60, 40, seed=11, household_cap=2))


@pytest.fixture(scope="module")
def example(example: slmatch.Scheme) -> slmatch.Scheme:
    """The example scheme, its people consenting to analysis of what matching may read."""
    return consenting_to_analysis(example)


@pytest.fixture(scope="module")
def example_without_groups(example_without_groups: slmatch.Scheme) -> slmatch.Scheme:
    """The example without its groups, its people consenting to analysis likewise."""
    return consenting_to_analysis(example_without_groups)


def _edges(scheme: slmatch.Scheme) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    pairs = score_pairs(scheme)
    person = np.repeat(np.arange(pairs.shape[0]), np.diff(pairs.indptr))
    capacity = _core.stable.views(scheme)[6]
    return person, pairs.indices.astype(np.int64), pairs.data, capacity


def _waiting_days(scheme: slmatch.Scheme) -> np.ndarray:
    frames = slmatch.scheme_to_frames(scheme)
    as_of = datetime.date.fromisoformat(frames["policy"]["as_of"])
    since = [datetime.date.fromisoformat(day) for day in frames["people"]["waiting_since"]]
    return np.array([max(0, (as_of - day).days) for day in since], dtype=np.int64)


def _greedy(person: np.ndarray, household: np.ndarray, score: np.ndarray, capacity: np.ndarray):
    weight = np.rint(score * 1000).astype(np.int64)
    order = np.lexsort((household, person, -weight))
    plan = np.full(int(person.max()) + 1 if person.size else 0, -1)
    left = capacity.copy()
    for k in order:
        if plan[person[k]] < 0 and left[household[k]] > 0:
            plan[person[k]] = household[k]
            left[household[k]] -= 1
    return plan


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_rows_equal_direct_calls(
    which: str, example_without_groups: slmatch.Scheme, synthetic: slmatch.Scheme
):
    # People placed one by one, as the direct calls below place them; the experiments with
    # the example's groups are checked against the grouped solvers in the C++ tests.
    scheme = example_without_groups if which == "example" else synthetic
    table = run_experiments(scheme, objectives=OBJECTIVES, progress=False)
    assert list(table.columns) == list(EXPERIMENT_COLUMNS)
    assert list(table["objective"]) == list(OBJECTIVES)
    rows = table.set_index("objective")
    plain = slmatch.match(scheme)
    assert rows.loc["optimal", "matched"] == plain.matched
    assert rows.loc["optimal", "total_score"] == pytest.approx(plain.total_score, abs=1e-6)
    best_total = slmatch.match(scheme, objective="max_total")
    assert rows.loc["max_total", "total_score"] == pytest.approx(best_total.total_score, abs=1e-6)

    person, household, score, capacity = _edges(scheme)
    for rule in ("egalitarian", "leximin", "waiting_priority"):
        fair = assign_fair(
            person,
            household,
            score,
            capacity,
            rule=rule,
            waiting_days=_waiting_days(scheme),
            people=len(scheme.person_ids),
            resolution=0.001,
        )
        assert rows.loc[rule, "matched"] == fair.matched
        assert rows.loc[rule, "total_score"] == pytest.approx(fair.total, abs=1e-6)
        assert rows.loc[rule, "lowest_score"] == pytest.approx(fair.lowest, abs=1e-6)

    stable = slmatch.stable.stable_match(scheme)
    assert rows.loc["stable", "matched"] == int(stable["household"].notna().sum())
    assert rows.loc["stable", "blocking_pairs"] == 0

    greedy = run_once(scheme, objective="greedy")
    expected = _greedy(person, household, score, capacity)
    np.testing.assert_array_equal(greedy.household_of[: expected.size], expected)
    assert rows.loc["greedy", "matched"] == int((expected >= 0).sum())

    # The inequality columns are the audit's own figures for the plan.
    outcome = run_once(scheme, objective="optimal")
    audit = slmatch.audit_plan(scheme, outcome.household_of, outcome.score)
    gaps = audit.gaps.groupby("measure")["gap"].max()
    if "match_rate" in gaps:
        assert rows.loc["optimal", "match_rate_gap"] == pytest.approx(gaps["match_rate"], abs=5e-4)
    assert rows.loc["optimal", "gini"] == pytest.approx(audit.gini_all, abs=5e-4)
    assert (table["cpp_seconds"] > 0).all()
    assert rows.loc["optimal", "mean_score"] == pytest.approx(
        plain.total_score / plain.matched, abs=1e-6
    )


def test_settings_equal_a_scheme_changed_the_same_way(synthetic: slmatch.Scheme) -> None:
    frames = slmatch.scheme_to_frames(synthetic)
    weights = {"community": 6.0, "interests": 0.5}
    policy = dict(frames["policy"])
    policy["weights"] = {**policy.get("weights", {}), **weights}
    policy["household_cap"] = 1
    policy["travel_limit_km"] = 25.0
    changed = slmatch.scheme_from_frames(
        frames["people"], frames["households"], residents=frames["residents"], policy=policy
    )
    direct = slmatch.match(changed)
    row = run_once(synthetic, weights=weights, household_cap=1, travel_limit_km=25.0)
    assert row.metrics["matched"] == direct.matched
    assert row.metrics["total_score"] == pytest.approx(direct.total_score, abs=1e-6)
    np.testing.assert_array_equal(row.household_of, direct.household_of)


def test_score_matrix_shares_the_engines_arrays(synthetic: slmatch.Scheme) -> None:
    matrix = score_matrix(synthetic)
    assert isinstance(matrix, scipy.sparse.csr_matrix)
    assert matrix.shape == (60, 40)
    assert not matrix.data.flags.owndata
    assert not matrix.indices.flags.owndata
    dense = score_matrix(synthetic, dense=True)
    feasible = ~np.isnan(dense)
    assert feasible.sum() == matrix.nnz
    np.testing.assert_allclose(matrix.toarray()[feasible], dense[feasible])
    plan = slmatch.match(synthetic)
    for p, h in enumerate(plan.household_of):
        if h >= 0:
            assert feasible[p, h]
    heavier = score_matrix(synthetic, weights={"community": 20.0})
    assert heavier.nnz == matrix.nnz
    assert not np.allclose(heavier.data, matrix.data)


def test_seeds_reproduce(synthetic: slmatch.Scheme) -> None:
    first = run_experiments(synthetic, weights=3, objectives=["optimal"], seed=5, progress=False)
    again = run_experiments(synthetic, weights=3, objectives=["optimal"], seed=5, progress=False)
    pd.testing.assert_frame_equal(
        first.drop(columns="cpp_seconds"), again.drop(columns="cpp_seconds")
    )
    assert random_weight_settings(3, 5) == random_weight_settings(3, 5)
    assert random_weight_settings(3, 5) != random_weight_settings(3, 6)


def test_grid_is_tidy(example: slmatch.Scheme, synthetic: slmatch.Scheme) -> None:
    table = run_experiments(
        {"riverside": example, "synthetic": synthetic},
        weights={"scheme": None, "community first": {"community": 8.0}},
        objectives=["optimal", "greedy"],
        policies={"cap 1": {"household_cap": 1}, "cap 3": {"household_cap": 3}},
        progress=False,
    )
    assert len(table) == 2 * 2 * 2 * 2
    assert not table.duplicated(["scheme", "weights", "objective", "policy"]).any()
    cap1 = table[table["policy"] == "cap 1"].set_index(["scheme", "weights", "objective"])
    cap3 = table[table["policy"] == "cap 3"].set_index(["scheme", "weights", "objective"])
    assert (cap1["matched"] <= cap3["matched"]).all()
    optimal = table[table["objective"] == "optimal"].set_index(["scheme", "weights", "policy"])
    greedy = table[table["objective"] == "greedy"].set_index(["scheme", "weights", "policy"])
    assert (optimal["matched"] >= greedy["matched"]).all()


def test_bad_settings_name_the_argument(example: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.ValidationError, match="objective"):
        run_once(example, objective="best")
    with pytest.raises(slmatch.ValidationError, match="household_cap"):
        run_once(example, household_cap=7)
    with pytest.raises(slmatch.ValidationError, match="travel_limit_km"):
        run_once(example, travel_limit_km=-1.0)
    with pytest.raises(slmatch.ValidationError, match=r"weights\.bogus"):
        run_once(example, weights={"bogus": 1.0})
    with pytest.raises(slmatch.ValidationError, match=r"weights\.community"):
        score_pairs(example, weights={"community": -2.0})
    with pytest.raises(ValueError, match="objectives"):
        run_experiments(example, objectives=["optimal", "best"], progress=False)
    with pytest.raises(ValueError, match="unknown key 'cap'"):
        run_experiments(example, policies={"x": {"cap": 2}}, progress=False)
    with pytest.raises(ValueError, match=r"weights\['w'\]: expected None"):
        run_experiments(example, weights={"w": 3}, progress=False)
    with pytest.raises(ValueError, match=r"policies\['p'\]: expected a mapping"):
        run_experiments(example, policies={"p": 2}, progress=False)
    with pytest.raises(ValueError, match="count"):
        random_weight_settings(0)
    with pytest.raises(ValueError, match="batch_size"):
        run_experiments(example, batch_size=0, progress=False)


def test_runs_release_the_gil(synthetic: slmatch.Scheme) -> None:
    results: list[float] = []

    def work() -> None:
        results.append(run_once(synthetic, objective="leximin").metrics["total_score"])

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 3
