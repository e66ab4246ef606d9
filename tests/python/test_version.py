"""One version, written once in include/slmatch/version.hpp: the installed package's
metadata, slmatch.__version__ (the C++ library's), the command-line tool and the C interface
all give it."""

from __future__ import annotations

import ctypes
import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import slmatch
from slmatch import _c_interface

HEADER = Path(__file__).resolve().parents[2] / "include" / "slmatch" / "version.hpp"


def header_version() -> str:
    found = re.search(r'library_version = "([0-9]+\.[0-9]+\.[0-9]+)"', HEADER.read_text())
    assert found is not None
    return found.group(1)


def test_package_metadata_and_module_give_the_header_version() -> None:
    assert importlib.metadata.version("slmatch") == header_version()
    assert slmatch.__version__ == header_version()
    assert slmatch._core.__version__ == header_version()


def test_command_line_tool_gives_it() -> None:
    cli = Path(sys.executable).with_name("slmatch")
    done = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"slmatch {header_version()}\n"
    module = [sys.executable, "-m", "slmatch", "--version"]
    done = subprocess.run(module, capture_output=True, text=True, check=True)
    assert done.stdout == f"slmatch {header_version()}\n"


def test_c_interface_gives_it() -> None:
    version = ctypes.CDLL(str(_c_interface.library_path())).slmatch_version
    version.restype = ctypes.c_char_p
    assert version().decode() == header_version()
