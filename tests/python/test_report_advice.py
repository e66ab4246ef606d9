"""The report's advice sections and its Easy Read pages, as the page and the CLI give them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import slmatch
from markupsafe import escape
from slmatch.pages.advice import ADVICE_WORK, report_advice, waiting_order
from slmatch.pages.easy_read import page_file_name
from slmatch.pages.report import render_report

CLI = str(Path(sys.executable).with_name("slmatch"))


def section(page: str, anchor: str) -> str:
    """The text of one section of the page."""
    found = re.search(rf'<section id="{anchor}".*?</section>', page, re.S)
    assert found, anchor
    return found.group(0)


def test_the_advice_sections_hold_the_engines_advice(example: slmatch.Scheme) -> None:
    result = slmatch.match(example)
    page = render_report(example, result)
    helped = section(page, "what-would-help")
    unmatched = result.plan.loc[result.plan["household"].isna(), "person"]
    assert len(unmatched) > 0
    for found in result.what_would_help():
        assert f'data-advice-for="{found["person"]}"' in helped
        for option in found["options"]:
            assert str(escape(option["summary"])) in helped
    assert "Worked out for" not in helped  # the example is covered whole

    first = section(page, "first-choice")
    costs = result.first_choices()
    assert costs
    for cost in costs:
        assert str(escape(cost["summary"])) in first

    recruiting = section(page, "recruitment")
    summary = result.recruitment()
    for need in summary["needs"]:
        assert str(escape(need["summary"])) in recruiting


def test_little_work_reaches_the_longest_waiting_first_and_says_so(
    example: slmatch.Scheme,
) -> None:
    result = slmatch.match(example)
    advice = report_advice(example, result, work=result.feasible_pairs * 3)
    assert advice.checks == 3
    assert sum(found["checked"] for found in advice.help) <= 3
    people = slmatch.scheme_to_frames(example)["people"]
    unmatched = {found["person"] for found in result.what_would_help()}
    order = [p for p in waiting_order(people) if p in unmatched]
    assert [found["person"] for found in advice.help] == order[: len(advice.help)]
    page = render_report(example, result, advice_work=result.feasible_pairs * 3)
    assert f"Worked out for {len(advice.help)} of the {advice.unmatched} people" in page
    none = render_report(example, result, advice_work=0)
    assert "Not worked out in this report" in section(none, "first-choice")
    assert "not checked" in section(none, "recruitment")
    assert ADVICE_WORK // result.feasible_pairs > 1000


def test_waiting_order_is_longest_wait_first_then_id() -> None:
    scheme = slmatch.synthetic_scheme(30, 10, seed=2)
    frames = slmatch.scheme_to_frames(scheme)["people"]
    expected = frames.sort_values(["waiting_since", "id"])["id"].tolist()
    assert waiting_order(slmatch.scheme_to_frames(scheme)["people"]) == expected


def test_cli_report_writes_an_easy_read_page_per_person(
    example_path: Path, example: slmatch.Scheme, tmp_path: Path
) -> None:
    folder = tmp_path / "easy-read"
    done = subprocess.run(
        [
            CLI,
            "report",
            str(example_path),
            "--output",
            str(tmp_path / "report.html"),
            "--easy-read",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        page_file_name(p) for p in example.person_ids
    )
    python_folder = tmp_path / "from-python"
    slmatch.match(example).report(tmp_path / "python.html", easy_read=python_folder)
    for page in folder.iterdir():
        assert page.read_bytes() == (python_folder / page.name).read_bytes()
    assert (tmp_path / "python.html").read_bytes() == (tmp_path / "report.html").read_bytes()


def test_cli_report_refuses_negative_work(example_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            CLI,
            "report",
            str(example_path),
            "--output",
            str(tmp_path / "r.html"),
            "--advice-work",
            "-1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "--advice-work" in done.stderr
    assert not (tmp_path / "r.html").exists()


def test_without_groups_everyone_waiting_is_reached_without_re_solving() -> None:
    scheme = slmatch.synthetic_scheme(80, 20, seed=4)
    result = slmatch.match(scheme)
    waiting = set(result.plan.loc[result.plan["household"].isna(), "person"])
    assert len(waiting) > 5
    advice = report_advice(scheme, result, work=0)
    assert advice.checks == 0
    assert {found["person"] for found in advice.help} == waiting
    assert all(found["solved"] == 0 for found in advice.help)
    assert any(found["options"] for found in advice.help)
    assert all(o["every_best_plan"] for found in advice.help for o in found["options"])
    unplaced = [c["person"] for c in result.first_choices() if c["household"] is None]
    assert unplaced
    assert sorted(c["person"] for c in advice.first_choices) == sorted(unplaced)
    assert not advice.first_choices_complete  # placed people's costs need re-solves
    page = render_report(scheme, result, advice_work=0)
    assert "Worked out for" not in section(page, "what-would-help")
