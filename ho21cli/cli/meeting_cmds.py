"""new-meeting, add-case, move-case, remove-case, list-cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ho21cli.cli.common import CaseRefArg, MeetingArg, RootOption, root_of, say
from ho21cli.core.model import CaseKind
from ho21cli.i18n import _

if TYPE_CHECKING:
    from ho21cli.actions.cases import CaseResult

# Exempt from public access (offentleglova): the public sees the number, the public title and this basis.
UnntattOption = Annotated[
    str | None,
    typer.Option(
        "--unntatt",
        help='Exempt from public access, with the legal basis: "offl. § 13 jf. fvl. § 13 første ledd nr. 1".',
    ),
]
OffentligTittelOption = Annotated[
    str | None,
    typer.Option(
        "--offentlig-tittel", help="The title the public sees of the exempt case (default: «Unntatt offentlighet»)."
    ),
]


# A date typed twice is a mistake; a second meeting that day is said so.
SameDayOption = Annotated[
    bool,
    typer.Option("--same-day", help="The day has a meeting already and this is a second one (numbered by its start)."),
]


def new_meeting_cli(
    date: Annotated[str, typer.Option("--date", help="Meeting date, YYYY-MM-DD.")],
    start: Annotated[str | None, typer.Option(help="Start time, HH:MM (default from the profile).")] = None,
    end: Annotated[str | None, typer.Option(help="End time, HH:MM (default from the profile).")] = None,
    place: Annotated[str | None, typer.Option(help="Place (default from the profile).")] = None,
    address: Annotated[str | None, typer.Option(help="Address (default from the profile).")] = None,
    number: Annotated[int | None, typer.Option(min=1, help="Meeting number in the year (default: the next).")] = None,
    first_case: Annotated[
        int | None, typer.Option(min=1, help="First case number (default: continues the year's series).")
    ] = None,
    same_day: SameDayOption = False,
    root: RootOption = None,
) -> None:
    """Create a meeting folder with its manifest and the standard cases."""
    from ho21cli.actions.meeting import MeetingOptions, new_meeting
    from ho21cli.core.dates import parse_date, parse_time

    options = MeetingOptions(
        date=parse_date(date, where="--date"),
        start=parse_time(start, where="--start") if start else None,
        end=parse_time(end, where="--end") if end else None,
        place=place,
        address=address,
        number=number,
        first_case=first_case,
        same_day=same_day,
    )
    created = new_meeting(root_of(root), options)
    m = created.meeting
    if created.profile_created:
        say(
            _("Wrote the council profile {path} (HelseOmsorg21-rådet; edit it for your council).").format(
                path=created.folder.parent / "profil.toml"
            )
        )
    for old, new in created.renumbered:
        say(_("Meeting {old} is now meeting {new} (meetings follow their dates).").format(old=old, new=new))
    say(_("Meeting {label}, cases {first}-{last}:").format(label=created.label, first=m.first_case, last=m.last_case))
    print(created.folder)


def edit_meeting_cli(
    meeting: MeetingArg,
    date: Annotated[
        str | None, typer.Option("--date", help="New date, YYYY-MM-DD (the same year); meetings follow their dates.")
    ] = None,
    start: Annotated[str | None, typer.Option(help="New start time, HH:MM.")] = None,
    end: Annotated[str | None, typer.Option(help="New end time, HH:MM.")] = None,
    place: Annotated[str | None, typer.Option(help="New place.")] = None,
    address: Annotated[str | None, typer.Option(help="New address.")] = None,
    first_case: Annotated[
        int | None, typer.Option(min=1, help="First case number (only the archive's first meeting of a year).")
    ] = None,
    breaks: Annotated[
        list[str] | None,
        typer.Option(
            "--break", help="A break in the time plan after a case: REF=MINUTES[=TITLE] (repeat).", metavar="REF=MIN"
        ),
    ] = None,
    no_breaks: Annotated[bool, typer.Option("--no-breaks", help="Use the profile's breaks again.")] = False,
    same_day: SameDayOption = False,
    root: RootOption = None,
) -> None:
    """Change a meeting's date, time, place or breaks; only what is given changes."""
    from ho21cli.actions.meeting import MeetingEdit, edit_meeting
    from ho21cli.core.dates import parse_date, parse_time, shown_full_date, shown_time_span

    edit = MeetingEdit(
        date=parse_date(date, where="--date") if date else None,
        start=parse_time(start, where="--start") if start else None,
        end=parse_time(end, where="--end") if end else None,
        place=place,
        address=address,
        first_case=first_case,
        breaks=[] if no_breaks else (breaks or None),
        same_day=same_day,
    )
    edited = edit_meeting(root_of(root), meeting, edit)
    for old, new in edited.renumbered:
        say(_("Meeting {old} is now meeting {new} (meetings follow their dates).").format(old=old, new=new))
    m = edited.meeting
    say(
        _("Meeting {label}: {date} {time}, {place}; cases {first}-{last}.").format(
            label=edited.label,
            date=shown_full_date(m.date),
            time=shown_time_span(m.start, m.end),
            place=m.place,
            first=m.first_case,
            last=m.last_case,
        )
    )


def remove_meeting_cli(meeting: MeetingArg, root: RootOption = None) -> None:
    """Remove a planned meeting: its folder goes to utgått/, the year's later meetings move up one number."""
    from ho21cli.actions.remove_meeting import remove_meeting

    removed = remove_meeting(root_of(root), meeting)
    say(
        _("Meeting {label} removed: its folder is now {folder} (nothing was deleted).").format(
            label=removed.label, folder=removed.moved_to
        )
    )
    for old, new in removed.renumbered:
        say(_("Meeting {old} is now meeting {new} (meetings follow their dates).").format(old=old, new=new))
    for label, old, new in removed.retitled:
        say(_("Meeting {label}: «{old}» is now «{new}».").format(label=label, old=old, new=new))


def add_case_cli(
    meeting: MeetingArg,
    title: Annotated[str, typer.Option("--title", help="The case title, as on the saksliste.")],
    saksbehandler: Annotated[
        list[str] | None, typer.Option("--saksbehandler", help="Case officer (repeat for several).")
    ] = None,
    vedlegg: Annotated[
        list[str] | None,
        typer.Option("--vedlegg", help="Attachment FILE (.docx or .pdf), or FILE=TITLE; repeat in order."),
    ] = None,
    forslag: Annotated[str | None, typer.Option(help="Forslag til vedtak (proposed decision).")] = None,
    kind: Annotated[CaseKind, typer.Option(help="Case kind; sets the default forslag.")] = CaseKind.VEDTAK,
    body: Annotated[
        Path | None,
        typer.Option(
            help="The saksfremlegg text: Markdown (## Bakgrunn, ...) or a Word document (.docx, e.g. from case-doc)."
        ),
    ] = None,
    before: Annotated[str | None, typer.Option(help="Put it before this case (REF).")] = None,
    after: Annotated[str | None, typer.Option(help="Put it after this case (REF).")] = None,
    inhabil: Annotated[
        list[str] | None, typer.Option("--inhabil", help="A member disqualified for this case (repeat for several).")
    ] = None,
    ettersendes: Annotated[bool, typer.Option(help="The saksfremlegg will be sent later.")] = False,
    renumber: Annotated[
        bool, typer.Option(help="After sending: insert among the others and renumber (default: ettersendt sak last).")
    ] = False,
    minutes: Annotated[
        int | None, typer.Option(min=1, help="Minutes in the time plan (the saksliste then shows clock times).")
    ] = None,
    unntatt: UnntattOption = None,
    offentlig_tittel: OffentligTittelOption = None,
    root: RootOption = None,
) -> None:
    """Add a case; by default just before the closing standard cases."""
    from ho21cli.actions.cases import CaseOptions, add_case

    result = add_case(
        root_of(root),
        meeting,
        CaseOptions(
            title=title,
            saksbehandlere=saksbehandler or [],
            vedlegg=vedlegg or [],
            forslag=forslag,
            kind=kind,
            body=body,
            before=before,
            after=after,
            inhabil=inhabil or [],
            ettersendes=ettersendes,
            renumber=renumber,
            minutes=minutes,
            unntatt=unntatt,
            offentlig_tittel=offentlig_tittel,
        ),
    )
    say(f"{result.number}  {result.title}  (id: {result.id})")
    if result.note:
        say(result.note)


def move_case_cli(
    meeting: MeetingArg,
    case: CaseRefArg,
    before: Annotated[str | None, typer.Option(help="Move it before this case (REF).")] = None,
    after: Annotated[str | None, typer.Option(help="Move it after this case (REF).")] = None,
    renumber: Annotated[bool, typer.Option(help="Allow it after the innkalling was sent.")] = False,
    root: RootOption = None,
) -> None:
    """Move a case; every case in between is renumbered."""
    from ho21cli.actions.cases import move_case

    result = move_case(root_of(root), meeting, case, before=before, after=after, renumber=renumber)
    say(f"{result.number}  {result.title}")


def remove_case_cli(
    meeting: MeetingArg,
    case: CaseRefArg,
    renumber: Annotated[bool, typer.Option(help="Allow it after the innkalling was sent.")] = False,
    root: RootOption = None,
) -> None:
    """Remove a case; later cases are renumbered. Its body and vedlegg files are kept."""
    from ho21cli.actions.cases import remove_case

    result = remove_case(root_of(root), meeting, case, renumber=renumber)
    say(_("Removed {number}  {title}").format(number=result.number, title=result.title))


def list_cases_cli(meeting: MeetingArg, root: RootOption = None) -> None:
    """Show the saksliste with numbers and ids."""
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.actions.cases import list_cases
    from ho21cli.cli.common import console

    ctx, rows = list_cases(root_of(root), meeting)
    table = Table(title=escape(_("{council}, meeting {label}").format(council=ctx.profile.name, label=ctx.label)))
    table.add_column(_("Case"), no_wrap=True)
    table.add_column(_("Title"), overflow="fold")  # a long word is wrapped, never cut short by a wide note
    table.add_column(_("Id"), style="dim", overflow="fold")
    notes = [_case_note(row) for row in rows]
    if any(notes):  # only then: the column would be empty, and narrow the titles at 80 columns
        table.add_column(_("Note"))
    for row, note in zip(rows, notes, strict=True):
        table.add_row(escape(row.number), escape(row.title), escape(row.id), *([escape(note)] if any(notes) else []))
    console().print(table)


def _case_note(row: CaseResult) -> str:
    """What list-cases says of a case beside its title: added after the innkalling went out, its
    saksfremlegg to be sent later, exempt from public access."""
    notes = [_("added after the innkalling was sent (ettersendt sak)")] if row.ettersendt else []
    notes += [_("sent later")] if row.ettersendes else []
    if row.unntatt is not None:
        basis = row.unntatt.strip()
        notes.append(_("exempt: {basis}").format(basis=basis) if basis else _("exempt, no legal basis"))
    return "; ".join(notes)


def edit_case_cli(
    meeting: MeetingArg,
    case: CaseRefArg,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    saksbehandler: Annotated[
        list[str] | None, typer.Option("--saksbehandler", help="Replace the case officers (repeat for several).")
    ] = None,
    vedlegg: Annotated[
        list[str] | None, typer.Option("--vedlegg", help="Add an attachment FILE or FILE=TITLE (repeat in order).")
    ] = None,
    clear_vedlegg: Annotated[bool, typer.Option(help="Remove the case's vedlegg (files are kept).")] = False,
    forslag: Annotated[str | None, typer.Option(help="New forslag til vedtak ('' to use the default).")] = None,
    kind: Annotated[CaseKind | None, typer.Option(help="New case kind.")] = None,
    body: Annotated[
        Path | None, typer.Option(help="Replace the saksfremlegg text with this file: Markdown (.md) or Word (.docx).")
    ] = None,
    inhabil: Annotated[
        list[str] | None, typer.Option("--inhabil", help="Replace the disqualified members (repeat for several).")
    ] = None,
    ettersendes: Annotated[
        bool | None, typer.Option("--ettersendes/--no-ettersendes", help="Mark the saksfremlegg as sent later.")
    ] = None,
    minutes: Annotated[int | None, typer.Option(min=0, help="Minutes in the time plan (0: none of its own).")] = None,
    unntatt: UnntattOption = None,
    offentlig_tittel: Annotated[
        str | None,
        typer.Option(
            "--offentlig-tittel",
            help="The title the public sees of the exempt case ('' for «Unntatt offentlighet»).",
        ),
    ] = None,
    ikke_unntatt: Annotated[
        bool,
        typer.Option(
            "--ikke-unntatt", help="No longer exempt from public access: clears the legal basis and public title."
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Change a case: title, text, forslag, officers, vedlegg, habilitet, public access."""
    from ho21cli.actions.cases import CaseEdit, edit_case

    result = edit_case(
        root_of(root),
        meeting,
        case,
        CaseEdit(
            title=title,
            saksbehandlere=saksbehandler,
            add_vedlegg=vedlegg or [],
            clear_vedlegg=clear_vedlegg,
            forslag=forslag,
            kind=kind,
            body=body,
            inhabil=inhabil,
            ettersendes=ettersendes,
            minutes=minutes,
            unntatt=unntatt,
            offentlig_tittel=offentlig_tittel,
            ikke_unntatt=ikke_unntatt,
        ),
    )
    say(f"{result.number}  {result.title}  (id: {result.id})")
    if result.note:
        say(_("Note: {note}.").format(note=result.note))


def case_doc_cli(
    meeting: MeetingArg,
    case: CaseRefArg,
    out: Annotated[
        Path | None,
        typer.Option(help="The file (or a folder for it). Default: saksfremlegg-MEETING-ID.docx here.", metavar="FILE"),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the file if it exists.")] = False,
    root: RootOption = None,
) -> None:
    """Write a saksfremlegg .docx for the case officer: the header from the manifest, the council's
    sections with a line of guidance each. It comes back with `ho21 edit-case MEETING REF --body FILE.docx`."""
    from ho21cli.actions.case_doc import write_case_doc

    written = write_case_doc(root_of(root), meeting, case, out=out, force=force)
    say(_("{number}  {title}: saksfremlegg for the case officer").format(number=written.number, title=written.title))
    print(written.path)


def postpone_case_cli(
    meeting: MeetingArg,
    case: CaseRefArg,
    to: Annotated[
        str | None, typer.Option("--to", help="The meeting it goes to (default: the next one).", metavar="MEETING")
    ] = None,
    root: RootOption = None,
) -> None:
    """Postpone a case to a later meeting, with its text, vedlegg and inhabil members."""
    from ho21cli.actions.postpone import postpone_case

    done = postpone_case(root_of(root), meeting, case, to=to)
    if done.kept_in_source:
        say(
            _("{number} stays on the saksliste of meeting {label} (sent); its referat says so.").format(
                number=done.number_before, label=done.source_label
            )
        )
    else:
        say(
            _("Removed {number} from meeting {label}; later cases there are renumbered.").format(
                number=done.number_before, label=done.source_label
            )
        )
    say(
        _("{number}  {title}  (postponed from meeting {label})").format(
            number=done.number_after, title=done.title, label=done.source_label
        )
    )


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "new-meeting": new_meeting_cli,
    "edit-meeting": edit_meeting_cli,
    "remove-meeting": remove_meeting_cli,
    "postpone-case": postpone_case_cli,
    "add-case": add_case_cli,
    "move-case": move_case_cli,
    "remove-case": remove_case_cli,
    "list-cases": list_cases_cli,
    "edit-case": edit_case_cli,
    "case-doc": case_doc_cli,
}
