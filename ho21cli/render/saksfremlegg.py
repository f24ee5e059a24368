"""The saksfremlegg: one case's presentation, from the saksfremlegg template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ho21cli.core.documents import CaseDoc, join_names
from ho21cli.core.model import Profile
from ho21cli.render.docx_body import BodyWriter
from ho21cli.render.fragment import Fragment
from ho21cli.render.templating import Template


def vedlegg_lines(doc: CaseDoc) -> Any:
    from docxtpl import RichText

    rt = RichText()
    for i, v in enumerate(doc.case.vedlegg, start=1):
        rt.add(("\n" if i > 1 else "") + f"{i}. {v.title}")
    return rt


def body_fragment(tpl: Any, doc: CaseDoc, template_name: str, image_dir: Path | None = None) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=template_name, image_dir=image_dir)
    writer.blocks(doc.body.intro)
    for section in doc.body.sections:
        writer.heading(section.title, 2)
        writer.blocks(section.blocks)
    return fragment


def forslag_fragment(tpl: Any, doc: CaseDoc, template_name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    BodyWriter(fragment, template_name=template_name).blocks(doc.forslag)
    return fragment


def render_saksfremlegg(
    template: Template, doc: CaseDoc, profile: Profile, header: str, meeting_dir: Path | None = None
) -> Any:
    """Render one saksfremlegg; returns the python-docx Document."""
    tpl = template.open()
    name = str(template.path)
    image_dir = (meeting_dir / doc.case.body).parent if meeting_dir and doc.case.body else meeting_dir
    context = {
        "rad": profile.name,
        "til": profile.til,
        "fra": profile.fra,
        "topptekst": header,
        "dokumenttittel": f"{doc.number_saksfremlegg} {doc.title}",
        "sak": {
            "nummer": doc.number_saksfremlegg,
            "tittel": doc.title,
            "saksbehandlere": join_names(doc.case.saksbehandlere),
            "vedleggliste": vedlegg_lines(doc),
            "innhold": body_fragment(tpl, doc, name, image_dir),
            "forslag": forslag_fragment(tpl, doc, name),
            "har_forslag": bool(doc.forslag),
            "ettersendes": doc.case.ettersendes,
            "type": doc.case.kind.label,
        },
    }
    return template.render_opened(tpl, context).docx
