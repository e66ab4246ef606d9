"""The error the Python layer raises for bad input, in the form the C++ core raises it."""

from __future__ import annotations

from slmatch import _core


def validation_error(problems: list[tuple[str, str, str]]) -> Exception:
    """A :class:`slmatch.ValidationError` listing ``(record, field, message)`` problems, with
    the same message and ``problems`` attribute as one raised by the core."""
    error = _core.ValidationError("\n".join(f"{r}, field {f}: {m}" for r, f, m in problems))
    error.problems = problems
    return error
