"""The service's OpenAPI 3.1 contract, with the engine's own JSON Schemas as its bodies.

Requests and responses are described by the files in data/schema/ (shipped in the package
as ``slmatch/schema/``), not typed again here: each file and each of its ``$defs`` becomes
one entry of ``components.schemas`` (``scheme``, ``scheme.person``, ``match-result``, ...),
with its references pointed at those entries.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FOLDER = Path(__file__).resolve().parents[1] / "schema"
SUFFIX = ".schema.json"


def _component(file: str, pointer: str, within: str) -> str:
    stem = file[: -len(SUFFIX)] if file else within
    if pointer in ("", "/"):
        return f"#/components/schemas/{stem}"
    if not pointer.startswith("/$defs/") or "/" in pointer[len("/$defs/") :]:
        raise ValueError(f"{within}{SUFFIX}: cannot place the reference #{pointer}")
    return f"#/components/schemas/{stem}.{pointer[len('/$defs/') :]}"


def _pointed(node: Any, within: str) -> Any:
    """`node` with every ``$ref`` pointed at its component."""
    if isinstance(node, dict):
        copied = {key: _pointed(value, within) for key, value in node.items()}
        if isinstance(copied.get("$ref"), str):
            file, _, pointer = copied["$ref"].partition("#")
            copied["$ref"] = _component(file, pointer, within)
        return copied
    if isinstance(node, list):
        return [_pointed(item, within) for item in node]
    return node


def schema_components(folder: Path = SCHEMA_FOLDER) -> dict[str, Any]:
    """Every schema file and its ``$defs`` as OpenAPI components, by name."""
    components: dict[str, Any] = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        stem = path.name[: -len(SUFFIX)]
        document = json.loads(path.read_text(encoding="utf-8"))
        definitions = document.pop("$defs", {})
        document.pop("$schema", None)
        components[stem] = _pointed(document, stem)
        for name, definition in definitions.items():
            components[f"{stem}.{name}"] = _pointed(definition, stem)
    if "scheme" not in components:
        raise FileNotFoundError(f"no scheme{SUFFIX} in {folder}")
    return components


def body(component: str, description: str) -> dict[str, Any]:
    """An operation's JSON request body described by a component."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
            },
        }
    }


PROBLEMS: dict[int, str] = {
    401: "No valid bearer token.",
    403: "The token may not do this, or not for this scheme.",
    404: "No such run for this scheme.",
    408: "The body took longer to arrive than the service waits.",
    409: "The scheme sent is not the one the run matched.",
    413: "The body is larger than the service accepts.",
    422: "Invalid input: every problem with its record and field.",
    503: "Busy or out of time: try again after Retry-After.",
}
"""Every refusal the service answers with a problem document, and what it means."""

ENGINE_REFUSALS = (401, 403, 408, 413, 422, 503)
"""The refusals of an operation that reads a body and runs the engine."""


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Problem responses for these statuses (each one of `PROBLEMS`)."""
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {status: {"description": PROBLEMS[status], "content": content} for status in statuses}


def answer(
    component: str, description: str, refusals: tuple[int, ...] = ENGINE_REFUSALS
) -> dict[int | str, dict[str, Any]]:
    """An operation's 200 response described by a component, and its problem responses."""
    return {
        200: {
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
            },
        },
        **problems(*refusals),
    }


def page(description: str, refusals: tuple[int, ...]) -> dict[int | str, dict[str, Any]]:
    """An operation's 200 response as an HTML page, and its problem responses."""
    return {
        200: {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}},
        **problems(*refusals),
    }


PROBLEM = {
    "type": "object",
    "description": "An RFC 9457 problem: what was refused and, for invalid input, every "
    "problem by record and field.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "problems": {"$ref": "#/components/schemas/problems"},
    },
}


# The service's own bodies, beside the engine's documents.
EXTRA_COMPONENTS: dict[str, Any] = {
    "Problem": PROBLEM,
    "validation": {
        "type": "object",
        "description": "A valid scheme's id and counts.",
        "required": ["valid", "id", "people", "households"],
        "properties": {
            "valid": {"const": True},
            "id": {"type": "string"},
            "people": {"type": "integer", "minimum": 0},
            "households": {"type": "integer", "minimum": 0},
        },
    },
    "run-list": {
        "type": "object",
        "required": ["runs"],
        "properties": {
            "runs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "at", "token", "scheme_sha256", "result_sha256", "options"],
                    "properties": {
                        "id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                        "at": {"type": "string", "format": "date-time"},
                        "token": {
                            "type": "string",
                            "description": "The id of the token that ran it.",
                        },
                        "scheme_sha256": {"type": "string"},
                        "result_sha256": {"type": "string"},
                        "options": {"type": "object"},
                    },
                },
            }
        },
    },
    "rounds-answers": {
        "type": "object",
        "description": "Proposal rounds' state as the service last gave it, and answers to "
        "its introductions.",
        "required": ["state"],
        "properties": {
            "state": {"$ref": "#/components/schemas/proposal-rounds"},
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["person", "household", "accept"],
                    "properties": {
                        "person": {"type": "string"},
                        "household": {"type": "string"},
                        "accept": {"type": "boolean"},
                        "reason": {"$ref": "#/components/schemas/proposal-rounds.decline_reason"},
                        "by": {"$ref": "#/components/schemas/proposal-rounds.answer_side"},
                    },
                },
            },
        },
    },
}
