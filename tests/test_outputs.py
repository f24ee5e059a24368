"""Writing outputs: all or nothing, never over a person's edits, never another meeting's files."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import ho21cli.storage.files as files
from ho21cli.errors import ConflictError, EnvironmentProblem, InputError
from ho21cli.storage.build_record import BuildRecord, digest
from ho21cli.storage.outputs import ASIDE, Output, write_outputs
from tests.conftest import snapshot


def build(folder: Path, owner: str, **named: bytes) -> list[Path]:
    outputs = [Output(name.replace("__", "/") + ".docx", data) for name, data in named.items()]
    return write_outputs(folder, owner, outputs, force=False).paths


def test_outputs_are_written_and_recorded_for_their_meeting(tmp_path: Path) -> None:
    paths = build(tmp_path, "2026-1", innkalling=b"v1", saksfremlegg__sak_06=b"sak 6")
    assert [p.read_bytes() for p in paths] == [b"v1", b"sak 6"]
    record = BuildRecord.load(tmp_path)
    assert record.files == {"innkalling.docx": digest(b"v1"), "saksfremlegg/sak_06.docx": digest(b"sak 6")}
    assert record.owned_by("2026-1") == ["innkalling.docx", "saksfremlegg/sak_06.docx"]
    assert not any(p.name.endswith(".ho21-new") for p in tmp_path.rglob("*"))


def test_a_hand_edited_output_is_replaced_only_when_told(tmp_path: Path) -> None:
    build(tmp_path, "2026-1", innkalling=b"v1")
    (tmp_path / "innkalling.docx").write_bytes(b"endret i Word")
    before = snapshot(tmp_path)
    with pytest.raises(ConflictError) as info:
        build(tmp_path, "2026-1", innkalling=b"v2")
    assert info.value.what == "1 file(s) in the build folder were changed after ho21 wrote them: innkalling.docx"
    assert snapshot(tmp_path) == before
    write_outputs(tmp_path, "2026-1", [Output("innkalling.docx", b"v2")], force=True)
    assert (tmp_path / "innkalling.docx").read_bytes() == b"v2"
    assert not BuildRecord.load(tmp_path).edited_by_hand("innkalling.docx")


def test_a_file_ho21_did_not_write_counts_as_edited(tmp_path: Path) -> None:
    (tmp_path / "innkalling.docx").write_bytes(b"laget for hand")
    with pytest.raises(ConflictError):
        build(tmp_path, "2026-1", innkalling=b"v1")
    assert (tmp_path / "innkalling.docx").read_bytes() == b"laget for hand"


def test_outputs_no_longer_made_are_moved_aside_not_deleted(tmp_path: Path) -> None:
    build(tmp_path, "2026-1", innkalling=b"v1", sak_06=b"6", sak_07=b"7")
    written = write_outputs(
        tmp_path, "2026-1", [Output("innkalling.docx", b"v2"), Output("sak_06.docx", b"6")], force=False
    )
    assert written.moved_aside == [tmp_path / ASIDE / "sak_07.docx"]
    assert (tmp_path / ASIDE / "sak_07.docx").read_bytes() == b"7"
    assert not (tmp_path / "sak_07.docx").exists()
    assert "sak_07.docx" not in BuildRecord.load(tmp_path).files


def test_two_meetings_in_one_folder_leave_each_other_alone(tmp_path: Path) -> None:
    build(tmp_path, "2026-1", innkalling_2026_1=b"m1", sak_01=b"1")
    build(tmp_path, "2026-2", innkalling_2026_2=b"m2", sak_13=b"13")
    build(tmp_path, "2026-1", innkalling_2026_1=b"m1 igjen", sak_01=b"1")
    assert (tmp_path / "innkalling_2026_2.docx").read_bytes() == b"m2"
    assert (tmp_path / "sak_13.docx").read_bytes() == b"13"
    assert not (tmp_path / ASIDE).exists()


def test_a_failed_write_leaves_the_previous_build_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path, "2026-1", innkalling=b"v1", sak_06=b"6", sak_07=b"7")
    before = snapshot(tmp_path)
    real = files.atomic_write_bytes
    calls = []

    def disk_full_on_the_second(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise files.os_error(OSError(errno.ENOSPC, "No space left on device"), path, "writing")
        real(path, data)

    monkeypatch.setattr("ho21cli.storage.outputs.atomic_write_bytes", disk_full_on_the_second)
    with pytest.raises(EnvironmentProblem) as info:
        build(tmp_path, "2026-1", innkalling=b"v2", sak_06=b"6 ny")
    assert "the disk is full" in info.value.what
    assert snapshot(tmp_path) == before  # no new file swapped in, no stale file moved, no temp file left


def test_an_interrupted_swap_is_not_taken_for_hand_edits(tmp_path: Path) -> None:
    build(tmp_path, "2026-1", innkalling=b"v1", sak_06=b"6")
    record = BuildRecord.load(tmp_path)
    record.begin({"innkalling.docx": digest(b"v2"), "sak_06.docx": digest(b"6 ny")}, "2026-1")
    (tmp_path / "innkalling.docx").write_bytes(b"v2")  # killed after the first rename
    again = BuildRecord.load(tmp_path)
    assert not again.edited_by_hand("innkalling.docx") and not again.edited_by_hand("sak_06.docx")
    build(tmp_path, "2026-1", innkalling=b"v3", sak_06=b"6 ny")
    assert (tmp_path / "innkalling.docx").read_bytes() == b"v3"


def test_a_persons_document_is_replaced_only_when_told_and_then_kept_as_backup(tmp_path: Path) -> None:
    referat = Output("referat-2026-1.docx", b"skjelett", person_owned=True)
    write_outputs(tmp_path, "2026-1", [referat], force=False, retire=False)
    (tmp_path / "referat-2026-1.docx").write_bytes(b"ferdig referat")
    with pytest.raises(ConflictError) as info:
        write_outputs(tmp_path, "2026-1", [referat], force=False, retire=False)
    assert "a person may have worked on it" in info.value.what
    written = write_outputs(tmp_path, "2026-1", [referat], force=True, retire=False)
    assert [b.read_bytes() for b in written.backups] == [b"ferdig referat"]
    assert (tmp_path / "referat-2026-1.docx").read_bytes() == b"skjelett"


def test_a_folder_where_an_output_goes_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "referat-2026-1.docx").mkdir()
    with pytest.raises(InputError) as info:
        write_outputs(tmp_path, "2026-1", [Output("referat-2026-1.docx", b"x", person_owned=True)], force=True)
    assert info.value.what == "is a folder, where ho21 writes a file"
