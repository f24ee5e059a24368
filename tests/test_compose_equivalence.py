"""ho21's style shortcut (ho21cli.render.compose.ShortcutComposer) gives the same .docx as docxcompose's own.

Each case composes the same inputs twice, once with ``ho21cli.render.compose.ShortcutComposer``
(its style proxies forced on, whatever docxcompose is installed) and once with stock
``docxcompose.composer.Composer``, saves both and compares the two packages part by part:
the same part names, XML parts equal after C14N canonicalisation, other parts byte for
byte. A mismatch names the part and shows a unified diff of the pretty-printed XML.

Random ids: docxcompose gives every <w:abstractNum> it copies a fresh random <w:nsid>
(``random.random()`` in docxcompose.composer). Each composition here runs with that
module's ``random`` replaced by ``random.Random(SEED)``, so both composers draw the same
numbers in the same order; a composer that copied different lists would still differ.
Nothing else in docxcompose or python-docx is random or time-dependent for these inputs
(python-docx keeps core.xml as loaded; zip timestamps are not compared).

The inputs are built here with python-docx (plus a little raw XML for what python-docx
cannot write: footnotes, renamed style ids, styles without a name or id), and the real
vedlegg of the bundled example are composed into templates/innkalling.docx.
"""

from __future__ import annotations

import difflib
import functools
import gc
import io
import random
import re
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import docxcompose.composer
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from ho21cli.render import compose, styles
from tests.makers import png

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "innkalling.docx"
VEDLEGG = sorted((REPO / "examples" / "kilde" / "vedlegg").glob("*.docx"))
SEED = 2026
INSERT_AT = 1  # body index for insert(): after the master's first block
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ------------------------------------------------------------------ small helpers


def saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_style_xml(document: Any, xml: str) -> None:
    document.styles.element.append(parse_xml(f"<w:style {nsdecls('w')} {xml}</w:style>"))


def styled(document: Any, text: str, style_id: str) -> None:
    """A paragraph whose pStyle is `style_id` as written (python-docx wants names)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{style_id}"/>'))


def rename_style_ids(document: Any, renames: dict[str, str]) -> None:
    """What Word in another language writes: the same style names under other ids."""
    for element in (document.styles.element, document.element.body):
        for node in element.iter():
            if node.tag == f"{W}style" and node.get(f"{W}styleId") in renames:
                node.set(f"{W}styleId", renames[node.get(f"{W}styleId")])
            elif node.tag in {f"{W}pStyle", f"{W}rStyle", f"{W}tblStyle", f"{W}basedOn", f"{W}link", f"{W}next"}:
                value = node.get(f"{W}val")
                if value in renames:
                    node.set(f"{W}val", renames[value])


def add_numbering(document: Any, abstract_id: int, num_id: int, fmt: str, nsid: str) -> None:
    """A <w:abstractNum> (with a nsid, so docxcompose gives its copy a random one) and its <w:num>."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{"•" if fmt == "bullet" else f"%{i + 1}."}"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i in range(2)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )
    numbering.insert(numbering.index(numbering.xpath("w:num")[0]), abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )


def numbered(document: Any, text: str, num_id: int, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def hyperlink(paragraph: Any, text: str, *, url: str | None = None, anchor: str | None = None) -> None:
    link = OxmlElement("w:hyperlink")
    if url is not None:
        link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    link.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{text}</w:t></w:r>'))
    paragraph._p.append(link)


def bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>'))
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>'))


# ------------------------------------------------------------------ masters


def master_blank() -> bytes:
    """python-docx's template with a header, a custom style, a list and a table."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "HelseOmsorg21-rådet"
    doc.sections[0].footer.paragraphs[0].text = "Side"
    merknad = doc.styles.add_style("Merknad", WD_STYLE_TYPE.PARAGRAPH)
    merknad.font.italic = True
    summary = doc.styles.add_style("Oppsummering", WD_STYLE_TYPE.PARAGRAPH)
    summary.font.size = Pt(13)
    doc.add_heading("Innkalling", 0)
    doc.add_paragraph("Innledning.")
    doc.add_paragraph("En merknad i hoveddokumentet.", style="Merknad")
    doc.add_paragraph("Først", style="List Number")
    doc.add_paragraph("Så", style="List Number")
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    table.cell(0, 0).text = "Sak"
    doc.add_paragraph("Slutt.")
    return saved(doc)


def master_odd() -> bytes:
    """Styles python-docx itself never writes: two with one name, one without a name, one without an id."""
    doc = docx.Document()
    add_style_xml(
        doc, 'w:type="paragraph" w:styleId="Sitat"><w:name w:val="Sitat"/><w:pPr><w:ind w:left="567"/></w:pPr>'
    )
    add_style_xml(doc, 'w:type="paragraph" w:styleId="Sitat2"><w:name w:val="Sitat"/><w:rPr><w:i/></w:rPr>')
    add_style_xml(doc, 'w:type="paragraph" w:styleId="Navnlos"><w:rPr><w:b/></w:rPr>')
    add_style_xml(doc, 'w:type="paragraph"><w:name w:val="Uten id"/><w:rPr><w:u w:val="single"/></w:rPr>')
    doc.add_paragraph("Hoveddokument med rare stiler.")
    styled(doc, "Sitat fra hoveddokumentet.", "Sitat")
    return saved(doc)


def master_innkalling() -> bytes:
    return TEMPLATE.read_bytes()


# ------------------------------------------------------------------ appended documents


def doc_headings() -> bytes:
    """Built-in paragraph and character styles the master has as well."""
    doc = docx.Document()
    doc.add_heading("Notat", 0)
    for level in (1, 2, 3):
        doc.add_heading(f"Overskrift på nivå {level}", level)
        paragraph = doc.add_paragraph("Tekst med ")
        paragraph.add_run("sterk", style="Strong")
        paragraph.add_run(" og ")
        paragraph.add_run("utheving", style="Emphasis")
    doc.add_paragraph("Et sitat.", style="Quote")
    doc.add_paragraph("Et sterkt sitat.", style="Intense Quote")
    doc.add_paragraph("Figur 1: bildetekst", style="Caption")
    return saved(doc)


def doc_only_here() -> bytes:
    """Styles only this document has: paragraph (linked to a character style, numbered), character, table."""
    doc = docx.Document()
    body = doc.styles.add_style("Vedleggstekst", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = doc.styles["Normal"]
    body.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
    body.element.append(parse_xml(f'<w:link {nsdecls("w")} w:val="VedleggstekstTegn"/>'))
    add_style_xml(
        doc,
        'w:type="character" w:customStyle="1" w:styleId="VedleggstekstTegn"><w:name w:val="Vedleggstekst Tegn"/>'
        '<w:link w:val="Vedleggstekst"/><w:rPr><w:color w:val="1F2A44"/></w:rPr>',
    )
    add_numbering(doc, 20, 20, "upperLetter", "1A2B3C4D")
    add_style_xml(
        doc,
        'w:type="paragraph" w:customStyle="1" w:styleId="Punkt"><w:name w:val="Punkt"/>'
        '<w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr>',
    )
    marked = doc.styles.add_style("Markert", WD_STYLE_TYPE.CHARACTER)
    marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
    grid = doc.styles.add_style("Vedleggstabell", WD_STYLE_TYPE.TABLE)
    grid.base_style = doc.styles["Table Grid"]
    doc.add_paragraph("Tekst i en egen stil.", style="Vedleggstekst")
    doc.add_paragraph("Første punkt", style="Punkt")
    doc.add_paragraph("Andre punkt", style="Punkt")
    doc.add_paragraph("Noe ").add_run("markert", style="Markert")
    table = doc.add_table(rows=2, cols=2, style="Vedleggstabell")
    table.cell(1, 1).text = "celle"
    return saved(doc)


def doc_same_name() -> bytes:
    """A custom style with the master's name and id but another definition, and one with the master's name but another id."""
    doc = docx.Document()
    merknad = doc.styles.add_style("Merknad", WD_STYLE_TYPE.PARAGRAPH)
    merknad.font.bold = True
    merknad.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    summary = doc.styles.add_style("Oppsummering", WD_STYLE_TYPE.PARAGRAPH)
    summary.font.size = Pt(9)
    doc.add_paragraph("En merknad i vedlegget.", style="Merknad")
    doc.add_paragraph("Oppsummert.", style="Oppsummering")
    rename_style_ids(doc, {"Oppsummering": "Sammendrag"})
    return saved(doc)


def doc_localised() -> bytes:
    """Word in Norwegian: built-in styles under Norwegian ids, mapped back by name."""
    doc = docx.Document()
    doc.add_heading("Tittel", 0)
    doc.add_heading("Hoveddel", 1)
    doc.add_heading("Underdel", 2)
    doc.add_paragraph("Tekst med ").add_run("sterk", style="Strong")
    doc.add_paragraph("punkt", style="List Bullet")
    doc.add_paragraph("nummer", style="List Number")
    doc.add_table(rows=1, cols=1, style="Light Grid Accent 1").cell(0, 0).text = "x"
    rename_style_ids(
        doc,
        {
            "Title": "Tittel",
            "TitleChar": "TittelTegn",
            "Heading1": "Overskrift1",
            "Heading1Char": "Overskrift1Tegn",
            "Heading2": "Overskrift2",
            "Heading2Char": "Overskrift2Tegn",
            "Strong": "Sterk",
            "ListBullet": "Punktliste",
            "ListNumber": "Nummerertliste",
            "LightGrid-Accent1": "Lyttrutenettuthevingsfarge1",
        },
    )
    return saved(doc)


def doc_lists() -> bytes:
    """Numbered and bulleted lists: by style and by explicit numPr, two levels, two separate lists."""
    doc = docx.Document()
    add_numbering(doc, 30, 30, "decimal", "0A0B0C0D")
    add_numbering(doc, 31, 31, "bullet", "0E0F1011")
    add_numbering(doc, 32, 32, "lowerRoman", "12131415")
    doc.add_heading("Lister", 1)
    for text in ("en", "to", "tre"):
        doc.add_paragraph(text, style="List Number")
    for text in ("eple", "pære"):
        doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph("dypere", style="List Number 2")
    numbered(doc, "første", 30)
    numbered(doc, "under", 30, level=1)
    numbered(doc, "andre", 30)
    numbered(doc, "kule", 31)
    numbered(doc, "kule under", 31, level=1)
    doc.add_paragraph("Mellom listene.")
    numbered(doc, "i", 32)
    numbered(doc, "ii", 32)
    return saved(doc)


def doc_table() -> bytes:
    """Tables: built-in and custom table styles, merged cells, styled paragraphs in cells, a nested table."""
    doc = docx.Document()
    table = doc.add_table(rows=3, cols=3, style="Light Grid Accent 1")
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r},{c}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).paragraphs[0].style = doc.styles["Quote"]
    own = doc.styles.add_style("Budsjettabell", WD_STYLE_TYPE.TABLE)
    own.base_style = doc.styles["Medium Shading 1 Accent 2"]
    second = doc.add_table(rows=2, cols=2, style="Budsjettabell")
    second.cell(0, 0).text = "Post"
    second.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "inne i"
    doc.add_paragraph("Etter tabellene.")
    return saved(doc)


def doc_image() -> bytes:
    """Two different images, one of them twice (docxcompose reuses image parts by SHA-1) and one in a table."""
    doc = docx.Document()
    red, blue = png(12, 8, (0xC0, 0x20, 0x20)), png(6, 6, (0x20, 0x40, 0xC0))
    doc.add_paragraph("Bilder:")
    doc.add_picture(io.BytesIO(red), width=Cm(3))
    doc.add_picture(io.BytesIO(blue), width=Cm(2))
    doc.add_picture(io.BytesIO(red), width=Cm(1))
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run().add_picture(io.BytesIO(blue), width=Cm(1))
    return saved(doc)


def doc_hyperlink() -> bytes:
    """An external hyperlink (a relationship), an internal one to a bookmark, and the Hyperlink style only here."""
    doc = docx.Document()
    link_style = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link_style.font.underline = True
    link_style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    target = doc.add_paragraph("Mål for lenken.")
    bookmark(target, "maal", 0)
    paragraph = doc.add_paragraph("Se ")
    hyperlink(paragraph, "forskningsradet.no", url="https://www.forskningsradet.no/")
    paragraph.add_run(" og ")
    hyperlink(paragraph, "målet", anchor="maal")
    bookmark(doc.add_paragraph("Et bokmerke til."), "annet", 1)
    return saved(doc)


def doc_footnotes() -> bytes:
    """Footnotes (a part python-docx cannot write) whose styles exist only in this document."""
    doc = docx.Document()
    add_style_xml(
        doc,
        'w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
        '<w:link w:val="FootnoteTextChar"/><w:rPr><w:sz w:val="18"/></w:rPr>',
    )
    add_style_xml(
        doc,
        'w:type="character" w:styleId="FootnoteTextChar"><w:name w:val="Footnote Text Char"/>'
        '<w:link w:val="FootnoteText"/><w:rPr><w:sz w:val="18"/></w:rPr>',
    )
    add_style_xml(
        doc,
        'w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    )
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> Fotnote {i}.</w:t></w:r></w:p></w:footnote>'
        for i in (1, 2)
    )
    blob = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    for i in (1, 2):
        paragraph = doc.add_paragraph(f"Påstand {i}")
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{i}"/></w:r>'
            )
        )
    return saved(doc)


def doc_sections() -> bytes:
    """Two sections, the second landscape, with the document's own header."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Vedleggets topptekst"
    doc.add_heading("Stående", 1)
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading("Liggende", 1)
    doc.add_paragraph("Bred tabell følger.")
    return saved(doc)


def doc_odd() -> bytes:
    """Names that match master_odd's odd styles: docxcompose maps these by name (None included)."""
    doc = docx.Document()
    add_style_xml(doc, 'w:type="paragraph" w:styleId="Sitering"><w:name w:val="Sitat"/><w:rPr><w:b/></w:rPr>')
    add_style_xml(doc, 'w:type="paragraph" w:styleId="NavnlosB"><w:rPr><w:i/></w:rPr>')
    add_style_xml(doc, 'w:type="paragraph" w:styleId="UtenIdB"><w:name w:val="Uten id"/>')
    add_style_xml(doc, 'w:type="paragraph" w:styleId="Dobbel"><w:name w:val="Dobbel A"/>')
    add_style_xml(doc, 'w:type="paragraph" w:styleId="Dobbel"><w:name w:val="Dobbel B"/>')
    styled(doc, "Sitat i vedlegget.", "Sitering")
    styled(doc, "Uten navn.", "NavnlosB")
    styled(doc, "Navn uten id i hoveddokumentet.", "UtenIdB")
    styled(doc, "Samme id to ganger.", "Dobbel")
    return saved(doc)


MASTERS: dict[str, Callable[[], bytes]] = {
    "blank": master_blank,
    "odd_master": master_odd,
    "innkalling": master_innkalling,
}
DOCS: dict[str, Callable[[], bytes]] = {
    "headings": doc_headings,
    "only_here": doc_only_here,
    "same_name": doc_same_name,
    "localised": doc_localised,
    "lists": doc_lists,
    "table": doc_table,
    "image": doc_image,
    "hyperlink": doc_hyperlink,
    "footnotes": doc_footnotes,
    "sections": doc_sections,
    "odd_styles": doc_odd,
}
DOCS.update({f"vedlegg/{path.name}": path.read_bytes for path in VEDLEGG})
SYNTHETIC = tuple(name for name in DOCS if "/" not in name and name != "odd_styles")
REAL = tuple(name for name in DOCS if "/" in name)
assert not set(MASTERS) & set(DOCS)


@functools.cache
def source(name: str) -> bytes:
    """Each input once; every composition opens fresh Documents from these bytes."""
    return MASTERS[name]() if name in MASTERS else DOCS[name]()


def open_docx(name: str) -> Any:
    return docx.Document(io.BytesIO(source(name)))


# ------------------------------------------------------------------ composing and comparing


def compose_with(composer_class: Any, master: str, docs: tuple[str, ...], mode: str) -> bytes:
    document = open_docx(master)
    composer = composer_class(document)
    for name in docs:
        if mode == "append":
            composer.append(open_docx(name))
        else:
            composer.insert(INSERT_AT, open_docx(name))
    return saved(document)


def compose_both(monkeypatch: pytest.MonkeyPatch, master: str, docs: tuple[str, ...], mode: str) -> tuple[bytes, bytes]:
    """(stock docxcompose, ho21) for the same inputs, each with the same random sequence."""
    monkeypatch.setattr(compose, "_fast_path", lambda: True)
    monkeypatch.setattr(docxcompose.composer, "random", random.Random(SEED))
    stock = compose_with(docxcompose.composer.Composer, master, docs, mode)
    monkeypatch.setattr(docxcompose.composer, "random", random.Random(SEED))
    ours = compose_with(compose.ShortcutComposer, master, docs, mode)
    return stock, ours


def parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


def is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def canonical(data: bytes) -> bytes:
    return bytes(etree.tostring(etree.fromstring(data), method="c14n"))


def pretty(data: bytes) -> list[str]:
    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.fromstring(canonical(data), parser)
    return str(etree.tostring(tree, pretty_print=True, encoding="unicode")).splitlines()


def part_diff(name: str, expected: bytes, actual: bytes, limit: int = 40) -> str:
    if not is_xml(name):
        return f"{name}: binary part differs ({len(expected)} bytes from docxcompose, {len(actual)} from ho21)"
    lines = list(
        difflib.unified_diff(pretty(expected), pretty(actual), f"docxcompose:{name}", f"ho21:{name}", n=2, lineterm="")
    )
    shown = lines[:limit] + ([f"... {len(lines) - limit} more diff lines"] if len(lines) > limit else [])
    if not lines:  # pretty() drops whitespace-only text between elements; canonical() keeps it
        return f"{name} differs only in whitespace between elements"
    return f"{name} differs:\n" + "\n".join(shown)


def package_differences(expected: bytes, actual: bytes, max_parts: int = 3) -> list[str]:
    """What differs between two .docx packages, one entry per part; empty when they are the same."""
    want, got = parts(expected), parts(actual)
    problems = []
    if set(want) != set(got):
        problems.append(
            f"part names differ: only in docxcompose's {sorted(set(want) - set(got))}, "
            f"only in ho21's {sorted(set(got) - set(want))}"
        )
    for name in sorted(set(want) & set(got)):
        same = canonical(want[name]) == canonical(got[name]) if is_xml(name) else want[name] == got[name]
        if not same:
            problems.append(part_diff(name, want[name], got[name]))
    if len(problems) > max_parts:
        problems = [*problems[:max_parts], f"... and {len(problems) - max_parts} more differing parts"]
    return problems


def assert_same_package(expected: bytes, actual: bytes) -> None:
    problems = package_differences(expected, actual)
    if problems:
        pytest.fail("ho21's Composer and docxcompose's disagree:\n\n" + "\n\n".join(problems))


# ------------------------------------------------------------------ the cases

CASES = [
    pytest.param("blank", ("headings",), id="headings"),
    pytest.param("blank", ("only_here",), id="styles-only-in-vedlegg"),
    pytest.param("blank", ("same_name",), id="same-name-other-definition"),
    pytest.param("blank", ("localised",), id="norwegian-style-ids"),
    pytest.param("blank", ("lists",), id="lists"),
    pytest.param("blank", ("lists", "lists"), id="lists-twice-restart"),
    pytest.param("blank", ("table",), id="tables"),
    pytest.param("blank", ("image", "image"), id="images-twice"),
    pytest.param("blank", ("hyperlink",), id="hyperlinks-bookmarks"),
    pytest.param("blank", ("footnotes", "footnotes"), id="footnotes-twice"),
    pytest.param("blank", ("sections",), id="sections-landscape"),
    pytest.param("odd_master", ("odd_styles",), id="nameless-idless-duplicate-styles"),
    pytest.param("blank", SYNTHETIC, id="all-synthetic"),
    pytest.param("innkalling", SYNTHETIC, id="innkalling-template-all-synthetic"),
    pytest.param("innkalling", REAL, id="innkalling-template-example-vedlegg"),
]


@pytest.mark.parametrize("mode", ["append", "insert"])
@pytest.mark.parametrize(("master", "docs"), CASES)
def test_fast_composer_matches_docxcompose(
    monkeypatch: pytest.MonkeyPatch, master: str, docs: tuple[str, ...], mode: str
) -> None:
    stock, ours = compose_both(monkeypatch, master, docs, mode)
    assert_same_package(stock, ours)


def test_example_vedlegg_are_all_there() -> None:
    assert VEDLEGG, "examples/kilde/vedlegg/*.docx: none found, so the example-vedlegg cases compose nothing"


# ------------------------------------------------------------------ style_names itself


@pytest.mark.parametrize("name", [*MASTERS, *DOCS])
def test_style_names_match_python_docx(name: str) -> None:
    document = open_docx(name)
    expected = [(style.style_id or "", style.name) for style in document.styles]
    assert styles.style_names(document.styles.element) == expected
    proxy = [(s.style_id, s.name) for s in compose._Styles(document.styles)]
    assert proxy == [(style.style_id, style.name) for style in document.styles]


def test_style_names_never_answer_for_another_document() -> None:
    """Documents opened one after another reuse memory; a cache keyed on id() alone answered with
    the previous document's names when the style count and the first and last ids agreed."""

    def variant(name: str) -> bytes:
        doc = docx.Document()
        doc.styles["Quote"].name = name
        return saved(doc)

    variants = {name: variant(name) for name in ("Sitat A", "Sitat B")}
    rng = random.Random(SEED)
    wrong = []
    for i in range(60):
        name = rng.choice(sorted(variants))
        document = docx.Document(io.BytesIO(variants[name]))
        got = dict(styles.style_names(document.styles.element))["Quote"]
        if got != name:
            wrong.append((i, name, got))
        del document
        gc.collect()  # python-docx documents hold reference cycles; free this one now
    assert not wrong, f"style_names answered from a stale cache: {wrong[:5]}"


def test_style_names_see_an_added_style() -> None:
    document = docx.Document()
    before = styles.style_names(document.styles.element)
    document.styles.add_style("Ny stil", WD_STYLE_TYPE.PARAGRAPH)
    assert styles.style_names(document.styles.element) == [*before, ("Nystil", "Ny stil")]


def test_style_names_after_appends_are_those_of_a_fresh_reading() -> None:
    document = docx.Document()
    before = styles.style_names(document.styles.element)
    kept = list(before)
    document.styles.add_style("Ny stil", WD_STYLE_TYPE.PARAGRAPH)
    add_style_xml(document, 'w:type="character" w:styleId="Egen"><w:name w:val="Egen tegnstil"/>')
    grown = styles.style_names(document.styles.element)
    assert grown == [(s.style_id or "", s.name) for s in document.styles]
    assert grown[-2:] == [("Nystil", "Ny stil"), ("Egen", "Egen tegnstil")]
    assert styles.style_ids(document.styles.element) == {s.style_id for s in document.styles}
    assert before == kept, "a list handed out earlier changed under its holder"


def test_style_names_read_everything_again_when_a_style_is_removed() -> None:
    document = docx.Document()
    styles.style_names(document.styles.element)
    quote = document.styles["Quote"].element
    quote.getparent().remove(quote)
    names = dict(styles.style_names(document.styles.element))
    assert "Quote" not in names and "Quote" not in styles.style_ids(document.styles.element)
    assert list(names.items()) == [(s.style_id or "", s.name) for s in document.styles]


def test_merging_reads_each_style_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each vedlegg brings styles of its own and the merge asks for the innkalling's styles after
    adding each one; reading only what was added reads each style once (issue 12: linear).
    Reading the whole, growing styles part each time made 32 628 readings of 5 388 styles here."""
    from docx.styles import BabelFish

    vedlegg = []
    for k in range(30):
        v = docx.Document()
        for j in range(4):
            add_style_xml(v, f'w:type="paragraph" w:styleId="V{k}S{j}"><w:name w:val="Vedlegg {k} stil {j}"/>')
            styled(v, f"Avsnitt {j} i vedlegg {k}", f"V{k}S{j}")
        vedlegg.append(v)
    reads = 0
    real = BabelFish.internal2ui

    def counted(name: str) -> str:
        nonlocal reads
        reads += 1
        return str(real(name))

    monkeypatch.setattr(BabelFish, "internal2ui", staticmethod(counted))
    doc = docx.Document(str(TEMPLATE))
    composer = compose.Composer(doc)
    for v in vedlegg:
        composer.append(v)
    composer.finish()

    in_the_end = len(styles.style_names(doc.styles.element))
    assert {f"Vedlegg {k} stil {j}" for k in range(30) for j in range(4)} <= {
        n for _i, n in styles.style_names(doc.styles.element)
    }
    vedlegg_styles = sum(len(v.styles.element) for v in vedlegg)
    assert reads <= in_the_end + vedlegg_styles, f"{reads} style readings for {in_the_end + vedlegg_styles} styles"


# ------------------------------------------------------------------ the version guard


@pytest.fixture
def fresh_guard() -> Iterator[None]:
    compose._fast_path.cache_clear()
    yield
    compose._fast_path.cache_clear()


def test_installed_docxcompose_is_tested(fresh_guard: None) -> None:
    installed = compose._installed_docxcompose()
    assert compose._fast_path(), (
        f"docxcompose {installed} is outside TESTED_DOCXCOMPOSE {compose.TESTED_DOCXCOMPOSE}, so ho21 runs "
        "stock docxcompose (slow). If this file's equivalence tests pass with it, widen TESTED_DOCXCOMPOSE "
        "and the pin in pyproject.toml."
    )


def test_installed_version_is_read_as_importlib_metadata_reads_it() -> None:
    from importlib.metadata import version

    assert compose._installed_docxcompose() == version("docxcompose")


def test_tested_range_is_the_pyproject_pin() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pin = next(d for d in pyproject["project"]["dependencies"] if d.startswith("docxcompose"))
    match = re.fullmatch(r"docxcompose\s*>=\s*(\d+)\.(\d+)\s*,\s*<\s*(\d+)\.(\d+)", pin)
    assert match, pin
    low, high = (int(match[1]), int(match[2])), (int(match[3]), int(match[4]))
    assert (low, high) == compose.TESTED_DOCXCOMPOSE


@pytest.mark.parametrize(
    ("installed", "tested"),
    [("2.2.0", True), ("2.2.9", True), ("2.2.1rc1", True), ("2.3.0", False), ("2.1.0", False),
     ("1.4.1", False), ("3.0", False), ("", False), (None, False), ("dev", False)],
)  # fmt: skip
def test_tested_docxcompose(installed: str | None, tested: bool) -> None:
    assert compose.tested_docxcompose(installed) is tested


@pytest.mark.parametrize("installed", ["2.3.0", "1.4.1", None])
def test_untested_docxcompose_gets_stock_composer(
    monkeypatch: pytest.MonkeyPatch, fresh_guard: None, installed: str | None
) -> None:
    monkeypatch.setattr(compose, "_installed_docxcompose", lambda: installed)
    master = open_docx("blank")
    composer = compose.ShortcutComposer(master)
    assert composer._base.doc is master  # no proxy: docxcompose's Composer, unchanged
    appended: list[Any] = []
    monkeypatch.setattr(composer._base, "insert", lambda index, doc, **kw: appended.append(doc))
    vedlegg = open_docx("headings")
    composer.append(vedlegg)
    composer.insert(0, vedlegg)
    assert appended == [vedlegg, vedlegg]


def test_tested_docxcompose_gets_the_proxies(monkeypatch: pytest.MonkeyPatch, fresh_guard: None) -> None:
    monkeypatch.setattr(compose, "_installed_docxcompose", lambda: "2.2.0")
    composer = compose.ShortcutComposer(open_docx("blank"))
    assert isinstance(composer._base.doc, compose._Document)


# ------------------------------------------------------------------ the comparison can fail


def test_a_difference_is_reported_by_part_with_a_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    stock, _ = compose_both(monkeypatch, "blank", ("headings",), "append")
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(stock)) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"Innledning.", b"Innledningen.")
            dst.writestr(item, data)
    problems = package_differences(stock, changed.getvalue())
    assert len(problems) == 1
    assert problems[0].startswith("word/document.xml differs:")
    assert "-        <w:t>Innledning.</w:t>" in problems[0]
    assert "+        <w:t>Innledningen.</w:t>" in problems[0]


def test_random_ids_are_pinned_per_composition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the pinned random, two stock runs differ in the copied lists' nsid: pinning is needed."""
    first = compose_with(docxcompose.composer.Composer, "blank", ("lists",), "append")
    second = compose_with(docxcompose.composer.Composer, "blank", ("lists",), "append")
    assert [p.split(" ")[0] for p in package_differences(first, second)] == ["word/numbering.xml"]
    a, b = compose_both(monkeypatch, "blank", ("lists",), "append")
    c, d = compose_both(monkeypatch, "blank", ("lists",), "append")
    assert not package_differences(a, c)
    assert not package_differences(b, d)


# ------------------------------------------------------------------ ho21's add_styles


def compose_faithful(master: str, docs: tuple[str, ...]) -> bytes:
    document = open_docx(master)
    composer = compose.Composer(document)
    for name in docs:
        composer.insert(INSERT_AT, open_docx(name))
    composer.finish()
    return saved(document)


@pytest.mark.parametrize(("master", "docs"), CASES)
def test_faithful_add_styles_matches_docxcompose(
    monkeypatch: pytest.MonkeyPatch, master: str, docs: tuple[str, ...]
) -> None:
    """ho21's merge looks styles up in dictionaries (merge.py, add_styles); with docxcompose's
    own add_styles in its place the merged package is the same."""
    from ho21cli.render import merge

    ours = compose_faithful(master, docs)
    faithful = merge.faithful_composer

    def with_stock_add_styles() -> type:
        return type("StockStyles", (faithful(),), {"add_styles": docxcompose.composer.Composer.add_styles})

    monkeypatch.setattr(merge, "faithful_composer", with_stock_add_styles)
    stock = compose_faithful(master, docs)
    assert_same_package(stock, ours)
