"""Write a case body (paragraphs, lists, tables, links) into a Word document.

Styles are looked up by name in the document being written, so a council's
own template decides how they look. Each Markdown list becomes its own Word
numbering instance, so a second numbered list starts at 1 again.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from ho21cli.core.body import LINE_BREAK, Block, Image, ListBlock, Paragraph, Span, SubHeading, TableBlock
from ho21cli.errors import InputError

LIST_STYLES = {
    False: ("List Bullet", "List Bullet 2", "List Bullet 3"),
    True: ("List Number", "List Number 2", "List Number 3"),
}


class BodyWriter:
    """Appends blocks to ``container`` (a Document, a docxtpl Subdoc or a table cell)."""

    def __init__(
        self,
        container: Any,
        *,
        section_style: str = "Heading 2",
        template_name: str = "template",
        images: dict[str, bytes] | None = None,
    ) -> None:
        self.container = container
        self.part = container.part
        self.section_style = section_style
        self.template_name = template_name
        self.images = images or {}  # as written in the body -> the image, read with the body

    # -- public ---------------------------------------------------------

    def heading(self, text: str, level: int = 2) -> DocxParagraph:
        return self._paragraph(f"Heading {min(level, 9)}", [Span(text)])

    def text(self, text: str, style: str | None = None) -> DocxParagraph:
        """Plain text; each line becomes its own paragraph's line break."""
        return self._paragraph(style, [Span(text)])

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

    # -- paragraphs and runs ----------------------------------------------

    def _style_id(self, name: str) -> str:
        """The id of the style called ``name`` in the template (ids differ in localised Word)."""
        ids: dict[str, str] | None = getattr(self.part, "_ho21_style_ids", None)
        if ids is None:  # looked up once per document: python-docx's own lookup is slow
            from ho21cli.render.compose import style_names

            ids = {n: i for i, n in style_names(self.part.styles.element) if n}
            self.part._ho21_style_ids = ids
        if name not in ids:
            raise InputError(
                f"the Word template has no paragraph style «{name}»",
                where=self.template_name,
                fix=f"Add a style named «{name}» to the template (Word: Styles pane → New style).",
            )
        return ids[name]

    def _style_element(self, name: str) -> Any:
        return self.part.styles.element.get_by_id(self._style_id(name))

    def _paragraph(self, style: str | None, spans: Sequence[Span]) -> DocxParagraph:
        p = self.container.add_paragraph()
        if style:
            p._p.style = self._style_id(style)
        self._runs(p, spans)
        return p  # type: ignore[no-any-return]

    def _runs(self, p: DocxParagraph, spans: Sequence[Span]) -> None:
        for span in spans:
            if span.line_break and p.runs:
                p.add_run().add_break()
            if span.link:
                self._hyperlink(p, span)
                continue
            self._add_text_run(p, span)

    @staticmethod
    def _add_text_run(p: DocxParagraph, span: Span) -> None:
        lines = span.text.replace(LINE_BREAK, "\n").split("\n")
        if "\t" in span.text:  # python-docx writes tabs as w:tab, one character at a time
            run = p.add_run(lines[0])
            for line in lines[1:]:
                run.add_break()
                run.add_text(line)
        else:  # the same elements, written at once: python-docx's text setter was a tenth of a build
            run = p.add_run()
            for i, line in enumerate(lines):
                if i:
                    run._r.add_br()
                if line:
                    run._r.add_t(line)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if span.code:
            run.font.name = "Consolas"

    def _hyperlink(self, p: DocxParagraph, span: Span) -> None:
        assert span.link is not None
        r_id = self.part.relate_to(span.link, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run = p.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if self.has_style("Hyperlink"):
            run._r.style = self._style_id("Hyperlink")
        else:
            run.font.underline = True
        link.append(run._r)  # move the run into the hyperlink
        p._p.append(link)

    def _image(self, image: Image) -> None:
        """A picture, as wide as the text at most, with its alt text for screen readers."""
        import io

        from docx.shared import Cm

        data = self.images.get(image.src)
        if data is None:  # the check reports it; a draft shows where it goes
            self.text(f"[Bilde mangler: {image.src}]")
            return
        run = self.container.add_paragraph().add_run()
        try:
            shape = run.add_picture(io.BytesIO(data))
        except Exception as exc:  # python-docx raises its own types for unknown formats
            raise InputError(f"not an image Word can show ({exc})", where=image.src, fix="Use PNG or JPEG.") from None
        if shape.width > Cm(15.5):
            shape.height = int(shape.height * Cm(15.5) / shape.width)
            shape.width = Cm(15.5)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", image.alt or Path(image.src).stem)

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
                    p = self._paragraph(style, sub.spans)
                    if num_id is not None:
                        self._set_num(p, num_id)
                    first = False
                else:
                    self.block(sub, style="List Continue" if self.has_style("List Continue") else None, depth=depth + 1)

    def has_style(self, name: str) -> bool:
        try:
            self._style_id(name)
        except InputError:
            return False
        return True

    def _new_numbering(self, style_name: str, start: int) -> int | None:
        """A fresh ``w:num`` on the style's list, restarting at ``start``."""
        style = self._style_element(style_name)
        num_pr = style.pPr.numPr if style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.part.numbering_part.element
        base = numbering.num_having_numId(num_pr.numId.val)
        num = numbering.add_num(base.abstractNumId.val)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        return int(num.numId)

    @staticmethod
    def _set_num(p: DocxParagraph, num_id: int) -> None:
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id

    # -- tables -----------------------------------------------------------

    def _table(self, block: TableBlock) -> None:
        cols = max([len(block.header)] + [len(r) for r in block.rows])
        rows = ([block.header] if block.header else []) + block.rows
        table = self.container.add_table(rows=len(rows), cols=cols)
        if self.has_style("Table Grid"):
            table._tbl.tblStyle_val = self._style_id("Table Grid")
        for r, row in enumerate(rows):
            for c in range(cols):
                cell = table.cell(r, c)
                spans = row[c] if c < len(row) else []
                para = cell.paragraphs[0]
                self._runs(para, [copy.copy(s) for s in spans])
                if r == 0 and block.header:
                    for run in para.runs:
                        run.bold = True
        if block.header:
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        self.container.add_paragraph()  # Word needs a paragraph between adjacent tables
