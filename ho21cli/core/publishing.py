"""What `ho21 publish` puts on the web, as plain data: the møtekalender, each published
meeting's page (saksliste, documents, the approved referat), and which file is which.

Pure: the action reads the archive and makes the PDFs; the renderers (render/site.py,
render/einnsyn.py) only lay this out. Exempt cases (core/publicity.py) are reduced here to
their number, public title and legal basis, so no renderer can show more of them: nothing
of an exempt case but those three reaches a ``PublicCase``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from ho21cli.core.attendance import AttendanceLists
from ho21cli.core.deadlines import MeetingStatus, meeting_status
from ho21cli.core.documents import CaseDoc, case_number, meeting_label
from ho21cli.core.model import APPROVED_BY_CHAIR, CaseKind, Meeting, Profile
from ho21cli.core.numbering import DocKind
from ho21cli.core.publicity import exemption_note, is_exempt, legal_basis, public_title
from ho21cli.core.text import slugify

SITE_FOLDER = "nettsted"  # the default output folder, in the archive
CALENDAR_PAGE = "index.html"
STYLESHEET = "stil.css"
MEETING_PAGE = "index.html"  # in the meeting's folder on the site: 2026-1/index.html
EINNSYN_FILE = "moetemappe.json"
DOCUMENTS = "dokumenter"  # the meeting's PDFs: 2026-1/dokumenter/
CALENDAR_OWNER = "nettsted"  # the build record's owner of the calendar and the style sheet


class DocumentRole(StrEnum):
    SAKSFREMLEGG = "saksfremlegg"
    VEDLEGG = "vedlegg"


@dataclass(frozen=True)
class PublicDocument:
    """A PDF on a meeting's page, in its folder ``dokumenter/``."""

    rel: str  # relative to the meeting's folder on the site: "dokumenter/sak-06-helsereformutvalget.pdf"
    role: DocumentRole
    number: int  # within the case: 1 the saksfremlegg, then its vedlegg (eInnsyn's dokumentnummer)
    title: str  # "Saksfremlegg sak 6/1/2026", "Mandat"
    link_text: str  # what the link says: «Vedlegg 1 til sak 6/1/2026: Mandat»
    made_here: bool  # converted by ho21 (PDF/A-2, tagged); False: a PDF vedlegg published as it is
    size: int | None = None  # bytes, once the PDF exists
    sha256: str | None = None


@dataclass(frozen=True)
class WithheldDraft:
    """The previous meeting's draft referat, Vedlegg N of «Godkjenning av referat»: only an approved
    referat is published, on its own meeting's page."""

    vedlegg: int
    title: str  # "Utkast til referat fra møte 3/2025"
    meeting_key: str  # "2025-3"
    meeting_label: str  # "3/2025"


@dataclass(frozen=True)
class PublicCase:
    """A case as the public sees it. Of an exempt case only its number, public title and
    legal basis are kept."""

    n: int
    number: str  # the saksliste's form: "Sak 6/1/2026"
    reference: str  # in running text: "sak 6/1/2026"
    title: str  # the public title
    kind: CaseKind
    standard: str | None = None
    exempt: bool = False
    exemption: str = ""  # «Unntatt offentlighet, jf. offl. § 13 …»
    legal_basis: str = ""
    ettersendes: bool = False  # the saksfremlegg comes later
    ettersendt: bool = False  # added after the innkalling was sent
    postponed: bool = False  # postponed to a later meeting after the innkalling was sent
    forslag: str = ""
    vedtak: str | None = None  # as approved; only once the referat is approved
    documents: tuple[PublicDocument, ...] = ()
    withheld: tuple[WithheldDraft, ...] = ()


@dataclass(frozen=True)
class MeetingLink:
    key: str  # "2026-1"
    label: str  # "1/2026"


@dataclass(frozen=True)
class PublicReferat:
    """The approved referat's public part: who came, when and by whom it was approved."""

    approved: date
    by_meeting: MeetingLink | None  # None: approved by the chair
    attendance: AttendanceLists
    secretariat_heading: str  # the profile's label, "Til stede fra sekretariatet"


@dataclass(frozen=True)
class MeetingPage:
    council: str
    key: str
    label: str  # "1/2026"
    day: date
    start: str | None
    end: str | None
    place: str
    address: str
    status: MeetingStatus
    cases: tuple[PublicCase, ...]
    referat: PublicReferat | None = None
    previous: MeetingLink | None = None  # the nearest earlier meeting with a page on the site
    next: MeetingLink | None = None
    linked: frozenset[str] = frozenset()  # meetings whose pages are on the site (links to them resolve)


@dataclass(frozen=True)
class CalendarMeeting:
    key: str
    label: str
    day: date
    start: str | None
    end: str | None
    place: str
    status: MeetingStatus
    linked: bool  # has a page on the site


@dataclass(frozen=True)
class CalendarYear:
    year: int
    meetings: tuple[CalendarMeeting, ...]


@dataclass(frozen=True)
class Calendar:
    council: str
    years: tuple[CalendarYear, ...] = field(default_factory=tuple)  # newest first


# -- which meetings --------------------------------------------------------------------------


def has_page(meeting: Meeting) -> bool:
    """A meeting is published once its innkalling is sent (or, in an archive started late,
    once its referat is recorded as approved)."""
    return meeting.sent is not None or meeting.referat_approved is not None


def statuses(meetings: Sequence[Meeting], as_of: date) -> dict[str, MeetingStatus]:
    """Each meeting's status as `ho21 year` shows it, from its own records."""
    return {m.key: meeting_status(m, as_of) for m in meetings}


def calendar(
    profile: Profile, meetings: Sequence[Meeting], status: dict[str, MeetingStatus], linked: Iterable[str]
) -> Calendar:
    """Every meeting of the archive by year, the newest year first, each year in meeting order."""
    pages = set(linked)
    years: dict[int, list[CalendarMeeting]] = {}
    for m in meetings:
        years.setdefault(m.year, []).append(
            CalendarMeeting(
                key=m.key,
                label=meeting_label(m, profile),
                day=m.date,
                start=m.start,
                end=m.end,
                place=m.place,
                status=status[m.key],
                linked=m.key in pages,
            )
        )
    return Calendar(
        profile.name,
        tuple(CalendarYear(y, tuple(sorted(ms, key=lambda c: c.day))) for y, ms in sorted(years.items(), reverse=True)),
    )


def neighbours(
    order: Sequence[MeetingLink], key: str, linked: Iterable[str]
) -> tuple[MeetingLink | None, MeetingLink | None]:
    """The nearest meetings before and after ``key`` (in ``order``) that have a page on the site."""
    pages = set(linked)
    keys = [m.key for m in order]
    here = keys.index(key)
    before = next((m for m in reversed(order[:here]) if m.key in pages), None)
    after = next((m for m in order[here + 1 :] if m.key in pages), None)
    return before, after


# -- a meeting's page ------------------------------------------------------------------------


def saksfremlegg_file(doc: CaseDoc) -> str:
    """Named by the running number and the (public) title: nothing of an exempt case gets a file."""
    return f"{DOCUMENTS}/sak-{doc.n:02d}-{slugify(doc.title, max_length=40)}.pdf"


def vedlegg_file(doc: CaseDoc, i: int, title: str) -> str:
    return f"{DOCUMENTS}/sak-{doc.n:02d}-vedlegg-{i}-{slugify(title, max_length=40)}.pdf"


def public_case(
    doc: CaseDoc,
    meeting: Meeting,
    profile: Profile,
    *,
    withheld: dict[int, WithheldDraft] | None = None,
) -> PublicCase:
    """The case as its public page shows it. ``withheld``: vedlegg (by number) that are not
    published (the previous meeting's draft referat)."""
    case = doc.case
    reference = case_number(meeting, profile, doc.n, DocKind.REFERENCE)
    if is_exempt(case):
        return PublicCase(
            n=doc.n,
            number=doc.number_saksliste,
            reference=reference,
            title=public_title(case),
            kind=case.kind,
            exempt=True,
            exemption=exemption_note(case),
            legal_basis=legal_basis(case),
            ettersendt=case.ettersendt,
        )
    held_back = withheld or {}
    documents: list[PublicDocument] = []
    if not case.ettersendes:
        documents.append(
            PublicDocument(
                rel=saksfremlegg_file(doc),
                role=DocumentRole.SAKSFREMLEGG,
                number=1,
                title=f"Saksfremlegg {reference}",
                link_text=f"Saksfremlegg {reference}",
                made_here=True,
            )
        )
    for i, v in enumerate(doc.vedlegg, start=1):
        if i in held_back:
            continue
        documents.append(
            PublicDocument(
                rel=vedlegg_file(doc, i, v.title),
                role=DocumentRole.VEDLEGG,
                number=i + 1,
                title=v.title,
                link_text=f"Vedlegg {i} til {reference}: {v.title}",
                made_here=not v.is_pdf,
            )
        )
    approved = meeting.referat_approved is not None
    return PublicCase(
        n=doc.n,
        number=doc.number_saksliste,
        reference=reference,
        title=case.title,
        kind=case.kind,
        standard=case.standard,
        ettersendes=case.ettersendes,
        ettersendt=case.ettersendt,
        postponed=case.postponed,
        forslag=doc.forslag_text,
        vedtak=case.vedtak if approved and case.vedtak and case.vedtak.strip() else None,
        documents=tuple(documents),
        withheld=tuple(held_back[i] for i in sorted(held_back)),
    )


def with_files(case: PublicCase, files: dict[str, bytes], folder: str) -> PublicCase:
    """The case with each document's size and checksum, from the PDFs made (``folder``/rel)."""
    documents = []
    for d in case.documents:
        data = files.get(f"{folder}/{d.rel}")
        documents.append(d if data is None else replace(d, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    return replace(case, documents=tuple(documents))


def public_referat(
    meeting: Meeting, profile: Profile, attendance: AttendanceLists, *, by_label: str | None
) -> PublicReferat | None:
    """The referat's public part once it is approved; ``by_label`` labels the approving meeting."""
    approval = meeting.referat_approved
    if approval is None:
        return None
    by = None
    if approval.by != APPROVED_BY_CHAIR and by_label:
        by = MeetingLink(approval.by, by_label)
    return PublicReferat(approval.day, by, attendance, profile.secretariat_heading)


# -- what must not be published --------------------------------------------------------------


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def searchable(title: str) -> bool:
    """A title distinctive enough to look for in other texts: two words at least (one word,
    «Tilsetting», would be found in every other document)."""
    return len(title.split()) >= 2


def first_mention(titles: Sequence[tuple[str, str]], texts: Iterable[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(number, title, place) of the first exempt title (``titles``: number, real title) found
    in ``texts`` (place, text), or None: case, composed characters and line breaks are ignored.
    Only titles of two words or more are looked for."""
    wanted = [(number, title) for number, title in titles if searchable(title)]
    if not wanted:
        return None
    for place, text in texts:
        folded = _folded(text)
        for number, title in wanted:
            if _folded(title) in folded:
                return number, title, place
    return None
