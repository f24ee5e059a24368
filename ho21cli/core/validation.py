"""Everything that must be right before an innkalling is sent (`ho21 check`).

Pure: it looks at the meeting, the profile and the parsed bodies. Problems
that need the disk (vedlegg files, edited outputs) are found in
``ho21cli.actions.check`` and reported the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ho21cli.core.body import Body, ListBlock, Paragraph, SubHeading, TableBlock, plain_text
from ho21cli.core.documents import CaseDoc
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId
from ho21cli.core.text import closest

PLACEHOLDER = re.compile(r"\bNN\b|\[[^\]]*\]|\bXX\b")
CASE_REFERENCE = re.compile(r"\bsak\s+(\d+)\s*/\s*(\d+)\s*/\s*(\d{4}|\d{2})\b", re.IGNORECASE)
DEADLINE_SOON_DAYS = 3


class Severity(StrEnum):
    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    place: str  # "Sak 6/1/2026", "meeting.toml: [meeting]", a file
    what: str
    fix: str
    code: str  # a stable name for the kind of problem, for tests and scripts


def error(place: str, what: str, fix: str, code: str) -> Problem:
    return Problem(Severity.ERROR, place, what, fix, code)


def warning(place: str, what: str, fix: str, code: str) -> Problem:
    return Problem(Severity.WARNING, place, what, fix, code)


@dataclass(frozen=True)
class SeriesNeighbour:
    """Another meeting of the same year and the case numbers it holds."""

    mid: MeetingId
    first: int
    last: int


def check_meeting(
    meeting: Meeting,
    profile: Profile,
    docs: list[CaseDoc],
    *,
    today: date,
    neighbours: list[SeriesNeighbour] = (),  # type: ignore[assignment]
) -> list[Problem]:
    problems: list[Problem] = []
    for check in (_missing_saksfremlegg, _placeholders, _duplicate_titles, _names, _references, _symbolic, _images):
        problems += check(meeting, profile, docs)
    problems += _series(meeting, neighbours)
    problems += _dates(meeting, profile, today)
    return problems


def _missing_saksfremlegg(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    out = []
    for doc in docs:
        if doc.case.ettersendes or not _is_empty(doc.body):
            continue
        out.append(
            error(
                doc.number_saksliste,
                f"«{doc.title}» has no saksfremlegg text",
                f"Give it a body (`ho21 edit-case {meeting.key} {doc.case.id} --body FILE.md`) "
                "or mark it --ettersendes.",
                "missing-saksfremlegg",
            )
        )
    return out


def _is_empty(body: Body) -> bool:
    return not body.intro and not any(s.blocks for s in body.sections)


def _placeholders(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    out = []
    for doc in docs:
        checks = (
            ("forslag til vedtak", doc.forslag_text, "Fill in the names or the activity, or write «Utformes på møtet.».", "placeholder-forslag"),
            ("title", doc.title, f"Set the title with `ho21 edit-case {meeting.key} {doc.case.id} --title ...`.", "placeholder-title"),
        )  # fmt: skip
        for field, text, fix, code in checks:
            found = sorted(set(PLACEHOLDER.findall(text)))
            if found:
                what = f"has placeholder(s) {', '.join(found)}: «{text}»"
                out.append(error(f"{doc.number_saksliste}: {field}", what, fix, code))
    return out


def _duplicate_titles(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for doc in docs:
        key = " ".join(doc.title.split()).casefold()
        if key in seen:
            out.append(
                error(
                    doc.number_saksliste,
                    f"has the same title as {seen[key]}: «{doc.title}»",
                    "Give each case its own title, or remove the duplicate.",
                    "duplicate-title",
                )
            )
        else:
            seen[key] = doc.number_saksliste
    return out


def _names(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    roster = profile.roster
    members = {p.name for p in roster.members}
    everyone = {p.name for p in roster.everyone} | {p.name for p in meeting.attendance.extra_observers}
    out = []
    for doc in docs:
        for name in doc.case.inhabil:
            if name not in members:
                out.append(
                    error(
                        f"{doc.number_saksliste}: inhabil",
                        f"«{name}» is not a member in the roster",
                        "Correct the name in meeting.toml or add the member to profil.toml.",
                        "unknown-name",
                    )
                )
        for name in doc.case.saksbehandlere:
            guess = closest(name, sorted(everyone), cutoff=0.85) if name not in everyone else None
            if guess:  # guests and team names are fine; a near miss is a misspelling
                out.append(
                    warning(
                        f"{doc.number_saksliste}: saksbehandler",
                        f"«{name}» is not in the roster; the roster has «{guess}»",
                        f"Write «{guess}» (names come from one roster).",
                        "saksbehandler-misspelt",
                    )
                )
    att = meeting.attendance
    for name in [*att.absent, *att.online, *att.notes]:
        if name not in everyone:
            out.append(
                error(
                    "meeting.toml: [attendance]",
                    f"«{name}» is not in the roster",
                    "Correct the name (`ho21 attendance` checks it for you).",
                    "unknown-name",
                )
            )
    return out


def body_text(body: Body) -> str:
    blocks = list(body.intro) + [b for s in body.sections for b in s.blocks] + list(body.forslag or [])
    parts = [plain_text([b for b in blocks if isinstance(b, Paragraph | SubHeading | ListBlock)])]
    for table in (b for b in blocks if isinstance(b, TableBlock)):
        parts += ["".join(s.text for s in cell) for row in [table.header, *table.rows] for cell in row]
    return "\n".join(parts)


def _references(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """ "se sak 13/1/2026" in a body of meeting 1/2026 must name one of its cases."""
    out = []
    for doc in docs:
        for m in CASE_REFERENCE.finditer(body_text(doc.body) + "\n" + doc.forslag_text):
            n, number, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = year + 2000 if year < 100 else year
            if (number, year) == (meeting.number, meeting.year) and not meeting.first_case <= n <= meeting.last_case:
                out.append(
                    error(
                        f"{doc.number_saksliste}: text",
                        f"refers to «{m.group(0)}», which is not a case of this meeting "
                        f"({meeting.first_case}-{meeting.last_case})",
                        "Correct the number (cases may have been moved or removed).",
                        "unknown-reference",
                    )
                )
    return out


def _symbolic(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    """[[sak:id]] left unresolved after case_docs: the id is not a case of this meeting."""
    from ho21cli.core.references import references_in

    ids = sorted({c.id for c in meeting.cases})
    out = []
    for doc in docs:
        for ref in references_in(doc.body):
            guess = closest(ref, ids)
            out.append(
                error(
                    f"{doc.number_saksliste}: text",
                    f"refers to [[sak:{ref}]], but no case of this meeting has the id «{ref}»",
                    (f"Did you mean «{guess}»? " if guess else "")
                    + f"See the ids with `ho21 list-cases {meeting.key}`.",
                    "unknown-case-id",
                )
            )
    return out


def _images(meeting: Meeting, profile: Profile, docs: list[CaseDoc]) -> list[Problem]:
    from ho21cli.core.body import Image

    out = []
    for doc in docs:
        blocks = list(doc.body.intro) + [b for s in doc.body.sections for b in s.blocks]
        for image in (b for b in blocks if isinstance(b, Image)):
            if not image.alt.strip():
                out.append(
                    error(
                        f"{doc.number_saksliste}: image {image.src}",
                        "has no alt text, so a screen reader cannot tell what it shows",
                        "Describe the image in the brackets: ![Følgere per måned, 2025](bilde.png).",
                        "image-without-alt",
                    )
                )
    return out


def _series(meeting: Meeting, neighbours: list[SeriesNeighbour]) -> list[Problem]:
    out = []
    first, last = meeting.first_case, meeting.last_case
    for other in neighbours:
        if other.mid.year != meeting.year or other.mid.number == meeting.number:
            continue
        if first <= other.last and other.first <= last:
            out.append(
                error(
                    "meeting.toml: [meeting] first_case",
                    f"cases {first}-{last} overlap meeting {other.mid.number}/{other.mid.year} ({other.first}-{other.last})",
                    "Set first_case to continue after the previous meeting (numbers of a sent meeting do not change).",
                    "series-overlap",
                )
            )
        elif other.mid.number == meeting.number - 1 and other.last + 1 != first:
            out.append(
                warning(
                    "meeting.toml: [meeting] first_case",
                    f"the series jumps from {other.last} (meeting {other.mid.number}/{other.mid.year}) to {first}",
                    f"Set first_case = {other.last + 1} unless the gap is intended.",
                    "series-gap",
                )
            )
    return out


def _dates(meeting: Meeting, profile: Profile, today: date) -> list[Problem]:
    from ho21cli.core.dates import days_before, long_date

    if meeting.date < today:
        return [
            warning("meeting.toml: [meeting] date", f"the meeting date {long_date(meeting.date)} is past", "", "past")
        ]
    if meeting.sent:
        return []
    deadline = days_before(meeting.date, profile.innkalling_days_before)
    if deadline < today:
        return [
            warning(
                "innkalling",
                f"the deadline for sending ({long_date(deadline)}, {profile.innkalling_days_before} days before) has passed",
                "Send as soon as possible and tell the chair.",
                "deadline-passed",
            )
        ]
    if (deadline - today).days <= DEADLINE_SOON_DAYS:
        return [
            warning(
                "innkalling",
                f"must be sent by {long_date(deadline)}, in {(deadline - today).days} day(s)",
                "",
                "deadline-soon",
            )
        ]
    return []


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
