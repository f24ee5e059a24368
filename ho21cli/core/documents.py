"""What goes into each document, computed from the meeting: numbers, titles,
dates and each case's effective texts. Renderers only lay this out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ho21cli.core import dates
from ho21cli.core.body import Block, Body, Paragraph, Span, parse_body
from ho21cli.core.model import Case, CaseKind, Meeting, Profile
from ho21cli.core.numbering import format_meeting, format_number
from ho21cli.core.standard_cases import fill

KIND_FORSLAG = {
    CaseKind.ORIENTERING: "Tas til orientering.",
    CaseKind.DISKUSJON: "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet.",
    CaseKind.VEDTAK: "Utformes på møtet.",
}


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
    return format_meeting(profile.numbering.meeting, number=meeting.number, year=meeting.year)


def page_header(meeting: Meeting, profile: Profile) -> str:
    """``HO21 møte 1/2026``"""
    return f"{profile.short_name} møte {meeting_label(meeting, profile)}"


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
    form = profile.numbering.reference
    return {c.id: format_number(form, n=n, meeting=meeting.number, year=meeting.year) for n, c in meeting.numbered()}


def case_docs(meeting: Meeting, profile: Profile, bodies: dict[str, Body]) -> list[CaseDoc]:
    from ho21cli.core.references import resolve

    fmt = profile.numbering
    numbers = reference_numbers(meeting, profile)
    docs = []
    for n, case in meeting.numbered():
        body = resolve(bodies.get(case.id, Body()), numbers)

        def number(form: str, n: int = n) -> str:
            return format_number(form, n=n, meeting=meeting.number, year=meeting.year)

        docs.append(
            CaseDoc(
                case=case,
                n=n,
                number_saksliste=number(fmt.saksliste),
                number_saksfremlegg=number(fmt.saksfremlegg),
                number_referat=number(fmt.referat),
                body=body,
                forslag=effective_forslag(case, body, profile),
            )
        )
    return docs


def body_of(case: Case, text: str | None, profile: Profile, values: dict[str, str], *, where: str) -> Body:
    """Parse the case's own body file, or the profile's standard text for it."""
    if text is None:
        text = standard_body_text(case, profile, values)
    return parse_body(text, where=where)


def meeting_facts(meeting: Meeting, profile: Profile) -> dict[str, str]:
    return {
        "nummer": meeting_label(meeting, profile),
        "dato": dates.full_date(meeting.date),
        "dato_kort": dates.day_month(meeting.date),
        "tid": dates.time_span(meeting.start, meeting.end),
        "sted": meeting.place,
        "adresse": meeting.address,
    }
