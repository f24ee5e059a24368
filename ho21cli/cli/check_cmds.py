"""check and send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ho21cli.cli.common import MeetingArg, RootOption, console, root_of, say
from ho21cli.errors import ExitCode

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Judge dates as of this day, YYYY-MM-DD (default: today).")
]


def problem_table(title: str, problems: list[Any]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.cli.hints import command_for

    table = Table(title=escape(title), show_lines=True)
    table.add_column("Alvor", no_wrap=True)
    # fold, not rich's default ellipsis: a long path is wrapped in full, never cut at 80 columns
    table.add_column("Hvor", overflow="fold")
    table.add_column("Problem", overflow="fold")
    table.add_column("Hva gjøres", overflow="fold")
    for p in problems:
        style = "bold red" if p.severity.value == "feil" else "yellow"
        fix = " ".join(part for part in (p.fix, command_for(p.hint)) if part)
        table.add_row(f"[{style}]{p.severity.value}[/{style}]", escape(p.place), escape(p.what), escape(fix))
    return table


def _as_of(value: str | None) -> Any:
    from ho21cli.core.dates import parse_date

    return parse_date(value, where="--as-of") if value else None


def check_cli(meeting: MeetingArg, as_of: AsOfOption = None, root: RootOption = None) -> None:
    """List every problem to fix before the innkalling is sent; exit code 1 when there are errors."""
    from ho21cli.actions.check import run_check
    from ho21cli.core.validation import has_errors

    inputs, problems = run_check(root_of(root), meeting, today=_as_of(as_of))
    label = f"møte {inputs.label}"
    if not problems:
        say(f"No problems found in {label}.")
        return
    console().print(problem_table(f"Kontroll av {label}", problems))
    errors = sum(p.severity.value == "feil" for p in problems)
    say(f"{errors} error(s), {len(problems) - errors} warning(s).")
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
    from ho21cli.core.dates import long_date, parse_date

    on = parse_date(date, where="--date") if date else Date.today()
    result = send(root_of(root), meeting, on=on, force=force)
    if result.sent is None:
        errors = [p for p in result.problems if p.severity.value == "feil"]
        console().print(problem_table("Ikke sendt: rett feilene først", errors))
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
    say(
        f"Meeting {result.inputs.label}: innkalling sent {long_date(on)}. "
        "Case numbers are now frozen; a case added now becomes an ettersendt sak."
    )


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "check": check_cli,
    "send": send_cli,
}
