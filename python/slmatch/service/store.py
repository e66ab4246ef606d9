"""The service's database: tokens (stored as hashes) and the append-only run log.

SQLite by default (a file, no set-up); PostgreSQL for a ``postgresql://`` URL, so several
service processes share one log. The schema is created by numbered migrations recorded in
``slmatch_migrations``; each process applies the ones missing when it starts, one process
at a time (an advisory lock on PostgreSQL, an immediate transaction on SQLite). The run log
refuses UPDATE and DELETE with a trigger, so a run once logged stays as it was.

The log holds ids, hashes, options and the run record, which itself holds no personal data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

metadata = sa.MetaData()

tokens = sa.Table(
    "slmatch_tokens",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("secret_sha256", sa.String(64), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("schemes", sa.Text, nullable=False),  # JSON list of scheme ids
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

runs = sa.Table(
    "slmatch_runs",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("token_id", sa.String(32), nullable=False),
    sa.Column("scheme_id", sa.String(256), nullable=False, index=True),
    sa.Column("scheme_sha256", sa.String(64), nullable=False),
    sa.Column("options", sa.Text, nullable=False),
    sa.Column("result_sha256", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
)

migrations_table = sa.Table(
    "slmatch_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

_APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER slmatch_runs_no_update BEFORE UPDATE ON slmatch_runs "
        "BEGIN SELECT RAISE(ABORT, 'the run log is append-only'); END",
        "CREATE TRIGGER slmatch_runs_no_delete BEFORE DELETE ON slmatch_runs "
        "BEGIN SELECT RAISE(ABORT, 'the run log is append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION slmatch_runs_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the run log is append-only'; END $$",
        "CREATE TRIGGER slmatch_runs_no_change BEFORE UPDATE OR DELETE ON slmatch_runs "
        "FOR EACH ROW EXECUTE FUNCTION slmatch_runs_append_only()",
    ],
}


def _create_tables(connection: Connection) -> None:
    metadata.create_all(connection, tables=[tokens, runs])
    for statement in _APPEND_ONLY[connection.dialect.name]:
        connection.exec_driver_sql(statement)


# Numbered migrations, applied in order; never edit one that has shipped, add the next.
MIGRATIONS: Sequence[tuple[int, Callable[[Connection], None]]] = ((1, _create_tables),)


def now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives datetimes back without a zone; every time here is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def open_database(url: str) -> Engine:
    """Connect and bring the schema up to date.

    Args:
        url: an SQLAlchemy URL: ``sqlite:///path.db`` or ``postgresql://...`` (the
            ``postgresql+psycopg`` driver is used for the latter).

    Raises:
        ValueError: for a database other than SQLite or PostgreSQL.
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name not in _APPEND_ONLY:
        raise ValueError(f"unsupported database {engine.dialect.name!r}: use sqlite or postgresql")
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_settings(connection: Any, _: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    migrate(engine)
    return engine


def migrate(engine: Engine) -> list[int]:
    """Apply the migrations not yet applied; return their versions."""
    applied: list[int] = []
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7403641)")
        else:
            connection.exec_driver_sql("SELECT 1")  # opens the transaction before reading
        metadata.create_all(connection, tables=[migrations_table])
        done = set(connection.scalars(sa.select(migrations_table.c.version)))
        for version, step in MIGRATIONS:
            if version in done:
                continue
            step(connection)
            connection.execute(migrations_table.insert().values(version=version, applied_at=now()))
            applied.append(version)
    return applied


@dataclass(frozen=True)
class Token:
    """A stored token, without its secret."""

    id: str
    secret_sha256: str
    role: str
    schemes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


def add_token(engine: Engine, token: Token) -> None:
    with engine.begin() as connection:
        connection.execute(
            tokens.insert().values(
                id=token.id,
                secret_sha256=token.secret_sha256,
                role=token.role,
                schemes=json.dumps(list(token.schemes)),
                created_at=token.created_at,
                expires_at=token.expires_at,
                revoked_at=token.revoked_at,
            )
        )


def find_token(engine: Engine, token_id: str) -> Token | None:
    with engine.connect() as connection:
        row = connection.execute(sa.select(tokens).where(tokens.c.id == token_id)).first()
    if row is None:
        return None
    return Token(
        id=row.id,
        secret_sha256=row.secret_sha256,
        role=row.role,
        schemes=tuple(json.loads(row.schemes)),
        created_at=_aware(row.created_at) or now(),
        expires_at=_aware(row.expires_at),
        revoked_at=_aware(row.revoked_at),
    )


def list_tokens(engine: Engine) -> list[Token]:
    with engine.connect() as connection:
        ids = list(connection.scalars(sa.select(tokens.c.id).order_by(tokens.c.created_at)))
    return [token for token in (find_token(engine, i) for i in ids) if token is not None]


def revoke_token(engine: Engine, token_id: str) -> bool:
    """Mark a token revoked from now; False when there is no such token."""
    with engine.begin() as connection:
        done = connection.execute(
            tokens.update()
            .where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )
    return done.rowcount == 1


@dataclass(frozen=True)
class Run:
    """One row of the run log."""

    id: str
    at: datetime
    token_id: str
    scheme_id: str
    scheme_sha256: str
    options: dict[str, Any]
    result_sha256: str
    record: str


def append_run(engine: Engine, run: Run) -> None:
    with engine.begin() as connection:
        connection.execute(
            runs.insert().values(
                id=run.id,
                at=run.at,
                token_id=run.token_id,
                scheme_id=run.scheme_id,
                scheme_sha256=run.scheme_sha256,
                options=json.dumps(run.options, sort_keys=True),
                result_sha256=run.result_sha256,
                record=run.record,
            )
        )


def _run(row: Any) -> Run:
    return Run(
        id=row.id,
        at=_aware(row.at) or now(),
        token_id=row.token_id,
        scheme_id=row.scheme_id,
        scheme_sha256=row.scheme_sha256,
        options=json.loads(row.options),
        result_sha256=row.result_sha256,
        record=row.record,
    )


def find_run(engine: Engine, scheme_id: str, run_id: str) -> Run | None:
    """The run with this id, only if it belongs to this scheme."""
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(runs).where(runs.c.id == run_id, runs.c.scheme_id == scheme_id)
        ).first()
    return None if row is None else _run(row)


def scheme_runs(engine: Engine, scheme_id: str, limit: int) -> list[Run]:
    """The scheme's latest runs, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(runs)
            .where(runs.c.scheme_id == scheme_id)
            .order_by(runs.c.seq.desc())
            .limit(limit)
        ).all()
    return [_run(row) for row in rows]
