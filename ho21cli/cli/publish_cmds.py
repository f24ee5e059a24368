"""publish: the static web site and eInnsyn's moetemappe.json."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ho21cli.cli.common import RootOption, root_of, say
from ho21cli.i18n import _, ngettext

TargetArg = Annotated[
    str | None,
    typer.Argument(
        help="A year (2026) or a meeting (2026-1, 1/2026); default: every meeting. The calendar always shows every meeting.",
        metavar="YEAR | MEETING",
        show_default=False,
    ),
]


def publish_cli(
    target: TargetArg = None,
    out: Annotated[
        Path | None,
        typer.Option(help="The site's folder (default: nettsted/ in the archive).", metavar="DIR", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Replace pages and documents that were edited after ho21 wrote them.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Publish the meetings as a web site in plain HTML and CSS (møtekalender, a page per meeting whose
    innkalling is sent, its public saksfremlegg and vedlegg as PDF/A, the approved referat) and
    moetemappe.json for eInnsyn. Exempt cases show only number, public title and legal basis."""
    from ho21cli.actions.publish import publish

    result = publish(root_of(root), target, out=out, force=force)
    say(_("Site written to {folder}:").format(folder=result.folder))
    print(result.calendar)
    for meeting in result.meetings:
        count = len(meeting.documents)
        say(
            ngettext(
                "meeting {label}: {page} and {count} document",
                "meeting {label}: {page} and {count} documents",
                count,
            ).format(label=meeting.label, page=meeting.page, count=count)
        )
    if result.not_yet:
        say(
            _("No page yet, the innkalling is not sent (`ho21 send MEETING`): meeting {labels}").format(
                labels=", ".join(label for _key, label in result.not_yet)
            )
        )
    if result.moved_aside:
        say(
            _(
                "Pages and documents this run no longer publishes were moved aside (nothing was deleted); "
                "they are not part of the site: do not upload them:"
            )
        )
        for path in result.moved_aside:
            print(path)
    say(_("Open {page} in a browser, or copy the folder to a web server.").format(page=result.calendar))


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "publish": publish_cli,
}
