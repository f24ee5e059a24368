"""The meeting's time plan: each case's clock time, from the meeting's start.

Optional: a case may have minutes (``add-case --minutes``; standard cases
take theirs from the profile), and breaks follow a case (the profile's, by
standard case, or the meeting's own, by case id). Without any minutes there
is no plan and the saksliste shows no times. A case without minutes in a plan
has a known start but no known end, so nothing after it gets a clock time:
the saksliste never shows a time that is not so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ho21cli.core.model import Break, Meeting, Profile


@dataclass(frozen=True)
class Slot:
    case_id: str | None  # None: a break
    title: str
    start: int  # minutes after midnight
    end: int
    known: bool = True  # False: after a case whose length is not known, so its time is not either

    @property
    def clock(self) -> str:
        """``10.00–10.15`` (``10.15`` for a case with no minutes of its own; '' when not known)."""
        if not self.known:
            return ""
        if self.end == self.start:
            return _clock(self.start)
        return f"{_clock(self.start)}–{_clock(self.end)}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def case_minutes(meeting: Meeting, profile: Profile) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for case in meeting.cases:
        std = profile.standard_case(case.standard) if case.standard else None
        out[case.id] = case.minutes if case.minutes is not None else (std.minutes if std else None)
    return out


def breaks_of(meeting: Meeting, profile: Profile) -> dict[str, Break]:
    """The meeting's own breaks (by case id), else the profile's (by standard case)."""
    if meeting.breaks:
        return {b.after: b for b in meeting.breaks}
    by_key = {b.after: b for b in profile.breaks}
    return {c.id: by_key[c.standard] for c in meeting.cases if c.standard in by_key}


def time_plan(meeting: Meeting, profile: Profile) -> list[Slot]:
    """Cases and breaks with their clock times; empty when no case has minutes or no start is set."""
    minutes = case_minutes(meeting, profile)
    if meeting.start is None or all(m is None for m in minutes.values()):
        return []
    breaks = breaks_of(meeting, profile)
    now = _minutes(meeting.start)
    known = True
    slots = []
    for case in meeting.cases:
        length = minutes[case.id]
        slots.append(Slot(case.id, case.title, now, now + (length or 0), known))
        now += length or 0
        known = known and length is not None
        pause = breaks.get(case.id)
        if pause is not None:
            slots.append(Slot(None, pause.title, now, now + pause.minutes, known))
            now += pause.minutes
    return slots


def overrun(meeting: Meeting, slots: list[Slot]) -> str:
    """When the plan runs past the meeting's end: ``15.20``, else ''."""
    known = [s for s in slots if s.known]
    if not known or meeting.end is None or known[-1].end <= _minutes(meeting.end):
        return ""
    return _clock(known[-1].end)
