"""``slmatch serve``: the engine as an authenticated HTTP/JSON service for case systems.

Install with ``pip install ".[service]"``. :func:`create_app` gives the ASGI application;
``slmatch serve`` (or ``python -m slmatch.service``) runs it on uvicorn and manages tokens.
The contract is OpenAPI 3.1, served at ``/openapi.json`` and kept in docs/openapi.json.
"""

from __future__ import annotations

from slmatch.service.app import create_app
from slmatch.service.settings import Settings

__all__ = ["Settings", "create_app"]
