"""`ho21 follow-up`: the oppfølgingsliste of a year, marking a task's status, and the list as Word.

Reading the list takes no lock (like `ho21 year`): a meeting changed meanwhile
shows as it was read. Marking a task changes one meeting's manifest, under
that meeting's lock, keeping its comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ho21cli.actions.context import locked_meeting
from ho21cli.core import followup
from ho21cli.core.followup import FollowUpItem, FollowUpList, NextMeeting, task_of
from ho21cli.core.model import FollowUp, FollowUpStatus, Meeting, Profile
from ho21cli.core.numbering import MeetingId
from ho21cli.core.series import spans
from ho21cli.errors import ConflictError, InputError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive, open_archive
from ho21cli.storage.files import atomic_write_bytes, refuse_open_document


@dataclass(frozen=True)
class FollowUpView:
    profile: Profile
    followups: FollowUpList


def newest_year(archive: Archive) -> int:
    """The newest year with a meeting in the archive: the list's default."""
    ids = archive.meeting_ids()
    if not ids:
        raise InputError(
            _("there are no meetings in {folder}").format(folder=archive.root),
            fix=_("Give --root DIR for your archive, or create a meeting with `ho21 new-meeting`."),
        )
    return max(mid.year for mid in ids)


def followup_view(root: Path, year: int | None, *, today: date) -> FollowUpView:
    """The year's list (default: the newest year in the archive), as of ``today``."""
    archive = open_archive(root)
    profile = archive.profile  # first: a folder that is no archive says so
    year = year if year is not None else newest_year(archive)
    ids = archive.meeting_ids()
    following = next((mid for mid in ids if mid.year > year), None)
    meetings = [archive.load(mid) for mid in ids if mid.year == year]
    return FollowUpView(
        profile,
        followup.followup_list(
            year,
            meetings,
            profile=profile,
            as_of=today,
            following=archive.load(following) if following else None,
        ),
    )


def mark_followup(
    root: Path, ref: str, *, year: int | None, status: FollowUpStatus, note: str | None, today: date
) -> FollowUpItem:
    """Set the status of the task of case ``ref`` (a case number of the year); a note given
    replaces the earlier one, none (None) keeps it: what a person wrote is not lost by a new
    status ("" clears it). Refused, with nothing written, for a case that has no task on the list."""
    archive = open_archive(root)
    profile = archive.profile
    n, case_year, meeting_number = _case_of(ref, year, archive)
    mid = _meeting_holding(archive, n, case_year, profile, ref)
    number = profile.numbers.case(n, mid.number, mid.year)
    if meeting_number is not None and meeting_number != mid.number:
        raise InputError(
            _("«{ref}»: case {n} of {year} is in meeting {label}, as {number}").format(
                ref=ref, n=n, year=case_year, label=profile.numbers.label_of(mid), number=number
            ),
            fix=_("Give {number}, or just {n} with the year.").format(number=number, n=n),
        )
    with locked_meeting(root, mid.key) as ctx:
        meeting = ctx.meeting
        index = n - meeting.first_case
        if not 0 <= index < len(meeting.cases):  # the series moved between the look-up and the lock
            raise InputError(
                _("{number} is no longer in meeting {label}").format(number=number, label=ctx.label),
                fix=_("Run the command again."),
            )
        case = meeting.cases[index]
        after = _following(meeting, archive)
        _refuse_without_task(meeting, index, f"{number} «{case.title}»", ctx.label, after, profile)
        kept = case.followup.note if case.followup is not None else ""
        case.followup = FollowUp(status=status, note=kept if note is None else " ".join(note.split()), day=today)
        ctx.save()
    listed = followup.followup_list(mid.year, [meeting], profile=profile, as_of=today, following=after)
    return next(item for item in listed.items if item.n == n)


def _case_of(ref: str, year: int | None, archive: Archive) -> tuple[int, int, int | None]:
    """The running number, year and (when written) meeting number that ``ref`` names."""
    text = ref.strip()
    numbers = archive.profile.numbers
    if text.isascii() and text.isdigit():
        return int(text), year if year is not None else newest_year(archive), None
    parsed = numbers.parse_case(text)
    example = numbers.case(13, 2, year or 2026)
    if parsed is None or parsed.year is None:
        raise InputError(
            _("«{ref}» is not a case number").format(ref=ref),
            fix=_("Give a case number of the year as the council writes it ({example}), or the running number.").format(
                example=example
            ),
        )
    if year is not None and parsed.year != year:
        raise InputError(
            _("«{ref}» is a case of {year}, not of {given}").format(ref=ref, year=parsed.year, given=year),
            fix=_("Leave out the year, or fix it."),
        )
    return parsed.n, parsed.year, parsed.meeting


def _meeting_holding(archive: Archive, n: int, year: int, profile: Profile, ref: str) -> MeetingId:
    """The meeting of ``year`` whose cases include number ``n`` (the year's series)."""
    found: MeetingId | None = None
    ranges = []
    for span in spans(archive.series(year)):
        if span.last >= span.first:
            ranges.append(f"{profile.numbers.label_of(span.mid)}: {span.first}-{span.last}")
        if span.first <= n <= span.last:
            found = span.mid
    if found is None:
        raise InputError(
            _("there is no case {n} in {year} («{ref}»)").format(n=n, year=year, ref=ref),
            fix=_("The cases of {year}: {ranges}.").format(year=year, ranges="; ".join(ranges))
            if ranges
            else _("The archive has no meetings in {year}.").format(year=year),
        )
    return found


def _refuse_without_task(
    meeting: Meeting, index: int, what: str, label: str, after: Meeting | None, profile: Profile
) -> None:
    case = meeting.cases[index]
    if meeting.referat_approved is None:
        raise InputError(
            _(
                "{case}: the referat of meeting {label} is not approved, so its vedtak are not on the oppfølgingsliste"
            ).format(case=what, label=label),
            fix=_("Mark the case when the referat has been approved."),
        )
    if case.postponed:
        raise InputError(_("{case} was postponed to a later meeting and has no vedtak here").format(case=what))
    if not case.vedtak or not case.vedtak.strip():
        raise InputError(
            _("{case} has no vedtak in the approved referat of meeting {label}").format(case=what, label=label)
        )
    upcoming = NextMeeting(profile.numbers.meeting_label(after.number, after.year), after.date) if after else None
    if task_of(case.vedtak, held=meeting.date, next_meeting=upcoming) is None:
        raise InputError(
            _("the vedtak of {case} gives no one a task: «{vedtak}»").format(
                case=what, vedtak=" ".join(case.vedtak.split())
            ),
            fix=_("Only vedtak that give someone a task are on the oppfølgingsliste (`ho21 follow-up` shows them)."),
        )


def _following(meeting: Meeting, archive: Archive) -> Meeting | None:
    """The meeting after ``meeting`` in the archive (perhaps next year's first): its "neste møte"."""
    later = [mid for mid in archive.meeting_ids() if (mid.year, mid.number) > (meeting.year, meeting.number)]
    return archive.load(later[0]) if later else None


def write_followup_docx(root: Path, year: int | None, path: Path, *, force: bool, today: date) -> FollowUpView:
    """Write the year's list as a Word document; an existing file is replaced only with ``force``."""
    from ho21cli.render.followup import followup_docx

    view = followup_view(root, year, today=today)
    lst = view.followups
    if not (lst.covered or lst.not_approved or lst.not_held):
        raise InputError(
            _("there are no meetings in {year}").format(year=lst.year), fix=_("Give a year that has meetings.")
        )
    if path.is_dir():
        raise InputError(_("is a folder"), where=str(path), fix=_("Give the name of the .docx file to write."))
    if path.suffix.lower() != ".docx":
        raise InputError(_("is not a .docx file name"), where=str(path), fix=_("Give a file name ending in .docx."))
    refuse_open_document(path)
    if path.exists() and not force:
        raise ConflictError(
            _("exists already"), where=str(path), fix=_("Give another file name, or --force to replace it.")
        )
    atomic_write_bytes(path, followup_docx(lst, view.profile, made=today))
    return view
