"""A case body written in Word: its sections found, its own header set aside.

Case officers write saksfremlegg in Word: from `ho21 case-doc`, or any .docx
whose sections are Heading-styled paragraphs, bold labels, or the council's
label | text table. One reading of the document's layout serves both sides:

- ``read_word_body`` gives the core's ``Body`` (sections, paragraphs, lists,
  tables, images with their alt text), which `ho21 check` and the referat read;
- ``merge_ready`` gives the document itself, rearranged for the innkalling:
  the header block it may carry (number, title, Til, Fra ...) is dropped, since
  the manifest is the one source of those; every section label becomes a
  Heading 2 and deeper headings follow it; the «Forslag til vedtak» section
  leaves the body, as the template prints the forslag under its own heading.
  Everything else (list numbering, footnotes, links, images, tables) is merged
  as the author made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ho21cli.core.body import (
    Block,
    Body,
    Image,
    ListBlock,
    Paragraph,
    Section,
    Span,
    SubHeading,
    TableBlock,
    WordOrigin,
    is_forslag_title,
)
from ho21cli.core.numbering import typed_case_number
from ho21cli.core.references import REFERENCE, resolve_text
from ho21cli.core.text import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"

# Labels of the council's saksfremlegg sections (DOMAIN.md §6) and of common variants:
# a two-column table is read as label | text when one of its labels is one of these.
SECTION_STEMS = (
    "bakgrunn", "hvorfor saken", "hovedpunkt", "forslag til vedtak", "risiko", "forberedelse",
    "saksopplysning", "vurdering", "innstilling", "problemstilling", "konklusjon", "oppsummering",
)  # fmt: skip
# The header block of a saksfremlegg: set aside, never printed (the manifest says these).
HEADER_LABELS = frozenset(
    {
        "til", "fra", "saksbehandler", "saksbehandlere", "vedlegg", "type sak", "sakstype", "sak",
        "saksnr", "saksnr.", "saksnummer", "dato", "møtedato", "møte", "arkivsak", "arkivsaksnr", "saksfremlegg",
    }
)  # fmt: skip
HEADER_LINES = ("saksfremlegg", "saksfremlegg ettersendes.")
LABEL_MAX = 80  # a bold label or a table label is a short line
# Revisions Word keeps until they are accepted; a comment's mark in the text.
REVISION = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)\b")
COMMENT = re.compile(rb"<w:commentReference\b")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _label_key(text: str) -> str:
    return _norm(text).rstrip(":").strip().casefold()


def is_section_label(text: str) -> bool:
    key = _label_key(text)
    return bool(key) and key.startswith(SECTION_STEMS)


# -- reading paragraphs ------------------------------------------------------------


class _Doc:
    """A document's styles and relationships, looked up once."""

    def __init__(self, document: Any) -> None:
        from ho21cli.render.styles import style_names

        self.document = document
        self.part = document.part
        self.styles = {sid: name or "" for sid, name in style_names(document.styles.element)}
        self._style_elements = {s.get(f"{W}styleId"): s for s in document.styles.element.iterchildren(f"{W}style")}

    def style_name(self, p: Any) -> str:
        p_style = p.find(f"{W}pPr/{W}pStyle")
        return self.styles.get(p_style.get(f"{W}val"), "") if p_style is not None else ""

    def _property(self, p: Any, tag: str) -> Any:
        """A paragraph property (``outlineLvl``, ``numPr``) set on the paragraph, else on its style."""
        found = p.find(f"{W}pPr/{W}{tag}")
        if found is None:
            p_style = p.find(f"{W}pPr/{W}pStyle")
            style = self._style_elements.get(p_style.get(f"{W}val")) if p_style is not None else None
            found = style.find(f"{W}pPr/{W}{tag}") if style is not None else None
        return found

    def heading_level(self, p: Any) -> int | None:
        """1-9 for a heading: by its style («Heading 2»), else by an outline level."""
        match = re.fullmatch(r"(?:Heading|heading|Overskrift|overskrift) ([1-9])", self.style_name(p))
        if match:
            return int(match[1])
        outline = self._property(p, "outlineLvl")
        value = outline.get(f"{W}val", "") if outline is not None else ""
        return int(value) + 1 if value.isdigit() and int(value) < 9 else None

    def is_title(self, p: Any) -> bool:
        return self.style_name(p) in ("Title", "Subtitle")

    def list_kind(self, p: Any) -> bool | None:
        """None: not a list item; True: numbered; False: bullets."""
        num_pr = self._property(p, "numPr")
        num_id = num_pr.find(f"{W}numId") if num_pr is not None else None
        if num_id is None or num_id.get(f"{W}val") == "0":  # no list, or numbering switched off
            return None
        return self._numbered(num_id.get(f"{W}val", ""), num_pr.find(f"{W}ilvl"))

    def _numbered(self, num_id: str, ilvl: Any) -> bool:
        """Whether list ``num_id`` is numbered (not bullets) at the paragraph's level."""
        from ho21cli.render.merge import numbering_definitions

        numbering: Any = numbering_definitions(self.part)
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']") if numbering is not None else None
        abstract_id = num.find(f"{W}abstractNumId") if num is not None else None
        if abstract_id is None:
            return False
        level = ilvl.get(f"{W}val", "0") if ilvl is not None else "0"
        fmt = numbering.find(
            f"{W}abstractNum[@{W}abstractNumId='{abstract_id.get(f'{W}val')}']/{W}lvl[@{W}ilvl='{level}']/{W}numFmt"
        )
        return fmt is not None and fmt.get(f"{W}val") not in ("bullet", "none")

    def link_target(self, hyperlink: Any) -> str:
        r_id = hyperlink.get(R_ID)
        if r_id and r_id in self.part.rels:
            rel = self.part.rels[r_id]
            return str(rel.target_ref) if rel.is_external else ""
        anchor = hyperlink.get(f"{W}anchor")
        return f"#{anchor}" if anchor else ""


def _is_on(rpr: Any, tag: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(f"{W}{tag}")
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off")


def _runs(p: Any) -> Iterator[tuple[Any, Any]]:
    """Each visible run of a paragraph, with the hyperlink it sits in (deleted text left out)."""
    for r in p.iter(f"{W}r"):
        ancestors = list(r.iterancestors())
        if any(a.tag in (f"{W}del", f"{W}moveFrom") for a in ancestors):
            continue
        link = next((a for a in ancestors if a.tag == f"{W}hyperlink"), None)
        yield r, link


def _run_text(r: Any) -> str:
    out = []
    for child in r:
        if child.tag == f"{W}t":
            out.append(child.text or "")
        elif child.tag in (f"{W}tab", f"{W}ptab"):
            out.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif child.tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def paragraph_text(p: Any) -> str:
    return clean_text("".join(_run_text(r) for r, _ in _runs(p)))


def _spans(doc: _Doc, p: Any) -> list[Span]:
    spans: list[Span] = []
    for r, link in _runs(p):
        text = _run_text(r)
        if not text:
            continue
        rpr = r.find(f"{W}rPr")
        span = Span(
            clean_text(text),
            bold=_is_on(rpr, "b"),
            italic=_is_on(rpr, "i"),
            link=doc.link_target(link) or None if link is not None else None,
        )
        last = spans[-1] if spans else None
        if last and (last.bold, last.italic, last.link) == (span.bold, span.italic, span.link):
            last.text += span.text
        else:
            spans.append(span)
    return spans


def _is_bold_label(p: Any, text: str) -> bool:
    """A short line set in bold on its own, not a sentence: «Bakgrunn», «Hovedpunkter:»."""
    text = _norm(text)
    if not text or len(text) > LABEL_MAX or text.endswith((".", ",", ";")) or p.find(f"{W}pPr/{W}numPr") is not None:
        return False
    runs = [r for r, _ in _runs(p) if _run_text(r).strip()]
    return bool(runs) and all(_is_on(r.find(f"{W}rPr"), "b") for r in runs)


def _images(p: Any) -> list[Image]:
    out = []
    for doc_pr in p.iter(f"{WP}docPr"):
        alt = doc_pr.get("descr") or doc_pr.get("title") or ""
        out.append(Image(src=doc_pr.get("name") or f"bilde {doc_pr.get('id', '')}".strip(), alt=_norm(alt)))
    return out


# -- the layout ----------------------------------------------------------------------


@dataclass
class WordSection:
    title: str
    elements: list[Any] = field(default_factory=list)  # body-level w:p and w:tbl, in order


@dataclass
class Layout:
    """Where a Word body's parts are: what goes, what stays, and under which section."""

    intro: list[Any] = field(default_factory=list)
    sections: list[WordSection] = field(default_factory=list)
    header: list[Any] = field(default_factory=list)  # set aside, never printed
    typed_number: str = ""
    typed_title: str = ""
    section_level: int = 2  # the heading level that starts a section in this document
    inner_headings: dict[Any, int] = field(default_factory=dict)  # paragraph -> level below a section


def _blocks_of(body: Any) -> list[Any]:
    """The body's paragraphs and tables, with content controls opened up (their content stays)."""
    out = []
    for child in body:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            out += _blocks_of(content) if content is not None else []
        elif child.tag in (f"{W}p", f"{W}tbl"):
            out.append(child)
    return out


def _cells(tr: Any) -> list[Any]:
    return [tc for tc in tr.iterchildren(f"{W}tc")]


def _cell_text(tc: Any) -> str:
    return _norm(" ".join(paragraph_text(p) for p in tc.iter(f"{W}p")))


def _label_rows(tbl: Any) -> list[tuple[str, Any]] | None:
    """A label | text table: (label, text cell) per row; None when the table is not one."""
    rows = []
    for tr in tbl.iterchildren(f"{W}tr"):
        cells = _cells(tr)
        if len(cells) != 2:
            return None
        label = _cell_text(cells[0])
        if len(label) > LABEL_MAX:
            return None
        rows.append((label, cells[1]))
    if not any(is_section_label(label) for label, _ in rows):
        return None
    return rows


def _is_header_table(tbl: Any) -> bool:
    """Til | … | Saksbehandler | …: the labels of a saksfremlegg's header block."""
    for tr in tbl.iterchildren(f"{W}tr"):
        if any(_label_key(_cell_text(tc)) in HEADER_LABELS for tc in _cells(tr)[::2]):
            return True
    return False


class _Reader:
    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.layout = Layout()
        self.current: list[Any] = self.layout.intro
        self.in_header = True

    def header_line(self, p: Any, text: str) -> bool:
        """The number and title line, «Saksfremlegg», or a title, while still in the header."""
        if not self.in_header:
            return False
        key = _norm(text).casefold()
        if key in HEADER_LINES:
            return True
        ref = typed_case_number(text)
        if ref is not None:
            self.typed(ref.text, text[ref.end :])
            return True
        if self.doc.is_title(p) and text.strip():
            self.layout.typed_title = self.layout.typed_title or _norm(text)
            return True
        return False

    def typed(self, number: str, title: str) -> None:
        if not self.layout.typed_number:
            self.layout.typed_number = _norm(number)
            self.layout.typed_title = _norm(title).strip(" :–-") or self.layout.typed_title

    def header_table(self, tbl: Any) -> None:
        for tr in tbl.iterchildren(f"{W}tr"):
            texts = [_cell_text(tc) for tc in _cells(tr)]
            for i, text in enumerate(texts):
                ref = typed_case_number(text)
                if ref is not None:
                    rest = text[ref.end :].strip() or (texts[i + 1] if i + 1 < len(texts) else "")
                    self.typed(ref.text, rest)

    def start(self, title: str) -> None:
        section = WordSection(_norm(title).rstrip(":").strip())
        self.layout.sections.append(section)
        self.current = section.elements
        self.in_header = False


def analyse(document: Any) -> Layout:
    """Find the header, the sections and what belongs to each, without changing the document."""
    doc = _Doc(document)
    blocks = _blocks_of(document.element.body)
    reader = _Reader(doc)
    levels = [
        level
        for el in blocks
        if el.tag == f"{W}p"
        and (level := doc.heading_level(el)) is not None
        and paragraph_text(el).strip()
        and typed_case_number(paragraph_text(el)) is None
        and _norm(paragraph_text(el)).casefold() not in HEADER_LINES
    ]
    layout = reader.layout
    layout.section_level = min(levels) if levels else 2
    by_heading = bool(levels)
    for el in blocks:
        if el.tag == f"{W}tbl":
            rows = _label_rows(el)
            if rows is not None:
                for label, cell in rows:
                    if _label_key(label) in HEADER_LABELS:
                        ref = typed_case_number(_cell_text(cell))
                        if ref is not None:
                            reader.typed(ref.text, _cell_text(cell)[ref.end :])
                        continue
                    if label:
                        reader.start(label)
                    reader.current.extend(_blocks_of(cell))
                layout.header.append(el)  # the table itself goes; its cells' content stays
                continue
            if reader.in_header and _is_header_table(el):
                reader.header_table(el)
                layout.header.append(el)
                continue
            reader.in_header = False
            reader.current.append(el)
            continue
        text = paragraph_text(el)
        if reader.header_line(el, text):
            layout.header.append(el)
            continue
        level = doc.heading_level(el)
        if text.strip() and (
            (level is not None and level <= layout.section_level) or (not by_heading and _is_bold_label(el, text))
        ):
            reader.start(text)
            layout.header.append(el)  # the label is written anew as a Heading 2
            continue
        if level is not None and text.strip():
            layout.inner_headings[el] = level
        if text.strip() or _images(el):
            reader.in_header = False
        reader.current.append(el)
    return layout


# -- into the core's Body (for the check and the referat) ----------------------------


def _to_blocks(doc: _Doc, layout: Layout, elements: list[Any]) -> list[Block]:
    blocks: list[Block] = []
    open_list: ListBlock | None = None
    for el in elements:
        if el.tag == f"{W}tbl":
            open_list = None
            blocks.append(_table(doc, el))
            continue
        images = _images(el)
        spans = _spans(doc, el)
        has_text = any(s.text.strip() for s in spans)
        if el in layout.inner_headings and has_text:
            open_list = None
            level = 2 + layout.inner_headings[el] - layout.section_level
            blocks.append(SubHeading(min(level, 9), spans))
            continue
        kind = doc.list_kind(el)
        if kind is not None and has_text:
            if open_list is None or open_list.ordered != kind:
                open_list = ListBlock(kind, [])
                blocks.append(open_list)
            open_list.items.append([Paragraph(spans)])
            continue
        open_list = None
        if has_text:
            blocks.append(Paragraph(spans))
        blocks.extend(images)
    return blocks


def _table(doc: _Doc, tbl: Any) -> TableBlock:
    rows = [[[Span(_cell_text(tc))] for tc in _cells(tr)] for tr in tbl.iterchildren(f"{W}tr")]
    return TableBlock(rows[0] if rows else [], rows[1:])


def read_word_body(data: bytes) -> Body:
    """The body as the core reads it; the caller has refused a file ``docx_refusal`` refuses."""
    from ho21cli.render.inspect import take_docx

    document = take_docx(data)  # the one docx_refusal opened for the check, if it did; read, not changed
    doc = _Doc(document)
    layout = analyse(document)
    body = Body(intro=_to_blocks(doc, layout, layout.intro))
    for section in layout.sections:
        blocks = _to_blocks(doc, layout, section.elements)
        if is_forslag_title(section.title):
            body.forslag = (body.forslag or []) + blocks
        else:
            body.sections.append(Section(section.title, blocks))
    xml = document.part.blob if hasattr(document.part, "blob") else b""
    body.word = WordOrigin(
        data=data,
        typed_number=layout.typed_number,
        typed_title=layout.typed_title,
        tracked_changes=len(REVISION.findall(xml)),
        comments=len(COMMENT.findall(xml)),
    )
    return body


def revisions_and_comments(data: bytes) -> tuple[int, int]:
    """Tracked changes not yet accepted, and comments, in a .docx's main text."""
    import io
    import zipfile

    from ho21cli.render.inspect import main_part_name

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read(main_part_name(zf) or "word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return 0, 0
    return len(REVISION.findall(xml)), len(COMMENT.findall(xml))


# -- ready to merge into the innkalling ----------------------------------------------


def merge_ready(body: Body, numbers: dict[str, str]) -> Any:
    """The Word body as the innkalling shows it: sections as Heading 2, no header, no forslag."""
    from ho21cli.render.inspect import open_docx

    assert body.word is not None
    document = open_docx(body.word.data)
    layout = analyse(document)
    heading_ids = _HeadingStyles(document)
    children: list[Any] = _trimmed(layout.intro)
    for section in layout.sections:
        if is_forslag_title(section.title):
            continue
        children.append(_heading(heading_ids.id_of(2), section.title))
        children += _trimmed(section.elements)
    for p, level in layout.inner_headings.items():
        _set_style(p, heading_ids.id_of(min(2 + level - layout.section_level, 9)))
    root = document.element.body
    section_properties = root.find(f"{W}sectPr")
    for child in list(root):
        if child is not section_properties:
            root.remove(child)
    for child in children:
        if section_properties is not None:
            section_properties.addprevious(child)
        else:
            root.append(child)
    _tidy(root, numbers)
    return document


def _is_blank(el: Any) -> bool:
    return el.tag == f"{W}p" and not paragraph_text(el).strip() and not _images(el) and el.find(f".//{W}object") is None


def _trimmed(elements: list[Any]) -> list[Any]:
    """Without the empty paragraphs a section starts or ends with (a table cell's first line, say)."""
    first = next((i for i, el in enumerate(elements) if not _is_blank(el)), len(elements))
    last = next((i for i in range(len(elements) - 1, -1, -1) if not _is_blank(elements[i])), -1)
    return elements[first : last + 1]


class _HeadingStyles:
    def __init__(self, document: Any) -> None:
        from ho21cli.render.styles import style_names

        self.document = document
        self.ids = {name: sid for sid, name in style_names(document.styles.element) if name}

    def id_of(self, level: int) -> str:
        from docx.enum.style import WD_STYLE_TYPE

        name = f"Heading {level}"
        if name not in self.ids:  # merged by name: the innkalling's own Heading style is used
            self.ids[name] = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).style_id
        return self.ids[name]


def _heading(style_id: str, text: str) -> Any:
    from html import escape

    from docx.oxml import parse_xml

    return parse_xml(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{escape(style_id)}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _set_style(p: Any, style_id: str) -> None:
    """The heading's level is its style's: an outline level set on the paragraph would overrule it."""
    p_pr = p.get_or_add_pPr()
    p_pr.get_or_add_pStyle().set(f"{W}val", style_id)
    for outline in list(p_pr.iterchildren(f"{W}outlineLvl")):
        p_pr.remove(outline)


def _tidy(root: Any, numbers: dict[str, str]) -> None:
    """What a body must not bring into the innkalling: its own section breaks and comment
    marks (the comments themselves stay in the author's file); [[sak:id]] gets its number."""
    for sect_pr in list(root.iter(f"{W}sectPr")):
        if sect_pr.getparent() is not root:
            sect_pr.getparent().remove(sect_pr)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in list(root.iter(f"{W}{tag}")):
            el.getparent().remove(el)
    for ref in list(root.iter(f"{W}commentReference")):
        run = ref.getparent()
        run.getparent().remove(run)
    for p in root.iter(f"{W}p"):
        _resolve_references(p, numbers)


def _resolve_references(p: Any, numbers: dict[str, str]) -> None:
    """``[[sak:id]]`` written with the case's number, even when Word split it over runs:
    each reference's number goes where it starts, the rest of it is taken out."""
    texts = list(p.iter(f"{W}t"))
    joined = "".join(t.text or "" for t in texts)
    if "[[" not in joined:
        return
    hits = [(m.start(), m.end(), resolve_text(m.group(0), numbers)) for m in REFERENCE.finditer(joined)]
    hits = [h for h in hits if h[2] != joined[h[0] : h[1]]]
    if not hits:
        return
    start = 0
    for t in texts:
        text = t.text or ""
        end = start + len(text)
        pieces = []
        for i in range(start, end):
            hit = next((h for h in hits if h[0] <= i < h[1]), None)
            if hit is None:
                pieces.append(joined[i])
            elif i == hit[0]:
                pieces.append(hit[2])
        t.text = "".join(pieces)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        start = end
