#!/usr/bin/env python3
"""Check that the headers keep the layout the README draws.

Reads every `#include "slmatch/..."` under include/slmatch/ and fails when
- headers include each other in a cycle, or
- a header includes a stage that comes later in the data flow: the README's stage table
  lists the stages in order, and each stage may include only itself, the stages above it
  in the table and the foundation headers (error.hpp, version.hpp, log.hpp,
  vocabulary.hpp, parallel.hpp), or
- a folder under include/slmatch/ is missing from the table, or the table names one that
  does not exist.

Usage: scripts/check_layout.py [ROOT]   (ROOT holds README.md and include/; default: the
checkout this script is in)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FOUNDATION = ("error.hpp", "version.hpp", "log.hpp", "vocabulary.hpp", "parallel.hpp")
UMBRELLA = "slmatch.hpp"
INCLUDE = re.compile(r'^\s*#\s*include\s+"slmatch/([^"]+)"', re.MULTILINE)
TABLE_ROW = re.compile(r"^\|\s*([a-z_]+)\s*\|\s*`([^`]+)`")


def stage_order(readme: Path) -> list[str]:
    """The stages in the order of the README's stage table: each row's first `folder/` or
    `file.hpp` cell, relative to include/slmatch/."""
    order = []
    in_table = False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("| stage | folder |"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            match = TABLE_ROW.match(line)
            if match:
                order.append(match.group(2).rstrip("/"))
    return order


def stage_of(header: str) -> str:
    """`candidates/pair_scorer.hpp` -> `candidates`; `match.hpp` -> `match.hpp`."""
    return header.split("/", 1)[0] if "/" in header else header


def includes(root: Path) -> dict[str, list[str]]:
    """Each header under include/slmatch/ (as `stage/name.hpp`) and the slmatch headers it
    includes."""
    base = root / "include" / "slmatch"
    graph = {}
    for path in sorted(base.rglob("*.hpp")):
        name = path.relative_to(base).as_posix()
        graph[name] = INCLUDE.findall(path.read_text(encoding="utf-8"))
    return graph


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every include cycle found by a depth-first search, each once, as a list of headers."""
    found = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in graph.get(node, []):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target in graph and target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def problems(root: Path) -> list[str]:
    """Every way the headers under ROOT break the layout, as sentences."""
    order = stage_order(root / "README.md")
    if not order:
        return ["README.md has no stage table (a row starting '| stage | folder |')"]
    rank = {stage: k for k, stage in enumerate(order)}
    graph = includes(root)
    found = []
    folders = {stage_of(h) for h in graph if "/" in h}
    for folder in sorted(folders - set(rank)):
        found.append(f"include/slmatch/{folder}/ is not in the README's stage table")
    for stage in order:
        if stage not in folders and stage not in graph:
            found.append(
                f"the README's stage table names {stage}, which is not in include/slmatch/"
            )
    for header, targets in sorted(graph.items()):
        for target in targets:
            if target not in graph:
                found.append(f"{header} includes slmatch/{target}, which does not exist")
                continue
            if header == UMBRELLA or target in FOUNDATION:
                continue
            if header in FOUNDATION:
                found.append(f"{header} is a foundation header but includes slmatch/{target}")
                continue
            source, destination = stage_of(header), stage_of(target)
            if source == destination or source not in rank or destination not in rank:
                continue
            if rank[destination] > rank[source]:
                found.append(
                    f"{header} includes slmatch/{target}: {source} comes before "
                    f"{destination} in the data flow"
                )
    for cycle in cycles(graph):
        found.append("include cycle: " + " -> ".join(cycle))
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    found = problems(root)
    for problem in found:
        print(f"layout: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
