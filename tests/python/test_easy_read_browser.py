"""Easy Read pages in a real browser, offline: the words and pictures are visible in large
type, axe finds no WCAG 2.2 A/AA violation, and the page asks the network for nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import slmatch
from slmatch.pages.easy_read import write_easy_read

# The browser harness (tests/python/browser.py) comes with the HTML report's tests.
browser = pytest.importorskip("browser", reason="the browser harness tests/python/browser.py")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, example: slmatch.Scheme) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("easy_read_browser")
    return {path.stem: path for path in write_easy_read(folder, example, slmatch.match(example))}


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    chromium = browser.start_chromium()
    try:
        yield chromium
    finally:
        chromium.quit()


# A person with a proposal, one whose only household was taken, one no household can support.
PEOPLE = {"matched": "P01", "taken": "P11", "no_household": "P14"}


@pytest.mark.parametrize("kind", sorted(PEOPLE))
def test_easy_read_page_in_browser(driver: Any, pages: dict[str, Path], kind: str) -> None:
    person = PEOPLE[kind]
    browser.open_file(driver, pages[person])
    from selenium.webdriver.common.by import By

    browser.save_screenshot(driver, f"easy_read_{kind}")
    heading = driver.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and heading.text == "Finding a Shared Lives carer"
    body = driver.find_element(By.TAG_NAME, "body").text
    assert f"This page is for {person}." in body
    assert "Nothing is decided until you say yes." in body
    if kind == "matched":
        assert "These are the carers we think you could meet" in body
        assert "We think this one could suit you best." in body
    else:
        assert "We have not found a carer for you yet" in body
        assert "What happens next" in body

    for line in driver.find_elements(By.CSS_SELECTOR, "ul.lines li"):
        assert line.is_displayed()
        picture = line.find_element(By.TAG_NAME, "svg")
        assert picture.is_displayed()
        assert picture.size["width"] >= 40 and picture.size["height"] >= 40
        text = line.find_element(By.TAG_NAME, "p")
        size = float(text.value_of_css_property("font-size").removesuffix("px"))
        height = float(text.value_of_css_property("line-height").removesuffix("px"))
        assert size >= 18 and height >= 1.5 * size

    violations = browser.axe_violations(driver)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    assert browser.network_requests(driver) == []
