"""A logged run's report page, made again from the scheme the caller sends.

The run log keeps ids, hashes, options and the record, never scheme data, so the page of a
run is drawn by matching the scheme again with the run's logged options; it is given only
when the scheme and the result hash to the values the run record holds, so the page is
provably that run's.
"""

from __future__ import annotations

import json

import slmatch
from slmatch.pages.report import render_report
from slmatch.service import store
from slmatch.service.problems import Problem


def run_page(text: bytes, run: store.Run) -> str:
    """The report of ``run`` for the scheme file ``text`` (already checked as valid).

    Args:
        text: the scheme file the caller sent.
        run: the logged run.

    Returns:
        The HTML page.

    Raises:
        Problem: 409 when the scheme or the result is not the run's.
    """
    document = json.loads(text)
    policy = document.setdefault("policy", {})
    for option in ("travel_limit_km", "household_cap"):
        if option in run.options:
            policy[option] = run.options[option]
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    result = slmatch.match(
        scheme,
        run.options["shortlist_size"],
        objective=run.options["objective"],
        threads=run.options["threads"],
    )
    record = result.record()
    if record["input_sha256"] != run.scheme_sha256:
        raise Problem(
            409,
            "this scheme is not the one the run matched",
            [("scheme", "", "its SHA-256 differs from the one in the run record")],
        )
    if record["result_sha256"] != run.result_sha256:
        raise Problem(409, "matching this scheme again did not give the run's result")
    return render_report(scheme, result)
