"""The saksfremlegg: what the saksfremlegg template is given for one case.

All cases are rendered in one pass inside the innkalling (see innkalling.py);
each case's own .docx is cut out of that rendering (package.py).
"""

from __future__ import annotations

from typing import Any

from ho21cli.core.documents import CaseDoc, join_names
from ho21cli.core.model import SectionLayout
from ho21cli.i18n import N_
from ho21cli.render.docx_body import BodyWriter
from ho21cli.render.fragment import Fragment
from ho21cli.render.templating import COMMON_FIELDS, Required

# What a saksfremlegg template may use (README: «Own templates»).
FIELDS: dict[str, set[str] | None] = COMMON_FIELDS | {
    "til": None,
    "fra": None,
    "sak": {
        "nummer", "tittel", "saksbehandlere", "vedleggliste", "innhold", "forslag",
        "har_forslag", "ettersendes", "type",
    },
}  # fmt: skip


REQUIRED: Required = (
    (N_("the case number ({{ sak.nummer }})"), ("sak.nummer",)),
    (N_("the title ({{ sak.tittel }})"), ("sak.tittel",)),
    (N_("the text ({{p sak.innhold }})"), ("sak.innhold",)),
    (N_("the forslag til vedtak ({{p sak.forslag }})"), ("sak.forslag",)),
)

# Where a body written in Word is merged in, once the template is rendered (innkalling.py).
WORD_BODY_MARK = "HO21-WORD-BODY-"


def vedlegg_lines(doc: CaseDoc) -> Any:
    from docxtpl import RichText

    rt = RichText()
    for i, v in enumerate(doc.vedlegg, start=1):
        rt.add(("\n" if i > 1 else "") + f"{i}. {v.title}")
    return rt


def body_fragment(tpl: Any, doc: CaseDoc, template_name: str, layout: SectionLayout) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=template_name, images=doc.images)
    if doc.note:
        writer.text(doc.note)
    if doc.body.word is not None:
        writer.text(f"{WORD_BODY_MARK}{doc.n}")
        return fragment
    writer.blocks(doc.body.intro)
    if layout is SectionLayout.TABLE and doc.body.sections:
        writer.labelled_sections([(s.title, s.blocks) for s in doc.body.sections])
        return fragment
    for section in doc.body.sections:
        writer.heading(section.title, 2)
        writer.blocks(section.blocks)
    return fragment


def forslag_fragment(tpl: Any, doc: CaseDoc, template_name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    BodyWriter(fragment, template_name=template_name).blocks(doc.forslag)
    return fragment


def case_context(
    tpl: Any, doc: CaseDoc, *, template_name: str, layout: SectionLayout = SectionLayout.HEADINGS
) -> dict[str, Any]:
    """The ``sak`` a saksfremlegg template sees (README: «Own templates»)."""
    return {
        "nummer": doc.number_saksfremlegg,
        "tittel": doc.title,
        "saksbehandlere": join_names(doc.case.saksbehandlere),
        "vedleggliste": vedlegg_lines(doc),
        "innhold": body_fragment(tpl, doc, template_name, layout),
        "forslag": forslag_fragment(tpl, doc, template_name),
        "har_forslag": bool(doc.forslag),
        "ettersendes": doc.case.ettersendes,
        "type": doc.case.kind.label,
    }
