"""The C interface (libslmatch_c) called through ctypes alone, as a program in another
language would call it: the same bytes as the CLI, errors as statuses with problems, and
the stable plan and proposal rounds equal to the Python package's.

The library is found from SLMATCH_C_LIBRARY, else in the Release build
(build/release/libslmatch_c.so); the tests are skipped when neither exists, and fail when
SLMATCH_C_LIBRARY names a file that does not.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import slmatch
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("slmatch"))

OK, INVALID_ARGUMENT, INVALID_INPUT, INVALID_HANDLE, REFUSED = 0, 1, 2, 3, 4


def schema_errors(name: str, document: object) -> list[str]:
    """Where `document` breaks data/schema/<name> (whose $refs resolve by file name)."""
    folder = ROOT / "data" / "schema"
    schemas = {p.name: json.loads(p.read_text()) for p in folder.glob("*.schema.json")}
    registry: Registry[object] = Registry().with_resources(
        (file, DRAFT202012.create_resource(schema)) for file, schema in schemas.items()
    )
    validator = Draft202012Validator(
        schemas[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(document)]


def _library_path() -> Path | None:
    given = os.environ.get("SLMATCH_C_LIBRARY")
    if given:
        return Path(given)
    built = ROOT / "build" / "release" / "libslmatch_c.so"
    return built if built.exists() else None


class CLibrary:
    """The library's functions with their C signatures, and JSON-returning calls that
    raise on failure and free what the library gave."""

    def __init__(self, path: Path) -> None:
        lib = ctypes.CDLL(str(path))
        handle, text, size = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
        out_handle, out_text = ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)
        signatures: dict[str, tuple[object, list[object]]] = {
            "slmatch_version": (text, []),
            "slmatch_abi_version": (ctypes.c_int, []),
            "slmatch_last_error_status": (ctypes.c_int, []),
            "slmatch_last_error_message": (text, []),
            "slmatch_last_error_problems": (text, []),
            "slmatch_free": (ctypes.c_int, [ctypes.c_void_p]),
            "slmatch_scheme_from_json": (ctypes.c_int, [text, size, out_handle]),
            "slmatch_scheme_from_file": (ctypes.c_int, [text, out_handle]),
            "slmatch_scheme_summary": (ctypes.c_int, [handle, out_text]),
            "slmatch_scheme_free": (ctypes.c_int, [handle]),
            "slmatch_match": (ctypes.c_int, [handle, text, out_handle]),
            "slmatch_result_json": (ctypes.c_int, [handle, out_text]),
            "slmatch_result_json_lines": (ctypes.c_int, [handle, out_text]),
            "slmatch_result_person_json": (ctypes.c_int, [handle, text, out_text]),
            "slmatch_result_record_json": (ctypes.c_int, [handle, out_text]),
            "slmatch_result_audit_json": (ctypes.c_int, [handle, text, out_text]),
            "slmatch_result_free": (ctypes.c_int, [handle]),
            "slmatch_explain_json": (ctypes.c_int, [handle, text, text, out_text]),
            "slmatch_compare_json": (ctypes.c_int, [handle, text, text, text, out_text]),
            "slmatch_stable_json": (ctypes.c_int, [handle, text, out_text]),
            "slmatch_rounds_start": (ctypes.c_int, [handle, text, out_handle]),
            "slmatch_rounds_from_json": (ctypes.c_int, [text, size, out_handle]),
            "slmatch_rounds_json": (ctypes.c_int, [handle, out_text]),
            "slmatch_rounds_answer": (ctypes.c_int, [handle, text, text, text, ctypes.c_int, text]),
            "slmatch_rounds_next": (ctypes.c_int, [handle]),
            "slmatch_rounds_free": (ctypes.c_int, [handle]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        self.lib = lib

    def check(self, status: int) -> None:
        if status != OK:
            raise RuntimeError(f"status {status}: {self.lib.slmatch_last_error_message().decode()}")

    def text(self, function: str, *args: object) -> str:
        """Call a function whose last argument receives a string; return it and free it."""
        out = ctypes.c_void_p()
        self.check(getattr(self.lib, function)(*args, ctypes.byref(out)))
        try:
            return ctypes.string_at(out.value).decode()
        finally:
            self.check(self.lib.slmatch_free(out))

    def handle(self, function: str, *args: object) -> ctypes.c_void_p:
        out = ctypes.c_void_p()
        self.check(getattr(self.lib, function)(*args, ctypes.byref(out)))
        return out

    def problems(self) -> list[dict[str, str]]:
        listed: list[dict[str, str]] = json.loads(self.lib.slmatch_last_error_problems())
        return listed


@pytest.fixture(scope="module")
def c() -> CLibrary:
    path = _library_path()
    if path is None:
        pytest.skip("no libslmatch_c built (set SLMATCH_C_LIBRARY or build the release preset)")
    assert path.exists(), f"SLMATCH_C_LIBRARY names {path}, which does not exist"
    return CLibrary(path)


def cli(*args: str) -> str:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def schemes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example, and generated schemes: one short of places, one with places to spare."""
    folder = tmp_path_factory.mktemp("schemes")
    made = [ROOT / "data" / "examples" / "riverside.json"]
    for people, households, seed in ((60, 15, 3), (20, 40, 11)):
        path = folder / f"generated-{seed}.json"
        cli(
            "generate",
            *("--people", str(people), "--households", str(households), "--seed", str(seed)),
            *("--output", str(path)),
        )
        made.append(path)
    return made


@pytest.fixture()
def scheme_handle(c: CLibrary, example_path: Path) -> Iterator[ctypes.c_void_p]:
    handle = c.handle("slmatch_scheme_from_file", str(example_path).encode())
    yield handle
    c.check(c.lib.slmatch_scheme_free(handle))


def test_versions_agree(c: CLibrary) -> None:
    assert c.lib.slmatch_version().decode() == slmatch.__version__
    assert c.lib.slmatch_abi_version() == 1


@pytest.mark.parametrize(
    ("options", "cli_options"),
    [
        ("", []),
        (
            '{"objective": "max_total", "shortlist_size": 0}',
            ["--objective", "max_total", "--top", "0"],
        ),
        ('{"shortlist_size": 7, "threads": 2}', ["--top", "7", "--threads", "2"]),
    ],
)
def test_reports_are_the_cli_bytes(
    c: CLibrary, schemes: list[Path], tmp_path: Path, options: str, cli_options: list[str]
) -> None:
    for path in schemes:
        text = path.read_bytes()
        scheme = c.handle("slmatch_scheme_from_json", text, len(text))
        result = c.handle("slmatch_match", scheme, options.encode())
        try:
            assert c.text("slmatch_result_json", result) == cli(
                "match", str(path), "--format", "json", *cli_options
            )
            lines = c.text("slmatch_result_json_lines", result)
            assert lines == cli("match", str(path), "--format", "jsonl", *cli_options)
            record = tmp_path / "record.json"
            cli("match", str(path), "--record", str(record), *cli_options)
            assert c.text("slmatch_result_record_json", result) == record.read_text()
            objective = cli_options[:2] if cli_options[:1] == ["--objective"] else []
            assert c.text("slmatch_result_audit_json", result, None) == cli(
                "audit", str(path), "--format", "json", *objective
            )
            for line in lines.splitlines()[1:]:
                person = json.loads(line)["person"]
                assert c.text("slmatch_result_person_json", result, person.encode()) == line
        finally:
            c.check(c.lib.slmatch_result_free(result))
            c.check(c.lib.slmatch_scheme_free(scheme))


def test_audit_options_are_the_cli_options(
    c: CLibrary, example_path: Path, scheme_handle: ctypes.c_void_p
) -> None:
    result = c.handle("slmatch_match", scheme_handle, None)
    try:
        audit = c.text(
            "slmatch_result_audit_json", result, b'{"as_of": "2027-03-01", "area_km": 4}'
        )
        assert audit == cli(
            "audit",
            str(example_path),
            "--format",
            "json",
            "--as-of",
            "2027-03-01",
            "--area-km",
            "4",
        )
    finally:
        c.check(c.lib.slmatch_result_free(result))


def test_explanations_are_the_cli_bytes(
    c: CLibrary, example_path: Path, scheme_handle: ctypes.c_void_p
) -> None:
    """Feasible and infeasible pairs, and comparisons the CLI refuses: the same bytes or
    the same message."""
    example = slmatch.load_scheme(str(example_path))
    person, other = example.person_ids[0], example.household_ids[-1]
    refused = 0
    for household in example.household_ids[:8]:
        ids = (person.encode(), household.encode())
        assert c.text("slmatch_explain_json", scheme_handle, *ids) == cli(
            "explain", str(example_path), "--person", person, "--household", household,
            "--format", "json",
        )  # fmt: skip
        done = subprocess.run(
            [CLI, "explain", str(example_path), "--person", person, "--household", household,
             "--versus", other, "--format", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        out = ctypes.c_void_p()
        status = c.lib.slmatch_compare_json(scheme_handle, *ids, other.encode(), ctypes.byref(out))
        if done.returncode == 0:
            assert status == OK
            assert ctypes.string_at(out.value).decode() == done.stdout
            c.check(c.lib.slmatch_free(out))
        else:
            refused += 1
            assert status == INVALID_INPUT
            message = c.lib.slmatch_last_error_message().decode()
            assert done.stderr == f"slmatch: {message}\n"
    assert 0 < refused < 8


def test_policy_overrides_match_an_edited_scheme(
    c: CLibrary, example_path: Path, tmp_path: Path
) -> None:
    document = json.loads(example_path.read_text())
    # A cap of 1 leaves no household for the example's couples, so this scheme has no groups.
    del document["groups"]
    original = tmp_path / "original.json"
    original.write_text(json.dumps(document))
    document["policy"].update({"travel_limit_km": 8.5, "household_cap": 1})
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document))
    scheme = c.handle("slmatch_scheme_from_file", str(original).encode())
    result = c.handle("slmatch_match", scheme, b'{"travel_limit_km": 8.5, "household_cap": 1}')
    try:
        report = c.text("slmatch_result_json", result)
        assert report == cli("match", str(edited), "--format", "json")
        assert report != cli("match", str(original), "--format", "json")
    finally:
        c.check(c.lib.slmatch_result_free(result))
        c.check(c.lib.slmatch_scheme_free(scheme))


def test_a_cap_too_small_for_a_group_is_refused(c: CLibrary, example_path: Path) -> None:
    scheme = c.handle("slmatch_scheme_from_file", str(example_path).encode())
    out = ctypes.c_void_p()
    try:
        status = c.lib.slmatch_match(scheme, b'{"household_cap": 1}', ctypes.byref(out))
        assert status == INVALID_INPUT
        assert out.value is None
        problems = c.lib.slmatch_last_error_problems().decode()
        assert "group G01" in problems and "household cap" in problems
    finally:
        c.check(c.lib.slmatch_scheme_free(scheme))


def test_an_invalid_scheme_lists_every_problem(c: CLibrary, example_path: Path) -> None:
    document = json.loads(example_path.read_text())
    document["people"][2]["support_level"] = "enormous"
    document["households"][1]["location"]["lat"] = 91
    text = json.dumps(document).encode()
    out = ctypes.c_void_p()
    assert c.lib.slmatch_scheme_from_json(text, len(text), ctypes.byref(out)) == INVALID_INPUT
    assert out.value is None
    problems = c.problems()
    assert schema_errors("problems.schema.json", problems) == []
    person, household = document["people"][2]["id"], document["households"][1]["id"]
    assert {"record": f"person {person}", "field": "support_level"}.items() <= problems[0].items()
    assert [(p["record"], p["field"]) for p in problems[1:]] == [
        (f"household {household}", "location.lat")
    ]
    message = c.lib.slmatch_last_error_message().decode()
    assert f"person {person}, field support_level" in message


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (b"{", ""),
        (b'"max_total"', ""),
        (b'{"objective": "fastest"}', "objective"),
        (b'{"shortlist_size": 1001}', "shortlist_size"),
        (b'{"shortlist_size": 2.5}', "shortlist_size"),
        (b'{"threads": -1}', "threads"),
        (b'{"travel_limit_km": "far"}', "travel_limit_km"),
        (b'{"household_cap": 0}', "household_cap"),
        (b'{"top": 3}', "top"),
    ],
)
def test_bad_options_name_the_option(
    c: CLibrary, scheme_handle: ctypes.c_void_p, options: bytes, field: str
) -> None:
    out = ctypes.c_void_p()
    assert c.lib.slmatch_match(scheme_handle, options, ctypes.byref(out)) == INVALID_ARGUMENT
    assert out.value is None
    assert [(p["record"], p["field"]) for p in c.problems()] == [("options", field)]


def test_handles_are_checked(c: CLibrary, example_path: Path) -> None:
    scheme = c.handle("slmatch_scheme_from_file", str(example_path).encode())
    out = ctypes.c_void_p()
    assert c.lib.slmatch_match(None, None, ctypes.byref(out)) == INVALID_ARGUMENT
    assert c.lib.slmatch_result_json(scheme, ctypes.byref(out)) == INVALID_HANDLE
    c.check(c.lib.slmatch_scheme_free(scheme))
    assert c.lib.slmatch_match(scheme, None, ctypes.byref(out)) == INVALID_HANDLE
    assert c.lib.slmatch_scheme_free(scheme) == INVALID_HANDLE
    assert c.lib.slmatch_last_error_status() == INVALID_HANDLE
    assert c.lib.slmatch_scheme_free(None) == OK
    assert c.lib.slmatch_last_error_status() == OK


def test_stable_plan_is_the_python_packages(
    c: CLibrary, example_path: Path, scheme_handle: ctypes.c_void_p
) -> None:
    example = slmatch.load_scheme(str(example_path))
    for proposing, optimal in (("people", "person"), ("households", "household")):
        options = json.dumps({"proposing": proposing, "household_weights": {"interests": 2}})
        document = json.loads(c.text("slmatch_stable_json", scheme_handle, options.encode()))
        assert schema_errors("stable-plan.schema.json", document) == []
        assert (document["format"], document["version"], document["proposing"]) == (
            "slmatch-stable-plan", 1, proposing,
        )  # fmt: skip
        frame = slmatch.stable.stable_match(example, optimal, household_weights={"interests": 2})
        assert [row["person"] for row in document["plan"]] == list(frame["person"])
        for row, expected in zip(document["plan"], frame.itertuples(), strict=True):
            assert (row["person_rank"], row["household_rank"]) == (
                expected.person_rank, expected.household_rank,
            )  # fmt: skip
            if row["household"] is None:
                assert pd.isna(expected.household)
                assert row["person_score"] is None and row["household_score"] is None
            else:
                assert row["household"] == expected.household
                assert row["person_score"] == pytest.approx(expected.person_score, abs=5e-4 + 1e-9)
                assert row["household_score"] == pytest.approx(
                    expected.household_score, abs=5e-4 + 1e-9
                )
        # The example's couple and siblings must live together: both say how stable it is.
        stability = frame.attrs["stability"]
        assert document["stability"] == {
            **stability,
            "blocking_pairs": [
                {"person": p, "household": h} for p, h in stability["blocking_pairs"]
            ],
            "blocking_groups": [
                {"group": g, "household": h} for g, h in stability["blocking_groups"]
            ],
        }


def test_proposal_rounds_follow_the_python_packages(
    c: CLibrary, example_path: Path, scheme_handle: ctypes.c_void_p
) -> None:
    example = slmatch.load_scheme(str(example_path))
    python = slmatch.stable.ProposalRounds(example)
    rounds = c.handle("slmatch_rounds_start", scheme_handle, None)
    try:
        assert c.text("slmatch_rounds_json", rounds) == python.to_json(indent=2) + "\n"
        assert c.lib.slmatch_rounds_next(rounds) == REFUSED
        assert {p["field"] for p in c.problems()} == {"answer"}
        introductions = python.introductions()
        for k, row in enumerate(introductions.itertuples()):
            accept = k % 3 != 0
            reason = None if accept else "location"
            python.answer(row.person, row.household, accept, reason=reason)
            c.check(
                c.lib.slmatch_rounds_answer(
                    rounds, row.person.encode(), row.household.encode(), b"both", int(accept),
                    None if reason is None else reason.encode(),
                )
            )  # fmt: skip
        first = introductions.iloc[0]
        assert (
            c.lib.slmatch_rounds_answer(
                rounds, first.person.encode(), first.household.encode(), b"person", 1, None
            )
            == REFUSED
        )
        python.next_round()
        c.check(c.lib.slmatch_rounds_next(rounds))
        state = c.text("slmatch_rounds_json", rounds)
        assert state == python.to_json(indent=2) + "\n"
        encoded = state.encode()
        copy = c.handle("slmatch_rounds_from_json", encoded, len(encoded))
        assert c.text("slmatch_rounds_json", copy) == state
        c.check(c.lib.slmatch_rounds_free(copy))
    finally:
        c.check(c.lib.slmatch_rounds_free(rounds))


@pytest.mark.parametrize(
    ("change", "name"),
    [
        (lambda d: d["plan"][0].update(household=None), "stable-plan.schema.json"),
        (lambda d: d["plan"][0].update(person_rank="1"), "stable-plan.schema.json"),
        (lambda d: d["plan"][0].update(person_score=100.5), "stable-plan.schema.json"),
        (lambda d: d.update(proposing="carers"), "stable-plan.schema.json"),
        (lambda d: d["plan"][0].pop("household_rank"), "stable-plan.schema.json"),
        (
            lambda d: d.update(plan=[*d["plan"], {**d["plan"][0], "note": ""}]),
            "stable-plan.schema.json",
        ),
    ],
)
def test_the_stable_plan_schema_bites(
    c: CLibrary, scheme_handle: ctypes.c_void_p, change: Any, name: str
) -> None:
    document = json.loads(c.text("slmatch_stable_json", scheme_handle, None))
    assert document["plan"][0]["household"] is not None
    change(document)
    assert schema_errors(name, document)


def test_the_problems_schema_bites(c: CLibrary, scheme_handle: ctypes.c_void_p) -> None:
    out = ctypes.c_void_p()
    assert (
        c.lib.slmatch_match(scheme_handle, b'{"threads": 0}', ctypes.byref(out)) == INVALID_ARGUMENT
    )
    problems = c.problems()
    assert schema_errors("problems.schema.json", problems) == []
    for broken in ([{**problems[0], "record": 1}], [{"record": "options", "field": "threads"}],
                   [{**problems[0], "message": ""}], {"problems": problems}):  # fmt: skip
        assert schema_errors("problems.schema.json", broken)


def test_the_readme_example_prints_the_cli_bytes(c: CLibrary, tmp_path: Path) -> None:
    """The README's C example, compiled as it stands against this library."""
    readme = (ROOT / "README.md").read_text()
    example = readme.split("## Embedding (C interface)", 1)[1].split("```c\n", 1)[1]
    source = tmp_path / "example.c"
    source.write_text(example.split("```", 1)[0])
    library = Path(c.lib._name)
    program = tmp_path / "example"
    subprocess.run(
        ["cc", "-std=c99", "-Wall", "-Werror", str(source), "-o", str(program),
         f"-I{ROOT / 'include'}", str(library),
         f"-Wl,-rpath,{library.parent}"],
        check=True,
    )  # fmt: skip
    printed = subprocess.run([str(program)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert printed.stdout == cli(
        "match",
        str(ROOT / "data" / "examples" / "riverside.json"),
        "--format",
        "json",
        "--top",
        "5",
    )
