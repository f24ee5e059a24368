"""What goes into each document, computed from the meeting: numbers, titles,
dates and each case's effective texts. Renderers only lay this out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ho21cli.core import dates
from ho21cli.core.body import Block, Body, Paragraph, Span, parse_body
from ho21cli.core.inputs import FileInput
from ho21cli.core.model import Case, CaseKind, Meeting, Profile, ReferatSent
from ho21cli.core.numbering import DocKind
from ho21cli.core.standard_cases import fill

KIND_FORSLAG = {
    CaseKind.ORIENTERING: "Tas til orientering.",
    CaseKind.DISKUSJON: "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet.",
    CaseKind.VEDTAK: "Utformes på møtet.",
}
# ho21's own marks for a fact it does not have: `ho21 check` reports each as an error naming
# the command that records the fact, so they never reach a document that is not a draft.
UNKNOWN_PREVIOUS = "[forrige møte]"
UNKNOWN_DATE = "[dato]"
UNKNOWN_FACTS = (UNKNOWN_PREVIOUS, UNKNOWN_DATE)
# The count of eventuelt items, which only the meeting knows: the secretary writes it in the referat.
UNKNOWN_COUNT = "[Antall]"


@dataclass(frozen=True)
class VedleggDoc:
    """One vedlegg as the innkalling shows it: its title and the file read for it."""

    title: str
    file: FileInput

    @property
    def is_pdf(self) -> bool:
        return self.file.rel.lower().endswith(".pdf")


@dataclass
class CaseDoc:
    """One case as the documents show it."""

    case: Case
    n: int
    number_saksliste: str
    number_saksfremlegg: str
    number_referat: str
    body: Body
    forslag: list[Block]
    vedlegg: list[VedleggDoc] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # as written in the body -> the image
    note: str = ""  # said before the body: "Saken ble utsatt fra møte 1/2026."
    # The saksliste's line when it says more than the title: the public innkalling's
    # "Tilsetting (unntatt offentlighet, jf. offl. § 13 …)" (core/publicity.py).
    saksliste_title: str = ""

    @property
    def title(self) -> str:
        return self.case.title

    @property
    def forslag_text(self) -> str:
        return "\n".join(b.text for b in self.forslag if isinstance(b, Paragraph))


def join_names(names: list[str]) -> str:
    """``A``, ``A og B``, ``A, B og C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def meeting_label(meeting: Meeting, profile: Profile) -> str:
    """``1/2026``, in the council's form."""
    return profile.numbers.meeting_label(meeting.number, meeting.year)


def page_header(meeting: Meeting, profile: Profile) -> str:
    """``HO21 møte 1/2026``"""
    return f"{profile.short_name} møte {meeting_label(meeting, profile)}"


def case_number(meeting: Meeting, profile: Profile, n: int, kind: DocKind) -> str:
    return profile.numbers.case(n, meeting.number, meeting.year, kind)


def effective_forslag(case: Case, body: Body, profile: Profile) -> list[Block]:
    """The manifest's forslag, else the body's section, else the standard or kind default."""
    if case.forslag:
        return [Paragraph([Span(line)]) for line in case.forslag.split("\n") if line.strip()]
    if body.forslag:
        return body.forslag
    std = profile.standard_case(case.standard) if case.standard else None
    text = std.forslag if std and std.forslag else KIND_FORSLAG[case.kind]
    return [Paragraph([Span(text)])]


def standard_body_text(case: Case, profile: Profile, values: dict[str, str]) -> str:
    std = profile.standard_case(case.standard) if case.standard else None
    return fill(std.body, values) if std else ""


def reference_numbers(meeting: Meeting, profile: Profile) -> dict[str, str]:
    """Case id -> "sak 6/1/2026", for cross-references in the bodies."""
    return {c.id: case_number(meeting, profile, n, DocKind.REFERENCE) for n, c in meeting.numbered()}


def case_docs(
    meeting: Meeting,
    profile: Profile,
    bodies: dict[str, Body],
    vedlegg: dict[str, list[VedleggDoc]] | None = None,
    images: dict[str, dict[str, bytes]] | None = None,
) -> list[CaseDoc]:
    from ho21cli.core.references import resolve

    numbers = reference_numbers(meeting, profile)
    docs = []
    for n, case in meeting.numbered():
        body = resolve(bodies.get(case.id, Body()), numbers)
        docs.append(
            CaseDoc(
                case=case,
                n=n,
                number_saksliste=case_number(meeting, profile, n, DocKind.SAKSLISTE),
                number_saksfremlegg=case_number(meeting, profile, n, DocKind.SAKSFREMLEGG),
                number_referat=case_number(meeting, profile, n, DocKind.REFERAT),
                body=body,
                forslag=effective_forslag(case, body, profile),
                vedlegg=list((vedlegg or {}).get(case.id, [])),
                images=dict((images or {}).get(case.id, {})),
                note=postponement_note(case, profile),
            )
        )
    return docs


def postponement_note(case: Case, profile: Profile) -> str:
    """What a case postponed from an earlier meeting says first in its saksfremlegg."""
    if not case.postponed_from:
        return ""
    year, number = (int(part) for part in case.postponed_from.split("-"))
    return f"Saken ble utsatt fra møte {profile.numbers.meeting_label(number, year)}."


def body_of(case: Case, text: str | None, profile: Profile, values: dict[str, str], *, where: str) -> Body:
    """Parse the case's own body file, or the profile's standard text for it."""
    if text is None:
        text = standard_body_text(case, profile, values)
    return parse_body(text, where=where)


def previous_label(meeting: Meeting, profile: Profile, previous: Meeting | None) -> str:
    """The meeting before this one: from the archive, else as recorded with `ho21 previous-meeting`,
    else the number before it that year."""
    if previous is not None:
        return meeting_label(previous, profile)
    if meeting.previous is not None:
        return profile.numbers.meeting_label(meeting.previous.number, meeting.previous.year)
    if meeting.number > 1:
        return profile.numbers.meeting_label(meeting.number - 1, meeting.year)
    return UNKNOWN_PREVIOUS  # last year's last meeting is not in the archive


def referat_background(previous_label: str, sent: ReferatSent | None) -> str:
    """The Bakgrunn of "Godkjenning av referat": when it was sent and the merknadsfrist."""
    if sent is None:
        return (
            f"Utkast til referat fra møte {previous_label} ble sendt ut {UNKNOWN_DATE} "
            f"med merknadsfrist {UNKNOWN_DATE}."
        )
    return (
        f"Utkast til referat fra møte {previous_label} ble sendt ut {dates.day_month(sent.sent)} "
        f"med merknadsfrist {dates.day_month(sent.frist)}. {sent.merknader}"
    ).strip()


def placeholder_values(meeting: Meeting, profile: Profile, previous: Meeting | None) -> dict[str, str]:
    """What the profile's standard texts may name (``{forrige_møte}`` and the rest)."""
    prev = previous_label(meeting, profile, previous)
    return {
        "rådet": profile.name,
        "møte": meeting_label(meeting, profile),
        "forrige_møte": prev,
        "referat_bakgrunn": referat_background(prev, previous_referat_sent(meeting, previous)),
        "antall_eventuelt": UNKNOWN_COUNT,
    }


def previous_referat_sent(meeting: Meeting, previous: Meeting | None) -> ReferatSent | None:
    """When the previous meeting's draft referat went out: the archive's record, else the one
    `ho21 previous-meeting` stored with this meeting."""
    if previous is not None:
        return previous.referat_sent
    return meeting.previous.referat_sent if meeting.previous is not None else None


def previous_referat_title(previous: Meeting, profile: Profile) -> str:
    return f"Utkast til referat fra møte {meeting_label(previous, profile)}"


def meeting_facts(meeting: Meeting, profile: Profile) -> dict[str, str]:
    return {
        "nummer": meeting_label(meeting, profile),
        "dato": dates.full_date(meeting.date),
        "dato_kort": dates.day_month(meeting.date),
        "tid": dates.time_span(meeting.start, meeting.end),
        "sted": meeting.place,
        "adresse": meeting.address,
    }
