"""Options shared by the commands, and printing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        envvar="HO21_ROOT",
        help=(
            "The archive folder (holds profil.toml and one folder per meeting). Default: the archive the"
            " current folder is in, found upward as git does; else the current folder."
        ),
        show_default=False,
    ),
]
MeetingArg = Annotated[
    str, typer.Argument(help="The meeting, as YEAR-NUMBER (2026-1) or NUMBER/YEAR (1/2026).", metavar="MEETING")
]
CaseRefArg = Annotated[
    str, typer.Argument(help="A case: its running number (17), full number (17/2/2026) or id.", metavar="REF")
]


# What a value is, in words, for `--help`: Typer's own would be `<str>` or `<list[str]>`.
METAVARS = {
    "--date": "DATE",
    "--as-of": "DATE",
    "--frist": "DATE",
    "--from": "DATE",
    "--to": "DATE",
    "--start": "HH:MM",
    "--end": "HH:MM",
    "--body": "FILE",
    "--vedlegg": "FILE[=TITLE]",
    "--root": "FOLDER",
    "--out": "PATH",
    "--before": "REF",
    "--after": "REF",
    "--by": "MEETING",
    "--minutes": "MINUTES",
    **dict.fromkeys(
        ("--saksbehandler", "--inhabil", "--present", "--absent", "--online", "--observer", "--guest"), "NAME"
    ),
}
METAVAR_BY_TYPE = {"Path": "PATH", "int": "NUMBER", "str": "TEXT"}


class Ho21Command(typer.core.TyperCommand):
    """A command whose `--help` names each value in words (DATE, FILE, NAME, TEXT)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            name_the_value(param)


def name_the_value(param: Any) -> None:
    """An option without a metavar of its own gets a word; a choice keeps its list of values."""
    if isinstance(param, typer.core.TyperArgument):
        param.__class__ = _ArgumentNamedOnce
        return
    kind = param.bare_type().removeprefix("list[").removesuffix("]")
    if param.metavar is not None or kind not in METAVAR_BY_TYPE or param.type_descriptor.is_choice:
        return  # flags (bool) and choices (vedtak|diskusjon|orientering) say it themselves
    named = next((METAVARS[opt] for opt in param.opts if opt in METAVARS), None)
    param.metavar = named or METAVAR_BY_TYPE[kind]


class _ArgumentNamedOnce(typer.core.TyperArgument):
    """An argument's metavar already says what it is (MEETING, REF): no `<str>` after it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def root_of(root: Path | None) -> Path:
    """The archive a command works on: the one named, else the one the current folder is in."""
    from ho21cli.storage.archive import archive_root

    return root.expanduser() if root is not None else archive_root(Path.cwd())


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """Plain text that may hold user input (rich is imported only for tables and errors)."""
    print(message)
