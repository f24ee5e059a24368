"""A document open in Word or LibreOffice is never replaced, with or without --force.

Every ho21 command that writes a file a person may have open (.docx, .pdf, .ics, .html)
asks the one guard (``storage.files.refuse_open_document``): with Word's ``~$…`` or
LibreOffice's ``.~lock.NAME#`` beside the target, it stops with exit 4, names the lock
file, and leaves the target's bytes as they were.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, refused
from tests.test_referat_finished import finish

M = "2026-1"
HAS_SOFFICE = shutil.which("soffice") is not None

# A writer: (set up the archive so the target exists, and give the command's arguments).
Setup = Callable[[Path, Path, Callable[..., Run]], tuple[Path, list[str]]]


def _ok(result: Run) -> None:
    assert result.code == 0, result.err


def build(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    args = ["build-innkalling", M, "--draft", "--force", "--root", str(root)]
    _ok(ho21(*args))
    return root / M / "build" / f"innkalling-{M}.docx", args


def case_doc(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    _ok(ho21("add-case", M, "--title", "Helsereformutvalget", "--root", root))
    target = out / "saksfremlegg.docx"
    args = ["case-doc", M, "6", "--out", str(target), "--force", "--root", str(root)]
    _ok(ho21(*args))
    return target, args


def draft_referat(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    args = ["draft-referat", M, "--force", "--root", str(root)]
    _ok(ho21(*args))
    return root / M / f"referat-{M}.docx", args


def templates_export(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    args = ["templates", "export", str(out / "maler"), "--force"]
    _ok(ho21(*args))
    return out / "maler" / "saksfremlegg.docx", args


def year_ics(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    target = out / "ho21.ics"
    args = ["year", "2026", "--ics", str(target), "--root", str(root)]
    _ok(ho21(*args))
    return target, args


def follow_up_docx(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    target = out / "oppfølging.docx"
    args = ["follow-up", "2026", "--docx", str(target), "--force", "--root", str(root)]
    _ok(ho21(*args))
    return target, args


def publish(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    site = out / "nettsted"
    args = ["publish", "--out", str(site), "--force", "--root", str(root)]
    _ok(ho21(*args))
    return site / "index.html", args


def referat_pdf(root: Path, out: Path, ho21: Callable[..., Run]) -> tuple[Path, list[str]]:
    for title in ("Helsereformutvalget", "Tilgang til helsedata"):
        _ok(ho21("add-case", M, "--title", title, "--ettersendes", "--root", root))
    _ok(ho21("draft-referat", M, "--root", root))
    finish(root)
    args = ["referat-pdf", M, "--force", "--root", str(root)]
    _ok(ho21(*args))
    return root / M / f"referat-{M}.pdf", args


needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
WRITERS = [
    pytest.param(build, id="build-innkalling"),
    pytest.param(case_doc, id="case-doc"),
    pytest.param(draft_referat, id="draft-referat"),
    pytest.param(templates_export, id="templates-export"),
    pytest.param(year_ics, id="year-ics"),
    pytest.param(follow_up_docx, id="follow-up-docx"),
    pytest.param(publish, id="publish", marks=[needs_soffice]),
    pytest.param(referat_pdf, id="referat-pdf", marks=[needs_soffice]),
]


@pytest.mark.parametrize("lock", ["word", "libreoffice"])
@pytest.mark.parametrize("writer", WRITERS)
def test_an_open_document_is_not_replaced_even_with_force(
    buildable: Path, tmp_path: Path, ho21: Callable[..., Run], writer: Setup, lock: str
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    target, args = writer(buildable, out, ho21)
    assert target.is_file()
    owner = target.with_name(f"~${target.name[2:]}" if lock == "word" else f".~lock.{target.name}#")
    owner.write_bytes(b"sekretariatet")
    before = target.read_bytes()
    refused(ho21(*args), 4, "is open in Word or LibreOffice", owner.name, "close it in Word first")
    assert target.read_bytes() == before
