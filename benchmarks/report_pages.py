"""The scheme worker's HTML report: how long it takes for the example and a national scheme.

Run with the project's Python (after the package is installed):

    .venv/bin/python benchmarks/report_pages.py [--national /tmp/national.json]
        [--repeats 5] [--threads 2] [--cli .venv/bin/slmatch]

For each scheme (the bundled example, and a national one: the file given, else 15,000
people and 10,000 households generated with seed 7, as
``slmatch generate --people 15000 --households 10000 --seed 7`` does), it matches once and
then prints the median of ``--repeats`` runs of:

- ``report``: writing the page from a fresh match result (nothing cached: the result's
  DataFrames, the audit, the run record, the map, rendering and the atomic write), the
  step ``MatchResult.report`` runs;
- ``command``: the whole ``slmatch report SCHEME --output FILE`` (loading, matching and the
  advice on every core, the command's default, and the report), as a scheme worker runs it;

against the targets (example under 1 s, national under 10 s), with the page's size; then
how far the advice sections reached within the report's re-solving work, and how long the
advice took.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import slmatch
from slmatch.pages.advice import report_advice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "riverside.json"
TARGETS = {"example": 1.0, "national": 10.0}


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall seconds of `repeats` calls of `run`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(seconds: float, target: float) -> str:
    return f"{seconds:7.3f} s  (target < {target:g} s: {'ok' if seconds < target else 'OVER'})"


def measure(name: str, path: Path, arguments: argparse.Namespace, work: Path) -> bool:
    """Print the timings for one scheme file; True when both are within the target."""
    target = TARGETS[name]
    scheme = slmatch.load_scheme(str(path))
    result = slmatch.match(scheme, threads=arguments.threads)
    output = work / f"{name}.html"

    def report() -> None:
        slmatch.MatchResult(result._run, scheme).report(output)  # nothing cached

    report_seconds = median_seconds(report, arguments.repeats)
    size = output.stat().st_size
    people = len(scheme.person_ids)
    print(
        f"{name}: {people} people x {len(scheme.household_ids)} households, "
        f"{result.matched} matched; page {size / 1e6:.2f} MB ({size / people:.0f} bytes a person)"
    )
    print(f"  report  (median of {arguments.repeats}) {verdict(report_seconds, target)}")
    ok = report_seconds < target
    start = time.perf_counter()
    advice = report_advice(scheme, result)
    print(
        f"  advice: {result.feasible_pairs:,} feasible pairs, so {advice.checks} re-solves; "
        f"what would help for {len(advice.help)} of {advice.unmatched} people without a "
        f"household, {len(advice.first_choices)} first-choice costs, "
        f"{sum(n['confirmed'] for n in advice.recruitment['needs'])} of "
        f"{len(advice.recruitment['needs'])} recruitment needs confirmed "
        f"({time.perf_counter() - start:.3f} s)"
    )

    cli = Path(arguments.cli)
    if cli.exists():
        command = [str(cli), "report", str(path), "--output", str(work / f"{name}-cli.html")]

        def run_command() -> None:
            subprocess.run(command, check=True)

        command_seconds = median_seconds(run_command, arguments.repeats)
        print(f"  command (median of {arguments.repeats}) {verdict(command_seconds, target)}")
        ok = ok and command_seconds < target
        if (work / f"{name}-cli.html").read_bytes() != output.read_bytes():
            print("  the command's page differs from MatchResult.report's")
            ok = False
    else:
        print(f"  command: {cli} not found, not timed")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", type=Path, help="national scheme file (default: generate)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2, help="threads for the one match")
    parser.add_argument("--cli", default=str(Path(sys.executable).with_name("slmatch")))
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="slmatch-report-bench-") as folder:
        work = Path(folder)
        national = arguments.national
        if national is None:
            national = work / "national.json"
            slmatch.synthetic_scheme(15000, 10000, seed=7).save(str(national))
        ok = measure("example", EXAMPLE, arguments, work)
        ok = measure("national", national, arguments, work) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
