"""The referat skeleton: every case of the meeting with its standard text,
an empty, marked place for the discussion, and the draft vedtak.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ho21cli.core.body import Body, ListBlock, Paragraph, SubHeading, plain_text
from ho21cli.core.documents import UNKNOWN_COUNT, UNKNOWN_FACTS, CaseDoc, case_number, join_names
from ho21cli.core.model import Meeting, Profile, ReferatSent
from ho21cli.core.numbering import DocKind
from ho21cli.core.standard_cases import fill

POSTPONED = "Saken ble utsatt."
DISCUSSION_PLACEHOLDER = "[Skriv referat fra behandlingen av saken her.]"
# Every mark the skeleton leaves for the secretary to write over. The referat check reports
# these (and NN, XX) as placeholders left, and no other brackets: "[1]", "[sic]" and
# "[Red.anm.: …]" are ordinary text in finished minutes.
SKELETON_MARKS = (DISCUSSION_PLACEHOLDER, UNKNOWN_COUNT, *UNKNOWN_FACTS)
HABILITET_KEY = "habilitet"
ORIENTERINGER_KEY = "orienteringer"


@dataclass
class ReferatCase:
    number: str
    title: str
    inhabil_note: str = ""  # "I denne saken var ... inhabil ..."
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    placeholder: bool = True  # a marked place for the discussion
    vedtak: list[str] = field(default_factory=list)


def referat_sent(sent_on: date, profile: Profile, frist: date | None = None, merknader: str = "") -> ReferatSent:
    return ReferatSent(
        sent=sent_on,
        frist=frist or sent_on + timedelta(days=profile.merknadsfrist_days),
        merknader=merknader or ReferatSent.merknader,
    )


def inhabil_sentences(meeting: Meeting, docs: list[CaseDoc], profile: Profile) -> list[str]:
    """One sentence per disqualified member and case, for the habilitet vedtak."""
    out = []
    for doc in docs:
        for name in doc.case.inhabil:
            number = case_number(meeting, profile, doc.n, DocKind.REFERENCE)
            out.append(f"{name} er inhabil for {number} og forlater møtet under diskusjonen av saken.")
    return out


def orientering_items(body: Body) -> list[str]:
    """What the orienteringer were about: the sub-headings, else the sections, else the list items."""
    blocks = [b for s in body.sections for b in s.blocks] + body.intro
    subs = [b.text for b in blocks if isinstance(b, SubHeading)]
    if subs:
        return subs
    sections = [s.title for s in body.sections if s.title.casefold() != "orienteringer"]
    if sections:
        return sections
    items: list[str] = []
    for b in blocks:
        if isinstance(b, ListBlock):
            items += [plain_text(item).split("\n")[0] for item in b.items]
    return items


def referat_cases(meeting: Meeting, profile: Profile, docs: list[CaseDoc], values: dict[str, str]) -> list[ReferatCase]:
    conflicts = inhabil_sentences(meeting, docs, profile)
    out = []
    for doc in docs:
        std = profile.standard_case(doc.case.standard) if doc.case.standard else None
        entry = ReferatCase(number=doc.number_referat, title=doc.title)
        if doc.case.postponed:  # it keeps its number here; a later meeting treats it
            entry.paragraphs, entry.placeholder = [POSTPONED], False
            out.append(entry)
            continue
        if doc.case.inhabil:
            entry.inhabil_note = (
                f"I denne saken var {join_names(doc.case.inhabil)} inhabil og gikk ut av møtet under behandlingen."
            )
        standard_text = fill(std.referat, values) if std and std.referat else ""
        if standard_text:
            entry.paragraphs.append(standard_text)
        if std and std.key == ORIENTERINGER_KEY:
            entry.bullets = orientering_items(doc.body)
            entry.placeholder = not entry.bullets
        elif (std and std.key == HABILITET_KEY) or (standard_text and std and std.vedtak):
            entry.placeholder = False
        entry.vedtak = _vedtak(doc, std.vedtak if std else "", conflicts if std and std.key == HABILITET_KEY else [])
        out.append(entry)
    return out


def _vedtak(doc: CaseDoc, standard_vedtak: str, conflicts: list[str]) -> list[str]:
    if conflicts:
        return conflicts
    if standard_vedtak:
        return [standard_vedtak]
    lines = [b.text for b in doc.forslag if isinstance(b, Paragraph)]
    return [line if line.rstrip().endswith((".", "!", "?")) else line.rstrip() + "." for line in lines]
