"""follow-up: the oppfølgingsliste of a year, a task's status, and the list as a Word document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ho21cli.cli.common import RootOption, console, root_of, say
from ho21cli.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from ho21cli.core.followup import FollowUpList

STATUSES = ("done", "postponed", "open")  # the words of `ho21 follow-up done REF`
YEARS = range(1900, 3000)

WordsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="[YEAR] to show the list; done REF, postponed REF or open REF (optionally after YEAR) to mark a task.",
        metavar="[YEAR] [done|postponed|open REF]",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option(
        "--note",
        help="With done, postponed or open: a note on the task (replaces the old one; without --note the old "
        "one is kept, --note '' clears it).",
    ),
]
DocxOption = Annotated[
    Path | None,
    typer.Option(
        "--docx", help="Write the list as a Word document (a vedlegg for the next innkalling).", metavar="FILE"
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="With --docx: replace the file if it exists.")]


def follow_up_cli(
    context: typer.Context,
    words: WordsArg = None,
    note: NoteOption = None,
    docx: DocxOption = None,
    force: ForceOption = False,
    root: RootOption = None,
) -> None:
    """The oppfølgingsliste: every approved vedtak that gives someone a task, with who,
    the deadline and the status (open, done, postponed). Only meetings whose referat
    is approved contribute.

    \b
    ho21 follow-up [YEAR]                       show the list (default: the newest year)
    ho21 follow-up done REF [--note TEXT]       mark the task of case REF as done
    ho21 follow-up postponed REF [--note TEXT]  ... as postponed
    ho21 follow-up open REF [--note TEXT]       ... as open again
    ho21 follow-up [YEAR] --docx FILE [--force] write the list as a Word document

    REF is a case number of the year as the council writes it (13/2/2026, "Sak
    13/2/2026"), or the running number (13) of YEAR (default: the newest year).
    """
    from datetime import date as Date

    year, status, ref = parse_words(context, words or [])
    if status is not None:
        if docx is not None or force:
            context.fail(_("--docx and --force go with the list, not with done, postponed or open."))
        mark(root_of(root), ref or "", year=year, status=status, note=note, today=Date.today())
        return
    if note is not None:
        context.fail(_("--note goes with done, postponed or open: `ho21 follow-up done REF --note TEXT`."))
    if force and docx is None:
        context.fail(_("--force goes with --docx FILE."))
    if docx is not None:
        from ho21cli.actions.followup import write_followup_docx

        view = write_followup_docx(root_of(root), year, docx, force=force, today=Date.today())
        say(
            _("Wrote the oppfølgingsliste {year} ({count} vedtak) to {path}").format(
                year=view.followups.year, count=len(view.followups.items), path=docx
            )
        )
        return
    from ho21cli.actions.followup import followup_view

    view = followup_view(root_of(root), year, today=Date.today())
    show(view.followups)


def parse_words(context: typer.Context, words: list[str]) -> tuple[int | None, str | None, str | None]:
    """``[YEAR] [done|postponed|open REF]`` -> (year, status, ref); a usage error otherwise."""
    rest = list(words)
    year = None
    if rest and rest[0].isascii() and rest[0].isdigit() and len(rest[0]) == 4:
        year = int(rest.pop(0))
        if year not in YEARS:
            context.fail(_("{year} is not a year ho21 knows (1900-2999).").format(year=year))
    if not rest:
        return year, None, None
    word = rest[0].casefold()
    if word not in STATUSES:
        context.fail(
            _("«{word}» is neither a year nor one of {statuses}.").format(word=rest[0], statuses=", ".join(STATUSES))
        )
    if len(rest) != 2:
        context.fail(_("give one case after {word}: `ho21 follow-up {word} REF`, e.g. 13/2/2026.").format(word=word))
    return year, word, rest[1]


def mark(root: Path, ref: str, *, year: int | None, status: str, note: str | None, today: date) -> None:
    from ho21cli.actions.followup import mark_followup
    from ho21cli.core.followup import shown_status_label
    from ho21cli.core.model import FollowUpStatus

    item = mark_followup(root, ref, year=year, status=FollowUpStatus(status), note=note, today=today)
    fields = {"number": item.number, "title": item.title, "status": shown_status_label(item.status)}
    if item.followup.note:
        say(_("{number} «{title}»: the task is now {status} ({note}).").format(**fields, note=item.followup.note))
    else:
        say(_("{number} «{title}»: the task is now {status}.").format(**fields))


def show(followups: FollowUpList) -> None:
    out = console()
    if followups.items:
        out.print(followup_table(followups))
    else:
        say(_("No approved vedtak of {year} gives anyone a task.").format(year=followups.year))
    if followups.covered:
        say(_("From the approved referat of meeting {meetings}.").format(meetings=", ".join(followups.covered)))
    missing = [_("{meeting} (referat not approved yet)").format(meeting=label) for label in followups.not_approved]
    missing += [_("{meeting} (not held yet)").format(meeting=label) for label in followups.not_held]
    if missing:
        say(_("Not on the list: meeting {meetings}.").format(meetings=", ".join(missing)))


def followup_table(followups: FollowUpList) -> Any:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.core.followup import shown_status_text

    title = _("Oppfølgingsliste {year}").format(year=followups.year)
    table = Table(title=escape(title), box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column(_("Case"), min_width=16, overflow="fold")
    table.add_column(_("Vedtak"), overflow="fold", min_width=20)
    table.add_column(_("Responsible"), overflow="fold")
    table.add_column(_("Deadline"), overflow="fold")
    table.add_column(_("Status"), overflow="fold")
    for item in followups.items:
        table.add_row(
            escape(f"{item.number}\n{item.title}"),
            escape(item.vedtak),
            escape("\n".join(item.task.who) or _("not given")),
            escape(item.task.due.shown_text if item.task.due else "–"),
            escape(shown_status_text(item.followup)),
        )
    return table


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "follow-up": follow_up_cli,
}
