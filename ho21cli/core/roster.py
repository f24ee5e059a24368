"""The roster over time: who is in force on a day, and why a name is not.

A meeting uses the roster in force on its date (``Roster.on``). A name that the
profile knows at another time is not a misspelling, so it gets its own message
(«was a member until 2025-12-31») instead of a "did you mean". The rules for
changing the roster (`ho21 roster add`/`end`) live here too, so the storage code
only edits the file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ho21cli.core.model import Person, Role, Roster
from ho21cli.core.text import closest, has_visible_text, one_line, same_name
from ho21cli.errors import ConflictError, InputError

ROSTER_FIX = "Members are listed in profil.toml with from/to dates (`ho21 roster`)."

# How a sentence names a role: «X is a member», «X was in the secretariat».
_ROLE_WORDS = {Role.MEMBER: "a member", Role.OBSERVER: "an observer", Role.SECRETARIAT: "in the secretariat"}
ROLE_LABELS = {Role.MEMBER: "medlem", Role.OBSERVER: "observatør", Role.SECRETARIAT: "sekretariatet"}


def period_text(person: Person) -> str:
    """``2024-04-01 – 2027-03-31``; an open bound is left empty (``from 2024-04-01``)."""
    if person.start and person.end:
        return f"{person.start} – {person.end}"
    if person.start:
        return f"from {person.start}"
    if person.end:
        return f"until {person.end}"
    return "always"


def period_note(roster: Roster, name: str, role: Role | None = None) -> str | None:
    """Why ``name`` is not in ``roster`` (a roster on a day) though the profile has them
    at another time: the nearest appointment before the day, else the next one after.
    None when the profile does not know the name (in ``role``) at any time."""
    day = roster.day
    if day is None:
        return None
    periods = [p for p in roster.elsewhere(name) if role is None or p.role is role]
    ended = [(p.end, p) for p in periods if p.end is not None and p.end < day]
    if ended:
        last_day, last = max(ended, key=lambda pair: pair[0])
        return f"«{last.name}» was {_ROLE_WORDS[last.role]} until {last_day} and is not in the roster on {day}"
    coming = [(p.start, p) for p in periods if p.start is not None and p.start > day]
    if coming:
        first_day, first = min(coming, key=lambda pair: pair[0])
        joins = "joins the secretariat" if first.role is Role.SECRETARIAT else f"becomes {_ROLE_WORDS[first.role]}"
        return f"«{first.name}» {joins} from {first_day} and is not in the roster on {day}"
    return None


# -- changing the roster -------------------------------------------------------------


def new_appointment(name: str, role: Role, *, org: str, title: str, start: date, end: date | None) -> Person:
    """The appointment `ho21 roster add` writes, with each value checked where it was given:
    members and observers are listed with their organisation, so it is needed."""
    name, org, title = one_line(name), one_line(org), one_line(title)
    if not has_visible_text(name):
        raise InputError("the name is empty", where="NAME", fix='Give the full name, e.g. "Kari Nordmann".')
    if role is not Role.SECRETARIAT and not has_visible_text(org):
        raise InputError(
            f"«{name}»: {_ROLE_WORDS[role]} is listed with an organisation, and none was given",
            where="--org",
            fix='Give it, e.g. --org "Universitetet i Oslo".',
        )
    if end is not None and end < start:
        raise InputError(
            f"the last day ({end}) is before the first ({start})", where="--to", fix="Give a --to on or after --from."
        )
    return Person(name=name, org=org, title=title, role=role, start=start, end=end)


def refuse_addition(roster: Roster, person: Person) -> None:
    """A new appointment may not overlap another of the same person (in any role): a
    person is one thing at a time, and a meeting lists each name once."""
    same = [p for p in roster.everyone if same_name(p.name, person.name)]
    day = person.start
    current = None if day is None else next((p for p in same if p.role is person.role and p.in_force(day)), None)
    if current is not None and day is not None:
        raise ConflictError(
            f"«{current.name}» is already {_ROLE_WORDS[current.role]} on {day} ({period_text(current)})",
            where="profil.toml",
            fix="Nothing to add. To change the organisation or title, end the period the day before "
            f"(`ho21 roster end NAME --date {day - timedelta(days=1)}`) and add the person again from {day}.",
        )
    clash = next((p for p in same if p.overlaps(person)), None)
    if clash is not None:
        raise ConflictError(
            f"the new period ({period_text(person)}) overlaps «{clash.name}»'s period as "
            f"{ROLE_LABELS[clash.role]} ({period_text(clash)})",
            where="profil.toml",
            fix="End that period first with `ho21 roster end NAME --date DATE`, "
            "or give the new one a --to date before it begins.",
        )


def entry_to_end(roster: Roster, name: str, day: date) -> Person:
    """The appointment of ``name`` in force on ``day``, which `roster end` closes;
    a name not in force then is refused with what the profile knows of it."""
    on_day = roster.on(day)
    person = on_day.find(name)
    if person is not None:
        return person
    note = period_note(on_day, name)
    if note:
        raise InputError(note, where="NAME", fix=ROSTER_FIX)
    guess = closest(name, sorted({p.name for p in roster.everyone}))
    raise InputError(
        f"«{name}» is not in the roster",
        where="NAME",
        fix=(f"Did you mean «{guess}»? " if guess else "") + ROSTER_FIX,
    )


def ended(person: Person, day: date) -> Person:
    """``person`` with ``day`` as the last day of the appointment (``to`` is inclusive)."""
    if person.start is not None and day < person.start:
        raise InputError(
            f"«{person.name}» was appointed from {person.start}; the period cannot end before it begins ({day})",
            where="--date",
            fix="Give the last day of the appointment, on or after its first day.",
        )
    return replace(person, end=day)
