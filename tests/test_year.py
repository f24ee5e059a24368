"""The year: meetings planned ahead, a case series that stays right (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ho21cli.actions.cases import list_cases
from ho21cli.storage.manifest import load_meeting
from tests.conftest import Run, snapshot


def numbers(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.number for r in rows]


def plan_year(root: Path, ho21: Callable[..., Run]) -> None:
    """Meetings 1-3 of 2026 created in January, as the council plans them."""
    for day in ("2026-01-14", "2026-03-11", "2026-06-10"):
        assert ho21("new-meeting", "--date", day, "--root", root).code == 0


def test_planned_meetings_follow_every_change_of_the_meetings_before_them(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 8/2/2026", "Sak 15/3/2026")
    for title in ("Helsereformutvalget", "Tilgang til helsedata"):
        assert ho21("add-case", "2026-1", "--title", title, "--root", root).code == 0
    assert numbers(root, "2026-1")[-1] == "Sak 9/1/2026"
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 10/2/2026", "Sak 17/3/2026")
    assert ho21("remove-case", "2026-1", "helsereformutvalget", "--root", root).code == 0
    assert (numbers(root, "2026-2")[0], numbers(root, "2026-3")[0]) == ("Sak 9/2/2026", "Sak 16/3/2026")


def test_a_change_that_would_run_into_a_sent_meeting_is_refused(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    manifest = root / "2026-2" / "meeting.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("[meeting]\n", "[meeting]\nsent = 2026-02-27\nfirst_case = 8\n"),
        encoding="utf-8",
    )
    before = snapshot(root)
    result = ho21("add-case", "2026-1", "--title", "For sent", "--root", root)
    assert result.code == 4, result.err
    assert "meeting 2/2026 was sent 27 February 2026 with cases 8-14" in result.err
    assert "would make meeting 1/2026 end at 8 and run into them" in result.err
    assert snapshot(root) == before
    assert ho21("add-case", "2026-3", "--title", "Etter", "--root", root).code == 0  # after the sent one: fine
    assert numbers(root, "2026-3")[0] == "Sak 15/3/2026"


def titles(root: Path, key: str) -> list[str]:
    _, rows = list_cases(root, key)
    return [r.title for r in rows]


def test_a_meeting_planned_between_others_takes_its_place_by_date(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)  # 14 January, 11 March, 10 June
    assert ho21("add-case", "2026-2", "--title", "Saken fra mars", "--root", root).code == 0
    result = ho21("new-meeting", "--date", "2026-04-22", "--root", root)
    assert result.code == 0, result.err
    assert "Meeting 3/2026 is now meeting 4/2026 (meetings follow their dates)." in result.out
    assert "Meeting 3/2026, cases 16-22:" in result.out
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("2026-")) == [
        "2026-1", "2026-2", "2026-3", "2026-4",
    ]  # fmt: skip
    assert "Saken fra mars" in titles(root, "2026-2")
    assert titles(root, "2026-3")[2] == "Godkjenning av referat fra møte 2/2026"
    assert titles(root, "2026-4")[2] == "Godkjenning av referat fra møte 3/2026"  # it follows: was «… 2/2026»
    assert numbers(root, "2026-4")[0] == "Sak 23/4/2026"
    assert not (root / ".ho21-omnummerering.toml").exists()


def test_a_person_s_own_title_is_left_alone_when_meetings_are_renumbered(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    own = "Godkjenning av referat fra møte 2/2026 (utsatt fra forrige møte)"
    assert ho21("edit-case", "2026-3", "referat", "--title", own, "--root", root).code == 0
    assert ho21("new-meeting", "--date", "2026-01-02", "--root", root).code == 0  # before all of them
    assert titles(root, "2026-1")[2] == "Godkjenning av referat fra møte [forrige møte]"
    assert titles(root, "2026-2")[2] == "Godkjenning av referat fra møte 1/2026"
    assert titles(root, "2026-4")[2] == own


def test_a_meeting_before_a_sent_meeting_is_refused_and_nothing_changes(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert ho21("send", "2026-2", "--date", "2026-02-27", "--root", root).code in (0, 1)
    manifest = root / "2026-2" / "meeting.toml"
    text = manifest.read_text(encoding="utf-8")
    if "sent =" not in text:  # check has errors (placeholders): record the sending by hand
        manifest.write_text(text.replace("[meeting]\n", "[meeting]\nsent = 2026-02-27\n"), encoding="utf-8")
    before = snapshot(root)
    result = ho21("new-meeting", "--date", "2026-02-04", "--root", root)
    assert result.code == 4, result.err
    assert "meeting 2/2026 (11 March 2026) was sent 27 February 2026" in result.err
    assert snapshot(root) == before
    assert ho21("new-meeting", "--date", "2026-04-22", "--root", root).code == 0  # after it: fine


def test_edit_meeting_moves_a_meeting_by_date_and_changes_only_what_is_given(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert ho21("add-case", "2026-3", "--title", "Juni-saken", "--root", root).code == 0
    result = ho21("edit-meeting", "2026-3", "--date", "2026-02-11", "--place", "Digitalt", "--root", root)
    assert result.code == 0, result.err
    assert "Meeting 3/2026 is now meeting 2/2026" in result.out and "Meeting 2/2026 is now meeting 3/2026" in result.out
    assert "Juni-saken" in titles(root, "2026-2")
    assert numbers(root, "2026-2")[0] == "Sak 8/2/2026" and numbers(root, "2026-3")[0] == "Sak 16/3/2026"
    moved = load_meeting(root / "2026-2" / "meeting.toml")
    assert (moved.date.isoformat(), moved.place, moved.start, moved.end) == ("2026-02-11", "Digitalt", "10:00", "15:00")


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--date", "2027-01-10"], 3, "is not in 2026"),
        (["--start", "16:00"], 3, "the meeting ends (15:00) before it starts (16:00)"),
        (["--first-case", "5"], 3, "follows the meeting before it"),
    ],
)
def test_edit_meeting_refuses_what_breaks_the_rules(
    tmp_path: Path, ho21: Callable[..., Run], args: list[str], code: int, needle: str
) -> None:
    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    before = snapshot(root)
    result = ho21("edit-meeting", "2026-2", *args, "--root", root)
    assert result.code == code and needle in result.err, result.err
    assert snapshot(root) == before


def test_a_renumbering_a_crash_interrupted_is_finished_by_the_next_command(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    from ho21cli.core.numbering import MeetingId
    from ho21cli.storage import renumber

    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    moves = [renumber.Move(MeetingId(2026, n), MeetingId(2026, n + 1)) for n in (2, 3)]
    renumber._write_journal(root, renumber.Renumbering(moves, []), phase=1)
    (root / "2026-2").rename(root / ".ho21-omnummerering-2026-2")  # killed after the first rename
    listed = ho21("list-cases", "2026-3", "--root", root)
    assert listed.code == 0, listed.err
    assert not (root / ".ho21-omnummerering.toml").exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("2026-")) == ["2026-1", "2026-3", "2026-4"]
    assert load_meeting(root / "2026-4" / "meeting.toml").number == 4
    assert load_meeting(root / "2026-3" / "meeting.toml").number == 3


def test_a_postponed_case_moves_with_its_files_and_says_so(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    from tests.conftest import KILDE
    from tests.docx_read import all_text, open_docx

    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    src = tmp_path / "kilde"
    src.mkdir()
    (src / "graf.png").write_bytes((KILDE / "2026-1" / "linkedin-folgere.png").read_bytes())
    body = src / "b.md"
    body.write_text("## Bakgrunn\n\nTekst om saken.\n\n![Følgere per måned](graf.png)\n", encoding="utf-8")
    vedlegg = next((KILDE / "vedlegg").glob("*.docx"))
    args = ["--body", body, "--vedlegg", vedlegg, "--inhabil", "Guri Rørtveit", "--root", root]
    assert ho21("add-case", "2026-1", "--title", "Helsereformutvalget", *args).code == 0
    result = ho21("postpone-case", "2026-1", "helsereformutvalget", "--root", root)
    assert result.code == 0, result.err
    assert "Removed Sak 6/1/2026 from meeting 1/2026" in result.out
    assert "Sak 13/2/2026  Helsereformutvalget  (postponed from meeting 1/2026)" in result.out
    assert "Helsereformutvalget" not in titles(root, "2026-1")
    moved = next(c for c in load_meeting(root / "2026-2" / "meeting.toml").cases if c.title == "Helsereformutvalget")
    assert (moved.postponed_from, moved.inhabil, len(moved.vedlegg)) == ("2026-1", ["Guri Rørtveit"], 1)
    assert moved.body is not None and (root / "2026-2" / moved.body).is_file()
    assert (root / "2026-2" / moved.body).parent.joinpath("graf.png").is_file()
    built = ho21("build-innkalling", "2026-2", "--draft", "--root", root)
    assert built.code == 0, built.err
    text = all_text(open_docx(root / "2026-2" / "build" / "innkalling-2026-2.docx"))
    assert "Saken ble utsatt fra møte 1/2026." in text and "Tekst om saken." in text


def test_a_case_postponed_after_sending_keeps_its_number_and_its_referat_says_so(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    from tests.docx_read import all_text, open_docx

    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    assert ho21("add-case", "2026-1", "--title", "Utsettes", "--root", root).code == 0
    manifest = root / "2026-1" / "meeting.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("[meeting]\n", "[meeting]\nsent = 2026-01-02\nfirst_case = 1\n"),
        encoding="utf-8",
    )
    result = ho21("postpone-case", "2026-1", "6", "--to", "2026-3", "--root", root)
    assert result.code == 0, result.err
    assert "Sak 6/1/2026 stays on the saksliste of meeting 1/2026 (sent)" in result.out
    assert numbers(root, "2026-1")[5] == "Sak 6/1/2026" and titles(root, "2026-1")[5] == "Utsettes"
    assert "Utsettes" in titles(root, "2026-3") and "Utsettes" not in titles(root, "2026-2")
    assert ho21("draft-referat", "2026-1", "--root", root).code == 0
    referat = all_text(open_docx(root / "2026-1" / "referat-2026-1.docx"))
    assert "Sak 6/1/2026 Utsettes\nSaken ble utsatt." in referat
    again = ho21("postpone-case", "2026-1", "6", "--root", root)
    assert again.code == 3 and "was postponed already" in again.err


def test_postponing_is_refused_cleanly(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    root = tmp_path / "arkiv"
    assert ho21("new-meeting", "--date", "2026-01-14", "--root", root).code == 0
    assert ho21("add-case", "2026-1", "--title", "Ny", "--root", root).code == 0
    before = snapshot(root)
    nowhere = ho21("postpone-case", "2026-1", "ny", "--root", root)
    assert nowhere.code == 3 and "there is no meeting after 1/2026" in nowhere.err
    assert snapshot(root) == before
    assert ho21("new-meeting", "--date", "2026-03-11", "--root", root).code == 0
    before = snapshot(root)
    standard = ho21("postpone-case", "2026-1", "1", "--root", root)
    assert standard.code == 3 and "is a standard case of every meeting" in standard.err
    backwards = ho21("postpone-case", "2026-2", "8", "--to", "2026-1", "--root", root)
    assert backwards.code == 3 and "meeting 1/2026 is not after meeting 2/2026" in backwards.err
    assert snapshot(root) == before


def test_a_note_that_names_a_case_follows_it(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    from ho21cli.actions.gates import run_check

    root = tmp_path / "arkiv"
    plan_year(root, ho21)
    for title in ("Første", "Andre"):
        assert ho21("add-case", "2026-1", "--title", title, "--root", root).code == 0  # 6 and 7
    noted = ho21("attendance", "2026-1", "--note", "Guri Rørtveit=t.o. sak 7/1/2026", "--root", root)
    assert noted.code == 0 and "Guri Rørtveit, Folkehelseinstituttet (t.o. sak 7/1/2026)" in noted.out
    assert "[[sak:andre]]" in (root / "2026-1" / "meeting.toml").read_text(encoding="utf-8")
    assert ho21("move-case", "2026-1", "andre", "--before", "forste", "--root", root).code == 0
    shown = ho21("attendance", "2026-1", "--root", root)
    assert "(t.o. sak 6/1/2026)" in shown.out
    before = snapshot(root)
    wrong = ho21("attendance", "2026-1", "--note", "Guri Rørtveit=t.o. sak 99/1/2026", "--root", root)
    assert wrong.code == 3 and "«sak 99/1/2026» is not a case of meeting 1/2026 (1-9)" in wrong.err
    other = ho21("attendance", "2026-1", "--guest", "Gunnar Bovim, HOD=sak 3/2/2026", "--root", root)
    assert other.code == 3 and "is not a case of meeting 1/2026" in other.err
    assert snapshot(root) == before
    assert ho21("remove-case", "2026-1", "andre", "--root", root).code == 0
    _, problems = run_check(root, "2026-1")
    assert any(p.code == "unknown-case-id" and "Guri Rørtveit" in p.what for p in problems)


def test_the_time_plan_puts_clock_times_on_the_saksliste_and_check_warns_on_overrun(
    tmp_path: Path, ho21: Callable[..., Run]
) -> None:
    from ho21cli.actions.gates import run_check
    from tests.docx_read import open_docx

    root = tmp_path / "arkiv"
    assert ho21("new-meeting", "--date", "2026-01-14", "--start", "10:00", "--end", "12:00", "--root", root).code == 0
    for ref, minutes in (("1", "5"), ("2", "5"), ("3", "5"), ("4", "20"), ("5", "15")):
        assert ho21("edit-case", "2026-1", ref, "--minutes", minutes, "--root", root).code == 0
    assert ho21("add-case", "2026-1", "--title", "Helsereformutvalget", "--minutes", "45", "--root", root).code == 0
    assert ho21("edit-meeting", "2026-1", "--break", "5=15=Kaffe", "--root", root).code == 0
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", root).code == 0
    rows = [
        [c.text for c in r.cells]
        for r in open_docx(root / "2026-1" / "build" / "innkalling-2026-1.docx").tables[1].rows
    ]
    assert rows[1] == ["Sak 1/1/2026", "Godkjenning av innkalling og saksliste (kl. 10.00–10.05)"]
    assert rows[5] == ["Sak 5/1/2026", "Oversikt meldinger og strategier (kl. 10.35–10.50)"]
    assert rows[6] == ["", "Kaffe (kl. 10.50–11.05)"]
    assert rows[7] == ["Sak 6/1/2026", "Helsereformutvalget (kl. 11.05–11.50)"]
    assert rows[8] == ["Sak 7/1/2026", "Eventuelt (kl. 11.50)"]  # no minutes of its own: its start is known
    assert rows[9] == ["Sak 8/1/2026", "Evaluering av møtet"]  # after it, no time is known
    _, problems = run_check(root, "2026-1")
    assert not [p for p in problems if p.code == "time-plan-overrun"]
    assert ho21("edit-case", "2026-1", "6", "--minutes", "60", "--root", root).code == 0
    _, problems = run_check(root, "2026-1")
    late = [p for p in problems if p.code == "time-plan-overrun"]
    assert [p.what for p in late] == ["the cases and breaks run to 12.05, past the meeting's end at 12.00"]


def test_a_partial_plan_shows_times_only_where_they_can_be_known(tmp_path: Path, ho21: Callable[..., Run]) -> None:
    """A case without minutes in the middle: its start is known, nothing after it is."""
    from tests.docx_read import open_docx

    root = tmp_path / "arkiv"
    assert ho21("new-meeting", "--date", "2026-01-14", "--start", "10:00", "--end", "15:00", "--root", root).code == 0
    for ref in ("1", "2", "3", "4", "5"):
        assert ho21("edit-case", "2026-1", ref, "--minutes", "10", "--root", root).code == 0
    assert ho21("edit-case", "2026-1", "3", "--minutes", "0", "--root", root).code == 0  # 0: none of its own
    assert ho21("edit-meeting", "2026-1", "--break", "4=15=Kaffe", "--root", root).code == 0
    assert ho21("build-innkalling", "2026-1", "--draft", "--root", root).code == 0
    rows = [
        [c.text for c in r.cells]
        for r in open_docx(root / "2026-1" / "build" / "innkalling-2026-1.docx").tables[1].rows
    ]
    assert rows[2] == ["Sak 2/1/2026", "Spørsmål om habilitet (kl. 10.10–10.20)"]
    assert rows[3][1].endswith("(kl. 10.20)")  # its start is known, its end is not
    assert rows[4] == ["Sak 4/1/2026", "Orienteringer"]  # so nothing after it has a time
    assert rows[5] == ["", "Kaffe"]
    assert not any("kl." in row[1] for row in rows[4:])


def test_without_minutes_there_is_no_time_plan(archive: Path, ho21: Callable[..., Run]) -> None:
    from ho21cli.core.numbering import MeetingId
    from ho21cli.core.timeplan import time_plan
    from ho21cli.storage.archive import Archive

    meeting = Archive(archive).load(MeetingId(2026, 1))
    assert time_plan(meeting, Archive(archive).profile) == []
    assert ho21("edit-meeting", "2026-1", "--break", "99=10", "--root", archive).code == 3
