"""Enum names come from the C++ vocabularies: every layer accepts exactly those names and
an unknown name is refused with the field and the allowed names."""

from __future__ import annotations

import pytest
import slmatch
from slmatch import _core, calendar, experiments, simulation, solvers

PROBLEM = ([0, 0, 1, 1], [0, 1, 0, 1], [100, 40, 50, 30], [1, 1])


def test_vocabularies_are_read_only_tuples_of_unique_names() -> None:
    assert _core.vocabularies
    for title, names in _core.vocabularies.items():
        assert isinstance(names, tuple) and names, title
        assert len(set(names)) == len(names), title
    with pytest.raises(TypeError):
        _core.vocabularies["objective"] = ("fastest",)  # type: ignore[index]


def test_python_names_are_the_core_vocabularies() -> None:
    assert solvers.OBJECTIVES == _core.vocabularies["objective"]
    assert solvers.FAIRNESS_RULES == _core.vocabularies["fairness rule"]
    assert solvers.CHANGE_KINDS == _core.vocabularies["change kind"]
    assert solvers.CHANGE_CAUSES == _core.vocabularies["change cause"]
    assert experiments.OBJECTIVES == _core.vocabularies["run objective"]
    assert set(simulation.SOLVERS) <= set(_core.vocabularies["run objective"])


def test_calendar_plan_names_are_the_core_vocabularies(example: slmatch.Scheme) -> None:
    plan = calendar.plan(example, weeks=4)
    assert plan.method in _core.vocabularies["calendar method"]
    assert set(plan.units["kind"]) == set(_core.vocabularies["calendar unit"])
    assert set(plan.units["request"]) <= set(_core.vocabularies["request part"])
    assert set(plan.units["part"].dropna()) <= set(_core.vocabularies["part of day"])
    assert _core.vocabularies["weekday"][0] == "monday"
    assert "required" in _core.vocabularies["carer continuity"]
    assert set(_core.vocabularies["allowance period"]) == {"month", "year"}
    assert set(_core.vocabularies["recurrence frequency"]) == {"weekly", "monthly"}


@pytest.mark.parametrize("objective", _core.vocabularies["objective"])
def test_every_objective_name_is_accepted(objective: str) -> None:
    plan = solvers.assign_capacitated(*PROBLEM, objective=objective)
    solvers.verify_capacitated(*PROBLEM, plan=plan, objective=objective)


@pytest.mark.parametrize("rule", _core.vocabularies["fairness rule"])
def test_every_fairness_rule_is_accepted(rule: str) -> None:
    plan = solvers.assign_fair(*PROBLEM, rule=rule, waiting_days=[3, 1])
    assert plan.matched == 2


def test_every_proposing_side_is_accepted(example: slmatch.Scheme) -> None:
    for side in _core.vocabularies["proposing side"]:
        assert _core.stable.ProposalRounds(example, side).round >= 0


def test_every_decline_reason_is_accepted(example: slmatch.Scheme) -> None:
    for reason in _core.vocabularies["decline reason"]:
        rounds = slmatch.stable.ProposalRounds(example)
        person, household = rounds.introductions().iloc[0][["person", "household"]]
        rounds.answer(person, household, False, reason=reason, by="person")
        assert list(rounds.declined()["reason"]) == [reason]


def _only_problem(raised: pytest.ExceptionInfo[slmatch.ValidationError]) -> tuple[str, str, str]:
    assert len(raised.value.problems) == 1
    return raised.value.problems[0]


@pytest.mark.parametrize(
    ("field", "title"), [("objective", "objective"), ("rule", "fairness rule")]
)
def test_unknown_solver_option_names_the_field_and_the_allowed_names(
    field: str, title: str
) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        solvers.assign_fair(*PROBLEM, **{field: "fastest"})
    allowed = ", ".join(_core.vocabularies[title])
    assert _only_problem(raised) == ("options", field, f'must be one of {allowed} (is "fastest")')
    assert allowed in {
        "max_matched_then_total, max_total",
        "egalitarian, leximin, waiting_priority",
    }


def test_unknown_run_objective_names_the_field_and_the_allowed_names(
    example: slmatch.Scheme,
) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        experiments.run_once(example, objective="best")
    record, field, message = _only_problem(raised)
    assert (record, field) == ("settings", "objective")
    assert message == f'must be one of {", ".join(experiments.OBJECTIVES)} (is "best")'


def test_unknown_proposing_side_names_its_field_and_values(example: slmatch.Scheme) -> None:
    with pytest.raises(slmatch.ValidationError) as raised:
        _core.stable.ProposalRounds(example, "person")
    assert _only_problem(raised) == (
        "options",
        "proposing",
        'must be one of people, households (is "person")',
    )


def test_unknown_answer_names_the_field_and_the_allowed_names(example: slmatch.Scheme) -> None:
    rounds = slmatch.stable.ProposalRounds(example)
    person, household = rounds.introductions().iloc[0][["person", "household"]]
    with pytest.raises(slmatch.ValidationError) as raised:
        rounds.answer(person, household, False, reason="bored")
    assert _only_problem(raised)[1:] == (
        "reason",
        f'must be one of {", ".join(_core.vocabularies["decline reason"])} (is "bored")',
    )
    with pytest.raises(slmatch.ValidationError) as raised:
        rounds.answer(person, household, False, by="carer")
    assert _only_problem(raised)[1:] == (
        "by",
        'must be one of person, household, both (is "carer")',
    )


def test_check_name_refuses_an_unknown_vocabulary() -> None:
    with pytest.raises(slmatch.SlmatchError, match="no vocabulary"):
        _core._check_name("flavour", "options", "flavour", "mint")
    _core._check_name("reply", "options", "answer", "accept")
    assert _core.vocabularies["reply"] == ("pending", "accept", "decline")
