"""Norwegian (bokmål) dates and times, always computed from the date itself.

A dozen names do not justify Babel's 140 ms import on every command, and the
forms the council uses are fixed: "onsdag 14. januar 2026", "14. januar".

Documents always get the bokmål forms. What ho21 prints follows the run's language
(``ho21cli.i18n``): the ``shown_*`` functions give "Wednesday 14 January 2026" in an
English run and the document's own form in a bokmål one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ho21cli.errors import InputError
from ho21cli.i18n import ENGLISH, _, language

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def day_month(d: date) -> str:
    """``14. januar``"""
    return f"{d.day}. {MONTHS[d.month - 1]}"


def long_date(d: date) -> str:
    """``14. januar 2026``"""
    return f"{day_month(d)} {d.year}"


def full_date(d: date) -> str:
    """``onsdag 14. januar 2026``: the weekday is never typed by a person."""
    return f"{weekday(d)} {long_date(d)}"


def shown_day_month(d: date) -> str:
    """``14. januar``, or ``14 January`` in an English run (for the terminal, never a document)."""
    return f"{d.day} {MONTHS_EN[d.month - 1]}" if language() == ENGLISH else day_month(d)


def shown_weekday_day_month(d: date) -> str:
    """``onsdag 14. januar``, or ``Wednesday 14 January`` in an English run."""
    return (
        f"{WEEKDAYS_EN[d.weekday()]} {shown_day_month(d)}" if language() == ENGLISH else f"{weekday(d)} {day_month(d)}"
    )


def shown_date(d: date) -> str:
    """``14. januar 2026``, or ``14 January 2026`` in an English run."""
    return f"{shown_day_month(d)} {d.year}"


def shown_full_date(d: date) -> str:
    """``onsdag 14. januar 2026``, or ``Wednesday 14 January 2026`` in an English run."""
    return f"{shown_weekday_day_month(d)} {d.year}"


def shown_time_span(start: str | None, end: str | None) -> str:
    """``kl. 10.00 – 15.00``, or ``10:00 – 15:00`` in an English run."""
    if language() != ENGLISH:
        return time_span(start, end)
    return f"{start} – {end}" if start and end else start or ""


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_date(text: str, *, where: str) -> date:
    """Parse ``YYYY-MM-DD``, with a message that says what was wrong."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("«{text}» is not a valid date").format(text=text),
            where=where,
            fix=_("Write the date as YYYY-MM-DD, e.g. 2026-01-14, and check that the day exists."),
        ) from None


def refuse_future_record(day: date, today: date, *, where: str, done: str) -> None:
    """A record of something done (sent, approved) cannot be dated after today: it would say
    that something happened that has not happened yet."""
    if day > today:
        raise InputError(
            _("{done} cannot be recorded for {day}: that is after today ({today})").format(
                done=done, day=shown_date(day), today=shown_date(today)
            ),
            where=where,
            fix=_("Record it on or after the day it was done, with that day (or today) as --date."),
        )


def parse_time(text: str, *, where: str) -> str:
    """Normalise ``10:00``, ``10.00`` or ``9:30`` to ``HH:MM``."""
    m = _TIME.match(text.strip())
    if not m:
        raise InputError(
            _("«{text}» is not a time of day").format(text=text),
            where=where,
            fix=_("Write the time as HH:MM, e.g. 10:00."),
        )
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def clock(hhmm: str) -> str:
    """Norwegian clock form: ``10:00`` -> ``10.00``."""
    return hhmm.replace(":", ".")


def time_span(start: str | None, end: str | None) -> str:
    """``kl. 10.00 – 15.00`` (or only the start, or nothing)."""
    if start and end:
        return f"kl. {clock(start)} – {clock(end)}"
    if start:
        return f"kl. {clock(start)}"
    return ""


def days_before(d: date, days: int) -> date:
    return d - timedelta(days=days)
