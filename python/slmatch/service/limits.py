"""Bounds on what one request may cost: its body's size and upload time, the engine's
workers, the queue in front of them, and the time a request may wait for its answer.

The engine runs in a fixed pool of threads (the C interface releases the GIL), so a burst
of requests cannot start more matches than there are workers. Requests beyond the workers
wait, up to a bound; past it they are turned away at once with 503 and Retry-After. A
request that waits longer than its time limit gets 503 as well; the engine finishes its
work in the background and its worker is counted busy until then, so the bound holds.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import anyio
from starlette.requests import ClientDisconnect, Request

from slmatch.service.problems import Problem

T = TypeVar("T")


async def read_body(request: Request, max_bytes: int, seconds: float) -> bytes:
    """The request's body, refused past `max_bytes` (413) or `seconds` of upload (408)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise Problem(413, f"the body must be at most {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_bytes:
                    raise Problem(413, f"the body must be at most {max_bytes} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise Problem(408, f"the body took longer than {seconds:g} s to arrive") from None
    except ClientDisconnect:
        raise Problem(400, "the client closed the connection before the body arrived") from None
    return b"".join(chunks)


class WorkerPool:
    """A fixed number of engine threads with a bounded queue in front of them."""

    def __init__(self, workers: int, queue: int, seconds: float) -> None:
        if workers < 1 or queue < 0 or not seconds > 0:
            raise ValueError("workers must be >= 1, queue >= 0 and the time limit above 0")
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="slmatch-engine")
        self._bound = workers + queue
        self._seconds = seconds
        self._in_flight = 0
        self._lock = threading.Lock()

    @property
    def in_flight(self) -> int:
        """Requests running or waiting for a worker."""
        with self._lock:
            return self._in_flight

    def _finished(self, _: Future[Any]) -> None:
        with self._lock:
            self._in_flight -= 1

    async def run(self, work: Callable[[], T]) -> T:
        """Run `work` on a worker and wait for its answer.

        Raises:
            Problem: 503 with Retry-After when the queue is full or the time limit passes.
        """
        with self._lock:
            if self._in_flight >= self._bound:
                raise Problem(
                    503, "every worker is busy and the queue is full", headers={"Retry-After": "1"}
                )
            self._in_flight += 1
        try:
            future = self._executor.submit(work)
        except BaseException:
            with self._lock:
                self._in_flight -= 1
            raise
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self._seconds
            )
        except asyncio.TimeoutError:
            future.cancel()  # only stops it if it has not started
            raise Problem(
                503,
                f"the request took longer than {self._seconds:g} s",
                headers={"Retry-After": "5"},
            ) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
