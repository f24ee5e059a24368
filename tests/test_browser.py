"""The published site in a real browser (issue 14): headless Chromium, axe-core's WCAG 2.1 AA rules, every link.

First the harness itself on pages of our own, to show that it can fail; then the example
archive as `publish` writes it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import browser
from tests.browser import (
    Site,
    axe_violations,
    chromium_fixture,  # noqa: F401 (the fixture `chromium`: pytest finds it in this module)
    crawl,
    report,
    serve,
    table_rows,
)
from tests.conftest import EXAMPLE, write
from tests.makers import tiny_pdf

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

PAGE = """<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>{title}</title></head>
<body><main>
<h1>{title}</h1>
{body}
</main></body>
</html>
"""

# Three WCAG 2.1 AA failures, one for each of three axe rules, and nothing else wrong.
BAD = """<img src="logo.svg">
<p><input type="text" name="navn"></p>
<p style="color: #aaaaaa; background: #ffffff">Lys grå tekst på hvitt</p>
"""
GOOD = """<img src="logo.svg" alt="Rådets logo">
<p><label for="navn">Navn</label> <input type="text" id="navn" name="navn"></p>
<p style="color: #595959; background: #ffffff">Mørk grå tekst på hvitt</p>
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def page(title: str, body: str) -> str:
    return PAGE.format(title=title, body=body)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site of our own, served over http: a bad page, a good page, and links good and broken."""
    root = tmp_path_factory.mktemp("sider")
    write(root / "logo.svg", LOGO)
    write(root / "bad.html", page("Dårlig side", BAD))
    write(root / "good.html", page("God side", GOOD))
    links = """<ul>
<li><a href="#innhold">Til innholdet</a></li>
<li><a href="good.html">God side</a></li>
<li><a href="mappe/side.html#avsnitt">Side i en mappe</a></li>
<li><a href="mangler.html">En side som ikke finnes</a></li>
<li><a href="sakspapirer.pdf">Sakspapirer (PDF)</a></li>
<li><a href="moetemappe.json">Møtemappe (JSON)</a></li>
<li><a href="https://www.einnsyn.no/">eInnsyn</a></li>
</ul>
<h2 id="innhold">Innhold</h2>
"""
    write(root / "index.html", page("Forside", links))
    back = '<p><a href="../index.html">Forsiden</a> <a href="../index.html#borte">Et anker som ikke finnes</a> <a href="./">Mappen</a></p><h2 id="avsnitt">Avsnitt</h2>'
    write(root / "mappe" / "side.html", page("Side i en mappe", back))
    (root / "sakspapirer.pdf").write_bytes(tiny_pdf("Sakspapirer"))
    write(root / "moetemappe.json", '{"moetenummer": "1/2026"}')
    with serve(root) as base:
        yield base


# --- the harness can fail ----------------------------------------------------------------


def test_axe_finds_the_violations_of_a_bad_page(chromium: WebDriver, pages: str) -> None:
    found = axe_violations(chromium, pages + "bad.html")
    assert {v.id: v.targets for v in found} == {
        "image-alt": ("img",),
        "label": ("input",),
        "color-contrast": ("p:nth-child(4)",),
    }, report({"bad.html": found})
    assert all(v.help and v.impact in {"critical", "serious"} for v in found)


def test_axe_finds_nothing_on_a_good_page(chromium: WebDriver, pages: str) -> None:
    found = axe_violations(chromium, pages + "good.html")
    assert found == [], report({"good.html": found})


def test_crawl_follows_every_link_and_reports_the_broken_ones(chromium: WebDriver, pages: str) -> None:
    site = crawl(chromium, pages)
    assert site.pages == [pages + p for p in ("index.html", "good.html", "mappe/side.html")]
    assert site.files == {
        pages + "sakspapirer.pdf": "application/pdf",
        pages + "moetemappe.json": "application/json",
        pages + "logo.svg": "image/svg+xml",  # good.html's image: loaded, so checked too
    }
    assert site.external == {"https://www.einnsyn.no/"}
    assert site.broken == [
        f"{pages}mangler.html (linked from {pages}index.html): answers 404",
        f"{pages}mappe/ (linked from {pages}mappe/side.html): ends in /, a folder rather than a page",
        f"{pages}index.html#borte (linked from {pages}mappe/side.html): no element with id 'borte'",
    ]


def test_crawl_reports_a_file_that_is_not_what_its_name_says(chromium: WebDriver, tmp_path: Path) -> None:
    write(
        tmp_path / "index.html", page("Forside", '<p><a href="sak.pdf">Saken (PDF)</a> <a href="m.json">JSON</a></p>')
    )
    write(tmp_path / "sak.pdf", "<html>not a PDF</html>")
    write(tmp_path / "m.json", "{moetenummer: 1}")
    with serve(tmp_path) as base:
        site = crawl(chromium, base)
    assert site.broken == [
        f"{base}sak.pdf (linked from {base}index.html): not a PDF (application/pdf, starts b'<html>no')",
        f"{base}m.json (linked from {base}index.html): not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    ]


def test_a_missing_piece_is_named_in_the_skip_reason(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browser, "AXE", browser.REPO / "tests" / "_cache" / "nowhere" / "axe.min.js")
    monkeypatch.setattr(browser, "chromium_binary", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(browser, "chromedriver_binary", lambda: "/usr/bin/chromedriver")
    reason = browser.missing()
    assert reason is not None and "npm install --prefix tests/_cache/axe axe-core@4" in reason
    assert browser.missing(axe=False) is None  # the screenshot needs only the browser
    wrong = write(tmp_path / "axe-core" / "package.json", '{"version": "5.0.0"}').parent / "axe.min.js"
    write(wrong, "/* axe */")
    monkeypatch.setattr(browser, "AXE", wrong)
    assert browser.missing() == (
        "axe-core 5.0.0 is installed, the tests are written for 4.x (npm install --prefix tests/_cache/axe axe-core@4)"
    )
    monkeypatch.setattr(browser, "chromedriver_binary", lambda: None)
    assert browser.missing() == "chromedriver is not installed (Debian: apt-get install chromium chromium-driver)"


# --- the published example archive -------------------------------------------------------


def publish_registered() -> bool:
    from ho21cli.cli.app import COMMANDS

    return "publish" in COMMANDS


# The example meeting's saksliste, as the innkalling has it.
SAKSLISTE = [
    ("1/1/2026", "Godkjenning av innkalling og saksliste"),
    ("2/1/2026", "Spørsmål om habilitet"),
    ("3/1/2026", "Godkjenning av referat fra møte 3/2025"),
    ("4/1/2026", "Orienteringer"),
    ("5/1/2026", "Oversikt meldinger og strategier"),
    ("6/1/2026", "Helsereformutvalget"),
    ("7/1/2026", "Tilgang til helsedata"),
    ("8/1/2026", "Innovasjon i helsetjenesten"),
    ("9/1/2026", "Kommunenes samarbeidsarena for forskning (KSF)"),
    ("10/1/2026", "EUs nye konkurranseevnefond og kommende rammeprogram"),
    ("11/1/2026", "Eventuelt"),
    ("12/1/2026", "Evaluering av møtet"),
]


def saksliste_shown(rows: list[str]) -> list[tuple[str, str]]:
    """The cases of SAKSLISTE found in ``rows``, number and title in one row, in the rows' order."""
    return [
        (number, title)
        for row in rows
        for number, title in SAKSLISTE
        if re.search(rf"(?<![\d/]){re.escape(number)}(?!\d)", row) and title in row
    ]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive, its innkalling recorded as sent and its referat approved (with each
    case's vedtak, as `referat-approved` records them), published to a folder."""
    from ho21cli.cli.app import main
    from tests.test_publish import VEDTAK, approve

    work = tmp_path_factory.mktemp("publisert")
    root = work / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build", ".ho21.lock"))
    assert main(["build-innkalling", "2026-1", "--root", str(root)]) == 0  # send records this build
    assert main(["send", "2026-1", "--date", "2026-01-04", "--root", str(root)]) == 0
    approve(root, "2026-1", VEDTAK)
    out = work / "nettsted"
    assert main(["publish", "--root", str(root), "--out", str(out)]) == 0
    assert (out / "index.html").is_file(), sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    return out


@pytest.fixture(scope="module")
def site(published: Path, chromium: WebDriver) -> Iterator[Site]:
    """The published folder served over http (while the module's tests run), crawled from its index.html."""
    with serve(published) as base:
        yield crawl(chromium, base)


class TestPublishedSite:
    pytestmark = [  # noqa: RUF012 (pytest reads the list; nothing mutates it)
        pytest.mark.soffice,
        pytest.mark.skipif(
            shutil.which("soffice") is None, reason="publishing needs LibreOffice (soffice) for the PDFs"
        ),
        pytest.mark.skipif(
            not publish_registered(), reason="`publish` is not a registered command yet (ho21cli/cli/app.py COMMANDS)"
        ),
        pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or ""),
    ]

    def test_every_link_leads_somewhere(self, site: Site) -> None:
        if site.broken:
            pytest.fail("links that lead nowhere:\n" + "\n".join(site.broken), pytrace=False)
        assert len(site.pages) >= 2, site.pages  # the møtekalender and at least the meeting's page
        assert any(url.endswith(".pdf") for url in site.files), site.files  # the saksfremlegg

    def test_axe_finds_no_wcag_21_aa_violation_on_any_page(self, site: Site, chromium: WebDriver) -> None:
        found: dict[str, list[browser.Violation]] = {}
        languages: dict[str, str] = {}
        for url in site.pages:
            found[url] = axe_violations(chromium, url)
            languages[url] = str(chromium.execute_script("return document.documentElement.lang"))
        if any(found.values()):
            pytest.fail("axe-core, WCAG 2.1 A and AA:\n" + report(found), pytrace=False)
        assert set(languages.values()) == {"nb"}, languages

    def test_the_meeting_page_shows_the_saksliste(self, site: Site, chromium: WebDriver) -> None:
        rows_by_page: dict[str, list[str]] = {}
        for url in site.pages:
            chromium.get(url)
            rows_by_page[url] = table_rows(chromium)
        showing = [url for url, rows in rows_by_page.items() if saksliste_shown(rows) == SAKSLISTE]
        assert showing, "no page shows the saksliste of meeting 1/2026 in order:\n" + "\n".join(
            f"{url}\n  " + "\n  ".join(rows) for url, rows in rows_by_page.items()
        )
        chromium.get(showing[0])
        text = chromium.find_element("tag name", "body").text
        assert "Forskningsrådets lokaler" in text, text

    def test_the_meeting_page_shows_the_approved_short_referat(self, site: Site, chromium: WebDriver) -> None:
        """Attendance and each case's vedtak as approved, as a reader sees them in the browser."""
        shown = []
        for url in site.pages:
            chromium.get(url)
            shown += [s.text for s in chromium.find_elements("css selector", "section[aria-labelledby='referat']")]
        assert len(shown) == 1, shown
        (referat,) = shown
        assert "Det settes ned en arbeidsgruppe med Marte Kvittum Tangen og Tarje Bjørgum." in referat
        assert "Innkalling og saksliste godkjennes." in referat
        assert "Per Morten Sandset" in referat  # attendance: a member present
