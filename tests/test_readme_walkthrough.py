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


def walkthrough_script(readme: str) -> str:
    assert START in readme and END in readme, f"README.md lost the headings {START!r} or {END!r}"
    section = readme[readme.index(START) : readme.index(END)]
    blocks = re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)
    assert len(blocks) >= 5, f"only {len(blocks)} sh blocks in «A meeting's life»"
    return "set -euo pipefail\n" + "\n".join(blocks)


def ho21_on_path() -> str:
    found = shutil.which("ho21", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"no ho21 script beside {sys.executable}: install with pip install -e '.[test]'")
    return str(Path(found).parent)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the README's shell blocks need bash")
def test_the_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    script = walkthrough_script(README.read_text(encoding="utf-8"))
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    examples_before = snapshot(REPO / "examples" / "gjennomgang")
    env = {**os.environ, "PATH": ho21_on_path() + os.pathsep + os.environ.get("PATH", "")}

    run = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600
    )

    assert run.returncode == 0, (
        f"exit {run.returncode}\n--- script\n{script}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"
    )
    assert snapshot(REPO / "examples" / "gjennomgang") == examples_before, "the walk-through changed its input files"
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
