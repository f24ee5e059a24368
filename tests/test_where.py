"""Where am I: run from inside an archive, ho21 finds it above, as git finds its repository (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ho21cli.storage.archive import archive_root, enclosing_archive
from tests.conftest import Run, refused, snapshot


@pytest.mark.parametrize("inside", [".", "2026-1", "2026-1/saker", "2026-1/vedlegg"])
def test_a_command_run_inside_the_archive_finds_it(
    example: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, inside: str
) -> None:
    monkeypatch.delenv("HO21_ROOT", raising=False)
    folder = example / inside
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    result = ho21("list-cases", "2026-1")
    assert result.code == 0, result.err
    assert "Sak 1/1/2026" in result.out


def test_new_meeting_from_inside_a_meeting_folder_adds_to_the_archive_above(
    archive: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HO21_ROOT", raising=False)
    monkeypatch.chdir(archive / "2026-1")
    result = ho21("new-meeting", "--date", "2026-03-11")
    assert result.code == 0, result.err
    assert (archive / "2026-2" / "meeting.toml").is_file()
    assert not (archive / "2026-1" / "profil.toml").exists()
    assert not (archive / "2026-1" / "2026-1").exists()


def test_new_meeting_refuses_to_start_an_archive_inside_another(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    inner = archive / "2026-1" / "nytt"
    result = ho21("new-meeting", "--date", "2026-03-11", "--root", inner)
    refused(result, 4, "inside the archive", str(archive), f"--root {archive}")
    assert snapshot(archive) == before
    assert not inner.exists()


def test_outside_any_archive_the_current_folder_is_the_archive(tmp_path: Path) -> None:
    assert archive_root(tmp_path / "ny") == tmp_path / "ny"
    assert enclosing_archive(tmp_path / "ny") is None


def test_the_nearest_profile_wins(tmp_path: Path) -> None:
    (tmp_path / "profil.toml").write_text("", encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert archive_root(inner) == tmp_path
    assert enclosing_archive(inner) == tmp_path
    (tmp_path / "a" / "profil.toml").write_text("", encoding="utf-8")
    assert archive_root(inner) == tmp_path / "a"
    assert enclosing_archive(tmp_path / "a") is None


def test_list_cases_shows_which_saksfremlegg_come_later(archive: Path, ho21: Callable[..., Run]) -> None:
    assert ho21("edit-case", "2026-1", "habilitet", "--ettersendes", "--root", archive).code == 0
    listed = ho21("list-cases", "2026-1", "--root", archive)
    assert listed.code == 0, listed.err
    rows = [line for line in listed.out.splitlines() if "sent later" in line]
    assert len(rows) == 1
    assert "habilitet" in rows[0] or "Habilitet" in rows[0]
