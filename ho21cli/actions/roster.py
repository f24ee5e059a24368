"""`ho21 roster`: who is in the council on a day, and changing it in profil.toml.

Members come and go; a meeting uses the roster in force on its date. These
commands show that roster and add or end an appointment, so nobody has to edit
the profile's dates by hand (they may, and their comments survive).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ho21cli.core.model import Person, Role, Roster
from ho21cli.core.roster import ended, entry_to_end, new_appointment, refuse_addition
from ho21cli.storage.files import folder_lock
from ho21cli.storage.roster import profile_path, read_profile, with_end, with_person, write_profile


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


def add_to_roster(root: Path, addition: Addition) -> Person:
    """Add an appointment; one that overlaps another of the same person is refused."""
    a = addition
    person = new_appointment(a.name, a.role, org=a.org, title=a.title, start=a.start, end=a.end)
    profile_path(root)  # a missing profile is said before the lock is taken
    with folder_lock(root):
        found = read_profile(root)
        refuse_addition(found.profile.roster, person)
        write_profile(found.path, with_person(found.text, person))
    return person


def end_in_roster(root: Path, name: str, day: date) -> Person:
    """Make ``day`` the last day of ``name``'s appointment in force on that day."""
    profile_path(root)
    with folder_lock(root):
        found = read_profile(root)
        roster = found.profile.roster
        current = entry_to_end(roster, name, day)
        person = ended(current, day)
        index = _in_role(roster, current.role).index(current)
        write_profile(found.path, with_end(found.text, current.role, index, day))
    return person


def _in_role(roster: Roster, role: Role) -> tuple[Person, ...]:
    """The appointments of ``role`` in the file's order (the order of its tables)."""
    return {Role.MEMBER: roster.members, Role.OBSERVER: roster.observers, Role.SECRETARIAT: roster.secretariat}[role]
