"""check and send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ho21cli.cli.common import MeetingArg, RootOption, console, root_of, say
from ho21cli.errors import ExitCode
from ho21cli.i18n import _, ngettext

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Judge dates as of this day, YYYY-MM-DD (default: today).")
]


def problem_table(title: str, problems: list[Any]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.cli.hints import command_for
    from ho21cli.core.validation import Severity

    table = Table(title=escape(title), show_lines=True)
    table.add_column(_("Severity"), no_wrap=True)
    # fold, not rich's default ellipsis: a long path is wrapped in full, never cut at 80 columns
    table.add_column(_("Where"), overflow="fold")
    table.add_column(_("Problem"), overflow="fold")
    table.add_column(_("What to do"), overflow="fold")
    for p in problems:
        # the severity's value (feil, advarsel) is data; the reader gets a word in the run's language
        error = p.severity is Severity.ERROR
        style, severity = ("bold red", _("error")) if error else ("yellow", _("warning"))
        fix = " ".join(part for part in (p.fix, command_for(p.hint)) if part)
        table.add_row(f"[{style}]{escape(severity)}[/{style}]", escape(p.place), escape(p.what), escape(fix))
    return table


def _as_of(value: str | None) -> Any:
    from ho21cli.core.dates import parse_date

    return parse_date(value, where="--as-of") if value else None


def check_cli(meeting: MeetingArg, as_of: AsOfOption = None, root: RootOption = None) -> None:
    """List every problem to fix before the innkalling is sent; exit code 1 when there are errors."""
    from ho21cli.actions.gates import run_check
    from ho21cli.core.validation import Severity, has_errors

    inputs, problems = run_check(root_of(root), meeting, today=_as_of(as_of))
    if not problems:
        say(_("No problems found in meeting {label}.").format(label=inputs.label))
        return
    console().print(problem_table(_("Check of meeting {label}").format(label=inputs.label), problems))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    counted = ngettext("{n} error", "{n} errors", errors).format(n=errors)
    counted_warnings = ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)
    say(_("{errors}, {warnings}.").format(errors=counted, warnings=counted_warnings))
    if has_errors(problems):
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


def send_cli(
    meeting: MeetingArg,
    date: Annotated[
        str | None, typer.Option("--date", help="The day it was sent, YYYY-MM-DD (default: today).")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Record a new day although a sending was recorded already (it was sent again).")
    ] = False,
    root: RootOption = None,
) -> None:
    """Record that the innkalling was sent. Its case numbers are then frozen."""
    from datetime import date as Date

    from ho21cli.actions.check import send
    from ho21cli.core.dates import parse_date, shown_date
    from ho21cli.core.validation import Severity

    on = parse_date(date, where="--date") if date else Date.today()
    result = send(root_of(root), meeting, on=on, force=force)
    if result.sent is None:
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        console().print(problem_table(_("Not sent: fix the errors first"), errors))
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
    say(
        _(
            "Meeting {label}: innkalling sent {day}. "
            "Case numbers are now frozen; a case added now becomes an ettersendt sak."
        ).format(label=result.inputs.label, day=shown_date(on))
    )


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "check": check_cli,
    "send": send_cli,
}
