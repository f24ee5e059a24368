"""The year's deadlines: when each innkalling and referat is due, and what is late.

Pure: the public holidays are given, never looked up here, so the rules can be
tested with any calendar and the CLI loads the holiday tables only for
``ho21 year``. A deadline that falls on a weekend or a public holiday moves
back to the working day before it: the secretariat cannot send on Langfredag,
so an innkalling "ten days before" a meeting after Easter is due before Easter.

The view is "as of" a day: something recorded as done on a later day (a
``send --date`` in the future, or a look back with ``--as-of``) counts as not
done yet, so the year reads as it stood on that day.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ho21cli.core.model import Meeting, Profile
from ho21cli.i18n import N_, _

REFERAT_DAYS_AFTER = 7  # DOMAIN: the draft referat goes out within a week after the meeting
SATURDAY = 5


class DeadlineKind(StrEnum):
    INNKALLING = "innkalling"
    REFERAT = "referat"  # the draft referat
    MERKNADSFRIST = "merknadsfrist"  # the members' last day to comment on the draft


class DeadlineState(StrEnum):
    MET = "met"  # done on or before the due day (a merknadsfrist: it has run out)
    LATE = "late"  # done, after the due day
    OVERDUE = "overdue"  # not done, and the due day has passed
    OPEN = "open"  # not done, not due yet


class MeetingStatus(StrEnum):
    PLANLAGT = "planlagt"
    INNKALLING_SENDT = "innkalling sendt"
    AVHOLDT = "avholdt"
    REFERAT_SENDT = "referat sendt"
    REFERAT_GODKJENT = "referat godkjent"


_TITLES = {
    DeadlineKind.INNKALLING: "Frist: innkalling til møte {label}",
    DeadlineKind.REFERAT: "Frist: utkast til referat fra møte {label}",
    DeadlineKind.MERKNADSFRIST: "Merknadsfrist: referat fra møte {label}",
}
# The same on the screen, in the run's language (the calendar file keeps the council's words).
_SHOWN_TITLES = {
    DeadlineKind.INNKALLING: N_("Deadline: innkalling for meeting {label}"),
    DeadlineKind.REFERAT: N_("Deadline: draft referat of meeting {label}"),
    DeadlineKind.MERKNADSFRIST: N_("Merknadsfrist: referat of meeting {label}"),
}


@dataclass(frozen=True)
class Deadline:
    """One deadline of one meeting, judged as of the overview's day."""

    kind: DeadlineKind
    meeting: Meeting
    label: str  # the meeting as the council writes it: ``1/2026``
    due: date
    done: date | None  # the day it was done, if known by the overview's day
    state: DeadlineState
    firm: bool = True  # False: a merknadsfrist reckoned ahead; it is set when the referat is sent

    @property
    def title(self) -> str:
        """``Frist: innkalling til møte 1/2026``, as the council's calendar says it."""
        return _TITLES[self.kind].format(label=self.label)

    @property
    def shown_title(self) -> str:
        """The title for the screen, in the run's language (``title`` in a bokmål run)."""
        return _(_SHOWN_TITLES[self.kind]).format(label=self.label)

    @property
    def to_do(self) -> bool:
        """Something the secretariat still has to do or watch (a reckoned merknadsfrist is not yet)."""
        return self.firm and self.state in (DeadlineState.OPEN, DeadlineState.OVERDUE)


@dataclass(frozen=True)
class MeetingYear:
    """A meeting with its status and its three deadlines."""

    meeting: Meeting
    label: str
    status: MeetingStatus
    innkalling: Deadline
    referat: Deadline
    merknadsfrist: Deadline

    @property
    def deadlines(self) -> tuple[Deadline, Deadline, Deadline]:
        return (self.innkalling, self.referat, self.merknadsfrist)


@dataclass(frozen=True)
class YearOverview:
    """The year's meetings as of one day."""

    year: int
    as_of: date
    profile: Profile
    meetings: tuple[MeetingYear, ...]

    @property
    def next_to_do(self) -> list[Deadline]:
        """What to do next: the overdue deadlines first, then the open ones, each by due day."""
        pending = [d for m in self.meetings for d in m.deadlines if d.to_do]
        return sorted(pending, key=lambda d: (d.state is not DeadlineState.OVERDUE, d.due))


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def working_day_on_or_before(day: date, holidays: Collection[date]) -> date:
    """``day``, or the last working day before it: a deadline on a day off must be met before it."""
    while not is_working_day(day, holidays):
        day -= timedelta(days=1)
    return day


def innkalling_due(meeting: Meeting, profile: Profile, holidays: Collection[date]) -> date:
    """The profile's days before the meeting (10 for HO21), moved back to a working day."""
    return working_day_on_or_before(meeting.date - timedelta(days=profile.innkalling_days_before), holidays)


def referat_due(meeting: Meeting, holidays: Collection[date]) -> date:
    """A week after the meeting, moved back to a working day."""
    return working_day_on_or_before(meeting.date + timedelta(days=REFERAT_DAYS_AFTER), holidays)


def known_by(day: date | None, as_of: date) -> date | None:
    """A recorded day counts only once it has come: the overview shows the year as of ``as_of``."""
    return day if day is not None and day <= as_of else None


def deadline_state(due: date, done: date | None, as_of: date) -> DeadlineState:
    if done is not None:
        return DeadlineState.MET if done <= due else DeadlineState.LATE
    return DeadlineState.OVERDUE if as_of > due else DeadlineState.OPEN


def merknadsfrist_state(frist: date, firm: bool, as_of: date) -> DeadlineState:
    """The members keep a merknadsfrist, not the secretariat: it cannot be late, it runs out.
    One reckoned before the referat is sent stays open: it moves with the referat."""
    return DeadlineState.MET if firm and as_of > frist else DeadlineState.OPEN


def meeting_status(meeting: Meeting, as_of: date) -> MeetingStatus:
    """Where the meeting stands, from its own records only, never from another meeting's date.

    *Referat godkjent* only from `ho21 referat-approved`; *referat sendt* from `referat-sent`;
    *avholdt* once the innkalling was sent and the day has passed, or once who came was
    recorded; *innkalling sendt* from `send`. A record dated after ``as_of`` is not known yet.
    """
    approved = meeting.referat_approved
    if approved is not None and known_by(approved.day, as_of) is not None:
        return MeetingStatus.REFERAT_GODKJENT
    if meeting.referat_sent is not None and known_by(meeting.referat_sent.sent, as_of) is not None:
        return MeetingStatus.REFERAT_SENDT
    called = known_by(meeting.sent, as_of) is not None
    attended = not meeting.attendance.is_empty and meeting.date <= as_of
    if (called and meeting.date < as_of) or attended:
        return MeetingStatus.AVHOLDT
    if called:
        return MeetingStatus.INNKALLING_SENDT
    return MeetingStatus.PLANLAGT


def meeting_year(
    meeting: Meeting,
    label: str,
    *,
    profile: Profile,
    holidays: Collection[date],
    as_of: date,
) -> MeetingYear:
    """One meeting's row of the overview: its status and its deadlines as of ``as_of``."""

    def deadline(kind: DeadlineKind, due: date, done: date | None) -> Deadline:
        return Deadline(kind, meeting, label, due, done, deadline_state(due, done, as_of))

    sent = known_by(meeting.sent, as_of)
    record = meeting.referat_sent if meeting.referat_sent and known_by(meeting.referat_sent.sent, as_of) else None
    draft_due = referat_due(meeting, holidays)
    frist = record.frist if record else draft_due + timedelta(days=profile.merknadsfrist_days)
    firm = record is not None
    return MeetingYear(
        meeting=meeting,
        label=label,
        status=meeting_status(meeting, as_of),
        innkalling=deadline(DeadlineKind.INNKALLING, innkalling_due(meeting, profile, holidays), sent),
        referat=deadline(DeadlineKind.REFERAT, draft_due, record.sent if record else None),
        merknadsfrist=Deadline(
            DeadlineKind.MERKNADSFRIST, meeting, label, frist, None, merknadsfrist_state(frist, firm, as_of), firm
        ),
    )


def year_overview(
    year: int,
    meetings: Sequence[Meeting],
    *,
    profile: Profile,
    holidays: Collection[date],
    as_of: date,
) -> YearOverview:
    """The year's ``meetings`` (in order) as of ``as_of``."""
    rows = tuple(
        meeting_year(
            m,
            profile.numbers.meeting_label(m.number, m.year),
            profile=profile,
            holidays=holidays,
            as_of=as_of,
        )
        for m in meetings
    )
    return YearOverview(year, as_of, profile, rows)
