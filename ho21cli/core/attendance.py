"""Who was at a meeting, as the referat lists them. Names come from the roster only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ho21cli.core.model import Attendance, Guest, Person, Roster
from ho21cli.core.roster import ROSTER_FIX, period_note
from ho21cli.core.text import closest, one_line, same_name
from ho21cli.errors import InputError
from ho21cli.i18n import _


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class AttendanceLists:
    present: list[str]
    observers: list[str]
    absent: list[str]
    secretariat: list[str]
    guests: list[str]


def roster_name(roster: Roster, name: str, *, option: str, extra: list[Person] | None = None) -> str:
    """The roster's spelling of ``name``; a stranger is refused with the closest name.

    ``roster`` is the one in force on the meeting's date (``Roster.on``): a former
    member is refused with the period they served."""
    people = list(roster.everyone) + list(extra or [])
    for person in people:
        if same_name(person.name, name):
            return person.name
    note = period_note(roster, name)
    if note:  # in the profile at another time: not a misspelling
        raise InputError(note, where=option, fix=ROSTER_FIX)
    guess = closest(name, [p.name for p in people])
    where_roster = _("The roster is in profil.toml ([[members]], [[observers]], [[secretariat]]).")
    raise InputError(
        _("«{name}» is not in the roster").format(name=name),
        where=option,
        fix=_("Did you mean «{guess}»? {fix}").format(guess=guess, fix=where_roster) if guess else where_roster,
    )


def _line(person: Person, att: Attendance, *, detail: str, show: Callable[[str], str]) -> str:
    text = f"{person.name}, {detail}" if detail else person.name
    if person.name in att.online:
        text += ", digitalt"
    if person.name in att.notes:
        text += f" ({show(att.notes[person.name])})"
    return text


def attendance_lists(att: Attendance, roster: Roster, *, show: Callable[[str], str] = _same) -> AttendanceLists:
    """The referat's lists; ``show`` writes each case a note names with its current number."""
    absent = set(att.absent)
    observers = [p for p in roster.observers + tuple(att.extra_observers) if p.name not in absent]
    return AttendanceLists(
        present=[_line(p, att, detail=p.org, show=show) for p in roster.members if p.name not in absent],
        observers=[_line(p, att, detail=p.org, show=show) for p in observers],
        absent=[f"{p.name}, {p.org}" if p.org else p.name for p in roster.members if p.name in absent],
        secretariat=[_line(p, att, detail=p.title, show=show) for p in roster.secretariat if p.name not in absent],
        guests=[_guest_line(g, show) for g in att.guests],
    )


def _guest_line(guest: Guest, show: Callable[[str], str]) -> str:
    text = f"{guest.name}, {guest.org}" if guest.org else guest.name
    return f"{text} ({show(guest.text)})" if guest.text else text


@dataclass(frozen=True)
class AttendanceChange:
    absent: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    online: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # NAME=TEXT
    observers: list[str] = field(default_factory=list)  # "NAME, ORG"
    guests: list[str] = field(default_factory=list)  # "NAME, ORG=TEXT"


def _split_person(spec: str, option: str) -> tuple[str, str]:
    name, _sep, org = spec.partition(",")
    if not one_line(name):
        raise InputError(
            _("«{spec}» has no name").format(spec=spec), where=option, fix=_('Write it as "Name, Organisation".')
        )
    return one_line(name), one_line(org)


def apply_change(
    att: Attendance, roster: Roster, change: AttendanceChange, *, link: Callable[[str], str] = _same
) -> Attendance:
    """The attendance after ``change``; every name is checked before anything changes.

    ``link`` stores the case numbers a note or guest text names against their cases
    (``references.link_case_numbers``), so they follow when the cases are renumbered.
    """
    extra = list(att.extra_observers)
    for spec in change.observers:
        name, org = _split_person(spec, "observer")
        if roster.find(name) is None and not any(same_name(p.name, name) for p in extra):
            extra.append(Person(name=name, org=org))
    guests = list(att.guests)
    for spec in change.guests:
        who, _sep, text = spec.partition("=")
        name, org = _split_person(who, "guest")
        guests = [g for g in guests if g.name != name] + [Guest(name, org, link(one_line(text)))]

    def names(values: list[str], option: str) -> list[str]:
        return [roster_name(roster, v, option=option, extra=extra) for v in values]

    absent_now, present_now, online_now = (
        names(change.absent, "absent"),
        names(change.present, "present"),
        names(change.online, "online"),
    )
    _refuse_both(absent_now, "--absent", online_now, "--online")
    _refuse_both(absent_now, "--absent", present_now, "--present")
    notes = dict(att.notes)
    for spec in change.notes:
        name, sep, text = spec.partition("=")
        if not sep or not text.strip():
            raise InputError(
                _("«{spec}» is not NAME=TEXT").format(spec=spec),
                where="note",
                fix=_('Example: "Toril Hernes=t.o. sak 9/1/2026"'),
            )
        notes[roster_name(roster, name, option="note", extra=extra)] = link(one_line(text))
    absent = [n for n in att.absent if n not in present_now and n not in online_now]
    absent += [n for n in absent_now if n not in absent]
    online = [n for n in att.online if n not in absent_now] + [n for n in online_now if n not in att.online]
    return Attendance(absent=absent, online=online, notes=notes, extra_observers=extra, guests=guests)


def _refuse_both(first: list[str], first_option: str, second: list[str], second_option: str) -> None:
    """One run cannot say both: a person who took part online was present, not absent."""
    both = [name for name in first if name in second]
    if both:
        raise InputError(
            _("«{name}» is given both {first} and {second}").format(
                name=both[0], first=first_option, second=second_option
            ),
            fix=_("Give the person one of them: {first} for forfall, {second} for taking part.").format(
                first=first_option, second=second_option
            ),
        )


def now_present(before: Attendance, after: Attendance) -> list[str]:
    """Who was absent before and took part online now: --online says the person was present
    (online), so it needs no --present first; the command says so."""
    return [name for name in before.absent if name in after.online]
