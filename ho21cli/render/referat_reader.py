"""Reading the referat a person finished in Word back into a ``FinishedReferat``.

The text is taken from the XML the way Word shows it: inserted text of
tracked changes counts, deleted text does not, a manual line break is a
newline, and text boxes and field codes are left out. A paragraph is a
heading when its style (or a style it is based on) is a Heading or Title
style or has an outline level, or when it has an outline level of its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ho21cli.core.referat_check import FinishedReferat, ReferatParagraph
from ho21cli.render.inspect import Refusal, docx_refusal, take_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not text a reader sees in the paragraph: properties, deleted text, field codes, text boxes.
SKIP = {f"{W}{t}" for t in ("pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "txbxContent", "sdtPr")}
SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
TRACKED = {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
HEADING_NAMES = ("heading", "title", "overskrift", "tittel")
NO_OUTLINE = 9  # w:outlineLvl 9 is body text


def read_referat(name: str, data: bytes) -> FinishedReferat | Refusal:
    """The referat's paragraphs, or why it cannot be read (damaged, a password, not a .docx)."""
    refusal = docx_refusal(data)
    if refusal is not None:
        return refusal
    document = take_docx(data)
    styles = _Styles(document.styles.element)
    body = document.element.body
    paragraphs = tuple(_blocks(body, styles))
    tracked = any(el.tag in TRACKED for el in body.iter())
    return FinishedReferat(name, paragraphs, tracked_changes=tracked)


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    bold: bool | None


class _Styles:
    """The document's paragraph styles, followed through ``basedOn``."""

    def __init__(self, element: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        for style in element.iter(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            sid = style.get(f"{W}styleId") or ""
            name = _val(style.find(f"{W}name")) or sid
            based = _val(style.find(f"{W}basedOn"))
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            bold = style.find(f"{W}rPr/{W}b")
            self.styles[sid] = _Style(name, based, _int(_val(outline)), None if bold is None else _on(bold))
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        current = sid if sid in self.styles else self.default
        while current is not None and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            yield style
            current = style.based_on

    def is_heading(self, sid: str | None) -> bool:
        for style in self.chain(sid):
            if style.name.casefold().startswith(HEADING_NAMES):
                return True
            if style.outline is not None and style.outline < NO_OUTLINE:
                return True
        return False

    def bold(self, sid: str | None) -> bool:
        return next((s.bold for s in self.chain(sid) if s.bold is not None), False)


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _on(element: Any) -> bool:
    return _val(element) not in ("0", "false", "off")


def _blocks(parent: Any, styles: _Styles) -> Iterator[ReferatParagraph]:
    for child in parent:
        if child.tag == f"{W}p":
            yield _paragraph(child, styles)
        elif child.tag == f"{W}tbl":
            yield from _table(child, styles)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            yield from _blocks(content if content is not None else child, styles)


def _table(table: Any, styles: _Styles) -> Iterator[ReferatParagraph]:
    for row in (r for r in table if r.tag == f"{W}tr"):
        cells = [c for c in row if c.tag == f"{W}tc"]
        texts = ["\n".join(_text(p) for p in cell.iter(f"{W}p")) for cell in cells]
        label = " ".join(texts[0].split()) if texts else ""
        for cell, text in zip(cells, texts, strict=True):
            highlighted = any(_highlighted(p) for p in cell.iter(f"{W}p"))
            yield ReferatParagraph(text, highlighted=highlighted, table_row=label)


def _paragraph(p: Any, styles: _Styles) -> ReferatParagraph:
    ppr = p.find(f"{W}pPr")
    sid = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
    own_outline = _int(_val(ppr.find(f"{W}outlineLvl"))) if ppr is not None else None
    heading = styles.is_heading(sid) or (own_outline is not None and own_outline < NO_OUTLINE)
    runs = [r for r in _runs(p) if _run_text(r).strip()]
    style_bold = styles.bold(sid)
    bold = bool(runs) and all(_run_bold(r, style_bold) for r in runs)
    return ReferatParagraph(_text(p), heading=heading, highlighted=_highlighted(p), bold=bold)


def _runs(element: Any) -> Iterator[Any]:
    for child in element:
        if child.tag in SKIP:
            continue
        if child.tag == f"{W}r":
            yield child
        else:
            yield from _runs(child)


def _run_text(run: Any) -> str:
    out: list[str] = []
    _collect(run, out)
    return "".join(out)


def _text(p: Any) -> str:
    out: list[str] = []
    _collect(p, out)
    return unicodedata.normalize("NFC", "".join(out))


def _collect(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in SKIP:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if child.get(f"{W}type") not in ("page", "column"):
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            _collect(child, out)


def _run_bold(run: Any, style_bold: bool) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return style_bold if b is None else _on(b)


def _highlighted(p: Any) -> bool:
    """Some text of the paragraph still has the skeleton's yellow highlight."""
    for run in _runs(p):
        mark = run.find(f"{W}rPr/{W}highlight")
        if mark is not None and _val(mark) == "yellow" and _run_text(run).strip():
            return True
    return False
