"""Options shared by the commands, and printing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

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


def root_of(root: Path | None) -> Path:
    """The archive a command works on: the one named, else the one the current folder is in."""
    from ho21cli.storage.archive import archive_root, finish_interrupted

    found = root.expanduser() if root is not None else archive_root(Path.cwd())
    finish_interrupted(found)  # every command, of any kind, first finishes what a crash left half done
    return found


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """Plain text that may hold user input (rich is imported only for tables and errors)."""
    print(message)
