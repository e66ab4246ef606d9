"""The whole pipeline at national scale, from the command line and from Python.

Run with the project's Python after building (``scripts/build.sh release slmatch`` and
``pip install .``):

    .venv/bin/python benchmarks/national_scale.py [--people 15000] [--households 10000]
        [--seed 7] [--threads 2] [--repeats 5] [--cli build/release/slmatch] [--work DIR]

1. ``slmatch generate`` writes the scheme (15,000 people, 10,000 households by default).
2. ``slmatch match --format json --output`` (and ``--format jsonl``) runs ``--repeats``
   times in a fresh process each: the median wall time from start to file written, the
   median of each stage's seconds as the CLI logs them (load, encode, score, solve,
   shortlists, explanations, output), the largest peak resident memory, and the output's
   size. ``slmatch validate`` on the same file gives the memory of loading alone; the
   difference, divided by the feasible pairs, is the pipeline's bytes per feasible pair.
3. In a fresh Python process each time: ``slmatch.match(scheme, threads=...)`` and then
   the ``plan``, ``shortlists`` and ``unmatched`` DataFrames, timed apart from loading the
   file, with the process's peak memory.

Each line ends with the target it is measured against (CLI under 4 s and 1 GiB; Python
match and frames under 3 s). Only medians are quoted: these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

STAGES = ["load", "encode", "score", "solve", "shortlists", "explanations", "output"]
GIB = 1024**3

PYTHON_RUN = """
import json, resource, sys, time
import slmatch
start = time.perf_counter()
scheme = slmatch.load_scheme(sys.argv[1])
loaded = time.perf_counter()
result = slmatch.match(scheme, threads=int(sys.argv[2]))
matched = time.perf_counter()
plan, shortlists, unmatched = result.plan, result.shortlists, result.unmatched
framed = time.perf_counter()
print(json.dumps({
    "load": loaded - start,
    "match": matched - loaded,
    "frames": framed - matched,
    "rows": [len(plan), len(shortlists), len(unmatched)],
    "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def run_with_peak(command: list[str]) -> tuple[float, int, str, str]:
    """(wall seconds, peak resident KiB, stdout, stderr) of one child, by wait4."""
    out_file = tempfile.TemporaryFile(mode="w+")
    err_file = tempfile.TemporaryFile(mode="w+")
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{err}")
    return wall, int(usage.ru_maxrss), out, err


def stage_seconds(log: str) -> dict[str, float]:
    """The stage seconds the CLI logs at info level."""
    line = next((row for row in log.splitlines() if "stage seconds:" in row), None)
    if line is None:
        sys.exit("the CLI did not log its stage seconds (is it built from this checkout?)")
    return {name: float(value) for name, value in re.findall(r"(\w+) ([0-9.]+)", line)}


def median_stages(runs: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(run[name] for run in runs) for name in STAGES}


def verdict(value: float, target: float) -> str:
    return "met" if value < target else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=15000)
    parser.add_argument("--households", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cli", default="build/release/slmatch")
    parser.add_argument("--work", default=None, help="folder for the scheme and outputs")
    args = parser.parse_args()

    cli = str(pathlib.Path(args.cli).resolve())
    work = pathlib.Path(args.work or tempfile.mkdtemp(prefix="slmatch-national-"))
    work.mkdir(parents=True, exist_ok=True)
    scheme = work / f"scheme-{args.people}x{args.households}-seed{args.seed}.json"
    if not scheme.exists():
        subprocess.run(
            [
                cli,
                "generate",
                "--people",
                str(args.people),
                "--households",
                str(args.households),
                "--seed",
                str(args.seed),
                "--output",
                str(scheme),
            ],
            check=True,
        )
    print(
        f"scheme: {args.people} people, {args.households} households, seed {args.seed} "
        f"({scheme.stat().st_size / 1e6:.1f} MB); {args.threads} threads, "
        f"{args.repeats} runs each"
    )

    _, load_peak, _, _ = run_with_peak([cli, "validate", str(scheme)])

    for fmt in ("json", "jsonl"):
        output = work / f"proposals.{fmt}"
        walls, peaks, stages = [], [], []
        for _ in range(args.repeats):
            wall, peak, _, err = run_with_peak(
                [
                    cli,
                    "--log-level",
                    "info",
                    "match",
                    str(scheme),
                    "--format",
                    fmt,
                    "--threads",
                    str(args.threads),
                    "--output",
                    str(output),
                ]
            )
            walls.append(wall)
            peaks.append(peak)
            stages.append(stage_seconds(err))
        header = json.loads(output.open().readline()) if fmt == "jsonl" else None
        pairs = (header or {}).get("feasible_pairs")
        if pairs is None:
            with output.open() as text:
                pairs = next(
                    int(m.group(1))
                    for line in text
                    if (m := re.search(r'"feasible_pairs": (\d+)', line))
                )
        wall, peak = statistics.median(walls), max(peaks)
        per_stage = median_stages(stages)
        print(
            f"\nCLI match --format {fmt}: {pairs:,} feasible pairs, "
            f"{output.stat().st_size / 1e6:.0f} MB written"
        )
        print(
            "  stage medians (s): " + ", ".join(f"{name} {per_stage[name]:.3f}" for name in STAGES)
        )
        print(
            f"  wall, file in to file written: median {wall:.2f} s "
            f"(target < 4 s: {verdict(wall, 4.0)})"
        )
        print(
            f"  peak memory: {peak / 1024**2:.2f} GiB "
            f"(target < 1 GiB: {verdict(peak * 1024, GIB)}); loading alone "
            f"{load_peak / 1024:.0f} MiB; the rest {(peak - load_peak) * 1024 / pairs:.0f} "
            f"bytes per feasible pair"
        )

    loads, matches, frames, python_peaks = [], [], [], []
    for _ in range(args.repeats):
        _, peak, out, _ = run_with_peak(
            [sys.executable, "-c", PYTHON_RUN, str(scheme), str(args.threads)]
        )
        figures = json.loads(out)
        loads.append(figures["load"])
        matches.append(figures["match"])
        frames.append(figures["frames"])
        python_peaks.append(peak)
    match_and_frames = statistics.median(m + f for m, f in zip(matches, frames))
    print(
        f"\nPython: load_scheme median {statistics.median(loads):.2f} s; "
        f"match {statistics.median(matches):.2f} s; plan + shortlists + unmatched "
        f"{statistics.median(frames):.2f} s"
    )
    print(
        f"  match and frames: median {match_and_frames:.2f} s "
        f"(target < 3 s: {verdict(match_and_frames, 3.0)}); "
        f"peak memory {max(python_peaks) / 1024**2:.2f} GiB"
    )


if __name__ == "__main__":
    main()
