"""ho21's merge (ho21cli/render/merge.py) keeps what a vedlegg's author made.

Each test builds a small vedlegg with python-docx (plus raw XML for what it cannot
write), merges it with ho21's Composer into the innkalling template and reads the
package back: lists with their own definitions and start values, heading numbering,
footnotes, endnotes and comments, unique and paired ids, and a landscape page setup
kept as a section of its own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm
from lxml import etree

from ho21cli.render.compose import Composer
from ho21cli.render.merge import keep_own_page_setup, page_setup, settle_sections
from tests.conftest import REPO, Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}


def master() -> Any:
    return docx.Document(str(REPO / "templates" / "innkalling.docx"))


def merged(*vedlegg: Any) -> tuple[Any, dict[str, Any]]:
    """Each vedlegg appended after a heading, as the innkalling does; the saved package's parts."""
    doc = master()
    composer = Composer(doc)
    breaks = []
    for v in vedlegg:
        heading = doc.add_paragraph("Vedlegg", style="Heading 2")
        body = doc.element.body
        before = len(body)
        index = body.index(heading._p) + 1
        composer.insert(index, v)
        breaks.append(keep_own_page_setup(doc, heading._p, list(body[index : index + len(body) - before]), v))
    settle_sections(doc, [b for b in breaks if b is not None])
    composer.finish()
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        parts = {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))}
    return doc, parts


def element(xml: str) -> Any:
    """One WordprocessingML element written without its namespace declaration."""
    return parse_xml(f'<w:wrap xmlns:w="{W_NS}">{xml}</w:wrap>')[0]


def add_part(document: Any, name: str, content_type: str, reltype: str, xml: str) -> None:
    part = Part(PackURI(name), content_type, xml.encode(), document.part.package)
    document.part.relate_to(part, reltype)


def numbering_of(parts: dict[str, Any], num_id: str) -> Any:
    numbering = parts["word/numbering.xml"]
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    abstract_id = num.find("w:abstractNumId", NS).get(f"{W}val")
    return num, numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)


def num_ids(parts: dict[str, Any], text: str) -> list[str]:
    """The numIds of the paragraphs whose text starts with ``text``, in order."""
    out = []
    for p in parts["word/document.xml"].iter(f"{W}p"):
        if "".join(p.itertext()).startswith(text):
            num_id = p.find("w:pPr/w:numPr/w:numId", NS)
            out.append(num_id.get(f"{W}val") if num_id is not None else "")
    return out


def with_list_definitions(document: Any, *definitions: tuple[int, str, int]) -> None:
    """Lists of its own: (numId, numFmt, start) each, one abstractNum each."""
    numbering = document.part.numbering_part.element
    for num_id, fmt, start in definitions:
        abstract_id = 900 + num_id
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}"><w:nsid w:val="0000{num_id:04X}"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{"%1)" if fmt != "bullet" else "•"}"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )


def numbered(paragraph: Any, num_id: int) -> Any:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def test_lists_in_one_table_stay_apart_and_keep_their_start() -> None:
    v = docx.Document()
    with_list_definitions(v, (71, "bullet", 1), (72, "decimal", 6), (73, "bullet", 1))
    table = v.add_table(rows=1, cols=3)
    for cell, (num_id, text) in zip(table.rows[0].cells, ((71, "Punkt"), (72, "Tall"), (73, "Annet")), strict=True):
        for i in range(2):
            numbered(cell.add_paragraph(f"{text} {i}"), num_id)
    _, parts = merged(v)
    ids = {text: num_ids(parts, text) for text in ("Punkt", "Tall", "Annet")}
    assert all(len(set(v)) == 1 for v in ids.values())  # each list one list
    assert len({v[0] for v in ids.values()}) == 3  # and three lists, not one (docxcompose gave them one number)
    for text, (fmt, start) in {"Punkt": ("bullet", "1"), "Tall": ("decimal", "6"), "Annet": ("bullet", "1")}.items():
        num, abstract = numbering_of(parts, ids[text][0])
        assert abstract.find("w:lvl/w:numFmt", NS).get(f"{W}val") == fmt
        assert abstract.find("w:lvl/w:start", NS).get(f"{W}val") == start  # "6)" stays "6)"
        assert num.find("w:lvlOverride", NS) is None  # no forced restart at 1


def test_two_vedlegg_lists_never_join_each_other_or_ho21s() -> None:
    first, second = docx.Document(), docx.Document()
    for v, text in ((first, "Første"), (second, "Andre")):
        v.add_paragraph(f"{text} a", style="List Number")
        v.add_paragraph(f"{text} b", style="List Number")
    doc, parts = merged(first, second)
    a, b = num_ids(parts, "Første"), num_ids(parts, "Andre")
    assert len(set(a)) == 1 and len(set(b)) == 1 and a[0] != b[0]
    abstracts = {
        numbering_of(parts, a[0])[1].get(f"{W}abstractNumId"),
        numbering_of(parts, b[0])[1].get(f"{W}abstractNumId"),
    }
    assert len(abstracts) == 2  # definitions of their own: each list counts from its own start
    master_list_style = doc.styles["List Number"].element.find("w:pPr/w:numPr/w:numId", NS)
    assert master_list_style is None or master_list_style.get(f"{W}val") not in (a[0], b[0])


def test_heading_numbering_of_a_vedlegg_survives_and_never_numbers_ho21s_headings() -> None:
    v = docx.Document()
    with_list_definitions(v, (81, "decimal", 1))
    heading_style = v.styles["Heading 1"].element
    heading_style.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 81
    abstract = v.part.numbering_part.element.find("w:abstractNum[@w:abstractNumId='981']/w:lvl", NS)
    abstract.append(parse_xml(f'<w:pStyle xmlns:w="{W_NS}" w:val="Heading1"/>'))
    v.add_heading("Innledning", 1)
    v.add_heading("Drøfting", 1)
    doc, parts = merged(v)
    ids = num_ids(parts, "Innledning") + num_ids(parts, "Drøfting")
    assert ids[0] and ids[0] == ids[1]
    _, definition = numbering_of(parts, ids[0])
    assert definition.find("w:lvl/w:numFmt", NS).get(f"{W}val") == "decimal"
    assert definition.find(".//w:pStyle", NS) is None  # no level tied to the innkalling's heading style
    assert doc.styles["Heading 1"].element.find("w:pPr/w:numPr", NS) is None


FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>Fotnote én</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="2"><w:p><w:r><w:t>Fotnote to</w:t></w:r></w:p></w:footnote></w:footnotes>'
)
ENDNOTES = f'<w:endnotes xmlns:w="{W_NS}"><w:endnote w:id="1"><w:p><w:r><w:t>Sluttnote</w:t></w:r></w:p></w:endnote></w:endnotes>'
COMMENTS = (
    f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="Saksbehandler"><w:p><w:r><w:t>Sjekk tallet</w:t>'
    "</w:r></w:p></w:comment></w:comments>"
)


def with_notes(text: str) -> Any:
    v = docx.Document()
    add_part(v, "/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES, FOOTNOTES)
    add_part(v, "/word/endnotes.xml", CT.WML_ENDNOTES, RT.ENDNOTES, ENDNOTES)
    add_part(v, "/word/comments.xml", CT.WML_COMMENTS, RT.COMMENTS, COMMENTS)
    p = v.add_paragraph(text)
    for xml in (
        '<w:r><w:footnoteReference w:id="1"/></w:r>',
        '<w:r><w:footnoteReference w:id="2"/></w:r>',
        '<w:r><w:endnoteReference w:id="1"/></w:r>',
        '<w:r><w:footnoteReference w:id="7"/></w:r>',  # a note the document does not have
        '<w:commentRangeStart w:id="0"/>',
        "<w:r><w:t>kommentert</w:t></w:r>",
        '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
    ):
        p._p.append(element(xml))
    return v


def test_footnotes_endnotes_and_comments_come_along_and_nothing_dangles() -> None:
    _, parts = merged(with_notes("Første"), with_notes("Andre"))
    document = parts["word/document.xml"]
    for kind, part in (
        ("footnote", "word/footnotes.xml"),
        ("endnote", "word/endnotes.xml"),
        ("comment", "word/comments.xml"),
    ):
        refs = [r.get(f"{W}id") for r in document.iter(f"{W}{kind}Reference")]
        notes = {n.get(f"{W}id"): "".join(n.itertext()) for n in parts[part].iter(f"{W}{kind}")}
        assert refs and all(r in notes for r in refs), kind  # every reference resolves
        assert len(refs) == len(set(refs)), kind  # and each to a note of its own
    footnotes = parts["word/footnotes.xml"]
    texts = ["".join(n.itertext()) for n in footnotes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    assert texts == ["Fotnote én", "Fotnote to", "Fotnote én", "Fotnote to"]  # the missing note 7 was dropped
    assert {n.get(f"{W}type") for n in footnotes.iter(f"{W}footnote")} >= {"separator", "continuationSeparator"}
    comments = [c for c in parts["word/comments.xml"].iter(f"{W}comment")]
    assert ["".join(c.itertext()) for c in comments] == ["Sjekk tallet", "Sjekk tallet"]
    starts = [m.get(f"{W}id") for m in document.iter(f"{W}commentRangeStart")]
    ends = [m.get(f"{W}id") for m in document.iter(f"{W}commentRangeEnd")]
    assert starts == ends and len(set(starts)) == 2


def with_bookmarks_and_image(name: str) -> Any:
    from tests.makers import png

    v = docx.Document()
    p = v.add_paragraph()
    for xml in (
        f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="0" w:name="{name}_ytre"/>',
        f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="1" w:name="{name}_indre"/>',
        f'<w:r xmlns:w="{W_NS}"><w:t>{name}</w:t></w:r>',
        f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="1"/>',
        f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="0"/>',
    ):
        p._p.append(parse_xml(xml))
    v.add_paragraph().add_run().add_picture(io.BytesIO(png(4, 4, (0, 0, 0))))
    return v


def test_bookmarks_and_drawing_ids_are_unique_and_still_paired() -> None:
    _, parts = merged(with_bookmarks_and_image("a"), with_bookmarks_and_image("b"))
    document = parts["word/document.xml"]
    starts = {s.get(f"{W}name"): s.get(f"{W}id") for s in document.iter(f"{W}bookmarkStart")}
    ends = [e.get(f"{W}id") for e in document.iter(f"{W}bookmarkEnd")]
    assert len(set(starts.values())) == len(starts) == len(ends) and sorted(ends) == sorted(starts.values())
    for name in ("a", "b"):  # nested: the inner ends first, and still with its own start
        p = next(p for p in document.iter(f"{W}p") if "".join(p.itertext()) == name)
        order = [
            (el.tag.split("}")[1], el.get(f"{W}id")) for el in p if el.tag in (f"{W}bookmarkStart", f"{W}bookmarkEnd")
        ]
        outer, inner = starts[f"{name}_ytre"], starts[f"{name}_indre"]
        assert order == [
            ("bookmarkStart", outer),
            ("bookmarkStart", inner),
            ("bookmarkEnd", inner),
            ("bookmarkEnd", outer),
        ]
    drawing_ids = [
        d.get("id")
        for d in document.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    ]
    assert len(drawing_ids) == 2 and len(set(drawing_ids)) == 2


def test_a_landscape_vedlegg_keeps_its_pages_and_the_innkallings_header() -> None:
    portrait, landscape = docx.Document(), docx.Document()
    portrait.add_paragraph("Stående")
    body = portrait.element.body  # the innkalling's own pages: no section of its own
    body.replace(body.find(f"{W}sectPr"), deepcopy(master().sections[0]._sectPr))
    section = landscape.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = Cm(1.5)
    landscape.add_paragraph("Liggende tabell")
    doc, parts = merged(portrait, landscape)
    document = parts["word/document.xml"]
    sections = [s for s in document.iter(f"{W}sectPr")]
    assert len(sections) == 3  # before the landscape vedlegg, its own, and the rest
    before, own, rest = sections
    assert page_setup(own)[2] == "landscape" and page_setup(before) == page_setup(rest) == page_setup(
        doc.sections[-1]._sectPr
    )
    assert own.find("w:headerReference", NS) is None  # the innkalling's header goes on
    assert before.find("w:headerReference", NS) is not None
    paragraph_of_own = own.getparent().getparent()
    assert "".join(paragraph_of_own.itertext()) == "Liggende tabell"  # the section ends with the vedlegg
    headings = [p for p in document.iter(f"{W}p") if "".join(p.itertext()) == "Vedlegg"]
    assert headings[1].find("w:pPr/w:pageBreakBefore", NS) is None  # the section break starts its page
    assert len([s for s in document.iter(f"{W}sectPr")]) == 3


def moved_main_part(document: Any) -> bytes:
    """The same document with its text in word/tekst.xml: valid (the package's relationships
    say where the text is), as some programs other than Word write it."""
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/tekst.xml")
            zout.writestr(
                {
                    "word/document.xml": "word/tekst.xml",
                    "word/_rels/document.xml.rels": "word/_rels/tekst.xml.rels",
                }.get(name, name),
                data,
            )
    return out.getvalue()


def test_a_document_whose_text_is_not_at_word_document_xml_is_merged(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    v = docx.Document()
    v.add_paragraph("Teksten ligger et annet sted i pakken.")
    path = tmp_path / "annen-plass.docx"
    path.write_bytes(moved_main_part(v))
    with zipfile.ZipFile(path) as zf:
        assert "word/document.xml" not in zf.namelist()
    added = ho21(
        "add-case", "2026-1", "--title", "Annen plass", "--vedlegg", path, "--ettersendes", "--root", buildable
    )
    assert added.code == 0, added.err
    assert ho21("build-innkalling", "2026-1", "--root", buildable).code == 0
    built = docx.Document(str(buildable / "2026-1" / "build" / "innkalling-2026-1.docx"))
    assert "Teksten ligger et annet sted i pakken." in [p.text for p in built.paragraphs]


def landscape_vedlegg(text: str) -> Any:
    v = docx.Document()
    section = v.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    v.add_paragraph(text)
    return v


def test_only_the_front_page_keeps_the_first_page_header_when_vedlegg_add_sections() -> None:
    doc = master()
    doc.sections[0].different_first_page_header_footer = True  # a letterhead on the front page only
    composer = Composer(doc)
    breaks = []
    for text in ("Første liggende", "Andre liggende"):
        heading = doc.add_paragraph("Vedlegg", style="Heading 2")
        doc.add_paragraph("Saksfremlegg som følger")
        body = doc.element.body
        index = body.index(heading._p) + 1
        before = len(body)
        v = landscape_vedlegg(text)
        composer.insert(index, v)
        breaks.append(keep_own_page_setup(doc, heading._p, list(body[index : index + len(body) - before]), v))
    settle_sections(doc, [b for b in breaks if b is not None])
    composer.finish()
    sections = list(doc.element.body.iter(f"{W}sectPr"))
    assert [s.find("w:titlePg", NS) is not None for s in sections] == [True, False, False, False, False]
    assert [page_setup(s)[2] for s in sections] == [None, "landscape", None, "landscape", None]


def test_a_document_with_two_bodies_is_refused_before_anything_is_written(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    """python-docx reads the first <w:body> and the merge would silently drop the rest."""
    from tests.conftest import refused, snapshot

    v = docx.Document()
    v.add_paragraph("Første del.")
    buffer = io.BytesIO()
    v.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/document.xml":
                data = data.replace(
                    b"</w:body>", b"</w:body><w:body><w:p><w:r><w:t>Andre del.</w:t></w:r></w:p></w:body>"
                )
            zout.writestr(name, data)
    path = tmp_path / "to-kropper.docx"
    path.write_bytes(out.getvalue())
    before = snapshot(buildable)
    result = ho21("add-case", "2026-1", "--title", "To deler", "--vedlegg", path, "--root", buildable)
    refused(result, 3, "its text is in 2 separate bodies")
    assert snapshot(buildable) == before


def test_two_landscape_vedlegg_in_a_row_make_no_empty_section_between_them() -> None:
    """The second's heading follows the first's own section end: a break there would be a
    section of nothing, which LibreOffice prints as an empty page with only the header."""
    _, parts = merged(landscape_vedlegg("Første liggende"), landscape_vedlegg("Andre liggende"))
    sections = list(parts["word/document.xml"].iter(f"{W}sectPr"))
    assert [page_setup(s)[2] for s in sections] == [None, "landscape", "landscape", None]


def test_a_vedlegg_whose_first_section_runs_on_still_starts_on_a_page_of_its_own() -> None:
    v = landscape_vedlegg("Fortsetter")
    v.element.body.find(f"{W}sectPr").append(element('<w:type w:val="continuous"/>'))
    v.add_section()  # a second section, so the first one's type is in the text
    v.add_paragraph("Neste del")
    _, parts = merged(v)
    sections = list(parts["word/document.xml"].iter(f"{W}sectPr"))
    assert all(
        s.find("w:type", NS) is None or s.find("w:type", NS).get(f"{W}val") != "continuous" for s in sections[:2]
    )


def test_a_list_the_vedlegg_does_not_define_is_unnumbered_not_one_of_ho21s() -> None:
    v = docx.Document()
    numbered(v.add_paragraph("Uten definisjon"), 1)
    package_numbering = v.part.numbering_part.element
    for child in list(package_numbering):  # numbering part present, but no list 1 in it
        package_numbering.remove(child)
    _, parts = merged(v)
    assert num_ids(parts, "Uten definisjon") == ["0"]


def test_demoting_moves_outline_levels_of_styles_but_not_of_headings_or_defaults() -> None:
    """A vedlegg's own style with an outline level would be a top-level PDF bookmark: it moves
    down with the headings; the Heading styles (renamed instead) and the document defaults stay."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    from ho21cli.render.docs import demote_headings

    def outline_level(parent: Any, value: str) -> None:
        p_pr = parent.find(qn("w:pPr"))
        if p_pr is None:
            p_pr = parent.makeelement(qn("w:pPr"), {})
            parent.append(p_pr)
        p_pr.append(parse_xml(f'<w:outlineLvl xmlns:w="{W_NS}" w:val="{value}"/>'))

    document = docx.Document()
    own = document.styles.add_style("Disposisjon", WD_STYLE_TYPE.PARAGRAPH)
    outline_level(own.element, "0")
    outline_level(document.styles["Heading 1"].element, "0")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    p_pr_default = defaults.find(qn("w:pPrDefault"))
    if p_pr_default is None:
        p_pr_default = defaults.makeelement(qn("w:pPrDefault"), {})
        defaults.append(p_pr_default)
    outline_level(p_pr_default, "1")
    document.add_paragraph("Med stil", style="Disposisjon")
    document.add_heading("Kapittel", 1)

    demote_headings(document)

    def level(element: Any) -> str:
        return element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val"))

    assert level(own.element) == "2"
    assert level(document.styles["Heading 1"].element) == "0"
    assert level(p_pr_default) == "1"
    assert [p.style.name for p in document.paragraphs] == ["Disposisjon", "Heading 3"]


def test_custom_properties_are_looked_for_only_where_they_are() -> None:
    """docxcompose dissolves DOCPROPERTY fields using /docProps/custom.xml; without that part
    there is nothing to dissolve, and the merge does not build docxcompose's reader for it."""
    import docx
    from docxcompose.properties import CustomProperties

    from ho21cli.render.merge import _has_custom_properties

    plain = docx.Document()
    assert not _has_custom_properties(plain)
    assert CustomProperties(plain).keys() == []  # what the merge would have found
    with_properties = docx.Document()
    CustomProperties(with_properties).add("Saksnummer", "13/2/2026")
    buffer = io.BytesIO()
    with_properties.save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    assert _has_custom_properties(reopened)
    assert CustomProperties(reopened).keys() == ["Saksnummer"]
