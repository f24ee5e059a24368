"""Reading generated .docx files back for assertions: text, headings, tables, lists."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Para:
    style: str
    text: str
    num_id: int | None  # the w:numId in effect (own or the style's), for list checks


def open_docx(path: Path) -> Document:
    """Open with python-docx and parse every XML part strictly (no recovery)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(zf.read(name))  # raises on malformed XML
    return docx.Document(str(path))


def _num_id(p: docx.text.paragraph.Paragraph) -> int | None:
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
        return int(ppr.numPr.numId.val)
    style = p.style
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None and sppr.numPr.numId is not None:
            return int(sppr.numPr.numId.val)
        style = style.base_style
    return None


def paragraphs(doc: Document) -> list[Para]:
    return [Para(p.style.name if p.style is not None else "", p.text, _num_id(p)) for p in doc.paragraphs]


def headings(doc: Document, level: int | None = None) -> list[str]:
    names = {f"Heading {level}"} if level else {f"Heading {i}" for i in range(1, 10)}
    return [p.text for p in paragraphs(doc) if p.style in names]


def all_text(doc: Document) -> str:
    """Body text in document order, tables included (cells separated by tabs)."""
    out: list[str] = []
    for block in doc.element.body.iterchildren():
        if block.tag == f"{W}p":
            out.append("".join(t.text or "" for t in block.iter(f"{W}t")))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in row.iter(f"{W}tc")]
                out.append("\t".join(cells))
    return "\n".join(out)


def table_rows(table: docx.table.Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def section_text(paras: list[Para], heading: str, *, after: int = 0) -> list[str]:
    """Paragraph texts under the first ``heading`` found at or after index ``after``, up to the next heading."""
    start = next(i for i, p in enumerate(paras) if i >= after and p.text == heading and p.style.startswith("Heading"))
    out = []
    for p in paras[start + 1 :]:
        if p.style.startswith("Heading"):
            break
        if p.text.strip():
            out.append(p.text)
    return out
