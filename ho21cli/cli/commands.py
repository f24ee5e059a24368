"""Typer's commands in the run's language: help, metavars, usage lines and usage errors.

Command help is written as docstrings and option help as ``help="…"`` in English; the
command classes here translate them when Typer builds a command, so a module that
defines commands needs no ``_()`` around them (``tools/i18n.py`` reads the same texts
from the built application into the catalog). Typer's own words go through ho21's
catalog too: its section titles and notes use ``typer.core._``, and the usage line,
the help option and the usage errors of the click it vendors are written here.
"""

from __future__ import annotations

import re
from typing import Any

import typer
import typer.core

from ho21cli.cli.values import plain_values
from ho21cli.i18n import N_, _

# What a value is, in words, for `--help`: Typer's own would be `<str>` or `<list[str]>`.
METAVARS = {
    "--date": N_("DATE"),
    "--as-of": N_("DATE"),
    "--frist": N_("DATE"),
    "--from": N_("DATE"),
    "--to": N_("DATE"),
    "--start": N_("HH:MM"),
    "--end": N_("HH:MM"),
    "--body": N_("FILE"),
    "--vedlegg": N_("FILE[=TITLE]"),
    "--root": N_("FOLDER"),
    "--out": N_("PATH"),
    "--before": N_("REF"),
    "--after": N_("REF"),
    "--by": N_("MEETING"),
    "--minutes": N_("MINUTES"),
    **dict.fromkeys(
        ("--saksbehandler", "--inhabil", "--present", "--absent", "--online", "--observer", "--guest"), N_("NAME")
    ),
}
METAVAR_BY_TYPE = {"Path": N_("PATH"), "int": N_("NUMBER"), "str": N_("TEXT")}

# Typer's own texts (typer.core looks its `_` up when it formats help and errors).
TYPER_TEXTS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
typer.core._ = _  # type: ignore[attr-defined]


class _Speaking:
    """What a command and a group share: help, usage line and help option in the run's language.

    The English originals stay on the object (``msgid_help``) for ``tools/i18n.py``.
    """

    help: str | None
    short_help: str | None
    epilog: str | None
    params: list[Any]
    options_metavar: str | None

    def speak(self) -> None:
        self.msgid_help, self.msgid_epilog = self.help, self.epilog
        self.help = _(self.help) if self.help else self.help
        self.short_help = _(self.short_help) if self.short_help else self.short_help
        self.epilog = _(self.epilog) if self.epilog else self.epilog
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = _("[OPTIONS]")
        for param in self.params:
            name_the_value(param)
            plain_values(param)  # no pydantic model per parameter (values.py)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
            plain_values(option)
        return option


class Ho21Command(_Speaking, typer.core.TyperCommand):
    """A command whose `--help` is in the run's language and names each value in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.speak()


class Ho21Group(_Speaking, typer.core.TyperGroup):
    """A group (`ho21`, `ho21 roster`) in the run's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = _("COMMAND [ARGS]...")
        self.speak()


def name_the_value(param: Any) -> None:
    """Help in the run's language; an option without a metavar of its own gets a word, a
    choice keeps its list of values (the words a user types)."""
    param.msgid_help = param.help
    if param.help:
        param.help = _(param.help)
    if isinstance(param, typer.core.TyperArgument):
        param.__class__ = _ArgumentNamedOnce
        param.msgid_metavar = param.metavar  # type: ignore[attr-defined]
        param.metavar = _(param.metavar) if param.metavar else param.metavar
        return
    if param.metavar is not None:  # its own word (FILE, REF=MIN), translated like the others
        param.msgid_metavar = param.metavar
        param.metavar = _(param.metavar)
        return
    kind = param.bare_type().removeprefix("list[").removesuffix("]")
    if kind not in METAVAR_BY_TYPE or param.type_descriptor.is_choice:
        return  # flags (bool) and choices (vedtak|diskusjon|orientering) say it themselves
    named = next((METAVARS[opt] for opt in param.opts if opt in METAVARS), None)
    param.msgid_metavar = named or METAVAR_BY_TYPE[kind]
    param.metavar = _(param.msgid_metavar)


class _ArgumentNamedOnce(typer.core.TyperArgument):
    """An argument's metavar already says what it is (MEETING, REF): no `<str>` after it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def usage_error_lines(error: Any) -> list[str]:
    """What click would print for a usage error, in the run's language: usage, hint, message."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        return [ctx.get_help()]  # `ho21` or `ho21 templates` alone: the help is the answer, not an error
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        help_names = ctx.help_option_names or ["--help"]
        hint = _("Try '{command} {option}' for help.").format(command=ctx.command_path, option=help_names[0])
        lines += [hint, ""]
    lines.append(_("Error: {message}").format(message=usage_error_message(error)))
    return lines


# click's words for extra arguments: "argument(s)" in the click Typer vendors, "argument"
# or "arguments" in click itself.
EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", re.S)


def usage_error_message(error: Any) -> str:
    """The message of one of click's usage errors, rebuilt from its fields (click's are English only)."""
    kind = type(error).__name__
    param = getattr(error, "param", None)
    name = param.get_error_hint() if param is not None else ""
    if kind == "NoSuchOption":
        message = _("No such option: {option}").format(option=error.option_name)
        possible = list(error.possibilities or [])
        if len(possible) == 1:
            message += " " + _("Did you mean {option}?").format(option=possible[0])
        elif possible:
            message += " " + _("(Possible options: {options})").format(options=", ".join(sorted(possible)))
        return message
    if kind == "MissingParameter" and param is not None:
        if param.param_type_name == "argument":
            return _("Missing argument {name}.").format(name=name)
        return _("Missing option {name}.").format(name=name)
    if kind == "BadParameter" and param is not None:
        return _("Invalid value for {name}: {expected}").format(name=name, expected=_expected(param, error))
    if kind == "BadOptionUsage":
        option = repr(getattr(error, "option_name", ""))
        if "does not take a value" in error.message:
            return _("Option {option} does not take a value.").format(option=option)
        if "requires" in error.message:
            return _("Option {option} needs a value.").format(option=option)
    extra = EXTRA_ARGUMENTS.fullmatch(error.message)
    if extra:
        return _("Got unexpected extra argument(s) ({arguments})").format(arguments=extra.group(1))
    return str(error.format_message())


def _expected(param: Any, error: Any) -> str:
    """What the value should have been, from the parameter (the pydantic text is English only)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice:
        choices = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
        given = re.search(r"""('[^']*'|"[^"]*") is not one of""", str(error.message))
        if given:
            return _("{value} is not one of {choices}.").format(value=given.group(1), choices=choices)
        return _("choose one of {choices}.").format(choices=choices)
    if param.bare_type().removeprefix("list[").removesuffix("]") == "int":
        if getattr(param, "min", None) is not None:
            return _("give a whole number, {min} or more.").format(min=param.min)
        return _("give a whole number.")
    return str(error.message)
