"""`ho21 year`: the year's meetings with their status and deadlines, and a calendar file.

Read-only on the archive, so no lock: a meeting changed meanwhile by another
command shows as it was read, and the next run shows the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from ho21cli.core import deadlines
from ho21cli.core.deadlines import YearOverview
from ho21cli.errors import ConflictError
from ho21cli.i18n import _
from ho21cli.render.ics import OWN_MARK, ics_bytes
from ho21cli.storage.archive import open_archive
from ho21cli.storage.files import atomic_write_bytes, os_error, refuse_open_document


def year_overview(root: Path, year: int, *, today: date) -> YearOverview:
    """The year's meetings as of ``today``, with Norway's public holidays moving the deadlines."""
    archive = open_archive(root)
    profile = archive.profile  # first: a folder that is no archive says so, not "no meetings"
    ids = archive.meeting_ids()
    meetings = [archive.load(mid) for mid in ids if mid.year == year]
    around = {y for m in meetings for y in (m.date.year - 1, m.date.year, m.date.year + 1)}  # 10 days before 5 Jan
    return deadlines.year_overview(
        year,
        meetings,
        profile=profile,
        holidays=norwegian_holidays(sorted(around)) if around else frozenset(),
        as_of=today,
    )


def norwegian_holidays(years: Iterable[int]) -> frozenset[date]:
    """Norway's public holidays (helligdager and 1. and 17. mai), from the holidays package.

    Imported here, not at the top: its tables cost some 70 ms that no other command should pay.
    """
    import holidays

    return frozenset(holidays.country_holidays("NO", years=list(years), language="no"))


def write_calendar(path: Path, overview: YearOverview, *, now: datetime) -> None:
    """Write the year as an .ics file; replace one that ho21 wrote, never another file."""
    refuse_open_document(path)
    refuse_foreign_file(path)
    atomic_write_bytes(path, ics_bytes(overview, stamp=now))


def refuse_foreign_file(path: Path) -> None:
    """A calendar is rewritten at every run, so only a file with ho21's PRODID may be replaced:
    a mistyped name must not wipe out someone's own calendar or document."""
    if not path.exists():
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise os_error(exc, path, _("reading")) from exc
    if OWN_MARK not in data:
        raise ConflictError(
            _("exists and is not a calendar file written by ho21"),
            where=str(path),
            fix=_("Give another file name or remove it."),
        )
