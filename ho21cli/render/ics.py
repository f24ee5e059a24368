"""The year as an iCalendar file: each meeting, and each deadline as an all-day event.

A calendar program that subscribes to the file, or imports it again, matches
events by UID, so the UIDs depend only on the council and the meeting
(``ho21-2026-1@helseomsorg21-radet``): a new file replaces the old events
instead of doubling them. The icalendar package is imported here only, when a
calendar is asked for.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ho21cli.core.dates import full_date
from ho21cli.core.deadlines import Deadline, MeetingStatus, MeetingYear, YearOverview
from ho21cli.core.text import slugify

if TYPE_CHECKING:
    from icalendar import Event

OWN_MARK = b"PRODID:-//ho21//"  # how ho21 knows a calendar file it may replace (actions/year.py)
PRODID = "-//ho21//ho21 year//NB"
TIMEZONE = "Europe/Oslo"


def ics_bytes(overview: YearOverview, *, stamp: datetime) -> bytes:
    """The calendar file; ``stamp`` (an aware datetime) is when it was made (DTSTAMP)."""
    from icalendar import Calendar

    profile = overview.profile
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{profile.short_name} møter {overview.year}")
    domain = slugify(profile.name, max_length=64)
    for row in overview.meetings:
        calendar.add_component(meeting_event(row, overview, domain, stamp))
        for deadline in row.deadlines:
            calendar.add_component(deadline_event(deadline, overview, domain, stamp))
    # VTIMEZONE for Europe/Oslo, only for the years the events may fall in (else 1970-2038).
    calendar.add_missing_timezones(first_date=date(overview.year - 1, 1, 1), last_date=date(overview.year + 2, 1, 1))
    return bytes(calendar.to_ical())


def meeting_event(row: MeetingYear, overview: YearOverview, domain: str, stamp: datetime) -> Event:
    """The meeting at its local Oslo times; a meeting without a start time is an all-day event."""
    from icalendar import Event

    meeting, profile = row.meeting, overview.profile
    event = Event()
    event.add("uid", f"ho21-{meeting.year}-{meeting.number}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", f"{profile.short_name} møte {row.label}")
    start, end = local_times(meeting.date, meeting.start, meeting.end)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    location = ", ".join(part for part in (meeting.place, meeting.address) if part)
    if location:
        event.add("location", location)
    cases = f" Sak {meeting.first_case}–{meeting.last_case}." if meeting.cases else ""
    event.add("description", f"{profile.name}, møte {row.label}.{cases} Status: {row.status.value}.")
    # RFC 5545: a meeting not yet called is tentative; once the innkalling is recorded as sent, confirmed
    event.add("status", "TENTATIVE" if row.status is MeetingStatus.PLANLAGT else "CONFIRMED")
    return event


def deadline_event(deadline: Deadline, overview: YearOverview, domain: str, stamp: datetime) -> Event:
    """An all-day event on the due day, shown as free time: a deadline is not a meeting."""
    from icalendar import Event

    meeting = deadline.meeting
    event = Event()
    event.add("uid", f"ho21-{meeting.year}-{meeting.number}-{deadline.kind.value}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", deadline.title)
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    note = "" if deadline.firm else " Foreløpig: fristen settes når utkastet til referat sendes."
    event.add("description", f"{overview.profile.short_name} møte {deadline.label} er {full_date(meeting.date)}.{note}")
    return event


def local_times(day: date, start: str | None, end: str | None) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: Oslo times when the meeting has a start, else the whole day."""
    from zoneinfo import ZoneInfo

    if not start:
        return day, day + timedelta(days=1)
    zone = ZoneInfo(TIMEZONE)
    begins = datetime.combine(day, time.fromisoformat(start), tzinfo=zone)
    ends = datetime.combine(day, time.fromisoformat(end), tzinfo=zone) if end else None
    return begins, ends if ends is not None and ends > begins else None
