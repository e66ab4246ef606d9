#!/usr/bin/env python3
"""Check that the C library exports exactly the functions its header declares.

Lists the shared library's defined dynamic symbols (`nm -D`) and compares them with the
`SLMATCH_C_API` declarations in include/slmatch/c/slmatch.h: any symbol missing, any extra
(a C++ name, a dependency's), or one outside the SLMATCH_C_1 symbol version fails. Also
checks that the soname carries the header's SLMATCH_ABI_VERSION.

Usage: check_exports.py LIBRARY HEADER
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DECLARED = re.compile(r"SLMATCH_C_API\s+[^;(]*?\b(slmatch_\w+)\s*\(", re.DOTALL)
ABI = re.compile(r"^#define SLMATCH_ABI_VERSION (\d+)", re.MULTILINE)


def exported(library: str) -> dict[str, str]:
    """Each defined dynamic symbol with its version ('' when unversioned)."""
    listing = subprocess.run(
        ["nm", "-D", "--defined-only", "--with-symbol-versions", library],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    symbols = {}
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 3 or fields[1] in ("A",):  # the version node itself
            continue
        name, _, version = fields[2].partition("@")
        symbols[name] = version.lstrip("@")
    return symbols


def soname(library: str) -> str:
    dynamic = subprocess.run(
        ["objdump", "-p", library], check=True, capture_output=True, text=True
    ).stdout
    found = re.search(r"SONAME\s+(\S+)", dynamic)
    return found.group(1) if found else ""


def main(argv: list[str]) -> int:
    library, header = argv[1], Path(argv[2]).read_text(encoding="utf-8")
    declared = set(DECLARED.findall(header))
    symbols = exported(library)
    problems = []
    problems += [f"declared but not exported: {name}" for name in sorted(declared - set(symbols))]
    problems += [f"exported but not declared: {name}" for name in sorted(set(symbols) - declared)]
    problems += [
        f"{name} has symbol version '{version}', not SLMATCH_C_1"
        for name, version in sorted(symbols.items())
        if name in declared and version != "SLMATCH_C_1"
    ]
    abi = ABI.search(header)
    wanted = f"libslmatch_c.so.{abi.group(1) if abi else '?'}"
    if soname(library) != wanted:
        problems.append(f"soname is '{soname(library)}', not {wanted}")
    for problem in problems:
        print(f"exports: {problem}", file=sys.stderr)
    if not problems:
        print(f"{len(declared)} functions exported, as declared; soname {wanted}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
