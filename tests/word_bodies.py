"""Saksfremlegg bodies written in Word, as case officers make them (python-docx, as Word saves).

Three layouts: sections as Heading-styled paragraphs, sections as bold labels,
and the council's own label | text table with a header block above it.
Each carries paragraphs with bold, italic and a link, a numbered and a
bulleted list, a table, an image with alt text and a footnote.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tests.makers import png

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_TEXT = "Meld. St. 9 (2024–2025), kapittel 3."
LINK = "https://www.regjeringen.no/helsereform"
ALT = "Søyler: følgere per måned, 2025"


def _footnotes_part(document: Any) -> Any:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {FOOTNOTE_TEXT}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def add_footnote(document: Any, paragraph: Any) -> None:
    from docx.oxml import parse_xml

    _footnotes_part(document)
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )


def add_link(paragraph: Any, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text)
    link.append(run._r)
    paragraph._p.append(link)


def _bakgrunn(document: Any, container: Any) -> None:
    p = container.add_paragraph("Regjeringen satte ned ")
    p.add_run("Helsereformutvalget").bold = True
    p.add_run(" i 2025. Se ")
    p.add_run("Meld. St. 9").italic = True
    p.add_run(" og ")
    add_link(p, "regjeringens side", LINK)
    p.add_run(".")
    add_footnote(document, p)


def _hovedpunkter(document: Any, container: Any, *, with_image: bool = True) -> None:
    container.add_paragraph("Spørsmål til rådet:")
    for text in ("Hvilke sektorer skal være med?", "Hvem leder arbeidsgruppen?", "Når skal innspillet være klart?"):
        container.add_paragraph(text, style="List Number")
    for text in ("Kommunene", "Spesialisthelsetjenesten"):
        container.add_paragraph(text, style="List Bullet")
    table = container.add_table(rows=3, cols=2)
    table.style = document.styles["Table Grid"]
    for r, (a, b) in enumerate((("Sektor", "Representant"), ("Kommune", "KS"), ("Forskning", "UiO"))):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    if with_image:
        run = container.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(png(40, 20, (200, 40, 40))))
        shape._inline.docPr.set("descr", ALT)


FORSLAG = "Det settes ned en arbeidsgruppe med representanter fra rådets ulike sektorer."


def heading_body(path: Path, *, number: str = "", title: str = "Helsereformutvalget") -> Path:
    """Sections as Heading 1 paragraphs (any level works; the top one starts a section)."""
    import docx

    document = docx.Document()
    if number:
        document.add_paragraph(f"{number} {title}", style="Title")
    document.add_heading("Bakgrunn", 1)
    _bakgrunn(document, document)
    document.add_heading("Hovedpunkter", 1)
    _hovedpunkter(document, document)
    document.add_heading("Underpunkt om tidsplan", 2)
    document.add_paragraph("Innspillet skal være klart til sommeren.")
    document.add_heading("Forslag til vedtak", 1)
    document.add_paragraph(FORSLAG)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def bold_label_body(path: Path) -> Path:
    """Sections as short bold lines, as many case officers write them."""
    import docx

    document = docx.Document()
    for label, fill in (("Bakgrunn", _bakgrunn), ("Hovedpunkter:", _hovedpunkter)):
        document.add_paragraph().add_run(label).bold = True
        fill(document, document)
    document.add_paragraph().add_run("Forslag til vedtak").bold = True
    document.add_paragraph(FORSLAG)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def table_body(path: Path, *, number: str = "Sak 6/1/2026", title: str = "Helsereformutvalget") -> Path:
    """The council's own saksfremlegg: a header block, then a label | text table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Saksfremlegg", style="Subtitle")
    header = document.add_table(rows=2, cols=4)
    for r, row in enumerate(
        (
            ("Sak", number, "Saksbehandler", "Henrietta Blankson"),
            ("Til", "HelseOmsorg21-rådet", "Fra", "Ole Johan Borge"),
        )
    ):
        for c, text in enumerate(row):
            header.cell(r, c).text = text
    header.cell(0, 1).text = f"{number} {title}"
    document.add_paragraph()
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Table Grid"]
    for r, label in enumerate(("Bakgrunn", "Hovedpunkter", "Forslag til vedtak")):
        table.cell(r, 0).paragraphs[0].add_run(label).bold = True
    cell = table.cell(0, 1)
    cell.paragraphs[0].text = ""
    _bakgrunn(document, cell)
    _hovedpunkter(document, table.cell(1, 1))
    table.cell(2, 1).paragraphs[0].text = FORSLAG
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
