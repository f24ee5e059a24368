"""The corpus checks (tests/corpus_checks.py) find what they are meant to find.

Each check is run on small documents made here, once on a faithful copy (no problem) and
once on a copy that lost something (the problem named), so that a check that passes the
corpus passes it because nothing was lost, not because it looks at nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import docx
from docx.shared import Inches

from tests import corpus_checks as cc
from tests.makers import png

HEADING = "Vedlegg 1: Kilde"
NEXT = "Vedlegg 2: Neste"
STOPS = {NEXT}
FOOTNOTE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def source(*texts: str, image: bytes | None = None) -> docx.document.Document:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    if image is not None:
        document.add_picture(io.BytesIO(image), width=Inches(1))
    return document


def merged(*texts: str, image: bytes | None = None) -> docx.document.Document:
    """A merged document: a case text, the vedlegg's heading, ``texts``, the next heading."""
    document = docx.Document()
    document.add_paragraph("Saken")
    document.add_heading(HEADING, level=2)
    for text in texts:
        document.add_paragraph(text)
    if image is not None:
        document.add_picture(io.BytesIO(image), width=Inches(1))
    document.add_heading(NEXT, level=2)
    document.add_paragraph("Etter")
    return document


def edited(
    data: bytes, document_xml: Callable[[str], str] | None = None, parts: dict[str, bytes] | None = None
) -> bytes:
    """``data`` with word/document.xml changed by ``document_xml`` and ``parts`` added or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            content = zin.read(name)
            if name == "word/document.xml" and document_xml is not None:
                content = document_xml(content.decode()).encode()
            if parts and name in parts:
                content = parts.pop(name)
            zout.writestr(name, content)
        for name, content in (parts or {}).items():
            zout.writestr(name, content)
    return out.getvalue()


def with_footnote(data: bytes, text: str | None, reference_ids: list[str]) -> bytes:
    """A footnotes part (with one note, id 1, reading ``text``; none if None) and a reference
    to each id in ``reference_ids`` at the end of the first paragraph after the heading (or
    the first paragraph)."""
    notes = f"<w:footnotes {W_DECL}>" + '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
    if text is not None:
        notes += f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    notes += "</w:footnotes>"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdNotes" Type="{FOOTNOTE_REL}" Target="footnotes.xml"/></Relationships>',
    )
    types = types.replace(
        "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTE_TYPE}"/></Types>'
    )
    runs = "".join(f'<w:r><w:footnoteReference w:id="{i}"/></w:r>' for i in reference_ids)

    def add_reference(xml: str) -> str:
        paragraphs = list(re.finditer(r"</w:p>", xml))
        at = paragraphs[2] if "Saken" in xml else paragraphs[0]  # after heading: Saken, heading, text
        return xml[: at.start()] + runs + xml[at.start() :]

    return edited(
        data,
        add_reference,
        {
            "word/footnotes.xml": notes.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
        },
    )


def test_text_in_order_finds_a_lost_and_a_moved_paragraph() -> None:
    src = cc.Docx(saved(source("En", "To", "Tre")))
    same = cc.Docx(saved(merged("En", "To", "Tre")))
    assert cc.text_in_order(src, same.section(HEADING, STOPS)) == []
    lost = cc.Docx(saved(merged("En", "Tre")))
    assert cc.text_in_order(src, lost.section(HEADING, STOPS)) == ["missing or out of order: «To»"]
    moved = cc.Docx(saved(merged("To", "En", "Tre")))
    assert cc.text_in_order(src, moved.section(HEADING, STOPS)) == ["missing or out of order: «To»"]
    assert cc.text_in_order(src, same.section("Vedlegg 9: Ingen", STOPS)) == [
        "the vedlegg's heading is not in the merged document"
    ]


def test_the_section_ends_at_the_next_boundary() -> None:
    doc = cc.Docx(saved(merged("En", "To")))
    section = doc.section(HEADING, STOPS)
    assert section is not None
    assert cc.texts(section) == ["En", "To"]


def test_images_are_compared_by_their_bytes() -> None:
    picture = png(4, 3, (200, 30, 30))
    src = cc.Docx(saved(source("Bilde", image=picture)))
    assert cc.images(src, cc.Docx(saved(merged("Bilde", image=picture))), None) != []
    same = cc.Docx(saved(merged("Bilde", image=picture)))
    assert cc.images(src, same, same.section(HEADING, STOPS)) == []
    without = cc.Docx(saved(merged("Bilde")))
    problems = cc.images(src, without, without.section(HEADING, STOPS))
    assert len(problems) == 1 and problems[0].startswith("image ") and problems[0].endswith("missing (1×)")


def test_notes_dangling_missing_and_present() -> None:
    src = cc.Docx(with_footnote(saved(source("Tekst")), "Fotnoten", ["1"]))
    good = cc.Docx(with_footnote(saved(merged("Tekst")), "Fotnoten", ["1"]))
    assert cc.notes(src, good, good.section(HEADING, STOPS)) == []
    dangling = cc.Docx(with_footnote(saved(merged("Tekst")), None, ["1"]))
    assert cc.notes(src, dangling, dangling.section(HEADING, STOPS)) == [
        "1 footnote reference(s) lead nowhere (id 1)",
        "footnote text missing: «Fotnoten»",
    ]
    assert cc.dangling_references(dangling, dangling.section(HEADING, STOPS) or []) == ["1"]
    changed = cc.Docx(with_footnote(saved(merged("Tekst")), "Noe annet", ["1"]))
    assert cc.notes(src, changed, changed.section(HEADING, STOPS)) == ["footnote text missing: «Fotnoten»"]


def test_integrity_finds_what_the_source_does_not_have() -> None:
    def bookmark(xml: str) -> str:  # two bookmarks with id 7 in the vedlegg's text
        mark = '<w:bookmarkStart w:id="7" w:name="a"/><w:bookmarkEnd w:id="7"/>'
        return xml.replace("<w:t>En</w:t></w:r>", "<w:t>En</w:t></w:r>" + mark + mark.replace('"a"', '"b"'))

    src = cc.Docx(saved(source("En", "To")))
    good = cc.Docx(saved(merged("En", "To")))
    assert cc.integrity(src, good, good.section(HEADING, STOPS)) == []
    twice = cc.Docx(edited(saved(merged("En", "To")), bookmark))
    assert cc.integrity(src, twice, twice.section(HEADING, STOPS)) == [
        "bookmark id used twice: 7 (a)",
        "bookmark id used twice: 7 (b)",
    ]
    # The source had the same problem: not the merge's fault.
    src_twice = cc.Docx(edited(saved(source("En", "To")), bookmark))
    assert cc.integrity(src_twice, twice, twice.section(HEADING, STOPS)) == []

    def list_id(xml: str) -> str:
        numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr></w:pPr><w:r><w:t>To</w:t></w:r></w:p>'
        return re.sub(r"<w:p>(?:(?!<w:p>).)*?<w:t>To</w:t>.*?</w:p>", numbered, xml, count=1, flags=re.S)

    undefined = cc.Docx(edited(saved(merged("En", "To")), list_id))
    assert cc.integrity(src, undefined, undefined.section(HEADING, STOPS)) == ["list id not defined: 99"]


def test_list_labels_compare_what_libreoffice_shows() -> None:
    src = docx.Document()
    src.add_paragraph("Første", style="List Number")
    src.add_paragraph("Andre", style="List Number")
    src.add_paragraph("Vanlig")
    doc = cc.Docx(saved(src))
    alone = "\ufeff    6) Første\n    7) Andre\nVanlig\n"
    assert cc.list_labels(doc, alone, cc.text_lines("6) Første\n7) Andre\nVanlig")) == []
    restarted = cc.list_labels(doc, alone, cc.text_lines("1) Første\n2) Andre\n• Vanlig"))
    assert restarted == [
        "list paragraph «Første»: '6)' alone, '1)' merged",
        "list paragraph «Andre»: '7)' alone, '2)' merged",
        "paragraph «Vanlig»: 'no label' alone, '•' merged",
    ]
    assert cc.list_labels(doc, alone, cc.text_lines("6) Første\nVanlig")) == [
        "list paragraph «Andre» is not in LibreOffice's text of the merged document"
    ]
    txt = f"x\n{HEADING}\n1. A\n{NEXT}\n2. B\n"
    assert cc.text_section(txt, HEADING, STOPS) == ["1. A"]


def test_pages_orientation_and_size() -> None:
    a4, a4_land, letter = (595.3, 841.9), (841.9, 595.3), (612.0, 792.0)
    alone = cc.Pdf([a4_land, a4_land], [])
    innkalling = cc.Pdf([a4, a4_land, a4_land, a4], [("Sak 1", 0), (HEADING, 1), ("Sak 2", 3)])
    pages = cc.pdf_pages(innkalling, HEADING, {"Sak 2"})
    assert pages == range(1, 3)
    assert cc.orientation(alone, innkalling, pages) == []
    assert cc.page_size(alone, innkalling, pages) == []
    portrait = cc.Pdf([a4, a4, letter, a4], innkalling.outline)
    assert cc.orientation(alone, portrait, pages) == ["pages landscape alone; portrait merged (pages 2–3)"]
    assert cc.page_size(alone, portrait, pages) == ["A4 alone; A4, Letter merged"]
    assert cc.pdf_pages(innkalling, "Vedlegg 9: Ingen", {"Sak 2"}) is None
    assert cc.orientation(alone, innkalling, None) == ["the vedlegg is not in the merged PDF"]


def test_package_problems_of_a_broken_package() -> None:
    good = saved(source("En"))
    assert cc.package_problems(cc.Docx(good)) == []
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
    broken_rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId1" Type="x" Target="borte.xml"/>'
        '<Relationship Id="rIdX" Type="y" Target="media/borte.png"/></Relationships>',
    )
    broken = edited(good, parts={"word/_rels/document.xml.rels": broken_rels.encode(), "word/ekstra.bin": b"?"})
    problems = cc.package_problems(cc.Docx(broken))
    assert "word/_rels/document.xml.rels: relationship id rId1 used twice" in problems
    assert (
        "word/document.xml: relationship rIdX points to word/media/borte.png, which is not in the package" in problems
    )
    assert "word/ekstra.bin has no content type" in problems


def test_empty_pages_are_those_with_only_the_running_header_and_footer() -> None:
    texts = [
        f"UTKAST – møte 1/2026\nside {i} av 6\n" + body
        for i, body in enumerate(["Sak", "Vedlegg 1", "", "Tekst", "", "Slutt"], 1)
    ]
    assert cc.blank_pages(texts) == [False, False, True, False, True, False]
    assert cc.blank_pages(["Bare én side"]) == [False]  # too few pages to tell a running header
    a4 = (595.3, 841.9)
    alone = cc.Pdf([a4], [], [False])
    innkalling = cc.Pdf([a4] * 6, [(HEADING, 1), ("Sak 2", 3)], cc.blank_pages(texts))
    pages = cc.pdf_pages(innkalling, HEADING, {"Sak 2"})
    assert cc.empty_pages(alone, innkalling, pages) == ["1 empty page(s) (page 3)"]
    letter_blank = cc.Pdf([a4, a4, (612.0, 792.0), a4, a4, a4], innkalling.outline, innkalling.blank)
    assert cc.page_size(alone, letter_blank, pages) == []  # the empty page is counted, not measured
