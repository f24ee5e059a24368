"""The innkalling: front page and saksliste, then every saksfremlegg followed
by its vedlegg, in one Word document.

All saksfremlegg are rendered in one template pass: the saksfremlegg
template's body is put, inside a loop over the cases, behind the innkalling
template's own body. Only real vedlegg are merged (docxcompose), and each
case's own .docx is cut out of the same rendering (package.py). That is what
makes a build cheaper than merging the rendered pieces one by one.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ho21cli.core.documents import CaseDoc, VedleggDoc, meeting_facts
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.text import slugify
from ho21cli.errors import InputError
from ho21cli.i18n import N_, _
from ho21cli.render.docs import demote_headings, make_accessible, set_core_properties
from ho21cli.render.saksfremlegg import FIELDS as SAKSFREMLEGG_FIELDS
from ho21cli.render.saksfremlegg import REQUIRED as SAKSFREMLEGG_REQUIRED
from ho21cli.render.saksfremlegg import WORD_BODY_MARK, case_context
from ho21cli.render.templating import COMMON_FIELDS, Required, Template
from ho21cli.storage.outputs import Output

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_ATTRS = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed",
)
# What an innkalling template may use (README: «Own templates»).
FIELDS: dict[str, set[str] | None] = COMMON_FIELDS | {
    "til": None,
    "fra": None,
    "mote": {"nummer", "dato", "dato_kort", "tid", "sted", "adresse"},
    "saker": None,
}
REQUIRED: Required = (
    (N_("the saksliste ({%tr for s in saker %})"), ("saker",)),
    (N_("the meeting ({{ mote.nummer }})"), ("mote.nummer",)),
    (N_("the date ({{ mote.dato }})"), ("mote.dato", "mote.dato_kort")),
    (N_("the time ({{ mote.tid }})"), ("mote.tid",)),
    (N_("the place ({{ mote.sted }})"), ("mote.sted",)),
)
SAK_MARK = "HO21-SAK-"
VEDLEGG_MARK = "HO21-VEDLEGG-"


@dataclass(frozen=True)
class InnkallingInput:
    meeting: Meeting
    profile: Profile
    cases: list[CaseDoc]
    header: str
    innkalling_template: Template
    saksfremlegg_template: Template
    draft: bool = False


@dataclass
class Innkalling:
    document: Any
    saksfremlegg: list[bytes] = field(default_factory=list)  # each case's own .docx, in order


def innkalling_name(meeting: Meeting) -> str:
    return f"innkalling-{meeting.key}.docx"


def saksfremlegg_name(doc: CaseDoc) -> str:
    return f"saksfremlegg/sak-{doc.n:02d}-{slugify(doc.title, max_length=40)}.docx"


def render_innkalling(inp: InnkallingInput) -> list[Output]:
    """The innkalling and each case's own saksfremlegg, as .docx outputs."""
    built = build_innkalling_document(inp)
    buffer = io.BytesIO()
    built.document.save(buffer)
    outputs = [Output(innkalling_name(inp.meeting), buffer.getvalue())]
    outputs += [Output(saksfremlegg_name(d), data) for d, data in zip(inp.cases, built.saksfremlegg, strict=True)]
    return outputs


def innkalling_title(inp: InnkallingInput) -> str:
    title = f"Innkalling {inp.profile.name} møte {meeting_facts(inp.meeting, inp.profile)['nummer']}"
    return f"UTKAST: {title}" if inp.draft else title


def build_innkalling_document(inp: InnkallingInput) -> Innkalling:
    from ho21cli.render.compose import Composer
    from ho21cli.render.merge import settle_sections
    from ho21cli.render.package import Splitter, package_parts

    inp.saksfremlegg_template.check(SAKSFREMLEGG_FIELDS, SAKSFREMLEGG_REQUIRED)  # its errors name its own file
    tpl = inp.innkalling_template.open()
    master = tpl.get_docx()
    add_saksfremlegg_loop(master, inp.saksfremlegg_template)
    inp.innkalling_template.render_opened(tpl, _context(inp, tpl))
    body = master.element.body
    composer = Composer(master)
    _merge_word_bodies(composer, inp)
    composer.finish()  # the per-case files are cut from this rendering
    case_marks = [p for p in body if _marker(p, SAK_MARK)]
    vedlegg_marks = [p for p in body if _marker(p, VEDLEGG_MARK)]

    splitter = Splitter(package_parts(master))
    result = Innkalling(master)
    for doc, (first, last) in zip(inp.cases, _case_ranges(body, case_marks), strict=True):
        result.saksfremlegg.append(splitter.case(first, last, title=f"{doc.number_saksfremlegg} {doc.title}"))

    for mark in case_marks:
        body.remove(mark)
    vedlegg = [(doc, v) for doc in inp.cases for v in doc.vedlegg]
    breaks = []
    for mark, (doc, v) in zip(vedlegg_marks, vedlegg, strict=True):
        breaks.append(_insert_vedlegg(composer, mark, v, doc))
    settle_sections(master, [b for b in breaks if b is not None])
    composer.finish()
    set_core_properties(master, title=innkalling_title(inp), subject=inp.header)
    return result


def _merge_word_bodies(composer: Any, inp: InnkallingInput) -> None:
    """Each body written in Word, merged where its saksfremlegg's text goes."""
    from ho21cli.core.documents import reference_numbers
    from ho21cli.render.word_body import merge_ready

    by_number = {str(d.n): d for d in inp.cases if d.body.word is not None}
    if not by_number:
        return
    numbers = reference_numbers(inp.meeting, inp.profile)
    body = composer.doc.element.body
    for mark in [p for p in body if _marker(p, WORD_BODY_MARK)]:
        doc = by_number[_mark_text(mark)[len(WORD_BODY_MARK) :]]
        try:
            composer.insert_before(mark, merge_ready(doc.body, numbers))
            body.remove(mark)
        except Exception as exc:  # docxcompose raises anything on a package it cannot follow
            raise InputError(
                _("the Word body of {case} could not be merged ({error_type}: {error})").format(
                    case=doc.number_saksliste, error_type=type(exc).__name__, error=exc
                ),
                where=doc.case.body or doc.title,
                fix=_("Open it in Word and save it again as .docx, or write the body in Markdown."),
            ) from None


def _mark_text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _context(inp: InnkallingInput, tpl: Any) -> dict[str, Any]:
    name = str(inp.saksfremlegg_template.path)
    return {
        "rad": inp.profile.name,
        "til": inp.profile.til,
        "fra": inp.profile.fra,
        "topptekst": inp.header,
        "dokumenttittel": innkalling_title(inp),
        "mote": meeting_facts(inp.meeting, inp.profile),
        "saker": saksliste_rows(inp),
        "ho21_saksfremlegg": [
            {
                **case_context(tpl, d, template_name=name, layout=inp.profile.section_layout),
                "ho21_n": n,
                "ho21_vedlegg": [
                    {"overskrift": f"Vedlegg {i}: {v.title}", "merke": f"{n}-{i}"}
                    for i, v in enumerate(d.vedlegg, start=1)
                ],
            }
            for n, d in enumerate(inp.cases)
        ],
    }


def saksliste_rows(inp: InnkallingInput) -> list[dict[str, Any]]:
    """The saksliste: every case, with its clock time and the breaks when the meeting has a time plan."""
    from ho21cli.core.timeplan import time_plan

    slots = time_plan(inp.meeting, inp.profile)
    clock = {s.case_id: s.clock for s in slots if s.case_id}
    rows: list[dict[str, Any]] = []
    for d in inp.cases:
        title = (d.saksliste_title or d.title) + (" (ettersendt sak)" if d.case.ettersendt else "")
        rows.append(
            {
                "nummer": d.number_saksliste,
                "tittel": title,
                "ettersendes": d.case.ettersendes,
                "tid": clock.get(d.case.id, ""),
            }
        )
        rows += [
            {"nummer": "", "tittel": s.title, "ettersendes": False, "tid": s.clock}
            for s in _breaks_after(slots, d.case.id)
        ]
    return rows


def _breaks_after(slots: list[Any], case_id: str) -> list[Any]:
    index = next((i for i, s in enumerate(slots) if s.case_id == case_id), None)
    if index is None:
        return []
    out = []
    for slot in slots[index + 1 :]:
        if slot.case_id is not None:
            break
        out.append(slot)
    return out


def add_saksfremlegg_loop(master: Any, template: Template) -> None:
    """Put the saksfremlegg template's body, in a loop over the cases, after the innkalling's."""
    sf = template.document()
    elements = [copy.deepcopy(e) for e in sf.element.body if e.tag != f"{W}sectPr"]
    _copy_missing_styles(sf, master)
    _copy_references(sf, master, elements)
    _start_on_new_page(elements)
    heading = _style_id(master, "Heading 2")
    loop = [
        _paragraph("{%p for sak in ho21_saksfremlegg %}"),
        _paragraph(SAK_MARK + "{{ sak.ho21_n }}"),
        *elements,
        _paragraph("{%p for v in sak.ho21_vedlegg %}"),
        _paragraph("{{ v.overskrift }}", style=heading, page_break=True),
        _paragraph(VEDLEGG_MARK + "{{ v.merke }}"),
        _paragraph("{%p endfor %}"),
        _paragraph("{%p endfor %}"),
    ]
    body = master.element.body
    section = body.find(f"{W}sectPr")
    for element in loop:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)


def _paragraph(text: str, *, style: str | None = None, page_break: bool = False) -> Any:
    from docx.oxml import parse_xml

    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:pageBreakBefore/>" if page_break else "")
    return parse_xml(
        f'<w:p xmlns:w="{W_NS}">'
        + (f"<w:pPr>{props}</w:pPr>" if props else "")
        + f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _start_on_new_page(elements: list[Any]) -> None:
    from docx.oxml import parse_xml

    if elements and elements[0].tag == f"{W}p":
        elements[0].get_or_add_pPr().pageBreakBefore_val = True
    else:
        elements.insert(0, parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pageBreakBefore/></w:pPr></w:p>'))


def _style_id(document: Any, name: str) -> str:
    from ho21cli.render.styles import style_names

    return next((i for i, n in style_names(document.styles.element) if n == name), name.replace(" ", ""))


def _copy_missing_styles(source: Any, target: Any) -> None:
    """A saksfremlegg template may define styles the innkalling template lacks."""
    have = {i for i, _ in _names(target)}
    for style in source.styles.element.iterchildren(f"{W}style"):
        if style.get(f"{W}styleId") not in have:
            target.styles.element.append(copy.deepcopy(style))


def _names(document: Any) -> list[tuple[str, str | None]]:
    from ho21cli.render.styles import style_names

    return style_names(document.styles.element)


def _copy_references(source: Any, target: Any, elements: list[Any]) -> None:
    """Images and links in the saksfremlegg template itself (a logo, say) follow it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for element in elements:
        for node in element.iter():
            for attr in R_ATTRS:
                r_id = node.get(attr)
                if r_id is None or r_id not in source.part.rels:
                    continue
                rel = source.part.rels[r_id]
                if rel.is_external:
                    node.set(attr, target.part.relate_to(rel.target_ref, rel.reltype, is_external=True))
                elif rel.reltype == RT.IMAGE:
                    node.set(attr, target.part.get_or_add_image(io.BytesIO(rel.target_part.blob))[0])


def _marker(element: Any, prefix: str) -> bool:
    if element.tag != f"{W}p":
        return False
    return _mark_text(element).startswith(prefix)


def _case_ranges(body: Any, marks: list[Any]) -> list[tuple[int, int]]:
    """(first, last) body index of each case: after its marker, before its vedlegg or the next case."""
    children = list(body)
    position = {id(child): i for i, child in enumerate(children)}  # list.index per case was quadratic
    starts = [position[id(m)] for m in marks]
    ends = [*starts[1:], len(children) - (1 if children[-1].tag == f"{W}sectPr" else 0)]
    ranges = []
    for start, end in zip(starts, ends, strict=True):
        stop = next((i for i in range(start + 1, end) if _marker(children[i], VEDLEGG_MARK)), None)
        last = (stop - 2) if stop is not None else end - 1  # the vedlegg heading stands before its marker
        ranges.append((start + 1, last))
    return ranges


def _insert_vedlegg(composer: Any, mark: Any, vedlegg: VedleggDoc, doc: CaseDoc) -> Any:
    """Merge one vedlegg where its marker stands (the marker goes); the section break before it
    when it has pages of its own."""
    from ho21cli.render.inspect import take_docx
    from ho21cli.render.merge import keep_own_page_setup

    body = composer.doc.element.body
    heading = mark.getprevious()
    if vedlegg.is_pdf:  # a cover page; the PDF itself follows it in the sakspapirer
        lines = [
            f"{doc.number_saksfremlegg} {doc.title}",
            "Vedlegget er en PDF-fil og følger etter denne siden i sakspapirene (PDF).",
        ]
        for line in lines:
            mark.addprevious(_paragraph(line))
        body.remove(mark)
        return None
    assert vedlegg.file.data is not None  # the check refused a vedlegg that was not read
    document = take_docx(vedlegg.file.data)
    demote_headings(document)
    make_accessible(document, vedlegg.title)
    try:
        added = composer.insert_before(mark, document)
    except Exception as exc:  # docxcompose raises anything on a package it cannot follow
        raise InputError(
            _("vedlegg «{title}» of {case} could not be merged ({error_type}: {error})").format(
                title=vedlegg.title, case=doc.number_saksliste, error_type=type(exc).__name__, error=exc
            ),
            where=str(vedlegg.file.path),
            fix=_("Open it in Word and save it again as .docx, or attach it as PDF."),
        ) from None
    body.remove(mark)
    return keep_own_page_setup(composer.doc, heading, added, document)
