"""Published pages in a real browser: headless Chromium (Selenium), axe-core, a link crawler.

Everything comes from the machine, nothing is downloaded at run time: Debian's ``chromium``
and ``chromium-driver`` packages, axe-core from npm in tests/_cache/axe (``.ci/run`` installs
all three), Selenium from the test extra. Selenium is given the driver's path, so Selenium
Manager never starts (and ``SE_OFFLINE`` forbids it the network should it start anyway).

Pages are opened over http from a local server, as a web server would serve them: a browser
treats file:// pages differently (no content types, other origin rules).

Used by tests/test_browser.py (the module-scoped fixture ``chromium``) and by tools/screenshot.py.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tests" / "_cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_MAJOR = 4  # the rules and tags the tests rely on are axe-core 4's (4.14.1 when written)
WCAG21AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # axe's tags for the WCAG 2.1 A and AA rules
WINDOW = (1280, 1024)  # the page area; fixed, so layout-dependent rules (contrast, reflow) see the same page every run

INSTALL_BROWSER = "Debian: apt-get install chromium chromium-driver"
INSTALL_AXE = "npm install --prefix tests/_cache/axe axe-core@4"


def chromium_binary() -> str | None:
    return shutil.which("chromium")


def chromedriver_binary() -> str | None:
    return shutil.which("chromedriver")


def missing(*, axe: bool = True) -> str | None:
    """Why the browser tests cannot run here, or None when everything they need is installed.

    ``axe=False``: only the browser (tools/screenshot.py takes pictures, it runs no rules)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (.venv/bin/pip install -e '.[test]')"
    if chromium_binary() is None:
        return f"Chromium is not installed ({INSTALL_BROWSER})"
    if chromedriver_binary() is None:
        return f"chromedriver is not installed ({INSTALL_BROWSER})"
    if not axe:
        return None
    if not AXE.is_file():
        return f"axe-core is not installed: no {AXE.relative_to(REPO)} ({INSTALL_AXE})"
    version = axe_version()
    if not version.startswith(f"{AXE_MAJOR}."):
        return f"axe-core {version} is installed, the tests are written for {AXE_MAJOR}.x ({INSTALL_AXE})"
    return None


def axe_version() -> str:
    """The version of the installed axe-core, from its package.json ("?" when unreadable)."""
    try:
        package = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "?"
    return str(package.get("version", "?"))


def start_chromium(window: tuple[int, int] = WINDOW) -> WebDriver:
    """Headless Chromium with Debian's chromedriver; the caller quits it."""
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: never download a driver or browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = chromium_binary(), chromedriver_binary()
    if binary is None or driver is None:
        raise RuntimeError(missing())
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        # The sandbox needs user namespaces, which root in CI and most containers lack; the
        # browser only ever opens our own pages from 127.0.0.1.
        "--no-sandbox",
        "--disable-dev-shm-usage",  # containers have a small /dev/shm; Chromium would crash on it
        f"--window-size={window[0]},{window[1]}",
        "--force-device-scale-factor=1",  # same pixels on every screen, for the screenshot
        "--hide-scrollbars",
        # No traffic of Chromium's own (updates, sync, safe browsing lists): the tests stay offline.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
    ):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    _fit_viewport(chrome, *window)
    return chrome


def _fit_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Make the page area, not the window around it, ``width`` x ``height`` pixels.

    Headless Chromium still counts a window frame into --window-size; the difference is
    measured rather than assumed, since it varies between Chromium versions."""
    inner = cast(list[int], driver.execute_script("return [window.innerWidth, window.innerHeight]"))
    outer = driver.get_window_size()
    driver.set_window_size(outer["width"] + width - inner[0], outer["height"] + height - inner[1])


@pytest.fixture(scope="module", name="chromium")
def chromium_fixture() -> Iterator[WebDriver]:
    """``chromium``: one headless Chromium for a test module; skips, saying what to install, when it cannot run.

    A test module imports it (``from tests.browser import chromium_fixture``); under another
    name than the fixture's, so that a test's ``chromium`` argument does not shadow the import."""
    reason = missing()
    if reason is not None:
        pytest.skip(reason)
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


# --- serving a folder --------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the test output


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; yields the base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- axe-core ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One axe rule a page breaks, with the elements that break it (CSS selectors)."""

    id: str
    impact: str | None
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.id} ({self.impact}): {self.help} — {', '.join(self.targets)}"


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
  .then(result => done({violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map(n => n.target.flat().join(" >>> ")),
  }))}))
  .catch(error => done({error: String(error)}));
"""


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(driver: WebDriver, url: str) -> list[Violation]:
    """Open ``url`` and run axe-core's WCAG 2.1 A and AA rules on it."""
    driver.get(url)
    driver.set_script_timeout(60)
    driver.execute_script(_axe_source())
    result = cast(dict[str, Any], driver.execute_async_script(RUN_AXE, list(WCAG21AA)))
    if "error" in result:
        raise RuntimeError(f"axe-core failed on {url}: {result['error']}")
    return [
        Violation(v["id"], v["impact"], v["help"], tuple(v["targets"]))
        for v in cast(list[dict[str, Any]], result["violations"])
    ]


def report(violations: dict[str, list[Violation]]) -> str:
    """Violations per page, one per line, for an assertion message."""
    return "\n".join(f"{page}\n" + "\n".join(f"  {v}" for v in found) for page, found in violations.items() if found)


# --- crawling ----------------------------------------------------------------------------


@dataclass
class Site:
    """What a crawl found: the HTML pages opened in the browser, the other files fetched, and
    every link (or stylesheet, image) that does not lead where it says."""

    pages: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # URL -> content type
    external: set[str] = field(default_factory=set)  # other origins and schemes: not followed
    broken: list[str] = field(default_factory=list)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A link that needs a redirect (a folder without its slash) is not one a folder of files can serve."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)

LINKS = """
const pick = (selector, attribute) => Array.from(document.querySelectorAll(selector), e => e[attribute]);
return {
  links: pick("a[href]", "href"),
  resources: [...pick("link[rel~=stylesheet][href], link[rel~=icon][href]", "href"), ...pick("img[src]", "src")],
  ids: [...pick("[id]", "id"), ...pick("a[name]", "name")],
};
"""


def _fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of ``url``, redirects not followed."""
    try:
        with _OPENER.open(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), b""


def _content_problem(url: str, content_type: str, body: bytes) -> str | None:
    """Why a fetched file is not what its name says, or None. Checks the bytes, not only the header."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix == ".pdf":
        if content_type != "application/pdf" or not body.startswith(b"%PDF-"):
            return f"not a PDF ({content_type}, starts {body[:8]!r})"
    elif suffix == ".json":
        if content_type != "application/json":
            return f"JSON served as {content_type}"
        try:
            json.loads(body)
        except ValueError as error:
            return f"not valid JSON: {error}"
    elif suffix == ".css" and content_type != "text/css":
        return f"stylesheet served as {content_type}"
    return None


def crawl(driver: WebDriver, base_url: str, start: str = "index.html") -> Site:
    """Every page reachable from ``start`` by following each <a href> of the same origin.

    Each target must answer 200 without a redirect. HTML pages are opened in the browser and
    their links followed in turn; other files (PDF, JSON …) are fetched and their bytes
    checked against their name. Stylesheets and images the pages load must answer 200 too, and
    a link's #fragment must name an element of its page. Links ending in "/" are broken: from
    a folder of files, as the site is also meant to be used, the browser shows the folder
    rather than its index.html.
    """
    origin = urlsplit(base_url)[:2]
    site = Site()
    seen: set[str] = set()
    queue: list[tuple[str, str]] = [(urljoin(base_url, start), "(start)")]
    fragments: list[tuple[str, str, str]] = []  # (page, fragment, linked from)
    ids: dict[str, set[str]] = {}

    def same_origin(url: str) -> bool:
        return urlsplit(url)[:2] == origin

    while queue:
        url, source = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if urlsplit(url).path.endswith("/"):
            site.broken.append(f"{url} (linked from {source}): ends in /, a folder rather than a page")
            continue
        status, content_type, body = _fetch(url)
        if status != 200:
            site.broken.append(f"{url} (linked from {source}): answers {status}")
            continue
        if content_type != "text/html":
            problem = _content_problem(url, content_type, body)
            if problem:
                site.broken.append(f"{url} (linked from {source}): {problem}")
            site.files[url] = content_type
            continue
        driver.get(url)
        site.pages.append(url)
        found = cast(dict[str, list[str]], driver.execute_script(LINKS))
        ids[url] = set(found["ids"])
        for href in found["links"] + found["resources"]:
            target, fragment = urldefrag(href)
            if not same_origin(target):
                site.external.add(href)
                continue
            if fragment:
                fragments.append((target, fragment, url))
            queue.append((target, url))
    for page, fragment, source in fragments:
        if page in ids and fragment not in ids[page]:
            site.broken.append(f"{page}#{fragment} (linked from {source}): no element with id {fragment!r}")
    return site


def table_rows(driver: WebDriver) -> list[str]:
    """The text of every table row on the open page, cells joined by " | " (header rows too)."""
    rows = driver.find_elements("css selector", "table tr")
    return [" | ".join(cell.text.strip() for cell in row.find_elements("css selector", "th, td")) for row in rows]


def pages_with_row(driver: WebDriver, pages: list[str], text: str) -> list[str]:
    """The pages that have a table row containing ``text`` (each page is opened in turn)."""
    found = []
    for page in pages:
        driver.get(page)
        if any(text in row for row in table_rows(driver)):
            found.append(page)
    return found
