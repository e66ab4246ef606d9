"""The scheme worker's report in a real browser: it renders, loads nothing, and passes axe.

Runs headless Chromium through tests/python/browser.py; without Chromium the tests are
skipped, or fail when the CI environment variable is set.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import slmatch
from browser import (
    axe_violations,
    network_requests,
    open_file,
    save_screenshot,
    start_chromium,
)
from slmatch.pages.report import write_report

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    chromium = start_chromium()
    try:
        yield chromium
    finally:
        chromium.quit()


@pytest.fixture(scope="module")
def result(example: slmatch.Scheme) -> slmatch.MatchResult:
    return slmatch.match(example)


@pytest.fixture(scope="module")
def report_path(
    example: slmatch.Scheme, result: slmatch.MatchResult, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("report") / "riverside.html"
    write_report(path, example, result)
    return path


@pytest.fixture
def report(driver: Any, report_path: Path) -> Path:
    open_file(driver, report_path)
    return report_path


def count(driver: Any, selector: str) -> int:
    return int(driver.execute_script(f"return document.querySelectorAll({selector!r}).length;"))


def test_report_renders_and_is_screenshot(driver: Any, report: Path) -> None:
    shot = save_screenshot(driver, "report-riverside")
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == 1280
    assert height > 1800  # the whole page, not only the window
    assert driver.title.startswith("Matching report: Riverside Shared Lives")


def test_report_shows_every_person(driver: Any, report: Path, example: slmatch.Scheme) -> None:
    shown = driver.execute_script(
        "return [...document.querySelectorAll('article.person')].map(a => {"
        "  const box = a.getBoundingClientRect();"
        "  const style = getComputedStyle(a);"
        "  return [a.dataset.person, a.querySelector('h3').innerText, box.width, box.height,"
        "          style.visibility, style.display];"
        "});"
    )
    assert [row[0] for row in shown] == sorted(example.person_ids)
    for person, heading, width, height, visibility, display in shown:
        assert heading.startswith(f"{person}: ")
        assert width > 300 and height > 40, person
        assert visibility == "visible" and display != "none", person


def test_report_draws_the_map_with_a_mark_per_person_household_and_pair(
    driver: Any, report: Path, example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    box = driver.execute_script(
        "const b = document.getElementById('map-svg').getBoundingClientRect();"
        "return [b.width, b.height];"
    )
    assert box[0] > 200 and box[1] > 200
    assert count(driver, "#map-svg circle.person") == len(example.person_ids)
    assert count(driver, "#map-svg rect.household") == len(example.household_ids)
    assert count(driver, "#map-svg line.pair") == result.matched
    # Every mark is drawn inside the map with a size (not collapsed or off the frame).
    outside = driver.execute_script(
        "const frame = document.getElementById('map-svg').getBoundingClientRect();"
        "return [...document.querySelectorAll('#map-svg .person, #map-svg .household')]"
        "  .map(m => m.getBoundingClientRect())"
        "  .filter(b => b.width <= 0 || b.left < frame.left - 1 || b.right > frame.right + 1"
        "           || b.top < frame.top - 1 || b.bottom > frame.bottom + 1).length;"
    )
    assert outside == 0


@pytest.mark.parametrize("grouping", ["need", "age_band", "area"])
def test_report_draws_the_audit_charts(
    driver: Any, report: Path, result: slmatch.MatchResult, grouping: str
) -> None:
    groups = result.audit().query("grouping == @grouping")
    chart = f"chart-{grouping.replace('_', '-')}"
    for drawing, column in (("rate", "match_rate"), ("wait", "mean_wait_days")):
        selector = f"#{chart}-{drawing}"
        assert count(driver, f"{selector} rect.bar") == int(groups[column].notna().sum())
        widths = driver.execute_script(
            f"return [...document.querySelectorAll('{selector} rect.bar')]"
            ".map(b => b.getBoundingClientRect().width);"
        )
        assert all(width > 0 for width in widths) or groups[column].min() == 0
        title = driver.execute_script(
            f"return document.querySelector('{selector}').getAttribute('aria-labelledby')"
            ".split(' ').map(id => document.getElementById(id).textContent).join(' | ');"
        )
        assert title.startswith(("Match rate by", "Mean wait in days by"))


def test_report_asks_for_nothing_over_the_network(driver: Any, report: Path) -> None:
    assert network_requests(driver) == []


def test_report_has_no_wcag_violations(driver: Any, report: Path) -> None:
    violations = axe_violations(driver)
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]
    assert described == []


def test_report_links_are_large_enough_to_hit(driver: Any, report: Path) -> None:
    # WCAG 2.2 target size (minimum, 2.5.8): 24 x 24 CSS pixels.
    sizes = driver.execute_script(
        "return [...document.querySelectorAll('a')].map(a => {"
        "  const b = a.getBoundingClientRect(); return [a.textContent, b.width, b.height];"
        "});"
    )
    assert sizes
    for text, width, height in sizes:
        assert width >= 24 and height >= 24, text


def test_report_prints_on_a4(driver: Any, report: Path) -> None:
    pdf = base64.b64decode(
        driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"]
    )
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    assert len(boxes) > 3
    for width, height in boxes:
        # A4 is 210 x 297 mm: 595 x 842 points.
        assert float(width) == pytest.approx(595.3, abs=1)
        assert float(height) == pytest.approx(841.9, abs=1)


def test_harness_sees_a_request_and_an_axe_violation(driver: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<img src="https://example.invalid/picture.png"></body></html>',
        encoding="utf-8",
    )
    open_file(driver, bad)
    assert network_requests(driver) == ["https://example.invalid/picture.png"]
    rules = {violation["id"] for violation in axe_violations(driver)}
    assert {"html-has-lang", "image-alt"} <= rules


def test_harness_skips_without_chromium_only_outside_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import browser

    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-chromium"):
        browser.start_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-chromium"):
        browser.start_chromium()
