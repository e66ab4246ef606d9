"""Calendar plans of many schemes at once: in the order given, the same as one by one, and a
failing scheme named by its position and name."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import slmatch
from slmatch import calendar
from slmatch.calendar_batch import BATCH_COLUMNS, CalendarBatch, plan_schemes

OPTIONS = {"weeks": 4, "seconds": 5.0}


def variant(scheme: slmatch.Scheme, k: int, **policy: str) -> slmatch.Scheme:
    """The scheme under another id and name, with its first k households' short-break beds
    taken away and its as_of date (the plan's first day) moved by k weeks."""
    document = json.loads(scheme.to_json())
    document["id"] = f"{document['id']}-{k}"
    document["name"] = f"{document['name']} {k}"
    document["policy"]["as_of"] = f"2026-11-{1 + 7 * k:02d}"
    document["policy"].update(policy)
    for home in document["households"][:k]:
        home.get("calendar", {}).update(short_break_beds=0, bookings=[])
    return slmatch.Scheme.from_json(json.dumps(document))


@pytest.fixture(scope="module")
def schemes(example: slmatch.Scheme) -> list[slmatch.Scheme]:
    return [variant(example, k) for k in (3, 0, 2, 1)]


@pytest.fixture(scope="module")
def batch(schemes: list[slmatch.Scheme]) -> CalendarBatch:
    return plan_schemes(schemes, threads=2, progress=False, **OPTIONS)


def test_plans_come_back_in_the_order_given(
    batch: CalendarBatch, schemes: list[slmatch.Scheme]
) -> None:
    assert list(batch.summary.columns) == list(BATCH_COLUMNS)
    assert list(batch.summary["scheme"]) == [scheme.id for scheme in schemes]
    assert list(batch.summary["name"]) == [scheme.name for scheme in schemes]
    assert len(batch.plans) == len(schemes)
    for scheme, plan in zip(schemes, batch.plans):
        alone = calendar.plan(scheme, **OPTIONS)
        assert plan.document == alone.document
        pd.testing.assert_frame_equal(plan.units, alone.units)
        pd.testing.assert_frame_equal(plan.people, alone.people)
    # The variants differ, so the order is visible in the figures too.
    assert batch.summary["nights_requested"].nunique() > 1


def test_summary_adds_up_each_plan(batch: CalendarBatch) -> None:
    for row, plan in zip(batch.summary.itertuples(), batch.plans):
        assert row.people == len(plan.people)
        assert row.units == len(plan.units)
        assert row.nights_covered == plan.people["nights_covered"].sum()
        assert row.slots_requested == plan.people["slots_requested"].sum()
        assert row.nights_covered <= row.nights_requested
        assert row.proven_optimal and row.gap == 0
        assert row.method in ("mip", "flow")
        assert row.seconds > 0


def test_threads_and_files_give_the_same_plans(
    batch: CalendarBatch, schemes: list[slmatch.Scheme], tmp_path: Path
) -> None:
    paths = []
    for k, scheme in enumerate(schemes):
        paths.append(tmp_path / f"scheme-{k}.json")
        scheme.save(str(paths[-1]))
    one_by_one = plan_schemes(paths, threads=1, progress=False, **OPTIONS)
    pd.testing.assert_frame_equal(
        one_by_one.summary.drop(columns="seconds"), batch.summary.drop(columns="seconds")
    )


def test_a_failing_scheme_is_named(example: slmatch.Scheme, tmp_path: Path) -> None:
    # The horizon of a scheme dated at the end of 9999 runs past the last date there is.
    far = variant(example, 1, as_of="9999-12-20")
    with pytest.raises(slmatch.SlmatchError, match=r"schemes\[2\] \('Riverside Shared Lives 1'\)"):
        plan_schemes([example, example, far, example], threads=2, progress=False, **OPTIONS)
    missing = tmp_path / "missing.json"
    with pytest.raises(slmatch.SlmatchError, match=r"schemes\[1\] \('.*missing.json'\)"):
        plan_schemes([example, missing], progress=False, **OPTIONS)


def test_bad_arguments_name_themselves(example: slmatch.Scheme) -> None:
    with pytest.raises(ValueError, match="at least one"):
        plan_schemes([], progress=False)
    with pytest.raises(ValueError, match="threads"):
        plan_schemes([example], threads=0, progress=False)
    with pytest.raises(TypeError, match="'wekks'"):
        plan_schemes([example], wekks=4, progress=False)
    with pytest.raises(TypeError, match=r"schemes\[0\]"):
        plan_schemes([42], progress=False)  # type: ignore[list-item]
