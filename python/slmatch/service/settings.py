"""How a service process is set up: its database and its limits."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DATABASE = "sqlite:///slmatch-service.db"


@dataclass(frozen=True)
class Settings:
    """A service process's settings (``slmatch serve --help`` lists them)."""

    database: str = DEFAULT_DATABASE
    """SQLAlchemy URL of the token store and run log: SQLite or ``postgresql://``."""
    max_body_bytes: int = 64 * 1024 * 1024
    """Largest request body accepted (413 beyond)."""
    body_seconds: float = 60.0
    """Longest a client may take to send its body (408 beyond)."""
    request_seconds: float = 120.0
    """Longest a request may wait for the engine (503 beyond)."""
    workers: int = 2
    """Engine threads: requests matched at the same time."""
    queue: int = 16
    """Requests that may wait for a worker (503 with Retry-After beyond)."""
    max_threads: int = 4
    """Most scoring threads one request may ask for."""
