"""`ho21 roster`: who is in the council on a day, and changing it in profil.toml.

Members come and go; a meeting uses the roster in force on its date. These
commands show that roster and add or end an appointment, so nobody has to edit
the profile's dates by hand (they may, and their comments survive). A held
meeting keeps the roster it had (``core.history``): before the profile changes,
each held meeting whose lists the change would alter stores its roster as it stood.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ho21cli.core.history import as_stood, reached_by
from ho21cli.core.model import Person, Role, Roster
from ho21cli.core.roster import ended, entry_to_end, new_appointment, refuse_addition
from ho21cli.storage.files import folder_lock
from ho21cli.storage.roster import (
    ProfileText,
    parsed_profile,
    profile_path,
    read_profile,
    with_end,
    with_person,
    write_profile,
)


@dataclass(frozen=True)
class RosterView:
    council: str
    day: date
    roster: Roster  # in force on ``day``


@dataclass(frozen=True)
class Addition:
    """`ho21 roster add` as given on the command line."""

    name: str
    start: date
    role: Role = Role.MEMBER
    org: str = ""
    title: str = ""
    end: date | None = None


def show_roster(root: Path, day: date) -> RosterView:
    found = read_profile(root)
    return RosterView(found.profile.name, day, found.profile.roster.on(day))


@dataclass(frozen=True)
class KeptMeeting:
    """A held meeting that keeps the roster it had, though the change reaches its day."""

    key: str  # 2027-1
    label: str  # 1/2027


@dataclass(frozen=True)
class RosterEdit:
    person: Person  # the appointment as written
    kept: tuple[KeptMeeting, ...] = ()


def add_to_roster(root: Path, addition: Addition, *, today: date | None = None) -> RosterEdit:
    """Add an appointment; one that overlaps another of the same person is refused."""
    a = addition
    person = new_appointment(a.name, a.role, org=a.org, title=a.title, start=a.start, end=a.end)
    profile_path(root)  # a missing profile is said before the lock is taken
    with folder_lock(root):
        found = read_profile(root)
        refuse_addition(found.profile.roster, person)
        kept = _change_profile(root, found, with_person(found.text, person), today or date.today())
    return RosterEdit(person, kept)


def end_in_roster(root: Path, name: str, day: date, *, today: date | None = None) -> RosterEdit:
    """Make ``day`` the last day of ``name``'s appointment in force on that day."""
    profile_path(root)
    with folder_lock(root):
        found = read_profile(root)
        roster = found.profile.roster
        current = entry_to_end(roster, name, day)
        person = ended(current, day)
        index = _in_role(roster, current.role).index(current)
        kept = _change_profile(root, found, with_end(found.text, current.role, index, day), today or date.today())
    return RosterEdit(person, kept)


def _change_profile(root: Path, found: ProfileText, text: str, today: date) -> tuple[KeptMeeting, ...]:
    """Write the new profile text, after every held meeting it would change keeps its roster.

    The manifests are written first, each atomically, the profile last: a crash between them
    leaves a meeting with a kept roster equal to what the profile still says, which is harmless.
    """
    after = parsed_profile(found.path, text)  # refused here, before anything is written, if unreadable
    kept = _keep_held_rosters(root, found.profile.roster, after.roster, today)
    write_profile(found.path, text)
    return kept


def _keep_held_rosters(root: Path, before: Roster, after: Roster, today: date) -> tuple[KeptMeeting, ...]:
    """The held meetings of the archive (any year) whose lists the change from ``before`` to
    ``after`` would alter; each that keeps no roster yet keeps ``before`` as it stood on its day."""
    from ho21cli.storage.archive import Archive
    from ho21cli.storage.manifest import read_meeting, save_meeting
    from ho21cli.storage.renumber import complete_renumbering

    complete_renumbering(root)  # the caller holds the archive's lock: no folder is half renamed
    archive = Archive(root)
    kept = []
    for mid in archive.meeting_ids():
        path = archive.manifest_path(mid)
        with folder_lock(archive.meeting_dir(mid)):
            meeting, text = read_meeting(path)
            if not reached_by(meeting, before, after, today):
                continue
            if meeting.roster is None:
                meeting.roster = as_stood(before.on(meeting.date))
                save_meeting(path, meeting, previous_text=text)
            kept.append(KeptMeeting(mid.key, archive.numbers.label_of(mid)))
    return tuple(kept)


def _in_role(roster: Roster, role: Role) -> tuple[Person, ...]:
    """The appointments of ``role`` in the file's order (the order of its tables)."""
    return {Role.MEMBER: roster.members, Role.OBSERVER: roster.observers, Role.SECRETARIAT: roster.secretariat}[role]
