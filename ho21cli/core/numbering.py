"""Case and meeting numbers: assigning, formatting and reading them back.

Cases run in one series per calendar year across that year's meetings
(meeting 1/2026 holds 1-12, meeting 2/2026 starts at 13). A number is always
computed from the meeting's first case and the case's place in the list.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from ho21cli.core.model import Case, Meeting
from ho21cli.errors import InputError

FIELDS = frozenset({"n", "meeting", "year", "yy"})


@dataclass(frozen=True)
class MeetingId:
    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}-{self.number}"


def check_format(fmt: str, *, where: str) -> str:
    """Refuse a number format with unknown fields or stray braces."""
    try:
        used = [name for _, name, spec, conv in string.Formatter().parse(fmt) if name is not None]
    except ValueError as exc:
        raise InputError(f"number format «{fmt}» is malformed ({exc})", where=where) from None
    names = set(used)
    if len(used) != len(names):
        raise InputError(f"number format «{fmt}» uses a field twice", where=where, fix="Use each field once.")
    if "{}" in fmt:
        raise InputError(f"number format «{fmt}» has an empty {{}}", where=where, fix="Name the field, e.g. {n}.")
    unknown = names - FIELDS
    if unknown:
        raise InputError(
            f"number format «{fmt}» uses unknown field(s) {sorted(unknown)}",
            where=where,
            fix="Use only {n}, {meeting}, {year} and {yy}, e.g. «Sak {n}/{meeting}/{year}».",
        )
    return fmt


def format_number(fmt: str, *, n: int, meeting: int, year: int) -> str:
    """``format_number("Sak {n}/{meeting}/{year}", n=13, meeting=2, year=2026)`` -> ``Sak 13/2/2026``."""
    return fmt.format(n=n, meeting=meeting, year=year, yy=f"{year % 100:02d}")


def format_meeting(fmt: str, *, number: int, year: int) -> str:
    return fmt.format(meeting=number, year=year, yy=f"{year % 100:02d}", n="")


def _number_pattern(fmt: str) -> re.Pattern[str]:
    """A regex that reads a number written in ``fmt``; its leading word is optional."""
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        if literal:
            escaped = re.escape(literal.strip() if not parts else literal)
            parts.append(f"(?:{escaped})?\\s*" if not parts else escaped)
        if name:
            parts.append(rf"(?P<{name}>\d+)")
    return re.compile(rf"^\s*{''.join(parts)}\s*$", re.IGNORECASE)


def resolve_case_ref(meeting: Meeting, ref: str, fmt: str) -> int:
    """The index in ``meeting.cases`` that ``ref`` names.

    ``ref`` is a running number (``17``), a full number in the council's form
    (``17/2/2026``, ``Sak 17/2/2026``), or a case id (``helsereformutvalget``).
    """
    ref = ref.strip()
    n: int | None = None
    if ref.isascii() and ref.isdigit():
        n = int(ref)
    else:
        m = _number_pattern(fmt).match(ref)
        if m:
            groups = m.groupdict()
            _check_same_meeting(meeting, ref, groups)
            n = int(groups["n"])
    if n is not None:
        index = n - meeting.first_case
        if 0 <= index < len(meeting.cases):
            return index
        raise InputError(
            f"there is no case {n} in meeting {meeting.number}/{meeting.year}",
            fix=_range_hint(meeting),
        )
    for i, case in enumerate(meeting.cases):
        if case.id == ref:
            return i
    raise InputError(f"no case «{ref}» in meeting {meeting.number}/{meeting.year}", fix=_range_hint(meeting))


def _check_same_meeting(meeting: Meeting, ref: str, groups: dict[str, str]) -> None:
    written = groups.get("year") or groups.get("yy")
    year = int(written) if written else None
    if year is not None and year < 100:  # the short form, "Sak 40/4/24"
        year += 2000
    other_meeting = groups.get("meeting") and int(groups["meeting"]) != meeting.number
    if other_meeting or (year is not None and year != meeting.year):
        raise InputError(
            f"«{ref}» is a case of another meeting than {meeting.number}/{meeting.year}",
            fix="Name a case of this meeting, or give the other meeting.",
        )


def _range_hint(meeting: Meeting) -> str:
    if not meeting.cases:
        return "The meeting has no cases yet."
    return (
        f"Its cases are {meeting.first_case}-{meeting.last_case}; "
        f"give a number in that range or a case id (see `ho21 list-cases {meeting.key}`)."
    )


def next_meeting_number(existing: Iterable[MeetingId], year: int) -> int:
    return max((m.number for m in existing if m.year == year), default=0) + 1


def previous_meeting(existing: Iterable[MeetingId], year: int, number: int) -> MeetingId | None:
    """The meeting just before ``number/year``, which may be in an earlier year."""
    earlier = [m for m in existing if (m.year, m.number) < (year, number)]
    return max(earlier, key=lambda m: (m.year, m.number), default=None)


def first_case_after(last_cases: dict[MeetingId, int], year: int, number: int) -> int:
    """Where a meeting's series starts: after the year's earlier meetings, or at 1."""
    earlier = [last for m, last in last_cases.items() if m.year == year and m.number < number]
    return max(earlier, default=0) + 1


def number_of(meeting: Meeting, case: Case, fmt: str) -> str:
    return format_number(
        fmt, n=meeting.case_number(meeting.index_of(case.id)), meeting=meeting.number, year=meeting.year
    )
