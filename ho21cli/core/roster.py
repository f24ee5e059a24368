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
from ho21cli.i18n import _

ROSTER_FIX = _("Members are listed in profil.toml with from/to dates (`ho21 roster`).")

# How a sentence names a role: «X is a member», «X was in the secretariat».
_ROLE_WORDS = {
    Role.MEMBER: _("a member"),
    Role.OBSERVER: _("an observer"),
    Role.SECRETARIAT: _("in the secretariat"),
}
# The role in the roster table (`ho21 roster`).
ROLE_LABELS = {Role.MEMBER: _("member"), Role.OBSERVER: _("observer"), Role.SECRETARIAT: _("secretariat")}
# «overlaps X's period as member»
_ROLE_AS = {
    Role.MEMBER: _("as member"),
    Role.OBSERVER: _("as observer"),
    Role.SECRETARIAT: _("in the secretariat"),
}


def period_text(person: Person) -> str:
    """``2024-04-01 – 2027-03-31``; an open bound is left empty (``from 2024-04-01``)."""
    if person.start and person.end:
        return f"{person.start} – {person.end}"
    if person.start:
        return _("from {day}").format(day=person.start)
    if person.end:
        return _("until {day}").format(day=person.end)
    return _("always")


def period_note(roster: Roster, name: str, role: Role | None = None) -> str | None:
    """Why ``name`` is not in ``roster`` (a roster on a day) though the profile has them
    at another time: the nearest appointment before the day, else the next one after.
    None when the profile does not know the name (in ``role``) at any time."""
    day = roster.day
    if day is None:
        return None
    periods = [p for p in roster.elsewhere(name) if role is None or p.role is role]
    current = next((p for p in periods if p.in_force(day)), None)
    if current is not None:  # a held meeting keeps the roster it had (core.history)
        return _(
            "«{name}» is in profil.toml on {day}, but not in the roster the meeting was held with "
            "(`ho21 attendance MEETING --roster-now` takes the roster again)"
        ).format(name=current.name, day=day)
    ended = [(p.end, p) for p in periods if p.end is not None and p.end < day]
    if ended:
        last_day, last = max(ended, key=lambda pair: pair[0])
        return _("«{name}» was {role} until {last_day} and is not in the roster on {day}").format(
            name=last.name, role=_ROLE_WORDS[last.role], last_day=last_day, day=day
        )
    coming = [(p.start, p) for p in periods if p.start is not None and p.start > day]
    if coming:
        first_day, first = min(coming, key=lambda pair: pair[0])
        if first.role is Role.SECRETARIAT:
            note = _("«{name}» joins the secretariat from {first_day} and is not in the roster on {day}")
        else:
            note = _("«{name}» becomes {role} from {first_day} and is not in the roster on {day}")
        return note.format(name=first.name, role=_ROLE_WORDS[first.role], first_day=first_day, day=day)
    return None


# -- changing the roster -------------------------------------------------------------


def new_appointment(name: str, role: Role, *, org: str, title: str, start: date, end: date | None) -> Person:
    """The appointment `ho21 roster add` writes, with each value checked where it was given:
    members and observers are listed with their organisation, so it is needed."""
    name, org, title = one_line(name), one_line(org), one_line(title)
    if not has_visible_text(name):
        raise InputError(_("the name is empty"), where=_("NAME"), fix=_('Give the full name, e.g. "Kari Nordmann".'))
    if role is not Role.SECRETARIAT and not has_visible_text(org):
        what = (
            _("«{name}»: an observer is listed with an organisation, and none was given")
            if role is Role.OBSERVER
            else _("«{name}»: a member is listed with an organisation, and none was given")
        )
        raise InputError(
            what.format(name=name),
            where="--org",
            fix=_('Give it, e.g. --org "Universitetet i Oslo".'),
        )
    if end is not None and end < start:
        raise InputError(
            _("the last day ({end}) is before the first ({start})").format(end=end, start=start),
            where="--to",
            fix=_("Give a --to on or after --from."),
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
            _("«{name}» is already {role} on {day} ({period})").format(
                name=current.name, role=_ROLE_WORDS[current.role], day=day, period=period_text(current)
            ),
            where="profil.toml",
            fix=_(
                "Nothing to add. To change the organisation or title, end the period the day before "
                "(`ho21 roster end NAME --date {day_before}`) and add the person again from {day}."
            ).format(day_before=day - timedelta(days=1), day=day),
        )
    clash = next((p for p in same if p.overlaps(person)), None)
    if clash is not None:
        raise ConflictError(
            _("the new period ({period}) overlaps «{name}»'s period {as_role} ({other_period})").format(
                period=period_text(person),
                name=clash.name,
                as_role=_ROLE_AS[clash.role],
                other_period=period_text(clash),
            ),
            where="profil.toml",
            fix=_(
                "End that period first with `ho21 roster end NAME --date DATE`, "
                "or give the new one a --to date before it begins."
            ),
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
        raise InputError(note, where=_("NAME"), fix=ROSTER_FIX)
    guess = closest(name, sorted({p.name for p in roster.everyone}))
    raise InputError(
        _("«{name}» is not in the roster").format(name=name),
        where=_("NAME"),
        fix=_("Did you mean «{guess}»? {fix}").format(guess=guess, fix=ROSTER_FIX) if guess else ROSTER_FIX,
    )


def ended(person: Person, day: date) -> Person:
    """``person`` with ``day`` as the last day of the appointment (``to`` is inclusive)."""
    if person.start is not None and day < person.start:
        raise InputError(
            _("«{name}» was appointed from {start}; the period cannot end before it begins ({day})").format(
                name=person.name, start=person.start, day=day
            ),
            where="--date",
            fix=_("Give the last day of the appointment, on or after its first day."),
        )
    return replace(person, end=day)
