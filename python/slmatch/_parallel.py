"""Independent tasks on a thread pool or a Dask cluster, their results kept in the order given.

Shared by :mod:`slmatch.experiments` and :mod:`slmatch.calendar_batch`: a progress bar,
scattering data to every worker, and collecting results as they complete, so that a failure
stops the wait at once (the tasks not yet done are cancelled) and names the task that failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent import futures as thread_futures
from typing import Any


def progress_bar(total: int, enabled: bool, description: str) -> Any:
    """A tqdm bar of ``total`` runs, silent when not ``enabled``."""
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, desc=description, unit="run", leave=False)


def scatter(client: Any, values: Sequence[Any], *, broadcast: bool) -> list[Any]:
    """Send values to a ``dask.distributed.Client``'s workers; their futures, in order.

    Args:
        client: the client.
        values: the values, each sent once.
        broadcast: send each value to every worker (for values many tasks read) rather than
            to one.

    Returns:
        One future per value.
    """
    # A key of its own per call (hash=False): a value sent again by a later call must not share
    # the key of data the cluster may still be releasing.
    return list(client.scatter(list(values), broadcast=broadcast, hash=False))


def collect_in_order(
    futures: Sequence[Any],
    *,
    as_completed: Callable[[Sequence[Any]], Iterable[Any]],
    cancel: Callable[[], None],
    bar: Any,
    size: Callable[[Any], int] = lambda result: 1,
    failed: Callable[[int, Exception], Exception] | None = None,
) -> list[Any]:
    """Each future's result, in the order of ``futures``, collected as they complete.

    Args:
        futures: ``concurrent.futures`` or ``dask.distributed`` futures.
        as_completed: the matching ``as_completed`` function.
        cancel: cancels every future not yet done; called when one fails.
        bar: a progress bar, advanced by ``size(result)`` as each result arrives.
        size: how many runs a result holds.
        failed: the error to raise for the future at an index that raised an error (which
            becomes its cause); None raises that error itself.

    Returns:
        The results.
    """
    position = {id(future): k for k, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future in as_completed(futures):
        k = position[id(future)]
        try:
            results[k] = future.result()
        except Exception as error:
            cancel()
            if failed is None:
                raise
            raise failed(k, error) from error
        bar.update(size(results[k]))
    return results


def collect_from_cluster(
    client: Any,
    futures: Sequence[Any],
    *,
    bar: Any,
    size: Callable[[Any], int] = lambda result: 1,
    failed: Callable[[int, Exception], Exception] | None = None,
) -> list[Any]:
    """:func:`collect_in_order` for futures of a ``dask.distributed.Client``."""
    from dask.distributed import as_completed

    return collect_in_order(
        futures,
        as_completed=as_completed,
        cancel=lambda: client.cancel(futures),
        bar=bar,
        size=size,
        failed=failed,
    )


def collect_from_pool(
    pool: thread_futures.Executor,
    futures: Sequence[thread_futures.Future[Any]],
    *,
    bar: Any,
    size: Callable[[Any], int] = lambda result: 1,
    failed: Callable[[int, Exception], Exception] | None = None,
) -> list[Any]:
    """:func:`collect_in_order` for futures of a ``concurrent.futures`` pool (threads or
    processes)."""
    return collect_in_order(
        futures,
        as_completed=thread_futures.as_completed,
        cancel=lambda: pool.shutdown(wait=False, cancel_futures=True),
        bar=bar,
        size=size,
        failed=failed,
    )
