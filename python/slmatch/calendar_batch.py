"""Short breaks and day support planned for many schemes at once, on threads or a Dask cluster.

A national picture (about 140 schemes) is one calendar plan per scheme, each independent of
the others::

    import slmatch
    from slmatch.calendar_batch import plan_schemes

    batch = plan_schemes(["north.json", "south.json"], weeks=13, seconds=10)
    batch.summary     # one row per scheme: nights and slots asked for and covered, gap
    batch.plans[0]    # the first scheme's CalendarPlan

Each plan is one call into the engine, which releases the GIL. The MIP solver's driver
(CBC's ``CbcMain1``) keeps global state, so the engine's MIP solves in one process take
turns (the wait does not count against a plan's time limit), and a thread pool overlaps
only the rest of the work. With ``client=`` a
``dask.distributed.Client`` the schemes go to the cluster's workers instead, one process
each, which do plan at the same time; the plans are the same either way (only the times
differ, and plans a time limit stops early may differ where the limit falls).
"""

from __future__ import annotations

import inspect
import os
import time
from collections.abc import Iterable, Mapping
from concurrent import futures as thread_futures
from dataclasses import dataclass
from typing import Any, Union

import pandas as pd

from slmatch import calendar
from slmatch._core import Scheme, SlmatchError
from slmatch._parallel import collect_from_cluster, collect_from_pool, progress_bar, scatter

__all__ = ["BATCH_COLUMNS", "PLAN_FIGURES", "CalendarBatch", "plan_schemes"]

SchemeSource = Union[Scheme, str, os.PathLike[str]]

PLAN_FIGURES: tuple[str, ...] = (
    "people",
    "units",
    "nights_requested",
    "nights_covered",
    "slots_requested",
    "slots_covered",
    "proven_optimal",
    "gap",
)
"""What a batch (and the simulation) reports of each plan: the people with a request, the
stays and slots planned, the nights and slots asked for and covered, and whether the plan
is proven optimal, with its gap."""

BATCH_COLUMNS: tuple[str, ...] = ("scheme", "name", *PLAN_FIGURES, "method", "seconds")
"""The columns of :attr:`CalendarBatch.summary`: the scheme's id and name, the
:data:`PLAN_FIGURES`, how it was planned (``"mip"`` or ``"flow"``) and the seconds the plan
took where it ran."""


@dataclass(frozen=True)
class CalendarBatch:
    """The calendar plans of many schemes, in the order the schemes were given."""

    plans: list[calendar.CalendarPlan]
    """One plan per scheme."""
    summary: pd.DataFrame
    """One row per scheme with :data:`BATCH_COLUMNS`."""


def _label(index: int, source: SchemeSource) -> str:
    name = source.name if isinstance(source, Scheme) else os.fspath(source)
    return f"schemes[{index}] ({name!r})"


def _load(index: int, source: SchemeSource) -> Scheme:
    if isinstance(source, Scheme):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(
            f"schemes[{index}]: expected slmatch.Scheme or a path, got {type(source).__name__}"
        )
    try:
        return Scheme.load(os.fspath(source))
    except Exception as error:
        raise SlmatchError(f"{_label(index, source)}: {error}") from error


def _check_options(options: Mapping[str, Any]) -> None:
    accepted = [
        name
        for name, parameter in inspect.signature(calendar.plan).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    for name in options:
        if name not in accepted:
            raise TypeError(
                f"plan_schemes: unknown option {name!r} (calendar.plan takes {', '.join(accepted)})"
            )


def _plan_timed(scheme: Scheme, options: Mapping[str, Any]) -> tuple[calendar.CalendarPlan, float]:
    """One scheme's plan and the seconds it took (solves in one process take turns at CBC)."""
    start = time.perf_counter()
    plan = calendar.plan(scheme, **options)
    return plan, time.perf_counter() - start


def _summary_row(scheme: Scheme, plan: calendar.CalendarPlan, seconds: float) -> dict[str, Any]:
    people = plan.people
    return {
        "scheme": scheme.id,
        "name": scheme.name,
        "people": len(people),
        "units": len(plan.units),
        "nights_requested": int(people["nights_requested"].sum()),
        "nights_covered": int(people["nights_covered"].sum()),
        "slots_requested": int(people["slots_requested"].sum()),
        "slots_covered": int(people["slots_covered"].sum()),
        "proven_optimal": plan.proven_optimal,
        "gap": plan.gap,
        "method": plan.method,
        "seconds": seconds,
    }


def plan_schemes(
    schemes: Iterable[SchemeSource],
    *,
    threads: int | None = None,
    client: Any = None,
    progress: bool = True,
    **options: Any,
) -> CalendarBatch:
    """Plan each scheme's short breaks and day support, each on its own, on threads or Dask.

    Args:
        schemes: schemes, or paths of scheme files (read here, before any planning starts).
        threads: schemes in hand at once here (>= 1), default one per core; as the solver
            takes plans in turn (see the module's note), more than one overlaps only the
            rest of the work. Not used with ``client``.
        client: a ``dask.distributed.Client`` to plan on its workers; None plans here.
        progress: show a progress bar (tqdm).
        **options: keyword arguments of :func:`slmatch.calendar.plan`, the same for every
            scheme (``from_date``, ``weeks``, ``seconds``...); each scheme's own ``as_of``
            date starts its plan when ``from_date`` is not given.

    Returns:
        The plans and the summary, in the order of ``schemes``. The same arguments give the
        same plans, here or on Dask, but for the seconds (when no time limit is reached).

    Raises:
        TypeError: for something that is not a scheme or a path, or an unknown option.
        ValueError: for no schemes or a bad ``threads``.
        SlmatchError: naming the scheme (its position and name) whose file could not be
            read, or the first whose plan failed, with the error as its cause; schemes not
            yet started are then not planned.
    """
    sources = list(schemes)
    if not sources:
        raise ValueError("schemes: give at least one scheme")
    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise ValueError(f"threads must be a whole number >= 1 (is {threads!r})")
    _check_options(options)
    loaded = [_load(k, source) for k, source in enumerate(sources)]

    def failed(index: int, error: Exception) -> Exception:
        return SlmatchError(f"{_label(index, loaded[index])}: {error}")

    bar = progress_bar(len(loaded), progress, "calendar plans")
    try:
        if client is None:
            workers = min(threads or os.cpu_count() or 1, len(loaded))
            with thread_futures.ThreadPoolExecutor(max_workers=workers) as pool:
                pending = [pool.submit(_plan_timed, scheme, options) for scheme in loaded]
                results = collect_from_pool(pool, pending, bar=bar, failed=failed)
        else:
            on_workers = scatter(client, loaded, broadcast=False)
            submitted = [
                client.submit(_plan_timed, scheme, options, pure=False) for scheme in on_workers
            ]
            results = collect_from_cluster(client, submitted, bar=bar, failed=failed)
    finally:
        bar.close()
    rows = [_summary_row(scheme, plan, seconds) for scheme, (plan, seconds) in zip(loaded, results)]
    return CalendarBatch(
        plans=[plan for plan, _ in results],
        summary=pd.DataFrame(rows, columns=list(BATCH_COLUMNS)),
    )
