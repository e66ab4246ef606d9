"""The "what do you hold about me" page in a real browser, offline: every section shows, the
consent the example records for the person reads in words, axe finds no WCAG 2.2 A/AA
violation, and the page asks the network for nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import slmatch
from slmatch.pages.my_data import my_data, render_my_data

# The browser harness (tests/python/browser.py) comes with the HTML report's tests.
browser = pytest.importorskip("browser", reason="the browser harness tests/python/browser.py")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    chromium = browser.start_chromium()
    try:
        yield chromium
    finally:
        chromium.quit()


# A withdrawn consent, an advocate's consents and own account, and a national data opt-out.
PEOPLE = {"P33": "withdrawn", "P14": "Ruth Akande", "P38": "You registered a national data opt-out"}


@pytest.mark.parametrize("person", sorted(PEOPLE))
def test_my_data_page_in_browser(
    driver: Any, tmp_path: Path, example: slmatch.Scheme, person: str
) -> None:
    page = tmp_path / f"{person}.html"
    page.write_text(render_my_data(my_data(example, person)), encoding="utf-8")
    browser.open_file(driver, page)
    from selenium.webdriver.common.by import By

    browser.save_screenshot(driver, f"my_data_{person}")
    heading = driver.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and "holds about you" in heading.text
    for section in ("held", "agreed", "used", "introduced", "change"):
        assert driver.find_element(By.ID, section).is_displayed()
    body = driver.find_element(By.TAG_NAME, "body").text
    assert PEOPLE[person] in body
    violations = browser.axe_violations(driver)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    assert browser.network_requests(driver) == []
