"""The year's case series: where each meeting's numbers start.

A meeting's first case follows the last case of the year's previous meeting:
computed, not stored. Only two things fix it: a meeting whose innkalling was
sent keeps its numbers, and the archive's first meeting of a year may be
given a first case (an archive that starts mid-year). So adding a case to
meeting 1 renumbers the planned meetings after it at once, and the only
overlaps or gaps possible are those a change would cause next to a sent
meeting, which ``series_conflict`` names so that change can be refused.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ho21cli.core.numbering import MeetingId


@dataclass(frozen=True)
class SeriesEntry:
    """One meeting of the year, as far as the series needs it."""

    mid: MeetingId
    cases: int
    fixed_first: int | None = None  # sent, or the archive's first meeting of the year given --first-case


@dataclass(frozen=True)
class Span:
    mid: MeetingId
    first: int
    last: int  # first - 1 when the meeting has no cases


def first_cases(entries: list[SeriesEntry]) -> dict[MeetingId, int]:
    """Each meeting's first case number (entries of one year, in any order)."""
    firsts: dict[MeetingId, int] = {}
    next_free = 1
    for entry in sorted(entries, key=lambda e: e.mid.number):
        first = entry.fixed_first if entry.fixed_first is not None else next_free
        firsts[entry.mid] = first
        next_free = first + entry.cases
    return firsts


def spans(entries: list[SeriesEntry]) -> list[Span]:
    firsts = first_cases(entries)
    return [
        Span(e.mid, firsts[e.mid], firsts[e.mid] + e.cases - 1) for e in sorted(entries, key=lambda e: e.mid.number)
    ]


@dataclass(frozen=True)
class Conflict:
    """A sent meeting whose numbers the series would no longer meet: an overlap or a gap."""

    before: Span  # the meeting whose cases run into (or stop short of) ...
    sent: Span  # ... the sent meeting's fixed numbers
    overlap: bool


def series_conflict(entries: list[SeriesEntry]) -> Conflict | None:
    """The first place where a fixed first case does not follow the meeting before it."""
    ordered = spans(entries)
    fixed = {e.mid for e in entries if e.fixed_first is not None}
    for before, after in itertools.pairwise(ordered):
        if after.mid in fixed and before.last + 1 != after.first:
            return Conflict(before, after, overlap=before.last >= after.first)
    return None
