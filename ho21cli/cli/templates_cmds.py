"""templates export: the bundled templates to start a letterhead from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ho21cli.cli.commands import Ho21Command, Ho21Group
from ho21cli.cli.common import say
from ho21cli.i18n import _

templates_app = typer.Typer(
    name="templates",
    help="ho21's own Word templates, to put a council's letterhead on (README: «Own templates»).",
    cls=Ho21Group,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
)


@templates_app.command("export", cls=Ho21Command)
def templates_export_cli(
    folder: Annotated[Path, typer.Argument(help="The folder to write them into.", metavar="DIR", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace templates of the same name in DIR.")] = False,
) -> None:
    """Write innkalling.docx, saksfremlegg.docx and referat.docx into DIR."""
    from ho21cli.actions.templates import export_templates

    for path in export_templates(folder, force=force):
        say(str(path))
    say(_("Put the letterhead on them in Word, and name them in profil.toml under [templates]."))
