"""build-innkalling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ho21cli.cli.common import MeetingArg, RootOption, root_of, say
from ho21cli.i18n import _


def build_innkalling_cli(
    meeting: MeetingArg,
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default: the meeting's build/ folder, with --public its offentlig/ folder)."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace output files that were edited after ho21 wrote them.")] = False,
    draft: Annotated[
        bool, typer.Option(help="Build even if `ho21 check` finds errors; every page is marked UTKAST.")
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            help="Also write the innkalling as a tagged PDF (needs LibreOffice), and with PDF vedlegg the whole sakspapirer."
        ),
    ] = False,
    public: Annotated[
        bool,
        typer.Option(
            help="The public innkalling, into offentlig/: exempt cases show only number, public title and legal"
            " basis; PDFs are PDF/A-2."
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Write the innkalling .docx (saksliste, every saksfremlegg and its vedlegg) and one .docx per saksfremlegg."""
    from ho21cli.actions.build import build_innkalling

    result = build_innkalling(root_of(root), meeting, out=out, force=force, draft=draft, pdf=pdf, public=public)
    written = (
        _("Public innkalling and {count} saksfremlegg written:")
        if public
        else _("Innkalling and {count} saksfremlegg written:")
    )
    say(written.format(count=len(result.saksfremlegg)))
    print(result.innkalling)
    for path in result.saksfremlegg:
        print(path)
    if result.exempt:
        say(
            _("Exempt from public access, shown with number, public title and legal basis only: {cases}").format(
                cases=", ".join(result.exempt)
            )
        )
    if public and result.pdf:
        say(_("PDF/A-2, tagged (universal design), for publishing and the archive:"))
        for path in [result.pdf, *result.saksfremlegg_pdfs]:
            print(path)
    elif result.pdf:
        say(_("Tagged PDF (universal design, PDF/UA), for publishing:"))
        print(result.pdf)
    if result.packet:
        say(_("All sakspapirer with the PDF vedlegg in place (not tagged), for the members:"))
        print(result.packet)
    if result.moved_aside:
        say(_("Earlier outputs this build no longer makes were moved aside (nothing was deleted):"))
        for path in result.moved_aside:
            print(path)
        if public:  # a case since made exempt leaves its earlier public saksfremlegg there
            say(_("They are no longer public: do not publish them."))


# The commands of this module, by name (the CLI registers only the one it runs).
COMMANDS: dict[str, Callable[..., None]] = {
    "build-innkalling": build_innkalling_cli,
}
