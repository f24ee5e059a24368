"""Build the bundled Word templates in templates/ (run after changing this file).

The templates are data: a council can replace any of them through the
profile's [templates] table. This script only makes ho21's own defaults, with
python-docx, so that their styles are real Word styles (Heading 1-3, List
Bullet, List Number, Table Grid) and their language is Norwegian bokmål.

    python tools/make_templates.py
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import CharacterStyle
from docx.table import Table, _Cell, _Row

OUT = Path(__file__).resolve().parent.parent / "templates"
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
INK = RGBColor(0x1F, 0x2A, 0x44)  # dark blue-black, contrast ratio > 12:1 on white


def base_document() -> docx.document.Document:
    doc = docx.Document()
    _norwegian_defaults(doc)
    _styles(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    _header(doc)
    # python-docx's default template starts with no paragraphs we want.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _norwegian_defaults(doc: docx.document.Document) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "nb-NO")
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = parse_xml(f"<w:themeFontLang {nsdecls('w')}/>")
        settings.append(theme)
    theme.set(qn("w:val"), "nb-NO")


def _font(
    style: CharacterStyle, size: float, *, bold: bool = False, italic: bool = False, color: RGBColor = INK
) -> None:
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color


def _styles(doc: docx.document.Document) -> None:
    s = doc.styles
    _font(s["Normal"], 11)
    s["Normal"].paragraph_format.space_after = Pt(6)
    s["Normal"].paragraph_format.line_spacing = 1.08
    _font(s["Title"], 20, bold=True)
    s["Title"].paragraph_format.space_after = Pt(4)
    title_ppr = s["Title"].element.get_or_add_pPr()
    border = title_ppr.find(qn("w:pBdr"))
    if border is not None:
        title_ppr.remove(border)
    _font(s["Subtitle"], 13, color=INK)
    for name, size, before, after in (("Heading 1", 15, 0, 10), ("Heading 2", 12, 12, 4), ("Heading 3", 11, 10, 2)):
        _font(s[name], size, bold=True)
        pf = s[name].paragraph_format
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        pf.keep_with_next = True
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        _font(s[name], 11)
        s[name].paragraph_format.space_after = Pt(3)
    _font(s["Header"], 9, color=RGBColor(0x44, 0x4B, 0x5A))
    _font(s["Footer"], 9, color=RGBColor(0x44, 0x4B, 0x5A))
    if "Hyperlink" not in [st.name for st in s]:
        link = s.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x0B, 0x4F, 0x9C)
        link.font.underline = True
    label = s.add_style("Feltnavn", WD_STYLE_TYPE.PARAGRAPH)  # the labels of the header block
    label.base_style = s["Normal"]
    _font(label, 10, bold=True)
    label.paragraph_format.space_after = Pt(0)
    value = s.add_style("Feltverdi", WD_STYLE_TYPE.PARAGRAPH)
    value.base_style = s["Normal"]
    _font(value, 10)
    value.paragraph_format.space_after = Pt(0)
    vedtak = s.add_style("Vedtak", WD_STYLE_TYPE.PARAGRAPH)  # the council writes vedtak in italics
    vedtak.base_style = s["Normal"]
    _font(vedtak, 11, italic=True)


def _header(doc: docx.document.Document) -> None:
    """«HO21 møte 1/2026» to the left, «side N av M» to the right, on every page."""
    header = doc.sections[0].header
    p = header.paragraphs[0]
    p.style = doc.styles["Header"]
    style_tabs = doc.styles["Header"].element.pPr.find(qn("w:tabs"))
    if style_tabs is not None:  # the default template's centre tab would catch our one tab
        doc.styles["Header"].element.pPr.remove(style_tabs)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)
    p.add_run("{{ topptekst }}\tside ")
    p._p.append(_field("PAGE"))
    p.add_run(" av ")
    p._p.append(_field("NUMPAGES"))


def _field(instr: str) -> BaseOxmlElement:
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="{instr}">'
        "<w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>"
    )


def _no_borders(table: Table) -> None:
    tblpr = table._tbl.tblPr
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        )
    )


def _widths(table: Table, widths: tuple[Length, ...]) -> None:
    """Fixed column widths that both Word and LibreOffice honour (tblGrid + tcW)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _mark_header_row(row: _Row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def _cell(cell: _Cell, text: str, style: str) -> None:
    part = cell.part
    assert isinstance(part, DocumentPart)  # the templates' tables are all in the body
    p = cell.paragraphs[0]
    p.style = part.document.styles[style]
    p.add_run(text)


def saksfremlegg() -> docx.document.Document:
    doc = base_document()
    doc.add_paragraph("Saksfremlegg", style="Subtitle")
    doc.add_paragraph("{{ sak.nummer }} {{ sak.tittel }}", style="Heading 1")
    doc.add_paragraph("{%p if sak.ettersendes %}")
    doc.add_paragraph("Saksfremlegg ettersendes.", style="Subtitle")
    doc.add_paragraph("{%p endif %}")
    table = doc.add_table(rows=2, cols=4)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    cells = (
        ("Til", "{{ til }}", "Saksbehandler", "{{ sak.saksbehandlere }}"),
        ("Fra", "{{ fra }}", "Vedlegg", "{{r sak.vedleggliste }}"),
    )
    for row, texts in zip(table.rows, cells, strict=True):
        for i, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            _cell(cell, text, "Feltnavn" if i % 2 == 0 else "Feltverdi")
    _widths(table, (Cm(1.4), Cm(6.1), Cm(2.8), Cm(5.7)))
    doc.add_paragraph("{{p sak.innhold }}")
    doc.add_paragraph("{%p if sak.har_forslag %}")
    doc.add_paragraph("Forslag til vedtak", style="Heading 2")
    doc.add_paragraph("{{p sak.forslag }}")
    doc.add_paragraph("{%p endif %}")
    return doc


def innkalling() -> docx.document.Document:
    doc = base_document()
    doc.add_paragraph("{{ rad }}", style="Title")
    doc.add_paragraph("Innkalling til møte {{ mote.nummer }}", style="Subtitle")
    facts = doc.add_table(rows=3, cols=2)
    _no_borders(facts)
    for row, (label, value) in zip(
        facts.rows,
        (("Dato", "{{ mote.dato }}, {{ mote.tid }}"), ("Sted", "{{ mote.sted }}"), ("", "{{ mote.adresse }}")),
        strict=True,
    ):
        _cell(row.cells[0], label, "Feltnavn")
        _cell(row.cells[1], value, "Feltverdi")
    _widths(facts, (Cm(2.0), Cm(14.0)))
    doc.add_paragraph("Saksliste", style="Heading 1")
    agenda = doc.add_table(rows=3, cols=2)
    agenda.style = doc.styles["Table Grid"]
    _mark_header_row(agenda.rows[0])
    _cell(agenda.rows[0].cells[0], "Sak", "Feltnavn")
    _cell(agenda.rows[0].cells[1], "Tittel", "Feltnavn")
    agenda.rows[1].cells[0].paragraphs[0].add_run("{%tr for s in saker %}")
    _cell(agenda.rows[2].cells[0], "{{ s.nummer }}", "Feltverdi")
    _cell(
        agenda.rows[2].cells[1],
        "{{ s.tittel }}{% if s.ettersendes %} (ettersendes){% endif %}{% if s.tid %} (kl. {{ s.tid }}){% endif %}",
        "Feltverdi",
    )
    extra = agenda.add_row()
    extra.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _widths(agenda, (Cm(3.2), Cm(12.8)))
    return doc


def referat() -> docx.document.Document:
    doc = base_document()
    doc.add_paragraph("{{ rad }}, referat møte {{ mote.nummer }}", style="Title")
    doc.add_paragraph("{%p if utkast %}")
    doc.add_paragraph("Utkast", style="Subtitle")
    doc.add_paragraph("{%p endif %}")
    rows = (
        ("Dato", "{{ mote.dato_stor }}\n{{ mote.tid }}"),
        ("Sted", "{{ mote.sted }}{% if mote.adresse %}\n{{ mote.adresse }}{% endif %}"),
        ("Til stede", "{{r til_stede }}"),
        ("Observatører", "{{r observatorer }}"),
        ("{%tr if har_gjester %}", ""),
        ("Gjester", "{{r gjester }}"),
        ("{%tr endif %}", ""),
        ("Forfall", "{{r forfall }}"),
        ("{{ sekretariat_tittel }}", "{{r sekretariatet }}"),
    )
    facts = doc.add_table(rows=len(rows), cols=2)
    _no_borders(facts)
    for row, (label, value) in zip(facts.rows, rows, strict=True):
        if label.startswith("{%tr"):
            row.cells[0].paragraphs[0].add_run(label)
            continue
        _cell(row.cells[0], label, "Feltnavn")
        lines = value.split("\n")
        _cell(row.cells[1], lines[0], "Feltverdi")
        for line in lines[1:]:
            row.cells[1].paragraphs[0].runs[-1].add_break()
            row.cells[1].paragraphs[0].add_run(line)
        for p in row.cells[1].paragraphs + row.cells[0].paragraphs:
            p.paragraph_format.space_after = Pt(6)
    _widths(facts, (Cm(4.0), Cm(12.0)))
    doc.add_paragraph("{%p for s in saker %}")
    doc.add_paragraph("{{ s.nummer }} {{ s.tittel }}", style="Heading 1")
    doc.add_paragraph("{{p s.innhold }}")
    vedtak_label = doc.add_paragraph("Vedtak", style="Feltnavn")
    vedtak_label.paragraph_format.space_before = Pt(6)
    vedtak_label.paragraph_format.keep_with_next = True
    doc.add_paragraph("{{p s.vedtak }}")
    doc.add_paragraph("{%p endfor %}")
    return doc


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in (("saksfremlegg", saksfremlegg), ("innkalling", innkalling), ("referat", referat)):
        doc = build()
        doc.core_properties.title = "{{ dokumenttittel }}"
        doc.core_properties.author = "ho21"
        doc.core_properties.language = "nb-NO"
        doc.save(str(OUT / f"{name}.docx"))
        print(OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
