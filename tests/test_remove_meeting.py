"""Meetings on one day, removing a meeting, and the gaps and titles `check` reports (issue 23)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ho21cli.actions.cases import list_cases
from ho21cli.actions.gates import run_check
from ho21cli.storage.manifest import load_meeting
from tests.conftest import Run, refused, snapshot

PLAN = ("2026-01-14", "2026-03-11", "2026-06-10", "2026-09-16")
BEFORE = date(2025, 12, 20)  # every meeting's deadline still ahead


def plan_year(root: Path, ho21: Callable[..., Run], days: tuple[str, ...] = PLAN) -> None:
    for day in days:
        result = ho21("new-meeting", "--date", day, "--root", root)
        assert result.code == 0, result.err


def titles(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.title for r in rows]


def numbers(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.number for r in rows]


def folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name[:4].isdigit())


def mark_sent(root: Path, key: str, day: str) -> None:
    manifest = root / key / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[meeting]\n", f"[meeting]\nsent = {day}\n"), encoding="utf-8")


def problems(root: Path, key: str) -> list[tuple[str, str, str]]:
    _, found = run_check(root, key, today=BEFORE)
    return [(p.severity.value, p.code, p.what) for p in found]


def of_code(root: Path, key: str, *wanted: str) -> list[tuple[str, str, str]]:
    return [p for p in problems(root, key) if p[1] in wanted]


# -- one meeting a day, unless the person says otherwise --------------------------------------


def test_a_second_meeting_on_the_same_day_is_refused_and_nothing_is_written(
    archive: Path, ho21: Callable[..., Run]
) -> None:
    before = snapshot(archive)
    result = ho21("new-meeting", "--date", "2026-01-14", "--root", archive)
    refused(result, 4, "meeting 1/2026", "14 January 2026", "--same-day")
    assert snapshot(archive) == before
    assert folders(archive) == ["2026-1"]


def test_with_same_day_two_meetings_that_day_are_numbered_by_their_start(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21, ("2026-01-14", "2026-03-11"))
    afternoon = ho21(
        "new-meeting", "--date", "2026-01-14", "--start", "13:00", "--end", "15:00", "--same-day", "--root", root
    )
    assert afternoon.code == 0, afternoon.err
    assert "Meeting 2/2026 is now meeting 3/2026" in afternoon.out  # March's makes room
    assert load_meeting(root / "2026-2" / "meeting.toml").start == "13:00"
    morning = ho21(
        "new-meeting", "--date", "2026-01-14", "--start", "08:00", "--end", "09:30", "--same-day", "--root", root
    )
    assert morning.code == 0, morning.err
    starts = [
        (m.date.isoformat(), m.start) for m in (load_meeting(root / f"2026-{n}" / "meeting.toml") for n in (1, 2, 3, 4))
    ]
    assert starts == [
        ("2026-01-14", "08:00"),
        ("2026-01-14", "10:00"),
        ("2026-01-14", "13:00"),
        ("2026-03-11", "10:00"),
    ]
    assert titles(root, "2026-2")[2] == "Godkjenning av referat fra møte 1/2026"
    assert titles(root, "2026-4")[2] == "Godkjenning av referat fra møte 3/2026"
    assert not of_code(root, "2026-2", "date-order")  # one day, in the order of the day: no error


def test_edit_meeting_onto_a_day_with_another_meeting_is_refused_without_same_day(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    before = snapshot(root)
    result = ho21("edit-meeting", "2026-3", "--date", "2026-03-11", "--root", root)
    refused(result, 4, "meeting 2/2026", "11 March 2026", "--same-day")
    assert snapshot(root) == before
    assert ho21("edit-meeting", "2026-2", "--date", "2026-03-11", "--place", "Digitalt", "--root", root).code == 0
    moved = ho21("edit-meeting", "2026-3", "--date", "2026-03-11", "--start", "15:00", "--end", "16:00", "--same-day", "--root", root)  # fmt: skip
    assert moved.code == 0, moved.err
    assert [load_meeting(root / f"2026-{n}" / "meeting.toml").date.isoformat() for n in (2, 3)] == ["2026-03-11"] * 2


# -- remove-meeting -------------------------------------------------------------------------


def test_remove_meeting_moves_the_folder_aside_and_renumbers_the_later_meetings(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert ho21("add-case", "2026-2", "--title", "Saken fra mars", "--root", root).code == 0
    assert ho21("add-case", "2026-3", "--title", "Saken fra juni", "--root", root).code == 0
    own = "Godkjenning av referat fra møte 3/2026 (utsatt)"
    assert ho21("edit-case", "2026-4", "referat", "--title", own, "--root", root).code == 0
    assert numbers(root, "2026-3")[0] == "Sak 16/3/2026"
    removed_files = snapshot(root / "2026-2")

    result = ho21("remove-meeting", "2026-2", "--root", root)
    assert result.code == 0, result.err
    assert "utgått/2026-2" in result.out
    assert "Meeting 3/2026 is now meeting 2/2026" in result.out
    assert "Meeting 4/2026 is now meeting 3/2026" in result.out

    assert folders(root) == ["2026-1", "2026-2", "2026-3"]
    assert snapshot(root / "utgått" / "2026-2") == removed_files  # nothing deleted
    assert [load_meeting(root / f"2026-{n}" / "meeting.toml").number for n in (1, 2, 3)] == [1, 2, 3]
    assert "Saken fra juni" in titles(root, "2026-2")
    assert load_meeting(root / "2026-2" / "meeting.toml").date == date(2026, 6, 10)
    assert titles(root, "2026-2")[2] == "Godkjenning av referat fra møte 1/2026"  # was «… 2/2026», removed
    assert titles(root, "2026-3")[2] == own  # a person's own title stays
    assert numbers(root, "2026-2")[0] == "Sak 8/2/2026"  # the case series follows
    assert numbers(root, "2026-3")[0] == "Sak 16/3/2026"
    assert not (root / ".ho21-omnummerering.toml").exists()
    assert [
        p for p in problems(root, "2026-2") if p[1] in ("meeting-gap", "title-own-meeting", "title-unknown-meeting")
    ] == []


def test_removing_the_year_s_last_meeting_retitles_the_next_year_s_first(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21, ("2026-01-14", "2026-03-11", "2027-01-13"))
    assert titles(root, "2027-1")[2] == "Godkjenning av referat fra møte 2/2026"
    result = ho21("remove-meeting", "2/2026", "--root", root)
    assert result.code == 0, result.err
    assert folders(root) == ["2026-1", "2027-1"]
    assert titles(root, "2027-1")[2] == "Godkjenning av referat fra møte 1/2026"


def test_two_removals_of_the_same_number_never_collide(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert ho21("remove-meeting", "2026-2", "--root", root).code == 0
    kept = snapshot(root / "utgått" / "2026-2")
    second = ho21("remove-meeting", "2026-2", "--root", root)
    assert second.code == 0, second.err
    assert "utgått/2026-2.1" in second.out
    assert sorted(p.name for p in (root / "utgått").iterdir()) == ["2026-2", "2026-2.1"]
    assert snapshot(root / "utgått" / "2026-2") == kept
    assert load_meeting(root / "utgått" / "2026-2.1" / "meeting.toml").date == date(2026, 6, 10)
    assert folders(root) == ["2026-1", "2026-2"]
    assert load_meeting(root / "2026-2" / "meeting.toml").date == date(2026, 9, 16)


def test_a_sent_meeting_is_not_removed(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    mark_sent(root, "2026-2", "2026-02-27")
    before = snapshot(root)
    refused(ho21("remove-meeting", "2026-2", "--root", root), 4, "meeting 2/2026", "was sent 27 February 2026")
    assert snapshot(root) == before
    # nor one whose removal would renumber a sent meeting after it
    refused(ho21("remove-meeting", "2026-1", "--root", root), 4, "meeting 2/2026", "was sent")
    assert snapshot(root) == before
    assert not (root / "utgått").exists()
    assert ho21("remove-meeting", "2026-4", "--root", root).code == 0  # after it: fine
    assert folders(root) == ["2026-1", "2026-2", "2026-3"]


def test_remove_meeting_of_an_unknown_meeting_is_refused(archive: Path, ho21: Callable[..., Run]) -> None:
    before = snapshot(archive)
    refused(ho21("remove-meeting", "2026-5", "--root", archive), 3, "there is no meeting 5/2026")
    assert snapshot(archive) == before


# -- what check reports -----------------------------------------------------------------------


def test_check_reports_a_meeting_deleted_by_hand(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    import shutil

    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    shutil.rmtree(root / "2026-2")
    after = of_code(root, "2026-3", "meeting-gap")
    assert len(after) == 1 and after[0][0] == "feil" and "2/2026" in after[0][2], after
    before = of_code(root, "2026-1", "meeting-gap")
    assert len(before) == 1 and before[0][0] == "advarsel", before  # it does not touch meeting 1's numbers
    result = ho21("check", "2026-3", "--as-of", "2025-12-20", "--root", root)
    assert result.code == 1
    assert "2/2026" in result.out and "remove-meeting" in result.out


def test_check_reports_a_title_naming_its_own_meeting_or_one_not_in_the_archive(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21, ("2026-01-14", "2026-03-11"))
    assert (
        of_code(root, "2026-2", "title-own-meeting", "title-unknown-meeting") == []
    )  # «… fra møte 1/2026»: the normal title
    own = "Godkjenning av referat fra møte 2/2026"
    assert ho21("edit-case", "2026-2", "referat", "--title", own, "--root", root).code == 0
    found = of_code(root, "2026-2", "title-own-meeting", "title-unknown-meeting")
    assert len(found) == 1 and found[0][0] == "feil" and "names its own meeting" in found[0][2], found
    assert ho21("edit-case", "2026-2", "referat", "--title", "Oppfølging fra møte 7/2026", "--root", root).code == 0
    found = of_code(root, "2026-2", "title-own-meeting", "title-unknown-meeting")
    assert len(found) == 1 and "7/2026" in found[0][2] and "no meeting" in found[0][2], found
    # A year the archive has meetings of: a meeting of it that is not there is an error too.
    assert ho21("edit-case", "2026-2", "referat", "--title", "Fra møte 5/2026 og 1/2026", "--root", root).code == 0
    assert [p[2] for p in of_code(root, "2026-2", "title-own-meeting", "title-unknown-meeting") if "5/2026" in p[2]]


def test_last_year_s_meeting_before_the_archive_began_is_fine(buildable: Path, ho21: Callable[..., Run]) -> None:
    # The archive starts in 2026: «… fra møte 4/2025» names a meeting it never had, rightly.
    assert of_code(buildable, "2026-1", "title-own-meeting", "title-unknown-meeting") == []
    result = ho21("check", "2026-1", "--as-of", "2025-12-20", "--root", buildable)
    assert result.code == 0, result.out


@pytest.mark.parametrize("title", ["Godkjenning av referat fra møte 3/2025", "Saker fra rådsmøte 4/2025"])
def test_an_earlier_year_the_archive_has_is_checked(tmp_path: Path, ho21: Callable[..., Run], title: str) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21, ("2025-09-10", "2025-11-12", "2026-01-14"))
    assert ho21("edit-case", "2026-1", "referat", "--title", title, "--root", root).code == 0
    found = of_code(root, "2026-1", "title-own-meeting", "title-unknown-meeting")
    assert len(found) == 1 and title[-6:] in found[0][2], found


def test_an_archive_started_mid_year_may_name_the_meeting_before_its_first(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    assert ho21("new-meeting", "--date", "2026-06-10", "--number", "3", "--root", root).code == 0
    assert titles(root, "2026-3")[2] == "Godkjenning av referat fra møte 2/2026"
    assert of_code(root, "2026-3", "title-own-meeting", "title-unknown-meeting", "meeting-gap") == []
    assert ho21("new-meeting", "--date", "2026-11-10", "--root", root).code == 0
    assert ho21("edit-case", "2026-4", "referat", "--title", "Referat fra møte 2/2026", "--root", root).code == 0
    assert of_code(root, "2026-4", "title-unknown-meeting") == []  # before the archive's first of 2026
    assert ho21("edit-case", "2026-4", "referat", "--title", "Planer for møte 1/2027", "--root", root).code == 0
    assert [p[1] for p in of_code(root, "2026-4", "title-unknown-meeting")] == ["title-unknown-meeting"]
