"""What differs on Windows and macOS (ho21cli/system.py), asked as those platforms would (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

import pytest

from ho21cli.system import find_soffice, install_hint, owner_files, soffice_candidates
from tests.conftest import Run, refused, snapshot

WINDOWS_ENV = {"PROGRAMFILES": r"C:\Program Files", "PROGRAMFILES(X86)": r"C:\Program Files (x86)"}


def nowhere(name: str) -> str | None:
    return None


def test_on_windows_libreoffice_is_found_in_program_files_when_not_on_path() -> None:
    installed = PurePath(r"C:\Program Files") / "LibreOffice" / "program" / "soffice.exe"
    found = find_soffice("win32", WINDOWS_ENV, which=nowhere, exists=lambda p: p == installed)
    assert found == str(installed)
    assert find_soffice("win32", WINDOWS_ENV, which=nowhere, exists=lambda p: False) is None
    assert "libreoffice.org" in install_hint("win32")


def test_on_macos_libreoffice_is_found_in_applications() -> None:
    app = PurePath("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    assert app in soffice_candidates("darwin", {"HOME": "/Users/sekretær"})
    assert find_soffice("darwin", {}, which=nowhere, exists=lambda p: p == app) == str(app)


def test_path_comes_first_and_linux_has_no_install_folders() -> None:
    assert find_soffice("win32", WINDOWS_ENV, which=lambda n: "D:/lo/soffice.exe", exists=lambda p: True) == (
        "D:/lo/soffice.exe"
    )
    assert soffice_candidates("linux", {}) == []
    assert "apt-get" in install_hint("linux")


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("innkalling-2026-1.docx", "~$nkalling-2026-1.docx"),  # Word, a long name
        ("ref.docx", "~$ref.docx"),  # Word, a short name
        ("referat-2026-1.docx", ".~lock.referat-2026-1.docx#"),  # LibreOffice
    ],
)
def test_the_lock_file_of_an_open_document_is_found(tmp_path: Path, name: str, owner: str) -> None:
    (tmp_path / name).write_bytes(b"x")
    assert owner_files(tmp_path / name) == []
    (tmp_path / owner).write_bytes(b"")
    assert owner_files(tmp_path / name) == [tmp_path / owner]


def test_a_referat_open_in_word_is_not_replaced_even_with_force(example: Path, ho21: Callable[..., Run]) -> None:
    referat = example / "2026-1" / "referat-2026-1.docx"
    owner = referat.with_name("~$ferat-2026-1.docx")
    owner.write_bytes(b"sekretariatet")
    before = snapshot(example)
    result = ho21("draft-referat", "2026-1", "--force", "--root", example)
    refused(result, 4, "is open in Word", owner.name, "close it in Word first")
    assert snapshot(example) == before
