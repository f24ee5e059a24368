"""year: the year's meetings, their status and deadlines, and what to do next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ho21cli.cli.common import RootOption, console, root_of, say
from ho21cli.i18n import _, ngettext

if TYPE_CHECKING:
    from datetime import date

    from ho21cli.core.deadlines import Deadline, MeetingStatus, MeetingYear, YearOverview

YearArg = Annotated[
    int | None,
    typer.Argument(
        help="The year (default: the year of today, or of --as-of).",
        metavar="YEAR",
        min=1900,
        max=2999,
        show_default=False,
    ),
]
IcsOption = Annotated[
    Path | None,
    typer.Option(
        "--ics",
        help="Also write the meetings and deadlines as a calendar file (iCalendar); replaces only one ho21 wrote.",
        metavar="FILE",
    ),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Show the year as it stands on this day, YYYY-MM-DD (default: today).")
]

NEXT_OPEN_SHOWN = 3  # the "Neste" list shows every overdue deadline, then this many open ones
WIDE = 120  # a console this wide gets the time in a column of its own


def year_cli(year: YearArg = None, ics: IcsOption = None, as_of: AsOfOption = None, root: RootOption = None) -> None:
    """Show the year's meetings with their status and deadlines (moved back over weekends and
    public holidays), and what to do next."""
    from datetime import UTC, datetime
    from datetime import date as Date

    from ho21cli.actions.year import write_calendar, year_overview
    from ho21cli.core.dates import parse_date

    today = parse_date(as_of, where="--as-of") if as_of else Date.today()
    overview = year_overview(root_of(root), year or today.year, today=today)
    if ics is not None:
        write_calendar(ics, overview, now=datetime.now(UTC))
    if not overview.meetings:
        say(_("No meetings in {year}.").format(year=overview.year))
    else:
        show(overview)
    if ics is not None:
        say(_("Calendar written to {path}").format(path=ics))


def show(overview: YearOverview) -> None:
    out = console()
    out.print(next_list(overview))
    out.print(meeting_table(overview, out.width))
    out.print(rules_line(overview))


def next_list(overview: YearOverview) -> str:
    """The overdue deadlines, then the next few open ones: what the secretariat does next."""
    from rich.markup import escape

    from ho21cli.core.dates import shown_full_date
    from ho21cli.core.deadlines import DeadlineState

    pending = overview.next_to_do
    overdue = [d for d in pending if d.state is DeadlineState.OVERDUE]
    upcoming = [d for d in pending if d.state is DeadlineState.OPEN]
    overdue_word = escape(_("OVERDUE"))  # not inside the f-string: Babel does not look there
    overdue_mark = f"[bold red]{overdue_word}[/bold red]"
    lines = [escape(_("Next, as of {day}:").format(day=shown_full_date(overview.as_of)))]
    lines += [f"  {overdue_mark} {escape(d.shown_title)} – {shown_full_date(d.due)}" for d in overdue]
    lines += [
        f"  {escape(d.shown_title)} – {shown_full_date(d.due)} ({escape(in_days(d.due, overview.as_of))})"
        for d in upcoming[:NEXT_OPEN_SHOWN]
    ]
    more = len(upcoming) - NEXT_OPEN_SHOWN
    if more > 0:
        text = ngettext("… and {count} more deadline in the table.", "… and {count} more deadlines in the table.", more)
        lines.append("  " + escape(text.format(count=more)))
    if not pending:
        lines.append("  " + escape(_("No open deadlines.")))
    return "\n".join(lines) + "\n"


def in_days(due: date, as_of: date) -> str:
    days = (due - as_of).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {days} day", "in {days} days", days).format(days=days)


def meeting_table(overview: YearOverview, width: int) -> Any:
    """One row per meeting. No side borders and one space between columns, so that eight
    columns fit in 80; below ``WIDE`` the time goes under the date instead of a column of its own."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    wide = width >= WIDE
    table = Table(
        title=escape(
            _("{council}: meetings in {year}").format(council=overview.profile.short_name, year=overview.year)
        ),
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 0),
        show_lines=True,
    )
    table.add_column(_("Meeting"), no_wrap=True)
    table.add_column(_("Date") if wide else _("Date and time"), min_width=9)
    if wide:
        table.add_column(_("Time"))
    table.add_column(_("Place"), overflow="fold")  # free text: a long word is folded, never cut
    table.add_column(_("Cases"), no_wrap=True)
    table.add_column(_("Status"), min_width=10)
    table.add_column(_("Innkalling"), min_width=10)
    table.add_column(_("Referat"), min_width=9)
    # narrow: the header split where the word breaks well, so that the column stays narrow
    table.add_column(_("Merknadsfrist") if wide else _("Merknads-\nfrist"), min_width=9)
    for row in overview.meetings:
        table.add_row(*meeting_cells(row, overview.year, wide=wide))
    return table


def meeting_cells(row: MeetingYear, year: int, *, wide: bool) -> list[str]:
    from rich.markup import escape

    from ho21cli.core.dates import shown_full_date, shown_time_span

    meeting = row.meeting
    when = shown_time_span(meeting.start, meeting.end)
    day = (
        [shown_full_date(meeting.date), when or "–"]
        if wide
        else ["\n".join(filter(None, [shown_full_date(meeting.date), when]))]
    )
    return [
        escape(row.label),
        *day,
        escape(meeting.place) or "–",
        f"{meeting.first_case}–{meeting.last_case}" if meeting.cases else "–",
        escape(status_label(row.status)),
        deadline_cell(row.innkalling, year),
        deadline_cell(row.referat, year),
        merknadsfrist_cell(row.merknadsfrist, year),
    ]


def status_label(status: MeetingStatus) -> str:
    """A meeting's status in the run's language (its value, «planlagt», is data)."""
    from ho21cli.core.deadlines import MeetingStatus

    return {
        MeetingStatus.PLANLAGT: _("planned"),
        MeetingStatus.INNKALLING_SENDT: _("innkalling sent"),
        MeetingStatus.AVHOLDT: _("held"),
        MeetingStatus.REFERAT_SENDT: _("referat sent"),
        MeetingStatus.REFERAT_GODKJENT: _("referat approved"),
    }[status]


def rules_line(overview: YearOverview) -> str:
    """How the deadlines are reckoned, so a date that looks early (before Easter) explains itself."""
    from rich.markup import escape

    from ho21cli.core.deadlines import REFERAT_DAYS_AFTER

    profile = overview.profile
    return escape(
        _(
            "Deadlines: innkalling {innkalling_days} days before the meeting, draft referat {referat_days} days "
            "after, both moved back to the working day before weekends and public holidays; merknadsfrist "
            "{merknad_days} days after the draft."
        ).format(
            innkalling_days=profile.innkalling_days_before,
            referat_days=REFERAT_DAYS_AFTER,
            merknad_days=profile.merknadsfrist_days,
        )
    )


def due_day(day: date, year: int) -> str:
    """``fredag 2. januar``; with the year when it is not the table's (a deadline in December)."""
    from ho21cli.core.dates import shown_weekday_day_month

    text = shown_weekday_day_month(day)
    return text if day.year == year else f"{text} {day.year}"


def deadline_cell(deadline: Deadline, year: int) -> str:
    """The due day, and whether it was kept: ✓ sendt, sendt for sent, FORSINKET or åpen."""
    from ho21cli.core.dates import shown_day_month
    from ho21cli.core.deadlines import DeadlineState

    done = shown_day_month(deadline.done) if deadline.done else ""
    # the words are translated outside the f-strings (Babel does not look inside them)
    if deadline.state is DeadlineState.MET:
        sent = _("sent {day}").format(day=done)
        mark = f"[green]✓ {sent}[/green]"
    elif deadline.state is DeadlineState.LATE:
        late = _("sent {day}, late").format(day=done)
        mark = f"[yellow]{late}[/yellow]"
    elif deadline.state is DeadlineState.OVERDUE:
        overdue = _("OVERDUE")
        mark = f"[bold red]{overdue}[/bold red]"
    else:
        mark = _("open")
    return f"{due_day(deadline.due, year)}\n{mark}"


def merknadsfrist_cell(deadline: Deadline, year: int) -> str:
    """The members' frist: utløpt, åpen, or foreløpig until the referat is sent."""
    from ho21cli.core.deadlines import DeadlineState

    mark = _("provisional") if not deadline.firm else _("expired") if deadline.state is DeadlineState.MET else _("open")
    return f"{due_day(deadline.due, year)}\n{mark}"


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "year": year_cli,
}
