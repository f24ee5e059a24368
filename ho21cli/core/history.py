"""What a held meeting keeps: the roster as it stood on its day and, once its referat is
approved, the record itself (attendance, its cases' numbers and titles, the vedtak).

profil.toml goes on changing after a meeting (members come and go, an appointment is
entered late with a back date). A held meeting keeps the roster it was held with
(``Meeting.roster``, the manifest's ``[roster]``): it is written when the meeting is
recorded (attendance, the draft referat, referat sent or approved) and, by `ho21 roster
add`/`end`, before a change to the profile would alter it. ``roster_of`` is the one
place that says whom a meeting lists; only an explicit ``--roster-now`` takes the roster
again from the profile. An approved referat is changed by nothing but a new approval.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ho21cli.core.dates import shown_date
from ho21cli.core.model import APPROVED_BY_CHAIR, Attendance, Meeting, Person, Profile, ReferatSent, Role, Roster
from ho21cli.core.numbering import MeetingId, Numbering
from ho21cli.core.text import same_name
from ho21cli.errors import ConflictError
from ho21cli.i18n import _

# -- the roster a meeting lists -------------------------------------------------------


def roster_of(meeting: Meeting, profile: Profile) -> Roster:
    """Whom the meeting lists: the roster kept when it was held, else the profile's roster on
    its day. The profile's other appointments are kept in ``outside`` (those of other times,
    and those of the day the meeting was not held with), so a message can say why a name
    is not the meeting's (``core.roster.period_note``)."""
    on_day = profile.roster.on(meeting.date)
    kept = meeting.roster
    if kept is None:
        return on_day
    left_out = tuple(p for p in on_day.everyone if kept.find(p.name) is None)
    return replace(kept, day=meeting.date, outside=on_day.outside + left_out)


def as_stood(roster: Roster) -> Roster:
    """A roster on a day as a meeting keeps it: each person's name, organisation, title and
    role (the periods belong to the profile)."""

    def bare(people: tuple[Person, ...]) -> tuple[Person, ...]:
        return tuple(Person(p.name, org=p.org, title=p.title, role=p.role) for p in people)

    return Roster(members=bare(roster.members), observers=bare(roster.observers), secretariat=bare(roster.secretariat))


Entry = tuple[Role, str, str, str]


def entries(roster: Roster) -> tuple[Entry, ...]:
    """What a meeting's lists show of its roster: role, name, organisation, title, in order."""
    return tuple((p.role, p.name, p.org, p.title) for p in roster.everyone)


def keep_roster(meeting: Meeting, profile: Profile, today: date) -> bool:
    """A held meeting without a kept roster keeps the profile's roster on its day from now
    on; True when it was kept just now (the manifest is to be written)."""
    if meeting.roster is not None or not meeting.held(today):
        return False
    meeting.roster = as_stood(profile.roster.on(meeting.date))
    return True


def retake_roster(meeting: Meeting, profile: Profile, today: date) -> None:
    """``--roster-now``: the roster as the profile has it now for the meeting's day. A meeting
    not held yet keeps none: it follows the profile until it is."""
    meeting.roster = as_stood(profile.roster.on(meeting.date)) if meeting.held(today) else None


def reached_by(meeting: Meeting, before: Roster, after: Roster, today: date) -> bool:
    """A change of the profile's roster from ``before`` to ``after`` reaches this held meeting's
    day: it would change whom the meeting lists, were it not to keep its own roster."""
    return meeting.held(today) and entries(before.on(meeting.date)) != entries(after.on(meeting.date))


@dataclass(frozen=True)
class RosterChange:
    """How the profile's roster on a meeting's day differs from the one the meeting keeps."""

    added: tuple[str, ...] = ()  # in the profile, not in the kept roster
    removed: tuple[str, ...] = ()  # kept, no longer in the profile that day
    changed: tuple[str, ...] = ()  # in both, with another organisation, title or role

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def roster_change(meeting: Meeting, profile: Profile) -> RosterChange:
    """What ``--roster-now`` would change in the meeting's lists (nothing when it keeps no roster)."""
    kept = meeting.roster
    if kept is None:
        return RosterChange()
    now = as_stood(profile.roster.on(meeting.date))

    def find(roster: Roster, person: Person) -> Person | None:
        return next((p for p in roster.everyone if same_name(p.name, person.name)), None)

    added = tuple(p.name for p in now.everyone if find(kept, p) is None)
    removed = tuple(p.name for p in kept.everyone if find(now, p) is None)
    changed = tuple(
        p.name
        for p in now.everyone
        if (old := find(kept, p)) is not None and (old.role, old.org, old.title) != (p.role, p.org, p.title)
    )
    return RosterChange(added, removed, changed)


# -- an approved referat ----------------------------------------------------------------


@dataclass(frozen=True)
class ApprovedRecord:
    """What an approved referat holds of the meeting: the attendance and the people it lists,
    when the draft went out, and each case's number, title, disqualified members and vedtak.
    The oppfølgingsliste's status marks are not part of it."""

    attendance: Attendance
    people: tuple[Entry, ...]
    sent: ReferatSent | None
    cases: tuple[tuple[int, str, tuple[str, ...], bool, str | None], ...]


def approved_record(meeting: Meeting, profile: Profile) -> ApprovedRecord:
    return ApprovedRecord(
        attendance=meeting.attendance,
        people=entries(roster_of(meeting, profile)),
        sent=meeting.referat_sent,
        cases=tuple((n, c.title, tuple(c.inhabil), c.postponed, c.vedtak) for n, c in meeting.numbered()),
    )


def refuse_changing_approved(before: Meeting, after: Meeting, profile: Profile) -> None:
    """An approved meeting's referat data change only by a new approval (`referat-approved
    --force`, which records the approval anew): any other change to them is refused."""
    approval = before.referat_approved
    if approval is None or after.referat_approved != approval:
        return
    if approved_record(before, profile) == approved_record(after, profile):
        return
    mid = MeetingId(before.year, before.number)
    raise ConflictError(
        _(
            "the referat of meeting {label} was approved {day} by {by}: its attendance, cases and vedtak "
            "are the meeting's record and are not changed by other commands; nothing was changed"
        ).format(
            label=profile.numbers.label_of(mid), day=shown_date(approval.day), by=approver_label(approval.by, profile)
        ),
        fix=_(
            "Only a new approval changes them: correct the referat, then record it again with "
            "`ho21 referat-approved {key} --date DATE --force`."
        ).format(key=mid.key),
    )


def approver_label(by: str, profile: Profile) -> str:
    """«the chair (leder)», or «meeting 2/2026» for the later meeting that approved it."""
    if by == APPROVED_BY_CHAIR:
        return _("the chair (leder)")
    label = meeting_label_of_key(by, profile.numbers)
    return by if label is None else _("meeting {label}").format(label=label)


def meeting_label_of_key(key: str, numbers: Numbering) -> str | None:
    """``2026-2`` in the council's form (``2/2026``); None for a text that is not a meeting key."""
    year, _sep, number = key.partition("-")
    if not (year.isdigit() and number.isdigit()):
        return None
    return numbers.meeting_label(int(number), int(year))
