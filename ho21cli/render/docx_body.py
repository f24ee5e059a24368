"""Write a case body (paragraphs, lists, tables, links) as WordprocessingML for a template.

Styles are looked up by name in the document being written, so a council's
own template decides how they look. Each Markdown list becomes its own Word
numbering instance, so a second numbered list starts at 1 again.

The body is written as XML text, not built element by element with python-docx:
the template is rendered as text and parsed once anyway (docxtpl), and building
the same paragraphs through python-docx's element API cost a third of a build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ho21cli.core.body import LINE_BREAK, Block, Image, ListBlock, Paragraph, Span, SubHeading, TableBlock
from ho21cli.errors import InputError
from ho21cli.i18n import _
from ho21cli.render.fragment import Fragment

LIST_STYLES = {
    False: ("List Bullet", "List Bullet 2", "List Bullet 3"),
    True: ("List Number", "List Number 2", "List Number 3"),
}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Every top-level element declares its own prefixes: a council's template need not declare r:.
TOP = f' xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
TABLE_WIDTH = 9072  # 16 cm in twentieths of a point, the text width of the bundled templates
MAX_IMAGE_EMU = 5580000  # 15.5 cm: an image is as wide as the text at most
LABEL_WIDTH = 2552  # 4.5 cm: the council's label column, wide enough for «Forslag til vedtak»
EMU_PER_TWIP = 635
# Characters XML 1.0 cannot carry at all; a body read from a file is cleaned the same way.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Look:
    """Direct formatting for a run, beyond what its span says."""

    italic: bool = False
    color: str | None = None  # "595959"
    highlight: str | None = None  # "yellow"


PLAIN = Look()


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return NOT_XML.sub("", text)


def attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


@dataclass
class NumberingState:
    """What a document's numbering part holds, read once: the next free ``w:numId``, where the
    next ``w:num`` goes, and the list behind each list style."""

    numbering: Any
    next_id: int
    last_num: Any  # the w:num (or w:abstractNum) a new w:num follows
    abstract_by_style: dict[str, str | None]

    @staticmethod
    def of(part: Any) -> NumberingState:
        state: NumberingState | None = getattr(part, "_ho21_numbering", None)
        if state is None:
            numbering = part.numbering_part.element
            nums = numbering.findall(f"{{{W_NS}}}num")
            ids = [int(n.get(f"{{{W_NS}}}numId", "0")) for n in nums]
            last = nums[-1] if nums else (numbering.findall(f"{{{W_NS}}}abstractNum") or [None])[-1]
            state = NumberingState(numbering, max(ids, default=0) + 1, last, {})
            part._ho21_numbering = state
        return state

    def abstract_of_style(self, part: Any, style_id: str) -> str | None:
        """The ``w:abstractNumId`` of the list a paragraph style is numbered with (None: not a list)."""
        if style_id not in self.abstract_by_style:
            self.abstract_by_style[style_id] = self._abstract_of(part, style_id)
        return self.abstract_by_style[style_id]

    def _abstract_of(self, part: Any, style_id: str) -> str | None:
        style = part.styles.element.get_by_id(style_id)
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        base = self.numbering.num_having_numId(num_pr.numId.val)
        return None if base is None else str(base.abstractNumId.val)

    def append(self, num: Any) -> None:
        if self.last_num is not None:
            self.last_num.addnext(num)
        else:
            self.numbering.insert(0, num)
        self.last_num = num


class BodyWriter:
    """Appends blocks to a :class:`Fragment` bound to the template's document part."""

    def __init__(
        self,
        fragment: Fragment,
        *,
        template_name: str = "template",
        images: dict[str, bytes] | None = None,
    ) -> None:
        self.fragment = fragment
        self.part = fragment.part
        self.template_name = template_name
        self.images = images or {}  # as written in the body -> the image, read with the body
        self.max_image_emu = MAX_IMAGE_EMU

    # -- public ---------------------------------------------------------

    def heading(self, text: str, level: int = 2) -> None:
        self._paragraph(f"Heading {min(level, 9)}", [Span(text)])

    def text(self, text: str, style: str | None = None, look: Look = PLAIN) -> None:
        """Plain text; each line becomes its own paragraph's line break."""
        self._paragraph(style, [Span(text)], look=look)

    def blocks(self, blocks: Sequence[Block], *, style: str | None = None) -> None:
        for block in blocks:
            self.block(block, style=style)

    def block(self, block: Block, *, style: str | None = None, depth: int = 0) -> None:
        if isinstance(block, Paragraph):
            self._paragraph(style, block.spans)
        elif isinstance(block, SubHeading):
            self._paragraph(f"Heading {min(block.level, 9)}", block.spans)
        elif isinstance(block, ListBlock):
            self._list(block, depth)
        elif isinstance(block, TableBlock):
            self._table(block)
        elif isinstance(block, Image):
            self._image(block)

    def labelled_sections(self, sections: Sequence[tuple[str, Sequence[Block]]]) -> None:
        """The council's layout: one table, a row per section, its name in a narrow left column.

        The name is still a Heading 2 paragraph, so Word's navigation pane, the PDF's
        bookmarks and screen readers find each section as they do in the heading layout.
        """
        text_width = TABLE_WIDTH - LABEL_WIDTH
        self.fragment.add(
            f'<w:tbl{TOP}><w:tblPr><w:tblW w:type="dxa" w:w="{TABLE_WIDTH}"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:firstColumn="1" w:firstRow="0" w:lastColumn="0" w:lastRow="0" w:noHBand="1" '
            f'w:noVBand="1" w:val="0080"/></w:tblPr><w:tblGrid><w:gridCol w:w="{LABEL_WIDTH}"/>'
            f'<w:gridCol w:w="{text_width}"/></w:tblGrid>'
        )
        self.max_image_emu = min(MAX_IMAGE_EMU, text_width * EMU_PER_TWIP)
        label_style = attribute(self._style_id("Heading 2"))
        for title, blocks in sections:
            self.fragment.add(f'<w:tr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{LABEL_WIDTH}"/></w:tcPr>')
            self.fragment.add(  # no space above, so the label stands level with its text
                f'<w:p><w:pPr><w:pStyle w:val="{label_style}"/><w:spacing w:before="0"/></w:pPr>'
                f"{self._runs([Span(title)], PLAIN)}</w:p>"
            )
            self.fragment.add(f'</w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{text_width}"/></w:tcPr>')
            self.blocks(blocks)
            if not blocks:
                self.fragment.add("<w:p/>")  # a cell must hold a paragraph
            self.fragment.add("</w:tc></w:tr>")
        self.fragment.add("</w:tbl>")
        self.max_image_emu = MAX_IMAGE_EMU

    def has_style(self, name: str) -> bool:
        return name in self._style_ids()

    # -- styles -----------------------------------------------------------

    def _style_ids(self) -> dict[str, str]:
        ids: dict[str, str] | None = getattr(self.part, "_ho21_style_ids", None)
        if ids is None:  # looked up once per document: python-docx's own lookup is slow
            from ho21cli.render.styles import style_names

            ids = {n: i for i, n in style_names(self.part.styles.element) if n}
            self.part._ho21_style_ids = ids
        return ids

    def _style_id(self, name: str) -> str:
        """The id of the style called ``name`` in the template (ids differ in localised Word)."""
        found = self._style_ids().get(name)
        if found is None:
            raise InputError(
                _("the Word template has no paragraph style «{style}»").format(style=name),
                where=self.template_name,
                fix=_("Add a style named «{style}» to the template (Word: Styles pane → New style).").format(
                    style=name
                ),
            )
        return found

    # -- paragraphs and runs ----------------------------------------------

    def _paragraph(
        self, style: str | None, spans: Sequence[Span], *, num_id: int | None = None, look: Look = PLAIN
    ) -> None:
        self.fragment.add(f"<w:p{TOP}>{self._paragraph_inner(style, spans, num_id=num_id, look=look)}</w:p>")

    def _paragraph_inner(
        self,
        style: str | None,
        spans: Sequence[Span],
        *,
        num_id: int | None = None,
        look: Look = PLAIN,
        bold: bool = False,
    ) -> str:
        props = ""
        if style:
            props += f'<w:pStyle w:val="{attribute(self._style_id(style))}"/>'
        if num_id is not None:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return (f"<w:pPr>{props}</w:pPr>" if props else "") + self._runs(spans, look, bold=bold)

    def _runs(self, spans: Sequence[Span], look: Look, *, bold: bool = False) -> str:
        out = []
        for i, span in enumerate(spans):
            if span.line_break and i:
                out.append("<w:r><w:br/></w:r>")
            if span.link:
                r_id = self.part.relate_to(span.link, HYPERLINK, is_external=True)
                style = "Hyperlink" if self.has_style("Hyperlink") else None
                run = _run(span, look, bold=bold, style=self._style_id(style) if style else None, underline=not style)
                out.append(f'<w:hyperlink r:id="{attribute(r_id)}">{run}</w:hyperlink>')
            else:
                out.append(_run(span, look, bold=bold))
        return "".join(out)

    def _image(self, image: Image) -> None:
        """A picture, as wide as the text at most, with its alt text for screen readers."""
        import io

        from lxml import etree

        data = self.images.get(image.src)
        if data is None:  # the check reports it; a draft shows where it goes
            self.text(f"[Bilde mangler: {image.src}]")
            return
        try:
            inline = self.part.new_pic_inline(io.BytesIO(data), None, None)
        except Exception as exc:  # python-docx raises its own types for unknown formats
            raise InputError(
                _("not an image Word can show ({error})").format(error=exc), where=image.src, fix=_("Use PNG or JPEG.")
            ) from None
        extent = inline.extent
        widest = self.max_image_emu
        if extent.cx > widest:
            cy = int(extent.cy * widest / extent.cx)
            extent.cx, extent.cy = widest, cy
            pic_extent = inline.graphic.graphicData.pic.spPr.xfrm.ext
            pic_extent.cx, pic_extent.cy = widest, cy
        inline.docPr.set("descr", image.alt or Path(image.src).stem)
        drawing = etree.tostring(inline, encoding="unicode")
        self.fragment.add(f"<w:p{TOP}><w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>")

    # -- lists ----------------------------------------------------------

    def _list(self, block: ListBlock, depth: int) -> None:
        style = LIST_STYLES[block.ordered][min(depth, 2)]
        num_id = self._new_numbering(style, block.start) if block.ordered else None
        for item in block.items:
            first = True
            for sub in item:
                if isinstance(sub, ListBlock):
                    self._list(sub, depth + 1)
                elif isinstance(sub, Paragraph) and first:
                    self._paragraph(style, sub.spans, num_id=num_id)
                    first = False
                else:
                    self.block(sub, style="List Continue" if self.has_style("List Continue") else None, depth=depth + 1)

    def _new_numbering(self, style_name: str, start: int) -> int | None:
        """A fresh ``w:num`` on the style's list, restarting at ``start``.

        python-docx's ``add_num`` looks for a free id among all ``w:num`` each time, which
        makes a meeting of many numbered lists quadratic; the numbering is looked at once
        per document here (``NumberingState``) and each new list costs the same.
        """
        from docx.oxml import parse_xml

        state = NumberingState.of(self.part)
        abstract = state.abstract_of_style(self.part, self._style_id(style_name))
        if abstract is None:
            return None
        num_id = state.next_id
        state.next_id += 1
        num = parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
        state.append(num)
        return num_id

    # -- tables -----------------------------------------------------------

    def _table(self, block: TableBlock) -> None:
        cols = max([len(block.header)] + [len(r) for r in block.rows])
        rows = ([block.header] if block.header else []) + block.rows
        width = TABLE_WIDTH // cols
        style = (
            f'<w:tblStyle w:val="{attribute(self._style_id("Table Grid"))}"/>' if self.has_style("Table Grid") else ""
        )
        out = [
            f'<w:tbl{TOP}><w:tblPr>{style}<w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
            f'<w:gridCol w:w="{width}"/>' * cols,
            "</w:tblGrid>",
        ]
        for r, row in enumerate(rows):
            header = r == 0 and bool(block.header)
            out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else "<w:tr>")
            for c in range(cols):
                spans = row[c] if c < len(row) else []
                inner = self._paragraph_inner(None, spans, bold=header)
                out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p>{inner}</w:p></w:tc>')
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.fragment.add("".join(out))
        self.fragment.add(f"<w:p{TOP}/>")  # Word needs a paragraph between adjacent tables


def _run(span: Span, look: Look, *, bold: bool = False, style: str | None = None, underline: bool = False) -> str:
    props = [
        f'<w:rStyle w:val="{attribute(style)}"/>' if style else "",
        '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if span.code else "",
        "<w:b/>" if span.bold or bold else "",
        "<w:i/>" if span.italic or look.italic else "",
        f'<w:color w:val="{look.color}"/>' if look.color else "",
        f'<w:highlight w:val="{look.highlight}"/>' if look.highlight else "",
        '<w:u w:val="single"/>' if underline else "",
    ]
    rpr = "".join(props)
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{_content(span.text)}</w:r>"


def _content(text: str) -> str:
    """Text, line breaks and tabs as Word writes them in a run."""
    out = []
    for i, line in enumerate(text.replace(LINE_BREAK, "\n").split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(out)
