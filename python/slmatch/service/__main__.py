"""``slmatch serve`` (also ``python -m slmatch.service``): run the service, manage tokens.

Examples::

    slmatch serve --port 8080                                   # SQLite file by default
    slmatch serve --database postgresql://slmatch@db/slmatch    # processes sharing one log
    slmatch serve tokens create --scheme riverside --role matcher --expires-days 90
    slmatch serve tokens revoke TOKEN_ID
    slmatch serve tokens list
    slmatch serve openapi > docs/openapi.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from slmatch.service.settings import DEFAULT_DATABASE, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slmatch serve",
        description="Serve slmatch over HTTP for case systems: every endpoint but /health "
        "needs a bearer token made with `slmatch serve tokens create`.",
    )
    parser.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help="SQLAlchemy URL of the token store and run log: sqlite:///FILE "
        "(default %(default)s) or postgresql://...",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8080, help="port (default %(default)s)")
    defaults = Settings()
    parser.add_argument(
        "--workers", type=int, default=defaults.workers, help="engine threads (default %(default)s)"
    )
    parser.add_argument(
        "--queue",
        type=int,
        default=defaults.queue,
        help="requests that may wait for a worker before 503 (default %(default)s)",
    )
    parser.add_argument(
        "--max-body-mib",
        type=float,
        default=defaults.max_body_bytes / 2**20,
        help="largest request body in MiB (default %(default)g)",
    )
    parser.add_argument(
        "--request-seconds",
        type=float,
        default=defaults.request_seconds,
        help="longest a request may wait for the engine (default %(default)g)",
    )
    parser.add_argument(
        "--body-seconds",
        type=float,
        default=defaults.body_seconds,
        help="longest a client may take to send a body (default %(default)g)",
    )
    commands = parser.add_subparsers(dest="command")
    token_parser = commands.add_parser("tokens", help="create, revoke and list tokens")
    token_commands = token_parser.add_subparsers(dest="action", required=True)
    create = token_commands.add_parser("create", help="make a token; its text is printed once")
    create.add_argument(
        "--scheme",
        action="append",
        required=True,
        help="a scheme id the token may use (repeat for more)",
    )
    create.add_argument("--role", required=True, choices=("matcher", "auditor", "admin"))
    create.add_argument(
        "--expires-days", type=float, help="lifetime in days (default: until revoked)"
    )
    revoke = token_commands.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id")
    token_commands.add_parser(
        "list", help="list tokens (ids, roles, schemes, dates; never secrets)"
    )
    commands.add_parser("openapi", help="print the OpenAPI contract")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    settings = Settings(
        database=arguments.database,
        max_body_bytes=int(arguments.max_body_mib * 2**20),
        body_seconds=arguments.body_seconds,
        request_seconds=arguments.request_seconds,
        workers=arguments.workers,
        queue=arguments.queue,
    )
    from slmatch.service import store, tokens
    from slmatch.service.app import create_app

    if arguments.command == "openapi":
        app = create_app(settings, store.open_database("sqlite://"))
        print(json.dumps(app.openapi(), indent=2, sort_keys=True))
        return 0
    if arguments.command == "tokens":
        database = store.open_database(settings.database)
        if arguments.action == "create":
            try:
                text, token = tokens.create_token(
                    database, arguments.role, arguments.scheme, arguments.expires_days
                )
            except ValueError as error:
                print(f"slmatch serve: {error}", file=sys.stderr)
                return 2
            print(text)
            print(
                f"token {token.id}: {token.role} for {', '.join(token.schemes)}; "
                "keep the text above secret, it is not stored",
                file=sys.stderr,
            )
            return 0
        if arguments.action == "revoke":
            if not store.revoke_token(database, arguments.id):
                print(f"slmatch serve: no live token {arguments.id}", file=sys.stderr)
                return 1
            return 0
        for token in store.list_tokens(database):
            state = "revoked" if token.revoked_at else "live"
            expires = token.expires_at.isoformat() if token.expires_at else "never"
            print(
                f"{token.id}\t{token.role}\t{','.join(token.schemes)}\t{state}\texpires {expires}"
            )
        return 0
    import uvicorn

    uvicorn.run(
        create_app(settings),
        host=arguments.host,
        port=arguments.port,
        log_level="info",
        access_log=False,  # access lines would hold scheme, person and household ids
        timeout_keep_alive=5,
        limit_concurrency=settings.workers + settings.queue + 64,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
