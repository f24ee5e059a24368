"""A case body: Markdown read into sections of paragraphs, lists and tables.

Rendering to Word happens elsewhere; this module only understands the text.
Raw HTML is off, so ``<w:p>`` or ``{{ 7*7 }}`` in a body are just characters.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ho21cli.core.text import clean_text
from ho21cli.errors import InputError
from ho21cli.i18n import _

if TYPE_CHECKING:
    from markdown_it.token import Token

FORSLAG_TITLE = "Forslag til vedtak"
LINE_BREAK = "\u2028"


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    line_break: bool = False  # a hard line break before this span


@dataclass
class Paragraph:
    spans: list[Span]

    @property
    def text(self) -> str:
        return "".join(("\n" if s.line_break else "") + s.text for s in self.spans).replace(LINE_BREAK, "\n")


@dataclass
class SubHeading:
    level: int  # 3 for ###, 4 for ####
    spans: list[Span]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Block]]
    start: int = 1


@dataclass
class TableBlock:
    header: list[list[Span]]
    rows: list[list[list[Span]]]


@dataclass
class Image:
    src: str
    alt: str


Block = Paragraph | SubHeading | ListBlock | TableBlock | Image


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class WordOrigin:
    """A body written in Word. The build merges the file itself (so lists, footnotes and
    tables come through as the author made them); the blocks of its ``Body`` are what
    the check reads. These are what the blocks do not show."""

    data: bytes
    typed_number: str = ""  # a case number typed in the document's own header: "Sak 10/1/2025"
    typed_title: str = ""  # the title typed beside it
    tracked_changes: int = 0  # insertions, deletions and moves not yet accepted
    comments: int = 0


@dataclass
class Body:
    intro: list[Block] = field(default_factory=list)  # text before the first section
    sections: list[Section] = field(default_factory=list)
    forslag: list[Block] | None = None  # a "## Forslag til vedtak" section, if any
    word: WordOrigin | None = None  # written in Word (.docx), not Markdown

    @property
    def is_empty(self) -> bool:
        return not self.intro and not self.sections and not self.forslag


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


@functools.lru_cache(maxsize=512)
def _tokens(text: str) -> tuple[Token, ...]:
    """A body's tokens: one command reads a body for its images and for its text; parse it once."""
    return tuple(_parser().parse(text))


def parse_body(text: str, *, where: str) -> Body:
    """Read a case body. Raises ``InputError`` naming the line for what we cannot place."""
    if "\x00" in text:
        raise InputError(
            _("contains NUL bytes: it is not a text file"), where=where, fix=_("Give a Markdown (.md) text file.")
        )
    # Word's manual line break (\x0b) stays a line break: a Unicode line separator
    # passes through Markdown as text (and keeps line numbers in messages right).
    tokens = _tokens(clean_text(text.replace("\x0b", LINE_BREAK)))
    body = Body()
    current: list[Block] = body.intro
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            inline = tokens[i + 1]
            line = (tok.map[0] + 1) if tok.map else "?"
            if level == 1:
                raise InputError(
                    _("line {line}: a level-1 heading («# {heading}»)").format(line=line, heading=inline.content),
                    where=where,
                    fix=_("Sections start with «## », e.g. «## Bakgrunn»; use «### » inside a section."),
                )
            if level == 2:
                title = " ".join(inline.content.split())
                if not title:
                    raise InputError(_("line {line}: a section heading with no text").format(line=line), where=where)
                if is_forslag_title(title):
                    if body.forslag is not None:
                        raise InputError(
                            _("line {line}: «## {heading}» appears twice").format(line=line, heading=FORSLAG_TITLE),
                            where=where,
                        )
                    body.forslag = current = []
                else:
                    section = Section(title.rstrip(":"))
                    body.sections.append(section)
                    current = section.blocks
            else:
                current.append(SubHeading(level, _spans(inline)))
            i += 3
            continue
        block, i = _block(tokens, i)
        if block is not None:
            current.append(block)
    return body


def _block(tokens: Sequence[Token], i: int) -> tuple[Block | None, int]:
    tok = tokens[i]
    if tok.type == "paragraph_open":
        return _paragraph_or_image(tokens[i + 1]), i + 3
    if tok.type in ("bullet_list_open", "ordered_list_open"):
        return _list(tokens, i)
    if tok.type == "table_open":
        return _table(tokens, i)
    if tok.type in ("fence", "code_block"):
        return Paragraph([Span(tok.content.rstrip("\n"), code=True)]), i + 1
    if tok.type == "blockquote_open":
        return None, i + 1  # its paragraphs follow as ordinary blocks
    return None, i + 1


def _paragraph_or_image(inline: Token) -> Block:
    children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        img = children[0]
        return Image(src=str(img.attrGet("src") or ""), alt=img.content or "")
    return Paragraph(_spans(inline))


def _spans(inline: Token) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    link: str | None = None
    pending_break = False
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link = str(child.attrGet("href") or "")
        elif kind == "link_close":
            link = None
        elif kind == "softbreak":
            spans.append(Span(" ", bold, italic, link=link))
        elif kind == "hardbreak":
            pending_break = True
        elif kind in ("text", "code_inline", "image"):
            text = child.content
            spans.append(Span(text, bold, italic, code=kind == "code_inline", link=link, line_break=pending_break))
            pending_break = False
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of the same format (markdown-it splits text at every ``&``)."""
    merged: list[Span] = []
    for s in spans:
        last = merged[-1] if merged else None
        if (
            last
            and not s.line_break
            and (last.bold, last.italic, last.code, last.link) == (s.bold, s.italic, s.code, s.link)
        ):
            last.text += s.text
        else:
            merged.append(Span(s.text, s.bold, s.italic, s.code, s.link, s.line_break))
    return merged


def _list(tokens: Sequence[Token], i: int) -> tuple[ListBlock, int]:
    open_tok = tokens[i]
    ordered = open_tok.type == "ordered_list_open"
    start = int(open_tok.attrGet("start") or 1) if ordered else 1
    close = "ordered_list_close" if ordered else "bullet_list_close"
    items: list[list[Block]] = []
    i += 1
    while tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            item: list[Block] = []
            i += 1
            while tokens[i].type != "list_item_close":
                block, i = _block(tokens, i)
                if block is not None:
                    item.append(block)
            items.append(item)
        i += 1
    return ListBlock(ordered, items, start), i + 1


def _table(tokens: Sequence[Token], i: int) -> tuple[TableBlock, int]:
    header: list[list[Span]] = []
    rows: list[list[list[Span]]] = []
    row: list[list[Span]] = []
    in_head = False
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline":
            row.append(_spans(t))
        elif t.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
        i += 1
    return TableBlock(header, rows), i + 1


def plain_text(blocks: list[Block]) -> str:
    """The text of some blocks, one line per paragraph or list item (for the referat)."""
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph | SubHeading):
            lines.append(b.text)
        elif isinstance(b, ListBlock):
            for item in b.items:
                lines.append(plain_text(item))
    return "\n".join(lines)


def is_forslag_title(title: str) -> bool:
    """«Forslag til vedtak», however it is punctuated or cased."""
    return " ".join(title.split()).rstrip(":").strip().casefold() == FORSLAG_TITLE.casefold()


def image_sources(body: Body) -> list[str]:
    """The files a body's images are read from, as written (none for a Word body: its images are inside it)."""
    if body.word is not None:
        return []
    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks]
    return [b.src for b in blocks if isinstance(b, Image)]
