"""Which shared libraries an installed slmatch wheel loads (run by scripts/check_wheel.sh in
a fresh environment). Usage: python wheel_libraries.py SCHEME.json

After a match through the extension module and one through the C interface (ctypes), every
shared library mapped into this process must come from the environment (the package, the
libraries bundled with it in slmatch.libs/, numpy's and pandas' own), from Python itself (its
prefix, and the system libraries its own modules link), or be one of the system's C and C++
runtime libraries that manylinux allows. And the dynamic loader must resolve every library
the extension module, the C interface and the command-line tool need to the package or to
those runtimes: never to the system's copy of a library the wheel bundles.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import slmatch
from slmatch import _c_interface

# The C and C++ runtimes, and zlib, which every manylinux policy lets a wheel expect.
RUNTIMES = re.compile(
    r"(ld-linux-x86-64|libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|libutil|libz)"
    r"\.so[.0-9]*"
)


def mapped() -> set[Path]:
    """Every file mapped into this process."""
    files = set()
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            fields = line.rstrip("\n").split(maxsplit=5)
            if len(fields) == 6 and fields[5].startswith("/"):
                files.add(Path(fields[5]).resolve())
    return files


def is_elf(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(4) == b"\x7fELF"


def needs(loader: Path, elf: Path) -> dict[str, str]:
    """Each library `elf` needs, directly or not, and the file the dynamic loader finds."""
    listing = subprocess.run(
        [str(loader), "--list", str(elf)], capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for line in listing.splitlines():
        name, arrow, where = line.strip().partition(" => ")
        if arrow:
            found[name] = where.rsplit(" (", 1)[0]
    return found


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def main() -> None:
    scheme_file = Path(sys.argv[1])
    slmatch.match(slmatch.load_scheme(str(scheme_file)))
    with _c_interface.Scheme(scheme_file.read_bytes()) as scheme:
        scheme.match().close()

    environment = Path(sys.prefix).resolve()
    python = Path(sys.base_prefix).resolve()
    package = Path(slmatch.__file__).resolve().parent
    problems = []
    if not inside(package, environment):
        problems.append(f"slmatch was imported from {package}, outside {environment}")
    ours = [package, package.with_name("slmatch.libs"), package.with_name("slmatch.scripts")]
    files = mapped()
    loader = next(path for path in files if path.name.startswith("ld-linux"))

    # What slmatch's own files need, as the loader finds it.
    elves = [p for folder in ours if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
    for elf in (p for p in elves if is_elf(p)):
        for name, where in needs(loader, elf).items():
            found = Path(where)
            if not (RUNTIMES.fullmatch(Path(name).name) or any(inside(found, f) for f in ours)):
                problems.append(f"{elf.relative_to(environment)} needs {name}: {where}")

    # What this process has mapped.
    python_needs = {
        Path(where).resolve()
        for path in files
        if inside(path, python) and is_elf(path)
        for where in needs(loader, path).values()
        if where.startswith("/")
    }
    for path in sorted(files):
        allowed = (
            inside(path, environment)
            or inside(path, python)
            or path in python_needs
            or RUNTIMES.fullmatch(path.name)
            or not is_elf(path)
        )
        if not allowed:
            problems.append(f"loaded from outside the environment: {path}")
    for name in ("libslmatch_c.so.1", f"_core{sysconfig.get_config_var('EXT_SUFFIX')}"):
        if package / name not in files:
            problems.append(f"{package / name} is not loaded")

    if problems:
        sys.exit("wheel_libraries:\n  " + "\n  ".join(problems))
    bundled = sorted(p.name for p in files if inside(p, package.with_name("slmatch.libs")))
    print(f"wheel_libraries: slmatch's libraries all from {environment}: {', '.join(bundled)}")


if __name__ == "__main__":
    main()
