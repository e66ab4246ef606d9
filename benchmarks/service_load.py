"""`slmatch serve` under load: throughput and latency of POST /v1/schemes/{id}/match.

Run with the project's Python after ``pip install ".[service]"`` (scripts/test.sh does it):

    .venv/bin/python benchmarks/service_load.py [--clients 1 4 16] [--seconds 10 | --requests N]
        [--workers 2] [--database URL] [--scheme data/examples/riverside.json]
        [--cli .venv/bin/slmatch]

Starts ``slmatch serve`` on 127.0.0.1 (a free port) with a temporary SQLite database, or
the database at ``--database`` (``postgresql://...``), and makes a matcher token for the
scheme with ``slmatch serve tokens create``. Then, for each count in ``--clients``, that
many clients (threads, each with its own keep-alive connection) post the scheme file to
``/v1/schemes/{id}/match`` one request after another, for ``--seconds`` seconds or until
``--requests`` requests in all have been sent. Each count prints the requests sent,
the errors, the throughput (answers per second of wall time) and the median (p50) and
99th-percentile (p99) latency in milliseconds.

Every answer must be 200 with the bytes ``slmatch match SCHEME --format json`` prints
(each match is also appended to the run log, as in use). Anything else is an error: any
other status (a 503 included: the server's queue, ``--queue``, is as long as the most
clients, so no request need be turned away), a failed connection, or different bytes. The
script exits with status 1 after any error.

Options:
    --clients N [N ...]  concurrent clients, one run per count (default 1 4 16)
    --seconds S          how long each run sends requests (default 10)
    --requests N         send N requests in all per run instead of running for --seconds
    --workers N          the server's engine threads, ``slmatch serve --workers`` (default 2)
    --database URL       the server's token store and run log (default: a temporary SQLite
                         file, deleted afterwards)
    --scheme PATH        the scheme file posted (default data/examples/riverside.json)
    --cli PATH           the slmatch command (default: the one beside this Python)

In CI, ``--seconds 3`` takes about 15 s. The clients run on the same machine as the server
and take CPU from it: on a 2-core machine the figures are a floor, not a capacity.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    """What one run of `clients` concurrent clients got back."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def percentile_ms(self, fraction: float) -> float:
        """The nearest-rank percentile of the answered requests' latencies, in ms."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Target:
    """A running server, a token for it and what the match request should answer."""

    url: str
    token: str
    path: str
    body: bytes
    expected: bytes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    cli: str, database: str, workers: int, queue: int, log: Path
) -> tuple[subprocess.Popen[bytes], str]:
    """`slmatch serve` on a free port, once /health answers."""
    port = free_port()
    command = [cli, "serve", "--database", database, "--port", str(port)]
    command += ["--workers", str(workers), "--queue", str(queue)]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if server.poll() is not None:
            break
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit(f"slmatch serve did not start:\n{log.read_text(errors='replace')}")


class Budget:
    """The requests a run may still send: no limit when the run is timed instead."""

    def __init__(self, requests: int | None) -> None:
        self._left = requests
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left is None:
                return True
            if self._left == 0:
                return False
            self._left -= 1
            return True


def post_until_done(target: Target, run: Run, stop_at: float, budget: Budget) -> None:
    """One client: post the scheme, one request after another, until `stop_at` or until
    the budget is spent."""
    headers = {"Authorization": f"Bearer {target.token}"}
    with httpx.Client(base_url=target.url, headers=headers, timeout=120) as client:
        while time.perf_counter() < stop_at and budget.take():
            start = time.perf_counter()
            try:
                response = client.post(target.path, content=target.body)
            except httpx.HTTPError as failure:
                error = f"{type(failure).__name__}: {failure}"
            else:
                if response.status_code != 200:
                    error = f"status {response.status_code}: {response.text[:200]}"
                elif response.content != target.expected:
                    error = "the body differs from `slmatch match --format json`"
                else:
                    error = ""
            elapsed = time.perf_counter() - start
            with run.lock:
                if error:
                    run.errors.append(error)
                else:
                    run.latencies.append(elapsed)


def load(target: Target, clients: int, seconds: float, requests: int | None) -> Run:
    """`clients` clients at once, for `seconds` or, if given, for `requests` requests."""
    run = Run(clients)
    budget = Budget(requests)
    start = time.perf_counter()
    stop_at = math.inf if requests is not None else start + seconds
    threads = [
        threading.Thread(target=post_until_done, args=(target, run, stop_at, budget))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - start
    return run


def slmatch(cli: str, *args: str) -> bytes:
    """The standard output of an slmatch command that must succeed."""
    return subprocess.run([cli, *args], capture_output=True, check=True).stdout


HEADER = f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"


def row(run: Run) -> str:
    answered = len(run.latencies)
    return (
        f"{run.clients:>7} {answered + len(run.errors):>8} {len(run.errors):>6} "
        f"{answered / run.seconds:>8.1f} {run.percentile_ms(0.5):>8.1f} "
        f"{run.percentile_ms(0.99):>8.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--seconds", type=float, default=10.0)
    amount.add_argument("--requests", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database")
    parser.add_argument(
        "--scheme", type=Path, default=ROOT / "data" / "examples" / "riverside.json"
    )
    parser.add_argument("--cli", default=str(Path(sys.executable).with_name("slmatch")))
    arguments = parser.parse_args()
    if min(arguments.clients) < 1 or (arguments.requests is not None and arguments.requests < 1):
        parser.error("--clients and --requests must be at least 1")

    body = arguments.scheme.read_bytes()
    scheme_id = json.loads(body)["id"]
    expected = slmatch(arguments.cli, "match", str(arguments.scheme), "--format", "json")
    queue = max(arguments.clients)
    per_run = f"{arguments.requests} requests" if arguments.requests else f"{arguments.seconds:g} s"
    print(
        f"slmatch serve: {arguments.workers} workers, queue {queue}, "
        f"{arguments.database or 'a temporary SQLite database'}; {arguments.scheme.name}: "
        f"{len(body)} bytes in, {len(expected)} out; {per_run} per run; "
        f"{os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="slmatch-load-") as folder:
        database = arguments.database or f"sqlite:///{Path(folder) / 'service.db'}"
        token = slmatch(
            arguments.cli, "serve", "--database", database, "tokens", "create",
            "--scheme", scheme_id, "--role", "matcher",
        ).decode().strip()  # fmt: skip
        log = Path(folder) / "server.log"
        server, url = start_server(arguments.cli, database, arguments.workers, queue, log)
        target = Target(url, token, f"/v1/schemes/{scheme_id}/match", body, expected)
        try:
            runs = [load(target, 1, 0.0, requests=3)]  # warm-up: the first requests build caches
            print(HEADER)
            for clients in arguments.clients:
                runs.append(load(target, clients, arguments.seconds, arguments.requests))
                print(row(runs[-1]), flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        errors = [error for run in runs for error in run.errors]
        if errors:
            tail = log.read_text(errors="replace").splitlines()[-20:]
            print(f"{len(errors)} errors; the first: {errors[0]}", file=sys.stderr)
            print("the server's log ends:", *tail, sep="\n", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
