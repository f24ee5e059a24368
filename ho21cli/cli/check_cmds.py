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


# Below this many columns the four columns are too narrow to read (a path folded into
# a column a dozen characters wide): each problem is a block of lines instead.
NARROW_BELOW = 100


def print_problems(title: str, problems: list[Any]) -> None:
    """The problems as a table, or one block each on a narrow terminal."""
    out = console()
    if out.width >= NARROW_BELOW:
        out.print(problem_table(title, problems))
        return
    out.print(problem_blocks(title, problems, width=out.width))


def _severity(problem: Any) -> tuple[str, str]:
    """The style and the word; the severity's value (feil, advarsel) is data, the reader gets
    a word in the run's language."""
    from ho21cli.core.validation import Severity

    return ("bold red", _("error")) if problem.severity is Severity.ERROR else ("yellow", _("warning"))


def _fix(problem: Any) -> str:
    from ho21cli.cli.hints import command_for

    return " ".join(part for part in (problem.fix, command_for(problem.hint)) if part)


def problem_blocks(title: str, problems: list[Any], *, width: int) -> str:
    """Severity and place on one line, then the problem, then what to do, indented; lines are
    wrapped at spaces only, so a path (which has none) is never cut: one longer than the line
    stands whole on its own line, and the terminal wraps it."""
    import textwrap

    from rich.markup import escape

    def wrapped(text: str, indent: str = "") -> list[str]:
        lines = textwrap.wrap(
            text,
            width=max(width - 1, 20),
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        return [escape(line) for line in lines]

    out = [escape(title)]
    for p in problems:
        style, severity = _severity(p)
        head = wrapped(f"{severity}  {p.place}")
        head[0] = f"[{style}]{escape(severity)}[/{style}]" + head[0][len(escape(severity)) :]
        out += ["", *head, *wrapped(p.what, "  ")]
        fix = _fix(p)
        if fix:
            out += wrapped(_("What to do") + ": " + fix, "  ")
    return "\n".join([*out, ""])


def problem_table(title: str, problems: list[Any]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title), show_lines=True)
    table.add_column(_("Severity"), no_wrap=True)
    # fold, not rich's default ellipsis: a long path is wrapped in full, never cut at 80 columns
    table.add_column(_("Where"), overflow="fold")
    table.add_column(_("Problem"), overflow="fold")
    table.add_column(_("What to do"), overflow="fold")
    for p in problems:
        style, severity = _severity(p)
        table.add_row(f"[{style}]{escape(severity)}[/{style}]", escape(p.place), escape(p.what), escape(_fix(p)))
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
    print_problems(_("Check of meeting {label}").format(label=inputs.label), problems)
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
        print_problems(_("Not sent: fix the errors first"), errors)
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
