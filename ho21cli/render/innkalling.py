"""The innkalling: front page and saksliste, then every saksfremlegg followed
by its vedlegg, merged into one Word document with docxcompose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ho21cli.core.documents import CaseDoc, meeting_facts
from ho21cli.core.model import Meeting, Profile
from ho21cli.render.docs import (
    demote_headings,
    make_accessible,
    open_vedlegg,
    page_break_before,
    set_core_properties,
)
from ho21cli.render.saksfremlegg import render_saksfremlegg
from ho21cli.render.templating import Template


@dataclass(frozen=True)
class InnkallingInput:
    meeting: Meeting
    profile: Profile
    cases: list[CaseDoc]
    meeting_dir: Path
    header: str
    innkalling_template: Template
    saksfremlegg_template: Template
    draft: bool = False


def render_front(inp: InnkallingInput) -> Any:
    context = {
        "rad": inp.profile.name,
        "topptekst": inp.header,
        "dokumenttittel": innkalling_title(inp),
        "mote": meeting_facts(inp.meeting, inp.profile),
        "saker": [
            {
                "nummer": d.number_saksliste,
                "tittel": d.title + (" (ettersendt sak)" if d.case.ettersendt else ""),
                "ettersendes": d.case.ettersendes,
            }
            for d in inp.cases
        ],
    }
    return inp.innkalling_template.render(context).docx


def innkalling_title(inp: InnkallingInput) -> str:
    title = f"Innkalling {inp.profile.name} møte {meeting_facts(inp.meeting, inp.profile)['nummer']}"
    return f"UTKAST: {title}" if inp.draft else title


def build_innkalling_document(
    inp: InnkallingInput, *, on_saksfremlegg: Callable[[CaseDoc, Any], None] | None = None
) -> Any:
    """The merged innkalling Document; ``on_saksfremlegg`` sees each rendered case."""
    from ho21cli.render.compose import Composer

    master = render_front(inp)
    composer = Composer(master)
    for doc in inp.cases:
        sf = render_saksfremlegg(inp.saksfremlegg_template, doc, inp.profile, inp.header, inp.meeting_dir)
        if on_saksfremlegg:
            on_saksfremlegg(doc, sf)
        page_break_before(sf)
        composer.append(sf)
        for i, v in enumerate(doc.case.vedlegg, start=1):
            _append_vedlegg(composer, inp.meeting_dir / v.file, f"Vedlegg {i}: {v.title}", doc)
    set_core_properties(master, title=innkalling_title(inp), subject=inp.header)
    return master


def _append_vedlegg(composer: Any, path: Path, heading: str, doc: CaseDoc) -> None:
    master = composer.doc
    p = master.add_paragraph(heading, style="Heading 2")
    p.paragraph_format.page_break_before = True
    if path.suffix.lower() == ".pdf":  # a cover page; the PDF itself follows it in the sakspapirer
        master.add_paragraph(f"{doc.number_saksfremlegg} {doc.title}", style="Normal")
        master.add_paragraph(
            "Vedlegget er en PDF-fil og følger etter denne siden i sakspapirene (PDF).", style="Normal"
        )
        return
    vedlegg = open_vedlegg(path, f"{doc.number_saksliste} {doc.title}")
    demote_headings(vedlegg)
    make_accessible(vedlegg, heading.split(": ", 1)[-1])
    composer.append(vedlegg)
