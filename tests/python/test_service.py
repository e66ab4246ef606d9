"""The HTTP service, run as a user runs it: `slmatch serve` on 127.0.0.1 in its own process,
tokens made with `slmatch serve tokens create`, requests over real HTTP.

Every test runs against SQLite, and against PostgreSQL when SLMATCH_TEST_POSTGRESQL names
a server (the test command starts one; in CI a missing server fails the run).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import slmatch
from service_server import EXAMPLE, ROOT, Server, cli, free_port, start, stop

pytest.importorskip("fastapi")

POSTGRESQL = os.environ.get("SLMATCH_TEST_POSTGRESQL")
if os.environ.get("CI") and not POSTGRESQL:
    raise RuntimeError("CI runs the service tests on PostgreSQL: set SLMATCH_TEST_POSTGRESQL")


def _fresh_postgresql(url: str, name: str) -> str:
    """A URL for an empty database `name` on the test server (dropped first if there)."""
    import sqlalchemy as sa

    admin = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    base, _, query = url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


DATABASES = ["sqlite", *(["postgresql"] if POSTGRESQL else [])]


@pytest.fixture(scope="module", params=DATABASES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"service-{request.param}")
    if request.param == "sqlite":
        database = f"sqlite:///{folder / 'service.db'}"
    else:
        assert POSTGRESQL
        database = _fresh_postgresql(POSTGRESQL, "slmatch_service_test")
    running = start(database, folder / "server.log", "--max-body-mib", "1", "--body-seconds", "2")
    yield running
    stop(running)


@pytest.fixture(scope="module")
def tokens(server: Server) -> dict[str, str]:
    return {
        "matcher": server.token("--scheme", "riverside", "--role", "matcher"),
        "auditor": server.token("--scheme", "riverside", "--role", "auditor"),
        "admin": server.token("--scheme", "riverside", "--scheme", "elsewhere", "--role", "admin"),
        "elsewhere": server.token("--scheme", "elsewhere", "--role", "admin"),
    }


@pytest.fixture(scope="module")
def example_text() -> bytes:
    return EXAMPLE.read_bytes()


def elsewhere_text() -> bytes:
    document = json.loads(EXAMPLE.read_text())
    document["id"] = "elsewhere"
    return json.dumps(document).encode()


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_health_needs_no_token(server: Server) -> None:
    response = httpx.get(f"{server.url}/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_every_other_endpoint_needs_a_token(server: Server, example_text: bytes) -> None:
    paths = [
        ("GET", "/v1/version"),
        ("POST", "/v1/schemes/validate"),
        ("POST", "/v1/schemes/riverside/match"),
        ("POST", "/v1/schemes/riverside/explain?person=P01&household=H01"),
        ("POST", "/v1/schemes/riverside/compare?person=P01&household=H01&versus=H02"),
        ("POST", "/v1/schemes/riverside/audit"),
        ("POST", "/v1/schemes/riverside/stable"),
        ("POST", "/v1/schemes/riverside/rounds"),
        ("POST", "/v1/schemes/riverside/rounds/answers"),
        ("POST", "/v1/schemes/riverside/rounds/next"),
        ("GET", "/v1/schemes/riverside/runs"),
        ("GET", "/v1/schemes/riverside/runs/" + "0" * 32),
    ]
    with server.client() as client:
        for method, path in paths:
            response = client.request(
                method, path, content=example_text if method == "POST" else None
            )
            assert_problem(response, 401)
            assert response.headers["www-authenticate"].startswith("Bearer")


def test_bad_tokens_all_get_the_same_401(server: Server, tokens: dict[str, str]) -> None:
    matcher = tokens["matcher"]
    token_id = matcher.split("_")[1]
    revoked = server.token("--scheme", "riverside", "--role", "matcher")
    cli("serve", "--database", server.database, "tokens", "revoke", revoked.split("_")[1])
    expired = server.token(
        "--scheme", "riverside", "--role", "matcher", "--expires-days", "0.00001"
    )
    time.sleep(1.0)
    wrong_secret = f"slm_{token_id}_{'A' * 43}"
    bodies = []
    for header in [
        "",
        "Bearer",
        f"Basic {matcher}",
        "Bearer slm_nothing",
        f"Bearer {wrong_secret}",
        f"Bearer {matcher[:-1]}",
        f"Bearer slm_{'a' * 16}_{'b' * 43}",
        f"Bearer {revoked}",
        f"Bearer {expired}",
    ]:
        response = httpx.get(
            f"{server.url}/v1/version", headers={"Authorization": header} if header else {}
        )
        body = assert_problem(response, 401)
        bodies.append(body)
    assert all(body == bodies[0] for body in bodies)
    with server.client(matcher) as client:
        assert client.get("/v1/version").json() == {"version": slmatch.__version__}


def test_match_gives_the_cli_bytes_and_logs_the_run(
    server: Server, tokens: dict[str, str], example_text: bytes, tmp_path: Path
) -> None:
    with server.client(tokens["matcher"]) as client:
        response = client.post("/v1/schemes/riverside/match?shortlist_size=5", content=example_text)
    assert response.status_code == 200, response.text
    record = tmp_path / "record.json"
    expected = cli("match", str(EXAMPLE), "--format", "json", "--top", "5", "--record", str(record))
    assert response.text == expected.stdout
    location = response.headers["location"]
    run_id = response.headers["slmatch-run-id"]
    assert location == f"/v1/schemes/riverside/runs/{run_id}"
    with server.client(tokens["auditor"]) as client:
        assert client.get(location).text == record.read_text()
        listed = client.get("/v1/schemes/riverside/runs").json()["runs"]
    assert listed[0]["id"] == run_id
    assert listed[0]["options"] == {
        "objective": "max_matched_then_total",
        "shortlist_size": 5,
        "threads": 1,
    }
    assert listed[0]["token"] == tokens["matcher"].split("_")[1]
    assert json.loads(record.read_text())["input_sha256"] == listed[0]["scheme_sha256"]


def test_a_runs_report_is_the_page_slmatch_report_writes(
    server: Server, tokens: dict[str, str], example_text: bytes, tmp_path: Path
) -> None:
    with server.client(tokens["matcher"]) as client:
        matched = client.post("/v1/schemes/riverside/match?shortlist_size=5", content=example_text)
        page = client.post(matched.headers["location"] + "/report", content=example_text)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    expected = tmp_path / "report.html"
    cli("report", str(EXAMPLE), "--output", str(expected), "--top", "5")
    assert page.text == expected.read_text()


def test_a_runs_report_needs_the_runs_own_scheme_and_a_matcher(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["matcher"]) as client:
        location = client.post("/v1/schemes/riverside/match", content=example_text).headers[
            "location"
        ]
        other = json.loads(example_text)
        other["people"][0]["travel_limit_km"] = 1.5
        assert_problem(client.post(location + "/report", content=json.dumps(other)), 409)
        unknown = "/v1/schemes/riverside/runs/" + "0" * 32 + "/report"
        assert_problem(client.post(unknown, content=example_text), 404)
    with server.client(tokens["auditor"]) as client:
        assert_problem(client.post(location + "/report", content=example_text), 403)
    with server.client(tokens["elsewhere"]) as client:
        assert_problem(client.post(location + "/report", content=example_text), 403)
    assert_problem(httpx.post(server.url + location + "/report", content=example_text), 401)


def test_policy_overrides_change_the_plan(
    server: Server, tokens: dict[str, str], example_text: bytes, tmp_path: Path
) -> None:
    document = json.loads(example_text)
    del document["groups"]  # a cap of 1 leaves no household for the example's couples
    original = json.dumps(document).encode()
    document["policy"].update({"travel_limit_km": 9.5, "household_cap": 1})
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document))
    with server.client(tokens["matcher"]) as client:
        response = client.post(
            "/v1/schemes/riverside/match",
            params={"travel_limit_km": 9.5, "household_cap": 1, "objective": "max_total"},
            content=original,
        )
        too_small = client.post(
            "/v1/schemes/riverside/match", params={"household_cap": 1}, content=example_text
        )
    assert_problem(too_small, 422)
    assert (
        response.text
        == cli("match", str(edited), "--format", "json", "--objective", "max_total").stdout
    )


def test_explanations_audit_and_stable_plans(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["matcher"]) as client:
        explained = client.post(
            "/v1/schemes/riverside/explain",
            params={"person": "P01", "household": "H01"},
            content=example_text,
        )
        compared = client.post(
            "/v1/schemes/riverside/compare",
            params={"person": "P01", "household": "H01", "versus": "H22"},
            content=example_text,
        )
        audited = client.post(
            "/v1/schemes/riverside/audit", params={"as_of": "2027-01-01"}, content=example_text
        )
        stable = client.post(
            "/v1/schemes/riverside/stable", params={"proposing": "households"}, content=example_text
        )
        unknown = client.post(
            "/v1/schemes/riverside/explain",
            params={"person": "P999", "household": "H01"},
            content=example_text,
        )
    assert (
        explained.text
        == cli(
            "explain", str(EXAMPLE), "--person", "P01", "--household", "H01", "--format", "json"
        ).stdout
    )
    assert (
        compared.text
        == cli(
            "explain",
            str(EXAMPLE),
            "--person",
            "P01",
            "--household",
            "H01",
            "--versus",
            "H22",
            "--format",
            "json",
        ).stdout
    )
    assert (
        audited.text
        == cli("audit", str(EXAMPLE), "--format", "json", "--as-of", "2027-01-01").stdout
    )
    assert audited.headers["slmatch-run-id"]
    plan = stable.json()
    frame = slmatch.stable.stable_match(slmatch.load_scheme(str(EXAMPLE)), "household")
    assert [row["household"] for row in plan["plan"]] == [
        h if isinstance(h, str) else None for h in frame["household"]
    ]
    problem = assert_problem(unknown, 422)
    assert problem["problems"][0]["field"] == "person_id"


def test_proposal_rounds_stay_with_the_caller(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    scheme = slmatch.load_scheme(str(EXAMPLE))
    python = slmatch.stable.ProposalRounds(scheme)
    with server.client(tokens["matcher"]) as client:
        state = client.post("/v1/schemes/riverside/rounds", content=example_text).json()
        assert state == json.loads(python.to_json())
        early = client.post("/v1/schemes/riverside/rounds/next", json={"state": state})
        assert {p["field"] for p in assert_problem(early, 422)["problems"]} == {"answer"}
        answers = []
        for k, row in enumerate(python.introductions().itertuples()):
            accept = k % 4 != 0
            reason = None if accept else "timing"
            python.answer(row.person, row.household, accept, reason=reason)
            answers.append(
                {
                    "person": row.person,
                    "household": row.household,
                    "accept": accept,
                    "reason": reason,
                }
            )
        answered = client.post(
            "/v1/schemes/riverside/rounds/answers", json={"state": state, "answers": answers}
        )
        assert answered.status_code == 200, answered.text
        python.next_round()
        following = client.post(
            "/v1/schemes/riverside/rounds/next", json={"state": answered.json()}
        )
        assert following.json() == json.loads(python.to_json())
        again = client.post(
            "/v1/schemes/riverside/rounds/answers",
            json={"state": state, "answers": answers + answers[:1]},
        )
        assert assert_problem(again, 422)["problems"][0]["field"] == "answer"


def test_tenants_are_kept_apart(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["matcher"]) as client:
        assert_problem(client.post("/v1/schemes/elsewhere/match", content=elsewhere_text()), 403)
        assert_problem(client.post("/v1/schemes/validate", content=elsewhere_text()), 403)
        mismatch = client.post("/v1/schemes/riverside/match", content=elsewhere_text())
        assert assert_problem(mismatch, 422)["problems"][0]["field"] == "id"
    with server.client(tokens["elsewhere"]) as client:
        assert_problem(client.post("/v1/schemes/riverside/match", content=example_text), 403)
        assert_problem(client.get("/v1/schemes/riverside/runs"), 403)
        done = client.post("/v1/schemes/elsewhere/match", content=elsewhere_text())
        assert done.status_code == 200
        elsewhere_run = done.headers["location"]
    with server.client(tokens["admin"]) as client:
        # A run is found only under its own scheme, even by a token for both.
        run_id = elsewhere_run.rsplit("/", 1)[1]
        assert_problem(client.get(f"/v1/schemes/riverside/runs/{run_id}"), 404)
        assert client.get(elsewhere_run).status_code == 200
        assert all(
            r["id"] != run_id for r in client.get("/v1/schemes/riverside/runs").json()["runs"]
        )
    with server.client(tokens["auditor"]) as client:
        assert_problem(client.get(elsewhere_run), 403)


def test_roles_limit_what_a_token_does(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["matcher"]) as client:
        assert_problem(client.get("/v1/schemes/riverside/runs"), 403)
    with server.client(tokens["auditor"]) as client:
        assert_problem(client.post("/v1/schemes/riverside/match", content=example_text), 403)
        assert_problem(
            client.post(
                "/v1/schemes/riverside/explain?person=P01&household=H01", content=example_text
            ),
            403,
        )
        assert client.post("/v1/schemes/riverside/audit", content=example_text).status_code == 200
        assert client.get("/v1/schemes/riverside/runs").status_code == 200


def test_bad_input_is_refused_by_record_and_field(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    document = json.loads(example_text)
    document["people"][0]["support_level"] = "enormous"
    document["households"][2]["location"]["lat"] = 1e308
    deep = b"[" * 100000 + b"]" * 100000
    with server.client(tokens["matcher"]) as client:
        invalid = assert_problem(
            client.post("/v1/schemes/validate", content=json.dumps(document)), 422
        )
        assert [(p["record"], p["field"]) for p in invalid["problems"]] == [
            (f"person {document['people'][0]['id']}", "support_level"),
            (f"household {document['households'][2]['id']}", "location.lat"),
        ]
        assert_problem(client.post("/v1/schemes/riverside/match", content=b"{not json"), 422)
        assert_problem(client.post("/v1/schemes/riverside/match", content=b""), 422)
        nested = assert_problem(client.post("/v1/schemes/riverside/match", content=deep), 422)
        assert nested["problems"][0]["record"] == "file"
        assert_problem(client.post("/v1/schemes/riverside/match", content=b"[" * 5000), 422)
        assert_problem(client.post("/v1/schemes/riverside/match", content=b"1" + b"0" * 5000), 422)
        assert_problem(
            client.post("/v1/schemes/riverside/rounds/answers", content=b"[" * 5000 + b"]" * 5000),
            422,
        )
        assert_problem(
            client.post("/v1/schemes/riverside/rounds/answers", json={"state": {}, "answers": []}),
            422,
        )
        bad_query = assert_problem(
            client.post("/v1/schemes/riverside/match?shortlist_size=-1", content=example_text), 422
        )
        assert bad_query["problems"][0]["field"] == "shortlist_size"
        assert_problem(
            client.post("/v1/schemes/riverside/match?objective=best", content=example_text), 422
        )
        assert_problem(
            client.post("/v1/schemes/riverside/match?travel_limit_km=1e999", content=example_text),
            422,
        )
        assert_problem(client.get("/v1/no/such/path"), 404)
        assert client.get("/health").status_code == 200


def test_oversized_and_slow_bodies_are_cut_off(server: Server, tokens: dict[str, str]) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    with server.client(tokens["matcher"]) as client:
        assert_problem(client.post("/v1/schemes/riverside/match", content=b" " * (2**20 + 1)), 413)
    head = (
        "POST /v1/schemes/riverside/match HTTP/1.1\r\n"
        f"Host: {host}\r\nAuthorization: Bearer {tokens['matcher']}\r\n"
        "Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{"
    )
    with socket.create_connection((host, int(port)), timeout=10) as large:
        # Declared larger than the limit: refused before the body is sent.
        large.sendall(head.replace("{length}", str(2**30)).encode())
        assert large.recv(65536).decode(errors="replace").startswith("HTTP/1.1 413")
    with socket.create_connection((host, int(port)), timeout=10) as slow:
        slow.sendall(head.replace("{length}", "1000").encode())
        started = time.monotonic()
        answer = slow.recv(65536).decode(errors="replace")
        assert time.monotonic() - started < 8
        assert answer.startswith("HTTP/1.1 408")
    assert httpx.get(f"{server.url}/health").status_code == 200


def declared(server: Server, method: str, path: str) -> set[int]:
    """The statuses the served contract declares for an operation."""
    contract = httpx.get(f"{server.url}/openapi.json").json()
    return {int(status) for status in contract["paths"][path][method]["responses"]}


def test_the_version_declares_its_401(server: Server) -> None:
    assert_problem(httpx.get(f"{server.url}/v1/version"), 401)
    assert 401 in declared(server, "get", "/v1/version")


def test_an_unknown_run_gets_the_declared_404(server: Server, tokens: dict[str, str]) -> None:
    with server.client(tokens["auditor"]) as client:
        assert_problem(client.get("/v1/schemes/riverside/runs/" + "0" * 32), 404)
    assert 404 in declared(server, "get", "/v1/schemes/{scheme_id}/runs/{run_id}")


def test_every_operation_with_a_body_declares_413_and_408(
    server: Server, tokens: dict[str, str]
) -> None:
    contract = httpx.get(f"{server.url}/openapi.json").json()
    ids = {"person": "P01", "household": "H01", "versus": "H22"}
    with server.client(tokens["matcher"]) as client:
        for path, item in contract["paths"].items():
            if "requestBody" not in item.get("post", {}):
                continue
            concrete = path.replace("{scheme_id}", "riverside").replace("{run_id}", "0" * 32)
            parameters = item["post"].get("parameters", [])
            params = {p["name"]: ids[p["name"]] for p in parameters if p["name"] in ids}
            too_large = client.post(concrete, params=params, content=b" " * (2**20 + 1))
            assert_problem(too_large, 413)
            assert {408, 413} <= declared(server, "post", path), path


def test_compare_refuses_a_household_the_person_cannot_live_in(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    def compare(person: str, household: str, versus: str) -> httpx.Response:
        params = {"person": person, "household": household, "versus": versus}
        with server.client(tokens["matcher"]) as client:
            return client.post("/v1/schemes/riverside/compare", params=params, content=example_text)

    problem = assert_problem(compare("P14", "H01", "H02"), 422)["problems"][0]
    assert (problem["record"], problem["field"]) == ("query", "household")
    assert problem["message"].startswith("Household H01 cannot support P14")
    assert assert_problem(compare("P01", "H01", "H01"), 422)["problems"][0]["field"] == "versus"
    assert compare("P01", "H01", "H03").status_code == 200


def test_answers_must_name_ids_in_valid_unicode(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["matcher"]) as client:
        state = client.post("/v1/schemes/riverside/rounds", content=example_text).json()
        for answer in [
            {"person": "\ud800", "household": "H01", "accept": True},
            {"person": "P01", "household": "H01", "accept": False, "reason": "\udfff"},
            {"person": "P01\u0000P02", "household": "H01", "accept": True},  # not P01
            {"person": "P01", "household": "H01", "accept": True, "by": None},
        ]:
            # json.dumps keeps lone surrogates as \u escapes, as a client's JSON may
            body = json.dumps({"state": state, "answers": [answer]})
            refused = client.post("/v1/schemes/riverside/rounds/answers", content=body)
            assert assert_problem(refused, 422)["problems"][0]["field"] == "answers"


def test_unknown_query_parameters_are_refused_by_name(
    server: Server, tokens: dict[str, str], example_text: bytes
) -> None:
    with server.client(tokens["admin"]) as client:
        misspelt = client.post(
            "/v1/schemes/riverside/match", params={"houshold_cap": 1}, content=example_text
        )
        listed = client.get("/v1/schemes/riverside/runs", params={"limit": 1, "offset": 5})
        version = client.get("/v1/version", params={"verbose": 1})
        known = client.post(
            "/v1/schemes/riverside/match", params={"household_cap": 2}, content=example_text
        )
    for response, name in [(misspelt, "houshold_cap"), (listed, "offset"), (version, "verbose")]:
        problems = assert_problem(response, 422)["problems"]
        assert [(p["record"], p["field"]) for p in problems] == [("query", name)]
    assert known.status_code == 200, known.text
    # Checked only once the token may make the request.
    assert_problem(httpx.get(f"{server.url}/v1/version", params={"verbose": 1}), 401)


def test_the_run_log_is_append_only(server: Server) -> None:
    import sqlalchemy as sa
    from slmatch.service import store

    engine = store.open_database(server.database)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(store.runs.update().values(scheme_id="changed"))
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(store.runs.delete())
    engine.dispose()


def test_tokens_are_stored_only_as_hashes(server: Server, tokens: dict[str, str]) -> None:
    import sqlalchemy as sa
    from slmatch.service import store

    engine = store.open_database(server.database)
    with engine.connect() as connection:
        stored = [tuple(map(str, row)) for row in connection.execute(sa.select(store.tokens))]
    engine.dispose()
    secrets_ = [token.split("_", 2)[2] for token in tokens.values()]
    assert stored and not any(secret in " ".join(row) for secret in secrets_ for row in stored)


def test_the_log_holds_no_personal_data(server: Server) -> None:
    text = server.log.read_text()
    document = json.loads(EXAMPLE.read_text())
    names = [p["name"] for p in document["people"] if p.get("name")]
    assert names and not any(name in text for name in names)
    assert "P01" not in text


def test_the_served_contract_is_the_checked_in_one(server: Server) -> None:
    served = httpx.get(f"{server.url}/openapi.json").json()
    assert served["openapi"].startswith("3.1")
    checked_in = json.loads((ROOT / "docs" / "openapi.json").read_text())
    assert served == checked_in, (
        "docs/openapi.json is stale: run `slmatch serve openapi > docs/openapi.json`"
    )


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("busy")
    running = start(
        f"sqlite:///{folder / 'busy.db'}", folder / "server.log",
        "--workers", "1", "--queue", "1", "--request-seconds", "0.5",
    )  # fmt: skip
    yield running
    stop(running)


def test_a_full_queue_and_a_slow_match_get_503(busy_server: Server, tmp_path: Path) -> None:
    large = tmp_path / "large.json"
    cli(
        "generate",
        "--people",
        "12000",
        "--households",
        "8000",
        "--seed",
        "5",
        "--output",
        str(large),
    )
    document = json.loads(large.read_text())
    token = busy_server.token(
        "--scheme", document["id"], "--scheme", "riverside", "--role", "matcher"
    )
    body = large.read_bytes()
    path = f"/v1/schemes/{document['id']}/match"

    def post() -> httpx.Response:
        with busy_server.client(token) as client:
            return client.post(path, content=body)

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: post(), range(6)))
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) == {503}, statuses
    for answer in answers:
        assert answer.headers["retry-after"].isdigit()
        assert answer.json()["detail"]
    # The engine finishes the abandoned work, then takes requests again.
    with busy_server.client(token) as client:
        for _ in range(300):
            validated = client.post("/v1/schemes/validate", content=EXAMPLE.read_bytes())
            if validated.status_code != 503:
                break
            time.sleep(0.1)
    assert validated.status_code == 200 and validated.json()["id"] == "riverside"


def test_the_readme_commands_work(tmp_path: Path) -> None:
    """The README's service commands, as written: make a token, start the service (its
    SQLite default, in the current folder), match with curl."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Service (HTTP)", 1)[1]
    blocks = [block.split("```", 1)[0] for block in section.split("```sh\n")[1:3]]
    commands = [line.split("  #", 1)[0].strip() for line in blocks[0].splitlines()]
    create = next(c for c in commands if " tokens create " in c)
    serve = next(c for c in commands if c.endswith("serve --port 8080"))
    venv = str(Path(sys.executable).parent)
    made = subprocess.run(
        create.replace(".venv/bin", venv),
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    port = free_port()
    with (tmp_path / "server.log").open("w") as log:
        # A session of its own, so stopping it stops the service the shell started too.
        process = subprocess.Popen(
            serve.replace(".venv/bin", venv).replace("8080", str(port)),
            shell=True,
            cwd=tmp_path,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        assert (tmp_path / "slmatch-service.db").exists()
        curl = blocks[1].replace("8080", str(port)).replace("@data/", f"@{ROOT}/data/")
        done = subprocess.run(
            ["bash", "-c", curl],
            env={**os.environ, "TOKEN": made.stdout.strip()},
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout == cli("match", str(EXAMPLE), "--format", "json", "--top", "5").stdout
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        process.wait(timeout=20)


def test_any_servable_scheme_id_is_safe_in_paths_and_headers(
    server: Server, example_text: bytes
) -> None:
    refused = cli("serve", "--database", server.database, "tokens", "create", "--scheme", "a/b",
                  "--scheme", "c\r\nSet-Cookie: x=1", "--role", "admin", check=False)  # fmt: skip
    assert refused.returncode == 2 and "cannot be served" in refused.stderr
    document = json.loads(example_text)
    document["id"] = "east & west ✓ %2F"
    token = server.token("--scheme", document["id"], "--role", "admin")
    path = "/v1/schemes/" + urllib.parse.quote(document["id"], safe="") + "/match"
    with server.client(token) as client:
        response = client.post(path, content=json.dumps(document))
        assert response.status_code == 200, response.text
        assert response.headers["location"].startswith(
            "/v1/schemes/east%20%26%20west%20%E2%9C%93%20%252F/"
        )
        assert client.get(response.headers["location"]).status_code == 200
