"""`slmatch serve` as a user runs it, for the service's tests: its own process on 127.0.0.1,
tokens made with `slmatch serve tokens create`, requests over real HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("slmatch"))
EXAMPLE = ROOT / "data" / "examples" / "riverside.json"


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=check)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    database: str
    process: subprocess.Popen[str]
    log: Path

    def token(self, *args: str) -> str:
        made = cli("serve", "--database", self.database, "tokens", "create", *args)
        return made.stdout.strip()

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def start(database: str, log: Path, *flags: str) -> Server:
    """Start `slmatch serve` on a free port and wait until /health answers."""
    port = free_port()
    with log.open("w") as output:  # the server writes to its own copy
        process = subprocess.Popen(
            [CLI, "serve", "--database", database, "--port", str(port), *flags],
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return Server(url, database, process, log)
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the service stopped: {log.read_text()}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"the service did not start: {log.read_text()}")


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
