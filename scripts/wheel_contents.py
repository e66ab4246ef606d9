"""What scripts/build_wheel.sh checks in the repaired wheel, with `auditwheel show --json`'s
report on it. Usage: python wheel_contents.py WHEEL SHOW.json

The policy is a manylinux one and in the wheel's name, no shared library is outside it, the
wheel holds the extension module, the C interface, the command-line tool (moved into the
package by auditwheel, with a launcher in the scripts folder) and the JSON Schemas, and the
README's install command names this wheel (but for the version).
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

WANTED = {
    "the extension module": lambda n: n.startswith("slmatch/_core.") and n.endswith(".so"),
    "the C interface": lambda n: n.startswith("slmatch/libslmatch_c.so."),
    "the command-line tool": lambda n: n == "slmatch.scripts/slmatch",
    "its launcher": lambda n: n.endswith(".data/scripts/slmatch"),
    "the JSON Schemas": lambda n: n.startswith("slmatch/schema/") and n.endswith(".schema.json"),
}


def main() -> None:
    wheel = Path(sys.argv[1])
    show = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    problems = []
    tag = show["overall_tag"]
    if not tag.startswith("manylinux_") or tag not in wheel.name:
        problems.append(f"policy {tag!r}, not a manylinux tag in {wheel.name}")
    if show["external_libs"]:
        problems.append(f"shared libraries outside the policy: {show['external_libs']}")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    problems += [
        f"no {what} in the wheel" for what, has in WANTED.items() if not any(map(has, names))
    ]
    command = "pip install slmatch-<version>-" + wheel.name.split("-", 2)[2]
    readme = Path(__file__).resolve().parents[1] / "README.md"
    if command not in readme.read_text(encoding="utf-8"):
        problems.append(f"README.md does not say `{command}`")
    if problems:
        sys.exit("build_wheel: " + "; ".join(problems))
    bundled = [n.split("/", 1)[1] for n in names if n.startswith("slmatch.libs/") and n[-1] != "/"]
    print(
        f"build_wheel: {tag}, bundled: {', '.join(sorted(bundled)) or 'nothing'}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
