"""`ho21 year`: deadlines moved over weekends and Norwegian holidays, statuses, "Neste", the .ics file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from ho21cli.actions.year import norwegian_holidays, year_overview
from ho21cli.core.deadlines import DeadlineState, MeetingStatus, working_day_on_or_before
from ho21cli.core.deadlines import year_overview as overview_of
from ho21cli.core.model import APPROVED_BY_CHAIR, Meeting, Profile, ReferatApproval, ReferatSent
from ho21cli.render.ics import local_times
from tests.conftest import REPO, Run, snapshot

HOLIDAYS = norwegian_holidays(range(2024, 2029))
DOMAIN = "helseomsorg21-radet"
WIDE_HEADER = ["Meeting", "Date", "Time", "Place", "Cases", "Status", "Innkalling", "Referat", "Merknadsfrist"]


def ok(result: Run) -> Run:
    assert result.code == 0, result.err
    return result


# -- working days ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2026, 1, 12), date(2026, 1, 12), "a Monday is a working day"),
        (date(2026, 1, 10), date(2026, 1, 9), "Saturday -> Friday"),
        (date(2026, 1, 11), date(2026, 1, 9), "Sunday -> Friday"),
        (date(2026, 4, 4), date(2026, 4, 1), "Easter Saturday -> over Langfredag and Skjærtorsdag"),
        (date(2026, 4, 6), date(2026, 4, 1), "Andre påskedag -> the Wednesday before Easter"),
        (date(2026, 4, 7), date(2026, 4, 7), "the Tuesday after Easter is a working day"),
        (date(2026, 5, 17), date(2026, 5, 15), "17. mai 2026 is a Sunday -> Friday"),
        (date(2026, 5, 14), date(2026, 5, 13), "Kristi himmelfartsdag -> Wednesday"),
        (date(2026, 5, 25), date(2026, 5, 22), "Andre pinsedag -> Friday"),
        (date(2026, 5, 1), date(2026, 4, 30), "Arbeidernes dag"),
        (date(2026, 12, 26), date(2026, 12, 24), "Andre juledag (a Saturday) and Første juledag -> julaften"),
        (date(2026, 1, 1), date(2025, 12, 31), "Første nyttårsdag -> the year before"),
    ],
)
def test_working_day_on_or_before_with_norwegian_holidays(day: date, expected: date, why: str) -> None:
    assert working_day_on_or_before(day, HOLIDAYS) == expected, why


def test_the_holiday_set_is_the_callers_own() -> None:
    """The core looks nothing up: any collection of days counts as days off."""
    tuesday = date(2026, 3, 10)
    assert working_day_on_or_before(tuesday, ()) == tuesday
    assert working_day_on_or_before(tuesday, {tuesday, tuesday - timedelta(days=1)}) == date(2026, 3, 6)


def test_norwegian_holidays_are_the_public_holidays_only() -> None:
    assert {date(2026, 4, 2), date(2026, 4, 3), date(2026, 5, 17), date(2026, 12, 25)} <= HOLIDAYS
    assert date(2026, 12, 24) not in HOLIDAYS  # julaften is a working day by law
    assert date(2026, 1, 11) not in HOLIDAYS  # an ordinary Sunday: the weekend rule covers it


# -- the core on made-up meetings --------------------------------------------------------------------

PROFILE = Profile(name="Testrådet", short_name="TR", til="", fra="")


def meeting(number: int, day: date, **kwargs: object) -> Meeting:
    return Meeting(year=day.year, number=number, date=day, first_case=1, **kwargs)  # type: ignore[arg-type]


def test_status_of_a_meeting_through_its_life() -> None:
    first = meeting(
        1, date(2026, 1, 14), sent=date(2026, 1, 2), referat_sent=ReferatSent(date(2026, 1, 20), date(2026, 1, 27))
    )
    second = meeting(2, date(2026, 3, 11))

    def status(as_of: date) -> MeetingStatus:
        return overview_of(2026, [first, second], profile=PROFILE, holidays=HOLIDAYS, as_of=as_of).meetings[0].status

    assert status(date(2026, 1, 1)) is MeetingStatus.PLANLAGT  # sent on the 2nd: not yet
    assert status(date(2026, 1, 2)) is MeetingStatus.INNKALLING_SENDT
    assert status(date(2026, 1, 14)) is MeetingStatus.INNKALLING_SENDT  # the meeting day itself
    assert status(date(2026, 1, 15)) is MeetingStatus.AVHOLDT
    assert status(date(2026, 1, 20)) is MeetingStatus.REFERAT_SENDT
    assert status(date(2026, 3, 11)) is MeetingStatus.REFERAT_SENDT  # the next meeting is today
    # the next meeting has been held, but no approval was recorded: never inferred from its date
    assert status(date(2026, 3, 12)) is MeetingStatus.REFERAT_SENDT
    assert status(date(2027, 6, 1)) is MeetingStatus.REFERAT_SENDT


def test_held_only_when_called_or_recorded() -> None:
    """*Avholdt* needs the innkalling sent and the day passed, or who came recorded."""
    never_sent = meeting(1, date(2026, 1, 14))

    def status(m: Meeting, as_of: date) -> MeetingStatus:
        return overview_of(2026, [m], profile=PROFILE, holidays=HOLIDAYS, as_of=as_of).meetings[0].status

    assert status(never_sent, date(2026, 6, 1)) is MeetingStatus.PLANLAGT
    never_sent.attendance.absent.append("Guri Rørtveit")
    assert status(never_sent, date(2026, 1, 13)) is MeetingStatus.PLANLAGT  # recorded ahead of the day
    assert status(never_sent, date(2026, 1, 14)) is MeetingStatus.AVHOLDT


def test_an_approval_by_the_chair_counts_from_its_day() -> None:
    first = meeting(
        1,
        date(2026, 1, 14),
        sent=date(2026, 1, 2),
        referat_sent=ReferatSent(date(2026, 1, 20), date(2026, 1, 27)),
    )
    first.referat_approved = ReferatApproval(date(2026, 2, 2), APPROVED_BY_CHAIR)
    second = meeting(2, date(2026, 3, 11))

    def status(as_of: date) -> MeetingStatus:
        return overview_of(2026, [first, second], profile=PROFILE, holidays=HOLIDAYS, as_of=as_of).meetings[0].status

    assert status(date(2026, 2, 1)) is MeetingStatus.REFERAT_SENDT
    assert status(date(2026, 2, 2)) is MeetingStatus.REFERAT_GODKJENT  # before the next meeting


def test_deadline_states_met_late_overdue_open() -> None:
    held = meeting(
        1, date(2026, 4, 14), sent=date(2026, 4, 2), referat_sent=ReferatSent(date(2026, 4, 21), date(2026, 4, 28))
    )
    row = overview_of(2026, [held], profile=PROFILE, holidays=HOLIDAYS, as_of=date(2026, 4, 22)).meetings[0]
    assert (row.innkalling.due, row.innkalling.done, row.innkalling.state) == (
        date(2026, 4, 1),
        date(2026, 4, 2),
        DeadlineState.LATE,
    )
    assert (row.referat.due, row.referat.state) == (date(2026, 4, 21), DeadlineState.MET)
    assert (row.merknadsfrist.due, row.merknadsfrist.firm, row.merknadsfrist.state) == (
        date(2026, 4, 28),
        True,
        DeadlineState.OPEN,
    )
    planned = meeting(2, date(2026, 6, 10))
    row = overview_of(2026, [planned], profile=PROFILE, holidays=HOLIDAYS, as_of=date(2026, 5, 29)).meetings[0]
    assert (row.innkalling.due, row.innkalling.state) == (date(2026, 5, 29), DeadlineState.OPEN)  # due today
    row = overview_of(2026, [planned], profile=PROFILE, holidays=HOLIDAYS, as_of=date(2026, 5, 30)).meetings[0]
    assert row.innkalling.state is DeadlineState.OVERDUE
    # Before the referat is sent, the merknadsfrist is reckoned from its due day, and is not firm.
    assert (row.merknadsfrist.due, row.merknadsfrist.firm) == (date(2026, 6, 24), False)
    assert row.merknadsfrist.title == "Merknadsfrist: referat fra møte 2/2026"


def test_profile_days_are_used() -> None:
    profile = Profile(name="R", short_name="R", til="", fra="", innkalling_days_before=14, merknadsfrist_days=10)
    row = overview_of(
        2026, [meeting(1, date(2026, 9, 16))], None, profile=profile, holidays=(), as_of=date(2026, 9, 1)
    ).meetings[0]
    assert row.innkalling.due == date(2026, 9, 2)
    assert row.merknadsfrist.due == row.referat.due + timedelta(days=10) == date(2026, 10, 3)


def test_all_day_event_without_times_and_oslo_time_with_them() -> None:
    day = date(2026, 6, 10)
    assert local_times(day, None, None) == (day, date(2026, 6, 11))
    start, end = local_times(day, "10:00", "15:00")
    assert isinstance(start, datetime) and isinstance(end, datetime)
    assert (start.hour, end.hour, start.utcoffset()) == (10, 15, timedelta(hours=2))  # summer time
    assert local_times(day, "10:00", None)[1] is None


# -- the example through the CLI --------------------------------------------------------------


def test_innkalling_before_easter_is_due_the_wednesday_before(
    tmp_path: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A meeting on 14 April 2026: ten days before is Saturday 4 April, 3 April is Langfredag and
    2 April Skjærtorsdag, so the innkalling is due Wednesday 1 April."""
    root = tmp_path / "arkiv"
    ok(ho21("new-meeting", "--date", "2026-04-14", "--root", root))
    [row] = year_overview(root, 2026, today=date(2026, 3, 20)).meetings
    assert row.innkalling.due == date(2026, 4, 1)
    assert row.referat.due == date(2026, 4, 21)

    out = ok(ho21("year", "2026", "--as-of", "2026-03-20", "--root", root)).out
    assert "Deadline: innkalling for meeting 1/2026 – Wednesday 1 April 2026 (in 12 days)" in out
    monkeypatch.setenv("COLUMNS", "250")
    out = ok(ho21("year", "--as-of", "2026-03-20", "--root", root)).out  # the year of --as-of
    assert "Wednesday 1 April" in row_of(out, "1/2026")


def test_deadline_in_the_year_before_uses_that_years_holidays(
    tmp_path: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Monday 5 January 2026: ten days before is Andre juledag 2025, the day before Første juledag."""
    root = tmp_path / "arkiv"
    ok(ho21("new-meeting", "--date", "2026-01-05", "--root", root))
    [row] = year_overview(root, 2026, today=date(2025, 12, 1)).meetings
    assert row.innkalling.due == date(2025, 12, 24)
    monkeypatch.setenv("COLUMNS", "250")
    out = ok(ho21("year", "2026", "--as-of", "2025-12-01", "--root", root)).out
    assert "Wednesday 24 December 2025" in row_of(out, "1/2026")  # the year, since it is not the table's


# -- a year of meetings through the CLI ----------------------------------------------------------------


@pytest.fixture
def year_archive(tmp_path: Path, ho21: Callable[..., Run]) -> Path:
    """Three meetings in 2026 and one in January 2027, with sendings recorded:

    1/2026 (14 Jan): innkalling 2 Jan (due 2 Jan: met), referat 22 Jan (due 21 Jan: late);
    2/2026 (14 Apr): innkalling 1 Apr (met), no referat;
    3/2026 (10 Jun): innkalling 3 Jun (due Fri 29 May: late), referat 15 Jun (due 17 Jun: met).
    """
    root = tmp_path / "arkiv"
    for day in ("2026-01-14", "2026-04-14", "2026-06-10", "2027-01-13"):
        ok(ho21("new-meeting", "--date", day, "--root", root))
    for key in ("2026-1", "2026-2", "2026-3"):
        ok(ho21("edit-case", key, "orienteringer", "--ettersendes", "--root", root))
    previous = ("--meeting", "4/2025", "--date", "2025-11-26", "--referat-sent", "2025-12-03")
    ok(ho21("previous-meeting", "2026-1", *previous, "--root", root))
    ok(ho21("send", "2026-1", "--date", "2026-01-02", "--root", root))
    ok(ho21("referat-sent", "2026-1", "--date", "2026-01-22", "--root", root))
    ok(ho21("send", "2026-2", "--date", "2026-04-01", "--root", root))
    ok(ho21("send", "2026-3", "--date", "2026-06-03", "--root", root))
    ok(ho21("referat-sent", "2026-3", "--date", "2026-06-15", "--root", root))
    return root


def row_of(out: str, label: str) -> str:
    """A meeting's table row (all its lines), from the line that starts with its label."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{label} "))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[start:end])


def neste_of(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Next, as of "))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
    return [line.strip() for line in lines[start + 1 : end]]


def statuses(root: Path, as_of: str) -> list[str]:
    overview = year_overview(root, 2026, today=date.fromisoformat(as_of))
    return [m.status.value for m in overview.meetings]


def test_statuses_over_the_year(year_archive: Path) -> None:
    assert statuses(year_archive, "2026-01-01") == ["planlagt", "planlagt", "planlagt"]
    assert statuses(year_archive, "2026-01-10") == ["innkalling sendt", "planlagt", "planlagt"]
    assert statuses(year_archive, "2026-01-15") == ["avholdt", "planlagt", "planlagt"]
    assert statuses(year_archive, "2026-01-22") == ["referat sendt", "planlagt", "planlagt"]
    assert statuses(year_archive, "2026-04-14") == ["referat sendt", "innkalling sendt", "planlagt"]
    assert statuses(year_archive, "2026-04-15") == ["referat godkjent", "avholdt", "planlagt"]
    assert statuses(year_archive, "2026-06-20") == ["referat godkjent", "avholdt", "referat sendt"]
    # 3/2026's referat is approved by the next meeting in the archive, in January 2027.
    assert statuses(year_archive, "2027-01-14") == ["referat godkjent", "avholdt", "referat godkjent"]


def test_table_shows_dates_marks_and_overdue(
    year_archive: Path, ho21: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    out = ok(ho21("year", "2026", "--as-of", "2026-06-01", "--root", year_archive)).out
    assert "HO21: meetings in 2026" in out
    header = next(line for line in out.splitlines() if line.startswith("Meeting "))
    assert header.split() == WIDE_HEADER
    first = row_of(out, "1/2026")
    for text in (
        "Wednesday 14 January 2026",
        "10:00 – 15:00",
        "Forskningsrådets lokaler",
        "1–7",
        "referat approved",
        "Friday 2 January",
        "✓ sent 2 January",
        "Wednesday 21 January",
        "sent 22 January, late",
        "Thursday 29 January",
        "expired",
    ):
        assert text in first, text
    second = row_of(out, "2/2026")
    assert "held" in second and "Tuesday 21 April" in second and "OVERDUE" in second
    assert "provisional" in second  # no referat yet: its merknadsfrist is only reckoned
    third = row_of(out, "3/2026")
    assert "planned" in third  # the sending on 3 June is not known on 1 June
    assert "Friday 29 May" in third and "OVERDUE" in third and "15–21" in third
    assert "2027" not in out  # only the year asked for

    third = row_of(ok(ho21("year", "2026", "--as-of", "2026-06-05", "--root", year_archive)).out, "3/2026")
    assert "innkalling sent" in third and "sent 3 June, late" in third


def test_neste_lists_overdue_first_then_open_by_due_day(year_archive: Path, ho21: Callable[..., Run]) -> None:
    out = ok(ho21("year", "2026", "--as-of", "2026-06-01", "--root", year_archive)).out
    assert out.startswith("Next, as of Monday 1 June 2026:")
    assert neste_of(out) == [
        "OVERDUE Deadline: draft referat of meeting 2/2026 – Tuesday 21 April 2026",
        "OVERDUE Deadline: innkalling for meeting 3/2026 – Friday 29 May 2026",
        "Deadline: draft referat of meeting 3/2026 – Wednesday 17 June 2026 (in 16 days)",
    ]
    out = ok(ho21("year", "2026", "--as-of", "2026-01-01", "--root", year_archive)).out
    assert neste_of(out) == [
        "Deadline: innkalling for meeting 1/2026 – Friday 2 January 2026 (tomorrow)",
        "Deadline: draft referat of meeting 1/2026 – Wednesday 21 January 2026 (in 20 days)",
        "Deadline: innkalling for meeting 2/2026 – Wednesday 1 April 2026 (in 90 days)",
        "… and 3 more deadlines in the table.",
    ]
    out = ok(ho21("year", "2026", "--as-of", "2026-01-25", "--root", year_archive)).out
    assert neste_of(out)[0] == "Merknadsfrist: referat of meeting 1/2026 – Thursday 29 January 2026 (in 4 days)"


def test_overdue_is_marked_in_red(year_archive: Path) -> None:
    from ho21cli.cli.year_cmds import deadline_cell, next_list

    overview = year_overview(year_archive, 2026, today=date(2026, 6, 1))
    assert next_list(overview).splitlines()[1].startswith("  [bold red]OVERDUE[/bold red] Deadline: draft")
    assert deadline_cell(overview.meetings[1].referat, 2026) == "Tuesday 21 April\n[bold red]OVERDUE[/bold red]"
    assert (
        deadline_cell(overview.meetings[0].referat, 2026)
        == "Wednesday 21 January\n[yellow]sent 22 January, late[/yellow]"
    )


def test_table_fits_80_columns_without_cutting(year_archive: Path, ho21: Callable[..., Run]) -> None:
    out = ok(ho21("year", "2026", "--as-of", "2026-06-01", "--root", year_archive)).out
    table = out[out.index("HO21: meetings in 2026") : out.index("Deadlines: ")]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "…" not in table
    assert "Date and" in table and "OVERDUE" in table and "referat" in table
    assert "Deadlines: innkalling 10 days before the meeting, draft referat 7 days after" in out


def test_year_without_meetings_and_folder_without_archive(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    assert ok(ho21("year", "2027", "--root", archive)).out == "No meetings in 2027.\n"
    result = ho21("year", "2026", "--root", tmp_path / "tom")
    assert result.code == 3 and "no council profile" in result.err
    result = ho21("year", "2026", "--as-of", "2026-02-30", "--root", archive)
    assert result.code == 3 and "«2026-02-30» is not a valid date" in result.err


# -- the calendar file ----------------------------------------------------------------------------------


def events_of(path: Path) -> dict[str, Event]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_has_every_meeting_and_deadline(year_archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    ics = tmp_path / "ut" / "ho21-2026.ics"
    result = ok(ho21("year", "2026", "--as-of", "2026-06-01", "--ics", ics, "--root", year_archive))
    assert result.out.endswith(f"Calendar written to {ics}\n")
    calendar = Calendar.from_ical(ics.read_bytes())
    assert str(calendar["PRODID"]).startswith("-//ho21//")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = events_of(ics)
    assert len(events) == 3 * 4  # a meeting and its three deadlines, for each of 2026's three meetings
    assert not any("2027" in uid for uid in events)

    first = events[f"ho21-2026-1@{DOMAIN}"]
    assert str(first["SUMMARY"]) == "HO21 møte 1/2026"
    assert str(first["LOCATION"]) == "Forskningsrådets lokaler, Drammensveien 288"
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime(2026, 1, 14, 10, 0),
        datetime(2026, 1, 14, 15, 0),
    )
    assert str(start.tzinfo) == "Europe/Oslo" and start.utcoffset() == timedelta(hours=1)
    assert events[f"ho21-2026-3@{DOMAIN}"].decoded("DTSTART").utcoffset() == timedelta(hours=2)  # June: summer time

    innkalling = events[f"ho21-2026-2-innkalling@{DOMAIN}"]
    assert str(innkalling["SUMMARY"]) == "Frist: innkalling til møte 2/2026"
    assert (innkalling.decoded("DTSTART"), innkalling.decoded("DTEND")) == (date(2026, 4, 1), date(2026, 4, 2))
    referat = events[f"ho21-2026-1-referat@{DOMAIN}"]
    assert str(referat["SUMMARY"]) == "Frist: utkast til referat fra møte 1/2026"
    assert referat.decoded("DTSTART") == date(2026, 1, 21)
    merknad = events[f"ho21-2026-1-merknadsfrist@{DOMAIN}"]
    assert str(merknad["SUMMARY"]) == "Merknadsfrist: referat fra møte 1/2026"
    assert merknad.decoded("DTSTART") == date(2026, 1, 29)
    assert "Foreløpig" in str(events[f"ho21-2026-2-merknadsfrist@{DOMAIN}"]["DESCRIPTION"])


def test_second_run_replaces_the_calendar_ho21_wrote(
    year_archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    ics = tmp_path / "ho21.ics"
    ok(ho21("year", "2026", "--as-of", "2026-06-01", "--ics", ics, "--root", year_archive))
    ok(ho21("new-meeting", "--date", "2026-09-16", "--root", year_archive))
    ok(ho21("year", "2026", "--as-of", "2026-06-01", "--ics", ics, "--root", year_archive))
    events = events_of(ics)
    assert len(events) == 4 * 4
    assert events[f"ho21-2026-4@{DOMAIN}"].decoded("DTSTART").date() == date(2026, 9, 16)
    assert events[f"ho21-2026-4-innkalling@{DOMAIN}"].decoded("DTSTART") == date(2026, 9, 4)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ho21.ics")] == []  # no temporary left


def test_a_file_ho21_did_not_write_is_refused_and_unchanged(
    year_archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    mine = tmp_path / "kalender.ics"
    mine.write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//Min kalender//NO\r\nEND:VCALENDAR\r\n")
    before = snapshot(tmp_path)
    result = ho21("year", "2026", "--ics", mine, "--root", year_archive)
    assert result.code == 4
    assert f"{mine}: exists and is not a calendar file written by ho21" in result.err
    assert "Give another file name or remove it." in result.err
    assert result.out == ""
    assert snapshot(tmp_path) == before


def test_help_imports_neither_holidays_nor_icalendar() -> None:
    """Both cost time at every start; only `ho21 year` may load them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ho21cli", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    imported = [line for line in result.stderr.splitlines() if "holidays" in line or "icalendar" in line]
    assert imported == []
    assert "year" in result.stdout
