"""The oppfølgingsliste as a Word document, fit to go into the next innkalling as a vedlegg.

A real Heading 1 (the build moves a vedlegg's headings under its «Vedlegg N»),
the language nb-NO, a title in the document's properties (the vedlegg's title
when it is added), and one table whose header row repeats on every page.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from ho21cli.core.followup import FollowUpItem, FollowUpList, coverage_text, missing_text, status_text
from ho21cli.core.model import Profile
from ho21cli.render.docs import set_core_properties, set_default_language

COLUMNS = ("Sak", "Vedtak", "Ansvarlig", "Frist", "Status")
WIDTHS_CM = (3.2, 6.6, 3.0, 2.2, 2.0)  # 17 cm: A4 with 2 cm margins
NOT_NAMED = "ikke angitt"


def followup_docx(followups: FollowUpList, profile: Profile, *, made: date) -> bytes:
    import docx
    from docx.shared import Cm

    title = f"Oppfølgingsliste {followups.year}"
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    set_core_properties(doc, title=title, subject=profile.name)
    set_default_language(doc, "nb-NO")
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"{profile.name}. {coverage_text(followups, made=made)}")
    missing = missing_text(followups)
    if missing:
        doc.add_paragraph(missing)
    if followups.items:
        _table(doc, followups.items)
    else:
        doc.add_paragraph("Ingen godkjente vedtak gir noen en oppgave.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: Any, items: tuple[FollowUpItem, ...]) -> None:
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(COLUMNS))
    if any(style.name == "Table Grid" for style in doc.styles):
        table.style = doc.styles["Table Grid"]
    header = table.rows[0]
    for cell, text in zip(header.cells, COLUMNS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_as_header(header)
    for item in items:
        cells = table.add_row().cells
        _lines(cells[0], [item.number, item.title, f"møte {item.meeting_label}"], bold_first=True)
        _lines(cells[1], item.vedtak.split("\n"))
        _lines(cells[2], list(item.task.who) or [NOT_NAMED])
        _lines(cells[3], [item.task.due.text if item.task.due else "–"])
        _lines(cells[4], [status_text(item.followup)])
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows; Word follows the cells
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def _lines(cell: Any, lines: list[str], *, bold_first: bool = False) -> None:
    """One paragraph per line (the cell's own first paragraph, then new ones)."""
    lines = [line.strip() for line in lines if line.strip()] or ["–"]
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(line).bold = bold_first and i == 0


def _repeat_as_header(row: Any) -> None:
    """``w:tblHeader``: Word repeats the row on every page, and screen readers read it as the header."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
