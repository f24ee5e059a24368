"""A renumbering takes along what names a meeting by its number, and no command sees it half done
(issue 24)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ho21cli.core.numbering import MeetingId
from ho21cli.storage.manifest import load_meeting
from ho21cli.storage.renumber import Move, Renumbering, _write_journal
from tests.conftest import Run


def ok(result: Run) -> Run:
    assert result.code == 0, result.out + result.err
    return result


def plan(root: Path, ho21: Callable[..., Run], *days: str) -> None:
    for day in days:
        ok(ho21("new-meeting", "--date", day, "--root", root))


def test_files_and_references_follow_a_meeting_that_gets_another_number(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan(root, ho21, "2026-01-14", "2026-05-06", "2026-09-16")
    ok(ho21("add-case", "2026-2", "--title", "Saken som utsettes", "--ettersendes", "--root", root))
    ok(ho21("postpone-case", "2026-2", "saken-som-utsettes", "--to", "2026-3", "--root", root))
    ok(ho21("build-innkalling", "2026-2", "--draft", "--root", root))
    ok(ho21("draft-referat", "2026-2", "--root", root))  # held by its date, never sent
    first = root / "2026-1" / "meeting.toml"  # approved by 2/2026, as an older ho21 let it be recorded
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            "\n[[cases]]\n", '\n[referat]\napproved = 2026-05-06\napproved_by = "2026-2"\n\n[[cases]]\n', 1
        ),
        encoding="utf-8",
    )

    moved = ok(ho21("new-meeting", "--date", "2026-03-11", "--root", root))
    assert "Meeting 2/2026 is now meeting 3/2026" in moved.out
    third = root / "2026-3"
    assert (third / "referat-2026-3.docx").is_file() and not list(third.glob("referat-2026-2*"))
    assert (third / "build" / "utgått" / "innkalling-2026-2.docx").is_file()
    assert not (third / "build" / "innkalling-2026-2.docx").exists()
    assert load_meeting(first).referat_approved is not None
    assert load_meeting(first).referat_approved.by == "2026-3"  # type: ignore[union-attr]
    fourth = load_meeting(root / "2026-4" / "meeting.toml")
    assert [c.postponed_from for c in fourth.cases if c.id == "saken-som-utsettes"] == ["2026-3"]
    # ho21 sees the referat as the meeting's own: no second skeleton beside the secretary's
    assert ho21("draft-referat", "2026-3", "--root", root).code == 4


def test_every_command_that_reads_the_archive_finishes_an_interrupted_renumbering_first(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan(root, ho21, "2026-01-14", "2026-05-06")
    # killed just after its journal was written: 2026-2 is to become 2026-3
    change = Renumbering([Move(MeetingId(2026, 2), MeetingId(2026, 3))], [])
    _write_journal(root, change, phase=1)
    for command in (("year", "2026"), ("follow-up", "2026")):
        result = ok(ho21(*command, "--root", root))
        if command[0] == "year":
            assert "interrupted renumbering of meetings was finished first (2026-2 → 2026-3)" in result.err
            assert "3/2026" in result.out and "2/2026" not in result.out.split("meetings in 2026")[-1]
    assert not (root / ".ho21-omnummerering.toml").exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("2026-")) == ["2026-1", "2026-3"]


def test_a_folder_parked_by_a_renumbering_whose_journal_is_gone_is_said_with_the_safe_fix(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan(root, ho21, "2026-01-14", "2026-05-06")
    (root / "2026-2").rename(root / ".ho21-omnummerering-2026-2")  # the journal deleted by hand
    for command in (("list-cases", "2026-1"), ("year", "2026")):
        result = ho21(*command, "--root", root)
        assert result.code == 3 and "set aside by a renumbering that was interrupted" in result.err, result.err
        assert "rename the folder" in result.err and "(it was 2026-2)" in result.err
    assert (root / ".ho21-omnummerering-2026-2" / "meeting.toml").is_file()  # nothing was touched
