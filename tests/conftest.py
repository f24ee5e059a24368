"""Shared fixtures: fresh archives, the bundled example, running the CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# ho21 speaks bokmål unless the locale asks for English. The tests read its messages in
# English, the language of the source; set before ho21cli is imported, since --help texts are
# translated at import. tests/test_language.py runs ho21 in both languages.
os.environ["LANGUAGE"] = "en"

from ho21cli.cli.app import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "arkiv"
KILDE = REPO / "examples" / "kilde"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def ho21(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``ho21 ARGS`` in-process and capture what it prints."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def archive(tmp_path: Path, ho21: Callable[..., Run]) -> Path:
    """An archive with meeting 1/2026 and its standard cases only."""
    root = tmp_path / "arkiv med æøå"
    result = ho21("new-meeting", "--date", "2026-01-14", "--root", root)
    assert result.code == 0, result.err
    return root


@pytest.fixture
def buildable(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> Path:
    """The fresh archive made ready to build without --draft: `ho21 check` finds no errors."""
    body = write(tmp_path / "kilde" / "orienteringer.md", "## Orienteringer\n\n### Fra sekretariatet\n\nIngen.\n")
    assert ho21("edit-case", "2026-1", "orienteringer", "--body", body, "--root", archive).code == 0
    previous = ("--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
    assert ho21("previous-meeting", "2026-1", *previous, "--root", archive).code == 0
    return archive


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example archive."""
    dest = tmp_path / "arkiv"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("build"))
    return dest


def refused(result: Run, code: int, *needles: str) -> None:
    """One message on stderr with the expected exit code, naming every needle, no traceback."""
    report = f"exit {result.code} (expected {code})\n--- stdout\n{result.out}\n--- stderr\n{result.err}"
    assert result.code == code, report
    assert "Traceback" not in result.out + result.err, report
    assert result.err.startswith("Error: "), report
    assert result.err.count("Error: ") == 1, report
    assert result.out == "", report
    for needle in needles:
        assert needle in result.err, f"{needle!r} missing\n{report}"


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its hash, to prove that nothing changed."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".ho21.lock"
    }


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
