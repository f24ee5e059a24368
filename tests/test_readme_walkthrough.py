"""README.md's «A meeting's life» runs as written and ends with a built innkalling and referat (issue 13).

The shell blocks of that section are run in order by bash, from a folder that has the
repository's ``examples/`` beside it, as a reader's clone has; ``ho21`` is the one this
test session runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, snapshot
from tests.docx_read import all_text, headings, open_docx

README = REPO / "README.md"
START, END = "## A meeting's life", "### What `ho21 check` looks for"
YEAR_START, YEAR_END = "## The year's life", "## The year at a glance"
AFTER_THE_MEETING = "ho21 attendance 2026-1 --absent"  # the block of «After the meeting» (PDF section)


def sh_blocks(readme: str, start: str, end: str) -> list[str]:
    assert start in readme and end in readme, f"README.md lost the headings {start!r} or {end!r}"
    section = readme[readme.index(start) : readme.index(end)]
    return re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)


def walkthrough_script(readme: str) -> str:
    blocks = sh_blocks(readme, START, END)
    assert len(blocks) >= 5, f"only {len(blocks)} sh blocks in «A meeting's life»"
    return "set -euo pipefail\n" + "\n".join(blocks)


def the_rest_of_the_year(readme: str) -> str:
    """After the walk-through, in its archive: «After the meeting», then «The year's life»."""
    after = [b for b in re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S) if b.startswith(AFTER_THE_MEETING)]
    assert len(after) == 1, "README.md lost the attendance example of «After the meeting»"
    year = sh_blocks(readme, YEAR_START, YEAR_END)
    assert len(year) >= 2, f"only {len(year)} sh blocks in «The year's life»"
    return "\n".join([*after, *year])


def ho21_on_path() -> str:
    found = shutil.which("ho21", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"no ho21 script beside {sys.executable}: install with pip install -e '.[test]'")
    return str(Path(found).parent)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the README's shell blocks need bash")
def test_the_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    script = walkthrough_script(readme) + "\n" + the_rest_of_the_year(readme)
    checkout = tmp_path / "ho21"  # the reader's clone; the archive is made beside it
    checkout.mkdir()
    (checkout / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    examples_before = snapshot(REPO / "examples" / "gjennomgang")
    env = {**os.environ, "PATH": ho21_on_path() + os.pathsep + os.environ.get("PATH", "")}

    run = subprocess.run(
        ["bash", "-c", script], cwd=checkout, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600
    )

    assert run.returncode == 0, (
        f"exit {run.returncode}\n--- script\n{script}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"
    )
    assert snapshot(REPO / "examples" / "gjennomgang") == examples_before, "the walk-through changed its input files"
    assert not (checkout / "mitt-arkiv").exists()  # the archive is not inside the checkout
    meeting = tmp_path / "mitt-arkiv" / "2026-1"

    innkalling = open_docx(meeting / "build" / "innkalling-2026-1.docx")
    text = all_text(innkalling)
    titles = headings(innkalling, 1)
    # moved before Helsereformutvalget; Prøvesak removed; every later case renumbered
    assert "Sak 6/1/2026 Tilgang til helsedata" in " ".join(titles), titles
    assert "Sak 7/1/2026 Helsereformutvalget" in " ".join(titles), titles
    assert "Sak 9/1/2026 Evaluering av møtet" in " ".join(titles), titles
    assert "Prøvesak" not in text
    assert "Godkjenning av referat fra møte 4/2025" in text
    # the facts recorded with previous-meeting, never ho21's marks for a fact it lacks
    assert "Utkast til referat fra møte 4/2025 ble sendt ut 3. desember med merknadsfrist 10. desember." in text
    assert "[dato]" not in text and "[forrige møte]" not in text
    assert "Det settes ned en arbeidsgruppe med representanter fra rådets sektorer." in text
    mandat = all_text(open_docx(REPO / "examples" / "gjennomgang" / "mandat.docx"))
    first_line = next(line for line in mandat.splitlines() if line.strip())
    assert first_line in text, "the vedlegg is not merged into the innkalling"

    referat = all_text(open_docx(meeting / "referat-2026-1.docx"))
    for n, title in [(6, "Tilgang til helsedata"), (7, "Helsereformutvalget"), (9, "Evaluering av møtet")]:
        assert f"Sak {n}/1/2026" in referat and title in referat
    assert "Det settes ned en arbeidsgruppe med representanter fra rådets sektorer." in referat

    # «After the meeting» and «The year's life», run on in the same archive
    assert "Gunnar Bovim, Helsereformutvalget (sak 7/1/2026)" in " ".join(referat.split()) or (
        "Gunnar Bovim" in referat and "sak 7/1/2026" in referat
    )
    assert list(meeting.glob("referat-2026-1.backup-*.docx")), "draft-referat --force keeps the old skeleton"
    archive = tmp_path / "mitt-arkiv"
    assert sorted(p.name for p in archive.glob("2026-*")) == ["2026-1", "2026-2", "2026-3"]
    second = (archive / "2026-2" / "meeting.toml").read_text(encoding="utf-8")
    assert 'place = "Digitalt"' in second and 'after = "orienteringer"' in second
    assert 'title = "Helsereformutvalget"' in second and 'postponed_from = "2026-1"' in second
    assert 'title = "Oppfølging av helsedata"' in second
    assert "2026-03-11" in second and "2026-06-10" in (archive / "2026-3" / "meeting.toml").read_text(encoding="utf-8")
    assert "to = 2026-02-28" in (archive / "profil.toml").read_text(encoding="utf-8")
