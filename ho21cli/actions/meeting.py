"""`ho21 new-meeting` and `ho21 edit-meeting`: meetings numbered in date order.

The council plans its dates half a year ahead. A meeting created or moved
between planned meetings takes its place by date, and the planned meetings
after it are renumbered (storage/renumber.py: folders and manifests in one
step); where a later meeting was already sent, the change is refused.
Standard case titles that name a meeting ("Godkjenning av referat fra møte
1/2026") follow, unless a person changed them.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ho21cli.core.dates import shown_date
from ho21cli.core.documents import placeholder_values
from ho21cli.core.model import Break, Meeting, Profile
from ho21cli.core.numbering import MeetingId, previous_meeting, resolve_case_ref
from ho21cli.core.series import SeriesEntry, first_cases, series_conflict
from ho21cli.core.standard_cases import fill, standard_cases
from ho21cli.core.text import one_line
from ho21cli.core.validation import time_order_problem
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive, enclosing_archive
from ho21cli.storage.files import folder_lock, os_error
from ho21cli.storage.manifest import render_manifest, save_meeting
from ho21cli.storage.profile import write_builtin_profile
from ho21cli.storage.renumber import ManifestWrite, Move, Renumbering, Retitle, complete_renumbering, run_renumbering


@dataclass(frozen=True)
class MeetingOptions:
    date: date
    start: str | None = None
    end: str | None = None
    place: str | None = None
    address: str | None = None
    number: int | None = None
    first_case: int | None = None
    same_day: bool = False  # a second meeting on a day that has one: said so, never by mistake


@dataclass(frozen=True)
class NewMeeting:
    folder: Path
    meeting: Meeting
    label: str
    profile_created: bool
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (old label, new label)


@contextlib.contextmanager
def archive_lock(root: Path) -> Iterator[Archive]:
    """The whole archive, for a change of meeting numbers; a crashed renumbering is finished first."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, root, _("creating the archive folder")) from exc
    with folder_lock(root):
        complete_renumbering(root)
        yield Archive(root)


def new_meeting(root: Path, options: MeetingOptions) -> NewMeeting:
    _refuse_nested_archive(root)
    with archive_lock(root) as archive:
        return _new_meeting(archive, options)


def _refuse_nested_archive(root: Path) -> None:
    """A second archive inside the first would split the year's case series in two."""
    outer = enclosing_archive(root)
    if outer is not None:
        raise ConflictError(
            _("{root} lies inside the archive {outer}; a new archive there would start a second case series").format(
                root=root, outer=outer
            ),
            where=str(root),
            fix=_("Give the archive itself: --root {outer} (or run ho21 from inside it without --root).").format(
                outer=outer
            ),
        )


def _new_meeting(archive: Archive, options: MeetingOptions) -> NewMeeting:
    year = options.date.year
    problem = time_order_problem(options.start, options.end)
    if problem:
        raise InputError(problem, where="--start/--end", fix=_("Give a start before the end."))
    if not options.same_day:
        refuse_same_day(archive, options.date)
    start = options.start or (archive.profile.start if archive.profile_path.exists() else None)
    when = (options.date, start or "")
    number = options.number or place_by_date(archive, year, when)
    mid = MeetingId(year, number)
    if options.number is not None:
        _refuse_taken(archive, mid)
        _refuse_out_of_date_order(archive, mid, when)
    if options.first_case is not None and any(m.year == year and m.number < number for m in archive.meeting_ids()):
        raise InputError(
            _("meeting {label} follows the meeting before it in the year's series").format(
                label=archive.numbers.label_of(mid)
            ),
            where="--first-case",
            fix=_("Only the archive's first meeting of a year is given a first case (an archive started mid-year)."),
        )
    moves = [] if options.number else _moves_for_insert(archive, mid)
    folder = archive.meeting_dir(mid)
    if not moves and folder.exists():
        raise ConflictError(
            _("the folder {name} exists but has no manifest").format(name=folder.name),
            where=str(folder),
            fix=_("Move or rename that folder, or give another --number."),
        )
    profile_created = not archive.profile_path.exists()
    if profile_created:  # only once nothing can stop the meeting from being made
        write_builtin_profile(archive.root)
    meeting = _made_meeting(archive, mid, options)
    # One journaled change: the meetings after it move up, titles that name them follow, and the
    # new folder with its manifest is made; a kill anywhere is finished by the next command.
    change = Renumbering(
        moves,
        retitles_after(archive, year, moves, added=meeting),
        writes=(ManifestWrite(mid, render_manifest(meeting)),),
    )
    renumbered = _renumber(archive, change)
    return NewMeeting(folder, meeting, archive.numbers.label_of(mid), profile_created, renumbered)


def place_by_date(archive: Archive, year: int, when: tuple[date, str]) -> int:
    """The number a meeting at ``when`` (day, start) gets: right after the year's last meeting
    before it (on the same day: one starting earlier, or at the same time).

    Before every meeting of the year it takes the number before the first one (an
    archive that starts with meeting 3 gets meeting 2), or 1.
    """
    year_ids = [m for m in archive.meeting_ids() if m.year == year]
    before = [m.number for m in year_ids if archive.load(m).when <= when]
    if before:
        return max(before) + 1
    return max(min((m.number for m in year_ids), default=2) - 1, 1)


def _moves_for_insert(archive: Archive, mid: MeetingId) -> list[Move]:
    """The meetings that make room: the run of taken numbers from ``mid`` on, each one up."""
    taken = set(archive.meeting_ids())
    moving = []
    number = mid.number
    while MeetingId(mid.year, number) in taken:
        moving.append(MeetingId(mid.year, number))
        number += 1
    refuse_moving_sent(archive, moving, why=_("a meeting before it would change its number"))
    return [Move(m, MeetingId(m.year, m.number + 1)) for m in moving]


def refuse_moving_sent(
    archive: Archive, moving: list[MeetingId], *, why: str, where: str = "--date", fix: str | None = None
) -> None:
    for m in moving:
        sent = archive.load(m).sent
        if sent is not None:
            raise ConflictError(
                _("meeting {label} ({day}) was sent {sent}; {why}").format(
                    label=archive.numbers.label_of(m),
                    day=shown_date(archive.load(m).date),
                    sent=shown_date(sent),
                    why=why,
                ),
                where=where,
                fix=fix or _("Give a date after that meeting's, or move it only after asking the members."),
            )


def refuse_same_day(archive: Archive, day: date, *, moving: MeetingId | None = None) -> None:
    """One meeting a day, unless the person says it is a second one (a date typed twice is a mistake)."""
    for other in archive.meeting_ids():
        if other != moving and other.year == day.year and archive.load(other).date == day:
            label = archive.numbers.label_of(other)
            raise ConflictError(
                _("meeting {label} is already on {day}").format(label=label, day=shown_date(day)),
                where="--date",
                fix=_(
                    "If this is a second meeting that day, say so with --same-day (the day's meetings are "
                    "numbered by their start); to change meeting {label}, use `ho21 edit-meeting {key}`."
                ).format(label=label, key=other.key),
            )


def _made_meeting(archive: Archive, mid: MeetingId, options: MeetingOptions) -> Meeting:
    profile = archive.profile
    meeting = Meeting(
        year=mid.year,
        number=mid.number,
        date=options.date,
        first_case=1,
        fixed_first=options.first_case,
        start=options.start or profile.start,
        end=options.end or profile.end,
        place=options.place if options.place is not None else profile.place,
        address=options.address if options.address is not None else profile.address,
    )
    prev = previous_meeting(archive.meeting_ids(), mid.year, mid.number)  # the meetings before it stay
    opening, closing = standard_cases(
        profile, placeholder_values(meeting, profile, archive.load(prev) if prev else None)
    )
    meeting.cases = opening + closing
    before = [e for e in archive.series(mid.year) if e.mid.number < mid.number]  # the later ones make room
    meeting.first_case = first_cases([*before, SeriesEntry(mid, len(meeting.cases), options.first_case)])[mid]
    return meeting


def _refuse_taken(archive: Archive, mid: MeetingId) -> None:
    if mid in archive.meeting_ids():
        raise ConflictError(
            _("meeting {label} already exists").format(label=archive.numbers.label_of(mid)),
            where=str(archive.meeting_dir(mid)),
            fix=_("Give another --number, or edit the existing meeting."),
        )


def _refuse_out_of_date_order(archive: Archive, mid: MeetingId, when: tuple[date, str]) -> None:
    """With --number, the number is the user's: it must still follow the dates (and, on one day, the starts)."""
    for other in (m for m in archive.meeting_ids() if m.year == mid.year):
        other_when = archive.load(other).when
        if (other.number < mid.number and other_when >= when) or (other.number > mid.number and other_when <= when):
            raise InputError(
                _("meeting {other} is dated {other_date}, so {day} cannot be meeting {key}").format(
                    other=other.key, other_date=other_when[0].isoformat(), day=when[0].isoformat(), key=mid.key
                ),
                where="--date",
                fix=_("Meetings of a year are numbered in date order: leave out --number, or check the date."),
            )


# -- renumbering and the titles that name meetings -----------------------------------


def _renumber(archive: Archive, change: Renumbering) -> list[tuple[str, str]]:
    """Run the journaled change with every folder it moves or retitles locked; the labels moved."""
    labels = [(archive.numbers.label_of(m.old), archive.numbers.label_of(m.new)) for m in change.moves]
    moved_to = {m.new for m in change.moves}
    touched = [*(m.old for m in change.moves), *(r.mid for r in change.retitles if r.mid not in moved_to)]
    with contextlib.ExitStack() as locks:
        for mid in dict.fromkeys(touched):
            if archive.meeting_dir(mid).is_dir():
                locks.enter_context(folder_lock(archive.meeting_dir(mid)))
        run_renumbering(archive.root, change)
    archive.forget()
    return labels


def retitles_after(
    archive: Archive, year: int, moves: list[Move], *, added: Meeting | None = None, removed: MeetingId | None = None
) -> list[Retitle]:
    """The standard titles that name meetings by number, as they read after ``moves`` (and a meeting
    ``added`` or ``removed``), computed before anything is written; a title a person changed stays."""
    if not archive.profile_path.exists():
        return []
    before = standard_titles(archive, year)
    now = year_and_neighbours(archive, year)
    new_of = {m.old: m.new for m in moves}
    after_meetings = {
        new_of.get(old, old): dataclasses.replace(meeting, number=new_of.get(old, old).number)
        for old, meeting in now.items()
        if old != removed
    }
    if added is not None:
        after_meetings[MeetingId(added.year, added.number)] = added
    old_of = {m.new: m.old for m in moves}
    out = []
    for new, titles in filled_titles(archive.profile, after_meetings, year).items():
        old = old_of.get(new, new)
        if old not in now or (added is not None and new == MeetingId(added.year, added.number)):
            continue  # the added meeting's titles are filled as it is made
        for case in now[old].cases:
            filled_before = before.get(old, {}).get(case.id)
            if case.id in titles and case.title == filled_before and case.title != titles[case.id]:
                out.append(Retitle(new, case.id, case.title, titles[case.id]))
    return out


def standard_titles(archive: Archive, year: int) -> dict[MeetingId, dict[str, str]]:
    """Each standard case's title as the profile fills it now, for the year and the next year's first meeting."""
    if not archive.profile_path.exists():
        return {}
    return filled_titles(archive.profile, year_and_neighbours(archive, year), year)


def year_and_neighbours(archive: Archive, year: int) -> dict[MeetingId, Meeting]:
    """The year's meetings, the meeting before them and the next year's first: all that the
    year's standard titles, and the next year's first meeting's, name."""
    ids = archive.meeting_ids()
    before = [m for m in ids if m.year < year][-1:]
    wanted = before + [m for m in ids if m.year == year] + [m for m in ids if m.year == year + 1][:1]
    return {mid: archive.load(mid) for mid in wanted}


def filled_titles(profile: Profile, meetings: dict[MeetingId, Meeting], year: int) -> dict[MeetingId, dict[str, str]]:
    """The standard titles of ``year``'s meetings and the next year's first, as filled with these
    meetings' numbers (each meeting's previous one taken from ``meetings``)."""
    ids = sorted(meetings, key=lambda m: (m.year, m.number))
    wanted = [m for m in ids if m.year == year] + [m for m in ids if m.year == year + 1][:1]
    out: dict[MeetingId, dict[str, str]] = {}
    for mid in wanted:
        meeting = meetings[mid]
        prev = previous_meeting(ids, mid.year, mid.number)
        values = placeholder_values(meeting, profile, meetings[prev] if prev else None)
        out[mid] = {
            c.id: fill(std.title, values)
            for c in meeting.cases
            if c.standard and (std := profile.standard_case(c.standard)) is not None
        }
    return out


# -- edit-meeting ------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingEdit:
    """Only what is given changes."""

    date: date | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    address: str | None = None
    first_case: int | None = None
    breaks: list[str] | None = None  # "REF=MINUTES[=TITLE]"; [] removes the meeting's own breaks
    same_day: bool = False  # the new date may have another meeting


@dataclass(frozen=True)
class EditedMeeting:
    label: str
    meeting: Meeting
    renumbered: list[tuple[str, str]] = field(default_factory=list)


def edit_meeting(root: Path, ref: str, edit: MeetingEdit) -> EditedMeeting:
    with archive_lock(root) as archive:
        mid = archive.resolve(ref, archive.profile)
        with folder_lock(archive.meeting_dir(mid)):
            meeting, text = archive.read(mid)
            conflict_before = series_conflict(archive.series(mid.year))
            _apply_times_and_place(meeting, edit)
            if edit.breaks is not None:
                meeting.breaks = [parse_break(archive, meeting, spec) for spec in edit.breaks]
            if edit.first_case is not None:
                _set_first_case(archive, mid, meeting, edit.first_case)
                if series_conflict(archive.series(mid.year)) not in (None, conflict_before):
                    raise ConflictError(
                        _(
                            "with first case {first} the meetings after {label} "
                            "would no longer meet the numbers of a sent meeting"
                        ).format(first=edit.first_case, label=archive.numbers.label_of(mid)),
                        where="--first-case",
                        fix=_("Keep the first case, or ask the members before their numbers change."),
                    )
            if edit.date is not None:
                _refuse_other_year(archive, mid, edit.date)
                if not edit.same_day:
                    refuse_same_day(archive, edit.date, moving=mid)
                meeting.date = edit.date
            moves = redated_moves(archive, mid, meeting.when)  # refused before anything is written
            if not moves:
                save_meeting(archive.manifest_path(mid), meeting, previous_text=text)
        final = next((m.new for m in moves if m.old == mid), mid)
        renumbered: list[tuple[str, str]] = []
        if moves:  # the new date and the new numbers in one journaled change
            retitles = retitles_after(archive, mid.year, moves)
            meeting.number = final.number
            write = ManifestWrite(final, render_manifest(meeting, text))
            renumbered = _renumber(archive, Renumbering(moves, retitles, writes=(write,)))
        archive.forget()
        return EditedMeeting(archive.numbers.label_of(final), archive.load(final), renumbered)


def _apply_times_and_place(meeting: Meeting, edit: MeetingEdit) -> None:
    start = edit.start if edit.start is not None else meeting.start
    end = edit.end if edit.end is not None else meeting.end
    problem = time_order_problem(start, end)
    if problem:
        raise InputError(problem, where="--start/--end", fix=_("Give a start before the end."))
    meeting.start, meeting.end = start, end
    if edit.place is not None:
        meeting.place = edit.place
    if edit.address is not None:
        meeting.address = edit.address


def parse_break(archive: Archive, meeting: Meeting, spec: str) -> Break:
    """``6=30=Lunsj``: a 30-minute break «Lunsj» after case 6 (a number or an id)."""
    ref, _sep, rest = spec.partition("=")
    minutes, _sep, title = rest.partition("=")
    if not minutes.strip().isdigit() or int(minutes) < 1:
        raise InputError(
            _("«{spec}» is not REF=MINUTES[=TITLE]").format(spec=spec),
            where="--break",
            fix=_("Example: --break 6=30=Lunsj"),
        )
    index = resolve_case_ref(meeting, ref, archive.profile.numbers)
    return Break(meeting.cases[index].id, int(minutes), one_line(title) or "Pause")


def _set_first_case(archive: Archive, mid: MeetingId, meeting: Meeting, first: int) -> None:
    first_of_year = next(m for m in archive.meeting_ids() if m.year == mid.year) == mid
    if not first_of_year or meeting.sent:
        raise InputError(
            (
                _("meeting {label} was sent") if meeting.sent else _("meeting {label} follows the meeting before it")
            ).format(label=archive.numbers.label_of(mid)),
            where="--first-case",
            fix=_("Only the archive's first meeting of a year, before it is sent, is given a first case."),
        )
    meeting.fixed_first = first


def _refuse_other_year(archive: Archive, mid: MeetingId, day: date) -> None:
    if day.year != mid.year:
        raise InputError(
            _("{day} is not in {year}: meeting {label} is a meeting of {year}").format(
                day=day.isoformat(), year=mid.year, label=archive.numbers.label_of(mid)
            ),
            where="--date",
            fix=_("Give a date in {year}; a meeting of another year is a new meeting of that year.").format(
                year=mid.year
            ),
        )


def redated_moves(archive: Archive, mid: MeetingId, when: tuple[date, str]) -> list[Move]:
    """The year's meetings in date order again once ``mid`` is at ``when`` (day, start): the same numbers, reordered."""
    year_ids = [m for m in archive.meeting_ids() if m.year == mid.year]
    others = [m for m in year_ids if m != mid]
    position = sum(archive.load(m).when <= when for m in others)
    order = [*others[:position], mid, *others[position:]]
    moves = [Move(old, MeetingId(mid.year, new.number)) for old, new in zip(order, year_ids, strict=True) if old != new]
    refuse_moving_sent(archive, [m.old for m in moves], why=_("moving a meeting past it would change the numbers"))
    return moves
