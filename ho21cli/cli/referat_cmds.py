"""attendance, draft-referat, referat-sent, referat-pdf, referat-approved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ho21cli.cli.common import MeetingArg, RootOption, console, root_of, say
from ho21cli.i18n import _

ROSTER_NOW_HELP = (
    "Take the roster again as profil.toml has it now for the meeting's day "
    "(a held meeting otherwise keeps the roster it was held with)."
)


# The draft referat's merknadsfrist and what came in: `referat-sent`, and `previous-meeting` for a
# meeting the archive does not hold.
FristOption = Annotated[
    str | None, typer.Option(help="Merknadsfrist, YYYY-MM-DD (default: a week later, from the profile).")
]
MerknaderOption = Annotated[
    str | None, typer.Option(help='What came in (default: "Ingen endringsforslag ble meldt inn.").')
]


def attendance_cli(
    meeting: MeetingArg,
    absent: Annotated[list[str] | None, typer.Option("--absent", help="Sent apologies (forfall).")] = None,
    present: Annotated[list[str] | None, typer.Option("--present", help="Undo an earlier --absent.")] = None,
    online: Annotated[
        list[str] | None,
        typer.Option("--online", help="Took part online (digitalt): present, also after an earlier --absent."),
    ] = None,
    note: Annotated[
        list[str] | None, typer.Option("--note", help='A note after a name: "NAME=t.o. sak 9/1/2026".')
    ] = None,
    observer: Annotated[
        list[str] | None, typer.Option("--observer", help='An observer not in the roster: "NAME, ORG".')
    ] = None,
    guest: Annotated[list[str] | None, typer.Option("--guest", help='A guest: "NAME, ORG=what for".')] = None,
    roster_now: Annotated[bool, typer.Option("--roster-now", help=ROSTER_NOW_HELP)] = False,
    root: RootOption = None,
) -> None:
    """Record who came. Roster members, observers and the secretariat are present unless marked absent.

    A held meeting keeps the roster it was held with; --roster-now takes it again from profil.toml."""
    from ho21cli.actions.referat import record_attendance, show_attendance
    from ho21cli.core.attendance import AttendanceChange

    change = AttendanceChange(
        absent=absent or [],
        present=present or [],
        online=online or [],
        notes=note or [],
        observers=observer or [],
        guests=guest or [],
    )
    if any((absent, present, online, note, observer, guest, roster_now)):
        ctx, lists, now_present = record_attendance(root_of(root), meeting, change, roster_now=roster_now)
        for name in now_present:
            say(_("{name} was recorded as absent; --online records the person as present, online.").format(name=name))
    else:
        ctx, lists = show_attendance(root_of(root), meeting)
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(_("Attendance, meeting {label}").format(label=ctx.label)), show_lines=True)
    table.add_column("")
    table.add_column("")
    for label, people, always in (
        (_("Present"), lists.present, True),
        (_("Observers"), lists.observers, True),
        (_("Guests"), lists.guests, False),  # a row only when there are guests
        (_("Absent"), lists.absent, True),
        (_("Secretariat"), lists.secretariat, True),
    ):
        if people or always:
            table.add_row(escape(label), escape("\n".join(people)) or "–")
    console().print(table)


def draft_referat_cli(
    meeting: MeetingArg,
    out: Annotated[Path | None, typer.Option(help="Folder for the referat (default: the meeting folder).")] = None,
    force: Annotated[
        bool, typer.Option(help="Replace an existing referat (not with --pdf); the old one is kept as a backup.")
    ] = False,
    pdf: Annotated[bool, typer.Option(help="Also write it as a tagged PDF (needs LibreOffice).")] = False,
    root: RootOption = None,
) -> None:
    """Write the referat skeleton: attendance, every case, standard texts and draft vedtak."""
    from ho21cli.actions.referat import draft_referat

    result = draft_referat(root_of(root), meeting, out=out, force=force, pdf=pdf)
    if result.backup:
        say(_("The old referat is kept as {path}").format(path=result.backup))
    print(result.path)
    if result.pdf:
        print(result.pdf)


def referat_sent_cli(
    meeting: MeetingArg,
    date: Annotated[str, typer.Option("--date", help="The day the draft referat was sent, YYYY-MM-DD.")],
    frist: FristOption = None,
    merknader: MerknaderOption = None,
    root: RootOption = None,
) -> None:
    """Record when the draft referat was sent; the next meeting's "Godkjenning av referat" uses it."""
    from ho21cli.actions.referat import record_referat_sent
    from ho21cli.core.dates import parse_date, shown_day_month

    record = record_referat_sent(
        root_of(root),
        meeting,
        sent=parse_date(date, where="--date"),
        frist=parse_date(frist, where="--frist") if frist else None,
        merknader=merknader or "",
    )
    say(
        _("Referat sent {sent}, merknadsfrist {frist}.").format(
            sent=shown_day_month(record.sent), frist=shown_day_month(record.frist)
        )
    )


def referat_pdf_cli(
    meeting: MeetingArg,
    out: Annotated[Path | None, typer.Option(help="Folder for the PDF (default: the meeting folder).")] = None,
    force: Annotated[
        bool, typer.Option(help="Replace a PDF there that was changed after ho21 wrote it, or that ho21 did not write.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Make the tagged PDF of the referat as it was finished in Word; refused while `ho21 check` finds errors in it."""
    from ho21cli.actions.finished_referat import referat_pdf

    print(referat_pdf(root_of(root), meeting, out=out, force=force))


def referat_approved_cli(
    meeting: MeetingArg,
    date: Annotated[str, typer.Option("--date", help="The day the referat was approved, YYYY-MM-DD.")],
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help='The later meeting that approved it (2026-2), or "leder" for the chair (the default).'
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Record it again although an approval was recorded already.")] = False,
    roster_now: Annotated[bool, typer.Option("--roster-now", help=ROSTER_NOW_HELP)] = False,
    root: RootOption = None,
) -> None:
    """Record that the referat was approved, and store each case's vedtak as the referat writes it."""
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.actions.finished_referat import approve_referat
    from ho21cli.core.dates import parse_date, shown_date

    result = approve_referat(
        root_of(root), meeting, day=parse_date(date, where="--date"), by=by, force=force, roster_now=roster_now
    )
    table = Table(title=escape(_("Vedtak, meeting {label}").format(label=result.label)), show_lines=True)
    table.add_column(_("Case"), no_wrap=True)
    table.add_column(_("Vedtak"))
    for case in result.cases:
        vedtak = _("(postponed)") if case.postponed else case.vedtak or "–"
        table.add_row(escape(f"{case.number} {case.title}"), escape(vedtak))
    console().print(table)
    stored = sum(case.vedtak is not None for case in result.cases)
    say(
        _("Referat of meeting {label} approved {day} by {by}; {stored} vedtak stored in meeting.toml.").format(
            label=result.label, day=shown_date(result.approval.day), by=result.by_label, stored=stored
        )
    )


def previous_meeting_cli(
    meeting: MeetingArg,
    previous: Annotated[
        str, typer.Option("--meeting", help="The meeting before it, as the council writes it (4/2025) or 2025-4.")
    ],
    date: Annotated[str | None, typer.Option("--date", help="The day that meeting was held, YYYY-MM-DD.")] = None,
    referat_sent: Annotated[
        str | None, typer.Option("--referat-sent", help="The day its draft referat was sent, YYYY-MM-DD.")
    ] = None,
    frist: FristOption = None,
    merknader: MerknaderOption = None,
    root: RootOption = None,
) -> None:
    """Record the meeting before this one when the archive does not hold it (a new archive's first meeting)."""
    from ho21cli.actions.previous import PreviousRecord, record_previous_meeting
    from ho21cli.core.dates import parse_date, shown_day_month

    record = PreviousRecord(
        meeting=previous,
        date=parse_date(date, where="--date") if date else None,
        referat_sent=parse_date(referat_sent, where="--referat-sent") if referat_sent else None,
        frist=parse_date(frist, where="--frist") if frist else None,
        merknader=merknader or "",
    )
    done = record_previous_meeting(root_of(root), meeting, record)
    say(
        _("Meeting {label}: the previous meeting is {previous}.").format(label=done.label, previous=done.previous_label)
    )
    sent = done.previous.referat_sent
    if sent is not None:
        say(
            _("Its draft referat was sent {sent}, merknadsfrist {frist}.").format(
                sent=shown_day_month(sent.sent), frist=shown_day_month(sent.frist)
            )
        )
    for title in done.retitled:
        say(_("Case title now: «{title}».").format(title=title))


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "attendance": attendance_cli,
    "draft-referat": draft_referat_cli,
    "referat-sent": referat_sent_cli,
    "referat-pdf": referat_pdf_cli,
    "referat-approved": referat_approved_cli,
    "previous-meeting": previous_meeting_cli,
}
