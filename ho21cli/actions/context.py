"""A meeting opened for a command that changes its manifest."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ho21cli.core.history import refuse_changing_approved
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId
from ho21cli.core.series import Conflict, series_conflict
from ho21cli.errors import ConflictError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive, find_meeting
from ho21cli.storage.files import folder_lock
from ho21cli.storage.manifest import save_meeting


@dataclass
class MeetingContext:
    archive: Archive
    mid: MeetingId
    meeting: Meeting
    profile: Profile
    manifest_text: str  # as read, so a rewrite keeps its comments
    series_conflict_before: Conflict | None = None  # one already in the archive is not this command's
    as_read: Meeting | None = None  # the meeting before this command changed it

    @property
    def folder(self) -> Path:
        return self.archive.meeting_dir(self.mid)

    @property
    def manifest_path(self) -> Path:
        return self.archive.manifest_path(self.mid)

    @property
    def label(self) -> str:
        """``1/2026``, in the council's form."""
        return self.profile.numbers.label_of(self.mid)

    def save(self) -> None:
        """Write the manifest, unless the change breaks the year's series next to a sent meeting,
        or changes what an approved referat records (only a new approval does)."""
        refuse_approved_change(self)
        refuse_series_conflict(self)
        save_meeting(self.manifest_path, self.meeting, previous_text=self.manifest_text)


def refuse_approved_change(ctx: MeetingContext) -> None:
    """An approved referat's data (attendance, cases, vedtak) change only by a new approval."""
    if ctx.as_read is not None:
        refuse_changing_approved(ctx.as_read, ctx.meeting, ctx.profile)


def refuse_series_conflict(ctx: MeetingContext) -> None:
    """Planned meetings follow on by themselves; a sent meeting's numbers cannot move, so a
    change that would run into them, or leave a gap before them, is refused."""
    from ho21cli.core.dates import shown_date

    conflict = series_conflict(ctx.archive.series(ctx.mid.year))
    if conflict is None or ctx.series_conflict_before == conflict:
        return
    numbers = ctx.profile.numbers
    sent = ctx.archive.load(conflict.sent.mid)
    what = (
        _(
            "meeting {sent_label} was sent {sent_day} with cases {first}-{last}; "
            "this change would make meeting {label} end at {end} and run into them"
        )
        if conflict.overlap
        else _(
            "meeting {sent_label} was sent {sent_day} with cases {first}-{last}; "
            "this change would make meeting {label} end at {end} and leave a gap before them"
        )
    )
    raise ConflictError(
        what.format(
            sent_label=numbers.label_of(conflict.sent.mid),
            sent_day=shown_date(sent.sent) if sent.sent else "",
            first=conflict.sent.first,
            last=conflict.sent.last,
            label=numbers.label_of(conflict.before.mid),
            end=conflict.before.last,
        ),
        fix=_("Put the case in a meeting after the sent one, or keep the number of cases in the meetings before it."),
    )


def context_of(archive: Archive, mid: MeetingId) -> MeetingContext:
    """The meeting as a command that changes it sees it (the caller holds its lock)."""
    meeting, text = archive.read(mid)
    conflict = series_conflict(archive.series(mid.year))
    return MeetingContext(archive, mid, meeting, archive.profile, text, conflict, as_read=copy.deepcopy(meeting))


def open_meeting(root: Path, ref: str) -> MeetingContext:
    return context_of(*find_meeting(root, ref))


@contextlib.contextmanager
def locked_meeting(root: Path, ref: str) -> Iterator[MeetingContext]:
    """The meeting, read once under its lock: no other ho21 can change it meanwhile."""
    archive, mid = find_meeting(root, ref)
    with folder_lock(archive.meeting_dir(mid)):
        yield context_of(archive, mid)
