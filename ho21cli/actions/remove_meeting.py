"""`ho21 remove-meeting`: a planned meeting taken out of the year, nothing deleted.

The meeting's folder moves into the archive's ``utgått/`` folder, and the
year's later meetings move up one number each, as a meeting planned between
others moves them down (actions/meeting.py). The move aside, the renumbering
and the standard titles that named a meeting by number ("Godkjenning av
referat fra møte 3/2026") are one journaled change (storage/renumber.py): a
crash at any point is finished by the next ho21 command. A meeting whose
innkalling was sent, or that was held, is not removed, nor one whose removal
would renumber a sent meeting.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ho21cli.actions.meeting import archive_lock, refuse_moving_sent, retitles_after
from ho21cli.core.dates import shown_date
from ho21cli.core.model import Meeting
from ho21cli.core.numbering import MeetingId
from ho21cli.errors import ConflictError
from ho21cli.i18n import _
from ho21cli.storage.archive import Archive
from ho21cli.storage.files import folder_lock
from ho21cli.storage.renumber import Move, Renumbering, removal_target, run_renumbering


@dataclass(frozen=True)
class RemovedMeeting:
    label: str
    moved_to: str  # its folder now, in the archive: "utgått/2026-2"
    renumbered: list[tuple[str, str]]  # (old label, new label)
    retitled: list[tuple[str, str, str]]  # (meeting label, old title, new title)


def remove_meeting(root: Path, ref: str) -> RemovedMeeting:
    with archive_lock(root) as archive:
        mid = archive.resolve(ref, archive.profile)
        _refuse_removing_called(archive, mid, archive.load(mid))
        later = [m for m in archive.meeting_ids() if m.year == mid.year and m.number > mid.number]
        refuse_moving_sent(
            archive,
            later,
            why=_("removing a meeting before it would change its number"),
            where=str(archive.meeting_dir(mid)),
            fix=_("Only a meeting after the year's last sent meeting can be removed."),
        )
        moves = [Move(m, MeetingId(m.year, m.number - 1)) for m in later]
        retitles = retitles_after(archive, mid.year, moves, removed=mid)
        change = Renumbering(moves, retitles, mid, removal_target(archive.root, mid))
        labels = [(archive.numbers.label_of(m.old), archive.numbers.label_of(m.new)) for m in moves]
        with contextlib.ExitStack() as locks:
            for folder in _folders_changed(archive, mid, change):
                locks.enter_context(folder_lock(folder))
            run_renumbering(archive.root, change)
        archive.forget()
        retitled = [(archive.numbers.label_of(r.mid), r.old, r.new) for r in retitles]
        return RemovedMeeting(archive.numbers.label_of(mid), change.removed_to, labels, retitled)


def _refuse_removing_called(archive: Archive, mid: MeetingId, meeting: Meeting) -> None:
    """The members have a sent meeting's date and numbers; a held meeting is a record."""
    label, manifest = archive.numbers.label_of(mid), archive.manifest_path(mid)
    if meeting.sent is not None:
        raise ConflictError(
            _("the innkalling of meeting {label} was sent {sent}: the members have its date and case numbers").format(
                label=label, sent=shown_date(meeting.sent)
            ),
            where=str(manifest),
            fix=_(
                "A called meeting stays in the archive; if it is cancelled, tell the members. If the sending "
                "was recorded by mistake, delete the line «sent = …» in {manifest} and remove the meeting again."
            ).format(manifest=manifest),
        )
    if meeting.has_meeting_records:
        raise ConflictError(
            _("meeting {label} has attendance or a referat recorded: it was held").format(label=label),
            where=str(manifest),
            fix=_("A held meeting stays in the archive."),
        )


def _folders_changed(archive: Archive, mid: MeetingId, change: Renumbering) -> list[Path]:
    """Every meeting folder the change touches, by its name now: each is locked while it changes."""
    moved_to = {m.new for m in change.moves}
    touched = [mid, *(m.old for m in change.moves), *(r.mid for r in change.retitles if r.mid not in moved_to)]
    return [archive.meeting_dir(m) for m in dict.fromkeys(touched)]
