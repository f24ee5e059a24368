"""roster, roster add, roster end: the council's people over time."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ho21cli.cli.commands import Ho21Command, Ho21Group
from ho21cli.cli.common import RootOption, console, root_of, say
from ho21cli.i18n import _

if TYPE_CHECKING:
    import datetime

    from ho21cli.actions.roster import RosterEdit, RosterView


class RoleChoice(StrEnum):
    """The roles of ``ho21cli.core.model.Role``, spelt here so --help needs no core import."""

    MEMBER = "member"
    OBSERVER = "observer"
    SECRETARIAT = "secretariat"


roster_app = typer.Typer(
    name="roster",
    help="The roster in force on a day (members, observers, secretariat), and changes to it.",
    cls=Ho21Group,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

NameArg = Annotated[str, typer.Argument(help="The person's full name.", metavar="NAME", show_default=False)]


@roster_app.callback(invoke_without_command=True)
def roster_cli(
    context: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="Show the roster in force that day, YYYY-MM-DD (default: today).")
    ] = None,
    root: RootOption = None,
) -> None:
    """Show the roster in force on a day: role, name, organisation or title, from and to."""
    if context.invoked_subcommand is not None:
        return
    from ho21cli.actions.roster import show_roster

    view = show_roster(root_of(root), _day(date, "--date"))
    _print_roster(view)


@roster_app.command("add", cls=Ho21Command)
def roster_add_cli(
    name: NameArg,
    start: Annotated[str, typer.Option("--from", help="The first day of the appointment, YYYY-MM-DD.")],
    org: Annotated[str, typer.Option("--org", help="Organisation (needed for members and observers).")] = "",
    role: Annotated[RoleChoice, typer.Option("--role", help="member, observer or secretariat.")] = RoleChoice.MEMBER,
    title: Annotated[str, typer.Option("--title", help="Job title (the secretariat).")] = "",
    to: Annotated[str | None, typer.Option("--to", help="The last day, YYYY-MM-DD, if it is known.")] = None,
    root: RootOption = None,
) -> None:
    """Add an appointment to profil.toml (comments and layout are kept)."""
    from ho21cli.actions.roster import Addition, add_to_roster
    from ho21cli.core.model import Role
    from ho21cli.core.roster import ROLE_LABELS

    edit = add_to_roster(
        root_of(root),
        Addition(
            name=name,
            start=_day(start, "--from"),
            role=Role(role.value),
            org=org,
            title=title,
            end=_day(to, "--to") if to else None,
        ),
    )
    person = edit.person
    label = ROLE_LABELS[person.role]  # the role's value (member) is data; its label is in the run's language
    fields = {"name": person.name, "who": person.org or person.title or label, "role": label, "start": person.start}
    if person.end:
        say(_("«{name}» ({who}): {role} from {start} until {end}.").format(**fields, end=person.end))
    else:
        say(_("«{name}» ({who}): {role} from {start}.").format(**fields))
    _say_kept(edit)


@roster_app.command("end", cls=Ho21Command)
def roster_end_cli(
    name: NameArg,
    date: Annotated[str, typer.Option("--date", help="The last day of the appointment, YYYY-MM-DD.")],
    root: RootOption = None,
) -> None:
    """End the appointment of NAME in force on --date: that day is its last."""
    from ho21cli.actions.roster import end_in_roster
    from ho21cli.core.roster import ROLE_LABELS

    edit = end_in_roster(root_of(root), name, _day(date, "--date"))
    person = edit.person
    say(_("«{name}»: {role} until {end}.").format(name=person.name, role=ROLE_LABELS[person.role], end=person.end))
    _say_kept(edit)


def _say_kept(edit: RosterEdit) -> None:
    """The held meetings the change reaches, which keep the roster they were held with."""
    for meeting in edit.kept:
        say(
            _(
                "Meeting {label} was held and keeps the roster it had; to list the change there, run "
                "`ho21 attendance {key} --roster-now`."
            ).format(label=meeting.label, key=meeting.key)
        )


def _day(text: str | None, option: str) -> datetime.date:
    """The date given, or today (``datetime`` is imported only when a command runs)."""
    import datetime

    from ho21cli.core.dates import parse_date

    return parse_date(text, where=option) if text else datetime.date.today()


def _print_roster(view: RosterView) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ho21cli.core.dates import shown_date
    from ho21cli.core.roster import ROLE_LABELS

    table = Table(title=escape(_("{council} as of {day}").format(council=view.council, day=shown_date(view.day))))
    for column in (_("Role"), _("Name"), _("Organisation or title"), _("From"), _("To")):
        table.add_column(column)
    for person in view.roster.everyone:
        table.add_row(
            ROLE_LABELS[person.role],
            escape(person.name),
            escape(person.org or person.title) or "–",
            str(person.start or "–"),
            str(person.end or "–"),
        )
    console().print(table)
