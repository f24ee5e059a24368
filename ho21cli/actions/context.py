"""A meeting opened for a command that changes its manifest."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ho21cli.core.model import Meeting, Profile
from ho21cli.core.numbering import MeetingId
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
        save_meeting(self.manifest_path, self.meeting, previous_text=self.manifest_text)


def _context(archive: Archive, mid: MeetingId) -> MeetingContext:
    meeting, text = archive.read(mid)
    return MeetingContext(archive, mid, meeting, archive.profile, text)


def open_meeting(root: Path, ref: str) -> MeetingContext:
    return _context(*find_meeting(root, ref))


@contextlib.contextmanager
def locked_meeting(root: Path, ref: str) -> Iterator[MeetingContext]:
    """The meeting, read once under its lock: no other ho21 can change it meanwhile."""
    archive, mid = find_meeting(root, ref)
    with folder_lock(archive.meeting_dir(mid)):
        yield _context(archive, mid)
