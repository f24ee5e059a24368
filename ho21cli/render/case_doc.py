"""`ho21 case-doc`: a saksfremlegg for the case officer to write in Word.

The council's saksfremlegg template, filled from the manifest (number,
title, Til, Fra, Saksbehandler, Vedlegg), with the profile's sections. Each
section holds the case's text so far, or one line of guidance in brackets,
«[Veiledning: …]», which `ho21 check` reports if it is left in. The file
comes back with `ho21 edit-case … --body FILE.docx`; the number and title in
it are never printed from there (the manifest's are).
"""

from __future__ import annotations

import io
from typing import Any

from ho21cli.core.body import Block, Body, is_forslag_title
from ho21cli.core.documents import CaseDoc
from ho21cli.core.model import FORSLAG_GUIDANCE, Profile
from ho21cli.render.docs import set_core_properties
from ho21cli.render.docx_body import BodyWriter, Look
from ho21cli.render.fragment import Fragment
from ho21cli.render.saksfremlegg import FIELDS, REQUIRED, case_context
from ho21cli.render.templating import Template

GUIDANCE_GREY = "595959"


def guidance_line(text: str) -> str:
    """What `ho21 check` finds if it is left in (GUIDANCE_RE in core/validation.py)."""
    return f"[Veiledning: {text}]"


def _guidance(writer: BodyWriter, text: str) -> None:
    writer.text(guidance_line(text), look=Look(italic=True, color=GUIDANCE_GREY))


def _sections_fragment(tpl: Any, doc: CaseDoc, profile: Profile, name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=name, images=doc.images)
    body: Body = doc.body
    if doc.note:
        writer.text(doc.note)
    writer.blocks(body.intro)
    written = {s.title.casefold(): s.blocks for s in body.sections}
    for guide in profile.sections:
        writer.heading(guide.title, 2)
        blocks = written.pop(guide.title.casefold(), None)
        if blocks:
            writer.blocks(blocks)
        else:
            _guidance(writer, guide.guidance or f"Skriv avsnittet «{guide.title}».")
    for section in body.sections:  # the body's own sections, beyond the profile's
        if section.title.casefold() in written and not is_forslag_title(section.title):
            writer.heading(section.title, 2)
            writer.blocks(section.blocks)
    return fragment


def _forslag_fragment(tpl: Any, forslag: list[Block] | None, name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=name)
    if forslag:
        writer.blocks(forslag)
    else:
        _guidance(writer, FORSLAG_GUIDANCE)
    return fragment


def render_case_doc(
    template: Template, doc: CaseDoc, profile: Profile, *, header: str, own_forslag: list[Block] | None
) -> bytes:
    """The .docx; ``own_forslag`` is the case's forslag when the manifest or body has one (else guidance)."""
    template.check(FIELDS, REQUIRED)
    tpl = template.open()
    name = str(template.path)
    sak = case_context(tpl, doc, template_name=name) | {
        "innhold": _sections_fragment(tpl, doc, profile, name),
        "forslag": _forslag_fragment(tpl, own_forslag, name),
        "har_forslag": True,
        "ettersendes": False,
    }
    context = {
        "rad": profile.name,
        "til": profile.til,
        "fra": profile.fra,
        "topptekst": header,
        "dokumenttittel": f"{doc.number_saksfremlegg} {doc.title}",
        "sak": sak,
    }
    document = template.render_opened(tpl, context).docx
    set_core_properties(document, title=f"Saksfremlegg: {doc.number_saksfremlegg} {doc.title}", subject=header)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
