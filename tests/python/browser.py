"""Open the pages slmatch writes in a real browser, offline, and check them.

A small harness over Selenium for tests of HTML pages (the scheme worker's report, the Easy
Read pages): Debian's headless Chromium driven by its chromedriver, with every network
request blocked, so a page that would fetch anything shows it.

    driver = start_chromium()          # skips the test, or fails it under CI, without Chromium
    try:
        open_file(driver, path)
        assert network_requests(driver) == []
        assert axe_violations(driver) == []
        save_screenshot(driver, "report")  # build/test-artifacts/screenshots/report.png
    finally:
        driver.quit()

Functions:
    start_chromium() -> Chrome: headless ``/usr/bin/chromium`` through
        ``/usr/bin/chromedriver``, window 1280 x 1800, host names resolving nowhere and
        http(s)/ws(s) URLs blocked, so only ``file://`` pages load. When either program is
        missing the calling test is skipped, or failed when the ``CI`` environment
        variable is set (so CI never passes without running the browser tests).
    open_file(driver, path): load a local file and wait until it has loaded.
    axe_violations(driver) -> list[dict]: run axe-core 4 (the axe.min.js bundled with the
        axe-playwright-python package, installed without Playwright and injected from
        disk; the axe-selenium-python package bundles axe-core 3, which has no WCAG 2.1 A
        or 2.2 rules) on the open page with the tags
        wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa; returns axe's ``violations``
        (each with ``id``, ``help``, ``impact`` and the failing ``nodes``).
    save_screenshot(driver, name) -> Path: a full-page PNG in
        ``build/test-artifacts/screenshots/<name>.png`` (not committed).
    network_requests(driver) -> list[str]: every URL other than ``file:``, ``data:`` and
        ``about:`` that the page opened last asked for, whether it was blocked or not:
        from the browser's performance log (DevTools network events) and the page's
        resource timing entries, each once, in the order first seen.

Selenium is given both programs' paths, so it never looks for (or downloads) a browser.
"""

from __future__ import annotations

import base64
import importlib.resources
import json
import math
import os
import pathlib
import shutil
import weakref
from typing import Any

import pytest

CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMEDRIVER = pathlib.Path("/usr/bin/chromedriver")
ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WINDOW = (1280, 1800)
_LOCAL_SCHEMES = ("file:", "data:", "about:")
_BLOCKED_URLS = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]

# URLs each driver has asked for so far (the performance log is drained as it is read).
_requests_seen: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def _missing_programs() -> list[str]:
    return [
        str(program)
        for program in (CHROMIUM, CHROMEDRIVER)
        if not (program.exists() and os.access(program, os.X_OK))
    ]


def start_chromium() -> Any:
    """Start headless Chromium with the network blocked.

    Returns:
        A ``selenium.webdriver.Chrome``; call ``quit()`` when done.

    Raises:
        pytest.skip.Exception: Chromium or chromedriver is missing and ``CI`` is unset.
        pytest.fail.Exception: Chromium or chromedriver is missing and ``CI`` is set.
    """
    missing = _missing_programs()
    if missing:
        message = (
            f"browser tests need {' and '.join(missing)} "
            "(Debian packages chromium and chromium-driver: scripts/setup.sh --tests)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER), log_output=os.devnull)
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": _BLOCKED_URLS})
    driver.set_window_size(*WINDOW)
    _requests_seen[driver] = []
    return driver


def open_file(driver: Any, path: pathlib.Path) -> None:
    """Load a local file in the browser and wait until it has loaded.

    Args:
        driver: a driver from :func:`start_chromium`.
        path: the file to open.
    """
    driver.get_log("performance")  # forget what earlier pages asked for
    _requests_seen[driver] = []
    driver.get(pathlib.Path(path).resolve().as_uri())
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') { done(true); }"
        "else { window.addEventListener('load', () => done(true)); }"
    )


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """Run axe-core on the open page for WCAG 2.0, 2.1 and 2.2 levels A and AA.

    Args:
        driver: a driver with a page open.

    Returns:
        axe's violations, empty when it finds none.
    """
    script = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js")
    driver.execute_script(script.read_text(encoding="utf-8"))
    known = set(driver.execute_script("return axe.getRules().flatMap(rule => rule.tags);"))
    unknown = [tag for tag in AXE_TAGS if tag not in known]
    if unknown:
        raise RuntimeError(f"this axe-core has no rules tagged {unknown}")
    tags = AXE_TAGS
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    driver.set_script_timeout(120)
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then("
        "  results => done({violations: results.violations}),"
        "  problem => done({error: String(problem)}));",
        options,
    )
    if "error" in results:
        raise RuntimeError(f"axe-core failed: {results['error']}")
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def save_screenshot(driver: Any, name: str) -> pathlib.Path:
    """Save a PNG of the whole page (not just the window).

    Args:
        driver: a driver with a page open.
        name: the file's name without ``.png``.

    Returns:
        The path written, under ``build/test-artifacts/screenshots/``.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {
                "x": 0,
                "y": 0,
                "width": math.ceil(size["width"]),
                "height": math.ceil(size["height"]),
                "scale": 1,
            },
        },
    )
    temporary = path.with_suffix(".png.tmp")
    temporary.write_bytes(base64.b64decode(shot["data"]))
    shutil.move(str(temporary), str(path))
    return path


def network_requests(driver: Any) -> list[str]:
    """Every URL the page opened last asked for, other than ``file:``, ``data:`` and
    ``about:`` ones.

    Args:
        driver: a driver from :func:`start_chromium`.

    Returns:
        The URLs, in the order first seen (each once), blocked or not.
    """
    seen = _requests_seen.setdefault(driver, [])
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            seen.append(message["params"]["request"]["url"])
    seen.extend(
        driver.execute_script(
            "return performance.getEntriesByType('resource').map(entry => entry.name);"
        )
    )
    urls = []
    for url in seen:
        if not url.startswith(_LOCAL_SCHEMES) and url not in urls:
            urls.append(url)
    return urls
