"""Cross-references between cases of one meeting, written by id so they follow
renumbering: ``[[sak:helsereformutvalget]]`` becomes ``sak 6/1/2026`` and
``[[Sak:helsereformutvalget]]`` ``Sak 6/1/2026`` (at the start of a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ho21cli.core.body import Block, Body, ListBlock, Paragraph, Section, Span, SubHeading, TableBlock
from ho21cli.core.model import Meeting
from ho21cli.core.numbering import Numbering
from ho21cli.errors import InputError
from ho21cli.i18n import _

SpanFn = Callable[[Span], Span]
REFERENCE = re.compile(r"\[\[([sS]ak):([A-Za-z0-9][A-Za-z0-9-]*)\]\]")


def references_in(body: Body) -> list[str]:
    """Every case id the body refers to."""
    found: list[str] = []

    def collect(span: Span) -> Span:
        found.extend(m.group(2) for m in REFERENCE.finditer(span.text))
        return span

    _map_body(body, collect)
    return found


def resolve(body: Body, numbers: dict[str, str]) -> Body:
    """Replace references with numbers (lower-case form, e.g. "sak 6/1/2026"); unknown ids stay as typed."""

    return _map_body(body, lambda s: replace(s, text=resolve_text(s.text, numbers)) if "[[" in s.text else s)


def _map_body(body: Body, fn: SpanFn) -> Body:
    return Body(
        intro=_map_blocks(body.intro, fn),
        sections=[Section(s.title, _map_blocks(s.blocks, fn)) for s in body.sections],
        forslag=_map_blocks(body.forslag, fn) if body.forslag is not None else None,
        word=body.word,
    )


def _map_blocks(blocks: list[Block], fn: SpanFn) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(Paragraph([fn(s) for s in b.spans]))
        elif isinstance(b, SubHeading):
            out.append(SubHeading(b.level, [fn(s) for s in b.spans]))
        elif isinstance(b, ListBlock):
            out.append(ListBlock(b.ordered, [_map_blocks(item, fn) for item in b.items], b.start))
        elif isinstance(b, TableBlock):
            out.append(
                TableBlock(
                    [[fn(s) for s in cell] for cell in b.header],
                    [[[fn(s) for s in cell] for cell in row] for row in b.rows],
                )
            )
        else:
            out.append(b)
    return out


def link_case_numbers(text: str, meeting: Meeting, numbers: Numbering) -> str:
    """``t.o. sak 9/1/2026`` -> ``t.o. [[sak:id]]``: a number of this meeting stored against its case.

    A number this meeting does not have is refused: a note about attendance
    names a case of the meeting it was written for.
    """
    label = numbers.meeting_label(meeting.number, meeting.year)
    out, last = [], 0
    for ref in numbers.find_references(text):
        ours = ref.meeting in (None, meeting.number) and ref.year in (None, meeting.year)
        index = ref.n - meeting.first_case
        if not ours or not 0 <= index < len(meeting.cases):
            raise InputError(
                _("«{ref}» is not a case of meeting {label} ({first}-{last})").format(
                    ref=ref.text, label=label, first=meeting.first_case, last=meeting.last_case
                ),
                fix=_("Name a case of this meeting by its number."),
            )
        word = "Sak" if ref.text[:1].isupper() else "sak"
        out += [text[last : ref.start], f"[[{word}:{meeting.cases[index].id}]]"]
        last = ref.end
    return "".join(out) + text[last:]


def resolve_text(text: str, numbers: dict[str, str]) -> str:
    """Each ``[[sak:id]]`` in a plain text written with the case's number now."""

    def number(m: re.Match[str]) -> str:
        written = numbers.get(m.group(2))
        if written is None:
            return m.group(0)
        return written[:1].upper() + written[1:] if m.group(1) == "Sak" else written

    return REFERENCE.sub(number, text)
