"""year: the year's meetings, their status and deadlines, and what to do next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ho21cli.cli.common import RootOption, console, root_of, say

if TYPE_CHECKING:
    from datetime import date

    from ho21cli.core.deadlines import Deadline, MeetingYear, YearOverview

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
        say(f"Ingen møter i {overview.year}.")
    else:
        show(overview)
    if ics is not None:
        say(f"Kalenderen er skrevet til {ics}")


def show(overview: YearOverview) -> None:
    out = console()
    out.print(next_list(overview))
    out.print(meeting_table(overview, out.width))
    out.print(rules_line(overview))


def next_list(overview: YearOverview) -> str:
    """The overdue deadlines, then the next few open ones: what the secretariat does next."""
    from rich.markup import escape

    from ho21cli.core.dates import full_date
    from ho21cli.core.deadlines import DeadlineState

    pending = overview.next_to_do
    overdue = [d for d in pending if d.state is DeadlineState.OVERDUE]
    upcoming = [d for d in pending if d.state is DeadlineState.OPEN]
    lines = [f"Neste, per {full_date(overview.as_of)}:"]
    lines += [f"  [bold red]FORSINKET[/bold red] {escape(d.title)} – {full_date(d.due)}" for d in overdue]
    lines += [
        f"  {escape(d.title)} – {full_date(d.due)} ({in_days(d.due, overview.as_of)})"
        for d in upcoming[:NEXT_OPEN_SHOWN]
    ]
    if len(upcoming) > NEXT_OPEN_SHOWN:
        lines.append(f"  … og {len(upcoming) - NEXT_OPEN_SHOWN} frist(er) til i tabellen.")
    if not pending:
        lines.append("  Ingen åpne frister.")
    return "\n".join(lines) + "\n"


def in_days(due: date, as_of: date) -> str:
    days = (due - as_of).days
    return {0: "i dag", 1: "i morgen"}.get(days, f"om {days} dager")


def meeting_table(overview: YearOverview, width: int) -> Any:
    """One row per meeting. No side borders and one space between columns, so that eight
    columns fit in 80; below ``WIDE`` the time goes under the date instead of a column of its own."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    wide = width >= WIDE
    table = Table(
        title=escape(f"{overview.profile.short_name}: møter i {overview.year}"),
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 0),
        show_lines=True,
    )
    table.add_column("Møte", no_wrap=True)
    table.add_column("Dato" if wide else "Dato og tid", min_width=9)
    if wide:
        table.add_column("Tid")
    table.add_column("Sted", overflow="fold")  # free text: a long word is folded, never cut
    table.add_column("Saker", no_wrap=True)
    table.add_column("Status", min_width=10)
    table.add_column("Innkalling", min_width=10)
    table.add_column("Referat", min_width=9)
    table.add_column("Merknadsfrist" if wide else "Merknads-\nfrist", min_width=9)
    for row in overview.meetings:
        table.add_row(*meeting_cells(row, overview.year, wide=wide))
    return table


def meeting_cells(row: MeetingYear, year: int, *, wide: bool) -> list[str]:
    from rich.markup import escape

    from ho21cli.core.dates import full_date, time_span

    meeting = row.meeting
    when = time_span(meeting.start, meeting.end)
    day = [full_date(meeting.date), when or "–"] if wide else ["\n".join(filter(None, [full_date(meeting.date), when]))]
    return [
        escape(row.label),
        *day,
        escape(meeting.place) or "–",
        f"{meeting.first_case}–{meeting.last_case}" if meeting.cases else "–",
        row.status.value,
        deadline_cell(row.innkalling, year),
        deadline_cell(row.referat, year),
        merknadsfrist_cell(row.merknadsfrist, year),
    ]


def rules_line(overview: YearOverview) -> str:
    """How the deadlines are reckoned, so a date that looks early (before Easter) explains itself."""
    from ho21cli.core.deadlines import REFERAT_DAYS_AFTER

    profile = overview.profile
    return (
        f"Frister: innkalling {profile.innkalling_days_before} dager før møtet, utkast til referat "
        f"{REFERAT_DAYS_AFTER} dager etter, begge flyttet bakover til virkedag før helg og helligdag; "
        f"merknadsfrist {profile.merknadsfrist_days} dager etter utkastet."
    )


def due_day(day: date, year: int) -> str:
    """``fredag 2. januar``; with the year when it is not the table's (a deadline in December)."""
    from ho21cli.core.dates import day_month, weekday

    text = f"{weekday(day)} {day_month(day)}"
    return text if day.year == year else f"{text} {day.year}"


def deadline_cell(deadline: Deadline, year: int) -> str:
    """The due day, and whether it was kept: ✓ sendt, sendt for sent, FORSINKET or åpen."""
    from ho21cli.core.dates import day_month
    from ho21cli.core.deadlines import DeadlineState

    done = day_month(deadline.done) if deadline.done else ""
    mark = {
        DeadlineState.MET: f"[green]✓ sendt {done}[/green]",
        DeadlineState.LATE: f"[yellow]sendt {done}, for sent[/yellow]",
        DeadlineState.OVERDUE: "[bold red]FORSINKET[/bold red]",
        DeadlineState.OPEN: "åpen",
    }[deadline.state]
    return f"{due_day(deadline.due, year)}\n{mark}"


def merknadsfrist_cell(deadline: Deadline, year: int) -> str:
    """The members' frist: utløpt, åpen, or foreløpig until the referat is sent."""
    from ho21cli.core.deadlines import DeadlineState

    mark = "foreløpig" if not deadline.firm else "utløpt" if deadline.state is DeadlineState.MET else "åpen"
    return f"{due_day(deadline.due, year)}\n{mark}"


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "year": year_cli,
}
