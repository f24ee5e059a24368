"""Retake docs/agenda.png, the README's picture of a published agenda page, in headless Chromium.

    .venv/bin/python tools/screenshot.py [--out docs/agenda.png]

Publishes a copy of the example archive (examples/arkiv, never changed) into a temporary
folder, with meeting 1/2026's innkalling recorded as sent on 4 January, serves it on
127.0.0.1 and photographs the meeting's agenda page at a fixed window size. Needs Chromium,
chromedriver and Selenium as the browser tests do (tests/browser.py; not axe-core), and
LibreOffice, which the publishing uses for the PDFs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `tests` and `ho21cli` as packages, however the script is run

from tests.browser import missing, pages_with_row, serve, start_chromium  # noqa: E402

EXAMPLE = REPO / "examples" / "arkiv"
MEETING = "2026-1"
SENT = "2026-01-04"  # ten days before the meeting, as the council sends it
AGENDA_ROW = "Helsereformutvalget"  # a case only meeting 1/2026 has: its agenda page lists it
# The page area, fixed, so that a retaken picture differs only where the page did; tall enough
# for the example meeting's whole agenda page (1599 px at this width when this was written).
WINDOW = (1024, 1600)


def fail(message: str) -> None:
    raise SystemExit(f"tools/screenshot.py: {message}")


def ho21(*args: str | Path) -> None:
    """Run one ho21 command in-process; stop here if it fails (it has printed why)."""
    from ho21cli.cli.app import main

    command = [str(arg) for arg in args]
    if main(command) != 0:
        fail(f"`ho21 {' '.join(command)}` failed")


def publish_example(work: Path) -> Path:
    """The example archive, copied into ``work``, published; returns the site's folder."""
    root = work / "arkiv"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build", ".ho21.lock"))
    ho21("build-innkalling", MEETING, "--root", root)  # `send` records that this build went out
    ho21("send", MEETING, "--date", SENT, "--root", root)
    site = work / "nettsted"
    ho21("publish", "--root", root, "--out", site)
    return site


def photograph_agenda(site: Path, out: Path) -> str:
    """Save the agenda page of MEETING as a PNG; returns the page's path in the site."""
    driver = start_chromium(WINDOW)
    try:
        with serve(site) as base:
            pages = [base + page.relative_to(site).as_posix() for page in sorted(site.rglob("*.html"))]
            found = pages_with_row(driver, pages, AGENDA_ROW)
            if not found:
                fail(f"no published page has a table row with {AGENDA_ROW!r} (looked at {len(pages)} pages)")
            driver.get(found[0])
            out.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(out)):
                fail(f"Chromium could not save {out}")
            return found[0].removeprefix(base)
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "agenda.png", help="where to save the PNG")
    args = parser.parse_args(argv)
    from ho21cli.cli.app import COMMANDS

    if "publish" not in COMMANDS:
        fail("`ho21 publish` does not exist yet (issue 14); there is no published page to photograph")
    reason = missing(axe=False)
    if reason is not None:
        fail(reason)
    if shutil.which("soffice") is None:
        fail("LibreOffice is not installed (soffice); publishing needs it for the PDFs")
    with tempfile.TemporaryDirectory(prefix="ho21-screenshot-") as work:
        page = photograph_agenda(publish_example(Path(work)), args.out)
    print(f"{args.out}: {page} at {WINDOW[0]}x{WINDOW[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
