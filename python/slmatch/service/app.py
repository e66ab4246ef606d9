"""The HTTP API: validate, match, explain, compare, audit, stable plans, proposal rounds and
the run log, for case systems.

Every endpoint but ``/health`` needs a bearer token scoped to the scheme in its path (see
:mod:`slmatch.service.tokens`). Scheme bodies are scheme files; answers carry the same bytes
the CLI writes (see data/schema/). Matching never keeps state: proposal rounds travel as
their JSON state, which the caller sends back with each step. Every match or audit adds a
row to the run log; nothing personal beyond ids is logged anywhere.
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.parse
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any, Literal, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Path, Query, Request, Response
from sqlalchemy.engine import Engine

import slmatch
from slmatch import _c_interface as engine_c
from slmatch.service import contract, store, tokens
from slmatch.service.limits import WorkerPool, read_body
from slmatch.service.pages import run_page
from slmatch.service.problems import Problem, install_handlers, unauthenticated
from slmatch.service.settings import Settings

T = TypeVar("T")

JSON = "application/json"
SCHEME_ID = Path(description="The scheme's id, as in its file; the token must be scoped to it.")
_ID_PATTERN = r"^[^\x00-\x1f]{1,256}$"
# Ids and words in a JSON body: as in a query, and valid Unicode (no lone surrogates).
_BODY_ID = re.compile(r"[^\x00-\x1f\ud800-\udfff]{1,256}")
_BODY_WORD = re.compile(r"[^\x00-\x1f\ud800-\udfff]{0,256}")


def _refusal(error: slmatch.ValidationError) -> Problem:
    problems = [tuple(p) for p in getattr(error, "problems", [])]
    return Problem(422, "the input is invalid", problems or [("request", "", str(error))])


def _valid_answer(answer: Any) -> bool:
    """Whether an answer to proposal rounds has the fields and types the engine takes (the
    engine checks the ids and words themselves)."""
    return (
        isinstance(answer, dict)
        and all(
            isinstance(answer.get(key), str) and _BODY_ID.fullmatch(answer[key])
            for key in ("person", "household")
        )
        and isinstance(answer.get("accept"), bool)
        and (answer.get("reason") is None or isinstance(answer["reason"], str))
        and isinstance(answer.get("by", ""), str)
        and all(_BODY_WORD.fullmatch(answer.get(key) or "") for key in ("reason", "by"))
    )


def create_app(settings: Settings | None = None, database: Engine | None = None) -> FastAPI:
    """The service as an ASGI application.

    Args:
        settings: database and limits; the defaults when None.
        database: an engine already open (tests); else `settings.database` is opened and
            migrated.
    """
    settings = settings or Settings()
    db = database if database is not None else store.open_database(settings.database)
    pool = WorkerPool(settings.workers, settings.queue, settings.request_seconds)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown()

    app = FastAPI(
        title="slmatch",
        version=slmatch.__version__,
        summary="Proposes matches between people needing support and Shared Lives carer "
        "households, and explains every proposal and every no.",
        description="Every answer is a proposal for people to decide on, never a placement. "
        "Errors are RFC 9457 problem documents listing every problem by record and field.",
        lifespan=lifespan,
    )
    install_handlers(app)

    async def run(work: Callable[[], T]) -> T:
        try:
            return await pool.run(work)
        except slmatch.ValidationError as error:
            raise _refusal(error) from None

    async def pool_free(work: Callable[[], T]) -> T:
        """Short database work off the event loop, outside the engine's pool."""
        return await anyio.to_thread.run_sync(work)

    query_names: dict[tuple[str, str], frozenset[str]] = {}

    def declared_query(request: Request) -> frozenset[str]:
        """The query parameters the contract declares for the request's operation."""
        path, method = request.scope["route"].path, request.method.lower()
        if (path, method) not in query_names:
            operation = app.openapi()["paths"][path][method]
            query_names[path, method] = frozenset(
                p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
            )
        return query_names[path, method]

    def caller(roles: tuple[str, ...]) -> Callable[[Request], Any]:
        """A dependency giving the caller's token once the token may make this request
        and the request names only parameters its operation takes (a misspelt option
        would otherwise be ignored without a word)."""

        async def check(request: Request) -> store.Token:
            token = await pool_free(
                lambda: tokens.authenticate(db, request.headers.get("authorization"))
            )
            if token is None:
                raise unauthenticated()
            scheme_id = request.path_params.get("scheme_id")
            if token.role not in roles or (
                scheme_id is not None and scheme_id not in token.schemes
            ):
                raise Problem(403, "this token may not do this for this scheme")
            unknown = sorted(set(request.query_params) - declared_query(request))
            if unknown:
                raise Problem(
                    422,
                    "the request has parameters this operation does not take",
                    [("query", name, "is not a parameter of this operation") for name in unknown],
                )
            return token

        return check

    matchers = Depends(caller(("matcher", "admin")))
    auditors = Depends(caller(("matcher", "auditor", "admin")))
    record_readers = Depends(caller(("auditor", "admin")))
    anyone = Depends(caller(tokens.ROLES))

    async def scheme_text(request: Request) -> bytes:
        text = await read_body(request, settings.max_body_bytes, settings.body_seconds)
        if not text:
            raise Problem(422, "the body must be a scheme file", [("scheme", "", "is empty")])
        return text

    def opened(text: bytes, scheme_id: str | None) -> engine_c.Scheme:
        scheme = engine_c.Scheme(text)
        found = scheme.summary()["id"]
        if scheme_id is not None and found != scheme_id:
            scheme.close()
            raise Problem(
                422,
                "the scheme in the body is not the one in the path",
                [("scheme", "id", f"is {found!r}, the path names {scheme_id!r}")],
            )
        return scheme

    def log_run(token: store.Token, scheme_id: str, options: dict[str, Any], record: str) -> str:
        """Append the run to the log (ids, hashes, options and the record: no scheme data)."""
        run_id = secrets.token_hex(16)
        hashes = json.loads(record)
        store.append_run(
            db,
            store.Run(
                id=run_id,
                at=store.now(),
                token_id=token.id,
                scheme_id=scheme_id,
                scheme_sha256=hashes["input_sha256"],
                options=options,
                result_sha256=hashes["result_sha256"],
                record=record,
            ),
        )
        return run_id

    def run_headers(scheme_id: str, run_id: str) -> dict[str, str]:
        # Scheme ids are free text: quoted, so no id can end or forge a header.
        path = f"/v1/schemes/{urllib.parse.quote(scheme_id, safe='')}/runs/{run_id}"
        return {"Location": path, "Slmatch-Run-Id": run_id}

    @app.get("/health", tags=["service"], summary="Whether the service is up (no token needed)")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/v1/version",
        tags=["service"],
        summary="The engine's version",
        responses=contract.problems(401, 422),
    )
    async def version(_: store.Token = anyone) -> dict[str, Any]:
        return {"version": slmatch.__version__}

    @app.post(
        "/v1/schemes/validate",
        tags=["schemes"],
        summary="Check a scheme file and report every problem",
        openapi_extra=contract.body("scheme", "A scheme file."),
        responses=contract.answer("validation", "The scheme is valid: its counts."),
    )
    async def validate(request: Request, token: store.Token = matchers) -> dict[str, Any]:
        text = await scheme_text(request)

        def work() -> dict[str, Any]:
            with opened(text, None) as scheme:
                return scheme.summary()

        summary = await run(work)
        if summary["id"] not in token.schemes:
            raise Problem(403, "this token may not do this for this scheme")
        return {"valid": True, **summary}

    @app.post(
        "/v1/schemes/{scheme_id}/match",
        tags=["matching"],
        summary="Propose a plan for the whole waiting list, every proposal and every no explained",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer(
            "match-result",
            "The run, as `slmatch match --format json` writes it; the Location header "
            "names its run record.",
        ),
    )
    async def match(
        request: Request,
        scheme_id: str = SCHEME_ID,
        objective: Literal["max_matched_then_total", "max_total"] = Query("max_matched_then_total"),
        shortlist_size: int = Query(
            3, ge=0, le=1000, description="Households on each person's shortlist."
        ),
        threads: int = Query(
            1, ge=1, le=64, description="Scoring threads; the result is the same for any number."
        ),
        travel_limit_km: float | None = Query(
            None, gt=0, le=20040, description="Replaces the scheme's travel limit for this run."
        ),
        household_cap: int | None = Query(
            None, ge=1, le=3, description="Replaces the scheme's household cap for this run."
        ),
        token: store.Token = matchers,
    ) -> Response:
        options: dict[str, Any] = {
            "objective": objective,
            "shortlist_size": shortlist_size,
            "threads": min(threads, settings.max_threads),
        }
        if travel_limit_km is not None:
            options["travel_limit_km"] = travel_limit_km
        if household_cap is not None:
            options["household_cap"] = household_cap
        text = await scheme_text(request)

        def work() -> tuple[str, str]:
            with opened(text, scheme_id) as scheme, scheme.match(options) as result:
                report, record = result.report(), result.record()
            return report, log_run(token, scheme_id, options, record)

        report, run_id = await run(work)
        return Response(report, media_type=JSON, headers=run_headers(scheme_id, run_id))

    @app.post(
        "/v1/schemes/{scheme_id}/explain",
        tags=["explanations"],
        summary="Explain one person-household pair, rule by rule and factor by factor",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer("explanation", "As `slmatch explain --format json` writes it."),
    )
    async def explain(
        request: Request,
        scheme_id: str = SCHEME_ID,
        person: str = Query(..., pattern=_ID_PATTERN, description="The person's id."),
        household: str = Query(..., pattern=_ID_PATTERN, description="The household's id."),
        _: store.Token = matchers,
    ) -> Response:
        text = await scheme_text(request)

        def work() -> str:
            with opened(text, scheme_id) as scheme:
                return scheme.explain(person, household)

        return Response(await run(work), media_type=JSON)

    @app.post(
        "/v1/schemes/{scheme_id}/compare",
        tags=["explanations"],
        summary="Why not that one: why one household ranks below another for a person",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer(
            "comparison", "As `slmatch explain --versus --format json` writes it."
        ),
    )
    async def compare(
        request: Request,
        scheme_id: str = SCHEME_ID,
        person: str = Query(..., pattern=_ID_PATTERN, description="The person's id."),
        household: str = Query(
            ..., pattern=_ID_PATTERN, description="The household proposed or preferred."
        ),
        versus: str = Query(
            ..., pattern=_ID_PATTERN, description="The household to compare with it."
        ),
        _: store.Token = matchers,
    ) -> Response:
        if versus == household:
            raise Problem(
                422,
                "compare two different households",
                [("query", "versus", "must name another household than household")],
            )
        text = await scheme_text(request)

        def work() -> str:
            with opened(text, scheme_id) as scheme:
                try:
                    return scheme.compare(person, household, versus)
                except slmatch.ValidationError:
                    raise
                except slmatch.SlmatchError:
                    # The engine compares only with a household the person could live in.
                    explained = json.loads(scheme.explain(person, household))
                    if explained["feasible"]:
                        raise
                    raise Problem(
                        422,
                        "the household compared with must pass every hard rule for the person",
                        [("query", "household", explained["summary"])],
                    ) from None

        return Response(await run(work), media_type=JSON)

    @app.post(
        "/v1/schemes/{scheme_id}/audit",
        tags=["audit"],
        summary="Match the scheme, then show who is matched, how well and who waits, by group",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer(
            "audit",
            "As `slmatch audit --format json` writes it; the Location header names the run record.",
        ),
    )
    async def audit(
        request: Request,
        scheme_id: str = SCHEME_ID,
        objective: Literal["max_matched_then_total", "max_total"] = Query("max_matched_then_total"),
        as_of: date | None = Query(
            None, description="Count waits and ages to this date; default the scheme's."
        ),
        area_km: float = Query(
            10.0, gt=0, le=20040, description="Side of the map grid squares that define areas."
        ),
        token: store.Token = auditors,
    ) -> Response:
        options: dict[str, Any] = {"objective": objective, "shortlist_size": 0}
        audit_options: dict[str, Any] = {"area_km": area_km}
        if as_of is not None:
            audit_options["as_of"] = as_of.isoformat()
        text = await scheme_text(request)

        def work() -> tuple[str, str]:
            with opened(text, scheme_id) as scheme, scheme.match(options) as result:
                report, record = result.audit(audit_options), result.record()
            return report, log_run(token, scheme_id, {**options, **audit_options}, record)

        report, run_id = await run(work)
        return Response(report, media_type=JSON, headers=run_headers(scheme_id, run_id))

    @app.post(
        "/v1/schemes/{scheme_id}/stable",
        tags=["stable matching"],
        summary="The stable plan of both sides' views",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer("stable-plan", "One row per person."),
    )
    async def stable(
        request: Request,
        scheme_id: str = SCHEME_ID,
        proposing: Literal["people", "households"] = Query(
            "people", description="Whose best stable plan."
        ),
        _: store.Token = matchers,
    ) -> Response:
        text = await scheme_text(request)

        def work() -> str:
            with opened(text, scheme_id) as scheme:
                return scheme.stable({"proposing": proposing})

        return Response(await run(work), media_type=JSON)

    @app.post(
        "/v1/schemes/{scheme_id}/rounds",
        tags=["stable matching"],
        summary="Start proposal rounds: round 1's introductions",
        openapi_extra=contract.body("scheme", "The scheme file named in the path."),
        responses=contract.answer("proposal-rounds", "The state; send it back with each answer."),
    )
    async def start_rounds(
        request: Request,
        scheme_id: str = SCHEME_ID,
        proposing: Literal["people", "households"] = Query("people", description="Who proposes."),
        _: store.Token = matchers,
    ) -> Response:
        text = await scheme_text(request)

        def work() -> str:
            with opened(text, scheme_id) as scheme:
                return scheme.start_rounds({"proposing": proposing})

        return Response(await run(work), media_type=JSON)

    async def rounds_step(request: Request, next_round: bool) -> Response:
        text = await read_body(request, settings.max_body_bytes, settings.body_seconds)
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            raise Problem(422, "the body is not JSON", [("request", "", "is not JSON")]) from None
        if not isinstance(document, dict) or not isinstance(document.get("state"), dict):
            raise Problem(
                422,
                "the body needs the rounds' state",
                [("request", "state", "must be the state object")],
            )
        answers = document.get("answers", [])
        if not isinstance(answers, list) or not all(map(_valid_answer, answers)):
            raise Problem(
                422,
                "answers are invalid",
                [
                    (
                        "request",
                        "answers",
                        "must be a list of {person, household, accept, reason, by}: ids of "
                        "1 to 256 characters, accept true or false, reason and by words",
                    )
                ],
            )
        try:
            state = json.dumps(document["state"])
        except (ValueError, RecursionError):
            raise Problem(
                422, "the state is invalid", [("request", "state", "is too deep")]
            ) from None
        return Response(
            await run(lambda: engine_c.answer_rounds(state, answers, next_round)), media_type=JSON
        )

    @app.post(
        "/v1/schemes/{scheme_id}/rounds/answers",
        tags=["stable matching"],
        summary="Record answers to this round's introductions",
        openapi_extra=contract.body("rounds-answers", "The state and the answers."),
        responses=contract.answer("proposal-rounds", "The new state."),
    )
    async def answer_rounds(
        request: Request, scheme_id: str = SCHEME_ID, _: store.Token = matchers
    ) -> Response:
        return await rounds_step(request, next_round=False)

    @app.post(
        "/v1/schemes/{scheme_id}/rounds/next",
        tags=["stable matching"],
        summary="Record any last answers, close the round and propose the next",
        openapi_extra=contract.body("rounds-answers", "The state and any last answers."),
        responses=contract.answer("proposal-rounds", "The next round's state."),
    )
    async def next_round(
        request: Request, scheme_id: str = SCHEME_ID, _: store.Token = matchers
    ) -> Response:
        return await rounds_step(request, next_round=True)

    @app.get(
        "/v1/schemes/{scheme_id}/runs",
        tags=["run log"],
        summary="The scheme's latest runs, newest first",
        responses=contract.answer(
            "run-list",
            "Ids, times, hashes and options; no personal data.",
            refusals=(401, 403, 422),
        ),
    )
    async def list_runs(
        scheme_id: str = SCHEME_ID,
        limit: int = Query(100, ge=1, le=1000),
        _: store.Token = record_readers,
    ) -> dict[str, Any]:
        found = await pool_free(lambda: store.scheme_runs(db, scheme_id, limit))
        return {
            "runs": [
                {
                    "id": r.id,
                    "at": r.at.isoformat(),
                    "token": r.token_id,
                    "scheme_sha256": r.scheme_sha256,
                    "result_sha256": r.result_sha256,
                    "options": r.options,
                }
                for r in found
            ]
        }

    @app.get(
        "/v1/schemes/{scheme_id}/runs/{run_id}",
        tags=["run log"],
        summary="The run record of one run",
        responses=contract.answer(
            "run-record",
            "As `slmatch match --record` writes it.",
            refusals=(401, 403, 404, 422),
        ),
    )
    async def run_record(
        scheme_id: str = SCHEME_ID,
        run_id: str = Path(..., pattern="^[0-9a-f]{32}$"),
        _: store.Token = record_readers,
    ) -> Response:
        found = await pool_free(lambda: store.find_run(db, scheme_id, run_id))
        if found is None:
            raise Problem(404, "no such run for this scheme")
        return Response(found.record, media_type=JSON)

    @app.post(
        "/v1/schemes/{scheme_id}/runs/{run_id}/report",
        tags=["run log"],
        summary="The scheme worker's report of one run, as an HTML page",
        openapi_extra=contract.body(
            "scheme", "The scheme file the run matched (the log keeps no scheme data)."
        ),
        responses=contract.page(
            "The report `slmatch report` writes for this run: the scheme is matched again "
            "with the run's options, and the page is given only when the scheme and the "
            "result are the ones the run record names (by their SHA-256).",
            refusals=(*contract.ENGINE_REFUSALS, 404, 409),
        ),
    )
    async def run_report(
        request: Request,
        scheme_id: str = SCHEME_ID,
        run_id: str = Path(..., pattern="^[0-9a-f]{32}$"),
        _: store.Token = matchers,
    ) -> Response:
        text = await scheme_text(request)
        found = await pool_free(lambda: store.find_run(db, scheme_id, run_id))
        if found is None:
            raise Problem(404, "no such run for this scheme")

        def work() -> str:
            with opened(text, scheme_id):
                pass  # the same checks and refusals as every other operation
            return run_page(text, found)

        return Response(await run(work), media_type="text/html; charset=utf-8")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            document = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(contract.schema_components())
            schemas.update(contract.EXTRA_COMPONENTS)
            document["components"]["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer"}
            }
            for path, operations in document["paths"].items():
                if path != "/health":
                    for operation in operations.values():
                        operation["security"] = [{"bearer": []}]
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
