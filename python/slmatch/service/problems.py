"""Errors as RFC 9457 problem details (``application/problem+json``).

Every refusal says what is wrong and, for bad input, lists every problem with its record
and field, as the engine names them. Server faults say only that something failed: no
stack, no input, nothing personal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    408: "Request timeout",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid input",
    500: "Server error",
    503: "Service busy",
}


class Problem(Exception):
    """A refusal the service answers with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        problems: Sequence[tuple[str, str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = list(problems)
        self.headers = headers or {}

    def response(self, instance: str) -> JSONResponse:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": _TITLES.get(self.status, "Error"),
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        if self.problems:
            body["problems"] = [
                {"record": record, "field": field, "message": message}
                for record, field, message in self.problems
            ]
        return JSONResponse(
            body, status_code=self.status, headers=self.headers, media_type=MEDIA_TYPE
        )


def unauthenticated() -> Problem:
    """The one answer for a missing, malformed, unknown, wrong, expired or revoked token."""
    return Problem(
        401,
        "a valid bearer token is required",
        headers={"WWW-Authenticate": 'Bearer realm="slmatch"'},
    )


def install_handlers(app: FastAPI) -> None:
    """Answer every error, the framework's included, as a problem document."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, problem: Problem) -> JSONResponse:
        return problem.response(request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        listed = []
        for item in error.errors():
            location = [str(part) for part in item.get("loc", ())]
            record = location[0] if location else "request"
            listed.append((record, ".".join(location[1:]), str(item.get("msg", "is invalid"))))
        return Problem(422, "the request's parameters are invalid", listed).response(
            request.url.path
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        detail = (
            error.detail if isinstance(error.detail, str) else _TITLES.get(error.status_code, "")
        )
        return Problem(error.status_code, detail, headers=dict(error.headers or {})).response(
            request.url.path
        )

    @app.exception_handler(Exception)
    async def _fault(request: Request, error: Exception) -> JSONResponse:
        return Problem(500, "the service failed to answer this request").response(request.url.path)
