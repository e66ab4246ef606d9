from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pandas as pd
import slmatch
from slmatch.experiments import run_experiments, run_once, score_pairs
from slmatch.simulation import SimulationParameters, simulate
from slmatch.solvers import assign_capacitated, assign_fair, k_best_plans


def round_trip(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


def test_match_results_pickle(example: slmatch.Scheme) -> None:
    result = slmatch.match(example, shortlist_size=2, objective="max_total")
    again = round_trip(result)
    assert again.matched == result.matched
    assert again.total_score == result.total_score
    np.testing.assert_array_equal(again.household_of, result.household_of)
    pd.testing.assert_frame_equal(again.plan, result.plan)
    pd.testing.assert_frame_equal(again.shortlists, result.shortlists)
    explanation = result.explain("P01", "H02")
    assert again.explain("P01", "H02").reasons == explanation.reasons
    copied = round_trip(explanation)
    assert copied.summary == explanation.summary
    pd.testing.assert_frame_equal(copied.factors, explanation.factors)


def test_experiment_and_simulation_objects_pickle(example: slmatch.Scheme) -> None:
    outcome = run_once(example, objective="stable")
    again = round_trip(outcome)
    np.testing.assert_array_equal(again.score, outcome.score)
    assert again.metrics == outcome.metrics
    pairs = score_pairs(example)
    np.testing.assert_array_equal(round_trip(pairs).indices, pairs.indices)
    table = run_experiments(example, objectives=["optimal", "greedy"], progress=False)
    pd.testing.assert_frame_equal(round_trip(table), table)
    parameters = SimulationParameters(months=2.0, initial_households=8, initial_waiting=5)
    result = simulate(["weekly/optimal"], parameters, seed=1)
    again_result = round_trip(result)
    pd.testing.assert_frame_equal(again_result.introductions, result.introductions)
    assert again_result.parameters == parameters


def test_solver_results_and_rounds_pickle(example: slmatch.Scheme) -> None:
    person, household = np.array([0, 0, 1]), np.array([0, 1, 0])
    score, capacity = np.array([3.0, 2.0, 1.0]), np.array([1, 1])
    plan = assign_capacitated(person, household, score, capacity)
    assert round_trip(plan).total == plan.total
    fair = assign_fair(person, household, score, capacity, rule="leximin")
    assert round_trip(fair).lowest == fair.lowest
    best = k_best_plans(person, household, score, capacity, k=2)
    assert [p.total for p in round_trip(best)] == [p.total for p in best]
    rounds = slmatch.stable.ProposalRounds(example)
    assert round_trip(rounds).introductions().equals(rounds.introductions())
    audit = slmatch.match(example).audit()
    pd.testing.assert_frame_equal(round_trip(audit), audit)
