"""``python -m slmatch.profile`` (``slmatch profile``): import a person-held profile into a
scheme file, or export a person's profile from one.

Examples::

    python -m slmatch.profile import SCHEME.json PROFILE.json --person P01 [--output OUT.json]
    python -m slmatch.profile export SCHEME.json --person P01 [--output PROFILE.json]

Files are replaced whole (written beside the target and renamed), so a failure leaves them
as they were. Exit status 0 on success, 2 on bad input with a message naming the field.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from slmatch import _core
from slmatch._core import Scheme
from slmatch.pages.files import write_atomically
from slmatch.profile import export_profile, import_profile, profile_to_json


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slmatch profile",
        description=(
            "Carry a person-held profile between schemes: import it into a person's record "
            "in a scheme file, or export a person's profile from one. Consent stays with the "
            "scheme: matching reads the profile only with the person's consent."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="set a person's fields from a profile")
    importing.add_argument("scheme", help="scheme file (JSON)")
    importing.add_argument("profile", help="profile file (JSON)")
    importing.add_argument("--person", required=True, help="the person's id in the scheme")
    importing.add_argument(
        "--output", help="scheme file to write (default: replace the scheme file, whole)"
    )
    exporting = commands.add_parser("export", help="write a person's profile from a scheme")
    exporting.add_argument("scheme", help="scheme file (JSON)")
    exporting.add_argument("--person", required=True, help="the person's id in the scheme")
    exporting.add_argument("--output", help="profile file to write (default: standard output)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``slmatch profile``; returns the exit status (0 on success, 2 on bad input).

    Files are replaced whole (written beside the target and renamed), so a failure leaves
    them as they were.

    Args:
        argv: the arguments after the program name; default ``sys.argv[1:]``.
    """

    arguments = _parser().parse_args(argv)
    try:
        scheme = Scheme.load(arguments.scheme)
        if arguments.command == "import":
            imported = import_profile(scheme, arguments.profile, arguments.person)
            imported.save(arguments.output or arguments.scheme)
        else:
            text = profile_to_json(export_profile(scheme, arguments.person))
            if arguments.output is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_atomically(Path(arguments.output), text)
    except (ValueError, _core.SlmatchError, OSError) as problem:
        print(f"slmatch profile: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
