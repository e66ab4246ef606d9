"""Bearer tokens: made by an admin command, stored only as hashes, scoped to schemes and a role.

A token reads ``slm_<id>_<secret>``: the id finds the stored row, the secret (32 random
bytes) is checked against its SHA-256 with a constant-time comparison. A plain hash is
enough because the secret is random and long (nothing to guess from a dictionary); the
secret itself is shown once, when the token is made, and never stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from sqlalchemy.engine import Engine

from slmatch.service import store

ROLES = ("matcher", "auditor", "admin")
"""What a token may do: ``matcher`` validates, matches, explains, compares, audits, finds
stable plans and runs proposal rounds; ``auditor`` audits and reads run records only;
``admin`` does all of these."""

_FORMAT = re.compile(r"slm_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})")
_DUMMY_SHA256 = hashlib.sha256(b"no such token").hexdigest()


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    engine: Engine, role: str, schemes: list[str], expires_in_days: float | None = None
) -> tuple[str, store.Token]:
    """Make and store a token.

    Returns:
        The token's text (shown once; only its hash is kept) and the stored record.

    Raises:
        ValueError: for an unknown role, no scheme, or a non-positive lifetime.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)} (is {role!r})")
    if not schemes or any(not s for s in schemes):
        raise ValueError("a token needs at least one scheme id")
    for scheme in schemes:
        if "/" in scheme or any(ord(c) < 32 or ord(c) == 127 for c in scheme):
            raise ValueError(
                f"scheme id {scheme!r} cannot be served: a path segment holds no '/' or "
                "control characters"
            )
    if expires_in_days is not None and not expires_in_days > 0:
        raise ValueError("a token's lifetime must be above 0 days")
    token_id = "".join(secrets.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(16))
    secret = secrets.token_urlsafe(32)
    created = store.now()
    token = store.Token(
        id=token_id,
        secret_sha256=_sha256(secret),
        role=role,
        schemes=tuple(dict.fromkeys(schemes)),
        created_at=created,
        expires_at=None if expires_in_days is None else created + timedelta(days=expires_in_days),
        revoked_at=None,
    )
    store.add_token(engine, token)
    return f"slm_{token_id}_{secret}", token


def authenticate(engine: Engine, authorization: str | None) -> store.Token | None:
    """The live token an ``Authorization: Bearer ...`` header carries, or None for a
    missing, malformed, unknown, wrong, expired or revoked one (the caller cannot tell which).
    """
    if not authorization or not authorization.startswith("Bearer "):
        return None
    found = _FORMAT.fullmatch(authorization[len("Bearer ") :].strip())
    if found is None:
        return None
    token_id, secret = found.groups()
    token = store.find_token(engine, token_id)
    # Compare even when the id is unknown, so the time taken does not say which it was.
    matches = hmac.compare_digest(_sha256(secret), token.secret_sha256 if token else _DUMMY_SHA256)
    if token is None or not matches:
        return None
    moment = store.now()
    if token.revoked_at is not None and token.revoked_at <= moment:
        return None
    if token.expires_at is not None and token.expires_at <= moment:
        return None
    return token
