"""The service keeps its OpenAPI contract: requests generated from the contract that
`slmatch serve` publishes at /openapi.json, sent to a real server over HTTP.

For every operation, schemathesis generates requests that fit the contract and requests
that break it, and checks each answer: never a server error; a status the operation
declares; the declared content type; a body that fits the declared schema; a 4xx for
input that breaks the contract; and a 401 once the token is taken away. Generated scheme
files are mostly refused (422), so every operation also gets requests that reach the
engine: the example scheme with generated options, pairs of its people and households,
proposal rounds' state with generated answers, and the id of a logged run.

Runs are bounded and repeatable: a fixed number of requests per operation, a deadline for
each, and Hypothesis derandomized (no example database), so a run sends the same requests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from service_server import EXAMPLE, ROOT, Server, start, stop

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import APIOperation, Case, GenerationMode  # noqa: E402
from schemathesis import checks as contract_checks  # noqa: E402

EXAMPLES_PER_OPERATION = 50
SCHEME_ID = "riverside"
CHECKS = [
    contract_checks.not_a_server_error,
    contract_checks.status_code_conformance,
    contract_checks.content_type_conformance,
    contract_checks.response_schema_conformance,
    contract_checks.response_headers_conformance,
    contract_checks.negative_data_rejection,
    contract_checks.ignored_auth,
]
# Parametrized from the checked-in contract, which test_service checks is the served one.
CHECKED_IN = json.loads((ROOT / "docs" / "openapi.json").read_text())
OPERATIONS = [
    f"{method.upper()} {path}" for path, item in CHECKED_IN["paths"].items() for method in item
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("service-contract")
    running = start(f"sqlite:///{folder / 'service.db'}", folder / "server.log")
    yield running
    stop(running)


@pytest.fixture(scope="module")
def token(server: Server) -> str:
    """An admin token, which may do everything, for the example scheme only."""
    return server.token("--scheme", SCHEME_ID, "--role", "admin")


@pytest.fixture(scope="module")
def contract(server: Server) -> Any:
    """The served contract; requests carry the token the caller adds, never a generated one."""
    config = schemathesis.Config.from_dict({"generation": {"with-security-parameters": False}})
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config)


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return document


@pytest.fixture(scope="module")
def engine_state(server: Server, token: str, example: dict[str, Any]) -> dict[str, Any]:
    """For the example scheme: proposal rounds' first state, a logged run's id and the
    pairs on the run's shortlists (pairs that pass every hard rule)."""
    with server.client(token) as client:
        rounds = client.post(f"/v1/schemes/{SCHEME_ID}/rounds", json=example)
        run = client.post(f"/v1/schemes/{SCHEME_ID}/match", json=example)
    assert rounds.status_code == 200 and run.status_code == 200
    return {
        "rounds": rounds.json(),
        "run_id": run.headers["slmatch-run-id"],
        "feasible": [
            {"person": proposal["person"], "household": listed["household"]}
            for proposal in run.json()["proposals"]
            for listed in proposal["shortlist"]
        ],
    }


def _with_body(body: Any) -> Callable[[Case], Case]:
    def replaced(case: Case) -> Case:
        case.body = json.loads(json.dumps(body))  # a fresh copy: checks may keep the case
        return case

    return replaced


def _with_answers(state: dict[str, Any]) -> Callable[[tuple[Case, list[Any]]], Case]:
    def replaced(case_and_answers: tuple[Case, list[Any]]) -> Case:
        case, answers = case_and_answers
        return _with_body({"state": state, "answers": answers})(case)

    return replaced


def _for_our_scheme(case: Case) -> Case:
    """A generated scheme file renamed to the scheme in the path, so valid ones get matched."""
    if isinstance(case.body, dict):
        case.body["id"] = SCHEME_ID
    return case


def _answers(rounds: dict[str, Any]) -> list[st.SearchStrategy[list[dict[str, Any]]]]:
    """Answers to a few of the round's introductions, each from one side or both; and both
    sides' answers to all of them, so that the next round may open."""
    pairs = [{"person": i["person"], "household": i["household"]} for i in rounds["introductions"]]
    sides = st.sampled_from(["person", "household", "both"])
    some = st.lists(
        st.tuples(st.sampled_from(pairs), st.booleans(), sides).map(
            lambda answer: {**answer[0], "accept": answer[1], "by": answer[2]}
        ),
        min_size=1,
        max_size=4,
    )
    every = st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)).map(
        lambda accepts: [{**pair, "accept": a} for pair, a in zip(pairs, accepts)]
    )
    return [some, every]


def _body_component(operation: APIOperation) -> str | None:
    """The name of the component describing the operation's body, if it takes one."""
    body = operation.definition.raw.get("requestBody")
    if body is None:
        return None
    reference: str = body["content"]["application/json"]["schema"]["$ref"]
    return reference.rsplit("/", 1)[1]


def requests_for(
    operation: APIOperation, example: dict[str, Any], engine_state: dict[str, Any]
) -> st.SearchStrategy[Case]:
    """Requests for one operation: generated to fit the contract (for any scheme, which the
    token mostly may not use, and for the example scheme), generated to break it, and the
    example scheme (or the rounds' state or the run it leads to) with generated options."""
    path = operation.path
    if path in ("/health", "/v1/version"):
        return operation.as_strategy()  # no parameters or body to vary or break
    ours = {"scheme_id": SCHEME_ID} if "{scheme_id}" in path else None
    if ours is not None and path.endswith("/runs/{run_id}/report"):  # the run that is logged
        ours["run_id"] = engine_state["run_id"]
    cases = [
        operation.as_strategy(),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=ours),
    ]
    people = st.sampled_from([p["id"] for p in example["people"]])
    households = st.sampled_from([h["id"] for h in example["households"]])
    query: st.SearchStrategy[dict[str, str]] = st.just({})
    if path.endswith("/explain"):
        query = st.fixed_dictionaries({"person": people, "household": households})
    elif path.endswith("/compare"):  # mostly with a household the person could live in
        query = st.tuples(
            st.one_of(
                st.sampled_from(engine_state["feasible"]),
                st.fixed_dictionaries({"person": people, "household": households}),
            ),
            households,
        ).map(lambda chosen: {**chosen[0], "versus": chosen[1]})

    def with_query(fixed: dict[str, str]) -> st.SearchStrategy[Case]:
        return operation.as_strategy(path_parameters=ours, query=fixed or None)

    engine = query.flatmap(with_query)
    body = _body_component(operation)
    if body == "scheme":
        cases.append(engine.map(_for_our_scheme))
        cases.append(engine.map(_with_body(example)))
    elif body == "rounds-answers":
        rounds = engine_state["rounds"]
        cases.extend(
            st.tuples(engine, answers).map(_with_answers(rounds)) for answers in _answers(rounds)
        )
    elif path.endswith("/runs/{run_id}"):  # a run that is logged, and ids that are not
        run = {"scheme_id": SCHEME_ID, "run_id": engine_state["run_id"]}
        cases.append(operation.as_strategy(path_parameters=run))
        cases.append(engine)
    else:
        cases.append(engine)
    return st.one_of(cases)


def bounded(examples: int) -> settings:
    """A fixed number of requests, each within a deadline, the same ones every run."""
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=20),
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
    )


def test_every_served_operation_is_checked(contract: Any) -> None:
    served = [result.ok().label for result in contract.get_all_operations()]
    assert sorted(served) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_generated_requests_get_answers_the_contract_declares(
    contract: Any,
    token: str,
    example: dict[str, Any],
    engine_state: dict[str, Any],
    label: str,
) -> None:
    operation = contract.find_operation_by_label(label)
    headers = {"Authorization": f"Bearer {token}"}
    statuses: list[int] = []

    @bounded(EXAMPLES_PER_OPERATION)
    @given(case=requests_for(operation, example, engine_state))
    def check(case: Case) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS, timeout=60)
        statuses.append(response.status_code)

    check()
    if label != "GET /health":
        assert 200 in statuses, f"{label}: no request reached the engine ({sorted(set(statuses))})"


@pytest.mark.parametrize("label", [label for label in OPERATIONS if label != "GET /health"])
def test_requests_without_a_valid_token_get_the_declared_401(
    contract: Any, token: str, label: str
) -> None:
    operation = contract.find_operation_by_label(label)
    wrong = token[:-1] + ("B" if token.endswith("A") else "A")  # a known id, a wrong secret
    statuses: list[int] = []

    @bounded(5)
    @given(case=operation.as_strategy(), authorization=st.sampled_from([None, wrong]))
    def check(case: Case, authorization: str | None) -> None:
        headers = {"Authorization": f"Bearer {authorization}"} if authorization else {}
        response = case.call_and_validate(headers=headers, checks=CHECKS, timeout=60)
        statuses.append(response.status_code)

    check()
    assert set(statuses) == {401}
