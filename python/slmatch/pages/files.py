"""What every page shares: its templates and how it reaches the disk.

Templates live under ``slmatch/pages/templates/``; HTML pages escape everything they are
given, the Markdown record escapes with its own filter. Files are replaced whole or not at
all, so a reader never sees half a page and a failure leaves the earlier file as it was.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jinja2


@lru_cache(maxsize=2)
def templates(*, html: bool = True) -> jinja2.Environment:
    """The Jinja2 environment of the pages' templates.

    Args:
        html: escape every value for HTML (pages); False for the Markdown record.

    Returns:
        One shared environment per kind; undefined names are errors.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("slmatch.pages", "templates"),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed over it.

    Args:
        path: the file to write; its folder must exist.
        text: what to write.

    Raises:
        OSError: when the file cannot be written; nothing is left behind.
    """
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as problem:
        raise OSError(f"cannot write {path}: {problem.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
