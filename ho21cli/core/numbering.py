"""Case and meeting numbers: assigning, formatting and reading them back.

Every number a document, a message or a bookmark shows is written here, in
the council's own forms from the profile (``[numbering]``), and every number a
person types or writes in a text is read back here with the same forms. So
"Sak 13/2/2026", "Sak 40/4/24", the 2015 scheme "Sak 18/15", the municipal
"PS 12/24" and meeting labels such as "2-26" all work end to end.

Cases run in one series per calendar year across that year's meetings
(meeting 1/2026 holds 1-12, meeting 2/2026 starts at 13). A number is always
computed from the meeting's first case and the case's place in the list.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from ho21cli.errors import InputError
from ho21cli.i18n import _

if TYPE_CHECKING:
    from ho21cli.core.model import Case, Meeting

FIELDS = frozenset({"n", "meeting", "year", "yy"})
CENTURY = 2000  # a two-digit year is read as 20yy


class DocKind(StrEnum):
    """Where a case number is written; each may have its own form."""

    SAKSLISTE = "saksliste"
    SAKSFREMLEGG = "saksfremlegg"
    REFERAT = "referat"
    REFERENCE = "reference"  # in running text: "se sak 13/1/2026"


@dataclass(frozen=True)
class NumberFormats:
    """How a case number is written, one form per document kind.

    Fields: ``{n}`` running number, ``{meeting}`` meeting number, ``{year}``
    four-digit year, ``{yy}`` two-digit year.
    """

    saksliste: str = "Sak {n}/{meeting}/{year}"
    saksfremlegg: str = "Sak {n}/{meeting}/{year}"
    referat: str = "Sak {n}/{meeting}/{year}"
    reference: str = "sak {n}/{meeting}/{year}"  # in running text
    meeting: str = "{meeting}/{year}"

    def of(self, kind: DocKind) -> str:
        return str(getattr(self, kind.value))


@dataclass(frozen=True)
class MeetingId:
    year: int
    number: int

    @property
    def key(self) -> str:
        """Folder name: ``2026-1`` (the same for every council)."""
        return f"{self.year}-{self.number}"


@dataclass(frozen=True)
class CaseRef:
    """A case number read from text; a field the form does not have is None."""

    n: int
    meeting: int | None
    year: int | None
    text: str = ""  # as written
    start: int = 0  # where in the searched text
    end: int = 0

    def names(self, n: int, meeting: int, year: int) -> bool:
        """True when this reference is to case ``n`` of meeting ``meeting/year``."""
        return (
            self.n == n
            and (self.meeting is None or self.meeting == meeting)
            and (self.year is None or self.year == year)
        )


# -- formats ---------------------------------------------------------------


def check_format(fmt: str, *, where: str, needs: Iterable[str] = ()) -> str:
    """Refuse a number format that cannot be written and read back unambiguously."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        raise InputError(
            _("number format «{fmt}» is malformed ({reason})").format(fmt=fmt, reason=exc), where=where
        ) from None
    used = [name for _lit, name, _spec, _conv in parsed if name is not None]
    names = set(used)
    if len(used) != len(names):
        raise InputError(
            _("number format «{fmt}» uses a field twice").format(fmt=fmt), where=where, fix=_("Use each field once.")
        )
    if "{}" in fmt:
        raise InputError(
            _("number format «{fmt}» has an empty {{}}").format(fmt=fmt),
            where=where,
            fix=_("Name the field, e.g. {n}."),
        )
    unknown = names - FIELDS
    if unknown:
        raise InputError(
            _("number format «{fmt}» uses unknown field(s) {fields}").format(fmt=fmt, fields=sorted(unknown)),
            where=where,
            fix=_("Use only {n}, {meeting}, {year} and {yy}, e.g. «Sak {n}/{meeting}/{year}»."),
        )
    missing = [f for f in needs if f not in names and not (f == "year" and "yy" in names)]
    if missing:
        raise InputError(
            _("number format «{fmt}» lacks {fields}").format(fmt=fmt, fields=", ".join("{" + f + "}" for f in missing)),
            where=where,
            fix=_("A number must say which case and which year it is, e.g. «Sak {n}/{yy}»."),
        )
    for (_lit, name, _s, _c), (literal, following, _s2, _c2) in itertools.pairwise(parsed):
        if name is not None and following is not None and not literal:
            raise InputError(
                _("number format «{fmt}» has {first} and {second} with nothing between them").format(
                    fmt=fmt, first="{" + name + "}", second="{" + following + "}"
                ),
                where=where,
                fix=_("Put a separator between the fields, e.g. «{n}/{yy}»."),
            )
    return fmt


def check_formats(formats: NumberFormats, *, where: str) -> NumberFormats:
    for kind in DocKind:
        check_format(formats.of(kind), where=f"{where}.{kind.value}", needs=("n", "year"))
    check_format(formats.meeting, where=f"{where}.meeting", needs=("meeting", "year"))
    return formats


def format_number(fmt: str, *, n: int, meeting: int, year: int) -> str:
    """``format_number("Sak {n}/{meeting}/{year}", n=13, meeting=2, year=2026)`` -> ``Sak 13/2/2026``."""
    return fmt.format(n=n, meeting=meeting, year=year, yy=f"{year % 100:02d}")


def format_meeting(fmt: str, *, number: int, year: int) -> str:
    return fmt.format(meeting=number, year=year, yy=f"{year % 100:02d}", n="")


_FIELD_DIGITS = {"n": r"\d{1,5}", "meeting": r"\d{1,3}", "year": r"\d{4}", "yy": r"\d{2}"}


def _pattern(fmt: str, *, lenient: bool) -> str:
    """A regex for numbers written in ``fmt``.

    Lenient (a reference a person types on the command line): the leading
    word is optional, any run of digits fills a field, and a year may be
    written with two or four digits. Strict (running text): the form as it is
    printed, with spaces free.
    """
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        if literal:
            words = [re.escape(w) for w in literal.split()]
            text = r"\s+".join(words)
            if literal[:1].isspace() and parts:
                text = r"\s*" + text
            if literal[-1:].isspace():
                text += r"\s*"
            if lenient and not parts:
                text = f"(?:{text})?" + r"\s*"
            parts.append(text)
        if name:
            year_like = name in ("year", "yy")
            digits = r"\d+" if lenient else _FIELD_DIGITS[name]
            group = "year" if year_like else name
            parts.append(rf"(?P<{group}>{digits})(?!\d)")
    return "".join(parts)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return value + CENTURY if value < 100 else value


def _case_ref(m: re.Match[str]) -> CaseRef:
    groups = m.groupdict()
    return CaseRef(
        n=int(groups["n"]),
        meeting=int(groups["meeting"]) if groups.get("meeting") else None,
        year=_year(groups.get("year")),
        text=m.group(0),
        start=m.start(),
        end=m.end(),
    )


@dataclass(frozen=True)
class Numbering:
    """The council's number forms, for writing and reading case and meeting numbers."""

    formats: NumberFormats = NumberFormats()

    # -- writing

    def case(self, n: int, meeting: int, year: int, kind: DocKind = DocKind.SAKSLISTE) -> str:
        return format_number(self.formats.of(kind), n=n, meeting=meeting, year=year)

    def meeting_label(self, number: int, year: int) -> str:
        """``1/2026`` (or ``2-26``: the profile's form)."""
        return format_meeting(self.formats.meeting, number=number, year=year)

    def label_of(self, mid: MeetingId) -> str:
        return self.meeting_label(mid.number, mid.year)

    # -- reading

    @cached_property
    def _case_forms(self) -> list[str]:
        return list(dict.fromkeys(self.formats.of(k) for k in DocKind))

    @cached_property
    def _lenient(self) -> list[re.Pattern[str]]:
        return [re.compile(rf"^\s*{_pattern(f, lenient=True)}\s*$", re.IGNORECASE) for f in self._case_forms]

    @cached_property
    def _in_text(self) -> re.Pattern[str]:
        alternatives = [_pattern(f, lenient=False) for f in self._case_forms]
        # One group name may appear once per pattern only: number each alternative's groups.
        numbered = [re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", a) for i, a in enumerate(alternatives)]
        body = "|".join(f"(?:{a})" for a in numbered)
        return re.compile(rf"(?<![\w/])(?:{body})(?![\w]|[/.-]\d)", re.IGNORECASE)

    @cached_property
    def _meeting(self) -> re.Pattern[str]:
        return re.compile(rf"^\s*{_pattern(self.formats.meeting, lenient=True)}\s*$", re.IGNORECASE)

    def parse_case(self, text: str) -> CaseRef | None:
        """A whole text that is a case number in one of the council's forms, else None."""
        for pattern in self._lenient:
            m = pattern.match(text)
            if m:
                return _case_ref(m)
        return None

    def find_references(self, text: str) -> list[CaseRef]:
        """Every case number written in running text, in any of the council's forms."""
        found = []
        for m in self._in_text.finditer(text):
            groups = {k.rsplit("_", 1)[0]: v for k, v in m.groupdict().items() if v is not None}
            found.append(
                CaseRef(
                    n=int(groups["n"]),
                    meeting=int(groups["meeting"]) if "meeting" in groups else None,
                    year=_year(groups.get("year")),
                    text=m.group(0),
                    start=m.start(),
                    end=m.end(),
                )
            )
        return found

    @cached_property
    def _meeting_in_text(self) -> re.Pattern[str]:
        # After a word with «møte» in it («møte», «møtet», «rådsmøte», «styremøte»): a bare
        # "2/2026" or "2-26" could as well be a date or a fraction.
        label = _pattern(self.formats.meeting, lenient=False)
        return re.compile(rf"(?<!\w)\w*møte\w*\s+(?:nr\.?\s*)?{label}(?!\w|[/.-]\d)", re.IGNORECASE)

    def find_meetings(self, text: str) -> list[MeetingId]:
        """Every meeting a text names in the council's form: "fra møte 2/2026", "rådsmøte 2-26"."""
        found = []
        for m in self._meeting_in_text.finditer(text):
            year = _year(m.group("year"))
            if year is not None:
                found.append(MeetingId(year, int(m.group("meeting"))))
        return found

    def parse_meeting(self, text: str) -> MeetingId | None:
        """``2/2026`` or ``2-26`` (the profile's form) as a meeting, else None."""
        m = self._meeting.match(text)
        if not m or not m.groupdict().get("meeting"):
            return None
        year = _year(m.group("year"))
        return MeetingId(year, int(m.group("meeting"))) if year else None


# A case number as people type it at the head of a document, whatever the council's
# form: "Sak 10/1/2025", "Sak 24/2/26", "Sak 21-2-2024", "18/2/2024", "Sak 18/15".
_TYPED_CASE = re.compile(
    r"^\s*(?P<word>(?:sak|ps)\s*)?(?P<n>\d{1,5})\s*[/-]\s*(?P<second>\d{1,4})"
    r"(?:\s*[/-]\s*(?P<third>\d{2,4}))?(?!\d)",
    re.IGNORECASE,
)


def typed_case_number(text: str) -> CaseRef | None:
    """The case number a text starts with, in any common form (two numbers need «Sak» before them)."""
    m = _TYPED_CASE.match(text)
    if m is None or (m["third"] is None and m["word"] is None):
        return None
    if m["third"] is None:  # "Sak 18/15": number and year
        return CaseRef(int(m["n"]), None, _year(m["second"]), m.group(0).strip(), m.start(), m.end())
    return CaseRef(int(m["n"]), int(m["second"]), _year(m["third"]), m.group(0).strip(), m.start(), m.end())


# -- cases of one meeting -----------------------------------------------------


def resolve_case_ref(meeting: Meeting, ref: str, numbering: Numbering | str) -> int:
    """The index in ``meeting.cases`` that ``ref`` names.

    ``ref`` is a running number (``17``), a full number in one of the
    council's forms (``17/2/2026``, ``Sak 17/2/2026``), or a case id
    (``helsereformutvalget``).
    """
    if isinstance(numbering, str):  # a single form
        form = numbering
        numbering = Numbering(NumberFormats(form, form, form, form))
    ref = ref.strip()
    n: int | None = None
    if ref.isascii() and ref.isdigit():
        n = int(ref)
    else:
        parsed = numbering.parse_case(ref)
        if parsed is not None:
            _check_same_meeting(meeting, ref, parsed, numbering)
            n = parsed.n
    label = numbering.meeting_label(meeting.number, meeting.year)
    if n is not None:
        index = n - meeting.first_case
        if 0 <= index < len(meeting.cases):
            return index
        raise InputError(
            _("there is no case {n} in meeting {label}").format(n=n, label=label), fix=_range_hint(meeting)
        )
    for i, case in enumerate(meeting.cases):
        if case.id == ref:
            return i
    raise InputError(_("no case «{ref}» in meeting {label}").format(ref=ref, label=label), fix=_range_hint(meeting))


def _check_same_meeting(meeting: Meeting, ref: str, parsed: CaseRef, numbering: Numbering) -> None:
    other_meeting = parsed.meeting is not None and parsed.meeting != meeting.number
    if other_meeting or (parsed.year is not None and parsed.year != meeting.year):
        raise InputError(
            _("«{ref}» is a case of another meeting than {label}").format(
                ref=ref, label=numbering.meeting_label(meeting.number, meeting.year)
            ),
            fix=_("Name a case of this meeting, or give the other meeting."),
        )


def _range_hint(meeting: Meeting) -> str:
    if not meeting.cases:
        return _("The meeting has no cases yet.")
    return _(
        "Its cases are {first}-{last}; give a number in that range or a case id (see `ho21 list-cases {key}`)."
    ).format(first=meeting.first_case, last=meeting.last_case, key=meeting.key)


def number_of(meeting: Meeting, case: Case, fmt: str) -> str:
    return format_number(
        fmt, n=meeting.case_number(meeting.index_of(case.id)), meeting=meeting.number, year=meeting.year
    )


# -- the year's meetings -------------------------------------------------------


def next_meeting_number(existing: Iterable[MeetingId], year: int) -> int:
    return max((m.number for m in existing if m.year == year), default=0) + 1


def previous_meeting(existing: Iterable[MeetingId], year: int, number: int) -> MeetingId | None:
    """The meeting just before ``number/year``, which may be in an earlier year."""
    earlier = [m for m in existing if (m.year, m.number) < (year, number)]
    return max(earlier, key=lambda m: (m.year, m.number), default=None)
