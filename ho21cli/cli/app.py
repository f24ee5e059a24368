"""The Typer application and the one place where errors become messages."""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer

from ho21cli.cli import build_cmds, check_cmds, followup_cmds, meeting_cmds, publish_cmds, referat_cmds, year_cmds
from ho21cli.cli.commands import Ho21Command, Ho21Group, usage_error_lines
from ho21cli.cli.roster_cmds import roster_app
from ho21cli.cli.templates_cmds import templates_app
from ho21cli.errors import ExitCode, Ho21Error
from ho21cli.i18n import _

EPILOG = (
    "Exit codes: 0 ok; 1 the meeting has errors, as `ho21 check` lists them (check, build, send, "
    "draft-referat; referat-pdf and referat-approved: errors in the referat); 2 wrong options; "
    "3 bad input (manifest, profile, a file or option given); 4 refused to overwrite "
    "or change without being told to; 5 machine problem (disk full, lock held, program missing). "
    "Add --debug to any command to see the traceback behind an error."
)

COMMANDS = {
    **meeting_cmds.COMMANDS,
    **build_cmds.COMMANDS,
    **referat_cmds.COMMANDS,
    **check_cmds.COMMANDS,
    **year_cmds.COMMANDS,
    **followup_cmds.COMMANDS,
    **publish_cmds.COMMANDS,
}
GROUPS = {"roster": roster_app, "templates": templates_app}  # commands with subcommands (`ho21 roster add`)


def _show_version(value: bool) -> None:
    if value:
        print(f"ho21 {installed_version()}")
        raise typer.Exit()


def make_app(only: str | None = None) -> typer.Typer:
    """The application; with ``only``, just that command: Typer prepares every
    registered command's options at each start, so one is quicker than thirteen."""
    app = typer.Typer(
        name="ho21",
        help="Prepare and record council meetings: numbered cases, innkalling and referat from one manifest.",
        epilog=EPILOG,
        no_args_is_help=True,
        cls=Ho21Group,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_group)  # keeps `ho21 COMMAND` a group even with one command
    for name, command in COMMANDS.items():
        if only is None or name == only:
            app.command(name, cls=Ho21Command)(command)
    for name, group in GROUPS.items():
        if only is None or name == only:
            app.add_typer(group, name=name)
    return app


def _group(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show ho21's version and exit.", is_eager=True, callback=_show_version, show_default=False
        ),
    ] = False,
) -> None:
    """Prepare and record council meetings."""


def installed_version() -> str:
    """The version pip installed (the package metadata), else the source's own."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ho21")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from ho21cli import __version__

        return __version__


app = make_app()


INTERRUPTED = _("Interrupted; every file is as it was before the last write, or fully written.")


def _print_error(error: Ho21Error) -> None:
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    where = f"[bold]{escape(error.where)}[/bold]: " if error.where else ""
    label = escape(_("Error:"))
    err.print(f"[red]{label}[/red] {where}{escape(error.what)}")
    for line in getattr(error, "details", []):
        err.print(f"  - {escape(line)}")
    if error.fix:
        err.print(f"  {escape(error.fix)}")


def tolerate_plain_terminals() -> None:
    """A terminal or log that cannot show æøå gets «?» instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    finally:
        _say_finished_renumberings()


def _say_finished_renumberings() -> None:
    """A renumbering an earlier command left half done (killed, a power cut) was finished first: said."""
    renumber = sys.modules.get("ho21cli.storage.renumber")  # not imported: nothing was renumbered
    if renumber is None:
        return
    for change in renumber.FINISHED:
        moves = ", ".join(f"{m.old.key} → {m.new.key}" for m in change.moves) or "–"
        print(
            _("Note: an interrupted renumbering of meetings was finished first ({moves}).").format(moves=moves),
            file=sys.stderr,
        )
    renumber.FINISHED.clear()


def _main(argv: list[str] | None = None) -> int:
    tolerate_plain_terminals()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    args = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--debug"]
    try:
        command = next((a for a in args if not a.startswith("-")), None)
        target = make_app(command) if command in COMMANDS or command in GROUPS else app
        code = target(args=args, prog_name="ho21", standalone_mode=False)  # click returns typer.Exit's code
    except Ho21Error as error:
        if debug:
            raise
        _print_error(error)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except typer.Exit as exc:
        if exc.exit_code == ExitCode.INTERRUPTED:  # Typer's own answer to Ctrl-C
            print(INTERRUPTED, file=sys.stderr)
        return int(exc.exit_code)
    except typer.Abort:
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:
        # Usage errors: Typer vendors click (typer._click) in new versions, so test the
        # shape of click's exception instead of importing it.
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            print("\n".join(usage_error_lines(exc)), file=sys.stderr)
            return exit_code
        raise
    if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into an exit code of its own
        print(INTERRUPTED, file=sys.stderr)
    return code if isinstance(code, int) else 0


def run() -> None:
    code = main()
    # What the command made is freed with the process. Python's last cycle collection would
    # first walk every object left (a third of a second after a 200-case build), to find
    # cycles whose memory the operating system takes back anyway.
    gc.disable()
    gc.freeze()
    sys.exit(code)
