"""`ho21 new-meeting`: a meeting folder with its manifest and the standard cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ho21cli.core.documents import placeholder_values
from ho21cli.core.model import Meeting
from ho21cli.core.numbering import MeetingId, next_meeting_number, previous_meeting
from ho21cli.core.series import SeriesEntry, first_cases
from ho21cli.core.standard_cases import standard_cases
from ho21cli.core.validation import time_order_problem
from ho21cli.errors import ConflictError, InputError
from ho21cli.storage.archive import Archive
from ho21cli.storage.files import folder_lock, os_error
from ho21cli.storage.manifest import save_meeting
from ho21cli.storage.profile import write_builtin_profile


@dataclass(frozen=True)
class MeetingOptions:
    date: date
    start: str | None = None
    end: str | None = None
    place: str | None = None
    address: str | None = None
    number: int | None = None
    first_case: int | None = None


@dataclass(frozen=True)
class NewMeeting:
    folder: Path
    meeting: Meeting
    label: str
    profile_created: bool


def new_meeting(root: Path, options: MeetingOptions) -> NewMeeting:
    archive = Archive(root)
    year = options.date.year
    existing = archive.meeting_ids()
    number = options.number or next_meeting_number(existing, year)
    mid = MeetingId(year, number)
    problem = time_order_problem(options.start, options.end)
    if problem:
        raise InputError(problem, where="--start/--end", fix="Give a start before the end.")
    if options.first_case is not None and any(m.year == year and m.number < number for m in existing):
        raise InputError(
            f"meeting {archive.numbers.label_of(mid)} follows the meeting before it in the year's series",
            where="--first-case",
            fix="Only the archive's first meeting of a year is given a first case (an archive started mid-year).",
        )
    if mid in existing:
        raise ConflictError(
            f"meeting {archive.numbers.label_of(mid)} already exists",
            where=str(archive.meeting_dir(mid)),
            fix="Give another --number, or edit the existing meeting.",
        )
    _refuse_out_of_date_order(archive, mid, options.date)
    folder = archive.meeting_dir(mid)
    if folder.exists():
        raise ConflictError(
            f"the folder {folder.name} exists but has no manifest",
            where=str(folder),
            fix="Move or rename that folder, or give another --number.",
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, root, "creating the archive folder") from exc
    profile_created = not archive.profile_path.exists()
    if profile_created:  # only once nothing can stop the meeting from being made
        write_builtin_profile(root)
    profile = archive.profile
    meeting = Meeting(
        year=year,
        number=number,
        date=options.date,
        first_case=1,
        fixed_first=options.first_case,
        start=options.start or profile.start,
        end=options.end or profile.end,
        place=options.place if options.place is not None else profile.place,
        address=options.address if options.address is not None else profile.address,
    )
    prev = previous_meeting(existing, year, number)
    opening, closing = standard_cases(
        profile, placeholder_values(meeting, profile, archive.load(prev) if prev else None)
    )
    meeting.cases = opening + closing
    entries = [*archive.series(year), SeriesEntry(mid, len(meeting.cases), options.first_case)]
    meeting.first_case = first_cases(entries)[mid]
    try:
        folder.mkdir()
    except OSError as exc:
        raise os_error(exc, folder, "creating the meeting folder") from exc
    with folder_lock(folder):
        save_meeting(archive.manifest_path(mid), meeting)
    return NewMeeting(folder, meeting, profile.numbers.label_of(mid), profile_created)


def _refuse_out_of_date_order(archive: Archive, mid: MeetingId, day: date) -> None:
    """Meetings of a year are numbered in date order."""
    for other in (m for m in archive.meeting_ids() if m.year == mid.year):
        other_date = archive.load(other).date
        if (other.number < mid.number and other_date >= day) or (other.number > mid.number and other_date <= day):
            raise InputError(
                f"meeting {other.key} is dated {other_date.isoformat()}, so {day.isoformat()} cannot be meeting {mid.key}",
                where="--date",
                fix="Meetings of a year are numbered in date order: check the date, or give the right --number.",
            )
