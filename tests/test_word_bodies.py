"""Saksfremlegg written in Word (--body FILE.docx, ho21 case-doc), read back from what ho21 writes.

A Word body is merged into the innkalling as its author made it: each
section under a Heading 2, its paragraphs with their bold, italic and links,
its lists numbered or bulleted, its tables, images (with their alt text) and
footnotes. The header it may carry (number, title, Til, Fra ...) is the
manifest's business and never printed from the document; its «Forslag til
vedtak» is printed once, under the template's own heading, and is the
referat's draft vedtak.
"""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.paragraph import Paragraph
from lxml import etree

from ho21cli.actions.gates import run_check
from ho21cli.core.body import Body
from ho21cli.core.model import FORSLAG_GUIDANCE
from ho21cli.core.validation import WORD_ALT_FIX, Problem, body_text
from ho21cli.render.inspect import docx_refusal
from ho21cli.render.word_body import read_word_body
from tests.conftest import Run, about_the_innkalling, refused, snapshot, write
from tests.docx_read import _num_id, open_docx, paragraphs, section_text
from tests.makers import png
from tests.test_public_documents import python_docx_test_documents
from tests.word_bodies import (
    ALT,
    FOOTNOTE_TEXT,
    FORSLAG,
    LINK,
    add_footnote,
    add_link,
    heading_body,
    table_body,
)

M = "2026-1"
AS_OF = date(2025, 12, 20)  # before the meeting's deadline
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
INNKALLING = Path(M) / "build" / f"innkalling-{M}.docx"

PROFILE_SECTIONS = ["Bakgrunn", "Hvorfor saken fremmes til dette møtet", "Hovedpunkter"]
PROFILE_GUIDANCE = {
    "Bakgrunn": "[Veiledning: Hva saken gjelder og hva som har skjedd så langt. Vis til tidligere vedtak med saksnummer.]",
    "Hvorfor saken fremmes til dette møtet": "[Veiledning: Hvorfor rådet bør behandle saken nå.]",
    "Hovedpunkter": "[Veiledning: De viktigste punktene, gjerne som spørsmål til rådet i en punktliste.]",
}
QUESTIONS = ["Hvilke sektorer skal være med?", "Hvem leder arbeidsgruppen?", "Når skal innspillet være klart?"]
BULLETS = ["Kommunene", "Spesialisthelsetjenesten"]
TABLE = [["Sektor", "Representant"], ["Kommune", "KS"], ["Forskning", "UiO"]]
BAKGRUNN = "Regjeringen satte ned Helsereformutvalget i 2025. Se Meld. St. 9 og regjeringens side."

# What the case officer writes into the file from `ho21 case-doc` (case (a) of the innkalling).
CD_TITLE = "Arbeidsgruppe for helsedata"
CD_BAKGRUNN = "Rådet ba om en arbeidsgruppe for deling av helsedata. Se Helsedataservice for bakgrunnen."
CD_BOLD, CD_ITALIC, CD_LINK_TEXT = "en arbeidsgruppe", "helsedata", "Helsedataservice"
CD_LINK = "https://helsedata.no/no/om-helsedataservice/"
CD_HVORFOR = "Mandatet må vedtas før arbeidet kan begynne i februar."
CD_QUESTIONS = ["Hvem skal sitte i gruppen?", "Hvor ofte skal den møtes?", "Når leverer den?"]
CD_BULLETS = ["Registerforvaltere", "Forskere"]
CD_TABLE = [["Rolle", "Antall"], ["Leder", "1"], ["Medlem", "6"]]
CD_ALT = "Kart over helseregistre etter eier"
CD_FORSLAG = "Rådet setter ned en arbeidsgruppe for deling av helsedata, med mandat som foreslått."


def ok(result: Run) -> Run:
    assert result.code == 0, f"exit {result.code}\n{result.out}\n{result.err}"
    assert "Traceback" not in result.err
    return result


def problems(root: Path) -> list[Problem]:
    """What check finds in the innkalling's inputs (not the gates' state of build/, tested in test_records)."""
    return [p for p in run_check(root, M, today=AS_OF)[1] if about_the_innkalling(p)]


# -- reading a case back out of the innkalling or its own file ------------------------------------


def text_of(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


@dataclass
class CasePart:
    """The body-level paragraphs and tables of one case: from its Heading 1 to the next case."""

    doc: Document
    blocks: list[Any]
    styles: dict[Any, str]  # paragraph -> its style's name

    def style(self, el: Any) -> str:
        return self.styles.get(el, "")

    def headings(self, level: int) -> list[str]:
        return [text_of(el) for el in self.blocks if self.style(el) == f"Heading {level}"]

    def section(self, title: str) -> list[Any]:
        """What stands under the Heading 2 ``title``, up to the next Heading 2."""
        start = next(i for i, el in enumerate(self.blocks) if self.style(el) == "Heading 2" and text_of(el) == title)
        out = []
        for el in self.blocks[start + 1 :]:
            if self.style(el) == "Heading 2":
                break
            out.append(el)
        return out

    def texts(self, title: str) -> list[str]:
        return [text_of(el) for el in self.section(title) if el.tag == f"{W}p" and text_of(el).strip()]

    def tables(self, title: str | None = None) -> list[list[list[str]]]:
        blocks = self.blocks if title is None else self.section(title)
        return [
            [[text_of(tc) for tc in tr.iterchildren(f"{W}tc")] for tr in tbl.iterchildren(f"{W}tr")]
            for tbl in blocks
            if tbl.tag == f"{W}tbl"
        ]

    def text(self) -> str:
        return "\n".join(text_of(el) for el in self.blocks)

    def list_items(self, title: str) -> list[tuple[str, str]]:
        """(text, numFmt of its numbering level) for each list paragraph under ``title``."""
        out = []
        for el in self.section(title):
            if el.tag != f"{W}p":
                continue
            num_id = _num_id(Paragraph(el, self.doc._body))
            if num_id is not None and num_id != 0:
                out.append((text_of(el), self.num_format(num_id, self.ilvl(el))))
        return out

    def ilvl(self, el: Any) -> str:
        found = el.find(f"{W}pPr/{W}numPr/{W}ilvl")
        return found.get(f"{W}val") if found is not None else "0"

    def num_format(self, num_id: int, ilvl: str) -> str:
        numbering = self.doc.part.numbering_part.element
        num = next(n for n in numbering.iterchildren(f"{W}num") if n.get(f"{W}numId") == str(num_id))
        override = next(
            (
                o
                for o in num.iterchildren(f"{W}lvlOverride")
                if o.get(f"{W}ilvl") == ilvl and o.find(f"{W}lvl") is not None
            ),
            None,
        )
        if override is not None:
            return str(override.find(f"{W}lvl/{W}numFmt").get(f"{W}val"))
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            a for a in numbering.iterchildren(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id
        )
        lvl = next(lv for lv in abstract.iterchildren(f"{W}lvl") if lv.get(f"{W}ilvl") == ilvl)
        return str(lvl.find(f"{W}numFmt").get(f"{W}val"))

    def footnotes(self) -> dict[str, str]:
        """The text of each footnote referenced from the case's paragraphs, by its id."""
        ids = [ref.get(f"{W}id") for el in self.blocks for ref in el.iter(f"{W}footnoteReference")]
        if not ids:
            return {}
        part = next(r.target_part for r in self.doc.part.rels.values() if r.reltype == RT.FOOTNOTES)
        root = etree.fromstring(part.blob)
        notes = {fn.get(f"{W}id"): text_of(fn) for fn in root.iterchildren(f"{W}footnote")}
        return {i: notes.get(i, "(missing)") for i in ids}

    def alt_texts(self) -> list[str]:
        out = []
        for el in self.blocks:
            for inline in el.iter(f"{WP}inline", f"{WP}anchor"):
                blip = next(inline.iter(f"{A}blip"))
                assert self.doc.part.related_parts[blip.get(R_EMBED)].content_type.startswith("image/")
                out.append(inline.find(f"{WP}docPr").get("descr"))
        return out


@dataclass(frozen=True)
class Built:
    """A .docx ho21 wrote, opened once: its body's paragraphs and tables, each paragraph's style."""

    name: str
    doc: Document
    children: list[Any]
    styles: dict[Any, str]


def read_built(path: Path) -> Built:
    doc = open_docx(path)
    names = {s.style_id: s.name for s in doc.styles}
    default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    children = [el for el in doc.element.body if el.tag in (f"{W}p", f"{W}tbl")]
    styles = {}
    for el in children:
        if el.tag == f"{W}p":
            p_style = el.find(f"{W}pPr/{W}pStyle")
            styles[el] = names.get(p_style.get(f"{W}val"), "") if p_style is not None else default.name
    return Built(path.name, doc, children, styles)


def case_part(source: Path | Built, heading: str) -> CasePart:
    """The case headed ``heading`` (Heading 1), up to the next case."""
    built = read_built(source) if isinstance(source, Path) else source
    children, styles = built.children, built.styles
    starts = [i for i, el in enumerate(children) if styles.get(el) == "Heading 1" and text_of(el) == heading]
    assert len(starts) == 1, f"{heading!r} found {len(starts)} times in {built.name}"
    end = next(
        (i for i in range(starts[0] + 1, len(children)) if styles.get(children[i]) == "Heading 1"), len(children)
    )
    blocks = children[starts[0] : end]
    if styles.get(blocks[-1]) == "Subtitle" and text_of(blocks[-1]) == "Saksfremlegg":
        blocks.pop()  # the next case's saksfremlegg starts here
    return CasePart(built.doc, blocks, styles)


def formatted_runs(p: Any, tag: str) -> list[str]:
    return [
        text_of(r)
        for r in p.iter(f"{W}r")
        if (flag := r.find(f"{W}rPr/{W}{tag}")) is not None and flag.get(f"{W}val", "true") not in ("0", "false")
    ]


def links(part: CasePart, p: Any) -> list[tuple[str, str]]:
    return [(text_of(h), str(part.doc.part.rels[h.get(R_ID)].target_ref)) for h in p.iter(f"{W}hyperlink")]


@dataclass(frozen=True)
class Expected:
    heading: str
    sections: list[str]
    texts: dict[str, list[str]]  # section -> its paragraphs (list items included)
    bold: str
    italic: str
    link: tuple[str, str]
    footnote: str
    numbered: list[str]
    bullets: list[str]
    table: list[list[str]]
    alt: str
    forslag: str


def assert_word_body(source: Path | Built, want: Expected) -> None:
    """The case's part of ``source`` shows the Word body as its author made it, and only once."""
    part = case_part(source, want.heading)
    assert part.headings(1) == [want.heading]
    assert part.headings(2) == [*want.sections, "Forslag til vedtak"]
    for title, texts in want.texts.items():
        assert part.texts(title) == texts, title
    # The first section's first paragraph: bold, italic, a link and a footnote, as written.
    first = next(el for el in part.section(want.sections[0]) if text_of(el).strip())
    assert want.bold in formatted_runs(first, "b")
    assert want.italic in formatted_runs(first, "i")
    assert links(part, first) == [want.link]
    assert [text_of(r) for r in first.iter(f"{W}r") if r.find(f"{W}footnoteReference") is not None] == [""]
    assert list(part.footnotes().values()) == [want.footnote]
    # Lists keep their numbering: decimal for the numbered one, bullets for the other.
    items = part.list_items(want.sections[-1])
    assert items == [(t, "decimal") for t in want.numbered] + [(t, "bullet") for t in want.bullets]
    assert part.tables(want.sections[-1]) == [want.table]
    # Only the template's header table: the body's own header block is never printed.
    assert len(part.tables()) == 2 and part.tables()[0][0][0] == "Til"
    assert part.alt_texts() == [want.alt]
    # The forslag once, under the template's own (and only) «Forslag til vedtak» heading.
    assert part.texts("Forslag til vedtak") == [want.forslag]
    assert part.text().count(want.forslag) == 1
    assert "Saksfremlegg" not in part.headings(1) + [text_of(el) for el in part.blocks]


def word_expected(heading: str, sections: list[str], **extra: Any) -> Expected:
    texts = {"Bakgrunn": [BAKGRUNN], "Hovedpunkter": ["Spørsmål til rådet:", *QUESTIONS, *BULLETS]}
    return Expected(
        heading=heading,
        sections=sections,
        texts=texts | extra.pop("texts", {}),
        bold="Helsereformutvalget",
        italic="Meld. St. 9",
        link=("regjeringens side", LINK),
        footnote=f" {FOOTNOTE_TEXT}",
        numbered=QUESTIONS,
        bullets=BULLETS,
        table=TABLE,
        alt=ALT,
        forslag=FORSLAG,
        **extra,
    )


# -- filling in the file from `ho21 case-doc`, as a case officer does in Word ---------------------


def guidance_paragraphs(document: Document) -> dict[str, Paragraph]:
    """Each «[Veiledning: …]» line, by the heading above it."""
    out: dict[str, Paragraph] = {}
    heading = ""
    for p in document.paragraphs:
        if p.style is not None and p.style.name.startswith("Heading"):
            heading = p.text
        elif p.text.startswith("[Veiledning:"):
            out[heading] = p
    return out


def moved_after(anchor: Any, make: Callable[[], None], document: Document) -> None:
    """Run ``make`` (which adds at the end of the document) and move what it added after ``anchor``."""
    body = document.element.body
    assert body[-1].tag == f"{W}sectPr"
    before = len(body)
    make()
    added = list(body)[before - 1 : -1]
    for el in reversed(added):
        anchor.addnext(el)


def fill_case_doc(source: Path, target: Path) -> Path:
    document = docx.Document(str(source))
    guide = guidance_paragraphs(document)
    assert sorted(guide) == sorted([*PROFILE_SECTIONS, "Forslag til vedtak"])

    p = guide["Bakgrunn"]
    p.text = "Rådet ba om "
    p.add_run(CD_BOLD).bold = True
    p.add_run(" for deling av ")
    p.add_run(CD_ITALIC).italic = True
    p.add_run(". Se ")
    add_link(p, CD_LINK_TEXT, CD_LINK)
    p.add_run(" for bakgrunnen.")
    add_footnote(document, p)

    guide["Hvorfor saken fremmes til dette møtet"].text = CD_HVORFOR

    p = guide["Hovedpunkter"]
    p.text = "Rådet bes drøfte:"

    def lists_table_image() -> None:
        for text in CD_QUESTIONS:
            document.add_paragraph(text, style="List Number")
        for text in CD_BULLETS:
            document.add_paragraph(text, style="List Bullet")
        table = document.add_table(rows=3, cols=2)
        table.style = document.styles["Table Grid"]
        for r, row in enumerate(CD_TABLE):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        shape = document.add_paragraph().add_run().add_picture(io.BytesIO(png(30, 30, (20, 90, 160))))
        shape._inline.docPr.set("descr", CD_ALT)

    moved_after(p._p, lists_table_image, document)
    guide["Forslag til vedtak"].text = CD_FORSLAG
    document.save(str(target))
    return target


# -- 1. an innkalling from Word bodies made three ways --------------------------------------------


def test_innkalling_from_word_bodies_made_three_ways(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root = buildable
    # (a) the file from `ho21 case-doc`, filled in by the case officer
    ok(ho21("add-case", M, "--title", CD_TITLE, "--root", root))
    blank = Path(ok(ho21("case-doc", M, "6", "--out", tmp_path / "blank.docx", "--root", root)).out.split("\n")[-2])
    filled = fill_case_doc(blank, tmp_path / "utfylt.docx")
    ok(ho21("edit-case", M, "6", "--body", filled, "--root", root))
    # (b) sections as headings; (c) the council's label | text table, with the right number
    ok(
        ho21(
            "add-case", M, "--title", "Helsereformutvalget", "--body", heading_body(tmp_path / "h.docx"), "--root", root
        )
    )
    body_c = table_body(tmp_path / "t.docx", number="Sak 8/1/2026", title="Innspill til helsereformen")
    ok(ho21("add-case", M, "--title", "Innspill til helsereformen", "--body", body_c, "--root", root))
    assert problems(root) == []

    built = ok(ho21("build-innkalling", M, "--root", root))
    assert "UTKAST" not in built.out
    innkalling = read_built(root / INNKALLING)
    case_a = Expected(
        heading=f"Sak 6/1/2026 {CD_TITLE}",
        sections=PROFILE_SECTIONS,
        texts={
            "Bakgrunn": [CD_BAKGRUNN],
            "Hvorfor saken fremmes til dette møtet": [CD_HVORFOR],
            "Hovedpunkter": ["Rådet bes drøfte:", *CD_QUESTIONS, *CD_BULLETS],
        },
        bold=CD_BOLD,
        italic=CD_ITALIC,
        link=(CD_LINK_TEXT, CD_LINK),
        footnote=f" {FOOTNOTE_TEXT}",
        numbered=CD_QUESTIONS,
        bullets=CD_BULLETS,
        table=CD_TABLE,
        alt=CD_ALT,
        forslag=CD_FORSLAG,
    )
    case_b = word_expected(
        "Sak 7/1/2026 Helsereformutvalget",
        ["Bakgrunn", "Hovedpunkter"],
        texts={
            "Hovedpunkter": [
                "Spørsmål til rådet:",
                *QUESTIONS,
                *BULLETS,
                "Underpunkt om tidsplan",
                "Innspillet skal være klart til sommeren.",
            ]
        },
    )
    case_c = word_expected("Sak 8/1/2026 Innspill til helsereformen", ["Bakgrunn", "Hovedpunkter"])
    for want in (case_a, case_b, case_c):
        assert_word_body(innkalling, want)
    # heading_body's sub-heading stays a heading, one level below its section.
    assert case_part(innkalling, case_b.heading).headings(3) == ["Underpunkt om tidsplan"]
    # Each case's own file shows the same.
    own = sorted((root / M / "build" / "saksfremlegg").glob("sak-0[678]-*.docx"))
    assert [p.name[:6] for p in own] == ["sak-06", "sak-07", "sak-08"]
    for path, want in zip(own, (case_a, case_b, case_c), strict=True):
        assert_word_body(path, want)
        assert case_part(path, want.heading).headings(2) == case_part(innkalling, want.heading).headings(2)

    # The referat skeleton drafts each Word body's forslag as the vedtak.
    referat = ok(ho21("draft-referat", M, "--root", root))
    paras = paragraphs(open_docx(Path(referat.out.strip().splitlines()[-1])))
    for want in (case_a, case_b, case_c):
        texts = section_text(paras, want.heading)
        assert texts[texts.index("Vedtak") + 1 :] == [want.forslag]


# -- 2. a Word body typed with another number ----------------------------------------------------


def all_package_text(path: Path) -> str:
    """Every text node of every XML part of a .docx (body, tables, headers, footnotes)."""
    with zipfile.ZipFile(path) as zf:
        return "\n".join(
            text_of(etree.fromstring(zf.read(name)))
            for name in zf.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


def test_a_word_body_with_another_meetings_number(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root = buildable
    wrong = table_body(tmp_path / "feil.docx", number="Sak 10/1/2025")
    ok(ho21("add-case", M, "--title", "Helsereformutvalget", "--body", wrong, "--root", root))
    found = problems(root)
    assert [(p.severity.value, p.code) for p in found] == [("feil", "word-number")]
    assert "«Sak 10/1/2025 Helsereformutvalget»" in found[0].what and "Sak 6/1/2026" in found[0].what
    check = ho21("check", M, "--as-of", "2025-12-20", "--root", root)
    assert check.code == 1 and "10/1/2025" in check.out

    before = snapshot(root)
    refusal = ho21("build-innkalling", M, "--root", root)
    assert (
        refusal.code == 1 and "has 1 error(s)" in refusal.err and "«Sak 10/1/2025 Helsereformutvalget»" in refusal.err
    )
    assert "--draft" in refusal.err and "Traceback" not in refusal.err
    assert snapshot(root) == before

    ok(ho21("build-innkalling", M, "--draft", "--root", root))
    outputs = [root / INNKALLING, *sorted((root / M / "build" / "saksfremlegg").glob("*.docx"))]
    assert len(outputs) == 9
    for path in outputs:
        assert "10/1/2025" not in all_package_text(path), path.name
    # The body itself is there, under the manifest's number.
    assert_word_body(root / INNKALLING, word_expected("Sak 6/1/2026 Helsereformutvalget", ["Bakgrunn", "Hovedpunkter"]))

    # This meeting's number of another case: most likely moved since; a warning, and it builds.
    moved = table_body(tmp_path / "flyttet.docx", number="Sak 3/1/2026")
    ok(ho21("edit-case", M, "6", "--body", moved, "--root", root))
    found = problems(root)
    assert [(p.severity.value, p.code) for p in found] == [("advarsel", "word-number")]
    assert "Sak 3/1/2026" in found[0].what
    ok(ho21("build-innkalling", M, "--root", root))
    part = case_part(root / INNKALLING, "Sak 6/1/2026 Helsereformutvalget")
    assert "Sak 3/1/2026" not in part.text()


# -- 3. what a Word body must not carry into the innkalling ----------------------------------------


def with_tracked_change_and_comment(path: Path) -> Path:
    """heading_body with one inserted run not yet accepted and one comment."""
    heading_body(path)
    document = docx.Document(str(path))
    p = next(p for p in document.paragraphs if p.text.startswith("Innspillet"))
    ins = etree.SubElement(p._p, f"{W}ins")
    ins.set(f"{W}id", "901")
    ins.set(f"{W}author", "Kari Nordmann")
    ins.set(f"{W}date", "2025-12-01T10:00:00Z")
    run = p.add_run(" Helst før 1. juni.")
    ins.append(run._r)
    document.add_comment(p.runs[0], text="Stemmer datoen?", author="Ole Johan Borge", initials="OJB")
    document.save(str(path))
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    assert b"<w:ins " in xml and b"<w:commentReference " in xml
    return path


def without_alt_text(path: Path) -> Path:
    heading_body(path)
    document = docx.Document(str(path))
    for doc_pr in document.element.body.iter(f"{WP}docPr"):
        doc_pr.attrib.pop("descr", None)
        doc_pr.attrib.pop("title", None)
    document.save(str(path))
    return path


def test_unfinished_word_bodies_are_errors_and_unfinished_vedlegg_warnings(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    root = buildable
    # Sak 6: the file from case-doc, given back as it was written
    ok(ho21("add-case", M, "--title", "Uferdig sak", "--root", root))
    ok(ho21("case-doc", M, "6", "--out", tmp_path / "uferdig.docx", "--root", root))
    ok(ho21("edit-case", M, "6", "--body", tmp_path / "uferdig.docx", "--root", root))
    # Sak 7: tracked changes and a comment in the body; Sak 8: the same file as a vedlegg
    review = with_tracked_change_and_comment(tmp_path / "til-gjennomsyn.docx")
    ok(ho21("add-case", M, "--title", "Helsereformutvalget", "--body", review, "--root", root))
    markdown = write(tmp_path / "sak8.md", "## Bakgrunn\n\nSe vedlegget.\n")
    ok(
        ho21(
            "add-case", M, "--title", "Med vedlegg", "--body", markdown, "--vedlegg", f"{review}=Notat", "--root", root
        )
    )
    # Sak 9: an image without alt text
    no_alt = without_alt_text(tmp_path / "uten-alt.docx")
    ok(ho21("add-case", M, "--title", "Helsereformutvalget med bilde", "--body", no_alt, "--root", root))

    found = problems(root)
    assert sorted((p.severity.value, p.code, p.place.split(":")[0]) for p in found) == [
        ("advarsel", "vedlegg-unfinished", "Sak 8/1/2026"),
        ("feil", "image-without-alt", "Sak 9/1/2026"),
        ("feil", "placeholder-body", "Sak 6/1/2026"),
        ("feil", "placeholder-forslag", "Sak 6/1/2026"),
        ("feil", "word-comments", "Sak 7/1/2026"),
        ("feil", "word-tracked-changes", "Sak 7/1/2026"),
    ]
    by_code = {p.code: p for p in found}
    assert "[Veiledning: Hvorfor rådet bør behandle saken nå.]" in by_code["placeholder-body"].what
    assert FORSLAG_GUIDANCE in by_code["placeholder-forslag"].what
    assert by_code["word-tracked-changes"].what == "has 1 tracked change(s) not yet accepted"
    assert by_code["word-comments"].what == "has 1 comment(s)"
    assert by_code["vedlegg-unfinished"].what == "has 1 tracked change(s) not accepted and 1 comment(s)"
    assert by_code["image-without-alt"].fix == WORD_ALT_FIX
    before = snapshot(root)
    refusal = ho21("build-innkalling", M, "--root", root)
    assert refusal.code == 1 and "has 5 error(s) to fix before the innkalling is built" in refusal.err
    for place in (
        "Sak 6/1/2026: text",
        "Sak 6/1/2026: forslag til vedtak",
        "Sak 7/1/2026: saker/",
        "Sak 9/1/2026: image",
    ):
        assert place in refusal.err
    assert "vedlegg" not in refusal.err and "Traceback" not in refusal.err
    assert snapshot(root) == before

    # Finished bodies in their place: only the vedlegg's warning is left, and it builds.
    ok(
        ho21(
            "edit-case", M, "6", "--body", heading_body(tmp_path / "ferdig6.docx", title="Uferdig sak"), "--root", root
        )
    )
    ok(ho21("edit-case", M, "7", "--body", heading_body(tmp_path / "ferdig7.docx"), "--root", root))
    ok(ho21("remove-case", M, "9", "--root", root))
    assert [(p.severity.value, p.code) for p in problems(root)] == [("advarsel", "vedlegg-unfinished")]
    ok(ho21("build-innkalling", M, "--root", root))
    text = all_package_text(root / INNKALLING)
    assert "Helst før 1. juni." in text  # the vedlegg is merged as it is
    assert "[Veiledning" not in text


# -- 4. ho21 case-doc -----------------------------------------------------------------------------


def case_doc(ho21: Callable[..., Run], root: Path, ref: str, out: Path, *extra: str) -> Run:
    return ho21("case-doc", M, ref, "--out", out, *extra, "--root", root)


def header_fields(document: Document) -> dict[str, str]:
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    return {row[i]: row[i + 1] for row in rows for i in range(0, len(row), 2)}


def under_headings(document: Document) -> list[tuple[str, list[str]]]:
    """(Heading 2, the paragraphs under it) in order."""
    out: list[tuple[str, list[str]]] = []
    for p in paragraphs(document):
        if p.style == "Heading 2":
            out.append((p.text, []))
        elif out and p.text.strip():
            out[-1][1].append(p.text)
    return out


def test_case_doc_writes_the_saksfremlegg_to_fill_in(buildable: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root = buildable
    mandat = docx.Document()
    mandat.add_paragraph("Mandat for arbeidsgruppen.")
    mandat.save(str(tmp_path / "mandat.docx"))
    ok(
        ho21(
            "add-case", M, "--title", CD_TITLE, "--saksbehandler", "Tine Thorbjørnsen",
            "--vedlegg", f"{tmp_path / 'mandat.docx'}=Mandat for arbeidsgruppen", "--root", root,
        )
    )  # fmt: skip
    out = tmp_path / "ut" / "saksfremlegg.docx"
    out.parent.mkdir()
    result = ok(case_doc(ho21, root, "6", out))
    assert result.out.splitlines() == [f"Sak 6/1/2026  {CD_TITLE}: saksfremlegg for the case officer", str(out)]
    document = open_docx(out)
    assert [p.text for p in paragraphs(document) if p.style == "Heading 1"] == [f"Sak 6/1/2026 {CD_TITLE}"]
    assert header_fields(document) == {
        "Til": "HelseOmsorg21-rådet",
        "Saksbehandler": "Tine Thorbjørnsen",
        "Fra": "Ole Johan Borge",
        "Vedlegg": "1. Mandat for arbeidsgruppen",
    }
    assert under_headings(document) == [
        *((title, [PROFILE_GUIDANCE[title]]) for title in PROFILE_SECTIONS),
        ("Forslag til vedtak", [f"[Veiledning: {FORSLAG_GUIDANCE}]"]),
    ]
    # --out a folder: the file gets its default name there.
    folder_result = ok(case_doc(ho21, root, "6", tmp_path / "ut"))
    assert (
        Path(folder_result.out.splitlines()[-1])
        == tmp_path / "ut" / f"saksfremlegg-{M}-arbeidsgruppe-for-helsedata.docx"
    )

    # A case with Markdown text so far: its text is carried, guidance only where nothing is written.
    md = write(tmp_path / "sak7.md", "## Bakgrunn\n\nRådet drøftet saken i juni.\n\n## Tidsplan\n\nFerdig i mai.\n")
    ok(
        ho21(
            "add-case",
            M,
            "--title",
            "Med tekst",
            "--body",
            md,
            "--forslag",
            "Saken tas til orientering.",
            "--root",
            root,
        )
    )
    carried = tmp_path / "med-tekst.docx"
    ok(case_doc(ho21, root, "7", carried))
    assert under_headings(open_docx(carried)) == [
        ("Bakgrunn", ["Rådet drøftet saken i juni."]),
        ("Hvorfor saken fremmes til dette møtet", [PROFILE_GUIDANCE["Hvorfor saken fremmes til dette møtet"]]),
        ("Hovedpunkter", [PROFILE_GUIDANCE["Hovedpunkter"]]),
        ("Tidsplan", ["Ferdig i mai."]),
        ("Forslag til vedtak", ["Saken tas til orientering."]),
    ]

    # Refusals change nothing.
    ok(
        ho21(
            "add-case", M, "--title", "Helsereformutvalget", "--body", heading_body(tmp_path / "h.docx"), "--root", root
        )
    )
    kept = out.read_bytes()
    before = snapshot(root)
    refused(case_doc(ho21, root, "6", out), 4, str(out), "--force")
    refused(case_doc(ho21, root, "8", tmp_path / "word.docx"), 3, "already has a saksfremlegg written in Word")
    unknown = case_doc(ho21, root, "finnes-ikke", tmp_path / "ukjent.docx")
    refused(unknown, 3, "finnes-ikke")
    assert out.read_bytes() == kept and snapshot(root) == before
    assert not (tmp_path / "word.docx").exists() and not (tmp_path / "ukjent.docx").exists()
    ok(case_doc(ho21, root, "6", out, "--force"))
    assert open_docx(out).paragraphs[1].text == f"Sak 6/1/2026 {CD_TITLE}"

    # The council's own sections, from the profile.
    profile = root / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    sections = re.search(r"(\[\[sections\]\]\n(?:[a-z]+ = .*\n)+\n?)+", text)
    assert sections is not None and sections.group(0).count("[[sections]]") == 3
    custom = (
        '[[sections]]\ntitle = "Saksopplysninger"\nguidance = "Fakta i saken."\n\n'
        '[[sections]]\ntitle = "Vurdering"\nguidance = "Sekretariatets vurdering."\n\n'
    )
    profile.write_text(text.replace(sections.group(0), custom), encoding="utf-8")
    ok(case_doc(ho21, root, "6", out, "--force"))
    assert under_headings(open_docx(out)) == [
        ("Saksopplysninger", ["[Veiledning: Fakta i saken.]"]),
        ("Vurdering", ["[Veiledning: Sekretariatets vurdering.]"]),
        ("Forslag til vedtak", [f"[Veiledning: {FORSLAG_GUIDANCE}]"]),
    ]


# -- 5. a Word body's forslag and an arrived saksfremlegg ------------------------------------------


def manifest_case(root: Path, case_id: str) -> dict[str, Any]:
    meeting = tomllib.loads((root / M / "meeting.toml").read_text(encoding="utf-8"))
    return next(c for c in meeting["cases"] if c["id"] == case_id)


def test_a_word_bodys_forslag_replaces_the_manifests(archive: Path, ho21: Callable[..., Run], tmp_path: Path) -> None:
    root = archive
    ok(
        ho21(
            "add-case",
            M,
            "--title",
            "Helsereformutvalget",
            "--forslag",
            "Gammelt forslag.",
            "--ettersendes",
            "--root",
            root,
        )
    )
    assert manifest_case(root, "helsereformutvalget")["forslag"] == "Gammelt forslag."
    result = ok(ho21("edit-case", M, "6", "--body", heading_body(tmp_path / "h.docx"), "--root", root))
    assert result.out.splitlines()[-1] == (
        "Note: the body's «Forslag til vedtak» replaces the forslag in the manifest; no longer marked ettersendes."
    )
    case = manifest_case(root, "helsereformutvalget")
    assert "forslag" not in case and not case.get("ettersendes", False)
    assert case["body"] == "saker/helsereformutvalget.docx"
    assert "Gammelt forslag" not in (root / M / "meeting.toml").read_text(encoding="utf-8")
    paras = paragraphs(open_docx(Path(ok(ho21("draft-referat", M, "--root", root)).out.strip().splitlines()[-1])))
    texts = section_text(paras, "Sak 6/1/2026 Helsereformutvalget")
    assert texts[texts.index("Vedtak") + 1 :] == [FORSLAG]


# -- 6. files that are not a Word body ho21 can read ----------------------------------------------


def test_bodies_that_are_not_docx_are_refused_at_add_case(
    archive: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    good = heading_body(tmp_path / "god.docx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notat.txt", "Ikke et Word-dokument.")
    zipped = buffer.getvalue()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or a .docx locked with a password
    cases = [
        ("gammel-word.docx", ole + bytes(2000), "is an old Word document (.doc) renamed to .docx"),
        (
            "passord.docx",
            ole + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(500),
            "is protected by a password",
        ),
        ("skadet.docx", good[: len(good) // 2], "is damaged: the end of the file is missing"),
        ("tekst.docx", b"Bare tekst, ikke Word.", "is not a Word (.docx) document"),
        ("zip.docx", zipped, "is a zip file but not a Word document"),
        ("gammel.doc", good, "a body must be Markdown (.md) or a Word document (.docx), not «.doc»"),
        ("libre.odt", good, "a body must be Markdown (.md) or a Word document (.docx), not «.odt»"),
    ]
    before = snapshot(archive)
    for name, data, needle in cases:
        path = tmp_path / name
        path.write_bytes(data)
        result = ho21("add-case", M, "--title", "Helsereformutvalget", "--body", path, "--root", archive)
        refused(result, 3, f"Error: {path}: {needle}")
        assert snapshot(archive) == before, name


# -- 7. Word documents made by others, as bodies ------------------------------------------------


@pytest.fixture(scope="module")
def public_documents() -> list[Path]:
    return python_docx_test_documents()


def test_public_word_documents_as_bodies_build_or_are_refused_clearly(
    public_documents: list[Path], archive: Path, ho21: Callable[..., Run]
) -> None:
    accepted: dict[str, Path] = {}
    for i, path in enumerate(public_documents):
        if docx_refusal(path.read_bytes()) is not None:
            continue
        title = f"Offentlig dokument {i}"
        result = ho21("add-case", M, "--title", title, "--body", path, "--root", archive)
        if result.code == 0:
            accepted[title] = path
        else:
            refused(result, 3, str(path))
    assert len(accepted) >= 20
    built = ho21("build-innkalling", M, "--draft", "--root", archive)
    assert built.code == 0 and "Traceback" not in built.err, built.err
    innkalling = read_built(archive / INNKALLING)
    checked = 0
    for n, (title, path) in enumerate(accepted.items(), start=6):
        # What `check` read of the body is what the innkalling prints, under the case's heading.
        part = squeezed(case_part(innkalling, f"Sak {n}/1/2026 {title}").text())
        body = read_word_body(path.read_bytes())
        lines = [squeezed(line) for line in body_text(Body(body.intro, body.sections)).splitlines() if len(line) > 12]
        missing = [line for line in lines[:5] if line not in part]
        assert missing == [], path.name
        checked += bool(lines)
    assert checked >= 15


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_reference_by_id_in_a_word_body_gets_the_cases_number(
    buildable: Path, ho21: Callable[..., Run], tmp_path: Path
) -> None:
    """[[sak:id]] typed in Word, even split over runs by Word's spell checker, is written with the
    case's number at every build, as in a Markdown body; an unknown id is an error in check."""
    document = docx.Document()
    document.add_heading("Bakgrunn", 1)
    p = document.add_paragraph("Se ")
    for piece in ("[[sak:", "orienter", "inger]]"):
        p.add_run(piece)
    p.add_run(" og [[Sak:habilitet]].")
    path = tmp_path / "ref.docx"
    document.save(str(path))
    assert ho21("add-case", M, "--title", "Med henvisning", "--body", path, "--root", buildable).code == 0
    assert ho21("build-innkalling", M, "--root", buildable).code == 0
    text = "\n".join(p.text for p in paragraphs(open_docx(buildable / M / "build" / "innkalling-2026-1.docx")))
    assert "Se sak 4/1/2026 og Sak 2/1/2026." in text
    assert "[[" not in text

    document.add_paragraph("Og [[sak:finnes-ikke]].")
    document.save(str(path))
    assert ho21("edit-case", M, "med-henvisning", "--body", path, "--root", buildable).code == 0
    problems = run_check(buildable, M, today=AS_OF)[1]
    assert [p.code for p in problems if p.severity == "feil"] == ["unknown-case-id"]
